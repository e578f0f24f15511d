#include "core/ops/attach_compute.h"

#include <algorithm>

#include "core/arm/api_versions.h"
#include "core/ops/compute_read.h"
#include "core/kube/add_ons.h"
#include "core/ops/doctor_checks.h"
#include "core/ops/extension_install.h"
#include "core/ops/extension_lookup.h"
#include "core/ops/instance_type_compare.h"
#include "core/ops/operation.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

using nlohmann::json;
namespace versions = arm::api_versions;

const json& at(const json& object, const char* key) { return json_at(object, key); }
std::string text(const json& value) { return json_text(value); }

class Attacher : Operation<AttachOutcome> {
 public:
  Attacher(arm::ArmClient& arm, const AttachRequest& request) : Operation(arm, request.mode), request_(request) {
    outcome_.id = arm::ResourceId::compute(request.workspace, request.name);
  }

  Result<AttachOutcome, OpError> run() {
    return run_steps([this] { return steps(); });
  }

 private:
  Result<AttachOutcome, OpError> steps() {
    auto location = workspace_location();
    if (!location) return fail(location.error());
    json wanted = kubernetes_compute_body(request_, *location);

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
        const std::string state = text(at(at(*current, "properties"), "provisioningState"));
        // An attach cut short (interrupted, --no-wait) left it on its way: wait for it.
        if (!request_.mode.dry_run && arm::is_being_provisioned(state)) return wait_for(*current, state);
        if (!equals_ci(state, "Failed") && !equals_ci(state, "Canceled")) return finish("unchanged", *current);
        note("the compute's last attach ended " + state + ": attaching it again");
      }
    }
    // A PUT replaces the whole compute: keep an identity, description and tags it has unless
    // this run names its own.
    if (current) {
      if (!wanted.contains("identity") && !identity_of(*current).empty())
        wanted["identity"] = identity_json(identity_of(*current));
      const json& kept = at(at(*current, "properties"), "description");
      if (!wanted["properties"].contains("description") && kept.is_string()) wanted["properties"]["description"] = kept;
      if (!wanted.contains("tags") && at(*current, "tags").is_object() && !at(*current, "tags").empty())
        wanted["tags"] = at(*current, "tags");
    }
    if (auto ready = extension_ready(); !ready) return fail(ready.error());
    if (!request_.skip_preflight) {
      if (auto checked = preflight(); !checked) return fail(checked.error());
    }
    auto sent = changes_.put(outcome_.id.str(), versions::kMachineLearning, wanted,
                             std::string(current ? "update" : "attach") + " compute " + request_.name + " (cluster " +
                                 request_.cluster.name() + ")",
                             nullptr, request_.mode.wait);
    if (!sent) return fail(failed(sent.error()));
    return finish(current ? "updated" : "created", *sent);
  }

  Result<std::string, OpError> workspace_location() {
    if (request_.workspace_location) return *request_.workspace_location;
    return ops::workspace_location(arm_, request_.workspace);
  }

  // true: a PUT is needed; false: the compute is as asked.
  Result<bool, OpError> compare(const json& current, const json& wanted) {
    const std::string type = text(at(at(current, "properties"), "computeType"));
    if (!equals_ci(type, "Kubernetes")) {
      return fail(OpError{ExitCode::usage,
                          "compute " + request_.name + " already exists in the workspace with computeType " + type +
                              ", not Kubernetes\nchoose another name, or delete that compute first",
                          {}});
    }
    const auto differences = compute_differences(current, wanted);
    if (differences.empty()) return false;
    if (!request_.overwrite) {
      OpError error{ExitCode::usage,
                    "compute " + request_.name +
                        " already exists with other settings; nothing was changed\npass "
                        "--overwrite to replace them, or choose another name",
                    {}};
      for (const auto& difference : differences) error.details.push_back("  " + difference);
      error.details.insert(error.details.begin(), "differences from the existing compute:");
      return fail(std::move(error));
    }
    for (const auto& difference : differences) note("overwriting: " + difference);
    return true;
  }

  // The AzureML extension must be Succeeded on the cluster, or be installed first.
  Result<bool, OpError> extension_ready() {
    if (request_.install_extension) {
      auto installed = install_extension(arm_, *request_.install_extension);
      if (!installed) return fail(installed.error());
      outcome_.extension = std::move(*installed);
      return true;
    }
    auto choice = choose_extension(arm_, request_.cluster, std::nullopt);
    if (!choice) return fail(choice.error());
    const std::string fix =
        "install it first: add --install-extension --config enableTraining=true (or run 'extension install')";
    if (!choice->existing) {
      return fail(OpError{ExitCode::failed,
                          "cluster " + request_.cluster.name() +
                              " has no AzureML extension: jobs sent to the "
                              "compute would never run; nothing was changed\n" +
                              fix,
                          {}});
    }
    if (!equals_ci(choice->existing->provisioning_state, "Succeeded")) {
      const std::string details = failure_details(*choice->existing);
      return fail(OpError{ExitCode::failed,
                          "the AzureML extension " + choice->existing->id.name() + " on cluster " +
                              request_.cluster.name() + " is " + choice->existing->provisioning_state +
                              ", not Succeeded; nothing was changed" + (details.empty() ? "" : "\n" + details) +
                              "\n'extension show' says more; 'extension install' installs a failed one again",
                          {}});
    }
    return true;
  }

  // The cluster checks that would otherwise fail jobs later: the namespace, the instance types.
  Result<bool, OpError> preflight() {
    std::string why;
    ClusterInfo cluster = unread_cluster(request_.cluster);
    if (request_.cluster.cluster_kind() == arm::ClusterKind::managed && request_.cluster_access.kube) {
      auto read = read_cluster(arm_, request_.cluster);
      if (!read) return fail(read.error());
      cluster = *read;
    }
    kube::KubeClient* kube = confirmed_client(request_.cluster_access, cluster, why);
    if (!kube) {
      warn("warning: preflight checks not run: " + why +
           "; the namespace and the instance types' nodes were not "
           "checked");
      return true;
    }
    std::vector<Check> checks;
    auto exists = kube->namespace_exists(request_.config.namespace_name);
    if (!exists) return fail(OpError{exists.error().exit_code(), exists.error().describe(), {}});
    checks.push_back(check_namespace(request_.config.namespace_name, *exists));
    auto nodes = kube->nodes();
    if (!nodes) return fail(OpError{nodes.error().exit_code(), nodes.error().describe(), {}});
    bool device_plugin = false;
    if (auto sets = kube->daemon_sets()) {
      for (const auto& found : kube::find_add_ons(*sets))
        device_plugin = device_plugin || found.add_on == kube::AddOn::nvidia_device_plugin;
    }
    for (auto& check : check_instance_types(request_.config, *nodes, device_plugin)) checks.push_back(std::move(check));
    OpError error{ExitCode::failed, "", {}};
    for (const auto& check : checks) {
      const std::string line = check.name + ": " + check.found + (check.fix.empty() ? "" : " (fix: " + check.fix + ")");
      if (check.status == CheckStatus::fail)
        error.details.push_back("error: preflight: " + line);
      else if (check.status == CheckStatus::warn)
        warn("warning: preflight: " + line);
    }
    if (error.details.empty()) return true;
    error.message = std::to_string(error.details.size()) + " preflight " +
                    (error.details.size() == 1 ? "check" : "checks") +
                    " failed; nothing was changed\nfix them, or pass --skip-preflight to attach anyway";
    return fail(std::move(error));
  }

  Result<AttachOutcome, OpError> wait_for(const json& current, const std::string& state) {
    say("compute " + request_.name + " is " + state + ": waiting for it");
    auto done = arm::wait_for_resource(arm_, current, outcome_.id.str(), versions::kMachineLearning,
                                       request_.mode.wait_options);
    if (!done) return fail(failed(done.error()));
    return finish("created", *done);
  }

  OpError failed(const arm::ArmError& error) {
    return compute_failure(arm_, error, outcome_.id, {"compute " + request_.name, "attach", "attached", "attach"});
  }

  Result<AttachOutcome, OpError> finish(const std::string& action, const json& compute) {
    // What the operation ended with is read by the output as a GET's answer is: checked alike.
    if (auto problem = compute_answer_problem(compute, "PUT", outcome_.id)) return fail(OpError::from(*problem));
    outcome_.compute = compute;
    return done(action);
  }

  const AttachRequest& request_;
};

}  // namespace

json kubernetes_compute_body(const AttachRequest& request, const std::string& location) {
  json body = {{"location", location},
               {"properties",
                {{"computeType", "Kubernetes"},
                 {"computeLocation", location},
                 {"resourceId", request.cluster.str()},
                 {"properties", json(config::to_json(request.config))}}}};
  if (request.description) body["properties"]["description"] = *request.description;
  if (!request.tags.empty()) body["tags"] = request.tags;
  if (!request.identity.empty()) body["identity"] = identity_json(request.identity);
  return body;
}

std::vector<std::string> compute_differences(const json& existing, const json& wanted) {
  std::vector<std::string> out;
  const json& have = at(existing, "properties");
  const json& want = at(wanted, "properties");
  if (!arm::same_resource_id(text(at(have, "resourceId")), text(at(want, "resourceId"))))
    out.push_back("resourceId '" + text(at(have, "resourceId")) + "' -> '" + text(at(want, "resourceId")) + "'");
  const json& inner_have = at(have, "properties");
  const json& inner_want = at(want, "properties");
  if (at(inner_have, "namespace") != at(inner_want, "namespace"))
    out.push_back("namespace '" + text(at(inner_have, "namespace")) + "' -> '" + text(at(inner_want, "namespace")) +
                  "'");
  // Instance type names as the service may case them (instance_type_compare.h).
  const std::string default_have = text(at(inner_have, "defaultInstanceType"));
  const std::string default_want = text(at(inner_want, "defaultInstanceType"));
  if (!equals_ci(default_have, default_want))
    out.push_back("defaultInstanceType '" + default_have + "' -> '" + default_want + "'");
  for (auto& difference : instance_type_differences(at(inner_have, "instanceTypes"), at(inner_want, "instanceTypes")))
    out.push_back(std::move(difference));
  // Given this run, they must match; not given, whatever the compute has stays.
  if (!at(want, "description").is_null() && at(have, "description") != at(want, "description"))
    out.push_back("description '" + text(at(have, "description")) + "' -> '" + text(at(want, "description")) + "'");
  if (!at(wanted, "tags").is_null() && at(existing, "tags") != at(wanted, "tags"))
    out.push_back("tags " + at(existing, "tags").dump() + " -> " + at(wanted, "tags").dump());
  if (auto identity = identity_difference(existing, wanted)) out.push_back(std::move(*identity));
  return out;
}

Result<AttachOutcome, OpError> attach_compute(arm::ArmClient& arm, const AttachRequest& request) {
  return Attacher(arm, request).run();
}

}  // namespace azureml::ops
