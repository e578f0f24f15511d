#include "core/ops/aml_compute.h"

#include <algorithm>
#include <cctype>

#include "core/arm/resource_id.h"
#include "core/ops/compute_common.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

using nlohmann::json;

constexpr std::string_view kSystem = "[system]";
constexpr int kMaxNodes = 1000;  // clusters scale to 100 nodes, to 1000 with an allow-list request
constexpr int kMaxIdleSeconds = 7 * 24 * 3600;

const json& at(const json& object, const char* key) { return json_at(object, key); }
std::string text(const json& value) { return json_text(value); }

std::string priority_text(VmPriority priority) {
  return priority == VmPriority::dedicated ? "Dedicated" : "LowPriority";
}

}  // namespace

bool is_vm_size_name(std::string_view text) {
  const auto underscore = text.find('_');
  if (underscore == std::string_view::npos || underscore == 0 || underscore + 1 >= text.size()) return false;
  const std::string tier = to_lower(text.substr(0, underscore));
  if (tier != "standard" && tier != "basic") return false;
  bool after_underscore = true;
  for (const char c : text.substr(underscore + 1)) {
    if (c == '_') {
      if (after_underscore) return false;  // no empty part
      after_underscore = true;
    } else if (std::isalnum(static_cast<unsigned char>(c))) {
      after_underscore = false;
    } else {
      return false;
    }
  }
  return !after_underscore;
}

ManagedIdentity parse_identities(const std::vector<std::string>& values, std::vector<IdentityProblem>& problems) {
  ManagedIdentity identity;
  for (const auto& value : values) {
    if (equals_ci(value, kSystem)) {
      identity.system = true;
      continue;
    }
    auto id = arm::ResourceId::parse_as(value, "Microsoft.ManagedIdentity/userAssignedIdentities");
    if (!id) {
      problems.push_back({value,
                          "neither '[system]' nor a user-assigned identity id (/subscriptions/S/resourceGroups/"
                          "RG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/NAME): " +
                              id.error().message});
      continue;
    }
    const std::string canonical = id->str();
    const bool seen = std::any_of(identity.user_assigned.begin(), identity.user_assigned.end(),
                                  [&](const std::string& known) { return equals_ci(known, canonical); });
    if (!seen) identity.user_assigned.push_back(canonical);
  }
  return identity;
}

std::vector<std::string> check_spec(const AmlComputeSpec& spec) {
  std::vector<std::string> problems;
  if (!is_vm_size_name(spec.vm_size))
    problems.push_back("--vm-size '" + printable(spec.vm_size) +
                       "' is not a VM size name: it looks like Standard_DS3_v2 or Standard_NC6");
  if (spec.max_nodes < 1 || spec.max_nodes > kMaxNodes)
    problems.push_back("--max-nodes must be 1 to " + std::to_string(kMaxNodes) + ", not " +
                       std::to_string(spec.max_nodes));
  if (spec.min_nodes < 0)
    problems.push_back("--min-nodes must be 0 or more, not " + std::to_string(spec.min_nodes));
  else if (spec.min_nodes > spec.max_nodes)
    problems.push_back("--min-nodes " + std::to_string(spec.min_nodes) + " is above --max-nodes " +
                       std::to_string(spec.max_nodes) + ": min must not exceed max");
  if (spec.idle_seconds < 0 || spec.idle_seconds > kMaxIdleSeconds)
    problems.push_back("--idle-seconds-before-scaledown must be 0 to " + std::to_string(kMaxIdleSeconds) +
                       " (a week), not " + std::to_string(spec.idle_seconds));
  if (spec.subnet) {
    auto subnet = arm::ResourceId::parse_as(*spec.subnet, "Microsoft.Network/virtualNetworks/subnets");
    if (!subnet)
      problems.push_back("--subnet '" + printable(*spec.subnet) +
                         "' is not a subnet id (/subscriptions/S/resourceGroups/RG/providers/Microsoft.Network/"
                         "virtualNetworks/VNET/subnets/SUBNET): " +
                         subnet.error().message);
  }
  if (spec.location &&
      (spec.location->empty() || !std::all_of(spec.location->begin(), spec.location->end(),
                                              [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })))
    problems.push_back("--location '" + printable(*spec.location) + "' is not a region name, e.g. westeurope");
  return problems;
}

json identity_json(const ManagedIdentity& identity) {
  if (identity.empty()) return {{"type", "None"}};
  json out;
  out["type"] = identity.system ? (identity.user_assigned.empty() ? "SystemAssigned" : "SystemAssigned,UserAssigned")
                                : "UserAssigned";
  if (!identity.user_assigned.empty()) {
    json users = json::object();
    for (const auto& id : identity.user_assigned) users[id] = json::object();
    out["userAssignedIdentities"] = std::move(users);
  }
  return out;
}

ManagedIdentity identity_of(const json& compute) {
  ManagedIdentity identity;
  const json& found = at(compute, "identity");
  const std::string type = to_lower(text(at(found, "type")));
  identity.system = type.find("systemassigned") != std::string::npos;
  const json& users = at(found, "userAssignedIdentities");
  if (users.is_object()) {
    for (auto it = users.begin(); it != users.end(); ++it) {
      auto id = arm::ResourceId::parse(it.key());
      identity.user_assigned.push_back(id ? id->str() : it.key());
    }
  }
  return identity;
}

json aml_compute_body(const AmlComputeSpec& spec, const std::string& location) {
  json inner = {{"vmSize", spec.vm_size},
                {"vmPriority", priority_text(spec.priority)},
                {"scaleSettings",
                 {{"minNodeCount", spec.min_nodes},
                  {"maxNodeCount", spec.max_nodes},
                  {"nodeIdleTimeBeforeScaleDown", iso_seconds(spec.idle_seconds)}}}};
  if (spec.subnet) inner["subnet"] = {{"id", *spec.subnet}};
  json body = {{"location", location},
               {"properties", {{"computeType", "AmlCompute"}, {"properties", std::move(inner)}}}};
  if (!spec.identity.empty()) body["identity"] = identity_json(spec.identity);
  return body;
}

json resend_body(const json& existing, const ManagedIdentity& identity) {
  json inner = at(at(existing, "properties"), "properties");
  if (!inner.is_object()) inner = json::object();
  for (const char* read_only : {"allocationState", "allocationStateTransitionTime", "currentNodeCount",
                                "targetNodeCount", "nodeStateCounts", "errors"})
    inner.erase(read_only);
  json properties = {{"computeType", "AmlCompute"}, {"properties", std::move(inner)}};
  for (const char* kept : {"description", "disableLocalAuth", "computeLocation"}) {
    const json& value = at(at(existing, "properties"), kept);
    if (!value.is_null()) properties[kept] = value;
  }
  json body = {{"location", at(existing, "location")},
               {"properties", std::move(properties)},
               {"identity", identity_json(identity)}};
  if (at(existing, "tags").is_object()) body["tags"] = at(existing, "tags");
  return body;
}

std::vector<std::string> aml_compute_differences(const json& existing, const json& wanted) {
  std::vector<std::string> out;
  const auto compare = [&](const std::string& what, const std::string& have, const std::string& want, bool ci) {
    if (ci ? !equals_ci(have, want) : have != want) out.push_back(what + " '" + have + "' -> '" + want + "'");
  };
  const json& have = at(at(existing, "properties"), "properties");
  const json& want = at(at(wanted, "properties"), "properties");
  compare("vmSize", text(at(have, "vmSize")), text(at(want, "vmSize")), true);
  compare("vmPriority", text(at(have, "vmPriority")), text(at(want, "vmPriority")), true);
  const json& scale_have = at(have, "scaleSettings");
  const json& scale_want = at(want, "scaleSettings");
  for (const char* key : {"minNodeCount", "maxNodeCount"})
    compare(std::string("scaleSettings.") + key, text(at(scale_have, key)), text(at(scale_want, key)), false);
  const auto idle_have = parse_iso_duration(text(at(scale_have, "nodeIdleTimeBeforeScaleDown")));
  const auto idle_want = parse_iso_duration(text(at(scale_want, "nodeIdleTimeBeforeScaleDown")));
  if (idle_have != idle_want)
    compare("scaleSettings.nodeIdleTimeBeforeScaleDown", text(at(scale_have, "nodeIdleTimeBeforeScaleDown")),
            text(at(scale_want, "nodeIdleTimeBeforeScaleDown")), false);
  const json& subnet_have = at(at(have, "subnet"), "id");
  const json& subnet_want = at(at(want, "subnet"), "id");
  if (!subnet_have.is_null() || !subnet_want.is_null()) {
    if (!arm::same_resource_id(text(subnet_have), text(subnet_want)))
      compare("subnet", subnet_have.is_null() ? "" : text(subnet_have), subnet_want.is_null() ? "" : text(subnet_want),
              false);
  }
  compare("location", text(at(existing, "location")), text(at(wanted, "location")), true);
  if (auto identity = identity_difference(existing, wanted)) out.push_back(std::move(*identity));
  return out;
}

std::optional<std::string> identity_difference(const json& existing, const json& wanted) {
  if (at(wanted, "identity").is_null()) return std::nullopt;
  const ManagedIdentity have = identity_of(existing);
  const ManagedIdentity want = identity_of(wanted);
  const auto same_users = [&] {
    if (have.user_assigned.size() != want.user_assigned.size()) return false;
    for (const auto& id : want.user_assigned)
      if (std::none_of(have.user_assigned.begin(), have.user_assigned.end(),
                       [&](const std::string& h) { return arm::same_resource_id(h, id); }))
        return false;
    return true;
  }();
  if (have.system == want.system && same_users) return std::nullopt;
  return "identity '" + text(at(at(existing, "identity"), "type")) + "' -> '" +
         text(at(at(wanted, "identity"), "type")) + "'";
}

ComputeChange change_needed(const std::string& difference) {
  if (difference.starts_with("scaleSettings.")) return ComputeChange::scale;
  if (difference.starts_with("identity ")) return ComputeChange::identity;
  return ComputeChange::recreate;
}

json aml_compute_scale_update(const json& wanted) {
  return {{"properties",
           {{"properties", {{"scaleSettings", at(at(at(wanted, "properties"), "properties"), "scaleSettings")}}}}}};
}

nlohmann::ordered_json aml_compute_view(const json& compute) {
  const json& properties = at(compute, "properties");
  const json& inner = at(properties, "properties");
  const json& scale = at(inner, "scaleSettings");
  const json& identity = at(compute, "identity");
  nlohmann::ordered_json view;
  view["name"] = at(compute, "name");
  view["id"] = at(compute, "id");
  view["computeType"] = at(properties, "computeType");
  view["location"] = at(compute, "location");
  view["provisioningState"] = at(properties, "provisioningState");
  view["vmSize"] = at(inner, "vmSize");
  view["vmPriority"] = at(inner, "vmPriority");
  const auto idle = parse_iso_duration(text(at(scale, "nodeIdleTimeBeforeScaleDown")));
  view["scaleSettings"] = {{"minNodeCount", at(scale, "minNodeCount")},
                           {"maxNodeCount", at(scale, "maxNodeCount")},
                           {"idleSecondsBeforeScaleDown", idle ? json(*idle) : json(nullptr)}};
  view["allocationState"] = at(inner, "allocationState");
  view["currentNodeCount"] = at(inner, "currentNodeCount");
  view["targetNodeCount"] = at(inner, "targetNodeCount");
  view["nodeStateCounts"] = at(inner, "nodeStateCounts");
  nlohmann::ordered_json who = {{"type", identity.is_null() ? json("None") : at(identity, "type")}};
  if (!at(identity, "principalId").is_null()) who["principalId"] = at(identity, "principalId");
  const json& users = at(identity, "userAssignedIdentities");
  if (users.is_object()) {
    nlohmann::ordered_json listed = nlohmann::ordered_json::array();
    for (auto it = users.begin(); it != users.end(); ++it)
      listed.push_back(
          {{"id", it.key()}, {"principalId", at(it.value(), "principalId")}, {"clientId", at(it.value(), "clientId")}});
    who["userAssigned"] = std::move(listed);
  }
  view["identity"] = std::move(who);
  view["subnet"] = at(at(inner, "subnet"), "id");
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const json* list : {&at(properties, "provisioningErrors"), &at(inner, "errors")}) {
    if (!list->is_array()) continue;
    for (const auto& item : *list) {
      const json& error = at(item, "error").is_object() ? at(item, "error") : item;
      errors.push_back({{"code", at(error, "code")}, {"message", at(error, "message")}});
    }
  }
  view["errors"] = std::move(errors);
  return view;
}

std::string iso_seconds(int seconds) { return "PT" + std::to_string(seconds) + "S"; }

std::optional<long long> parse_iso_duration(std::string_view text) {
  // P[nD][T[nH][nM][nS]]
  if (text.size() < 2 || (text[0] != 'P' && text[0] != 'p')) return std::nullopt;
  long long total = 0;
  bool in_time = false;
  bool any = false;
  long long number = -1;
  for (std::size_t i = 1; i < text.size(); ++i) {
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    if (std::isdigit(static_cast<unsigned char>(c))) {
      number = (number < 0 ? 0 : number) * 10 + (c - '0');
      if (number > 1'000'000'000) return std::nullopt;
      continue;
    }
    if (c == 'T' && !in_time && number < 0) {
      in_time = true;
      continue;
    }
    if (number < 0) return std::nullopt;
    long long unit = 0;
    if (!in_time && c == 'D')
      unit = 86400;
    else if (in_time && c == 'H')
      unit = 3600;
    else if (in_time && c == 'M')
      unit = 60;
    else if (in_time && c == 'S')
      unit = 1;
    else
      return std::nullopt;
    total += number * unit;
    number = -1;
    any = true;
  }
  if (number >= 0 || !any) return std::nullopt;
  return total;
}

}  // namespace azureml::ops
