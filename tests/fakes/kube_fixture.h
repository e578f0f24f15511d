#pragma once
// The state of a fake cluster, read from a YAML fixture. Every section is optional; unknown
// keys, wrong types, duplicates and references to undeclared namespaces or nodes are errors
// with FILE:LINE:COL, so a typo cannot pass silently.
//
//   serverVersion: v1.29.4          # /version and the nodes' default kubelet version
//   namespaces:                     # default, kube-system, kube-public, kube-node-lease always exist
//     - name: azureml
//       labels: {team: ml}          # every object also takes annotations, and either
//       age: 30d                    # creationTimestamp (RFC 3339) or age (Ns, Nm, Nh, Nd)
//   nodes:
//     - name: gpu-node-0
//       labels: {agentpool: gpu}
//       capacity: {cpu: "24", memory: 220Gi, nvidia.com/gpu: "4", pods: "110"}
//       allocatable: {...}          # defaults to capacity
//       taints: [{key: sku, value: gpu, effect: NoSchedule}]
//       ready: true                 # the Ready condition (default true); also unschedulable,
//       internalIP: 10.224.0.4      # externalIP, kubeletVersion, osImage, kernelVersion,
//                                   # containerRuntime, architecture
//   pods:
//     - namespace: azureml
//       name: amlarc-identity-controller-0
//       node: gpu-node-0            # optional: a pod without one is unscheduled
//       phase: Running              # Pending, Running (default), Succeeded, Failed; reason: Evicted
//       ip: 10.244.1.7              # also hostIP, nodeSelector, tolerations
//       containers:
//         - {name: main, image: mcr.microsoft.com/x:1.0, ready: false, restartCount: 4,
//            waiting: CrashLoopBackOff}          # or terminated: Error; resources: {requests, limits}
//   daemonSets:
//     - namespace: kube-system
//       name: nvidia-device-plugin-daemonset
//       containers: [{name: nvidia-device-plugin-ctr, image: nvcr.io/nvidia/k8s-device-plugin:v0.14.1}]
//       selector: {name: nvidia-device-plugin-ds}   # default {name: <name>}
//       nodeSelector: {...}; tolerations: [...]     # desired = nodes they admit, unless desired: N
//       ready: 2                                    # numberReady (default: desired)
//   configMaps:
//     - namespace: azure-arc
//       name: azure-clusterconfig
//       data: {AZURE_SUBSCRIPTION_ID: "...", AZURE_RESOURCE_GROUP: rg, AZURE_RESOURCE_NAME: arc}
#include <nlohmann/json.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azureml::fakes {

struct KubeResource;

struct KubeFixture {
  std::string server_version;  // "" when the fixture names none
  // Whole objects (kube_objects.h) with their types, namespaces first, then nodes, then the rest.
  std::vector<std::pair<const KubeResource*, nlohmann::json>> objects;
};

class KubeFixtureError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `source_name` prefixes error positions; ages count back from `now`; nodes without a
// kubeletVersion get the fixture's serverVersion, else `default_version`. Throws KubeFixtureError.
KubeFixture read_kube_fixture(std::string_view text, const std::string& source_name,
                              std::chrono::system_clock::time_point now, const std::string& default_version);
KubeFixture read_kube_fixture_file(const std::string& path, std::chrono::system_clock::time_point now,
                                   const std::string& default_version);

}  // namespace azureml::fakes
