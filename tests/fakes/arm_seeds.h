#pragma once
// What tests put into the fake ARM before a run, and the documents ARM returns for them
// (shaped like the real GET responses, trimmed to what clients read).
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/fakes/ids.h"

namespace azureml::fakes {

struct ClusterSeed {
  std::string subscription{};
  std::string resource_group{};
  std::string name{};
  std::string location = "eastus";
  int node_count = 3;                    // connectedClusters: totalNodeCount; AKS: one agent pool of this size
  std::string distribution = "generic";  // connectedClusters only; "openshift" makes az add openshift=true
  std::string kubernetes_version = "1.28.5";
};

struct WorkspaceSeed {
  std::string subscription{};
  std::string resource_group{};
  std::string name{};
  std::string location = "eastus";
};

struct ExtensionSeed {
  std::string cluster_id{};  // a seeded cluster
  std::string name = "azureml";
  std::string extension_type = "Microsoft.AzureML.Kubernetes";
  nlohmann::json configuration_settings = nlohmann::json::object();
  std::vector<std::string> protected_names{};  // what it was installed with (a GET shows the keys only)
  std::string provisioning_state = "Succeeded";
  std::string release_namespace = "azureml";
};

struct UsageSeed {
  std::string name{};            // "standardNCFamily", "TotalCores", ...
  std::string localized_name{};  // "Standard NC Family Cluster Dedicated vCPUs"
  long long current_value = 0;
  long long limit = 0;                                                     // -1: unlimited
  std::string type = "Microsoft.MachineLearningServices/vmFamily/usages";  // ".../quotas" for quotas
  std::string unit = "Count";
};

namespace seeds {

std::string subscription_id(const std::string& subscription);
std::string group_id(const std::string& subscription, const std::string& group);

nlohmann::json subscription(const std::string& subscription, const std::string& display_name,
                            const std::string& tenant);
nlohmann::json resource_group(const std::string& subscription, const std::string& group, const std::string& location);
nlohmann::json connected_cluster(const ClusterSeed& seed, IdGenerator& ids, const std::string& tenant);
nlohmann::json managed_cluster(const ClusterSeed& seed, IdGenerator& ids, const std::string& tenant);
nlohmann::json workspace(const WorkspaceSeed& seed, IdGenerator& ids, const std::string& tenant);
nlohmann::json extension(const ExtensionSeed& seed, IdGenerator& ids, const std::string& tenant);
nlohmann::json lock(const std::string& scope, const std::string& name, const std::string& level,
                    const std::string& notes);
// kind: "usages" or "quotas".
nlohmann::json usage(const std::string& subscription, const std::string& location, const std::string& kind,
                     const UsageSeed& seed);

}  // namespace seeds
}  // namespace azureml::fakes
