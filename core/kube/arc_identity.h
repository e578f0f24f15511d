#pragma once
// An Azure Arc connected cluster knows its own ARM identity: the Arc agents keep it in the
// ConfigMap azure-arc/azure-clusterconfig. Reading it lets `kubectl azureml ...` run with no
// cluster flags on such a cluster.
#include <optional>
#include <string>

#include "core/kube/objects.h"

namespace azureml::kube {

inline constexpr const char* kArcNamespace = "azure-arc";
inline constexpr const char* kArcConfigMap = "azure-clusterconfig";

struct ArcIdentity {
  std::string subscription;    // AZURE_SUBSCRIPTION_ID
  std::string resource_group;  // AZURE_RESOURCE_GROUP
  std::string name;            // AZURE_RESOURCE_NAME
  std::string region;          // AZURE_REGION; "" when absent
};

// nullopt unless the subscription, resource group and name are all there.
std::optional<ArcIdentity> arc_identity(const ConfigMap& config_map);

}  // namespace azureml::kube
