#pragma once
// What every workspace compute verb reads the same way: the workspace's region, a compute's
// type and state, and why it failed.
#include <string>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"
#include "core/arm/resource_id.h"
#include "core/ops/op_error.h"

namespace azureml::ops {

// The workspace's region, which its computes take by default; exit 4 when the workspace is
// missing (with the flags to check), 1 when ARM returns it without one.
Result<std::string, OpError> workspace_location(arm::ArmClient& arm, const arm::ResourceId& workspace);

// The `location` of a resource ARM answered ("" when it has none); an answer where it is of
// another type than a string is its unexpected_shape error.
Result<std::string, arm::ArmError> location_of(const arm::ArmResponse& answer);

// properties.computeType and properties.provisioningState; "" when absent.
std::string compute_type(const nlohmann::json& compute);
std::string provisioning_state(const nlohmann::json& compute);

// The compute's errors, one per line: properties.provisioningErrors[].error and, for AmlCompute,
// properties.properties.errors[]; "" when there are none.
std::string provisioning_errors(const nlohmann::json& compute);

// ARM answered 404.
bool is_not_found(const arm::ArmError& error);

// The member `key` of an object; null when absent or not an object.
const nlohmann::json& json_at(const nlohmann::json& object, const char* key);
// A string as it is, anything else as JSON text.
std::string json_text(const nlohmann::json& value);

// How an operation on a compute names itself in its failures.
struct ComputeOperation {
  std::string subject;  // "compute arc", "compute cluster cpu"
  std::string noun;     // "attach", "create"
  std::string done;     // "attached", "created"
  std::string rerun;    // the command that finishes it: "attach", "compute create"
};

// A PUT of a compute that did not end Succeeded: a timeout (it goes on in Azure), an
// interrupt (the caller adds what was sent), a refused request, or an operation that ended
// Failed or Canceled, told with the compute's own provisioning errors (one more GET).
OpError compute_failure(arm::ArmClient& arm, const arm::ArmError& error, const arm::ResourceId& compute,
                        const ComputeOperation& operation);

}  // namespace azureml::ops
