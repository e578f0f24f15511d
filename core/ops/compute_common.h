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

// properties.computeType and properties.provisioningState; "" when absent.
std::string compute_type(const nlohmann::json& compute);
std::string provisioning_state(const nlohmann::json& compute);

// The compute's errors, one per line: properties.provisioningErrors[].error and, for AmlCompute,
// properties.properties.errors[]; "" when there are none.
std::string provisioning_errors(const nlohmann::json& compute);

// ARM answered 404.
bool is_not_found(const arm::ArmError& error);

}  // namespace azureml::ops
