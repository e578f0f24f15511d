// `compute identity assign | remove NAME`: the managed identity of an existing compute cluster.
#include <ostream>

#include "core/ops/aml_compute_identity.h"
#include "plugins/azure_access.h"
#include "plugins/change_mode.h"
#include "plugins/extension_output.h"
#include "plugins/options.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

std::string type_of(const ops::ManagedIdentity& identity) { return ops::identity_json(identity).value("type", "None"); }

VerbResult run(const Invocation& call, ops::IdentityChange change) {
  std::vector<std::string> values = call.options.list("user-assigned");
  if (call.options.flag("system")) values.insert(values.begin(), "[system]");
  if (change == ops::IdentityChange::assign && values.empty())
    return error_result(call, ExitCode::usage, "say which identity to assign: --system, or --user-assigned ID");
  std::vector<ops::IdentityProblem> problems;
  const ops::ManagedIdentity identities = ops::parse_identities(values, problems);
  if (!problems.empty()) {
    ops::OpError error{ExitCode::usage, "nothing was sent; fix the identity ids above", {}};
    for (const auto& problem : problems)
      error.details.push_back("--user-assigned '" + problem.value + "' is " + problem.message);
    return error_result(call, error);
  }
  auto mode = change_mode(call);
  if (!mode) return error_result(call, ExitCode::usage, mode.error());
  auto access = AzureAccess::open(call);
  if (!access) return error_result(call, ExitCode::usage, access.error());
  ops::IdentityRequest request;
  request.workspace = *(*access)->workspace(call);
  request.name = *call.options.positional();
  request.change = change;
  request.identities = identities;
  request.mode = std::move(*mode);
  auto outcome = ops::change_compute_identity((*access)->arm(), request);
  if (!outcome) return error_result(call, outcome.error());
  VerbResult out;
  out.data = {{"action", outcome->action},
              {"name", outcome->id.name()},
              {"id", outcome->id.str()},
              {"before", ops::identity_json(outcome->before)},
              {"after", ops::identity_json(outcome->after)},
              {"identity", outcome->identity},
              {"dryRun", outcome->dry_run},
              {"notes", outcome->notes},
              {"changes", to_json(outcome->changes)}};
  out.human = [outcome = std::move(*outcome)](std::ostream& stream) {
    stream << "compute cluster " << outcome.id.name() << ": identity " << outcome.action << " ("
           << type_of(outcome.before) << " -> " << type_of(outcome.after) << ")\n";
    for (const auto& id : outcome.after.user_assigned) stream << "  user-assigned: " << id << "\n";
    if (outcome.dry_run) print_changes(stream, outcome.changes, true);
    print_lines(stream, "notes", outcome.notes);
  };
  return out;
}

VerbSpec identity_spec(const std::string& verb, const std::string& summary) {
  VerbSpec spec;
  spec.name = "compute identity " + verb;
  spec.summary = summary;
  spec.positional = PositionalSpec{"NAME", "The compute cluster's name in the workspace.", true};
  spec.options = {
      {"system", 0, OptionType::flag, "", "The system-assigned identity.", std::nullopt, {}},
      {"user-assigned",
       0,
       OptionType::string_list,
       "ID",
       "A user-assigned identity's id. Repeatable.",
       std::nullopt,
       {}},
  };
  for (auto group : {change_options(), workspace_options(), azure_options()})
    for (auto& option : group) spec.options.push_back(std::move(option));
  return spec;
}

}  // namespace

Verb make_compute_identity_assign_verb() {
  VerbSpec spec = identity_spec("assign", "Give a compute cluster a managed identity");
  spec.description =
      "Adds the system-assigned identity (--system) or user-assigned identities (--user-assigned ID) to those the "
      "cluster has, and waits until the cluster is updated. Already assigned: nothing is sent.";
  spec.examples = {
      {"A system-assigned identity", "compute identity assign cpu-cluster -w my-workspace -g my-group --system"},
      {"A user-assigned identity",
       "compute identity assign cpu-cluster -w my-workspace -g my-group --user-assigned "
       "/subscriptions/SUB/resourceGroups/RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/my-identity"}};
  return {spec, [](const Invocation& call) { return run(call, ops::IdentityChange::assign); }};
}

Verb make_compute_identity_remove_verb() {
  VerbSpec spec = identity_spec("remove", "Take managed identities away from a compute cluster");
  spec.description =
      "Removes the identities named (--system, --user-assigned ID), or every identity when none is named, and waits "
      "until the cluster is updated.";
  spec.examples = {{"Remove every identity", "compute identity remove cpu-cluster -w my-workspace -g my-group"}};
  return {spec, [](const Invocation& call) { return run(call, ops::IdentityChange::remove); }};
}

}  // namespace azureml::cli
