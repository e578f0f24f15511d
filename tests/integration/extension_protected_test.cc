// Protected settings across `extension update` and a changed `extension install` (audit D1, D2,
// D3): Azure keeps configurationProtectedSettings when a PATCH leaves it out and replaces it
// whole when a PATCH carries it, and its GET names the keys with empty values (the fake models
// both). Each case asserts on the PATCH bodies the fake recorded.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/integration/extension_fixture.h"

namespace azureml::testing {
namespace {

using nlohmann::json;

const std::string kLogAnalytics = "azure_log_analytics.connection_string";
const std::string kLogAnalyticsValue = "InstrumentationKey=la-key-1;IngestionEndpoint=https://la.example";
const std::string kOwnRelay = "Endpoint=sb://mine.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=own";

class ExtensionProtectedTest : public ExtensionTest {
 protected:
  // Installed with a Log Analytics key and a custom protected key beside the Relay's strings.
  void install_with_log_analytics() {
    const auto [run, out] =
        install({"--config", "enableTraining=true", "--config", "logAnalyticsWS=true", "--config-protected",
                 kLogAnalytics + "=" + kLogAnalyticsValue, "--config-protected", "custom.token=c1"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    relay = sent_connection_string();
    azure.clear_requests();
  }

  std::string relay;  // the Relay's connection string the install sent

  std::vector<std::string> stored_protected_names() const {
    std::vector<std::string> names;
    const auto stored = azure.resource(kDefaultExtension);
    if (!stored) return names;
    const json& map = (*stored)["properties"].value("configurationProtectedSettings", json::object());
    for (auto it = map.begin(); it != map.end(); ++it) {
      EXPECT_EQ(it.value(), "") << "a GET shows protected keys with empty values only";
      names.push_back(it.key());
    }
    return names;
  }

  json patch_properties() const { return last_body("PATCH", kDefaultExtension)["properties"]; }
};

TEST_F(ExtensionProtectedTest, TheFakeNamesProtectedKeysWithEmptyValues) {
  install_with_log_analytics();
  EXPECT_EQ(stored_protected_names(),
            (std::vector<std::string>{kLogAnalytics, "custom.token", "relayServerConnectionString",
                                      "relayserver.relayConnectionString"}));
  const auto [run, out] = extension("show");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["configurationProtectedSettings"],
            (json{kLogAnalytics, "custom.token", "relayServerConnectionString", "relayserver.relayConnectionString"}));
}

TEST_F(ExtensionProtectedTest, APublicChangeLeavesTheProtectedSettingsOut) {
  install_with_log_analytics();
  const auto [run, out] = extension("update", {"--config", "nodeSelector.pool=gpu"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(mutations(), (std::vector<std::string>{"PATCH " + kDefaultExtension}));
  const json properties = patch_properties();
  EXPECT_FALSE(properties.contains("configurationProtectedSettings")) << properties.dump();
  EXPECT_EQ(properties["configurationSettings"]["nodeSelector.pool"], "gpu");
  // Nothing about the Relay was asked: it is kept, not read again.
  for (const auto& line : arm_requests()) EXPECT_EQ(line.find("Microsoft.Relay"), std::string::npos) << line;
  EXPECT_EQ(stored_protected_names().size(), 4u);
}

TEST_F(ExtensionProtectedTest, AChangedInstallLeavesTheProtectedSettingsOutToo) {
  install_with_log_analytics();
  const auto [run, out] = install(
      {"--config", "enableTraining=true", "--config", "logAnalyticsWS=true", "--config", "nodeSelector.pool=gpu"});
  ASSERT_NE(run.exit_code, 0) << "logAnalyticsWS=true without its key is refused offline: " << run.err;
  const auto [again, data] = install({"--config", "enableTraining=true", "--config", "nodeSelector.pool=gpu"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_FALSE(patch_properties().contains("configurationProtectedSettings"));
  EXPECT_NE(again.err.find("'logAnalyticsWS' stays on the extension"), std::string::npos) << again.err;
}

TEST_F(ExtensionProtectedTest, GivingOneProtectedSettingWithoutTheOthersIsRefusedBeforeAnythingIsSent) {
  install_with_log_analytics();
  const auto [run, out] = extension("update", {"--config-protected", "custom.token=c2"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("protected setting '" + kLogAnalytics + "' would be lost"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--drop-protected KEY"), std::string::npos) << run.err;
  EXPECT_TRUE(mutations().empty());
  EXPECT_EQ(stored_protected_names().size(), 4u);
}

TEST_F(ExtensionProtectedTest, EveryKeyGivenAgainIsSentWithTheRelayStringReadAgain) {
  install_with_log_analytics();
  ASSERT_FALSE(relay.empty());
  const auto [run, out] = extension("update", {"--config-protected", "custom.token=c2", "--config-protected",
                                               kLogAnalytics + "=" + kLogAnalyticsValue});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(patch_properties()["configurationProtectedSettings"], (json{{kLogAnalytics, kLogAnalyticsValue},
                                                                        {"custom.token", "c2"},
                                                                        {"relayServerConnectionString", relay},
                                                                        {"relayserver.relayConnectionString", relay}}));
  // listKeys only: an update never makes a Relay.
  for (const auto& line : mutations()) EXPECT_EQ(line.find("Microsoft.Relay"), std::string::npos) << line;
}

// listKeys only: a Relay rule that is gone is an error naming it, never a reason to make one.
TEST_F(ExtensionProtectedTest, AnUpdateThatFindsOurRelayGoneSaysSoAndMakesNone) {
  install_with_log_analytics();
  fakes::Fault gone;
  gone.method = "POST";
  gone.path_regex = "/listKeys$";
  gone.status = 404;
  gone.times = fakes::Fault::kAlways;
  azure.add_fault(gone);
  const auto [run, out] = extension("update", {"--config-protected", "custom.token=c2", "--config-protected",
                                               kLogAnalytics + "=" + kLogAnalyticsValue});
  EXPECT_EQ(run.exit_code, 4) << run.err;
  EXPECT_NE(run.err.find("the Relay the extension's settings name was not found"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("'extension install' provides it again"), std::string::npos) << run.err;
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ExtensionProtectedTest, DropProtectedRemovesOneOnPurpose) {
  install_with_log_analytics();
  const auto [run, out] =
      extension("update", {"--config-protected", "custom.token=c2", "--drop-protected", kLogAnalytics});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json sent = patch_properties()["configurationProtectedSettings"];
  EXPECT_FALSE(sent.contains(kLogAnalytics)) << sent.dump();
  EXPECT_EQ(sent["custom.token"], "c2");
  EXPECT_EQ(stored_protected_names(), (std::vector<std::string>{"custom.token", "relayServerConnectionString",
                                                                "relayserver.relayConnectionString"}));
}

TEST_F(ExtensionProtectedTest, DroppingAKeyTheExtensionDoesNotHaveNamesTheOnesItHas) {
  install_with_log_analytics();
  const auto [run, out] = extension("update", {"--drop-protected", "custom.tokn"});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("the extension has no protected setting custom.tokn; it has"), std::string::npos) << run.err;
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ExtensionProtectedTest, ABroughtRelayIsNeverReplaced) {
  const auto [installed, data] =
      install({"--config", "enableTraining=true", "--config-protected", "relayServerConnectionString=" + kOwnRelay});
  ASSERT_EQ(installed.exit_code, 0) << installed.err;
  azure.clear_requests();

  const auto [run, out] = extension("update", {"--config", "nodeSelector.pool=gpu"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const auto& line : arm_requests()) EXPECT_EQ(line.find("Microsoft.Relay"), std::string::npos) << line;
  const json properties = patch_properties();
  EXPECT_FALSE(properties.contains("configurationProtectedSettings"));
  EXPECT_FALSE(properties["configurationSettings"].contains("relayserver.hybridConnectionResourceID"));

  // A change that must send the map needs the user's own string again.
  azure.clear_requests();
  const auto [refused, nothing] = extension("update", {"--config-protected", "custom.token=c1"});
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_NE(refused.err.find("'relayServerConnectionString' would be lost"), std::string::npos) << refused.err;
  EXPECT_TRUE(mutations().empty());
  for (const auto& line : arm_requests()) EXPECT_EQ(line.find("Microsoft.Relay"), std::string::npos) << line;
}

TEST_F(ExtensionProtectedTest, WhenAzureDoesNotNameThemTheUserMustGiveWhatToKeep) {
  install_with_log_analytics();
  auto stored = *azure.resource(kDefaultExtension);
  stored["properties"].erase("configurationProtectedSettings");  // as the spec's GetExtension example
  azure.put_resource(stored);

  const auto [show, shown] = extension("show");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(shown["configurationProtectedSettings"].is_null());

  // Unnamed, the Log Analytics key cannot be known to be kept: logAnalyticsWS=true needs it given.
  const auto [refused, nothing] = extension("update", {"--config-protected", "custom.token=c2"});
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_TRUE(mutations().empty());

  const auto [run, out] = extension("update", {"--config-protected", "custom.token=c2", "--config-protected",
                                               kLogAnalytics + "=" + kLogAnalyticsValue});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("protected settings cannot be checked"), std::string::npos) << run.err;
  const json sent = patch_properties()["configurationProtectedSettings"];
  EXPECT_EQ(sent["custom.token"], "c2");
  EXPECT_EQ(sent["relayServerConnectionString"], relay) << "our Relay's string is read again";
}

// A reinstall (a PUT over a failed extension) replaces the protected settings whole too: a key
// the failed extension has must be given again or dropped by name; the Relay's strings are
// derived again and need neither.
TEST_F(ExtensionProtectedTest, AReinstallKeepsEveryProtectedKeyOrIsRefused) {
  install_with_log_analytics();
  auto stored = *azure.resource(kDefaultExtension);
  stored["properties"]["provisioningState"] = "Failed";
  azure.put_resource(stored);

  const auto [refused, nothing] = install({"--config", "enableTraining=true", "--config", "logAnalyticsWS=true",
                                           "--config-protected", kLogAnalytics + "=" + kLogAnalyticsValue});
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_NE(refused.err.find("the failed extension's protected setting 'custom.token' would be lost: installing it "
                             "again sends its settings whole; pass it again with --config-protected KEY=VALUE, or "
                             "remove one on purpose with --drop-protected KEY"),
            std::string::npos)
      << refused.err;
  EXPECT_TRUE(mutations().empty());

  const auto [run, out] =
      install({"--config", "enableTraining=true", "--config", "logAnalyticsWS=true", "--config-protected",
               kLogAnalytics + "=" + kLogAnalyticsValue, "--drop-protected", "custom.token"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "reinstalled");
  const json sent = last_body("PUT", kDefaultExtension)["properties"]["configurationProtectedSettings"];
  EXPECT_EQ(sent[kLogAnalytics], kLogAnalyticsValue);
  EXPECT_FALSE(sent.contains("custom.token"));
  EXPECT_EQ(sent["relayServerConnectionString"], relay) << "the Relay's string is derived again";
}

TEST_F(ExtensionProtectedTest, NoNullIsSentAndADroppedSettingIsNamed) {
  ASSERT_EQ(install({"--config", "enableTraining=true", "--config", "nodeSelector.pool=gpu"}).run.exit_code, 0);
  azure.clear_requests();
  const auto [run, out] = install({"--config", "enableTraining=true", "--config", "nodeSelector.zone=a"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json settings = patch_properties()["configurationSettings"];
  for (auto it = settings.begin(); it != settings.end(); ++it) EXPECT_TRUE(it->is_string()) << it.key();
  EXPECT_NE(run.err.find("'nodeSelector.pool' stays on the extension"), std::string::npos) << run.err;
  // It stays, so a re-run converges instead of patching for ever.
  azure.clear_requests();
  const auto [again, data] = install({"--config", "enableTraining=true", "--config", "nodeSelector.zone=a"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(data["action"], "unchanged");
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ExtensionProtectedTest, UpdateTurnsNodePortOffExplicitly) {
  const std::vector<std::string> inference = {"--config", "enableInference=true", "--config",
                                              "allowInsecureConnections=true"};
  auto first = inference;
  first.insert(first.end(), {"--config", "inferenceRouterServiceType=NodePort"});
  ASSERT_EQ(install(first).run.exit_code, 0);
  const auto [run, out] = extension("update", {"--config", "inferenceRouterServiceType=LoadBalancer"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(patch_properties()["configurationSettings"]["scoringFe.serviceType.nodePort"], "False");
  EXPECT_EQ(
      (*azure.resource(kDefaultExtension))["properties"]["configurationSettings"]["scoringFe.serviceType.nodePort"],
      "False");
}

}  // namespace
}  // namespace azureml::testing
