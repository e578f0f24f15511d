// A user's exec plugin as load_rest_config checks it, and the kubeconfigs AKS and Azure Arc
// users actually have (kubelogin).
#include "core/kube/kubeconfig.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/kube/kube_test_support.h"

// A namespace of its own: the fixture ExecEntry (the suite name) must not meet kube::ExecEntry of
// core/kube/kubeconfig_file.h when this file shares a translation unit with others (unity build).
namespace azureml::kube::kubeconfig_exec_test {
namespace {

using test::b64;
using test::kCaPem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct ExecEntry : ::testing::Test {
  test::KubeHome home;
  std::string config_path() const { return home.path(".kube/config"); }

  // One context whose user has `exec_fields` under exec:.
  void write(const std::string& exec_fields, const std::string& extra_user_fields = "") {
    home.write_config(
        "current-context: c\nclusters:\n- name: k\n  cluster:\n    server: https://k:443\n"
        "contexts:\n- name: c\n  context: {cluster: k, user: u}\nusers:\n- name: u\n  user:\n" +
        extra_user_fields + "    exec:\n" + exec_fields);
  }
  ExecConfig exec_ok(const KubeconfigOverrides& overrides = {}) {
    auto loaded = home.load(overrides);
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().describe());
    if (!loaded.ok() || !loaded->auth.exec) {
      ADD_FAILURE() << "no exec config";
      return {};
    }
    return *loaded->auth.exec;
  }
  std::string error() {
    auto loaded = home.load();
    EXPECT_FALSE(loaded.ok());
    return loaded.ok() ? "" : loaded.error().describe();
  }
};

TEST_F(ExecEntry, V1beta1DefaultsToIfAvailable) {
  write("      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n");
  const auto exec = exec_ok();
  EXPECT_EQ(exec.api_version, kExecApiV1beta1);
  EXPECT_EQ(exec.command, "kubelogin");
  EXPECT_TRUE(exec.args.empty());
  EXPECT_EQ(exec.interactive_mode, ExecInteractiveMode::if_available);
  EXPECT_FALSE(exec.provide_cluster_info);
  EXPECT_FALSE(exec.cluster);
  EXPECT_EQ(exec.user, "u");
}

TEST_F(ExecEntry, V1NeedsInteractiveMode) {
  write("      apiVersion: client.authentication.k8s.io/v1\n      command: kubelogin\n");
  EXPECT_EQ(error(), config_path() +
                         ":12:5: error: user 'u': exec: interactiveMode is required with "
                         "client.authentication.k8s.io/v1 (add `interactiveMode: IfAvailable` (or Never, or "
                         "Always))");
  for (const auto& [text, mode] :
       {std::pair{"Never", ExecInteractiveMode::never}, std::pair{"IfAvailable", ExecInteractiveMode::if_available},
        std::pair{"Always", ExecInteractiveMode::always}}) {
    write(std::string(
              "      apiVersion: client.authentication.k8s.io/v1\n      command: kubelogin\n      interactiveMode: ") +
          text + "\n");
    EXPECT_EQ(exec_ok().interactive_mode, mode) << text;
  }
}

TEST_F(ExecEntry, InteractiveModeIsCaseSensitiveAsInClientGo) {
  write(
      "      apiVersion: client.authentication.k8s.io/v1\n      command: kubelogin\n      interactiveMode: "
      "ifavailable\n");
  EXPECT_EQ(error(), config_path() +
                         ":15:24: error: user 'u': exec: interactiveMode 'ifavailable' is not valid (did you "
                         "mean 'IfAvailable'? allowed: 'Never', 'IfAvailable' or 'Always')");
}

TEST_F(ExecEntry, ApiVersionMustBeKnown) {
  write("      apiVersion: client.authentication.k8s.io/v1alpha1\n      command: kubelogin\n");
  EXPECT_EQ(error(), config_path() +
                         ":13:19: error: user 'u': exec: apiVersion 'client.authentication.k8s.io/v1alpha1' "
                         "is not supported (allowed: 'client.authentication.k8s.io/v1' or "
                         "'client.authentication.k8s.io/v1beta1'; v1alpha1 was removed in Kubernetes 1.24)");
  write("      command: kubelogin\n");
  EXPECT_EQ(error(), config_path() +
                         ":12:5: error: user 'u': exec: apiVersion is missing (set it to "
                         "'client.authentication.k8s.io/v1' or 'client.authentication.k8s.io/v1beta1')");
}

TEST_F(ExecEntry, CommandAndEnvNamesAreRequired) {
  write(
      "      apiVersion: client.authentication.k8s.io/v1beta1\n      env:\n      - value: x\n      - name: OK\n"
      "        value: y\n");
  EXPECT_EQ(error(), config_path() +
                         ":12:5: error: user 'u': exec: command is missing (name the credential plugin, e.g. "
                         "`command: kubelogin`)\n" +
                         config_path() +
                         ":15:9: error: user 'u': exec: an env entry has no name (write `- name: NAME` "
                         "and `value: VALUE`)");
}

TEST_F(ExecEntry, EnvArgsAndInstallHintAreKept) {
  write(
      "      apiVersion: client.authentication.k8s.io/v1beta1\n      command: bin/plugin\n      args: [\"--a\", \"\"]\n"
      "      env:\n      - {name: A, value: \"1\"}\n      - {name: EMPTY}\n      installHint: |\n"
      "        Install the plugin:\n          brew install plugin\n");
  const auto exec = exec_ok();
  EXPECT_EQ(exec.command, home.path(".kube/bin/plugin"));  // relative to the kubeconfig: it holds a '/'
  EXPECT_THAT(exec.args, ElementsAre("--a", ""));
  EXPECT_THAT(exec.env, ElementsAre(std::pair<std::string, std::string>{"A", "1"},
                                    std::pair<std::string, std::string>{"EMPTY", ""}));
  EXPECT_EQ(exec.install_hint, "Install the plugin: brew install plugin");
}

TEST_F(ExecEntry, ProvideClusterInfoCarriesTheResolvedCluster) {
  home.write(".kube/ca.crt", kCaPem);
  home.write_config(R"(current-context: c
clusters:
- name: k
  cluster:
    server: https://k.example.com:443
    certificate-authority: ca.crt
    tls-server-name: k.internal
    proxy-url: http://proxy:3128
    extensions:
    - name: client.authentication.k8s.io/exec
      extension: {audience: "api://k", scopes: [a, b]}
contexts:
- name: c
  context: {cluster: k, user: u}
users:
- name: u
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: plugin
      interactiveMode: Never
      provideClusterInfo: true
)");
  auto exec = exec_ok();
  ASSERT_TRUE(exec.cluster);
  EXPECT_EQ(exec.cluster->server, "https://k.example.com:443");
  EXPECT_EQ(exec.cluster->tls_server_name, "k.internal");
  EXPECT_EQ(exec.cluster->certificate_authority_pem, kCaPem);  // read from the file: the plugin gets data
  EXPECT_EQ(exec.cluster->proxy_url, "http://proxy:3128");
  EXPECT_FALSE(exec.cluster->insecure_skip_tls_verify);
  EXPECT_EQ(exec.cluster->config, nlohmann::json::parse(R"({"audience":"api://k","scopes":["a","b"]})"));

  KubeconfigOverrides overrides;  // the plugin hears about the cluster as the flags changed it
  overrides.server = "https://other:6443";
  overrides.insecure_skip_tls_verify = true;
  exec = exec_ok(overrides);
  EXPECT_EQ(exec.cluster->server, "https://other:6443");
  EXPECT_EQ(exec.cluster->tls_server_name, "");
  EXPECT_TRUE(exec.cluster->insecure_skip_tls_verify);
  EXPECT_EQ(exec.cluster->certificate_authority_pem, std::nullopt);
}

TEST_F(ExecEntry, NotRunWhenTheUserHasATokenOrCertificate) {
  write("      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n", "    token: static\n");
  auto loaded = home.load();
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  EXPECT_EQ(loaded->auth.token, "static");
  EXPECT_FALSE(loaded->auth.exec);
  EXPECT_THAT(loaded->warnings,
              ElementsAre(config_path() + ":13:5: warning: user 'u' has a token or client certificate as well as exec; "
                                          "the exec plugin is not run (as kubectl)"));
  KubeconfigOverrides token;
  write("      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n");
  token.token = "typed";
  loaded = home.load(token);
  ASSERT_TRUE(loaded.ok());
  EXPECT_FALSE(loaded->auth.exec);  // --token wins over the plugin, as kubectl
  // A broken exec entry is an error even when it would not run (client-go validates it).
  write("      command: kubelogin\n", "    token: static\n");
  EXPECT_THAT(error(), HasSubstr("apiVersion is missing"));
}

// What `az aks get-credentials` writes for an Entra ID (AAD) cluster, converted by
// `kubelogin convert-kubeconfig -l azurecli` (the layout is Azure CLI's: keys sorted).
const std::string kAksKubeconfig = R"(apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: )" +
                                   b64(kCaPem) + R"(
    server: https://ml-aks-dns-3b2c9a1f.hcp.westeurope.azmk8s.io:443
  name: ml-aks
contexts:
- context:
    cluster: ml-aks
    user: clusterUser_ml-rg_ml-aks
  name: ml-aks
current-context: ml-aks
kind: Config
preferences: {}
users:
- name: clusterUser_ml-rg_ml-aks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - get-token
      - --login
      - azurecli
      - --server-id
      - 6dae42f8-4368-4678-94ff-3960e28e3630
      command: kubelogin
      env: null
      installHint: |2

        kubelogin is not installed which is required to connect to AAD enabled cluster.

        To learn more, please go to https://aka.ms/aks/kubelogin
      interactiveMode: IfAvailable
      provideClusterInfo: false
)";

TEST_F(ExecEntry, AksKubeloginKubeconfig) {
  home.write_config(kAksKubeconfig);
  auto loaded = home.load();
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  const auto& config = loaded.value();
  EXPECT_EQ(config.context, "ml-aks");
  EXPECT_EQ(config.cluster, "ml-aks");
  EXPECT_EQ(config.user, "clusterUser_ml-rg_ml-aks");
  EXPECT_EQ(config.server, "https://ml-aks-dns-3b2c9a1f.hcp.westeurope.azmk8s.io:443");
  EXPECT_EQ(config.certificate_authority_pem, kCaPem);
  EXPECT_EQ(config.namespace_name, "default");
  ASSERT_TRUE(config.auth.exec);
  const auto& exec = *config.auth.exec;
  EXPECT_EQ(exec.api_version, kExecApiV1beta1);
  EXPECT_EQ(exec.command, "kubelogin");
  EXPECT_THAT(exec.args,
              ElementsAre("get-token", "--login", "azurecli", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"));
  EXPECT_TRUE(exec.env.empty());
  EXPECT_EQ(exec.install_hint,
            "kubelogin is not installed which is required to connect to AAD enabled cluster. To learn more, please go "
            "to https://aka.ms/aks/kubelogin");
  EXPECT_EQ(exec.interactive_mode, ExecInteractiveMode::if_available);
  EXPECT_FALSE(exec.provide_cluster_info);
  EXPECT_TRUE(config.warnings.empty());
}

// An Azure Arc-enabled cluster reached directly with a proof-of-possession token from
// kubelogin (service principal login, Arc's server and client apps), in its own file merged
// through KUBECONFIG with the AKS one.
const std::string kArcKubeconfig = R"(apiVersion: v1
kind: Config
clusters:
- name: arc-onprem
  cluster:
    server: https://10.20.0.5:6443
    certificate-authority-data: )" +
                                   b64(test::kOtherCaPem) + R"(
contexts:
- name: arc-onprem
  context:
    cluster: arc-onprem
    user: clusterUser_ml-rg_arc-onprem
    namespace: azureml
current-context: arc-onprem
users:
- name: clusterUser_ml-rg_arc-onprem
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: kubelogin
      args:
      - get-token
      - --login
      - spn
      - --server-id
      - 6256c85f-0aad-4d50-b960-e6e9b21efe35
      - --client-id
      - 3f4439ff-e698-4d6d-84fe-09c9d574f06b
      - --tenant-id
      - 72f988bf-86f1-41af-91ab-2d7cd011db47
      - --pop-enabled
      - --pop-claims
      - u=/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml-rg/providers/Microsoft.Kubernetes/connectedClusters/arc-onprem
      env:
      - name: AAD_SERVICE_PRINCIPAL_CLIENT_ID
        value: 11111111-2222-3333-4444-555555555555
      - name: AAD_SERVICE_PRINCIPAL_CLIENT_SECRET
        value: sp-secret-value
      installHint: Install kubelogin from https://aka.ms/aks/kubelogin
      interactiveMode: Never
      provideClusterInfo: true
)";

TEST_F(ExecEntry, ArcKubeloginKubeconfigMergedWithAks) {
  const auto arc = home.write("arc.yaml", kArcKubeconfig);
  const auto aks = home.write("aks.yaml", kAksKubeconfig);
  home.environment.set("KUBECONFIG", arc + ":" + aks);
  auto loaded = home.load();
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  const auto& config = loaded.value();
  EXPECT_THAT(config.kubeconfig_files, ElementsAre(arc, aks));
  EXPECT_EQ(config.context, "arc-onprem");  // the first file's current-context
  EXPECT_EQ(config.server, "https://10.20.0.5:6443");
  EXPECT_EQ(config.namespace_name, "azureml");
  EXPECT_EQ(config.namespace_source, NamespaceSource::context);
  ASSERT_TRUE(config.auth.exec);
  const auto& exec = *config.auth.exec;
  EXPECT_EQ(exec.api_version, kExecApiV1);
  EXPECT_EQ(exec.interactive_mode, ExecInteractiveMode::never);
  EXPECT_EQ(exec.args.size(), 12u);
  EXPECT_EQ(exec.args[4], "6256c85f-0aad-4d50-b960-e6e9b21efe35");
  EXPECT_THAT(exec.env, ElementsAre(std::pair<std::string, std::string>{"AAD_SERVICE_PRINCIPAL_CLIENT_ID",
                                                                        "11111111-2222-3333-4444-555555555555"},
                                    std::pair<std::string, std::string>{"AAD_SERVICE_PRINCIPAL_CLIENT_SECRET",
                                                                        "sp-secret-value"}));
  ASSERT_TRUE(exec.cluster);
  EXPECT_EQ(exec.cluster->server, "https://10.20.0.5:6443");
  EXPECT_EQ(exec.cluster->certificate_authority_pem, test::kOtherCaPem);

  KubeconfigOverrides aks_context;  // the other file's context, through the merge
  aks_context.context = "ml-aks";
  loaded = home.load(aks_context);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->server, "https://ml-aks-dns-3b2c9a1f.hcp.westeurope.azmk8s.io:443");
  EXPECT_EQ(loaded->auth.exec->args[4], "6dae42f8-4368-4678-94ff-3960e28e3630");
}

}  // namespace
}  // namespace azureml::kube::kubeconfig_exec_test
