#pragma once
// The management locks that hold for a resource: those on its subscription, on its resource
// group, and on the resource or its parents. ReadOnly refuses every write below it; CanNotDelete
// refuses deletes — and, for Azure ML compute clusters, scaling down, which deletes nodes.
#include <string>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/arm/resource_id.h"

namespace azureml::ops {

struct ResourceLock {
  std::string name;
  std::string level;  // ReadOnly, CanNotDelete
  std::string scope;  // the id it is set on
};

// Two reads: the resource group's locks (every page; those on other resources of the group are
// left out) and the subscription's own (atScope()).
Result<std::vector<ResourceLock>, arm::ArmError> locks_over(arm::ArmClient& arm, const arm::ResourceId& resource);

// The same for several resources (doctor's cluster and workspace), each resource group and
// each subscription read once: the locks over resources[i] are the result's [i].
Result<std::vector<std::vector<ResourceLock>>, arm::ArmError> locks_over_each(
    arm::ArmClient& arm, const std::vector<arm::ResourceId>& resources);

// "resource group rg1", "subscription <id>", "connectedClusters arc1"
std::string scope_description(const std::string& scope);

// "ReadOnly lock 'freeze' on resource group rg1"
std::string describe(const ResourceLock& lock);

}  // namespace azureml::ops
