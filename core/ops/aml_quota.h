#pragma once
// Whether a compute cluster fits the subscription's Azure ML quota in its region, read from
// the ML usages API before anything is created: the VM size's vCPUs (VirtualMachineSizes_List),
// then the family's and the region's total vCPUs in use and their limits (Usages_List), for
// dedicated or low-priority VMs. A cluster needs max nodes x vCPUs to scale all the way.
#include <optional>
#include <string>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/ops/aml_compute.h"

namespace azureml::ops {

struct VmSize {
  std::string name;    // Standard_DS3_v2
  std::string family;  // standardDSv2Family
  long long vcpus = 0;
  long long gpus = 0;
  bool low_priority_capable = true;
  std::vector<std::string> compute_types;  // supportedComputeTypes; empty when the answer has none
  // Usable for an AmlCompute cluster: supportedComputeTypes names AmlCompute (any case), or is
  // absent (audit D5: azure-ai-ml's list_sizes(compute_type=...) filters on it).
  bool for_aml_compute() const;
};

// The VM sizes Azure ML offers in `location`.
Result<std::vector<VmSize>, arm::ArmError> list_vm_sizes(arm::ArmClient& arm, const std::string& subscription,
                                                         const std::string& location);

struct QuotaLine {
  std::string name;  // "Standard DSv2 Family Cluster Dedicated vCPUs"
  long long used = 0;
  long long limit = 0;  // -1: unlimited
  long long free() const { return limit < 0 ? -1 : limit - used; }
};

struct QuotaCheck {
  long long needed = 0;              // vCPUs at max nodes
  std::vector<QuotaLine> lines;      // the family's and the region's
  std::vector<std::string> unknown;  // quotas the usages did not report (not checked)
  bool enough = true;
  long long nodes_that_fit = 0;  // when not enough: the most nodes the quota allows
};

// `credited`: vCPUs the usages already count for this compute (an existing one being changed).
Result<QuotaCheck, arm::ArmError> check_quota(arm::ArmClient& arm, const std::string& subscription,
                                              const std::string& location, const VmSize& size, VmPriority priority,
                                              int max_nodes, long long credited = 0);

// "DSv2" of "standardDSv2Family": how the usages name the family.
std::string family_key(const std::string& family);

}  // namespace azureml::ops
