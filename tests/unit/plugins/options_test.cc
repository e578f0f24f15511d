#include "plugins/options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace azureml::cli {
namespace {

using ::testing::ElementsAre;

const FrontEnd kKubectl{"kubectl azureml", "table"};
const FrontEnd kAz{"az azureml", "json"};

OptionSpec option(std::string name, char short_name, OptionType type, std::string value_name = "",
                  std::optional<std::string> default_value = std::nullopt, std::vector<std::string> choices = {},
                  bool required = false) {
  OptionSpec spec;
  spec.name = std::move(name);
  spec.short_name = short_name;
  spec.type = type;
  spec.value_name = std::move(value_name);
  spec.help = "help";
  spec.default_value = std::move(default_value);
  spec.choices = std::move(choices);
  spec.required = required;
  return spec;
}

// A verb with one option of every kind.
VerbSpec attach_verb(std::optional<PositionalSpec> positional = std::nullopt) {
  VerbSpec verb;
  verb.name = "attach";
  verb.summary = "Attach a cluster.";
  verb.options = {
      option("file", 'f', OptionType::string, "FILE", std::nullopt, {}, true),
      option("cluster-type", 0, OptionType::choice, "TYPE", "connectedClusters",
             {"connectedClusters", "managedClusters"}),
      option("timeout", 0, OptionType::integer, "SECONDS", "600"),
      option("set", 0, OptionType::string_list, "KEY=VALUE"),
      option("dry-run", 0, OptionType::flag),
      option("name", 0, OptionType::string),
      option("namespace", 0, OptionType::string, "NAMESPACE", "default"),
  };
  verb.positional = std::move(positional);
  return verb;
}

const PositionalSpec kRequiredName{"NAME", "The compute name.", true};
const PositionalSpec kOptionalName{"NAME", "The compute name.", false};

ParsedOptions parse_arguments(const std::vector<std::string>& arguments, const VerbSpec& verb = attach_verb(),
                              const FrontEnd& front_end = kKubectl) {
  auto parsed = parse_options(verb, front_end, arguments);
  EXPECT_TRUE(parsed.ok()) << ::testing::PrintToString(arguments) << ": " << (parsed.ok() ? "" : parsed.error());
  return parsed.ok() ? parsed.value() : ParsedOptions({}, {}, std::nullopt);
}

std::string argument_error(const std::vector<std::string>& arguments, const VerbSpec& verb = attach_verb(),
                           const FrontEnd& front_end = kKubectl) {
  auto parsed = parse_options(verb, front_end, arguments);
  EXPECT_FALSE(parsed.ok()) << ::testing::PrintToString(arguments) << " parsed";
  return parsed.ok() ? "" : parsed.error();
}

// ---------------------------------------------------------------------------------------------
// ParseOptionsForms

TEST(ParseOptionsForms, LongAndShortWithSeparateValue) {
  EXPECT_EQ(parse_arguments({"--file", "a.json"}).get("file"), "a.json");
  EXPECT_EQ(parse_arguments({"-f", "a.json"}).get("file"), "a.json");
  EXPECT_EQ(parse_arguments({"-f", "a.json", "-o", "yaml"}).get("output"), "yaml");
  EXPECT_EQ(parse_arguments({"-f", "a.json", "--output", "yaml"}).get("output"), "yaml");
}

TEST(ParseOptionsForms, LongWithEquals) {
  const ParsedOptions options = parse_arguments({"--file=a.json", "--output=json", "--name=x=y", "--timeout=0"});
  EXPECT_EQ(options.get("file"), "a.json");
  EXPECT_EQ(options.get("output"), "json");
  EXPECT_EQ(options.get("name"), "x=y");
  EXPECT_EQ(options.get("timeout"), "0");
}

TEST(ParseOptionsForms, ShortWithEqualsAsPflagTakesIt) {
  EXPECT_EQ(parse_arguments({"-f", "a", "-o=json"}).get("output"), "json");
  EXPECT_EQ(parse_arguments({"-f=a.json"}).get("file"), "a.json");
  EXPECT_EQ(parse_arguments({"-f=x=y"}).get("file"), "x=y");
}

TEST(ParseOptionsForms, StickyShortValue) {
  EXPECT_EQ(parse_arguments({"-f", "a", "-ojson"}).get("output"), "json");
  EXPECT_EQ(parse_arguments({"-fa.json"}).get("file"), "a.json");
}

TEST(ParseOptionsForms, BundledShortFlags) {
  const ParsedOptions options = parse_arguments({"-f", "a", "-vh"});
  EXPECT_TRUE(options.flag("verbose"));
  EXPECT_TRUE(options.flag("help"));
}

TEST(ParseOptionsForms, DoubleDashEndsOptions) {
  const ParsedOptions options = parse_arguments({"-f", "a", "--", "-x"}, attach_verb(kRequiredName));
  ASSERT_TRUE(options.positional().has_value());
  EXPECT_EQ(*options.positional(), "-x");
  // "-o=json" after "--" is not split into a flag and its value.
  EXPECT_EQ(*parse_arguments({"-f", "a", "--", "-o=json"}, attach_verb(kRequiredName)).positional(), "-o=json");
}

// ---------------------------------------------------------------------------------------------
// ParseOptionsValues

TEST(ParseOptionsValues, DefaultsWhenNotGiven) {
  const ParsedOptions options = parse_arguments({"-f", "a.json"});
  EXPECT_TRUE(options.given("file"));
  EXPECT_FALSE(options.given("cluster-type"));
  EXPECT_EQ(options.get("cluster-type"), "connectedClusters");
  EXPECT_FALSE(options.given("timeout"));
  EXPECT_EQ(options.get("timeout"), "600");
  EXPECT_EQ(options.get("name"), "");
  EXPECT_FALSE(options.given("name"));
  EXPECT_EQ(options.get("namespace"), "default");
  EXPECT_FALSE(options.flag("dry-run"));
  EXPECT_FALSE(options.given("dry-run"));
  EXPECT_THAT(options.list("set"), ElementsAre());
  EXPECT_FALSE(options.positional().has_value());
}

TEST(ParseOptionsValues, FrontEndSuppliesTheDefaultOutput) {
  const ParsedOptions kubectl = parse_arguments({"-f", "a"}, attach_verb(), kKubectl);
  EXPECT_EQ(kubectl.get("output"), "table");
  EXPECT_FALSE(kubectl.given("output"));
  EXPECT_EQ(parse_arguments({"-f", "a"}, attach_verb(), kAz).get("output"), "json");
  EXPECT_EQ(parse_arguments({"-f", "a", "-o", "yaml"}, attach_verb(), kAz).get("output"), "yaml");
}

TEST(ParseOptionsValues, CommonOptionsAreAddedToEveryVerb) {
  const std::vector<OptionSpec> options = all_options(attach_verb(), kKubectl);
  ASSERT_EQ(options.size(), attach_verb().options.size() + 3);
  EXPECT_EQ(options[options.size() - 3].name, "output");
  EXPECT_EQ(options[options.size() - 3].default_value, "table");
  EXPECT_EQ(options[options.size() - 2].name, "verbose");
  EXPECT_EQ(options[options.size() - 1].name, "help");
  EXPECT_EQ(all_options(attach_verb(), kAz)[options.size() - 3].default_value, "json");
}

TEST(ParseOptionsValues, FrontEndShortAliases) {
  const FrontEnd kubectl{"kubectl azureml", "table", {{"namespace", 'n'}, {"file", 'x'}}};
  const ParsedOptions options = parse_arguments({"-f", "a", "-n", "amlarc"}, attach_verb(), kubectl);
  EXPECT_EQ(options.get("namespace"), "amlarc");
  // An option that has its own short flag keeps it.
  EXPECT_EQ(argument_error({"-x", "a"}, attach_verb(), kubectl), "unknown flag '-x' for 'kubectl azureml attach'");
  // Without the alias -n is unknown.
  EXPECT_EQ(argument_error({"-f", "a", "-n", "amlarc"}), "unknown flag '-n' for 'kubectl azureml attach'");
}

TEST(ParseOptionsValues, Flags) {
  const ParsedOptions options = parse_arguments({"-f", "a", "--dry-run", "-v"});
  EXPECT_TRUE(options.flag("dry-run"));
  EXPECT_TRUE(options.given("dry-run"));
  EXPECT_EQ(options.get("dry-run"), "true");
  EXPECT_TRUE(options.flag("verbose"));
  EXPECT_FALSE(options.flag("help"));
}

TEST(ParseOptionsValues, Choices) {
  EXPECT_EQ(parse_arguments({"-f", "a", "--cluster-type", "managedClusters"}).get("cluster-type"), "managedClusters");
  for (const char* format : {"json", "yaml", "table", "none"})
    EXPECT_EQ(parse_arguments({"-f", "a", "-o", format}).get("output"), format);
}

TEST(ParseOptionsValues, Integers) {
  EXPECT_EQ(parse_arguments({"-f", "a", "--timeout", "30"}).get("timeout"), "30");
  EXPECT_EQ(parse_arguments({"-f", "a", "--timeout", "0"}).get("timeout"), "0");
  EXPECT_EQ(parse_arguments({"-f", "a", "--timeout=-5"}).get("timeout"), "-5");
  EXPECT_EQ(parse_arguments({"-f", "a", "--timeout", "2147483647"}).get("timeout"), "2147483647");  // the largest int
}

TEST(ParseOptionsValues, RepeatableStringLists) {
  const ParsedOptions options = parse_arguments({"-f", "a", "--set", "a=1", "--set=b=2", "--set", "a=3"});
  EXPECT_THAT(options.list("set"), ElementsAre("a=1", "b=2", "a=3"));
  EXPECT_TRUE(options.given("set"));
  EXPECT_EQ(options.get("set"), "a=1");
}

TEST(ParseOptionsValues, EmptyStringValueIsGiven) {
  const ParsedOptions options = parse_arguments({"-f", "a", "--name", ""});
  EXPECT_TRUE(options.given("name"));
  EXPECT_EQ(options.get("name"), "");
}

TEST(ParseOptionsValues, UndeclaredOptionNamesAreAProgrammingError) {
  const ParsedOptions options = parse_arguments({"-f", "a"});
  EXPECT_THROW(options.get("nope"), std::logic_error);
  EXPECT_THROW(options.given("nope"), std::logic_error);
  EXPECT_THROW(options.list("nope"), std::logic_error);
}

// ---------------------------------------------------------------------------------------------
// ParseOptionsPositional

TEST(ParseOptionsPositional, RequiredGiven) {
  EXPECT_EQ(*parse_arguments({"-f", "a", "my-compute"}, attach_verb(kRequiredName)).positional(), "my-compute");
  EXPECT_EQ(*parse_arguments({"my-compute", "-f", "a"}, attach_verb(kRequiredName)).positional(), "my-compute");
  EXPECT_EQ(*parse_arguments({"-f", "a", "-"}, attach_verb(kRequiredName)).positional(), "-");
}

TEST(ParseOptionsPositional, RequiredMissing) {
  EXPECT_EQ(argument_error({"-f", "a"}, attach_verb(kRequiredName)), "'kubectl azureml attach' needs a NAME argument");
  EXPECT_EQ(argument_error({"-f", "a"}, attach_verb(kRequiredName), kAz), "'az azureml attach' needs a NAME argument");
}

TEST(ParseOptionsPositional, Optional) {
  EXPECT_FALSE(parse_arguments({"-f", "a"}, attach_verb(kOptionalName)).positional().has_value());
  EXPECT_EQ(*parse_arguments({"-f", "a", "n1"}, attach_verb(kOptionalName)).positional(), "n1");
}

TEST(ParseOptionsPositional, TooMany) {
  EXPECT_EQ(argument_error({"-f", "a", "n1", "n2"}, attach_verb(kRequiredName)),
            "'kubectl azureml attach' takes one NAME argument; more were given");
  EXPECT_EQ(argument_error({"-f", "a", "extra"}), "'kubectl azureml attach' takes no positional arguments");
  EXPECT_EQ(argument_error({"-f", "a", "--", "-x"}), "'kubectl azureml attach' takes no positional arguments");
}

// ---------------------------------------------------------------------------------------------
// ParseOptionsErrors: the exact message of every error path.

TEST(ParseOptionsErrors, RequiredFlagMissing) {
  EXPECT_EQ(argument_error({}), "required flag -f, --file is missing (FILE)");
  EXPECT_EQ(argument_error({"-o", "json"}), "required flag -f, --file is missing (FILE)");
  VerbSpec verb = attach_verb();
  verb.options[0] = option("file", 0, OptionType::string, "", std::nullopt, {}, true);
  EXPECT_EQ(argument_error({}, verb), "required flag --file is missing");
}

TEST(ParseOptionsErrors, FlagNeedsAValue) {
  EXPECT_EQ(argument_error({"-f"}), "flag --file needs a value (FILE)");
  EXPECT_EQ(argument_error({"--file"}), "flag --file needs a value (FILE)");
  EXPECT_EQ(argument_error({"-f", "a", "--output"}), "flag --output needs a value (FORMAT)");
  EXPECT_EQ(argument_error({"-f", "a", "--set"}), "flag --set needs a value (KEY=VALUE)");
  EXPECT_EQ(argument_error({"-f", "a", "--name"}), "flag --name needs a value");
}

TEST(ParseOptionsErrors, EmptyValueAfterEqualsNeedsAValue) {
  EXPECT_EQ(argument_error({"--file="}), "flag --file needs a value (FILE)");
  EXPECT_EQ(argument_error({"--file=", "a.json"}), "flag --file needs a value (FILE)");
  EXPECT_EQ(argument_error({"-f", "a", "--timeout="}), "flag --timeout needs a value (SECONDS)");
}

TEST(ParseOptionsErrors, FlagTakesNoValue) {
  EXPECT_EQ(argument_error({"-f", "a", "--dry-run=true"}), "flag --dry-run takes no value");
  EXPECT_EQ(argument_error({"-f", "a", "--verbose=false"}), "flag --verbose takes no value");
}

TEST(ParseOptionsErrors, GivenMoreThanOnce) {
  EXPECT_EQ(argument_error({"-f", "a", "-f", "b"}), "flag --file is given more than once; give it once");
  EXPECT_EQ(argument_error({"-f", "a", "-o", "json", "--output", "yaml"}),
            "flag --output is given more than once; give it once");
  EXPECT_EQ(argument_error({"-f", "a", "--dry-run", "--dry-run"}),
            "flag --dry-run is given more than once; give it once");
}

TEST(ParseOptionsErrors, ChoicesWithDidYouMean) {
  EXPECT_EQ(argument_error({"-f", "a", "-o", "jsn"}),
            "invalid value 'jsn' for --output: allowed 'json', 'yaml', 'table' or 'none'; did you mean 'json'?");
  EXPECT_EQ(argument_error({"-f", "a", "-o", "JSON"}),
            "invalid value 'JSON' for --output: allowed 'json', 'yaml', 'table' or 'none'; did you mean 'json'?");
  EXPECT_EQ(argument_error({"-f", "a", "--cluster-type", "connectedclusters"}),
            "invalid value 'connectedclusters' for --cluster-type: allowed 'connectedClusters' or 'managedClusters'; "
            "did you mean 'connectedClusters'?");
  EXPECT_EQ(argument_error({"-f", "a", "--cluster-type", "xyz"}),
            "invalid value 'xyz' for --cluster-type: allowed 'connectedClusters' or 'managedClusters'");
  EXPECT_EQ(argument_error({"-f", "a", "-o", ""}),
            "invalid value '' for --output: allowed 'json', 'yaml', 'table' or 'none'");
}

TEST(ParseOptionsErrors, Integers) {
  for (const char* value : {"abc", "1.5", "1e3", "+5", "-", "12abc", " 1"})
    EXPECT_EQ(argument_error({"-f", "a", "--timeout", value}),
              "invalid value '" + std::string(value) + "' for --timeout: expected a whole number")
        << value;
  EXPECT_EQ(argument_error({"-f", "a", "--timeout", ""}), "invalid value '' for --timeout: expected a whole number");
  // Beyond int: verbs read integers with std::stoi, which would throw (the binary aborted).
  for (const char* value : {"1234567890123456789", "2147483648", "-2147483649"})
    EXPECT_EQ(argument_error({"-f", "a", "--timeout", value}),
              "invalid value '" + std::string(value) +
                  "' for --timeout: out of range (a whole number from -2147483648 to 2147483647)")
        << value;
}

TEST(ParseOptionsErrors, UnknownFlagWithSuggestion) {
  EXPECT_EQ(argument_error({"-f", "a", "--fiel", "x"}),
            "unknown flag '--fiel' for 'kubectl azureml attach'; did you mean '--file'?");
  EXPECT_EQ(argument_error({"-f", "a", "--nmae", "x"}),
            "unknown flag '--nmae' for 'kubectl azureml attach'; did you mean '--name'?");
  EXPECT_EQ(argument_error({"-f", "a", "--Output", "json"}),
            "unknown flag '--Output' for 'kubectl azureml attach'; did you mean '--output'?");
  EXPECT_EQ(argument_error({"-f", "a", "--dryrun"}),
            "unknown flag '--dryrun' for 'kubectl azureml attach'; did you mean '--dry-run'?");
  EXPECT_EQ(argument_error({"-f", "a", "--cluster_type=managedClusters"}),
            "unknown flag '--cluster_type' for 'kubectl azureml attach'; did you mean '--cluster-type'?");
  EXPECT_EQ(argument_error({"--fiel", "x"}, attach_verb(), kAz),
            "unknown flag '--fiel' for 'az azureml attach'; did you mean '--file'?");
}

TEST(ParseOptionsErrors, UnknownFlagWithoutSuggestion) {
  EXPECT_EQ(argument_error({"-f", "a", "--unknown=5"}), "unknown flag '--unknown' for 'kubectl azureml attach'");
  EXPECT_EQ(argument_error({"-f", "a", "--zzzzzz"}), "unknown flag '--zzzzzz' for 'kubectl azureml attach'");
  // Every other short flag is one edit away from an unknown short flag: no suggestion.
  EXPECT_EQ(argument_error({"-f", "a", "-x"}), "unknown flag '-x' for 'kubectl azureml attach'");
  EXPECT_EQ(argument_error({"-f", "a", "-F", "x"}), "unknown flag '-F' for 'kubectl azureml attach'");
  EXPECT_EQ(argument_error({"-f", "a", "-O", "json"}), "unknown flag '-O' for 'kubectl azureml attach'");
}

// A prefix is never taken as the flag (kubectl does not guess); a unique one is suggested.
TEST(ParseOptionsErrors, NoPrefixGuessing) {
  EXPECT_EQ(argument_error({"-f", "a", "--dry"}),
            "unknown flag '--dry' for 'kubectl azureml attach'; did you mean '--dry-run'?");
  EXPECT_EQ(argument_error({"-f", "a", "--out", "json"}),
            "unknown flag '--out' for 'kubectl azureml attach'; did you mean '--output'?");
  EXPECT_EQ(argument_error({"-f", "a", "--cluster", "x"}),
            "unknown flag '--cluster' for 'kubectl azureml attach'; did you mean '--cluster-type'?");
  EXPECT_EQ(argument_error({"-f", "a", "--verb"}),
            "unknown flag '--verb' for 'kubectl azureml attach'; did you mean '--verbose'?");
}

TEST(ParseOptionsErrors, LongFlagTypoIsNeverAnsweredWithAShortFlag) {
  // "--o" and "--v" are one edit from "-o" and "-v", but only long flags are suggested.
  EXPECT_EQ(argument_error({"-f", "a", "--o", "json"}), "unknown flag '--o' for 'kubectl azureml attach'");
  EXPECT_EQ(argument_error({"-f", "a", "--v"}), "unknown flag '--v' for 'kubectl azureml attach'");
  EXPECT_EQ(argument_error({"-f", "a", "--filee", "x"}),
            "unknown flag '--filee' for 'kubectl azureml attach'; did you mean '--file'?");
}

TEST(ParseOptionsErrors, LongFlagTypoSuggestsALongFlag) {
  EXPECT_EQ(argument_error({"-f", "a", "--fi", "x"}),
            "unknown flag '--fi' for 'kubectl azureml attach'; did you mean '--file'?");
}

// ---------------------------------------------------------------------------------------------
// FlagNames and TypeName

TEST(FlagNames, ShortThenLong) {
  EXPECT_EQ(flag_names(option("file", 'f', OptionType::string)), "-f, --file");
  EXPECT_EQ(flag_names(option("dry-run", 0, OptionType::flag)), "--dry-run");
}

TEST(TypeName, EveryType) {
  EXPECT_EQ(type_name(OptionType::flag), "flag");
  EXPECT_EQ(type_name(OptionType::string), "string");
  EXPECT_EQ(type_name(OptionType::integer), "integer");
  EXPECT_EQ(type_name(OptionType::choice), "choice");
  EXPECT_EQ(type_name(OptionType::string_list), "stringList");
}

}  // namespace
}  // namespace azureml::cli
