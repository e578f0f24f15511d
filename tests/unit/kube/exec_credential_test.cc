// ExecCredentialCache against real /bin/sh plugins on a temp PATH: what the plugin receives
// (argv, env, KUBERNETES_EXEC_INFO, stdin), what comes back, the cache, and every failure.
#include "core/kube/exec_credential.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "tests/unit/kube/kube_test_support.h"

namespace azureml::kube {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Replaces this process's stdin with a pipe holding `text`, for one test.
class ScopedStdin {
 public:
  explicit ScopedStdin(const std::string& text) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    if (::write(fds[1], text.data(), text.size()) != static_cast<ssize_t>(text.size()))
      throw std::runtime_error("write");
    ::close(fds[1]);
    saved_ = ::dup(0);
    ::dup2(fds[0], 0);
    ::close(fds[0]);
  }
  ScopedStdin(const ScopedStdin&) = delete;
  ScopedStdin& operator=(const ScopedStdin&) = delete;
  ~ScopedStdin() {
    ::dup2(saved_, 0);
    ::close(saved_);
  }

 private:
  int saved_ = -1;
};

// A fake kubelogin: records what it got into files beside it, and prints `reply` with TOKEN
// replaced by token-<run number>.
struct FakePlugin : ::testing::Test {
  test::KubeHome home;
  FakeClock clock;  // 2027-01-15T08:00:00Z
  std::unique_ptr<PosixProcessRunner> runner;
  std::string dir;

  void SetUp() override {
    dir = home.path("plugin");
    home.environment.set("PATH", dir + ":/usr/bin:/bin");
    runner = std::make_unique<PosixProcessRunner>(home.environment);
    home.write_script("plugin/kubelogin", R"(dir=$(dirname "$0")
n=$(cat "$dir/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$dir/count"
printf '%s\n' "$@" > "$dir/args"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$dir/info"
printf '%s' "$AAD_SERVICE_PRINCIPAL_CLIENT_SECRET" > "$dir/secret"
if [ -f "$dir/read-stdin" ]; then read line; printf '%s' "$line" > "$dir/stdin"; fi
[ -f "$dir/stderr" ] && cat "$dir/stderr" >&2
sed "s/TOKEN/token-$n/" "$dir/reply"
exit $(cat "$dir/exit" 2>/dev/null || echo 0)
)");
    reply(
        R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"TOKEN","expirationTimestamp":"2027-01-15T09:00:00Z"}})");
  }

  void reply(const std::string& json) { home.write("plugin/reply", json + "\n"); }
  std::string recorded(const std::string& name) const {
    std::ifstream in(dir + "/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  int runs() const {
    const auto count = recorded("count");
    return count.empty() ? 0 : std::stoi(count);
  }

  static ExecConfig aks() {
    ExecConfig exec;
    exec.api_version = std::string(kExecApiV1beta1);
    exec.command = "kubelogin";
    exec.args = {"get-token", "--login", "azurecli", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"};
    exec.interactive_mode = ExecInteractiveMode::if_available;
    exec.install_hint = "kubelogin is not installed which is required to connect to AAD enabled cluster.";
    exec.user = "clusterUser_rg_aks";
    return exec;
  }

  std::string failure(ExecCredentialCache& cache, const ExecConfig& exec,
                      KubeError::Kind kind = KubeError::Kind::credential) {
    auto got = cache.get(exec);
    EXPECT_FALSE(got.ok());
    if (got.ok()) return "";
    EXPECT_EQ(got.error().kind, kind);
    return got.error().describe();
  }
};

TEST_F(FakePlugin, RunsThePluginWithItsArgsAndExecInfo) {
  ExecCredentialCache cache(*runner, clock);
  auto credential = cache.get(aks());
  ASSERT_TRUE(credential.ok()) << credential.error().describe();
  EXPECT_EQ(credential->token, "token-1");
  EXPECT_EQ(credential->expires_at, clock.now() + 1h);
  EXPECT_EQ(recorded("args"), "get-token\n--login\nazurecli\n--server-id\n6dae42f8-4368-4678-94ff-3960e28e3630\n");
  EXPECT_EQ(
      recorded("info"),
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","spec":{"interactive":false}})");
}

TEST_F(FakePlugin, CachesUntilShortlyBeforeExpiry) {
  ExecCredentialCache cache(*runner, clock);
  EXPECT_EQ(cache.get(aks())->token, "token-1");
  clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(59min + 49s));
  EXPECT_EQ(cache.get(aks())->token, "token-1");
  EXPECT_EQ(runs(), 1);
  clock.advance(1s);  // 10 s before expiry: the margin
  EXPECT_EQ(cache.get(aks())->token, "token-2");
  EXPECT_EQ(runs(), 2);
}

TEST_F(FakePlugin, MarginIsConfigurable) {
  ExecCredentialOptions options;
  options.expiry_margin = 5min;
  ExecCredentialCache cache(*runner, clock, options);
  EXPECT_EQ(cache.get(aks())->token, "token-1");
  clock.advance(55min);
  EXPECT_EQ(cache.get(aks())->token, "token-2");
}

TEST_F(FakePlugin, WithoutExpiryTheCredentialLastsForTheProcess) {
  reply(R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"TOKEN"}})");
  ExecCredentialCache cache(*runner, clock);
  EXPECT_EQ(cache.get(aks())->token, "token-1");
  clock.advance(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::hours(24 * 365)));
  EXPECT_EQ(cache.get(aks())->token, "token-1");
  EXPECT_EQ(runs(), 1);
}

TEST_F(FakePlugin, InvalidateAfterA401RunsThePluginAgain) {
  ExecCredentialCache cache(*runner, clock);
  EXPECT_EQ(cache.get(aks())->token, "token-1");
  cache.invalidate(aks());
  EXPECT_EQ(cache.get(aks())->token, "token-2");
  EXPECT_EQ(cache.get(aks())->token, "token-2");
  EXPECT_EQ(runs(), 2);
}

TEST_F(FakePlugin, AlreadyExpiredCredentialIsUsedOnceThenRenewed) {
  reply(
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"TOKEN","expirationTimestamp":"2020-01-01T00:00:00Z"}})");
  ExecCredentialCache cache(*runner, clock);
  EXPECT_EQ(cache.get(aks())->token, "token-1");
  EXPECT_EQ(cache.get(aks())->token, "token-2");
}

TEST_F(FakePlugin, CacheIsPerPluginConfiguration) {
  ExecCredentialCache cache(*runner, clock);
  auto other = aks();
  other.args.back() = "another-server-id";
  auto same_but_other_user = aks();
  same_but_other_user.user = "someone-else";
  same_but_other_user.install_hint = "";
  EXPECT_EQ(cache.get(aks())->token, "token-1");
  EXPECT_EQ(cache.get(other)->token, "token-2");
  EXPECT_EQ(cache.get(same_but_other_user)->token, "token-1");  // the same plugin run: shared
  cache.invalidate(other);
  EXPECT_EQ(cache.get(aks())->token, "token-1");
  EXPECT_NE(exec_cache_key(aks()), exec_cache_key(other));
  EXPECT_EQ(exec_cache_key(aks()), exec_cache_key(same_but_other_user));
  auto with_env = aks();
  with_env.env = {{"A", "1"}};
  EXPECT_NE(exec_cache_key(aks()), exec_cache_key(with_env));
}

TEST_F(FakePlugin, EnvAndClusterInfoReachThePluginButNeverItsArgv) {
  auto arc = aks();
  arc.api_version = std::string(kExecApiV1);
  arc.interactive_mode = ExecInteractiveMode::never;
  arc.env = {{"AAD_SERVICE_PRINCIPAL_CLIENT_SECRET", "sp-secret-value"}};
  arc.provide_cluster_info = true;
  ExecClusterInfo cluster;
  cluster.server = "https://10.20.0.5:6443";
  cluster.certificate_authority_pem = test::kCaPem;
  arc.cluster = cluster;
  reply(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"TOKEN"}})");
  ExecCredentialCache cache(*runner, clock);
  auto credential = cache.get(arc);
  ASSERT_TRUE(credential.ok()) << credential.error().describe();
  EXPECT_EQ(recorded("secret"), "sp-secret-value");
  EXPECT_THAT(recorded("args"), Not(HasSubstr("sp-secret-value")));
  const auto info = nlohmann::json::parse(recorded("info"));
  EXPECT_EQ(info["apiVersion"], "client.authentication.k8s.io/v1");
  EXPECT_EQ(info["spec"]["interactive"], false);
  EXPECT_EQ(info["spec"]["cluster"]["server"], "https://10.20.0.5:6443");
  EXPECT_EQ(info["spec"]["cluster"]["certificate-authority-data"], test::b64(test::kCaPem));
}

// Sets a variable of this process for one test.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;
  ~ScopedVariable() { ::unsetenv(name_.c_str()); }

 private:
  std::string name_;
};

TEST_F(FakePlugin, ExecEnvOverridesTheInheritedVariable) {
  const ScopedVariable inherited("AAD_SERVICE_PRINCIPAL_CLIENT_SECRET", "from-our-environment");
  ExecCredentialCache cache(*runner, clock);
  ASSERT_TRUE(cache.get(aks()).ok());
  EXPECT_EQ(recorded("secret"), "from-our-environment");  // inherited
  auto with_env = aks();
  with_env.env = {{"AAD_SERVICE_PRINCIPAL_CLIENT_SECRET", "from-the-kubeconfig"}};
  ASSERT_TRUE(cache.get(with_env).ok());
  EXPECT_EQ(recorded("secret"), "from-the-kubeconfig");
}

TEST_F(FakePlugin, ClientCertificateCredential) {
  nlohmann::json body = {{"apiVersion", kExecApiV1beta1},
                         {"kind", "ExecCredential"},
                         {"status",
                          {{"clientCertificateData", test::kClientCertPem},
                           {"clientKeyData", test::kClientKeyPem},
                           {"expirationTimestamp", "2027-01-15T08:30:00Z"}}}};
  reply(body.dump());
  ExecCredentialCache cache(*runner, clock);
  auto credential = cache.get(aks());
  ASSERT_TRUE(credential.ok()) << credential.error().describe();
  EXPECT_FALSE(credential->token);
  EXPECT_EQ(credential->client_certificate->certificate_pem, test::kClientCertPem);
  EXPECT_EQ(credential->client_certificate->key_pem, test::kClientKeyPem);
  EXPECT_EQ(credential->expires_at, clock.now() + 30min);
}

TEST_F(FakePlugin, FailureSaysCommandExitCodeAndLastStderrLine) {
  home.write("plugin/exit", "1");
  home.write("plugin/stderr",
             "Using Azure CLI credential\n\nError: failed to get token: AADSTS70043: The refresh token has "
             "expired. Run 'az login'\n\n");
  reply(
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"leaked-token"}})");
  ExecCredentialCache cache(*runner, clock);
  const auto message = failure(cache, aks());
  EXPECT_EQ(
      message,
      "error: credential plugin 'kubelogin' of user 'clusterUser_rg_aks' failed with exit code 1: Error: failed to "
      "get token: AADSTS70043: The refresh token has expired. Run 'az login'");
  EXPECT_THAT(message, Not(HasSubstr("leaked-token")));
  EXPECT_THAT(message, Not(HasSubstr("--server-id")));  // argv[0] only
  // A failure is not kept: the next get() tries again.
  std::filesystem::remove(home.path("plugin/exit"));
  reply(R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"TOKEN"}})");
  EXPECT_EQ(cache.get(aks())->token, "token-2");
}

TEST_F(FakePlugin, NotFoundShowsTheInstallHint) {
  ExecCredentialCache cache(*runner, clock);
  auto missing = aks();
  missing.command = "kubelogin-not-installed";
  EXPECT_EQ(failure(cache, missing),
            "error: credential plugin 'kubelogin-not-installed' of user 'clusterUser_rg_aks' was not found on PATH "
            "(kubelogin is not installed which is required to connect to AAD enabled cluster.)");
  missing.install_hint = "";
  missing.command = home.path("nowhere/plugin");
  EXPECT_EQ(failure(cache, missing), "error: credential plugin '" + home.path("nowhere/plugin") +
                                         "' of user 'clusterUser_rg_aks' was not found or is not executable (install "
                                         "it, or put its directory on PATH)");
}

TEST_F(FakePlugin, BadOutputIsACredentialError) {
  reply("not json at all: secret-looking-stuff");
  ExecCredentialCache cache(*runner, clock);
  const auto message = failure(cache, aks());
  EXPECT_EQ(message,
            "error: credential plugin 'kubelogin' of user 'clusterUser_rg_aks' printed something other than an "
            "ExecCredential JSON object on stdout");
  reply(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"TOKEN"}})");
  EXPECT_THAT(failure(cache, aks()), HasSubstr("answered with apiVersion 'client.authentication.k8s.io/v1' but the "
                                               "kubeconfig asks for 'client.authentication.k8s.io/v1beta1'"));
}

TEST_F(FakePlugin, SlowPluginTimesOut) {
  home.write_script("plugin/slow", "exec sleep 30\n");
  ExecCredentialOptions options;
  options.timeout = 300ms;
  ExecCredentialCache cache(*runner, clock, options);
  auto slow = aks();
  slow.command = "slow";
  const auto message = failure(cache, slow, KubeError::Kind::timed_out);
  EXPECT_EQ(message,
            "error: credential plugin 'slow' of user 'clusterUser_rg_aks' did not finish within 300 ms and was "
            "stopped");
  auto got = cache.get(slow);
  EXPECT_EQ(got.error().exit_code(), ExitCode::timed_out);
}

TEST_F(FakePlugin, InteractiveModeDecidesStdinAndSpecInteractive) {
  home.write("plugin/read-stdin", "");
  const ScopedStdin typed("typed-by-user\n");

  ExecCredentialOptions terminal;
  terminal.stdin_is_terminal = true;
  ExecCredentialCache with_terminal(*runner, clock, terminal);
  ASSERT_TRUE(with_terminal.get(aks()).ok());  // IfAvailable + a terminal: interactive
  EXPECT_EQ(recorded("stdin"), "typed-by-user");
  EXPECT_EQ(nlohmann::json::parse(recorded("info"))["spec"]["interactive"], true);

  auto never = aks();
  never.interactive_mode = ExecInteractiveMode::never;
  ASSERT_TRUE(with_terminal.get(never).ok());
  EXPECT_EQ(recorded("stdin"), "");  // /dev/null
  EXPECT_EQ(nlohmann::json::parse(recorded("info"))["spec"]["interactive"], false);

  ExecCredentialCache no_terminal(*runner, clock);
  ASSERT_TRUE(no_terminal.get(aks()).ok());  // IfAvailable without a terminal: not interactive
  EXPECT_EQ(nlohmann::json::parse(recorded("info"))["spec"]["interactive"], false);

  auto always = aks();
  always.interactive_mode = ExecInteractiveMode::always;
  const int before = runs();
  EXPECT_EQ(
      failure(no_terminal, always),
      "error: credential plugin 'kubelogin' of user 'clusterUser_rg_aks' needs a terminal (interactiveMode: Always) "
      "but standard input is not one (run the command from a terminal, or set interactiveMode: IfAvailable)");
  EXPECT_EQ(runs(), before);  // not even started
  ASSERT_TRUE(with_terminal.get(always).ok());
  EXPECT_EQ(nlohmann::json::parse(recorded("info"))["spec"]["interactive"], true);
}

TEST_F(FakePlugin, StderrIsStreamedWhileThePluginRuns) {
  home.write("plugin/stderr",
             "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and "
             "enter the code ABCD1234 to authenticate.\n");
  std::string seen;
  ExecCredentialOptions options;
  options.plugin_stderr = [&](std::string_view piece) { seen += piece; };
  ExecCredentialCache cache(*runner, clock, options);
  ASSERT_TRUE(cache.get(aks()).ok());
  EXPECT_THAT(seen, HasSubstr("enter the code ABCD1234"));
}

// A runner that can only run(argv, timeout) cannot set KUBERNETES_EXEC_INFO: refused, not ignored.
class LegacyRunner final : public ProcessRunner {
 public:
  Result<ProcessOutput, ProcessError> run(const std::vector<std::string>&, std::chrono::milliseconds) override {
    return ProcessOutput{0, "{}", ""};
  }
};

TEST(ExecCredentialCache, RunnerWithoutOptionsIsAnErrorNotASilentDrop) {
  LegacyRunner runner;
  FakeClock clock;
  ExecCredentialCache cache(runner, clock);
  ExecConfig exec;
  exec.api_version = std::string(kExecApiV1beta1);
  exec.command = "kubelogin";
  auto got = cache.get(exec);
  ASSERT_FALSE(got.ok());
  EXPECT_THAT(got.error().describe(), HasSubstr("credential plugin 'kubelogin' could not be run: "));
}

}  // namespace
}  // namespace azureml::kube
