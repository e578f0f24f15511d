#include "tests/fakes/kube_discovery.h"

#include <array>

#include "tests/fakes/kube_resources.h"

namespace azureml::fakes {
namespace {

// The fake reads; clients that check verbs before a get or list (kubectl does) find them.
constexpr std::array<std::string_view, 2> kVerbs = {"get", "list"};

nlohmann::json strings(std::span<const std::string_view> values) {
  nlohmann::json array = nlohmann::json::array();
  for (std::string_view value : values) array.push_back(value);
  return array;
}

std::string group_version(std::string_view group, std::string_view version) {
  return group.empty() ? std::string(version) : std::string(group) + "/" + std::string(version);
}

nlohmann::json legacy_resource(const KubeResource& resource) {
  nlohmann::json entry = {{"name", resource.plural},
                          {"singularName", resource.singular},
                          {"namespaced", resource.namespaced},
                          {"kind", resource.kind},
                          {"verbs", strings(kVerbs)}};
  if (!resource.short_names.empty()) entry["shortNames"] = strings(resource.short_names);
  if (!resource.categories.empty()) entry["categories"] = strings(resource.categories);
  return entry;
}

nlohmann::json aggregated_resource(const KubeResource& resource) {
  nlohmann::json entry = {
      {"resource", resource.plural},
      {"responseKind", {{"group", resource.group}, {"version", resource.version}, {"kind", resource.kind}}},
      {"scope", resource.namespaced ? "Namespaced" : "Cluster"},
      {"singularResource", resource.singular},
      {"verbs", strings(kVerbs)}};
  if (!resource.short_names.empty()) entry["shortNames"] = strings(resource.short_names);
  if (!resource.categories.empty()) entry["categories"] = strings(resource.categories);
  return entry;
}

}  // namespace

nlohmann::json kube_version_info(const std::string& git_version) {
  // "v1.29.4" -> "1", "29"; anything unusual is passed through as the major version.
  std::string major = git_version, minor;
  const std::string bare = git_version.starts_with('v') ? git_version.substr(1) : git_version;
  if (const auto dot = bare.find('.'); dot != std::string::npos) {
    major = bare.substr(0, dot);
    minor = bare.substr(dot + 1, bare.find('.', dot + 1) - dot - 1);
  }
  return {{"major", major},
          {"minor", minor},
          {"gitVersion", git_version},
          {"gitCommit", "0000000000000000000000000000000000000000"},
          {"gitTreeState", "clean"},
          {"buildDate", "2024-04-16T00:00:00Z"},
          {"goVersion", "go1.21.9"},
          {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

nlohmann::json kube_api_versions(const std::string& server_address) {
  return {{"kind", "APIVersions"},
          {"versions", {"v1"}},
          {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", server_address}}}}};
}

nlohmann::json kube_api_group_list() {
  nlohmann::json groups = nlohmann::json::array();
  for (const KubeGroupVersion& gv : kube_group_versions()) {
    if (gv.group.empty()) continue;  // the core group is /api's
    const nlohmann::json version = {{"groupVersion", group_version(gv.group, gv.version)}, {"version", gv.version}};
    groups.push_back({{"name", gv.group}, {"versions", {version}}, {"preferredVersion", version}});
  }
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", std::move(groups)}};
}

nlohmann::json kube_api_resource_list(std::string_view group, std::string_view version) {
  nlohmann::json resources = nlohmann::json::array();
  for (const KubeResource& resource : kube_resources()) {
    if (resource.group == group && resource.version == version) resources.push_back(legacy_resource(resource));
  }
  if (resources.empty()) return nullptr;
  return {{"kind", "APIResourceList"},
          {"apiVersion", "v1"},
          {"groupVersion", group_version(group, version)},
          {"resources", std::move(resources)}};
}

nlohmann::json kube_aggregated_discovery(bool core, const std::string& version) {
  nlohmann::json items = nlohmann::json::array();
  for (const KubeGroupVersion& gv : kube_group_versions()) {
    if (gv.group.empty() != core) continue;
    nlohmann::json resources = nlohmann::json::array();
    for (const KubeResource& resource : kube_resources()) {
      if (resource.group == gv.group && resource.version == gv.version)
        resources.push_back(aggregated_resource(resource));
    }
    nlohmann::json metadata = {{"creationTimestamp", nullptr}};
    if (!gv.group.empty()) metadata["name"] = gv.group;
    items.push_back(
        {{"metadata", std::move(metadata)},
         {"versions", {{{"version", gv.version}, {"resources", std::move(resources)}, {"freshness", "Current"}}}}});
  }
  return {{"kind", "APIGroupDiscoveryList"},
          {"apiVersion", "apidiscovery.k8s.io/" + version},
          {"metadata", nlohmann::json::object()},
          {"items", std::move(items)}};
}

}  // namespace azureml::fakes
