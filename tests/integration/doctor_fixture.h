#pragma once
// What every `doctor` test needs: the Arc cluster of tests/fakes/fixtures/arc-cluster.yaml on a
// fake Kubernetes API server (reached through a kubeconfig file, as kubectl would), the
// connected cluster its azure-clusterconfig names (cluster1 in rg1 of subscription ...0001) and
// OnlineTest's workspace on the fake Azure, and the binary run against both.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/fakes/fake_kube.h"
#include "tests/integration/online_fixture.h"
#include "tests/unit/temp_dir.h"

namespace azureml::testing {

inline const std::string kArcFixture = std::string(AZUREML_SOURCE_DIR) + "/tests/fakes/fixtures/arc-cluster.yaml";
// What the fixture's azure-arc/azure-clusterconfig says.
inline const std::string kArcSubscription = "00000000-0000-0000-0000-000000000001";
inline const std::string kArcGroup = "rg1";
inline const std::string kArcName = "cluster1";
inline const std::string kArcClusterId = "/subscriptions/" + kArcSubscription + "/resourceGroups/" + kArcGroup +
                                         "/providers/Microsoft.Kubernetes/connectedClusters/" + kArcName;
inline const std::string kKubeToken = "fake-kube-token";  // FakeKubeOptions' default token
inline const std::string kCrashingPod = "relayserver-6c8d7f9b5-q7zrk";
inline const std::string kDevicePlugin = "nvidia-device-plugin-daemonset";

struct DoctorRun {
  Run run;
  nlohmann::json report;  // stdout parsed; null when it is not JSON
};

class DoctorTest : public OnlineTest {
 protected:
  explicit DoctorTest(fakes::FakeAzureOptions options = {})
      : OnlineTest(std::move(options)), kube(fakes::FakeKubeOptions{.fixture_file = kArcFixture}) {}

  void SetUp() override {
    OnlineTest::SetUp();
    kube.start();
    kubeconfig = (dir.path() / "kubeconfig").string();
    kube.write_kubeconfig(kubeconfig);
    azure.add_connected_cluster({.subscription = kArcSubscription, .resource_group = kArcGroup, .name = kArcName});
  }

  // `doctor --kubeconfig FILE ARGUMENTS...` as printed for a person.
  azureml::testing::Run doctor(const std::vector<std::string>& arguments, const EnvironmentMap& environment) const {
    std::vector<std::string> all = {"doctor", "--kubeconfig", kubeconfig};
    all.insert(all.end(), arguments.begin(), arguments.end());
    return run(all, environment);
  }
  azureml::testing::Run doctor(const std::vector<std::string>& arguments) const {
    return doctor(arguments, signed_in());
  }

  // The same with -o json, parsed.
  DoctorRun doctor_json(std::vector<std::string> arguments, const EnvironmentMap& environment) const {
    arguments.insert(arguments.end(), {"-o", "json"});
    DoctorRun result{doctor(arguments, environment), nullptr};
    result.report = nlohmann::json::parse(result.run.out, nullptr, false);
    if (result.report.is_discarded()) {
      ADD_FAILURE() << "stdout is not JSON:\n" << result.run.out << "\nstderr:\n" << result.run.err;
      result.report = nullptr;
    }
    return result;
  }
  DoctorRun doctor_json(const std::vector<std::string>& arguments = {}) const {
    return doctor_json(arguments, signed_in());
  }

  // The check named `name`; an empty object (and a failure naming those there are) when absent.
  static nlohmann::json check(const nlohmann::json& report, const std::string& name) {
    if (report.is_object() && report.contains("checks"))
      for (const auto& item : report["checks"])
        if (item.value("name", "") == name) return item;
    ADD_FAILURE() << "no check '" << name << "' in:\n" << report.dump(2);
    return nlohmann::json::object();
  }
  static bool has_check(const nlohmann::json& report, const std::string& name) {
    if (!report.is_object() || !report.contains("checks")) return false;
    for (const auto& item : report["checks"])
      if (item.value("name", "") == name) return true;
    return false;
  }
  static std::vector<std::string> check_names(const nlohmann::json& report) {
    std::vector<std::string> names;
    if (report.is_object() && report.contains("checks"))
      for (const auto& item : report["checks"]) names.push_back(item.value("name", ""));
    return names;
  }

  // An attach configuration written to a file of the test's own.
  std::string write_config(const std::string& text, const std::string& name = "attach.json") const {
    return dir.write(name, text);
  }

  // The fixture's one crash-looping extension pod, restarted and now running and ready.
  void heal_extension_pods() {
    auto pod = kube.object("pods", "azureml", kCrashingPod);
    ASSERT_TRUE(pod) << "the fixture has no pod " << kCrashingPod;
    for (auto& status : (*pod)["status"]["containerStatuses"]) {
      status["ready"] = true;
      status["restartCount"] = 0;
      status["started"] = true;
      status["state"] = {{"running", {{"startedAt", "2024-01-01T00:00:00Z"}}}};
    }
    kube.put_object(*pod);
  }

  void remove_device_plugin() { ASSERT_TRUE(kube.remove_object("daemonsets", "kube-system", kDevicePlugin)); }

  // The environment without AZURE_SUBSCRIPTION_ID: only the cluster can then say which.
  EnvironmentMap signed_in_without_subscription() const {
    EnvironmentMap environment = signed_in();
    environment.erase("AZURE_SUBSCRIPTION_ID");
    return environment;
  }

  test::TempDir dir;
  fakes::FakeKube kube;
  std::string kubeconfig;
};

}  // namespace azureml::testing
