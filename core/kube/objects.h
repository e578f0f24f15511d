#pragma once
// The few fields of Kubernetes objects this product reads, taken from the API server's JSON.
// Reading is lenient: a missing or mistyped field reads as empty, because one odd object
// (a node with no status yet, a pod being created) must not fail a whole check.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace azureml::kube {

using Labels = std::map<std::string, std::string>;

struct Taint {
  std::string key;
  std::string value;
  std::string effect;  // NoSchedule, PreferNoSchedule, NoExecute
};

struct Node {
  std::string name;
  Labels labels;
  std::map<std::string, std::string> capacity;     // "cpu": "8", "memory": "32Gi", "nvidia.com/gpu": "1"
  std::map<std::string, std::string> allocatable;  // what pods may use
  std::vector<Taint> taints;
  bool ready = false;          // condition Ready is True
  bool unschedulable = false;  // cordoned
};

struct ContainerStatus {
  std::string name;
  std::string image;
  bool ready = false;
  int restart_count = 0;
  std::string waiting_reason;     // CrashLoopBackOff, ImagePullBackOff, ...; "" when not waiting
  std::string terminated_reason;  // Error, OOMKilled, Completed, ...; "" when not terminated
};

struct Pod {
  std::string namespace_name;
  std::string name;
  Labels labels;
  std::string phase;  // Pending, Running, Succeeded, Failed, Unknown
  std::string node_name;
  std::vector<ContainerStatus> containers;
};

struct DaemonSet {
  std::string namespace_name;
  std::string name;
  Labels labels;
  std::vector<std::string> images;  // of its pod template's containers and init containers
  int desired = 0;                  // status.desiredNumberScheduled
  int ready = 0;                    // status.numberReady
};

struct ConfigMap {
  std::string namespace_name;
  std::string name;
  std::map<std::string, std::string> data;
};

Node node_from_json(const nlohmann::json& object);
Pod pod_from_json(const nlohmann::json& object);
DaemonSet daemon_set_from_json(const nlohmann::json& object);
ConfigMap config_map_from_json(const nlohmann::json& object);

}  // namespace azureml::kube
