#include "core/ops/cluster_info.h"

#include "core/arm/api_versions.h"
#include "core/util/text.h"

namespace azureml::ops {

ClusterInfo unread_cluster(const arm::ResourceId& cluster) { return {{cluster, "", std::nullopt, false}, {}, nullptr}; }

Result<ClusterInfo, ShapeError> cluster_info(const arm::ResourceId& cluster, const nlohmann::json& resource) {
  ClusterInfo info = unread_cluster(cluster);
  info.resource = resource;
  const JsonShape shape(resource);
  info.facts.location = to_lower(shape.text("location"));
  const JsonShape properties = shape.object("properties");
  if (cluster.cluster_kind() == arm::ClusterKind::managed) {
    int nodes = 0;
    bool any = false;
    for (const auto& pool : properties.objects("agentPoolProfiles")) {
      if (const auto count = pool.integer("count")) {
        nodes += static_cast<int>(*count);
        any = true;
      }
    }
    if (any) info.facts.node_count = nodes;
    // The wire names (ManagedClusterProperties); "privateFqdn" is only the Azure CLI's output casing.
    for (const char* key : {"fqdn", "privateFQDN", "azurePortalFQDN"})
      if (auto host = properties.text(key); !host.empty()) info.api_hosts.push_back(to_lower(host));
  } else {
    if (const auto count = properties.integer("totalNodeCount")) info.facts.node_count = static_cast<int>(*count);
    info.facts.openshift = equals_ci(properties.text("distribution"), "openshift");
  }
  if (shape.error()) return fail(*shape.error());
  return info;
}

Result<ClusterInfo, OpError> read_cluster(arm::ArmClient& arm, const arm::ResourceId& cluster) {
  const auto kind = cluster.cluster_kind().value_or(arm::ClusterKind::connected);
  auto got = arm.get(cluster.str(), arm::api_versions::cluster(kind));
  if (!got) {
    OpError error = OpError::from(got.error());
    if (got.error().exit_code() == ExitCode::not_found) {
      error.message = "cluster " + cluster.str() + " not found: " + got.error().summary() +
                      "\ncheck --cluster-name, --cluster-type, --cluster-resource-group and --subscription "
                      "(or --cluster-resource-id)";
    }
    return fail(std::move(error));
  }
  auto info = cluster_info(cluster, got->json);
  if (!info) return fail(OpError::from(arm::unexpected_shape(info.error(), *got)));
  if (info->facts.location.empty()) {
    return fail(OpError{ExitCode::failed, "ARM returned cluster " + cluster.str() + " without a location", {}});
  }
  return std::move(*info);
}

}  // namespace azureml::ops
