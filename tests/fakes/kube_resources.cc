#include "tests/fakes/kube_resources.h"

#include <array>

namespace azureml::fakes {
namespace {

// Short names and categories as a real API server advertises them (kubectl resolves `ns`,
// `no`, `po`, `ds`, `cm` and `kubectl get all` through them).
constexpr std::array<std::string_view, 1> kNamespaceShort = {"ns"};
constexpr std::array<std::string_view, 1> kNodeShort = {"no"};
constexpr std::array<std::string_view, 1> kPodShort = {"po"};
constexpr std::array<std::string_view, 1> kDaemonSetShort = {"ds"};
constexpr std::array<std::string_view, 1> kConfigMapShort = {"cm"};
constexpr std::array<std::string_view, 1> kAll = {"all"};

const std::array<KubeResource, 5> kResources = {{
    {"", "v1", "namespaces", "namespace", "Namespace", false, kNamespaceShort, {}},
    {"", "v1", "nodes", "node", "Node", false, kNodeShort, {}},
    {"", "v1", "pods", "pod", "Pod", true, kPodShort, kAll},
    {"", "v1", "configmaps", "configmap", "ConfigMap", true, kConfigMapShort, {}},
    {"apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, kDaemonSetShort, kAll},
}};

constexpr std::array<KubeGroupVersion, 2> kGroupVersions = {{{"", "v1"}, {"apps", "v1"}}};

}  // namespace

std::string KubeResource::api_version() const {
  return group.empty() ? std::string(version) : std::string(group) + "/" + std::string(version);
}

std::string KubeResource::qualified_name() const {
  return group.empty() ? std::string(plural) : std::string(plural) + "." + std::string(group);
}

std::span<const KubeResource> kube_resources() { return kResources; }

std::span<const KubeGroupVersion> kube_group_versions() { return kGroupVersions; }

const KubeResource* find_kube_resource(std::string_view group, std::string_view version, std::string_view plural) {
  for (const KubeResource& resource : kResources) {
    if (resource.group == group && resource.version == version && resource.plural == plural) return &resource;
  }
  return nullptr;
}

const KubeResource* find_kube_kind(std::string_view api_version, std::string_view kind) {
  for (const KubeResource& resource : kResources) {
    if (resource.kind == kind && resource.api_version() == api_version) return &resource;
  }
  return nullptr;
}

}  // namespace azureml::fakes
