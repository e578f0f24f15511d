// `compute create | show | delete | identity`: Azure ML compute clusters (AmlCompute) against
// the fake Azure, asserting on what was sent.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/integration/online_fixture.h"

namespace azureml::testing {
namespace {

using nlohmann::json;

const std::string kCluster = kWorkspaceId + "/computes/cpu";
const std::string kUsages =
    "/subscriptions/" + kSubscription + "/providers/Microsoft.MachineLearningServices/locations/";
const std::string kIdentity = "/subscriptions/" + kSubscription +
                              "/resourceGroups/ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/trainer";

class ComputeTest : public OnlineTest {
 protected:
  void SetUp() override {
    OnlineTest::SetUp();
    quota("eastus", 0, 24);
  }

  // DSv2 family and regional dedicated vCPUs in `location`: `used` of `limit`.
  void quota(const std::string& location, long long used, long long limit) {
    azure.add_usage(
        kSubscription, location,
        {"Standard_DSv2_Family_Cluster_Dedicated_vCPUs", "Standard DSv2 Family Cluster Dedicated vCPUs", used, limit});
    azure.add_usage(kSubscription, location,
                    {"Total Cluster Dedicated Regional vCPUs", "Total Cluster Dedicated Regional vCPUs", used, 100,
                     "Microsoft.MachineLearningServices/dedicatedCores/usages"});
  }

  struct ComputeRun {
    azureml::testing::Run run;
    json out;
  };
  ComputeRun compute(std::vector<std::string> arguments) const {
    std::vector<std::string> all = {"compute"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    all.insert(all.end(), {"-w", kWorkspaceName, "-g", kGroup, "-o", "json"});
    ComputeRun result{run(all), nullptr};
    result.out = json::parse(result.run.out, nullptr, false);
    if (result.out.is_discarded()) result.out = nullptr;
    return result;
  }
  ComputeRun create(std::vector<std::string> extra = {}) const {
    std::vector<std::string> all = {"create", "cpu", "--vm-size", "Standard_DS3_v2", "--max-nodes", "4"};
    all.insert(all.end(), extra.begin(), extra.end());
    return compute(all);
  }

  std::vector<std::string> mutations() const {
    std::vector<std::string> out;
    for (const auto& line : arm_requests())
      if (!line.starts_with("GET ")) out.push_back(line);
    return out;
  }
  json last_put() const {
    json body;
    for (const auto& request : azure.requests())
      if (request.method == "PUT" && request.path == kCluster) body = json::parse(request.body, nullptr, false);
    return body;
  }
};

TEST_F(ComputeTest, CreatesTheClusterAskedForAfterCheckingSizeQuotaAndLocks) {
  const auto created =
      create({"--min-nodes", "1", "--idle-seconds-before-scaledown", "300", "--assign-identity", "[system]"});
  ASSERT_EQ(created.run.exit_code, 0) << created.run.err;
  EXPECT_EQ(created.out["action"], "created");
  EXPECT_EQ(created.out["compute"]["provisioningState"], "Succeeded");
  EXPECT_EQ(created.out["compute"]["scaleSettings"]["idleSecondsBeforeScaleDown"], 300);
  EXPECT_EQ(created.out["compute"]["identity"]["type"], "SystemAssigned");
  const auto lines = arm_requests();
  const std::vector<std::string> expected_start = {
      "GET " + kWorkspaceId,
      "GET " + kCluster,
      "GET " + kUsages + "eastus/vmSizes",
      "GET " + kUsages + "eastus/usages",
      "GET /subscriptions/" + kSubscription + "/resourceGroups/" + kGroup + "/providers/Microsoft.Authorization/locks",
      "GET /subscriptions/" + kSubscription + "/providers/Microsoft.Authorization/locks",
      "PUT " + kCluster};
  ASSERT_GE(lines.size(), expected_start.size());
  EXPECT_EQ(std::vector<std::string>(lines.begin(), lines.begin() + 7), expected_start)
      << ::testing::PrintToString(lines);
  EXPECT_EQ(lines.back(), "GET " + kCluster);
  const json body = last_put();
  EXPECT_EQ(body["location"], "eastus");
  EXPECT_EQ(body["properties"]["computeType"], "AmlCompute");
  EXPECT_EQ(body["properties"]["properties"]["vmSize"], "Standard_DS3_v2");
  EXPECT_EQ(body["properties"]["properties"]["vmPriority"], "Dedicated");
  EXPECT_EQ(body["properties"]["properties"]["scaleSettings"],
            json({{"minNodeCount", 1}, {"maxNodeCount", 4}, {"nodeIdleTimeBeforeScaleDown", "PT300S"}}));
  EXPECT_EQ(body["identity"], json({{"type", "SystemAssigned"}}));
}

TEST_F(ComputeTest, RunAgainItIsUnchangedAndADifferentClusterNeedsOverwrite) {
  ASSERT_EQ(create().run.exit_code, 0);
  azure.clear_requests();
  const auto again = create();
  ASSERT_EQ(again.run.exit_code, 0) << again.run.err;
  EXPECT_EQ(again.out["action"], "unchanged");
  EXPECT_EQ(arm_requests(), (std::vector<std::string>{"GET " + kWorkspaceId, "GET " + kCluster}));

  const auto different = compute({"create", "cpu", "--vm-size", "Standard_DS4_v2", "--max-nodes", "2"});
  EXPECT_EQ(different.run.exit_code, 2);
  EXPECT_NE(different.run.err.find("vmSize 'Standard_DS3_v2' -> 'Standard_DS4_v2'"), std::string::npos)
      << different.run.err;
  EXPECT_NE(different.run.err.find("scaleSettings.maxNodeCount '4' -> '2'"), std::string::npos) << different.run.err;
  EXPECT_TRUE(mutations().empty());

  // What the service cannot change in place is refused even with --overwrite (audit D9).
  const auto resized = compute({"create", "cpu", "--vm-size", "Standard_DS4_v2", "--max-nodes", "2", "--overwrite"});
  EXPECT_EQ(resized.run.exit_code, 2);
  EXPECT_NE(resized.run.err.find("error: compute cpu cannot change its VM size, priority, subnet or region in place; "
                                 "nothing was changed\ndelete it ('compute delete cpu --yes') and create it again"),
            std::string::npos)
      << resized.run.err;
  EXPECT_NE(resized.run.err.find("set when the cluster was created:\n  vmSize 'Standard_DS3_v2' -> 'Standard_DS4_v2'"),
            std::string::npos)
      << resized.run.err;
  const auto low = compute({"create", "cpu", "--vm-size", "Standard_DS3_v2", "--max-nodes", "4", "--vm-priority",
                            "lowpriority", "--overwrite"});
  EXPECT_EQ(low.run.exit_code, 2);
  EXPECT_NE(low.run.err.find("  vmPriority 'Dedicated' -> 'LowPriority'"), std::string::npos) << low.run.err;
  EXPECT_TRUE(mutations().empty());

  // Scale settings alone change by the documented update: a PATCH of ClusterUpdateParameters.
  const auto overwritten =
      compute({"create", "cpu", "--vm-size", "Standard_DS3_v2", "--max-nodes", "2", "--overwrite"});
  ASSERT_EQ(overwritten.run.exit_code, 0) << overwritten.run.err;
  EXPECT_EQ(overwritten.out["action"], "updated");
  EXPECT_EQ(mutations(), (std::vector<std::string>{"PATCH " + kCluster}));
  json patched;
  for (const auto& request : azure.requests())
    if (request.method == "PATCH") patched = json::parse(request.body, nullptr, false);
  const json& scale = patched["properties"]["properties"]["scaleSettings"];
  EXPECT_EQ(patched, json({{"properties", {{"properties", {{"scaleSettings", scale}}}}}})) << patched.dump();
  EXPECT_EQ(scale["maxNodeCount"], 2);
  EXPECT_TRUE(scale.contains("minNodeCount") && scale.contains("nodeIdleTimeBeforeScaleDown")) << scale.dump();
  EXPECT_EQ(overwritten.out["compute"]["scaleSettings"]["maxNodeCount"], 2);
  EXPECT_EQ(overwritten.out["compute"]["vmSize"], "Standard_DS3_v2");
  azure.clear_requests();
  const auto converged = compute({"create", "cpu", "--vm-size", "Standard_DS3_v2", "--max-nodes", "2", "--overwrite"});
  ASSERT_EQ(converged.run.exit_code, 0) << converged.run.err;
  EXPECT_EQ(converged.out["action"], "unchanged");
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ComputeTest, QuotaTooSmallFailsEarlyWithTheNumbersAndTheFix) {
  azure.clear_requests();
  quota("westus", 20, 24);
  const auto refused = create({"--location", "westus"});
  EXPECT_EQ(refused.run.exit_code, 1) << refused.run.err;
  const std::string& err = refused.run.err;
  EXPECT_NE(err.find("not enough dedicated vCPU quota in westus for 4 x Standard_DS3_v2 (4 vCPUs each): the cluster "
                     "needs 16 vCPUs"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("Standard DSv2 Family Cluster Dedicated vCPUs: 20 in use, limit 24, 4 free"), std::string::npos)
      << err;
  EXPECT_NE(err.find("lower --max-nodes to 1 (fits the quota)"), std::string::npos) << err;
  EXPECT_NE(err.find("how-to-manage-quotas"), std::string::npos) << err;
  EXPECT_NE(err.find("another region is a preview capability"), std::string::npos) << err;
  EXPECT_TRUE(mutations().empty());
  EXPECT_FALSE(azure.resource(kCluster));
}

TEST_F(ComputeTest, ALockOnTheGroupIsRefusedWithWhyUnlessIgnored) {
  azure.add_lock("/subscriptions/" + kSubscription + "/resourceGroups/" + kGroup, "keep", "CanNotDelete");
  const auto refused = create();
  EXPECT_EQ(refused.run.exit_code, 1);
  EXPECT_NE(refused.run.err.find("CanNotDelete lock 'keep' on resource group " + kGroup), std::string::npos)
      << refused.run.err;
  EXPECT_NE(refused.run.err.find("stops Azure ML compute clusters from scaling"), std::string::npos) << refused.run.err;
  EXPECT_TRUE(mutations().empty());

  const auto anyway = create({"--ignore-locks"});
  ASSERT_EQ(anyway.run.exit_code, 0) << anyway.run.err;
  EXPECT_EQ(anyway.out["action"], "created");
  EXPECT_FALSE(anyway.out["warnings"].empty());
}

TEST_F(ComputeTest, ALockOnAnotherGroupDoesNotCount) {
  azure.add_resource_group(kSubscription, "elsewhere");
  azure.add_lock("/subscriptions/" + kSubscription + "/resourceGroups/elsewhere", "theirs", "ReadOnly");
  const auto created = create();
  ASSERT_EQ(created.run.exit_code, 0) << created.run.err;
}

TEST_F(ComputeTest, ASizeTheRegionDoesNotOfferIsExitTwoWithTheClosestOne) {
  const auto refused = compute({"create", "cpu", "--vm-size", "Standard_DS3_v3", "--max-nodes", "2"});
  EXPECT_EQ(refused.run.exit_code, 2);
  EXPECT_NE(refused.run.err.find("VM size Standard_DS3_v3 is not offered for compute clusters in eastus; did you mean "
                                 "'Standard_DS3_v2'?"),
            std::string::npos)
      << refused.run.err;
  EXPECT_TRUE(mutations().empty());
}

// Audit D5: vmSizes lists sizes for every compute type; supportedComputeTypes says which.
TEST_F(ComputeTest, ASizeOfferedOnlyForOtherComputeTypesIsExitTwoWithAnAmlComputeOne) {
  const auto refused = compute({"create", "cpu", "--vm-size", "Standard_E4s_v3", "--max-nodes", "2"});
  EXPECT_EQ(refused.run.exit_code, 2);
  EXPECT_NE(refused.run.err.find("VM size Standard_E4s_v3 is not offered for compute clusters in eastus (only for "
                                 "'ComputeInstance' and 'MIR'); did you mean 'Standard_"),
            std::string::npos)
      << refused.run.err;
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ComputeTest, BadFlagsAreAllReportedBeforeAnyRequest) {
  azure.clear_requests();
  const auto refused = compute({"create", "cpu", "--vm-size", "DS3", "--max-nodes", "2", "--min-nodes", "5",
                                "--assign-identity", "/subscriptions/x/resourceGroups/y", "--subnet", "nope"});
  EXPECT_EQ(refused.run.exit_code, 2);
  for (const char* expected : {"--vm-size 'DS3' is not a VM size name", "--min-nodes 5 is above --max-nodes 2",
                               "--assign-identity '/subscriptions/x/resourceGroups/y' is neither '[system]'",
                               "--subnet 'nope' is not a subnet id", "nothing was sent"})
    EXPECT_NE(refused.run.err.find(expected), std::string::npos) << expected << "\n" << refused.run.err;
  EXPECT_TRUE(arm_requests().empty());
  const auto missing = compute({"create", "cpu", "--vm-size", "Standard_DS3_v2"});
  EXPECT_EQ(missing.run.exit_code, 2);
  EXPECT_NE(missing.run.err.find("--max-nodes"), std::string::npos) << missing.run.err;
}

TEST_F(ComputeTest, AComputeOfAnotherTypeUnderTheNameIsExitTwo) {
  const std::string cluster =
      azure.add_connected_cluster({.subscription = kSubscription, .resource_group = kGroup, .name = "c1"});
  azure.put_resource(
      {{"id", kCluster},
       {"name", "cpu"},
       {"type", "Microsoft.MachineLearningServices/workspaces/computes"},
       {"location", "eastus"},
       {"properties", {{"computeType", "Kubernetes"}, {"resourceId", cluster}, {"provisioningState", "Succeeded"}}}});
  const auto refused = create();
  EXPECT_EQ(refused.run.exit_code, 2);
  EXPECT_NE(refused.run.err.find("already exists in the workspace with computeType Kubernetes"), std::string::npos)
      << refused.run.err;
  const auto shown = compute({"show", "cpu"});
  EXPECT_EQ(shown.run.exit_code, 2);
  const auto deleted = compute({"delete", "cpu", "--yes"});
  EXPECT_EQ(deleted.run.exit_code, 2);
  EXPECT_NE(deleted.run.err.find("'detach' takes an attached cluster out of the workspace"), std::string::npos)
      << deleted.run.err;
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ComputeTest, DryRunAndNoWait) {
  const auto planned = create({"--dry-run"});
  ASSERT_EQ(planned.run.exit_code, 0) << planned.run.err;
  EXPECT_EQ(planned.out["action"], "would be created");
  EXPECT_EQ(planned.out["changes"][0]["method"], "PUT");
  EXPECT_TRUE(mutations().empty());
  const auto started = create({"--no-wait"});
  ASSERT_EQ(started.run.exit_code, 0) << started.run.err;
  EXPECT_EQ(started.out["action"], "started");
  const auto waited = create();  // the one started is waited for, not sent again
  ASSERT_EQ(waited.run.exit_code, 0) << waited.run.err;
  const auto sent = mutations();
  EXPECT_EQ(std::count_if(sent.begin(), sent.end(), [](const std::string& l) { return l.starts_with("PUT"); }), 1);
}

TEST_F(ComputeTest, AFailedProvisioningShowsItsErrorsAndExitsOne) {
  azure.set_operation_outcome("PUT", "/computes/",
                              {.status = "Failed", .error_code = "QuotaExceeded", .error_message = "no cores"});
  const auto failed = create();
  EXPECT_EQ(failed.run.exit_code, 1);
  EXPECT_NE(failed.run.err.find("compute cluster cpu failed to create"), std::string::npos) << failed.run.err;
  EXPECT_NE(failed.run.err.find("QuotaExceeded"), std::string::npos) << failed.run.err;
}

TEST_F(ComputeTest, ShowTellsSizeScaleNodesIdentityAndState) {
  ASSERT_EQ(create({"--assign-identity", kIdentity}).run.exit_code, 0);
  const auto shown = compute({"show", "cpu"});
  ASSERT_EQ(shown.run.exit_code, 0) << shown.run.err;
  EXPECT_EQ(shown.out["vmSize"], "Standard_DS3_v2");
  EXPECT_EQ(shown.out["vmPriority"], "Dedicated");
  EXPECT_EQ(shown.out["scaleSettings"]["maxNodeCount"], 4);
  EXPECT_EQ(shown.out["scaleSettings"]["idleSecondsBeforeScaleDown"], 120);
  EXPECT_EQ(shown.out["currentNodeCount"], 0);
  EXPECT_EQ(shown.out["targetNodeCount"], 0);
  EXPECT_EQ(shown.out["identity"]["type"], "UserAssigned");
  EXPECT_EQ(shown.out["identity"]["userAssigned"][0]["id"], kIdentity);
  EXPECT_EQ(shown.out["provisioningState"], "Succeeded");
  EXPECT_TRUE(shown.out["errors"].empty());
  const azureml::testing::Run table = run({"compute", "show", "cpu", "-w", kWorkspaceName, "-g", kGroup});
  EXPECT_NE(table.out.find("scale: 0 to 4 nodes, idle 120 s before scale-down"), std::string::npos) << table.out;
  EXPECT_EQ(compute({"show", "nosuch"}).run.exit_code, 4);
}

TEST_F(ComputeTest, IdentitiesAreAssignedAndRemovedWithTheRestOfTheClusterKept) {
  ASSERT_EQ(create().run.exit_code, 0);
  const auto system = compute({"identity", "assign", "cpu", "--system"});
  ASSERT_EQ(system.run.exit_code, 0) << system.run.err;
  EXPECT_EQ(system.out["action"], "assigned");
  EXPECT_EQ(system.out["after"]["type"], "SystemAssigned");
  EXPECT_FALSE(system.out["identity"]["principalId"].is_null());
  const json put = last_put();
  EXPECT_EQ(put["properties"]["properties"]["vmSize"], "Standard_DS3_v2");  // the cluster is sent whole
  EXPECT_EQ(put["properties"]["properties"]["scaleSettings"]["maxNodeCount"], 4);
  EXPECT_FALSE(put["properties"]["properties"].contains("currentNodeCount"));  // nothing only ARM writes

  const auto both = compute({"identity", "assign", "cpu", "--user-assigned", kIdentity});
  ASSERT_EQ(both.run.exit_code, 0) << both.run.err;
  EXPECT_EQ(both.out["after"]["type"], "SystemAssigned,UserAssigned");

  azure.clear_requests();
  const auto again = compute({"identity", "assign", "cpu", "--system"});
  ASSERT_EQ(again.run.exit_code, 0);
  EXPECT_EQ(again.out["action"], "unchanged");
  EXPECT_TRUE(mutations().empty());

  const auto no_system = compute({"identity", "remove", "cpu", "--system"});
  ASSERT_EQ(no_system.run.exit_code, 0) << no_system.run.err;
  EXPECT_EQ(no_system.out["after"]["type"], "UserAssigned");
  const auto none = compute({"identity", "remove", "cpu"});
  ASSERT_EQ(none.run.exit_code, 0) << none.run.err;
  EXPECT_EQ(none.out["after"]["type"], "None");
  EXPECT_EQ(last_put()["identity"], json({{"type", "None"}}));
}

TEST_F(ComputeTest, AnOverwriteKeepsTheIdentityAssignedEarlier) {
  ASSERT_EQ(create().run.exit_code, 0);
  ASSERT_EQ(compute({"identity", "assign", "cpu", "--user-assigned", kIdentity}).run.exit_code, 0);
  const auto overwritten =
      compute({"create", "cpu", "--vm-size", "Standard_DS3_v2", "--max-nodes", "2", "--overwrite"});
  ASSERT_EQ(overwritten.run.exit_code, 0) << overwritten.run.err;
  EXPECT_EQ(last_put()["identity"]["type"], "UserAssigned");
  EXPECT_EQ(overwritten.out["compute"]["identity"]["userAssigned"][0]["id"], kIdentity);
}

TEST_F(ComputeTest, IdentityChangesNeedAClusterAndWellFormedIds) {
  EXPECT_EQ(compute({"identity", "assign", "cpu", "--system"}).run.exit_code, 4);
  const auto nothing = compute({"identity", "assign", "cpu"});
  EXPECT_EQ(nothing.run.exit_code, 2);
  EXPECT_NE(nothing.run.err.find("--system, or --user-assigned ID"), std::string::npos) << nothing.run.err;
  const auto bad = compute({"identity", "assign", "cpu", "--user-assigned", "trainer"});
  EXPECT_EQ(bad.run.exit_code, 2);
  EXPECT_NE(bad.run.err.find("--user-assigned 'trainer' is neither"), std::string::npos) << bad.run.err;
  EXPECT_TRUE(arm_requests().size() <= 2u);  // only the first, for the missing cluster
}

TEST_F(ComputeTest, DeleteAsksThenDeletesTheClusterAndItsVms) {
  ASSERT_EQ(create().run.exit_code, 0);
  const auto unconfirmed = compute({"delete", "cpu"});
  EXPECT_EQ(unconfirmed.run.exit_code, 2);
  EXPECT_NE(unconfirmed.run.err.find("pass --yes"), std::string::npos) << unconfirmed.run.err;
  azure.clear_requests();
  const auto deleted = compute({"delete", "cpu", "--yes"});
  ASSERT_EQ(deleted.run.exit_code, 0) << deleted.run.err;
  EXPECT_EQ(deleted.out["action"], "deleted");
  bool sent = false;
  for (const auto& request : azure.requests())
    if (request.method == "DELETE") sent = request.query_value("underlyingResourceAction") == "Delete";
  EXPECT_TRUE(sent);
  EXPECT_FALSE(azure.resource(kCluster));
  const auto absent = compute({"delete", "cpu", "--yes"});
  ASSERT_EQ(absent.run.exit_code, 0);
  EXPECT_EQ(absent.out["action"], "absent");
}

}  // namespace
}  // namespace azureml::testing
