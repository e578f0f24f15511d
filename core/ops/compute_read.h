#pragma once
// A compute as ARM answers it, its shape checked once against Compute's contract (the
// machinelearningservices spec's ComputeResource, AmlCompute and Kubernetes schemas). Every field
// a compute verb or its output reads is checked here, so the readers after it (the view, the
// differences, the identity, the body sent again) meet only the types the spec gives.
#include <optional>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"
#include "core/arm/resource_id.h"
#include "core/util/json_shape.h"

namespace azureml::ops {

// The first field of `compute` whose type differs from the contract; nullopt when none does.
std::optional<ShapeError> compute_shape_error(const nlohmann::json& compute);

// GET a compute: ARM's error as it is (a 404 too), or exit 1 naming the field of an unexpected shape.
Result<arm::ArmResponse, arm::ArmError> get_compute(arm::ArmClient& arm, const arm::ResourceId& id);

// The same check of a compute an operation ended with (a PUT's or PATCH's last answer): the
// error to end with, or nullopt when its shape is as the contract says.
std::optional<arm::ArmError> compute_answer_problem(const nlohmann::json& compute, const char* method,
                                                    const arm::ResourceId& id);

}  // namespace azureml::ops
