#include "core/config/k8s_names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace azureml::config {
namespace {

const std::string kNamespaceHint =
    "a namespace name uses lowercase letters, digits and '-', and starts and ends with a letter or digit";
const std::string kQualifiedRule =
    "alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character, at most 63 "
    "characters";
const std::string kPrefixHint = "a prefix is a lowercase DNS subdomain such as 'example.com', at most 253 characters";

// "ok", or the problem's message.
std::string verdict(const std::optional<NameProblem>& problem) { return problem ? problem->message : "ok"; }

NameProblem namespace_problem(std::string_view name) {
  auto problem = check_namespace_name(name);
  EXPECT_TRUE(problem.has_value()) << "'" << name << "' was accepted";
  return problem.value_or(NameProblem{});
}

NameProblem key_problem(std::string_view key) {
  auto problem = check_label_key(key);
  EXPECT_TRUE(problem.has_value()) << "'" << key << "' was accepted";
  return problem.value_or(NameProblem{});
}

NameProblem value_problem(std::string_view value) {
  auto problem = check_label_value(value);
  EXPECT_TRUE(problem.has_value()) << "'" << value << "' was accepted";
  return problem.value_or(NameProblem{});
}

// ---------------------------------------------------------------------------------------------
// NamespaceName

TEST(NamespaceName, ValidNames) {
  for (std::string_view name : {"default", "a", "0", "amlarc-testing", "a-b-c", "ns1", "1ns", "a--b", "kube-system"})
    EXPECT_EQ(verdict(check_namespace_name(name)), "ok") << name;
  EXPECT_EQ(verdict(check_namespace_name(std::string(63, 'a'))), "ok");
  EXPECT_EQ(verdict(check_namespace_name("a" + std::string(61, '-') + "z")), "ok");
}

TEST(NamespaceName, Empty) {
  const NameProblem problem = namespace_problem("");
  EXPECT_EQ(problem.message, "must not be empty");
  EXPECT_EQ(problem.hint, "remove it to use 'default'");
}

TEST(NamespaceName, TooLong) {
  const NameProblem problem = namespace_problem(std::string(64, 'a'));
  EXPECT_EQ(problem.message, "'" + std::string(64, 'a') + "' is 64 characters long");
  EXPECT_EQ(problem.hint, "a namespace name has at most 63 characters");
  // Length is reported before the characters.
  EXPECT_EQ(namespace_problem(std::string(70, 'A')).message, "'" + std::string(70, 'A') + "' is 70 characters long");
}

TEST(NamespaceName, UpperCaseSuggestsTheLowerCaseName) {
  const NameProblem problem = namespace_problem("AmlArc-Testing");
  EXPECT_EQ(problem.message, "'AmlArc-Testing' is not a valid namespace name");
  EXPECT_EQ(problem.hint, kNamespaceHint + ", e.g. 'amlarc-testing'");
}

TEST(NamespaceName, OtherInvalidNamesGiveTheRuleOnly) {
  for (std::string_view name : {"Bad_NS", "-a", "a-", "a.b", "a b", "a_b", "-", "é", "ns!", "UPPER-"}) {
    const NameProblem problem = namespace_problem(name);
    EXPECT_EQ(problem.message, "'" + std::string(name) + "' is not a valid namespace name") << name;
    EXPECT_EQ(problem.hint, kNamespaceHint) << name;
  }
}

// ---------------------------------------------------------------------------------------------
// LabelKey

TEST(LabelKey, ValidKeys) {
  for (std::string_view key :
       {"a", "accelerator", "VMSizes", "node.kubernetes.io/instance-type", "kubernetes.io/os", "example.com/x", "a_b",
        "A.b-C", "9", "nvidia.com/gpu.product", "a1.b2/c_3", "my-prefix/Name"})
    EXPECT_EQ(verdict(check_label_key(key)), "ok") << key;
  EXPECT_EQ(verdict(check_label_key(std::string(63, 'k'))), "ok");
  // A prefix may be 253 characters: four labels of 62, a label of 1 and four dots.
  const std::string label(62, 'p');
  const std::string prefix = label + "." + label + "." + label + "." + label + ".p";
  ASSERT_EQ(prefix.size(), 253u);
  EXPECT_EQ(verdict(check_label_key(prefix + "/name")), "ok");
}

TEST(LabelKey, Empty) {
  const NameProblem problem = key_problem("");
  EXPECT_EQ(problem.message, "a label key must not be empty");
  EXPECT_EQ(problem.hint, "");
}

TEST(LabelKey, InvalidName) {
  for (std::string_view key : {"Bad Key", "-a", "a-", "_a", "a.", "a/", "example.com/", "example.com/-x", "a!b"}) {
    const NameProblem problem = key_problem(key);
    EXPECT_EQ(problem.message, "label key '" + std::string(key) + "' is not a valid label name") << key;
    EXPECT_EQ(problem.hint, "a label name uses " + kQualifiedRule) << key;
  }
}

TEST(LabelKey, NamePartLongerThan63) {
  const std::string long_name(64, 'k');
  const NameProblem problem = key_problem(long_name);
  EXPECT_EQ(problem.message, "label key '" + long_name + "' has a name part 64 characters long");
  EXPECT_EQ(problem.hint, "the part after any '/' has at most 63 characters");
  const NameProblem prefixed = key_problem("example.com/" + long_name);
  EXPECT_EQ(prefixed.message, "label key 'example.com/" + long_name + "' has a name part 64 characters long");
  EXPECT_EQ(prefixed.hint, "the part after any '/' has at most 63 characters");
  // The length is reported before the characters.
  EXPECT_EQ(key_problem("-" + std::string(69, 'k')).message,
            "label key '-" + std::string(69, 'k') + "' has a name part 70 characters long");
  EXPECT_EQ(verdict(check_label_key("example.com/" + std::string(63, 'k'))), "ok");
}

TEST(LabelKey, InvalidPrefix) {
  for (std::string_view prefix : {"Example.com", "", "-a.com", "a-.com", "a..com", ".com", "com.", "a_b.com", "a b"}) {
    const std::string key = std::string(prefix) + "/name";
    const NameProblem problem = key_problem(key);
    EXPECT_EQ(problem.message, "label key '" + key + "' has an invalid prefix '" + std::string(prefix) + "'") << key;
    EXPECT_EQ(problem.hint, kPrefixHint) << key;
  }
  const std::string label(62, 'p');
  const std::string too_long = label + "." + label + "." + label + "." + label + ".pp";
  ASSERT_EQ(too_long.size(), 254u);
  EXPECT_EQ(key_problem(too_long + "/x").message,
            "label key '" + too_long + "/x' has an invalid prefix '" + too_long + "'");
}

TEST(LabelKey, MoreThanOneSlash) {
  const NameProblem problem = key_problem("a/b/c");
  EXPECT_EQ(problem.message, "label key 'a/b/c' has more than one '/'");
  EXPECT_EQ(problem.hint, "use prefix/name");
  // The prefix is checked first.
  EXPECT_EQ(key_problem("A/b/c").message, "label key 'A/b/c' has an invalid prefix 'A'");
}

TEST(LabelKey, PrefixPartsMayBeLongerThan63) {
  EXPECT_EQ(verdict(check_label_key(std::string(64, 'a') + ".com/x")), "ok");
  EXPECT_EQ(verdict(check_label_key(std::string(200, 'a') + "/x")), "ok");
  // Only the whole prefix is capped, at 253 characters.
  EXPECT_EQ(verdict(check_label_key(std::string(253, 'a') + "/x")), "ok");
  EXPECT_EQ(key_problem(std::string(254, 'a') + "/x").message,
            "label key '" + std::string(254, 'a') + "/x' has an invalid prefix '" + std::string(254, 'a') + "'");
}

// ---------------------------------------------------------------------------------------------
// LabelValue

TEST(LabelValue, ValidValues) {
  for (std::string_view value : {"", "a", "Z", "0", "nvidia-tesla-k80", "VM-64vCPU-256GB", "a.b_c-d", "1.2.3"})
    EXPECT_EQ(verdict(check_label_value(value)), "ok") << value;
  EXPECT_EQ(verdict(check_label_value(std::string(63, 'v'))), "ok");
}

TEST(LabelValue, InvalidValues) {
  for (std::string_view value : {"bad value!", "-a", "a-", "_a", "a_", ".a", "a.", "a/b", "a b", "é", "a:b"}) {
    const NameProblem problem = value_problem(value);
    EXPECT_EQ(problem.message, "label value '" + std::string(value) + "' is not valid") << value;
    EXPECT_EQ(problem.hint, "a label value is empty or uses " + kQualifiedRule) << value;
  }
}

TEST(LabelValue, LongerThan63) {
  const std::string long_value(64, 'v');
  const NameProblem problem = value_problem(long_value);
  EXPECT_EQ(problem.message, "label value '" + long_value + "' is 64 characters long");
  EXPECT_EQ(problem.hint, "a label value has at most 63 characters");
  // The length is reported before the characters.
  EXPECT_EQ(value_problem("-" + std::string(99, 'v')).message,
            "label value '-" + std::string(99, 'v') + "' is 100 characters long");
}

}  // namespace
}  // namespace azureml::config
