#include "core/ops/instance_type_compare.h"

#include <string_view>

#include "core/config/quantity.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

using nlohmann::json;

// The member of `object` whose key is `key` in any case; nullptr when none.
const json* find_ci(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  if (const auto exact = object.find(key); exact != object.end()) return &*exact;
  for (auto it = object.begin(); it != object.end(); ++it)
    if (equals_ci(it.key(), key)) return &it.value();
  return nullptr;
}

bool is_nothing(const json* value) {
  return value == nullptr || value->is_null() || (value->is_object() && value->empty());
}

std::string quantity_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return value.dump();
  return "";
}

// A zero quantity requests nothing: the same as no entry.
bool is_zero_or_nothing(const json* value) {
  if (value == nullptr || value->is_null()) return true;
  const auto quantity = config::Quantity::parse(quantity_text(*value));
  return quantity && quantity->is_zero();
}

bool same_quantity(const json* have, const json* want) {
  if (is_zero_or_nothing(have) || is_zero_or_nothing(want)) return is_zero_or_nothing(have) && is_zero_or_nothing(want);
  if (*have == *want) return true;
  const auto a = config::Quantity::parse(quantity_text(*have));
  const auto b = config::Quantity::parse(quantity_text(*want));
  return a && b && *a == *b;
}

// requests or limits: every resource on either side must match the other's by value.
bool same_resource_list(const json* have, const json* want) {
  for (const auto& [side, other] : {std::pair{have, want}, std::pair{want, have}}) {
    if (side == nullptr || !side->is_object()) continue;
    for (auto it = side->begin(); it != side->end(); ++it)
      if (!same_quantity(&it.value(), other == nullptr ? nullptr : find_ci(*other, it.key()))) return false;
  }
  return true;
}

// Labels are the user's: compared exactly, both ways; null, absent and {} are all "none".
bool same_node_selector(const json* have, const json* want) {
  if (is_nothing(have) || is_nothing(want)) return is_nothing(have) && is_nothing(want);
  return *have == *want;
}

}  // namespace

bool same_instance_type(const json& have, const json& want) {
  if (!same_node_selector(find_ci(have, "nodeSelector"), find_ci(want, "nodeSelector"))) return false;
  const json* resources_have = find_ci(have, "resources");
  const json* resources_want = find_ci(want, "resources");
  for (const char* list : {"requests", "limits"}) {
    if (!same_resource_list(resources_have ? find_ci(*resources_have, list) : nullptr,
                            resources_want ? find_ci(*resources_want, list) : nullptr))
      return false;
  }
  return true;
}

std::vector<std::string> instance_type_differences(const json& have, const json& want) {
  std::vector<std::string> out;
  if (want.is_object()) {
    for (auto it = want.begin(); it != want.end(); ++it) {
      const json* found = find_ci(have, it.key());
      if (found == nullptr)
        out.push_back("instance type " + it.key() + " added");
      else if (!same_instance_type(*found, it.value()))
        out.push_back("instance type " + it.key() + " changed");
    }
  }
  if (have.is_object()) {
    for (auto it = have.begin(); it != have.end(); ++it)
      if (find_ci(want, it.key()) == nullptr) out.push_back("instance type " + it.key() + " removed");
  }
  return out;
}

}  // namespace azureml::ops
