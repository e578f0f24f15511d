#pragma once
// The configuration settings of Microsoft.AzureML.Kubernetes this product knows: the ones the
// Azure CLI's AzureML handler reads or writes, and the chart's documented install switches
// (../shared/reference/azure-rest-contract.md §1.1, §6). Others pass through with a warning.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azureml::extension::keys {

inline constexpr const char* kEnableTraining = "enableTraining";
inline constexpr const char* kEnableInference = "enableInference";
inline constexpr const char* kAllowInsecureConnections = "allowInsecureConnections";
inline constexpr const char* kSslSecret = "sslSecret";
inline constexpr const char* kSslCertPemFile = "sslCertPemFile";
inline constexpr const char* kSslKeyPemFile = "sslKeyPemFile";
inline constexpr const char* kSslCname = "sslCname";
inline constexpr const char* kInferenceRouterServiceType = "inferenceRouterServiceType";
inline constexpr const char* kInternalLoadBalancerProvider = "internalLoadBalancerProvider";
inline constexpr const char* kInferenceRouterHA = "inferenceRouterHA";
inline constexpr const char* kClusterPurpose = "clusterPurpose";
inline constexpr const char* kIsAKSMigration = "isAKSMigration";
inline constexpr const char* kInstallNvidiaDevicePlugin = "installNvidiaDevicePlugin";
inline constexpr const char* kInstallBlobfuseSysctl = "installBlobfuseSysctl";
inline constexpr const char* kInstallBlobfuseFlexvol = "installBlobfuseFlexvol";
inline constexpr const char* kVolumePluginDir = "volumePluginDir";
inline constexpr const char* kLogAnalyticsWS = "logAnalyticsWS";
inline constexpr const char* kRelayServerConnectionString = "relayServerConnectionString";
inline constexpr const char* kServiceBusConnectionString = "serviceBusConnectionString";
inline constexpr const char* kRelayEnabled = "relayserver.enabled";
inline constexpr const char* kServiceBusEnabled = "servicebus.enabled";
inline constexpr const char* kNginxIngressEnabled = "nginxIngress.enabled";
inline constexpr const char* kClusterName = "cluster_name";
inline constexpr const char* kClusterId = "clusterId";
inline constexpr const char* kPrometheusClusterName = "prometheus.prometheusSpec.externalLabels.cluster_name";
inline constexpr const char* kClusterNameFriendly = "cluster_name_friendly";
inline constexpr const char* kDomain = "domain";
inline constexpr const char* kLocation = "location";
inline constexpr const char* kJobSchedulerLocation = "jobSchedulerLocation";
inline constexpr const char* kOpenShift = "openshift";
inline constexpr const char* kHybridConnectionResourceId = "relayserver.hybridConnectionResourceID";
inline constexpr const char* kHybridConnectionName = "relayserver.hybridConnectionName";
inline constexpr const char* kRelayConnectionString = "relayserver.relayConnectionString";
inline constexpr const char* kServiceBusResourceId = "servicebus.resourceID";
inline constexpr const char* kServiceBusConnectionStringChart = "servicebus.connectionString";
inline constexpr const char* kTopicSubMapping = "servicebus.topicSubMapping";
inline constexpr const char* kLogAnalyticsConnectionString = "azure_log_analytics.connection_string";
inline constexpr const char* kScoringFeSslSecret = "scoringFe.sslSecret";
inline constexpr const char* kScoringFeSslCert = "scoringFe.sslCert";
inline constexpr const char* kScoringFeSslKey = "scoringFe.sslKey";
inline constexpr const char* kScoringFeNodePort = "scoringFe.serviceType.nodePort";
inline constexpr const char* kScoringFeInternalLoadBalancer = "scoringFe.serviceType.internalLoadBalancer";
inline constexpr const char* kScoringFeNamespace = "scoringFe.namespace";

// inferenceRouterServiceType's values, in the documented case.
const std::vector<std::string>& service_types();

// Every key above (for "did you mean").
const std::vector<std::string>& known();
// A key above, or one of the families the handler writes (scoringFe.*, servicebus.topicSubMapping.*,
// azure_log_analytics.*, prometheus.*, any key with nodeSelector).
bool is_known(std::string_view key);
// Keys whose value must be true or false (any case).
bool is_boolean(std::string_view key);
// Keys that carry secrets or secret files: accepted only as protected settings.
bool is_secret(std::string_view key);

}  // namespace azureml::extension::keys

namespace azureml::extension {
// "true" in any case, as the handler's str(value).lower() == 'true'.
bool is_true(const std::string* value);
bool is_false(const std::string* value);
}  // namespace azureml::extension
