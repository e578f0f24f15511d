#include "core/ops/change_set.h"

namespace azureml::ops {

ChangeSet::ChangeSet(arm::ArmClient& arm, const ChangeMode& mode)
    : arm_(arm), dry_run_(mode.dry_run), wait_(mode.wait_options), progress_(mode.progress) {}

Result<nlohmann::json, arm::ArmError> ChangeSet::put(const std::string& path, std::string_view api_version,
                                                     const nlohmann::json& body, std::string summary,
                                                     const nlohmann::json& shown, Wait wait, bool read_result) {
  return write(arm::Method::put, path, api_version, &body, {}, std::move(summary), shown, wait, read_result);
}

Result<nlohmann::json, arm::ArmError> ChangeSet::patch(const std::string& path, std::string_view api_version,
                                                       const nlohmann::json& body, std::string summary,
                                                       const nlohmann::json& shown, Wait wait) {
  return write(arm::Method::patch, path, api_version, &body, {}, std::move(summary), shown, wait, true);
}

Result<nlohmann::json, arm::ArmError> ChangeSet::remove(const std::string& path, std::string_view api_version,
                                                        const arm::RequestOptions& request, std::string summary,
                                                        Wait wait) {
  return write(arm::Method::del, path, api_version, nullptr, request, std::move(summary), nullptr, wait, false);
}

Result<nlohmann::json, arm::ArmError> ChangeSet::write(arm::Method method, const std::string& path,
                                                       std::string_view api_version, const nlohmann::json* body,
                                                       const arm::RequestOptions& request, std::string summary,
                                                       const nlohmann::json& shown, Wait wait, bool read_result) {
  Change change{std::string(arm::method_name(method)), path, summary, shown.is_null() && body ? *body : shown, false};
  if (dry_run_) {
    changes_.push_back(std::move(change));
    return nlohmann::json(nullptr);
  }
  if (progress_) progress_(summary + " ...");
  auto sent = arm_.send(method, path, api_version, body, request);
  if (!sent) {
    const arm::ArmError& error = sent.error();
    // Nothing there to delete: the end state already holds.
    const bool absent = method == arm::Method::del && error.kind == arm::ArmError::Kind::http && error.status == 404;
    change.done = absent;
    change.accepted = absent;
    change.in_flight = error.in_flight;
    changes_.push_back(std::move(change));
    if (absent) return nlohmann::json(nullptr);
    return fail(error);
  }
  Result<nlohmann::json, arm::ArmError> result = sent->json;
  if (wait == Wait::until_done) {
    arm::WaitOptions options = wait_;
    options.read_result = read_result;
    result = arm::wait_for_completion(arm_, *sent, method, path, api_version, options);
  }
  change.done = result.ok();
  change.accepted = true;
  changes_.push_back(std::move(change));
  return result;
}

OpError with_interrupt_note(OpError error, const ChangeSet& changes) {
  if (error.code != ExitCode::interrupted) return error;
  std::string sent;
  for (const auto& change : changes.changes()) {
    if (!change.accepted && !change.in_flight) continue;
    const char* state = change.done       ? " (done)"
                        : change.accepted ? " (still running in Azure)"
                                          : " (sent; Azure may have taken it)";
    sent += (sent.empty() ? "" : "; ") + change.summary + state;
  }
  error.message += sent.empty() ? "\nnothing was changed in Azure"
                                : "\nsent before the interrupt: " + sent +
                                      "\nrun the same command again to finish: it picks up what is already there";
  return error;
}

OpError change_failure(const arm::ArmError& error, const std::string& consequence, const ChangeSet& changes) {
  if (error.kind == arm::ArmError::Kind::interrupted) return with_interrupt_note(OpError::from(error), changes);
  return OpError::from(error, consequence);
}

std::string action_label(const std::string& action, bool dry_run, Wait wait) {
  if (action == "unchanged") return action;
  if (dry_run) return "would be " + action;
  return wait == Wait::no_wait ? "started" : action;
}

nlohmann::json redact_protected(nlohmann::json body) {
  if (body.is_object() && body.contains("properties") && body["properties"].is_object()) {
    auto& properties = body["properties"];
    if (properties.contains("configurationProtectedSettings") &&
        properties["configurationProtectedSettings"].is_object())
      for (auto& [key, value] : properties["configurationProtectedSettings"].items()) value = "<redacted>";
  }
  return body;
}

nlohmann::ordered_json to_json(const Change& change) {
  nlohmann::ordered_json json = {
      {"method", change.method}, {"path", change.path}, {"summary", change.summary}, {"done", change.done}};
  if (!change.body.is_null()) json["body"] = change.body;
  return json;
}

}  // namespace azureml::ops
