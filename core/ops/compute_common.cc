#include "core/ops/compute_common.h"

#include "core/arm/api_versions.h"
#include "core/ops/compute_read.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

using nlohmann::json;

const json& at(const json& object, const char* key) { return json_at(object, key); }
std::string text(const json& value) { return json_text(value); }

void add_errors(const json& errors, std::string& out) {
  if (!errors.is_array()) return;
  for (const auto& item : errors) {
    const json& error = at(item, "error").is_object() ? at(item, "error") : item;
    out += (out.empty() ? "" : "\n") + printable(text(at(error, "code")) + ": " + text(at(error, "message")));
  }
}

}  // namespace

const json& json_at(const json& object, const char* key) {
  static const json null;
  if (!object.is_object()) return null;
  auto it = object.find(key);
  return it == object.end() ? null : *it;
}

std::string json_text(const json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

OpError compute_failure(arm::ArmClient& arm, const arm::ArmError& error, const arm::ResourceId& compute,
                        const ComputeOperation& operation) {
  if (error.kind == arm::ArmError::Kind::timeout)
    return OpError::from(error, "the " + operation.noun + " goes on in Azure: running this again waits for it");
  if (error.kind == arm::ArmError::Kind::interrupted) return OpError::from(error);
  if (error.kind != arm::ArmError::Kind::operation_failed && error.kind != arm::ArmError::Kind::operation_canceled)
    return OpError::from(error, operation.subject + " was not " + operation.done);
  std::string details;
  // The errors are told from one more GET, best effort; an answer of another shape is said, not dropped.
  auto read = get_compute(arm, compute);
  if (read)
    details = provisioning_errors(read->json);
  else if (read.error().kind == arm::ArmError::Kind::unexpected_shape)
    details = read.error().summary();
  OpError out = OpError::from(error);
  out.message = operation.subject + " failed to " + operation.noun + ": " + error.summary() +
                (details.empty() ? "" : "\n" + details) + "\nfix the cause, then run " + operation.rerun +
                " again (with --overwrite if the settings changed)";
  return out;
}

bool is_not_found(const arm::ArmError& error) { return error.kind == arm::ArmError::Kind::http && error.status == 404; }

Result<std::string, OpError> workspace_location(arm::ArmClient& arm, const arm::ResourceId& workspace) {
  auto read = arm.get(workspace.str(), arm::api_versions::kMachineLearning);
  if (!read) {
    OpError error = OpError::from(read.error());
    if (is_not_found(read.error()))
      error.message = "workspace " + workspace.str() + " not found: " + read.error().summary() +
                      "\ncheck -w, -g and --subscription";
    return fail(std::move(error));
  }
  auto location = location_of(*read);
  if (!location) return fail(OpError::from(location.error()));
  if (location->empty())
    return fail(OpError{ExitCode::failed, "ARM returned workspace " + workspace.str() + " without a location", {}});
  return std::move(location).value();
}

Result<std::string, arm::ArmError> location_of(const arm::ArmResponse& answer) {
  const JsonShape resource(answer.json);
  std::string location = resource.text("location");
  if (resource.error()) return fail(arm::unexpected_shape(*resource.error(), answer));
  return location;
}

std::string compute_type(const json& compute) {
  const json& type = at(at(compute, "properties"), "computeType");
  return type.is_string() ? type.get<std::string>() : "";
}

std::string provisioning_state(const json& compute) {
  const json& state = at(at(compute, "properties"), "provisioningState");
  return state.is_string() ? state.get<std::string>() : "";
}

std::string provisioning_errors(const json& compute) {
  std::string out;
  add_errors(at(at(compute, "properties"), "provisioningErrors"), out);
  add_errors(at(at(at(compute, "properties"), "properties"), "errors"), out);
  return out;
}

}  // namespace azureml::ops
