// Re-runs converge against a service that rewrites what it was sent (the fake's normalizing
// mode, tests/fakes/normalized_answers.h): quantities in other units, names re-cased, empty node
// selectors as null, fields added. Each re-run runs against the plain fake and the normalizing
// one, and must send no change to either; a real difference is still one.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/integration/extension_fixture.h"

namespace azureml::testing {
namespace {

using nlohmann::json;

const std::string kArcCompute = kWorkspaceId + "/computes/arc";
const std::string kCpuCluster = kWorkspaceId + "/computes/cpu";

// Written the way a user writes it: whole cores, Gi, a type name with capitals, an empty
// node selector, a GPU count of zero.
const char* kHandWrittenConfig = R"({
  "namespace": "azureml",
  "defaultInstanceType": "cpuSmall",
  "instanceTypes": {
    "cpuSmall": {"nodeSelector": {},
                 "resources": {"requests": {"cpu": "1", "memory": "4Gi"}, "limits": {"cpu": "2", "memory": "8Gi",
                                                                                       "nvidia.com/gpu": "0"}}},
    "gpuLarge": {"nodeSelector": {"agentpool": "gpu"},
                 "resources": {"requests": {"cpu": "4", "memory": "16Gi"}, "limits": {"nvidia.com/gpu": "1"}}}
  }
})";

fakes::FakeAzureOptions service(bool normalizing) {
  fakes::FakeAzureOptions options;
  options.normalize_answers = normalizing;
  return options;
}

class NormalizedServiceTest : public ExtensionTest, public ::testing::WithParamInterface<bool> {
 protected:
  NormalizedServiceTest() : ExtensionTest(service(GetParam())) {}

  void SetUp() override {
    ExtensionTest::SetUp();
    config = dir.write("attach.json", kHandWrittenConfig);
  }

  ExtensionRun attach(const std::string& file) const {
    ExtensionRun result{run({"attach", "arc", "-w", kWorkspaceName, "-g", kGroup, "--kubeconfig", kubeconfig, "-f",
                             file, "--skip-preflight", "-o", "json"}),
                        nullptr};
    result.out = json::parse(result.run.out, nullptr, false);
    return result;
  }

  // What a run sent that changes something.
  std::vector<std::string> changes() const {
    std::vector<std::string> out;
    for (const auto& line : arm_requests())
      if (!line.starts_with("GET ")) out.push_back(line);
    return out;
  }

  std::string config;
};

TEST_P(NormalizedServiceTest, AttachRerunSendsNothing) {
  azure.add_extension({.cluster_id = kArcClusterId, .name = "azureml"});
  const auto first = attach(config);
  ASSERT_EQ(first.run.exit_code, 0) << first.run.err;
  if (GetParam()) {  // the service did rewrite it, else this test would prove nothing
    const json stored = *azure.resource(kArcCompute);
    EXPECT_EQ(stored["properties"]["properties"]["instanceTypes"]["cpusmall"]["resources"]["requests"]["memory"],
              "4294967296")
        << stored.dump();
  }
  azure.clear_requests();
  const auto again = attach(config);
  ASSERT_EQ(again.run.exit_code, 0) << again.run.err;
  EXPECT_EQ(again.out["action"], "unchanged") << again.run.err;
  EXPECT_TRUE(changes().empty());
}

TEST_P(NormalizedServiceTest, ARealDifferenceIsStillOne) {
  azure.add_extension({.cluster_id = kArcClusterId, .name = "azureml"});
  ASSERT_EQ(attach(config).run.exit_code, 0);
  std::string more_cpu = kHandWrittenConfig;
  more_cpu.replace(more_cpu.find(R"("cpu": "4")"), 10, R"("cpu": "5")");
  const auto changed = attach(dir.write("more-cpu.json", more_cpu));
  EXPECT_EQ(changed.run.exit_code, 2);
  EXPECT_NE(changed.run.err.find("instance type gpuLarge changed"), std::string::npos) << changed.run.err;
  std::string no_label = kHandWrittenConfig;
  no_label.replace(no_label.find(R"({"agentpool": "gpu"})"), 20, "{}");
  const auto unlabelled = attach(dir.write("no-label.json", no_label));
  EXPECT_EQ(unlabelled.run.exit_code, 2);
  EXPECT_NE(unlabelled.run.err.find("instance type gpuLarge changed"), std::string::npos) << unlabelled.run.err;
}

TEST_P(NormalizedServiceTest, ComputeCreateRerunSendsNothing) {
  const std::vector<std::string> create = {"compute",
                                           "create",
                                           "cpu",
                                           "-w",
                                           kWorkspaceName,
                                           "-g",
                                           kGroup,
                                           "--vm-size",
                                           "Standard_DS3_v2",
                                           "--max-nodes",
                                           "4",
                                           "--idle-seconds-before-scaledown",
                                           "300",
                                           "-o",
                                           "json"};
  const auto first = run(create);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  azure.clear_requests();
  const auto again = run(create);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(json::parse(again.out)["action"], "unchanged") << again.err;
  EXPECT_TRUE(changes().empty());
}

TEST_P(NormalizedServiceTest, ExtensionInstallRerunSendsNothing) {
  const auto first = install();
  ASSERT_EQ(first.run.exit_code, 0) << first.run.err;
  azure.clear_requests();
  const auto again = install();
  ASSERT_EQ(again.run.exit_code, 0) << again.run.err;
  EXPECT_EQ(again.out["action"], "unchanged") << again.run.err;
  EXPECT_TRUE(changes().empty());
}

INSTANTIATE_TEST_SUITE_P(Services, NormalizedServiceTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param) {
                           return param.param ? "normalizing" : "plain";
                         });

}  // namespace
}  // namespace azureml::testing
