// `extension update`, `show` and `delete` through the real binary against the fakes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/integration/extension_fixture.h"

namespace azureml::testing {
namespace {

using nlohmann::json;

class ExtensionLifecycleTest : public ExtensionTest {
 protected:
  void SetUp() override {
    ExtensionTest::SetUp();
    const auto installed = install();
    ASSERT_EQ(installed.run.exit_code, 0) << installed.run.err;
    connection_string = sent_connection_string();
    azure.clear_requests();
  }

  std::string connection_string;  // the Relay's, as the install sent it
};

// --- update ---

TEST_F(ExtensionLifecycleTest, UpdateMergesOverTheInstalledSettingsAndKeepsTheProtectedOnes) {
  ASSERT_FALSE(connection_string.empty());
  const auto [run, out] =
      extension("update", {"--config", "enableInference=true", "--config", "inferenceRouterServiceType=ClusterIP",
                           "--config", "allowInsecureConnections=true"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "updated");
  const json patch = last_body("PATCH", kDefaultExtension)["properties"];
  EXPECT_EQ(patch["configurationSettings"]["enableInference"], "true");
  EXPECT_EQ(patch["configurationSettings"]["enableTraining"], "true");  // kept from the install
  EXPECT_EQ(patch["configurationSettings"]["installNvidiaDevicePlugin"], "False");
  // Left out, so Azure keeps them (audit D1): nothing protected was given or changes.
  EXPECT_FALSE(patch.contains("configurationProtectedSettings")) << patch.dump();
  EXPECT_EQ(mutations(), (std::vector<std::string>{"PATCH " + kDefaultExtension}));
  EXPECT_NE(run.err.find("warning: --config: allowInsecureConnections: TLS is off"), std::string::npos) << run.err;
}

TEST_F(ExtensionLifecycleTest, UpdateChecksTheMergedSettings) {
  const auto [run, out] = extension("update", {"--config", "enableInference=true"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("inferenceRouterServiceType: is required with enableInference=true"), std::string::npos)
      << run.err;
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ExtensionLifecycleTest, UpdateWithNothingToChangeIsAUsageError) {
  const auto [run, out] = extension("update");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("error: nothing to update: pass --config"), std::string::npos) << run.err;
  EXPECT_TRUE(arm_requests().empty());
}

TEST_F(ExtensionLifecycleTest, UpdateToTheSameValuesSendsNothing) {
  const auto [run, out] = extension("update", {"--config", "enableTraining=true"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "unchanged");
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ExtensionLifecycleTest, UpdateWithProtectedSettingsAlwaysSendsThem) {
  const auto [run, out] = extension("update", {"--config-protected", "custom.token=abc123xyz"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json patch = last_body("PATCH", kDefaultExtension)["properties"]["configurationProtectedSettings"];
  EXPECT_EQ(patch["custom.token"], "abc123xyz");
  EXPECT_EQ(patch["relayServerConnectionString"], connection_string);  // read again through listKeys
  EXPECT_EQ(run.out.find("abc123xyz"), std::string::npos);
  EXPECT_EQ(run.err.find("abc123xyz"), std::string::npos);
}

TEST_F(ExtensionLifecycleTest, UpdateOfAClusterWithoutTheExtensionIsNotFound) {
  ASSERT_EQ(extension("delete", {"--yes"}).run.exit_code, 0);
  const auto [run, out] = extension("update", {"--config", "enableTraining=true"});
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("no AzureML extension is installed on cluster cluster1"), std::string::npos) << run.err;
}

TEST_F(ExtensionLifecycleTest, ExtensionStillCreatingIsWaitedForBeforeTheUpdate) {
  auto resource = azure.resource(kDefaultExtension);
  (*resource)["properties"]["provisioningState"] = "Creating";
  azure.put_resource(*resource);
  // Nothing moves it on in the fake: the wait ends at --timeout, with exit 5, before any change.
  const auto [run, out] = extension("update", {"--config", "custom.flag=1", "--timeout", "1s"});
  EXPECT_NE(run.err.find("extension amlarc-compute is Creating: waiting for it first"), std::string::npos) << run.err;
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_TRUE(mutations().empty());
}

// --- show ---

TEST_F(ExtensionLifecycleTest, ShowJoinsTheExtensionAndItsPods) {
  const auto [run, out] = extension("show");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["name"], "amlarc-compute");
  EXPECT_EQ(out["provisioningState"], "Succeeded");
  EXPECT_EQ(out["configurationSettings"]["enableTraining"], "true");
  ASSERT_TRUE(out["pods"].is_array());
  json crashing;
  for (const auto& pod : out["pods"])
    if (pod["name"] == kCrashingPod) crashing = pod;
  EXPECT_EQ(crashing["healthy"], false);
  EXPECT_EQ(crashing["problems"], (json{"relayserver: CrashLoopBackOff", "relayserver: 17 restarts"}));
  EXPECT_EQ(arm_sequence(), (std::vector<std::string>{"GET " + kExtensionsPath}));
  EXPECT_EQ(run.out.find("SharedAccessKey"), std::string::npos);
}

TEST_F(ExtensionLifecycleTest, ShowForPeopleIsATable) {
  const azureml::testing::Run shown = run({"extension", "show", "--kubeconfig", kubeconfig}, signed_in());
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("extension amlarc-compute (microsoft.azureml.kubernetes) on cluster1: Succeeded"),
            std::string::npos)
      << shown.out;
  EXPECT_NE(shown.out.find("POD "), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find(kCrashingPod), std::string::npos) << shown.out;
}

TEST_F(ExtensionLifecycleTest, ShowWithoutClusterAccessSaysWhy) {
  const auto [run, out] = extension("show", without_cluster({}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(out["pods"].is_null());
  EXPECT_NE(out["podsNotRead"].get<std::string>().find("/nonexistent/kubeconfig"), std::string::npos) << out.dump();
}

TEST_F(ExtensionLifecycleTest, ShowOfAFailedExtensionSaysWhy) {
  auto resource = azure.resource(kDefaultExtension);
  (*resource)["properties"]["provisioningState"] = "Failed";
  (*resource)["properties"]["errorInfo"] = {{"code", "ExtensionOperationFailed"}, {"message", "helm timed out"}};
  (*resource)["properties"]["statuses"] = {{{"code", "InstallationFailed"},
                                            {"level", "Error"},
                                            {"displayStatus", "Failed"},
                                            {"message", "pod aml-operator not ready"}}};
  azure.put_resource(*resource);
  const auto [run, out] = extension("show");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["failure"],
            "ExtensionOperationFailed: helm timed out\nInstallationFailed (Failed): pod aml-operator not ready");
}

TEST_F(ExtensionLifecycleTest, ShowOfAClusterWithoutTheExtensionIsExitFour) {
  ASSERT_EQ(extension("delete", {"--yes"}).run.exit_code, 0);
  const auto [run, out] = extension("show");
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("error: no AzureML extension on cluster " + kArcClusterId), std::string::npos) << run.err;
}

// --- delete ---

TEST_F(ExtensionLifecycleTest, DeleteSendsForceDeleteFalseAndWaits) {
  const auto [run, out] = extension("delete", {"--yes"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "deleted");
  EXPECT_EQ(arm_sequence(),
            (std::vector<std::string>{"GET " + kExtensionsPath, "DELETE " + kDefaultExtension, "POLL", "POLL"}));
  for (const auto& request : azure.requests()) {
    if (request.method == "DELETE") {
      EXPECT_EQ(request.query_value("forceDelete"), "false");
    }
  }
  EXPECT_FALSE(azure.resource(kDefaultExtension));
  EXPECT_TRUE(azure.resource(kRelayNamespace));  // as the Azure CLI does: the Relay stays
}

TEST_F(ExtensionLifecycleTest, ForceDeleteMapsToForceDelete) {
  const auto [run, out] = extension("delete", {"--yes", "--force"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const auto& request : azure.requests()) {
    if (request.method == "DELETE") {
      EXPECT_EQ(request.query_value("forceDelete"), "true");
    }
  }
}

TEST_F(ExtensionLifecycleTest, DeleteRelayRemovesWhatWasMadeForTheExtension) {
  const auto [run, out] = extension("delete", {"--yes", "--delete-relay"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(azure.resource(kRelayNamespace));
  EXPECT_EQ(mutations(), (std::vector<std::string>{"DELETE " + kDefaultExtension, "DELETE " + kRelayNamespace}));
}

TEST_F(ExtensionLifecycleTest, DeleteRelayLeavesANamespaceItDidNotMake) {
  auto relay = azure.resource(kRelayNamespace);
  (*relay)["tags"] = json::object();
  azure.put_resource(*relay);
  const auto [run, out] = extension("delete", {"--yes", "--delete-relay"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(azure.resource(kRelayNamespace));
  EXPECT_NE(out["notes"].dump().find("Relay namespace " + kRelayNamespaceName + " was left in place"),
            std::string::npos)
      << out.dump();
}

TEST_F(ExtensionLifecycleTest, DeletingWhatIsNotThereSucceeds) {
  ASSERT_EQ(extension("delete", {"--yes"}).run.exit_code, 0);
  azure.clear_requests();
  const auto [run, out] = extension("delete", {"--yes"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "absent");
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ExtensionLifecycleTest, DeleteInAScriptNeedsYes) {
  const auto [run, out] = extension("delete");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("error: deleting needs confirmation: pass --yes"), std::string::npos) << run.err;
  EXPECT_TRUE(arm_requests().empty());
}

TEST_F(ExtensionLifecycleTest, DeleteDryRunSendsNoDelete) {
  const auto [run, out] = extension("delete", {"--dry-run", "--delete-relay"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "would be deleted");
  EXPECT_TRUE(mutations().empty());
  EXPECT_EQ(out["changes"].size(), 2u);
}

TEST_F(ExtensionLifecycleTest, FailedDeleteSaysSoAndSuggestsForce) {
  azure.set_operation_outcome(
      "DELETE", "/extensions/",
      {.status = "Failed", .error_code = "AgentUnreachable", .error_message = "the cluster's agent did not answer"});
  const auto [run, out] = extension("delete", {"--yes"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("AgentUnreachable"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--force deletes it from Azure without waiting for the cluster"), std::string::npos)
      << run.err;
}

// --- commands and help ---

TEST_F(ExtensionLifecycleTest, GroupWithoutACommandListsItsCommands) {
  const azureml::testing::Run listed = run({"extension"}, signed_in());
  EXPECT_EQ(listed.exit_code, 0);
  for (const char* name : {"install", "show", "update", "delete"})
    EXPECT_NE(listed.out.find(std::string("  ") + name), std::string::npos) << listed.out;
  const azureml::testing::Run unknown = run({"extension", "instal"}, signed_in());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown command 'extension instal'"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("did you mean 'extension install'?"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace azureml::testing
