// `doctor`'s Azure checks through the real binary against the fakes: which cluster it checks
// (learnt from the Arc ConfigMap, or given by flags), the extension's state, regions,
// resource-group locks, and what happens without credentials or a subscription.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/integration/doctor_fixture.h"

namespace azureml::testing {
namespace {

using nlohmann::json;

const std::string kWorkspaceFound = kWorkspaceId + " in eastus";

using DoctorAzureTest = DoctorTest;

// --- which cluster ---

TEST_F(DoctorAzureTest, ArcClusterIsLearntFromItsConfigMap) {
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "Azure cluster"),
            (json{{"name", "Azure cluster"}, {"status", "pass"}, {"found", kArcClusterId + " in eastus"}}));
}

TEST_F(DoctorAzureTest, ArcClusterLendsItsSubscriptionWhenNoneIsGiven) {
  // No --subscription, no AZURE_SUBSCRIPTION_ID: the workspace is looked for in the Arc
  // cluster's subscription.
  azure.add_workspace({.subscription = kArcSubscription, .resource_group = kArcGroup, .name = "arc-ws"});
  const auto [run, report] = doctor_json({"-w", "arc-ws", "-g", kArcGroup}, signed_in_without_subscription());
  EXPECT_EQ(check(report, "Azure cluster")["status"], "pass");
  EXPECT_EQ(check(report, "workspace"),
            (json{{"name", "workspace"},
                  {"status", "pass"},
                  {"found", "/subscriptions/" + kArcSubscription + "/resourceGroups/" + kArcGroup +
                                "/providers/Microsoft.MachineLearningServices/workspaces/arc-ws in eastus"}}));
}

TEST_F(DoctorAzureTest, ClusterNameAndGroupFlagsWinOverTheConfigMap) {
  const std::string id = azure.add_connected_cluster(
      {.subscription = kSubscription, .resource_group = "clusters", .name = "edge", .location = "westus"});
  const auto [run, report] = doctor_json(
      {"--cluster-name", "edge", "--cluster-resource-group", "clusters", "-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(check(report, "Azure cluster"),
            (json{{"name", "Azure cluster"}, {"status", "pass"}, {"found", id + " in westus"}}));
  // The ConfigMap was not even read.
  for (const auto& request : kube.requests())
    EXPECT_EQ(request.http.path.find("azure-clusterconfig"), std::string::npos);
  // Both groups are checked for locks, each once.
  EXPECT_TRUE(has_check(report, "locks on clusters"));
  EXPECT_TRUE(has_check(report, "locks on " + kGroup));
}

TEST_F(DoctorAzureTest, ClusterResourceIdFlagNamesTheCluster) {
  const std::string id =
      azure.add_connected_cluster({.subscription = kSubscription, .resource_group = "clusters", .name = "edge"});
  const auto [run, report] = doctor_json({"--cluster-resource-id", id});
  EXPECT_EQ(check(report, "Azure cluster")["found"], id + " in eastus");
}

TEST_F(DoctorAzureTest, MalformedClusterResourceIdIsAUsageError) {
  const auto run = doctor({"--cluster-resource-id", "/subscriptions/x/bad"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "error: invalid resource id '/subscriptions/x/bad': expected 'resourceGroups' after the subscription id, "
            "found 'bad'\n");
  EXPECT_TRUE(arm_requests().empty());
}

TEST_F(DoctorAzureTest, ClusterNameWithoutAnyGroupIsAUsageError) {
  const auto run = doctor({"--cluster-name", "edge"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "error: --cluster-name needs the cluster's resource group: pass --cluster-resource-group (or -g)\n");
}

TEST_F(DoctorAzureTest, ManagedClusterIsCheckedAsAks) {
  const std::string id =
      azure.add_managed_cluster({.subscription = kSubscription, .resource_group = kGroup, .name = "aks1"});
  azure.add_extension({.cluster_id = id});
  const auto [run, report] =
      doctor_json({"--cluster-type", "managedClusters", "--cluster-name", "aks1", "-g", kGroup, "-w", kWorkspaceName});
  EXPECT_EQ(id, "/subscriptions/" + kSubscription + "/resourceGroups/" + kGroup +
                    "/providers/Microsoft.ContainerService/managedClusters/aks1");
  EXPECT_EQ(check(report, "Azure cluster"),
            (json{{"name", "Azure cluster"}, {"status", "pass"}, {"found", id + " in eastus"}}));
  EXPECT_EQ(check(report, "AzureML extension")["status"], "pass");
  // One group holds both: its locks are listed once.
  EXPECT_EQ(check_names(report).back(), "locks on " + kGroup);
  EXPECT_FALSE(has_check(report, "locks on " + kArcGroup));
}

TEST_F(DoctorAzureTest, UnknownClusterFailsWithArmNotFound) {
  const auto [run, report] = doctor_json({"--cluster-name", "ghost", "--cluster-resource-group", kGroup});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const json cluster = check(report, "Azure cluster");
  EXPECT_EQ(cluster["status"], "fail");
  EXPECT_NE(cluster["found"].get<std::string>().find("ghost"), std::string::npos) << cluster.dump();
}

// --- the extension ---

TEST_F(DoctorAzureTest, SucceededExtensionPasses) {
  azure.add_extension({.cluster_id = kArcClusterId, .name = "amlarc-compute"});
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "AzureML extension"),
            (json{{"name", "AzureML extension"}, {"status", "pass"}, {"found", "'amlarc-compute' is Succeeded"}}));
}

TEST_F(DoctorAzureTest, FailedExtensionFailsWithItsError) {
  const std::string id = azure.add_extension({.cluster_id = kArcClusterId, .provisioning_state = "Failed"});
  // ARM says why in errorInfo; doctor repeats it.
  auto extension = azure.resource(id);
  ASSERT_TRUE(extension);
  (*extension)["properties"]["errorInfo"] = {{"code", "HelmInstallFailed"},
                                             {"message", "nvidia-device-plugin already exists"}};
  azure.put_resource(*extension);
  const auto [run, report] = doctor_json();
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "AzureML extension"),
            (json{{"name", "AzureML extension"},
                  {"status", "fail"},
                  {"found", "'azureml' is Failed: nvidia-device-plugin already exists"},
                  {"fix", "kubectl azureml extension show, then delete and install it again"}}));
}

// Audit D7: ARM's states are compared without case, as everywhere else.
TEST_F(DoctorAzureTest, StatesAreReadWithoutCase) {
  azure.add_extension({.cluster_id = kArcClusterId, .name = "amlarc-compute", .provisioning_state = "succeeded"});
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "AzureML extension")["status"], "pass") << run.err;
}

TEST_F(DoctorAzureTest, ExtensionStillInstallingWarns) {
  azure.add_extension({.cluster_id = kArcClusterId, .provisioning_state = "Creating"});
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "AzureML extension"), (json{{"name", "AzureML extension"},
                                                      {"status", "warn"},
                                                      {"found", "'azureml' is Creating"},
                                                      {"fix", "wait for it to finish, then run doctor again"}}));
}

TEST_F(DoctorAzureTest, AbsentExtensionWarns) {
  // Another extension type on the cluster is not the AzureML one.
  azure.add_extension({.cluster_id = kArcClusterId, .name = "flux", .extension_type = "microsoft.flux"});
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "AzureML extension"),
            (json{{"name", "AzureML extension"},
                  {"status", "warn"},
                  {"found", "not installed on the cluster"},
                  {"fix", "kubectl azureml extension install, or attach with --install-extension"}}));
}

// --- regions ---

TEST_F(DoctorAzureTest, SameRegionPasses) {
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(check(report, "workspace"), (json{{"name", "workspace"}, {"status", "pass"}, {"found", kWorkspaceFound}}));
  EXPECT_EQ(check(report, "regions"),
            (json{{"name", "regions"}, {"status", "pass"}, {"found", "cluster and workspace are both in eastus"}}));
}

TEST_F(DoctorAzureTest, DifferentRegionsWarn) {
  azure.add_workspace({.subscription = kSubscription, .resource_group = kGroup, .name = "west", .location = "westus2"});
  const auto [run, report] = doctor_json({"-w", "west", "-g", kGroup});
  EXPECT_EQ(check(report, "regions"),
            (json{{"name", "regions"},
                  {"status", "warn"},
                  {"found", "the cluster is in eastus, the workspace in westus2"},
                  {"fix",
                   "attaching works across regions, but data and jobs then cross regions too; prefer a "
                   "workspace in eastus"}}));
}

TEST_F(DoctorAzureTest, NoWorkspaceMeansNoRegionComparison) {
  const auto [run, report] = doctor_json();
  EXPECT_EQ(
      check(report, "workspace"),
      (json{{"name", "workspace"}, {"status", "skip"}, {"found", "no workspace given; pass -w and -g to check it"}}));
  EXPECT_FALSE(has_check(report, "regions"));
}

// --- locks ---

const std::string kReadOnlyFound =
    "ReadOnly lock 'freeze': installing the extension and creating or scaling computes will be refused (ScopeLocked)";
const std::string kReadOnlyFix = "remove the lock (az lock delete) or ask its owner";
const std::string kNoDeleteFound = "CanNotDelete lock 'keep': detach and delete will be refused";
const std::string kNoDeleteFix = "remove the lock before detaching";

std::string group_scope(const std::string& subscription, const std::string& group) {
  return "/subscriptions/" + subscription + "/resourceGroups/" + group;
}

TEST_F(DoctorAzureTest, NoLocksPass) {
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(check(report, "locks on " + kArcGroup),
            (json{{"name", "locks on rg1"}, {"status", "pass"}, {"found", "none"}}));
  EXPECT_EQ(check(report, "locks on " + kGroup),
            (json{{"name", "locks on rg"}, {"status", "pass"}, {"found", "none"}}));
}

TEST_F(DoctorAzureTest, ReadOnlyLockOnTheClusterGroupFails) {
  azure.add_lock(group_scope(kArcSubscription, kArcGroup), "freeze", "ReadOnly");
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "locks on rg1"),
            (json{{"name", "locks on rg1"}, {"status", "fail"}, {"found", kReadOnlyFound}, {"fix", kReadOnlyFix}}));
  EXPECT_EQ(check(report, "locks on rg")["status"], "pass");
}

TEST_F(DoctorAzureTest, ReadOnlyLockOnTheWorkspaceGroupFails) {
  azure.add_lock(group_scope(kSubscription, kGroup), "freeze", "ReadOnly");
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "locks on rg"),
            (json{{"name", "locks on rg"}, {"status", "fail"}, {"found", kReadOnlyFound}, {"fix", kReadOnlyFix}}));
  EXPECT_EQ(check(report, "locks on rg1")["status"], "pass");
}

TEST_F(DoctorAzureTest, CanNotDeleteLockOnTheClusterGroupWarns) {
  azure.add_lock(group_scope(kArcSubscription, kArcGroup), "keep", "CanNotDelete");
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(check(report, "locks on rg1"),
            (json{{"name", "locks on rg1"}, {"status", "warn"}, {"found", kNoDeleteFound}, {"fix", kNoDeleteFix}}));
}

TEST_F(DoctorAzureTest, CanNotDeleteLockOnTheWorkspaceGroupWarns) {
  azure.add_lock(group_scope(kSubscription, kGroup), "keep", "CanNotDelete");
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(check(report, "locks on rg"),
            (json{{"name", "locks on rg"}, {"status", "warn"}, {"found", kNoDeleteFound}, {"fix", kNoDeleteFix}}));
}

TEST_F(DoctorAzureTest, ReadOnlyOutranksCanNotDeleteInOneGroup) {
  azure.add_lock(group_scope(kSubscription, kGroup), "keep", "CanNotDelete");
  azure.add_lock(group_scope(kSubscription, kGroup), "freeze", "ReadOnly");
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(check(report, "locks on rg")["status"], "fail");
  EXPECT_EQ(check(report, "locks on rg")["found"], kReadOnlyFound);
}

// Locks are read as compute create reads them (audit D6): not every lock in the group counts,
// only those over the cluster or the workspace, and the subscription's own count too.
TEST_F(DoctorAzureTest, ALockOnAnotherResourceOfTheGroupBlocksNothing) {
  azure.add_lock(group_scope(kArcSubscription, kArcGroup) + "/providers/Microsoft.Storage/storageAccounts/logs",
                 "freeze", "ReadOnly");
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(check(report, "locks on rg1")["status"], "pass") << run.err;
}

TEST_F(DoctorAzureTest, ALockOnTheWorkspaceItselfIsNamedWithItsPlace) {
  azure.add_lock(kWorkspaceId, "keep", "CanNotDelete");
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(check(report, "locks on rg")["found"],
            "CanNotDelete lock 'keep' on Microsoft.MachineLearningServices/workspaces " + kWorkspaceName +
                ": detach and delete will be refused");
  EXPECT_EQ(check(report, "locks on rg1")["status"], "pass");
}

TEST_F(DoctorAzureTest, ASubscriptionLockCountsForEveryGroupInIt) {
  azure.add_lock("/subscriptions/" + kSubscription, "freeze", "ReadOnly");
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "locks on rg")["found"],
            "ReadOnly lock 'freeze' on subscription " + kSubscription +
                ": installing the extension and creating or scaling computes will be refused (ScopeLocked)");
  for (const auto& request : azure.requests()) {
    if (request.path == "/subscriptions/" + kSubscription + "/providers/Microsoft.Authorization/locks") {
      EXPECT_EQ(request.query_value("$filter"), "atScope()");
    }
  }
}

// --- without credentials or a subscription ---

TEST_F(DoctorAzureTest, NoCredentialsFailTheFirstAzureCheckAndSkipTheRest) {
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup}, signed_out());
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const json cluster = check(report, "Azure cluster");
  EXPECT_EQ(cluster["status"], "fail");
  const std::string found = cluster["found"];
  // The whole chain, one line per credential tried, and how to sign in.
  EXPECT_EQ(found.rfind("could not get a token for ARM: DefaultAzureCredential could not get a token for ", 0), 0u)
      << found;
  for (const std::string line :
       {"\n- EnvironmentCredential: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or "
        "AZURE_CLIENT_CERTIFICATE_PATH) are not set\n",
        "\n- WorkloadIdentityCredential: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE are not set\n",
        "\n- ManagedIdentityCredential: no managed identity endpoint: ",
        "\n- AzureCliCredential: az not found on PATH\n", "\nTo sign in: run 'az login'"})
    EXPECT_NE(found.find(line), std::string::npos) << line << "\nnot in:\n" << found;

  const std::string skipped = "not checked: Azure cluster was refused access to Azure (above)";
  for (const std::string name : {"AzureML extension", "workspace", "locks on rg1", "locks on rg"})
    EXPECT_EQ(check(report, name), (json{{"name", name}, {"status", "skip"}, {"found", skipped}})) << name;
  EXPECT_EQ(report["summary"]["skip"], 4);
  // Azure was asked for nothing it would have refused.
  EXPECT_TRUE(arm_requests().empty());
}

TEST_F(DoctorAzureTest, NoCredentialsAreShownLineByLineInTheTable) {
  const auto run = doctor({}, signed_out());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("\nFAIL     Azure cluster                                    could not get a token for ARM: "),
            std::string::npos)
      << run.out;
  EXPECT_NE(
      run.out.find("\n                                                          - AzureCliCredential: az not found "
                   "on PATH\n"),
      std::string::npos)
      << run.out;
}

TEST_F(DoctorAzureTest, NoSubscriptionAnywhereSkipsAzure) {
  ASSERT_TRUE(kube.remove_object("configmaps", "azure-arc", "azure-clusterconfig"));
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup}, signed_in_without_subscription());
  EXPECT_EQ(check(report, "Azure"),
            (json{{"name", "Azure"},
                  {"status", "skip"},
                  {"found",
                   "not checked: no subscription given: pass --subscription ID or set AZURE_SUBSCRIPTION_ID "
                   "('az account show --query id -o tsv' prints your default one)"}}));
  EXPECT_EQ(check_names(report).back(), "Azure");
  EXPECT_TRUE(azure.requests().empty());
}

TEST_F(DoctorAzureTest, NoArcConfigMapAndNoClusterFlagsSkipsTheClusterOnly) {
  ASSERT_TRUE(kube.remove_object("configmaps", "azure-arc", "azure-clusterconfig"));
  const auto [run, report] = doctor_json({"-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(check(report, "Azure cluster"),
            (json{{"name", "Azure cluster"},
                  {"status", "skip"},
                  {"found",
                   "no cluster given and none learnt from the cluster; pass --cluster-name and "
                   "--cluster-resource-group (or --cluster-resource-id)"}}));
  EXPECT_EQ(check(report, "workspace")["status"], "pass");
  EXPECT_EQ(check(report, "locks on rg")["status"], "pass");
}

}  // namespace
}  // namespace azureml::testing
