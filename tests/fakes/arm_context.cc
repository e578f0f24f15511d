#include "tests/fakes/arm_context.h"

#include <httplib.h>

#include "tests/fakes/http_reply.h"
#include "tests/fakes/http_text.h"

namespace azureml::fakes {

std::string ArmContext::now_text() const { return iso8601(now()); }

std::optional<nlohmann::json> ArmContext::json_body(ArmCall& call) const {
  auto body = nlohmann::json::parse(call.http.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    send_arm_error(call.response, 400, "InvalidRequestContent",
                   "The request content was invalid and could not be deserialized: the body is not a JSON object.");
    return std::nullopt;
  }
  return body;
}

void ArmContext::not_found(ArmCall& call, std::string_view id) const {
  const ResourceIdParts parts = parse_resource_id(id);
  send_arm_error(call.response, 404, "ResourceNotFound",
                 "The Resource '" + parts.relative + "' under resource group '" + parts.resource_group +
                     "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
}

bool ArmContext::require_parent(ArmCall& call, std::string_view id) const {
  const ResourceIdParts parts = parse_resource_id(id);
  if (store.contains(parts.parent)) return true;
  send_arm_error(call.response, 404, "ParentResourceNotFound",
                 "Can not perform requested operation on nested resource. Parent resource '" +
                     parse_resource_id(parts.parent).name + "' not found.");
  return false;
}

void ArmContext::bad_request(ArmCall& call, const std::string& message) const {
  send_arm_error(call.response, 400, "BadRequest", message);
}

Operation& ArmContext::start_operation(ArmCall& call, std::string_view resource_id, OperationKind kind, bool location) {
  const std::string id = ids.uuid();
  Operation& operation = operations.start(id, std::string(resource_id), kind, call.method, options.lro_polls, now());
  const std::string version = "?api-version=" + percent_encode(call.api_version);
  call.response.set_header("Azure-AsyncOperation",
                           call.base_url + std::string(resource_id) + "/operations/" + id + version);
  if (location) {
    call.response.set_header("Location",
                             call.base_url + std::string(resource_id) + "/operationResults/" + id + version);
  }
  call.response.set_header("Retry-After", std::to_string(options.retry_after_seconds));
  if (operation.polls_needed <= 0) {
    operations.finish(operation, now());
    apply_end_state(operation);
  }
  return operation;
}

void ArmContext::observe_resource(std::string_view resource_id) {
  if (Operation* operation = operations.running_on(resource_id)) observe(*operation);
}

void ArmContext::observe(Operation& operation) {
  if (operations.observe(operation, now())) apply_end_state(operation);
}

void ArmContext::apply_end_state(const Operation& operation) {
  const bool succeeded = operation.status == "Succeeded";
  if (operation.kind == OperationKind::remove && succeeded) {
    store.erase(operation.resource_id);
    return;
  }
  nlohmann::json* resource = store.find(operation.resource_id);
  if (resource == nullptr) return;
  nlohmann::json& properties = (*resource)["properties"];
  properties["provisioningState"] = operation.status;
  if (succeeded) return;
  const std::string type = to_lower(parse_resource_id(operation.resource_id).type);
  const nlohmann::json error = {{"code", operation.outcome.error_code}, {"message", operation.outcome.error_message}};
  if (type == "microsoft.machinelearningservices/workspaces/computes") {
    properties["provisioningErrors"] = nlohmann::json::array({{{"error", error}}});
  } else if (type == "microsoft.kubernetesconfiguration/extensions") {
    properties["errorInfo"] = error;
    properties["statuses"] = nlohmann::json::array({{{"code", operation.outcome.error_code},
                                                     {"displayStatus", operation.status},
                                                     {"level", "Error"},
                                                     {"message", operation.outcome.error_message},
                                                     {"time", now_text()}}});
  }
}

nlohmann::json ArmContext::identity_for(const nlohmann::json& requested) {
  if (!requested.is_object() || !requested.contains("type") || !requested["type"].is_string()) return nullptr;
  nlohmann::json identity = requested;
  const std::string type = to_lower(requested["type"].get<std::string>());
  if (type.find("systemassigned") != std::string::npos) {
    identity["principalId"] = ids.uuid();
    identity["tenantId"] = options.tenant_id;
  }
  if (type.find("userassigned") != std::string::npos && requested.contains("userAssignedIdentities") &&
      requested["userAssignedIdentities"].is_object()) {
    nlohmann::json& assigned = identity["userAssignedIdentities"];
    for (auto it = assigned.begin(); it != assigned.end(); ++it) {
      *it = {{"principalId", ids.uuid()}, {"clientId", ids.uuid()}};
    }
  }
  return identity;
}

std::string ArmContext::nested_string(const nlohmann::json* resource, const char* object, const char* key,
                                      const std::string& fallback) {
  if (resource == nullptr || !resource->contains(object) || !(*resource)[object].is_object()) return fallback;
  const nlohmann::json& inner = (*resource)[object];
  return inner.contains(key) && inner[key].is_string() ? inner[key].get<std::string>() : fallback;
}

nlohmann::json ArmContext::envelope(std::string_view id) {
  const ResourceIdParts parts = parse_resource_id(id);
  return {{"id", std::string(id)}, {"name", parts.name}, {"type", parts.type}};
}

}  // namespace azureml::fakes
