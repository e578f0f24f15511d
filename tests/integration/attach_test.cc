// `attach` and `detach` through the real binary against the fakes: the requests a ready cluster
// needs, converging re-runs, refusals that change nothing, the extension first, preflight.
#include <gtest/gtest.h>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/integration/extension_fixture.h"

namespace azureml::testing {
namespace {

using nlohmann::json;

const std::string kCompute = kWorkspaceId + "/computes/arc";
const char* kConfig = R"({
  "namespace": "azureml",
  "defaultInstanceType": "cpu",
  "instanceTypes": {
    "cpu": {"nodeSelector": {"agentpool": "cpu"},
            "resources": {"requests": {"cpu": "1", "memory": "4Gi"}, "limits": {"cpu": "2", "memory": "8Gi"}}}
  }
})";

class AttachTest : public ExtensionTest {
 protected:
  void SetUp() override {
    ExtensionTest::SetUp();
    config = dir.write("attach.json", kConfig);
  }

  void ready_extension() { azure.add_extension({.cluster_id = kArcClusterId, .name = "azureml"}); }

  // `attach arc -w ws -g rg --kubeconfig K -f CONFIG ARGUMENTS... -o json`
  ExtensionRun attach(std::vector<std::string> arguments = {}) const {
    std::vector<std::string> all = {"attach", "arc", "-w", kWorkspaceName, "-g", kGroup, "--kubeconfig", kubeconfig};
    if (std::find(arguments.begin(), arguments.end(), "-f") == arguments.end()) all.insert(all.end(), {"-f", config});
    all.insert(all.end(), arguments.begin(), arguments.end());
    all.insert(all.end(), {"-o", "json"});
    ExtensionRun result{run(all), nullptr};
    result.out = json::parse(result.run.out, nullptr, false);
    if (result.out.is_discarded()) result.out = nullptr;
    return result;
  }

  std::string config;
};

TEST_F(AttachTest, ReadyClusterIsAttachedWithTheFewestRequests) {
  ready_extension();
  const auto [run, out] = attach();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "created");
  EXPECT_EQ(out["provisioningState"], "Succeeded");
  EXPECT_EQ(arm_sequence(),
            (std::vector<std::string>{"GET " + kWorkspaceId, "GET " + kCompute, "GET " + kExtensionsPath,
                                      "PUT " + kCompute, "POLL", "POLL", "GET " + kCompute}));
  const json body = last_body("PUT", kCompute);
  EXPECT_EQ(body["location"], "eastus");
  EXPECT_EQ(body["properties"]["computeType"], "Kubernetes");
  EXPECT_EQ(body["properties"]["resourceId"], kArcClusterId);
  EXPECT_EQ(body["properties"]["properties"]["namespace"], "azureml");
  EXPECT_EQ(body["properties"]["properties"]["instanceTypes"]["cpu"]["resources"]["limits"]["memory"], "8Gi");
  // As azure-ai-ml sends it (audit D11); nothing else unless asked for.
  EXPECT_EQ(body["properties"]["computeLocation"], "eastus");
  EXPECT_FALSE(body.contains("identity") || body.contains("tags") || body["properties"].contains("description"))
      << body.dump();
}

TEST_F(AttachTest, IdentityDescriptionAndTagsAreSentAndConverge) {
  ready_extension();
  const std::string identity = "/subscriptions/" + kSubscription + "/resourceGroups/" + kGroup +
                               "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/trainer";
  const std::vector<std::string> extra = {
      "--assign-identity", "[system]", "--assign-identity", identity, "--description",
      "GPU pool",          "--tags",   "team=vision",       "--tags", "cost=ml"};
  const auto [run, out] = attach(extra);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json body = last_body("PUT", kCompute);
  EXPECT_EQ(body["identity"],
            json({{"type", "SystemAssigned,UserAssigned"}, {"userAssignedIdentities", {{identity, json::object()}}}}));
  EXPECT_EQ(body["properties"]["description"], "GPU pool");
  EXPECT_EQ(body["tags"], json({{"team", "vision"}, {"cost", "ml"}}));
  azure.clear_requests();
  EXPECT_EQ(attach(extra).out["action"], "unchanged");
  // Not named again, they stay: a re-run without them changes nothing.
  EXPECT_EQ(attach().out["action"], "unchanged");
  const auto other = attach({"--description", "CPU pool"});
  EXPECT_EQ(other.run.exit_code, 2);
  EXPECT_NE(other.run.err.find("description 'GPU pool' -> 'CPU pool'"), std::string::npos) << other.run.err;
  const auto replaced = attach({"--description", "CPU pool", "--overwrite"});
  ASSERT_EQ(replaced.run.exit_code, 0) << replaced.run.err;
  const json again = last_body("PUT", kCompute);
  EXPECT_EQ(again["properties"]["description"], "CPU pool");
  EXPECT_EQ(again["identity"]["type"], "SystemAssigned,UserAssigned");   // kept
  EXPECT_EQ(again["tags"], json({{"team", "vision"}, {"cost", "ml"}}));  // kept
}

TEST_F(AttachTest, BadIdentitiesAndTagsAreNamedBeforeAnythingIsSent) {
  const auto [run, out] = attach({"--assign-identity", "trainer", "--tags", "novalue"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--assign-identity 'trainer' is"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--tags 'novalue' is not KEY=VALUE (for example --tags team=vision)"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("the compute's options are not valid; nothing was sent"), std::string::npos) << run.err;
  EXPECT_TRUE(azure.requests().empty());
}

TEST_F(AttachTest, RerunOfTheSameAttachSendsNoPut) {
  ready_extension();
  ASSERT_EQ(attach().run.exit_code, 0);
  azure.clear_requests();
  const auto [run, out] = attach();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "unchanged");
  EXPECT_EQ(arm_sequence(), (std::vector<std::string>{"GET " + kWorkspaceId, "GET " + kCompute}));
}

TEST_F(AttachTest, AttachCutShortIsWaitedForByTheRerunWithoutASecondPut) {
  ready_extension();
  const auto started = attach({"--no-wait"});
  ASSERT_EQ(started.run.exit_code, 0) << started.run.err;
  EXPECT_EQ(started.out["action"], "started");
  azure.clear_requests();
  const auto [run, out] = attach();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "created");
  EXPECT_EQ(out["provisioningState"], "Succeeded");
  EXPECT_NE(run.err.find("compute arc is Creating: waiting for it"), std::string::npos) << run.err;
  EXPECT_TRUE(mutations().empty());
}

TEST_F(AttachTest, FailedComputeIsAttachedAgainByTheRerun) {
  ready_extension();
  azure.set_operation_outcome("PUT", "/computes/", {.status = "Failed", .error_code = "Boom", .error_message = "x"});
  ASSERT_EQ(attach().run.exit_code, 1);
  auto failed = azure.resource(kCompute);
  (*failed)["properties"]["provisioningState"] = "Failed";
  azure.put_resource(*failed);
  azure.clear_operation_outcomes();
  azure.clear_requests();
  const auto [run, out] = attach();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(mutations(), (std::vector<std::string>{"PUT " + kCompute}));
  EXPECT_NE(run.err.find("the compute's last attach ended Failed: attaching it again"), std::string::npos) << run.err;
}

TEST_F(AttachTest, DifferentExistingComputeIsRefusedWithTheDifferenceUnlessOverwrite) {
  ready_extension();
  ASSERT_EQ(attach().run.exit_code, 0);
  const std::string other = dir.write("other.json", R"({"namespace": "azure-arc"})");
  azure.clear_requests();
  const auto refused = attach({"-f", other});
  EXPECT_EQ(refused.run.exit_code, 2);
  EXPECT_NE(refused.run.err.find("namespace 'azureml' -> 'azure-arc'"), std::string::npos) << refused.run.err;
  EXPECT_NE(refused.run.err.find("instance type cpu removed"), std::string::npos) << refused.run.err;
  EXPECT_NE(refused.run.err.find("pass --overwrite"), std::string::npos) << refused.run.err;
  EXPECT_TRUE(mutations().empty());
  const auto replaced = attach({"-f", other, "--overwrite", "--skip-preflight"});
  ASSERT_EQ(replaced.run.exit_code, 0) << replaced.run.err;
  EXPECT_EQ(replaced.out["action"], "updated");
  EXPECT_EQ(last_body("PUT", kCompute)["properties"]["properties"]["namespace"], "azure-arc");
}

TEST_F(AttachTest, ComputeOfAnotherTypeUnderTheNameIsExitTwo) {
  ready_extension();
  azure.put_resource({{"id", kCompute},
                      {"name", "arc"},
                      {"type", "Microsoft.MachineLearningServices/workspaces/computes"},
                      {"location", "eastus"},
                      {"properties", {{"computeType", "AmlCompute"}, {"provisioningState", "Succeeded"}}}});
  const auto [run, out] = attach();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("compute arc already exists in the workspace with computeType AmlCompute, not Kubernetes"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(mutations().empty());
}

TEST_F(AttachTest, ClusterWithoutTheExtensionIsRefusedWithTheFix) {
  const auto [run, out] = attach();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("cluster cluster1 has no AzureML extension"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--install-extension --config enableTraining=true"), std::string::npos) << run.err;
  EXPECT_TRUE(mutations().empty());
}

TEST_F(AttachTest, FailedExtensionIsRefused) {
  azure.add_extension({.cluster_id = kArcClusterId, .name = "azureml", .provisioning_state = "Failed"});
  const auto [run, out] = attach();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("the AzureML extension azureml on cluster cluster1 is Failed, not Succeeded"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(mutations().empty());
}

TEST_F(AttachTest, InstallExtensionFirstThenAttach) {
  const auto [run, out] = attach({"--install-extension", "--config", "enableTraining=true"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["extension"]["action"], "created");
  EXPECT_EQ(out["action"], "created");
  EXPECT_EQ(mutations().back(), "PUT " + kCompute);
  EXPECT_TRUE(azure.resource(kDefaultExtension));
}

TEST_F(AttachTest, ExtensionSettingsWithoutInstallExtensionAreAUsageError) {
  const auto [run, out] = attach({"--config", "enableTraining=true"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("extension settings are used only with --install-extension"), std::string::npos) << run.err;
}

TEST_F(AttachTest, PreflightFailuresStopTheAttachUnlessSkipped) {
  ready_extension();
  const std::string advanced = std::string(AZUREML_SOURCE_DIR) + "/examples/attach-advanced.json";
  const auto [run, out] = attach({"-f", advanced});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("error: preflight: namespace: namespace 'amlarc-testing' does not exist"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("pass --skip-preflight"), std::string::npos) << run.err;
  EXPECT_TRUE(mutations().empty());
  const auto skipped = attach({"-f", advanced, "--skip-preflight"});
  ASSERT_EQ(skipped.run.exit_code, 0) << skipped.run.err;
}

TEST_F(AttachTest, DemoClusterPassesEveryPreflightCheckOfTheAdvancedExample) {
  ready_extension();
  fakes::FakeKube ready(
      fakes::FakeKubeOptions{.fixture_file = std::string(AZUREML_SOURCE_DIR) + "/examples/demo/cluster.yaml"});
  ready.start();
  const std::string ready_kubeconfig = (dir.path() / "ready-kubeconfig").string();
  ready.write_kubeconfig(ready_kubeconfig);
  const azureml::testing::Run attached =
      run({"attach", "arc", "-w", kWorkspaceName, "-g", kGroup, "--kubeconfig", ready_kubeconfig, "-f",
           std::string(AZUREML_SOURCE_DIR) + "/examples/attach-advanced.json"});
  ASSERT_EQ(attached.exit_code, 0) << attached.err;
  EXPECT_EQ(attached.err.find("warning"), std::string::npos) << attached.err;
}

TEST_F(AttachTest, FailedAttachSaysWhy) {
  ready_extension();
  azure.set_operation_outcome(
      "PUT", "/computes/",
      {.status = "Failed", .error_code = "KubernetesUnreachable", .error_message = "the cluster did not answer"});
  const auto [run, out] = attach();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("compute arc failed to attach"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("KubernetesUnreachable"), std::string::npos) << run.err;
}

TEST_F(AttachTest, DryRunSendsNoPut) {
  ready_extension();
  const auto [run, out] = attach({"--dry-run"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "would be created");
  EXPECT_TRUE(mutations().empty());
  EXPECT_EQ(out["changes"][0]["method"], "PUT");
}

TEST_F(AttachTest, MissingWorkspaceIsExitFour) {
  const azureml::testing::Run missing =
      run({"attach", "arc", "-w", "nope", "-g", kGroup, "--kubeconfig", kubeconfig, "-f", config});
  EXPECT_EQ(missing.exit_code, 4) << missing.err;
  EXPECT_NE(missing.err.find("workspaces/nope not found"), std::string::npos) << missing.err;
}

TEST_F(AttachTest, ShowJoinsComputeExtensionAndPods) {
  ready_extension();
  ASSERT_EQ(attach().run.exit_code, 0);
  azure.clear_requests();
  const azureml::testing::Run shown =
      run({"show", "arc", "-w", kWorkspaceName, "-g", kGroup, "--kubeconfig", kubeconfig, "-o", "json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const json out = json::parse(shown.out);
  EXPECT_EQ(out["computeType"], "Kubernetes");
  EXPECT_EQ(out["provisioningState"], "Succeeded");
  EXPECT_EQ(out["properties"]["namespace"], "azureml");
  EXPECT_EQ(out["extension"]["name"], "azureml");
  EXPECT_EQ(out["extension"]["provisioningState"], "Succeeded");
  ASSERT_TRUE(out["extension"]["pods"].is_array());
  EXPECT_EQ(out["extension"]["pods"].size(), 7u);
  EXPECT_EQ(arm_sequence(), (std::vector<std::string>{"GET " + kCompute, "GET " + kExtensionsPath}));
}

TEST_F(AttachTest, ShowOfAMissingComputeIsExitFour) {
  const azureml::testing::Run shown = run({"show", "nope", "-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(shown.exit_code, 4);
  EXPECT_NE(shown.err.find("compute nope not found in workspace ws"), std::string::npos) << shown.err;
}

// --- interrupts (a real SIGINT to the running binary) ---

class InterruptTest : public AttachTest {
 protected:
  // Starts attach, waits until the fake has seen `request` ("PUT", "/computes/arc"), sends
  // SIGINT `times` times, and returns what the binary did.
  azureml::testing::Run interrupt_after(const std::string& method, const std::string& path_part, int times = 1) {
    std::vector<std::string> all = {"attach",       "arc",      "-w", kWorkspaceName, "-g", kGroup,
                                    "--kubeconfig", kubeconfig, "-f", config,         "-o", "json"};
    azureml::testing::RunningBinary running(all, "", signed_in());
    const auto seen = [&] {
      for (const auto& request : azure.requests())
        if (request.method == method && request.path.find(path_part) != std::string::npos) return true;
      return false;
    };
    for (int i = 0; i < 1000 && !seen(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_TRUE(seen()) << running.err_so_far();
    for (int i = 0; i < times; ++i) {
      running.signal(SIGINT);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return running.finish();
  }
};

TEST_F(InterruptTest, WhileWaitingItSaysWhatWasSentAndARerunWaitsWithoutASecondPut) {
  ready_extension();
  azure.add_fault(fakes::Fault::slow(2000, "GET", "/computes/arc/operations/"));  // the first status check is slow
  const auto interrupted = interrupt_after("GET", "/computes/arc/operations/");
  EXPECT_EQ(interrupted.exit_code, 130) << interrupted.err;
  EXPECT_NE(interrupted.err.find("interrupted while waiting for PUT"), std::string::npos) << interrupted.err;
  EXPECT_NE(interrupted.err.find("sent before the interrupt: attach compute arc (cluster " + kArcName +
                                 ") (still running in Azure)"),
            std::string::npos)
      << interrupted.err;
  EXPECT_NE(interrupted.err.find("run the same command again to finish"), std::string::npos) << interrupted.err;

  azure.clear_faults();
  azure.clear_requests();
  const auto again = attach();
  ASSERT_EQ(again.run.exit_code, 0) << again.run.err;
  // Created by the first run's PUT: found done, or waited for; never sent again.
  EXPECT_TRUE(again.out["action"] == "created" || again.out["action"] == "unchanged") << again.out.dump();
  EXPECT_TRUE(mutations().empty()) << ::testing::PrintToString(mutations());
  EXPECT_EQ(azure.resource(kCompute)->at("properties").at("provisioningState"), "Succeeded");
}

TEST_F(InterruptTest, BeforeThePutNothingIsSentAndNothingChanges) {
  ready_extension();
  azure.add_fault(fakes::Fault::slow(3000, "GET", "/extensions$"));  // interrupted while listing extensions
  const auto interrupted = interrupt_after("GET", "/extensions");
  EXPECT_EQ(interrupted.exit_code, 130) << interrupted.err;
  // The request in flight is abandoned (libcurl's progress check), not waited out.
  EXPECT_NE(interrupted.err.find("interrupted while waiting for ARM's answer to GET "), std::string::npos)
      << interrupted.err;
  EXPECT_NE(interrupted.err.find("nothing was changed in Azure"), std::string::npos) << interrupted.err;
  EXPECT_TRUE(mutations().empty()) << ::testing::PrintToString(mutations());
  EXPECT_FALSE(azure.resource(kCompute));
}

TEST_F(InterruptTest, ASecondSignalStopsAtOnce) {
  ready_extension();
  azure.add_fault(fakes::Fault::slow(5000, "GET", "/extensions$"));
  const auto start = std::chrono::steady_clock::now();
  const auto stopped = interrupt_after("GET", "/extensions", 2);
  EXPECT_EQ(stopped.exit_code, 130) << stopped.err;
  EXPECT_NE(stopped.err.find("interrupted again: stopping now"), std::string::npos) << stopped.err;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(4500));  // did not wait out the 5 s
}

// --- fleets ---

class FleetTest : public AttachTest {
 protected:
  // Clusters edge-0..edge-(n-1) in group "edge", each with a Succeeded AzureML extension.
  void seed(int n) {
    for (int i = 0; i < n; ++i) {
      const std::string id = azure.add_connected_cluster(
          {.subscription = kSubscription, .resource_group = "edge", .name = "edge-" + std::to_string(i)});
      azure.add_extension({.cluster_id = id, .name = "azureml"});
    }
  }
  std::string fleet_file(int n, const std::string& extra = "") const {
    std::string text = "workspace: " + kWorkspaceName + "\nresourceGroup: " + kGroup + "\nconfig: attach.json\n" +
                       extra + "clusters:\n";
    for (int i = 0; i < n; ++i)
      text += "  - {name: c" + std::to_string(i) + ", cluster: edge-" + std::to_string(i) +
              ", clusterResourceGroup: edge}\n";
    return dir.write("fleet.yaml", text);
  }
  azureml::testing::Run fleet(const std::string& file, std::vector<std::string> extra = {}) const {
    std::vector<std::string> all = {"attach", "--fleet", file, "-o", "json"};
    all.insert(all.end(), extra.begin(), extra.end());
    return run(all);
  }
};

TEST_F(FleetTest, EveryClusterIsAttachedAndThrottlingIsSharedWithoutFailures) {
  seed(6);
  azure.add_fault({.kind = fakes::FaultKind::status,
                   .method = "PUT",
                   .path_regex = "/computes/",
                   .times = 4,
                   .status = 429,
                   .retry_after = 1});
  const auto result = fleet(fleet_file(6), {"--parallel", "3"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json out = json::parse(result.out);
  ASSERT_EQ(out.size(), 6u);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(out[i]["name"], "c" + std::to_string(i));
    EXPECT_EQ(out[i]["action"], "created") << out[i].dump();
    EXPECT_TRUE(azure.resource(kWorkspaceId + "/computes/c" + std::to_string(i)));
  }
  EXPECT_EQ(azure.faults_fired(), 4u);
  EXPECT_NE(result.err.find("[6/6]"), std::string::npos) << result.err;
}

// ARM's token bucket, scaled down: every PUT past the burst is refused with Retry-After until
// a token is back. A 429 with Retry-After is not a failed attempt, so none of them fails.
TEST_F(FleetTest, ARateLimitedArmThrottlesTheFleetButFailsNoCluster) {
  seed(8);
  azure.set_rate_limits({.reads = std::nullopt, .writes = {{2, 4}}, .deletes = std::nullopt});
  const auto result = fleet(fleet_file(8), {"--parallel", "4"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json out = json::parse(result.out);
  ASSERT_EQ(out.size(), 8u);
  for (const auto& cluster : out) EXPECT_EQ(cluster["action"], "created") << cluster.dump();
  EXPECT_GT(azure.throttled(), 0);
}

// Ctrl-C in the middle of a fleet: the clusters under way stop at their next safe point, none
// is started after it, the run exits 130; run again, it finishes the rest with one PUT each.
TEST_F(FleetTest, AnInterruptedFleetStartsNoMoreClustersAndARerunFinishesIt) {
  seed(6);
  // Every status poll of c0 and c1, not only the first: one fast answer would let its worker
  // reach c2 before the interrupt.
  fakes::Fault slow = fakes::Fault::slow(1500, "GET", "/computes/c[01]/operations/");
  slow.times = fakes::Fault::kAlways;
  azure.add_fault(std::move(slow));
  const std::string file = fleet_file(6);
  azureml::testing::RunningBinary running({"attach", "--fleet", file, "-o", "json", "--parallel", "2"}, "",
                                          signed_in());
  const auto seen_put = [&] {  // both workers have sent their first PUT (c0, c1) and wait on its slow status
    int puts = 0;
    for (const auto& request : azure.requests())
      if (request.method == "PUT" && (request.path.ends_with("/computes/c0") || request.path.ends_with("/computes/c1")))
        ++puts;
    return puts == 2;
  };
  for (int i = 0; i < 1000 && !seen_put(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  running.signal(SIGINT);
  const auto interrupted = running.finish();
  EXPECT_EQ(interrupted.exit_code, 130) << interrupted.err;
  const json out = json::parse(interrupted.out);
  ASSERT_EQ(out.size(), 6u);
  for (int i = 2; i < 6; ++i) EXPECT_EQ(out[i]["error"], "not started: interrupted") << out.dump(2);
  EXPECT_NE(interrupted.err.find("4 of 6 clusters not started: interrupted"), std::string::npos) << interrupted.err;
  for (int i = 2; i < 6; ++i) EXPECT_FALSE(azure.resource(kWorkspaceId + "/computes/c" + std::to_string(i)));

  azure.clear_faults();
  azure.clear_requests();
  const auto again = fleet(file, {"--parallel", "2"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  std::vector<std::string> puts;
  for (const auto& line : mutations()) puts.push_back(line.substr(line.rfind('/') + 1));
  std::sort(puts.begin(), puts.end());  // c0 and c1 were sent before the interrupt: waited for, not sent again
  EXPECT_EQ(puts, (std::vector<std::string>{"c2", "c3", "c4", "c5"})) << ::testing::PrintToString(mutations());
}

TEST_F(FleetTest, OneFailingClusterFailsTheRunButNotTheOthers) {
  seed(3);
  const std::string file =
      dir.write("fleet.yaml", "workspace: " + kWorkspaceName + "\nresourceGroup: " + kGroup +
                                  "\nconfig: attach.json\nclusters:\n"
                                  "  - {name: c0, cluster: edge-0, clusterResourceGroup: edge}\n"
                                  "  - {name: gone, cluster: nowhere, clusterResourceGroup: edge}\n"
                                  "  - {name: c2, cluster: edge-2, clusterResourceGroup: edge}\n");
  const auto result = fleet(file);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const json out = json::parse(result.out);
  EXPECT_EQ(out[0]["action"], "created");
  EXPECT_EQ(out[1]["exitCode"], 4);  // the cluster is not there; the run as a whole exits 1
  EXPECT_NE(out[1]["error"].get<std::string>().find("nowhere"), std::string::npos) << out.dump(2);
  EXPECT_EQ(out[2]["action"], "created");
  const azureml::testing::Run table = run({"attach", "--fleet", file});
  EXPECT_NE(table.out.find("2 attached or unchanged, 1 failed"), std::string::npos) << table.out;
}

TEST_F(FleetTest, TheWorkspaceIsReadOnceForTheWholeFleet) {
  seed(4);
  ASSERT_EQ(fleet(fleet_file(4), {"--parallel", "2"}).exit_code, 0);
  const auto lines = arm_requests();
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "GET " + kWorkspaceId), 1) << ::testing::PrintToString(lines);
}

TEST_F(FleetTest, AMissingWorkspaceFailsEveryClusterOfItWithoutFurtherRequests) {
  seed(3);
  const std::string file =
      dir.write("fleet.yaml", "workspace: nosuch\nresourceGroup: " + kGroup +
                                  "\nconfig: attach.json\nclusters:\n"
                                  "  - {name: c0, cluster: edge-0, clusterResourceGroup: edge}\n"
                                  "  - {name: c1, cluster: edge-1, clusterResourceGroup: edge}\n"
                                  "  - {name: c2, cluster: edge-2, clusterResourceGroup: edge, workspace: " +
                                  kWorkspaceName + "}\n");
  const auto result = fleet(file);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const json out = json::parse(result.out);
  for (int i : {0, 1}) {
    EXPECT_EQ(out[i]["exitCode"], 4) << out.dump(2);
    EXPECT_NE(out[i]["error"].get<std::string>().find("workspace"), std::string::npos) << out.dump(2);
  }
  EXPECT_EQ(out[2]["action"], "created");
  for (const auto& line : arm_requests()) EXPECT_EQ(line.find("/workspaces/nosuch/"), std::string::npos) << line;
}

TEST_F(FleetTest, BadFleetFileIsRefusedWithEveryProblemBeforeAnyRequest) {
  const std::string file = dir.write("fleet.yaml", "workspace: ws\nclustrs: []\n");
  const auto result = fleet(file);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(file + ":2:1: error: unknown key 'clustrs'; did you mean 'clusters'?"), std::string::npos)
      << result.err;
  EXPECT_TRUE(arm_requests().empty());
  const std::string no_name =
      dir.write("fleet2.yaml", "workspace: ws\nresourceGroup: rg\nclusters:\n  - {cluster: a}\n");
  const auto second = fleet(no_name);
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_NE(second.err.find("'name' (the compute's name) is required"), std::string::npos) << second.err;
}

TEST_F(AttachTest, DetachSendsDetachAndWaits) {
  ready_extension();
  ASSERT_EQ(attach().run.exit_code, 0);
  azure.clear_requests();
  const azureml::testing::Run unconfirmed = run({"detach", "arc", "-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(unconfirmed.exit_code, 2);
  EXPECT_NE(unconfirmed.err.find("detaching needs confirmation: pass --yes"), std::string::npos) << unconfirmed.err;
  EXPECT_TRUE(azure.requests().empty());
  const azureml::testing::Run detached =
      run({"detach", "arc", "--yes", "-w", kWorkspaceName, "-g", kGroup, "-o", "json"});
  ASSERT_EQ(detached.exit_code, 0) << detached.err;
  EXPECT_EQ(json::parse(detached.out)["action"], "detached");
  for (const auto& request : azure.requests()) {
    if (request.method == "DELETE") {
      EXPECT_EQ(request.query_value("underlyingResourceAction"), "Detach");
    }
  }
  EXPECT_FALSE(azure.resource(kCompute));
  EXPECT_TRUE(azure.resource(kArcClusterId));
  const azureml::testing::Run again = run({"detach", "arc", "-y", "-w", kWorkspaceName, "-g", kGroup, "-o", "json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["action"], "absent");
}

TEST_F(AttachTest, DetachRefusesAComputeAzureMLMade) {
  azure.put_resource({{"id", kCompute},
                      {"name", "arc"},
                      {"type", "Microsoft.MachineLearningServices/workspaces/computes"},
                      {"location", "eastus"},
                      {"properties", {{"computeType", "AmlCompute"}, {"provisioningState", "Succeeded"}}}});
  const azureml::testing::Run refused = run({"detach", "arc", "--yes", "-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("'compute delete' removes computes Azure ML made"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace azureml::testing
