// CurlTransport (and LoggingTransport) against the fake Azure over real sockets: TLS trusted
// through each documented way of naming a CA bundle and refused without it, connection reuse,
// the User-Agent, and proxies (tests/fakes/test_proxy.h) taken from HTTPS_PROXY / HTTP_PROXY /
// ALL_PROXY and bypassed by NO_PROXY. Everything listens on 127.0.0.1, ports chosen by the kernel.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "core/http/curl_transport.h"
#include "core/http/logging_transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"
#include "core/util/log.h"
#include "tests/fakes/fake_azure.h"
#include "tests/fakes/test_certificates.h"
#include "tests/fakes/test_proxy.h"
#include "tests/unit/http/test_server.h"

namespace azureml::http {
namespace {

using fakes::FakeAzure;
using fakes::TestProxy;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Kind = TransportError::Kind;
using namespace std::chrono_literals;

constexpr const char* kUserAgent = "kubectl-azureml/0.1.0 (fake-azure transport test)";

// An AAD discovery document: served without a token and recorded, so it shows both that the
// exchange worked and what reached the fake.
std::string discovery_path(const FakeAzure& azure) {
  return "/" + azure.options().tenant_id + "/v2.0/.well-known/openid-configuration";
}

Request get(const std::string& url, Headers headers = {}) { return Request{"GET", url, std::move(headers), ""}; }

CurlOptions options_with(std::optional<std::string> ca_bundle = std::nullopt) {
  CurlOptions options;
  options.user_agent = kUserAgent;
  options.ca_bundle = std::move(ca_bundle);
  options.connect_timeout = 5000ms;
  options.total_timeout = 20000ms;
  return options;
}

// "ok 200" or "<kind>: <message>": what a failed assertion prints.
std::string outcome(const Result<Response, TransportError>& result) {
  if (result.ok()) return "ok " + std::to_string(result->status);
  return std::string(kind_name(result.error().kind)) + ": " + result.error().message;
}

std::string host_port(const FakeAzure& azure) { return "127.0.0.1:" + std::to_string(azure.port()); }

class FakeAzureTransport : public ::testing::Test {
 protected:
  FakeAzureTransport() : azure_({.https = true}) {}
  void SetUp() override { azure_.start(); }

  std::string url() const { return azure_.base_url() + discovery_path(azure_); }
  Result<Response, TransportError> send_once(const CurlOptions& options, const Environment& environment) {
    return make_curl_transport(options, environment)->send(get(url()));
  }

  FakeAzure azure_;
};

// --- TLS: trusted only through a CA bundle that holds the fake's CA ---

TEST_F(FakeAzureTransport, TrustsTheFakeThroughTheCaBundleOption) {
  const auto result = send_once(options_with(azure_.ca_file()), MapEnvironment());
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_THAT(result->body, HasSubstr("token_endpoint"));
}

TEST_F(FakeAzureTransport, TrustsTheFakeThroughRequestsCaBundle) {
  const MapEnvironment environment({{"REQUESTS_CA_BUNDLE", azure_.ca_file()}});
  const auto result = send_once(options_with(), environment);
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_EQ(result->status, 200);
}

TEST_F(FakeAzureTransport, TrustsTheFakeThroughSslCertFile) {
  const MapEnvironment environment({{"SSL_CERT_FILE", azure_.ca_file()}});
  const auto result = send_once(options_with(), environment);
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_EQ(result->status, 200);
}

// Documented order: REQUESTS_CA_BUNDLE, else SSL_CERT_FILE. With the right CA only in the
// second, the first (another CA) is the one used, so verification fails.
TEST_F(FakeAzureTransport, RequestsCaBundleWinsOverSslCertFile) {
  const fakes::TestCertificates other;
  const MapEnvironment environment({{"REQUESTS_CA_BUNDLE", other.ca_file()}, {"SSL_CERT_FILE", azure_.ca_file()}});
  const auto result = send_once(options_with(), environment);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::tls) << outcome(result);
  EXPECT_THAT(result.error().message, HasSubstr("REQUESTS_CA_BUNDLE"));
}

TEST_F(FakeAzureTransport, CaBundleOptionWinsOverTheEnvironment) {
  const fakes::TestCertificates other;
  const MapEnvironment environment({{"REQUESTS_CA_BUNDLE", other.ca_file()}, {"SSL_CERT_FILE", other.ca_file()}});
  const auto result = send_once(options_with(azure_.ca_file()), environment);
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_EQ(result->status, 200);
}

// The system store does not know the fake's throw-away CA: the handshake must fail, and no
// request may reach the server.
TEST_F(FakeAzureTransport, RefusesTheFakeWithoutItsCa) {
  const auto result = send_once(options_with(), MapEnvironment());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::tls) << outcome(result);
  EXPECT_THAT(result.error().message, HasSubstr(host_port(azure_)));
  EXPECT_TRUE(azure_.requests().empty());
}

TEST_F(FakeAzureTransport, RefusesTheFakeWithAnotherCa) {
  const fakes::TestCertificates other;
  const auto result = send_once(options_with(other.ca_file()), MapEnvironment());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::tls) << outcome(result);
  // The message says which bundle was used and where that came from.
  EXPECT_THAT(result.error().message, HasSubstr(other.ca_file()));
  EXPECT_THAT(result.error().message, HasSubstr("--ca-bundle"));
  EXPECT_TRUE(azure_.requests().empty());
}

TEST_F(FakeAzureTransport, RefusesAnotherCaNamedBySslCertFile) {
  const fakes::TestCertificates other;
  const MapEnvironment environment({{"SSL_CERT_FILE", other.ca_file()}});
  const auto result = send_once(options_with(), environment);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::tls) << outcome(result);
  EXPECT_THAT(result.error().message, HasSubstr("SSL_CERT_FILE"));
}

// A bundle that cannot be read is a TLS configuration error found before connecting.
TEST_F(FakeAzureTransport, UnreadableCaBundleFailsBeforeConnecting) {
  const MapEnvironment environment({{"REQUESTS_CA_BUNDLE", azure_.ca_file() + ".missing"}});
  const auto result = send_once(options_with(), environment);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::tls) << outcome(result);
  EXPECT_THAT(result.error().message, HasSubstr("cannot be read"));
  EXPECT_EQ(azure_.connections(), 0u);
}

// --- one connection, our User-Agent ---

TEST_F(FakeAzureTransport, ReusesOneConnectionForManyRequests) {
  const auto transport = make_curl_transport(options_with(azure_.ca_file()), MapEnvironment());
  constexpr int kRequests = 6;
  for (int i = 0; i < kRequests; ++i) {
    const auto result = transport->send(get(url()));
    ASSERT_TRUE(result.ok()) << outcome(result);
    ASSERT_EQ(result->status, 200);
  }
  EXPECT_EQ(azure_.requests().size(), static_cast<std::size_t>(kRequests));
  EXPECT_EQ(azure_.connections(), 1u);  // one TLS handshake for the whole run
}

TEST_F(FakeAzureTransport, SendsTheConfiguredUserAgent) {
  const auto result = send_once(options_with(azure_.ca_file()), MapEnvironment());
  ASSERT_TRUE(result.ok()) << outcome(result);
  const auto recorded = azure_.requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].header("User-Agent"), kUserAgent);
  EXPECT_EQ(recorded[0].path, discovery_path(azure_));
}

TEST_F(FakeAzureTransport, RequestUserAgentHeaderWinsOverTheOption) {
  const auto transport = make_curl_transport(options_with(azure_.ca_file()), MapEnvironment());
  const auto result = transport->send(get(url(), {{"User-Agent", "az-shim/1.0"}}));
  ASSERT_TRUE(result.ok()) << outcome(result);
  const auto recorded = azure_.requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].header("User-Agent"), "az-shim/1.0");
}

// --- LoggingTransport over the real transport ---

TEST_F(FakeAzureTransport, LogsOneLinePerExchangeWithTheFakesRequestId) {
  const auto curl = make_curl_transport(options_with(azure_.ca_file()), MapEnvironment());
  std::ostringstream out;
  const Redactor redactor;
  StreamLog log(out, true, redactor);
  FakeClock clock;  // elapsed time comes from this clock: always "0 ms"
  LoggingTransport transport(*curl, log, clock);
  const auto result = transport.send(get(url()));
  ASSERT_TRUE(result.ok()) << outcome(result);
  const auto request_id = result->header("x-ms-request-id");
  ASSERT_TRUE(request_id.has_value());
  EXPECT_EQ(out.str(), "GET " + url() + " -> 200 (0 ms) request-id: " + *request_id + "\n");
}

TEST_F(FakeAzureTransport, LogsTlsFailuresAsErrors) {
  const auto curl = make_curl_transport(options_with(), MapEnvironment());
  std::ostringstream out;
  const Redactor redactor;
  StreamLog log(out, true, redactor);
  FakeClock clock;
  LoggingTransport transport(*curl, log, clock);
  const auto result = transport.send(get(url()));
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(out.str(), HasSubstr("GET " + url() + " -> error: TLS with " + host_port(azure_)));
}

// --- proxies ---

TEST_F(FakeAzureTransport, TunnelsHttpsThroughHttpsProxy) {
  TestProxy proxy;
  const MapEnvironment environment({{"HTTPS_PROXY", proxy.url()}});
  const auto result = send_once(options_with(azure_.ca_file()), environment);
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_THAT(proxy.targets(), ElementsAre(host_port(azure_)));
  EXPECT_EQ(azure_.requests().size(), 1u);  // it did arrive, through the tunnel
}

TEST_F(FakeAzureTransport, KeepsOneTunnelForManyRequests) {
  TestProxy proxy;
  const MapEnvironment environment({{"HTTPS_PROXY", proxy.url()}});
  const auto transport = make_curl_transport(options_with(azure_.ca_file()), environment);
  for (int i = 0; i < 3; ++i) {
    const auto result = transport->send(get(url()));
    ASSERT_TRUE(result.ok()) << outcome(result);
  }
  EXPECT_THAT(proxy.targets(), ElementsAre(host_port(azure_)));
  EXPECT_EQ(proxy.connections(), 1u);
  EXPECT_EQ(azure_.connections(), 1u);
}

TEST_F(FakeAzureTransport, ReadsLowercaseHttpsProxy) {
  TestProxy proxy;
  const MapEnvironment environment({{"https_proxy", proxy.url()}});
  const auto result = send_once(options_with(azure_.ca_file()), environment);
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_THAT(proxy.targets(), ElementsAre(host_port(azure_)));
}

TEST_F(FakeAzureTransport, UsesAllProxyWhenHttpsProxyIsUnset) {
  TestProxy proxy;
  const MapEnvironment environment({{"ALL_PROXY", proxy.url()}});
  const auto result = send_once(options_with(azure_.ca_file()), environment);
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_THAT(proxy.targets(), ElementsAre(host_port(azure_)));
}

TEST_F(FakeAzureTransport, NoProxyListingTheHostBypassesTheProxy) {
  TestProxy proxy;
  const MapEnvironment environment({{"HTTPS_PROXY", proxy.url()}, {"NO_PROXY", "127.0.0.1"}});
  const auto result = send_once(options_with(azure_.ca_file()), environment);
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_TRUE(proxy.targets().empty());
  EXPECT_EQ(proxy.connections(), 0u);
}

TEST_F(FakeAzureTransport, NoProxyCidrRangeBypassesTheProxy) {
  TestProxy proxy;
  const MapEnvironment environment({{"HTTPS_PROXY", proxy.url()}, {"NO_PROXY", "example.com, 127.0.0.0/8"}});
  const auto result = send_once(options_with(azure_.ca_file()), environment);
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_EQ(proxy.connections(), 0u);
}

TEST_F(FakeAzureTransport, NoProxyForOtherHostsStillUsesTheProxy) {
  TestProxy proxy;
  const MapEnvironment environment({{"HTTPS_PROXY", proxy.url()}, {"NO_PROXY", "example.com,.internal,10.0.0.0/8"}});
  const auto result = send_once(options_with(azure_.ca_file()), environment);
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_THAT(proxy.targets(), ElementsAre(host_port(azure_)));
}

TEST(FakeAzureTransportHttp, ForwardsPlainHttpThroughHttpProxy) {
  FakeAzure azure;  // plain http: the proxy sees and forwards the request itself
  azure.start();
  TestProxy proxy;
  const MapEnvironment environment({{"HTTP_PROXY", proxy.url()}});
  const auto result =
      make_curl_transport(options_with(), environment)->send(get(azure.base_url() + discovery_path(azure)));
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_THAT(result->body, HasSubstr("token_endpoint"));
  EXPECT_THAT(proxy.targets(), ElementsAre(host_port(azure)));
  const auto recorded = azure.requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].path, discovery_path(azure));
  EXPECT_EQ(recorded[0].header("User-Agent"), kUserAgent);
}

TEST(FakeAzureTransportHttp, HttpsProxyIsNotUsedForPlainHttp) {
  FakeAzure azure;
  azure.start();
  TestProxy proxy;
  const MapEnvironment environment({{"HTTPS_PROXY", proxy.url()}});
  const auto result =
      make_curl_transport(options_with(), environment)->send(get(azure.base_url() + discovery_path(azure)));
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_EQ(proxy.connections(), 0u);
  EXPECT_EQ(azure.requests().size(), 1u);
}

// Nothing listens where the proxy should be: the error is the proxy's, says which variable
// named it, and points at NO_PROXY.
TEST_F(FakeAzureTransport, UnreachableProxyIsAProxyError) {
  const testserver::RefusingPort nothing;
  const std::string proxy = "http://127.0.0.1:" + std::to_string(nothing.port());
  const MapEnvironment environment({{"HTTPS_PROXY", proxy}});
  const auto result = send_once(options_with(azure_.ca_file()), environment);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::proxy) << outcome(result);
  EXPECT_THAT(result.error().message, HasSubstr("127.0.0.1:" + std::to_string(nothing.port())));
  EXPECT_THAT(result.error().message, HasSubstr("HTTPS_PROXY"));
  EXPECT_TRUE(azure_.requests().empty());
}

TEST_F(FakeAzureTransport, ProxyCredentialsNeverAppearInErrors) {
  const testserver::RefusingPort nothing;
  const std::string password = "pr0xy-passw0rd-7731";
  const std::string proxy = "http://alice:" + password + "@127.0.0.1:" + std::to_string(nothing.port());
  const MapEnvironment environment({{"HTTPS_PROXY", proxy}});
  const auto result = send_once(options_with(azure_.ca_file()), environment);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::proxy) << outcome(result);
  EXPECT_THAT(result.error().message, Not(HasSubstr(password)));
  EXPECT_THAT(result.error().message, Not(HasSubstr("alice")));
}

// A proxy that accepts the connection and drops it without answering the CONNECT: the failure
// is the proxy's (not retryable, names the proxy), and nothing reached the fake.
TEST_F(FakeAzureTransport, ProxyThatDropsTheTunnelIsAProxyError) {
  TestProxy proxy(TestProxy::Mode::refuse);
  const MapEnvironment environment({{"HTTPS_PROXY", proxy.url()}});
  const auto result = send_once(options_with(azure_.ca_file()), environment);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(proxy.targets(), ElementsAre(host_port(azure_)));
  EXPECT_TRUE(azure_.requests().empty());
  EXPECT_EQ(result.error().kind, Kind::proxy) << outcome(result);
  EXPECT_THAT(result.error().message, HasSubstr("127.0.0.1:" + std::to_string(proxy.port())));
}

// Plain http through a forward proxy that closes without answering. Whether the proxy or the
// origin behind it dropped the request cannot be told apart here, so either kind will do; but the
// connection that closed was the proxy's, and the message must say so (curl_transport.h: failures
// name the host and the proxy).
TEST(FakeAzureTransportHttp, ProxyThatDropsAForwardedRequestIsReportedAgainstTheProxy) {
  FakeAzure azure;
  azure.start();
  TestProxy proxy(TestProxy::Mode::refuse);
  const MapEnvironment environment({{"HTTP_PROXY", proxy.url()}});
  const auto result =
      make_curl_transport(options_with(), environment)->send(get(azure.base_url() + discovery_path(azure)));
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(proxy.targets(), ElementsAre(host_port(azure)));
  EXPECT_TRUE(azure.requests().empty());
  EXPECT_TRUE(result.error().kind == Kind::proxy || result.error().kind == Kind::reset) << outcome(result);
  EXPECT_THAT(result.error().message, HasSubstr("127.0.0.1:" + std::to_string(proxy.port())));
}

// The test proxy itself: a refusing proxy records what it was asked and answers nothing; a
// forwarding one never leaves the machine.
TEST(FakeAzureTestProxy, RefusingProxyRecordsTargetsAndAnswersNothing) {
  TestProxy proxy(TestProxy::Mode::refuse);
  const MapEnvironment environment({{"HTTPS_PROXY", proxy.url()}, {"HTTP_PROXY", proxy.url()}});
  const auto transport = make_curl_transport(options_with(), environment);
  EXPECT_FALSE(transport->send(get("https://127.0.0.1:9/a")).ok());
  EXPECT_FALSE(transport->send(get("http://localhost:8080/b?c=d")).ok());
  EXPECT_THAT(proxy.targets(), ElementsAre("127.0.0.1:9", "localhost:8080"));
  EXPECT_EQ(proxy.connections(), 2u);
}

TEST(FakeAzureTestProxy, ForwardingProxyRefusesTargetsOffThisMachine) {
  TestProxy proxy;
  const MapEnvironment environment({{"HTTP_PROXY", proxy.url()}});
  const auto result = make_curl_transport(options_with(), environment)->send(get("http://example.com/"));
  ASSERT_TRUE(result.ok()) << outcome(result);
  EXPECT_EQ(result->status, 502);
  EXPECT_THAT(proxy.targets(), ElementsAre("example.com:80"));
}

TEST(FakeAzureTestProxy, StopsWithConnectionsStillOpen) {
  FakeAzure azure({.https = true});
  azure.start();
  auto proxy = std::make_unique<TestProxy>();
  const MapEnvironment environment({{"HTTPS_PROXY", proxy->url()}});
  const auto transport = make_curl_transport(options_with(azure.ca_file()), environment);
  ASSERT_TRUE(transport->send(get(azure.base_url() + discovery_path(azure))).ok());
  proxy.reset();  // the tunnel is still open (kept alive by the transport): must not hang
  const auto again = transport->send(get(azure.base_url() + discovery_path(azure)));
  EXPECT_FALSE(again.ok());  // the proxy is gone
}

}  // namespace
}  // namespace azureml::http
