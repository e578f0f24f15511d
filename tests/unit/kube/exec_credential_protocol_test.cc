// KUBERNETES_EXEC_INFO going in, the ExecCredential coming out, and RFC 3339 times.
#include "core/kube/exec_credential_protocol.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz/planted_secret.h"
#include "tests/unit/kube/kube_test_support.h"

namespace azureml::kube {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

std::chrono::system_clock::time_point utc(std::int64_t seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

std::int64_t days_since_epoch(int year, unsigned month, unsigned day) {
  return std::chrono::sys_days(std::chrono::year(year) / std::chrono::month(month) / std::chrono::day(day))
      .time_since_epoch()
      .count();
}

TEST(ExecInfo, WithoutClusterInfo) {
  ExecConfig exec;
  exec.api_version = std::string(kExecApiV1beta1);
  exec.command = "kubelogin";
  EXPECT_EQ(
      exec_info_json(exec, false),
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","spec":{"interactive":false}})");
  exec.api_version = std::string(kExecApiV1);
  EXPECT_EQ(exec_info_json(exec, true),
            R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":true}})");
}

TEST(ExecInfo, WithClusterInfo) {
  ExecConfig exec;
  exec.api_version = std::string(kExecApiV1);
  exec.provide_cluster_info = true;
  ExecClusterInfo cluster;
  cluster.server = "https://k:6443";
  exec.cluster = cluster;
  EXPECT_EQ(
      exec_info_json(exec, false),
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"cluster":{"server":"https://k:6443"},"interactive":false}})");

  cluster.tls_server_name = "k.internal";
  cluster.insecure_skip_tls_verify = true;
  cluster.certificate_authority_pem = test::kCaPem;
  cluster.proxy_url = "socks5://p:1080";
  cluster.disable_compression = true;
  cluster.config = nlohmann::json::parse(R"({"audience":"x","n":[1,2]})");
  exec.cluster = cluster;
  const auto info = nlohmann::json::parse(exec_info_json(exec, false));
  const auto& sent = info["spec"]["cluster"];
  EXPECT_EQ(sent["server"], "https://k:6443");
  EXPECT_EQ(sent["tls-server-name"], "k.internal");
  EXPECT_EQ(sent["insecure-skip-tls-verify"], true);
  EXPECT_EQ(sent["certificate-authority-data"], test::b64(test::kCaPem));  // bytes: base64, as Go encodes []byte
  EXPECT_EQ(sent["proxy-url"], "socks5://p:1080");
  EXPECT_EQ(sent["disable-compression"], true);
  EXPECT_EQ(sent["config"], cluster.config);
}

constexpr std::string_view kV1 = kExecApiV1;

TEST(ExecOutput, TokenWithExpiry) {
  // What kubelogin prints (json.Encoder: a trailing newline, an empty spec).
  auto credential = parse_exec_output(
      R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false},"status":{"expirationTimestamp":"2027-01-15T09:00:00Z","token":"eyJ0eXAi.payload.sig"}})"
      "\n",
      kV1);
  ASSERT_TRUE(credential.ok()) << credential.error();
  EXPECT_EQ(credential->token, "eyJ0eXAi.payload.sig");
  EXPECT_EQ(credential->expires_at, utc(1'800'003'600));
  EXPECT_FALSE(credential->client_certificate);
}

TEST(ExecOutput, TokenWithoutExpiryAndClientCertificate) {
  auto token = parse_exec_output(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}})", kV1);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->expires_at, std::nullopt);

  nlohmann::json body = {
      {"apiVersion", kV1},
      {"kind", "ExecCredential"},
      {"status", {{"clientCertificateData", test::kClientCertPem}, {"clientKeyData", test::kClientKeyPem}}}};
  auto certificate = parse_exec_output(body.dump(), kV1);
  ASSERT_TRUE(certificate.ok()) << certificate.error();
  EXPECT_FALSE(certificate->token);
  EXPECT_EQ(certificate->client_certificate->certificate_pem, test::kClientCertPem);
  EXPECT_EQ(certificate->client_certificate->key_pem, test::kClientKeyPem);
}

TEST(ExecOutput, EveryRuleClientGoApplies) {
  const std::string secret = "super-secret-token-value";
  auto error = [&](const std::string& text, std::string_view version = kV1) {
    auto parsed = parse_exec_output(text, version);
    EXPECT_FALSE(parsed.ok()) << text;
    const std::string message = parsed.ok() ? "" : parsed.error();
    EXPECT_THAT(message, Not(HasSubstr(secret)));  // the output is never quoted
    return message;
  };
  EXPECT_EQ(error(""), "printed nothing on stdout");
  EXPECT_EQ(error("token: " + secret), "printed something other than an ExecCredential JSON object on stdout");
  EXPECT_EQ(error("[\"" + secret + "\"]"), "printed something other than an ExecCredential JSON object on stdout");
  EXPECT_EQ(error(R"({"kind":"ExecCredential","status":{"token":")" + secret + "\"}}"),
            "answered with apiVersion '' but the kubeconfig asks for 'client.authentication.k8s.io/v1'");
  EXPECT_EQ(
      error(R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"x"}})"),
      "answered with apiVersion 'client.authentication.k8s.io/v1beta1' but the kubeconfig asks for "
      "'client.authentication.k8s.io/v1'");
  EXPECT_EQ(error(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"Token","status":{"token":"x"}})"),
            "answered with kind 'Token' instead of 'ExecCredential'");
  EXPECT_EQ(error(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"})"),
            "answered without a status");
  EXPECT_EQ(error(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}})"),
            "answered with neither a token nor a client certificate");
  EXPECT_EQ(error(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":""}})"),
            "answered with neither a token nor a client certificate");
  EXPECT_EQ(error(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":42}})"),
            "answered with a status whose token, clientCertificateData, clientKeyData or expirationTimestamp is not a "
            "string");
  EXPECT_EQ(
      error(
          R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"-----BEGIN CERTIFICATE-----"}})"),
      "answered with only one of clientCertificateData and clientKeyData; both are needed");
  EXPECT_EQ(
      error(
          R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"x","clientKeyData":"y"}})"),
      "answered with a clientCertificateData that is not a PEM certificate");
  EXPECT_EQ(error(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":")" +
                  secret + R"(","expirationTimestamp":"tomorrow"}})"),
            "answered with expirationTimestamp 'tomorrow', which is not an RFC 3339 time");
}

// fuzz/kube_responses once failed CI on this seed: its token is a piece of the refusal's own
// wording, so "the refusal does not contain the token" was false without any leak. The
// refusal does not depend on the token at all, and the planted-token oracle says so.
TEST(ExecOutput, ATokenThatIsPartOfTheRefusalsWordingIsNoLeak) {
  std::ifstream seed(std::string(AZUREML_SOURCE_DIR) + "/fuzz/seeds/kube_responses/exec-token-is-message-wording.txt");
  ASSERT_TRUE(seed) << "the seed is missing";
  std::stringstream text;
  text << seed.rdbuf();
  const std::string body = text.str().substr(text.str().find("\n\n") + 2);
  const auto refused = parse_exec_output(body, kExecApiV1beta1);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error(), "answered with kind '' instead of 'ExecCredential'");

  nlohmann::json output = nlohmann::json::parse(body);
  const auto refusal = [&](const std::string& token) -> std::optional<std::string> {
    output["status"]["token"] = token;
    const auto credential = parse_exec_output(output.dump(), kExecApiV1beta1);
    return credential.ok() ? std::nullopt : std::optional(credential.error());
  };
  EXPECT_EQ(refusal("ered with kind '' instead of 'ExecCredent"), refused.error());
  EXPECT_EQ(refusal("x"), refused.error());
  EXPECT_EQ(fuzz::message_quoting_planted_secret(body, refusal), std::nullopt);
}

TEST(PlantedSecret, CatchesAMessageThatQuotesItsToken) {
  const auto leaks = [](const std::string& token) -> std::optional<std::string> { return "bad token " + token; };
  EXPECT_EQ(fuzz::message_quoting_planted_secret("{}", leaks), "bad token planted-secret-a-0");
  const auto prefix = [](const std::string& token) -> std::optional<std::string> {
    return "starts with " + token.substr(0, 15);  // the markers' common prefix: neither token
  };
  EXPECT_EQ(fuzz::message_quoting_planted_secret("{}", prefix), std::nullopt);
  // Markers the input already holds are skipped: it cannot make its own text look planted.
  const auto quotes_input = [](const std::string&) -> std::optional<std::string> {
    return std::string("kind 'planted-secret-a-0 planted-secret-b-1'");
  };
  EXPECT_EQ(fuzz::message_quoting_planted_secret("planted-secret-a-0 planted-secret-b-1", quotes_input), std::nullopt);
  const auto [a, b] = fuzz::planted_markers("planted-secret-a-0 planted-secret-b-1");
  EXPECT_EQ(a, "planted-secret-a-2");
  EXPECT_EQ(b, "planted-secret-b-2");
}

TEST(Rfc3339, GoLayout) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), utc(0));
  EXPECT_EQ(parse_rfc3339("2027-01-15T08:00:00Z"), utc(1'800'000'000));
  EXPECT_EQ(parse_rfc3339("2027-01-15t08:00:00z"), utc(1'800'000'000));
  EXPECT_EQ(parse_rfc3339("2027-01-15T10:30:00+02:30"), utc(1'800'000'000));
  EXPECT_EQ(parse_rfc3339("2027-01-15T03:00:00-05:00"), utc(1'800'000'000));
  EXPECT_EQ(parse_rfc3339("2027-01-15T08:00:00.5Z"), utc(1'800'000'000) + 500ms);
  EXPECT_EQ(parse_rfc3339("2027-01-15T08:00:00.123456789Z"),
            utc(1'800'000'000) + std::chrono::duration_cast<std::chrono::system_clock::duration>(123456789ns));
  EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z"), utc(1'709'164'800));  // leap day
  EXPECT_EQ(parse_rfc3339("1969-12-31T23:59:59Z"), utc(-1));
}

// Found by fuzz/kube_responses (UBSan: signed overflow converting to nanoseconds): Go reads years
// 0 to 9999, system_clock holds 1677 to 2262. Outside, the time is clamped to a day inside, with
// room for an expiry margin: the far future is still the future, the far past still the past.
TEST(Rfc3339, YearsBeyondTheClockAreClamped) {
  const auto latest = utc(days_since_epoch(2261, 12, 31) * 86400LL);
  const auto earliest = utc(days_since_epoch(1678, 1, 1) * 86400LL);
  EXPECT_EQ(parse_rfc3339("9999-12-31T23:59:59.999999999Z"), latest);
  EXPECT_EQ(parse_rfc3339("3052-11-30T01:00:00-23:59"), latest);
  EXPECT_EQ(parse_rfc3339("0000-01-01T00:00:00+23:59"), earliest);
  EXPECT_EQ(parse_rfc3339("1000-06-15T12:00:00Z"), earliest);
  EXPECT_EQ(parse_rfc3339("2261-12-31T00:00:00Z"), latest);
  EXPECT_EQ(parse_rfc3339("2262-01-01T00:00:00Z"), latest);
  EXPECT_LT(*parse_rfc3339("9999-12-31T23:59:59Z") - std::chrono::hours(24 * 365), latest);  // no overflow
}

TEST(Rfc3339, RefusesEverythingElse) {
  for (const char* bad :
       {"", "2027-01-15", "2027-01-15T08:00:00", "2027-01-15 08:00:00Z", "2027-1-15T08:00:00Z", "2027-02-29T00:00:00Z",
        "2027-04-31T00:00:00Z", "2027-13-01T00:00:00Z", "2027-01-15T24:00:00Z", "2027-01-15T08:60:00Z",
        "2027-01-15T08:00:60Z", "2027-01-15T08:00:00.Z", "2027-01-15T08:00:00+0200", "2027-01-15T08:00:00+24:00",
        "2027-01-15T08:00:00ZZ", "1800000000"})
    EXPECT_EQ(parse_rfc3339(bad), std::nullopt) << bad;
}

}  // namespace
}  // namespace azureml::kube
