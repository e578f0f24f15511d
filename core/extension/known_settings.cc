#include "core/extension/known_settings.h"

#include <algorithm>

#include "core/util/text.h"

namespace azureml::extension::keys {

const std::vector<std::string>& service_types() {
  static const std::vector<std::string> types = {"LoadBalancer", "NodePort", "ClusterIP"};
  return types;
}

const std::vector<std::string>& known() {
  static const std::vector<std::string> names = {kEnableTraining,
                                                 kEnableInference,
                                                 kAllowInsecureConnections,
                                                 kSslSecret,
                                                 kSslCertPemFile,
                                                 kSslKeyPemFile,
                                                 kSslCname,
                                                 kInferenceRouterServiceType,
                                                 kInternalLoadBalancerProvider,
                                                 kInferenceRouterHA,
                                                 kClusterPurpose,
                                                 kIsAKSMigration,
                                                 kInstallNvidiaDevicePlugin,
                                                 kInstallBlobfuseSysctl,
                                                 kInstallBlobfuseFlexvol,
                                                 kVolumePluginDir,
                                                 kLogAnalyticsWS,
                                                 kRelayServerConnectionString,
                                                 kServiceBusConnectionString,
                                                 kRelayEnabled,
                                                 kServiceBusEnabled,
                                                 kNginxIngressEnabled,
                                                 kClusterName,
                                                 kClusterId,
                                                 kPrometheusClusterName,
                                                 kClusterNameFriendly,
                                                 kDomain,
                                                 kLocation,
                                                 kJobSchedulerLocation,
                                                 kOpenShift,
                                                 kHybridConnectionResourceId,
                                                 kHybridConnectionName,
                                                 kRelayConnectionString,
                                                 kServiceBusResourceId,
                                                 kServiceBusConnectionStringChart,
                                                 kLogAnalyticsConnectionString,
                                                 "installPromOp",
                                                 "installVolcano",
                                                 "installDcgmExporter",
                                                 "azure_log_analytics.enabled",
                                                 "azure_log_analytics.customer_id"};
  return names;
}

bool is_known(std::string_view key) {
  const auto& names = known();
  if (std::find(names.begin(), names.end(), key) != names.end()) return true;
  for (std::string_view family : {"scoringFe.", "servicebus.topicSubMapping.", "azure_log_analytics.", "prometheus."})
    if (key.starts_with(family)) return true;
  return key.find("nodeSelector") != std::string_view::npos;
}

bool is_boolean(std::string_view key) {
  static const std::vector<std::string_view> names = {kEnableTraining,
                                                      kEnableInference,
                                                      kAllowInsecureConnections,
                                                      kInferenceRouterHA,
                                                      kIsAKSMigration,
                                                      kInstallNvidiaDevicePlugin,
                                                      kInstallBlobfuseSysctl,
                                                      kInstallBlobfuseFlexvol,
                                                      kLogAnalyticsWS,
                                                      kRelayEnabled,
                                                      kServiceBusEnabled,
                                                      kNginxIngressEnabled,
                                                      kOpenShift,
                                                      "installPromOp",
                                                      "installVolcano",
                                                      "installDcgmExporter"};
  return std::find(names.begin(), names.end(), key) != names.end();
}

bool is_secret(std::string_view key) {
  static const std::vector<std::string_view> names = {kRelayServerConnectionString,
                                                      kServiceBusConnectionString,
                                                      kRelayConnectionString,
                                                      kServiceBusConnectionStringChart,
                                                      kLogAnalyticsConnectionString,
                                                      kSslCertPemFile,
                                                      kSslKeyPemFile,
                                                      kScoringFeSslKey,
                                                      kScoringFeSslCert};
  return std::find(names.begin(), names.end(), key) != names.end();
}

}  // namespace azureml::extension::keys

namespace azureml::extension {

bool is_true(const std::string* value) { return value && equals_ci(*value, "true"); }
bool is_false(const std::string* value) { return value && equals_ci(*value, "false"); }

}  // namespace azureml::extension
