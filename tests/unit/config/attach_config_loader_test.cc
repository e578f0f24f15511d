#include "core/config/attach_config_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/json_reader.h"
#include "core/config/yaml_reader.h"

namespace azureml::config {
namespace {

using ::testing::ElementsAre;
using json = nlohmann::ordered_json;

std::string read_example(const std::string& name) {
  std::ifstream file(std::string(AZUREML_SOURCE_DIR) + "/examples/" + name, std::ios::binary);
  EXPECT_TRUE(file.good()) << name;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

Node json_document(std::string_view text) {
  auto parsed = read_json(text);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message) << "\n" << text;
  return parsed.ok() ? parsed.value() : Node();
}

Node yaml_document(std::string_view text) {
  auto parsed = read_yaml(text);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message) << "\n" << text;
  return parsed.ok() ? parsed.value() : Node();
}

AttachConfigLoad load_json(std::string_view text) { return load_attach_config(json_document(text)); }
AttachConfigLoad load_yaml(std::string_view text) { return load_attach_config(yaml_document(text)); }

// Every diagnostic as `validate` prints it, for file "f".
std::vector<std::string> lines(const AttachConfigLoad& load) {
  std::vector<std::string> out;
  for (const auto& d : load.diagnostics) out.push_back(format(d, "f"));
  return out;
}

// The one diagnostic of a document expected to have exactly one.
Diagnostic only(const AttachConfigLoad& load) {
  EXPECT_EQ(load.diagnostics.size(), 1u) << ::testing::PrintToString(lines(load));
  return load.diagnostics.empty() ? Diagnostic{} : load.diagnostics.front();
}

json normalized(const AttachConfigLoad& load) {
  EXPECT_TRUE(load.config.has_value()) << ::testing::PrintToString(lines(load));
  return load.config ? to_json(*load.config) : json();
}

const json kServiceDefault = json::parse(R"({
  "namespace": "default",
  "defaultInstanceType": "defaultInstanceType",
  "instanceTypes": {"defaultInstanceType": {"nodeSelector": null, "resources": {
    "requests": {"cpu": "1", "memory": "4Gi", "nvidia.com/gpu": "0"},
    "limits": {"cpu": "1", "memory": "4Gi", "nvidia.com/gpu": "0"}}}}})");

const std::string kQuantityExamples = "e.g. cpu '2' or '500m', memory '16Gi' or '512Mi', nvidia.com/gpu '1'";
const std::string kQuantityTypeHint = "write a quantity as a string such as \"2\", \"500m\" or \"16Gi\"";
const std::string kInstanceTypeNameRule =
    "use letters, digits, '_', '-' or '.', starting with a letter or digit, at most 63 characters";

// ---------------------------------------------------------------------------------------------
// AttachConfigExamples: the product documentation's examples.

TEST(AttachConfigExamples, AdvancedLoadsCleanAndNormalizesToItself) {
  const std::string text = read_example("attach-advanced.json");
  const AttachConfigLoad load = load_json(text);
  EXPECT_THAT(lines(load), ElementsAre());
  ASSERT_TRUE(load.config.has_value());
  const AttachConfig& config = *load.config;
  EXPECT_EQ(config.namespace_name, "amlarc-testing");
  EXPECT_EQ(config.default_instance_type, "gpu_instance");
  EXPECT_FALSE(config.uses_service_default);
  ASSERT_EQ(config.instance_types.size(), 2u);
  EXPECT_EQ(config.instance_types[0].name, "gpu_instance");
  EXPECT_EQ(config.instance_types[1].name, "big_cpu_sku");
  ASSERT_TRUE(config.instance_types[0].node_selector.has_value());
  EXPECT_EQ(*config.instance_types[0].node_selector, (LabelSelector{{"accelerator", "nvidia-tesla-k80"}}));
  ASSERT_TRUE(config.instance_types[1].requests.has_value());
  const ResourceList& requests = *config.instance_types[1].requests;
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].first, "cpu");
  EXPECT_EQ(requests[0].second.text(), "4");
  EXPECT_EQ(requests[1].first, "memory");
  EXPECT_EQ(requests[1].second.text(), "16Gi");
  EXPECT_EQ(requests[2].first, "nvidia.com/gpu");
  EXPECT_EQ(requests[2].second.text(), "0");
  EXPECT_EQ(to_json(config), json::parse(text));
}

TEST(AttachConfigExamples, DefaultLoadsCleanAndNormalizesToItself) {
  const std::string text = read_example("attach-default.json");
  const AttachConfigLoad load = load_json(text);
  EXPECT_THAT(lines(load), ElementsAre());
  ASSERT_TRUE(load.config.has_value());
  EXPECT_EQ(load.config->namespace_name, "default");
  EXPECT_EQ(load.config->default_instance_type, "defaultInstanceType");
  ASSERT_EQ(load.config->instance_types.size(), 1u);
  EXPECT_FALSE(load.config->instance_types[0].node_selector.has_value());
  EXPECT_EQ(to_json(*load.config), json::parse(text));
  EXPECT_EQ(to_json(*load.config), kServiceDefault);
}

TEST(AttachConfigExamples, YamlAdvancedMeansTheSameAsJson) {
  const AttachConfigLoad load = load_yaml(read_example("attach-advanced.yaml"));
  EXPECT_THAT(lines(load), ElementsAre());
  EXPECT_EQ(normalized(load), json::parse(read_example("attach-advanced.json")));
}

// ---------------------------------------------------------------------------------------------
// AttachConfigServiceDefault

TEST(AttachConfigServiceDefault, TheConfigurationWithNothingGiven) {
  const AttachConfig config = service_default_config();
  EXPECT_TRUE(config.uses_service_default);
  EXPECT_EQ(config.namespace_name, "default");
  EXPECT_EQ(config.default_instance_type, "defaultInstanceType");
  EXPECT_EQ(to_json(config), kServiceDefault);
}

TEST(AttachConfigServiceDefault, AppliesWhenNoInstanceTypesAreGiven) {
  for (std::string_view text : {"{}", R"({"instanceTypes": null})", R"({"namespace": null})",
                                R"({"defaultInstanceType": "defaultInstanceType"})",
                                R"({"defaultInstanceType": null, "instanceTypes": null, "namespace": null})"}) {
    const AttachConfigLoad load = load_json(text);
    EXPECT_THAT(lines(load), ElementsAre()) << text;
    ASSERT_TRUE(load.config.has_value()) << text;
    EXPECT_TRUE(load.config->uses_service_default) << text;
    EXPECT_EQ(to_json(*load.config), kServiceDefault) << text;
  }
}

TEST(AttachConfigServiceDefault, KeepsTheNamespaceGiven) {
  const AttachConfigLoad load = load_yaml("namespace: amlarc-testing\n");
  json expected = kServiceDefault;
  expected["namespace"] = "amlarc-testing";
  EXPECT_EQ(normalized(load), expected);
  EXPECT_TRUE(load.config->uses_service_default);
}

// ---------------------------------------------------------------------------------------------
// AttachConfigRules: one document per rule, each with its exact diagnostic.

TEST(AttachConfigRules, DiagnosticFields) {
  const Diagnostic d = only(load_yaml("namespace: Bad_NS\n"));
  EXPECT_EQ(d.severity, Severity::error);
  EXPECT_EQ(to_string(d.position), "1:12");
  EXPECT_EQ(d.path, "namespace");
  EXPECT_EQ(d.message, "'Bad_NS' is not a valid namespace name");
  EXPECT_EQ(d.hint,
            "a namespace name uses lowercase letters, digits and '-', and starts and ends with a letter or digit");
}

TEST(AttachConfigRules, RootMustBeAMap) {
  const std::string hint = "(expected keys 'namespace', 'defaultInstanceType' and 'instanceTypes')";
  EXPECT_THAT(lines(load_json("[]")),
              ElementsAre("f:1:1: error: the configuration must be a map, found a list " + hint));
  EXPECT_THAT(lines(load_json("  5")),
              ElementsAre("f:1:3: error: the configuration must be a map, found a number " + hint));
  EXPECT_THAT(lines(load_json("\"x\"")),
              ElementsAre("f:1:1: error: the configuration must be a map, found a string " + hint));
  EXPECT_THAT(lines(load_yaml("- a\n")),
              ElementsAre("f:1:1: error: the configuration must be a map, found a list " + hint));
  EXPECT_FALSE(load_json("[]").config.has_value());
  // A null document is not "nothing given": only {} means the service default.
  EXPECT_THAT(lines(load_json("null")),
              ElementsAre("f:1:1: error: the configuration must be a map, found null " + hint));
  EXPECT_THAT(lines(load_json("\n  null")),
              ElementsAre("f:2:3: error: the configuration must be a map, found null " + hint));
  EXPECT_FALSE(load_json("null").config.has_value());
}

TEST(AttachConfigRules, UnknownAndDuplicateTopLevelFields) {
  EXPECT_THAT(lines(load_yaml("instanceType: {}\nnamspace: x\nextra: 1\n")),
              ElementsAre("f:1:1: error: instanceType: unknown field 'instanceType' (did you mean 'instanceTypes'? "
                          "allowed: 'namespace', 'defaultInstanceType' or 'instanceTypes')",
                          "f:2:1: error: namspace: unknown field 'namspace' (did you mean 'namespace'? allowed: "
                          "'namespace', 'defaultInstanceType' or 'instanceTypes')",
                          "f:3:1: error: extra: unknown field 'extra' (allowed: 'namespace', 'defaultInstanceType' or "
                          "'instanceTypes')"));
  EXPECT_THAT(lines(load_yaml("namespace: ns\nnamespace: other\n")),
              ElementsAre("f:2:1: error: namespace: duplicate key 'namespace' (first defined at line 1, column 1; "
                          "keep one)"));
  EXPECT_THAT(lines(load_json(R"({"namespace": "a", "namespace": "b"})")),
              ElementsAre("f:1:20: error: namespace: duplicate key 'namespace' (first defined at line 1, column 2; "
                          "keep one)"));
}

TEST(AttachConfigRules, Namespace) {
  EXPECT_THAT(lines(load_yaml("namespace: 5\n")),
              ElementsAre("f:1:12: error: namespace: must be a string, found a number (5) (write it as a string: "
                          "\"5\")"));
  EXPECT_THAT(lines(load_json(R"({"namespace": true})")),
              ElementsAre("f:1:15: error: namespace: must be a string, found a boolean (true) (write it as a string: "
                          "\"true\")"));
  EXPECT_THAT(lines(load_json(R"({"namespace": ["a"]})")),
              ElementsAre("f:1:15: error: namespace: must be a string, found a list"));
  EXPECT_THAT(lines(load_yaml("namespace: \"\"\n")),
              ElementsAre("f:1:12: error: namespace: must not be empty (remove it to use 'default')"));
  EXPECT_THAT(lines(load_yaml("namespace: " + std::string(64, 'n') + "\n")),
              ElementsAre("f:1:12: error: namespace: '" + std::string(64, 'n') +
                          "' is 64 characters long (a namespace name has at most 63 characters)"));
  EXPECT_THAT(lines(load_yaml("namespace: AmlArc\n")),
              ElementsAre("f:1:12: error: namespace: 'AmlArc' is not a valid namespace name (a namespace name uses "
                          "lowercase letters, digits and '-', and starts and ends with a letter or digit, e.g. "
                          "'amlarc')"));
}

TEST(AttachConfigRules, DefaultInstanceType) {
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\n")),
              ElementsAre("f:1:22: error: defaultInstanceType: 'a' is not defined: there is no instanceTypes (define "
                          "instanceTypes.a, or remove defaultInstanceType to use the service default "
                          "'defaultInstanceType')"));
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a b\n")),
              ElementsAre("f:1:22: error: defaultInstanceType: 'a b' is not defined: there is no instanceTypes (define "
                          "instanceTypes[\"a b\"], or remove defaultInstanceType to use the service default "
                          "'defaultInstanceType')"));
  EXPECT_THAT(lines(load_json(R"({"defaultInstanceType": "gpu.large"})")),
              ElementsAre("f:1:25: error: defaultInstanceType: 'gpu.large' is not defined: there is no instanceTypes "
                          "(define instanceTypes[\"gpu.large\"], or remove defaultInstanceType to use the service "
                          "default 'defaultInstanceType')"));
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: 5\ninstanceTypes:\n  a: {}\n")),
              ElementsAre("f:1:22: error: defaultInstanceType: must be a string, found a number (5) (write it as a "
                          "string: \"5\")"));
  EXPECT_THAT(lines(load_json(R"({"defaultInstanceType": false, "instanceTypes": {"a": {}}})")),
              ElementsAre("f:1:25: error: defaultInstanceType: must be a string, found a boolean (false) (write it "
                          "as a string: \"false\")"));
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: [a]\ninstanceTypes:\n  a: {}\n")),
              ElementsAre("f:1:22: error: defaultInstanceType: must be a string, found a list"));
  EXPECT_THAT(lines(load_yaml("namespace: ns\ninstanceTypes:\n  a: {}\n  b: {}\n")),
              ElementsAre("f:2:1: error: defaultInstanceType: missing; it is required when instanceTypes is given "
                          "(set it to one of 'a' or 'b')"));
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: gpu\ninstanceTypes:\n  gpuu: {}\n  cpu: {}\n")),
              ElementsAre("f:1:22: error: defaultInstanceType: 'gpu' is not one of the instanceTypes (did you mean "
                          "'gpuu'? defined: 'gpuu' or 'cpu')"));
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: zzzz\ninstanceTypes:\n  a: {}\n")),
              ElementsAre("f:1:22: error: defaultInstanceType: 'zzzz' is not one of the instanceTypes (defined: 'a')"));
}

TEST(AttachConfigRules, EmptyDefaultInstanceTypeIsOneError) {
  const std::string empty =
      "error: defaultInstanceType: must not be empty (name one of the instanceTypes, or remove it to use the service "
      "default)";
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: \"\"\ninstanceTypes:\n  a: {}\n")),
              ElementsAre("f:1:22: " + empty));
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: \"\"\n")), ElementsAre("f:1:22: " + empty));
  EXPECT_THAT(lines(load_json(R"({"instanceTypes": {"a": {}}, "defaultInstanceType": ""})")),
              ElementsAre("f:1:53: " + empty));
  EXPECT_FALSE(load_yaml("defaultInstanceType: \"\"\ninstanceTypes:\n  a: {}\n").config.has_value());
}

TEST(AttachConfigRules, InstanceTypes) {
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\ninstanceTypes: {}\n")),
              ElementsAre("f:2:16: error: instanceTypes: defines no instance type (define at least one, or remove "
                          "instanceTypes to use the service default)"));
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\ninstanceTypes: [1]\n")),
              ElementsAre("f:2:16: error: instanceTypes: must be a map, found a list (a map of instance type name to "
                          "its nodeSelector and resources)"));
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n  a:\n")),
              ElementsAre("f:4:3: error: instanceTypes.a: duplicate key 'a' (first defined at line 3, column 3; keep "
                          "one)"));
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a: 5\n")),
              ElementsAre("f:3:6: error: instanceTypes.a: must be a map, found a number (5) (a map with nodeSelector "
                          "and resources)"));
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n    nodeselector: {}\n")),
              ElementsAre("f:4:5: error: instanceTypes.a.nodeselector: unknown field 'nodeselector' (did you mean "
                          "'nodeSelector'? allowed: 'nodeSelector' or 'resources')"));
}

TEST(AttachConfigRules, InstanceTypeNames) {
  const std::string long_name(64, 'x');
  EXPECT_THAT(
      lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  -a: {}\n  \"b c\": {}\n  _a: {}\n  " + long_name +
                      ": {}\n  a: {}\n  " + std::string(63, 'y') + ": {}\n  a.b_c-9: {}\n")),
      ElementsAre(
          "f:3:3: error: instanceTypes.-a: '-a' is not a valid instance type name (" + kInstanceTypeNameRule + ")",
          "f:4:3: error: instanceTypes[\"b c\"]: 'b c' is not a valid instance type name (" + kInstanceTypeNameRule +
              ")",
          "f:5:3: error: instanceTypes._a: '_a' is not a valid instance type name (" + kInstanceTypeNameRule + ")",
          "f:6:3: error: instanceTypes." + long_name + ": '" + long_name + "' is not a valid instance type name (" +
              kInstanceTypeNameRule + ")"));
}

TEST(AttachConfigRules, NodeSelector) {
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n    nodeSelector: [x]\n")),
              ElementsAre("f:4:19: error: instanceTypes.a.nodeSelector: must be a map, found a list (a map of node "
                          "label to value, or null)"));
  EXPECT_THAT(
      lines(load_yaml("defaultInstanceType: a\n"
                      "instanceTypes:\n"
                      "  a:\n"
                      "    nodeSelector:\n"
                      "      Bad Key: x\n"
                      "      good: \"bad value!\"\n"
                      "      num: 5\n"
                      "      t: true\n"
                      "      n: null\n"
                      "      k8s.io/role: gpu\n"
                      "      Example.com/x: y\n"
                      "      a/b/c: d\n"
                      "      k8s.io/role: cpu\n")),
      ElementsAre(
          "f:5:7: error: instanceTypes.a.nodeSelector[\"Bad Key\"]: label key 'Bad Key' is not a valid label name (a "
          "label name uses alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric "
          "character, at most 63 characters)",
          "f:6:13: error: instanceTypes.a.nodeSelector.good: label value 'bad value!' is not valid (a label value is "
          "empty or uses alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric "
          "character, at most 63 characters)",
          "f:7:12: error: instanceTypes.a.nodeSelector.num: must be a string, found a number (label values are "
          "strings: quote it, \"5\")",
          "f:8:10: error: instanceTypes.a.nodeSelector.t: must be a string, found a boolean (label values are "
          "strings: quote it, \"true\")",
          "f:9:10: error: instanceTypes.a.nodeSelector.n: must be a string, found null (label values are "
          "strings; for an empty value write \"\")",
          "f:11:7: error: instanceTypes.a.nodeSelector[\"Example.com/x\"]: label key 'Example.com/x' has an invalid "
          "prefix 'Example.com' (a prefix is a lowercase DNS subdomain such as 'example.com', at most 253 "
          "characters)",
          "f:12:7: error: instanceTypes.a.nodeSelector[\"a/b/c\"]: label key 'a/b/c' has more than one '/' (use "
          "prefix/name)",
          "f:13:7: error: instanceTypes.a.nodeSelector[\"k8s.io/role\"]: duplicate key 'k8s.io/role' (first defined "
          "at line 10, column 7; keep one)"));
}

TEST(AttachConfigRules, ResourcesShape) {
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources: []\n")),
              ElementsAre("f:4:16: error: instanceTypes.a.resources: must be a map, found a list (a map with requests "
                          "and limits)"));
  EXPECT_THAT(
      lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources:\n      request: {}\n      limits: "
                      "5\n      requests:\n        gpu: 1\n        memory: {}\n")),
      ElementsAre("f:5:7: error: instanceTypes.a.resources.request: unknown field 'request' (did you mean 'requests'? "
                  "allowed: 'requests' or 'limits')",
                  "f:6:15: error: instanceTypes.a.resources.limits: must be a map, found a number (5) (a map of "
                  "resource name to quantity)",
                  "f:8:9: error: instanceTypes.a.resources.requests.gpu: unknown resource 'gpu' (did you mean "
                  "'nvidia.com/gpu'? allowed: 'cpu', 'memory' or 'nvidia.com/gpu')",
                  "f:9:17: error: instanceTypes.a.resources.requests.memory: must be a quantity, found a map (" +
                      kQuantityTypeHint + ")"));
  EXPECT_THAT(
      lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources:\n      limits: {cpu: [1]}\n")),
      ElementsAre("f:5:21: error: instanceTypes.a.resources.limits.cpu: must be a quantity, found a list (" +
                  kQuantityTypeHint + ")"));
}

TEST(AttachConfigRules, Amounts) {
  EXPECT_THAT(
      lines(load_yaml("defaultInstanceType: a\n"
                      "instanceTypes:\n"
                      "  a:\n"
                      "    resources:\n"
                      "      limits:\n"
                      "        cpu: -1\n"
                      "        memory: 1Gb\n"
                      "        nvidia.com/gpu: 0.5\n"
                      "      requests: {cpu: 0.0001, memory: true}\n")),
      ElementsAre("f:6:14: error: instanceTypes.a.resources.limits.cpu: '-1' is negative (resource amounts are zero or "
                  "more)",
                  "f:7:17: error: instanceTypes.a.resources.limits.memory: '1Gb' is not a Kubernetes quantity: "
                  "unknown suffix 'Gb' (use one of: n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an "
                  "exponent such as e3)",
                  "f:8:25: error: instanceTypes.a.resources.limits[\"nvidia.com/gpu\"]: '0.5' is not a whole number "
                  "of GPUs (GPUs are not shared: use 0, 1, 2, ...)",
                  "f:9:23: error: instanceTypes.a.resources.requests.cpu: '0.0001' is finer than one millicore "
                  "(Kubernetes counts CPU in steps of 1m, e.g. '100m' or '0.5')",
                  "f:9:39: error: instanceTypes.a.resources.requests.memory: must be a quantity, found a boolean "
                  "(true) (" +
                      kQuantityTypeHint + ")"));
}

TEST(AttachConfigRules, QuantityErrorsWithoutTheirOwnHintGetExamples) {
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources:\n      limits:\n"
                              "        cpu: abc\n        memory: \"\"\n")),
              ElementsAre("f:6:14: error: instanceTypes.a.resources.limits.cpu: 'abc' is not a Kubernetes quantity: "
                          "expected a digit at character 1 but found 'a' (" +
                              kQuantityExamples + ")",
                          "f:7:17: error: instanceTypes.a.resources.limits.memory: '' is not a Kubernetes quantity: "
                          "it is empty (" +
                              kQuantityExamples + ")"));
}

TEST(AttachConfigRules, RequestsWithinLimits) {
  EXPECT_THAT(
      lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources:\n"
                      "      requests: {cpu: 2, memory: 2Gi, nvidia.com/gpu: 1}\n"
                      "      limits: {cpu: 1, memory: 1Gi, nvidia.com/gpu: 2}\n")),
      ElementsAre("f:5:23: error: instanceTypes.a.resources.requests.cpu: request '2' is greater than the limit '1' "
                  "(lower the request, or raise limits.cpu at line 6, column 21)",
                  "f:5:34: error: instanceTypes.a.resources.requests.memory: request '2Gi' is greater than the limit "
                  "'1Gi' (lower the request, or raise limits.memory at line 6, column 32)",
                  "f:5:55: error: instanceTypes.a.resources.requests[\"nvidia.com/gpu\"]: request '1' differs from the "
                  "limit '2' (GPUs cannot be overcommitted: set requests and limits to the same number)"));
  // Compared by value, not by text.
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources:\n"
                              "      requests: {cpu: 1000m, memory: 1Gi, nvidia.com/gpu: \"1\"}\n"
                              "      limits: {cpu: \"1\", memory: 1073741824, nvidia.com/gpu: 1.0}\n")),
              ElementsAre());
  EXPECT_THAT(
      lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources:\n"
                      "      requests: {nvidia.com/gpu: 2}\n")),
      ElementsAre("f:5:34: error: instanceTypes.a.resources.requests[\"nvidia.com/gpu\"]: a GPU request needs a "
                  "limit (add limits.\"nvidia.com/gpu\": \"2\")"));
  // A zero GPU request needs no limit; requests alone and limits alone are fine otherwise.
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources:\n"
                              "      requests: {cpu: 100, nvidia.com/gpu: 0}\n"
                              "      limits: {memory: 1Gi, nvidia.com/gpu: 0}\n")),
              ElementsAre());
}

TEST(AttachConfigRules, MemoryWarningsKeepTheConfiguration) {
  const AttachConfigLoad load = load_yaml(
      "defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources:\n      requests: {memory: 1.5}\n"
      "      limits: {memory: 4000m}\n");
  EXPECT_THAT(lines(load),
              ElementsAre("f:5:26: warning: instanceTypes.a.resources.requests.memory: '1.5' is not a whole number of "
                          "bytes (Kubernetes rounds it up)",
                          "f:6:24: warning: instanceTypes.a.resources.limits.memory: '4000m' means 4 bytes ('m' is "
                          "milli; did you mean '4000Mi' or '4000M'?)"));
  ASSERT_EQ(load.diagnostics.size(), 2u);
  EXPECT_EQ(load.diagnostics[0].severity, Severity::warning);
  ASSERT_TRUE(load.config.has_value());
  EXPECT_EQ(to_json(*load.config)["instanceTypes"]["a"]["resources"]["limits"]["memory"], "4000m");
}

TEST(AttachConfigRules, MemoryWarningSaysOneByteInTheSingular) {
  EXPECT_THAT(lines(load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources:\n"
                              "      limits: {memory: 1000m}\n      requests: {memory: 2000m}\n")),
              ElementsAre("f:5:24: warning: instanceTypes.a.resources.limits.memory: '1000m' means 1 byte ('m' is "
                          "milli; did you mean '1000Mi' or '1000M'?)",
                          "f:6:26: warning: instanceTypes.a.resources.requests.memory: '2000m' means 2 bytes ('m' is "
                          "milli; did you mean '2000Mi' or '2000M'?)",
                          "f:6:26: error: instanceTypes.a.resources.requests.memory: request '2000m' is greater than "
                          "the limit '1000m' (lower the request, or raise limits.memory at line 5, column 24)"));
}

TEST(AttachConfigRules, ErrorsWithWarningsGiveNoConfiguration) {
  const AttachConfigLoad load = load_yaml(
      "defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources:\n      limits: {memory: 400m, cpu: -1}\n");
  ASSERT_EQ(load.diagnostics.size(), 2u);
  EXPECT_EQ(load.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(load.diagnostics[1].severity, Severity::error);
  EXPECT_FALSE(load.config.has_value());
}

// ---------------------------------------------------------------------------------------------
// AttachConfigReport: every problem in one run, sorted by position.

TEST(AttachConfigReport, EveryProblemInOneRunSortedByPosition) {
  // The loader visits namespace, then defaultInstanceType, then instanceTypes; the report follows
  // the document instead.
  const AttachConfigLoad load = load_json(R"({
  "instanceTypes": {
    "z": {"resources": {"requests": {"cpu": "2", "memory": "1Gb"}, "limits": {"cpu": "1"}}},
    "Bad Name": null,
    "a": {"nodeSelector": {"k": 5}, "resourcez": {}}
  },
  "defaultInstanceType": "zz",
  "namespace": "Bad_NS",
  "extra": true
})");
  EXPECT_FALSE(load.config.has_value());
  EXPECT_THAT(
      lines(load),
      ElementsAre("f:3:45: error: instanceTypes.z.resources.requests.cpu: request '2' is greater than the limit '1' "
                  "(lower the request, or raise limits.cpu at line 3, column 86)",
                  "f:3:60: error: instanceTypes.z.resources.requests.memory: '1Gb' is not a Kubernetes quantity: "
                  "unknown suffix 'Gb' (use one of: n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an "
                  "exponent such as e3)",
                  "f:4:5: error: instanceTypes[\"Bad Name\"]: 'Bad Name' is not a valid instance type name (" +
                      kInstanceTypeNameRule + ")",
                  "f:5:33: error: instanceTypes.a.nodeSelector.k: must be a string, found a number (label values are "
                  "strings: quote it, \"5\")",
                  "f:5:37: error: instanceTypes.a.resourcez: unknown field 'resourcez' (did you mean 'resources'? "
                  "allowed: 'nodeSelector' or 'resources')",
                  "f:7:26: error: defaultInstanceType: 'zz' is not one of the instanceTypes (did you mean 'z'? "
                  "defined: 'z', 'Bad Name' or 'a')",
                  "f:8:16: error: namespace: 'Bad_NS' is not a valid namespace name (a namespace name uses lowercase "
                  "letters, digits and '-', and starts and ends with a letter or digit)",
                  "f:9:3: error: extra: unknown field 'extra' (allowed: 'namespace', 'defaultInstanceType' or "
                  "'instanceTypes')"));
  for (std::size_t i = 1; i < load.diagnostics.size(); ++i) {
    const Position a = load.diagnostics[i - 1].position;
    const Position b = load.diagnostics[i].position;
    EXPECT_TRUE(a.line < b.line || (a.line == b.line && a.column <= b.column)) << i;
  }
}

// ---------------------------------------------------------------------------------------------
// AttachConfigNormalized: to_json

TEST(AttachConfigNormalized, DocumentOrderIsKept) {
  const AttachConfigLoad load = load_yaml(
      "defaultInstanceType: z\n"
      "instanceTypes:\n"
      "  z:\n"
      "    resources:\n"
      "      limits: {memory: 4Gi, cpu: 1}\n"
      "      requests: {memory: 2Gi}\n"
      "    nodeSelector: {b: \"1\", a: x}\n"
      "  a: ~\n"
      "  m:\n"
      "    nodeSelector: {}\n"
      "    resources: {requests: ~, limits: {nvidia.com/gpu: 1}}\n");
  EXPECT_EQ(normalized(load).dump(),
            R"({"namespace":"default","defaultInstanceType":"z","instanceTypes":{)"
            R"("z":{"nodeSelector":{"b":"1","a":"x"},"resources":{"requests":{"memory":"2Gi"},)"
            R"("limits":{"memory":"4Gi","cpu":"1"}}},)"
            R"("a":{"nodeSelector":null},)"
            R"("m":{"nodeSelector":{},"resources":{"limits":{"nvidia.com/gpu":"1"}}}}})");
  EXPECT_FALSE(load.config->uses_service_default);
}

TEST(AttachConfigNormalized, NumbersBecomeStringsAsWritten) {
  const AttachConfigLoad load =
      load_json(R"({"defaultInstanceType": "a", "instanceTypes": {"a": {"nodeSelector": null, "resources": {)"
                R"("requests": {"cpu": 1, "memory": 1073741824, "nvidia.com/gpu": 0},)"
                R"("limits": {"cpu": 1.5e0, "memory": "2Gi", "nvidia.com/gpu": null}}}}})");
  const json out = normalized(load);
  const json& resources = out["instanceTypes"]["a"]["resources"];
  EXPECT_EQ(resources["requests"].dump(), R"({"cpu":"1","memory":"1073741824","nvidia.com/gpu":"0"})");
  // A null amount is left out, as ARM's own examples write an absent GPU.
  EXPECT_EQ(resources["limits"].dump(), R"({"cpu":"1.5e0","memory":"2Gi"})");
  EXPECT_TRUE(out["instanceTypes"]["a"]["nodeSelector"].is_null());
}

TEST(AttachConfigNormalized, NullOrAbsentNodeSelectorIsNull) {
  const json out = normalized(load_yaml(
      "defaultInstanceType: a\ninstanceTypes:\n  a:\n    resources: {requests: {cpu: 1}}\n  b:\n    nodeSelector: "
      "null\n"));
  EXPECT_EQ(out["instanceTypes"].dump(),
            R"({"a":{"nodeSelector":null,"resources":{"requests":{"cpu":"1"}}},"b":{"nodeSelector":null}})");
}

TEST(AttachConfigNormalized, NamespaceAndDefaultComeFirst) {
  const json out = normalized(load_yaml("instanceTypes:\n  t: {}\nnamespace: ns\ndefaultInstanceType: t\n"));
  EXPECT_EQ(out.dump(), R"({"namespace":"ns","defaultInstanceType":"t","instanceTypes":{"t":{"nodeSelector":null}}})");
}

TEST(AttachConfigSelect, KeepsOnlyTheNamedTypesInDocumentOrder) {
  const auto loaded = load_yaml("defaultInstanceType: a\ninstanceTypes:\n  a: {}\n  b: {}\n  c: {}\n");
  ASSERT_TRUE(loaded.config);
  const auto selected = select_instance_types(*loaded.config, {"c", "a"});
  ASSERT_TRUE(selected) << selected.error();
  EXPECT_EQ(instance_type_names(*selected), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(instance_type_names(*select_instance_types(*loaded.config, {})), (std::vector<std::string>{"a", "b", "c"}));
  const auto unknown = select_instance_types(*loaded.config, {"a", "gpu_huge"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error(), "instance type 'gpu_huge' is not in the configuration (it defines 'a', 'b', 'c')");
}

}  // namespace
}  // namespace azureml::config
