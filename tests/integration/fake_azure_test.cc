// The fake Azure itself (tests/fakes), driven over loopback with cpp-httplib's client: the
// token endpoints, ARM's answers and long-running operations, faults, recording, HTTPS, and
// the standalone bin/fake-azure.
#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <nlohmann/json.hpp>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/util/clock.h"
#include "tests/fakes/fake_azure.h"
#include "tests/fakes/http_text.h"
#include "tests/fakes/jwt.h"
#include "tests/fakes/test_certificates.h"

extern char** environ;

namespace {

using azureml::fakes::ClusterSeed;
using azureml::fakes::FakeAzure;
using azureml::fakes::FakeAzureOptions;
using azureml::fakes::Fault;
using azureml::fakes::OperationOutcome;
using azureml::fakes::RecordedRequest;
using azureml::fakes::WorkspaceSeed;
using nlohmann::json;

const std::string kSub = "00000000-0000-0000-0000-000000000001";
const std::string kTenant = "00000000-0000-0000-0000-0000000000aa";
const std::string kClientId = "11111111-1111-1111-1111-111111111111";
const std::string kGroup = "/subscriptions/" + kSub + "/resourceGroups/rg1";
const std::string kCluster = kGroup + "/providers/Microsoft.Kubernetes/connectedClusters/cluster1";
const std::string kAks = kGroup + "/providers/Microsoft.ContainerService/managedClusters/aks1";
const std::string kWorkspace = kGroup + "/providers/Microsoft.MachineLearningServices/workspaces/ws1";
const std::string kExtension = kCluster + "/providers/Microsoft.KubernetesConfiguration/extensions/azureml";
const std::string kTokenPath = "/" + kTenant + "/oauth2/v2.0/token";

json body_of(const httplib::Result& result) { return json::parse(result->body, nullptr, false); }

// "https://127.0.0.1:1/a/b?x=1" -> "/a/b?x=1": the fake's absolute URLs, for a client bound to it.
std::string path_of(const std::string& url) {
  const auto scheme = url.find("://");
  return url.substr(url.find('/', scheme == std::string::npos ? 0 : scheme + 3));
}

httplib::Params secret_form(const std::string& secret) {
  return {{"grant_type", "client_credentials"},
          {"client_id", kClientId},
          {"client_secret", secret},
          {"scope", "https://management.azure.com/.default"}};
}

class FakeAzureTest : public ::testing::Test {
 protected:
  explicit FakeAzureTest(FakeAzureOptions options = {}) : azure_(std::move(options)) {}

  void SetUp() override {
    azure_.add_connected_cluster({.subscription = kSub, .resource_group = "rg1", .name = "cluster1", .node_count = 1});
    azure_.add_managed_cluster({.subscription = kSub, .resource_group = "rg1", .name = "aks1", .node_count = 4});
    azure_.add_workspace({.subscription = kSub, .resource_group = "rg1", .name = "ws1", .location = "westeurope"});
    azure_.start();
    client_ = std::make_unique<httplib::Client>(azure_.base_url());
    client_->set_read_timeout(10, 0);
    token_ = azure_.issue_token().access_token;
  }

  httplib::Headers auth() const { return {{"Authorization", "Bearer " + token_}}; }
  httplib::Result arm_get(const std::string& path, const std::string& version = "2023-05-01") {
    return client_->Get(path + (path.find('?') == std::string::npos ? "?" : "&") + "api-version=" + version, auth());
  }
  httplib::Result arm_put(const std::string& path, const json& body, const std::string& version = "2023-05-01") {
    return client_->Put(path + "?api-version=" + version, auth(), body.dump(), "application/json");
  }
  httplib::Result arm_delete(const std::string& path_and_query) { return client_->Delete(path_and_query, auth()); }
  // GETs an absolute operation URL from a response header.
  httplib::Result follow(const std::string& url) { return client_->Get(path_of(url), auth()); }

  FakeAzure azure_;
  std::unique_ptr<httplib::Client> client_;
  std::string token_;
};

// ---------------------------------------------------------------------------------------------
// AAD and ADFS

class FakeAzureAad : public FakeAzureTest {};

TEST_F(FakeAzureAad, IssuesABearerJwtForAClientSecret) {
  const auto result = client_->Post(kTokenPath, secret_form("fakesecret"));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const json body = body_of(result);
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["expires_in"], 3599);
  EXPECT_EQ(body["ext_expires_in"], 3599);
  const auto jwt = azureml::fakes::parse_jwt(body["access_token"].get<std::string>());
  ASSERT_TRUE(jwt);
  EXPECT_EQ(jwt->payload["aud"], "https://management.azure.com");
  EXPECT_EQ(jwt->payload["appid"], kClientId);
  EXPECT_EQ(jwt->payload["tid"], kTenant);
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_NEAR(jwt->payload["exp"].get<double>(), static_cast<double>(now + 3599), 5.0);
  EXPECT_FALSE(result->get_header_value("x-ms-request-id").empty());

  const auto arm = client_->Get("/subscriptions?api-version=2019-11-01",
                                {{"Authorization", "Bearer " + body["access_token"].get<std::string>()}});
  ASSERT_TRUE(arm);
  EXPECT_EQ(arm->status, 200);
}

TEST_F(FakeAzureAad, RejectsAWrongSecretWithAadsts7000215) {
  const auto result = client_->Post(kTokenPath, secret_form("not-the-secret"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
  const json body = body_of(result);
  EXPECT_EQ(body["error"], "invalid_client");
  EXPECT_EQ(body["error_codes"], json::array({7000215}));
  EXPECT_TRUE(
      body["error_description"].get<std::string>().starts_with("AADSTS7000215: Invalid client secret provided"));
  EXPECT_FALSE(body["correlation_id"].get<std::string>().empty());
  EXPECT_FALSE(body["trace_id"].get<std::string>().empty());
}

TEST_F(FakeAzureAad, RejectsUnknownTenantClientScopeAndGrant) {
  auto result = client_->Post("/other-tenant/oauth2/v2.0/token", secret_form("fakesecret"));
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(body_of(result)["error_codes"], json::array({90002}));

  auto form = secret_form("fakesecret");
  form.erase("client_id");
  form.emplace("client_id", "99999999-9999-9999-9999-999999999999");
  result = client_->Post(kTokenPath, form);
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(body_of(result)["error"], "unauthorized_client");

  form = secret_form("fakesecret");
  form.erase("scope");
  form.emplace("scope", "https://management.azure.com/user_impersonation");
  result = client_->Post(kTokenPath, form);
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(body_of(result)["error"], "invalid_scope");

  form = secret_form("fakesecret");
  form.erase("grant_type");
  form.emplace("grant_type", "password");
  result = client_->Post(kTokenPath, form);
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(body_of(result)["error"], "unsupported_grant_type");

  form = secret_form("fakesecret");
  form.erase("client_secret");
  result = client_->Post(kTokenPath, form);
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(body_of(result)["error_codes"], json::array({7000216}));
}

TEST_F(FakeAzureAad, ServesTheAdfsDiscoveryAndTokenEndpointsAzUses) {
  const auto discovery = client_->Get("/adfs/.well-known/openid-configuration");
  ASSERT_TRUE(discovery);
  ASSERT_EQ(discovery->status, 200);
  const json document = body_of(discovery);
  EXPECT_EQ(document["token_endpoint"], azure_.base_url() + "/adfs/oauth2/token/");
  EXPECT_EQ(document["issuer"], azure_.base_url() + "/adfs");

  httplib::Params form = {{"grant_type", "client_credentials"},
                          {"client_id", kClientId},
                          {"client_secret", "fakesecret"},
                          {"scope", "https://management.core.windows.net//.default"},
                          {"client_info", "1"},
                          {"claims", R"({"access_token":{"xms_cc":{"values":["CP1"]}}})"}};
  const auto token = client_->Post(path_of(document["token_endpoint"]), form);
  ASSERT_TRUE(token);
  ASSERT_EQ(token->status, 200) << token->body;
  EXPECT_EQ(body_of(token)["expires_in"], 86400);
  const auto subscriptions =
      client_->Get("/subscriptions?api-version=2019-11-01",
                   {{"Authorization", "Bearer " + body_of(token)["access_token"].get<std::string>()}});
  ASSERT_EQ(subscriptions->status, 200);
  EXPECT_EQ(body_of(subscriptions)["value"][0]["subscriptionId"], kSub);

  form.erase("client_secret");
  form.emplace("client_secret", "wrong");
  EXPECT_EQ(client_->Post("/adfs/oauth2/token", form)->status, 401);
}

std::string sign_rs256(const std::string& signing_input, const std::string& key_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())),
                                                &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr),
                                                          &EVP_PKEY_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  size_t size = 0;
  EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get());
  EVP_DigestSign(ctx.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(signing_input.data()),
                 signing_input.size());
  std::string signature(size, '\0');
  EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                 reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size());
  signature.resize(size);
  return signature;
}

std::string client_assertion(const std::string& audience, const std::string& key_pem) {
  using azureml::fakes::base64url_encode;
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"x5t", "ignored"}};
  const json payload = {{"aud", audience}, {"iss", kClientId}, {"sub", kClientId},
                        {"jti", "1"},      {"nbf", now},       {"exp", now + 600}};
  const std::string input = base64url_encode(header.dump()) + "." + base64url_encode(payload.dump());
  return input + "." + base64url_encode(sign_rs256(input, key_pem));
}

httplib::Params assertion_form(const std::string& assertion) {
  return {{"grant_type", "client_credentials"},
          {"client_id", kClientId},
          {"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
          {"client_assertion", assertion},
          {"scope", "https://management.azure.com/.default"}};
}

TEST(FakeAzureAadCertificate, AcceptsAssertionsSignedByTheRegisteredCertificateOnly) {
  const auto registered = azureml::fakes::generate_client_certificate("registered");
  const auto other = azureml::fakes::generate_client_certificate("other");
  FakeAzure azure({.client_certificate_pem = registered.certificate_pem});
  azure.start();
  httplib::Client client(azure.base_url());
  const std::string audience = azure.base_url() + "/" + kTenant + "/oauth2/v2.0/token";

  auto result = client.Post(kTokenPath, assertion_form(client_assertion(audience, registered.private_key_pem)));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200) << result->body;

  result = client.Post(kTokenPath, assertion_form(client_assertion(audience, other.private_key_pem)));
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(body_of(result)["error_codes"], json::array({700027}));

  result =
      client.Post(kTokenPath, assertion_form(client_assertion("https://elsewhere/token", registered.private_key_pem)));
  EXPECT_EQ(result->status, 401);

  result = client.Post(kTokenPath, assertion_form("not-a-jwt"));
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(body_of(result)["error_codes"], json::array({50027}));
}

TEST(FakeAzureAadFederated, AcceptsExactlyTheFederatedToken) {
  const json claims = {{"iss", "https://kubernetes.default.svc"}, {"exp", 4102444800}};
  const std::string federated = azureml::fakes::make_unsigned_jwt(claims);
  FakeAzure azure({.federated_assertion = federated});
  azure.start();
  httplib::Client client(azure.base_url());
  EXPECT_EQ(client.Post(kTokenPath, assertion_form(federated))->status, 200);
  const auto result = client.Post(
      kTokenPath, assertion_form(azureml::fakes::make_unsigned_jwt({{"iss", "someone-else"}, {"exp", 4102444800}})));
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(body_of(result)["error_codes"], json::array({70021}));
}

// ---------------------------------------------------------------------------------------------
// Managed identity

class FakeAzureManagedIdentity : public FakeAzureTest {
 protected:
  FakeAzureManagedIdentity() : FakeAzureTest({.user_assigned_client_ids = {"44444444-4444-4444-4444-444444444444"}}) {}
};

TEST_F(FakeAzureManagedIdentity, AppServiceNeedsTheIdentityHeader) {
  const std::string path = "/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fmanagement.azure.com%2F";
  EXPECT_EQ(client_->Get(path)->status, 401);
  EXPECT_EQ(client_->Get(path, {{"X-IDENTITY-HEADER", "wrong"}})->status, 401);
  const auto result = client_->Get(path, {{"X-IDENTITY-HEADER", "fake-identity-header"}});
  ASSERT_EQ(result->status, 200) << result->body;
  const json body = body_of(result);
  EXPECT_EQ(body["resource"], "https://management.azure.com/");
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["expires_in"], "3599");
  EXPECT_GT(std::stoll(body["expires_on"].get<std::string>()), 1'700'000'000);
  EXPECT_EQ(body["client_id"], "22222222-2222-2222-2222-222222222222");
  const auto arm = client_->Get("/subscriptions?api-version=2019-11-01",
                                {{"Authorization", "Bearer " + body["access_token"].get<std::string>()}});
  EXPECT_EQ(arm->status, 200);
  EXPECT_EQ(client_->Get("/msi/token?api-version=2019-08-01", {{"X-IDENTITY-HEADER", "fake-identity-header"}})->status,
            400);
}

TEST_F(FakeAzureManagedIdentity, ImdsNeedsTheMetadataHeaderAndAKnownIdentity) {
  const std::string path =
      "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com";
  auto result = client_->Get(path);
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(body_of(result)["error_description"], "Required metadata header not specified");
  result = client_->Get(path, {{"Metadata", "true"}});
  ASSERT_EQ(result->status, 200);
  EXPECT_EQ(body_of(result)["resource"], "https://management.azure.com");
  EXPECT_FALSE(body_of(result)["expires_on"].get<std::string>().empty());

  result = client_->Get(path + "&client_id=44444444-4444-4444-4444-444444444444", {{"Metadata", "true"}});
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(body_of(result)["client_id"], "44444444-4444-4444-4444-444444444444");
  result = client_->Get(path + "&client_id=55555555-5555-5555-5555-555555555555", {{"Metadata", "true"}});
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(body_of(result)["error_description"], "Identity not found");
}

// ---------------------------------------------------------------------------------------------
// ARM: authentication, errors, seeded resources

class FakeAzureArm : public FakeAzureTest {};

TEST_F(FakeAzureArm, RequiresABearerTokenItIssued) {
  auto result = client_->Get("/subscriptions?api-version=2019-11-01");
  ASSERT_EQ(result->status, 401);
  EXPECT_EQ(body_of(result)["error"]["code"], "AuthenticationFailed");
  EXPECT_NE(result->get_header_value("WWW-Authenticate").find("authorization_uri="), std::string::npos);
  EXPECT_FALSE(result->get_header_value("x-ms-request-id").empty());

  result = client_->Get("/subscriptions?api-version=2019-11-01", {{"Authorization", "Bearer not.a.token"}});
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(body_of(result)["error"]["code"], "InvalidAuthenticationToken");

  const std::string foreign =
      azureml::fakes::make_unsigned_jwt({{"aud", "https://management.azure.com"}, {"exp", 4102444800}});
  result = client_->Get("/subscriptions?api-version=2019-11-01", {{"Authorization", "Bearer " + foreign}});
  EXPECT_EQ(result->status, 401);

  const std::string graph = azure_.issue_token("https://graph.microsoft.com").access_token;
  result = client_->Get("/subscriptions?api-version=2019-11-01", {{"Authorization", "Bearer " + graph}});
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(body_of(result)["error"]["code"], "InvalidAuthenticationTokenAudience");

  EXPECT_EQ(arm_get("/subscriptions", "2019-11-01")->status, 200);
}

TEST(FakeAzureArmClock, TokensExpireWithTheClock) {
  azureml::FakeClock clock;
  FakeAzure azure({.clock = &clock});
  azure.add_subscription(kSub);
  azure.start();
  httplib::Client client(azure.base_url());
  const std::string token = azure.issue_token().access_token;
  const httplib::Headers headers = {{"Authorization", "Bearer " + token}};
  EXPECT_EQ(client.Get("/subscriptions?api-version=2019-11-01", headers)->status, 200);
  clock.advance(std::chrono::seconds(3600));
  const auto result = client.Get("/subscriptions?api-version=2019-11-01", headers);
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(body_of(result)["error"]["code"], "ExpiredAuthenticationToken");
}

TEST_F(FakeAzureArm, NeedsAnApiVersion) {
  const auto result = client_->Get(kCluster, auth());
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(body_of(result)["error"]["code"], "MissingApiVersionParameter");
}

TEST_F(FakeAzureArm, AnswersNotFoundAsArmDoes) {
  auto result = arm_get(kGroup + "/providers/Microsoft.Kubernetes/connectedClusters/nope", "2021-10-01");
  ASSERT_EQ(result->status, 404);
  EXPECT_EQ(body_of(result)["error"]["code"], "ResourceNotFound");
  EXPECT_EQ(body_of(result)["error"]["message"],
            "The Resource 'Microsoft.Kubernetes/connectedClusters/nope' under resource group 'rg1' was not found. "
            "For more details please go to https://aka.ms/ARMResourceNotFoundFix");
  EXPECT_FALSE(result->get_header_value("x-ms-request-id").empty());

  result = arm_get("/subscriptions/" + kSub + "/resourceGroups/rg9/providers/Microsoft.Kubernetes/connectedClusters/c");
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(body_of(result)["error"]["code"], "ResourceGroupNotFound");
  EXPECT_EQ(body_of(result)["error"]["message"], "Resource group 'rg9' could not be found.");

  result = arm_get("/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups/rg1");
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(body_of(result)["error"]["code"], "SubscriptionNotFound");

  result = arm_get(kWorkspace + "/computes/missing", "2025-06-01");
  EXPECT_EQ(result->status, 404);
  result = arm_get(kWorkspace + "/frobnicate", "2025-06-01");
  EXPECT_EQ(result->status, 404);
}

TEST_F(FakeAzureArm, ServesSeededClustersAndWorkspacesCaseInsensitively) {
  auto result = arm_get(kCluster, "2021-10-01");
  ASSERT_EQ(result->status, 200);
  json body = body_of(result);
  EXPECT_EQ(body["id"], kCluster);
  EXPECT_EQ(body["location"], "eastus");
  EXPECT_EQ(body["properties"]["totalNodeCount"], 1);
  EXPECT_EQ(body["properties"]["distribution"], "generic");

  result = arm_get(azureml::fakes::to_lower(kAks), "2022-11-01");
  ASSERT_EQ(result->status, 200);
  EXPECT_EQ(body_of(result)["properties"]["agentPoolProfiles"][0]["count"], 4);

  result = arm_get(
      "/SUBSCRIPTIONS/" + kSub + "/RESOURCEGROUPS/RG1/providers/microsoft.machinelearningservices/WORKSPACES/WS1",
      "2025-06-01");
  ASSERT_EQ(result->status, 200);
  EXPECT_EQ(body_of(result)["location"], "westeurope");

  result = arm_get(kGroup + "/providers/Microsoft.Kubernetes/connectedClusters", "2021-10-01");
  ASSERT_EQ(result->status, 200);
  EXPECT_EQ(body_of(result)["value"].size(), 1u);
}

TEST_F(FakeAzureArm, ListsLocksUsagesQuotasAndProviders) {
  azure_.add_lock(kGroup, "no-delete", "CanNotDelete", "keep");
  azure_.add_usage(kSub, "eastus",
                   {.name = "standardNCFamily",
                    .localized_name = "Standard NC Family Cluster Dedicated vCPUs",
                    .current_value = 6,
                    .limit = 24});
  azure_.add_quota(
      kSub, "eastus",
      {.name = "standardNCFamily", .limit = 24, .type = "Microsoft.MachineLearningServices/vmFamily/quotas"});

  auto result = arm_get(kGroup + "/providers/Microsoft.Authorization/locks", "2020-05-01");
  ASSERT_EQ(result->status, 200);
  ASSERT_EQ(body_of(result)["value"].size(), 1u);
  EXPECT_EQ(body_of(result)["value"][0]["properties"]["level"], "CanNotDelete");
  EXPECT_EQ(
      body_of(arm_get("/subscriptions/" + kSub + "/providers/Microsoft.Authorization/locks", "2020-05-01"))["value"]
          .size(),
      1u);

  const std::string location =
      "/subscriptions/" + kSub + "/providers/Microsoft.MachineLearningServices/locations/eastus";
  result = arm_get(location + "/usages", "2025-06-01");
  ASSERT_EQ(result->status, 200);
  EXPECT_EQ(body_of(result)["value"][0]["currentValue"], 6);
  EXPECT_EQ(body_of(result)["value"][0]["limit"], 24);
  EXPECT_EQ(body_of(result)["value"][0]["name"]["value"], "standardNCFamily");
  result = arm_get(location + "/quotas", "2025-06-01");
  EXPECT_EQ(body_of(result)["value"][0]["type"], "Microsoft.MachineLearningServices/vmFamily/quotas");

  result = arm_get("/subscriptions/" + kSub + "/providers/Microsoft.KubernetesConfiguration", "2022-09-01");
  EXPECT_EQ(body_of(result)["registrationState"], "Registered");
}

TEST_F(FakeAzureArm, LocksAndRegistrationBlockWrites) {
  azure_.add_lock(kGroup, "frozen", "ReadOnly");
  auto result = arm_put(kExtension, {{"properties", {{"extensionType", "microsoft.azureml.kubernetes"}}}});
  ASSERT_EQ(result->status, 409);
  EXPECT_EQ(body_of(result)["error"]["code"], "ScopeLocked");
  EXPECT_EQ(arm_get(kCluster, "2021-10-01")->status, 200);  // reads still work

  FakeAzure other;
  other.add_connected_cluster({.subscription = kSub, .resource_group = "rg1", .name = "cluster1"});
  other.set_provider_registration(kSub, "Microsoft.KubernetesConfiguration", "NotRegistered");
  other.start();
  httplib::Client client(other.base_url());
  const httplib::Headers headers = {{"Authorization", "Bearer " + other.issue_token().access_token}};
  result = client.Put(kExtension + "?api-version=2023-05-01", headers,
                      R"({"properties":{"extensionType":"microsoft.azureml.kubernetes"}})", "application/json");
  ASSERT_EQ(result->status, 409);
  EXPECT_EQ(body_of(result)["error"]["code"], "MissingSubscriptionRegistration");
  result = client.Post(
      "/subscriptions/" + kSub + "/providers/Microsoft.KubernetesConfiguration/register?api-version=2022-09-01",
      headers, "", "application/json");
  EXPECT_EQ(body_of(result)["registrationState"], "Registered");
  result = client.Put(kExtension + "?api-version=2023-05-01", headers,
                      R"({"properties":{"extensionType":"microsoft.azureml.kubernetes"}})", "application/json");
  EXPECT_EQ(result->status, 201);
}

// ---------------------------------------------------------------------------------------------
// Long-running operations

class FakeAzureLro : public FakeAzureTest {
 protected:
  FakeAzureLro() : FakeAzureTest({.lro_polls = 3}) {}
};

json kubernetes_compute() {
  return {{"location", "westeurope"},
          {"properties",
           {{"computeType", "Kubernetes"},
            {"resourceId", kCluster},
            {"properties",
             {{"namespace", "azureml"},
              {"defaultInstanceType", "small"},
              {"instanceTypes", {{"small", {{"resources", {{"requests", {{"cpu", "1"}, {"memory", "4Gi"}}}}}}}}}}}}}};
}

TEST_F(FakeAzureLro, KubernetesComputeAttachSucceedsOnTheThirdPoll) {
  const std::string compute = kWorkspace + "/computes/k8s";
  auto result = arm_put(compute, kubernetes_compute(), "2025-06-01");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 201) << result->body;
  json body = body_of(result);
  EXPECT_EQ(body["properties"]["provisioningState"], "Creating");
  EXPECT_EQ(body["properties"]["properties"]["namespace"], "azureml");
  EXPECT_EQ(body["properties"]["isAttachedCompute"], true);
  EXPECT_EQ(body["location"], "westeurope");
  const std::string operation = result->get_header_value("Azure-AsyncOperation");
  ASSERT_FALSE(operation.empty());
  EXPECT_NE(operation.find("api-version=2025-06-01"), std::string::npos);
  EXPECT_EQ(result->get_header_value("Retry-After"), "0");

  EXPECT_EQ(body_of(follow(operation))["status"], "InProgress");
  EXPECT_EQ(body_of(follow(operation))["status"], "InProgress");
  EXPECT_EQ(body_of(follow(operation))["status"], "Succeeded");
  EXPECT_EQ(body_of(follow(operation))["status"], "Succeeded");  // stays done

  body = body_of(arm_get(compute, "2025-06-01"));
  EXPECT_EQ(body["properties"]["provisioningState"], "Succeeded");
  EXPECT_EQ(body["properties"]["computeLocation"], "westeurope");
  const json list = body_of(arm_get(kWorkspace + "/computes", "2025-06-01"));
  ASSERT_EQ(list["value"].size(), 1u);
  EXPECT_EQ(list["value"][0]["name"], "k8s");

  result = arm_put(compute, kubernetes_compute(), "2025-06-01");  // again: an update, 200
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(body_of(result)["properties"]["provisioningState"], "Updating");
}

TEST_F(FakeAzureLro, ComputeRejectsMissingClusterAndTypeChanges) {
  json body = kubernetes_compute();
  body["properties"]["resourceId"] = kGroup + "/providers/Microsoft.Kubernetes/connectedClusters/ghost";
  EXPECT_EQ(arm_put(kWorkspace + "/computes/k8s", body, "2025-06-01")->status, 400);
  body = kubernetes_compute();
  body["properties"].erase("computeType");
  EXPECT_EQ(arm_put(kWorkspace + "/computes/k8s", body, "2025-06-01")->status, 400);
  const auto result = arm_put(kGroup + "/providers/Microsoft.MachineLearningServices/workspaces/nows/computes/k8s",
                              kubernetes_compute(), "2025-06-01");
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(body_of(result)["error"]["code"], "ParentResourceNotFound");
  EXPECT_EQ(client_->Put(kWorkspace + "/computes/k8s?api-version=2025-06-01", auth(), "{not json", "application/json")
                ->status,
            400);
}

TEST_F(FakeAzureLro, FailedOutcomeCarriesProvisioningErrors) {
  azure_.set_operation_outcome("PUT", "computes/broken$",
                               {.status = "Failed",
                                .error_code = "ExtensionNotInstalled",
                                .error_message = "The AzureML extension is not installed.",
                                .polls = 1});
  const std::string compute = kWorkspace + "/computes/broken";
  const auto result = arm_put(compute, kubernetes_compute(), "2025-06-01");
  ASSERT_EQ(result->status, 201);
  const json status = body_of(follow(result->get_header_value("Azure-AsyncOperation")));
  EXPECT_EQ(status["status"], "Failed");
  EXPECT_EQ(status["error"]["code"], "ExtensionNotInstalled");
  const json body = body_of(arm_get(compute, "2025-06-01"));
  EXPECT_EQ(body["properties"]["provisioningState"], "Failed");
  EXPECT_EQ(body["properties"]["provisioningErrors"][0]["error"]["code"], "ExtensionNotInstalled");
}

TEST_F(FakeAzureLro, AmlComputeCreateChecksScaleSettingsAndAssignsIdentity) {
  const std::string compute = kWorkspace + "/computes/cpu";
  json body = {{"location", "westeurope"},
               {"identity", {{"type", "SystemAssigned"}}},
               {"properties",
                {{"computeType", "AmlCompute"},
                 {"properties", {{"vmSize", "STANDARD_D2_V2"}, {"scaleSettings", {{"minNodeCount", 0}}}}}}}};
  auto result = arm_put(compute, body, "2025-06-01");
  EXPECT_EQ(result->status, 400);
  EXPECT_NE(body_of(result)["error"]["message"].get<std::string>().find("maxNodeCount"), std::string::npos);

  body["properties"]["properties"]["scaleSettings"]["maxNodeCount"] = 4;
  result = arm_put(compute, body, "2025-06-01");
  ASSERT_EQ(result->status, 201) << result->body;
  const json created = body_of(result);
  EXPECT_EQ(created["identity"]["type"], "SystemAssigned");
  EXPECT_FALSE(created["identity"]["principalId"].get<std::string>().empty());
  EXPECT_EQ(created["properties"]["properties"]["vmPriority"], "Dedicated");
  EXPECT_EQ(created["properties"]["isAttachedCompute"], false);
}

TEST_F(FakeAzureLro, ComputeDeleteNeedsUnderlyingResourceAction) {
  const std::string compute = kWorkspace + "/computes/k8s";
  azure_.set_operation_outcome("", "computes/k8s$", {.polls = 0});
  ASSERT_EQ(arm_put(compute, kubernetes_compute(), "2025-06-01")->status, 201);

  auto result = arm_delete(compute + "?api-version=2025-06-01");
  ASSERT_EQ(result->status, 400);
  EXPECT_NE(body_of(result)["error"]["message"].get<std::string>().find("underlyingResourceAction"), std::string::npos);
  EXPECT_EQ(arm_delete(compute + "?api-version=2025-06-01&underlyingResourceAction=Remove")->status, 400);

  azure_.clear_operation_outcomes();
  result = arm_delete(compute + "?api-version=2025-06-01&underlyingResourceAction=Detach");
  ASSERT_EQ(result->status, 202);
  const std::string location = result->get_header_value("Location");
  EXPECT_FALSE(result->get_header_value("Azure-AsyncOperation").empty());
  ASSERT_FALSE(location.empty());
  EXPECT_EQ(body_of(arm_get(compute, "2025-06-01"))["properties"]["provisioningState"], "Deleting");  // poll 1
  EXPECT_EQ(follow(location)->status, 202);                                                           // poll 2
  EXPECT_EQ(follow(location)->status, 204);                                                           // poll 3: gone
  EXPECT_EQ(arm_get(compute, "2025-06-01")->status, 404);
  EXPECT_EQ(arm_delete(compute + "?api-version=2025-06-01&underlyingResourceAction=Detach")->status, 204);
}

json extension_body() {
  return {
      {"identity", {{"type", "SystemAssigned"}}},
      {"properties",
       {{"extensionType", "microsoft.azureml.kubernetes"},
        {"releaseTrain", "stable"},
        {"scope", {{"cluster", {{"releaseNamespace", "azureml"}}}}},
        {"configurationSettings", {{"enableTraining", "True"}, {"enableInference", "False"}}},
        {"configurationProtectedSettings", {{"relayServerConnectionString", "Endpoint=sb://x/;SharedAccessKey=k"}}}}}};
}

TEST_F(FakeAzureLro, ExtensionPutAndDeleteRunAsOperations) {
  auto result = arm_put(kExtension, extension_body());
  ASSERT_EQ(result->status, 201) << result->body;
  const std::string operation = result->get_header_value("Azure-AsyncOperation");
  EXPECT_NE(operation.find("/extensions/azureml/operations/"), std::string::npos);
  EXPECT_EQ(result->get_header_value("Retry-After"), "0");
  json body = body_of(result);
  EXPECT_EQ(body["properties"]["provisioningState"], "Creating");
  // x-ms-secret: the keys are named, the values never read back.
  EXPECT_EQ(body["properties"]["configurationProtectedSettings"], (json{{"relayServerConnectionString", ""}}));
  EXPECT_FALSE(body["identity"]["principalId"].get<std::string>().empty());

  for (const char* expected : {"InProgress", "InProgress", "Succeeded"}) {
    EXPECT_EQ(body_of(follow(operation))["status"], expected);
  }
  body = body_of(arm_get(kExtension));
  EXPECT_EQ(body["properties"]["provisioningState"], "Succeeded");
  EXPECT_EQ(body["properties"]["configurationSettings"]["enableTraining"], "True");
  EXPECT_EQ(body_of(arm_get(kCluster + "/providers/Microsoft.KubernetesConfiguration/extensions"))["value"].size(), 1u);

  result = arm_delete(kExtension + "?api-version=2023-05-01&forceDelete=false");
  ASSERT_EQ(result->status, 202);
  EXPECT_FALSE(result->get_header_value("Location").empty());
  const std::string deletion = result->get_header_value("Azure-AsyncOperation");
  for (const char* expected : {"InProgress", "InProgress", "Succeeded"}) {
    EXPECT_EQ(body_of(follow(deletion))["status"], expected);
  }
  result = arm_get(kExtension);
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(body_of(result)["error"]["code"], "ResourceNotFound");
  EXPECT_EQ(arm_delete(kExtension + "?api-version=2023-05-01&forceDelete=false")->status, 204);
}

TEST_F(FakeAzureLro, ExtensionChecksItsBodyAndCluster) {
  json body = extension_body();
  body["properties"]["configurationSettings"]["enableTraining"] = true;  // a JSON boolean, not "true"
  auto result = arm_put(kExtension, body);
  EXPECT_EQ(result->status, 400);
  EXPECT_NE(body_of(result)["error"]["message"].get<std::string>().find("enableTraining"), std::string::npos);
  result = arm_put(kGroup +
                       "/providers/Microsoft.Kubernetes/connectedClusters/ghost/providers/"
                       "Microsoft.KubernetesConfiguration/extensions/azureml",
                   extension_body());
  EXPECT_EQ(result->status, 404);

  ASSERT_EQ(arm_put(kExtension, extension_body())->status, 201);
  EXPECT_EQ(arm_delete(kExtension + "?api-version=2023-05-01&forceDelete=true")->status, 200);
  EXPECT_EQ(arm_get(kExtension)->status, 404);
}

TEST_F(FakeAzureLro, SeededExtensionsAreUpdatedInPlace) {
  azure_.add_extension({.cluster_id = kCluster, .configuration_settings = {{"enableTraining", "True"}}});
  EXPECT_EQ(body_of(arm_get(kExtension))["properties"]["provisioningState"], "Succeeded");
  auto result = arm_put(kExtension, extension_body());
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(body_of(result)["properties"]["provisioningState"], "Updating");

  // The spec types setting values as strings: a null is refused, not a removal.
  result = client_->Patch(kExtension + "?api-version=2023-05-01", auth(),
                          R"({"properties":{"configurationSettings":{"enableTraining":null}}})", "application/json");
  EXPECT_EQ(result->status, 400) << result->body;

  // Settings merge key by key; protected settings left out are kept.
  result = client_->Patch(kExtension + "?api-version=2023-05-01", auth(),
                          R"({"properties":{"configurationSettings":{"enableInference":"True"}}})", "application/json");
  ASSERT_EQ(result->status, 202) << result->body;
  EXPECT_FALSE(result->get_header_value("Azure-AsyncOperation").empty());
  json properties = body_of(result)["properties"];
  EXPECT_EQ(properties["configurationSettings"]["enableInference"], "True");
  EXPECT_EQ(properties["configurationSettings"]["enableTraining"], "True");
  EXPECT_EQ(properties["configurationProtectedSettings"], (json{{"relayServerConnectionString", ""}}));

  // Protected settings sent are replaced whole.
  result = client_->Patch(kExtension + "?api-version=2023-05-01", auth(),
                          R"({"properties":{"configurationProtectedSettings":{"other":"s"}}})", "application/json");
  ASSERT_EQ(result->status, 202) << result->body;
  EXPECT_EQ(body_of(result)["properties"]["configurationProtectedSettings"], (json{{"other", ""}}));
}

TEST(FakeAzureExtension, ProtectedNamesCanBeLeftOutAsTheSpecExampleDoes) {
  FakeAzure azure({.extension_protected_names = false});
  const std::string cluster = azure.add_connected_cluster({.subscription = "s", .resource_group = "rg", .name = "c"});
  const std::string id = azure.add_extension({.cluster_id = cluster, .protected_names = {"k"}});
  EXPECT_FALSE((*azure.resource(id))["properties"].contains("configurationProtectedSettings"));
}

TEST_F(FakeAzureLro, RelayFlowMatchesWhatAzSends) {
  const std::string ns = kGroup + "/providers/Microsoft.Relay/namespaces/cluster1relay";
  const std::string hc = ns + "/hybridConnections/cluster1";
  const std::string rule = hc + "/authorizationRules/azureml_rw";
  EXPECT_EQ(arm_get(hc, "2017-04-01")->status, 404);

  auto result = arm_put(ns, {{"location", "eastus"}, {"tags", {{"created_by", "Azure Arc-enabled ML"}}}}, "2017-04-01");
  ASSERT_EQ(result->status, 201) << result->body;
  const std::string operation = result->get_header_value("Azure-AsyncOperation");
  for (const char* expected : {"InProgress", "InProgress", "Succeeded"}) {
    EXPECT_EQ(body_of(follow(operation))["status"], expected);
  }
  EXPECT_EQ(body_of(arm_get(ns, "2017-04-01"))["properties"]["provisioningState"], "Succeeded");

  result = arm_put(hc, {{"properties", {{"requiresClientAuthorization", true}}}}, "2017-04-01");
  EXPECT_EQ(result->status, 200);  // 200 even when new: az rejects 201 here
  result = arm_put(rule, {{"properties", {{"rights", {"Manage", "Send", "Listen"}}}}}, "2017-04-01");
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(arm_put(rule, {{"properties", {{"rights", {"Everything"}}}}}, "2017-04-01")->status, 400);

  result = client_->Post(rule + "/listKeys?api-version=2017-04-01", auth(), "", "application/json");
  ASSERT_EQ(result->status, 200);
  const json keys = body_of(result);
  const std::string connection = keys["primaryConnectionString"];
  EXPECT_TRUE(
      connection.starts_with("Endpoint=sb://cluster1relay.servicebus.windows.net/;SharedAccessKeyName=azureml_rw;"
                             "SharedAccessKey="));
  EXPECT_TRUE(connection.ends_with(";EntityPath=cluster1"));
  EXPECT_EQ(
      body_of(client_->Post(rule + "/listKeys?api-version=2017-04-01", auth(), "", "application/json"))["primaryKey"],
      keys["primaryKey"]);

  EXPECT_EQ(arm_put(ns + "/hybridConnections/other/authorizationRules/r", {{"properties", {{"rights", {"Listen"}}}}},
                    "2017-04-01")
                ->status,
            404);
}

TEST_F(FakeAzureLro, ServiceBusNamespaceTopicsAndSubscriptions) {
  const std::string ns = kGroup + "/providers/Microsoft.ServiceBus/namespaces/bus1";
  azure_.set_operation_outcome("PUT", "namespaces/bus1$", {.polls = 0});
  auto result =
      arm_put(ns, {{"location", "eastus"}, {"sku", {{"name", "Standard"}, {"tier", "Standard"}}}}, "2021-11-01");
  ASSERT_EQ(result->status, 201);
  EXPECT_EQ(body_of(result)["properties"]["provisioningState"], "Succeeded");  // 0 polls: done at once
  const std::string topic = ns + "/topics/computestate-updatedby-computeprovider";
  EXPECT_EQ(arm_put(topic, {{"properties", {{"maxSizeInMegabytes", 5120}}}}, "2021-11-01")->status, 200);
  result = arm_put(topic + "/subscriptions/compute-scheduler-computestate", {{"properties", {{"maxDeliveryCount", 1}}}},
                   "2021-11-01");
  ASSERT_EQ(result->status, 200);
  EXPECT_EQ(body_of(result)["properties"]["maxDeliveryCount"], 1);
  EXPECT_EQ(body_of(arm_get(topic, "2021-11-01"))["properties"]["maxSizeInMegabytes"], 5120);
  EXPECT_EQ(body_of(arm_get(ns + "/authorizationRules", "2021-11-01"))["value"][0]["name"],
            "RootManageSharedAccessKey");
  result = client_->Post(ns + "/authorizationRules/RootManageSharedAccessKey/listKeys?api-version=2021-11-01", auth(),
                         "", "application/json");
  ASSERT_EQ(result->status, 200);
  EXPECT_EQ(body_of(result)["primaryConnectionString"].get<std::string>().find("EntityPath"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Faults

class FakeAzureFaults : public FakeAzureTest {};

TEST_F(FakeAzureFaults, ThrottlesWithRetryAfterThenRecovers) {
  azure_.add_fault(Fault::throttle("GET", "/connectedClusters/", 7));
  auto result = arm_get(kCluster, "2021-10-01");
  ASSERT_EQ(result->status, 429);
  EXPECT_EQ(result->get_header_value("Retry-After"), "7");
  EXPECT_EQ(body_of(result)["error"]["code"], "TooManyRequests");
  EXPECT_FALSE(result->get_header_value("x-ms-request-id").empty());
  EXPECT_EQ(arm_get(kCluster, "2021-10-01")->status, 200);
  EXPECT_EQ(azure_.faults_fired(), 1u);
}

TEST(FakeAzureTokenBucket, SpendsTheBurstThenAdmitsAtTheRefillRate) {
  using azureml::fakes::TokenBucket;
  const auto t0 = TokenBucket::Clock::time_point{} + std::chrono::hours(1);
  TokenBucket bucket({.capacity = 3, .refill_per_second = 10}, t0);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(bucket.take(t0)) << i;
  const auto wait = bucket.take(t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, std::chrono::milliseconds(100));  // one token every 1/10 s
  EXPECT_TRUE(bucket.take(t0 + std::chrono::milliseconds(50)));
  EXPECT_FALSE(bucket.take(t0 + std::chrono::milliseconds(100)));
  EXPECT_NEAR(bucket.tokens(t0 + std::chrono::seconds(60)), 3.0, 1e-9);  // never above capacity
}

TEST(FakeAzureTokenBucket, EachKindOfRequestHasItsOwnBucket) {
  using azureml::fakes::RateLimiter;
  const auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  RateLimiter limiter({.reads = std::nullopt, .writes = {{1, 1}}, .deletes = {{1, 1}}}, t0);
  EXPECT_FALSE(limiter.admit("PUT", t0).wait);
  const auto second = limiter.admit("PATCH", t0);
  ASSERT_TRUE(second.wait);
  EXPECT_STREQ(second.header, "x-ms-ratelimit-remaining-subscription-writes");
  EXPECT_FALSE(limiter.admit("DELETE", t0).wait);
  EXPECT_TRUE(limiter.admit("DELETE", t0).wait);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(limiter.admit("GET", t0).wait);  // reads: no limit
  EXPECT_EQ(limiter.admit("GET", t0).remaining, -1);
  EXPECT_EQ(limiter.throttled(), 2);
}

class FakeAzureRateLimits : public FakeAzureTest {
 protected:
  FakeAzureRateLimits()
      : FakeAzureTest({.rate_limits = {.reads = {{2, 0.001}}, .writes = {{1, 0.001}}, .deletes = std::nullopt}}) {}
};

TEST_F(FakeAzureRateLimits, AnEmptyBucketAnswers429WithRetryAfterAndProcessesNothing) {
  auto first = arm_get(kCluster, "2021-10-01");
  ASSERT_EQ(first->status, 200);
  EXPECT_EQ(first->get_header_value("x-ms-ratelimit-remaining-subscription-reads"), "1");
  ASSERT_EQ(arm_get(kCluster, "2021-10-01")->status, 200);
  auto throttled = arm_get(kCluster, "2021-10-01");
  ASSERT_EQ(throttled->status, 429);
  EXPECT_EQ(body_of(throttled)["error"]["code"], "TooManyRequests");
  EXPECT_GE(std::stoi(throttled->get_header_value("Retry-After")), 1);

  const std::string group = kGroup + "/providers/Microsoft.Kubernetes/connectedClusters/";
  const json cluster = {{"location", "eastus"},
                        {"identity", {{"type", "SystemAssigned"}}},
                        {"properties", {{"agentPublicKeyCertificate", ""}}}};
  EXPECT_NE(arm_put(group + "made1", cluster, "2021-10-01")->status, 429);
  ASSERT_EQ(arm_put(group + "made2", cluster, "2021-10-01")->status, 429);
  EXPECT_FALSE(azure_.resource(group + "made2"));  // refused requests are not processed
  EXPECT_EQ(azure_.throttled(), 2);
  // Token endpoints are not ARM's and are never throttled.
  EXPECT_FALSE(azure_.issue_token().access_token.empty());
}

TEST_F(FakeAzureFaults, ServerErrorsBySkipAndCount) {
  Fault fault = Fault::server_error(500, "GET", "workspaces/ws1$");
  fault.skip = 1;
  fault.times = 2;
  azure_.add_fault(fault);
  azure_.add_fault(Fault::server_error(503, "PUT", ""));
  EXPECT_EQ(arm_get(kWorkspace)->status, 200);
  EXPECT_EQ(arm_get(kWorkspace)->status, 500);
  EXPECT_EQ(body_of(arm_get(kWorkspace))["error"]["code"], "InternalServerError");
  EXPECT_EQ(arm_get(kWorkspace)->status, 200);
  EXPECT_EQ(arm_get(kCluster)->status, 200);  // other routes are untouched
  EXPECT_EQ(arm_put(kExtension, extension_body())->status, 503);
  EXPECT_EQ(arm_put(kExtension, extension_body())->status, 201);
}

TEST_F(FakeAzureFaults, ResetsTheConnectionWithoutAResponse) {
  azure_.add_fault(Fault::reset("GET", "connectedClusters/cluster1$"));
  client_->set_keep_alive(true);
  EXPECT_EQ(arm_get(kWorkspace)->status, 200);
  const auto result = arm_get(kCluster, "2021-10-01");
  EXPECT_FALSE(result);
  EXPECT_EQ(result.error(), httplib::Error::Read);
  EXPECT_EQ(arm_get(kCluster, "2021-10-01")->status, 200);  // a new connection works
  const auto recorded = azure_.requests();
  ASSERT_EQ(recorded.size(), 3u);
  EXPECT_EQ(recorded[1].status, 0);
  EXPECT_EQ(recorded[2].status, 200);
}

TEST_F(FakeAzureFaults, SlowsResponses) {
  azure_.add_fault(Fault::slow(300, "GET", "workspaces"));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(arm_get(kWorkspace)->status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));

  azure_.add_fault(Fault::slow(2000, "GET", "workspaces"));
  client_->set_read_timeout(0, 200'000);
  const auto result = arm_get(kWorkspace);
  EXPECT_FALSE(result);  // the client gave up first
}

TEST_F(FakeAzureFaults, ALateAnswerComesAfterTheRequestWasActedOn) {
  const std::string compute = kWorkspace + "/computes/k8s";
  azure_.add_fault(Fault::late_answer(60'000, "PUT", "/computes/k8s$"));
  client_->set_read_timeout(0, 200'000);
  EXPECT_FALSE(arm_put(compute, kubernetes_compute(), "2025-06-01"));  // the client gave up first
  client_->set_read_timeout(5, 0);
  const auto stored = arm_get(compute, "2025-06-01");  // ... yet the compute was made
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, 200) << stored->body;
  EXPECT_EQ(azure_.faults_fired(), 1u);
}

TEST_F(FakeAzureFaults, SendsMalformedJson) {
  azure_.add_fault(Fault::malformed_json("GET", "workspaces"));
  const auto result = arm_get(kWorkspace);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_TRUE(json::parse(result->body, nullptr, false).is_discarded()) << result->body;
  EXPECT_TRUE(json::accept(arm_get(kWorkspace)->body));
}

TEST_F(FakeAzureFaults, ExpiresTokensMidOperation) {
  auto result = arm_put(kExtension, extension_body());
  ASSERT_EQ(result->status, 201);
  const std::string operation = result->get_header_value("Azure-AsyncOperation");
  azure_.add_fault(Fault::expire_tokens("GET", "/operations/"));
  result = follow(operation);
  ASSERT_EQ(result->status, 401);
  EXPECT_EQ(body_of(result)["error"]["code"], "ExpiredAuthenticationToken");
  EXPECT_EQ(follow(operation)->status, 401);  // that token stays expired

  const auto token = client_->Post(kTokenPath, secret_form("fakesecret"));
  token_ = body_of(token)["access_token"];
  EXPECT_EQ(body_of(follow(operation))["status"], "InProgress");  // the operation went on meanwhile
  EXPECT_EQ(body_of(follow(operation))["status"], "Succeeded");

  azure_.expire_tokens();
  EXPECT_EQ(arm_get(kCluster)->status, 401);
}

// ---------------------------------------------------------------------------------------------
// Recording and connections

class FakeAzureRecording : public FakeAzureTest {};

TEST_F(FakeAzureRecording, RecordsRequestsInOrderWithoutSecrets) {
  azure_.clear_requests();
  ASSERT_EQ(client_->Post(kTokenPath, secret_form("fakesecret"))->status, 200);
  ASSERT_EQ(client_
                ->Get("/msi/token?api-version=2019-08-01&resource=https://management.azure.com/",
                      {{"X-IDENTITY-HEADER", "fake-identity-header"}})
                ->status,
            200);
  ASSERT_EQ(client_
                ->Get(kCluster + "?api-version=2021-10-01",
                      {{"Authorization", "Bearer " + token_}, {"x-ms-client-request-id", "abc"}})
                ->status,
            200);

  const std::vector<RecordedRequest> recorded = azure_.requests();
  ASSERT_EQ(recorded.size(), 3u);
  EXPECT_EQ(recorded[0].method, "POST");
  EXPECT_EQ(recorded[0].path, kTokenPath);
  EXPECT_EQ(recorded[0].form.count("client_secret"), 0u);
  EXPECT_EQ(recorded[0].form.at("client_id"), kClientId);
  EXPECT_EQ(recorded[0].form.at("scope"), "https://management.azure.com/.default");
  EXPECT_EQ(recorded[0].body.find("fakesecret"), std::string::npos);
  EXPECT_EQ(recorded[0].status, 200);
  EXPECT_EQ(recorded[1].header("X-IDENTITY-HEADER"), "REDACTED");
  EXPECT_EQ(recorded[1].query_value("resource"), "https://management.azure.com/");
  EXPECT_EQ(recorded[2].header("authorization"), "REDACTED");
  EXPECT_EQ(recorded[2].header("x-ms-client-request-id"), "abc");
  EXPECT_EQ(recorded[2].query_value("api-version"), "2021-10-01");
  EXPECT_EQ(recorded[2].path, kCluster);
  for (const auto& request : recorded) {
    for (const auto& [name, value] : request.headers) EXPECT_EQ(value.find(token_), std::string::npos) << name;
  }

  azure_.clear_requests();
  EXPECT_TRUE(azure_.requests().empty());
}

TEST_F(FakeAzureRecording, CountsTcpConnections) {
  const std::size_t before = azure_.connections();
  httplib::Client reusing(azure_.base_url());
  reusing.set_keep_alive(true);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(reusing.Get(kWorkspace + "?api-version=2025-06-01", auth())->status, 200);
  EXPECT_EQ(azure_.connections(), before + 1);

  httplib::Client closing(azure_.base_url());  // httplib closes after each request by default
  for (int i = 0; i < 3; ++i) ASSERT_EQ(closing.Get(kWorkspace + "?api-version=2025-06-01", auth())->status, 200);
  EXPECT_EQ(azure_.connections(), before + 4);
}

// ---------------------------------------------------------------------------------------------
// HTTPS

TEST(FakeAzureHttps, ServesWithTheGeneratedCa) {
  FakeAzure azure({.https = true});
  azure.add_workspace({.subscription = kSub, .resource_group = "rg1", .name = "ws1"});
  azure.start();
  ASSERT_TRUE(azure.base_url().starts_with("https://127.0.0.1:"));
  ASSERT_TRUE(std::filesystem::exists(azure.ca_file()));

  for (const std::string host : {"127.0.0.1", "localhost"}) {
    httplib::SSLClient client(host, azure.port());
    client.set_ca_cert_path(azure.ca_file().c_str());
    client.enable_server_certificate_verification(true);
    const auto token = client.Post(kTokenPath, secret_form("fakesecret"));
    ASSERT_TRUE(token) << host << ": " << httplib::to_string(token.error());
    ASSERT_EQ(token->status, 200);
    const auto result = client.Get(kWorkspace + "?api-version=2025-06-01",
                                   {{"Authorization", "Bearer " + body_of(token)["access_token"].get<std::string>()}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
  }
}

TEST(FakeAzureHttps, FailsVerificationAgainstAnotherCa) {
  FakeAzure azure({.https = true});
  azure.start();
  const azureml::fakes::TestCertificates other;
  httplib::SSLClient client("127.0.0.1", azure.port());
  client.set_ca_cert_path(other.ca_file().c_str());
  client.enable_server_certificate_verification(true);
  const auto result = client.Get("/adfs/.well-known/openid-configuration");
  EXPECT_FALSE(result);
  EXPECT_EQ(result.error(), httplib::Error::SSLServerVerification);
}

TEST(FakeAzureHttps, ResetsTlsConnectionsToo) {
  FakeAzure azure({.https = true});
  azure.start();
  azure.add_fault(Fault::reset("", "openid-configuration"));
  httplib::SSLClient client("127.0.0.1", azure.port());
  client.set_ca_cert_path(azure.ca_file().c_str());
  client.enable_server_certificate_verification(true);
  EXPECT_FALSE(client.Get("/adfs/.well-known/openid-configuration"));
  EXPECT_EQ(client.Get("/adfs/.well-known/openid-configuration")->status, 200);
}

TEST(FakeAzureCertificates, RemovesItsFilesWhenDestroyed) {
  std::string directory;
  {
    const azureml::fakes::TestCertificates certificates;
    directory = certificates.directory();
    EXPECT_TRUE(std::filesystem::exists(certificates.certificate_file()));
    EXPECT_TRUE(std::filesystem::exists(certificates.key_file()));
  }
  EXPECT_FALSE(std::filesystem::exists(directory));
}

// ---------------------------------------------------------------------------------------------
// The standalone binary

struct Child {
  pid_t pid = -1;
  std::string first_line;
};

// Starts bin/fake-azure with `arguments` and reads the line it prints when ready.
Child start_fake_azure(const std::vector<std::string>& arguments) {
  const std::string binary = (std::filesystem::path(AZUREML_BINARY).parent_path() / "fake-azure").string();
  if (!std::filesystem::exists(binary)) {
    ADD_FAILURE() << binary << " is missing: build the fake-azure target";
    return {};
  }
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  std::vector<char*> argv = {const_cast<char*>(binary.c_str())};
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  Child child;
  const int spawned = posix_spawn(&child.pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawned != 0) {
    close(pipe_fds[0]);
    return {};
  }
  pollfd readable{pipe_fds[0], POLLIN, 0};
  char c = 0;
  while (poll(&readable, 1, 10'000) > 0 && read(pipe_fds[0], &c, 1) == 1 && c != '\n') child.first_line += c;
  close(pipe_fds[0]);
  return child;
}

int stop_child(const Child& child) {
  kill(child.pid, SIGTERM);
  int status = 0;
  waitpid(child.pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(FakeAzureStandalone, PrintsItsPortServesAndStopsOnSigterm) {
  const Child child = start_fake_azure({"--port", "0"});
  ASSERT_GT(child.pid, 0);
  const json ready = json::parse(child.first_line, nullptr, false);
  ASSERT_TRUE(ready.is_object()) << child.first_line;
  EXPECT_EQ(child.first_line.find("{\"port\":"), 0u) << child.first_line;
  const int port = ready["port"];
  EXPECT_GT(port, 0);
  EXPECT_EQ(ready["url"], "http://127.0.0.1:" + std::to_string(port));
  EXPECT_EQ(ready["caFile"], "");

  httplib::Client client("127.0.0.1", port);
  const auto result = client.Post(kTokenPath, secret_form("fakesecret"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);

  // Scripts read the recording over HTTP.
  const json recorded = body_of(client.Get("/_fake/requests"))["requests"];
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0]["path"], kTokenPath);
  EXPECT_EQ(recorded[0]["status"], 200);
  EXPECT_EQ(recorded[0]["form"]["client_id"], kClientId);
  EXPECT_FALSE(recorded[0]["form"].contains("client_secret"));
  EXPECT_EQ(client.Delete("/_fake/requests")->status, 204);
  EXPECT_TRUE(body_of(client.Get("/_fake/requests"))["requests"].empty());
  EXPECT_EQ(stop_child(child), 0);
}

TEST(FakeAzureStandalone, ServesHttpsFromASeedFile) {
  const std::string seed_path =
      (std::filesystem::temp_directory_path() / ("fake-azure-seed-" + std::to_string(getpid()) + ".json")).string();
  std::ofstream(seed_path) << json{
      {"options", {{"clientSecret", "seeded-secret"}}},
      {"workspaces", {{{"subscription", kSub}, {"resourceGroup", "rg1"}, {"name", "ws1"}, {"location", "northeurope"}}}},
  }.dump();
  const Child child = start_fake_azure({"--https", "--port", "0", "--seed", seed_path});
  std::filesystem::remove(seed_path);
  ASSERT_GT(child.pid, 0);
  const json ready = json::parse(child.first_line, nullptr, false);
  ASSERT_TRUE(ready.is_object()) << child.first_line;
  const std::string ca_file = ready["caFile"];
  ASSERT_TRUE(std::filesystem::exists(ca_file));

  httplib::SSLClient client("127.0.0.1", ready["port"].get<int>());
  client.set_ca_cert_path(ca_file.c_str());
  client.enable_server_certificate_verification(true);
  EXPECT_EQ(client.Post(kTokenPath, secret_form("fakesecret"))->status, 401);
  const auto token = client.Post(kTokenPath, secret_form("seeded-secret"));
  ASSERT_TRUE(token);
  ASSERT_EQ(token->status, 200);
  const auto result = client.Get(kWorkspace + "?api-version=2025-06-01",
                                 {{"Authorization", "Bearer " + body_of(token)["access_token"].get<std::string>()}});
  ASSERT_TRUE(result);
  EXPECT_EQ(body_of(result)["location"], "northeurope");
  EXPECT_EQ(stop_child(child), 0);
  EXPECT_FALSE(std::filesystem::exists(ca_file));  // its certificates go with it
}

TEST(FakeAzureStandalone, RejectsBadArguments) {
  const Child child = start_fake_azure({"--port", "eighty"});
  ASSERT_GT(child.pid, 0);
  EXPECT_TRUE(child.first_line.empty());
  int status = 0;
  waitpid(child.pid, &status, 0);
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

}  // namespace
