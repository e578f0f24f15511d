// Redaction, end to end against the fake Azure: scenarios run through LoggingTransport and a
// verbose StreamLog, as -v runs them, with known secret values (client secrets right and wrong,
// federated assertions, managed identity headers, every token obtained or handed in). None may
// appear in the log, in the progress events, in any error returned, or in what the fake recorded
// (its recorder drops secrets; a secret there means it was put where no secret belongs, e.g. a
// URL). The Redactor has no secret registered: the output must be clean by construction and by
// the redactor's patterns, not because main() registers the environment's secrets.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/arm/long_running.h"
#include "core/auth/azure_cli_credential.h"
#include "core/auth/default_credential.h"
#include "core/auth/managed_identity_credential.h"
#include "core/http/curl_transport.h"
#include "core/http/logging_transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"
#include "core/util/log.h"
#include "core/util/process_runner.h"
#include "tests/fakes/fake_azure.h"
#include "tests/fakes/jwt.h"
#include "tests/unit/arm/fake_azure_arm_harness.h"
#include "tests/unit/temp_dir.h"

namespace azureml::arm {
namespace {

using namespace fake_azure;
using ::testing::HasSubstr;

// Forwards to a credential and keeps every token it hands out and every error message.
class RecordingCredential final : public auth::TokenCredential {
 public:
  RecordingCredential(auth::TokenCredential& inner, std::vector<std::string>& tokens, std::vector<std::string>& errors)
      : inner_(inner), tokens_(tokens), errors_(errors) {}
  std::string name() const override { return inner_.name(); }
  Result<auth::AccessToken, auth::AuthError> get_token(const std::string& scope, bool force_refresh = false) override {
    auto result = inner_.get_token(scope, force_refresh);
    if (result.ok())
      tokens_.push_back(result->token);
    else
      errors_.push_back(result.error().message);
    return result;
  }

 private:
  auth::TokenCredential& inner_;
  std::vector<std::string>& tokens_;
  std::vector<std::string>& errors_;
};

std::string assertion(const std::string& subject) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(fake_wall().now().time_since_epoch()).count();
  return fakes::make_unsigned_jwt({{"iss", "https://oidc.fake.test/"},
                                   {"sub", subject},
                                   {"aud", "api://AzureADTokenExchange"},
                                   {"exp", now + 3600}});
}

const std::string kAssertionA = assertion("system:serviceaccount:azureml:a");
const std::string kAssertionB = assertion("system:serviceaccount:azureml:b");
const std::string kIdentityHeader = "identity-header-Vq83mZ";
const std::string kWrongIdentityHeader = "identity-header-WRONG-17";
const std::string kWrongSecret = "client-secret-WRONG-55aa";

class FakeAzureRedaction : public ::testing::Test {
 protected:
  FakeAzureRedaction()
      : azure_({.https = true,
                .client_secret = "client-secret-Rt29xK",
                .federated_assertion = kAssertionA,
                .identity_header = kIdentityHeader,
                .clock = &fake_wall()}) {}

  void SetUp() override {
    azure_.add_connected_cluster({.subscription = kSub, .resource_group = "rg1", .name = "cluster1"});
    azure_.add_workspace({.subscription = kSub, .resource_group = "rg1", .name = "ws1"});
    azure_.start();
    http::CurlOptions options;
    options.user_agent = kUserAgent;
    options.ca_bundle = azure_.ca_file();
    curl_ = http::make_curl_transport(options, MapEnvironment());
    wire_ = std::make_unique<http::LoggingTransport>(*curl_, log_, clock_);
    secret("client secret", azure_.options().client_secret);
    secret("wrong client secret", kWrongSecret);
  }

  void secret(std::string label, std::string value) { secrets_.emplace_back(std::move(label), std::move(value)); }

  MapEnvironment service_principal(const std::string& client_secret) const {
    return MapEnvironment({{"AZURE_TENANT_ID", azure_.options().tenant_id},
                           {"AZURE_CLIENT_ID", azure_.options().client_id},
                           {"AZURE_CLIENT_SECRET", client_secret},
                           {"AZURE_AUTHORITY_HOST", azure_.base_url()},
                           {"PATH", "/nonexistent"}});
  }

  std::unique_ptr<ArmClient> client(auth::TokenCredential& credential) {
    ArmClientOptions options;
    options.endpoint = azure_.base_url();
    options.scope = kArmScope;
    options.random = [] { return 0.5; };
    options.on_event = [this](const ArmEvent& event) { events_.push_back(event.describe()); };
    return std::make_unique<ArmClient>(*wire_, credential, clock_, options);
  }

  // Every secret, token included, is absent from everything the run put out.
  void expect_nothing_leaked() {
    for (const auto& token : tokens_) secret("an access token", token);
    std::vector<std::pair<std::string, std::string>> outputs = {{"the log", out_.str()}};
    for (const auto& line : events_) outputs.emplace_back("a progress event", line);
    for (const auto& message : errors_) outputs.emplace_back("an error message", message);
    for (const auto& request : azure_.requests())
      outputs.emplace_back("the fake's record of " + request.method + " " + request.path, to_json(request).dump());
    for (const auto& [what, text] : outputs)
      for (const auto& [label, value] : secrets_)
        EXPECT_EQ(text.find(value), std::string::npos) << label << " appears in " << what << ":\n" << text;
    // Each exchange was logged, one line each: the scan above covered every one.
    EXPECT_EQ(lines(out_.str()), azure_.requests().size());
  }

  static std::size_t lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  }

  FakeAzure azure_;
  FakeClock clock_;
  std::ostringstream out_;
  const Redactor redactor_;  // nothing registered
  StreamLog log_{out_, true, redactor_};
  std::unique_ptr<http::Transport> curl_;
  std::unique_ptr<http::Transport> wire_;
  std::vector<std::pair<std::string, std::string>> secrets_;
  std::vector<std::string> tokens_, errors_, events_;
};

// A service principal signing in wrongly then rightly, a long-running PUT with tokens revoked
// in the middle (one refresh), a second 401, and a URL whose query carries secret parameters.
TEST_F(FakeAzureRedaction, ServicePrincipalArmRunLeaksNothing) {
  {
    const auto environment = service_principal(kWrongSecret);
    PosixProcessRunner runner(environment);
    const auto wrong = auth::make_default_credential(environment, *wire_, clock_, runner);
    const auto token = wrong->get_token(kArmScope);
    ASSERT_FALSE(token.ok());
    errors_.push_back(token.error().message);
  }
  const auto environment = service_principal(azure_.options().client_secret);
  PosixProcessRunner runner(environment);
  const auto chain = auth::make_default_credential(environment, *wire_, clock_, runner);
  RecordingCredential credential(*chain, tokens_, errors_);
  const auto arm = client(credential);

  azure_.add_fault(Fault::expire_tokens("GET", "/operations/"));
  const auto created = put_and_wait(*arm, kCompute, kApi, kubernetes_compute());
  ASSERT_TRUE(created.ok()) << created.error().describe();
  EXPECT_EQ(arm->counters().token_refreshes, 1u);

  Fault twice = Fault::expire_tokens("GET", "workspaces/ws1$");
  twice.times = 2;
  azure_.add_fault(twice);
  const auto refused = arm->get(kWorkspace, kApi);
  ASSERT_FALSE(refused.ok());
  errors_.push_back(refused.error().describe());

  const std::string sas = "sv=2024&sig=SASsignatureQ1w2E3r4&se=2030";
  secret("a SAS signature", "SASsignatureQ1w2E3r4");
  secret("an authorization code", "authcode-Pp09");
  const auto query = wire_->send({"GET",
                                  azure_.base_url() + "/" + azure_.options().tenant_id +
                                      "/v2.0/.well-known/openid-configuration?" + sas + "&code=authcode-Pp09",
                                  {},
                                  ""});
  ASSERT_TRUE(query.ok());

  // Three tokens were issued: at first, after the revocation mid-operation, after the second 401.
  EXPECT_EQ(std::set<std::string>(tokens_.begin(), tokens_.end()).size(), 3u);
  EXPECT_THAT(out_.str(), HasSubstr("/oauth2/v2.0/token -> 401"));
  EXPECT_THAT(out_.str(), HasSubstr("-> 401"));
  EXPECT_THAT(out_.str(), HasSubstr("sig=REDACTED"));
  EXPECT_THAT(out_.str(), HasSubstr("code=REDACTED"));
  expect_nothing_leaked();
}

// Workload identity with a rotated (and refused) assertion; App Service managed identity with the
// right and a wrong identity header.
TEST_F(FakeAzureRedaction, WorkloadAndManagedIdentityLeakNothing) {
  secret("assertion A", kAssertionA);
  secret("assertion B", kAssertionB);
  secret("the identity header", kIdentityHeader);
  secret("a wrong identity header", kWrongIdentityHeader);

  test::TempDir dir;
  const auto file = dir.write("token", kAssertionA);
  const MapEnvironment workload({{"AZURE_TENANT_ID", azure_.options().tenant_id},
                                 {"AZURE_CLIENT_ID", azure_.options().client_id},
                                 {"AZURE_FEDERATED_TOKEN_FILE", file},
                                 {"AZURE_AUTHORITY_HOST", azure_.base_url()},
                                 {"PATH", "/nonexistent"}});
  PosixProcessRunner runner(workload);
  const auto chain = auth::make_default_credential(workload, *wire_, clock_, runner);
  RecordingCredential credential(*chain, tokens_, errors_);
  ASSERT_TRUE(credential.get_token(kArmScope).ok());
  dir.write("token", kAssertionB);
  ASSERT_FALSE(credential.get_token(kArmScope, true).ok());

  for (const auto& header : {kIdentityHeader, kWrongIdentityHeader}) {
    const MapEnvironment app_service(
        {{"IDENTITY_ENDPOINT", azure_.base_url() + "/msi/token"}, {"IDENTITY_HEADER", header}});
    auth::ManagedIdentityCredential managed(app_service, *wire_, clock_);
    RecordingCredential recorded(managed, tokens_, errors_);
    (void)recorded.get_token(kArmScope);
  }
  ASSERT_EQ(tokens_.size(), 2u);
  ASSERT_EQ(errors_.size(), 2u);
  EXPECT_THAT(out_.str(), HasSubstr("/msi/token?api-version=2019-08-01"));
  expect_nothing_leaked();
}

// A token handed in by the az shim, refused by ARM; and an az that prints a token where JSON
// was expected (the error must not quote its output).
TEST_F(FakeAzureRedaction, HandedInAndCliTokensLeakNothing) {
  const auto issued = azure_.issue_token().access_token;
  secret("AZUREML_ARM_TOKEN", issued);
  const MapEnvironment environment({{"AZUREML_ARM_TOKEN", issued}});
  PosixProcessRunner runner(environment);
  const auto shim = auth::make_default_credential(environment, *wire_, clock_, runner);
  const auto arm = client(*shim);
  ASSERT_TRUE(arm->get(kWorkspace, kApi).ok());
  azure_.expire_tokens();
  const auto refused = arm->get(kWorkspace, kApi);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().exit_code(), ExitCode::auth);
  errors_.push_back(refused.error().describe());

  const auto cli_token = azure_.issue_token().access_token;
  secret("a token az printed", cli_token);
  test::TempDir bin;
  bin.write_script("az", "echo 'Token: " + cli_token + "'\n");
  const MapEnvironment path({{"PATH", bin.path().string()}});
  PosixProcessRunner cli_runner(path);
  auth::AzureCliCredential cli(cli_runner);
  const auto token = cli.get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  errors_.push_back(token.error().message);
  EXPECT_THAT(token.error().message, HasSubstr("printed something other than a token"));

  EXPECT_THAT(out_.str(), HasSubstr("-> 401"));
  expect_nothing_leaked();
}

}  // namespace
}  // namespace azureml::arm
