// `validate` through the real binary: examples, stdin, output formats, exit codes.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "run_binary.h"
#include "tests/unit/temp_dir.h"

using azureml::testing::run_binary;

TEST(Validate, AdvancedExampleIsValidAndNormalized) {
  auto run = run_binary({"validate", "-f", "examples/attach-advanced.json", "-o", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["namespace"], "amlarc-testing");
  EXPECT_EQ(json["defaultInstanceType"], "gpu_instance");
  EXPECT_EQ(json["instanceTypes"]["gpu_instance"]["nodeSelector"]["accelerator"], "nvidia-tesla-k80");
  EXPECT_EQ(json["instanceTypes"]["big_cpu_sku"]["resources"]["limits"]["cpu"], "4");
}

TEST(Validate, DefaultExampleIsValid) {
  auto run = run_binary({"validate", "-f", "examples/attach-default.json", "-o", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto json = nlohmann::json::parse(run.out);
  EXPECT_TRUE(json["instanceTypes"]["defaultInstanceType"]["nodeSelector"].is_null());
}

TEST(Validate, YamlAndJsonExamplesNormalizeIdentically) {
  auto json = run_binary({"validate", "-f", "examples/attach-advanced.json", "-o", "json"});
  auto yaml = run_binary({"validate", "-f", "examples/attach-advanced.yaml", "-o", "json"});
  ASSERT_EQ(yaml.exit_code, 0) << yaml.err;
  EXPECT_EQ(json.out, yaml.out);
}

TEST(Validate, EmptyConfigurationShowsTheServiceDefault) {
  auto run = run_binary({"validate", "-f", "-", "-o", "json"}, "{}");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["namespace"], "default");
  EXPECT_EQ(json["defaultInstanceType"], "defaultInstanceType");
  const auto& requests = json["instanceTypes"]["defaultInstanceType"]["resources"]["requests"];
  EXPECT_EQ(requests["cpu"], "1");
  EXPECT_EQ(requests["memory"], "4Gi");
  EXPECT_EQ(requests["nvidia.com/gpu"], "0");
}

TEST(Validate, StdinIsDetectedByContentAndNamedStdin) {
  auto run = run_binary({"validate", "-f", "-"}, "namespace: Bad_NS\n");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("<stdin>:1:12: error: namespace: 'Bad_NS' is not a valid namespace name"), std::string::npos)
      << run.err;
}

TEST(Validate, JsonOutputGivesDiagnosticsAsAnArray) {
  auto run = run_binary({"validate", "-f", "-", "-o", "json"}, "{\"namespace\": 5, \"instanceType\": {}}");
  EXPECT_EQ(run.exit_code, 2);
  auto json = nlohmann::json::parse(run.out);
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["path"], "namespace");
  EXPECT_EQ(json[0]["line"], 1);
  EXPECT_EQ(json[0]["column"], 15);
  EXPECT_EQ(json[0]["severity"], "error");
  EXPECT_EQ(json[1]["message"], "unknown field 'instanceType'");
  EXPECT_NE(json[1]["hint"].get<std::string>().find("did you mean 'instanceTypes'?"), std::string::npos);
}

TEST(Validate, YamlOutputRoundTripsTheNormalizedConfiguration) {
  auto yaml = run_binary({"validate", "-f", "examples/attach-advanced.json", "-o", "yaml"});
  ASSERT_EQ(yaml.exit_code, 0);
  EXPECT_NE(yaml.out.find("cpu: \"2\"\n"), std::string::npos) << yaml.out;  // a string, not a number
  auto again = run_binary({"validate", "-f", "-", "-o", "json"}, yaml.out);
  auto json = run_binary({"validate", "-f", "examples/attach-advanced.json", "-o", "json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, json.out);
}

TEST(Validate, TableListsInstanceTypes) {
  auto run = run_binary({"validate", "-f", "examples/attach-advanced.json"});
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("NAMESPACE"), std::string::npos);
  EXPECT_NE(run.out.find("gpu_instance"), std::string::npos);
  EXPECT_NE(run.out.find("accelerator=nvidia-tesla-k80"), std::string::npos);
  EXPECT_NE(run.out.find("16Gi/16Gi"), std::string::npos);
}

TEST(Validate, OutputNonePrintsNothingButKeepsTheExitCode) {
  auto ok = run_binary({"validate", "-f", "examples/attach-advanced.json", "-o", "none"});
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_EQ(ok.out, "");
  auto bad = run_binary({"validate", "-f", "-", "-o", "none"}, "namespace: [");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
}

TEST(Validate, MissingFileIsInvalidInput) {
  auto run = run_binary({"validate", "-f", "does/not/exist.yaml"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("does/not/exist.yaml: error: cannot read 'does/not/exist.yaml': No such file or directory"),
            std::string::npos)
      << run.err;
}

TEST(Validate, WarningsDoNotFailValidation) {
  auto run = run_binary({"validate", "-f", "-", "-o", "json"},
                        "defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources:\n      limits: {memory: 400m}\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("<stdin>:5:24: warning: instanceTypes.a.resources.limits.memory: '400m' means 0.4 bytes"),
            std::string::npos)
      << run.err;
}

TEST(Validate, CompletionOffersTheInstanceTypesOfTheFileTyped) {
  auto run = run_binary({"__complete", "doctor", "-f", "examples/attach-advanced.yaml", "--instance-type", ""});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "gpu_instance\nbig_cpu_sku\n:4\n");
  // Without -f: the service's default; with a file that does not load: nothing.
  EXPECT_EQ(run_binary({"__complete", "doctor", "--instance-type", ""}).out, "defaultInstanceType\n:4\n");
  EXPECT_EQ(run_binary({"__complete", "doctor", "-f", "nosuch.json", "--instance-type", ""}).out, ":4\n");
}

// An offline verb starts no thread: no signal watcher, so Ctrl-C ends it at once, even while it
// waits on its input (before, the watcher took the signal and validate kept reading).
TEST(Validate, AnOfflineVerbStartsNoThreadAndCtrlCEndsIt) {
  azureml::test::TempDir dir;
  const std::string fifo = (dir.path() / "config.json").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  azureml::testing::RunningBinary running({"validate", "-f", fifo});
  // Opening the FIFO for writing returns once validate has opened it for reading: it is past its
  // start and waits on the input.
  const int writer = open(fifo.c_str(), O_WRONLY);
  ASSERT_GE(writer, 0);
  std::size_t threads = 0;
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(running.pid()) + "/task")) {
    (void)task;
    ++threads;
  }
  EXPECT_EQ(threads, 1u);
  running.signal(SIGINT);
  const auto run = running.finish();
  close(writer);
  EXPECT_EQ(run.exit_code, 128 + SIGINT) << run.err;
}
