// `attach NAME -w WS -g RG [-f CONFIG] [cluster flags]`: the cluster as a Kubernetes compute of
// the workspace, checked first, converging when run again (ops/attach_compute.h).
#include <algorithm>
#include <filesystem>
#include <ostream>

#include "core/config/source.h"
#include "core/ops/attach_compute.h"
#include "core/ops/fleet.h"
#include "core/ops/fleet_file.h"
#include "core/util/json_shape.h"
#include "plugins/attach_config_input.h"
#include "plugins/change_mode.h"
#include "plugins/cluster_command.h"
#include "plugins/compute_metadata.h"
#include "plugins/extension_options.h"
#include "plugins/extension_output.h"
#include "plugins/fleet_display.h"
#include "plugins/options.h"
#include "plugins/output/table.h"
#include "plugins/verb_errors.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

nlohmann::ordered_json to_json(const ops::AttachOutcome& outcome) {
  // The compute's shape was checked as the attach ended (ops/compute_read.h); null after --no-wait.
  const JsonShape properties = JsonShape(outcome.compute).object("properties");
  nlohmann::ordered_json json = {
      {"action", outcome.action}, {"name", outcome.id.name()}, {"id", outcome.id.str()}, {"dryRun", outcome.dry_run}};
  if (properties.given()) {
    json["provisioningState"] = properties.text("provisioningState");
    json["resourceId"] = properties.text("resourceId");
    const JsonShape own = properties.object("properties");
    json["properties"] = own.given() ? own.json() : nlohmann::json::object();
  }
  if (outcome.extension) json["extension"] = cli::to_json(*outcome.extension);
  json["notes"] = outcome.notes;
  json["warnings"] = outcome.warnings;
  json["changes"] = cli::to_json(outcome.changes);
  return json;
}

void print(std::ostream& out, const ops::AttachOutcome& outcome) {
  out << "compute " << outcome.id.name() << ": " << outcome.action;
  if (const JsonShape properties = JsonShape(outcome.compute).object("properties"); properties.given())
    out << " (" << properties.text("provisioningState") << ")";
  out << "\n";
  if (outcome.extension)
    out << "extension " << outcome.extension->id.name() << ": " << outcome.extension->action << "\n";
  if (outcome.dry_run) {
    out << (outcome.changes.empty() ? "nothing would be sent\n" : "the plan (nothing was sent):\n");
    print_changes(out, outcome.changes, true);
  }
  print_lines(out, "notes", outcome.notes);
}

// `attach --fleet FILE`: every cluster of the file, `--parallel` at a time, one result table.
VerbResult run_fleet(const Invocation& call, const ops::ChangeMode& mode) {
  if (call.options.flag("install-extension") || call.options.given("file") || call.options.given("config"))
    return error_result(call, ExitCode::usage,
                        "with --fleet, give -f, --install-extension and settings in the fleet file");
  if (call.options.given("assign-identity") || call.options.given("description") || call.options.given("tags"))
    return error_result(call, ExitCode::usage,
                        "--assign-identity, --description and --tags attach one compute, not a fleet");
  auto access = AzureAccess::open(call);
  if (!access) return error_result(call, ExitCode::usage, access.error());
  const std::string path = call.options.get("fleet");
  auto source = config::read_source(path, call.in);
  if (!source) return error_result(call, ExitCode::usage, source.error());
  const std::string base = path == "-" ? "" : std::filesystem::path(path).parent_path().string();
  auto requests = ops::load_fleet(
      *source, base,
      {(*access)->subscription(), call.options.get("workspace-name"), call.options.get("resource-group")});
  if (!requests) {
    return error_result(
        call, ops::OpError{ExitCode::usage, "the fleet file is not valid; nothing was sent", requests.error()});
  }
  const long parallel = std::stol(call.options.get("parallel"));
  if (parallel < 1 || parallel > 64) return error_result(call, ExitCode::usage, "--parallel must be 1 to 64");
  for (auto& request : requests.value()) {
    request.overwrite = call.options.flag("overwrite");
    request.mode = mode;
    request.mode.progress = nullptr;  // each cluster's lines go to the fleet's display (ops/fleet.h)
    if (request.install_extension) request.install_extension->mode = waited(request.mode);
  }
  arm::Throttle throttle;  // one back-off for the whole fleet
  FleetDisplay display(call.err, call.live_progress, requests->size(), terminal_width(call.environment));
  std::vector<std::unique_ptr<ops::AzureSession>> sessions;
  const int workers = static_cast<int>(std::min<long>(parallel, static_cast<long>(requests->size())));
  for (int w = 0; w < workers; ++w)
    sessions.push_back(
        (*access)->worker_session(throttle, [&display](const arm::ArmEvent& e) { display.arm_event(e); }));
  const auto results = ops::attach_fleet(
      *requests, workers,
      [&](int worker) -> arm::ArmClient& { return sessions[static_cast<std::size_t>(worker)]->arm(); },
      display.observer());
  display.close();

  VerbResult out;
  out.data = nlohmann::ordered_json::array();
  std::size_t failed = 0;
  std::size_t interrupted = 0;  // stopped or never started by Ctrl-C
  for (const auto& result : results) {
    nlohmann::ordered_json item = {{"name", result.name},
                                   {"cluster", result.cluster},
                                   {"exitCode", to_int(result.code)},
                                   {"seconds", static_cast<double>(result.duration.count()) / 1000.0}};
    if (result.code == ExitCode::ok)
      item["action"] = result.action;
    else
      item["error"] = result.error;
    if (result.code == ExitCode::interrupted)
      ++interrupted;
    else if (result.code != ExitCode::ok)
      ++failed;
    out.data.push_back(std::move(item));
  }
  if (interrupted > 0)
    out.code = ExitCode::interrupted;
  else if (failed > 0)
    out.code = ExitCode::failed;
  out.human = [results, failed, interrupted](std::ostream& stream) {
    Table table({"NAME", "CLUSTER", "RESULT", "SECONDS"});
    for (const auto& result : results) {
      const std::string first_line = result.error.substr(0, result.error.find('\n'));
      table.add_row({result.name, result.cluster, result.code == ExitCode::ok ? result.action : "FAILED: " + first_line,
                     std::to_string(result.duration.count() / 1000) + "." +
                         std::to_string(result.duration.count() % 1000 / 100)});
    }
    table.print(stream);
    stream << results.size() - failed - interrupted << " attached or unchanged, " << failed << " failed";
    if (interrupted > 0) stream << ", " << interrupted << " interrupted (run again to finish)";
    stream << '\n';
  };
  return out;
}

VerbResult run(const Invocation& call) {
  auto mode = change_mode(call);
  if (!mode) return error_result(call, ExitCode::usage, mode.error());
  if (call.options.given("fleet")) {
    if (call.options.positional())
      return error_result(call, ExitCode::usage, "give either a compute NAME or --fleet FILE, not both");
    return run_fleet(call, *mode);
  }
  if (!call.options.positional())
    return error_result(call, ExitCode::usage, "attach needs the compute's NAME (or --fleet FILE)");
  if (!call.options.given("workspace-name") || !call.options.given("resource-group"))
    return error_result(call, ExitCode::usage, "attach needs the workspace: pass -w WORKSPACE and -g RESOURCE_GROUP");
  auto identity = assigned_identity(call);
  auto tags = tags_given(call);
  if (!identity || !tags) {
    std::vector<std::string> problems = identity ? std::vector<std::string>{} : identity.error();
    if (!tags) problems.insert(problems.end(), tags.error().begin(), tags.error().end());
    return error_result(call, ops::OpError{ExitCode::usage, "the compute's options are not valid; nothing was sent",
                                           std::move(problems)});
  }
  auto command = open_cluster_command(call);
  if (!command) return error_result(call, command.error());
  auto config = read_attach_config(call, command->kube ? &command->kube->client() : nullptr);
  if (!config) return error_result(call, ExitCode::usage, config.error());

  ops::AttachRequest request;
  request.workspace = *command->azure->workspace(call);
  request.cluster = command->cluster;
  request.name = *call.options.positional();
  request.config = std::move(*config);
  request.identity = std::move(*identity);
  request.tags = std::move(*tags);
  if (call.options.given("description")) request.description = call.options.get("description");
  request.cluster_access = command->access();
  request.skip_preflight = call.options.flag("skip-preflight");
  request.overwrite = call.options.flag("overwrite");
  request.mode = std::move(*mode);
  if (call.options.flag("install-extension")) {
    auto settings = user_settings(call);
    if (!settings) {
      return error_result(call,
                          ops::OpError{ExitCode::usage, "the extension settings could not be read; nothing was changed",
                                       settings.error()});
    }
    ops::ExtensionRequest& extension = request.install_extension.emplace();
    extension.cluster = command->cluster;
    extension.settings = std::move(*settings);
    extension.drop_protected = call.options.list("drop-protected");
    if (call.options.given("release-train")) extension.release_train = call.options.get("release-train");
    if (call.options.given("version")) extension.version = call.options.get("version");
    extension.cluster_access = request.cluster_access;
    extension.mode = waited(request.mode);  // the compute needs the extension done
  } else if (call.options.given("config") || call.options.given("config-protected") ||
             call.options.given("config-file") || call.options.given("drop-protected")) {
    return error_result(call, ExitCode::usage, "extension settings are used only with --install-extension");
  }

  auto outcome = ops::attach_compute(command->azure->arm(), request);
  if (!outcome) return error_result(call, outcome.error());
  VerbResult out;
  out.data = to_json(*outcome);
  out.human = [outcome = std::move(*outcome)](std::ostream& stream) { print(stream, outcome); };
  return out;
}

}  // namespace

Verb make_attach_verb() {
  VerbSpec spec;
  spec.name = "attach";
  spec.summary = "Attach a cluster to an Azure Machine Learning workspace as a compute target";
  spec.description =
      "Attaches the cluster (Arc or AKS; on Arc found from the kubectl context) to the workspace as a "
      "Kubernetes compute with the attach configuration's namespace and instance types, after checking "
      "the configuration, the AzureML extension (Succeeded, or installed first with --install-extension) "
      "and, on the cluster, the namespace and the nodes each instance type needs. Then waits until the "
      "compute is Succeeded. Run again, an identical compute is left alone; a different one is refused "
      "with the differences unless --overwrite.";
  spec.examples = {
      {"Attach the current Arc cluster with an attach configuration",
       "attach arc-compute -w my-workspace -g my-group -f examples/attach-advanced.json"},
      {"Attach a fleet, 8 clusters at a time", "attach --fleet fleet.yaml -w my-workspace -g my-group --parallel 8"},
      {"Install the extension first, then attach",
       "attach arc-compute -w my-workspace -g my-group "
       "--install-extension --config enableTraining=true"},
  };
  spec.positional = PositionalSpec{"NAME", "The compute's name in the workspace (not with --fleet).", false};
  spec.options = {attach_config_option("Attach configuration: namespace and instance types"),
                  {"fleet",
                   0,
                   OptionType::string,
                   "FILE",
                   "Attach every cluster of a fleet file (YAML or JSON: clusters with their names, configs and "
                   "settings; see the README).",
                   std::nullopt,
                   {}},
                  {"parallel",
                   0,
                   OptionType::integer,
                   "N",
                   "With --fleet: clusters attached at a time (1-64).",
                   std::string("4"),
                   {}},
                  {"install-extension",
                   0,
                   OptionType::flag,
                   "",
                   "Install (or converge) the AzureML extension first, with --config settings.",
                   std::nullopt,
                   {}},
                  {"skip-preflight",
                   0,
                   OptionType::flag,
                   "",
                   "Do not check the namespace and nodes on the cluster.",
                   std::nullopt,
                   {}},
                  {"overwrite", 0, OptionType::flag, "", "Replace an existing compute's settings.", std::nullopt, {}},
                  assign_identity_option()};
  for (auto group : {description_and_tags_options(), extension_settings_options(), change_options(),
                     workspace_options(false), cluster_options(), kube_options(), azure_options()})
    for (auto& option : group) spec.options.push_back(std::move(option));
  return {spec, run};
}

}  // namespace azureml::cli
