#include "plugins/output/yaml_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/config/yaml_reader.h"

namespace azureml::cli {
namespace {

using json = nlohmann::ordered_json;
using config::Node;

std::string yaml_of(std::string_view json_text) { return to_yaml(json::parse(json_text)); }

// `{"k": value}` as YAML, for checking how one scalar is written.
std::string scalar_line(const json& value) { return to_yaml(json{{"k", value}}); }

// Compares a JSON value with what read_yaml made of its YAML: same kinds, keys, order and
// texts. Returns "" when they agree, else where they differ.
std::string compare(const json& expected, const Node& actual, const std::string& path = "$") {
  auto differs = [&](const std::string& what) { return path + ": " + what; };
  if (expected.is_object()) {
    if (actual.kind != Node::Kind::map) return differs("expected a map, found " + std::string(describe(actual.kind)));
    if (actual.entries.size() != expected.size()) return differs("entry count");
    std::size_t i = 0;
    for (const auto& [key, value] : expected.items()) {
      const auto& entry = actual.entries[i++];
      if (entry.key != key) return differs("key '" + entry.key + "' instead of '" + key + "'");
      if (auto problem = compare(value, entry.value, path + "." + key); !problem.empty()) return problem;
    }
    return "";
  }
  if (expected.is_array()) {
    if (actual.kind != Node::Kind::sequence)
      return differs("expected a list, found " + std::string(describe(actual.kind)));
    if (actual.items.size() != expected.size()) return differs("item count");
    for (std::size_t i = 0; i < expected.size(); ++i)
      if (auto problem = compare(expected[i], actual.items[i], path + "[" + std::to_string(i) + "]"); !problem.empty())
        return problem;
    return "";
  }
  Node::Kind kind = Node::Kind::null;
  std::string text;
  if (expected.is_string()) {
    kind = Node::Kind::string;
    text = expected.get<std::string>();
  } else if (expected.is_boolean()) {
    kind = Node::Kind::boolean;
    text = expected.dump();
  } else if (expected.is_number()) {
    kind = Node::Kind::number;
    text = expected.dump();
  }
  if (actual.kind != kind)
    return differs("expected " + std::string(describe(kind)) + ", found " + std::string(describe(actual.kind)) + " '" +
                   actual.text + "'");
  if (kind != Node::Kind::null && actual.text != text)
    return differs("text '" + actual.text + "' instead of '" + text + "'");
  return "";
}

void expect_round_trip(const json& value) {
  const std::string yaml = to_yaml(value);
  auto read = config::read_yaml(yaml);
  ASSERT_TRUE(read.ok()) << read.error().message << " at " << to_string(read.error().position) << " in:\n" << yaml;
  EXPECT_EQ(compare(value, read.value()), "") << "YAML:\n" << yaml;
}

// ---------------------------------------------------------------------------------------------
// YamlWriterScalars

TEST(YamlWriterScalars, StringsThatWouldReadBackAsAnotherTypeAreQuoted) {
  EXPECT_EQ(scalar_line("2"), "k: \"2\"\n");
  EXPECT_EQ(scalar_line("1.5"), "k: \"1.5\"\n");
  EXPECT_EQ(scalar_line(".5"), "k: \".5\"\n");
  EXPECT_EQ(scalar_line("1e3"), "k: \"1e3\"\n");
  EXPECT_EQ(scalar_line("0x1F"), "k: \"0x1F\"\n");
  EXPECT_EQ(scalar_line("0o17"), "k: \"0o17\"\n");
  EXPECT_EQ(scalar_line(".inf"), "k: \".inf\"\n");
  EXPECT_EQ(scalar_line("true"), "k: \"true\"\n");
  EXPECT_EQ(scalar_line("False"), "k: \"False\"\n");
  EXPECT_EQ(scalar_line("null"), "k: \"null\"\n");
  EXPECT_EQ(scalar_line("~"), "k: \"~\"\n");
  EXPECT_EQ(scalar_line(""), "k: \"\"\n");
}

TEST(YamlWriterScalars, Yaml11BooleansAreQuotedForOlderReaders) {
  for (std::string_view word :
       {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N"})
    EXPECT_EQ(scalar_line(std::string(word)), "k: \"" + std::string(word) + "\"\n") << word;
}

TEST(YamlWriterScalars, Yaml11NumberLookalikesAreQuoted) {
  for (std::string_view text : {"1_000", "1.2.3", "0b101", "1e", "2E5", "007", "1:30"})
    EXPECT_EQ(scalar_line(std::string(text)), "k: \"" + std::string(text) + "\"\n") << text;
}

TEST(YamlWriterScalars, OrdinaryStringsStayPlain) {
  for (std::string_view text : {"16Gi", "500m", "12abc", "amlarc-testing", "gpu_instance", "nvidia-tesla-k80",
                                "VM-64vCPU-256GB", "nvidia.com/gpu", "/path/to", "_x", "a.b", "Succeeded", "x", "0X1F"})
    EXPECT_EQ(scalar_line(std::string(text)), "k: " + std::string(text) + "\n") << text;
}

TEST(YamlWriterScalars, StringsWithYamlSyntaxAreQuoted) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"- x", "\"- x\""},
      {"-x", "\"-x\""},
      {"a: b", "\"a: b\""},
      {"#c", "\"#c\""},
      {"x #y", "\"x #y\""},
      {" lead", "\" lead\""},
      {"trail ", "\"trail \""},
      {"[x]", "\"[x]\""},
      {"{x}", "\"{x}\""},
      {"*alias", "\"*alias\""},
      {"&anchor", "\"&anchor\""},
      {"!tag", "\"!tag\""},
      {"%x", "\"%x\""},
      {"@x", "\"@x\""},
      {"`x", "\"`x\""},
      {"|", "\"|\""},
      {">", "\">\""},
      {"?", "\"?\""},
      {"a,b", "\"a,b\""},
      {"---", "\"---\""},
      {"é", "\"é\""},
      {"it's", "\"it's\""},
      {"say \"hi\"", R"("say \"hi\"")"},
      {"line\nbreak", R"("line\nbreak")"},
      {"tab\there", R"("tab\there")"},
      {"back\\slash", R"("back\\slash")"},
  };
  for (const auto& [text, written] : cases) EXPECT_EQ(scalar_line(text), "k: " + written + "\n") << text;
}

TEST(YamlWriterScalars, NonStringScalars) {
  EXPECT_EQ(scalar_line(2), "k: 2\n");
  EXPECT_EQ(scalar_line(-7), "k: -7\n");
  EXPECT_EQ(scalar_line(1.5), "k: 1.5\n");
  EXPECT_EQ(scalar_line(true), "k: true\n");
  EXPECT_EQ(scalar_line(false), "k: false\n");
  EXPECT_EQ(scalar_line(nullptr), "k: null\n");
}

TEST(YamlWriterScalars, KeysAreQuotedByTheSameRules) {
  EXPECT_EQ(yaml_of(R"({"2": "k", "": "e", "true": 1, "y": 2, "a: b": 3, "nvidia.com/gpu": "1"})"),
            "\"2\": k\n"
            "\"\": e\n"
            "\"true\": 1\n"
            "\"y\": 2\n"
            "\"a: b\": 3\n"
            "nvidia.com/gpu: \"1\"\n");
}

TEST(YamlWriterScalars, ScalarAtTheRoot) {
  EXPECT_EQ(yaml_of(R"("x")"), "x\n");
  EXPECT_EQ(yaml_of(R"("2")"), "\"2\"\n");
  EXPECT_EQ(yaml_of("5"), "5\n");
  EXPECT_EQ(yaml_of("null"), "null\n");
}

// ---------------------------------------------------------------------------------------------
// YamlWriterCollections

TEST(YamlWriterCollections, NestedMapsAndLists) {
  EXPECT_EQ(yaml_of(R"({"a": {"b": [1, 2, {"c": []}, [3, [4]], {}], "d": {}}, "e": null, "f": true, "g": 1.5})"),
            "a:\n"
            "  b:\n"
            "  - 1\n"
            "  - 2\n"
            "  - c: []\n"
            "  -\n"
            "    - 3\n"
            "    -\n"
            "      - 4\n"
            "  - {}\n"
            "  d: {}\n"
            "e: null\n"
            "f: true\n"
            "g: 1.5\n");
}

TEST(YamlWriterCollections, ListOfMaps) {
  EXPECT_EQ(yaml_of(R"([{"a": 1, "b": {"c": 2}}, {"d": "x"}])"),
            "- a: 1\n"
            "  b:\n"
            "    c: 2\n"
            "- d: x\n");
}

TEST(YamlWriterCollections, ListOfLists) {
  EXPECT_EQ(yaml_of("[[1, 2], []]"),
            "-\n"
            "  - 1\n"
            "  - 2\n"
            "- []\n");
}

TEST(YamlWriterCollections, EmptyCollections) {
  EXPECT_EQ(yaml_of("{}"), "{}\n");
  EXPECT_EQ(yaml_of("[]"), "[]\n");
  EXPECT_EQ(yaml_of(R"({"a": {}, "b": []})"), "a: {}\nb: []\n");
  EXPECT_EQ(yaml_of("[{}, []]"), "- {}\n- []\n");
}

TEST(YamlWriterCollections, KeepsTheKeyOrder) {
  EXPECT_EQ(yaml_of(R"({"z": 1, "a": 2, "m": 3})"), "z: 1\na: 2\nm: 3\n");
}

TEST(YamlWriterCollections, TheNormalizedAttachConfiguration) {
  EXPECT_EQ(yaml_of(R"({"namespace": "default", "defaultInstanceType": "defaultInstanceType",
                        "instanceTypes": {"defaultInstanceType": {"nodeSelector": null,
                          "resources": {"requests": {"cpu": "1", "memory": "4Gi", "nvidia.com/gpu": "0"}}}}})"),
            "namespace: default\n"
            "defaultInstanceType: defaultInstanceType\n"
            "instanceTypes:\n"
            "  defaultInstanceType:\n"
            "    nodeSelector: null\n"
            "    resources:\n"
            "      requests:\n"
            "        cpu: \"1\"\n"
            "        memory: 4Gi\n"
            "        nvidia.com/gpu: \"0\"\n");
}

// ---------------------------------------------------------------------------------------------
// YamlWriterRoundTrip: to_yaml, then read_yaml, gives back the same kinds and texts.

TEST(YamlWriterRoundTrip, TrickyStrings) {
  json strings = json::array();
  for (const char* s : {"2",
                        "-2",
                        "1.5",
                        ".5",
                        "1e3",
                        "0x1F",
                        "0o17",
                        ".inf",
                        "-.inf",
                        ".NaN",
                        "true",
                        "True",
                        "FALSE",
                        "null",
                        "Null",
                        "~",
                        "",
                        "yes",
                        "no",
                        "on",
                        "off",
                        "y",
                        "n",
                        "16Gi",
                        "500m",
                        "12abc",
                        "- x",
                        "-x",
                        "a: b",
                        "#c",
                        "x #y",
                        " lead",
                        "trail ",
                        "[x]",
                        "{x}",
                        "*alias",
                        "&anchor",
                        "!tag",
                        "%x",
                        "@x",
                        "`x",
                        "|",
                        ">",
                        "?",
                        ":",
                        ",",
                        "a,b",
                        "---",
                        "...",
                        "é",
                        "😀",
                        "it's",
                        "say \"hi\"",
                        "line\nbreak",
                        "two\n\nlines\n",
                        "tab\there",
                        "back\\slash",
                        "\x01"
                        "ctl",
                        "nvidia.com/gpu",
                        "/path",
                        "_x",
                        "1_000",
                        "1.2.3",
                        "0b101",
                        "-.Inf",
                        "+1",
                        "1e",
                        "007"})
    strings.push_back(s);
  expect_round_trip(strings);
  json as_keys = json::object();
  for (const auto& s : strings) as_keys[s.get<std::string>()] = s;
  expect_round_trip(as_keys);
}

TEST(YamlWriterRoundTrip, NumbersBooleansAndNull) {
  expect_round_trip(json::parse(R"([0, 1, -5, 1.5, -0.25, 1e100, 0.1, 12345678901234567890, true, false, null])"));
  expect_round_trip(json::parse(R"({"a": 0, "b": -1.5e-7, "c": true, "d": null})"));
}

TEST(YamlWriterRoundTrip, NestedStructures) {
  expect_round_trip(
      json::parse(R"({"a": {"b": [1, "2", {"c": [], "d": {}}, [3, ["4", [null]]], {}], "e": {"f": {"g": "h"}}}})"));
  expect_round_trip(json::parse(R"([[1, [2, [3]]], [], [{}], [{"a": [{"b": "yes"}]}]])"));
  expect_round_trip(json::parse(R"([{"x": 1, "y": {"z": "true"}}, "plain", ["- x", "a: b"]])"));
}

TEST(YamlWriterRoundTrip, RootScalarsAndEmptyCollections) {
  for (const char* text : {R"("x")", R"("2")", R"("")", "5", "true", "{}", "[]"}) expect_round_trip(json::parse(text));
}

TEST(YamlWriterRoundTrip, TheAttachExamples) {
  expect_round_trip(json::parse(R"({"namespace": "amlarc-testing", "defaultInstanceType": "gpu_instance",
      "instanceTypes": {"gpu_instance": {"nodeSelector": {"accelerator": "nvidia-tesla-k80"},
        "resources": {"requests": {"cpu": "2", "memory": "16Gi", "nvidia.com/gpu": "1"},
                      "limits": {"cpu": "2", "memory": "16Gi", "nvidia.com/gpu": "1"}}},
      "big_cpu_sku": {"nodeSelector": {"VMSizes": "VM-64vCPU-256GB"}, "resources": null}}})"));
}

}  // namespace
}  // namespace azureml::cli
