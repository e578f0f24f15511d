// Subscription-level documents, operation status URLs, and the generic resource routes.
#include <httplib.h>

#include <set>

#include "tests/fakes/arm_routes.h"
#include "tests/fakes/http_reply.h"
#include "tests/fakes/http_text.h"

namespace azureml::fakes {

ArmRoute route(std::string method, const std::string& pattern, ArmHandler handler) {
  return ArmRoute{std::move(method), Pattern(pattern), handler};
}

namespace {

bool is_subscription_id(const nlohmann::json& resource) {
  const std::string id = to_lower(resource.value("id", ""));
  return id.starts_with("/subscriptions/") && id.find('/', 15) == std::string::npos;
}

void list_subscriptions(ArmContext& context, ArmCall& call) {
  const auto subscriptions = context.store.select(is_subscription_id);
  send_json(call.response, 200,
            {{"value", subscriptions}, {"count", {{"type", "Total"}, {"value", subscriptions.size()}}}});
}

void get_stored(ArmContext& context, ArmCall& call) {
  // Subscriptions and resource groups exist (ArmService checked); answer the stored document.
  send_json(call.response, 200, *context.store.find(call.path));
}

nlohmann::json provider_body(ArmContext& context, const std::string& subscription, const std::string& provider) {
  return {{"id", "/subscriptions/" + subscription + "/providers/" + provider},
          {"namespace", provider},
          {"registrationPolicy", "RegistrationRequired"},
          {"registrationState", context.store.registration(subscription, provider)},
          {"resourceTypes", nlohmann::json::array()}};
}

void get_provider(ArmContext& context, ArmCall& call) {
  send_json(call.response, 200, provider_body(context, call.groups[1], call.groups[2]));
}

void register_provider(ArmContext& context, ArmCall& call) {
  context.store.set_registration(call.groups[1], call.groups[2], "Registered");
  send_json(call.response, 200, provider_body(context, call.groups[1], call.groups[2]));
}

// Locks at a scope (ManagementLocks_ListAtResourceGroupLevel / _ListAtSubscriptionLevel): those
// on the scope itself and on everything below it. With $filter=atScope() (PowerShell's
// Get-AzResourceLock -AtScope: "locks at resource group level or higher"), those on the scope
// and above it instead. Any other filter is refused, as ARM refuses a filter it cannot parse.
void list_locks(ArmContext& context, ArmCall& call) {
  const std::string scope = to_lower(call.groups[1]);
  const auto filter = call.query.find("$filter");
  const bool at_scope = filter != call.query.end() && filter->second == "atScope()";
  if (filter != call.query.end() && !at_scope) {
    send_arm_error(call.response, 400, "InvalidFilter", "The filter '" + filter->second + "' is not supported.");
    return;
  }
  const auto locks = context.store.select([&](const nlohmann::json& resource) {
    const std::string id = to_lower(resource.value("id", ""));
    const auto at = id.find("/providers/microsoft.authorization/locks/");
    if (at == std::string::npos) return false;
    const std::string lock_scope = id.substr(0, at);
    if (at_scope) return lock_scope == scope || scope.starts_with(lock_scope + "/");
    return lock_scope == scope || lock_scope.starts_with(scope + "/");
  });
  send_json(call.response, 200, {{"value", locks}});
}

// Usages and quotas live under ".../locations/{location}/usages|quotas/{name}".
void list_location_items(ArmContext& context, ArmCall& call) {
  send_json(call.response, 200, {{"value", context.store.children(call.path)}});
}

nlohmann::json operation_status(const Operation& operation, const std::string& path) {
  nlohmann::json body = {
      {"id", path}, {"name", operation.id}, {"status", operation.status}, {"startTime", iso8601(operation.started)}};
  if (operation.done()) body["endTime"] = iso8601(operation.ended);
  if (operation.done() && operation.status != "Succeeded") {
    body["error"] = {{"code", operation.outcome.error_code}, {"message", operation.outcome.error_message}};
  }
  return body;
}

// Azure-AsyncOperation: always 200 with the status in the body.
void get_operation_status(ArmContext& context, ArmCall& call) {
  Operation* operation = context.operations.find(call.groups[2]);
  if (operation == nullptr) {
    send_arm_error(call.response, 404, "OperationNotFound", "Operation '" + call.groups[2] + "' was not found.");
    return;
  }
  context.observe(*operation);
  if (!operation->done()) call.response.set_header("Retry-After", std::to_string(context.options.retry_after_seconds));
  send_json(call.response, 200, operation_status(*operation, call.path));
}

// Location: 202 while running; then 204 (delete), 200 with the resource, or the error.
void get_operation_result(ArmContext& context, ArmCall& call) {
  Operation* operation = context.operations.find(call.groups[2]);
  if (operation == nullptr) {
    send_arm_error(call.response, 404, "OperationNotFound", "Operation '" + call.groups[2] + "' was not found.");
    return;
  }
  context.observe(*operation);
  if (!operation->done()) {
    call.response.status = 202;
    call.response.set_header("Location", call.base_url + call.http.target);
    call.response.set_header("Retry-After", std::to_string(context.options.retry_after_seconds));
  } else if (operation->status != "Succeeded") {
    send_arm_error(call.response, 400, operation->outcome.error_code, operation->outcome.error_message);
  } else if (const nlohmann::json* resource = context.store.find(operation->resource_id);
             resource != nullptr && operation->kind != OperationKind::remove) {
    send_json(call.response, 200, *resource);
  } else {
    call.response.status = 204;
  }
}

// The types the fake serves; a collection of another type is an error unless seeded.
bool known_type(const std::string& type) {
  static const std::set<std::string> known = {
      "microsoft.kubernetes/connectedclusters",
      "microsoft.containerservice/managedclusters",
      "microsoft.machinelearningservices/workspaces",
      "microsoft.machinelearningservices/workspaces/computes",
      "microsoft.kubernetesconfiguration/extensions",
      "microsoft.relay/namespaces",
      "microsoft.relay/namespaces/authorizationrules",
      "microsoft.relay/namespaces/hybridconnections",
      "microsoft.relay/namespaces/hybridconnections/authorizationrules",
      "microsoft.servicebus/namespaces",
      "microsoft.servicebus/namespaces/authorizationrules",
      "microsoft.servicebus/namespaces/topics",
      "microsoft.servicebus/namespaces/topics/subscriptions",
      "microsoft.authorization/locks",
  };
  return known.contains(to_lower(type));
}

// After the last "/providers/": "ns/type" (one '/') is a collection, "ns/type/name" a resource.
bool is_collection(const std::string& path) {
  const std::string lower = to_lower(path);
  std::size_t slashes = 0;
  for (std::size_t i = lower.rfind("/providers/") + 11; i < lower.size(); ++i) slashes += lower[i] == '/' ? 1 : 0;
  return slashes % 2 == 1;
}

// Any stored resource or a collection of them. A GET of a resource counts as a poll of the
// operation running on it.
void get_resource_or_collection(ArmContext& context, ArmCall& call) {
  if (!is_collection(call.path)) {
    context.observe_resource(call.path);
    if (const nlohmann::json* resource = context.store.find(call.path)) {
      send_json(call.response, 200, *resource);
    } else {
      context.not_found(call, call.path);
    }
    return;
  }
  // The collection's owner: drop the type segment, and a "providers/<ns>" pair before it.
  std::string owner = call.path.substr(0, call.path.rfind('/'));
  if (to_lower(owner).ends_with("/providers/" + to_lower(parse_resource_id(call.path + "/x").provider))) {
    owner.resize(owner.rfind('/'));
    owner.resize(owner.rfind('/'));
  }
  if (!context.store.contains(owner)) {
    context.not_found(call, owner);
    return;
  }
  auto children = context.store.children(call.path);
  const ResourceIdParts parts = parse_resource_id(call.path + "/x");
  if (children.empty() && !known_type(parts.type)) {
    send_arm_error(call.response, 404, "InvalidResourceType",
                   "The resource type '" + parts.type.substr(parts.provider.size() + 1) +
                       "' could not be found in the namespace '" + parts.provider + "' for api version '" +
                       call.api_version + "'.");
    return;
  }
  send_json(call.response, 200, {{"value", std::move(children)}});
}

// The VM sizes of a region (VirtualMachineSizes_List): a fixed catalog, the same everywhere.
void list_vm_sizes(ArmContext&, ArmCall& call) {
  struct Size {
    const char* name;
    const char* family;
    int vcpus;
    int gpus;
    double memory_gb;
    bool aml_compute = true;  // supportedComputeTypes holds AmlCompute (else ComputeInstance and MIR only)
  };
  static constexpr Size kSizes[] = {
      {"Standard_DS2_v2", "standardDSv2Family", 2, 0, 7},
      {"Standard_DS3_v2", "standardDSv2Family", 4, 0, 14},
      {"Standard_DS4_v2", "standardDSv2Family", 8, 0, 28},
      {"Standard_D3_v2", "standardDv2Family", 4, 0, 14},
      {"Standard_F4s_v2", "standardFSv2Family", 4, 0, 8},
      {"Standard_NC6", "standardNCFamily", 6, 1, 56},
      {"Standard_NC24", "standardNCFamily", 24, 4, 224},
      {"Standard_NC6s_v3", "standardNCSv3Family", 6, 1, 112},
      {"Standard_ND40rs_v2", "standardNDSv2Family", 40, 8, 672},
      {"Standard_E4s_v3", "standardESv3Family", 4, 0, 32, false},  // offered, but not for compute clusters
  };
  nlohmann::json sizes = nlohmann::json::array();
  for (const Size& size : kSizes) {
    sizes.push_back({{"name", size.name},
                     {"family", size.family},
                     {"vCPUs", size.vcpus},
                     {"gpus", size.gpus},
                     {"memoryGB", size.memory_gb},
                     {"lowPriorityCapable", true},
                     {"supportedComputeTypes", size.aml_compute ? nlohmann::json{"AmlCompute", "ComputeInstance"}
                                                                : nlohmann::json{"ComputeInstance", "MIR"}}});
  }
  send_json(call.response, 200, {{"value", std::move(sizes)}});
}

// Resources without their own DELETE semantics go at once: 200, or 204 when absent.
void delete_resource(ArmContext& context, ArmCall& call) {
  if (is_collection(call.path)) {
    send_arm_error(call.response, 405, "MethodNotAllowed", "The collection '" + call.path + "' cannot be deleted.");
    return;
  }
  call.response.status = context.store.erase(call.path) ? 200 : 204;
}

}  // namespace

std::vector<ArmRoute> subscription_routes() {
  const std::string location = kSubscriptionPath + R"(/providers/microsoft\.machinelearningservices/locations/[^/]+)";
  return {
      route("GET", "/subscriptions", list_subscriptions),
      route("GET", kSubscriptionPath, get_stored),
      route("GET", kGroupPath, get_stored),
      route("GET", R"(/subscriptions/([^/]+)/providers/([^/]+))", get_provider),
      route("POST", R"(/subscriptions/([^/]+)/providers/([^/]+)/register)", register_provider),
      route("GET", R"((/subscriptions/[^/]+(?:/resourcegroups/[^/]+)?)/providers/microsoft\.authorization/locks)",
            list_locks),
      route("GET", location + "/(?:usages|quotas)", list_location_items),
      route("GET", location + "/vmsizes", list_vm_sizes),
  };
}

std::vector<ArmRoute> operation_routes() {
  return {
      route("GET", R"((/subscriptions/.+)/operations/([^/]+))", get_operation_status),
      route("GET", R"((/subscriptions/.+)/operationresults/([^/]+))", get_operation_result),
  };
}

std::vector<ArmRoute> generic_routes() {
  return {
      route("GET", R"(/subscriptions/.+/providers/[^/]+/.+)", get_resource_or_collection),
      route("DELETE", R"(/subscriptions/.+/providers/[^/]+/.+)", delete_resource),
  };
}

}  // namespace azureml::fakes
