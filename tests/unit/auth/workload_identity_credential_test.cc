// WorkloadIdentityCredential: the federated token file as client assertion, re-read each time.
#include "core/auth/workload_identity_credential.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/auth/scripted_transport.h"
#include "tests/unit/auth/test_pki.h"

namespace azureml::auth {
namespace {

using test::decode_pairs;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kWorkloadScope = "https://management.azure.com/.default";
constexpr const char* kWorkloadTokenBody = R"({"token_type":"Bearer","expires_in":3600,"access_token":"wi-token"})";

struct WorkloadIdentityCredentialTest : ::testing::Test {
  test::ScriptedTransport transport;
  FakeClock clock;
  test::TempDir directory;
  MapEnvironment environment;
  std::string token_file;

  void SetUp() override {
    token_file = directory.write("token", "  federated-token-1\n");
    environment.set("AZURE_TENANT_ID", "tenant-1");
    environment.set("AZURE_CLIENT_ID", "client-1");
    environment.set("AZURE_FEDERATED_TOKEN_FILE", token_file);
    environment.set("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com/");
  }
};

TEST_F(WorkloadIdentityCredentialTest, SendsTheFileAsClientAssertion) {
  transport.reply(200, kWorkloadTokenBody);
  WorkloadIdentityCredential credential(environment, transport, clock);
  EXPECT_EQ(credential.name(), "WorkloadIdentityCredential");
  const auto token = credential.get_token(kWorkloadScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, "wi-token");
  EXPECT_EQ(token->expires_on, clock.now() + std::chrono::hours(1));
  ASSERT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(transport.requests[0].method, "POST");
  EXPECT_EQ(transport.requests[0].url, "https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token");
  EXPECT_EQ(http::find_header(transport.requests[0].headers, "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(decode_pairs(transport.requests[0].body),
            (std::map<std::string, std::string>{
                {"grant_type", "client_credentials"},
                {"client_id", "client-1"},
                {"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
                {"client_assertion", "federated-token-1"},
                {"scope", kWorkloadScope}}));
}

TEST_F(WorkloadIdentityCredentialTest, RereadsTheRotatedFileOnEveryRequest) {
  transport.reply(200, kWorkloadTokenBody).reply(200, kWorkloadTokenBody);
  WorkloadIdentityCredential credential(environment, transport, clock);
  ASSERT_TRUE(credential.get_token(kWorkloadScope).ok());
  directory.write("token", "federated-token-2");  // the kubelet rotated it
  ASSERT_TRUE(credential.get_token(kWorkloadScope).ok());
  ASSERT_EQ(transport.requests.size(), 2u);
  EXPECT_EQ(decode_pairs(transport.requests[0].body).at("client_assertion"), "federated-token-1");
  EXPECT_EQ(decode_pairs(transport.requests[1].body).at("client_assertion"), "federated-token-2");
}

TEST_F(WorkloadIdentityCredentialTest, UnavailableWhenVariablesAreMissing) {
  MapEnvironment empty;
  WorkloadIdentityCredential none(empty, transport, clock);
  EXPECT_EQ(none.get_token(kWorkloadScope).error().message,
            "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE are not set");
  EXPECT_TRUE(none.get_token(kWorkloadScope).error().unavailable);

  MapEnvironment partial;
  partial.set("AZURE_TENANT_ID", "t");
  partial.set("AZURE_CLIENT_ID", "c");
  WorkloadIdentityCredential no_file(partial, transport, clock);
  EXPECT_EQ(no_file.get_token(kWorkloadScope).error().message, "AZURE_FEDERATED_TOKEN_FILE is not set");
  EXPECT_TRUE(transport.requests.empty());
}

TEST_F(WorkloadIdentityCredentialTest, UnreadableOrEmptyFileFails) {
  environment.set("AZURE_FEDERATED_TOKEN_FILE", (directory.path() / "gone").string());
  WorkloadIdentityCredential missing(environment, transport, clock);
  const auto error = missing.get_token(kWorkloadScope).error();
  EXPECT_FALSE(error.unavailable);
  EXPECT_EQ(error.message, "cannot read AZURE_FEDERATED_TOKEN_FILE '" + (directory.path() / "gone").string() +
                               "': No such file or directory");

  environment.set("AZURE_FEDERATED_TOKEN_FILE", directory.write("blank", " \n"));
  WorkloadIdentityCredential blank(environment, transport, clock);
  EXPECT_EQ(blank.get_token(kWorkloadScope).error().message,
            "AZURE_FEDERATED_TOKEN_FILE '" + (directory.path() / "blank").string() + "' is empty");
  EXPECT_TRUE(transport.requests.empty());
}

TEST_F(WorkloadIdentityCredentialTest, RefusedAssertionFailsWithoutQuotingIt) {
  transport.reply(
      400,
      R"({"error":"invalid_client","error_description":"AADSTS700211: No matching federated identity record found for presented assertion issuer 'https://oidc.example'. Assertion: federated-token-1\r\nTrace ID: x","correlation_id":"c3"})");
  WorkloadIdentityCredential credential(environment, transport, clock);
  const auto error = credential.get_token(kWorkloadScope).error();
  EXPECT_FALSE(error.unavailable);
  EXPECT_EQ(error.message,
            "the token endpoint https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token answered HTTP 400 "
            "(invalid_client): AADSTS700211: No matching federated identity record found for presented assertion "
            "issuer 'https://oidc.example'. Assertion: REDACTED [correlation id c3]");
  EXPECT_THAT(error.message, Not(HasSubstr("federated-token-1")));
}

TEST_F(WorkloadIdentityCredentialTest, AuthorityHostFromTheWebhook) {
  environment.set("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.us");
  transport.reply(200, kWorkloadTokenBody);
  WorkloadIdentityCredential credential(environment, transport, clock);
  ASSERT_TRUE(credential.get_token(kWorkloadScope).ok());
  EXPECT_EQ(transport.requests[0].url, "https://login.microsoftonline.us/tenant-1/oauth2/v2.0/token");
}

}  // namespace
}  // namespace azureml::auth
