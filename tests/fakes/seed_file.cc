#include "tests/fakes/seed_file.h"

#include <optional>
#include <set>
#include <stdexcept>

namespace azureml::fakes {
namespace {

void check_keys(const nlohmann::json& object, const std::set<std::string>& allowed, const std::string& where) {
  if (!object.is_object()) throw std::runtime_error(where + " must be a JSON object");
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (!allowed.contains(it.key())) throw std::runtime_error(where + ": unknown key '" + it.key() + "'");
  }
}

const nlohmann::json& section(const nlohmann::json& seed, const char* name) {
  static const nlohmann::json empty = nlohmann::json::array();
  if (!seed.contains(name)) return empty;
  if (!seed[name].is_array()) throw std::runtime_error(std::string("seed: \"") + name + "\" must be an array");
  return seed[name];
}

ClusterSeed cluster_seed(const nlohmann::json& item) {
  check_keys(item,
             {"subscription", "resourceGroup", "name", "location", "nodeCount", "distribution", "kubernetesVersion"},
             "seed cluster");
  ClusterSeed seed;
  seed.subscription = item.at("subscription");
  seed.resource_group = item.at("resourceGroup");
  seed.name = item.at("name");
  seed.location = item.value("location", seed.location);
  seed.node_count = item.value("nodeCount", seed.node_count);
  seed.distribution = item.value("distribution", seed.distribution);
  seed.kubernetes_version = item.value("kubernetesVersion", seed.kubernetes_version);
  return seed;
}

std::optional<BucketLimit> bucket(const nlohmann::json& limits, const char* kind) {
  if (!limits.contains(kind)) return std::nullopt;
  const nlohmann::json& item = limits[kind];
  check_keys(item, {"capacity", "refillPerSecond"}, std::string("seed rateLimits.") + kind);
  BucketLimit limit{item.at("capacity").get<double>(), item.at("refillPerSecond").get<double>()};
  if (limit.capacity < 1 || limit.refill_per_second <= 0)
    throw std::runtime_error(std::string("seed rateLimits.") + kind +
                             ": capacity must be at least 1 and refillPerSecond above 0");
  return limit;
}

RateLimits rate_limits(const nlohmann::json& limits) {
  check_keys(limits, {"reads", "writes", "deletes"}, "seed rateLimits");
  return {bucket(limits, "reads"), bucket(limits, "writes"), bucket(limits, "deletes")};
}

UsageSeed usage_seed(const nlohmann::json& item, const char* default_type) {
  check_keys(item, {"subscription", "location", "name", "localizedName", "currentValue", "limit", "type", "unit"},
             "seed usage");
  UsageSeed seed;
  seed.name = item.at("name");
  seed.localized_name = item.value("localizedName", seed.name);
  seed.current_value = item.value("currentValue", 0LL);
  seed.limit = item.value("limit", 0LL);
  seed.type = item.value("type", default_type);
  seed.unit = item.value("unit", seed.unit);
  return seed;
}

}  // namespace

FakeAzureOptions options_from_seed(const nlohmann::json& seed, FakeAzureOptions options) {
  if (!seed.contains("options")) return options;
  const nlohmann::json& o = seed["options"];
  try {
    check_keys(o,
               {"tenantId", "clientId", "clientSecret", "identityHeader", "lroPolls", "retryAfterSeconds",
                "tokenLifetimeSeconds", "acceptForeignTokens", "managedIdentityClientId", "userAssignedClientIds",
                "rateLimits", "extensionProtectedNames", "normalizeAnswers"},
               "seed options");
    options.tenant_id = o.value("tenantId", options.tenant_id);
    options.client_id = o.value("clientId", options.client_id);
    options.client_secret = o.value("clientSecret", options.client_secret);
    options.identity_header = o.value("identityHeader", options.identity_header);
    options.lro_polls = o.value("lroPolls", options.lro_polls);
    options.retry_after_seconds = o.value("retryAfterSeconds", options.retry_after_seconds);
    options.token_lifetime = std::chrono::seconds(o.value("tokenLifetimeSeconds", options.token_lifetime.count()));
    options.accept_foreign_tokens = o.value("acceptForeignTokens", options.accept_foreign_tokens);
    options.managed_identity_client_id = o.value("managedIdentityClientId", options.managed_identity_client_id);
    options.user_assigned_client_ids = o.value("userAssignedClientIds", options.user_assigned_client_ids);
    if (o.contains("rateLimits")) options.rate_limits = rate_limits(o["rateLimits"]);
    options.extension_protected_names = o.value("extensionProtectedNames", options.extension_protected_names);
    options.normalize_answers = o.value("normalizeAnswers", options.normalize_answers);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("seed options: ") + e.what());
  }
  return options;
}

void apply_seed(FakeAzure& azure, const nlohmann::json& seed) {
  check_keys(seed,
             {"options", "subscriptions", "resourceGroups", "connectedClusters", "managedClusters", "workspaces",
              "extensions", "locks", "usages", "quotas", "providers", "resources"},
             "seed");
  try {
    for (const auto& item : section(seed, "subscriptions")) {
      check_keys(item, {"id", "displayName"}, "seed subscription");
      azure.add_subscription(item.at("id"), item.value("displayName", "Fake subscription"));
    }
    for (const auto& item : section(seed, "resourceGroups")) {
      check_keys(item, {"subscription", "name", "location"}, "seed resource group");
      azure.add_resource_group(item.at("subscription"), item.at("name"), item.value("location", "eastus"));
    }
    for (const auto& item : section(seed, "connectedClusters")) azure.add_connected_cluster(cluster_seed(item));
    for (const auto& item : section(seed, "managedClusters")) azure.add_managed_cluster(cluster_seed(item));
    for (const auto& item : section(seed, "workspaces")) {
      check_keys(item, {"subscription", "resourceGroup", "name", "location"}, "seed workspace");
      azure.add_workspace(
          {item.at("subscription"), item.at("resourceGroup"), item.at("name"), item.value("location", "eastus")});
    }
    for (const auto& item : section(seed, "extensions")) {
      check_keys(item,
                 {"clusterId", "name", "extensionType", "configurationSettings", "protectedNames", "provisioningState"},
                 "seed extension");
      ExtensionSeed extension;
      extension.cluster_id = item.at("clusterId");
      extension.name = item.value("name", extension.name);
      extension.extension_type = item.value("extensionType", extension.extension_type);
      extension.configuration_settings = item.value("configurationSettings", nlohmann::json::object());
      extension.protected_names = item.value("protectedNames", extension.protected_names);
      extension.provisioning_state = item.value("provisioningState", extension.provisioning_state);
      azure.add_extension(extension);
    }
    for (const auto& item : section(seed, "locks")) {
      check_keys(item, {"scope", "name", "level", "notes"}, "seed lock");
      azure.add_lock(item.at("scope"), item.at("name"), item.at("level"), item.value("notes", ""));
    }
    for (const auto& item : section(seed, "usages")) {
      azure.add_usage(item.at("subscription"), item.at("location"),
                      usage_seed(item, "Microsoft.MachineLearningServices/vmFamily/usages"));
    }
    for (const auto& item : section(seed, "quotas")) {
      azure.add_quota(item.at("subscription"), item.at("location"),
                      usage_seed(item, "Microsoft.MachineLearningServices/vmFamily/quotas"));
    }
    for (const auto& item : section(seed, "providers")) {
      check_keys(item, {"subscription", "namespace", "registrationState"}, "seed provider");
      azure.set_provider_registration(item.at("subscription"), item.at("namespace"), item.at("registrationState"));
    }
    for (const auto& item : section(seed, "resources")) azure.put_resource(item);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("seed: ") + e.what());
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(std::string("seed: ") + e.what());
  }
}

}  // namespace azureml::fakes
