// load_fleet in-process: defaults and per-cluster values, configurations read once relative to
// the fleet file, and every problem reported at once with its position.
#include "core/ops/fleet_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/temp_dir.h"

namespace azureml::ops {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kSubscription = "00000000-0000-0000-0000-000000000001";

class FleetFileTest : public ::testing::Test {
 protected:
  auto load(const std::string& text, FleetDefaults defaults = {kSubscription, "", ""}) {
    return load_fleet(config::Source{"fleet.yaml", text}, dir.path().string(), defaults);
  }
  test::TempDir dir;
};

TEST_F(FleetFileTest, DefaultsApplyAndAClusterMayOverrideThem) {
  dir.write("gpu.yaml", "namespace: gpu-jobs\n");
  const auto fleet = load(
      "workspace: ws\nresourceGroup: rg\nclusters:\n"
      "  - {name: a1, cluster: edge-1}\n"
      "  - {name: a2, cluster: edge-2, clusterResourceGroup: edge, workspace: other, config: gpu.yaml}\n");
  ASSERT_TRUE(fleet.ok()) << ::testing::PrintToString(fleet.error());
  ASSERT_EQ(fleet->size(), 2u);
  const AttachRequest& first = (*fleet)[0];
  EXPECT_EQ(first.name, "a1");
  EXPECT_EQ(first.workspace.name(), "ws");
  EXPECT_EQ(first.cluster.str(), "/subscriptions/" + kSubscription +
                                     "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/edge-1");
  EXPECT_EQ(first.config.namespace_name, config::service_default_config().namespace_name);
  EXPECT_TRUE(first.skip_preflight);  // one kubectl context cannot be every cluster of a fleet
  const AttachRequest& second = (*fleet)[1];
  EXPECT_EQ(second.workspace.name(), "other");
  EXPECT_EQ(second.cluster.resource_group(), "edge");
  EXPECT_EQ(second.config.namespace_name, "gpu-jobs");  // relative to the fleet file's directory
}

TEST_F(FleetFileTest, WorkspaceFlagsFillWhatTheFileLeavesOut) {
  const auto fleet = load("clusters:\n  - {name: a1, cluster: edge-1}\n", {kSubscription, "ws", "rg"});
  ASSERT_TRUE(fleet.ok()) << ::testing::PrintToString(fleet.error());
  EXPECT_EQ((*fleet)[0].workspace.resource_group(), "rg");
}

TEST_F(FleetFileTest, EveryProblemIsReportedAtOnceWithItsPosition) {
  const auto fleet = load(
      "workspace: ws\nresourceGroup: rg\nclusters:\n"
      "  - {name: a1, cluster: edge-1, colour: red}\n"
      "  - {name: a1, cluster: edge-2}\n"
      "  - 7\n");
  ASSERT_FALSE(fleet.ok());
  EXPECT_THAT(fleet.error(),
              ElementsAre(HasSubstr("fleet.yaml:4:"), HasSubstr("fleet.yaml:5:"), HasSubstr("fleet.yaml:6:")));
  EXPECT_THAT(fleet.error()[0], HasSubstr("unknown key 'colour'"));
  EXPECT_THAT(fleet.error()[1], HasSubstr("compute name 'a1' is given twice"));
  EXPECT_THAT(fleet.error()[2], HasSubstr("each cluster must be a map"));
}

TEST_F(FleetFileTest, ABadConfigurationIsReportedOnceForEveryClusterThatNamesIt) {
  dir.write("bad.yaml", "namespace: NOT_A_NAME\n");
  const auto fleet = load(
      "workspace: ws\nresourceGroup: rg\nconfig: bad.yaml\nclusters:\n"
      "  - {name: a1, cluster: edge-1}\n"
      "  - {name: a2, cluster: edge-2}\n");
  ASSERT_FALSE(fleet.ok());
  ASSERT_EQ(fleet.error().size(), 1u) << ::testing::PrintToString(fleet.error());
  EXPECT_THAT(fleet.error()[0], HasSubstr("bad.yaml:1:"));
}

TEST_F(FleetFileTest, AConfigurationThatCannotBeReadIsAnErrorAtItsKey) {
  const auto fleet =
      load("workspace: ws\nresourceGroup: rg\nclusters:\n  - {name: a1, cluster: edge-1, config: nowhere.yaml}\n");
  ASSERT_FALSE(fleet.ok());
  ASSERT_EQ(fleet.error().size(), 1u);
  EXPECT_THAT(fleet.error()[0], HasSubstr("fleet.yaml:4:"));
  EXPECT_THAT(fleet.error()[0], HasSubstr("cannot read the attach configuration: cannot read '"));
  EXPECT_THAT(fleet.error()[0], HasSubstr("nowhere.yaml'"));
}

}  // namespace
}  // namespace azureml::ops
