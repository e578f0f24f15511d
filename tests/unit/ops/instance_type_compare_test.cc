// Instance types compared by meaning, not by text (core/ops/instance_type_compare.h).
#include "core/ops/instance_type_compare.h"

#include <gtest/gtest.h>

namespace azureml::ops {
namespace {

using nlohmann::json;

json spec(json node_selector, json requests, json limits = json::object()) {
  json out = {{"resources", {{"requests", std::move(requests)}, {"limits", std::move(limits)}}}};
  if (!node_selector.is_discarded()) out["nodeSelector"] = std::move(node_selector);
  return out;
}

TEST(InstanceTypeCompare, QuantitiesCompareByValue) {
  EXPECT_TRUE(same_instance_type(spec(nullptr, {{"cpu", "1000m"}, {"memory", "17179869184"}}),
                                 spec(nullptr, {{"cpu", "1"}, {"memory", "16Gi"}})));
  EXPECT_FALSE(same_instance_type(spec(nullptr, {{"cpu", "1500m"}}), spec(nullptr, {{"cpu", "1"}})));
  // A zero request is no request.
  EXPECT_TRUE(same_instance_type(spec(nullptr, {}, {{"nvidia.com/gpu", nullptr}}),
                                 spec(nullptr, {}, {{"nvidia.com/gpu", "0"}})));
  EXPECT_FALSE(same_instance_type(spec(nullptr, {}, {}), spec(nullptr, {}, {{"nvidia.com/gpu", "1"}})));
}

TEST(InstanceTypeCompare, NoNodeSelectorIsNullAbsentOrEmpty) {
  const json absent = json::value_t::discarded;
  EXPECT_TRUE(same_instance_type(spec(nullptr, {}), spec(json::object(), {})));
  EXPECT_TRUE(same_instance_type(spec(absent, {}), spec(nullptr, {})));
  EXPECT_FALSE(same_instance_type(spec(nullptr, {}), spec({{"agentpool", "gpu"}}, {})));
  // A label removed is a difference, however the rest is written.
  EXPECT_FALSE(same_instance_type(spec({{"agentpool", "gpu"}, {"zone", "1"}}, {}), spec({{"agentpool", "gpu"}}, {})));
}

TEST(InstanceTypeCompare, NamesAndResourceKeysIgnoreCaseAndAddedFieldsAreIgnored) {
  json have = {{"gpularge", spec(nullptr, {{"CPU", "4"}})}};
  have["gpularge"]["tolerations"] = nullptr;
  const json want = {{"gpuLarge", spec(nullptr, {{"cpu", "4000m"}})}};
  EXPECT_TRUE(instance_type_differences(have, want).empty());
  EXPECT_EQ(instance_type_differences(json::object(), want), std::vector<std::string>{"instance type gpuLarge added"});
  EXPECT_EQ(instance_type_differences(have, json::object()),
            std::vector<std::string>{"instance type gpularge removed"});
}

}  // namespace
}  // namespace azureml::ops
