#pragma once
// The few fields of Kubernetes objects this product reads, taken from the API server's JSON
// through JsonShape. A missing or null field reads as empty, because one object caught early
// (a node with no status yet, a pod being created) must not fail a whole check. A field of
// another type than the API gives it (a number for a name, an object for the taints) is no such
// object: it is recorded as the answer's shape error, which the caller checks with error() and
// reports as an answer of an unexpected shape (KubeClient: exit 1 naming the request and path).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/json_shape.h"

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
  std::map<std::string, std::string> data;  // a number is read as its text; any other non-string is a shape error
};

// Each reads `object` (an item of a list, or a whole answer); a field of the wrong type is
// recorded in object.error(), which the caller must check before trusting the result.
Node node_from_json(const JsonShape& object);
Pod pod_from_json(const JsonShape& object);
DaemonSet daemon_set_from_json(const JsonShape& object);
ConfigMap config_map_from_json(const JsonShape& object);

}  // namespace azureml::kube
