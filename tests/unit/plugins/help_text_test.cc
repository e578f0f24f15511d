// A front end maps its own conventions onto the shared verb declarations.
#include <gtest/gtest.h>

#include "plugins/help_text.h"
#include "plugins/options.h"

namespace azureml::cli {
namespace {

VerbSpec attach_like_verb() {
  VerbSpec verb;
  verb.name = "attach";
  verb.summary = "Attach";
  verb.positional = PositionalSpec{"NAME", "Compute name.", true};
  verb.options = {{"namespace", 0, OptionType::string, "NAMESPACE", "Kubernetes namespace.", std::nullopt, {}}};
  return verb;
}

const FrontEnd kKubectlShortNamespace{"kubectl azureml", "table", {{"namespace", 'n'}}};
const FrontEnd kPlain{"azureml", "json"};

TEST(FrontEnd, KubectlTakesDashNForNamespace) {
  auto parsed = parse_options(attach_like_verb(), kKubectlShortNamespace, {"my-compute", "-n", "ml"});
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed->get("namespace"), "ml");
  EXPECT_EQ(parsed->positional(), "my-compute");
  EXPECT_EQ(parsed->get("output"), "table");
}

TEST(FrontEnd, WithoutTheAliasDashNIsUnknown) {
  auto parsed = parse_options(attach_like_verb(), kPlain, {"my-compute", "-n", "ml"});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error(), "unknown flag '-n' for 'azureml attach'");
}

TEST(FrontEnd, DefaultOutputIsTheFrontEnds) {
  auto parsed = parse_options(attach_like_verb(), kPlain, {"my-compute"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->get("output"), "json");
}

TEST(FrontEnd, HelpShowsTheAliasAndTheDefault) {
  const std::string help = verb_help(attach_like_verb(), kKubectlShortNamespace);
  EXPECT_NE(help.find("-n, --namespace=NAMESPACE"), std::string::npos) << help;
  EXPECT_NE(help.find("Default: 'table'"), std::string::npos) << help;
  EXPECT_NE(help.find("kubectl azureml attach NAME [options]"), std::string::npos) << help;
}

TEST(FrontEnd, AliasNeverReplacesADeclaredShortFlag) {
  VerbSpec verb = attach_like_verb();
  verb.options[0].short_name = 'N';
  EXPECT_EQ(present(verb.options[0], kKubectlShortNamespace).short_name, 'N');
}

}  // namespace
}  // namespace azureml::cli
