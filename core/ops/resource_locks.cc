#include "core/ops/resource_locks.h"

#include <algorithm>
#include <utility>

#include "core/arm/api_versions.h"
#include "core/arm/list_pages.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

constexpr std::string_view kLocksSegment = "/providers/microsoft.authorization/locks/";

std::string string_at(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return "";
  return object[key].get<std::string>();
}

// `resource` or one of its ancestors up to the subscription (ids compared in lower case).
bool covers(const std::string& scope, const arm::ResourceId& resource) {
  for (arm::ResourceId id = resource;; id = id.parent()) {
    if (id.lowered() == scope) return true;
    if (id.is_subscription()) return false;
  }
}

}  // namespace

Result<std::vector<ResourceLock>, arm::ArmError> locks_over(arm::ArmClient& arm, const arm::ResourceId& resource) {
  std::vector<ResourceLock> out;
  const auto group = arm::ResourceId::of_resource_group(resource.subscription_id(), resource.resource_group());
  const auto subscription = arm::ResourceId::of_subscription(resource.subscription_id());
  for (const auto& [scope, filter] : {std::pair{group.str(), false}, std::pair{subscription.str(), true}}) {
    auto items = arm::list_all(arm, scope + "/providers/Microsoft.Authorization/locks", arm::api_versions::kLocks,
                               filter ? arm::Query{{"$filter", "atScope()"}} : arm::Query{});
    if (!items) return fail(items.error());
    for (const auto& item : *items) {
      const std::string id = string_at(item, "id");
      const auto at = to_lower(id).find(kLocksSegment);
      if (at == std::string::npos) continue;
      auto lock_scope = arm::ResourceId::parse(id.substr(0, at));
      if (!lock_scope || !covers(lock_scope->lowered(), resource)) continue;  // a lock on another group or resource
      ResourceLock lock{string_at(item, "name"), string_at(item.value("properties", nlohmann::json::object()), "level"),
                        lock_scope->str()};
      const bool seen = std::any_of(out.begin(), out.end(), [&](const ResourceLock& known) {
        return equals_ci(known.scope, lock.scope) && equals_ci(known.name, lock.name);
      });
      if (!seen) out.push_back(std::move(lock));
    }
  }
  return out;
}

std::string describe(const ResourceLock& lock) {
  auto scope = arm::ResourceId::parse(lock.scope);
  std::string where = lock.scope;
  if (scope && scope->is_resource_group()) where = "resource group " + scope->resource_group();
  else if (scope && scope->is_subscription()) where = "subscription " + scope->subscription_id();
  else if (scope) where = scope->type() + " " + scope->name();
  return lock.level + " lock '" + printable(lock.name) + "' on " + where;
}

}  // namespace azureml::ops
