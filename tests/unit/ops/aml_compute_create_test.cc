// create_aml_compute in-process, against the fake Azure: created, then unchanged with no PUT; a
// cluster larger than the quota refused before anything is sent; a dry run's plan.
#include "core/ops/aml_compute_create.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/arm/fake_azure_arm_harness.h"

namespace azureml::ops {
namespace {

using arm::fake_azure::ArmHarness;
using arm::fake_azure::kCompute;
using arm::fake_azure::kSub;
using arm::fake_azure::kWorkspace;
using ::testing::HasSubstr;

class AmlComputeCreateTest : public ::testing::Test {
 protected:
  AmlComputeCreateTest() {
    harness.azure.add_usage(
        kSub, "eastus",
        {"Standard_DSv2_Family_Cluster_Dedicated_vCPUs", "Standard DSv2 Family Cluster Dedicated vCPUs", 0, 24});
    harness.azure.add_usage(kSub, "eastus",
                            {"Total Cluster Dedicated Regional vCPUs", "Total Cluster Dedicated Regional vCPUs", 0, 100,
                             "Microsoft.MachineLearningServices/dedicatedCores/usages"});
  }

  AmlComputeRequest request(int max_nodes = 4, bool dry_run = false) {
    AmlComputeRequest r;
    r.workspace = *arm::ResourceId::parse(kWorkspace);
    r.name = "c1";
    r.spec.vm_size = "Standard_DS3_v2";
    r.spec.max_nodes = max_nodes;
    r.mode.dry_run = dry_run;
    return r;
  }

  std::vector<std::string> mutations() const {
    std::vector<std::string> out;
    for (const auto& r : harness.azure.requests())
      if (r.method != "GET" && r.path.starts_with("/subscriptions/")) out.push_back(r.method + " " + r.path);
    return out;
  }

  ArmHarness harness;
};

TEST_F(AmlComputeCreateTest, CreatesThenARerunSendsNoChange) {
  const auto created = create_aml_compute(*harness.client, request());
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->action, "created");
  EXPECT_EQ(mutations(), (std::vector<std::string>{"PUT " + kCompute}));
  harness.azure.clear_requests();
  const auto again = create_aml_compute(*harness.client, request());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->action, "unchanged");
  EXPECT_TRUE(mutations().empty());
}

TEST_F(AmlComputeCreateTest, MoreNodesThanTheQuotaAllowsIsRefusedBeforeAnythingIsSent) {
  const auto refused = create_aml_compute(*harness.client, request(100));
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message + ::testing::PrintToString(refused.error().details), HasSubstr("--max-nodes"));
  EXPECT_TRUE(mutations().empty());
  EXPECT_FALSE(harness.azure.resource(kCompute));
}

TEST_F(AmlComputeCreateTest, ADryRunPlansThePut) {
  const auto planned = create_aml_compute(*harness.client, request(4, true));
  ASSERT_TRUE(planned.ok()) << planned.error().message;
  EXPECT_EQ(planned->action, "would be created");
  ASSERT_EQ(planned->changes.size(), 1u);
  EXPECT_EQ(planned->changes[0].body["properties"]["computeType"], "AmlCompute");
  EXPECT_TRUE(mutations().empty());
}

}  // namespace
}  // namespace azureml::ops
