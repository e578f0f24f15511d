#pragma once
// What the ArmClient tests against the fake Azure share: the fake over HTTPS (seeded with one
// subscription, resource group, connected cluster and workspace), the product's own pieces wired
// as main() wires them (CurlTransport trusting the fake's CA, DefaultAzureCredential from a
// service principal in the environment, AZURE_AUTHORITY_HOST at the fake), and an ArmClient on a
// FakeClock so that Retry-After and backoff waits cost no wall time.
//
// The fake judges token expiry on a FakeClock of its own that nobody advances (fake_wall()), set
// to the same instant the client's FakeClock starts at: tokens it issues look fresh to the client,
// and the fake's threads never read a clock the test thread moves.
#include <gtest/gtest.h>

#include <strings.h>

#include <chrono>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/arm/long_running.h"
#include "core/auth/default_credential.h"
#include "core/http/curl_transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"
#include "core/util/process_runner.h"
#include "tests/fakes/fake_azure.h"

namespace azureml::arm::fake_azure {

using fakes::FakeAzure;
using fakes::FakeAzureOptions;
using fakes::Fault;
using fakes::OperationOutcome;

inline const std::string kSub = "00000000-0000-0000-0000-000000000001";
inline const std::string kGroup = "/subscriptions/" + kSub + "/resourceGroups/rg1";
inline const std::string kCluster = kGroup + "/providers/Microsoft.Kubernetes/connectedClusters/cluster1";
inline const std::string kWorkspace = kGroup + "/providers/Microsoft.MachineLearningServices/workspaces/ws1";
inline const std::string kCompute = kWorkspace + "/computes/c1";
inline const std::string kExtension = kCluster + "/providers/Microsoft.KubernetesConfiguration/extensions/azureml";
inline const std::string kRelay = kGroup + "/providers/Microsoft.Relay/namespaces/relay1";
inline const std::string kHybridConnection = kRelay + "/hybridConnections/hc1";
inline constexpr const char* kApi = "2024-04-01";
inline constexpr const char* kArmScope = "https://management.azure.com/.default";
inline constexpr const char* kUserAgent = "kubectl-azureml/0.1.0 (fake-azure arm test)";

// The fakes' wall clock: FakeClock's starting instant, forever (read-only, so shared safely).
inline const FakeClock& fake_wall() {
  static const FakeClock clock;
  return clock;
}

// What attach sends: a Kubernetes compute on the seeded cluster.
inline nlohmann::json kubernetes_compute() {
  return {{"location", "eastus"},
          {"properties",
           {{"computeType", "Kubernetes"},
            {"resourceId", kCluster},
            {"properties", {{"namespace", "azureml"}, {"defaultInstanceType", "defaultinstancetype"}}}}}};
}

// A compute that already exists and is done provisioning (for DELETE).
inline nlohmann::json existing_compute() {
  return {
      {"id", kCompute},
      {"name", "c1"},
      {"type", "Microsoft.MachineLearningServices/workspaces/computes"},
      {"location", "eastus"},
      {"properties", {{"computeType", "Kubernetes"}, {"resourceId", kCluster}, {"provisioningState", "Succeeded"}}}};
}

// Removes response headers by name: an RP that answers a long-running request with only
// Location, or with nothing but provisioningState, which the fake itself never does.
class DroppingHeaders final : public http::Transport {
 public:
  DroppingHeaders(http::Transport& inner, std::vector<std::string> names) : inner_(inner), names_(std::move(names)) {}
  Result<http::Response, http::TransportError> send(const http::Request& request) override {
    auto result = inner_.send(request);
    if (!result.ok()) return result;
    auto response = std::move(result).value();
    std::erase_if(response.headers, [&](const http::Header& header) {
      for (const auto& name : names_)
        if (strcasecmp(name.c_str(), header.name.c_str()) == 0) return true;
      return false;
    });
    return response;
  }

 private:
  http::Transport& inner_;
  std::vector<std::string> names_;
};

struct HarnessOptions {
  std::chrono::milliseconds total_timeout{std::chrono::seconds(30)};  // the transport's, per exchange
  std::vector<std::string> drop_response_headers{};                   // see DroppingHeaders
  bool static_token = false;    // AZUREML_ARM_TOKEN (a token the fake issued) instead of the service principal
  std::string client_secret{};  // "" = the fake's own (the right one)
  int max_attempts = 5;
};

class ArmHarness {
 public:
  explicit ArmHarness(FakeAzureOptions fake = {}, HarnessOptions harness = {}) : azure(with_https(std::move(fake))) {
    azure.add_connected_cluster({.subscription = kSub, .resource_group = "rg1", .name = "cluster1"});
    azure.add_workspace({.subscription = kSub, .resource_group = "rg1", .name = "ws1"});
    azure.start();

    http::CurlOptions curl;
    curl.user_agent = kUserAgent;
    curl.ca_bundle = azure.ca_file();
    curl.connect_timeout = std::chrono::seconds(5);
    curl.total_timeout = harness.total_timeout;
    transport = http::make_curl_transport(curl, environment);
    if (!harness.drop_response_headers.empty())
      dropping = std::make_unique<DroppingHeaders>(*transport, harness.drop_response_headers);

    if (harness.static_token) {
      static_token = azure.issue_token().access_token;
      environment.set("AZUREML_ARM_TOKEN", static_token);
    } else {
      environment.set("AZURE_TENANT_ID", azure.options().tenant_id);
      environment.set("AZURE_CLIENT_ID", azure.options().client_id);
      environment.set("AZURE_CLIENT_SECRET",
                      harness.client_secret.empty() ? azure.options().client_secret : harness.client_secret);
      environment.set("AZURE_AUTHORITY_HOST", azure.base_url());
    }
    environment.set("PATH", "/nonexistent");  // never the real az
    credential = auth::make_default_credential(environment, wire(), clock, runner);

    ArmClientOptions options;
    options.endpoint = azure.base_url();
    options.scope = kArmScope;  // the fake issues tokens for ARM's audience, not for its own URL
    options.user_agent = kUserAgent;
    options.random = [] { return 0.5; };  // backoff waits are exactly half their cap
    options.retry.max_attempts = harness.max_attempts;
    options.on_event = [this](const ArmEvent& event) { events.push_back(event); };
    client = std::make_unique<ArmClient>(wire(), *credential, clock, options);
  }

  http::Transport& wire() { return dropping ? *dropping : *transport; }

  // "METHOD path -> status" for every request the fake recorded, operation ids replaced by
  // {id}: what the run sent, in order.
  std::vector<std::string> sequence() const {
    static const std::regex operation_id(R"(/(operations|operationResults)/[0-9a-fA-F-]{36})");
    std::vector<std::string> out;
    for (const auto& request : azure.requests())
      out.push_back(request.method + " " + std::regex_replace(request.path, operation_id, "/$1/{id}") + " -> " +
                    std::to_string(request.status));
    return out;
  }

  std::string token_request(int status = 200) const {
    return "POST /" + azure.options().tenant_id + "/oauth2/v2.0/token -> " + std::to_string(status);
  }

  std::vector<std::chrono::milliseconds> retry_delays() const {
    std::vector<std::chrono::milliseconds> out;
    for (const auto& event : events)
      if (event.kind == ArmEvent::Kind::retrying) out.push_back(event.delay);
    return out;
  }

  FakeAzure azure;
  FakeClock clock;
  MapEnvironment environment;
  PosixProcessRunner runner{environment};
  std::unique_ptr<http::Transport> transport;
  std::unique_ptr<DroppingHeaders> dropping;
  std::unique_ptr<auth::TokenCredential> credential;
  std::unique_ptr<ArmClient> client;
  std::vector<ArmEvent> events;
  std::string static_token;  // with HarnessOptions::static_token

 private:
  static FakeAzureOptions with_https(FakeAzureOptions options) {
    options.https = true;
    options.clock = &fake_wall();
    return options;
  }
};

// "path" and "GET path -> 200" helpers for expected sequences.
inline std::string line(const std::string& method, const std::string& path, int status) {
  return method + " " + path + " -> " + std::to_string(status);
}

}  // namespace azureml::arm::fake_azure
