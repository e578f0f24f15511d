// load_rest_config: choosing the context, cluster and user, kubectl's flags, and every error,
// each at its place in the file.
#include "core/kube/kubeconfig.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/kube/kube_test_support.h"

namespace azureml::kube {
namespace {

using namespace std::chrono_literals;
using test::b64;
using test::kCaPem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct LoadRestConfig : ::testing::Test {
  test::KubeHome home;

  RestConfig ok(const KubeconfigOverrides& overrides = {}) {
    auto loaded = home.load(overrides);
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().describe());
    return loaded.ok() ? loaded.value() : RestConfig{};
  }
  std::string error(const KubeconfigOverrides& overrides = {}) {
    auto loaded = home.load(overrides);
    EXPECT_FALSE(loaded.ok());
    if (loaded.ok()) return "";
    EXPECT_EQ(loaded.error().kind, KubeError::Kind::invalid_config);
    EXPECT_EQ(loaded.error().exit_code(), ExitCode::usage);
    return loaded.error().describe();
  }
  std::string config_path() const { return home.path(".kube/config"); }
};

const std::string kTwoContexts = R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster:
    server: https://dev.example.com:6443
    certificate-authority-data: )" +
                                 b64(kCaPem) + R"(
- name: prod-cluster
  cluster:
    server: https://prod.example.com/
    insecure-skip-tls-verify: true
contexts:
- name: dev
  context: {cluster: dev-cluster, user: dev-user, namespace: team-a}
- name: production
  context: {cluster: prod-cluster, user: prod-user}
users:
- name: dev-user
  user: {token: dev-token}
- name: prod-user
  user: {token: prod-token}
)";

TEST_F(LoadRestConfig, CurrentContextDecides) {
  home.write_config(kTwoContexts);
  const auto config = ok();
  EXPECT_THAT(config.kubeconfig_files, ElementsAre(config_path()));
  EXPECT_EQ(config.context, "dev");
  EXPECT_EQ(config.cluster, "dev-cluster");
  EXPECT_EQ(config.user, "dev-user");
  EXPECT_EQ(config.server, "https://dev.example.com:6443");
  EXPECT_EQ(config.certificate_authority_pem, kCaPem);
  EXPECT_FALSE(config.insecure_skip_tls_verify);
  EXPECT_EQ(config.namespace_name, "team-a");
  EXPECT_EQ(config.namespace_source, NamespaceSource::context);
  EXPECT_EQ(config.auth.token, "dev-token");
  EXPECT_FALSE(config.auth.token_file || config.auth.client_certificate || config.auth.exec);
  EXPECT_EQ(config.request_timeout, std::nullopt);
  EXPECT_TRUE(config.warnings.empty());
}

TEST_F(LoadRestConfig, ContextFlagAndDefaultNamespace) {
  home.write_config(kTwoContexts);
  KubeconfigOverrides overrides;
  overrides.context = "production";
  const auto config = ok(overrides);
  EXPECT_EQ(config.context, "production");
  EXPECT_EQ(config.server, "https://prod.example.com");  // trailing '/' dropped
  EXPECT_TRUE(config.insecure_skip_tls_verify);
  EXPECT_EQ(config.certificate_authority_pem, std::nullopt);
  EXPECT_EQ(config.namespace_name, "default");
  EXPECT_EQ(config.namespace_source, NamespaceSource::fallback);
  EXPECT_EQ(to_string(config.namespace_source), "default");
  EXPECT_EQ(config.auth.token, "prod-token");
}

TEST_F(LoadRestConfig, NamespaceFlagWinsAndSaysSo) {
  home.write_config(kTwoContexts);
  KubeconfigOverrides overrides;
  overrides.namespace_name = "azureml";
  const auto config = ok(overrides);
  EXPECT_EQ(config.namespace_name, "azureml");
  EXPECT_EQ(config.namespace_source, NamespaceSource::flag);
  EXPECT_EQ(to_string(NamespaceSource::flag), "flag");
  EXPECT_EQ(to_string(NamespaceSource::context), "context");
  overrides.namespace_name = "";  // empty is not given, as in kubectl
  EXPECT_EQ(ok(overrides).namespace_source, NamespaceSource::context);
}

TEST_F(LoadRestConfig, ClusterAndUserFlagsReplaceTheContexts) {
  home.write_config(kTwoContexts);
  KubeconfigOverrides overrides;
  overrides.cluster = "prod-cluster";
  overrides.user = "prod-user";
  const auto config = ok(overrides);
  EXPECT_EQ(config.context, "dev");
  EXPECT_EQ(config.cluster, "prod-cluster");
  EXPECT_EQ(config.user, "prod-user");
  EXPECT_EQ(config.server, "https://prod.example.com");
  EXPECT_EQ(config.auth.token, "prod-token");
  EXPECT_EQ(config.namespace_name, "team-a");  // still the context's
}

TEST_F(LoadRestConfig, UnknownNamesFromFlagsSuggestTheClosest) {
  home.write_config(kTwoContexts);
  KubeconfigOverrides context;
  context.context = "prodution";
  EXPECT_EQ(error(context), "error: --context 'prodution': no context of that name in " + config_path() +
                                " (did you mean 'production'? defined contexts: 'production', 'dev')");
  KubeconfigOverrides cluster;
  cluster.cluster = "dev";
  EXPECT_EQ(error(cluster), "error: --cluster 'dev': no cluster of that name in " + config_path() +
                                " (did you mean 'dev-cluster'? defined clusters: 'dev-cluster', 'prod-cluster')");
  KubeconfigOverrides user;
  user.user = "nobody";
  EXPECT_EQ(error(user), "error: --user 'nobody': no user of that name in " + config_path() +
                             " (defined users: 'dev-user', 'prod-user')");
}

TEST_F(LoadRestConfig, ContextNamingUndefinedClusterOrUserPointsAtTheName) {
  home.write_config(R"(current-context: c
clusters:
- name: aks-westeurope
  cluster: {server: "https://a"}
- name: arc-onprem
  cluster: {server: "https://b"}
contexts:
- name: c
  context:
    cluster: aks-westeuorpe
    user: admin
users: []
)");
  EXPECT_EQ(error(),
            config_path() +
                ":10:14: error: context 'c' names cluster 'aks-westeuorpe', which is not defined (did you mean "
                "'aks-westeurope'? defined clusters: 'aks-westeurope', 'arc-onprem')\n" +
                config_path() +
                ":11:11: error: context 'c' names user 'admin', which is not defined (the "
                "kubeconfig defines no users)");
}

TEST_F(LoadRestConfig, CurrentContextNamingNothingPointsAtIt) {
  home.write_config("current-context: gone\ncontexts:\n- name: here\n  context: {cluster: x}\n");
  EXPECT_EQ(error(), config_path() +
                         ":1:18: error: current-context 'gone' names a context that is not defined (defined contexts: "
                         "'here'; pass --context NAME or run 'kubectl config use-context NAME')");
}

TEST_F(LoadRestConfig, NoCurrentContextAndNoFlag) {
  home.write_config("contexts:\n- name: a\n  context: {cluster: x}\n- name: b\n  context: {cluster: x}\n");
  EXPECT_EQ(error(), "error: no context to use: " + config_path() +
                         " sets no current-context and --context was not given (pass --context NAME (contexts: 'a', "
                         "'b') or run 'kubectl config use-context NAME')");
  home.write_config("apiVersion: v1\n");
  EXPECT_THAT(error(), HasSubstr("(the kubeconfig defines no contexts; add one, or pass --server URL)"));
}

TEST_F(LoadRestConfig, NoKubeconfigAnywhere) {
  EXPECT_EQ(error(), "error: no kubeconfig found: " + config_path() +
                         " does not exist and KUBECONFIG is not set (pass --kubeconfig FILE or set KUBECONFIG; 'az aks "
                         "get-credentials' writes one for AKS, 'az connectedk8s proxy' for Azure Arc)");
  KubeconfigOverrides context;
  context.context = "prod";
  EXPECT_THAT(error(context), ::testing::StartsWith("error: no kubeconfig found: "));
  home.environment.set("KUBECONFIG", home.path("a") + ":" + home.path("b"));
  EXPECT_EQ(error(), "error: no kubeconfig found: no file listed in KUBECONFIG exists (" + home.path("a") + ", " +
                         home.path("b") +
                         ") (pass --kubeconfig FILE or set KUBECONFIG; 'az aks get-credentials' writes "
                         "one for AKS, 'az connectedk8s proxy' for Azure Arc)");
  home.environment.set("KUBECONFIG", ":");
  EXPECT_THAT(error(), HasSubstr("no kubeconfig found: KUBECONFIG lists no file"));
  // With --server, a context that cannot exist is still an error, not silently ignored.
  context.server = "https://k";
  EXPECT_EQ(error(context),
            "error: --context 'prod': no context of that name in no kubeconfig (none was found) (the "
            "kubeconfig defines no contexts)");
}

TEST_F(LoadRestConfig, FlagsAloneDescribeACluster) {
  KubeconfigOverrides overrides;
  overrides.server = "127.0.0.1:8443";
  overrides.token = "flag-token";
  overrides.insecure_skip_tls_verify = true;
  overrides.request_timeout = "1m30s";
  const auto config = ok(overrides);
  EXPECT_TRUE(config.kubeconfig_files.empty());
  EXPECT_EQ(config.context, "");
  EXPECT_EQ(config.cluster, "");
  EXPECT_EQ(config.user, "");
  EXPECT_EQ(config.server, "https://127.0.0.1:8443");  // no scheme: https
  EXPECT_TRUE(config.insecure_skip_tls_verify);
  EXPECT_EQ(config.auth.token, "flag-token");
  EXPECT_EQ(config.namespace_name, "default");
  EXPECT_EQ(config.request_timeout, 90s);
}

TEST_F(LoadRestConfig, RequestTimeoutFlag) {
  home.write_config(kTwoContexts);
  KubeconfigOverrides overrides;
  overrides.request_timeout = "0";
  EXPECT_EQ(ok(overrides).request_timeout, std::nullopt);
  overrides.request_timeout = "45";
  EXPECT_EQ(ok(overrides).request_timeout, 45s);
  overrides.request_timeout = "500ms";
  EXPECT_EQ(ok(overrides).request_timeout, 500ms);
  overrides.request_timeout = "5 minutes";
  EXPECT_EQ(
      error(overrides),
      "error: --request-timeout '5 minutes': unknown unit ' minutes' in '5 minutes' (give whole seconds (30) or a "
      "duration such as 500ms, 45s or 1m30s; 0 means no timeout)");
}

TEST_F(LoadRestConfig, ServerFlagReplacesServerAndTlsServerName) {
  home.write_config(R"(current-context: c
clusters:
- name: k
  cluster: {server: "https://10.0.0.1:6443", tls-server-name: kubernetes.default.svc}
contexts:
- name: c
  context: {cluster: k}
)");
  EXPECT_EQ(ok().tls_server_name, "kubernetes.default.svc");
  KubeconfigOverrides server;
  server.server = "https://tunnel.example.com:443";
  auto config = ok(server);
  EXPECT_EQ(config.server, "https://tunnel.example.com:443");
  EXPECT_EQ(config.tls_server_name, "");  // --server drops the file's tls-server-name
  server.tls_server_name = "api.internal";
  EXPECT_EQ(ok(server).tls_server_name, "api.internal");
  KubeconfigOverrides name_only;
  name_only.tls_server_name = "other.name";
  config = ok(name_only);
  EXPECT_EQ(config.server, "https://10.0.0.1:6443");
  EXPECT_EQ(config.tls_server_name, "other.name");
}

TEST_F(LoadRestConfig, ContextWithoutClusterNeedsServer) {
  home.write_config("current-context: c\ncontexts:\n- name: c\n  context: {namespace: x}\n");
  EXPECT_EQ(error(), config_path() +
                         ":3:9: error: context 'c' names no cluster (add `cluster: NAME` to it, or pass --cluster NAME "
                         "or --server URL)");
  KubeconfigOverrides overrides;
  overrides.server = "http://localhost:8080";
  const auto config = ok(overrides);
  EXPECT_EQ(config.server, "http://localhost:8080");
  EXPECT_EQ(config.namespace_name, "x");
}

TEST_F(LoadRestConfig, ServerMissingOrUnusable) {
  home.write_config(R"(current-context: c
clusters:
- name: k
  cluster: {certificate-authority-data: )" +
                    b64(kCaPem) + R"(}
- name: ftp
  cluster: {server: "ftp://files.example.com"}
- name: hostless
  cluster: {server: "https:///api"}
contexts:
- name: c
  context: {cluster: k}
- name: f
  context: {cluster: ftp}
- name: h
  context: {cluster: hostless}
)");
  EXPECT_EQ(error(), config_path() +
                         ":3:9: error: cluster 'k' has no server (add `server: https://HOST:PORT` to it, "
                         "or pass --server URL)");
  KubeconfigOverrides ftp;
  ftp.context = "f";
  EXPECT_EQ(error(ftp), config_path() +
                            ":6:21: error: server 'ftp://files.example.com' is not a usable URL: the scheme "
                            "must be https or http, found 'ftp' (write https://HOST:PORT)");
  KubeconfigOverrides hostless;
  hostless.context = "h";
  EXPECT_THAT(error(hostless), HasSubstr(":8:21: error: server 'https:///api' is not a usable URL: it has no host"));
  KubeconfigOverrides flag;
  flag.server = "gopher://x";
  EXPECT_EQ(error(flag),
            "error: --server: server 'gopher://x' is not a usable URL: the scheme must be https or http, "
            "found 'gopher' (write https://HOST:PORT)");
  flag.server = "HTTPS://Upper.Example.com:6443/prefix/";
  EXPECT_EQ(ok(flag).server, "https://Upper.Example.com:6443/prefix");  // a path prefix stays (Rancher, proxies)
}

// --- certificate authority, insecure ---------------------------------------------------------

std::string one_cluster(const std::string& cluster_fields) {
  return "current-context: c\nclusters:\n- name: k\n  cluster:\n    server: https://k:6443\n" + cluster_fields +
         "contexts:\n- name: c\n  context: {cluster: k}\n";
}

TEST_F(LoadRestConfig, CaDataWinsOverThePathBesideIt) {
  // The path does not even exist: with data beside it, it is never read.
  home.write_config(
      one_cluster("    certificate-authority: nowhere/ca.crt\n    certificate-authority-data: " + b64(kCaPem) + "\n"));
  const auto config = ok();
  EXPECT_EQ(config.certificate_authority_pem, kCaPem);
  EXPECT_THAT(config.warnings,
              ElementsAre(config_path() + ":6:28: warning: cluster 'k' sets both certificate-authority and "
                                          "certificate-authority-data; the data is used (kubectl refuses the pair)"));
}

TEST_F(LoadRestConfig, CaPathIsRelativeToTheKubeconfig) {
  home.write("elsewhere/pki/ca.crt", test::kOtherCaPem);
  const auto kubeconfig = home.write("elsewhere/kubeconfig", one_cluster("    certificate-authority: pki/ca.crt\n"));
  KubeconfigOverrides overrides;
  overrides.kubeconfig = kubeconfig;
  EXPECT_EQ(ok(overrides).certificate_authority_pem, test::kOtherCaPem);
}

TEST_F(LoadRestConfig, UnreadableOrWrongCaSaysWhichFileAndKey) {
  home.write_config(one_cluster("    certificate-authority: ../ca.crt\n"));
  EXPECT_EQ(error(), config_path() + ":6:28: error: cannot read certificate-authority '" + home.path("ca.crt") +
                         "': No such file or directory (a relative path is relative to the kubeconfig's directory; or "
                         "embed the CA as certificate-authority-data)");
  home.write("ca.crt", "not a certificate");
  EXPECT_EQ(error(), config_path() + ":6:28: error: '" + home.path("ca.crt") +
                         "' does not hold a PEM certificate (it must contain -----BEGIN CERTIFICATE-----)");
  home.write_config(one_cluster("    certificate-authority-data: " + b64(b64(kCaPem)) + "\n"));
  EXPECT_EQ(error(), config_path() +
                         ":6:33: error: cluster 'k': certificate-authority-data does not hold a PEM "
                         "certificate (it must decode to text starting with -----BEGIN CERTIFICATE----- "
                         "(was it base64-encoded twice, or is it DER?))");
}

TEST_F(LoadRestConfig, CaAndInsecureTogetherAreRefused) {
  home.write_config(
      one_cluster("    certificate-authority-data: " + b64(kCaPem) + "\n    insecure-skip-tls-verify: true\n"));
  EXPECT_EQ(error(), config_path() +
                         ":7:31: error: cluster 'k' sets both insecure-skip-tls-verify and a certificate "
                         "authority (certificate-authority-data at line 6, column 33) (client-go refuses "
                         "the pair: remove insecure-skip-tls-verify to verify the server with the CA, or "
                         "remove the CA)");
  // --insecure-skip-tls-verify=false turns the file's flag off and keeps the CA.
  KubeconfigOverrides secure;
  secure.insecure_skip_tls_verify = false;
  const auto config = ok(secure);
  EXPECT_FALSE(config.insecure_skip_tls_verify);
  EXPECT_EQ(config.certificate_authority_pem, kCaPem);
}

TEST_F(LoadRestConfig, InsecureFlagDropsTheFilesCa) {
  home.write_config(one_cluster("    certificate-authority: missing.crt\n"));
  KubeconfigOverrides overrides;
  overrides.insecure_skip_tls_verify = true;
  const auto config = ok(overrides);  // the missing file is not read
  EXPECT_TRUE(config.insecure_skip_tls_verify);
  EXPECT_EQ(config.certificate_authority_pem, std::nullopt);
}

TEST_F(LoadRestConfig, CertificateAuthorityFlagReplacesDataAndInsecure) {
  home.write_config(
      one_cluster("    certificate-authority-data: " + b64(kCaPem) + "\n    insecure-skip-tls-verify: true\n"));
  const auto flag_ca = home.write("flag-ca.pem", test::kOtherCaPem);
  KubeconfigOverrides overrides;
  overrides.certificate_authority = flag_ca;
  const auto config = ok(overrides);
  EXPECT_EQ(config.certificate_authority_pem, test::kOtherCaPem);
  EXPECT_FALSE(config.insecure_skip_tls_verify);

  overrides.certificate_authority = home.path("no-such.pem");
  EXPECT_EQ(error(overrides), "error: --certificate-authority: cannot read '" + home.path("no-such.pem") +
                                  "': No such file or directory");
  overrides.certificate_authority = flag_ca;
  overrides.insecure_skip_tls_verify = true;
  EXPECT_EQ(error(overrides),
            "error: --insecure-skip-tls-verify and --certificate-authority cannot be used together "
            "(client-go refuses a CA with the insecure flag: drop one of them)");
}

TEST_F(LoadRestConfig, ProxyUrlAndDisableCompression) {
  home.write_config(one_cluster("    proxy-url: http://proxy.corp:3128\n    disable-compression: true\n"));
  auto config = ok();
  EXPECT_EQ(config.proxy_url, "http://proxy.corp:3128");
  EXPECT_TRUE(config.disable_compression);
  home.write_config(one_cluster("    proxy-url: ftp://proxy.corp\n"));
  EXPECT_EQ(error(), config_path() +
                         ":6:16: error: cluster 'k': proxy-url 'ftp://proxy.corp' is not usable (write "
                         "http://HOST:PORT, https://HOST:PORT or socks5://HOST:PORT)");
}

// --- users -----------------------------------------------------------------------------------

std::string one_user(const std::string& user_fields) {
  return "current-context: c\nclusters:\n- name: k\n  cluster: {server: \"https://k\"}\ncontexts:\n- name: c\n"
         "  context: {cluster: k, user: u}\nusers:\n- name: u\n  user:\n" +
         user_fields;
}

TEST_F(LoadRestConfig, TokenFileAloneMustBeReadableNow) {
  home.write_config(one_user("    tokenFile: tokens/sa\n"));
  EXPECT_EQ(error(), config_path() + ":11:16: error: user 'u': cannot read tokenFile '" + home.path(".kube/tokens/sa") +
                         "': No such file or directory (a relative path is relative to the kubeconfig's directory)");
  home.write(".kube/tokens/sa", " \n");
  EXPECT_EQ(error(),
            config_path() + ":11:16: error: user 'u': tokenFile '" + home.path(".kube/tokens/sa") + "' is empty");
  home.write(".kube/tokens/sa", "sa-token\n");
  const auto config = ok();
  EXPECT_EQ(config.auth.token_file, home.path(".kube/tokens/sa"));
  EXPECT_EQ(config.auth.token, std::nullopt);
}

TEST_F(LoadRestConfig, TokenAndTokenFileAreBothKept) {
  // The file wins at request time (kubeconfig_credentials); the token is the fallback, so a
  // missing file is no error now.
  home.write_config(one_user("    token: static\n    tokenFile: /nonexistent/token\n"));
  const auto config = ok();
  EXPECT_EQ(config.auth.token, "static");
  EXPECT_EQ(config.auth.token_file, "/nonexistent/token");
}

TEST_F(LoadRestConfig, TokenFlagReplacesTokenAndTokenFile) {
  home.write_config(one_user("    token: static\n    tokenFile: /nonexistent/token\n"));
  KubeconfigOverrides overrides;
  overrides.token = "typed";
  const auto config = ok(overrides);
  EXPECT_EQ(config.auth.token, "typed");
  EXPECT_EQ(config.auth.token_file, std::nullopt);
}

TEST_F(LoadRestConfig, ClientCertificateDataWinsOverPaths) {
  home.write(".kube/certs/u.crt", test::kFlagCertPem);
  home.write_config(
      one_user("    client-certificate: certs/u.crt\n    client-certificate-data: " + b64(test::kClientCertPem) +
               "\n    client-key: certs/missing.key\n    client-key-data: " + b64(test::kClientKeyPem) + "\n"));
  const auto config = ok();
  ASSERT_TRUE(config.auth.client_certificate);
  EXPECT_EQ(config.auth.client_certificate->certificate_pem, test::kClientCertPem);
  EXPECT_EQ(config.auth.client_certificate->key_pem, test::kClientKeyPem);
  EXPECT_EQ(config.warnings.size(), 2u);
  EXPECT_THAT(config.warnings[0], HasSubstr(":11:25: warning: user 'u' sets both client-certificate and "
                                            "client-certificate-data; the data is used (kubectl refuses the pair)"));
}

TEST_F(LoadRestConfig, ClientCertificatePathsAreRelativeToTheKubeconfig) {
  home.write(".kube/certs/u.crt", test::kClientCertPem);
  home.write(".kube/certs/u.key", test::kClientKeyPem);
  home.write_config(one_user("    client-certificate: certs/u.crt\n    client-key: ./certs/u.key\n"));
  const auto config = ok();
  ASSERT_TRUE(config.auth.client_certificate);
  EXPECT_EQ(config.auth.client_certificate->certificate_pem, test::kClientCertPem);
  EXPECT_EQ(config.auth.client_certificate->key_pem, test::kClientKeyPem);
}

TEST_F(LoadRestConfig, ClientCertificateFlagsReplacePathAndData) {
  home.write_config(one_user("    client-certificate-data: " + b64(test::kClientCertPem) +
                             "\n    client-key-data: " + b64(test::kClientKeyPem) + "\n"));
  KubeconfigOverrides overrides;
  overrides.client_certificate = home.write("flag.crt", test::kFlagCertPem);
  overrides.client_key = home.write("flag.key", test::kFlagKeyPem);
  const auto config = ok(overrides);
  EXPECT_EQ(config.auth.client_certificate->certificate_pem, test::kFlagCertPem);
  EXPECT_EQ(config.auth.client_certificate->key_pem, test::kFlagKeyPem);
  overrides.client_key = home.path("gone.key");
  EXPECT_EQ(error(overrides),
            "error: --client-key: cannot read '" + home.path("gone.key") + "': No such file or directory");
}

TEST_F(LoadRestConfig, ClientCertificateProblems) {
  home.write_config(one_user("    client-certificate-data: " + b64(test::kClientCertPem) + "\n"));
  EXPECT_EQ(error(), config_path() +
                         ":11:30: error: user 'u': client-certificate-data is set but client-key is not (a "
                         "client certificate needs its key: set client-key or client-key-data (or "
                         "--client-key))");
  home.write_config(one_user("    client-certificate: c.crt\n    client-key-data: " + b64("not a key") + "\n"));
  EXPECT_EQ(error(), config_path() + ":11:25: error: user 'u': cannot read client-certificate '" +
                         home.path(".kube/c.crt") +
                         "': No such file or directory (a relative path is relative to the kubeconfig's directory)\n" +
                         config_path() +
                         ":12:22: error: user 'u': client-key-data does not hold a PEM private key (it "
                         "must decode to PEM text (was it base64-encoded twice?))");
  KubeconfigOverrides key_only;
  key_only.client_key = home.write("k.pem", test::kClientKeyPem);
  home.write_config(one_user("    token: t\n"));
  EXPECT_EQ(error(key_only),
            "error: --client-key: --client-key is set but client-certificate is not (a client "
            "certificate needs its key: set client-certificate or client-certificate-data (or "
            "--client-certificate))");
}

TEST_F(LoadRestConfig, AnonymousWhenTheContextNamesNoUser) {
  home.write_config(one_cluster(""));
  const auto config = ok();
  EXPECT_EQ(config.user, "");
  EXPECT_TRUE(config.auth.empty());
}

TEST_F(LoadRestConfig, RemovedAuthProvidersPointToKubelogin) {
  home.write_config(one_user("    auth-provider:\n      name: azure\n      config: {apiserver-id: x}\n"));
  EXPECT_EQ(error(), config_path() +
                         ":12:13: error: user 'u': the azure auth-provider was removed from kubectl 1.26 "
                         "(convert the kubeconfig to the kubelogin exec plugin: 'kubelogin "
                         "convert-kubeconfig -l azurecli', see https://github.com/Azure/kubelogin)");
  home.write_config(one_user("    auth-provider: {name: oidc}\n"));
  EXPECT_THAT(
      error(),
      HasSubstr("auth-provider 'oidc' is not supported by kubectl-azureml (use an exec credential plugin instead)"));
}

TEST_F(LoadRestConfig, ImpersonationIsRefusedAndBasicAuthIgnored) {
  home.write_config(one_user("    token: t\n    as: admin\n"));
  EXPECT_EQ(error(), config_path() +
                         ":12:9: error: user 'u': impersonation (as, as-uid, as-groups, as-user-extra) is "
                         "not supported by kubectl-azureml (use a user that is granted the access directly)");
  home.write_config(one_user("    username: admin\n    password: hunter2\n"));
  const auto config = ok();
  EXPECT_TRUE(config.auth.empty());
  EXPECT_THAT(config.warnings, ElementsAre(config_path() + ":11:15: warning: user 'u': username/password (basic "
                                                           "authentication) is not supported and is ignored"));
}

TEST_F(LoadRestConfig, NamespacesAreCheckedWhereTheyComeFrom) {
  home.write_config(
      "current-context: c\nclusters:\n- name: k\n  cluster: {server: \"https://k\"}\ncontexts:\n"
      "- name: c\n  context: {cluster: k, namespace: Team_A}\n");
  EXPECT_THAT(error(), ::testing::StartsWith(config_path() + ":7:36: error: context 'c': namespace 'Team_A': "));
  KubeconfigOverrides overrides;
  overrides.namespace_name = "ok-ns";
  EXPECT_EQ(ok(overrides).namespace_name, "ok-ns");
  overrides.namespace_name = "-bad";
  EXPECT_THAT(error(overrides), ::testing::StartsWith("error: --namespace '-bad': "));
}

TEST_F(LoadRestConfig, ManyProblemsAreReportedTogether) {
  home.write_config(R"(current-context: c
clusters:
- name: k
  cluster:
    server: https://k
    certificate-authority: no-ca.crt
contexts:
- name: c
  context: {cluster: k, user: u}
users:
- name: u
  user:
    tokenFile: no-token
    exec:
      apiVersion: client.authentication.k8s.io/v2
)");
  const auto text = error();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3) << text;
  EXPECT_THAT(text, HasSubstr(":6:28: error: cannot read certificate-authority"));
  EXPECT_THAT(text, HasSubstr(":13:16: error: user 'u': cannot read tokenFile"));
  EXPECT_THAT(
      text, HasSubstr(":15:19: error: user 'u': exec: apiVersion 'client.authentication.k8s.io/v2' is not supported"));
  EXPECT_THAT(text, HasSubstr(":14:5: error: user 'u': exec: command is missing"));
}

}  // namespace
}  // namespace azureml::kube
