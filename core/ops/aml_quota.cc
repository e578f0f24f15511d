#include "core/ops/aml_quota.h"

#include <algorithm>

#include "core/arm/api_versions.h"
#include "core/arm/list_pages.h"
#include "core/util/text.h"
#include "core/util/json_fields.h"

namespace azureml::ops {
namespace {

using nlohmann::json;

std::string location_path(const std::string& subscription, const std::string& location, const char* what) {
  return "/subscriptions/" + subscription + "/providers/Microsoft.MachineLearningServices/locations/" + location + "/" +
         what;
}

std::string string_at(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return "";
  return object[key].get<std::string>();
}

long long number_at(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_number()) return 0;
  return object[key].get<long long>();
}

// The subscription-level usage `name` ("Standard DSv2 Family Cluster Dedicated vCPUs"), found by
// its name or by the id ARM gives it (".../usages/Standard_DSv2_Family_Cluster_Dedicated_vCPUs").
std::optional<QuotaLine> find_usage(const std::vector<json>& usages, const std::string& type_suffix,
                                    const std::string& name) {
  std::string underscored = name;
  std::replace(underscored.begin(), underscored.end(), ' ', '_');
  for (const auto& usage : usages) {
    const std::string type = to_lower(string_at(usage, "type"));
    if (!type.ends_with(type_suffix) || type.find("/workspaces/") != std::string::npos) continue;
    const json names = usage.value("name", json::object());
    const bool named = equals_ci(string_at(names, "value"), name) || equals_ci(string_at(names, "localizedValue"), name) ||
                       to_lower(string_at(usage, "id")).ends_with("/" + to_lower(underscored));
    if (named) return QuotaLine{name, number_at(usage, "currentValue"), number_at(usage, "limit")};
  }
  return std::nullopt;
}

}  // namespace

bool VmSize::for_aml_compute() const {
  return compute_types.empty() ||
         std::any_of(compute_types.begin(), compute_types.end(), [](const std::string& t) { return equals_ci(t, "AmlCompute"); });
}

std::string family_key(const std::string& family) {
  std::string key = family;
  if (to_lower(key).starts_with("standard")) key = key.substr(8);
  if (to_lower(key).ends_with("family")) key.resize(key.size() - 6);
  return key;
}

Result<std::vector<VmSize>, arm::ArmError> list_vm_sizes(arm::ArmClient& arm, const std::string& subscription,
                                                         const std::string& location) {
  auto items = arm::list_all(arm, location_path(subscription, location, "vmSizes"), arm::api_versions::kMachineLearning);
  if (!items) return fail(items.error());
  std::vector<VmSize> sizes;
  for (const auto& item : *items) {
    VmSize size{string_at(item, "name"), string_at(item, "family"), number_at(item, "vCPUs"), number_at(item, "gpus"),
                bool_field(item, "lowPriorityCapable", true), {}};
    const nlohmann::json& types = field(item, "supportedComputeTypes");
    if (types.is_array())
      for (const auto& type : types)
        if (type.is_string()) size.compute_types.push_back(type.get<std::string>());
    if (!size.name.empty()) sizes.push_back(std::move(size));
  }
  return sizes;
}

Result<QuotaCheck, arm::ArmError> check_quota(arm::ArmClient& arm, const std::string& subscription,
                                              const std::string& location, const VmSize& size, VmPriority priority,
                                              int max_nodes, long long credited) {
  auto usages = arm::list_all(arm, location_path(subscription, location, "usages"), arm::api_versions::kMachineLearning);
  if (!usages) return fail(usages.error());
  QuotaCheck check;
  check.needed = size.vcpus * max_nodes;
  const bool dedicated = priority == VmPriority::dedicated;
  const std::string tier = dedicated ? "Dedicated" : "LowPriority";
  const std::pair<std::string, std::string> wanted[] = {
      {"/vmfamily/usages", "Standard " + family_key(size.family) + " Family Cluster " + tier + " vCPUs"},
      {dedicated ? "/dedicatedcores/usages" : "/lowprioritycores/usages", "Total Cluster " + tier + " Regional vCPUs"},
  };
  check.nodes_that_fit = max_nodes;
  for (const auto& [type, name] : wanted) {
    auto line = find_usage(*usages, type, name);
    if (!line) {
      check.unknown.push_back(name);
      continue;
    }
    check.lines.push_back(*line);
    if (line->limit < 0) continue;
    const long long available = line->limit - line->used + credited;
    if (check.needed > available) check.enough = false;
    if (size.vcpus > 0)
      check.nodes_that_fit = std::min<long long>(check.nodes_that_fit, std::max<long long>(0, available / size.vcpus));
  }
  return check;
}

}  // namespace azureml::ops
