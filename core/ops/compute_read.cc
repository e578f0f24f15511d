#include "core/ops/compute_read.h"

#include "core/arm/api_versions.h"

namespace azureml::ops {
namespace {

// code and message of an ErrorDetail (provisioningErrors[].error, AmlCompute's errors[]).
void read_error_detail(const JsonShape& detail) {
  detail.string("code");
  detail.string("message");
}

void read_identity(const JsonShape& identity) {
  for (const char* key : {"type", "principalId", "tenantId"}) identity.string(key);
  const JsonShape users = identity.object("userAssignedIdentities");
  if (!users.given()) return;
  for (auto it = users.json().begin(); it != users.json().end(); ++it) {
    const JsonShape one = users.object(it.key());
    one.string("principalId");
    one.string("clientId");
  }
}

// properties.properties: AmlCompute's and Kubernetes' own fields (their names do not collide).
void read_own_properties(const JsonShape& own) {
  for (const char* key : {"vmSize", "vmPriority", "allocationState", "namespace", "defaultInstanceType",
                          "extensionInstanceReleaseTrain", "relayConnectionString"})
    own.string(key);
  const JsonShape scale = own.object("scaleSettings");
  scale.integer("minNodeCount");
  scale.integer("maxNodeCount");
  scale.string("nodeIdleTimeBeforeScaleDown");
  own.object("subnet").string("id");
  own.integer("currentNodeCount");
  own.integer("targetNodeCount");
  own.object("nodeStateCounts");
  own.object("instanceTypes");
  for (const auto& error : own.objects("errors")) read_error_detail(error);
}

}  // namespace

std::optional<ShapeError> compute_shape_error(const nlohmann::json& compute) {
  const JsonShape shape(compute);
  for (const char* key : {"name", "id", "location"}) shape.string(key);
  shape.object("tags");
  read_identity(shape.object("identity"));
  const JsonShape properties = shape.required_object("properties");
  for (const char* key : {"computeType", "provisioningState", "description", "resourceId", "computeLocation"})
    properties.string(key);
  properties.boolean("disableLocalAuth");
  for (const auto& item : properties.objects("provisioningErrors")) read_error_detail(item.object("error"));
  read_own_properties(properties.object("properties"));
  return shape.error();
}

Result<arm::ArmResponse, arm::ArmError> get_compute(arm::ArmClient& arm, const arm::ResourceId& id) {
  auto got = arm.get(id.str(), arm::api_versions::kMachineLearning);
  if (!got) return got;
  if (auto shape = compute_shape_error(got->json)) return fail(arm::unexpected_shape(*shape, *got));
  return got;
}

std::optional<arm::ArmError> compute_answer_problem(const nlohmann::json& compute, const char* method,
                                                    const arm::ResourceId& id) {
  // A 201 or 202 without a body (--no-wait) leaves nothing to read.
  if (compute.is_null()) return std::nullopt;
  if (auto shape = compute_shape_error(compute)) return arm::unexpected_shape(*shape, method, id.str(), {});
  return std::nullopt;
}

}  // namespace azureml::ops
