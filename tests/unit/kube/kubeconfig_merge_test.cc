// Which files are read (--kubeconfig, KUBECONFIG, ~/.kube/config) and the first-wins merge.
#include "core/kube/kubeconfig_merge.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include "tests/unit/kube/kube_test_support.h"

namespace azureml::kube {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(KubeconfigSources, FlagThenKubeconfigVariableThenHome) {
  MapEnvironment environment({{"HOME", "/home/me"}, {"KUBECONFIG", "/a:/b"}});
  auto flag = kubeconfig_sources(std::string("/explicit"), environment);
  ASSERT_TRUE(flag.ok());
  EXPECT_THAT(flag->files, ElementsAre("/explicit"));
  EXPECT_TRUE(flag->required);
  EXPECT_EQ(flag->origin, "--kubeconfig");

  auto variable = kubeconfig_sources(std::nullopt, environment);
  EXPECT_THAT(variable->files, ElementsAre("/a", "/b"));
  EXPECT_FALSE(variable->required);
  EXPECT_EQ(variable->origin, "KUBECONFIG");

  // An empty --kubeconfig is no flag at all.
  EXPECT_EQ(kubeconfig_sources(std::string(""), environment)->origin, "KUBECONFIG");

  MapEnvironment home_only({{"HOME", "/home/me"}, {"KUBECONFIG", ""}});
  auto home = kubeconfig_sources(std::nullopt, home_only);
  EXPECT_THAT(home->files, ElementsAre("/home/me/.kube/config"));
  EXPECT_EQ(home->origin, "$HOME/.kube/config");
}

TEST(KubeconfigSources, ListDropsEmptyEntriesAndDuplicates) {
  MapEnvironment environment;
  environment.set("KUBECONFIG", ":/a::/b:/a:");
  EXPECT_THAT(kubeconfig_sources(std::nullopt, environment)->files, ElementsAre("/a", "/b"));
  MapEnvironment only_separators;
  only_separators.set("KUBECONFIG", ":::");
  EXPECT_TRUE(kubeconfig_sources(std::nullopt, only_separators)->files.empty());  // not the default file
}

TEST(KubeconfigSources, NoHomeAndNoKubeconfigIsAnError) {
  MapEnvironment empty;
  auto sources = kubeconfig_sources(std::nullopt, empty);
  ASSERT_FALSE(sources.ok());
  EXPECT_EQ(
      sources.error().describe(),
      "error: cannot find a kubeconfig: KUBECONFIG and HOME are not set (pass --kubeconfig FILE or set KUBECONFIG)");
}

// Three files that disagree about almost everything.
struct ThreeFiles : ::testing::Test {
  test::KubeHome home;
  std::string first, second, third;
  void SetUp() override {
    first = home.write("one.yaml", R"(clusters:
- name: shared
  cluster:
    server: https://first.example.com
contexts:
- name: dev
  context: {cluster: shared, user: alice}
users: []
)");
    second = home.write("two.yaml", R"(current-context: prod
clusters:
- name: shared
  cluster:
    server: https://second.example.com
    certificate-authority: ca.crt
- name: only-second
  cluster: {server: "https://only-second"}
contexts:
- name: prod
  context: {cluster: only-second, user: bob}
users:
- name: alice
  user: {token: alice-from-second}
)");
    third = home.write("three.yaml", R"(current-context: dev
contexts:
- name: dev
  context: {cluster: only-second, user: bob, namespace: third}
- name: stage
  context: {cluster: shared}
users:
- name: alice
  user: {token: alice-from-third}
- name: bob
  user: {token: bob-from-third}
)");
  }
};

TEST_F(ThreeFiles, FirstDefinitionOfEachNameWinsWhole) {
  home.environment.set("KUBECONFIG", first + ":" + home.path("missing.yaml") + "::" + second + ":" + third);
  auto merged = load_kubeconfigs(kubeconfig_sources(std::nullopt, home.environment).value());
  ASSERT_TRUE(merged.ok()) << merged.error().describe();
  EXPECT_THAT(merged->files, ElementsAre(first, second, third));  // the missing one skipped

  EXPECT_THAT(merged->cluster_names(), ElementsAre("shared", "only-second"));
  const auto* shared = merged->find_cluster("shared");
  EXPECT_EQ(shared->file, first);
  EXPECT_EQ(shared->server->value, "https://first.example.com");
  EXPECT_FALSE(shared->certificate_authority);  // no field comes from the second file's "shared"

  EXPECT_THAT(merged->context_names(), ElementsAre("dev", "prod", "stage"));
  const auto* dev = merged->find_context("dev");
  EXPECT_EQ(dev->file, first);
  EXPECT_EQ(dev->cluster->value, "shared");
  EXPECT_FALSE(dev->namespace_name);  // not merged from the third file

  EXPECT_THAT(merged->user_names(), ElementsAre("alice", "bob"));
  EXPECT_EQ(merged->find_user("alice")->token->value, "alice-from-second");
  EXPECT_EQ(merged->find_user("bob")->token->value, "bob-from-third");
  EXPECT_EQ(merged->find_user("carol"), nullptr);

  // The first file that sets current-context wins.
  ASSERT_TRUE(merged->current_context);
  EXPECT_EQ(merged->current_context->value, "prod");
  EXPECT_EQ(merged->current_context_file, second);
  EXPECT_EQ(config::to_string(merged->current_context->at), "1:18");
}

TEST_F(ThreeFiles, OrderDecides) {
  home.environment.set("KUBECONFIG", third + ":" + second + ":" + first);
  auto merged = load_kubeconfigs(kubeconfig_sources(std::nullopt, home.environment).value());
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->current_context->value, "dev");
  EXPECT_EQ(merged->find_context("dev")->namespace_name->value, "third");
  EXPECT_EQ(merged->find_user("alice")->token->value, "alice-from-third");
  EXPECT_EQ(merged->find_cluster("shared")->server->value, "https://second.example.com");
}

TEST_F(ThreeFiles, ExplicitFileIsReadAloneAndMustExist) {
  home.environment.set("KUBECONFIG", first + ":" + second);
  auto alone = load_kubeconfigs(kubeconfig_sources(third, home.environment).value());
  ASSERT_TRUE(alone.ok());
  EXPECT_THAT(alone->files, ElementsAre(third));
  EXPECT_THAT(alone->cluster_names(), ElementsAre());

  const auto missing = home.path("nope.yaml");
  auto error = load_kubeconfigs(kubeconfig_sources(missing, home.environment).value());
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.error().describe(),
            missing +
                ": error: cannot read the kubeconfig (--kubeconfig): No such file or directory "
                "(check the path given to --kubeconfig)");
  EXPECT_EQ(error.error().exit_code(), ExitCode::usage);
}

TEST_F(ThreeFiles, ProblemsOfEveryFileAreReportedTogether) {
  const auto broken = home.write("broken.yaml", "clusters:\n- name: x\n  cluster: {server: 1}\n");
  const auto also_broken = home.write("also.yaml", "users: 3\n");
  home.environment.set("KUBECONFIG", broken + ":" + first + ":" + also_broken + ":" + home.directory.path().string());
  auto merged = load_kubeconfigs(kubeconfig_sources(std::nullopt, home.environment).value());
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.error().describe(),
            broken +
                ":3:21: error: cluster 'x': server must be a string, found a number (1) (quote it to make it a "
                "string: \"1\")\n" +
                also_broken + ":1:8: error: users must be a list, found a number (3)\n" +
                home.directory.path().string() + ": error: cannot read the kubeconfig (KUBECONFIG): Is a directory");
}

TEST(KubeconfigMerge, NothingToReadIsAnEmptyMerge) {
  test::KubeHome home;  // no ~/.kube/config
  auto merged = load_kubeconfigs(kubeconfig_sources(std::nullopt, home.environment).value());
  ASSERT_TRUE(merged.ok());
  EXPECT_TRUE(merged->files.empty());
  EXPECT_FALSE(merged->current_context);
}

TEST(KubeconfigMerge, UnreadableFileIsAnErrorNotSkipped) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  test::KubeHome home;
  const auto locked = home.write_config("clusters: []\n");
  std::filesystem::permissions(locked, std::filesystem::perms::none);
  auto merged = load_kubeconfigs(kubeconfig_sources(std::nullopt, home.environment).value());
  ASSERT_FALSE(merged.ok());
  EXPECT_THAT(merged.error().describe(), HasSubstr("Permission denied"));
}

}  // namespace
}  // namespace azureml::kube
