#include "core/ops/cluster_info.h"

#include "core/arm/api_versions.h"
#include "core/util/text.h"
#include "core/util/json_fields.h"

namespace azureml::ops {

ClusterInfo cluster_info(const arm::ResourceId& cluster, const nlohmann::json& resource) {
  ClusterInfo info{{cluster, "", std::nullopt, false}, {}, resource};
  if (!resource.is_object()) return info;
  info.facts.location = to_lower(string_field(resource, "location"));
  const nlohmann::json& properties = field(resource, "properties");
  if (!properties.is_object()) return info;
  if (cluster.cluster_kind() == arm::ClusterKind::managed) {
    int nodes = 0;
    bool any = false;
    const nlohmann::json& pools = field(properties, "agentPoolProfiles");
    for (const auto& pool : pools.is_array() ? pools : nlohmann::json::array()) {
      if (pool.is_object() && pool.contains("count") && pool["count"].is_number_integer()) {
        nodes += pool["count"].get<int>();
        any = true;
      }
    }
    if (any) info.facts.node_count = nodes;
    // The wire names are fqdn, privateFQDN and azurePortalFQDN (ManagedClusterProperties);
    // "privateFqdn" is only the Azure CLI's output casing. Matched without case all the same.
    if (properties.is_object()) {
      for (auto it = properties.begin(); it != properties.end(); ++it) {
        const bool host = equals_ci(it.key(), "fqdn") || equals_ci(it.key(), "privateFQDN") ||
                          equals_ci(it.key(), "azurePortalFQDN");
        if (host && it->is_string() && !it->get<std::string>().empty())
          info.api_hosts.push_back(to_lower(it->get<std::string>()));
      }
    }
  } else {
    if (properties.contains("totalNodeCount") && properties["totalNodeCount"].is_number_integer())
      info.facts.node_count = properties["totalNodeCount"].get<int>();
    if (properties.contains("distribution") && properties["distribution"].is_string())
      info.facts.openshift = equals_ci(properties["distribution"].get<std::string>(), "openshift");
  }
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
  ClusterInfo info = cluster_info(cluster, got->json);
  if (info.facts.location.empty()) {
    return fail(OpError{ExitCode::failed, "ARM returned cluster " + cluster.str() + " without a location", {}});
  }
  return info;
}

}  // namespace azureml::ops
