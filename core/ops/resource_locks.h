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

// Two reads: the resource group's locks and the subscription's own (atScope()).
Result<std::vector<ResourceLock>, arm::ArmError> locks_over(arm::ArmClient& arm, const arm::ResourceId& resource);

// "ReadOnly lock 'freeze' on resource group rg1"
std::string describe(const ResourceLock& lock);

}  // namespace azureml::ops
