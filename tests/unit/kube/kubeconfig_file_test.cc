// One kubeconfig file: its entries, the positions kept for messages, relative paths, base64,
// and every error client-go would raise while decoding a file.
#include "core/kube/kubeconfig_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/kube/kube_test_support.h"

namespace azureml::kube {
namespace {

using test::b64;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

KubeconfigFile parse_ok(const std::string& text, const std::string& path = "/home/me/.kube/config") {
  auto parsed = parse_kubeconfig(path, text);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().describe());
  return parsed.ok() ? parsed.value() : KubeconfigFile{};
}

std::string parse_error(const std::string& text, const std::string& path = "/k/config") {
  auto parsed = parse_kubeconfig(path, text);
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? "" : parsed.error().describe();
}

TEST(KubeconfigFile, ReadsEveryFieldWithItsPosition) {
  const auto file = parse_ok(R"(apiVersion: v1
kind: Config
preferences: {}
current-context: dev
clusters:
- name: prod
  cluster:
    server: https://prod.example.com:6443
    certificate-authority-data: )" +
                             b64(test::kCaPem) + R"(
    tls-server-name: api.prod
    proxy-url: socks5://proxy:1080
    disable-compression: true
    insecure-skip-tls-verify: false
    extensions:
    - name: other
      extension: {ignored: true}
    - name: client.authentication.k8s.io/exec
      extension:
        audience: prod
        retries: 3
        flags: [a, b]
contexts:
- name: dev
  context:
    cluster: prod
    user: alice
    namespace: team-a
users:
- name: alice
  user:
    token: secret-token
    tokenFile: tokens/alice
    client-certificate: certs/alice.crt
    client-key: /abs/alice.key
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/plugin
      args: [get-token, --verbose]
      env:
      - name: A
        value: "1"
      installHint: install it
      provideClusterInfo: true
      interactiveMode: Never
)");
  EXPECT_EQ(file.path, "/home/me/.kube/config");
  ASSERT_TRUE(file.current_context);
  EXPECT_EQ(file.current_context->value, "dev");
  EXPECT_EQ(config::to_string(file.current_context->at), "4:18");

  ASSERT_EQ(file.clusters.size(), 1u);
  const auto& cluster = file.clusters[0];
  EXPECT_EQ(cluster.name, "prod");
  EXPECT_EQ(cluster.file, "/home/me/.kube/config");
  EXPECT_EQ(config::to_string(cluster.at), "6:9");
  EXPECT_EQ(cluster.server->value, "https://prod.example.com:6443");
  EXPECT_EQ(config::to_string(cluster.server->at), "8:13");
  EXPECT_EQ(cluster.certificate_authority_data->value, test::kCaPem);
  EXPECT_FALSE(cluster.certificate_authority);
  EXPECT_EQ(cluster.tls_server_name->value, "api.prod");
  EXPECT_EQ(cluster.proxy_url->value, "socks5://proxy:1080");
  EXPECT_TRUE(cluster.disable_compression->value);
  EXPECT_FALSE(cluster.insecure_skip_tls_verify->value);
  EXPECT_EQ(cluster.exec_extension, nlohmann::json::parse(R"({"audience":"prod","retries":3,"flags":["a","b"]})"));

  ASSERT_EQ(file.contexts.size(), 1u);
  EXPECT_EQ(file.contexts[0].cluster->value, "prod");
  EXPECT_EQ(file.contexts[0].user->value, "alice");
  EXPECT_EQ(file.contexts[0].namespace_name->value, "team-a");
  EXPECT_EQ(config::to_string(file.contexts[0].user->at), "26:11");

  ASSERT_EQ(file.users.size(), 1u);
  const auto& user = file.users[0];
  EXPECT_EQ(user.token->value, "secret-token");
  EXPECT_EQ(user.token_file->value, "/home/me/.kube/tokens/alice");  // relative to the file
  EXPECT_EQ(user.client_certificate->value, "/home/me/.kube/certs/alice.crt");
  EXPECT_EQ(user.client_key->value, "/abs/alice.key");
  ASSERT_TRUE(user.exec);
  EXPECT_EQ(config::to_string(user.exec->at), "35:5");
  EXPECT_EQ(user.exec->api_version->value, "client.authentication.k8s.io/v1");
  EXPECT_EQ(user.exec->command->value, "/home/me/.kube/bin/plugin");
  EXPECT_THAT(user.exec->args, ElementsAre("get-token", "--verbose"));
  ASSERT_EQ(user.exec->env.size(), 1u);
  EXPECT_EQ(user.exec->env[0].name.value, "A");
  EXPECT_EQ(user.exec->env[0].value, "1");
  EXPECT_EQ(user.exec->install_hint->value, "install it");
  EXPECT_TRUE(user.exec->provide_cluster_info->value);
  EXPECT_EQ(user.exec->interactive_mode->value, "Never");
}

TEST(KubeconfigFile, RelativePathsResolveAgainstTheFilesDirectoryOnly) {
  const auto file = parse_ok(R"(clusters:
- name: c
  cluster: {server: "https://x", certificate-authority: ../ca/./ca.crt}
users:
- name: path-command
  user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: sub/dir/plugin}}
- name: bare-command
  user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin}}
- name: absolute
  user: {tokenFile: /var/run/token, client-certificate: "c.pem", client-key: ./k.pem}
)",
                             "/etc/kube/configs/main.yaml");
  EXPECT_EQ(file.clusters[0].certificate_authority->value, "/etc/kube/ca/ca.crt");
  EXPECT_EQ(file.users[0].exec->command->value, "/etc/kube/configs/sub/dir/plugin");
  EXPECT_EQ(file.users[1].exec->command->value, "kubelogin");  // on PATH, untouched
  EXPECT_EQ(file.users[2].token_file->value, "/var/run/token");
  EXPECT_EQ(file.users[2].client_certificate->value, "/etc/kube/configs/c.pem");
  EXPECT_EQ(file.users[2].client_key->value, "/etc/kube/configs/k.pem");
}

TEST(KubeconfigFile, RelativeKubeconfigPathIsMadeAbsoluteFirst) {
  const auto file = parse_ok("users:\n- name: u\n  user: {tokenFile: t}\n", "relative/config");
  EXPECT_EQ(file.users[0].token_file->value, (std::filesystem::current_path() / "relative/t").string());
}

TEST(KubeconfigFile, EmptyFilesAndNullSectionsAreEmptyKubeconfigs) {
  for (const char* text : {"", "\n\n", "# only a comment\n  # another\n", "null\n", "~"}) {
    const auto file = parse_ok(text);
    EXPECT_TRUE(file.clusters.empty() && file.contexts.empty() && file.users.empty() && !file.current_context) << text;
  }
  const auto nulls = parse_ok("clusters:\ncontexts: null\nusers: []\ncurrent-context: \"\"\n");
  EXPECT_TRUE(nulls.clusters.empty());
  EXPECT_FALSE(nulls.current_context);  // empty is unset
}

TEST(KubeconfigFile, EmptyStringsAndNullsAreUnset) {
  const auto file = parse_ok(R"(clusters:
- name: c
  cluster:
    server: ""
    certificate-authority:
    certificate-authority-data: ''
users:
- name: u
  user:
    token: ""
    exec:
)");
  EXPECT_FALSE(file.clusters[0].server);
  EXPECT_FALSE(file.clusters[0].certificate_authority);
  EXPECT_FALSE(file.clusters[0].certificate_authority_data);
  EXPECT_FALSE(file.users[0].token);
  EXPECT_FALSE(file.users[0].exec);
}

TEST(KubeconfigFile, JsonKubeconfigsAreReadToo) {
  const auto file = parse_ok(R"({
  "apiVersion": "v1",
  "clusters": [{"name": "c", "cluster": {"server": "https://c:443", "insecure-skip-tls-verify": true}}],
  "current-context": "x"
})",
                             "/k/config.json");
  EXPECT_EQ(file.clusters[0].server->value, "https://c:443");
  EXPECT_TRUE(file.clusters[0].insecure_skip_tls_verify->value);
  EXPECT_EQ(config::to_string(file.clusters[0].server->at), "3:52");
}

TEST(KubeconfigFile, WrongTypesAreErrorsAtTheValue) {
  EXPECT_EQ(parse_error(R"(clusters:
- name: c
  cluster:
    server: 6443
    insecure-skip-tls-verify: "true"
)"),
            "/k/config:4:13: error: cluster 'c': server must be a string, found a number (6443) (quote it to make it "
            "a string: \"6443\")\n"
            "/k/config:5:31: error: cluster 'c': insecure-skip-tls-verify must be a boolean, found a string (true) "
            "(write true or false, without quotes)");
  EXPECT_EQ(parse_error("clusters: {name: c}\n"), "/k/config:1:11: error: clusters must be a list, found a map");
  EXPECT_EQ(parse_error("- a\n- b\n"),
            "/k/config:1:1: error: a kubeconfig must be a map, found a list (expected keys such as apiVersion, "
            "clusters, contexts, users and current-context)");
  EXPECT_EQ(parse_error("current-context: [a]\n"),
            "/k/config:1:18: error: current-context must be a string, found a list");
  EXPECT_EQ(parse_error("users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                        "      args: [get-token, 8080]\n"),
            "/k/config:6:25: error: user 'u': exec: args[1] must be a string, found a number (8080) (quote it to make "
            "it a string: \"8080\")");
  EXPECT_EQ(parse_error("users:\n- name: u\n  user:\n    exec: kubelogin\n"),
            "/k/config:4:11: error: user 'u': exec must be a map, found a string (kubelogin)");
  EXPECT_EQ(parse_error("contexts:\n- name: 7\n  context: {}\n"),
            "/k/config:2:9: error: contexts[0].name must be a string, found a number (7) (quote it to make it a "
            "string: \"7\")");
  EXPECT_EQ(parse_error("users:\n- name: u\n  user:\n    exec:\n      env:\n      - A=1\n"),
            "/k/config:6:9: error: user 'u': exec: env[0] must be a map, found a string (A=1)");
}

TEST(KubeconfigFile, BadBase64IsAnErrorEvenInEntriesNobodyUses) {
  EXPECT_EQ(parse_error(R"(clusters:
- name: unused
  cluster:
    server: https://x
    certificate-authority-data: LS0tLS1C!UdJTg==
users:
- name: u
  user:
    client-key-data: abc
)"),
            "/k/config:5:33: error: cluster 'unused': certificate-authority-data is not valid base64: '!' is not a "
            "base64 character (character 9) (it holds the PEM file's content in base64, e.g. the output of "
            "`base64 -w0 ca.crt`)\n"
            "/k/config:9:22: error: user 'u': client-key-data is not valid base64: the text ends in the middle of a "
            "4-character group (its length is not a multiple of 4) (character 4) (it holds the PEM file's content in "
            "base64, e.g. the output of `base64 -w0 ca.crt`)");
}

TEST(KubeconfigFile, DuplicateNamesAndKeysAreErrors) {
  EXPECT_EQ(parse_error(R"(clusters:
- name: a
  cluster: {server: "https://1"}
- name: a
  cluster: {server: "https://2"}
users:
- name: u
  user:
    token: x
    token: y
- user: {token: z}
)"),
            "/k/config:4:9: error: cluster 'a' is defined twice in this file (first at line 2, column 9; keep one or "
            "rename it)\n"
            "/k/config:10:5: error: duplicate key 'token' (first at line 9, column 5; keep one)\n"
            "/k/config:11:3: error: users[1] has no name (add `name: ...`; contexts refer to users by name)");
}

TEST(KubeconfigFile, SyntaxErrorsKeepTheirPosition) {
  const auto error = parse_error("clusters:\n- name: a\n  cluster: {server: x\n");
  EXPECT_THAT(error, ::testing::StartsWith("/k/config:"));
  EXPECT_THAT(error, HasSubstr(": error: "));
}

TEST(KubeconfigFile, AuthProviderBasicAuthAndImpersonationAreNoted) {
  const auto file = parse_ok(R"(users:
- name: old-aks
  user:
    auth-provider:
      name: azure
      config: {apiserver-id: x}
- name: basic
  user: {username: admin, password: hunter2}
- name: imp
  user: {token: t, as-groups: [system:masters]}
)");
  EXPECT_EQ(file.users[0].auth_provider->value, "azure");
  EXPECT_EQ(config::to_string(file.users[0].auth_provider->at), "5:13");
  EXPECT_EQ(config::to_string(*file.users[1].basic_auth), "8:20");
  EXPECT_EQ(config::to_string(*file.users[2].impersonation), "10:31");
}

TEST(KubeconfigFile, ReadsTheBlockScalarInstallHintOfAzureCli) {
  // As `az aks get-credentials` writes it (yaml.dump of a multi-line string).
  const auto file = parse_ok(R"(users:
- name: clusterUser_rg_aks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - get-token
      - --login
      - azurecli
      command: kubelogin
      env: null
      installHint: |2

        kubelogin is not installed which is required to connect to AAD enabled cluster.

        To learn more, please go to https://aka.ms/aks/kubelogin
      provideClusterInfo: false
)");
  ASSERT_TRUE(file.users[0].exec);
  EXPECT_THAT(file.users[0].exec->install_hint->value, HasSubstr("kubelogin is not installed"));
  EXPECT_THAT(file.users[0].exec->install_hint->value, HasSubstr("https://aka.ms/aks/kubelogin"));
  EXPECT_TRUE(file.users[0].exec->env.empty());
}

TEST(ResolveAgainst, NormalizesLikeFilepathJoin) {
  EXPECT_EQ(resolve_against("/a/b", "c"), "/a/b/c");
  EXPECT_EQ(resolve_against("/a/b", "../c"), "/a/c");
  EXPECT_EQ(resolve_against("/a/b", "./c/./d"), "/a/b/c/d");
  EXPECT_EQ(resolve_against("/a/b", "/x/../y"), "/y");
}

}  // namespace
}  // namespace azureml::kube
