#pragma once
// The Kubernetes resource types the fake API server knows: one table drives discovery, routing,
// the Table columns and the fixture, so a type is added in one place.
#include <span>
#include <string>
#include <string_view>

namespace azureml::fakes {

struct KubeResource {
  std::string_view group;     // "" for the core group
  std::string_view version;   // "v1"
  std::string_view plural;    // "pods": the path segment and discovery name
  std::string_view singular;  // "pod"
  std::string_view kind;      // "Pod"
  bool namespaced = false;
  std::span<const std::string_view> short_names;
  std::span<const std::string_view> categories;

  // "v1" or "apps/v1", as objects carry it in apiVersion.
  std::string api_version() const;
  // "pods" or "daemonsets.apps": how the API server names the type in error messages.
  std::string qualified_name() const;
  bool operator==(const KubeResource& other) const { return group == other.group && plural == other.plural; }
};

std::span<const KubeResource> kube_resources();
// The type served at /api/v1/<plural> or /apis/<group>/<version>/<plural>; nullptr if none.
const KubeResource* find_kube_resource(std::string_view group, std::string_view version, std::string_view plural);
// The type of objects of `kind` ("Pod") in `api_version` ("v1"); nullptr if none.
const KubeResource* find_kube_kind(std::string_view api_version, std::string_view kind);

// The group versions served, in discovery order: {"", "v1"}, {"apps", "v1"}.
struct KubeGroupVersion {
  std::string_view group;
  std::string_view version;
};
std::span<const KubeGroupVersion> kube_group_versions();

}  // namespace azureml::fakes
