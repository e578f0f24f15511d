// ResourceId: parse, build, compare, and every parse error's words.
#include "core/arm/resource_id.h"

#include <gtest/gtest.h>

#include <set>

namespace azureml::arm {
namespace {

constexpr const char* kSub = "00000000-0000-0000-0000-000000000001";
const std::string kRg = std::string("/subscriptions/") + kSub + "/resourceGroups/rg1";

std::string parse_error(std::string_view text) {
  const auto parsed = ResourceId::parse(text);
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? std::string() : parsed.error().message;
}

TEST(ResourceId, ParsesAConnectedCluster) {
  const auto id = ResourceId::parse(kRg + "/providers/Microsoft.Kubernetes/connectedClusters/c1");
  ASSERT_TRUE(id.ok()) << id.error().describe();
  EXPECT_EQ(id->subscription_id(), kSub);
  EXPECT_EQ(id->resource_group(), "rg1");
  EXPECT_TRUE(id->has_resource_group());
  EXPECT_EQ(id->provider_namespace(), "Microsoft.Kubernetes");
  EXPECT_EQ(id->type(), "Microsoft.Kubernetes/connectedClusters");
  EXPECT_EQ(id->name(), "c1");
  EXPECT_EQ(id->cluster_kind(), ClusterKind::connected);
  EXPECT_EQ(id->str(), kRg + "/providers/Microsoft.Kubernetes/connectedClusters/c1");
}

TEST(ResourceId, CanonicalisesKeywordsKnownNamespacesAndTypesButNotNames) {
  const auto id = ResourceId::parse(std::string("/SUBSCRIPTIONS/") + kSub +
                                    "/resourcegroups/My-RG/providers/microsoft.containerservice/managedclusters/AKS-1");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->str(), std::string("/subscriptions/") + kSub +
                           "/resourceGroups/My-RG/providers/Microsoft.ContainerService/managedClusters/AKS-1");
  EXPECT_EQ(id->cluster_kind(), ClusterKind::managed);
}

TEST(ResourceId, UnknownNamespacesAndTypesKeepTheirCase) {
  const auto id = ResourceId::parse(kRg + "/providers/contoso.widgets/gadgetThings/g1");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->type(), "contoso.widgets/gadgetThings");
}

TEST(ResourceId, ParsesAnExtensionAsAChildOfTheCluster) {
  const std::string text = kRg +
                           "/providers/Microsoft.Kubernetes/connectedClusters/c1"
                           "/providers/Microsoft.KubernetesConfiguration/extensions/azureml";
  const auto id = ResourceId::parse(text);
  ASSERT_TRUE(id.ok());
  ASSERT_EQ(id->scopes().size(), 2u);
  EXPECT_EQ(id->type(), "Microsoft.KubernetesConfiguration/extensions");
  EXPECT_EQ(id->name(), "azureml");
  EXPECT_FALSE(id->cluster_kind());
  EXPECT_EQ(id->parent().str(), kRg + "/providers/Microsoft.Kubernetes/connectedClusters/c1");
  EXPECT_EQ(id->str(), text);
  EXPECT_EQ(*id, ResourceId::extension(ResourceId::connected_cluster(kSub, "rg1", "c1"), "azureml"));
}

TEST(ResourceId, ParsesNestedChildren) {
  const auto id = ResourceId::parse(kRg +
                                    "/providers/Microsoft.Relay/namespaces/ns1/hybridConnections/c1"
                                    "/authorizationRules/azureml_rw");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->type(), "Microsoft.Relay/namespaces/hybridConnections/authorizationRules");
  EXPECT_EQ(id->name(), "azureml_rw");
  EXPECT_EQ(id->parent().type(), "Microsoft.Relay/namespaces/hybridConnections");
  EXPECT_EQ(id->parent().parent().parent().str(), kRg);
  EXPECT_TRUE(id->parent().parent().parent().is_resource_group());
  EXPECT_TRUE(id->parent().parent().parent().parent().is_subscription());
}

TEST(ResourceId, ParsesSubscriptionAndResourceGroupIdsAndSubscriptionLevelResources) {
  const auto sub = ResourceId::parse(std::string("/subscriptions/") + kSub);
  ASSERT_TRUE(sub.ok());
  EXPECT_TRUE(sub->is_subscription());
  EXPECT_EQ(sub->type(), "Microsoft.Resources/subscriptions");
  EXPECT_EQ(sub->name(), kSub);

  const auto rg = ResourceId::parse(kRg);
  ASSERT_TRUE(rg.ok());
  EXPECT_TRUE(rg->is_resource_group());
  EXPECT_EQ(rg->type(), "Microsoft.Resources/resourceGroups");
  EXPECT_EQ(rg->name(), "rg1");

  const auto location = ResourceId::parse(std::string("/subscriptions/") + kSub +
                                          "/providers/Microsoft.MachineLearningServices/locations/eastus");
  ASSERT_TRUE(location.ok());
  EXPECT_FALSE(location->has_resource_group());
  EXPECT_EQ(location->type(), "Microsoft.MachineLearningServices/locations");
  EXPECT_EQ(location->parent().str(), std::string("/subscriptions/") + kSub);
}

TEST(ResourceId, ToleratesSurroundingWhitespaceAndOneTrailingSlash) {
  const auto id = ResourceId::parse("  " + kRg + "/providers/Microsoft.MachineLearningServices/workspaces/ws/\n");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->str(), kRg + "/providers/Microsoft.MachineLearningServices/workspaces/ws");
}

TEST(ResourceId, BuildersProduceCanonicalIds) {
  const auto cluster = ResourceId::connected_cluster(kSub, "rg1", "c1");
  EXPECT_EQ(cluster.str(), kRg + "/providers/Microsoft.Kubernetes/connectedClusters/c1");
  EXPECT_EQ(ResourceId::managed_cluster(kSub, "rg1", "aks").str(),
            kRg + "/providers/Microsoft.ContainerService/managedClusters/aks");
  EXPECT_EQ(ResourceId::cluster(ClusterKind::managed, kSub, "rg1", "aks"),
            ResourceId::managed_cluster(kSub, "rg1", "aks"));
  EXPECT_EQ(ResourceId::extension(cluster, "azureml").str(),
            kRg +
                "/providers/Microsoft.Kubernetes/connectedClusters/c1"
                "/providers/Microsoft.KubernetesConfiguration/extensions/azureml");
  const auto ws = ResourceId::workspace(kSub, "rg2", "ws");
  EXPECT_EQ(ws.str(), std::string("/subscriptions/") + kSub +
                          "/resourceGroups/rg2/providers/Microsoft.MachineLearningServices/workspaces/ws");
  EXPECT_EQ(ResourceId::compute(ws, "k8s").str(), ws.str() + "/computes/k8s");
  EXPECT_EQ(ResourceId::compute(kSub, "rg2", "ws", "k8s"), ResourceId::compute(ws, "k8s"));
  const auto relay = ResourceId::relay_namespace(kSub, "rg1", "ns");
  EXPECT_EQ(relay.str(), kRg + "/providers/Microsoft.Relay/namespaces/ns");
  const auto hc = ResourceId::relay_hybrid_connection(relay, "c1");
  EXPECT_EQ(hc.str(), relay.str() + "/hybridConnections/c1");
  EXPECT_EQ(ResourceId::relay_authorization_rule(hc, "azureml_rw").str(), hc.str() + "/authorizationRules/azureml_rw");
  const auto sb = ResourceId::service_bus_namespace(kSub, "rg1", "sb");
  EXPECT_EQ(sb.str(), kRg + "/providers/Microsoft.ServiceBus/namespaces/sb");
  const auto topic = ResourceId::service_bus_topic(sb, "t");
  EXPECT_EQ(topic.str(), sb.str() + "/topics/t");
  EXPECT_EQ(ResourceId::service_bus_subscription(topic, "s").str(), topic.str() + "/subscriptions/s");
  EXPECT_EQ(ResourceId::user_assigned_identity(kSub, "rg1", "id1").str(),
            kRg + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1");
  EXPECT_EQ(ResourceId::subnet(kSub, "rg1", "vnet", "default").str(),
            kRg + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default");
  EXPECT_EQ(ResourceId::of_resource_group(kSub, "rg1").str(), kRg);
  EXPECT_EQ(ResourceId::of_subscription(kSub).str(), std::string("/subscriptions/") + kSub);
}

TEST(ResourceId, BuiltIdsParseBackToEqualIds) {
  const auto cluster = ResourceId::managed_cluster(kSub, "rg1", "aks");
  for (const auto& id :
       {cluster, ResourceId::extension(cluster, "azureml"),
        ResourceId::service_bus_subscription(
            ResourceId::service_bus_topic(ResourceId::service_bus_namespace(kSub, "rg", "n"), "t"), "s"),
        ResourceId::subnet(kSub, "rg", "v", "s"), ResourceId::of_subscription(kSub)}) {
    const auto parsed = ResourceId::parse(id.str());
    ASSERT_TRUE(parsed.ok()) << id.str();
    EXPECT_EQ(parsed->str(), id.str());
    EXPECT_EQ(*parsed, id);
  }
}

TEST(ResourceId, ComparesCaseInsensitivelyInEverySegment) {
  const auto a = ResourceId::connected_cluster(kSub, "RG1", "Cluster1");
  const auto b = ResourceId::parse(std::string("/subscriptions/") + kSub +
                                   "/resourcegroups/rg1/providers/MICROSOFT.KUBERNETES/CONNECTEDCLUSTERS/cluster1");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a, *b);
  EXPECT_EQ(a.lowered(), b->lowered());
  EXPECT_FALSE(a == ResourceId::connected_cluster(kSub, "RG1", "Cluster2"));
  EXPECT_FALSE(a == ResourceId::managed_cluster(kSub, "RG1", "Cluster1"));
  EXPECT_FALSE(a == ResourceId::extension(a, "x"));
  std::set<std::string> keys{a.lowered(), b->lowered()};
  EXPECT_EQ(keys.size(), 1u);
}

TEST(ResourceId, SameResourceIdComparesStringsFromArm) {
  EXPECT_TRUE(same_resource_id(kRg + "/providers/Microsoft.Kubernetes/connectedClusters/c1",
                               std::string("/subscriptions/") + kSub +
                                   "/resourcegroups/RG1/providers/microsoft.kubernetes/connectedclusters/C1/"));
  EXPECT_FALSE(same_resource_id(kRg + "/providers/Microsoft.Kubernetes/connectedClusters/c1",
                                kRg + "/providers/Microsoft.Kubernetes/connectedClusters/c2"));
  EXPECT_TRUE(same_resource_id("not an id", "NOT AN ID"));
}

TEST(ResourceId, ChildAndProviderResource) {
  const auto ws = ResourceId::workspace(kSub, "rg1", "ws");
  EXPECT_EQ(ws.child("computes", "c").type(), "Microsoft.MachineLearningServices/workspaces/computes");
  const auto rg = ResourceId::of_resource_group(kSub, "rg1");
  EXPECT_EQ(rg.child("computes", "c"), rg);  // no provider scope to add a child to
  EXPECT_EQ(rg.provider_resource("Microsoft.Authorization", "locks", "l").str(),
            kRg + "/providers/Microsoft.Authorization/locks/l");
}

TEST(ResourceId, ParseAsChecksTheType) {
  const std::string ws = kRg + "/providers/Microsoft.MachineLearningServices/workspaces/ws";
  EXPECT_TRUE(ResourceId::parse_as(ws, "microsoft.machinelearningservices/WORKSPACES").ok());
  const auto wrong = ResourceId::parse_as(ws + "/computes/c", "Microsoft.MachineLearningServices/workspaces");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().message,
            "expected a Microsoft.MachineLearningServices/workspaces id, found a "
            "Microsoft.MachineLearningServices/workspaces/computes id");
  const auto bad = ResourceId::parse_as("nope", "Microsoft.MachineLearningServices/workspaces");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "expected the id to start with '/subscriptions/', found 'nope'");
}

TEST(ResourceId, ParseClusterAcceptsOnlyClusters) {
  EXPECT_TRUE(ResourceId::parse_cluster(kRg + "/providers/Microsoft.Kubernetes/connectedClusters/c").ok());
  EXPECT_TRUE(ResourceId::parse_cluster(kRg + "/providers/Microsoft.ContainerService/managedClusters/c").ok());
  const auto vm = ResourceId::parse_cluster(kRg + "/providers/Microsoft.Compute/virtualMachines/vm");
  ASSERT_FALSE(vm.ok());
  EXPECT_EQ(
      vm.error().message,
      "expected a cluster id (.../providers/Microsoft.Kubernetes/connectedClusters/NAME or "
      ".../providers/Microsoft.ContainerService/managedClusters/NAME), found a Microsoft.Compute/virtualMachines id");
  const auto extension = ResourceId::parse_cluster(
      kRg +
      "/providers/Microsoft.Kubernetes/connectedClusters/c/providers/Microsoft.KubernetesConfiguration/extensions/e");
  EXPECT_FALSE(extension.ok());
  EXPECT_FALSE(ResourceId::parse_cluster("/subscriptions/s/resourceGroups/rg").ok());
  EXPECT_FALSE(ResourceId::parse_cluster("").ok());
}

TEST(ResourceIdErrors, EveryMessage) {
  EXPECT_EQ(parse_error(""), "the id is empty");
  EXPECT_EQ(parse_error("   "), "the id is empty");
  EXPECT_EQ(parse_error("subscriptions/s/resourceGroups/rg"),
            "expected the id to start with '/subscriptions/', found 'subscriptions'");
  EXPECT_EQ(parse_error("//subscriptions/s"), "found '//' at the start");
  EXPECT_EQ(parse_error("/subscriptions//resourceGroups/rg"), "found '//' after 'subscriptions'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups/r?g"), "segment 'r?g' contains '?'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups/r#g"), "segment 'r#g' contains '#'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups/r\tg"), "segment 'r\\tg' contains '\\t'");
  EXPECT_EQ(parse_error("/subscription/s"), "expected 'subscriptions' as the first segment, found 'subscription'");
  EXPECT_EQ(parse_error("/subscriptions"), "expected a subscription id after 'subscriptions'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourcegroup/rg"),
            "expected 'resourceGroups' after the subscription id, found 'resourcegroup'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups"), "expected a resource group name after 'resourceGroups'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups/rg/provider/Microsoft.Kubernetes/connectedClusters/c"),
            "expected 'providers' after the resource group name, found 'provider'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups/rg/providers"),
            "expected a provider namespace after 'providers'");
  EXPECT_EQ(
      parse_error("/subscriptions/s/resourceGroups/rg/providers/connectedClusters/c"),
      "expected a provider namespace such as 'Microsoft.Kubernetes' after 'providers', found 'connectedClusters'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes"),
            "expected a resource type after 'Microsoft.Kubernetes'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters"),
            "expected a name after resource type 'connectedClusters'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c/"
                        "providers"),
            "expected a provider namespace after 'providers'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/providers/X.Y/t/n"),
            "expected a resource type after 'Microsoft.Kubernetes', found 'providers'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c/"
                        "providers/Microsoft.KubernetesConfiguration"),
            "expected a resource type after 'Microsoft.KubernetesConfiguration'");
  EXPECT_EQ(parse_error("/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/"
                        "ws/computes"),
            "expected a name after resource type 'computes'");
}

TEST(ResourceIdErrors, DescribeQuotesTheIdPrintably) {
  const auto parsed = ResourceId::parse("/subscriptions/s/resourcegroup/rg\x1b[31m");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().describe(),
            "invalid resource id '/subscriptions/s/resourcegroup/rg\\x1B[31m': segment 'rg\\x1B[31m' contains "
            "'\\x1B'");
  const auto plain = ResourceId::parse("/subscriptions/s/resourcegroup/rg");
  EXPECT_EQ(plain.error().describe(),
            "invalid resource id '/subscriptions/s/resourcegroup/rg': expected 'resourceGroups' after the "
            "subscription id, found 'resourcegroup'");
}

TEST(ResourceId, ClusterNames) {
  EXPECT_EQ(cluster_type_name(ClusterKind::connected), "connectedClusters");
  EXPECT_EQ(cluster_type_name(ClusterKind::managed), "managedClusters");
  EXPECT_EQ(cluster_provider_namespace(ClusterKind::connected), "Microsoft.Kubernetes");
  EXPECT_EQ(cluster_provider_namespace(ClusterKind::managed), "Microsoft.ContainerService");
}

}  // namespace
}  // namespace azureml::arm
