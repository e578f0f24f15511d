#include "core/ops/aml_quota.h"

#include <algorithm>

#include "core/arm/api_versions.h"
#include "core/arm/list_pages.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

std::string location_path(const std::string& subscription, const std::string& location, const char* what) {
  return "/subscriptions/" + subscription + "/providers/Microsoft.MachineLearningServices/locations/" + location + "/" +
         what;
}

// One item of the usages list (the spec's Usage), as far as it is read.
struct Usage {
  std::string id;
  std::string type;  // lowered
  std::string name;  // name.value
  std::string localized_name;
  long long current = 0;
  long long limit = 0;
};

Usage read_usage(const JsonShape& usage) {
  const JsonShape name = usage.object("name");
  return {usage.text("id"),
          to_lower(usage.text("type")),
          name.text("value"),
          name.text("localizedValue"),
          usage.integer("currentValue").value_or(0),
          usage.integer("limit").value_or(0)};
}

// The subscription-level usage `name` ("Standard DSv2 Family Cluster Dedicated vCPUs"), found by
// its name or by the id ARM gives it (".../usages/Standard_DSv2_Family_Cluster_Dedicated_vCPUs").
std::optional<QuotaLine> find_usage(const std::vector<Usage>& usages, const std::string& type_suffix,
                                    const std::string& name) {
  std::string underscored = name;
  std::replace(underscored.begin(), underscored.end(), ' ', '_');
  for (const auto& usage : usages) {
    if (!usage.type.ends_with(type_suffix) || usage.type.find("/workspaces/") != std::string::npos) continue;
    const bool named = equals_ci(usage.name, name) || equals_ci(usage.localized_name, name) ||
                       to_lower(usage.id).ends_with("/" + to_lower(underscored));
    if (named) return QuotaLine{name, usage.current, usage.limit};
  }
  return std::nullopt;
}

VmSize read_vm_size(const JsonShape& item) {
  return {item.text("name"),
          item.text("family"),
          item.integer("vCPUs").value_or(0),
          item.integer("gpus").value_or(0),
          item.boolean("lowPriorityCapable").value_or(true),
          item.strings("supportedComputeTypes")};
}

}  // namespace

bool VmSize::for_aml_compute() const {
  return compute_types.empty() || std::any_of(compute_types.begin(), compute_types.end(),
                                              [](const std::string& t) { return equals_ci(t, "AmlCompute"); });
}

std::string family_key(const std::string& family) {
  std::string key = family;
  if (to_lower(key).starts_with("standard")) key = key.substr(8);
  if (to_lower(key).ends_with("family")) key.resize(key.size() - 6);
  return key;
}

Result<std::vector<VmSize>, arm::ArmError> list_vm_sizes(arm::ArmClient& arm, const std::string& subscription,
                                                         const std::string& location) {
  auto sizes = arm::list_read(arm, location_path(subscription, location, "vmSizes"),
                              arm::api_versions::kMachineLearning, read_vm_size);
  if (!sizes) return fail(sizes.error());
  std::erase_if(sizes.value(), [](const VmSize& size) { return size.name.empty(); });
  return std::move(sizes).value();
}

Result<QuotaCheck, arm::ArmError> check_quota(arm::ArmClient& arm, const std::string& subscription,
                                              const std::string& location, const VmSize& size, VmPriority priority,
                                              int max_nodes, long long credited) {
  auto usages = arm::list_read(arm, location_path(subscription, location, "usages"),
                               arm::api_versions::kMachineLearning, read_usage);
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
