#include "core/ops/messaging_setup.h"

#include "core/arm/api_versions.h"
#include "core/util/json_shape.h"

namespace azureml::ops {
namespace {

using nlohmann::json;
namespace versions = arm::api_versions;

bool missing(const arm::ArmError& error) { return error.kind == arm::ArmError::Kind::http && error.status == 404; }

// GET: true when it exists, false on 404, the error otherwise.
Result<bool, arm::ArmError> exists(arm::ArmClient& arm, const arm::ResourceId& id, std::string_view api_version) {
  auto got = arm.get(id.str(), api_version);
  if (got) return true;
  if (missing(got.error())) return false;
  return fail(got.error());
}

json namespace_body(const std::string& location, bool service_bus) {
  json body = {{"location", location}, {"tags", {{extension::kCreatedByTag, extension::kCreatedByValue}}}};
  if (service_bus) body["sku"] = {{"name", "Standard"}, {"tier", "Standard"}};
  return body;
}

// listKeys of an authorization rule: its primary connection string.
Result<std::string, arm::ArmError> primary_connection_string(arm::ArmClient& arm, const arm::ResourceId& rule,
                                                             std::string_view api_version) {
  arm::RequestOptions options;
  options.idempotent = true;  // a read, though a POST
  auto keys = arm.post(rule.str() + "/listKeys", api_version, std::nullopt, options);
  if (!keys) return fail(keys.error());
  // The extension cannot work without it: an answer that lacks it is an error, not "".
  const JsonShape answer(keys->json);
  std::string connection = answer.required_text("primaryConnectionString");
  if (answer.error()) return fail(arm::unexpected_shape(*answer.error(), *keys));
  return connection;
}

}  // namespace

Result<std::string, arm::ArmError> ensure_relay(ChangeSet& changes, const extension::RelayNames& relay,
                                                const std::string& location) {
  arm::ArmClient& arm = changes.arm();
  auto connection = exists(arm, relay.hybrid_connection_id, versions::kRelay);
  if (!connection) return fail(connection.error());
  if (*connection) {
    if (changes.dry_run()) return std::string(kPlannedConnectionString);
    auto keys = primary_connection_string(arm, relay.rule_id, versions::kRelay);
    if (keys || !missing(keys.error())) return keys;
  } else {
    auto space = exists(arm, relay.namespace_id, versions::kRelay);
    if (!space) return fail(space.error());
    if (!*space) {
      auto made = changes.put(relay.namespace_id.str(), versions::kRelay, namespace_body(location, false),
                              "create Relay namespace " + relay.namespace_id.name(), nullptr, Wait::until_done, false);
      if (!made) return fail(made.error());
    }
    auto made = changes.put(
        relay.hybrid_connection_id.str(), versions::kRelay, {{"properties", {{"requiresClientAuthorization", true}}}},
        "create Relay hybrid connection " + relay.hybrid_connection_id.name(), nullptr, Wait::no_wait);
    if (!made) return fail(made.error());
  }
  // Here the rule is missing (or its hybrid connection was).
  auto rule =
      changes.put(relay.rule_id.str(), versions::kRelay, {{"properties", {{"rights", {"Manage", "Send", "Listen"}}}}},
                  "create Relay authorization rule " + relay.rule_id.name(), nullptr, Wait::no_wait);
  if (!rule) return fail(rule.error());
  if (changes.dry_run()) return std::string(kPlannedConnectionString);
  return primary_connection_string(arm, relay.rule_id, versions::kRelay);
}

Result<std::string, arm::ArmError> ensure_service_bus(ChangeSet& changes, const extension::ServiceBusNames& bus,
                                                      const std::string& location) {
  arm::ArmClient& arm = changes.arm();
  auto space = exists(arm, bus.namespace_id, versions::kServiceBus);
  if (!space) return fail(space.error());
  if (!*space) {
    auto made =
        changes.put(bus.namespace_id.str(), versions::kServiceBus, namespace_body(location, true),
                    "create Service Bus namespace " + bus.namespace_id.name(), nullptr, Wait::until_done, false);
    if (!made) return fail(made.error());
  }
  for (const auto& [topic_name, subscription_name] : bus.topics) {
    const auto topic = arm::ResourceId::service_bus_topic(bus.namespace_id, topic_name);
    const auto subscription = arm::ResourceId::service_bus_subscription(topic, subscription_name);
    // In a namespace just created nothing exists yet; otherwise look before creating.
    bool topic_exists = false, subscription_exists = false;
    if (*space) {
      auto found = exists(arm, topic, versions::kServiceBus);
      if (!found) return fail(found.error());
      topic_exists = *found;
      if (topic_exists) {
        auto sub = exists(arm, subscription, versions::kServiceBus);
        if (!sub) return fail(sub.error());
        subscription_exists = *sub;
      }
    }
    if (!topic_exists) {
      auto made = changes.put(topic.str(), versions::kServiceBus,
                              {{"properties", {{"maxSizeInMegabytes", 5120}, {"defaultMessageTimeToLive", "P60D"}}}},
                              "create Service Bus topic " + topic_name, nullptr, Wait::no_wait);
      if (!made) return fail(made.error());
    }
    if (!subscription_exists) {
      auto made = changes.put(
          subscription.str(), versions::kServiceBus,
          {{"properties", {{"maxDeliveryCount", 1}, {"defaultMessageTimeToLive", "P14D"}, {"lockDuration", "PT30S"}}}},
          "create Service Bus subscription " + subscription_name, nullptr, Wait::no_wait);
      if (!made) return fail(made.error());
    }
  }
  if (changes.dry_run()) return std::string(kPlannedConnectionString);
  return primary_connection_string(arm, bus.namespace_id.child("authorizationRules", "RootManageSharedAccessKey"),
                                   versions::kServiceBus);
}

// listKeys only: a rule that is gone is an error naming it, never a reason to make another.
Result<std::string, arm::ArmError> read_connection_string(ChangeSet& changes, const arm::ResourceId& rule,
                                                          std::string_view api_version, const std::string& what) {
  if (changes.dry_run()) return std::string(kPlannedConnectionString);
  auto keys = primary_connection_string(changes.arm(), rule, api_version);
  if (keys || !missing(keys.error())) return keys;
  arm::ArmError error = keys.error();
  error.message =
      what + " the extension's settings name was not found (" + rule.str() + "); 'extension install' provides it again";
  return fail(std::move(error));
}

Result<std::string, arm::ArmError> read_relay_connection_string(ChangeSet& changes,
                                                                const extension::RelayNames& relay) {
  return read_connection_string(changes, relay.rule_id, versions::kRelay, "the Relay");
}

Result<std::string, arm::ArmError> read_service_bus_connection_string(ChangeSet& changes,
                                                                      const extension::ServiceBusNames& bus) {
  return read_connection_string(changes, bus.namespace_id.child("authorizationRules", "RootManageSharedAccessKey"),
                                versions::kServiceBus, "the Service Bus");
}

}  // namespace azureml::ops
