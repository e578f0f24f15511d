// The helpers every credential shares, and the token endpoint's request and answer forms.
#include "core/auth/credential_support.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <array>

#include "core/auth/token_endpoint.h"
#include "tests/unit/auth/scripted_transport.h"

namespace azureml::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(CredentialSupport, ScrubRemovesSecretsRawAndPercentEncoded) {
  const std::array<std::string, 2> secrets = {"s3cr3t/value+x", "abc"};
  EXPECT_EQ(scrub("got s3cr3t/value+x and s3cr3t%2Fvalue%2Bx; abc stays", secrets),
            "got REDACTED and REDACTED; abc stays");
}

TEST(CredentialSupport, NotSetMessage) {
  std::vector<std::string> one = {"A"};
  std::vector<std::string> two = {"A", "B"};
  std::vector<std::string> three = {"A", "B", "C"};
  EXPECT_EQ(not_set_message(one), "A is not set");
  EXPECT_EQ(not_set_message(two), "A and B are not set");
  EXPECT_EQ(not_set_message(three), "A, B and C are not set");
}

TEST(CredentialSupport, FirstLineIsTrimmedPrintableAndBounded) {
  EXPECT_EQ(first_line("  AADSTS1: bad.\r\nTrace ID: x\r\n"), "AADSTS1: bad.");
  EXPECT_EQ(first_line("a\x1B[31mb"), "a\\x1B[31mb");
  EXPECT_EQ(first_line(std::string(1000, 'x')).size(), 403u);
}

TEST(CredentialSupport, Seconds) {
  EXPECT_EQ(json_seconds(nlohmann::json(3599)), 3599);
  EXPECT_EQ(json_seconds(nlohmann::json("1800003600")), 1800003600);
  EXPECT_EQ(json_seconds(nlohmann::json(12.0)), 12);
  EXPECT_EQ(json_seconds(nlohmann::json("12a")), std::nullopt);
  EXPECT_EQ(json_seconds(nlohmann::json(-5)), std::nullopt);
  EXPECT_EQ(json_seconds(nlohmann::json("")), std::nullopt);
  EXPECT_EQ(json_seconds(nlohmann::json(nullptr)), std::nullopt);
  EXPECT_EQ(format_utc(from_unix_seconds(1800000000)), "2027-01-15T08:00:00Z");
}

TEST(CredentialSupport, ResourceFromScope) {
  EXPECT_EQ(resource_from_scope("https://management.azure.com/.default"), "https://management.azure.com");
  EXPECT_EQ(resource_from_scope("https://management.azure.com/"), "https://management.azure.com/");
  EXPECT_EQ(resource_from_scope("api://x"), "api://x");
}

TEST(CredentialSupport, ScopeAndTenantValidation) {
  EXPECT_TRUE(is_valid_scope("https://management.azure.com/.default"));
  EXPECT_TRUE(is_valid_scope("api://a-b_c/.default"));
  EXPECT_FALSE(is_valid_scope(""));
  EXPECT_FALSE(is_valid_scope("https://x/.default; rm -rf /"));
  EXPECT_FALSE(is_valid_scope("a&b"));
  EXPECT_TRUE(is_valid_tenant("72f988bf-86f1-41af-91ab-2d7cd011db47"));
  EXPECT_TRUE(is_valid_tenant("contoso.onmicrosoft.com"));
  EXPECT_FALSE(is_valid_tenant("a/b"));
  EXPECT_FALSE(is_valid_tenant(""));
}

TEST(TokenEndpoint, AuthorityHostNormalization) {
  EXPECT_EQ(normalize_authority_host("https://login.microsoftonline.com/").value(),
            "https://login.microsoftonline.com");
  EXPECT_EQ(normalize_authority_host("https://login.microsoftonline.com").value(), "https://login.microsoftonline.com");
  EXPECT_EQ(normalize_authority_host("login.chinacloudapi.cn").value(), "https://login.chinacloudapi.cn");
  EXPECT_EQ(normalize_authority_host("HTTPS://login.microsoftonline.us//").value(), "https://login.microsoftonline.us");
  EXPECT_EQ(normalize_authority_host("https://adfs.contoso.com/adfs/").value(), "https://adfs.contoso.com/adfs");
  EXPECT_EQ(normalize_authority_host("http://127.0.0.1:8443/").value(), "http://127.0.0.1:8443");
  EXPECT_EQ(normalize_authority_host("http://localhost:1").value(), "http://localhost:1");
  EXPECT_EQ(normalize_authority_host("http://[::1]:80").value(), "http://[::1]:80");
  EXPECT_EQ(normalize_authority_host("http://login.microsoftonline.com").error(),
            "'http://login.microsoftonline.com' is not a valid authority host: it must be an https:// URL");
  EXPECT_EQ(normalize_authority_host("ftp://x").error(),
            "'ftp://x' is not a valid authority host: it must be an https:// URL");
  EXPECT_EQ(normalize_authority_host("https://").error(),
            "'https://' is not a valid authority host URL (expected e.g. https://login.microsoftonline.com/)");
  EXPECT_FALSE(normalize_authority_host("https://x/?a=b").ok());
  EXPECT_FALSE(normalize_authority_host("   ").ok());
}

// The one loopback rule (core/util/url.h), as --arm-endpoint has it too.
TEST(CredentialSupport, AuthorityHostPlainHttpOnlyToThisMachine) {
  EXPECT_EQ(normalize_authority_host("http://127.0.0.2:9").value(), "http://127.0.0.2:9");
  EXPECT_EQ(normalize_authority_host("HTTP://LOCALHOST:1").value(), "http://LOCALHOST:1");
  // The request goes to the host after '@': a user name cannot make a remote host look local.
  EXPECT_EQ(normalize_authority_host("http://127.0.0.1@evil.example.com").error(),
            "'http://127.0.0.1@evil.example.com' is not a valid authority host: it must be an https:// URL");
  // A DNS name that starts like a loopback address may resolve anywhere.
  EXPECT_FALSE(normalize_authority_host("http://127.evil.example.com").ok());
  EXPECT_FALSE(normalize_authority_host("http://127.0.0.1.evil.example.com").ok());
}

TEST(TokenEndpoint, AuthorityFromEnvironment) {
  MapEnvironment environment;
  EXPECT_EQ(authority_host_from(environment).value(), "https://login.microsoftonline.com");
  environment.set("AZURE_AUTHORITY_HOST", "");
  EXPECT_EQ(authority_host_from(environment).value(), "https://login.microsoftonline.com");
  environment.set("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.us/");
  EXPECT_EQ(authority_host_from(environment).value(), "https://login.microsoftonline.us");
  environment.set("AZURE_AUTHORITY_HOST", "http://evil.example");
  EXPECT_EQ(authority_host_from(environment).error(),
            "AZURE_AUTHORITY_HOST 'http://evil.example' is not a valid authority host: it must be an https:// URL");
}

TEST(TokenEndpoint, UrlAndForm) {
  EXPECT_EQ(token_url("https://login.microsoftonline.com", "t1"),
            "https://login.microsoftonline.com/t1/oauth2/v2.0/token");
  EXPECT_EQ(
      form_encode({{"grant_type", "client_credentials"}, {"client_secret", "a&b=c d+e"}, {"scope", "x/.default"}}),
      "grant_type=client_credentials&client_secret=a%26b%3Dc%20d%2Be&scope=x%2F.default");
}

TEST(TokenEndpoint, ParsesSuccessWithRelativeExpiry) {
  FakeClock clock;
  const auto token = parse_token_response(
      http::Response{
          200, {}, R"({"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"tok"})"},
      "https://a/t/oauth2/v2.0/token", clock);
  ASSERT_TRUE(token.ok()) << token.error();
  EXPECT_EQ(token->token, "tok");
  EXPECT_EQ(token->expires_on, clock.now() + std::chrono::seconds(3599));
  const auto as_string =
      parse_token_response(http::Response{200, {}, R"({"expires_in":"60","access_token":"t"})"}, "u", clock);
  ASSERT_TRUE(as_string.ok());
  EXPECT_EQ(as_string->expires_on, clock.now() + std::chrono::seconds(60));
}

TEST(TokenEndpoint, ErrorAnswers) {
  FakeClock clock;
  const std::string url = "https://login.microsoftonline.com/t/oauth2/v2.0/token";
  const auto parse = [&](int status, std::string body) {
    return parse_token_response(http::Response{status, {}, std::move(body)}, url, clock);
  };
  EXPECT_EQ(
      parse(
          401,
          R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1\r\nCorrelation ID: 2","error_codes":[7000215],"correlation_id":"c-1"})")
          .error(),
      "the token endpoint " + url +
          " answered HTTP 401 (invalid_client): AADSTS7000215: Invalid client secret provided. [correlation id c-1]");
  EXPECT_EQ(parse(400, R"({"error":"invalid_scope"})").error(),
            "the token endpoint " + url + " answered HTTP 400 (invalid_scope)");
  EXPECT_EQ(parse(502, "<html>bad gateway</html>").error(),
            "the token endpoint " + url + " answered HTTP 502 without an OAuth error");
  EXPECT_EQ(parse(200, "not json").error(),
            "the token endpoint " + url + " answered HTTP 200 with a body that is not JSON");
  EXPECT_EQ(parse(200, R"({"expires_in":1})").error(),
            "the token endpoint " + url + " answered without an access_token");
  EXPECT_EQ(parse(200, R"({"access_token":"","expires_in":1})").error(),
            "the token endpoint " + url + " answered without an access_token");
  EXPECT_EQ(parse(200, R"({"access_token":"t"})").error(),
            "the token endpoint " + url + " answered without a valid expires_in");
}

TEST(TokenEndpoint, RequestTokenPostsTheFormAndReportsTransportFailures) {
  test::ScriptedTransport transport;
  FakeClock clock;
  transport.fail_with(http::TransportError::Kind::connect, "connection to login.microsoftonline.com:443 refused");
  const std::array<std::string, 1> secrets = {"sekrit"};
  const auto token = request_token(transport, clock, "X", "https://l/t/oauth2/v2.0/token",
                                   {{"client_secret", "sekrit"}, {"scope", "s"}}, secrets);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().credential, "X");
  EXPECT_FALSE(token.error().unavailable);
  EXPECT_EQ(token.error().message,
            "could not reach the token endpoint https://l/t/oauth2/v2.0/token: connection to "
            "login.microsoftonline.com:443 refused");
  ASSERT_EQ(transport.requests.size(), 1u);
  const auto& request = transport.requests[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(http::find_header(request.headers, "content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(http::find_header(request.headers, "accept"), "application/json");
  EXPECT_EQ(request.body, "client_secret=sekrit&scope=s");
}

}  // namespace
}  // namespace azureml::auth
