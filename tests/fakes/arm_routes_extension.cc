// {cluster}/providers/Microsoft.KubernetesConfiguration/extensions/{name}: PUT (201/200),
// PATCH (202) and DELETE (202, or 200 with forceDelete=true), all long-running through
// Azure-AsyncOperation. GET and list are the generic routes.
// Settings as the spec types them (extensions.json 2025-03-01, Extension and patchExtension):
// both maps hold strings only, so a null value is a 400. configurationProtectedSettings is
// x-ms-secret: a GET names its keys with empty values (options.extension_protected_names; else
// it is left out), a PATCH that carries it replaces it whole and one that leaves it out keeps
// it; a PATCH's configurationSettings are merged key by key over the installed ones.
#include <httplib.h>

#include "tests/fakes/arm_routes.h"
#include "tests/fakes/http_reply.h"
#include "tests/fakes/http_text.h"

namespace azureml::fakes {
namespace {

const std::string kExtensionPath =
    kGroupPath +
    R"(/providers/(?:microsoft\.kubernetes/connectedclusters|microsoft\.containerservice/managedclusters)/[^/]+)"
    R"(/providers/microsoft\.kubernetesconfiguration/extensions/[^/]+)";

// Setting maps hold strings only (the API's additionalProperties are strings). False after
// answering 400.
bool check_settings(ArmContext& context, ArmCall& call, const nlohmann::json& properties, const char* name) {
  if (!properties.contains(name) || properties[name].is_null()) return true;
  const nlohmann::json& settings = properties[name];
  if (!settings.is_object()) {
    context.bad_request(call, std::string("properties.") + name + " must be an object of strings.");
    return false;
  }
  for (auto it = settings.begin(); it != settings.end(); ++it) {
    if (!it->is_string()) {
      context.bad_request(call, std::string("properties.") + name + " values must be strings; '" + it.key() + "' is " +
                                    it->type_name() + ".");
      return false;
    }
  }
  return true;
}

// What a GET shows of protected settings: their keys with empty values, or nothing.
void store_protected(const ArmContext& context, nlohmann::json& properties, const nlohmann::json& sent) {
  properties.erase("configurationProtectedSettings");
  if (!context.options.extension_protected_names) return;
  nlohmann::json names = nlohmann::json::object();
  if (sent.is_object())
    for (auto it = sent.begin(); it != sent.end(); ++it) names[it.key()] = "";
  properties["configurationProtectedSettings"] = std::move(names);
}

bool cluster_exists(ArmContext& context, ArmCall& call) {
  const std::string cluster = parse_resource_id(call.path).parent;
  if (context.store.contains(cluster)) return true;
  context.not_found(call, cluster);
  return false;
}

void put_extension(ArmContext& context, ArmCall& call) {
  if (!cluster_exists(context, call)) return;
  auto body = context.json_body(call);
  if (!body) return;
  nlohmann::json properties = body->value("properties", nlohmann::json::object());
  if (!properties.is_object() || !properties.contains("extensionType") || !properties["extensionType"].is_string()) {
    context.bad_request(call, "properties.extensionType is required.");
    return;
  }
  if (!check_settings(context, call, properties, "configurationSettings") ||
      !check_settings(context, call, properties, "configurationProtectedSettings")) {
    return;
  }
  const nlohmann::json* existing = context.store.find(call.path);
  const bool managed = to_lower(call.path).find("/microsoft.containerservice/managedclusters/") != std::string::npos;
  if (!properties.contains("autoUpgradeMinorVersion")) properties["autoUpgradeMinorVersion"] = true;
  if (!properties.contains("releaseTrain")) properties["releaseTrain"] = "Stable";
  if (!properties.contains("version")) properties["version"] = nullptr;
  if (!properties.contains("configurationSettings")) properties["configurationSettings"] = nlohmann::json::object();
  store_protected(context, properties, properties.value("configurationProtectedSettings", nlohmann::json()));
  properties["currentVersion"] = properties["version"].is_string() ? properties["version"] : nlohmann::json("1.1.50");
  properties["provisioningState"] = existing ? "Updating" : "Creating";
  properties["statuses"] = nlohmann::json::array();
  properties["isSystemExtension"] = false;
  if (managed) {
    properties["aksAssignedIdentity"] = {
        {"principalId", context.ids.uuid()}, {"tenantId", context.options.tenant_id}, {"type", "SystemAssigned"}};
  }
  nlohmann::json resource = ArmContext::envelope(call.path);
  if (body->contains("identity")) resource["identity"] = context.identity_for((*body)["identity"]);
  resource["systemData"] = {
      {"createdAt", ArmContext::nested_string(existing, "systemData", "createdAt", context.now_text())},
      {"lastModifiedAt", context.now_text()}};
  resource["properties"] = std::move(properties);
  const int status = existing ? 200 : 201;
  context.store.put(std::move(resource));
  context.start_operation(call, call.path, existing ? OperationKind::update : OperationKind::create, false);
  send_json(call.response, status, *context.store.find(call.path));
}

void patch_extension(ArmContext& context, ArmCall& call) {
  nlohmann::json* resource = context.store.find(call.path);
  if (resource == nullptr) {
    context.not_found(call, call.path);
    return;
  }
  auto body = context.json_body(call);
  if (!body) return;
  const nlohmann::json patch = body->value("properties", nlohmann::json::object());
  if (!check_settings(context, call, patch, "configurationSettings") ||
      !check_settings(context, call, patch, "configurationProtectedSettings")) {
    return;
  }
  nlohmann::json& properties = (*resource)["properties"];
  for (const char* field : {"autoUpgradeMinorVersion", "autoUpgradeMode", "releaseTrain", "version"}) {
    if (patch.contains(field)) properties[field] = patch[field];
  }
  if (patch.contains("configurationSettings") && patch["configurationSettings"].is_object())
    for (auto it = patch["configurationSettings"].begin(); it != patch["configurationSettings"].end(); ++it)
      properties["configurationSettings"][it.key()] = it.value();
  if (patch.contains("configurationProtectedSettings") && !patch["configurationProtectedSettings"].is_null())
    store_protected(context, properties, patch["configurationProtectedSettings"]);
  properties["provisioningState"] = "Updating";
  (*resource)["systemData"]["lastModifiedAt"] = context.now_text();
  context.start_operation(call, call.path, OperationKind::update, false);
  send_json(call.response, 202, *resource);
}

void delete_extension(ArmContext& context, ArmCall& call) {
  nlohmann::json* resource = context.store.find(call.path);
  if (resource == nullptr) {
    call.response.status = 204;
  } else if (to_lower(call.query["forceDelete"]) == "true") {
    context.store.erase(call.path);  // "force delete does synchronous delete and returns 200"
    call.response.status = 200;
  } else {
    (*resource)["properties"]["provisioningState"] = "Deleting";
    context.start_operation(call, call.path, OperationKind::remove, true);
    call.response.status = 202;
  }
}

}  // namespace

std::vector<ArmRoute> extension_routes() {
  return {route("PUT", kExtensionPath, put_extension), route("PATCH", kExtensionPath, patch_extension),
          route("DELETE", kExtensionPath, delete_extension)};
}

}  // namespace azureml::fakes
