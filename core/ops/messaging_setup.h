#pragma once
// The Azure resources the extension talks through, provided as the Azure CLI's handler does
// (extension/azure_names.h): a Relay hybrid connection with the rule azureml_rw (Arc), and a
// Service Bus with its topics and subscriptions (when servicebus.enabled). Each is read first
// and created only when missing; the answer is the connection string the extension needs.
// In a dry run nothing is created and no key is read: the string is a placeholder (it is
// redacted in the plan anyway).
#include <string>

#include "core/extension/azure_names.h"
#include "core/ops/change_set.h"

namespace azureml::ops {

inline constexpr const char* kPlannedConnectionString = "<primaryConnectionString from listKeys>";

// 2 requests when all exist (GET hybrid connection, listKeys); on a fresh cluster GET hybrid
// connection, GET namespace, PUT namespace (+ polls), PUT hybrid connection, PUT rule, listKeys.
Result<std::string, arm::ArmError> ensure_relay(ChangeSet& changes, const extension::RelayNames& relay,
                                                const std::string& location);

Result<std::string, arm::ArmError> ensure_service_bus(ChangeSet& changes, const extension::ServiceBusNames& bus,
                                                      const std::string& location);

// The connection string of a Relay or Service Bus that exists, for an extension that already
// uses it: listKeys alone (the handler's get_key_only). Nothing is created; a missing one is an
// error. In a dry run, the placeholder without a request.
Result<std::string, arm::ArmError> read_relay_connection_string(ChangeSet& changes, const extension::RelayNames& relay);
Result<std::string, arm::ArmError> read_service_bus_connection_string(ChangeSet& changes,
                                                                      const extension::ServiceBusNames& bus);

}  // namespace azureml::ops
