// The command line itself: verbs, flags, help, errors and exit codes, through the real binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_binary.h"

using azureml::testing::run_binary;

TEST(Cli, NoArgumentsPrintsHelp) {
  auto run = run_binary({});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("Commands:"), std::string::npos);
  EXPECT_NE(run.out.find("validate"), std::string::npos);
  EXPECT_EQ(run.out.find("__describe"), std::string::npos);  // hidden
}

TEST(Cli, UnknownVerbSuggestsTheClosest) {
  auto run = run_binary({"vaildate"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err,
            "error: unknown command 'vaildate' for 'kubectl azureml'; did you mean 'validate'?\n"
            "Run 'kubectl azureml --help' for the list of commands.\n");
}

TEST(Cli, UnknownFlagSuggestsTheClosest) {
  auto run = run_binary({"validate", "--fiel", "x"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err,
            "error: unknown flag '--fiel' for 'kubectl azureml validate'; did you mean '--file'?\n"
            "Run 'kubectl azureml validate --help' for usage.\n");
}

TEST(Cli, FlagsAreNotGuessedFromPrefixes) {
  auto run = run_binary({"validate", "--fi", "examples/attach-advanced.json"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("unknown flag '--fi'"), std::string::npos) << run.err;
}

TEST(Cli, MissingRequiredFlag) {
  auto run = run_binary({"validate"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("error: required flag -f, --file is missing (FILE)"), std::string::npos) << run.err;
}

TEST(Cli, MissingFlagValue) {
  auto run = run_binary({"validate", "-f"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("needs a value (FILE)"), std::string::npos) << run.err;
}

TEST(Cli, RepeatedFlag) {
  auto run = run_binary({"validate", "-f", "a", "-f", "b"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("is given more than once"), std::string::npos) << run.err;
}

TEST(Cli, FlagValueForASwitch) {
  auto run = run_binary({"version", "--verbose=yes"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("takes no value"), std::string::npos) << run.err;
}

TEST(Cli, InvalidOutputFormatListsTheAllowedValues) {
  auto run = run_binary({"version", "-o", "jsn"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("error: invalid value 'jsn' for --output: allowed 'json', 'yaml', 'table' or 'none'; "
                         "did you mean 'json'?"),
            std::string::npos)
      << run.err;
}

TEST(Cli, UnexpectedPositionalArgument) {
  auto run = run_binary({"validate", "-f", "examples/attach-advanced.json", "extra"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("takes no positional arguments"), std::string::npos) << run.err;
}

TEST(Cli, OutputFlagMayComeBeforeTheVerbAndInEveryForm) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"-o", "json", "version"},
                                                                {"version", "-ojson"},
                                                                {"version", "-o=json"},
                                                                {"version", "--output=json"},
                                                                {"version", "--output", "json"}}) {
    auto run = run_binary(args);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(nlohmann::json::parse(run.out)["version"], "0.1.0");
  }
}

TEST(Cli, HelpPerVerbHasExamplesAndOptions) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"validate", "--help"}, {"help", "validate"}, {"validate", "-h", "--bogus"}}) {
    auto run = run_binary(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("Examples:"), std::string::npos);
    EXPECT_NE(run.out.find("kubectl azureml validate -f examples/attach-advanced.json"), std::string::npos);
    EXPECT_NE(run.out.find("-f, --file=FILE"), std::string::npos);
    EXPECT_NE(run.out.find("-o, --output=FORMAT"), std::string::npos);
  }
}

TEST(Cli, HelpForUnknownVerb) {
  auto run = run_binary({"help", "atach"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("unknown command 'atach'"), std::string::npos);
}

TEST(Cli, VersionTable) {
  auto run = run_binary({"version"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out.rfind("kubectl-azureml 0.1.0 (commit ", 0), 0u) << run.out;
}

TEST(Cli, VersionFlag) {
  auto run = run_binary({"--version", "-o", "json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST(Cli, NestedCommandGroupsListTheirCommandsAndNeedOne) {
  const auto group = run_binary({"compute"});
  EXPECT_EQ(group.exit_code, 0);
  EXPECT_NE(group.out.find("identity   Commands: 'assign' or 'remove'."), std::string::npos) << group.out;
  const auto nested = run_binary({"compute", "identity"});
  EXPECT_EQ(nested.exit_code, 0);
  EXPECT_NE(nested.out.find("Commands of 'compute identity':\n  assign"), std::string::npos) << nested.out;
  const auto flag_only = run_binary({"compute", "identity", "--system"});
  EXPECT_EQ(flag_only.exit_code, 2);
  EXPECT_NE(flag_only.err.find("'compute identity' needs a command: 'assign' or 'remove'"), std::string::npos)
      << flag_only.err;
  const auto help = run_binary({"compute", "identity", "assign", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--user-assigned"), std::string::npos) << help.out;
}

TEST(Cli, DescribeListsEveryVisibleVerbWithTypedOptions) {
  auto run = run_binary({"__describe"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["program"], "kubectl azureml");
  std::vector<std::string> names;
  for (const auto& verb : json["verbs"]) names.push_back(verb["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"attach", "completion", "compute create", "compute show", "compute delete",
                                             "compute identity assign", "compute identity remove", "detach", "doctor",
                                             "extension install", "extension show", "extension update",
                                             "extension delete", "list", "show", "validate", "version", "help"}));
  nlohmann::json validate;
  for (const auto& verb : json["verbs"])
    if (verb["name"] == "validate") validate = verb;
  const auto& file = validate["options"][0];
  EXPECT_EQ(file["name"], "file");
  EXPECT_EQ(file["short"], "f");
  EXPECT_EQ(file["type"], "string");
  EXPECT_EQ(file["required"], true);
  EXPECT_FALSE(file["help"].get<std::string>().empty());
  const auto& output = json["commonOptions"][0];
  EXPECT_EQ(output["name"], "output");
  EXPECT_EQ(output["default"], "table");
  EXPECT_EQ(output["choices"], (std::vector<std::string>{"json", "yaml", "table", "none"}));
  EXPECT_EQ(json["exitCodes"]["usage"], 2);
}
