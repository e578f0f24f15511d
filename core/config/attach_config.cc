#include "core/config/attach_config.h"

#include <algorithm>

#include "core/util/suggest.h"

namespace azureml::config {
namespace {

ResourceList service_default_resources() {
  return {{kCpu, Quantity::parse("1").value()},
          {kMemory, Quantity::parse("4Gi").value()},
          {kGpu, Quantity::parse("0").value()}};
}

nlohmann::ordered_json to_json(const ResourceList& list) {
  auto out = nlohmann::ordered_json::object();
  for (const auto& [name, quantity] : list) out[name] = quantity.text();
  return out;
}

}  // namespace

AttachConfig service_default_config() {
  AttachConfig config;
  config.default_instance_type = kServiceDefaultInstanceType;
  config.instance_types.push_back(
      {kServiceDefaultInstanceType, std::nullopt, service_default_resources(), service_default_resources()});
  config.uses_service_default = true;
  return config;
}

std::vector<std::string> instance_type_names(const AttachConfig& config) {
  std::vector<std::string> names;
  for (const auto& type : config.instance_types) names.push_back(type.name);
  return names;
}

Result<AttachConfig> select_instance_types(AttachConfig config, const std::vector<std::string>& names) {
  if (names.empty()) return config;  // none named: every one
  const std::vector<std::string> defined = instance_type_names(config);
  for (const auto& name : names)
    if (std::find(defined.begin(), defined.end(), name) == defined.end()) {
      std::string allowed;
      for (const auto& known : defined) allowed += (allowed.empty() ? "'" : ", '") + known + "'";
      const std::string hint = did_you_mean(name, defined);
      return fail("instance type '" + name + "' is not in the configuration" + (hint.empty() ? "" : "; " + hint) +
                  " (it defines " + allowed + ")");
    }
  std::erase_if(config.instance_types, [&names](const InstanceType& type) {
    return std::find(names.begin(), names.end(), type.name) == names.end();
  });
  return config;
}

nlohmann::ordered_json to_json(const AttachConfig& config) {
  nlohmann::ordered_json out;
  out["namespace"] = config.namespace_name;
  out["defaultInstanceType"] = config.default_instance_type;
  // ordered_json's operator[] searches keys one by one; names are unique here, so append
  // directly and keep this linear for configurations with thousands of instance types.
  auto& types = out["instanceTypes"] = nlohmann::ordered_json::object();
  auto& members = types.get_ref<nlohmann::ordered_json::object_t&>();
  members.reserve(config.instance_types.size());
  for (const auto& type : config.instance_types) {
    nlohmann::ordered_json entry;
    if (type.node_selector) {
      auto& selector = entry["nodeSelector"] = nlohmann::ordered_json::object();
      for (const auto& [key, value] : *type.node_selector) selector[key] = value;
    } else {
      entry["nodeSelector"] = nullptr;
    }
    if (type.requests || type.limits) {
      auto& resources = entry["resources"] = nlohmann::ordered_json::object();
      if (type.requests) resources["requests"] = to_json(*type.requests);
      if (type.limits) resources["limits"] = to_json(*type.limits);
    }
    members.emplace_back(type.name, std::move(entry));
  }
  return out;
}

}  // namespace azureml::config
