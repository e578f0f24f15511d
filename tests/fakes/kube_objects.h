#pragma once
// Whole Kubernetes objects from the fixture's short descriptions (see kube_fixture.h for the
// keys), filled in with what the real ones carry so that kubectl and our client read them as
// they read a cluster's: default labels (kubernetes.io/metadata.name, kubernetes.io/hostname,
// ...), node conditions, addresses and nodeInfo, pod conditions and container states, the
// DaemonSet's template and its status counts. uid, resourceVersion and (unless given)
// creationTimestamp are the store's.
#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace azureml::fakes {

struct KubeObjectContext {
  std::chrono::system_clock::time_point now;  // "age" counts back from here; also status times
  std::string kubelet_version = "v1.29.4";    // nodes' default status.nodeInfo.kubeletVersion
  std::vector<nlohmann::json> nodes;          // built nodes: a DaemonSet's desired count
};

nlohmann::json build_kube_namespace(const nlohmann::json& entry, const KubeObjectContext& context);
nlohmann::json build_kube_node(const nlohmann::json& entry, const KubeObjectContext& context);
nlohmann::json build_kube_pod(const nlohmann::json& entry, const KubeObjectContext& context);
nlohmann::json build_kube_daemon_set(const nlohmann::json& entry, const KubeObjectContext& context);
nlohmann::json build_kube_config_map(const nlohmann::json& entry, const KubeObjectContext& context);

// How many of `nodes` a pod with `node_selector` and `tolerations` may run on: its
// nodeSelector matches their labels and it tolerates their NoSchedule/NoExecute taints.
long long kube_eligible_nodes(const std::vector<nlohmann::json>& nodes, const nlohmann::json& node_selector,
                              const nlohmann::json& tolerations);

// "90s", "15m", "3h", "12d" (what the fixture's "age" takes); nullopt otherwise.
std::optional<std::chrono::seconds> parse_kube_age(const std::string& text);

}  // namespace azureml::fakes
