// DefaultAzureCredential (make_default_credential) against the fake Azure: the order of the
// chain (environment service principal -> workload identity -> managed identity -> Azure CLI)
// shown by which endpoint each run reached, a configured credential that fails stopping the
// chain, AZURE_TOKEN_CREDENTIALS narrowing it, AZUREML_ARM_TOKEN bypassing it, and the error
// when nothing is configured: one line per credential tried, why, in order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/auth/chained_credential.h"
#include "core/auth/default_credential.h"
#include "core/auth/managed_identity_transport.h"
#include "core/auth/token_endpoint.h"
#include "core/util/clock.h"
#include "core/util/process_runner.h"
#include "tests/unit/auth/fake_azure_auth_support.h"
#include "tests/unit/http/test_server.h"

namespace azureml::auth {
namespace {

using namespace fake_azure;
using fakes::FakeAzure;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Secrets = std::vector<std::string>;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string selected_name(const TokenCredential& credential) {
  const auto* chain = dynamic_cast<const ChainedCredential*>(&credential);
  return chain && chain->selected() ? chain->selected()->name() : "";
}

// The fake serves http here: the managed identity endpoints are plain http on the machine, and
// AAD on a loopback http authority is accepted for the fakes.
class FakeAzureDefaultChain : public ::testing::Test {
 protected:
  void SetUp() override {
    azure_.start();
    transport_ = transport_for(azure_);
    managed_identity_transport_ = make_managed_identity_transport({.user_agent = kUserAgent});
    federated_file_ = dir_.write("federated-token", federated_assertion("system:serviceaccount:azureml:x"));
    az_.prints_token(azure_.issue_token().access_token, 1'800'003'600);
    azure_.clear_requests();
  }

  // Variables for each credential kind, to be combined; PATH always holds the fake az.
  MapEnvironment environment(bool secret, bool federated) const {
    MapEnvironment out({{"PATH", az_.path()}});
    if (secret || federated) {
      out.set("AZURE_TENANT_ID", azure_.options().tenant_id);
      out.set("AZURE_CLIENT_ID", azure_.options().client_id);
      out.set("AZURE_AUTHORITY_HOST", azure_.base_url());
    }
    if (secret) out.set("AZURE_CLIENT_SECRET", azure_.options().client_secret);
    if (federated) out.set("AZURE_FEDERATED_TOKEN_FILE", federated_file_);
    return out;
  }

  // IMDS at the fake, or where nothing listens.
  DefaultCredentialOptions options(bool imds) const {
    DefaultCredentialOptions result;
    result.managed_identity_transport = managed_identity_transport_.get();
    result.imds_endpoint = imds ? azure_.base_url() : nothing_.url("");
    return result;
  }

  // Keeps the environment: the process runner (for az) refers to it.
  std::unique_ptr<TokenCredential> chain(MapEnvironment environment, bool imds) {
    environment_ = std::move(environment);
    runner_ = std::make_unique<PosixProcessRunner>(environment_);
    return make_default_credential(environment_, *transport_, clock_, *runner_, options(imds));
  }

  std::vector<std::string> paths() const {
    std::vector<std::string> out;
    for (const auto& request : azure_.requests()) out.push_back(request.method + " " + request.path);
    return out;
  }
  std::string token_post() const { return "POST " + token_path(azure_); }

  // The service principal's client id is also a user-assigned identity here (see
  // AzureTokenCredentialsSelectsOneCredential).
  FakeAzure azure_{{.user_assigned_client_ids = {fakes::FakeAzureOptions{}.client_id}, .clock = &fake_wall()}};
  FakeClock clock_;
  test::TempDir dir_;
  FakeAz az_;
  http::testserver::RefusingPort nothing_;
  std::string federated_file_;
  std::unique_ptr<http::Transport> transport_;
  std::unique_ptr<http::Transport> managed_identity_transport_;
  MapEnvironment environment_;
  std::unique_ptr<PosixProcessRunner> runner_;
};

TEST_F(FakeAzureDefaultChain, NothingConfiguredListsEveryCredentialTriedInOrder) {
  const test::TempDir empty;  // no az on this PATH
  const MapEnvironment environment({{"PATH", empty.path().string()}});
  const auto credential = chain(environment, false);
  const auto token = credential->get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_TRUE(token.error().unavailable);
  EXPECT_EQ(token.error().credential, "DefaultAzureCredential");

  const auto lines = lines_of(token.error().message);
  ASSERT_EQ(lines.size(), 6u) << token.error().message;
  EXPECT_EQ(lines[0], "DefaultAzureCredential could not get a token for https://management.azure.com/.default. Tried:");
  EXPECT_THAT(lines[1],
              StartsWith("- EnvironmentCredential: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET"));
  EXPECT_THAT(lines[1], HasSubstr("are not set"));
  EXPECT_EQ(
      lines[2],
      "- WorkloadIdentityCredential: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE are not set");
  EXPECT_THAT(lines[3], StartsWith("- ManagedIdentityCredential: no managed identity endpoint: IMDS at " +
                                   options(false).imds_endpoint.value() + " did not answer"));
  EXPECT_EQ(lines[4], "- AzureCliCredential: az not found on PATH");
  EXPECT_THAT(lines[5], StartsWith("To sign in: run 'az login'"));
  EXPECT_TRUE(azure_.requests().empty());
  EXPECT_FALSE(az_.ran());
}

TEST_F(FakeAzureDefaultChain, EnvironmentServicePrincipalComesFirst) {
  const auto credential = chain(environment(true, true), true);
  const auto token = credential->get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(selected_name(*credential), "EnvironmentCredential");
  EXPECT_THAT(paths(), ElementsAre(token_post()));
  EXPECT_EQ(azure_.requests()[0].form.count("client_assertion_type"), 0u);  // a secret grant
  EXPECT_FALSE(az_.ran());
}

TEST_F(FakeAzureDefaultChain, WorkloadIdentityComesBeforeManagedIdentity) {
  const auto credential = chain(environment(false, true), true);
  const auto token = credential->get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(selected_name(*credential), "WorkloadIdentityCredential");
  EXPECT_THAT(paths(), ElementsAre(token_post()));
  EXPECT_EQ(azure_.requests()[0].form.at("client_assertion_type"), kJwtBearerAssertionType);
  EXPECT_FALSE(az_.ran());
}

TEST_F(FakeAzureDefaultChain, ManagedIdentityComesBeforeAzureCli) {
  const auto credential = chain(environment(false, false), true);
  const auto token = credential->get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(selected_name(*credential), "ManagedIdentityCredential");
  EXPECT_THAT(paths(), ElementsAre("GET " + std::string(kImdsPath)));
  EXPECT_FALSE(az_.ran());
}

TEST_F(FakeAzureDefaultChain, AzureCliIsTheLastResort) {
  const auto credential = chain(environment(false, false), false);
  const auto token = credential->get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(selected_name(*credential), "AzureCliCredential");
  EXPECT_TRUE(az_.ran());
  EXPECT_TRUE(azure_.requests().empty());
  EXPECT_EQ(arm_status(*transport_, azure_, token->token), 200);
}

// A wrong secret must be reported, not hidden behind whatever comes later in the chain.
TEST_F(FakeAzureDefaultChain, ConfiguredCredentialThatFailsStopsTheChain) {
  const std::string wrong = "wrong-secret-Hh72pq";
  auto env = environment(true, false);
  env.set("AZURE_CLIENT_SECRET", wrong);
  const auto credential = chain(env, true);
  const auto token = credential->get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  EXPECT_FALSE(token.error().unavailable);
  const auto lines = lines_of(token.error().message);
  ASSERT_EQ(lines.size(), 3u) << token.error().message;
  EXPECT_THAT(lines[1], StartsWith("- EnvironmentCredential: "));
  EXPECT_THAT(lines[1], HasSubstr("AADSTS7000215"));
  EXPECT_EQ(lines[2],
            "EnvironmentCredential is configured but failed: fix the problem above "
            "(the credentials after it were not tried).");
  EXPECT_THAT(token.error().message, ContainsNoneOf(Secrets{wrong}));
  EXPECT_THAT(paths(), ElementsAre(token_post()));  // IMDS never asked
  EXPECT_FALSE(az_.ran());
}

TEST_F(FakeAzureDefaultChain, AzureTokenCredentialsSelectsOneCredential) {
  auto env = environment(true, true);
  env.set("AZURE_TOKEN_CREDENTIALS", "ManagedIdentityCredential");
  const auto credential = chain(env, true);
  const auto token = credential->get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_THAT(paths(), ElementsAre("GET " + std::string(kImdsPath)));
  // AZURE_CLIENT_ID is set (for the service principal): managed identity reads it as the
  // user-assigned identity to ask for, as the Azure SDKs do.
  EXPECT_EQ(azure_.requests()[0].query_value("client_id"), azure_.options().client_id);
  EXPECT_FALSE(az_.ran());
}

TEST_F(FakeAzureDefaultChain, ProdSelectionLeavesOutTheAzureCli) {
  auto env = environment(false, false);
  env.set("AZURE_TOKEN_CREDENTIALS", "prod");
  const auto credential = chain(env, false);
  const auto token = credential->get_token(kArmScope);
  ASSERT_FALSE(token.ok());
  const auto lines = lines_of(token.error().message);
  ASSERT_EQ(lines.size(), 5u) << token.error().message;
  EXPECT_THAT(lines[1], StartsWith("- EnvironmentCredential: "));
  EXPECT_THAT(lines[2], StartsWith("- WorkloadIdentityCredential: "));
  EXPECT_THAT(lines[3], StartsWith("- ManagedIdentityCredential: "));
  EXPECT_THAT(lines[4], HasSubstr("AZURE_TOKEN_CREDENTIALS=prod"));
  EXPECT_FALSE(az_.ran());
}

TEST_F(FakeAzureDefaultChain, ArmTokenVariableBypassesTheChain) {
  const auto issued = azure_.issue_token();
  auto env = environment(true, true);
  env.set("AZUREML_ARM_TOKEN", issued.access_token);
  const auto credential = chain(env, true);
  const auto token = credential->get_token(kArmScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, issued.access_token);
  EXPECT_TRUE(azure_.requests().empty());
  EXPECT_FALSE(az_.ran());
}

// Once a credential has worked, it alone is asked: a forced refresh does not walk the chain.
TEST_F(FakeAzureDefaultChain, ForcedRefreshAsksOnlyTheCredentialThatWorked) {
  const auto credential = chain(environment(false, false), true);
  ASSERT_TRUE(credential->get_token(kArmScope).ok());
  ASSERT_TRUE(credential->get_token(kArmScope, true).ok());
  EXPECT_THAT(paths(), ElementsAre("GET " + std::string(kImdsPath), "GET " + std::string(kImdsPath)));
  EXPECT_FALSE(az_.ran());
}

}  // namespace
}  // namespace azureml::auth
