#pragma once
// What a PATCH of an installed extension does with its protected settings.
//
// configurationProtectedSettings is x-ms-secret: Azure keeps the map when a PATCH leaves it out
// and replaces it whole when a PATCH carries it (the Azure CLI's handler: "provide all original
// configurationProtectedSettings, otherwise those settings would be considered obsolete and
// deleted"). A GET names the keys with empty values (azure-service-operator notes it), or, as
// the spec's example shows, leaves the map out. So:
//   - the map is sent only when the user gives protected settings or drops one, or a connection
//     string must really change (a Relay or Service Bus switched on);
//   - when it is sent, it holds every key the extension has: the connection strings of the
//     Relay and Service Bus this tool made (or the Azure CLI did: the same names) are read
//     again through listKeys; every other key the user gives again or drops by name;
//   - a Relay or Service Bus the user brought (the public settings name no resource of ours)
//     is never replaced: its connection string is theirs to give again.
#include <optional>
#include <string>
#include <vector>

#include "core/arm/resource_id.h"
#include "core/extension/settings.h"

namespace azureml::ops {

// Where the installed extension's connection string for a Relay or Service Bus comes from.
enum class ConnectionSource {
  none,    // switched off (or never set)
  ours,    // the resource the handler's names give: listKeys reads the string again
  theirs,  // switched on with no resource of ours named: a string the user brought
};

struct InstalledConnections {
  ConnectionSource relay = ConnectionSource::none;
  ConnectionSource service_bus = ConnectionSource::none;
};

// From the installed public settings: relayserver.enabled with relayserver.hybridConnectionResourceID,
// servicebus.enabled with servicebus.resourceID (ids compared case-insensitively).
InstalledConnections installed_connections(const extension::SettingMap& installed_public,
                                           const arm::ResourceId& cluster);

// Stands in for a connection string the extension keeps, while settings are derived: it is
// never sent (a kept string is read again, given again, or the map is not sent at all).
inline constexpr const char* kKeptConnectionString = "<kept: the installed extension's connection string>";

// The protected keys a kept connection string is stored under (the handler's key and the
// chart's copy).
std::vector<std::string> relay_string_keys();
std::vector<std::string> service_bus_string_keys();

struct ProtectedPlanInput {
  // The protected settings the PATCH would carry: what the user gave (validated), derived
  // strings, and kKeptConnectionString where the installed one is kept.
  const extension::SettingMap& desired;
  // The keys the GET named; nullopt when the answer had no configurationProtectedSettings.
  const std::optional<std::vector<std::string>>& installed_names;
  InstalledConnections connections;
  bool user_gave_protected = false;    // --config-protected, or a settings file's protected map
  bool new_connection_string = false;  // a Relay or Service Bus is newly switched on
  std::vector<std::string> drop;       // --drop-protected KEY
};

struct ProtectedPlan {
  bool send = false;                      // the PATCH carries configurationProtectedSettings
  bool read_relay = false;                // fill the Relay's string keys through listKeys
  bool read_service_bus = false;          // fill the Service Bus's string keys through listKeys
  std::vector<std::string> keys_to_drop;  // removed from desired before sending
  // Problems that refuse the change (exit 2, nothing sent), one sentence each.
  std::vector<std::string> problems;
  std::vector<std::string> notes;
};

ProtectedPlan plan_protected_settings(const ProtectedPlanInput& input);

// A reinstall (a PUT over a Failed or Canceled extension) sends the protected settings whole as
// well: the problems (exit 2, nothing sent) when a key the failed extension has is neither in
// `sent` (what the user gives and what is derived, the Relay's strings among them) nor dropped
// with --drop-protected. None when the answer did not name the keys: then nothing can be checked.
std::vector<std::string> reinstall_protected_problems(const extension::SettingMap& sent,
                                                      const std::optional<std::vector<std::string>>& installed_names,
                                                      const std::vector<std::string>& drop);

}  // namespace azureml::ops
