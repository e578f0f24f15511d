// What the cluster's ARM resource tells (ops/cluster_info.h).
#include "core/ops/cluster_info.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace azureml::ops {
namespace {

using ::testing::ElementsAre;

const arm::ResourceId kAks = *arm::ResourceId::parse(
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/a");

// Audit D4: a private cluster's API server is named by privateFQDN (the wire name; the Azure
// CLI prints it as privateFqdn), so its kubectl context can be confirmed.
TEST(ClusterInfo, PrivateAksClusterIsKnownByItsPrivateFQDN) {
  const nlohmann::json resource = {{"location", "EastUS"},
                                   {"properties", {{"privateFQDN", "A-Priv.Privatelink.eastus.azmk8s.io"}}}};
  const ClusterInfo info = cluster_info(kAks, resource).value();
  EXPECT_THAT(info.api_hosts, ElementsAre("a-priv.privatelink.eastus.azmk8s.io"));
  EXPECT_EQ(info.facts.location, "eastus");
}

TEST(ClusterInfo, EveryHostNameIsKeptAndOthersIgnored) {
  const nlohmann::json resource = {{"properties",
                                    {{"fqdn", "a.hcp.eastus.azmk8s.io"},
                                     {"azurePortalFQDN", "a.portal.hcp.eastus.azmk8s.io"},
                                     {"privateFQDN", nullptr},
                                     {"dnsPrefix", "a"}}}};
  EXPECT_THAT(cluster_info(kAks, resource).value().api_hosts,
              ElementsAre("a.hcp.eastus.azmk8s.io", "a.portal.hcp.eastus.azmk8s.io"));
}

// A host name of another type is an answer of an unexpected shape, named by its path, not a
// name silently missing from the context check.
TEST(ClusterInfo, AFieldOfAnotherTypeIsTheAnswersShapeError) {
  const nlohmann::json aks = {{"location", "eastus"}, {"properties", {{"privateFQDN", 42}}}};
  const auto read = cluster_info(kAks, aks);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().describe(), "at $.properties.privateFQDN a string was expected, not a number");
  const auto arc = arm::ResourceId::connected_cluster("s", "rg", "c");
  const nlohmann::json pools = {{"location", "eastus"}, {"properties", {{"totalNodeCount", "3"}}}};
  ASSERT_FALSE(cluster_info(arc, pools));
  EXPECT_EQ(cluster_info(arc, pools).error().path, "$.properties.totalNodeCount");
}

}  // namespace
}  // namespace azureml::ops
