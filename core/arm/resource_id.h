#pragma once
// ARM resource ids: parse, build, compare.
//
//   /subscriptions/{sub}
//   /subscriptions/{sub}/resourceGroups/{rg}
//   /subscriptions/{sub}[/resourceGroups/{rg}]/providers/{Namespace}/{type}/{name}[/{type}/{name}]...
//       [/providers/{Namespace}/{type}/{name}...]     an extension resource (one scope per 'providers')
//
// e.g. an extension on an Arc cluster:
//   /subscriptions/S/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c1
//       /providers/Microsoft.KubernetesConfiguration/extensions/azureml
//
// Comparison is case-insensitive in every segment, names and values alike, as ARM's is.
// str() is canonical: the keywords as 'subscriptions', 'resourceGroups', 'providers', and the
// namespaces and types this product knows in their documented case (microsoft.kubernetes ->
// Microsoft.Kubernetes, connectedclusters -> connectedClusters); names stay as given.
// Builders take names as given: validate user input before (config/k8s_names); a name holding
// '/' would build another id.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace azureml::arm {

struct ResourceIdError {
  std::string text;  // the id as given (printable)
  std::string
      message;  // what is wrong, e.g. "expected 'resourceGroups' after the subscription id, found 'resourcegroup'"
  // "invalid resource id '<text>': <message>" (the CLI exits 2 with it).
  std::string describe() const;
};

enum class ClusterKind {
  connected,
  managed
};  // Microsoft.Kubernetes/connectedClusters, Microsoft.ContainerService/managedClusters

class ResourceId {
 public:
  struct TypeName {
    std::string type;  // e.g. "connectedClusters"
    std::string name;
  };
  struct ProviderScope {
    std::string provider_namespace;  // e.g. "Microsoft.Kubernetes"
    std::vector<TypeName> types;     // never empty
  };

  static Result<ResourceId, ResourceIdError> parse(std::string_view text);
  // Parses and checks the full type (case-insensitive), e.g. "Microsoft.MachineLearningServices/workspaces".
  static Result<ResourceId, ResourceIdError> parse_as(std::string_view text, std::string_view expected_type);
  // A connectedClusters or managedClusters id, nothing below it.
  static Result<ResourceId, ResourceIdError> parse_cluster(std::string_view text);

  // Builders.
  static ResourceId of_subscription(std::string subscription_id);
  static ResourceId of_resource_group(std::string subscription_id, std::string resource_group);
  // A top-level resource: /subscriptions/S/resourceGroups/RG/providers/NS/TYPE/NAME.
  static ResourceId resource(std::string subscription_id, std::string resource_group, std::string provider_namespace,
                             std::string type, std::string name);
  static ResourceId connected_cluster(std::string subscription_id, std::string resource_group, std::string name);
  static ResourceId managed_cluster(std::string subscription_id, std::string resource_group, std::string name);
  static ResourceId cluster(ClusterKind kind, std::string subscription_id, std::string resource_group,
                            std::string name);
  static ResourceId workspace(std::string subscription_id, std::string resource_group, std::string name);
  static ResourceId compute(const ResourceId& workspace_id, std::string name);
  static ResourceId compute(std::string subscription_id, std::string resource_group, std::string workspace,
                            std::string name);
  // {cluster}/providers/Microsoft.KubernetesConfiguration/extensions/{name}
  static ResourceId extension(const ResourceId& cluster_id, std::string name);
  static ResourceId relay_namespace(std::string subscription_id, std::string resource_group, std::string name);
  static ResourceId relay_hybrid_connection(const ResourceId& namespace_id, std::string name);
  static ResourceId relay_authorization_rule(const ResourceId& hybrid_connection_id, std::string name);
  static ResourceId service_bus_namespace(std::string subscription_id, std::string resource_group, std::string name);
  static ResourceId service_bus_topic(const ResourceId& namespace_id, std::string name);
  static ResourceId service_bus_subscription(const ResourceId& topic_id, std::string name);
  static ResourceId user_assigned_identity(std::string subscription_id, std::string resource_group, std::string name);
  static ResourceId subnet(std::string subscription_id, std::string resource_group, std::string virtual_network,
                           std::string name);

  // A child in the same provider scope: workspace.child("computes", "c1").
  // On a subscription or resource group id it is ignored: use provider_resource().
  ResourceId child(std::string type, std::string name) const;
  // A resource in a new provider scope below this one (extension resources, or the first
  // provider below a resource group/subscription).
  ResourceId provider_resource(std::string provider_namespace, std::string type, std::string name) const;
  // One level up: a child's parent, an extension resource's resource, a resource's group,
  // a group's subscription. The subscription's parent is itself.
  ResourceId parent() const;

  const std::string& subscription_id() const { return subscription_; }
  // "" for subscription-level ids.
  const std::string& resource_group() const { return resource_group_; }
  bool has_resource_group() const { return has_resource_group_; }
  bool is_subscription() const { return !has_resource_group_ && scopes_.empty(); }
  bool is_resource_group() const { return has_resource_group_ && scopes_.empty(); }
  const std::vector<ProviderScope>& scopes() const { return scopes_; }
  // Of the innermost provider scope: "Microsoft.KubernetesConfiguration" for an extension.
  // "" for a subscription or resource group.
  std::string provider_namespace() const;
  // "Microsoft.MachineLearningServices/workspaces/computes"; "Microsoft.Resources/subscriptions"
  // and "Microsoft.Resources/resourceGroups" for those.
  std::string type() const;
  // The last name: compute name, extension name, resource group name, subscription id.
  const std::string& name() const;
  // connectedClusters / managedClusters when this id is exactly a cluster.
  std::optional<ClusterKind> cluster_kind() const;

  std::string str() const;      // canonical
  std::string lowered() const;  // str() in lower case: a key for maps and sets

  friend bool operator==(const ResourceId& a, const ResourceId& b);

 private:
  std::string subscription_;
  bool has_resource_group_ = false;
  std::string resource_group_;
  std::vector<ProviderScope> scopes_;
};

// Two id strings name the same resource: compared as ids when both parse, else as strings,
// case-insensitively either way. For ids read back from ARM ("resourcegroups", trailing '/').
bool same_resource_id(std::string_view a, std::string_view b);

// "connectedClusters" or "managedClusters".
std::string_view cluster_type_name(ClusterKind kind);
// "Microsoft.Kubernetes" or "Microsoft.ContainerService".
std::string_view cluster_provider_namespace(ClusterKind kind);

}  // namespace azureml::arm
