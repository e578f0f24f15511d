#include "plugins/completion.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace azureml::cli {
namespace {

const FrontEnd kCompletionFrontEnd{"kubectl azureml", "table", {{"namespace", 'n'}}};

CompletionSources fixed_sources() {
  return {[](const Verb&, const std::vector<std::string>&) {
            return std::vector<std::string>{"arc-compute", "cpu-cluster"};
          },
          [](const Verb&, const std::vector<std::string>&) {
            return std::vector<std::string>{"cpu_small", "gpu_large"};
          }};
}

std::string complete_words(const std::vector<std::string>& words, const CompletionSources& sources = fixed_sources()) {
  return complete(verb_table(), kCompletionFrontEnd, words, sources);
}

TEST(Completion, VerbsAndGroupsByPrefix) {
  EXPECT_EQ(complete_words({"at"}), "attach\n:4\n");
  EXPECT_EQ(complete_words({"ex"}), "extension\n:4\n");
  EXPECT_EQ(complete_words({"extension", "i"}), "install\n:4\n");
  EXPECT_EQ(complete_words({"compute", "identity", ""}), "assign\nremove\n:4\n");
  EXPECT_EQ(complete_words({"nosuch", ""}), ":4\n");
}

TEST(Completion, FlagsOfTheVerbAndTheCommonOnes) {
  EXPECT_EQ(complete_words({"attach", "--ov"}), "--overwrite\n:4\n");
  EXPECT_THAT(complete_words({"validate", "-"}), ::testing::HasSubstr("--file\n-f\n"));
  EXPECT_THAT(complete_words({"validate", "--o"}), ::testing::HasSubstr("--output\n"));
}

TEST(Completion, ValuesOfFlags) {
  EXPECT_EQ(complete_words({"compute", "create", "--vm-priority", "l"}), "lowpriority\n:4\n");
  EXPECT_EQ(complete_words({"validate", "-o", ""}), "json\nyaml\ntable\nnone\n:4\n");
  EXPECT_EQ(complete_words({"attach", "-f", ""}), ":0\n");  // a FILE: the shell's own completion
  EXPECT_EQ(complete_words({"attach", "-w", ""}), ":4\n");
}

TEST(Completion, ComputeNamesForTheNameArgumentOnly) {
  std::vector<std::string> seen;
  CompletionSources names = fixed_sources();
  names.compute_names = [&seen](const Verb& verb, const std::vector<std::string>& typed) {
    seen = typed;
    EXPECT_EQ(verb.spec.name, "compute show");
    return std::vector<std::string>{"cpu-cluster", "gpu-cluster"};
  };
  EXPECT_EQ(complete_words({"compute", "show", "-w", "ws", "-g", "rg", "g"}, names), "gpu-cluster\n:4\n");
  EXPECT_EQ(seen, (std::vector<std::string>{"compute", "show", "-w", "ws", "-g", "rg"}));
  EXPECT_EQ(complete_words({"compute", "show", "cpu-cluster", ""}, names), ":4\n");  // NAME is typed already
}

TEST(Completion, InstanceTypesOfTheConfigurationTypedSoFar) {
  std::vector<std::string> seen;
  CompletionSources sources = fixed_sources();
  sources.instance_types = [&seen](const Verb& verb, const std::vector<std::string>& typed) {
    seen = typed;
    EXPECT_EQ(verb.spec.name, "doctor");
    return std::vector<std::string>{"cpu_small", "gpu_large", "gpu_small"};
  };
  EXPECT_EQ(complete_words({"doctor", "-f", "c.json", "--instance-type", "gpu"}, sources),
            "gpu_large\ngpu_small\n:4\n");
  // The lookup sees the words before the flag, which parse as the verb's options.
  EXPECT_EQ(seen, (std::vector<std::string>{"doctor", "-f", "c.json"}));
  // Not offered as a NAME or for another flag's value.
  EXPECT_EQ(complete_words({"doctor", "-w", ""}, sources), ":4\n");
}

}  // namespace
}  // namespace azureml::cli
