#include "core/arm/resource_id.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/util/text.h"

namespace azureml::arm {
namespace {

// Namespaces and types in the case their documentation spells them.
constexpr std::array<std::string_view, 12> kKnownNamespaces = {
    "Microsoft.Kubernetes",
    "Microsoft.ContainerService",
    "Microsoft.MachineLearningServices",
    "Microsoft.KubernetesConfiguration",
    "Microsoft.Relay",
    "Microsoft.ServiceBus",
    "Microsoft.ManagedIdentity",
    "Microsoft.Network",
    "Microsoft.Authorization",
    "Microsoft.Resources",
    "Microsoft.Storage",
    "Microsoft.KeyVault",
};
constexpr std::array<std::string_view, 18> kKnownTypes = {
    "connectedClusters",
    "managedClusters",
    "workspaces",
    "computes",
    "extensions",
    "namespaces",
    "hybridConnections",
    "authorizationRules",
    "topics",
    "subscriptions",
    "userAssignedIdentities",
    "virtualNetworks",
    "subnets",
    "locks",
    "locations",
    "operations",
    "agentPools",
    "provisionedClusters",
};

template <std::size_t N>
std::string canonical(std::string text, const std::array<std::string_view, N>& known) {
  for (const auto candidate : known)
    if (equals_ci(candidate, text)) return std::string(candidate);
  return text;
}

constexpr std::string_view kExtensionsNamespace = "Microsoft.KubernetesConfiguration";

Failure<ResourceIdError> error(std::string_view text, std::string message) {
  return fail(ResourceIdError{printable(text), std::move(message)});
}

// A character no ARM name may hold, or 0.
char forbidden_character(std::string_view segment) {
  for (const char c : segment) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '?' || c == '#' || u < 0x20 || u == 0x7F) return c;
  }
  return 0;
}

std::string show(char c) {
  if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return printable(std::string(1, c));
  return std::string(1, c);
}

}  // namespace

std::string ResourceIdError::describe() const { return "invalid resource id '" + text + "': " + message; }

Result<ResourceId, ResourceIdError> ResourceId::parse(std::string_view text) {
  std::string_view id = text;
  while (!id.empty() && std::isspace(static_cast<unsigned char>(id.front()))) id.remove_prefix(1);
  while (!id.empty() && std::isspace(static_cast<unsigned char>(id.back()))) id.remove_suffix(1);
  if (id.empty()) return error(text, "the id is empty");
  if (id.front() != '/') {
    const auto first = id.substr(0, id.find('/'));
    return error(text, "expected the id to start with '/subscriptions/', found '" + printable(first) + "'");
  }
  if (id.size() > 1 && id.back() == '/') id.remove_suffix(1);  // ARM tolerates one trailing '/'

  // Split after the leading '/'.
  std::vector<std::string_view> segments;
  for (std::size_t start = 1;;) {
    const auto slash = id.find('/', start);
    segments.push_back(id.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (segments[i].empty()) {
      if (i == 0) return error(text, "found '//' at the start");
      return error(text, "found '//' after '" + printable(segments[i - 1]) + "'");
    }
    if (const char c = forbidden_character(segments[i]))
      return error(text, "segment '" + printable(segments[i]) + "' contains '" + show(c) + "'");
  }

  ResourceId result;
  std::size_t at = 0;
  const auto next = [&]() -> std::optional<std::string_view> {
    if (at >= segments.size()) return std::nullopt;
    return segments[at++];
  };

  const auto first = next();
  if (!equals_ci(*first, "subscriptions"))
    return error(text, "expected 'subscriptions' as the first segment, found '" + printable(*first) + "'");
  const auto subscription = next();
  if (!subscription) return error(text, "expected a subscription id after 'subscriptions'");
  result.subscription_ = std::string(*subscription);

  auto keyword = next();
  if (!keyword) return result;
  if (equals_ci(*keyword, "resourceGroups")) {
    const auto group = next();
    if (!group) return error(text, "expected a resource group name after 'resourceGroups'");
    result.has_resource_group_ = true;
    result.resource_group_ = std::string(*group);
    keyword = next();
    if (!keyword) return result;
    if (!equals_ci(*keyword, "providers"))
      return error(text, "expected 'providers' after the resource group name, found '" + printable(*keyword) + "'");
  } else if (!equals_ci(*keyword, "providers")) {
    return error(text, "expected 'resourceGroups' after the subscription id, found '" + printable(*keyword) + "'");
  }

  // At a 'providers' keyword: one provider scope per loop.
  for (;;) {
    const auto provider = next();
    if (!provider) return error(text, "expected a provider namespace after 'providers'");
    if (provider->find('.') == std::string_view::npos)
      return error(text, "expected a provider namespace such as 'Microsoft.Kubernetes' after 'providers', found '" +
                             printable(*provider) + "'");
    ProviderScope scope{canonical(std::string(*provider), kKnownNamespaces), {}};
    std::string_view previous = *provider;
    bool another_scope = false;
    for (;;) {
      const auto type = next();
      if (!type) break;
      if (equals_ci(*type, "providers")) {
        if (scope.types.empty())
          return error(text, "expected a resource type after '" + printable(previous) + "', found 'providers'");
        another_scope = true;
        break;
      }
      const auto name = next();
      if (!name) return error(text, "expected a name after resource type '" + printable(*type) + "'");
      scope.types.push_back({canonical(std::string(*type), kKnownTypes), std::string(*name)});
      previous = *name;
    }
    if (scope.types.empty()) return error(text, "expected a resource type after '" + printable(previous) + "'");
    result.scopes_.push_back(std::move(scope));
    if (!another_scope) return result;
  }
}

Result<ResourceId, ResourceIdError> ResourceId::parse_as(std::string_view text, std::string_view expected_type) {
  auto parsed = parse(text);
  if (!parsed) return parsed;
  const auto type = parsed->type();
  if (!equals_ci(type, expected_type))
    return error(text, "expected a " + std::string(expected_type) + " id, found a " + type + " id");
  return parsed;
}

Result<ResourceId, ResourceIdError> ResourceId::parse_cluster(std::string_view text) {
  auto parsed = parse(text);
  if (!parsed) return parsed;
  if (!parsed->cluster_kind())
    return error(text,
                 "expected a cluster id (.../providers/Microsoft.Kubernetes/connectedClusters/NAME or "
                 ".../providers/Microsoft.ContainerService/managedClusters/NAME), found a " +
                     parsed->type() + " id");
  return parsed;
}

ResourceId ResourceId::of_subscription(std::string subscription_id) {
  ResourceId id;
  id.subscription_ = std::move(subscription_id);
  return id;
}

ResourceId ResourceId::of_resource_group(std::string subscription_id, std::string resource_group) {
  ResourceId id = of_subscription(std::move(subscription_id));
  id.has_resource_group_ = true;
  id.resource_group_ = std::move(resource_group);
  return id;
}

ResourceId ResourceId::resource(std::string subscription_id, std::string resource_group, std::string provider_namespace,
                                std::string type, std::string name) {
  return of_resource_group(std::move(subscription_id), std::move(resource_group))
      .provider_resource(std::move(provider_namespace), std::move(type), std::move(name));
}

ResourceId ResourceId::connected_cluster(std::string subscription_id, std::string resource_group, std::string name) {
  return cluster(ClusterKind::connected, std::move(subscription_id), std::move(resource_group), std::move(name));
}

ResourceId ResourceId::managed_cluster(std::string subscription_id, std::string resource_group, std::string name) {
  return cluster(ClusterKind::managed, std::move(subscription_id), std::move(resource_group), std::move(name));
}

ResourceId ResourceId::cluster(ClusterKind kind, std::string subscription_id, std::string resource_group,
                               std::string name) {
  return resource(std::move(subscription_id), std::move(resource_group), std::string(cluster_provider_namespace(kind)),
                  std::string(cluster_type_name(kind)), std::move(name));
}

ResourceId ResourceId::workspace(std::string subscription_id, std::string resource_group, std::string name) {
  return resource(std::move(subscription_id), std::move(resource_group), "Microsoft.MachineLearningServices",
                  "workspaces", std::move(name));
}

ResourceId ResourceId::compute(const ResourceId& workspace_id, std::string name) {
  return workspace_id.child("computes", std::move(name));
}

ResourceId ResourceId::compute(std::string subscription_id, std::string resource_group, std::string workspace_name,
                               std::string name) {
  return compute(workspace(std::move(subscription_id), std::move(resource_group), std::move(workspace_name)),
                 std::move(name));
}

ResourceId ResourceId::extension(const ResourceId& cluster_id, std::string name) {
  return cluster_id.provider_resource(std::string(kExtensionsNamespace), "extensions", std::move(name));
}

ResourceId ResourceId::relay_namespace(std::string subscription_id, std::string resource_group, std::string name) {
  return resource(std::move(subscription_id), std::move(resource_group), "Microsoft.Relay", "namespaces",
                  std::move(name));
}

ResourceId ResourceId::relay_hybrid_connection(const ResourceId& namespace_id, std::string name) {
  return namespace_id.child("hybridConnections", std::move(name));
}

ResourceId ResourceId::relay_authorization_rule(const ResourceId& hybrid_connection_id, std::string name) {
  return hybrid_connection_id.child("authorizationRules", std::move(name));
}

ResourceId ResourceId::service_bus_namespace(std::string subscription_id, std::string resource_group,
                                             std::string name) {
  return resource(std::move(subscription_id), std::move(resource_group), "Microsoft.ServiceBus", "namespaces",
                  std::move(name));
}

ResourceId ResourceId::service_bus_topic(const ResourceId& namespace_id, std::string name) {
  return namespace_id.child("topics", std::move(name));
}

ResourceId ResourceId::service_bus_subscription(const ResourceId& topic_id, std::string name) {
  return topic_id.child("subscriptions", std::move(name));
}

ResourceId ResourceId::user_assigned_identity(std::string subscription_id, std::string resource_group,
                                              std::string name) {
  return resource(std::move(subscription_id), std::move(resource_group), "Microsoft.ManagedIdentity",
                  "userAssignedIdentities", std::move(name));
}

ResourceId ResourceId::subnet(std::string subscription_id, std::string resource_group, std::string virtual_network,
                              std::string name) {
  return resource(std::move(subscription_id), std::move(resource_group), "Microsoft.Network", "virtualNetworks",
                  std::move(virtual_network))
      .child("subnets", std::move(name));
}

ResourceId ResourceId::child(std::string type, std::string name) const {
  ResourceId id = *this;
  if (!id.scopes_.empty()) id.scopes_.back().types.push_back({std::move(type), std::move(name)});
  return id;
}

ResourceId ResourceId::provider_resource(std::string provider_namespace, std::string type, std::string name) const {
  ResourceId id = *this;
  id.scopes_.push_back({std::move(provider_namespace), {{std::move(type), std::move(name)}}});
  return id;
}

ResourceId ResourceId::parent() const {
  ResourceId id = *this;
  if (!id.scopes_.empty()) {
    auto& types = id.scopes_.back().types;
    types.pop_back();
    if (types.empty()) id.scopes_.pop_back();
  } else if (id.has_resource_group_) {
    id.has_resource_group_ = false;
    id.resource_group_.clear();
  }
  return id;
}

std::string ResourceId::provider_namespace() const {
  return scopes_.empty() ? std::string() : scopes_.back().provider_namespace;
}

std::string ResourceId::type() const {
  if (scopes_.empty())
    return has_resource_group_ ? "Microsoft.Resources/resourceGroups" : "Microsoft.Resources/subscriptions";
  const auto& scope = scopes_.back();
  std::string out = scope.provider_namespace;
  for (const auto& type_name : scope.types) out += "/" + type_name.type;
  return out;
}

const std::string& ResourceId::name() const {
  if (!scopes_.empty()) return scopes_.back().types.back().name;
  return has_resource_group_ ? resource_group_ : subscription_;
}

std::optional<ClusterKind> ResourceId::cluster_kind() const {
  if (!has_resource_group_ || scopes_.size() != 1 || scopes_[0].types.size() != 1) return std::nullopt;
  for (const auto kind : {ClusterKind::connected, ClusterKind::managed})
    if (equals_ci(scopes_[0].provider_namespace, cluster_provider_namespace(kind)) &&
        equals_ci(scopes_[0].types[0].type, cluster_type_name(kind)))
      return kind;
  return std::nullopt;
}

std::string ResourceId::str() const {
  std::string out = "/subscriptions/" + subscription_;
  if (has_resource_group_) out += "/resourceGroups/" + resource_group_;
  for (const auto& scope : scopes_) {
    out += "/providers/" + scope.provider_namespace;
    for (const auto& type_name : scope.types) out += "/" + type_name.type + "/" + type_name.name;
  }
  return out;
}

std::string ResourceId::lowered() const { return to_lower(str()); }

bool operator==(const ResourceId& a, const ResourceId& b) { return equals_ci(a.str(), b.str()); }

bool same_resource_id(std::string_view a, std::string_view b) {
  const auto pa = ResourceId::parse(a);
  const auto pb = ResourceId::parse(b);
  if (pa && pb) return *pa == *pb;
  return equals_ci(a, b);
}

std::string_view cluster_type_name(ClusterKind kind) {
  return kind == ClusterKind::connected ? "connectedClusters" : "managedClusters";
}

std::string_view cluster_provider_namespace(ClusterKind kind) {
  return kind == ClusterKind::connected ? "Microsoft.Kubernetes" : "Microsoft.ContainerService";
}

}  // namespace azureml::arm
