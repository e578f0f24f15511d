// EnvironmentCredential: the exact token requests (secret and certificate), answers, and every
// failure path with its message.
#include "core/auth/environment_credential.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/auth/scripted_transport.h"
#include "tests/unit/auth/test_pki.h"

namespace azureml::auth {
namespace {

using test::decode_pairs;
using test::ScriptedTransport;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kEnvironmentScope = "https://management.azure.com/.default";
constexpr const char* kTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
constexpr const char* kClient = "0d5ad6d4-1111-2222-3333-444455556666";
constexpr const char* kSecret = "Sup3r~Secret&Value=+/";
constexpr const char* kTokenUrl =
    "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token";
constexpr const char* kOkBody =
    R"({"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"at-1"})";

MapEnvironment secret_environment() {
  MapEnvironment environment;
  environment.set("AZURE_TENANT_ID", kTenant);
  environment.set("AZURE_CLIENT_ID", kClient);
  environment.set("AZURE_CLIENT_SECRET", kSecret);
  return environment;
}

struct Fixture : ::testing::Test {
  ScriptedTransport transport;
  FakeClock clock;
};

using EnvironmentCredentialSecret = Fixture;

TEST_F(EnvironmentCredentialSecret, SendsTheClientCredentialsGrant) {
  transport.reply(200, kOkBody);
  auto environment = secret_environment();
  EnvironmentCredential credential(environment, transport, clock);
  EXPECT_EQ(credential.name(), "EnvironmentCredential");
  const auto token = credential.get_token(kEnvironmentScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, "at-1");
  EXPECT_EQ(token->expires_on, clock.now() + std::chrono::seconds(3599));

  ASSERT_EQ(transport.requests.size(), 1u);
  const auto& request = transport.requests[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, kTokenUrl);
  EXPECT_EQ(http::find_header(request.headers, "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(decode_pairs(request.body), (std::map<std::string, std::string>{{"grant_type", "client_credentials"},
                                                                            {"client_id", kClient},
                                                                            {"client_secret", kSecret},
                                                                            {"scope", kEnvironmentScope}}));
  // Properly encoded: no raw '&', '=', '+' or '/' from the values.
  EXPECT_THAT(request.body, HasSubstr("client_secret=Sup3r~Secret%26Value%3D%2B%2F&"));
}

TEST_F(EnvironmentCredentialSecret, AuthorityHostOverrideWithOrWithoutTrailingSlash) {
  for (const char* host :
       {"https://login.microsoftonline.us", "https://login.microsoftonline.us/", "login.microsoftonline.us"}) {
    transport.reply(200, kOkBody);
    auto environment = secret_environment();
    environment.set("AZURE_AUTHORITY_HOST", host);
    EnvironmentCredential credential(environment, transport, clock);
    ASSERT_TRUE(credential.get_token(kEnvironmentScope).ok());
    EXPECT_EQ(transport.requests.back().url,
              std::string("https://login.microsoftonline.us/") + kTenant + "/oauth2/v2.0/token");
  }
  // The fakes run on loopback over plain HTTP.
  transport.reply(200, kOkBody);
  auto environment = secret_environment();
  environment.set("AZURE_AUTHORITY_HOST", "http://127.0.0.1:40123/");
  EnvironmentCredential credential(environment, transport, clock);
  ASSERT_TRUE(credential.get_token(kEnvironmentScope).ok());
  EXPECT_EQ(transport.requests.back().url, std::string("http://127.0.0.1:40123/") + kTenant + "/oauth2/v2.0/token");
}

TEST_F(EnvironmentCredentialSecret, UnavailableSaysWhichVariablesAreMissing) {
  struct Case {
    std::vector<std::string> set;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{}, "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) are not set"},
      {{"AZURE_TENANT_ID", "AZURE_CLIENT_ID"}, "AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH is not set"},
      {{"AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"}, "AZURE_TENANT_ID is not set"},
      {{"AZURE_TENANT_ID", "AZURE_CLIENT_SECRET"}, "AZURE_CLIENT_ID is not set"},
      {{"AZURE_CLIENT_SECRET"}, "AZURE_TENANT_ID and AZURE_CLIENT_ID are not set"},
      {{"AZURE_TENANT_ID"}, "AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) are not set"},
  };
  for (const auto& c : cases) {
    MapEnvironment environment;
    for (const auto& name : c.set) environment.set(name, name == "AZURE_CLIENT_SECRET" ? kSecret : "x");
    environment.set("AZURE_CLIENT_CERTIFICATE_PATH", "");  // empty counts as unset
    EnvironmentCredential credential(environment, transport, clock);
    const auto token = credential.get_token(kEnvironmentScope);
    ASSERT_FALSE(token.ok());
    EXPECT_TRUE(token.error().unavailable);
    EXPECT_EQ(token.error().credential, "EnvironmentCredential");
    EXPECT_EQ(token.error().message, c.message);
  }
  EXPECT_TRUE(transport.requests.empty());
}

TEST_F(EnvironmentCredentialSecret, WrongSecretFailsWithAadsTsCodeAndNoSecret) {
  // AAD never echoes the secret, but make sure that even if a server did, it would not show.
  transport.reply(
      401,
      std::string(
          R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app ')") +
          kClient + R"('. (got )" + kSecret +
          R"()\r\nTrace ID: 9\r\nCorrelation ID: c9\r\nTimestamp: 2027-01-15 08:00:00Z","error_codes":[7000215],"correlation_id":"c9"})");
  auto environment = secret_environment();
  EnvironmentCredential credential(environment, transport, clock);
  const auto token = credential.get_token(kEnvironmentScope);
  ASSERT_FALSE(token.ok());
  EXPECT_FALSE(token.error().unavailable);
  EXPECT_EQ(token.error().message,
            std::string("the token endpoint ") + kTokenUrl +
                " answered HTTP 401 (invalid_client): AADSTS7000215: Invalid client secret provided. Ensure the secret "
                "being sent in the request is the client secret value, not the client secret ID, for a secret added to "
                "app '" +
                kClient + "'. (got REDACTED) [correlation id c9]");
  EXPECT_THAT(token.error().message, Not(HasSubstr(kSecret)));
}

TEST_F(EnvironmentCredentialSecret, NetworkFailureIsAFailureNotUnavailability) {
  transport.fail_with(http::TransportError::Kind::timeout, "login.microsoftonline.com:443 timed out after 10 s");
  auto environment = secret_environment();
  EnvironmentCredential credential(environment, transport, clock);
  const auto token = credential.get_token(kEnvironmentScope);
  ASSERT_FALSE(token.ok());
  EXPECT_FALSE(token.error().unavailable);
  EXPECT_EQ(token.error().message, std::string("could not reach the token endpoint ") + kTokenUrl +
                                       ": login.microsoftonline.com:443 timed out after 10 s");
}

TEST_F(EnvironmentCredentialSecret, InvalidTenantAndAuthorityFailWithoutARequest) {
  auto environment = secret_environment();
  environment.set("AZURE_TENANT_ID", "a/../b");
  EnvironmentCredential bad_tenant(environment, transport, clock);
  EXPECT_EQ(bad_tenant.get_token(kEnvironmentScope).error().message,
            "AZURE_TENANT_ID 'a/../b' is not a valid tenant id (letters, digits, '.' and '-' only)");
  EXPECT_FALSE(bad_tenant.get_token(kEnvironmentScope).error().unavailable);

  environment = secret_environment();
  environment.set("AZURE_AUTHORITY_HOST", "http://login.example.com");
  EnvironmentCredential bad_authority(environment, transport, clock);
  EXPECT_EQ(
      bad_authority.get_token(kEnvironmentScope).error().message,
      "AZURE_AUTHORITY_HOST 'http://login.example.com' is not a valid authority host: it must be an https:// URL");
  EXPECT_TRUE(transport.requests.empty());
}

TEST_F(EnvironmentCredentialSecret, InvalidScopeFailsWithoutARequest) {
  auto environment = secret_environment();
  EnvironmentCredential credential(environment, transport, clock);
  EXPECT_EQ(credential.get_token("https://x/.default&client_secret=y").error().message,
            "'https://x/.default&client_secret=y' is not a valid scope");
  EXPECT_TRUE(transport.requests.empty());
}

TEST_F(EnvironmentCredentialSecret, SecretWinsOverCertificate) {
  transport.reply(200, kOkBody);
  auto environment = secret_environment();
  environment.set("AZURE_CLIENT_CERTIFICATE_PATH", "/nonexistent.pem");
  EnvironmentCredential credential(environment, transport, clock);
  ASSERT_TRUE(credential.get_token(kEnvironmentScope).ok());
  EXPECT_EQ(decode_pairs(transport.requests[0].body).count("client_secret"), 1u);
}

// --- certificate ---------------------------------------------------------------------------

struct EnvironmentCredentialCertificate : Fixture {
  test::TempDir directory;
  MapEnvironment environment_with(const std::string& path) {
    MapEnvironment environment;
    environment.set("AZURE_TENANT_ID", kTenant);
    environment.set("AZURE_CLIENT_ID", kClient);
    environment.set("AZURE_CLIENT_CERTIFICATE_PATH", path);
    return environment;
  }
  // The assertion the single request carried, checked for its form fields.
  std::string sent_assertion() {
    EXPECT_EQ(transport.requests.size(), 1u);
    const auto fields = decode_pairs(transport.requests.at(0).body);
    EXPECT_EQ(fields.size(), 5u);
    EXPECT_EQ(fields.at("grant_type"), "client_credentials");
    EXPECT_EQ(fields.at("client_id"), kClient);
    EXPECT_EQ(fields.at("scope"), kEnvironmentScope);
    EXPECT_EQ(fields.at("client_assertion_type"), "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    EXPECT_EQ(fields.count("client_secret"), 0u);
    return fields.at("client_assertion");
  }
};

TEST_F(EnvironmentCredentialCertificate, SignsAnRs256AssertionTheCertificateVerifies) {
  const auto& identity = test::rsa_identity();
  const auto path = directory.write("sp.pem", identity.key_pem() + identity.cert_pem());
  transport.reply(200, kOkBody);
  auto environment = environment_with(path);
  EnvironmentCredential credential(environment, transport, clock);
  const auto token = credential.get_token(kEnvironmentScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, "at-1");
  EXPECT_EQ(transport.requests[0].url, kTokenUrl);
  EXPECT_EQ(transport.requests[0].method, "POST");

  const auto jwt = test::parse_jwt(sent_assertion());
  ASSERT_TRUE(jwt.has_value());
  EXPECT_EQ(jwt->header,
            (nlohmann::json{{"alg", "RS256"}, {"typ", "JWT"}, {"x5t", identity.sha1_thumbprint_b64url()}}));
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
  EXPECT_EQ(jwt->claims["aud"], kTokenUrl);
  EXPECT_EQ(jwt->claims["iss"], kClient);
  EXPECT_EQ(jwt->claims["sub"], kClient);
  EXPECT_EQ(jwt->claims["nbf"], now);
  EXPECT_EQ(jwt->claims["exp"], now + 600);
  ASSERT_TRUE(jwt->claims["jti"].is_string());
  EXPECT_THAT(jwt->claims["jti"].get<std::string>(), ::testing::MatchesRegex("[0-9a-f]{32}"));
  EXPECT_EQ(jwt->claims.size(), 6u);
  EXPECT_TRUE(test::verify_rs256(*jwt, identity.cert.get()));
  EXPECT_FALSE(test::verify_rs256(*jwt, test::other_rsa_identity().cert.get()));
}

TEST_F(EnvironmentCredentialCertificate, EachAssertionIsFreshAndCertificateOrderDoesNotMatter) {
  const auto& identity = test::rsa_identity();
  const auto path = directory.write("sp.pem", identity.cert_pem() + identity.key_pem());  // cert first
  transport.reply(200, kOkBody).reply(200, kOkBody);
  auto environment = environment_with(path);
  EnvironmentCredential credential(environment, transport, clock);
  ASSERT_TRUE(credential.get_token(kEnvironmentScope).ok());
  clock.advance(std::chrono::minutes(1));
  ASSERT_TRUE(credential.get_token(kEnvironmentScope).ok());
  ASSERT_EQ(transport.requests.size(), 2u);
  const auto first = test::parse_jwt(decode_pairs(transport.requests[0].body).at("client_assertion"));
  const auto second = test::parse_jwt(decode_pairs(transport.requests[1].body).at("client_assertion"));
  EXPECT_NE(first->claims["jti"], second->claims["jti"]);
  EXPECT_EQ(second->claims["nbf"].get<std::int64_t>(), first->claims["nbf"].get<std::int64_t>() + 60);
  EXPECT_TRUE(test::verify_rs256(*second, identity.cert.get()));
}

TEST_F(EnvironmentCredentialCertificate, SendCertificateChainAddsX5c) {
  const auto& identity = test::rsa_identity();
  const auto path = directory.write("sp.pem", identity.key_pem() + identity.cert_pem());
  transport.reply(200, kOkBody);
  auto environment = environment_with(path);
  environment.set("AZURE_CLIENT_SEND_CERTIFICATE_CHAIN", "True");
  EnvironmentCredential credential(environment, transport, clock);
  ASSERT_TRUE(credential.get_token(kEnvironmentScope).ok());
  const auto jwt = test::parse_jwt(sent_assertion());
  ASSERT_TRUE(jwt.has_value());
  EXPECT_EQ(jwt->header["x5c"], nlohmann::json::array({base64_encode(identity.der())}));
  EXPECT_TRUE(test::verify_rs256(*jwt, identity.cert.get()));
}

TEST_F(EnvironmentCredentialCertificate, EncryptedKeyNeedsThePassword) {
  const auto& identity = test::rsa_identity();
  const std::string password = "pem-p@ssword";
  const auto path = directory.write("sp.pem", identity.cert_pem() + identity.encrypted_key_pem(password));

  auto environment = environment_with(path);
  EnvironmentCredential without(environment, transport, clock);
  const auto missing = without.get_token(kEnvironmentScope);
  ASSERT_FALSE(missing.ok());
  EXPECT_FALSE(missing.error().unavailable);
  EXPECT_EQ(missing.error().message, "the certificate file '" + path +
                                         "' holds an encrypted private key: set AZURE_CLIENT_CERTIFICATE_PASSWORD");

  environment.set("AZURE_CLIENT_CERTIFICATE_PASSWORD", "wrong-password");
  EnvironmentCredential wrong(environment, transport, clock);
  EXPECT_EQ(wrong.get_token(kEnvironmentScope).error().message,
            "could not decrypt the private key in the certificate file '" + path +
                "': is AZURE_CLIENT_CERTIFICATE_PASSWORD right?");
  EXPECT_TRUE(transport.requests.empty());

  environment.set("AZURE_CLIENT_CERTIFICATE_PASSWORD", password);
  transport.reply(200, kOkBody);
  EnvironmentCredential right(environment, transport, clock);
  ASSERT_TRUE(right.get_token(kEnvironmentScope).ok());
  const auto jwt = test::parse_jwt(sent_assertion());
  EXPECT_TRUE(test::verify_rs256(*jwt, identity.cert.get()));
}

TEST_F(EnvironmentCredentialCertificate, Pkcs12WithPassword) {
  const auto& identity = test::rsa_identity();
  const std::string password = "pfx-password";
  const auto path = directory.write("sp.pfx", identity.pkcs12(password));
  auto environment = environment_with(path);

  EnvironmentCredential without(environment, transport, clock);
  EXPECT_THAT(without.get_token(kEnvironmentScope).error().message,
              HasSubstr("could not open the certificate file '" + path +
                        "' as PKCS#12: if it has a password, set AZURE_CLIENT_CERTIFICATE_PASSWORD"));

  environment.set("AZURE_CLIENT_CERTIFICATE_PASSWORD", password);
  transport.reply(200, kOkBody);
  EnvironmentCredential credential(environment, transport, clock);
  const auto token = credential.get_token(kEnvironmentScope);
  ASSERT_TRUE(token.ok()) << token.error().message;
  const auto jwt = test::parse_jwt(sent_assertion());
  EXPECT_EQ(jwt->header["x5t"], identity.sha1_thumbprint_b64url());
  EXPECT_TRUE(test::verify_rs256(*jwt, identity.cert.get()));
}

TEST_F(EnvironmentCredentialCertificate, BadCertificateFilesFailClearly) {
  const auto& identity = test::rsa_identity();
  struct Case {
    std::string file;
    std::string contents;
    std::string message;  // with PATH for the path
  };
  const auto ec = test::TestIdentity::make("ec", false);
  const std::vector<Case> cases = {
      {"only-cert.pem", identity.cert_pem(),
       "the certificate file 'PATH' holds no private key: it must be PEM with the private key and the certificate"},
      {"only-key.pem", identity.key_pem(),
       "the certificate file 'PATH' holds no certificate: it must hold the certificate with its private key"},
      {"mismatch.pem", identity.key_pem() + test::other_rsa_identity().cert_pem(),
       "no certificate in the certificate file 'PATH' matches its private key"},
      {"ec.pem", ec.key_pem() + ec.cert_pem(),
       "the private key in the certificate file 'PATH' is not an RSA key; only RSA keys are supported"},
      {"garbage.bin", "\x01\x02not a certificate", "the certificate file 'PATH' is neither PEM nor PKCS#12 (.pfx)"},
  };
  for (const auto& c : cases) {
    const auto path = directory.write(c.file, c.contents);
    auto environment = environment_with(path);
    EnvironmentCredential credential(environment, transport, clock);
    const auto token = credential.get_token(kEnvironmentScope);
    ASSERT_FALSE(token.ok()) << c.file;
    EXPECT_FALSE(token.error().unavailable);
    auto expected = c.message;
    expected.replace(expected.find("PATH"), 4, path);
    EXPECT_EQ(token.error().message, expected);
    EXPECT_THAT(token.error().message, Not(HasSubstr("BEGIN")));
  }
  auto environment = environment_with((directory.path() / "missing.pem").string());
  EnvironmentCredential missing(environment, transport, clock);
  EXPECT_EQ(missing.get_token(kEnvironmentScope).error().message, "cannot read the certificate file '" +
                                                                      (directory.path() / "missing.pem").string() +
                                                                      "': No such file or directory");
  EXPECT_TRUE(transport.requests.empty());
}

TEST_F(EnvironmentCredentialCertificate, RefusedAssertionIsReportedWithoutTheAssertion) {
  const auto& identity = test::rsa_identity();
  const auto path = directory.write("sp.pem", identity.key_pem() + identity.cert_pem());
  transport.reply(
      400,
      R"({"error":"invalid_client","error_description":"AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.\r\nTrace ID: t","correlation_id":"c2"})");
  auto environment = environment_with(path);
  EnvironmentCredential credential(environment, transport, clock);
  const auto token = credential.get_token(kEnvironmentScope);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().message,
            std::string("the token endpoint ") + kTokenUrl +
                " answered HTTP 400 (invalid_client): AADSTS700027: The certificate with identifier used to sign the "
                "client assertion is not registered on application. [correlation id c2]");
  const auto assertion = decode_pairs(transport.requests[0].body).at("client_assertion");
  EXPECT_THAT(token.error().message, Not(HasSubstr(assertion)));
}

}  // namespace
}  // namespace azureml::auth
