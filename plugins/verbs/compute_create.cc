// `compute create NAME -w WS -g RG --vm-size SIZE --max-nodes N ...`: an Azure ML compute
// cluster (AmlCompute), checked offline, then against the region's sizes, quota and locks.
#include <ostream>

#include "core/ops/aml_compute_create.h"
#include "plugins/azure_access.h"
#include "plugins/change_mode.h"
#include "plugins/compute_metadata.h"
#include "plugins/compute_output.h"
#include "plugins/extension_output.h"
#include "plugins/options.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

// The spec from the flags, or every problem with them (exit 2, before any request).
Result<ops::AmlComputeSpec, std::vector<std::string>> spec_from(const Invocation& call) {
  ops::AmlComputeSpec spec;
  spec.vm_size = call.options.get("vm-size");
  spec.min_nodes = std::stoi(call.options.get("min-nodes"));
  spec.max_nodes = std::stoi(call.options.get("max-nodes"));
  spec.priority =
      call.options.get("vm-priority") == "lowpriority" ? ops::VmPriority::low_priority : ops::VmPriority::dedicated;
  spec.idle_seconds = std::stoi(call.options.get("idle-seconds-before-scaledown"));
  if (call.options.given("location")) spec.location = call.options.get("location");
  if (call.options.given("subnet")) spec.subnet = call.options.get("subnet");
  auto identity = assigned_identity(call);
  if (identity) spec.identity = std::move(*identity);
  auto problems = ops::check_spec(spec);
  if (!identity) problems.insert(problems.end(), identity.error().begin(), identity.error().end());
  if (!problems.empty()) return fail(std::move(problems));
  return spec;
}

VerbResult run(const Invocation& call) {
  auto spec = spec_from(call);
  if (!spec) {
    return error_result(
        call, ops::OpError{ExitCode::usage, "the compute cluster is not valid; nothing was sent\nfix the flags above",
                           spec.error()});
  }
  auto mode = change_mode(call);
  if (!mode) return error_result(call, ExitCode::usage, mode.error());
  auto access = AzureAccess::open(call);
  if (!access) return error_result(call, ExitCode::usage, access.error());
  ops::AmlComputeRequest request;
  request.workspace = *(*access)->workspace(call);
  request.name = *call.options.positional();
  request.spec = std::move(*spec);
  request.overwrite = call.options.flag("overwrite");
  request.ignore_locks = call.options.flag("ignore-locks");
  request.mode = std::move(*mode);
  auto outcome = ops::create_aml_compute((*access)->arm(), request);
  if (!outcome) return error_result(call, outcome.error());

  VerbResult out;
  out.data = {{"action", outcome->action},
              {"name", outcome->id.name()},
              {"id", outcome->id.str()},
              {"dryRun", outcome->dry_run}};
  out.data["compute"] =
      outcome->compute.is_null() ? nlohmann::ordered_json(nullptr) : ops::aml_compute_view(outcome->compute);
  out.data["notes"] = outcome->notes;
  out.data["warnings"] = outcome->warnings;
  out.data["changes"] = to_json(outcome->changes);
  out.human = [outcome = std::move(*outcome)](std::ostream& stream) {
    stream << "compute cluster " << outcome.id.name() << ": " << outcome.action << "\n";
    if (!outcome.compute.is_null()) print_aml_compute(stream, ops::aml_compute_view(outcome.compute));
    if (outcome.dry_run) {
      stream << "the plan (nothing was sent):\n";
      print_changes(stream, outcome.changes, true);
    }
    print_lines(stream, "notes", outcome.notes);
  };
  return out;
}

}  // namespace

Verb make_compute_create_verb() {
  VerbSpec spec;
  spec.name = "compute create";
  spec.summary = "Create an Azure Machine Learning compute cluster (AmlCompute)";
  spec.description =
      "Checks the flags offline (sizes, node counts, identity and subnet ids), then that the VM size is offered in "
      "the region, that the quota holds --max-nodes of it (with the numbers when it does not), and that no resource "
      "lock would stop the cluster from scaling. Then creates it and waits until it is Succeeded. Run again, an "
      "identical cluster is left alone; a different one is refused with the differences unless --overwrite.";
  spec.examples = {
      {"A CPU cluster that scales from 0 to 4 nodes",
       "compute create cpu-cluster -w my-workspace -g my-group "
       "--vm-size Standard_DS3_v2 --max-nodes 4"},
      {"Low-priority GPUs with a system-assigned identity",
       "compute create gpu-cluster -w my-workspace -g my-group --vm-size Standard_NC6 --max-nodes 2 "
       "--vm-priority lowpriority --assign-identity '[system]'"},
  };
  spec.positional = PositionalSpec{"NAME", "The compute cluster's name in the workspace.", true};
  OptionSpec size{"vm-size",    0, OptionType::string, "SIZE", "The VM size of the nodes, e.g. Standard_DS3_v2.",
                  std::nullopt, {}};
  size.required = true;
  OptionSpec max{"max-nodes",  0, OptionType::integer, "N", "The most nodes the cluster scales up to (1-1000).",
                 std::nullopt, {}};
  max.required = true;
  spec.options = {
      size,
      {"min-nodes",
       0,
       OptionType::integer,
       "N",
       "Nodes kept even when idle (billed while they run).",
       std::string("0"),
       {}},
      max,
      {"vm-priority",
       0,
       OptionType::choice,
       "PRIORITY",
       "Dedicated VMs, or cheaper low-priority VMs that may be preempted.",
       std::string("dedicated"),
       {"dedicated", "lowpriority"}},
      {"idle-seconds-before-scaledown",
       0,
       OptionType::integer,
       "S",
       "Seconds a node stays idle before it is removed.",
       std::string("120"),
       {}},
      {"location",
       0,
       OptionType::string,
       "REGION",
       "The cluster's region (default: the workspace's; another region is a preview capability).",
       std::nullopt,
       {}},
      assign_identity_option(),
      {"subnet",
       0,
       OptionType::string,
       "ID",
       "The id of a virtual network's subnet to put the nodes in.",
       std::nullopt,
       {}},
      {"overwrite", 0, OptionType::flag, "", "Replace an existing cluster's settings.", std::nullopt, {}},
      {"ignore-locks",
       0,
       OptionType::flag,
       "",
       "Create the cluster even though a resource lock will stop it from scaling.",
       std::nullopt,
       {}},
  };
  for (auto group : {change_options(), workspace_options(), azure_options()})
    for (auto& option : group) spec.options.push_back(std::move(option));
  return {spec, run};
}

}  // namespace azureml::cli
