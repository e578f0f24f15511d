#include "core/ops/resource_locks.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/arm/api_versions.h"
#include "core/arm/list_pages.h"
#include "core/util/json_shape.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

constexpr std::string_view kLocksSegment = "/providers/microsoft.authorization/locks/";

struct LockItem {
  std::string id, name, level;
};

LockItem read_lock(const JsonShape& lock) {
  return {lock.text("id"), lock.text("name"), lock.object("properties").text("level")};
}

// `resource` or one of its ancestors up to the subscription (ids compared in lower case).
bool covers(const std::string& scope, const arm::ResourceId& resource) {
  for (arm::ResourceId id = resource;; id = id.parent()) {
    if (id.lowered() == scope) return true;
    if (id.is_subscription()) return false;
  }
}

}  // namespace

Result<std::vector<std::vector<ResourceLock>>, arm::ArmError> locks_over_each(
    arm::ArmClient& arm, const std::vector<arm::ResourceId>& resources) {
  // Each scope read once: the groups unfiltered (locks on the group and everything in it), the
  // subscriptions with atScope() (their own locks only; the groups' lists hold the rest).
  std::vector<std::pair<std::string, bool>> scopes;
  std::set<std::string> seen_scopes;
  for (const auto& resource : resources) {
    const auto group = arm::ResourceId::of_resource_group(resource.subscription_id(), resource.resource_group());
    const auto subscription = arm::ResourceId::of_subscription(resource.subscription_id());
    for (const auto& scope : {std::pair{group.str(), false}, std::pair{subscription.str(), true}})
      if (seen_scopes.insert(to_lower(scope.first)).second) scopes.push_back(scope);
  }
  // Each lock with its scope lowered once, for the comparisons below.
  std::vector<std::pair<ResourceLock, std::string>> all;
  for (const auto& [scope, filter] : scopes) {
    auto items = arm::list_read(arm, scope + "/providers/Microsoft.Authorization/locks", arm::api_versions::kLocks,
                                read_lock, filter ? arm::Query{{"$filter", "atScope()"}} : arm::Query{});
    if (!items) return fail(items.error());
    for (const auto& lock : *items) {
      const auto at = to_lower(lock.id).find(kLocksSegment);
      if (at == std::string::npos) continue;
      auto lock_scope = arm::ResourceId::parse(lock.id.substr(0, at));
      if (!lock_scope) continue;
      all.push_back({{lock.name, lock.level, lock_scope->str()}, lock_scope->lowered()});
    }
  }
  std::vector<std::vector<ResourceLock>> out(resources.size());
  for (std::size_t i = 0; i < resources.size(); ++i) {
    for (const auto& held : all) {
      const ResourceLock& lock = held.first;             // a named reference: clang 14 cannot capture a binding
      if (!covers(held.second, resources[i])) continue;  // a lock on another group or resource
      const bool seen = std::any_of(out[i].begin(), out[i].end(), [&](const ResourceLock& known) {
        return equals_ci(known.scope, lock.scope) && equals_ci(known.name, lock.name);
      });
      if (!seen) out[i].push_back(lock);
    }
  }
  return out;
}

Result<std::vector<ResourceLock>, arm::ArmError> locks_over(arm::ArmClient& arm, const arm::ResourceId& resource) {
  auto each = locks_over_each(arm, {resource});
  if (!each) return fail(std::move(each.error()));
  return std::move(each->front());
}

std::string scope_description(const std::string& scope) {
  auto id = arm::ResourceId::parse(scope);
  if (id && id->is_resource_group()) return "resource group " + id->resource_group();
  if (id && id->is_subscription()) return "subscription " + id->subscription_id();
  if (id) return id->type() + " " + id->name();
  return scope;
}

std::string describe(const ResourceLock& lock) {
  return lock.level + " lock '" + printable(lock.name) + "' on " + scope_description(lock.scope);
}

}  // namespace azureml::ops
