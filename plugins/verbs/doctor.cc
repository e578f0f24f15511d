// `doctor [-f CONFIG] [kubectl flags] [cluster and workspace flags]`: every preflight check
// that can run with what is reachable, one line each; exit 1 when one fails.
#include <ostream>

#include "core/kube/arc_identity.h"
#include "core/ops/doctor.h"
#include "plugins/attach_config_input.h"
#include "plugins/azure_access.h"
#include "plugins/kube_access.h"
#include "plugins/options.h"
#include "plugins/output/table.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

nlohmann::ordered_json to_json(const ops::DoctorReport& report) {
  nlohmann::ordered_json checks = nlohmann::ordered_json::array();
  for (const auto& check : report.checks) {
    nlohmann::ordered_json item = {
        {"name", check.name}, {"status", ops::status_name(check.status)}, {"found", check.found}};
    if (!check.fix.empty()) item["fix"] = check.fix;
    checks.push_back(std::move(item));
  }
  return {{"checks", std::move(checks)},
          {"summary",
           {{"pass", report.count(ops::CheckStatus::pass)},
            {"warn", report.count(ops::CheckStatus::warn)},
            {"fail", report.count(ops::CheckStatus::fail)},
            {"skip", report.count(ops::CheckStatus::skip)}}}};
}

void print(const ops::DoctorReport& report, std::ostream& out) {
  Table table({"STATUS", "CHECK", "FOUND"});
  // A multi-line finding (a credential chain's report) continues on rows of its own.
  const auto add_lines = [&](std::string status, std::string name, const std::string& text) {
    std::size_t start = 0;
    for (std::size_t end = text.find('\n');; end = text.find('\n', start)) {
      table.add_row({std::move(status), std::move(name), text.substr(start, end - start)});
      status.clear();
      name.clear();
      if (end == std::string::npos) break;
      start = end + 1;
    }
  };
  for (const auto& check : report.checks) {
    add_lines(upper(ops::status_name(check.status)), check.name, check.found);
    if (!check.fix.empty()) add_lines("", "", "fix: " + check.fix);
  }
  table.print(out);
  const std::size_t warnings = report.count(ops::CheckStatus::warn);
  out << report.count(ops::CheckStatus::pass) << " passed, " << warnings
      << (warnings == 1 ? " warning, " : " warnings, ") << report.count(ops::CheckStatus::fail) << " failed, "
      << report.count(ops::CheckStatus::skip) << " skipped\n";
}

VerbResult run(const Invocation& call) {
  ops::DoctorInputs inputs;
  inputs.command = call.front_end.program;

  auto kube_access = KubeAccess::open(call);
  if (kube_access)
    inputs.kube = &(*kube_access)->client();
  else
    inputs.kube_problem = kube_access.error().describe();

  auto config = read_attach_config(call, inputs.kube);
  if (!config) return error_result(call, ExitCode::usage, config.error());
  auto selected = config::select_instance_types(std::move(*config), call.options.list("instance-type"));
  if (!selected) return error_result(call, ExitCode::usage, selected.error());
  inputs.config = std::move(*selected);

  // An Arc cluster names itself; its subscription then serves when none is given.
  auto cluster = cluster_from_options(call, call.options.get("subscription"));
  if (!cluster) return error_result(call, ExitCode::usage, cluster.error());
  std::optional<std::string> cluster_subscription;
  if (!*cluster && inputs.kube) {
    if (auto map = inputs.kube->config_map(kube::kArcNamespace, kube::kArcConfigMap); map && *map)
      if (auto identity = kube::arc_identity(**map)) {
        inputs.cluster =
            arm::ResourceId::connected_cluster(identity->subscription, identity->resource_group, identity->name);
        cluster_subscription = identity->subscription;
      }
  }

  auto azure = AzureAccess::open(call, cluster_subscription);
  if (azure) {
    inputs.arm = &(*azure)->arm();
    if (*cluster) {
      // Built again now that the subscription is known (it may have come from the environment).
      auto resolved = (*azure)->cluster(call);
      if (resolved && *resolved) inputs.cluster = **resolved;
    }
    inputs.workspace = (*azure)->workspace(call);
  } else {
    inputs.arm_problem = "not checked: " + azure.error();
  }

  const ops::DoctorReport report = ops::run_doctor(inputs);
  VerbResult out;
  out.code = report.failed() ? ExitCode::failed : ExitCode::ok;
  out.data = to_json(report);
  out.human = [report](std::ostream& stream) { print(report, stream); };
  return out;
}

}  // namespace

Verb make_doctor_verb() {
  VerbSpec spec;
  spec.name = "doctor";
  spec.summary = "Check a cluster and workspace for everything an attach needs";
  spec.description =
      "Runs every preflight check it can with what is reachable and prints one line per check: the "
      "cluster's credentials, the compute's namespace, nodes and resources for each instance type, GPUs, "
      "an NVIDIA device plugin or blobfuse already installed, the extension's pods; and with Azure access "
      "the cluster, the workspace, the extension's state, their regions and resource-group locks. "
      "Exits 1 when a check fails.";
  spec.examples = {
      {"Check the current kubectl context against an attach configuration", "doctor -f examples/attach-advanced.json"},
      {"Check the nodes of one instance type only",
       "doctor -f examples/attach-advanced.json --instance-type gpu_instance"},
      {"Check an AKS cluster and a workspace",
       "doctor --cluster-type managedClusters --cluster-name aks1 -g my-group -w my-workspace -o json"},
  };
  spec.options = {attach_config_option("Attach configuration to check against"),
                  {"instance-type",
                   0,
                   OptionType::string_list,
                   "INSTANCE_TYPE",
                   "Check only this instance type of the configuration (repeatable; default: every one).",
                   std::nullopt,
                   {}}};
  for (auto group : {workspace_options(false), cluster_options(), kube_options(), azure_options()})
    for (auto& option : group) spec.options.push_back(std::move(option));
  return {spec, run};
}

}  // namespace azureml::cli
