#pragma once
// `compute identity assign | remove`: the managed identity of an existing compute cluster.
// The cluster is read, its identity changed and the whole cluster PUT again (what only ARM
// writes left out), then waited for. Assign adds to what is there; remove takes away the
// identities named, or all of them when none is named. Nothing to change: no PUT.
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

enum class IdentityChange { assign, remove };

struct IdentityRequest {
  arm::ResourceId workspace;
  std::string name;
  IdentityChange change = IdentityChange::assign;
  ManagedIdentity identities;  // assign: to add; remove: to take away (empty: all)
  ChangeMode mode;             // dry run or not, waited for or not, progress (change_set.h)
};

struct IdentityOutcome {
  std::string action;  // assigned, removed, unchanged, started; dry run: would be ...
  arm::ResourceId id;
  ManagedIdentity before;
  ManagedIdentity after;
  nlohmann::json identity;  // the compute's identity as ARM returned it last (principal ids)
  std::vector<std::string> notes;
  std::vector<Change> changes;
  bool dry_run = false;
};

// The identity after the change, and notes for what was asked but already so.
ManagedIdentity changed_identity(const ManagedIdentity& current, IdentityChange change,
                                 const ManagedIdentity& identities, std::vector<std::string>& notes);

Result<IdentityOutcome, OpError> change_compute_identity(arm::ArmClient& arm, const IdentityRequest& request);

}  // namespace azureml::ops
