#pragma once
// Server-side printing: the meta.k8s.io Table kubectl get asks for, with the columns and cell
// rules of the API server's printers (pkg/printers/internalversion/printers.go) for the types
// served here: STATUS of a pod from its container states, ROLES of a node from its labels, AGE
// from creationTimestamp, and so on. Columns of priority 1 are what `-o wide` adds.
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace azureml::fakes {

struct KubeResource;

struct KubeTableOptions {
  std::string version = "v1";                 // meta.k8s.io version asked for: "v1" or "v1beta1"
  std::string include_object = "Metadata";    // ?includeObject=: None, Metadata or Object
  std::chrono::system_clock::time_point now;  // for AGE
};

// `list_metadata`: {"resourceVersion", "continue", "remainingItemCount"} of a list; for a
// single object, {"resourceVersion"}.
nlohmann::json kube_table(const KubeResource& resource, const std::vector<nlohmann::json>& objects,
                          nlohmann::json list_metadata, const KubeTableOptions& options);

}  // namespace azureml::fakes
