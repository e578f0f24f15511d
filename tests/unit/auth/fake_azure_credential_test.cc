// Credentials against the fake Azure's AAD over HTTPS: a service principal's secret and
// certificate (right and wrong), workload identity with its token file rotated between forced
// refreshes, the Azure CLI (a fake `az` on a temporary PATH), a token handed in through
// AZUREML_ARM_TOKEN, AZURE_AUTHORITY_HOST, and the chain's token cache. Each token obtained is
// shown to ARM; each failure is checked for the secrets it must not quote.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/auth/azure_cli_credential.h"
#include "core/auth/chained_credential.h"
#include "core/auth/default_credential.h"
#include "core/auth/environment_credential.h"
#include "core/auth/static_token_credential.h"
#include "core/auth/token_endpoint.h"
#include "core/auth/workload_identity_credential.h"
#include "core/util/clock.h"
#include "core/util/process_runner.h"
#include "tests/unit/auth/fake_azure_auth_support.h"
#include "tests/unit/auth/test_pki.h"

namespace azureml::auth {
namespace {

using namespace fake_azure;
using namespace std::chrono_literals;
using fakes::FakeAzure;
using fakes::FakeAzureOptions;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Secrets = std::vector<std::string>;

class FakeAzureCredential : public ::testing::Test {
 protected:
  explicit FakeAzureCredential(FakeAzureOptions options = {}) : azure_(https(std::move(options))) {}
  void SetUp() override {
    azure_.start();
    transport_ = transport_for(azure_);
  }

  // A service principal as the environment describes it, AAD at the fake.
  MapEnvironment service_principal(const std::string& secret) const {
    return MapEnvironment({{"AZURE_TENANT_ID", azure_.options().tenant_id},
                           {"AZURE_CLIENT_ID", azure_.options().client_id},
                           {"AZURE_CLIENT_SECRET", secret},
                           {"AZURE_AUTHORITY_HOST", azure_.base_url()}});
  }
  std::vector<fakes::RecordedRequest> token_requests() const { return requests_to(azure_, token_path(azure_)); }

  static FakeAzureOptions https(FakeAzureOptions options) {
    options.https = true;
    options.clock = &fake_wall();
    return options;
  }

  FakeAzure azure_;
  FakeClock clock_;
  std::unique_ptr<http::Transport> transport_;
};

// --- service principal: secret ---

TEST_F(FakeAzureCredential, ClientSecretGetsATokenArmAccepts) {
  const auto environment = service_principal(azure_.options().client_secret);
  EnvironmentCredential credential(environment, *transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->expires_on, clock_.now() + 3599s);  // expires_in, on the client's clock
  EXPECT_EQ(claim(token->token, "aud"), "https://management.azure.com");
  EXPECT_EQ(claim(token->token, "appid"), azure_.options().client_id);
  EXPECT_EQ(arm_status(*transport_, azure_, token->token), 200);

  const auto sent = token_requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_EQ(sent[0].form.at("grant_type"), "client_credentials");
  EXPECT_EQ(sent[0].form.at("client_id"), azure_.options().client_id);
  EXPECT_EQ(sent[0].form.at("scope"), kArmScope);
  EXPECT_EQ(sent[0].form.count("client_secret"), 0u);  // dropped by the recorder: it was sent
  EXPECT_EQ(sent[0].status, 200);
}

TEST_F(FakeAzureCredential, WrongClientSecretFailsWithAadsErrorAndWithoutTheSecret) {
  const std::string wrong = "not-the-secret-Q7v2";
  const auto environment = service_principal(wrong);
  EnvironmentCredential credential(environment, *transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_FALSE(token.error().unavailable);  // configured, and refused: the chain must stop here
  EXPECT_EQ(token.error().credential, "EnvironmentCredential");
  EXPECT_THAT(token.error().message, HasSubstr("AADSTS7000215"));
  EXPECT_THAT(token.error().message, HasSubstr("invalid_client"));
  EXPECT_THAT(token.error().message, ContainsNoneOf(Secrets{wrong, azure_.options().client_secret}));
  ASSERT_EQ(token_requests().size(), 1u);
  EXPECT_EQ(token_requests()[0].status, 401);
}

TEST_F(FakeAzureCredential, UnknownTenantFailsNamingTheTenant) {
  auto environment = service_principal(azure_.options().client_secret);
  environment.set("AZURE_TENANT_ID", "contoso-tenant");
  EnvironmentCredential credential(environment, *transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_THAT(token.error().message, HasSubstr("AADSTS90002"));
  EXPECT_THAT(token.error().message, HasSubstr("contoso-tenant"));
}

// AZURE_AUTHORITY_HOST decides where secrets go: the fake, with or without a trailing slash.
TEST_F(FakeAzureCredential, AuthorityHostSendsTheGrantToTheFake) {
  auto environment = service_principal(azure_.options().client_secret);
  environment.set("AZURE_AUTHORITY_HOST", azure_.base_url() + "/");
  EnvironmentCredential credential(environment, *transport_, clock_);
  ASSERT_TRUE(credential.get_token(kArmScope).ok());
  const auto recorded = azure_.requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].path, token_path(azure_));
  EXPECT_EQ(recorded[0].header("Host"), "127.0.0.1:" + std::to_string(azure_.port()));
  EXPECT_EQ(recorded[0].header("Content-Type"), "application/x-www-form-urlencoded");
}

// --- service principal: certificate ---

class FakeAzureCertificateCredential : public FakeAzureCredential {
 protected:
  FakeAzureCertificateCredential() : FakeAzureCredential({.client_certificate_pem = test::rsa_identity().cert_pem()}) {}

  MapEnvironment with_certificate(const std::string& path, std::optional<std::string> password = std::nullopt) const {
    MapEnvironment environment({{"AZURE_TENANT_ID", azure_.options().tenant_id},
                                {"AZURE_CLIENT_ID", azure_.options().client_id},
                                {"AZURE_CLIENT_CERTIFICATE_PATH", path},
                                {"AZURE_AUTHORITY_HOST", azure_.base_url()}});
    if (password) environment.set("AZURE_CLIENT_CERTIFICATE_PASSWORD", *password);
    return environment;
  }

  test::TempDir dir_;
};

// The fake verifies the RS256 signature against the registered certificate, and iss/sub/aud.
TEST_F(FakeAzureCertificateCredential, RegisteredCertificateGetsAToken) {
  const auto& identity = test::rsa_identity();
  const auto path = dir_.write("sp.pem", identity.key_pem() + identity.cert_pem());
  const auto environment = with_certificate(path);
  EnvironmentCredential credential(environment, *transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(arm_status(*transport_, azure_, token->token), 200);
  const auto sent = token_requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].form.at("client_assertion_type"), kJwtBearerAssertionType);
  EXPECT_EQ(sent[0].form.count("client_assertion"), 0u);  // sent, and dropped from the record
  EXPECT_EQ(sent[0].form.count("client_secret"), 0u);
}

TEST_F(FakeAzureCertificateCredential, AnotherCertificateIsRefusedWithoutQuotingTheKey) {
  const auto& other = test::other_rsa_identity();
  const auto key = other.key_pem();
  const auto path = dir_.write("other.pem", key + other.cert_pem());
  const auto environment = with_certificate(path);
  EnvironmentCredential credential(environment, *transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_FALSE(token.error().unavailable);
  EXPECT_THAT(token.error().message, HasSubstr("AADSTS700027"));
  // A line of the key's base64 body must not appear.
  const auto body_line = key.substr(key.find('\n') + 1, 64);
  EXPECT_THAT(token.error().message, Not(HasSubstr(body_line)));
}

TEST_F(FakeAzureCertificateCredential, EncryptedKeyWithItsPasswordGetsAToken) {
  const auto& identity = test::rsa_identity();
  const std::string password = "cert-pass-Ww93";
  const auto path = dir_.write("sp.pem", identity.encrypted_key_pem(password) + identity.cert_pem());
  const auto environment = with_certificate(path, password);
  EnvironmentCredential credential(environment, *transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(arm_status(*transport_, azure_, token->token), 200);
}

TEST_F(FakeAzureCertificateCredential, WrongPasswordFailsNamingTheFileNotThePassword) {
  const auto& identity = test::rsa_identity();
  const std::string wrong = "guessed-pass-Kk11";
  const auto path = dir_.write("sp.pem", identity.encrypted_key_pem("cert-pass-Ww93") + identity.cert_pem());
  const auto environment = with_certificate(path, wrong);
  EnvironmentCredential credential(environment, *transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_FALSE(token.error().unavailable);
  EXPECT_THAT(token.error().message, HasSubstr(path));
  EXPECT_THAT(token.error().message, ContainsNoneOf(Secrets{wrong, "cert-pass-Ww93"}));
  EXPECT_TRUE(azure_.requests().empty());  // nothing to send without the key
}

// --- workload identity ---

class FakeAzureWorkloadIdentity : public FakeAzureCredential {
 protected:
  FakeAzureWorkloadIdentity() : FakeAzureCredential({.federated_assertion = assertion_a()}) {}
  static const std::string& assertion_a() {
    static const std::string assertion = federated_assertion("system:serviceaccount:azureml:a");
    return assertion;
  }
  MapEnvironment workload_environment(const std::string& token_file) const {
    return MapEnvironment({{"AZURE_TENANT_ID", azure_.options().tenant_id},
                           {"AZURE_CLIENT_ID", azure_.options().client_id},
                           {"AZURE_FEDERATED_TOKEN_FILE", token_file},
                           {"AZURE_AUTHORITY_HOST", azure_.base_url()},
                           {"PATH", "/nonexistent"}});
  }
  test::TempDir dir_;
};

// The kubelet rotates the projected token: each forced refresh reads the file again and sends
// what is in it now. The fake accepts only assertion A, so its verdicts show what it was sent.
TEST_F(FakeAzureWorkloadIdentity, RereadsTheTokenFileOnEveryForcedRefresh) {
  const std::string b = federated_assertion("system:serviceaccount:azureml:b");
  const auto file = dir_.write("token", assertion_a() + "\n");
  const auto environment = workload_environment(file);
  PosixProcessRunner runner(environment);
  const auto credential = make_default_credential(environment, *transport_, clock_, runner);

  const auto first = credential->get_token(kArmScope);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(arm_status(*transport_, azure_, first->token), 200);

  dir_.write("token", b);
  const auto cached = credential->get_token(kArmScope);  // not forced: the cache answers
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(cached->token, first->token);
  EXPECT_EQ(token_requests().size(), 1u);

  const auto refused = credential->get_token(kArmScope, true);  // forced: B goes to AAD
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("WorkloadIdentityCredential"));
  EXPECT_THAT(refused.error().message, HasSubstr("AADSTS70021"));
  EXPECT_THAT(refused.error().message, ContainsNoneOf(Secrets{assertion_a(), b}));

  dir_.write("token", assertion_a());
  const auto renewed = credential->get_token(kArmScope, true);  // forced: A again
  ASSERT_TRUE(renewed.ok()) << renewed.error().message;
  EXPECT_NE(renewed->token, first->token);

  const auto sent = token_requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].status, 200);
  EXPECT_EQ(sent[1].status, 401);
  EXPECT_EQ(sent[2].status, 200);
  for (const auto& request : sent) {
    EXPECT_EQ(request.form.at("client_assertion_type"), kJwtBearerAssertionType);
    EXPECT_EQ(request.form.count("client_assertion"), 0u);
  }
}

TEST_F(FakeAzureWorkloadIdentity, MissingTokenFileFailsNamingIt) {
  const auto missing = (dir_.path() / "absent").string();
  const auto environment = workload_environment(missing);
  WorkloadIdentityCredential credential(environment, *transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_FALSE(token.error().unavailable);
  EXPECT_THAT(token.error().message, HasSubstr(missing));
  EXPECT_TRUE(azure_.requests().empty());
}

// --- Azure CLI ---

TEST_F(FakeAzureCredential, AzureCliTokenIsTheOneAzPrinted) {
  const auto issued = azure_.issue_token();
  FakeAz az;
  az.prints_token(issued.access_token, 1'800'003'600);
  const MapEnvironment environment({{"PATH", az.path()}});
  PosixProcessRunner runner(environment);
  AzureCliCredential credential(runner);
  const auto token = credential.get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, issued.access_token);
  EXPECT_EQ(token->expires_on, std::chrono::system_clock::time_point(1'800'003'600s));  // expires_on wins
  EXPECT_THAT(az.argv(), ElementsAre("account", "get-access-token", "--output", "json", "--scope", kArmScope));
  EXPECT_EQ(arm_status(*transport_, azure_, token->token), 200);
}

TEST_F(FakeAzureCredential, AzureCliNotSignedInAdvisesAzLogin) {
  FakeAz az;
  az.install("echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");
  const MapEnvironment environment({{"PATH", az.path()}});
  PosixProcessRunner runner(environment);
  AzureCliCredential credential(runner);
  const auto token = credential.get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_FALSE(token.error().unavailable);
  EXPECT_THAT(token.error().message, HasSubstr("run 'az login'"));
  EXPECT_TRUE(az.ran());
}

TEST_F(FakeAzureCredential, AzureCliNotOnPathIsUnavailable) {
  const test::TempDir empty;
  const MapEnvironment environment({{"PATH", empty.path().string()}});
  PosixProcessRunner runner(environment);
  AzureCliCredential credential(runner);
  const auto token = credential.get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_TRUE(token.error().unavailable);
  EXPECT_EQ(token.error().message, "az not found on PATH");
}

// --- AZUREML_ARM_TOKEN ---

// The az shim's token is used as it is: no request to AAD even with a service principal set.
TEST_F(FakeAzureCredential, ArmTokenVariableIsUsedWithoutAnyRequest) {
  const auto issued = azure_.issue_token();
  auto environment = service_principal(azure_.options().client_secret);
  environment.set("AZUREML_ARM_TOKEN", issued.access_token);
  PosixProcessRunner runner(environment);
  const auto credential = make_default_credential(environment, *transport_, clock_, runner);
  EXPECT_EQ(credential->name(), "StaticTokenCredential");
  const auto token = credential->get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, issued.access_token);
  EXPECT_EQ(token->expires_on, issued.expires_on);  // the JWT's exp claim
  EXPECT_TRUE(azure_.requests().empty());
  EXPECT_EQ(arm_status(*transport_, azure_, token->token), 200);

  const auto refreshed = credential->get_token(kArmScope, true);  // ARM said 401: cannot renew
  ASSERT_FALSE(refreshed.ok());
  EXPECT_THAT(refreshed.error().message, HasSubstr("AZUREML_ARM_TOKEN"));
  EXPECT_THAT(refreshed.error().message, Not(HasSubstr(issued.access_token)));
}

// --- the chain's cache ---

TEST_F(FakeAzureCredential, ChainCachesTheTokenUntilFiveMinutesBeforeExpiry) {
  const auto environment = service_principal(azure_.options().client_secret);
  PosixProcessRunner runner(environment);
  const auto credential = make_default_credential(environment, *transport_, clock_, runner);

  const auto first = credential->get_token(kArmScope);
  const auto second = credential->get_token(kArmScope);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(second->token, first->token);
  EXPECT_EQ(token_requests().size(), 1u);

  const auto forced = credential->get_token(kArmScope, true);
  ASSERT_TRUE(forced.ok());
  EXPECT_NE(forced->token, first->token);
  EXPECT_EQ(token_requests().size(), 2u);

  // The forced token lives 3599 s; it is renewed from 300 s before that on.
  clock_.advance(3299s - 1s);
  ASSERT_TRUE(credential->get_token(kArmScope).ok());
  EXPECT_EQ(token_requests().size(), 2u);
  clock_.advance(1s);
  const auto renewed = credential->get_token(kArmScope);
  ASSERT_TRUE(renewed.ok());
  EXPECT_NE(renewed->token, forced->token);
  EXPECT_EQ(token_requests().size(), 3u);
}

}  // namespace
}  // namespace azureml::auth
