#include "core/ops/protected_settings.h"

#include <algorithm>

#include "core/extension/azure_names.h"
#include "core/extension/known_settings.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

using extension::SettingMap;
namespace keys = extension::keys;

const std::string* find(const SettingMap& map, const char* key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

ConnectionSource source(const SettingMap& installed, const char* enabled_key, const char* id_key,
                        const arm::ResourceId& ours) {
  if (!extension::is_true(find(installed, enabled_key))) return ConnectionSource::none;
  const std::string* id = find(installed, id_key);
  return id && equals_ci(*id, ours.str()) ? ConnectionSource::ours : ConnectionSource::theirs;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool kept(const SettingMap& desired, const std::vector<std::string>& string_keys) {
  return std::any_of(string_keys.begin(), string_keys.end(), [&](const std::string& key) {
    auto it = desired.find(key);
    return it != desired.end() && it->second == kKeptConnectionString;
  });
}

std::string names(const std::vector<std::string>& list) { return quoted_list(list, " and "); }

// `key` goes out with `desired`: itself, or the chart's copy of a connection string that comes
// with the string.
bool sent_with(const SettingMap& desired, const std::string& key) {
  if (desired.contains(key)) return true;
  if (key == keys::kRelayConnectionString) return desired.contains(keys::kRelayServerConnectionString);
  return key == keys::kServiceBusConnectionStringChart && desired.contains(keys::kServiceBusConnectionString);
}

// What is wrong with each --drop-protected KEY: it drops a key this command also gives (a kept
// connection string is not given), or one the extension does not have (when its keys are known).
std::vector<std::string> drop_problems(const std::vector<std::string>& drop, const SettingMap& desired,
                                       const std::optional<std::vector<std::string>>& installed_names) {
  std::vector<std::string> problems;
  for (const auto& key : drop) {
    auto given = desired.find(key);
    if (given != desired.end() && given->second != kKeptConnectionString) {
      problems.push_back("--drop-protected " + key +
                         " drops a protected setting this command also gives; "
                         "give it or drop it, not both");
    } else if (installed_names && !contains(*installed_names, key)) {
      problems.push_back(
          "--drop-protected " + key + ": the extension has no protected setting " + key +
          (installed_names->empty() ? std::string(" (it has none)") : "; it has " + names(*installed_names)));
    }
  }
  return problems;
}

// "pass it again ... or remove it on purpose": the one fix for a protected key a change would lose.
std::string lost_keys_fix(std::size_t count) {
  return "; pass " + std::string(count == 1 ? "it" : "them") +
         " again with --config-protected KEY=VALUE, or remove one on purpose with --drop-protected KEY";
}

}  // namespace

InstalledConnections installed_connections(const SettingMap& installed_public, const arm::ResourceId& cluster) {
  return {source(installed_public, keys::kRelayEnabled, keys::kHybridConnectionResourceId,
                 extension::relay_names(cluster).hybrid_connection_id),
          source(installed_public, keys::kServiceBusEnabled, keys::kServiceBusResourceId,
                 extension::service_bus_names(cluster).namespace_id)};
}

std::vector<std::string> relay_string_keys() {
  return {keys::kRelayServerConnectionString, keys::kRelayConnectionString};
}

std::vector<std::string> service_bus_string_keys() {
  return {keys::kServiceBusConnectionString, keys::kServiceBusConnectionStringChart};
}

ProtectedPlan plan_protected_settings(const ProtectedPlanInput& in) {
  ProtectedPlan plan;
  plan.problems = drop_problems(in.drop, in.desired, in.installed_names);
  for (const auto& key : in.drop)
    if (!contains(plan.keys_to_drop, key)) plan.keys_to_drop.push_back(key);
  plan.send = in.user_gave_protected || !in.drop.empty() || in.new_connection_string;
  if (!plan.send) return plan;

  const auto dropped = [&](const std::string& key) { return contains(plan.keys_to_drop, key); };
  std::vector<std::string> missing;
  // A kept connection string: ours is read again, one the user brought must be given again.
  const auto keep = [&](ConnectionSource from, const std::vector<std::string>& string_keys, bool& read) {
    if (!kept(in.desired, string_keys) || dropped(string_keys.front())) return;
    if (from == ConnectionSource::ours)
      read = true;
    else
      missing.push_back(string_keys.front());
  };
  keep(in.connections.relay, relay_string_keys(), plan.read_relay);
  keep(in.connections.service_bus, service_bus_string_keys(), plan.read_service_bus);

  if (in.installed_names) {
    for (const auto& key : *in.installed_names) {
      if (!sent_with(in.desired, key) && !dropped(key) && !contains(missing, key)) missing.push_back(key);
    }
  } else {
    std::vector<std::string> sent;
    for (const auto& [key, value] : in.desired)
      if (!dropped(key)) sent.push_back(key);
    if (in.user_gave_protected) {
      plan.notes.push_back(
          "the installed extension's protected settings cannot be checked: Azure's answer does not "
          "name them; this change replaces them whole with " +
          (sent.empty() ? std::string("none") : names(sent)));
    } else {
      plan.problems.push_back(
          "the installed extension's protected settings cannot be checked (Azure's answer does not name them), and "
          "this change must send them whole: pass again every protected setting to keep with --config-protected "
          "KEY=VALUE");
    }
  }
  if (!missing.empty()) {
    const std::string why = in.user_gave_protected ? "it gives protected settings"
                            : in.drop.empty()      ? "a connection string changes"
                                                   : "it drops one";
    plan.problems.push_back(
        "the installed extension's protected " + std::string(missing.size() == 1 ? "setting " : "settings ") +
        names(missing) + " would be lost" +
        ": Azure replaces the protected settings whole when a change carries them, and this one does (" + why + ")" +
        lost_keys_fix(missing.size()));
  }
  return plan;
}

std::vector<std::string> reinstall_protected_problems(const SettingMap& sent,
                                                      const std::optional<std::vector<std::string>>& installed_names,
                                                      const std::vector<std::string>& drop) {
  std::vector<std::string> problems = drop_problems(drop, sent, installed_names), missing;
  if (installed_names)
    for (const auto& key : *installed_names)
      if (!sent_with(sent, key) && !contains(drop, key)) missing.push_back(key);
  if (!missing.empty()) {
    problems.push_back("the failed extension's protected " +
                       std::string(missing.size() == 1 ? "setting " : "settings ") + names(missing) +
                       " would be lost: installing it again sends its settings whole" + lost_keys_fix(missing.size()));
  }
  return problems;
}

}  // namespace azureml::ops
