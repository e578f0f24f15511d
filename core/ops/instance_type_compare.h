#pragma once
// Whether the instance types a Kubernetes compute holds mean the ones asked for. A re-run must
// not see a difference only because the service wrote our text another way (audit §5.3):
//   quantities compare by value ("1" = "1000m", "16Gi" = "17179869184"; a zero request the same
//   as none); a null nodeSelector the same as an absent or empty one; instance type names and
//   resource names without case, as the service may case them; fields the service adds to an
//   instance type, ignored. A label or a resource given on one side only is a difference.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace azureml::ops {

// "instance type gpu added", "... removed", "... changed"; empty when they mean the same.
std::vector<std::string> instance_type_differences(const nlohmann::json& have, const nlohmann::json& want);

// One instance type ({nodeSelector, resources: {requests, limits}}) against another.
bool same_instance_type(const nlohmann::json& have, const nlohmann::json& want);

}  // namespace azureml::ops
