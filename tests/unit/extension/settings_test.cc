// UserSettings: --config / --config-protected assignments, settings files (parsed nodes and
// paths), where each key came from, and how a SettingProblem is formatted.
#include "core/extension/settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/unit/temp_dir.h"

namespace azureml::extension {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;

config::Node parse(const std::string& text, const std::string& name = "settings.yaml") {
  auto root = config::parse_source(config::Source{name, text});
  if (!root) {
    ADD_FAILURE() << "test document does not parse: " << root.error().message;
    return {};
  }
  return *root;
}

std::vector<std::string> lines_of(const std::vector<SettingProblem>& problems) {
  std::vector<std::string> lines;
  for (const auto& problem : problems) lines.push_back(format(problem));
  return lines;
}

struct Added {
  UserSettings user;
  std::vector<SettingProblem> problems;
};

Added from_flags(const std::vector<std::string>& assignments, bool protected_settings = false) {
  Added out;
  add_assignments(out.user, assignments, protected_settings, out.problems);
  return out;
}

Added from_yaml(const std::string& text, const std::string& name = "settings.yaml") {
  Added out;
  add_file(out.user, parse(text, name), name, out.problems);
  return out;
}

// ---- format / has_errors ----------------------------------------------------------------

TEST(FormatSettingProblem, ErrorWithOriginKeyMessageAndHint) {
  const SettingProblem problem{Severity::error, "settings.yaml:3:5", "enableTraining",
                               "must be true or false, found 'yes'", "give true or false"};
  EXPECT_EQ(format(problem),
            "error: settings.yaml:3:5: enableTraining: must be true or false, found 'yes' (give true or false)");
}

TEST(FormatSettingProblem, WarningWithoutOriginKeyOrHintIsTheMessageAlone) {
  EXPECT_EQ(format({Severity::warning, "", "", "something to know", ""}), "warning: something to know");
}

TEST(FormatSettingProblem, KeyIsMadePrintable) {
  EXPECT_EQ(format({Severity::error, "--config", "a\nb", "bad", ""}), "error: --config: a\\nb: bad");
}

TEST(HasErrors, WarningsAloneAreNotErrors) {
  EXPECT_FALSE(has_errors({}));
  EXPECT_FALSE(has_errors({{Severity::warning, "", "k", "w", ""}}));
  EXPECT_TRUE(has_errors({{Severity::warning, "", "k", "w", ""}, {Severity::error, "", "k", "e", ""}}));
}

// ---- UserSettings lookups ---------------------------------------------------------------

TEST(UserSettingsLookup, WhereDefaultsToConfigForAKeyNotGiven) {
  UserSettings user;
  EXPECT_EQ(user.where("enableTraining"), "--config");
  EXPECT_FALSE(user.given("enableTraining"));
  EXPECT_EQ(user.find("enableTraining"), nullptr);
}

TEST(UserSettingsLookup, FindPrefersThePublicValueThenTheProtectedOne) {
  UserSettings user;
  user.settings.public_settings["a"] = "public";
  user.settings.protected_settings["a"] = "protected";
  user.settings.protected_settings["b"] = "only protected";
  ASSERT_NE(user.find("a"), nullptr);
  EXPECT_EQ(*user.find("a"), "public");
  ASSERT_NE(user.find("b"), nullptr);
  EXPECT_EQ(*user.find("b"), "only protected");
  EXPECT_TRUE(user.given("b"));
}

// ---- add_assignments --------------------------------------------------------------------

TEST(AddAssignments, KeyEqualsValueGoesToPublicSettingsFromConfig) {
  const auto added = from_flags({"enableTraining=true"});
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings, ElementsAre(Pair("enableTraining", "true")));
  EXPECT_THAT(added.user.settings.protected_settings, IsEmpty());
  EXPECT_EQ(added.user.where("enableTraining"), "--config");
}

TEST(AddAssignments, ProtectedGoesToProtectedSettingsFromConfigProtected) {
  const auto added = from_flags({"relayServerConnectionString=Endpoint=sb://x/"}, true);
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings, IsEmpty());
  EXPECT_THAT(added.user.settings.protected_settings,
              ElementsAre(Pair("relayServerConnectionString", "Endpoint=sb://x/")));
  EXPECT_EQ(added.user.where("relayServerConnectionString"), "--config-protected");
}

TEST(AddAssignments, ValueMayContainEquals) {
  const auto added = from_flags({"a=b=c"});
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings, ElementsAre(Pair("a", "b=c")));
}

TEST(AddAssignments, EmptyValueIsKept) {
  const auto added = from_flags({"a="});
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings, ElementsAre(Pair("a", "")));
}

TEST(AddAssignments, MissingEqualsIsAnErrorThatShowsTheAssignment) {
  const auto added = from_flags({"enableTraining"});
  EXPECT_THAT(lines_of(added.problems), ElementsAre("error: --config: expected KEY=VALUE, found 'enableTraining' "
                                                    "(for example --config enableTraining=true)"));
  EXPECT_THAT(added.user.settings.public_settings, IsEmpty());
}

TEST(AddAssignments, EmptyKeyIsAnError) {
  const auto added = from_flags({"=true"});
  EXPECT_THAT(
      lines_of(added.problems),
      ElementsAre("error: --config: empty key before '=', found '=true' (for example --config enableTraining=true)"));
  EXPECT_THAT(added.user.settings.public_settings, IsEmpty());
}

TEST(AddAssignments, MalformedAssignmentIsShownPrintable) {
  const auto added = from_flags({"bad\x1b[2J"});
  EXPECT_THAT(lines_of(added.problems), ElementsAre("error: --config: expected KEY=VALUE, found 'bad\\x1B[2J' "
                                                    "(for example --config enableTraining=true)"));
}

TEST(AddAssignments, ProtectedAssignmentWithoutEqualsDoesNotEchoTheValue) {
  const auto added = from_flags({"s3cr3t-token"}, true);
  ASSERT_EQ(added.problems.size(), 1u);
  EXPECT_EQ(format(added.problems[0]),
            "error: --config-protected: expected KEY=VALUE (for example --config-protected enableTraining=true)");
  EXPECT_THAT(format(added.problems[0]), Not(HasSubstr("s3cr3t")));
  EXPECT_THAT(added.user.settings.protected_settings, IsEmpty());
}

TEST(AddAssignments, ProtectedAssignmentWithEmptyKeyDoesNotEchoTheValue) {
  const auto added = from_flags({"=s3cr3t-token"}, true);
  ASSERT_EQ(added.problems.size(), 1u);
  EXPECT_EQ(format(added.problems[0]),
            "error: --config-protected: empty key before '=' (for example --config-protected enableTraining=true)");
  EXPECT_THAT(format(added.problems[0]), Not(HasSubstr("s3cr3t")));
}

TEST(AddAssignments, SameKeyTwiceWithDifferentValuesIsAnErrorAndTheFirstStays) {
  const auto added = from_flags({"a=1", "a=2"});
  EXPECT_THAT(lines_of(added.problems),
              ElementsAre("error: --config: a: given twice with different values ('1' at --config, '2' here) "
                          "(keep one)"));
  EXPECT_THAT(added.user.settings.public_settings, ElementsAre(Pair("a", "1")));
}

TEST(AddAssignments, SameKeyTwiceWithTheSameValueIsFine) {
  const auto added = from_flags({"a=1", "a=1"});
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings, ElementsAre(Pair("a", "1")));
}

TEST(AddAssignments, PublicAndProtectedOfTheSameKeyAreKeptApart) {
  Added added;
  add_assignments(added.user, {"a=1"}, false, added.problems);
  add_assignments(added.user, {"a=2"}, true, added.problems);
  EXPECT_THAT(added.problems, IsEmpty());  // validate_settings reports it
  EXPECT_THAT(added.user.settings.public_settings, ElementsAre(Pair("a", "1")));
  EXPECT_THAT(added.user.settings.protected_settings, ElementsAre(Pair("a", "2")));
}

TEST(AddAssignments, ProtectedKeyGivenTwiceDoesNotEchoEitherValue) {
  const auto added =
      from_flags({"relayServerConnectionString=secret-one", "relayServerConnectionString=secret-two"}, true);
  ASSERT_EQ(added.problems.size(), 1u);
  EXPECT_EQ(added.problems[0].key, "relayServerConnectionString");
  EXPECT_THAT(format(added.problems[0]), Not(HasSubstr("secret-one")));
  EXPECT_THAT(format(added.problems[0]), Not(HasSubstr("secret-two")));
}

TEST(AddAssignments, FlagOverridesAFileValue) {
  Added added = from_yaml("configurationSettings:\n  inferenceRouterServiceType: LoadBalancer\n");
  add_assignments(added.user, {"inferenceRouterServiceType=NodePort"}, false, added.problems);
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings, ElementsAre(Pair("inferenceRouterServiceType", "NodePort")));
  EXPECT_EQ(added.user.where("inferenceRouterServiceType"), "--config");
}

TEST(AddAssignments, ProtectedFlagOverridesAProtectedFileValue) {
  Added added = from_yaml("configurationProtectedSettings:\n  sslKeyPemFile: /old/key.pem\n");
  add_assignments(added.user, {"sslKeyPemFile=/new/key.pem"}, true, added.problems);
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.protected_settings, ElementsAre(Pair("sslKeyPemFile", "/new/key.pem")));
  EXPECT_EQ(added.user.where("sslKeyPemFile"), "--config-protected");
}

// ---- add_file from a parsed document ----------------------------------------------------

TEST(AddFile, ReadsBothSections) {
  const auto added = from_yaml(
      "configurationSettings:\n"
      "  enableTraining: true\n"
      "configurationProtectedSettings:\n"
      "  sslKeyPemFile: /path/key.pem\n");
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings, ElementsAre(Pair("enableTraining", "true")));
  EXPECT_THAT(added.user.settings.protected_settings, ElementsAre(Pair("sslKeyPemFile", "/path/key.pem")));
}

TEST(AddFile, OriginIsFileLineAndColumnOfTheKey) {
  const auto added = from_yaml(
      "configurationSettings:\n"
      "  enableTraining: true\n"
      "configurationProtectedSettings:\n"
      "    sslKeyPemFile: /path/key.pem\n");
  EXPECT_EQ(added.user.where("enableTraining"), "settings.yaml:2:3");
  EXPECT_EQ(added.user.where("sslKeyPemFile"), "settings.yaml:4:5");
}

TEST(AddFile, NestedMapsAreFlattenedWithDots) {
  const auto added = from_yaml(
      "configurationSettings:\n"
      "  nvidia: {enabled: false}\n"
      "  scoringFe:\n"
      "    serviceType:\n"
      "      nodePort: true\n");
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings,
              ElementsAre(Pair("nvidia.enabled", "false"), Pair("scoringFe.serviceType.nodePort", "true")));
  EXPECT_EQ(added.user.where("scoringFe.serviceType.nodePort"), "settings.yaml:5:7");
}

TEST(AddFile, ScalarsKeepTheirTextAsWritten) {
  const auto added = from_yaml(
      "configurationSettings:\n"
      "  flag: true\n"
      "  upper: True\n"
      "  count: 3\n"
      "  ratio: 1.50\n"
      "  quoted: \"x\"\n"
      "  single: '007'\n");
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings,
              ElementsAre(Pair("count", "3"), Pair("flag", "true"), Pair("quoted", "x"), Pair("ratio", "1.50"),
                          Pair("single", "007"), Pair("upper", "True")));
}

TEST(AddFile, JsonScalarsKeepTheirText) {
  const auto added =
      from_yaml(R"({"configurationSettings": {"flag": true, "count": 3, "name": "x"}})", "settings.json");
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings,
              ElementsAre(Pair("count", "3"), Pair("flag", "true"), Pair("name", "x")));
}

TEST(AddFile, NullSectionIsAnEmptySection) {
  const auto added = from_yaml(
      "configurationSettings:\n"
      "configurationProtectedSettings:\n"
      "  a: b\n");
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings, IsEmpty());
  EXPECT_THAT(added.user.settings.protected_settings, ElementsAre(Pair("a", "b")));
}

TEST(AddFile, SequenceValueIsAnErrorAtTheValue) {
  const auto added = from_yaml(
      "configurationSettings:\n"
      "  enableTraining: true\n"
      "  nodes: [a, b]\n");
  EXPECT_THAT(lines_of(added.problems),
              ElementsAre("error: settings.yaml:3:10: nodes: must be a single value, found a list "
                          "(extension settings are strings; write the value as text)"));
  EXPECT_THAT(added.user.settings.public_settings, ElementsAre(Pair("enableTraining", "true")));
}

TEST(AddFile, NullValueIsAnErrorAtTheValueNamedWithItsFlattenedKey) {
  const auto added = from_yaml(
      "configurationSettings:\n"
      "  nvidia:\n"
      "    enabled: null\n");
  EXPECT_THAT(lines_of(added.problems),
              ElementsAre("error: settings.yaml:3:14: nvidia.enabled: must be a single value, found null "
                          "(extension settings are strings; write the value as text)"));
  EXPECT_THAT(added.user.settings.public_settings, IsEmpty());
}

TEST(AddFile, UnknownTopLevelKeyIsAnErrorAndItsSettingsAreNotAdded) {
  const auto added = from_yaml(
      "configurationSetting:\n"
      "  enableTraining: true\n");
  EXPECT_THAT(lines_of(added.problems),
              ElementsAre("error: settings.yaml:1:1: configurationSetting: unknown key (a settings file holds "
                          "'configurationSettings' and 'configurationProtectedSettings'; put each setting under "
                          "one of them)"));
  EXPECT_THAT(added.user.settings.public_settings, IsEmpty());
}

TEST(AddFile, SectionThatIsNotAMapIsAnError) {
  const auto added = from_yaml("configurationSettings: 3\n");
  EXPECT_THAT(lines_of(added.problems),
              ElementsAre("error: settings.yaml:1:24: configurationSettings: must be a map of settings, found a "
                          "number (for example configurationSettings: {enableTraining: true})"));
}

TEST(AddFile, RootThatIsNotAMapIsAnError) {
  const auto added = from_yaml("- enableTraining\n- enableInference\n");
  EXPECT_THAT(lines_of(added.problems),
              ElementsAre("error: settings.yaml:1:1: a settings file must be a map, found a list "
                          "(expected keys 'configurationSettings' and 'configurationProtectedSettings')"));
}

TEST(AddFile, SameKeyTwiceInAFileWithDifferentValuesIsAnError) {
  const auto added = from_yaml(
      "configurationSettings:\n"
      "  a: 1\n"
      "  a: 2\n");
  EXPECT_THAT(lines_of(added.problems), ElementsAre("error: settings.yaml:3:3: a: given twice with different values "
                                                    "('1' at settings.yaml:2:3, '2' here) (keep one)"));
  EXPECT_THAT(added.user.settings.public_settings, ElementsAre(Pair("a", "1")));
}

TEST(AddFile, DottedKeyAndNestedKeyNamingTheSameSettingConflict) {
  const auto added = from_yaml(
      "configurationSettings:\n"
      "  nvidia.enabled: true\n"
      "  nvidia: {enabled: false}\n");
  EXPECT_THAT(lines_of(added.problems),
              ElementsAre("error: settings.yaml:3:12: nvidia.enabled: given twice with different values "
                          "('true' at settings.yaml:2:3, 'false' here) (keep one)"));
}

// ---- add_file from a path ---------------------------------------------------------------

TEST(AddFilePath, ReadsAYamlFile) {
  test::TempDir dir;
  const std::string path = dir.write("settings.yaml", "configurationSettings:\n  enableTraining: true\n");
  Added added;
  std::istringstream in;
  add_file(added.user, path, in, added.problems);
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.public_settings, ElementsAre(Pair("enableTraining", "true")));
  EXPECT_EQ(added.user.where("enableTraining"), path + ":2:3");
}

TEST(AddFilePath, DashReadsStandardInput) {
  Added added;
  std::istringstream in("configurationProtectedSettings:\n  sslKeyPemFile: k.pem\n");
  add_file(added.user, "-", in, added.problems);
  EXPECT_THAT(added.problems, IsEmpty());
  EXPECT_THAT(added.user.settings.protected_settings, ElementsAre(Pair("sslKeyPemFile", "k.pem")));
  EXPECT_EQ(added.user.where("sslKeyPemFile"), "<stdin>:2:3");
}

TEST(AddFilePath, UnreadableFileIsOneErrorFromConfigFile) {
  test::TempDir dir;
  const std::string path = (dir.path() / "missing.yaml").string();
  Added added;
  std::istringstream in;
  add_file(added.user, path, in, added.problems);
  EXPECT_THAT(lines_of(added.problems),
              ElementsAre("error: --config-file: cannot read '" + path + "': No such file or directory"));
}

TEST(AddFilePath, ParseErrorIsOneErrorAtItsPosition) {
  test::TempDir dir;
  const std::string path = dir.write("settings.json", "{\"configurationSettings\": {\"a\": 1,}}");
  Added added;
  std::istringstream in;
  add_file(added.user, path, in, added.problems);
  ASSERT_EQ(added.problems.size(), 1u);
  EXPECT_EQ(added.problems[0].severity, Severity::error);
  EXPECT_THAT(added.problems[0].origin, ::testing::StartsWith(path + ":1:"));
  EXPECT_THAT(added.user.settings.public_settings, IsEmpty());
}

TEST(AddFilePath, ProblemsInTheFileNameItsPath) {
  test::TempDir dir;
  const std::string path = dir.write("s.yaml", "settings:\n  a: 1\n");
  Added added;
  std::istringstream in;
  add_file(added.user, path, in, added.problems);
  ASSERT_EQ(added.problems.size(), 1u);
  EXPECT_EQ(added.problems[0].origin, path + ":1:1");
  EXPECT_EQ(added.problems[0].key, "settings");
}

}  // namespace
}  // namespace azureml::extension
