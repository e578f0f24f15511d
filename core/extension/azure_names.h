#pragma once
// The names of the Azure resources the AzureML extension needs beside the cluster, exactly as
// the Azure CLI's handler names them, so that both find the same resources (a cluster set up
// by one is converged by the other):
//   Relay namespace        valid_name("{cluster}-{subscription}-{group}-relay", 50)
//   hybrid connection      the cluster's name; authorization rule "azureml_rw"
//   Service Bus namespace  valid_name("{cluster}-{subscription}-{group}-service-bus", 50)
//   topics / subscriptions computestate-updatedby-computeprovider / compute-scheduler-computestate,
//                          jobstate-updatedby-computeprovider / compute-scheduler-jobstate
// All in the cluster's subscription and resource group, tagged created_by: Azure Arc-enabled ML.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/arm/resource_id.h"

namespace azureml::extension {

inline constexpr const char* kCreatedByTag = "created_by";
inline constexpr const char* kCreatedByValue = "Azure Arc-enabled ML";
inline constexpr const char* kRelayRuleName = "azureml_rw";

// Only the ASCII letters and digits of `raw`; when longer than `max_length`, its first
// max_length-6 of them and the first 6 hex digits of md5(raw).
std::string valid_name(std::string_view raw, std::size_t max_length);

struct RelayNames {
  arm::ResourceId namespace_id;
  arm::ResourceId hybrid_connection_id;
  arm::ResourceId rule_id;
};
RelayNames relay_names(const arm::ResourceId& cluster);

struct ServiceBusNames {
  arm::ResourceId namespace_id;
  // topic name -> its subscription's name
  std::vector<std::pair<std::string, std::string>> topics;
};
ServiceBusNames service_bus_names(const arm::ResourceId& cluster);

}  // namespace azureml::extension
