// Microsoft.MachineLearningServices/workspaces/{ws}/computes/{name}: PUT (Kubernetes attach,
// AmlCompute create), PATCH (Compute_Update: an AmlCompute's scale settings) and DELETE, all
// long-running. GET and list are the generic routes.
#include <httplib.h>

#include "tests/fakes/arm_routes.h"
#include "tests/fakes/http_reply.h"
#include "tests/fakes/http_text.h"
#include "tests/fakes/normalized_answers.h"

namespace azureml::fakes {
namespace {

const std::string kComputePath =
    kGroupPath + R"(/providers/microsoft\.machinelearningservices/workspaces/[^/]+/computes/[^/]+)";

bool is_cluster(const nlohmann::json* resource) {
  if (resource == nullptr) return false;
  const std::string type = to_lower(resource->value("type", ""));
  return type == "microsoft.kubernetes/connectedclusters" || type == "microsoft.containerservice/managedclusters";
}

// Checks and completes AmlCompute's properties.properties; false after answering 400.
bool complete_aml_compute(ArmContext& context, ArmCall& call, nlohmann::json& inner) {
  if (!inner.is_object()) inner = nlohmann::json::object();
  const nlohmann::json scale = inner.value("scaleSettings", nlohmann::json::object());
  if (!scale.contains("maxNodeCount") || !scale["maxNodeCount"].is_number_integer() || scale["maxNodeCount"] < 0) {
    context.bad_request(call,
                        "AmlCompute requires properties.properties.scaleSettings.maxNodeCount (an integer >= 0).");
    return false;
  }
  const long long min_nodes = scale.value("minNodeCount", 0LL);
  if (min_nodes < 0 || min_nodes > scale["maxNodeCount"].get<long long>()) {
    context.bad_request(call, "scaleSettings.minNodeCount must be between 0 and maxNodeCount.");
    return false;
  }
  const std::string priority = inner.value("vmPriority", "Dedicated");
  if (priority != "Dedicated" && priority != "LowPriority") {
    context.bad_request(call, "vmPriority must be Dedicated or LowPriority, not '" + priority + "'.");
    return false;
  }
  if (!inner.contains("vmSize")) inner["vmSize"] = "STANDARD_DS3_V2";
  inner["vmPriority"] = priority;
  if (!inner.contains("osType")) inner["osType"] = "Linux";
  inner["scaleSettings"]["minNodeCount"] = min_nodes;
  if (!inner["scaleSettings"].contains("nodeIdleTimeBeforeScaleDown")) {
    inner["scaleSettings"]["nodeIdleTimeBeforeScaleDown"] = "PT120S";
  }
  inner["allocationState"] = "Steady";
  inner["allocationStateTransitionTime"] = context.now_text();
  inner["currentNodeCount"] = 0;
  inner["targetNodeCount"] = min_nodes;
  inner["nodeStateCounts"] = {{"idleNodeCount", 0},     {"runningNodeCount", 0}, {"preparingNodeCount", 0},
                              {"unusableNodeCount", 0}, {"leavingNodeCount", 0}, {"preemptedNodeCount", 0}};
  inner["errors"] = nullptr;
  return true;
}

void put_compute(ArmContext& context, ArmCall& call) {
  if (!context.require_parent(call, call.path)) return;
  auto body = context.json_body(call);
  if (!body) return;
  if (!body->contains("properties") || !(*body)["properties"].is_object()) {
    context.bad_request(call, "The compute has no 'properties' object.");
    return;
  }
  nlohmann::json properties = (*body)["properties"];
  const std::string compute_type = properties.value("computeType", "");
  if (compute_type.empty()) {
    context.bad_request(call, "properties.computeType is required (for example Kubernetes or AmlCompute).");
    return;
  }
  const nlohmann::json* existing = context.store.find(call.path);
  const std::string existing_type = ArmContext::nested_string(existing, "properties", "computeType", compute_type);
  if (existing_type != compute_type) {
    send_arm_error(
        call.response, 409, "Conflict",
        "Compute '" + parse_resource_id(call.path).name + "' already exists with computeType '" + existing_type + "'.");
    return;
  }
  const nlohmann::json& workspace = *context.store.find(parse_resource_id(call.path).parent);
  const std::string location = body->value("location", workspace.value("location", ""));
  nlohmann::json& inner = properties["properties"];
  if (compute_type == "Kubernetes") {
    const std::string cluster_id = properties.value("resourceId", "");
    if (!is_cluster(context.store.find(cluster_id))) {
      context.bad_request(call,
                          "properties.resourceId must name an existing connectedClusters or managedClusters "
                          "resource; '" +
                              cluster_id + "' was not found.");
      return;
    }
    if (!inner.is_object()) inner = nlohmann::json::object();
    for (const char* read_back :
         {"relayConnectionString", "serviceBusConnectionString", "extensionPrincipalId", "vcName"}) {
      inner[read_back] = nullptr;  // filled by the RP; secrets never read back
    }
    // A string (KubernetesProperties.extensionInstanceReleaseTrain is not x-nullable): the
    // spec's example Compute/get/KubernetesCompute.json (2025-06-01) answers "stable".
    inner["extensionInstanceReleaseTrain"] = "stable";
  } else if (compute_type == "AmlCompute") {
    if (!complete_aml_compute(context, call, inner)) return;
  }
  if (context.options.normalize_answers) normalize_compute(compute_type, inner);
  const std::string now = context.now_text();
  properties["computeLocation"] = properties.value("computeLocation", location);
  properties["provisioningState"] = existing ? "Updating" : "Creating";
  properties["provisioningErrors"] = nullptr;
  properties["createdOn"] = ArmContext::nested_string(existing, "properties", "createdOn", now);
  properties["modifiedOn"] = now;
  properties["isAttachedCompute"] = properties.contains("resourceId") && compute_type != "AmlCompute";
  nlohmann::json resource = ArmContext::envelope(call.path);
  resource["location"] = location;
  resource["tags"] = body->value("tags", nlohmann::json::object());
  if (body->contains("sku")) resource["sku"] = (*body)["sku"];
  if (body->contains("identity")) resource["identity"] = context.identity_for((*body)["identity"]);
  resource["properties"] = std::move(properties);
  const int status = existing ? 200 : 201;
  context.store.put(std::move(resource));
  context.start_operation(call, call.path, existing ? OperationKind::update : OperationKind::create, false);
  send_json(call.response, status, *context.store.find(call.path));
}

// Compute_Update: the body is ClusterUpdateParameters, {"properties":{"properties":{"scaleSettings":
// {...}}}}; only an AmlCompute's scale settings change this way (maxNodeCount is required).
void patch_compute(ArmContext& context, ArmCall& call) {
  auto body = context.json_body(call);
  if (!body) return;
  nlohmann::json* resource = context.store.find(call.path);
  if (resource == nullptr) {
    send_arm_error(call.response, 404, "ResourceNotFound",
                   "The compute '" + parse_resource_id(call.path).name + "' was not found.");
    return;
  }
  if (ArmContext::nested_string(resource, "properties", "computeType", "") != "AmlCompute") {
    context.bad_request(call, "Only an AmlCompute's scale settings can be updated.");
    return;
  }
  const nlohmann::json* scale = nullptr;
  if (body->is_object() && body->contains("properties") && (*body)["properties"].is_object()) {
    const nlohmann::json& outer = (*body)["properties"];
    if (outer.contains("properties") && outer["properties"].is_object() &&
        outer["properties"].contains("scaleSettings"))
      scale = &outer["properties"]["scaleSettings"];
  }
  if (scale == nullptr || !scale->is_object() || !scale->contains("maxNodeCount") ||
      !(*scale)["maxNodeCount"].is_number_integer() || (*scale)["maxNodeCount"] < 0) {
    context.bad_request(call,
                        "ClusterUpdateParameters needs properties.properties.scaleSettings.maxNodeCount (an "
                        "integer >= 0).");
    return;
  }
  nlohmann::json& inner = (*resource)["properties"]["properties"];
  const long long min_nodes = scale->value("minNodeCount", 0LL);
  if (min_nodes < 0 || min_nodes > (*scale)["maxNodeCount"].get<long long>()) {
    context.bad_request(call, "scaleSettings.minNodeCount must be between 0 and maxNodeCount.");
    return;
  }
  inner["scaleSettings"] = *scale;
  inner["scaleSettings"]["minNodeCount"] = min_nodes;
  if (!inner["scaleSettings"].contains("nodeIdleTimeBeforeScaleDown"))
    inner["scaleSettings"]["nodeIdleTimeBeforeScaleDown"] = "PT120S";
  inner["targetNodeCount"] = min_nodes;
  if (context.options.normalize_answers) normalize_compute("AmlCompute", inner);
  (*resource)["properties"]["provisioningState"] = "Updating";
  (*resource)["properties"]["modifiedOn"] = context.now_text();
  context.start_operation(call, call.path, OperationKind::update, false);
  send_json(call.response, 200, *resource);
}

void delete_compute(ArmContext& context, ArmCall& call) {
  const auto action = call.query.find("underlyingResourceAction");
  if (action == call.query.end()) {
    context.bad_request(call, "The query parameter 'underlyingResourceAction' is required: Delete or Detach.");
    return;
  }
  if (action->second != "Delete" && action->second != "Detach") {
    context.bad_request(call, "underlyingResourceAction must be Delete or Detach, not '" + action->second + "'.");
    return;
  }
  nlohmann::json* resource = context.store.find(call.path);
  if (resource == nullptr) {
    call.response.status = 204;
    return;
  }
  (*resource)["properties"]["provisioningState"] = "Deleting";
  context.start_operation(call, call.path, OperationKind::remove, true);
  call.response.status = 202;
}

}  // namespace

std::vector<ArmRoute> compute_routes() {
  return {route("PUT", kComputePath, put_compute), route("PATCH", kComputePath, patch_compute),
          route("DELETE", kComputePath, delete_compute)};
}

}  // namespace azureml::fakes
