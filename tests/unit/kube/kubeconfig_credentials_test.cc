// KubeCredentials: what goes on each request, from each kind of UserAuth, and the whole path
// from an AKS kubeconfig to a kubelogin token.
#include "core/kube/kubeconfig_credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/kube/kube_test_support.h"

namespace azureml::kube {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

struct Credentials : ::testing::Test {
  test::KubeHome home;
  FakeClock clock;
  std::unique_ptr<PosixProcessRunner> runner;
  std::unique_ptr<ExecCredentialCache> cache;

  void SetUp() override {
    home.environment.set("PATH", home.path("bin") + ":/usr/bin:/bin");
    runner = std::make_unique<PosixProcessRunner>(home.environment);
    cache = std::make_unique<ExecCredentialCache>(*runner, clock);
    // Prints token-<n>, n counting its runs.
    home.write_script("bin/kubelogin", R"(dir=$(dirname "$0")
n=$(cat "$dir/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$dir/count"
printf '%s\n' "$@" > "$dir/args"
echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"token-'$n'","expirationTimestamp":"2027-01-15T09:00:00Z"}}'
)");
  }

  RequestCredentials get(KubeCredentials& credentials) {
    auto got = credentials.get();
    EXPECT_TRUE(got.ok()) << (got.ok() ? "" : got.error().describe());
    return got.ok() ? got.value() : RequestCredentials{};
  }
};

TEST_F(Credentials, StaticTokenAndAnonymous) {
  UserAuth token;
  token.token = "static";
  KubeCredentials with_token(token, *cache);
  EXPECT_EQ(get(with_token).bearer_token, "static");
  KubeCredentials anonymous(UserAuth{}, *cache);
  const auto none = get(anonymous);
  EXPECT_FALSE(none.bearer_token);
  EXPECT_FALSE(none.client_certificate);
}

TEST_F(Credentials, TokenFileIsReReadAndWinsOverTheToken) {
  const auto file = home.write("token", "first-token\n");
  UserAuth auth;
  auth.token = "static";
  auth.token_file = file;
  KubeCredentials credentials(auth, *cache);
  EXPECT_EQ(get(credentials).bearer_token, "first-token");  // trimmed
  home.write("token", "  rotated-token  ");
  EXPECT_EQ(get(credentials).bearer_token, "rotated-token");
  std::filesystem::remove(file);
  EXPECT_EQ(get(credentials).bearer_token, "static");  // unreadable: the fallback
  home.write("token", "\n");
  EXPECT_EQ(get(credentials).bearer_token, "static");  // empty: the fallback
}

TEST_F(Credentials, TokenFileWithoutFallbackFailsWhenUnreadable) {
  UserAuth auth;
  auth.token_file = home.path("gone");
  KubeCredentials credentials(auth, *cache);
  auto got = credentials.get();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, KubeError::Kind::credential);
  EXPECT_EQ(got.error().exit_code(), ExitCode::auth);
  EXPECT_EQ(got.error().describe(),
            "error: cannot read the token file '" + home.path("gone") +
                "': No such file or directory (the kubeconfig's tokenFile must hold a bearer token)");
}

TEST_F(Credentials, ClientCertificateWithOrWithoutToken) {
  UserAuth auth;
  auth.client_certificate = ClientCertificate{test::kClientCertPem, test::kClientKeyPem};
  auth.token = "admin-token";  // an AKS admin kubeconfig has both: both are sent
  KubeCredentials credentials(auth, *cache);
  const auto sent = get(credentials);
  EXPECT_EQ(sent.bearer_token, "admin-token");
  EXPECT_EQ(sent.client_certificate->certificate_pem, test::kClientCertPem);
}

TEST_F(Credentials, ExecTokenIsCachedAndInvalidated) {
  UserAuth auth;
  ExecConfig exec;
  exec.api_version = std::string(kExecApiV1beta1);
  exec.command = "kubelogin";
  auth.exec = exec;
  KubeCredentials credentials(auth, *cache);
  EXPECT_EQ(get(credentials).bearer_token, "token-1");
  EXPECT_EQ(get(credentials).bearer_token, "token-1");
  credentials.invalidate();  // the API server said 401
  EXPECT_EQ(get(credentials).bearer_token, "token-2");

  // Two users of one cache share the plugin's answer.
  KubeCredentials again(auth, *cache);
  EXPECT_EQ(get(again).bearer_token, "token-2");

  clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(59min + 50s));  // within the expiry margin
  EXPECT_EQ(get(credentials).bearer_token, "token-3");
}

TEST_F(Credentials, ExecFailureIsACredentialError) {
  UserAuth auth;
  ExecConfig exec;
  exec.api_version = std::string(kExecApiV1beta1);
  exec.command = "kubelogin-missing";
  exec.install_hint = "install kubelogin";
  auth.exec = exec;
  KubeCredentials credentials(auth, *cache);
  auto got = credentials.get();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().exit_code(), ExitCode::auth);
  EXPECT_EQ(got.error().describe(),
            "error: credential plugin 'kubelogin-missing' was not found on PATH (install kubelogin)");
}

TEST_F(Credentials, FromAnAksKubeconfigToAKubeloginToken) {
  home.write_config(R"(apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: )" +
                    test::b64(test::kCaPem) + R"(
    server: https://ml-aks-dns-3b2c9a1f.hcp.westeurope.azmk8s.io:443
  name: ml-aks
contexts:
- context:
    cluster: ml-aks
    user: clusterUser_ml-rg_ml-aks
  name: ml-aks
current-context: ml-aks
kind: Config
users:
- name: clusterUser_ml-rg_ml-aks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args: [get-token, --login, azurecli, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]
      command: kubelogin
      env: null
      interactiveMode: IfAvailable
      provideClusterInfo: false
)");
  auto config = home.load();
  ASSERT_TRUE(config.ok()) << config.error().describe();
  KubeCredentials credentials(config->auth, *cache);
  EXPECT_EQ(get(credentials).bearer_token, "token-1");
  std::ifstream args(home.path("bin/args"));
  std::stringstream text;
  text << args.rdbuf();
  EXPECT_EQ(text.str(), "get-token\n--login\nazurecli\n--server-id\n6dae42f8-4368-4678-94ff-3960e28e3630\n");
}

}  // namespace
}  // namespace azureml::kube
