// What a PATCH does with an installed extension's protected settings (ops/protected_settings.h).
#include "core/ops/protected_settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/extension/azure_names.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const arm::ResourceId kCluster =
    *arm::ResourceId::parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c1");

extension::SettingMap relay_on(const std::string& hybrid_connection) {
  extension::SettingMap settings = {{"relayserver.enabled", "true"}};
  if (!hybrid_connection.empty()) settings["relayserver.hybridConnectionResourceID"] = hybrid_connection;
  return settings;
}

TEST(InstalledConnections, OursTheirsOrNone) {
  const std::string ours = extension::relay_names(kCluster).hybrid_connection_id.str();
  EXPECT_EQ(installed_connections(relay_on(ours), kCluster).relay, ConnectionSource::ours);
  EXPECT_EQ(installed_connections(relay_on(to_lower(ours)), kCluster).relay, ConnectionSource::ours);
  EXPECT_EQ(installed_connections(relay_on(""), kCluster).relay, ConnectionSource::theirs);
  EXPECT_EQ(installed_connections({{"relayserver.enabled", "false"}}, kCluster).relay, ConnectionSource::none);
  EXPECT_EQ(installed_connections({}, kCluster).service_bus, ConnectionSource::none);
}

const extension::SettingMap kKeptRelay = {{"relayServerConnectionString", kKeptConnectionString},
                                          {"relayserver.relayConnectionString", kKeptConnectionString}};
const std::optional<std::vector<std::string>> kNames =
    std::vector<std::string>{"relayServerConnectionString", "relayserver.relayConnectionString", "la"};

TEST(PlanProtected, NothingGivenNothingSent) {
  const auto plan = plan_protected_settings({kKeptRelay, kNames, {ConnectionSource::ours}, false, false, {}});
  EXPECT_FALSE(plan.send);
  EXPECT_THAT(plan.problems, IsEmpty());
}

TEST(PlanProtected, GivenOneTheOthersAreNeeded) {
  auto desired = kKeptRelay;
  desired["custom"] = "x";
  const auto plan = plan_protected_settings({desired, kNames, {ConnectionSource::ours}, true, false, {}});
  EXPECT_TRUE(plan.send);
  EXPECT_TRUE(plan.read_relay);
  ASSERT_THAT(plan.problems, ::testing::SizeIs(1));
  EXPECT_THAT(plan.problems[0], HasSubstr("protected setting 'la' would be lost"));
}

TEST(PlanProtected, DroppedOnPurpose) {
  auto desired = kKeptRelay;
  desired["custom"] = "x";
  const auto plan = plan_protected_settings({desired, kNames, {ConnectionSource::ours}, true, false, {"la"}});
  EXPECT_THAT(plan.problems, IsEmpty());
  EXPECT_THAT(plan.keys_to_drop, ElementsAre("la"));
}

TEST(PlanProtected, ABroughtRelayMustBeGivenAgain) {
  const auto plan = plan_protected_settings({kKeptRelay, kNames, {ConnectionSource::theirs}, false, false, {"la"}});
  EXPECT_TRUE(plan.send);
  EXPECT_FALSE(plan.read_relay);
  ASSERT_THAT(plan.problems, ::testing::SizeIs(1));
  EXPECT_THAT(plan.problems[0], HasSubstr("'relayServerConnectionString' would be lost"));
}

TEST(PlanProtected, UnnamedSettingsNeedTheUserToGiveThem) {
  const std::optional<std::vector<std::string>> unknown;
  const auto refused = plan_protected_settings({kKeptRelay, unknown, {ConnectionSource::ours}, false, true, {}});
  ASSERT_THAT(refused.problems, ::testing::SizeIs(1));
  EXPECT_THAT(refused.problems[0], HasSubstr("cannot be checked"));
  auto desired = kKeptRelay;
  desired["custom"] = "x";
  const auto sent = plan_protected_settings({desired, unknown, {ConnectionSource::ours}, true, false, {}});
  EXPECT_THAT(sent.problems, IsEmpty());
  EXPECT_THAT(sent.notes, ElementsAre(HasSubstr("cannot be checked")));
}

TEST(PlanProtected, DroppingWhatIsGivenOrAbsentIsRefused) {
  auto desired = kKeptRelay;
  desired["la"] = "x";
  EXPECT_THAT(plan_protected_settings({desired, kNames, {ConnectionSource::ours}, true, false, {"la"}}).problems,
              ElementsAre(HasSubstr("give it or drop it, not both")));
  EXPECT_THAT(plan_protected_settings({kKeptRelay, kNames, {ConnectionSource::ours}, false, false, {"nope"}}).problems,
              ::testing::Contains(HasSubstr("no protected setting nope")));
}

// A reinstall sends the settings whole: what the failed extension has must be sent or dropped.
TEST(ReinstallProtected, EveryInstalledKeySentDroppedOrNamed) {
  const extension::SettingMap sent = {{"relayServerConnectionString", "planned"}};  // its chart copy comes with it
  EXPECT_THAT(reinstall_protected_problems(sent, kNames, {}),
              ElementsAre("the failed extension's protected setting 'la' would be lost: installing it again sends its "
                          "settings whole; pass it again with --config-protected KEY=VALUE, or remove one on purpose "
                          "with --drop-protected KEY"));
  EXPECT_TRUE(reinstall_protected_problems(sent, kNames, {"la"}).empty());
  EXPECT_TRUE(reinstall_protected_problems({}, std::nullopt, {}).empty()) << "unnamed: nothing can be checked";
}

TEST(ReinstallProtected, DroppingWhatIsGivenOrAbsentIsRefused) {
  const extension::SettingMap sent = {{"relayServerConnectionString", "planned"}, {"la", "v"}};
  EXPECT_THAT(reinstall_protected_problems(sent, kNames, {"la"}),
              ElementsAre(HasSubstr("--drop-protected la drops a protected setting this command also gives")));
  EXPECT_THAT(reinstall_protected_problems(sent, kNames, {"nope"}),
              ElementsAre(HasSubstr("--drop-protected nope: the extension has no protected setting nope; it has")));
}

}  // namespace
}  // namespace azureml::ops
