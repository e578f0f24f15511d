#include "core/kube/add_ons.h"

#include <algorithm>

#include "core/util/text.h"

namespace azureml::kube {
namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// The lower-cased words a DaemonSet is known by: its name, its app labels, its images.
std::vector<std::string> identities(const DaemonSet& set) {
  std::vector<std::string> out{to_lower(set.name)};
  for (const char* label : {"app", "app.kubernetes.io/name", "k8s-app"})
    if (auto found = set.labels.find(label); found != set.labels.end()) out.push_back(to_lower(found->second));
  for (const auto& image : set.images) out.push_back(to_lower(image));
  return out;
}

bool provides(const DaemonSet& set, AddOn add_on) {
  const auto ids = identities(set);
  return std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
    switch (add_on) {
      case AddOn::nvidia_device_plugin:
        return contains(id, "nvidia-device-plugin") || contains(id, "k8s-device-plugin");
      case AddOn::blobfuse_flexvolume:
        return contains(id, "blobfuse") && contains(id, "flexvol");
      case AddOn::blobfuse_sysctl:
        return contains(id, "blobfuse") && !contains(id, "flexvol");
    }
    return false;
  });
}

}  // namespace

std::string install_setting(AddOn add_on) {
  switch (add_on) {
    case AddOn::nvidia_device_plugin:
      return "installNvidiaDevicePlugin";
    case AddOn::blobfuse_flexvolume:
      return "installBlobfuseFlexvol";
    case AddOn::blobfuse_sysctl:
      return "installBlobfuseSysctl";
  }
  return "";
}

std::string display_name(AddOn add_on) {
  switch (add_on) {
    case AddOn::nvidia_device_plugin:
      return "NVIDIA device plugin";
    case AddOn::blobfuse_flexvolume:
      return "blobfuse flexvolume driver";
    case AddOn::blobfuse_sysctl:
      return "blobfuse";
  }
  return "";
}

std::vector<FoundAddOn> find_add_ons(const std::vector<DaemonSet>& daemon_sets) {
  std::vector<FoundAddOn> found;
  for (AddOn add_on : {AddOn::nvidia_device_plugin, AddOn::blobfuse_flexvolume, AddOn::blobfuse_sysctl}) {
    for (const auto& set : daemon_sets) {
      if (provides(set, add_on)) {
        found.push_back({add_on, set.namespace_name, set.name});
        break;
      }
    }
  }
  return found;
}

}  // namespace azureml::kube
