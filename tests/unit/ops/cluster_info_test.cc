// What the cluster's ARM resource tells (ops/cluster_info.h).
#include "core/ops/cluster_info.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace azureml::ops {
namespace {

using ::testing::ElementsAre;

const arm::ResourceId kAks =
    *arm::ResourceId::parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/a");

// Audit D4: a private cluster's API server is named by privateFQDN (the wire name; the Azure
// CLI prints it as privateFqdn), so its kubectl context can be confirmed.
TEST(ClusterInfo, PrivateAksClusterIsKnownByItsPrivateFQDN) {
  const nlohmann::json resource = {{"location", "EastUS"},
                                   {"properties", {{"privateFQDN", "A-Priv.Privatelink.eastus.azmk8s.io"}}}};
  const ClusterInfo info = cluster_info(kAks, resource);
  EXPECT_THAT(info.api_hosts, ElementsAre("a-priv.privatelink.eastus.azmk8s.io"));
  EXPECT_EQ(info.facts.location, "eastus");
}

TEST(ClusterInfo, EveryHostNameIsKeptAndOthersIgnored) {
  const nlohmann::json resource = {{"properties",
                                    {{"fqdn", "a.hcp.eastus.azmk8s.io"},
                                     {"azurePortalFQDN", "a.portal.hcp.eastus.azmk8s.io"},
                                     {"privateFQDN", 42},
                                     {"dnsPrefix", "a"}}}};
  EXPECT_THAT(cluster_info(kAks, resource).api_hosts,
              ElementsAre("a.portal.hcp.eastus.azmk8s.io", "a.hcp.eastus.azmk8s.io"));
}

}  // namespace
}  // namespace azureml::ops
