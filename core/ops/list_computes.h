#pragma once
// `list`: the computes of a workspace, every page, optionally of one type.
#include <optional>
#include <string>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/arm/resource_id.h"
#include "core/util/json_shape.h"
#include "core/util/result.h"

namespace azureml::ops {

struct ComputeSummary {
  std::string name;
  std::string type;                // properties.computeType: "Kubernetes", "AmlCompute", ...
  std::string provisioning_state;  // properties.provisioningState
  std::string location;
  std::string resource_id;  // properties.resourceId: the attached cluster, when there is one
  std::string id;           // the compute's own ARM id
};

// A compute resource's summary, read with its shape checked (json_shape.h).
ComputeSummary read_compute_summary(const JsonShape& compute);

// GET {workspace}/computes and its nextLinks. `type`, when given, keeps the computes of that
// type (case-insensitive, as ARM compares types). A page or compute of another shape than the
// contract's is an error (exit 1) naming the request and the JSON path.
Result<std::vector<ComputeSummary>, arm::ArmError> list_computes(arm::ArmClient& arm, const arm::ResourceId& workspace,
                                                                 const std::optional<std::string>& type = std::nullopt);

}  // namespace azureml::ops
