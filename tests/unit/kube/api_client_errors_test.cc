// How KubeClient fails, against the fake API server: the exit code each failure maps to
// (401/403 -> 3, 404 -> 4, timeout -> 5, the rest -> 1), what the message names, the exec
// plugin's second chance after a 401, and what -v logs (and never logs).
#include <algorithm>
#include <sstream>

#include "tests/unit/kube/api_client_test_support.h"

namespace azureml::kube {
namespace {

using test::outcome;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

struct KubeClientErrors : test::KubeApiTest {};

TEST_F(KubeClientErrors, WrongTokenIsUnauthorizedWithARemedyAboutCredentials) {
  auto nodes = client(config({.token = "not-a-token-the-server-knows"}))->nodes();
  ASSERT_FALSE(nodes.ok());
  const KubeApiError& error = nodes.error();
  EXPECT_EQ(error.kind, KubeApiError::Kind::http);
  EXPECT_EQ(error.status, 401);
  EXPECT_EQ(error.reason, "Unauthorized");
  EXPECT_EQ(error.exit_code(), ExitCode::auth);
  const std::string text = error.describe();
  EXPECT_THAT(text, HasSubstr(kube.base_url()));
  EXPECT_THAT(text, HasSubstr("/api/v1/nodes"));
  EXPECT_THAT(text, HasSubstr("credentials"));
  EXPECT_THAT(text, Not(HasSubstr("not-a-token-the-server-knows")));
  // A static token is not retried: there is nothing new to send.
  EXPECT_EQ(kube.requests().size(), 1u);
}

TEST_F(KubeClientErrors, ForbiddenIsAnAuthorizationError) {
  kube.add_fault({.kind = fakes::FaultKind::status, .method = "GET", .path_regex = "^/api/v1/nodes$", .status = 403});
  auto nodes = client(config())->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().status, 403);
  EXPECT_EQ(nodes.error().reason, "Forbidden");
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::auth);
  EXPECT_THAT(nodes.error().describe(), HasSubstr("kubectl auth can-i"));
  EXPECT_EQ(kube.requests().size(), 1u);  // 403 is not a reason to rerun anything
}

TEST_F(KubeClientErrors, NotFoundOnGetIsExitFourWithTheStatusReason) {
  auto got = client(config())->get("/api/v1/namespaces/azureml/configmaps/no-such-map");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, KubeApiError::Kind::http);
  EXPECT_EQ(got.error().status, 404);
  EXPECT_EQ(got.error().reason, "NotFound");
  EXPECT_THAT(got.error().message, HasSubstr("no-such-map"));
  EXPECT_EQ(got.error().exit_code(), ExitCode::not_found);
  EXPECT_EQ(got.error().path, "/api/v1/namespaces/azureml/configmaps/no-such-map");
}

TEST_F(KubeClientErrors, ServerErrorOtherThanNotFoundIsNotAbsence) {
  // namespace_exists and config_map turn only a 404 into "no"; a 500 must stay an error, or
  // doctor would report a namespace missing while the API server is sick.
  kube.add_fault({.kind = fakes::FaultKind::status,
                  .method = "GET",
                  .path_regex = "",
                  .times = fakes::Fault::kAlways,
                  .status = 500});
  auto api = client(config());
  auto exists = api->namespace_exists("azureml");
  ASSERT_FALSE(exists.ok());
  EXPECT_EQ(exists.error().status, 500);
  EXPECT_EQ(exists.error().exit_code(), ExitCode::failed);
  auto map = api->config_map("azure-arc", "azure-clusterconfig");
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.error().status, 500);
}

TEST_F(KubeClientErrors, ConnectionResetIsExitOneNamingTheServer) {
  kube.add_fault({.kind = fakes::FaultKind::reset, .method = "GET", .path_regex = "", .times = fakes::Fault::kAlways});
  auto nodes = client(config())->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().kind, KubeApiError::Kind::transport);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::failed);
  EXPECT_THAT(nodes.error().describe(), HasSubstr("could not reach the Kubernetes API server at " + kube.base_url()));
  EXPECT_EQ(nodes.error().hint, "");  // not a TLS problem: no advice about CAs
}

TEST_F(KubeClientErrors, UnreachableServerIsExitOneNamingTheServer) {
  const RestConfig rest = config();
  kube.stop();  // nothing listens on the port any more
  auto nodes = client(rest)->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().kind, KubeApiError::Kind::transport);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(nodes.error().server, kube.base_url());
  EXPECT_THAT(nodes.error().describe(), HasSubstr(kube.base_url()));
  EXPECT_THAT(nodes.error().describe(), HasSubstr("GET /api/v1/nodes"));
}

TEST_F(KubeClientErrors, RequestTimeoutIsExitFive) {
  // The one test that waits on the clock: 300 ms of patience against a 3 s delay (the fake
  // ends the delay when it stops, so the test does not wait it out).
  kube.add_fault(fakes::Fault::slow(3000, "GET", "^/api/v1/nodes$"));
  RestConfig rest = config();
  rest.request_timeout = 300ms;
  auto nodes = client(rest)->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().kind, KubeApiError::Kind::transport);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::timed_out);
  EXPECT_THAT(nodes.error().describe(), HasSubstr("timed out"));
}

TEST_F(KubeClientErrors, NonJsonSuccessBodyIsAResponseError) {
  kube.add_fault(fakes::Fault::malformed_json("GET", "^/api/v1/nodes$"));
  auto nodes = client(config())->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().kind, KubeApiError::Kind::response);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::failed);
  EXPECT_THAT(nodes.error().describe(), HasSubstr("not a JSON object"));
}

TEST_F(KubeClientErrors, JsonThatIsNotAnObjectIsAResponseError) {
  test::ScriptedTransport server;
  server.answer(200, "[1,2,3]");
  auto got = client(config(), {}, nullptr, &server)->get("/api/v1/nodes");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, KubeApiError::Kind::response);
}

TEST_F(KubeClientErrors, ErrorBodyThatIsNotAStatusIsQuoted) {
  // A proxy in front of the API server answers in its own words.
  test::ScriptedTransport server;
  server.answer(502, "<html>Bad Gateway</html>");
  auto got = client(config(), {}, nullptr, &server)->get("/api/v1/nodes");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().status, 502);
  EXPECT_EQ(got.error().reason, "");
  EXPECT_THAT(got.error().message, HasSubstr("Bad Gateway"));
  EXPECT_EQ(got.error().exit_code(), ExitCode::failed);
}

TEST_F(KubeClientErrors, StatusFieldsOfTheWrongTypeAreIgnoredNotFatal) {
  // Found by fuzz/kube_responses: value("kind", "") threw on a number and ended the process.
  test::ScriptedTransport server;
  server.answer(403, R"({"kind": 3, "reason": ["Forbidden"], "message": {"text": "no"}})");
  server.answer(403, R"({"kind": "Status", "reason": 7, "message": null})");
  auto api = client(config(), {}, nullptr, &server);
  for (int i = 0; i < 2; ++i) {
    auto got = api->get("/api/v1/nodes");
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().status, 403);
    EXPECT_EQ(got.error().reason, "");
    EXPECT_EQ(got.error().exit_code(), ExitCode::auth);
  }
}

TEST_F(KubeClientErrors, AContinueTokenThatIsNotAStringIsAShapeErrorNotTheEndOfTheList) {
  // Read as "no more pages" it would quietly cut the list short.
  test::ScriptedTransport server;
  server.answer(200, R"({"items": [{"metadata": {"name": "n1"}}], "metadata": {"continue": 42}})");
  auto nodes = client(config(), {}, nullptr, &server)->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().kind, KubeApiError::Kind::response);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::failed);
  EXPECT_THAT(nodes.error().describe(),
              HasSubstr("GET /api/v1/nodes with JSON of an unexpected shape: at $.metadata.continue a string was "
                        "expected, not a number"));
  EXPECT_EQ(server.requests.size(), 1u);
}

TEST_F(KubeClientErrors, GatewayTimeoutStatusIsExitFive) {
  kube.add_fault({.kind = fakes::FaultKind::status, .method = "GET", .path_regex = "", .status = 504});
  auto nodes = client(config())->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().status, 504);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::timed_out);
}

// --- exec credential plugins ---

// Prints token-<n>, n counting its runs (in ~/bin/count).
const char* const kCountingPlugin = R"(dir=$(dirname "$0")
n=$(cat "$dir/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$dir/count"
echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"token-'$n'","expirationTimestamp":"2027-01-15T09:00:00Z"}}'
)";

TEST_F(KubeClientErrors, RefusedExecTokenRunsThePluginAgainOnce) {
  // The server knows only the second token: the first was revoked before it expired.
  kube.add_token("token-2", "exec-user");
  auto api = client(config_from(exec_kubeconfig(kCountingPlugin)));
  auto exists = api->namespace_exists("azureml");
  ASSERT_TRUE(exists.ok()) << outcome(exists);
  EXPECT_TRUE(*exists);
  EXPECT_EQ(read_home("bin/count"), "2\n");
  const auto sent = kube.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].http.status, 401);
  EXPECT_EQ(sent[1].http.status, 200);
  EXPECT_EQ(sent[1].user, "exec-user");
  EXPECT_EQ(api->requests_sent(), 2u);

  // The new token is kept: the next request neither runs the plugin nor meets a 401.
  ASSERT_TRUE(api->nodes().ok());
  EXPECT_EQ(read_home("bin/count"), "2\n");
  EXPECT_EQ(kube.requests().size(), 3u);
}

TEST_F(KubeClientErrors, PluginThatKeepsGivingARefusedTokenFailsAfterTwoRequests) {
  auto api = client(config_from(exec_kubeconfig(R"(dir=$(dirname "$0")
n=$(cat "$dir/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$dir/count"
echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"always-refused"}}'
)")));
  auto nodes = api->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().status, 401);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::auth);
  EXPECT_EQ(kube.requests().size(), 2u);
  EXPECT_EQ(api->requests_sent(), 2u);
  EXPECT_EQ(read_home("bin/count"), "2\n");
}

TEST_F(KubeClientErrors, FailingPluginIsACredentialErrorAndSendsNothing) {
  auto api = client(config_from(exec_kubeconfig("echo 'login required: run az login' >&2\nexit 1\n")));
  auto nodes = api->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().kind, KubeApiError::Kind::credential);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::auth);
  EXPECT_THAT(nodes.error().describe(), HasSubstr("az login"));
  EXPECT_TRUE(kube.requests().empty());
  EXPECT_EQ(api->requests_sent(), 0u);
}

// --- -v ---

struct KubeClientVerbose : test::KubeApiTest {
  std::ostringstream stream;
  Redactor redactor;  // nothing registered: the client itself must keep secrets out
  StreamLog log{stream, true, redactor};
};

TEST_F(KubeClientVerbose, EachGetIsLoggedWithItsStatus) {
  auto api = client(config(), {.page_size = 2}, &log);
  ASSERT_TRUE(api->nodes().ok());
  ASSERT_TRUE(api->namespace_exists("missing").ok());
  const std::string text = stream.str();
  EXPECT_THAT(text, HasSubstr("GET " + kube.base_url() + "/api/v1/nodes?limit=2 -> 200"));
  EXPECT_THAT(text, HasSubstr("GET " + kube.base_url() + "/api/v1/nodes?limit=2&continue="));
  EXPECT_THAT(text, HasSubstr("GET " + kube.base_url() + "/api/v1/namespaces/missing -> 404"));
  // One line per request sent: 3 pages and one namespace.
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4);
}

TEST_F(KubeClientVerbose, NeitherTheTokenNorTheClientKeyIsLogged) {
  const fakes::CertificateAndKey certificate = kube.issue_client_certificate("both");
  // A token the redactor's heuristics would not recognise: only the client can keep it out.
  kube.add_token("plain-secret-value-1234", "both-token");
  auto api = client(config({.token = "plain-secret-value-1234", .certificate = certificate}), {}, &log);
  ASSERT_TRUE(api->nodes().ok());
  ASSERT_FALSE(api->get("/api/v1/namespaces/nope").ok());
  const std::string text = stream.str();
  ASSERT_THAT(text, HasSubstr("/api/v1/nodes"));
  EXPECT_THAT(text, Not(HasSubstr("plain-secret-value-1234")));
  EXPECT_THAT(text, Not(HasSubstr("PRIVATE KEY")));
  // A line of the key's base64 body.
  const std::string& key = certificate.private_key_pem;
  const auto body = key.find('\n') + 1;
  EXPECT_THAT(text, Not(HasSubstr(key.substr(body, key.find('\n', body) - body))));
}

TEST_F(KubeClientVerbose, TransportErrorsAreLoggedToo) {
  const RestConfig rest = config();
  kube.stop();
  ASSERT_FALSE(client(rest, {}, &log)->nodes().ok());
  EXPECT_THAT(stream.str(), HasSubstr("GET " + kube.base_url() + "/api/v1/nodes?limit=500 -> error:"));
}

TEST_F(KubeClientVerbose, QuietLogWritesNothing) {
  StreamLog silent{stream, false, redactor};
  ASSERT_TRUE(client(config(), {}, &silent)->nodes().ok());
  EXPECT_EQ(stream.str(), "");
}

}  // namespace
}  // namespace azureml::kube
