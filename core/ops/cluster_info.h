#pragma once
// The cluster as ARM knows it: what the extension's settings are derived from (location,
// node count, distribution) and the API server host names that tell whether the kubectl
// context in use is this cluster.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"
#include "core/arm/resource_id.h"
#include "core/extension/derive_settings.h"
#include "core/ops/op_error.h"
#include "core/util/json_shape.h"
#include "core/util/result.h"

namespace azureml::ops {

struct ClusterInfo {
  extension::ClusterFacts facts;
  std::vector<std::string> api_hosts;  // AKS: fqdn, privateFQDN, azurePortalFQDN (lower case)
  nlohmann::json resource;
};

// One GET of the cluster. Not found: exit 4 naming the cluster and the flags that chose it.
Result<ClusterInfo, OpError> read_cluster(arm::ArmClient& arm, const arm::ResourceId& cluster);

// Reads the facts from a cluster document; a field of another type than the spec's (ManagedCluster,
// ConnectedCluster) is its ShapeError. Exposed for tests.
Result<ClusterInfo, ShapeError> cluster_info(const arm::ResourceId& cluster, const nlohmann::json& resource);

// What is known of a cluster not read: its id alone.
ClusterInfo unread_cluster(const arm::ResourceId& cluster);

}  // namespace azureml::ops
