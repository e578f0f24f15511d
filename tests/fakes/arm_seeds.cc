#include "tests/fakes/arm_seeds.h"

namespace azureml::fakes::seeds {

std::string subscription_id(const std::string& subscription) { return "/subscriptions/" + subscription; }

std::string group_id(const std::string& subscription, const std::string& group) {
  return subscription_id(subscription) + "/resourceGroups/" + group;
}

nlohmann::json subscription(const std::string& subscription, const std::string& display_name,
                            const std::string& tenant) {
  return {
      {"id", subscription_id(subscription)},
      {"authorizationSource", "RoleBased"},
      {"subscriptionId", subscription},
      {"tenantId", tenant},
      {"displayName", display_name},
      {"state", "Enabled"},
      {"subscriptionPolicies",
       {{"locationPlacementId", "Public_2014-09-01"}, {"quotaId", "PayAsYouGo_2014-09-01"}, {"spendingLimit", "Off"}}}};
}

nlohmann::json resource_group(const std::string& subscription, const std::string& group, const std::string& location) {
  return {{"id", group_id(subscription, group)},
          {"name", group},
          {"type", "Microsoft.Resources/resourceGroups"},
          {"location", location},
          {"properties", {{"provisioningState", "Succeeded"}}}};
}

nlohmann::json connected_cluster(const ClusterSeed& seed, IdGenerator& ids, const std::string& tenant) {
  return {{"id", group_id(seed.subscription, seed.resource_group) +
                     "/providers/Microsoft.Kubernetes/connectedClusters/" + seed.name},
          {"name", seed.name},
          {"type", "microsoft.kubernetes/connectedclusters"},
          {"location", seed.location},
          {"tags", nlohmann::json::object()},
          {"identity", {{"type", "SystemAssigned"}, {"principalId", ids.uuid()}, {"tenantId", tenant}}},
          {"properties",
           {{"agentPublicKeyCertificate", ""},
            {"kubernetesVersion", seed.kubernetes_version},
            {"totalNodeCount", seed.node_count},
            {"totalCoreCount", seed.node_count * 4},
            {"agentVersion", "1.14.5"},
            {"distribution", seed.distribution},
            {"infrastructure", "generic"},
            {"provisioningState", "Succeeded"},
            {"connectivityStatus", "Connected"}}}};
}

nlohmann::json managed_cluster(const ClusterSeed& seed, IdGenerator& ids, const std::string& tenant) {
  return {{"id", group_id(seed.subscription, seed.resource_group) +
                     "/providers/Microsoft.ContainerService/managedClusters/" + seed.name},
          {"name", seed.name},
          {"type", "Microsoft.ContainerService/ManagedClusters"},
          {"location", seed.location},
          {"identity", {{"type", "SystemAssigned"}, {"principalId", ids.uuid()}, {"tenantId", tenant}}},
          {"properties",
           {{"provisioningState", "Succeeded"},
            {"powerState", {{"code", "Running"}}},
            {"kubernetesVersion", seed.kubernetes_version},
            {"dnsPrefix", seed.name + "-dns"},
            {"fqdn", seed.name + "-dns-" + ids.hex(4) + ".hcp." + seed.location + ".azmk8s.io"},
            {"agentPoolProfiles",
             {{{"name", "nodepool1"},
               {"count", seed.node_count},
               {"vmSize", "Standard_DS2_v2"},
               {"mode", "System"},
               {"osType", "Linux"}}}},
            {"nodeResourceGroup", "MC_" + seed.resource_group + "_" + seed.name + "_" + seed.location}}}};
}

nlohmann::json workspace(const WorkspaceSeed& seed, IdGenerator& ids, const std::string& tenant) {
  return {{"id", group_id(seed.subscription, seed.resource_group) +
                     "/providers/Microsoft.MachineLearningServices/workspaces/" + seed.name},
          {"name", seed.name},
          {"type", "Microsoft.MachineLearningServices/workspaces"},
          {"location", seed.location},
          {"identity", {{"type", "SystemAssigned"}, {"principalId", ids.uuid()}, {"tenantId", tenant}}},
          {"sku", {{"name", "Basic"}, {"tier", "Basic"}}},
          {"properties",
           {{"friendlyName", seed.name},
            {"workspaceId", ids.uuid()},
            {"provisioningState", "Succeeded"},
            {"discoveryUrl", "https://" + seed.location + ".api.azureml.ms/discovery"}}}};
}

nlohmann::json extension(const ExtensionSeed& seed, IdGenerator& ids, const std::string& tenant) {
  nlohmann::json protected_names = nlohmann::json::object();
  for (const auto& name : seed.protected_names) protected_names[name] = "";
  return {{"id", seed.cluster_id + "/providers/Microsoft.KubernetesConfiguration/extensions/" + seed.name},
          {"name", seed.name},
          {"type", "Microsoft.KubernetesConfiguration/extensions"},
          {"identity", {{"type", "SystemAssigned"}, {"principalId", ids.uuid()}, {"tenantId", tenant}}},
          {"properties",
           {{"extensionType", seed.extension_type},
            {"autoUpgradeMinorVersion", true},
            {"releaseTrain", "Stable"},
            {"version", nullptr},
            {"currentVersion", "1.1.50"},
            {"scope", {{"cluster", {{"releaseNamespace", seed.release_namespace}}}}},
            {"configurationSettings", seed.configuration_settings},
            {"configurationProtectedSettings", protected_names},
            {"provisioningState", seed.provisioning_state},
            {"statuses", nlohmann::json::array()},
            {"isSystemExtension", false}}}};
}

nlohmann::json lock(const std::string& scope, const std::string& name, const std::string& level,
                    const std::string& notes) {
  return {{"id", scope + "/providers/Microsoft.Authorization/locks/" + name},
          {"name", name},
          {"type", "Microsoft.Authorization/locks"},
          {"properties", {{"level", level}, {"notes", notes}}}};
}

nlohmann::json usage(const std::string& subscription, const std::string& location, const std::string& kind,
                     const UsageSeed& seed) {
  nlohmann::json item = {
      {"id", subscription_id(subscription) + "/providers/Microsoft.MachineLearningServices/locations/" + location +
                 "/" + kind + "/" + seed.name},
      {"type", seed.type},
      {"limit", seed.limit},
      {"unit", seed.unit},
      {"name", {{"value", seed.name}, {"localizedValue", seed.localized_name}}}};
  if (kind == "usages") item["currentValue"] = seed.current_value;
  return item;
}

}  // namespace azureml::fakes::seeds
