#include "core/ops/aml_compute_create.h"

#include <algorithm>

#include "core/arm/api_versions.h"
#include "core/ops/aml_quota.h"
#include "core/ops/compute_common.h"
#include "core/ops/compute_read.h"
#include "core/ops/operation.h"
#include "core/ops/resource_locks.h"
#include "core/util/suggest.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

using nlohmann::json;
namespace versions = arm::api_versions;

constexpr const char* kQuotaHelp = "https://learn.microsoft.com/azure/machine-learning/how-to-manage-quotas";
constexpr const char* kLockHelp = "https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources";

std::string priority_name(VmPriority priority) {
  return priority == VmPriority::dedicated ? "dedicated" : "low-priority";
}

// The cluster's own properties (vmSize, currentNodeCount); read only after get_compute checked them.
JsonShape own_properties(const json& compute) { return JsonShape(compute).object("properties").object("properties"); }

class Creator : Operation<AmlComputeOutcome> {
 public:
  Creator(arm::ArmClient& arm, const AmlComputeRequest& request) : Operation(arm, request.mode), request_(request) {
    outcome_.id = arm::ResourceId::compute(request.workspace, request.name);
  }

  Result<AmlComputeOutcome, OpError> run() {
    return run_steps([this] { return steps(); });
  }

 private:
  Result<AmlComputeOutcome, OpError> steps() {
    auto workspace_region = workspace_location(arm_, request_.workspace);
    if (!workspace_region) return fail(workspace_region.error());
    const std::string location = request_.spec.location.value_or(*workspace_region);
    if (!equals_ci(location, *workspace_region)) {
      warn("warning: the cluster goes to " + location + ", the workspace is in " + *workspace_region +
           ": a compute cluster in another region is a preview capability, with more network latency and data "
           "transfer costs");
    }
    json wanted = aml_compute_body(request_.spec, location);

    auto existing = get_compute(arm_, outcome_.id);
    std::optional<json> current;
    if (existing)
      current = existing->json;
    else if (!is_not_found(existing.error()))
      return fail(OpError::from(existing.error()));
    if (current) {
      auto decided = compare(*current, wanted);
      if (!decided) return fail(decided.error());
      if (!*decided) {
        const std::string state = provisioning_state(*current);
        if (!request_.mode.dry_run && arm::is_being_provisioned(state)) {
          say("compute " + request_.name + " is " + state + ": waiting for it");
          auto done = arm::wait_for_resource(arm_, *current, outcome_.id.str(), versions::kMachineLearning,
                                             request_.mode.wait_options);
          if (!done) return fail(failed(done.error()));
          return finish("created", *done);
        }
        if (!equals_ci(state, "Failed") && !equals_ci(state, "Canceled")) return finish("unchanged", *current);
        note("the cluster's last operation ended " + state + ": creating it again");
      }
    }
    // A PUT replaces the whole cluster: keep an identity given earlier ('compute identity assign')
    // unless this run names one.
    if (current && !wanted.contains("identity") && !identity_of(*current).empty())
      wanted["identity"] = identity_json(identity_of(*current));
    if (auto checked = check_size_and_quota(location, current); !checked) return fail(checked.error());
    if (auto checked = check_locks(); !checked) return fail(checked.error());

    const std::string nodes =
        std::to_string(request_.spec.min_nodes) + "-" + std::to_string(request_.spec.max_nodes) + " nodes";
    // Only the scale settings differ: the documented update (Compute_Update) changes them in
    // place; a PUT would send the whole cluster again.
    auto sent =
        scale_only_
            ? changes_.patch(outcome_.id.str(), versions::kMachineLearning, aml_compute_scale_update(wanted),
                             "scale compute cluster " + request_.name + " (" + nodes + ")", nullptr, request_.mode.wait)
            : changes_.put(outcome_.id.str(), versions::kMachineLearning, wanted,
                           std::string(current ? "update" : "create") + " compute cluster " + request_.name + " (" +
                               request_.spec.vm_size + ", " + nodes + ")",
                           nullptr, request_.mode.wait);
    if (!sent) return fail(failed(sent.error()));
    return finish(current ? "updated" : "created", *sent);
  }

  // true: a PUT is needed; false: the cluster is as asked.
  Result<bool, OpError> compare(const json& current, const json& wanted) {
    const std::string type = compute_type(current);
    if (!equals_ci(type, "AmlCompute")) {
      return fail(OpError{ExitCode::usage,
                          "compute " + request_.name + " already exists in the workspace with computeType " + type +
                              ", not AmlCompute\nchoose another name, or remove that compute first",
                          {}});
    }
    const auto differences = aml_compute_differences(current, wanted);
    if (differences.empty()) return false;
    if (!request_.overwrite) {
      OpError error{ExitCode::usage,
                    "compute " + request_.name +
                        " already exists with other settings; nothing was changed\npass "
                        "--overwrite to replace them, or choose another name",
                    {"differences from the existing cluster:"}};
      for (const auto& difference : differences) error.details.push_back("  " + difference);
      return fail(std::move(error));
    }
    std::vector<std::string> fixed;
    for (const auto& difference : differences)
      if (change_needed(difference) == ComputeChange::recreate) fixed.push_back("  " + difference);
    if (!fixed.empty()) {
      fixed.insert(fixed.begin(), "set when the cluster was created:");
      return fail(OpError{ExitCode::usage,
                          "compute " + request_.name +
                              " cannot change its VM size, priority, subnet or region in "
                              "place; nothing was changed\ndelete it ('compute delete " +
                              request_.name + " --yes') and create it again, or choose another name",
                          std::move(fixed)});
    }
    scale_only_ = std::all_of(differences.begin(), differences.end(), [](const std::string& difference) {
      return change_needed(difference) == ComputeChange::scale;
    });
    for (const auto& difference : differences) note("overwriting: " + difference);
    return true;
  }

  // The size must be offered in the region (and for low priority), and max nodes of it must fit the quota.
  Result<bool, OpError> check_size_and_quota(const std::string& location, const std::optional<json>& current) {
    const auto& spec = request_.spec;
    auto sizes = list_vm_sizes(arm_, request_.workspace.subscription_id(), location);
    if (!sizes) return fail(OpError::from(sizes.error(), "nothing was created"));
    const auto size =
        std::find_if(sizes->begin(), sizes->end(), [&](const VmSize& s) { return equals_ci(s.name, spec.vm_size); });
    if (size == sizes->end() || !size->for_aml_compute()) {
      std::vector<std::string> names;
      for (const auto& s : *sizes)
        if (s.for_aml_compute()) names.push_back(s.name);
      std::string message = "VM size " + spec.vm_size + " is not offered for compute clusters in " + location;
      if (size != sizes->end()) message += " (only for " + quoted_list(size->compute_types, " and ") + ")";
      if (auto match = closest_match(spec.vm_size, names)) message += "; did you mean '" + *match + "'?";
      return fail(OpError{ExitCode::usage, message + "\nnothing was created; choose a size the region offers", {}});
    }
    if (spec.priority == VmPriority::low_priority && !size->low_priority_capable) {
      return fail(OpError{ExitCode::usage,
                          "VM size " + size->name + " cannot run as low priority in " + location +
                              "\nnothing was created; use --vm-priority dedicated or another size",
                          {}});
    }
    // The nodes the cluster already runs at this size count as quota it holds.
    long long credited = 0;
    if (current) {
      const JsonShape own = own_properties(*current);
      if (equals_ci(own.text("vmSize"), size->name))
        credited = own.integer("currentNodeCount").value_or(0) * size->vcpus;
    }
    auto quota = check_quota(arm_, request_.workspace.subscription_id(), location, *size, spec.priority, spec.max_nodes,
                             credited);
    if (!quota) return fail(OpError::from(quota.error(), "nothing was created"));
    for (const auto& unknown : quota->unknown)
      warn("warning: the usages of " + location + " report no '" + unknown + "': that quota was not checked");
    if (quota->enough) return true;
    OpError error{ExitCode::failed,
                  "not enough " + priority_name(spec.priority) + " vCPU quota in " + location + " for " +
                      std::to_string(spec.max_nodes) + " x " + size->name + " (" + std::to_string(size->vcpus) +
                      " vCPUs each): the cluster needs " + std::to_string(quota->needed) +
                      " vCPUs at --max-nodes; nothing was created\nfix: " +
                      (quota->nodes_that_fit > 0
                           ? "lower --max-nodes to " + std::to_string(quota->nodes_that_fit) + " (fits the quota), "
                           : std::string()) +
                      (spec.priority == VmPriority::dedicated ? "use --vm-priority lowpriority, " : "") +
                      "or request more quota (" + kQuotaHelp + ")",
                  {}};
    for (const auto& line : quota->lines) {
      error.details.push_back("  " + line.name + ": " + std::to_string(line.used) + " in use, limit " +
                              (line.limit < 0
                                   ? std::string("unlimited")
                                   : std::to_string(line.limit) + ", " + std::to_string(line.free()) + " free"));
    }
    error.details.insert(error.details.begin(), "quota in " + location + ":");
    return fail(std::move(error));
  }

  // A lock on the workspace's group (or above) stops the cluster from scaling, once it exists.
  Result<bool, OpError> check_locks() {
    auto locks = locks_over(arm_, request_.workspace);
    if (!locks) return fail(OpError::from(locks.error(), "nothing was created"));
    if (locks->empty()) return true;
    std::vector<std::string> found;
    for (const auto& lock : *locks) found.push_back("  " + describe(lock));
    const std::string why =
        "a resource lock on the workspace's resource group stops Azure ML compute clusters from scaling (nodes "
        "stay at 0 -> 0); a ReadOnly lock also refuses the cluster itself";
    if (request_.ignore_locks) {
      for (const auto& line : found) warn("warning: lock:" + line.substr(1));
      warn("warning: " + why + "; creating it anyway (--ignore-locks)");
      return true;
    }
    return fail(OpError{ExitCode::failed,
                        why + "; nothing was created\nfix: remove the lock (" + std::string(kLockHelp) +
                            ") or put the workspace in a group without one; --ignore-locks creates the cluster anyway",
                        [&] {
                          std::vector<std::string> details{"locks over workspace " + request_.workspace.name() + ":"};
                          details.insert(details.end(), found.begin(), found.end());
                          return details;
                        }()});
  }

  OpError failed(const arm::ArmError& error) {
    return compute_failure(arm_, error, outcome_.id,
                           {"compute cluster " + request_.name, "create", "created", "compute create"});
  }

  Result<AmlComputeOutcome, OpError> finish(const std::string& action, const json& compute) {
    // What the operation ended with is read by the output as a GET's answer is: checked alike.
    if (auto problem = compute_answer_problem(compute, scale_only_ ? "PATCH" : "PUT", outcome_.id))
      return fail(OpError::from(*problem));
    outcome_.compute = compute;
    return done(action);
  }

  const AmlComputeRequest& request_;
  bool scale_only_ = false;  // the existing cluster differs in its scale settings alone
};

}  // namespace

Result<AmlComputeOutcome, OpError> create_aml_compute(arm::ArmClient& arm, const AmlComputeRequest& request) {
  return Creator(arm, request).run();
}

}  // namespace azureml::ops
