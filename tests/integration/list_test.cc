// `list` against the fake Azure: the first online verb, and with it the whole online path of
// the CLI: flags and environment, credentials, -v logging, retries, errors and exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/fakes/test_certificates.h"
#include "tests/integration/online_fixture.h"

namespace azureml::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<std::string> kList = {"list", "-w", kWorkspaceName, "-g", kGroup};

std::vector<std::string> with(std::vector<std::string> arguments, const std::vector<std::string>& more) {
  arguments.insert(arguments.end(), more.begin(), more.end());
  return arguments;
}

class ListTest : public OnlineTest {
 protected:
  void SetUp() override {
    OnlineTest::SetUp();
    add_compute("gpu-cluster", "Kubernetes", "Succeeded");
    add_compute("cpu-cluster", "AmlCompute", "Failed");
  }

  void add_compute(const std::string& name, const std::string& type, const std::string& state) {
    azure.put_resource({{"id", kWorkspaceId + "/computes/" + name},
                        {"name", name},
                        {"type", "Microsoft.MachineLearningServices/workspaces/computes"},
                        {"location", "eastus"},
                        {"properties", {{"computeType", type}, {"provisioningState", state}}}});
  }
};

TEST_F(ListTest, PrintsATableOfEveryCompute) {
  const auto run = this->run(kList);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "NAME          TYPE         STATE       LOCATION\n"
            "cpu-cluster   AmlCompute   Failed      eastus\n"
            "gpu-cluster   Kubernetes   Succeeded   eastus\n");
  EXPECT_EQ(run.err, "");
}

TEST_F(ListTest, SendsOneTokenRequestAndOneArmRequest) {
  ASSERT_EQ(run(kList).exit_code, 0);
  const auto requests = azure.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/" + azure.options().tenant_id + "/oauth2/v2.0/token");
  EXPECT_EQ(requests[1].method, "GET");
  EXPECT_EQ(requests[1].path, kWorkspaceId + "/computes");
  EXPECT_EQ(requests[1].query_value("api-version"), "2025-06-01");
  EXPECT_THAT(requests[1].header("User-Agent"), ::testing::StartsWith("kubectl-azureml/"));
  EXPECT_EQ(requests[1].header("x-ms-client-request-id").size(), 36u);
}

TEST_F(ListTest, JsonAndTypeFilter) {
  const auto run = this->run(with(kList, {"-o", "json", "--type", "Kubernetes"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json out = json::parse(run.out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["name"], "gpu-cluster");
  EXPECT_EQ(out[0]["type"], "Kubernetes");
  EXPECT_EQ(out[0]["provisioningState"], "Succeeded");
  EXPECT_EQ(out[0]["id"], kWorkspaceId + "/computes/gpu-cluster");
}

TEST_F(ListTest, AnEmptyWorkspacePrintsOnlyTheHeader) {
  azure.put_resource({{"id", "/subscriptions/" + kSubscription + "/resourceGroups/" + kGroup +
                                 "/providers/Microsoft.MachineLearningServices/workspaces/empty"},
                      {"name", "empty"},
                      {"location", "eastus"}});
  const auto run = this->run({"list", "-w", "empty", "-g", kGroup, "-o", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "[]\n");
}

TEST_F(ListTest, AMissingWorkspaceIsExit4WithArmsWords) {
  const auto run = this->run({"list", "-w", "nope", "-g", kGroup});
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.err, HasSubstr("error: ARM refused GET /subscriptions/" + kSubscription));
  EXPECT_THAT(run.err, HasSubstr("workspaces/nope/computes"));
  EXPECT_THAT(run.err, HasSubstr("request id "));
}

TEST_F(ListTest, ThrottlingIsRetriedAfterRetryAfterAndSaidOnStderr) {
  azure.add_fault(fakes::Fault::throttle("GET", "/computes$", 1));
  const auto run = this->run(kList);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("retrying GET " + kWorkspaceId + "/computes in 1 s after HTTP 429"));
  EXPECT_EQ(arm_requests().size(), 2u);
}

TEST_F(ListTest, ServerErrorsExhaustTheRetriesThenExit1) {
  fakes::Fault fault = fakes::Fault::server_error(500, "GET", "/computes$");
  fault.times = fakes::Fault::kAlways;
  fault.retry_after = 0;
  azure.add_fault(fault);
  const auto run = this->run(kList);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("gave up after"));
}

TEST_F(ListTest, RequestTimeoutGivesUpOnAStalledAnswerAndTriesAgain) {
  azure.add_fault(fakes::Fault::slow(5000, "GET", "/computes$"));
  const auto run = this->run(with(kList, {"--request-timeout", "1s"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("timed out"));
  EXPECT_EQ(arm_requests().size(), 2u);  // the stalled one and its retry
}

TEST_F(ListTest, BadRequestTimeoutIsAUsageErrorAndSendsNothing) {
  const auto run = this->run(with(kList, {"--request-timeout", "soon"}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--request-timeout 'soon': "));
  EXPECT_THAT(run.err, HasSubstr("give whole seconds (30) or a duration such as 500ms, 45s or 1m30s"));
  EXPECT_TRUE(azure.requests().empty());
}

TEST_F(ListTest, VerboseLogsEveryExchangeAndNoSecret) {
  const auto run = this->run(with(kList, {"-v"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err,
              HasSubstr("POST " + azure.base_url() + "/" + azure.options().tenant_id + "/oauth2/v2.0/token -> 200"));
  EXPECT_THAT(run.err, HasSubstr("GET " + azure.base_url() + kWorkspaceId + "/computes?api-version=2025-06-01 -> 200"));
  EXPECT_THAT(run.err, HasSubstr("request-id: "));
  EXPECT_THAT(run.err + run.out, Not(HasSubstr(azure.options().client_secret)));
  EXPECT_THAT(run.err + run.out, Not(HasSubstr("eyJ")));  // no JWT, whole or in part
}

TEST_F(ListTest, AStaticTokenFromTheShimIsUsedAndNeverLogged) {
  const std::string token = azure.issue_token().access_token;
  EnvironmentMap environment = signed_out();
  environment["AZUREML_ARM_TOKEN"] = token;
  const auto run = this->run(with(kList, {"-v"}), environment);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(azure.requests().size(), 1u);  // no token request
  EXPECT_THAT(run.err, Not(HasSubstr(token)));
  EXPECT_THAT(run.err, Not(HasSubstr(token.substr(token.size() - 12))));
}

TEST_F(ListTest, ARefusedStaticTokenIsExit3WithArmsReason) {
  EnvironmentMap environment = signed_out();
  environment["AZUREML_ARM_TOKEN"] = "not-a-token-at-all";
  const auto run = this->run(kList, environment);
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_THAT(run.err, HasSubstr("InvalidAuthenticationToken"));
  EXPECT_THAT(run.err, HasSubstr("AZUREML_ARM_TOKEN"));
  EXPECT_THAT(run.err, Not(HasSubstr("not-a-token-at-all")));
}

TEST_F(ListTest, NoCredentialIsExit3WithOneLinePerCredentialInChainOrder) {
  const auto run = this->run(kList, signed_out());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "");
  const auto at = [&](const std::string& what) { return run.err.find(what); };
  ASSERT_NE(at("\n- EnvironmentCredential: "), std::string::npos) << run.err;
  EXPECT_LT(at("\n- EnvironmentCredential: "), at("\n- WorkloadIdentityCredential: "));
  EXPECT_LT(at("\n- WorkloadIdentityCredential: "), at("\n- ManagedIdentityCredential: "));
  EXPECT_LT(at("\n- ManagedIdentityCredential: "), at("\n- AzureCliCredential: "));
  EXPECT_THAT(run.err, HasSubstr("az login"));
  EXPECT_TRUE(arm_requests().empty());  // no request without a token
}

TEST_F(ListTest, AWrongSecretIsExit3AndTheSecretIsNotShown) {
  EnvironmentMap environment = signed_in();
  environment["AZURE_CLIENT_SECRET"] = "wrong-secret-value";
  const auto run = this->run(kList, environment);
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_THAT(run.err, HasSubstr("EnvironmentCredential"));
  EXPECT_THAT(run.err, Not(HasSubstr("wrong-secret-value")));
}

TEST_F(ListTest, SubscriptionFlagWinsOverTheEnvironment) {
  const auto run = this->run(with(kList, {"--subscription", "00000000-0000-0000-0000-0000000000ff"}));
  EXPECT_EQ(run.exit_code, 4);  // the fake has no such subscription
  EXPECT_THAT(run.err, HasSubstr("00000000-0000-0000-0000-0000000000ff"));
}

TEST_F(ListTest, NoSubscriptionIsExit2BeforeAnyRequest) {
  EnvironmentMap environment = signed_in();
  environment.erase("AZURE_SUBSCRIPTION_ID");
  const auto run = this->run(kList, environment);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err,
            "error: no subscription given: pass --subscription ID or set AZURE_SUBSCRIPTION_ID "
            "('az account show --query id -o tsv' prints your default one)\n");
  EXPECT_TRUE(azure.requests().empty());
}

TEST_F(ListTest, AMalformedSubscriptionIsExit2) {
  const auto run = this->run(with(kList, {"--subscription", "my-sub"}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--subscription 'my-sub' is not a subscription id"));
  EXPECT_TRUE(azure.requests().empty());
}

TEST_F(ListTest, MissingWorkspaceFlagIsExit2) {
  const auto run = this->run({"list", "-g", kGroup});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("required flag -w, --workspace-name is missing"));
}

TEST_F(ListTest, AnUnknownTypeIsExit2WithTheAllowedValues) {
  const auto run = this->run(with(kList, {"--type", "kubernetes"}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("did you mean 'Kubernetes'?"));
}

TEST_F(ListTest, PlainHttpToARemoteEndpointIsRefused) {
  const auto run = this->run(with(kList, {"--arm-endpoint", "http://management.example.com"}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("tokens would travel unencrypted"));
}

TEST_F(ListTest, TheArmEndpointFlagWinsOverTheEnvironment) {
  EnvironmentMap environment = signed_in();
  environment["AZUREML_ARM_ENDPOINT"] = kRefusingUrl;
  const auto run = this->run(with(kList, {"--arm-endpoint", azure.base_url() + "/"}), environment);
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(ListTest, AnUnreachableEndpointIsExit1NamingTheHost) {
  EnvironmentMap environment = signed_out();
  environment["AZUREML_ARM_TOKEN"] = azure.issue_token().access_token;
  environment["AZUREML_ARM_ENDPOINT"] = kRefusingUrl;
  const auto run = this->run(kList, environment);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("could not reach ARM"));
  EXPECT_THAT(run.err, HasSubstr("127.0.0.1:9"));
}

TEST_F(ListTest, AnUnreadableCaBundleIsExit2) {
  const auto run = this->run(with(kList, {"--ca-bundle", "/nonexistent/ca.pem"}));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("--ca-bundle '/nonexistent/ca.pem' cannot be read"));
}

class ListOverHttpsTest : public OnlineTest {
 protected:
  ListOverHttpsTest() : OnlineTest({.https = true}) {}
};

TEST_F(ListOverHttpsTest, TrustsTheCaGivenByFlag) {
  const auto run = this->run(with(kList, {"--ca-bundle", azure.ca_file()}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(ListOverHttpsTest, TrustsTheCaGivenByRequestsCaBundle) {
  EnvironmentMap environment = signed_in();
  environment["REQUESTS_CA_BUNDLE"] = azure.ca_file();
  EXPECT_EQ(this->run(kList, environment).exit_code, 0);
}

TEST_F(ListOverHttpsTest, AnUntrustedCertificateFailsAndNothingIsSent) {
  fakes::TestCertificates other;  // another CA: the fake's certificate does not chain to it
  EnvironmentMap environment = signed_in();
  environment["SSL_CERT_FILE"] = other.ca_file();
  const auto run = this->run(kList, environment);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("certificate"));
  EXPECT_TRUE(azure.requests().empty());
}

// --- completion: `__complete` lists the same computes ---

TEST_F(ListTest, CompletionOffersTheComputesOfTheWorkspaceTyped) {
  const auto run = this->run({"__complete", "compute", "show", "-w", kWorkspaceName, "-g", kGroup, "g"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "gpu-cluster\n:4\n");
  EXPECT_EQ(run.err, "");
  // One list, and nothing when the workspace is not named or cannot be read.
  EXPECT_EQ(this->run({"__complete", "compute", "show", "-w", kWorkspaceName, ""}).out, ":4\n");
  EXPECT_EQ(this->run({"__complete", "compute", "show", "-w", "nosuch", "-g", kGroup, ""}).out, ":4\n");
  for (const auto& request : azure.requests()) EXPECT_EQ(request.method == "GET" || request.method == "POST", true);
}

}  // namespace
}  // namespace azureml::testing
