// Microsoft.Relay (namespaces: long-running PUT; hybridConnections and authorizationRules:
// PUT answered 200 only, as az accepts nothing else; listKeys) and Microsoft.ServiceBus
// (namespaces long-running; topics, subscriptions, authorizationRules, listKeys).
#include <httplib.h>

#include "tests/fakes/arm_routes.h"
#include "tests/fakes/http_reply.h"
#include "tests/fakes/http_text.h"

namespace azureml::fakes {
namespace {

const std::string kRelayNamespace = kGroupPath + R"(/providers/microsoft\.relay/namespaces/[^/]+)";
const std::string kHybridConnection = kRelayNamespace + R"(/hybridconnections/[^/]+)";
const std::string kBusNamespace = kGroupPath + R"(/providers/microsoft\.servicebus/namespaces/[^/]+)";
const std::string kTopic = kBusNamespace + R"(/topics/[^/]+)";
const std::string kRule =
    R"((?:)" + kRelayNamespace + "|" + kHybridConnection + "|" + kBusNamespace + R"()/authorizationrules/[^/]+)";

// "<namespace>.servicebus.windows.net" for any id under a Relay or Service Bus namespace.
std::string endpoint_host(const std::string& id) {
  const std::string lower = to_lower(id);
  const auto start = lower.find("/namespaces/") + 12;
  return lower.substr(start, lower.find('/', start) - start) + ".servicebus.windows.net";
}

// Namespaces: 201 (new) or 200 with a running operation, as the real PUT answers.
void put_namespace(ArmContext& context, ArmCall& call) {
  auto body = context.json_body(call);
  if (!body) return;
  if (!body->contains("location") || !(*body)["location"].is_string()) {
    send_arm_error(call.response, 400, "LocationRequired", "The location property is required for this definition.");
    return;
  }
  const nlohmann::json* existing = context.store.find(call.path);
  const bool bus = to_lower(call.path).find("/microsoft.servicebus/") != std::string::npos;
  nlohmann::json resource = ArmContext::envelope(call.path);
  resource["location"] = (*body)["location"];
  resource["tags"] = body->value("tags", nlohmann::json::object());
  resource["sku"] = body->value("sku", nlohmann::json{{"name", "Standard"}, {"tier", "Standard"}});
  nlohmann::json properties = body->value("properties", nlohmann::json::object());
  const std::string now = context.now_text();
  properties["provisioningState"] = existing ? "Updating" : "Creating";
  properties["status"] = "Active";
  properties["createdAt"] = ArmContext::nested_string(existing, "properties", "createdAt", now);
  properties["updatedAt"] = now;
  properties["serviceBusEndpoint"] = "https://" + endpoint_host(call.path) + ":443/";
  properties["metricId"] =
      parse_resource_id(call.path).subscription + ":" + to_lower(parse_resource_id(call.path).name);
  resource["properties"] = std::move(properties);
  const int status = existing ? 200 : 201;
  context.store.put(std::move(resource));
  if (bus && !existing) {  // every Service Bus namespace comes with this rule
    nlohmann::json rule = ArmContext::envelope(call.path + "/authorizationRules/RootManageSharedAccessKey");
    rule["properties"] = {{"rights", {"Listen", "Manage", "Send"}}};
    context.store.put(std::move(rule));
  }
  context.start_operation(call, call.path, existing ? OperationKind::update : OperationKind::create, false);
  send_json(call.response, status, *context.store.find(call.path));
}

// Child resources created synchronously: the body's properties plus `defaults`, answered 200.
void put_child(ArmContext& context, ArmCall& call, nlohmann::json defaults) {
  if (!context.require_parent(call, call.path)) return;
  auto body = context.json_body(call);
  if (!body) return;
  const nlohmann::json* existing = context.store.find(call.path);
  const std::string now = context.now_text();
  nlohmann::json properties = std::move(defaults);
  properties.merge_patch(body->value("properties", nlohmann::json::object()));
  properties["createdAt"] = ArmContext::nested_string(existing, "properties", "createdAt", now);
  properties["updatedAt"] = now;
  nlohmann::json resource = ArmContext::envelope(call.path);
  const nlohmann::json* parent = context.store.find(parse_resource_id(call.path).parent);
  if (parent != nullptr && parent->contains("location")) resource["location"] = (*parent)["location"];
  resource["properties"] = std::move(properties);
  send_json(call.response, 200, context.store.put(std::move(resource)));
}

void put_hybrid_connection(ArmContext& context, ArmCall& call) {
  put_child(context, call, {{"requiresClientAuthorization", true}, {"listenerCount", 0}});
}

void put_topic(ArmContext& context, ArmCall& call) {
  put_child(
      context, call,
      {{"maxSizeInMegabytes", 1024}, {"defaultMessageTimeToLive", "P10675199DT2H48M5.4775807S"}, {"status", "Active"}});
}

void put_subscription(ArmContext& context, ArmCall& call) {
  put_child(context, call, {{"maxDeliveryCount", 10}, {"lockDuration", "PT1M"}, {"status", "Active"}});
}

void put_rule(ArmContext& context, ArmCall& call) {
  if (!context.require_parent(call, call.path)) return;
  auto body = context.json_body(call);
  if (!body) return;
  const nlohmann::json rights = body->value("properties", nlohmann::json::object()).value("rights", nlohmann::json());
  bool valid = rights.is_array() && !rights.empty();
  for (const auto& right : rights) {
    valid = valid && right.is_string() && (right == "Manage" || right == "Send" || right == "Listen");
  }
  if (!valid) {
    context.bad_request(call, "properties.rights must be a non-empty array of Manage, Send and Listen.");
    return;
  }
  nlohmann::json resource = ArmContext::envelope(call.path);
  resource["properties"] = {{"rights", rights}};
  send_json(call.response, 200, context.store.put(std::move(resource)));
}

void list_keys(ArmContext& context, ArmCall& call) {
  const std::string rule_id = call.path.substr(0, call.path.rfind('/'));
  if (!context.store.contains(rule_id)) {
    context.not_found(call, rule_id);
    return;
  }
  const SharedAccessKeys& keys = context.store.keys(rule_id, [&] { return context.ids.base64_key(32); });
  const ResourceIdParts rule = parse_resource_id(rule_id);
  const ResourceIdParts owner = parse_resource_id(rule.parent);
  const bool entity = to_lower(owner.type) == "microsoft.relay/namespaces/hybridconnections";
  const auto connection_string = [&](const std::string& key) {
    return "Endpoint=sb://" + endpoint_host(rule_id) + "/;SharedAccessKeyName=" + rule.name +
           ";SharedAccessKey=" + key + (entity ? ";EntityPath=" + owner.name : "");
  };
  send_json(call.response, 200,
            {{"primaryConnectionString", connection_string(keys.primary)},
             {"secondaryConnectionString", connection_string(keys.secondary)},
             {"primaryKey", keys.primary},
             {"secondaryKey", keys.secondary},
             {"keyName", rule.name}});
}

}  // namespace

std::vector<ArmRoute> messaging_routes() {
  return {
      route("PUT", kRelayNamespace, put_namespace),
      route("PUT", kBusNamespace, put_namespace),
      route("PUT", kHybridConnection, put_hybrid_connection),
      route("PUT", kTopic, put_topic),
      route("PUT", kTopic + R"(/subscriptions/[^/]+)", put_subscription),
      route("PUT", kRule, put_rule),
      route("POST", kRule + "/listkeys", list_keys),
  };
}

}  // namespace azureml::fakes
