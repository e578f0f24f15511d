#pragma once
// Reading the cluster itself through the kubectl context, for the operations that use it when
// they can (install's add-on detection, show's pods) — but only when the context really is the
// cluster the command names: an Arc cluster says who it is in azure-arc/azure-clusterconfig; an
// AKS cluster's API server is its fqdn. Anything else is reported and not used, never guessed.
#include <optional>
#include <string>
#include <vector>

#include "core/extension/derive_settings.h"
#include "core/kube/api_client.h"
#include "core/ops/cluster_info.h"

namespace azureml::ops {

struct ClusterAccess {
  kube::KubeClient* kube = nullptr;  // null: no cluster access
  std::string problem;               // why not (a kubeconfig error), when null
};

// The client when the context is `cluster`; otherwise nullopt and, in `why`, the reason.
kube::KubeClient* confirmed_client(const ClusterAccess& access, const ClusterInfo& cluster, std::string& why);

struct AddOnScan {
  bool scanned = false;
  std::vector<extension::InstalledAddOn> installed;  // outside the extension's own namespace
  std::string not_scanned;                           // why not, with what that means for the user
};

// The add-ons the extension would install a second time (kube/add_ons.h), found on the cluster.
AddOnScan scan_add_ons(const ClusterAccess& access, const ClusterInfo& cluster, const std::string& release_namespace);

}  // namespace azureml::ops
