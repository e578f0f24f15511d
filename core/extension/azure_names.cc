#include "core/extension/azure_names.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace azureml::extension {
namespace {

std::string md5_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_md5(), nullptr);
  std::string hex;
  char pair[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(pair, sizeof pair, "%02x", digest[i]);
    hex += pair;
  }
  return hex;
}

std::string raw_name(const arm::ResourceId& cluster, std::string_view suffix) {
  return cluster.name() + "-" + cluster.subscription_id() + "-" + cluster.resource_group() + "-" + std::string(suffix);
}

}  // namespace

std::string valid_name(std::string_view raw, std::size_t max_length) {
  const std::size_t suffix = std::min<std::size_t>(6, max_length);  // as the handler shortens it
  std::string name;
  for (char c : raw)
    if (std::isalnum(static_cast<unsigned char>(c))) name += c;
  if (name.size() <= max_length) return name;
  return name.substr(0, max_length - suffix) + md5_hex(raw).substr(0, suffix);
}

RelayNames relay_names(const arm::ResourceId& cluster) {
  const auto namespace_id = arm::ResourceId::relay_namespace(cluster.subscription_id(), cluster.resource_group(),
                                                             valid_name(raw_name(cluster, "relay"), 50));
  const auto hybrid_connection = arm::ResourceId::relay_hybrid_connection(namespace_id, cluster.name());
  return {namespace_id, hybrid_connection,
          arm::ResourceId::relay_authorization_rule(hybrid_connection, kRelayRuleName)};
}

ServiceBusNames service_bus_names(const arm::ResourceId& cluster) {
  return {arm::ResourceId::service_bus_namespace(cluster.subscription_id(), cluster.resource_group(),
                                                 valid_name(raw_name(cluster, "service-bus"), 50)),
          {{"computestate-updatedby-computeprovider", "compute-scheduler-computestate"},
           {"jobstate-updatedby-computeprovider", "compute-scheduler-jobstate"}}};
}

}  // namespace azureml::extension
