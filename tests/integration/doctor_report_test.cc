// `doctor` as a whole through the real binary: the report's JSON shape and table, exit codes,
// an invalid -f, and what it must never do: change anything, or show a secret with -v.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/integration/doctor_fixture.h"

namespace azureml::testing {
namespace {

using nlohmann::json;

// A cluster and workspace with nothing to report: the crash-looping pod restarted, no device
// plugin of its own, the extension Succeeded, both in eastus, no locks.
class DoctorReportTest : public DoctorTest {
 protected:
  void make_healthy() {
    heal_extension_pods();
    remove_device_plugin();
    azure.add_extension({.cluster_id = kArcClusterId});
  }
};

const std::vector<std::string> kHealthyChecks = {
    "cluster access",
    "namespace",
    "instance type 'defaultInstanceType': nodes",
    "instance type 'defaultInstanceType': resources",
    "NVIDIA device plugin",
    "blobfuse flexvolume driver",
    "blobfuse",
    "extension pods",
    "Azure cluster",
    "AzureML extension",
    "workspace",
    "regions",
    "locks on rg1",
    "locks on rg",
};

TEST_F(DoctorReportTest, HealthyClusterPassesEveryCheckAndExitsZero) {
  make_healthy();
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(check_names(report), kHealthyChecks);
  for (const auto& item : report["checks"]) EXPECT_EQ(item["status"], "pass") << item.dump();
  EXPECT_EQ(report["summary"], (json{{"pass", 14}, {"warn", 0}, {"fail", 0}, {"skip", 0}}));
}

TEST_F(DoctorReportTest, WarningsAloneDoNotFail) {
  // The fixture's own device plugin is a warning (the install must not add another), not a
  // reason to exit 1.
  heal_extension_pods();
  azure.add_extension({.cluster_id = kArcClusterId});
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(report["summary"], (json{{"pass", 13}, {"warn", 1}, {"fail", 0}, {"skip", 0}}));
}

TEST_F(DoctorReportTest, JsonHasChecksAndSummaryOnly) {
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(report.size(), 2u);
  ASSERT_TRUE(report["checks"].is_array());
  ASSERT_FALSE(report["checks"].empty());
  std::size_t pass = 0, warn = 0, fail = 0, skip = 0;
  for (const auto& item : report["checks"]) {
    ASSERT_TRUE(item.is_object());
    EXPECT_TRUE(item["name"].is_string()) << item.dump();
    EXPECT_TRUE(item["found"].is_string()) << item.dump();
    const std::string status = item["status"];
    // A fix exactly where something is wrong: never on a pass or a skip, always on a warn or fail.
    const bool wrong = status == "warn" || status == "fail";
    EXPECT_EQ(item.contains("fix"), wrong) << item.dump();
    if (item.contains("fix")) {
      EXPECT_FALSE(item["fix"].get<std::string>().empty()) << item.dump();
    }
    EXPECT_EQ(item.size(), wrong ? 4u : 3u) << item.dump();
    pass += status == "pass";
    warn += status == "warn";
    fail += status == "fail";
    skip += status == "skip";
  }
  EXPECT_EQ(report["summary"], (json{{"pass", pass}, {"warn", warn}, {"fail", fail}, {"skip", skip}}));
  // The fixture as it is: the device plugin warns, the crash-looping pod fails, the extension is absent.
  EXPECT_EQ(report["summary"], (json{{"pass", 11}, {"warn", 2}, {"fail", 1}, {"skip", 0}}));
  EXPECT_EQ(run.exit_code, 1);
}

TEST_F(DoctorReportTest, KeysAreInAStableOrder) {
  // Scripts and the az shim read this; the order of keys is part of what they see.
  const auto run = doctor({"-o", "json"});
  EXPECT_EQ(
      run.out.rfind("{\n  \"checks\": [\n    {\n      \"name\": \"cluster access\",\n      \"status\": \"pass\",\n"
                    "      \"found\": ",
                    0),
      0u)
      << run.out;
  EXPECT_NE(run.out.find("\n  \"summary\": {\n    \"pass\": "), std::string::npos) << run.out;
}

TEST_F(DoctorReportTest, TableShowsOneRowPerCheckFixesBelowAndASummary) {
  make_healthy();
  azure.add_lock("/subscriptions/" + kSubscription + "/resourceGroups/" + kGroup, "keep", "CanNotDelete");
  const auto run = doctor({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "STATUS   CHECK                                            FOUND\n"
            "PASS     cluster access                                   5 nodes at " +
                kube.base_url() +
                " (context fake-kube)\n"
                "PASS     namespace                                        namespace 'default' exists\n"
                "PASS     instance type 'defaultInstanceType': nodes       5 Ready nodes match any node: arc-cp-0, "
                "arc-cpu-0, arc-cpu-1, arc-gpu-0, arc-gpu-1\n"
                "PASS     instance type 'defaultInstanceType': resources   requests cpu=1, memory=4Gi; fits arc-cpu-0 "
                "(cpu=7820m, memory=28374396Ki)\n"
                "PASS     NVIDIA device plugin                             not installed; the extension installs it "
                "unless installNvidiaDevicePlugin=False\n"
                "PASS     blobfuse flexvolume driver                       not installed; the extension installs it "
                "unless installBlobfuseFlexvol=False\n"
                "PASS     blobfuse                                         not installed; the extension installs it "
                "unless installBlobfuseSysctl=False\n"
                "PASS     extension pods                                   7 of 7 pods healthy\n"
                "PASS     Azure cluster                                    " +
                kArcClusterId +
                " in eastus\n"
                "PASS     AzureML extension                                'azureml' is Succeeded\n"
                "PASS     workspace                                        " +
                kWorkspaceId +
                " in eastus\n"
                "PASS     regions                                          cluster and workspace are both in eastus\n"
                "PASS     locks on rg1                                     none\n"
                "WARN     locks on rg                                      CanNotDelete lock 'keep': detach and "
                "delete will be refused\n"
                "                                                          fix: remove the lock before detaching\n"
                "13 passed, 1 warning, 0 failed, 0 skipped\n");
  EXPECT_EQ(run.err, "");
}

TEST_F(DoctorReportTest, InvalidConfigurationIsAUsageErrorWithItsDiagnostics) {
  const std::string config = write_config(R"({"namespace": "azureml", "defaultInstanceType": "gpu",
 "instanceTypes": {"gpu": {"resources": {"requests": {"nvidia.com/gpu": "4"}}}}})");
  const auto run = doctor({"-f", config});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, config +
                         ":2:73: error: instanceTypes.gpu.resources.requests[\"nvidia.com/gpu\"]: a GPU request "
                         "needs a limit (add limits.\"nvidia.com/gpu\": \"4\")\n"
                         "error: " +
                         config + " is not a valid attach configuration; see 'kubectl azureml validate'\n");
  // Nothing is checked against a configuration that is not one.
  EXPECT_TRUE(azure.requests().empty());
}

TEST_F(DoctorReportTest, InvalidConfigurationOnStdinIsNamedStdin) {
  EnvironmentMap environment = signed_in();
  const auto run = run_binary({"doctor", "--kubeconfig", kubeconfig, "-f", "-"}, "namespace: Bad_NS\n", environment);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("<stdin>:1:12: error: namespace: 'Bad_NS' is not a valid namespace name", 0), 0u) << run.err;
  EXPECT_NE(run.err.find("\nerror: <stdin> is not a valid attach configuration; see 'kubectl azureml validate'\n"),
            std::string::npos)
      << run.err;
}

TEST_F(DoctorReportTest, MissingConfigurationFileIsAUsageError) {
  const auto run = doctor({"-f", (dir.path() / "absent.json").string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "error: cannot read '" + (dir.path() / "absent.json").string() + "': No such file or directory\n");
}

TEST_F(DoctorReportTest, SendsOnlyReadsToKubernetesAndAzure) {
  // Every check through every path, failing ones included.
  azure.add_extension({.cluster_id = kArcClusterId, .provisioning_state = "Failed"});
  azure.add_lock("/subscriptions/" + kArcSubscription + "/resourceGroups/" + kArcGroup, "freeze", "ReadOnly");
  const auto config = write_config(R"({"namespace": "azureml", "defaultInstanceType": "gpu", "instanceTypes": {
      "gpu": {"nodeSelector": {"agentpool": "gpu"},
              "resources": {"requests": {"cpu": "4"}, "limits": {"nvidia.com/gpu": "4"}}}}})");
  const auto [run, report] = doctor_json({"-f", config, "-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(run.exit_code, 1) << run.err;

  const auto kube_requests = kube.requests();
  ASSERT_FALSE(kube_requests.empty());
  for (const auto& request : kube_requests) EXPECT_EQ(request.http.method, "GET") << request.http.path;

  const std::string token_path = "/" + azure.options().tenant_id + "/oauth2/v2.0/token";
  std::size_t reads = 0;
  for (const auto& request : azure.requests()) {
    if (request.path == token_path) {
      EXPECT_EQ(request.method, "POST");  // the client credential grant: a token, not a change
      continue;
    }
    EXPECT_EQ(request.method, "GET") << request.path;
    ++reads;
  }
  // The cluster, its extensions, the workspace, the locks of two groups and of their two
  // subscriptions (atScope()).
  EXPECT_EQ(reads, 7u);
}

TEST_F(DoctorReportTest, VerboseLogsRequestsButNoSecret) {
  make_healthy();
  const auto run = doctor({"-v", "-w", kWorkspaceName, "-g", kGroup, "-o", "none"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  // -v does log (else this test would prove nothing)...
  EXPECT_NE(run.err.find("GET " + kube.base_url() + "/api/v1/nodes"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("/oauth2/v2.0/token"), std::string::npos) << run.err;
  // ...but neither the kubeconfig's token, nor the client secret, nor any bearer token.
  EXPECT_EQ(run.err.find(kKubeToken), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(azure.options().client_secret), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("Bearer"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("eyJ"), std::string::npos) << run.err;  // the start of every JWT
  EXPECT_EQ(run.out, "");
}

TEST_F(DoctorReportTest, VerboseFailureShowsNoSecretEither) {
  // A refused token is where a careless log would print what was sent.
  kube.write_kubeconfig(kubeconfig, {.token = "wrong-but-still-secret"});
  const auto run = doctor({"-v", "-o", "json"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("401"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("wrong-but-still-secret"), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("wrong-but-still-secret"), std::string::npos) << run.out;
  EXPECT_EQ(run.err.find(azure.options().client_secret), std::string::npos) << run.err;
}

}  // namespace
}  // namespace azureml::testing
