// install_extension and update_extension in-process, against the fake Azure: the extension and
// the Relay it needs made, a re-run that sends nothing, a dry run's plan, an update's PATCH.
#include "core/ops/extension_install.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/arm/fake_azure_arm_harness.h"

namespace azureml::ops {
namespace {

using arm::fake_azure::ArmHarness;
using arm::fake_azure::kCluster;
using ::testing::HasSubstr;

class ExtensionInstallTest : public ::testing::Test {
 protected:
  ExtensionRequest request(const std::vector<std::string>& settings, bool dry_run = false) {
    ExtensionRequest r;
    r.cluster = *arm::ResourceId::parse(kCluster);
    std::vector<extension::SettingProblem> problems;
    extension::add_assignments(r.settings, settings, false, problems);
    EXPECT_TRUE(problems.empty());
    r.mode.dry_run = dry_run;
    return r;
  }

  // "METHOD path" of the requests that change something (listKeys reads).
  std::vector<std::string> mutations() const {
    std::vector<std::string> out;
    for (const auto& r : harness.azure.requests())
      if (r.method != "GET" && r.path.starts_with("/subscriptions/") && !r.path.ends_with("/listKeys"))
        out.push_back(r.method + " " + r.path);
    return out;
  }

  ArmHarness harness;
};

TEST_F(ExtensionInstallTest, InstallsWithTheRelayThenARerunSendsNothing) {
  const auto installed = install_extension(*harness.client, request({"enableTraining=true"}));
  ASSERT_TRUE(installed.ok()) << installed.error().message;
  EXPECT_EQ(installed->action, "created");
  const auto sent = mutations();
  ASSERT_FALSE(sent.empty());
  EXPECT_THAT(sent.back(), HasSubstr("/providers/Microsoft.KubernetesConfiguration/extensions/amlarc-compute"));
  EXPECT_THAT(::testing::PrintToString(sent), HasSubstr("Microsoft.Relay/namespaces"));
  EXPECT_EQ(installed->changes.size(), sent.size());

  harness.azure.clear_requests();
  const auto again = install_extension(*harness.client, request({"enableTraining=true"}));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->action, "unchanged");
  EXPECT_TRUE(mutations().empty()) << ::testing::PrintToString(mutations());
}

TEST_F(ExtensionInstallTest, ADryRunPlansEveryChangeAndSendsNone) {
  const auto planned = install_extension(*harness.client, request({"enableTraining=true"}, true));
  ASSERT_TRUE(planned.ok()) << planned.error().message;
  EXPECT_EQ(planned->action, "would be created");
  EXPECT_FALSE(planned->changes.empty());
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ExtensionInstallTest, BadSettingsAreRefusedBeforeAnythingIsSent) {
  const auto refused = install_extension(*harness.client, request({"enableTraining=maybe"}));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ExitCode::usage);
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ExtensionInstallTest, AnUpdatePatchesTheChangedSettings) {
  ASSERT_TRUE(install_extension(*harness.client, request({"enableTraining=true"})).ok());
  harness.azure.clear_requests();
  const auto updated = update_extension(
      *harness.client,
      request({"enableInference=true", "inferenceRouterServiceType=LoadBalancer", "allowInsecureConnections=true"}));
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->action, "updated");
  EXPECT_THAT(mutations(), ::testing::Contains(HasSubstr("PATCH ")));
}

}  // namespace
}  // namespace azureml::ops
