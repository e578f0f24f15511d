#include "core/extension/derive_settings.h"

#include "core/extension/known_settings.h"
#include "core/util/text.h"

namespace azureml::extension {
namespace {

using namespace keys;

bool training_enabled(const Settings& settings) {
  auto it = settings.public_settings.find(kEnableTraining);
  return it != settings.public_settings.end() && is_true(&it->second);
}

const std::string* find(const Settings& settings, const std::string& key) {
  if (auto it = settings.public_settings.find(key); it != settings.public_settings.end()) return &it->second;
  if (auto it = settings.protected_settings.find(key); it != settings.protected_settings.end()) return &it->second;
  return nullptr;
}

// Sets a public setting unless the user gave it (publicly or protected).
void derive(Settings& settings, const std::string& key, const std::string& value) {
  if (!find(settings, key)) settings.public_settings[key] = value;
}

// The handler's _dereference: a value copied to the keys the chart reads, unless set.
void copy_to(SettingMap& map, const std::string& from, std::initializer_list<const char*> to) {
  auto it = map.find(from);
  if (it == map.end()) return;
  const std::string value = it->second;
  for (const char* key : to) map.try_emplace(key, value);
}

}  // namespace

bool needs_relay(const Settings& settings, arm::ClusterKind kind) {
  const std::string* enabled = find(settings, kRelayEnabled);
  const bool on = enabled ? !is_false(enabled) : kind == arm::ClusterKind::connected;
  return on && !find(settings, kRelayServerConnectionString);
}

bool needs_service_bus(const Settings& settings) {
  const std::string* enabled = find(settings, kServiceBusEnabled);
  return enabled && !is_false(enabled) && !find(settings, kServiceBusConnectionString);
}

Derivation derive_settings(const UserSettings& user, const Settings& validated, const ClusterFacts& cluster,
                           const std::vector<InstalledAddOn>& installed, const DerivedSecrets& secrets) {
  Derivation out{validated, {}, {}};
  Settings& s = out.settings;
  const std::string id = cluster.id.str();
  const auto kind = cluster.id.cluster_kind().value_or(arm::ClusterKind::connected);
  const bool relay = needs_relay(validated, kind);
  const bool bus = needs_service_bus(validated);

  derive(s, kClusterName, id);
  derive(s, kDomain, cluster.location + ".cloudapp.azure.com");
  derive(s, kLocation, cluster.location);
  derive(s, kJobSchedulerLocation, cluster.location);
  derive(s, kClusterNameFriendly, cluster.id.name());
  if (cluster.node_count && *cluster.node_count < 3) {
    std::vector<std::string> derived;
    if (!find(s, kClusterPurpose)) derived.push_back(std::string(kClusterPurpose) + "=DevTest");
    if (!find(s, kInferenceRouterHA)) derived.push_back(std::string(kInferenceRouterHA) + "=false");
    derive(s, kClusterPurpose, "DevTest");
    derive(s, kInferenceRouterHA, "false");
    if (!derived.empty()) {
      out.notes.push_back((derived.size() == 2 ? derived[0] + " and " + derived[1] : derived[0]) +
                          ": the cluster has " + std::to_string(*cluster.node_count) +
                          (*cluster.node_count == 1 ? " node" : " nodes") +
                          ", fewer than the 3 a highly available inference router needs");
    }
  }
  if (cluster.openshift) derive(s, kOpenShift, "true");
  derive(s, kServiceBusEnabled, "false");
  derive(s, kRelayEnabled, kind == arm::ClusterKind::connected ? "true" : "false");
  derive(s, kNginxIngressEnabled, kind == arm::ClusterKind::connected ? "false" : "true");
  if (relay) {
    const RelayNames names = relay_names(cluster.id);
    s.public_settings[kHybridConnectionResourceId] = names.hybrid_connection_id.str();
    s.public_settings[kHybridConnectionName] = names.hybrid_connection_id.name();
    s.protected_settings[kRelayServerConnectionString] = secrets.relay_connection_string;
  }
  if (bus) {
    const ServiceBusNames names = service_bus_names(cluster.id);
    s.public_settings[kServiceBusResourceId] = names.namespace_id.str();
    for (const auto& [topic, subscription] : names.topics)
      s.public_settings[std::string(kTopicSubMapping) + "." + topic] = subscription;
    s.protected_settings[kServiceBusConnectionString] = secrets.service_bus_connection_string;
  }
  for (SettingMap* map : {&s.public_settings, &s.protected_settings}) {
    copy_to(*map, kClusterName, {kClusterId, kPrometheusClusterName});
    copy_to(*map, kRelayServerConnectionString, {kRelayConnectionString});
    copy_to(*map, kServiceBusConnectionString, {kServiceBusConnectionStringChart});
  }

  const bool training = training_enabled(s);
  for (const auto& add_on : installed) {
    const bool blobfuse = add_on.setting != kInstallNvidiaDevicePlugin;
    const std::string* given = find(s, add_on.setting);
    if (is_true(given)) {
      out.problems.push_back({Severity::error, user.where(add_on.setting), add_on.setting,
                              "is true, but " + add_on.what + " is already installed on the cluster (" + add_on.where +
                                  "): the extension's install would fail installing a second one",
                              "drop the setting (then False is sent) or pass " + add_on.setting + "=false"});
    } else if (!given && (!blobfuse || training)) {
      s.public_settings[add_on.setting] = "False";
      out.notes.push_back(add_on.setting + "=False: " + add_on.what + " is already installed on the cluster (" +
                          add_on.where + ")");
    }
  }
  return out;
}

SettingMap chart_defaults(const Settings& settings) {
  SettingMap defaults;
  const auto unset = [&](const char* key) { return !find(settings, key); };
  if (unset(kInstallNvidiaDevicePlugin)) defaults[kInstallNvidiaDevicePlugin] = "True";
  if (training_enabled(settings)) {
    if (unset(kInstallBlobfuseSysctl)) defaults[kInstallBlobfuseSysctl] = "True";
    if (unset(kInstallBlobfuseFlexvol)) defaults[kInstallBlobfuseFlexvol] = "True";
    if (unset(kVolumePluginDir)) defaults[kVolumePluginDir] = "/etc/kubernetes/volumeplugins";
  }
  if (unset(kLogAnalyticsWS)) defaults[kLogAnalyticsWS] = "False";
  return defaults;
}

}  // namespace azureml::extension
