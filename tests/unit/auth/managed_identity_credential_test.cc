// ManagedIdentityCredential: App Service and IMDS request forms, answers, unavailability.
#include "core/auth/managed_identity_credential.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/auth/credential_support.h"
#include "tests/unit/auth/scripted_transport.h"

namespace azureml::auth {
namespace {

using test::split_url;
using Kind = http::TransportError::Kind;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kManagedIdentityScope = "https://management.azure.com/.default";
constexpr const char* kResource = "https://management.azure.com";
constexpr const char* kIdentityHeader = "ih-5ecret-value";

struct ManagedIdentityTest : ::testing::Test {
  test::ScriptedTransport transport;
  FakeClock clock;
  MapEnvironment environment;
  std::int64_t now_seconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
  }
};

// --- App Service ---------------------------------------------------------------------------

TEST_F(ManagedIdentityTest, AppServiceRequestForm) {
  environment.set("IDENTITY_ENDPOINT", "http://127.0.0.1:41741/msi/token");
  environment.set("IDENTITY_HEADER", kIdentityHeader);
  transport.reply(
      200,
      R"({"access_token":"mi-token","expires_on":"1800003600","resource":"https://management.azure.com","token_type":"Bearer","client_id":"x"})");
  ManagedIdentityCredential credential(environment, transport, clock);
  EXPECT_EQ(credential.name(), "ManagedIdentityCredential");
  const auto token = credential.get_token(kManagedIdentityScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, "mi-token");
  EXPECT_EQ(token->expires_on, from_unix_seconds(1800003600));

  ASSERT_EQ(transport.requests.size(), 1u);
  const auto& request = transport.requests[0];
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.url,
            "http://127.0.0.1:41741/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fmanagement.azure.com");
  const auto url = split_url(request.url);
  EXPECT_EQ(url.base, "http://127.0.0.1:41741/msi/token");
  EXPECT_EQ(url.query, (std::map<std::string, std::string>{{"api-version", "2019-08-01"}, {"resource", kResource}}));
  EXPECT_EQ(http::find_header(request.headers, "X-IDENTITY-HEADER"), kIdentityHeader);
  EXPECT_EQ(http::find_header(request.headers, "Metadata"), std::nullopt);
  EXPECT_TRUE(request.body.empty());
}

TEST_F(ManagedIdentityTest, AppServiceUserAssignedIdentityFromAzureClientId) {
  environment.set("IDENTITY_ENDPOINT", "http://localhost:8081/msi/token");
  environment.set("IDENTITY_HEADER", kIdentityHeader);
  environment.set("AZURE_CLIENT_ID", "uami-client-id");
  transport.reply(200, R"({"access_token":"t","expires_on":1800003600})");
  ManagedIdentityCredential credential(environment, transport, clock);
  ASSERT_TRUE(credential.get_token(kManagedIdentityScope).ok());
  EXPECT_EQ(split_url(transport.requests[0].url).query,
            (std::map<std::string, std::string>{
                {"api-version", "2019-08-01"}, {"resource", kResource}, {"client_id", "uami-client-id"}}));
}

TEST_F(ManagedIdentityTest, AppServiceErrorsAreFailuresWithoutTheHeader) {
  environment.set("IDENTITY_ENDPOINT", "http://localhost:8081/msi/token");
  environment.set("IDENTITY_HEADER", kIdentityHeader);
  transport
      .reply(400,
             std::string(R"({"statusCode":400,"message":"Unable to load the proper Managed Identity. header was )") +
                 kIdentityHeader + R"(","correlationId":"x"})")
      .fail_with(Kind::connect, "connection to localhost:8081 refused")
      .reply(200, R"({"access_token":"t"})");
  ManagedIdentityCredential credential(environment, transport, clock);
  auto error = credential.get_token(kManagedIdentityScope).error();
  EXPECT_FALSE(error.unavailable);
  EXPECT_EQ(error.message,
            "the managed identity endpoint http://localhost:8081/msi/token (IDENTITY_ENDPOINT) answered "
            "HTTP 400: Unable to load the proper Managed Identity. header was REDACTED");
  error = credential.get_token(kManagedIdentityScope).error();
  EXPECT_FALSE(error.unavailable);
  EXPECT_EQ(error.message,
            "could not reach the managed identity endpoint http://localhost:8081/msi/token "
            "(IDENTITY_ENDPOINT): connection to localhost:8081 refused");
  error = credential.get_token(kManagedIdentityScope).error();
  EXPECT_EQ(error.message,
            "the managed identity endpoint http://localhost:8081/msi/token (IDENTITY_ENDPOINT) answered "
            "HTTP 200 but the answer has no valid expires_on or expires_in");
}

TEST_F(ManagedIdentityTest, UnsupportedSourcesAreUnavailable) {
  struct Case {
    std::map<std::string, std::string> variables;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{{"IDENTITY_ENDPOINT", "http://localhost:40342/metadata/identity/oauth2/token"},
        {"IMDS_ENDPOINT", "http://localhost:40342"}},
       "Azure Arc managed identity (IDENTITY_ENDPOINT with IMDS_ENDPOINT) is not supported"},
      {{{"IDENTITY_ENDPOINT", "https://10.0.0.4:2377/metadata/identity/oauth2/token"},
        {"IDENTITY_HEADER", "h"},
        {"IDENTITY_SERVER_THUMBPRINT", "ab"}},
       "Service Fabric managed identity (IDENTITY_SERVER_THUMBPRINT) is not supported"},
      {{{"IDENTITY_ENDPOINT", "http://localhost:1"}}, "IDENTITY_ENDPOINT is set but IDENTITY_HEADER is not"},
  };
  for (const auto& c : cases) {
    MapEnvironment variables;
    for (const auto& [name, value] : c.variables) variables.set(name, value);
    ManagedIdentityCredential credential(variables, transport, clock);
    const auto error = credential.get_token(kManagedIdentityScope).error();
    EXPECT_TRUE(error.unavailable);
    EXPECT_EQ(error.message, c.message);
  }
  EXPECT_TRUE(transport.requests.empty());
}

// --- IMDS ----------------------------------------------------------------------------------

TEST_F(ManagedIdentityTest, ImdsRequestForm) {
  transport.reply(
      200,
      R"({"access_token":"imds-token","client_id":"c","expires_in":"86399","expires_on":"1800086399","ext_expires_in":"86399","not_before":"1799999999","resource":"https://management.azure.com","token_type":"Bearer"})");
  ManagedIdentityCredential credential(environment, transport, clock);
  const auto token = credential.get_token(kManagedIdentityScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, "imds-token");
  EXPECT_EQ(token->expires_on, from_unix_seconds(1800086399));
  ASSERT_EQ(transport.requests.size(), 1u);
  const auto& request = transport.requests[0];
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.url,
            "http://169.254.169.254/metadata/identity/oauth2/"
            "token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com");
  EXPECT_EQ(http::find_header(request.headers, "Metadata"), "true");
  EXPECT_EQ(request.headers.size(), 1u);
}

TEST_F(ManagedIdentityTest, ImdsClientIdAndEndpointOverrides) {
  environment.set("AZURE_CLIENT_ID", "uami");
  environment.set("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://10.0.0.9:2579/");
  transport.reply(200, R"({"access_token":"t","expires_in":3600})")
      .reply(200, R"({"access_token":"t","expires_in":"60"})");
  ManagedIdentityCredential from_environment(environment, transport, clock);
  const auto token = from_environment.get_token(kManagedIdentityScope);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->expires_on, clock.now() + std::chrono::seconds(3600));
  auto url = split_url(transport.requests[0].url);
  EXPECT_EQ(url.base, "http://10.0.0.9:2579/metadata/identity/oauth2/token");
  EXPECT_EQ(url.query, (std::map<std::string, std::string>{
                           {"api-version", "2018-02-01"}, {"resource", kResource}, {"client_id", "uami"}}));

  ManagedIdentityOptions options;
  options.imds_endpoint = "http://127.0.0.1:5555";
  options.client_id = "explicit";
  ManagedIdentityCredential from_options(environment, transport, clock, options);
  ASSERT_TRUE(from_options.get_token("api://other/.default").ok());
  url = split_url(transport.requests[1].url);
  EXPECT_EQ(url.base, "http://127.0.0.1:5555/metadata/identity/oauth2/token");
  EXPECT_EQ(url.query.at("client_id"), "explicit");
  EXPECT_EQ(url.query.at("resource"), "api://other");
}

TEST_F(ManagedIdentityTest, ImdsUnreachableIsUnavailableAndProbedOnce) {
  transport.fail_with(Kind::connect, "connection to 169.254.169.254:80 timed out after 1000 ms");
  ManagedIdentityCredential credential(environment, transport, clock);
  for (int i = 0; i < 3; ++i) {
    const auto error = credential.get_token(kManagedIdentityScope).error();
    EXPECT_TRUE(error.unavailable);
    EXPECT_EQ(error.credential, "ManagedIdentityCredential");
    EXPECT_EQ(error.message,
              "no managed identity endpoint: IMDS at http://169.254.169.254 did not answer "
              "(connection to 169.254.169.254:80 timed out after 1000 ms)");
  }
  EXPECT_EQ(transport.requests.size(), 1u);
}

TEST_F(ManagedIdentityTest, ImdsTimeoutIsUnavailableToo) {
  transport.fail_with(Kind::timeout, "169.254.169.254:80 did not answer within 1 s");
  ManagedIdentityCredential credential(environment, transport, clock);
  EXPECT_TRUE(credential.get_token(kManagedIdentityScope).error().unavailable);
}

TEST_F(ManagedIdentityTest, ImdsWithoutThatIdentityIsUnavailable) {
  environment.set("AZURE_CLIENT_ID", "uami");
  transport.reply(400, R"({"error":"invalid_request","error_description":"Identity not found"})");
  ManagedIdentityCredential credential(environment, transport, clock);
  const auto error = credential.get_token(kManagedIdentityScope).error();
  EXPECT_TRUE(error.unavailable);
  EXPECT_EQ(error.message,
            "IMDS at http://169.254.169.254 has no managed identity with client id uami for this "
            "machine (HTTP 400: Identity not found)");
}

TEST_F(ManagedIdentityTest, ImdsNotJsonIsUnavailableOtherErrorsFail) {
  {
    transport.reply(200, "<html>captive portal</html>");
    ManagedIdentityCredential credential(environment, transport, clock);
    const auto error = credential.get_token(kManagedIdentityScope).error();
    EXPECT_TRUE(error.unavailable);
    EXPECT_EQ(error.message,
              "no managed identity endpoint: IMDS at http://169.254.169.254 answered with something that is not JSON");
  }
  {
    transport.reply(500, R"({"error":"unknown","error_description":"Internal error"})");
    ManagedIdentityCredential credential(environment, transport, clock);
    const auto error = credential.get_token(kManagedIdentityScope).error();
    EXPECT_FALSE(error.unavailable);
    EXPECT_EQ(error.message, "IMDS at http://169.254.169.254 answered HTTP 500: Internal error");
  }
  {
    transport.reply(403, "A socket operation was attempted to an unreachable network.");
    ManagedIdentityCredential credential(environment, transport, clock);
    EXPECT_TRUE(credential.get_token(kManagedIdentityScope).error().unavailable);
  }
  {
    transport.reply(200, R"({"expires_in":3600})");
    ManagedIdentityCredential credential(environment, transport, clock);
    const auto error = credential.get_token(kManagedIdentityScope).error();
    EXPECT_FALSE(error.unavailable);
    EXPECT_EQ(error.message, "IMDS at http://169.254.169.254 answered HTTP 200 but the answer has no access_token");
  }
}

TEST_F(ManagedIdentityTest, InvalidScopeIsRefusedBeforeAnyRequest) {
  ManagedIdentityCredential credential(environment, transport, clock);
  EXPECT_EQ(credential.get_token("https://x/.default&resource=y").error().message,
            "'https://x/.default&resource=y' is not a valid scope");
  EXPECT_TRUE(transport.requests.empty());
}

}  // namespace
}  // namespace azureml::auth
