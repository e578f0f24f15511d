// valid_name and the Relay / Service Bus resource ids, as the Azure CLI's handler names them.
// The md5 suffixes below were computed with `echo -n RAW | md5sum`.
#include "core/extension/azure_names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace azureml::extension {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

const std::string kSubscription = "00000000-0000-0000-0000-000000000001";
const std::string kClusterId =
    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.Kubernetes/"
    "connectedClusters/cluster1";

arm::ResourceId cluster_id() { return arm::ResourceId::connected_cluster(kSubscription, "rg1", "cluster1"); }

TEST(ValidName, KeepsOnlyAsciiLettersAndDigits) {
  EXPECT_EQ(valid_name("a-b_c.d!e", 50), "abcde");
  EXPECT_EQ(valid_name("Cluster 1/RG", 50), "Cluster1RG");
}

TEST(ValidName, ExactlyMaxLengthIsKept) {
  const std::string fifty = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwx";
  ASSERT_EQ(fifty.size(), 50u);
  EXPECT_EQ(valid_name(fifty, 50), fifty);
}

TEST(ValidName, LongerRawThatFiltersToMaxLengthIsKept) {
  // 51 characters, 50 after the '-' goes.
  EXPECT_EQ(valid_name("abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwx", 50),
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwx");
}

TEST(ValidName, LongerGetsFirst44AndSixHexOfTheMd5OfTheRawInput) {
  // md5("abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwxyz") = 614c367a75a12d0658f3d12c951406fa;
  // md5 of the filtered text would be 55032b1ba8bc84b3755818c8a48ea031.
  const std::string name = valid_name("abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwxyz", 50);
  EXPECT_EQ(name, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr614c36");
  EXPECT_EQ(name.size(), 50u);
}

TEST(ValidName, FiftyOneAlnumCharactersAreShortened) {
  // md5("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz") = 55032b1ba8bc84b3755818c8a48ea031
  EXPECT_EQ(valid_name("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", 50),
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr55032b");
}

TEST(ValidName, ResultNeverExceedsMaxLength) { EXPECT_LE(valid_name("abcdefgh", 3).size(), 3u); }

TEST(RelayNames, NamespaceHybridConnectionAndRule) {
  const RelayNames names = relay_names(cluster_id());
  const std::string ns =
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/"
      "Microsoft.Relay/namespaces/cluster100000000000000000000000000000001rg1relay";
  EXPECT_EQ(names.namespace_id.str(), ns);
  EXPECT_EQ(names.hybrid_connection_id.str(), ns + "/hybridConnections/cluster1");
  EXPECT_EQ(names.rule_id.str(), ns + "/hybridConnections/cluster1/authorizationRules/azureml_rw");
}

TEST(RelayNames, LongClusterNameGetsTheMd5Suffix) {
  // md5("my-very-long-cluster-name-00000000-0000-0000-0000-000000000001-rg1-relay") = 0a7256115de8906e64f830e588d86583
  const RelayNames names =
      relay_names(arm::ResourceId::connected_cluster(kSubscription, "rg1", "my-very-long-cluster-name"));
  EXPECT_EQ(names.namespace_id.name(),
            "myverylongclustername00000000000000000000000"
            "0a7256");
  EXPECT_EQ(names.hybrid_connection_id.name(), "my-very-long-cluster-name");
}

TEST(ServiceBusNames, NamespaceIsShortenedWithTheMd5Suffix) {
  // "cluster1-00000000-0000-0000-0000-000000000001-rg1-service-bus": 53 letters and digits;
  // md5 = f2105c159bbddf03cada729a6ddecb11.
  const ServiceBusNames names = service_bus_names(cluster_id());
  EXPECT_EQ(names.namespace_id.str(),
            "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.ServiceBus/"
            "namespaces/cluster100000000000000000000000000000001rg1sf2105c");
}

TEST(ServiceBusNames, TopicsAndTheirSubscriptions) {
  EXPECT_THAT(service_bus_names(cluster_id()).topics,
              ElementsAre(Pair("computestate-updatedby-computeprovider", "compute-scheduler-computestate"),
                          Pair("jobstate-updatedby-computeprovider", "compute-scheduler-jobstate")));
}

TEST(ServiceBusNames, ManagedClusterUsesItsSubscriptionAndGroup) {
  const auto aks = arm::ResourceId::managed_cluster("sub2", "group2", "aks");
  EXPECT_EQ(
      service_bus_names(aks).namespace_id.str(),
      "/subscriptions/sub2/resourceGroups/group2/providers/Microsoft.ServiceBus/namespaces/akssub2group2servicebus");
  EXPECT_EQ(relay_names(aks).namespace_id.str(),
            "/subscriptions/sub2/resourceGroups/group2/providers/Microsoft.Relay/namespaces/akssub2group2relay");
}

TEST(AzureNames, ClusterIdUsedByTheTests) { EXPECT_EQ(cluster_id().str(), kClusterId); }

}  // namespace
}  // namespace azureml::extension
