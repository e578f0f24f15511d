#pragma once
// `compute create`: an Azure ML compute cluster (AmlCompute), after the checks that would
// otherwise fail later — the VM size offered in the region, the quota for max nodes of it, and
// no resource lock that would stop the cluster from scaling — then PUT and wait.
// Idempotent as attach is: an identical cluster is unchanged with no PUT; a different one is
// refused with the differences unless `overwrite`; a compute of another type is exit 2.
// Requests for a new cluster: GET workspace, GET compute, GET vmSizes, GET usages, GET locks
// (group, subscription), PUT, polls, GET compute. Run again: GET workspace, GET compute.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"
#include "core/arm/long_running.h"
#include "core/arm/resource_id.h"
#include "core/ops/aml_compute.h"
#include "core/ops/change_set.h"
#include "core/ops/op_error.h"

namespace azureml::ops {

struct AmlComputeRequest {
  arm::ResourceId workspace;
  std::string name;
  AmlComputeSpec spec;
  bool overwrite = false;
  bool ignore_locks = false;  // create even though a lock will stop scaling
  ChangeMode mode;            // dry run or not, waited for or not, progress (change_set.h)
};

struct AmlComputeOutcome {
  std::string action;  // created, updated, unchanged, started; dry run: would be ...
  arm::ResourceId id;
  nlohmann::json compute;  // as ARM returned it last; null in a dry run
  std::vector<std::string> notes;
  std::vector<std::string> warnings;
  std::vector<Change> changes;
  bool dry_run = false;
};

Result<AmlComputeOutcome, OpError> create_aml_compute(arm::ArmClient& arm, const AmlComputeRequest& request);

}  // namespace azureml::ops
