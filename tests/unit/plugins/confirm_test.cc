// Asking before a destructive change: --yes or --dry-run go on, a script without them is
// refused, and at a terminal only a "y" goes on.
#include <gtest/gtest.h>

#include <sstream>

#include "plugins/confirm.h"
#include "plugins/options.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

VerbSpec detach_like_verb() {
  VerbSpec verb;
  verb.name = "detach";
  verb.summary = "Detach";
  verb.options = {yes_option(), {"dry-run", 0, OptionType::flag, "", "Change nothing.", std::nullopt, {}}};
  return verb;
}

const FrontEnd kKubectlFrontEnd{"kubectl azureml", "table"};
const Destruction kDetaching{"detaching", "detached"};

struct Asked {
  bool going_on = false;
  std::string refusal;
  std::string prompt;
};

Asked ask(const std::vector<std::string>& arguments, bool interactive, const std::string& answer) {
  auto options = parse_options(detach_like_verb(), kKubectlFrontEnd, arguments);
  EXPECT_TRUE(options.ok()) << options.error();
  const VerbTable table({});
  const MapEnvironment environment;
  std::istringstream in(answer);
  std::ostringstream err;
  const Invocation call{*options, kKubectlFrontEnd, table, in, err, environment, interactive};
  Asked asked;
  asked.going_on = confirmed(call, "Detach compute arc from its workspace?", kDetaching, asked.refusal);
  asked.prompt = err.str();
  return asked;
}

TEST(Confirm, YesOrDryRunGoOnWithoutAsking) {
  for (const auto& flag : {"--yes", "-y", "--dry-run"}) {
    const Asked asked = ask({flag}, true, "n\n");
    EXPECT_TRUE(asked.going_on) << flag;
    EXPECT_EQ(asked.prompt, "") << flag;
  }
}

TEST(Confirm, AScriptWithoutYesIsRefusedNamingTheFlag) {
  const Asked asked = ask({}, false, "y\n");
  EXPECT_FALSE(asked.going_on);
  EXPECT_EQ(asked.refusal, "detaching needs confirmation: pass --yes (or --dry-run to see what would be detached)");
  EXPECT_EQ(asked.prompt, "");  // nothing read from stdin, nothing asked
}

TEST(Confirm, AtATerminalOnlyYGoesOn) {
  for (const auto& answer : {"y\n", "Y\n", "yes\n"}) {
    const Asked asked = ask({}, true, answer);
    EXPECT_TRUE(asked.going_on) << answer;
    EXPECT_EQ(asked.prompt, "Detach compute arc from its workspace? [y/N] ");
  }
  for (const auto& answer : {"\n", "n\n", "no\n", "yy\n", ""}) {
    const Asked asked = ask({}, true, answer);
    EXPECT_FALSE(asked.going_on) << answer;
    EXPECT_EQ(asked.refusal, "not confirmed; nothing was detached");
  }
}

}  // namespace
}  // namespace azureml::cli
