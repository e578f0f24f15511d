// make_default_credential: the shim token, the chain's order and selection by
// AZURE_TOKEN_CREDENTIALS, the all-fail message, caching, and a scan for secrets in messages.
#include "core/auth/default_credential.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/auth/chained_credential.h"
#include "core/auth/credential_support.h"
#include "tests/unit/auth/scripted_transport.h"
#include "tests/unit/auth/test_pki.h"

namespace azureml::auth {
namespace {

using namespace std::chrono_literals;
using test::decode_pairs;
using test::split_url;
using Kind = http::TransportError::Kind;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kDefaultScope = "https://management.azure.com/.default";
constexpr const char* kImdsRefused = "connection to 169.254.169.254:80 refused";

struct DefaultCredentialTest : ::testing::Test {
  test::ScriptedTransport transport;
  test::ScriptedRunner runner;
  FakeClock clock;
  MapEnvironment environment;

  std::unique_ptr<TokenCredential> make(const DefaultCredentialOptions& options = {}) {
    return make_default_credential(environment, transport, clock, runner, options);
  }
};

TEST_F(DefaultCredentialTest, ShimTokenIsUsedAndTheChainIsNotConsulted) {
  environment.set("AZUREML_ARM_TOKEN", "shim-token");
  environment.set("AZUREML_ARM_TOKEN_EXPIRES_ON", "1800003600");
  environment.set("AZURE_TENANT_ID", "t");
  environment.set("AZURE_CLIENT_ID", "c");
  environment.set("AZURE_CLIENT_SECRET", "s3cret-value");
  environment.set("AZURE_TOKEN_CREDENTIALS", "bogus");
  auto credential = make();
  EXPECT_EQ(credential->name(), "StaticTokenCredential");
  const auto token = credential->get_token(kDefaultScope);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->token, "shim-token");
  EXPECT_TRUE(transport.requests.empty());
  EXPECT_TRUE(runner.calls.empty());
}

TEST_F(DefaultCredentialTest, ChainOrderAndNothingConfiguredMessage) {
  transport.fail_with(Kind::connect, kImdsRefused);
  runner.fails_with(ProcessError::Kind::not_found, "az not found on PATH");
  auto credential = make();
  auto* chain = dynamic_cast<ChainedCredential*>(credential.get());
  ASSERT_NE(chain, nullptr);
  EXPECT_EQ(chain->credential_names(), (std::vector<std::string>{"EnvironmentCredential", "WorkloadIdentityCredential",
                                                                 "ManagedIdentityCredential", "AzureCliCredential"}));
  const auto token = credential->get_token(kDefaultScope);
  ASSERT_FALSE(token.ok());
  EXPECT_TRUE(token.error().unavailable);
  EXPECT_EQ(
      token.error().message,
      "DefaultAzureCredential could not get a token for https://management.azure.com/.default. Tried:\n"
      "- EnvironmentCredential: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or "
      "AZURE_CLIENT_CERTIFICATE_PATH) are not set\n"
      "- WorkloadIdentityCredential: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE are not set\n"
      "- ManagedIdentityCredential: no managed identity endpoint: IMDS at http://169.254.169.254 did not answer "
      "(connection to 169.254.169.254:80 refused)\n"
      "- AzureCliCredential: az not found on PATH\n"
      "To sign in: run 'az login', set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or "
      "AZURE_CLIENT_CERTIFICATE_PATH) for a service principal, set AZURE_TENANT_ID, AZURE_CLIENT_ID and "
      "AZURE_FEDERATED_TOKEN_FILE for workload identity, or run where a managed identity is available.");
  // Only IMDS was asked over HTTP, once; the CLI once.
  ASSERT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(split_url(transport.requests[0].url).base, "http://169.254.169.254/metadata/identity/oauth2/token");
  EXPECT_EQ(runner.calls.size(), 1u);
}

TEST_F(DefaultCredentialTest, FallsThroughToTheAzureCliAndCaches) {
  transport.fail_with(Kind::timeout, "169.254.169.254:80: no answer within 1 s");
  runner.exits(0, R"({"accessToken":"cli-token","expires_on":1800003600})");
  auto credential = make();
  const auto token = credential->get_token(kDefaultScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, "cli-token");
  // Second call: from the cache, no process and no request.
  EXPECT_EQ(credential->get_token(kDefaultScope)->token, "cli-token");
  EXPECT_EQ(runner.calls.size(), 1u);
  EXPECT_EQ(transport.requests.size(), 1u);
  // 5 minutes before expiry it asks again, and only the remembered credential.
  clock.advance(55min);
  runner.exits(0, R"({"accessToken":"cli-token-2","expires_on":1800007200})");
  EXPECT_EQ(credential->get_token(kDefaultScope)->token, "cli-token-2");
  EXPECT_EQ(runner.calls.size(), 2u);
  EXPECT_EQ(transport.requests.size(), 1u);
  // force_refresh bypasses the cache.
  runner.exits(0, R"({"accessToken":"cli-token-3","expires_on":1800007200})");
  EXPECT_EQ(credential->get_token(kDefaultScope, true)->token, "cli-token-3");
  EXPECT_EQ(runner.calls.size(), 3u);
}

TEST_F(DefaultCredentialTest, ProdLeavesOutTheAzureCli) {
  environment.set("AZURE_TOKEN_CREDENTIALS", "prod");
  transport.fail_with(Kind::connect, kImdsRefused);
  auto credential = make();
  EXPECT_EQ(
      dynamic_cast<ChainedCredential&>(*credential).credential_names(),
      (std::vector<std::string>{"EnvironmentCredential", "WorkloadIdentityCredential", "ManagedIdentityCredential"}));
  const auto error = credential->get_token(kDefaultScope).error();
  EXPECT_TRUE(runner.calls.empty());
  EXPECT_THAT(error.message, Not(HasSubstr("AzureCliCredential")));
  EXPECT_THAT(
      error.message,
      ::testing::EndsWith("\nTo sign in: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or "
                          "AZURE_CLIENT_CERTIFICATE_PATH) for a service principal, set AZURE_TENANT_ID, "
                          "AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE for workload identity, or run where "
                          "a managed identity is available. (AZURE_TOKEN_CREDENTIALS=prod leaves out the Azure CLI.)"));
}

TEST_F(DefaultCredentialTest, SelectionValues) {
  const std::vector<std::string> all = {"EnvironmentCredential", "WorkloadIdentityCredential",
                                        "ManagedIdentityCredential", "AzureCliCredential"};
  const auto selected = [&](std::optional<std::string> value) {
    MapEnvironment variables;
    if (value) variables.set("AZURE_TOKEN_CREDENTIALS", *value);
    return select_credentials(variables);
  };
  EXPECT_EQ(selected(std::nullopt).value(), all);
  EXPECT_EQ(selected("").value(), all);
  EXPECT_EQ(selected("dev").value(), all);
  EXPECT_EQ(selected(" DEV ").value(), all);
  EXPECT_EQ(selected("Prod").value(), std::vector<std::string>(all.begin(), all.end() - 1));
  for (const auto& name : all) EXPECT_EQ(selected(name).value(), std::vector<std::string>{name});
  EXPECT_EQ(selected("managedidentitycredential").value(), std::vector<std::string>{"ManagedIdentityCredential"});
  EXPECT_EQ(selected("  AzureCliCredential\t").value(), std::vector<std::string>{"AzureCliCredential"});
  EXPECT_EQ(selected("AzurePowerShellCredential").error(),
            "AZURE_TOKEN_CREDENTIALS has the invalid value 'AzurePowerShellCredential': allowed values are 'dev', "
            "'prod', 'EnvironmentCredential', 'WorkloadIdentityCredential', 'ManagedIdentityCredential' or "
            "'AzureCliCredential' (case-insensitive), or leave it unset");
}

TEST_F(DefaultCredentialTest, ASingleNamedCredential) {
  environment.set("AZURE_TOKEN_CREDENTIALS", "azureclicredential");
  runner.fails_with(ProcessError::Kind::not_found, "az not found on PATH");
  auto credential = make();
  const auto error = credential->get_token(kDefaultScope).error();
  EXPECT_TRUE(transport.requests.empty());
  EXPECT_EQ(error.message,
            "DefaultAzureCredential could not get a token for https://management.azure.com/.default. Tried:\n"
            "- AzureCliCredential: az not found on PATH\n"
            "To sign in: run 'az login'.");
}

TEST_F(DefaultCredentialTest, InvalidSelectionIsAnErrorAtFirstUse) {
  environment.set("AZURE_TOKEN_CREDENTIALS", "everything");
  auto credential = make();
  EXPECT_EQ(credential->name(), "DefaultAzureCredential");
  const auto error = credential->get_token(kDefaultScope).error();
  EXPECT_FALSE(error.unavailable);
  EXPECT_EQ(error.credential, "DefaultAzureCredential");
  EXPECT_THAT(error.message,
              ::testing::StartsWith(
                  "AZURE_TOKEN_CREDENTIALS has the invalid value 'everything': allowed values are 'dev', 'prod'"));
  EXPECT_TRUE(transport.requests.empty());
  EXPECT_TRUE(runner.calls.empty());
}

TEST_F(DefaultCredentialTest, WrongSecretStopsTheChainBeforeTheCli) {
  environment.set("AZURE_TENANT_ID", "tenant-1");
  environment.set("AZURE_CLIENT_ID", "client-1");
  environment.set("AZURE_CLIENT_SECRET", "wrong-secret-value");
  transport.reply(
      401,
      R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1","correlation_id":"corr-1"})");
  runner.exits(0, R"({"accessToken":"cli-token","expires_on":1800003600})");
  auto credential = make();
  const auto error = credential->get_token(kDefaultScope).error();
  EXPECT_FALSE(error.unavailable);
  EXPECT_EQ(
      error.message,
      "DefaultAzureCredential could not get a token for https://management.azure.com/.default. Tried:\n"
      "- EnvironmentCredential: the token endpoint https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token "
      "answered HTTP 401 (invalid_client): AADSTS7000215: Invalid client secret provided. [correlation id corr-1]\n"
      "EnvironmentCredential is configured but failed: fix the problem above (the credentials after it were not "
      "tried).");
  EXPECT_TRUE(runner.calls.empty());
  EXPECT_EQ(transport.requests.size(), 1u);
}

TEST_F(DefaultCredentialTest, EnvironmentFirstThenWorkloadIdentity) {
  test::TempDir directory;
  environment.set("AZURE_TENANT_ID", "tenant-1");
  environment.set("AZURE_CLIENT_ID", "client-1");
  environment.set("AZURE_FEDERATED_TOKEN_FILE", directory.write("token", "fed-token"));
  transport.reply(200, R"({"access_token":"wi-token","expires_in":3600})");
  auto credential = make();
  ASSERT_EQ(credential->get_token(kDefaultScope)->token, "wi-token");
  ASSERT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(decode_pairs(transport.requests[0].body).at("client_assertion"), "fed-token");
  EXPECT_EQ(dynamic_cast<ChainedCredential&>(*credential).selected()->name(), "WorkloadIdentityCredential");
}

TEST_F(DefaultCredentialTest, ManagedIdentityUsesItsOwnTransportAndEndpoint) {
  test::ScriptedTransport direct;
  direct.reply(200, R"({"access_token":"mi-token","expires_on":"1800003600"})");
  DefaultCredentialOptions options;
  options.managed_identity_transport = &direct;
  options.imds_endpoint = "http://127.0.0.1:1234";
  auto credential = make(options);
  ASSERT_EQ(credential->get_token(kDefaultScope)->token, "mi-token");
  EXPECT_TRUE(transport.requests.empty());
  ASSERT_EQ(direct.requests.size(), 1u);
  EXPECT_EQ(split_url(direct.requests[0].url).base, "http://127.0.0.1:1234/metadata/identity/oauth2/token");
  EXPECT_TRUE(runner.calls.empty());
}

TEST_F(DefaultCredentialTest, CliOptionsArePassedOn) {
  environment.set("AZURE_TOKEN_CREDENTIALS", "AzureCliCredential");
  environment.set("AZURE_TENANT_ID", "not-for-the-cli");
  runner.exits(0, R"({"accessToken":"t","expires_on":1800003600})");
  DefaultCredentialOptions options;
  options.cli_tenant_id = "explicit-tenant";
  options.cli_timeout = 3s;
  auto credential = make(options);
  ASSERT_TRUE(credential->get_token(kDefaultScope).ok());
  EXPECT_EQ(runner.calls[0].back(), "explicit-tenant");
  EXPECT_EQ(runner.timeouts[0], 3s);
  environment.set("AZURE_TOKEN_CREDENTIALS", "AzureCliCredential");
  runner.exits(0, R"({"accessToken":"t","expires_on":1800003600})");
  auto without_tenant = make();
  ASSERT_TRUE(without_tenant->get_token(kDefaultScope).ok());
  EXPECT_THAT(runner.calls[1], Not(::testing::Contains("--tenant")));
}

// Every message any credential can produce in these scenarios, scanned for every secret used.
TEST_F(DefaultCredentialTest, NoSecretInAnyMessage) {
  test::TempDir directory;
  const std::vector<std::string> secrets = {"client-secret-AAAA+/=&", "federated-token-BBBB", "identity-header-CCCC",
                                            "access-token-DDDD",      "cli-token-EEEE",       "pfx-password-FFFF"};
  // A server that quotes back what it was sent (raw and percent-encoded) in every error field.
  const auto echo = [&](const std::string& secret) {
    const auto text = secret + " " + percent_encode(secret);
    return nlohmann::json{{"error", "invalid_client " + text},
                          {"error_description", "AADSTS1: " + text},
                          {"message", text},
                          {"correlation_id", text}}
        .dump();
  };
  std::vector<std::string> messages;
  const auto collect = [&](TokenCredential& credential) {
    for (const bool force : {false, true}) {
      const auto token = credential.get_token(kDefaultScope, force);
      if (!token) messages.push_back(token.error().message);
    }
  };

  // Service principal with a secret: refused with a body echoing everything, then unreachable.
  {
    MapEnvironment variables;
    variables.set("AZURE_TENANT_ID", "t");
    variables.set("AZURE_CLIENT_ID", "c");
    variables.set("AZURE_CLIENT_SECRET", secrets[0]);
    transport.reply(401, echo(secrets[0])).fail_with(Kind::other, "failed: " + secrets[0]);
    auto credential = make_default_credential(variables, transport, clock, runner);
    collect(*credential);
  }
  // Workload identity.
  {
    MapEnvironment variables;
    variables.set("AZURE_TENANT_ID", "t");
    variables.set("AZURE_CLIENT_ID", "c");
    variables.set("AZURE_FEDERATED_TOKEN_FILE", directory.write("f", secrets[1]));
    transport.reply(400, echo(secrets[1])).reply(200, R"({"expires_in":1})");
    auto credential = make_default_credential(variables, transport, clock, runner);
    collect(*credential);
  }
  // Certificate with a wrong password.
  {
    MapEnvironment variables;
    variables.set("AZURE_TENANT_ID", "t");
    variables.set("AZURE_CLIENT_ID", "c");
    variables.set("AZURE_CLIENT_CERTIFICATE_PATH", directory.write("c.pfx", test::rsa_identity().pkcs12("right")));
    variables.set("AZURE_CLIENT_CERTIFICATE_PASSWORD", secrets[5]);
    auto credential = make_default_credential(variables, transport, clock, runner);
    collect(*credential);
  }
  // App Service managed identity echoing its header.
  {
    MapEnvironment variables;
    variables.set("IDENTITY_ENDPOINT", "http://localhost:1/msi/token");
    variables.set("IDENTITY_HEADER", secrets[2]);
    transport.reply(500, echo(secrets[2])).fail_with(Kind::connect, "refused " + secrets[2]);
    auto credential = make_default_credential(variables, transport, clock, runner);
    collect(*credential);
  }
  // IMDS answering a token without expiry; the CLI printing tokens in bad shapes.
  {
    MapEnvironment variables;
    variables.set("AZURE_TOKEN_CREDENTIALS", "ManagedIdentityCredential");
    transport.reply(200, nlohmann::json{{"access_token", secrets[3]}}.dump());
    auto credential = make_default_credential(variables, transport, clock, runner);
    collect(*credential);
    variables.set("AZURE_TOKEN_CREDENTIALS", "AzureCliCredential");
    runner.exits(0, nlohmann::json{{"accessToken", secrets[4]}}.dump()).exits(0, secrets[4]);
    auto cli = make_default_credential(variables, transport, clock, runner);
    collect(*cli);
  }
  // The shim's token, expired and refused.
  {
    MapEnvironment variables;
    variables.set("AZUREML_ARM_TOKEN", secrets[3]);
    variables.set("AZUREML_ARM_TOKEN_EXPIRES_ON", "1");
    auto credential = make_default_credential(variables, transport, clock, runner);
    collect(*credential);
  }

  EXPECT_GE(messages.size(), 12u);
  for (const auto& message : messages)
    for (const auto& secret : secrets) {
      EXPECT_THAT(message, Not(HasSubstr(secret))) << message;
      EXPECT_THAT(message, Not(HasSubstr(percent_encode(secret)))) << message;
    }
}

TEST_F(DefaultCredentialTest, EndToEndWithAFakeAzOnPath) {
  test::TempDir bin;
  bin.write_script("az", R"(echo '{"accessToken":"fake-az-token","expires_on":1800003600}')"
                         "\n");
  MapEnvironment variables;
  variables.set("PATH", bin.path().string() + ":/usr/bin:/bin");
  PosixProcessRunner posix(variables);
  transport.fail_with(Kind::connect, kImdsRefused);
  auto credential = make_default_credential(variables, transport, clock, posix);
  const auto token = credential->get_token(kDefaultScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, "fake-az-token");
  EXPECT_EQ(dynamic_cast<ChainedCredential&>(*credential).selected()->name(), "AzureCliCredential");
}

}  // namespace
}  // namespace azureml::auth
