// ManagedIdentityCredential against the fake Azure's managed identity endpoints, through the
// product's managed identity transport (make_managed_identity_transport: no proxy, short connect
// timeout): App Service (IDENTITY_ENDPOINT + IDENTITY_HEADER) and IMDS, system- and
// user-assigned (AZURE_CLIENT_ID), wrong header, unknown identity, and IMDS that is not there.
// These endpoints are plain http on the machine itself, so the fake serves http here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/auth/managed_identity_credential.h"
#include "core/auth/managed_identity_transport.h"
#include "core/util/clock.h"
#include "tests/fakes/test_proxy.h"
#include "tests/unit/auth/fake_azure_auth_support.h"

namespace azureml::auth {
namespace {

using namespace fake_azure;
using fakes::FakeAzure;
using fakes::TestProxy;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Secrets = std::vector<std::string>;

constexpr const char* kUserAssigned = "33333333-3333-3333-3333-333333333333";
constexpr const char* kAppServicePath = "/msi/token";

class FakeAzureManagedIdentity : public ::testing::Test {
 protected:
  FakeAzureManagedIdentity() : azure_({.user_assigned_client_ids = {kUserAssigned}, .clock = &fake_wall()}) {}
  void SetUp() override {
    azure_.start();
    managed_identity_transport_ = make_managed_identity_transport({.user_agent = kUserAgent});
    arm_transport_ = transport_for(azure_);
  }

  MapEnvironment app_service(const std::string& header) const {
    return MapEnvironment({{"IDENTITY_ENDPOINT", azure_.base_url() + kAppServicePath}, {"IDENTITY_HEADER", header}});
  }
  ManagedIdentityOptions imds() const { return imds_at(azure_.base_url()); }
  static ManagedIdentityOptions imds_at(std::string endpoint) {
    ManagedIdentityOptions options;
    options.imds_endpoint = std::move(endpoint);
    return options;
  }

  FakeAzure azure_;
  FakeClock clock_;
  std::unique_ptr<http::Transport> managed_identity_transport_;
  std::unique_ptr<http::Transport> arm_transport_;
};

// --- App Service ---

TEST_F(FakeAzureManagedIdentity, AppServiceSystemAssignedGetsATokenArmAccepts) {
  const auto environment = app_service(azure_.options().identity_header);
  ManagedIdentityCredential credential(environment, *managed_identity_transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(claim(token->token, "appid"), azure_.options().managed_identity_client_id);
  EXPECT_EQ(claim(token->token, "idtyp"), "managedIdentity");
  EXPECT_EQ(arm_status(*arm_transport_, azure_, token->token), 200);

  const auto sent = requests_to(azure_, kAppServicePath);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "GET");
  EXPECT_EQ(sent[0].query_value("api-version"), "2019-08-01");
  EXPECT_EQ(sent[0].query_value("resource"), "https://management.azure.com");
  EXPECT_EQ(sent[0].query.count("client_id"), 0u);
  EXPECT_EQ(sent[0].header("X-IDENTITY-HEADER"), "REDACTED");  // sent, kept out of the record
  EXPECT_EQ(sent[0].header("User-Agent"), kUserAgent);
}

TEST_F(FakeAzureManagedIdentity, AppServiceUserAssignedAsksForItsClientId) {
  auto environment = app_service(azure_.options().identity_header);
  environment.set("AZURE_CLIENT_ID", kUserAssigned);
  ManagedIdentityCredential credential(environment, *managed_identity_transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(claim(token->token, "appid"), kUserAssigned);
  const auto sent = requests_to(azure_, kAppServicePath);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].query_value("client_id"), kUserAssigned);
}

TEST_F(FakeAzureManagedIdentity, AppServiceWrongHeaderFailsWithoutQuotingIt) {
  const std::string wrong = "stolen-identity-header-91x";
  const auto environment = app_service(wrong);
  ManagedIdentityCredential credential(environment, *managed_identity_transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_FALSE(token.error().unavailable);
  EXPECT_THAT(token.error().message, HasSubstr("HTTP 401"));
  EXPECT_THAT(token.error().message, HasSubstr("IDENTITY_ENDPOINT"));
  EXPECT_THAT(token.error().message, ContainsNoneOf(Secrets{wrong, azure_.options().identity_header}));
}

// App Service knows the identity is configured; an unknown client id is a failure, not absence.
TEST_F(FakeAzureManagedIdentity, AppServiceUnknownUserAssignedIdentityFails) {
  auto environment = app_service(azure_.options().identity_header);
  environment.set("AZURE_CLIENT_ID", "44444444-4444-4444-4444-444444444444");
  ManagedIdentityCredential credential(environment, *managed_identity_transport_, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_FALSE(token.error().unavailable);
  EXPECT_THAT(token.error().message, HasSubstr("HTTP 400"));
  EXPECT_THAT(token.error().message, HasSubstr("No Managed Identity found"));
}

// --- IMDS ---

TEST_F(FakeAzureManagedIdentity, ImdsSystemAssignedGetsATokenArmAccepts) {
  const MapEnvironment environment;
  ManagedIdentityCredential credential(environment, *managed_identity_transport_, clock_, imds());
  const auto token = credential.get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(claim(token->token, "appid"), azure_.options().managed_identity_client_id);
  EXPECT_EQ(arm_status(*arm_transport_, azure_, token->token), 200);

  const auto sent = requests_to(azure_, kImdsPath);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].header("Metadata"), "true");
  EXPECT_EQ(sent[0].query_value("api-version"), "2018-02-01");
  EXPECT_EQ(sent[0].query_value("resource"), "https://management.azure.com");
  EXPECT_EQ(sent[0].query.count("client_id"), 0u);
}

TEST_F(FakeAzureManagedIdentity, ImdsUserAssignedAsksForItsClientId) {
  const MapEnvironment environment({{"AZURE_CLIENT_ID", std::string(kUserAssigned)}});
  ManagedIdentityCredential credential(environment, *managed_identity_transport_, clock_, imds());
  const auto token = credential.get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(claim(token->token, "appid"), kUserAssigned);
  ASSERT_EQ(requests_to(azure_, kImdsPath).size(), 1u);
  EXPECT_EQ(requests_to(azure_, kImdsPath)[0].query_value("client_id"), kUserAssigned);
}

// IMDS answering 400 means this machine has no such identity: the chain moves on.
TEST_F(FakeAzureManagedIdentity, ImdsWithoutThatIdentityIsUnavailable) {
  const MapEnvironment environment({{"AZURE_CLIENT_ID", std::string("44444444-4444-4444-4444-444444444444")}});
  ManagedIdentityCredential credential(environment, *managed_identity_transport_, clock_, imds());
  const auto token = credential.get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_TRUE(token.error().unavailable);
  EXPECT_THAT(token.error().message, HasSubstr("44444444-4444-4444-4444-444444444444"));
  EXPECT_THAT(token.error().message, HasSubstr("Identity not found"));
}

// Something that drops the connection where IMDS should be: unavailable, and not asked again.
TEST_F(FakeAzureManagedIdentity, ImdsThatDoesNotAnswerIsUnavailableAndProbedOnce) {
  TestProxy nothing(TestProxy::Mode::refuse);  // accepts, records, closes
  const MapEnvironment environment;
  ManagedIdentityCredential credential(environment, *managed_identity_transport_, clock_, imds_at(nothing.url()));
  for (int i = 0; i < 2; ++i) {
    const auto token = credential.get_token(kArmScope);
    ASSERT_FALSE(token.ok());
    EXPECT_TRUE(token.error().unavailable);
    EXPECT_THAT(token.error().message, HasSubstr("IMDS at " + nothing.url() + " did not answer"));
  }
  EXPECT_EQ(nothing.connections(), 1u);
  EXPECT_THAT(nothing.targets(), ElementsAre("127.0.0.1:" + std::to_string(nothing.port())));
}

// The managed identity transport ignores every proxy variable of the real process environment
// (a proxy cannot reach these endpoints and must not see the identity header). The ordinary
// transport reading the same environment goes to the proxy: the variables are in effect.
TEST_F(FakeAzureManagedIdentity, TransportNeverUsesTheProcessProxyVariables) {
  TestProxy proxy(TestProxy::Mode::refuse);
  const ScopedProcessEnvironment scoped({{"HTTP_PROXY", proxy.url()},
                                         {"http_proxy", proxy.url()},
                                         {"ALL_PROXY", proxy.url()},
                                         {"all_proxy", proxy.url()},
                                         {"NO_PROXY", std::nullopt},
                                         {"no_proxy", std::nullopt}});
  const auto environment = app_service(azure_.options().identity_header);
  const auto transport = make_managed_identity_transport({.user_agent = kUserAgent});
  ManagedIdentityCredential credential(environment, *transport, clock_);
  const auto token = credential.get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(proxy.connections(), 0u);

  const ProcessEnvironment process;
  const auto proxied = http::make_curl_transport({}, process)->send({"GET", azure_.base_url() + kImdsPath, {}, ""});
  EXPECT_FALSE(proxied.ok());
  EXPECT_EQ(proxy.connections(), 1u);
}

}  // namespace
}  // namespace azureml::auth
