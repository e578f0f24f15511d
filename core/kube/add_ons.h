#pragma once
// Recognizing what the AzureML extension would install a second time: the NVIDIA device
// plugin and the blobfuse pieces. Installed twice, they make the extension's install fail
// (the product documentation says to set installNvidiaDevicePlugin, installBlobfuseFlexvol and
// installBlobfuseSysctl to False then), so the product looks for them first.
//
// A DaemonSet is recognized by its name, its labels or its images, whoever installed it:
//   NVIDIA device plugin   name or app/app.kubernetes.io/name label containing
//                          "nvidia-device-plugin", or an image of nvidia/k8s-device-plugin
//                          (upstream, the GPU operator's, AKS's and the extension's own)
//   blobfuse flexvolume    name or image containing "blobfuse" and "flexvol"
//   blobfuse (sysctl)      name or image containing "blobfuse" and not "flexvol"
#include <optional>
#include <string>
#include <vector>

#include "core/kube/objects.h"

namespace azureml::kube {

enum class AddOn { nvidia_device_plugin, blobfuse_flexvolume, blobfuse_sysctl };

// The extension setting that installs it: "installNvidiaDevicePlugin", ...
std::string install_setting(AddOn add_on);
// "NVIDIA device plugin", "blobfuse flexvolume driver", "blobfuse".
std::string display_name(AddOn add_on);

struct FoundAddOn {
  AddOn add_on;
  std::string namespace_name;  // of the DaemonSet that provides it
  std::string name;
  std::string where() const { return namespace_name + "/" + name; }
};

// Every add-on found among the DaemonSets, in the order of AddOn, the first DaemonSet of each.
std::vector<FoundAddOn> find_add_ons(const std::vector<DaemonSet>& daemon_sets);

}  // namespace azureml::kube
