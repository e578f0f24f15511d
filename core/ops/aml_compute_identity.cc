#include "core/ops/aml_compute_identity.h"

#include <algorithm>

#include "core/arm/api_versions.h"
#include "core/ops/compute_read.h"
#include "core/ops/compute_common.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

using nlohmann::json;

bool holds(const std::vector<std::string>& ids, const std::string& id) {
  return std::any_of(ids.begin(), ids.end(),
                     [&](const std::string& known) { return arm::same_resource_id(known, id); });
}

}  // namespace

ManagedIdentity changed_identity(const ManagedIdentity& current, IdentityChange change,
                                 const ManagedIdentity& identities, std::vector<std::string>& notes) {
  ManagedIdentity out = current;
  if (change == IdentityChange::assign) {
    if (identities.system && current.system) notes.push_back("the system-assigned identity is already assigned");
    out.system = current.system || identities.system;
    for (const auto& id : identities.user_assigned) {
      if (holds(out.user_assigned, id))
        notes.push_back(id + " is already assigned");
      else
        out.user_assigned.push_back(id);
    }
    return out;
  }
  if (identities.empty()) return {};  // remove them all
  if (identities.system) {
    if (!current.system) notes.push_back("there is no system-assigned identity to remove");
    out.system = false;
  }
  for (const auto& id : identities.user_assigned) {
    if (!holds(current.user_assigned, id)) notes.push_back(id + " is not assigned");
    std::erase_if(out.user_assigned, [&](const std::string& known) { return arm::same_resource_id(known, id); });
  }
  return out;
}

Result<IdentityOutcome, OpError> change_compute_identity(arm::ArmClient& arm, const IdentityRequest& request) {
  IdentityOutcome outcome;
  outcome.id = arm::ResourceId::compute(request.workspace, request.name);
  outcome.dry_run = request.mode.dry_run;
  ChangeSet changes(arm, request.mode);
  auto current = get_compute(arm, outcome.id);
  if (!current) {
    OpError error = OpError::from(current.error());
    if (is_not_found(current.error()))
      error.message = "compute " + request.name + " not found in workspace " + request.workspace.name() +
                      "\n'list' shows the workspace's computes";
    return fail(with_interrupt_note(std::move(error), changes));
  }
  if (!equals_ci(compute_type(current->json), "AmlCompute")) {
    return fail(OpError{ExitCode::usage,
                        "compute " + request.name + " has computeType " + compute_type(current->json) +
                            ", not AmlCompute: 'compute identity' changes compute clusters only",
                        {}});
  }
  json compute = current->json;
  std::string state = provisioning_state(compute);
  // A change cut short (interrupted, --no-wait) left the cluster on its way: wait for it, as
  // create and attach do, so that running the command again finishes the job.
  if (!request.mode.dry_run && arm::is_being_provisioned(state)) {
    if (request.mode.progress) request.mode.progress("compute " + request.name + " is " + state + ": waiting for it");
    auto settled = arm::wait_for_resource(arm, compute, outcome.id.str(), arm::api_versions::kMachineLearning,
                                          request.mode.wait_options);
    if (!settled)
      return fail(
          change_failure(settled.error(), "the identity of compute " + request.name + " was not changed", changes));
    if (auto problem = compute_answer_problem(*settled, "GET", outcome.id)) return fail(OpError::from(*problem));
    compute = std::move(*settled);
    state = provisioning_state(compute);
  }
  if (!equals_ci(state, "Succeeded") && !equals_ci(state, "Failed")) {
    return fail(OpError{ExitCode::failed,
                        "compute " + request.name + " is " + state +
                            "; nothing was changed\nwait until it is "
                            "Succeeded ('compute show'), then run this again",
                        {}});
  }
  outcome.before = identity_of(compute);
  outcome.after = changed_identity(outcome.before, request.change, request.identities, outcome.notes);
  for (const auto& note : outcome.notes)
    if (request.mode.progress) request.mode.progress("note: " + note);
  outcome.identity = compute.value("identity", json::object());
  const std::string done = request.change == IdentityChange::assign ? "assigned" : "removed";
  if (outcome.after == outcome.before) {
    outcome.action = "unchanged";
    return outcome;
  }
  const json body = resend_body(compute, outcome.after);
  auto sent = changes.put(outcome.id.str(), arm::api_versions::kMachineLearning, body,
                          (request.change == IdentityChange::assign ? "assign identity to compute "
                                                                    : "remove identity "
                                                                      "from compute ") +
                              request.name + " (" + identity_json(outcome.after).value("type", "None") + ")",
                          nullptr, request.mode.wait);
  if (!sent) {
    return fail(change_failure(sent.error(), "the identity of compute " + request.name + " was not changed", changes));
  }
  if (sent->is_object()) {
    if (auto problem = compute_answer_problem(*sent, "PUT", outcome.id)) return fail(OpError::from(*problem));
    outcome.identity = sent->value("identity", json::object());
  }
  outcome.action = action_label(done, request.mode.dry_run, request.mode.wait);
  outcome.changes = changes.changes();
  return outcome;
}

}  // namespace azureml::ops
