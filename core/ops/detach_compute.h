#pragma once
// `detach`: the Kubernetes compute out of the workspace (DELETE with
// underlyingResourceAction=Detach, then wait); the cluster and its extension stay.
// `compute delete`: the compute cluster and its VMs (underlyingResourceAction=Delete).
// A compute that is not there is no error (the end state holds); one of the other kind is
// refused, since Detach means nothing for a compute Azure ML made, and Delete of an attached
// cluster is what detach is for.
#include <string>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/arm/resource_id.h"
#include "core/ops/change_set.h"
#include "core/ops/op_error.h"

namespace azureml::ops {

enum class ComputeRemoval { detach, remove };  // a Kubernetes compute; an AmlCompute cluster

struct DetachRequest {
  arm::ResourceId workspace;
  std::string name;
  ComputeRemoval removal = ComputeRemoval::detach;
  ChangeMode mode;  // dry run or not, waited for or not, progress (change_set.h)
};

struct DetachOutcome {
  std::string action;  // detached (deleted), absent, started; dry run: would be detached
  arm::ResourceId id;
  std::vector<Change> changes;
  bool dry_run = false;
};

Result<DetachOutcome, OpError> detach_compute(arm::ArmClient& arm, const DetachRequest& request);

}  // namespace azureml::ops
