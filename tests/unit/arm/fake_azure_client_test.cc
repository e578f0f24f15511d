// ArmClient against the fake Azure over HTTPS: plain GET/PUT/DELETE, every retryable fault
// (408, 429 with Retry-After, 500, 502, 503, 504, connection reset, a response slower than the
// transport's timeout) retried to success or given up after the bounded attempts, malformed
// JSON, and 401s answered by exactly one forced token refresh. Waits run on a FakeClock: the
// asserted sleeps are the policy's, not wall time. Each test checks what the fake recorded,
// request by request, in order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "core/arm/retry.h"
#include "tests/unit/arm/fake_azure_arm_harness.h"

namespace azureml::arm {
namespace {

using namespace fake_azure;
using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Strings = std::vector<std::string>;

const std::string kRegister = "/subscriptions/" + kSub + "/providers/Microsoft.Relay/register";

// The jittered waits of the default policy with the harness's random 0.5: retries 1, 2, 3, ...
std::chrono::milliseconds backoff(int retry) { return backoff_delay(RetryPolicy{}, retry, 0.5); }

RequestOptions with_query(Query query) {
  RequestOptions options;
  options.query = std::move(query);
  return options;
}

std::string describe(const Result<ArmResponse, ArmError>& result) {
  if (result.ok()) return "ok " + std::to_string(result->status);
  return result.error().describe() + " [" + result.error().gave_up + "]";
}

// --- happy paths ---

TEST(FakeAzureArmClient, GetsAResourceWithTheHeadersArmExpects) {
  ArmHarness h;
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->json.value("name", ""), "ws1");
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("GET", kWorkspace, 200)}));

  const auto recorded = h.azure.requests();
  ASSERT_EQ(recorded.size(), 2u);
  const auto& get = recorded[1];
  EXPECT_EQ(get.query_value("api-version"), kApi);
  EXPECT_EQ(get.header("Authorization"), "REDACTED");  // present (and kept out of the record)
  EXPECT_EQ(get.header("Accept"), "application/json");
  EXPECT_EQ(get.header("User-Agent"), kUserAgent);
  EXPECT_EQ(get.header("x-ms-client-request-id"), h.client->client_request_id());
  EXPECT_EQ(h.client->counters().requests, 1u);
}

// One run: one client request id on every request, one connection for AAD and ARM alike.
TEST(FakeAzureArmClient, UsesOneClientRequestIdAndOneConnectionForTheRun) {
  ArmHarness h;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(h.client->get(kWorkspace, kApi).ok());
  const auto recorded = h.azure.requests();
  ASSERT_EQ(recorded.size(), 5u);  // one token request, four GETs
  for (std::size_t i = 1; i < recorded.size(); ++i)
    EXPECT_EQ(recorded[i].header("x-ms-client-request-id"), h.client->client_request_id());
  EXPECT_EQ(h.azure.connections(), 1u);
}

TEST(FakeAzureArmClient, MissingResourceIsNotFoundWithExit4AndTheRequestId) {
  ArmHarness h;
  const auto result = h.client->get(kWorkspace + "/computes/absent", kApi);
  ASSERT_FALSE(result.ok());
  const ArmError& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::http);
  EXPECT_EQ(error.status, 404);
  EXPECT_EQ(error.code, "ResourceNotFound");
  EXPECT_EQ(error.exit_code(), ExitCode::not_found);
  EXPECT_EQ(error.attempts, 1);
  EXPECT_FALSE(error.request_id.empty());
  EXPECT_THAT(error.summary(), HasSubstr(error.request_id));
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("GET", kWorkspace + "/computes/absent", 404)}));
}

// A hybrid connection is created synchronously: 200, no operation to wait for.
TEST(FakeAzureArmClient, PutsASynchronousResource) {
  ArmHarness h;
  h.azure.put_resource(
      {{"id", kRelay}, {"name", "relay1"}, {"type", "Microsoft.Relay/namespaces"}, {"location", "eastus"}});
  const nlohmann::json body = {{"properties", {{"requiresClientAuthorization", true}}}};
  const auto result = put_and_wait(*h.client, kHybridConnection, kApi, body);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(result->value("name", ""), "hc1");
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kHybridConnection, 200)}));
  const auto recorded = h.azure.requests();
  EXPECT_EQ(nlohmann::json::parse(recorded[1].body), body);
  EXPECT_EQ(recorded[1].header("Content-Type"), "application/json");
}

TEST(FakeAzureArmClient, DeletesSynchronously) {
  ArmHarness h;
  h.azure.add_extension({.cluster_id = kCluster});
  const auto result = delete_and_wait(*h.client, kExtension, kApi, with_query({{"forceDelete", "true"}}));
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_TRUE(result->is_null());
  EXPECT_FALSE(h.azure.resource(kExtension).has_value());
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("DELETE", kExtension, 200)}));
  EXPECT_EQ(h.azure.requests()[1].query_value("forceDelete"), "true");
}

TEST(FakeAzureArmClient, DeletingWhatIsNotThereSucceeds) {
  ArmHarness h;
  const auto result = delete_and_wait(*h.client, kExtension, kApi);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("DELETE", kExtension, 204)}));
}

// --- retryable statuses ---

class FakeAzureArmRetry : public ::testing::TestWithParam<int> {};

TEST_P(FakeAzureArmRetry, RetriesTheStatusAndSucceeds) {
  const int status = GetParam();
  ArmHarness h;
  h.azure.add_fault(Fault::server_error(status, "GET", "workspaces/ws1$"));
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("GET", kWorkspace, status), line("GET", kWorkspace, 200)}));
  // No Retry-After: the policy's backoff, on the fake clock.
  EXPECT_EQ(h.clock.total_slept(), backoff(1));
  EXPECT_THAT(h.retry_delays(), ElementsAre(backoff(1)));
  EXPECT_EQ(h.client->counters().retries, 1u);
  EXPECT_EQ(h.client->counters().requests, 2u);
}

TEST_P(FakeAzureArmRetry, GivesUpAfterTheBoundedAttempts) {
  const int status = GetParam();
  ArmHarness h;
  Fault fault = Fault::server_error(status, "GET", "workspaces/ws1$");
  fault.times = Fault::kAlways;
  h.azure.add_fault(fault);
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_FALSE(result.ok());
  const ArmError& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::http);
  EXPECT_EQ(error.status, status);
  EXPECT_EQ(error.attempts, 5);
  EXPECT_EQ(error.gave_up, "gave up after 5 attempts");
  // 408 and 504 are timeouts (exit 5); the other 5xx are failures (exit 1).
  EXPECT_EQ(error.exit_code(), status == 408 || status == 504 ? ExitCode::timed_out : ExitCode::failed);
  Strings expected = {h.token_request()};
  for (int i = 0; i < 5; ++i) expected.push_back(line("GET", kWorkspace, status));
  EXPECT_EQ(h.sequence(), expected);
  EXPECT_EQ(h.clock.total_slept(), backoff(1) + backoff(2) + backoff(3) + backoff(4));
}

INSTANTIATE_TEST_SUITE_P(FakeAzure, FakeAzureArmRetry, ::testing::Values(408, 500, 502, 503, 504),
                         [](const ::testing::TestParamInfo<int>& status) {
                           return "HTTP" + std::to_string(status.param);
                         });

// --- 429 and Retry-After ---

TEST(FakeAzureArmClient, HonoursRetryAfterSecondsOn429) {
  ArmHarness h;
  h.azure.add_fault(Fault::throttle("GET", "workspaces/ws1$", 7));
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("GET", kWorkspace, 429), line("GET", kWorkspace, 200)}));
  EXPECT_EQ(h.clock.total_slept(), 7s);  // exactly what the server asked, no jitter
  EXPECT_EQ(h.client->counters().throttled, 1u);
  EXPECT_EQ(h.client->counters().retries, 1u);
}

// A 429 that says when to come back is ARM's protocol, not a failed attempt: it is followed
// for as long as the retry budget (5 minutes) lasts, however many times it comes.
TEST(FakeAzureArmClient, FollowsRetryAfterOn429UntilTheTimeBudgetRunsOut) {
  ArmHarness h;
  Fault fault = Fault::throttle("GET", "workspaces/ws1$", 30);
  fault.times = Fault::kAlways;
  h.azure.add_fault(fault);
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().status, 429);
  EXPECT_EQ(result.error().code, "TooManyRequests");
  EXPECT_EQ(result.error().attempts, 11);  // sent at 0, 30, ..., 300 s
  EXPECT_THAT(result.error().gave_up, HasSubstr("retry limit"));
  EXPECT_EQ(result.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(h.clock.total_slept(), 10 * 30s);
  EXPECT_EQ(h.client->counters().throttled, 11u);
  EXPECT_EQ(h.sequence().size(), 12u);
}

// Without a Retry-After a 429 is an ordinary retryable answer, bounded by the attempts.
TEST(FakeAzureArmClient, GivesUpOn429WithoutRetryAfterAfterTheBoundedAttempts) {
  ArmHarness h;
  Fault fault = Fault::throttle("GET", "workspaces/ws1$", -1);
  fault.times = Fault::kAlways;
  h.azure.add_fault(fault);
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().status, 429);
  EXPECT_EQ(result.error().attempts, 5);
  EXPECT_EQ(h.client->counters().throttled, 5u);
}

// A Retry-After that would outlast the retry budget (5 minutes) is not waited for at all.
TEST(FakeAzureArmClient, RetryAfterBeyondTheRetryBudgetGivesUpAtOnce) {
  ArmHarness h;
  h.azure.add_fault(Fault::throttle("GET", "workspaces/ws1$", 600));
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().status, 429);
  EXPECT_EQ(result.error().attempts, 1);
  EXPECT_THAT(result.error().gave_up, HasSubstr("retry limit"));
  EXPECT_EQ(h.clock.total_slept(), 0ms);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("GET", kWorkspace, 429)}));
}

// --- transport failures ---

// The reset hits the first request of a fresh connection (a handed-in token: no request to AAD
// first), so it reaches the client's retry policy: libcurl itself re-sends a request only when a
// connection it reused dies (see NonIdempotentPostOnAReusedConnectionIsNotSentTwice).
TEST(FakeAzureArmClient, RetriesAConnectionReset) {
  ArmHarness h({}, {.static_token = true});
  h.azure.add_fault(Fault::reset("GET", "workspaces/ws1$"));
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_TRUE(result.ok()) << describe(result);
  // A reset request is recorded with status 0: no answer was ever written.
  EXPECT_EQ(h.sequence(), (Strings{line("GET", kWorkspace, 0), line("GET", kWorkspace, 200)}));
  EXPECT_EQ(h.azure.connections(), 2u);  // the reset one, then a new one
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].kind, ArmEvent::Kind::retrying);
  EXPECT_EQ(h.events[0].status, 0);
  EXPECT_EQ(h.clock.total_slept(), backoff(1));
  EXPECT_EQ(h.client->counters().retries, 1u);
}

TEST(FakeAzureArmClient, GivesUpAfterRepeatedResets) {
  ArmHarness h({}, {.static_token = true});
  Fault fault = Fault::reset("GET", "workspaces/ws1$");
  fault.times = Fault::kAlways;
  h.azure.add_fault(fault);
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_FALSE(result.ok());
  const ArmError& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::transport);
  ASSERT_TRUE(error.transport_kind.has_value());
  EXPECT_EQ(*error.transport_kind, http::TransportError::Kind::reset);
  EXPECT_EQ(error.attempts, 5);
  EXPECT_EQ(error.gave_up, "gave up after 5 attempts");
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
  Strings expected;
  for (int i = 0; i < 5; ++i) expected.push_back(line("GET", kWorkspace, 0));
  EXPECT_EQ(h.sequence(), expected);
}

// ARM saw the POST (the fake recorded it) before the connection died: it may have acted, so
// the client must not send it again (arm_client.h: a POST is retried only when idempotent, or
// after a 429 or a refused connection).
TEST(FakeAzureArmClient, NonIdempotentPostIsNotSentTwiceAfterAReset) {
  ArmHarness h({}, {.static_token = true});
  h.azure.add_fault(Fault::reset("POST", "/register$"));
  const auto result = h.client->post(kRegister, "2021-04-01");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::transport);
  EXPECT_EQ(result.error().attempts, 1);
  EXPECT_EQ(h.sequence(), (Strings{line("POST", kRegister, 0)}));
}

// The same on a connection the transport reuses (after the token request): libcurl must not
// re-send the POST behind the client's back either.
TEST(FakeAzureArmClient, NonIdempotentPostOnAReusedConnectionIsNotSentTwice) {
  ArmHarness h;
  h.azure.add_fault(Fault::reset("POST", "/register$"));
  const auto result = h.client->post(kRegister, "2021-04-01");
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("POST", kRegister, 0)}));
  ASSERT_FALSE(result.ok()) << "the POST was sent again";
  EXPECT_EQ(result.error().attempts, 1);
}

// The transport's own timeout (real time, kept short) turns a stalled answer into a retry.
TEST(FakeAzureArmClient, RetriesAResponseSlowerThanTheTransportTimeout) {
  ArmHarness h({}, {.total_timeout = 1500ms});
  ASSERT_TRUE(h.client->get(kWorkspace, kApi).ok());  // token and connection first, at full speed
  h.azure.add_fault(Fault::slow(60000, "GET", "workspaces/ws1$"));
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_TRUE(result.ok()) << describe(result);
  // The stalled request has no status: the fake was still holding it when the client gave up.
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("GET", kWorkspace, 200), line("GET", kWorkspace, 0),
                                   line("GET", kWorkspace, 200)}));
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_THAT(h.events[0].reason, HasSubstr("timed out"));
  EXPECT_EQ(h.client->counters().retries, 1u);
}

TEST(FakeAzureArmClient, GivesUpWhenEveryResponseIsTooSlowWithExit5) {
  ArmHarness h({}, {.total_timeout = 1000ms, .max_attempts = 2});
  ASSERT_TRUE(h.client->get(kWorkspace, kApi).ok());
  Fault fault = Fault::slow(60000, "GET", "workspaces/ws1$");
  fault.times = Fault::kAlways;
  h.azure.add_fault(fault);
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_FALSE(result.ok());
  const ArmError& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::transport);
  ASSERT_TRUE(error.transport_kind.has_value());
  EXPECT_EQ(*error.transport_kind, http::TransportError::Kind::timeout);
  EXPECT_EQ(error.attempts, 2);
  EXPECT_EQ(error.gave_up, "gave up after 2 attempts");
  EXPECT_EQ(error.exit_code(), ExitCode::timed_out);
  EXPECT_EQ(h.sequence().size(), 4u);
}

// A GET whose body arrives broken is read again (a GET is safe to repeat); the caller sees the
// good body.
TEST(FakeAzureArmClient, MalformedJsonOnAGetIsReadAgain) {
  ArmHarness h;
  h.azure.add_fault(Fault::malformed_json("GET", "workspaces/ws1$"));
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_FALSE(result->malformed);
  EXPECT_EQ(result->json.value("name", ""), "ws1");
  EXPECT_EQ(h.client->counters().requests, 2u);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("GET", kWorkspace, 200), line("GET", kWorkspace, 200)}));
}

// --- methods: what may be sent twice ---

TEST(FakeAzureArmClient, RetriesAPutAndADelete) {
  ArmHarness h;
  h.azure.add_extension({.cluster_id = kCluster});
  h.azure.add_fault(Fault::server_error(500, "PUT", "computes/c1$"));
  h.azure.add_fault(Fault::server_error(502, "DELETE", "extensions/azureml$"));
  const auto put = h.client->put(kCompute, kApi, kubernetes_compute());
  ASSERT_TRUE(put.ok()) << describe(put);
  EXPECT_EQ(put->status, 201);
  const auto del = h.client->del(kExtension, kApi, with_query({{"forceDelete", "true"}}));
  ASSERT_TRUE(del.ok()) << describe(del);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kCompute, 500), line("PUT", kCompute, 201),
                                   line("DELETE", kExtension, 502), line("DELETE", kExtension, 200)}));
}

// A POST may have been acted on before a 5xx: not sent again...
TEST(FakeAzureArmClient, PostIsNotRetriedAfterA5xx) {
  ArmHarness h;
  h.azure.add_fault(Fault::server_error(503, "POST", "/register$"));
  const auto result = h.client->post(kRegister, "2021-04-01");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().status, 503);
  EXPECT_EQ(result.error().attempts, 1);
  EXPECT_EQ(result.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("POST", kRegister, 503)}));
}

// ...but a 429 means ARM never looked at it, and an idempotent POST is safe to repeat.
TEST(FakeAzureArmClient, PostIsRetriedAfterA429) {
  ArmHarness h;
  h.azure.add_fault(Fault::throttle("POST", "/register$", 2));
  const auto result = h.client->post(kRegister, "2021-04-01");
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("POST", kRegister, 429), line("POST", kRegister, 200)}));
  EXPECT_EQ(h.clock.total_slept(), 2s);
}

TEST(FakeAzureArmClient, IdempotentPostIsRetriedAfterA5xx) {
  ArmHarness h;
  h.azure.add_fault(Fault::server_error(503, "POST", "/register$"));
  RequestOptions idempotent;
  idempotent.idempotent = true;
  const auto result = h.client->post(kRegister, "2021-04-01", std::nullopt, idempotent);
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("POST", kRegister, 503), line("POST", kRegister, 200)}));
}

// --- 401: one forced refresh ---

// The token endpoint busy or unreachable for a moment is retried like ARM itself; a refusal
// of the credential (a wrong secret) is not.
TEST(FakeAzureArmClient, RetriesATokenEndpointThatIsBusyOrResets) {
  for (Fault fault : {Fault::throttle("POST", "/oauth2/v2.0/token$"), Fault::server_error(503, "POST", "/token$"),
                      Fault::reset("POST", "/token$")}) {
    ArmHarness h;
    h.azure.add_fault(fault);
    const auto result = h.client->get(kWorkspace, kApi);
    ASSERT_TRUE(result.ok()) << describe(result);
    EXPECT_EQ(h.sequence().size(), 3u);  // the failed token request, the token, the GET
    EXPECT_EQ(h.sequence().back(), line("GET", kWorkspace, 200));
    ASSERT_EQ(h.retry_delays(), (std::vector<std::chrono::milliseconds>{backoff(1)}));
    EXPECT_EQ(h.events[0].describe().find("no token (the token endpoint was busy or unreachable)") != std::string::npos,
              true)
        << h.events[0].describe();
  }
}

TEST(FakeAzureArmClient, GivesUpOnATokenEndpointThatStaysDownAfterTheAttempts) {
  ArmHarness h({}, {.max_attempts = 3});
  Fault fault = Fault::server_error(503, "POST", "/token$");
  fault.times = Fault::kAlways;
  h.azure.add_fault(fault);
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().exit_code(), ExitCode::auth);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(503), h.token_request(503), h.token_request(503)}));
}

TEST(FakeAzureArmClient, AWrongSecretIsNotRetried) {
  ArmHarness h({}, {.client_secret = "wrong"});
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(h.sequence().size(), 1u);
  EXPECT_TRUE(h.retry_delays().empty());
}

TEST(FakeAzureArmClient, RefreshesTheTokenOnceAfterA401AndSucceeds) {
  ArmHarness h;
  ASSERT_TRUE(h.client->get(kWorkspace, kApi).ok());
  h.azure.expire_tokens();  // the cached token is still "valid" for the client: ARM says otherwise
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_TRUE(result.ok()) << describe(result);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("GET", kWorkspace, 200), line("GET", kWorkspace, 401),
                                   h.token_request(), line("GET", kWorkspace, 200)}));
  EXPECT_EQ(h.client->counters().token_refreshes, 1u);
  EXPECT_EQ(h.client->counters().retries, 0u);  // a refresh is not a retry
  ASSERT_EQ(h.events.size(), 1u);
  EXPECT_EQ(h.events[0].kind, ArmEvent::Kind::token_refreshed);
}

TEST(FakeAzureArmClient, ASecond401IsAnAuthErrorWithExit3) {
  ArmHarness h;
  Fault fault = Fault::expire_tokens("GET", "workspaces/ws1$");
  fault.times = 2;  // the fresh token is revoked too
  h.azure.add_fault(fault);
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_FALSE(result.ok());
  const ArmError& error = result.error();
  EXPECT_EQ(error.status, 401);
  EXPECT_EQ(error.code, "ExpiredAuthenticationToken");
  EXPECT_EQ(error.exit_code(), ExitCode::auth);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("GET", kWorkspace, 401), h.token_request(),
                                   line("GET", kWorkspace, 401)}));
  EXPECT_EQ(h.client->counters().token_refreshes, 1u);
}

// AZUREML_ARM_TOKEN cannot be renewed: a 401 ends the run with exit 3 and says how to recover,
// without a request to AAD and without quoting the token.
TEST(FakeAzureArmClient, StaticTokenRefusedByArmIsAnAuthError) {
  ArmHarness h({}, {.static_token = true});
  ASSERT_TRUE(h.client->get(kWorkspace, kApi).ok());
  h.azure.expire_tokens();
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_FALSE(result.ok());
  // ARM's 401 is the error (what was wrong with the token), with why no fresh one could be had.
  EXPECT_EQ(result.error().status, 401);
  EXPECT_EQ(result.error().code, "ExpiredAuthenticationToken");
  EXPECT_EQ(result.error().exit_code(), ExitCode::auth);
  EXPECT_THAT(result.error().describe(), HasSubstr("AZUREML_ARM_TOKEN"));
  EXPECT_THAT(result.error().describe(), Not(HasSubstr(h.static_token)));
  EXPECT_EQ(h.sequence(), (Strings{line("GET", kWorkspace, 200), line("GET", kWorkspace, 401)}));
}

TEST(FakeAzureArmClient, WrongSecretIsAnAuthErrorBeforeAnyArmRequest) {
  const std::string secret = "wrong-secret-Zx81Qp";
  ArmHarness h({}, {.client_secret = secret});
  const auto result = h.client->get(kWorkspace, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::auth);
  EXPECT_EQ(result.error().exit_code(), ExitCode::auth);
  EXPECT_THAT(result.error().describe(), HasSubstr("AADSTS7000215"));
  EXPECT_THAT(result.error().describe(), Not(HasSubstr(secret)));
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(401)}));
}

}  // namespace
}  // namespace azureml::arm
