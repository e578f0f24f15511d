// attach_compute in-process, against the fake Azure: the requests of a first attach and of a
// re-run, a dry run's plan, and a compute that differs.
#include "core/ops/attach_compute.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/arm/fake_azure_arm_harness.h"

namespace azureml::ops {
namespace {

using arm::fake_azure::ArmHarness;
using arm::fake_azure::kCluster;
using arm::fake_azure::kCompute;
using arm::fake_azure::kWorkspace;
using ::testing::HasSubstr;

class AttachComputeTest : public ::testing::Test {
 protected:
  AttachComputeTest() { harness.azure.add_extension({.cluster_id = kCluster}); }

  AttachRequest request(bool dry_run = false) {
    AttachRequest r;
    r.workspace = *arm::ResourceId::parse(kWorkspace);
    r.cluster = *arm::ResourceId::parse(kCluster);
    r.name = "c1";
    r.mode.dry_run = dry_run;
    r.mode.progress = [this](const std::string& line) { said.push_back(line); };
    return r;
  }

  // "METHOD path" of the ARM requests (tokens left out).
  std::vector<std::string> arm_requests() const {
    std::vector<std::string> out;
    for (const auto& r : harness.azure.requests())
      if (r.path.starts_with("/subscriptions/")) out.push_back(r.method + " " + r.path);
    return out;
  }

  ArmHarness harness;
  std::vector<std::string> said;
};

TEST_F(AttachComputeTest, AttachesThenARerunIsUnchangedWithTwoRequests) {
  const auto first = attach_compute(*harness.client, request());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->action, "created");
  EXPECT_EQ(first->changes.size(), 1u);
  EXPECT_TRUE(harness.azure.resource(kCompute));
  // No kubectl context was given: the cluster checks are skipped, and said so.
  EXPECT_THAT(first->warnings, ::testing::ElementsAre(HasSubstr("preflight checks not run")));

  harness.azure.clear_requests();
  const auto again = attach_compute(*harness.client, request());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->action, "unchanged");
  EXPECT_TRUE(again->changes.empty());
  EXPECT_EQ(arm_requests(), (std::vector<std::string>{"GET " + kWorkspace, "GET " + kCompute}));
}

TEST_F(AttachComputeTest, ADryRunPlansThePutAndSendsNoChange) {
  const auto planned = attach_compute(*harness.client, request(true));
  ASSERT_TRUE(planned.ok()) << planned.error().message;
  EXPECT_EQ(planned->action, "would be created");
  ASSERT_EQ(planned->changes.size(), 1u);
  EXPECT_EQ(planned->changes[0].method, "PUT");
  EXPECT_EQ(planned->changes[0].body["properties"]["computeType"], "Kubernetes");
  EXPECT_FALSE(harness.azure.resource(kCompute));
  for (const auto& line : arm_requests()) EXPECT_TRUE(line.starts_with("GET ")) << line;
}

TEST_F(AttachComputeTest, AComputeWithOtherSettingsIsRefusedUnlessOverwritten) {
  ASSERT_TRUE(attach_compute(*harness.client, request()).ok());
  AttachRequest other = request();
  other.config.namespace_name = "elsewhere";
  const auto refused = attach_compute(*harness.client, other);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ExitCode::usage);
  EXPECT_THAT(refused.error().message, HasSubstr("already exists with other settings; nothing was changed"));
  EXPECT_THAT(::testing::PrintToString(refused.error().details), HasSubstr("namespace"));

  other.overwrite = true;
  const auto overwritten = attach_compute(*harness.client, other);
  ASSERT_TRUE(overwritten.ok()) << overwritten.error().message;
  EXPECT_EQ(overwritten->action, "updated");
  EXPECT_THAT(overwritten->notes, ::testing::Contains(HasSubstr("overwriting: namespace")));
}

TEST_F(AttachComputeTest, AClusterWithoutTheExtensionIsRefusedBeforeAnyChange) {
  ArmHarness bare;
  AttachRequest r = request();
  const auto refused = attach_compute(*bare.client, r);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("has no AzureML extension"));
  EXPECT_FALSE(bare.azure.resource(kCompute));
}

}  // namespace
}  // namespace azureml::ops
