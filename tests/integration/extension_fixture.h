#pragma once
// What every `extension` test needs: DoctorTest's Arc cluster (cluster1 in rg1, on the fake
// Kubernetes API server with an NVIDIA device plugin, and in the fake ARM), the commands run
// through the real binary, and the names the Azure CLI gives the Relay for that cluster.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/integration/doctor_fixture.h"

namespace azureml::testing {

inline const std::string kExtensionsPath = kArcClusterId + "/providers/Microsoft.KubernetesConfiguration/extensions";
inline const std::string kDefaultExtension = kExtensionsPath + "/amlarc-compute";
inline const std::string kRelayNamespaceName = "cluster100000000000000000000000000000001rg1relay";
inline const std::string kRelayNamespace = "/subscriptions/" + kArcSubscription + "/resourceGroups/" + kArcGroup +
                                           "/providers/Microsoft.Relay/namespaces/" + kRelayNamespaceName;
inline const std::string kHybridConnection = kRelayNamespace + "/hybridConnections/" + kArcName;
inline const std::string kRelayRule = kHybridConnection + "/authorizationRules/azureml_rw";

struct ExtensionRun {
  Run run;
  nlohmann::json out;  // stdout parsed; null when it is not JSON
};

class ExtensionTest : public DoctorTest {
 protected:
  using DoctorTest::DoctorTest;

  // `extension VERB --kubeconfig FILE ARGUMENTS... -o json`.
  ExtensionRun extension(const std::string& verb, std::vector<std::string> arguments,
                         const EnvironmentMap& environment) const {
    std::vector<std::string> all = {"extension", verb};
    if (std::find(arguments.begin(), arguments.end(), "--kubeconfig") == arguments.end())
      all.insert(all.end(), {"--kubeconfig", kubeconfig});
    all.insert(all.end(), arguments.begin(), arguments.end());
    all.insert(all.end(), {"-o", "json"});
    ExtensionRun result{run(all, environment), nullptr};
    result.out = nlohmann::json::parse(result.run.out, nullptr, false);
    if (result.out.is_discarded()) result.out = nullptr;
    return result;
  }
  ExtensionRun extension(const std::string& verb, std::vector<std::string> arguments = {}) const {
    return extension(verb, std::move(arguments), signed_in());
  }
  ExtensionRun install(std::vector<std::string> arguments = {"--config", "enableTraining=true"}) const {
    return extension("install", std::move(arguments));
  }

  // The cluster named by flags, with no kubeconfig to read: nothing is learnt from the cluster.
  static std::vector<std::string> without_cluster(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {"--kubeconfig", "/nonexistent/kubeconfig", "--cluster-name", kArcName, "-g",
                                         kArcGroup, "--subscription", kArcSubscription});
    return arguments;
  }

  // "METHOD path" of every ARM request that changes something (not GET, not listKeys).
  std::vector<std::string> mutations() const {
    std::vector<std::string> lines;
    for (const auto& line : arm_requests())
      if (!line.starts_with("GET ") && !line.ends_with("/listKeys")) lines.push_back(line);
    return lines;
  }

  // The ARM requests as "METHOD path", operation status polls folded into "POLL".
  std::vector<std::string> arm_sequence() const {
    std::vector<std::string> lines;
    for (const auto& line : arm_requests())
      lines.push_back(line.find("/operations/") != std::string::npos ? "POLL" : line);
    return lines;
  }

  // The body of the last request `method` sent to `path`, parsed; null when there is none.
  nlohmann::json last_body(const std::string& method, const std::string& path) const {
    nlohmann::json body;
    for (const auto& request : azure.requests())
      if (request.method == method && request.path == path) body = nlohmann::json::parse(request.body, nullptr, false);
    return body;
  }

  // The Relay connection string the extension PUT carried (as the fake's listKeys made it).
  std::string sent_connection_string() const {
    const auto body = last_body("PUT", kDefaultExtension);
    if (!body.is_object()) return "";
    return body["properties"]["configurationProtectedSettings"].value("relayServerConnectionString", "");
  }
};

}  // namespace azureml::testing
