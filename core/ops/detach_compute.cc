#include "core/ops/detach_compute.h"

#include "core/arm/api_versions.h"
#include "core/ops/compute_common.h"
#include "core/ops/compute_read.h"
#include "core/util/text.h"

namespace azureml::ops {

Result<DetachOutcome, OpError> detach_compute(arm::ArmClient& arm, const DetachRequest& request) {
  DetachOutcome outcome{"", arm::ResourceId::compute(request.workspace, request.name), {}, request.mode.dry_run};
  ChangeSet changes(arm, request.mode);
  auto current = get_compute(arm, outcome.id);
  if (!current) {
    if (current.error().kind != arm::ArmError::Kind::http || current.error().status != 404)
      return fail(with_interrupt_note(OpError::from(current.error()), changes));
    outcome.action = "absent";
    return outcome;
  }
  const std::string type = compute_type(current->json);
  const bool detach = request.removal == ComputeRemoval::detach;
  if (detach && !equals_ci(type, "Kubernetes")) {
    return fail(OpError{ExitCode::usage,
                        "compute " + request.name + " has computeType " + type +
                            ", not Kubernetes: it is no attached cluster\n"
                            "'compute delete' removes computes Azure ML made",
                        {}});
  }
  if (!detach && !equals_ci(type, "AmlCompute")) {
    return fail(OpError{ExitCode::usage,
                        "compute " + request.name + " has computeType " + type + ", not AmlCompute: " +
                            (equals_ci(type, "Kubernetes") ? "'detach' takes an attached cluster out of the workspace"
                                                           : "'compute delete' deletes compute clusters only"),
                        {}});
  }
  arm::RequestOptions options;
  options.query = {{"underlyingResourceAction", detach ? "Detach" : "Delete"}};
  auto removed =
      changes.remove(outcome.id.str(), arm::api_versions::kMachineLearning, options,
                     (detach ? "detach compute " : "delete compute cluster ") + request.name, request.mode.wait);
  if (!removed) {
    return fail(change_failure(removed.error(),
                               "compute " + request.name + " was not " + (detach ? "detached" : "deleted"), changes));
  }
  outcome.action = action_label(detach ? "detached" : "deleted", request.mode.dry_run, request.mode.wait);
  outcome.changes = changes.changes();
  return outcome;
}

}  // namespace azureml::ops
