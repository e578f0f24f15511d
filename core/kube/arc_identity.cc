#include "core/kube/arc_identity.h"

namespace azureml::kube {

std::optional<ArcIdentity> arc_identity(const ConfigMap& config_map) {
  const auto value = [&](const char* key) {
    const auto found = config_map.data.find(key);
    return found == config_map.data.end() ? std::string() : found->second;
  };
  ArcIdentity identity{value("AZURE_SUBSCRIPTION_ID"), value("AZURE_RESOURCE_GROUP"), value("AZURE_RESOURCE_NAME"),
                       value("AZURE_REGION")};
  if (identity.subscription.empty() || identity.resource_group.empty() || identity.name.empty()) return std::nullopt;
  return identity;
}

}  // namespace azureml::kube
