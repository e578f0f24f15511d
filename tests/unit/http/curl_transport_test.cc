// CurlTransport against in-process servers on 127.0.0.1 (test_server.h). Full TLS (a test CA,
// a wrong CA) is covered later against the fakes; here TLS is checked only as far as it fails.
#include "core/http/curl_transport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/unit/http/test_server.h"

namespace azureml::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testserver::RecordedRequest;
using testserver::RefusingPort;
using testserver::Reply;
using testserver::TestServer;
using Kind = TransportError::Kind;
using namespace std::chrono_literals;

CurlOptions quick_options() {
  CurlOptions options;
  options.user_agent = "kubectl-azureml/0.1.0 (test)";
  options.connect_timeout = 2000ms;
  options.total_timeout = 5000ms;
  return options;
}

MapEnvironment env(std::initializer_list<std::pair<std::string, std::string>> variables) {
  MapEnvironment environment;
  for (const auto& [name, value] : variables) environment.set(name, value);
  return environment;
}

Request make_request(std::string method, std::string url, std::string body = "", Headers headers = {}) {
  return Request{std::move(method), std::move(url), std::move(headers), std::move(body)};
}

// "ok 200" or "<kind>: <message>", for readable failures.
std::string describe(const Result<Response, TransportError>& result) {
  if (result.ok()) return "ok " + std::to_string(result->status);
  return std::string(kind_name(result.error().kind)) + ": " + result.error().message;
}

// A temporary file removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    path_ = std::filesystem::temp_directory_path() /
            ("azureml-http-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++) + ".pem");
    std::ofstream(path_) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(CurlTransport, GetReturnsStatusHeadersAndBody) {
  TestServer server(
      {Reply(200, R"({"name":"ws"})").header("Content-Type", "application/json").header("X-Ms-Request-Id", "req-1")});
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("GET", server.url("/subscriptions/s?api-version=2023-10-01")));
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, R"({"name":"ws"})");
  EXPECT_EQ(result->header("x-ms-request-id"), "req-1");  // case-insensitive
  EXPECT_EQ(result->header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(result->header("content-length"), "13");
  EXPECT_EQ(result->header("missing"), std::nullopt);
  for (const auto& header : result->headers) EXPECT_THAT(header.name, Not(HasSubstr("HTTP/")));

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/subscriptions/s?api-version=2023-10-01");
  EXPECT_EQ(requests[0].body, "");
  EXPECT_EQ(requests[0].header("Content-Length"), std::nullopt);
  EXPECT_EQ(requests[0].header("Host"), server.host_port());
}

TEST(CurlTransport, SendsUserAgentAndRequestHeaders) {
  TestServer server({Reply(), Reply()});
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(
      make_request("GET", server.url("/"), "",
                   {{"Authorization", "Bearer t0ken"}, {"x-ms-client-request-id", "cid-7"}, {"X-Empty", ""}}));
  ASSERT_TRUE(result.ok()) << describe(result);
  // A request's own User-Agent wins over the option.
  ASSERT_TRUE(transport->send(make_request("GET", server.url("/"), "", {{"User-Agent", "custom/1"}})).ok());

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].header("user-agent"), "kubectl-azureml/0.1.0 (test)");
  EXPECT_EQ(requests[0].header("authorization"), "Bearer t0ken");
  EXPECT_EQ(requests[0].header("X-MS-CLIENT-REQUEST-ID"), "cid-7");
  EXPECT_EQ(requests[0].header("x-empty"), "");
  EXPECT_EQ(requests[0].header("expect"), std::nullopt);
  EXPECT_EQ(requests[1].header("user-agent"), "custom/1");
  EXPECT_EQ(requests[1].header("authorization"), std::nullopt);  // nothing carries over
}

TEST(CurlTransport, EveryMethodWithBodies) {
  TestServer server({Reply(201, "put"), Reply(200, "post"), Reply(200, "patch"), Reply(202), Reply(200, "get"),
                     Reply(200, "empty-post"), Reply(204)});
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  const Headers json = {{"Content-Type", "application/json"}};
  const std::string put_body = R"({"location":"westeurope","properties":{}})";

  auto put = transport->send(make_request("PUT", server.url("/r"), put_body, json));
  ASSERT_TRUE(put.ok()) << describe(put);
  EXPECT_EQ(put->status, 201);
  EXPECT_EQ(put->body, "put");
  auto post = transport->send(make_request("POST", server.url("/r/action"), "a=1&b=2",
                                           {{"Content-Type", "application/x-www-form-urlencoded"}}));
  ASSERT_TRUE(post.ok()) << describe(post);
  EXPECT_EQ(post->body, "post");
  auto patch = transport->send(make_request("PATCH", server.url("/r"), R"({"tags":{}})", json));
  ASSERT_TRUE(patch.ok()) << describe(patch);
  auto del = transport->send(make_request("DELETE", server.url("/r"), R"({"force":true})", json));
  ASSERT_TRUE(del.ok()) << describe(del);
  EXPECT_EQ(del->status, 202);
  EXPECT_EQ(del->body, "");
  // A GET after bodies on the same handle carries no body and no custom method.
  auto get = transport->send(make_request("GET", server.url("/r")));
  ASSERT_TRUE(get.ok()) << describe(get);
  EXPECT_EQ(get->body, "get");
  // An empty POST (ARM's listKeys) still says Content-Length: 0.
  auto empty_post = transport->send(make_request("POST", server.url("/r/listKeys")));
  ASSERT_TRUE(empty_post.ok()) << describe(empty_post);
  auto bare_delete = transport->send(make_request("DELETE", server.url("/r")));
  ASSERT_TRUE(bare_delete.ok()) << describe(bare_delete);
  EXPECT_EQ(bare_delete->status, 204);

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 7u);
  EXPECT_EQ(requests[0].method, "PUT");
  EXPECT_EQ(requests[0].body, put_body);
  EXPECT_EQ(requests[0].header("content-type"), "application/json");
  EXPECT_EQ(requests[0].header("content-length"), std::to_string(put_body.size()));
  EXPECT_EQ(requests[1].method, "POST");
  EXPECT_EQ(requests[1].target, "/r/action");
  EXPECT_EQ(requests[1].body, "a=1&b=2");
  EXPECT_EQ(requests[1].header("content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(requests[2].method, "PATCH");
  EXPECT_EQ(requests[2].body, R"({"tags":{}})");
  EXPECT_EQ(requests[3].method, "DELETE");
  EXPECT_EQ(requests[3].body, R"({"force":true})");
  EXPECT_EQ(requests[4].method, "GET");
  EXPECT_EQ(requests[4].body, "");
  EXPECT_EQ(requests[4].header("content-length"), std::nullopt);
  EXPECT_EQ(requests[4].header("content-type"), std::nullopt);
  EXPECT_EQ(requests[5].method, "POST");
  EXPECT_EQ(requests[5].header("content-length"), "0");
  EXPECT_EQ(requests[6].method, "DELETE");
  EXPECT_EQ(requests[6].header("content-length"), std::nullopt);
  for (const auto& request : requests) EXPECT_EQ(request.connection, 1);
}

TEST(CurlTransport, LargeBodiesBothWaysWithoutExpectContinue) {
  const std::string upload(2 * 1024 * 1024, 'u');
  const std::string download(3 * 1024 * 1024, 'd');
  TestServer server({Reply(200, download)});
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("PUT", server.url("/big"), upload));
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(result->body.size(), download.size());
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].body.size(), upload.size());
  EXPECT_EQ(requests[0].header("expect"), std::nullopt);  // so no 1 s wait for a 100 Continue
}

TEST(CurlTransport, ReusesOneConnection) {
  TestServer server({Reply(), Reply(), Reply()});
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  ASSERT_TRUE(transport->send(make_request("GET", server.url("/1"))).ok());
  ASSERT_TRUE(transport->send(make_request("PUT", server.url("/2"), "{}")).ok());
  ASSERT_TRUE(transport->send(make_request("GET", server.url("/3"))).ok());
  EXPECT_EQ(server.connections(), 1);
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST(CurlTransport, OpensANewConnectionAfterTheServerClosesOne) {
  TestServer server({Reply().closing_after(), Reply()});
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  ASSERT_TRUE(transport->send(make_request("GET", server.url("/1"))).ok());
  ASSERT_TRUE(transport->send(make_request("GET", server.url("/2"))).ok());
  EXPECT_EQ(server.connections(), 2);
}

TEST(CurlTransport, RedirectsAreReturnedNotFollowed) {
  TestServer server({Reply(302).header("Location", "/elsewhere"), Reply()});
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("GET", server.url("/start")));
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(result->status, 302);
  EXPECT_EQ(result->header("location"), "/elsewhere");
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(CurlTransport, KeepsOnlyTheFinalResponsesHeaders) {
  TestServer server(
      {Reply(200, "done").header("X-Final", "yes").preceded_by("HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n")});
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("POST", server.url("/"), "x"));
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, "done");
  EXPECT_EQ(result->header("x-final"), "yes");
  EXPECT_EQ(result->header("x-interim"), std::nullopt);
}

TEST(CurlTransport, ConnectionRefusedIsConnect) {
  RefusingPort port;
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("GET", port.url("/x?sig=SECRETSIG")));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::connect) << describe(result);
  EXPECT_THAT(result.error().message, HasSubstr("127.0.0.1:" + std::to_string(port.port())));
  EXPECT_THAT(result.error().message, HasSubstr("Connection refused"));
  EXPECT_THAT(result.error().message, Not(HasSubstr("SECRETSIG")));
}

TEST(CurlTransport, SlowServerIsTimeout) {
  TestServer server({Reply(200, "late").delayed(3000ms)});
  MapEnvironment environment;
  auto options = quick_options();
  options.total_timeout = 300ms;
  auto transport = make_curl_transport(options, environment);
  const auto started = std::chrono::steady_clock::now();
  const auto result = transport->send(make_request("GET", server.url("/slow?sig=SECRETSIG")));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::timeout) << describe(result);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2500ms);
  EXPECT_THAT(result.error().message, HasSubstr(server.host_port()));
  EXPECT_THAT(result.error().message, HasSubstr("300 ms"));
  EXPECT_THAT(result.error().message, Not(HasSubstr("SECRETSIG")));
}

TEST(CurlTransport, ClosedWithoutAnswerIsReset) {
  TestServer server({Reply().closing_without_answer()});
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("GET", server.url("/")));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::reset) << describe(result);
  EXPECT_THAT(result.error().message, HasSubstr(server.host_port()));
}

TEST(CurlTransport, TransportStaysUsableAfterAnError) {
  TestServer server({Reply().closing_without_answer(), Reply(200, "fine")});
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  EXPECT_FALSE(transport->send(make_request("GET", server.url("/"))).ok());
  const auto result = transport->send(make_request("GET", server.url("/")));
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(result->body, "fine");
}

TEST(CurlTransport, HttpProxyFromTheEnvironment) {
  TestServer origin({Reply(200, "via proxy"), Reply(200, "again")});
  TestServer proxy({}, TestServer::Mode::proxy);
  MapEnvironment environment = env({{"HTTP_PROXY", "http://" + proxy.host_port()}});
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("GET", origin.url("/path?q=1")));
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(result->body, "via proxy");
  ASSERT_TRUE(transport->send(make_request("PUT", origin.url("/p2"), "{}")).ok());

  const auto seen = proxy.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].target, origin.url("/path?q=1"));  // absolute URI: a forward-proxy request
  EXPECT_EQ(seen[1].method, "PUT");
  EXPECT_EQ(seen[1].body, "{}");
  EXPECT_EQ(proxy.connections(), 1);
  const auto arrived = origin.requests();
  ASSERT_EQ(arrived.size(), 2u);
  EXPECT_EQ(arrived[0].target, "/path?q=1");
}

TEST(CurlTransport, LowercaseHttpProxyToo) {
  TestServer origin({Reply()});
  TestServer proxy({}, TestServer::Mode::proxy);
  MapEnvironment environment = env({{"http_proxy", proxy.host_port()}});  // no scheme: http
  auto transport = make_curl_transport(quick_options(), environment);
  ASSERT_TRUE(transport->send(make_request("GET", origin.url("/"))).ok());
  EXPECT_EQ(proxy.requests().size(), 1u);
}

TEST(CurlTransport, NoProxyBypassesTheProxy) {
  TestServer origin({Reply(200, "direct")});
  TestServer proxy({}, TestServer::Mode::proxy);
  MapEnvironment environment =
      env({{"HTTP_PROXY", "http://" + proxy.host_port()}, {"NO_PROXY", "example.com,127.0.0.1"}});
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("GET", origin.url("/")));
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(result->body, "direct");
  EXPECT_EQ(proxy.connections(), 0);
  EXPECT_EQ(origin.connections(), 1);
}

TEST(CurlTransport, NoProxyForms) {
  TestServer origin({Reply(), Reply(), Reply(), Reply()});
  TestServer proxy({}, TestServer::Mode::proxy);
  const std::string via = "http://" + proxy.host_port();
  for (const char* no_proxy : {"*", "127.0.0.0/8", " example.com , 127.0.0.1 "}) {
    auto transport = make_curl_transport(quick_options(), env({{"http_proxy", via}, {"no_proxy", no_proxy}}));
    ASSERT_TRUE(transport->send(make_request("GET", origin.url("/"))).ok()) << no_proxy;
  }
  EXPECT_EQ(proxy.connections(), 0);
  // Names match names only: "localhost" and "0.0.1" do not cover 127.0.0.1.
  auto transport = make_curl_transport(quick_options(), env({{"HTTP_PROXY", via}, {"NO_PROXY", "localhost,0.0.1"}}));
  ASSERT_TRUE(transport->send(make_request("GET", origin.url("/"))).ok());
  EXPECT_EQ(proxy.requests().size(), 1u);
}

TEST(CurlTransport, BypassedProxyDoesNotTakeTheBlame) {
  RefusingPort port;
  TestServer proxy({}, TestServer::Mode::proxy);
  auto transport = make_curl_transport(quick_options(),
                                       env({{"HTTP_PROXY", "http://" + proxy.host_port()}, {"NO_PROXY", "127.0.0.1"}}));
  const auto result = transport->send(make_request("GET", port.url("/")));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::connect) << describe(result);
  EXPECT_THAT(result.error().message, Not(HasSubstr("proxy")));
  EXPECT_EQ(proxy.connections(), 0);
}

TEST(CurlTransport, HttpsProxyIsNotUsedForHttpUrls) {
  TestServer origin({Reply()});
  TestServer proxy({}, TestServer::Mode::proxy);
  MapEnvironment environment = env({{"HTTPS_PROXY", "http://" + proxy.host_port()}});
  auto transport = make_curl_transport(quick_options(), environment);
  ASSERT_TRUE(transport->send(make_request("GET", origin.url("/"))).ok());
  EXPECT_EQ(proxy.connections(), 0);
}

TEST(CurlTransport, UnreachableProxyIsProxyAndHidesItsCredentials) {
  RefusingPort port;
  TestServer origin({Reply()});
  MapEnvironment environment = env({{"HTTP_PROXY", "http://user:pr0xyPass@127.0.0.1:" + std::to_string(port.port())}});
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("GET", origin.url("/")));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::proxy) << describe(result);
  EXPECT_THAT(result.error().message, HasSubstr("HTTP_PROXY"));
  EXPECT_THAT(result.error().message, HasSubstr("127.0.0.1:" + std::to_string(port.port())));
  EXPECT_THAT(result.error().message, Not(HasSubstr("pr0xyPass")));
  EXPECT_EQ(origin.connections(), 0);
}

TEST(CurlTransport, ProxyRefusingTheTunnelIsProxy) {
  TestServer proxy({}, TestServer::Mode::proxy);  // answers CONNECT with 403
  RefusingPort target;
  MapEnvironment environment = env({{"HTTPS_PROXY", "http://" + proxy.host_port()}});
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result =
      transport->send(make_request("GET", "https://127.0.0.1:" + std::to_string(target.port()) + "/x?sig=SECRETSIG"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::proxy) << describe(result);
  EXPECT_THAT(result.error().message, HasSubstr("HTTPS_PROXY"));
  EXPECT_THAT(result.error().message, Not(HasSubstr("SECRETSIG")));
  const auto seen = proxy.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "CONNECT");
  EXPECT_EQ(seen[0].target, "127.0.0.1:" + std::to_string(target.port()));
}

TEST(CurlTransport, HttpsToAPlainServerFailsAsTls) {
  TestServer server({Reply()});
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("GET", "https://" + server.host_port() + "/?sig=SECRETSIG"));
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.error().kind == Kind::tls || result.error().kind == Kind::reset) << describe(result);
  EXPECT_THAT(result.error().message, HasSubstr(server.host_port()));
  EXPECT_THAT(result.error().message, Not(HasSubstr("SECRETSIG")));
  EXPECT_TRUE(server.requests().empty());  // nothing was sent in clear
}

TEST(CurlTransport, MissingCaBundleIsTls) {
  TestServer server;
  MapEnvironment environment;
  auto options = quick_options();
  options.ca_bundle = "/nonexistent/azureml-test/ca.pem";
  auto transport = make_curl_transport(options, environment);
  const auto result = transport->send(make_request("GET", "https://" + server.host_port() + "/"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::tls) << describe(result);
  EXPECT_EQ(
      result.error().message,
      "CA bundle '/nonexistent/azureml-test/ca.pem' (from --ca-bundle) cannot be read: No such file or directory");
  EXPECT_EQ(server.connections(), 0);
}

TEST(CurlTransport, CaBundleFromTheEnvironmentInOrder) {
  MapEnvironment both = env({{"REQUESTS_CA_BUNDLE", "/nonexistent/a.pem"}, {"SSL_CERT_FILE", "/nonexistent/b.pem"}});
  MapEnvironment ssl_only = env({{"SSL_CERT_FILE", "/nonexistent/b.pem"}, {"REQUESTS_CA_BUNDLE", ""}});
  const auto url = "https://127.0.0.1:1/";
  auto from_requests = make_curl_transport(quick_options(), both)->send(make_request("GET", url));
  ASSERT_FALSE(from_requests.ok());
  EXPECT_EQ(from_requests.error().kind, Kind::tls);
  EXPECT_THAT(from_requests.error().message, HasSubstr("'/nonexistent/a.pem' (from REQUESTS_CA_BUNDLE)"));
  auto from_ssl = make_curl_transport(quick_options(), ssl_only)->send(make_request("GET", url));
  ASSERT_FALSE(from_ssl.ok());
  EXPECT_THAT(from_ssl.error().message, HasSubstr("'/nonexistent/b.pem' (from SSL_CERT_FILE)"));
  auto options = quick_options();
  options.ca_bundle = "/nonexistent/c.pem";
  auto from_option = make_curl_transport(options, both)->send(make_request("GET", url));
  ASSERT_FALSE(from_option.ok());
  EXPECT_THAT(from_option.error().message, HasSubstr("'/nonexistent/c.pem' (from --ca-bundle)"));
}

TEST(CurlTransport, MissingCaBundleDoesNotBreakPlainHttp) {
  TestServer server({Reply()});
  MapEnvironment environment = env({{"SSL_CERT_FILE", "/nonexistent/b.pem"}});
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("GET", server.url("/")));
  EXPECT_TRUE(result.ok()) << describe(result);
}

TEST(CurlTransport, UnusableCaBundleIsTls) {
  TestServer server({Reply()});
  TempFile garbage("this is not a certificate\n");
  MapEnvironment environment = env({{"REQUESTS_CA_BUNDLE", garbage.path()}});
  auto transport = make_curl_transport(quick_options(), environment);
  const auto result = transport->send(make_request("GET", "https://" + server.host_port() + "/"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::tls) << describe(result);
  EXPECT_THAT(result.error().message, HasSubstr(garbage.path()));
  EXPECT_THAT(result.error().message, HasSubstr("REQUESTS_CA_BUNDLE"));
}

TEST(CurlTransport, RejectsBadUrlsMethodsAndHeaders) {
  MapEnvironment environment;
  auto transport = make_curl_transport(quick_options(), environment);
  auto relative = transport->send(make_request("GET", "/relative/path?sig=SECRETSIG"));
  ASSERT_FALSE(relative.ok());
  EXPECT_EQ(relative.error().kind, Kind::other);
  EXPECT_THAT(relative.error().message, Not(HasSubstr("SECRETSIG")));
  auto ftp = transport->send(make_request("GET", "ftp://127.0.0.1/file"));
  ASSERT_FALSE(ftp.ok());
  EXPECT_EQ(ftp.error().kind, Kind::other);
  auto method = transport->send(make_request("GE T", "http://127.0.0.1:1/"));
  ASSERT_FALSE(method.ok());
  EXPECT_EQ(method.error().kind, Kind::other);
  auto injected = transport->send(make_request("GET", "http://127.0.0.1:1/", "", {{"X-A", "v\r\nX-Injected: 1"}}));
  ASSERT_FALSE(injected.ok());
  EXPECT_EQ(injected.error().kind, Kind::other);
  EXPECT_THAT(injected.error().message, HasSubstr("X-A"));
}

}  // namespace
}  // namespace azureml::http
