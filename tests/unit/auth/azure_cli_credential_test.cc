// AzureCliCredential: the exact az command, its JSON, and every failure; also against a fake
// `az` script on a temp PATH through the real PosixProcessRunner.
#include "core/auth/azure_cli_credential.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>

#include "core/auth/credential_support.h"
#include "tests/unit/auth/scripted_transport.h"
#include "tests/unit/auth/test_pki.h"

namespace azureml::auth {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;
using ProcessKind = ProcessError::Kind;

constexpr const char* kScope = "https://management.azure.com/.default";

// Sets TZ for one test and puts it back.
class ScopedTimeZone {
 public:
  explicit ScopedTimeZone(const char* zone) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~ScopedTimeZone() {
    if (old_)
      ::setenv("TZ", old_->c_str(), 1);
    else
      ::unsetenv("TZ");
    ::tzset();
  }

 private:
  std::optional<std::string> old_;
};

TEST(AzureCliCredential, RunsGetAccessTokenWithTheScope) {
  test::ScriptedRunner runner;
  runner.exits(0, R"({
  "accessToken": "cli-token",
  "expiresOn": "2027-01-15 09:00:00.000000",
  "expires_on": 1800003600,
  "subscription": "00000000-0000-0000-0000-000000000000",
  "tenant": "72f988bf-86f1-41af-91ab-2d7cd011db47",
  "tokenType": "Bearer"
})");
  AzureCliCredential credential(runner);
  EXPECT_EQ(credential.name(), "AzureCliCredential");
  const auto token = credential.get_token(kScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, "cli-token");
  EXPECT_EQ(token->expires_on, from_unix_seconds(1800003600));
  ASSERT_EQ(runner.calls.size(), 1u);
  EXPECT_EQ(runner.calls[0],
            (std::vector<std::string>{"az", "account", "get-access-token", "--output", "json", "--scope", kScope}));
  EXPECT_EQ(runner.timeouts[0], 10000ms);
}

TEST(AzureCliCredential, TenantOnlyWhenConfigured) {
  test::ScriptedRunner runner;
  runner.exits(0, R"({"accessToken":"t","expires_on":1800003600})");
  AzureCliOptions options;
  options.tenant_id = "contoso.onmicrosoft.com";
  options.timeout = 2500ms;
  AzureCliCredential credential(runner, options);
  ASSERT_TRUE(credential.get_token(kScope).ok());
  EXPECT_EQ(runner.calls[0], (std::vector<std::string>{"az", "account", "get-access-token", "--output", "json",
                                                       "--scope", kScope, "--tenant", "contoso.onmicrosoft.com"}));
  EXPECT_EQ(runner.timeouts[0], 2500ms);
}

TEST(AzureCliCredential, FallsBackToLocalExpiresOn) {
  ScopedTimeZone zone("UTC0");
  test::ScriptedRunner runner;
  runner.exits(0, R"({"accessToken":"t","expiresOn":"2027-01-15 09:00:00.123456","tokenType":"Bearer"})")
      .exits(0, R"({"accessToken":"t","expiresOn":"2027-01-15 09:00:00","expires_on":"not a number"})");
  AzureCliCredential credential(runner);
  EXPECT_EQ(credential.get_token(kScope)->expires_on, from_unix_seconds(1800003600));
  EXPECT_EQ(credential.get_token(kScope)->expires_on, from_unix_seconds(1800003600));
}

TEST(AzureCliCredential, ExpiresOnIsLocalTime) {
  ScopedTimeZone zone("EST5");  // UTC-5, no daylight saving
  EXPECT_EQ(parse_cli_local_time("2027-01-15 04:00:00.000000"), from_unix_seconds(1800003600));
  EXPECT_EQ(parse_cli_local_time("2027-01-15 04:00:00"), from_unix_seconds(1800003600));
  EXPECT_EQ(parse_cli_local_time("2027-01-15T04:00:00"), from_unix_seconds(1800003600));
  EXPECT_EQ(parse_cli_local_time("2027-01-15 03:00"), std::nullopt);
  EXPECT_EQ(parse_cli_local_time("2027-13-15 03:00:00"), std::nullopt);
  EXPECT_EQ(parse_cli_local_time("2027-01-15 03:00:00."), std::nullopt);
  EXPECT_EQ(parse_cli_local_time("2027-01-15 03:00:00.12x"), std::nullopt);
  EXPECT_EQ(parse_cli_local_time("Fri, 15 Jan 2027"), std::nullopt);
}

TEST(AzureCliCredential, NotInstalledIsUnavailable) {
  test::ScriptedRunner runner;
  runner.fails_with(ProcessKind::not_found, "az not found on PATH");
  AzureCliCredential credential(runner);
  const auto error = credential.get_token(kScope).error();
  EXPECT_TRUE(error.unavailable);
  EXPECT_EQ(error.credential, "AzureCliCredential");
  EXPECT_EQ(error.message, "az not found on PATH");
}

TEST(AzureCliCredential, NotLoggedInFailsWithAdvice) {
  test::ScriptedRunner runner;
  runner.exits(1, "", "ERROR: Please run 'az login' to setup account.\n")
      .exits(1, "",
             "WARNING: something\nERROR: AADSTS70043: The refresh token has expired due to inactivity. Please run `az "
             "login` again.\n");
  AzureCliCredential credential(runner);
  auto error = credential.get_token(kScope).error();
  EXPECT_FALSE(error.unavailable);
  EXPECT_EQ(error.message,
            "the Azure CLI is not signed in: run 'az login' (az: Please run 'az login' to setup account.)");
  error = credential.get_token(kScope).error();
  EXPECT_EQ(error.message,
            "the Azure CLI is not signed in: run 'az login' (az: AADSTS70043: The refresh token has "
            "expired due to inactivity. Please run `az login` again.)");
}

TEST(AzureCliCredential, OtherFailures) {
  test::ScriptedRunner runner;
  runner.exits(2, "", "WARNING: x\nERROR: unrecognized arguments: --scope\n")
      .exits(1, "", "")
      .fails_with(ProcessKind::timed_out, "az did not finish within 10000 ms and was stopped")
      .fails_with(ProcessKind::failed, "could not run az: Permission denied")
      .exits(127, "", "/usr/bin/env: 'python3': No such file or directory... not found\n");
  AzureCliCredential credential(runner);
  EXPECT_EQ(credential.get_token(kScope).error().message,
            "'az account get-access-token' failed with exit code 2: unrecognized arguments: --scope");
  EXPECT_EQ(credential.get_token(kScope).error().message, "'az account get-access-token' failed with exit code 1");
  const auto timed_out = credential.get_token(kScope).error();
  EXPECT_FALSE(timed_out.unavailable);
  EXPECT_EQ(timed_out.message, "'az account get-access-token' did not finish within 10 s");
  EXPECT_EQ(credential.get_token(kScope).error().message, "could not run az: Permission denied");
  EXPECT_TRUE(credential.get_token(kScope).error().unavailable);
}

TEST(AzureCliCredential, BadOutputNeverQuotesStdout) {
  test::ScriptedRunner runner;
  runner.exits(0, R"({"accessToken": "leaky-token-value", "expiresOn": "whenever"})")
      .exits(0, "leaky-token-value")
      .exits(0, R"({"token":"leaky-token-value"})");
  AzureCliCredential credential(runner);
  const auto first = credential.get_token(kScope).error();
  EXPECT_EQ(first.message, "'az account get-access-token' printed a token without a valid expires_on or expiresOn");
  const auto second = credential.get_token(kScope).error();
  EXPECT_EQ(second.message, "'az account get-access-token' printed something other than a token in JSON");
  const auto third = credential.get_token(kScope).error();
  for (const auto& error : {first, second, third}) {
    EXPECT_FALSE(error.unavailable);
    EXPECT_THAT(error.message, Not(HasSubstr("leaky-token-value")));
  }
}

TEST(AzureCliCredential, RefusesScopesAndTenantsThatCouldBeArguments) {
  test::ScriptedRunner runner;
  AzureCliCredential credential(runner);
  EXPECT_EQ(credential.get_token("--debug").error().message, "'--debug' is not a valid scope");
  EXPECT_EQ(credential.get_token("x y").error().message, "'x y' is not a valid scope");
  AzureCliOptions options;
  options.tenant_id = "t;rm";
  AzureCliCredential bad_tenant(runner, options);
  EXPECT_EQ(bad_tenant.get_token(kScope).error().message,
            "'t;rm' is not a valid tenant id (letters, digits, '.' and '-' only)");
  EXPECT_TRUE(runner.calls.empty());
}

// --- the real runner and a fake az ---------------------------------------------------------

struct AzureCliWithFakeAz : ::testing::Test {
  test::TempDir bin;
  test::TempDir elsewhere;
  MapEnvironment environment;
  void SetUp() override { environment.set("PATH", bin.path().string() + ":/usr/bin:/bin"); }
};

TEST_F(AzureCliWithFakeAz, ReadsTheTokenFromAFakeAz) {
  const auto argv_file = (elsewhere.path() / "argv").string();
  bin.write_script("az", "printf '%s\\n' \"$@\" > '" + argv_file + "'\n" +
                             R"(echo '{"accessToken":"fake-az-token","expires_on":1800003600,"tokenType":"Bearer"}')" +
                             "\n");
  PosixProcessRunner runner(environment);
  AzureCliCredential credential(runner);
  const auto token = credential.get_token(kScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, "fake-az-token");
  EXPECT_EQ(token->expires_on, from_unix_seconds(1800003600));
  std::ifstream in(argv_file);
  std::string arguments((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(arguments, std::string("account\nget-access-token\n--output\njson\n--scope\n") + kScope + "\n");
}

TEST_F(AzureCliWithFakeAz, NotLoggedInAndNotInstalled) {
  PosixProcessRunner runner(environment);
  environment.set("PATH", elsewhere.path().string());  // no az anywhere
  AzureCliCredential missing(runner);
  const auto not_found = missing.get_token(kScope).error();
  EXPECT_TRUE(not_found.unavailable);
  EXPECT_EQ(not_found.message, "az not found on PATH");

  environment.set("PATH", bin.path().string() + ":/usr/bin:/bin");
  bin.write_script("az", "echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");
  AzureCliCredential logged_out(runner);
  const auto error = logged_out.get_token(kScope).error();
  EXPECT_FALSE(error.unavailable);
  EXPECT_EQ(error.message,
            "the Azure CLI is not signed in: run 'az login' (az: Please run 'az login' to setup account.)");
}

TEST_F(AzureCliWithFakeAz, HangingAzTimesOut) {
  bin.write_script("az", "sleep 30\n");
  PosixProcessRunner runner(environment);
  AzureCliOptions options;
  options.timeout = 200ms;
  AzureCliCredential credential(runner, options);
  const auto start = std::chrono::steady_clock::now();
  const auto error = credential.get_token(kScope).error();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_FALSE(error.unavailable);
  EXPECT_EQ(error.message, "'az account get-access-token' did not finish within 200 ms");
}

}  // namespace
}  // namespace azureml::auth
