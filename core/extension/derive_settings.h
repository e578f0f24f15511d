#pragma once
// The settings the AzureML handler derives from the cluster, the Azure resources it created
// and what it found on the cluster, on top of the user's validated settings
// (reference/az-k8s-extension-handler.md shows the body this must equal). A value the user
// gave always wins over a derived one.
//   cluster_name, clusterId, prometheus…cluster_name   the cluster's ARM id
//   cluster_name_friendly                              its name
//   location, jobSchedulerLocation                     its location (lower case)
//   domain                                             <location>.cloudapp.azure.com
//   clusterPurpose=DevTest, inferenceRouterHA=false    fewer than 3 nodes
//   openshift=true                                     an OpenShift distribution
//   relayserver.enabled, nginxIngress.enabled          true/false on Arc, false/true on AKS
//   servicebus.enabled                                 false
//   relayserver.hybridConnectionResourceID/Name, protected relayServerConnectionString and
//   relayserver.relayConnectionString                 when the product provides the Relay
//   servicebus.resourceID, servicebus.topicSubMapping.*, protected serviceBusConnectionString
//   and servicebus.connectionString                   when it provides the Service Bus
// And from what the cluster already runs: an NVIDIA device plugin turns installNvidiaDevicePlugin
// to False, blobfuse turns installBlobfuseFlexvol / installBlobfuseSysctl to False (they matter
// only with training); an explicit true there is an error, since the install would fail.
// The chart's own defaults (installNvidiaDevicePlugin True, ...) are not sent: the chart applies
// them, and the body stays the one the Azure CLI sends; chart_defaults() lists them for display.
#include <optional>
#include <string>
#include <vector>

#include "core/arm/resource_id.h"
#include "core/extension/azure_names.h"
#include "core/extension/settings.h"

namespace azureml::extension {

struct ClusterFacts {
  arm::ResourceId id;
  std::string location;           // lower case
  std::optional<int> node_count;  // connectedClusters totalNodeCount; AKS: the agent pools' sum
  bool openshift = false;         // connectedClusters properties.distribution
};

// Something already installed on the cluster that the extension would install again.
struct InstalledAddOn {
  std::string setting;  // "installNvidiaDevicePlugin", "installBlobfuseFlexvol", "installBlobfuseSysctl"
  std::string what;     // "an NVIDIA device plugin"
  std::string where;    // "kube-system/nvidia-device-plugin-daemonset"
};

// Whether the product must provide a Relay / a Service Bus for these (validated) settings.
bool needs_relay(const Settings& settings, arm::ClusterKind kind);
bool needs_service_bus(const Settings& settings);

struct DerivedSecrets {
  std::string relay_connection_string;        // when needs_relay
  std::string service_bus_connection_string;  // when needs_service_bus
};

struct Derivation {
  Settings settings;               // what the PUT sends
  std::vector<std::string> notes;  // what was decided for the user and why, one sentence each
  std::vector<SettingProblem> problems;
};

Derivation derive_settings(const UserSettings& user, const Settings& validated, const ClusterFacts& cluster,
                           const std::vector<InstalledAddOn>& installed, const DerivedSecrets& secrets);

// The chart's defaults that apply because the settings leave them out: key -> value.
SettingMap chart_defaults(const Settings& settings);

}  // namespace azureml::extension
