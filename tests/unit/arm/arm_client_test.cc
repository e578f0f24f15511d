// ArmClient: headers, URLs, every retry path, the 401 refresh, counters, events, Throttle.
#include "core/arm/arm_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/arm/arm_fakes.h"

namespace azureml::arm {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::FakeCredential;
using testing::ScriptedTransport;
using testing::transport_error;
using TKind = http::TransportError::Kind;

const std::string kPath =
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws";
const std::string kWorkspaceApi = "2025-06-01";

// xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx, lower-case hex. By hand, not std::regex: GCC 12
// with -fsanitize (build-asan) reports false -Wmaybe-uninitialized inside <regex>.
bool is_v4_guid(const std::string& id) {
  if (id.size() != 36) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return id[14] == '4' && (id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b');
}
const std::string kUrl = "https://management.azure.com" + kPath + "?api-version=" + kWorkspaceApi;

std::string header(const http::Request& request, std::string_view name) {
  return http::find_header(request.headers, name).value_or("<absent>");
}

class ArmClientTest : public ::testing::Test {
 protected:
  ArmClientOptions options(double random = 0.5) {
    ArmClientOptions o;
    o.random = [random]() { return random; };
    o.client_request_id = "11111111-2222-4333-8444-555555555555";
    o.user_agent = "kubectl-azureml/0.1.0";
    o.on_event = [this](const ArmEvent& e) { events.push_back(e); };
    return o;
  }
  ArmClient client(ArmClientOptions o) { return ArmClient(transport, credential, clock, std::move(o)); }
  std::vector<std::string> event_lines() const {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.describe());
    return out;
  }

  FakeClock clock;
  ScriptedTransport transport{&clock};
  FakeCredential credential;
  std::vector<ArmEvent> events;
};

TEST_F(ArmClientTest, SendsTheStandardHeaders) {
  transport.answer(200, {}, R"({"name":"ws"})");
  transport.answer(201, {}, "{}");
  auto arm = client(options());
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_TRUE(got.ok()) << got.error().describe();
  EXPECT_EQ(got->json["name"], "ws");
  EXPECT_EQ(got->method, "GET");
  EXPECT_EQ(got->path, kPath);
  ASSERT_TRUE(arm.put(kPath, kWorkspaceApi, json{{"location", "eastus"}}).ok());

  ASSERT_EQ(transport.sent().size(), 2u);
  const auto& get = transport.sent()[0];
  EXPECT_EQ(get.method, "GET");
  EXPECT_EQ(get.url, kUrl);
  EXPECT_EQ(header(get, "Authorization"), "Bearer token-1");
  EXPECT_EQ(header(get, "Accept"), "application/json");
  EXPECT_EQ(header(get, "User-Agent"), "kubectl-azureml/0.1.0");
  EXPECT_EQ(header(get, "x-ms-client-request-id"), "11111111-2222-4333-8444-555555555555");
  EXPECT_EQ(header(get, "Content-Type"), "<absent>");
  EXPECT_EQ(get.body, "");
  const auto& put = transport.sent()[1];
  EXPECT_EQ(put.method, "PUT");
  EXPECT_EQ(header(put, "Content-Type"), "application/json");
  EXPECT_EQ(put.body, R"({"location":"eastus"})");
  EXPECT_EQ(credential.calls.size(), 2u);
  EXPECT_EQ(credential.calls[0].scope, "https://management.azure.com/.default");
  EXPECT_FALSE(credential.calls[0].force_refresh);
}

TEST_F(ArmClientTest, OneGeneratedClientRequestIdForEveryRequest) {
  for (int i = 0; i < 4; ++i) transport.answer(i == 1 ? 503 : 200);
  auto o = options();
  o.client_request_id.clear();
  auto arm = client(o);
  ASSERT_TRUE(arm.get(kPath, kWorkspaceApi).ok());  // 200
  ASSERT_TRUE(arm.del(kPath, kWorkspaceApi).ok());  // 503 then 200
  ASSERT_TRUE(arm.post(kPath + "/listKeys", kWorkspaceApi).ok());
  const auto id = arm.client_request_id();
  EXPECT_TRUE(is_v4_guid(id)) << id;
  ASSERT_EQ(transport.sent().size(), 4u);
  for (const auto& request : transport.sent()) EXPECT_EQ(header(request, "x-ms-client-request-id"), id);
  EXPECT_NE(new_client_request_id(), new_client_request_id());
}

TEST_F(ArmClientTest, EndpointScopeAndUrls) {
  auto o = options();
  o.endpoint = "https://127.0.0.1:18443/";
  auto arm = client(o);
  EXPECT_EQ(arm.scope(), "https://127.0.0.1:18443/.default");
  EXPECT_EQ(*arm.url(kPath, kWorkspaceApi), "https://127.0.0.1:18443" + kPath + "?api-version=" + kWorkspaceApi);
  EXPECT_EQ(*arm.url("subscriptions/s", "2022-09-01"),
            "https://127.0.0.1:18443/subscriptions/s?api-version=2022-09-01");
  EXPECT_EQ(*arm.url(kPath + "/computes/c", kWorkspaceApi, {{"underlyingResourceAction", "Detach"}, {"q", "a b&c=d"}}),
            "https://127.0.0.1:18443" + kPath + "/computes/c?api-version=" + kWorkspaceApi +
                "&underlyingResourceAction=Detach&q=a%20b%26c%3Dd");
  EXPECT_EQ(*arm.url("/subscriptions/s/resourceGroups/my rg(1)%", kWorkspaceApi),
            "https://127.0.0.1:18443/subscriptions/s/resourceGroups/my%20rg(1)%25?api-version=" + kWorkspaceApi);
  // An absolute URL on the endpoint keeps its query; api-version is not added twice.
  EXPECT_EQ(*arm.url("https://127.0.0.1:18443/op/1?api-version=2023-05-01", kWorkspaceApi),
            "https://127.0.0.1:18443/op/1?api-version=2023-05-01");
  EXPECT_EQ(*arm.url("https://127.0.0.1:18443/op/1", ""), "https://127.0.0.1:18443/op/1");
  EXPECT_EQ(*arm.url("/p?x=1", kWorkspaceApi), "https://127.0.0.1:18443/p?x=1&api-version=" + kWorkspaceApi);

  ArmClientOptions defaults;
  ArmClient plain(transport, credential, clock, defaults);
  EXPECT_EQ(plain.scope(), "https://management.azure.com/.default");
  EXPECT_EQ(*plain.url("https://MANAGEMENT.azure.com:443/x", ""), "https://MANAGEMENT.azure.com:443/x");
  auto scoped = options();
  scoped.scope = "https://management.core.windows.net//.default";
  EXPECT_EQ(client(scoped).scope(), "https://management.core.windows.net//.default");
}

TEST_F(ArmClientTest, RefusesToSendTheTokenToAnotherHost) {
  auto arm = client(options());
  for (const auto* url : {"https://evil.example.com/op/1", "http://management.azure.com/op/1",
                          "https://management.azure.com:8443/op/1", "https://user@management.azure.com/op/1"}) {
    const auto got = arm.get(url, "");
    ASSERT_FALSE(got.ok()) << url;
    EXPECT_EQ(got.error().kind, ArmError::Kind::invalid_request);
    EXPECT_NE(got.error().summary().find("refusing to send the ARM token to"), std::string::npos);
  }
  EXPECT_TRUE(transport.sent().empty());
  EXPECT_TRUE(credential.calls.empty());
}

TEST_F(ArmClientTest, AMalformedGetBodyIsReadAgain) {
  transport.answer(200, {}, "{\"cut").answer(200, {}, R"({"a":1})");
  auto arm = client(options());
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->malformed);
  EXPECT_EQ(got->json, json::parse(R"({"a":1})"));
  EXPECT_EQ(transport.sent().size(), 2u);
  EXPECT_EQ(arm.counters().retries, 1u);
}

TEST_F(ArmClientTest, ParsesBodiesAndFlagsMalformedOnes) {
  auto o = options();
  o.retry.max_attempts = 1;  // flagged at once: no attempt left to read it again
  transport.answer(200, {}, "not json").answer(204).answer(200, {}, "[1,2]");
  auto arm = client(o);
  const auto bad = arm.get(kPath, kWorkspaceApi);
  ASSERT_TRUE(bad.ok());
  EXPECT_TRUE(bad->malformed);
  EXPECT_TRUE(bad->json.is_null());
  EXPECT_EQ(bad->body, "not json");
  const auto empty = arm.del(kPath, kWorkspaceApi);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->status, 204);
  EXPECT_FALSE(empty->malformed);
  EXPECT_TRUE(empty->json.is_null());
  EXPECT_EQ(arm.get(kPath, kWorkspaceApi)->json, json::parse("[1,2]"));
}

class RetryableStatus : public ArmClientTest, public ::testing::WithParamInterface<int> {};

TEST_P(RetryableStatus, IsRetriedWithJitteredBackoff) {
  transport.answer(GetParam(), {{"x-ms-request-id", "r1"}}, R"({"error":{"code":"Busy","message":"m"}})");
  transport.answer(200, {}, "{}");
  auto arm = client(options(0.5));
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_TRUE(got.ok()) << got.error().describe();
  EXPECT_EQ(transport.sent().size(), 2u);
  EXPECT_EQ(clock.total_slept(), 500ms);  // 0.5 * base 1 s
  EXPECT_EQ(arm.counters().retries, 1u);
  EXPECT_EQ(arm.counters().throttled, GetParam() == 429 ? 1u : 0u);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, ArmEvent::Kind::retrying);
  EXPECT_EQ(events[0].status, GetParam());
  EXPECT_EQ(events[0].describe(),
            "retrying GET " + kPath + " in 500 ms after HTTP " + std::to_string(GetParam()) + " Busy (attempt 2 of 5)");
}

INSTANTIATE_TEST_SUITE_P(Statuses, RetryableStatus, ::testing::Values(408, 429, 500, 502, 503, 504));

class NonRetryableStatus : public ArmClientTest, public ::testing::WithParamInterface<int> {};

TEST_P(NonRetryableStatus, IsReturnedAtOnce) {
  transport.answer(GetParam(), {{"x-ms-request-id", "r1"}, {"Retry-After", "1"}},
                   R"({"error":{"code":"Nope","message":"no"}})");
  auto arm = client(options());
  const auto got = arm.put(kPath, kWorkspaceApi, json::object());
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().status, GetParam());
  EXPECT_EQ(got.error().code, "Nope");
  EXPECT_EQ(got.error().request_id, "r1");
  EXPECT_EQ(got.error().attempts, 1);
  EXPECT_EQ(got.error().gave_up, "");
  EXPECT_EQ(transport.sent().size(), 1u);
  EXPECT_EQ(clock.total_slept(), 0ms);
}

INSTANTIATE_TEST_SUITE_P(Statuses, NonRetryableStatus, ::testing::Values(301, 400, 403, 404, 405, 409, 412, 422, 501));

TEST_F(ArmClientTest, RetryAfterSecondsWins) {
  transport.answer(429, {{"Retry-After", "7"}}).answer(503, {{"retry-after", "3"}}).answer(200);
  auto arm = client(options());
  ASSERT_TRUE(arm.get(kPath, kWorkspaceApi).ok());
  EXPECT_EQ(clock.total_slept(), 10s);
  EXPECT_EQ(events.at(0).delay, 7s);
  EXPECT_EQ(events.at(1).delay, 3s);
}

TEST_F(ArmClientTest, RetryAfterHttpDateIsRelativeToTheClock) {
  // The fake clock starts at Fri, 15 Jan 2027 08:00:00 GMT.
  transport.answer(503, {{"Retry-After", "Fri, 15 Jan 2027 08:00:42 GMT"}}).answer(200);
  auto arm = client(options());
  ASSERT_TRUE(arm.get(kPath, kWorkspaceApi).ok());
  EXPECT_EQ(clock.total_slept(), 42s);
}

TEST_F(ArmClientTest, RetryAfterDateInThePastRetriesAtOnce) {
  transport.answer(503, {{"Retry-After", "Fri, 15 Jan 2027 07:00:00 GMT"}}).answer(200);
  auto arm = client(options());
  ASSERT_TRUE(arm.get(kPath, kWorkspaceApi).ok());
  EXPECT_EQ(clock.total_slept(), 0ms);
  EXPECT_EQ(transport.sent().size(), 2u);
}

TEST_F(ArmClientTest, UnreadableRetryAfterFallsBackToBackoff) {
  transport.answer(503, {{"Retry-After", "whenever"}}).answer(200);
  auto arm = client(options(0.25));
  ASSERT_TRUE(arm.get(kPath, kWorkspaceApi).ok());
  EXPECT_EQ(clock.total_slept(), 250ms);
}

TEST_F(ArmClientTest, BackoffDoublesWithFixedRandom) {
  for (int i = 0; i < 4; ++i) transport.answer(500);
  transport.answer(200);
  auto arm = client(options(0.5));
  ASSERT_TRUE(arm.get(kPath, kWorkspaceApi).ok());
  EXPECT_EQ(clock.total_slept(), 500ms + 1000ms + 2000ms + 4000ms);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[3].delay, 4000ms);
  EXPECT_EQ(events[3].attempt, 5);
}

TEST_F(ArmClientTest, JitterStaysWithinBounds) {
  // A source near 1 gives the ceiling minus a little; near 0, almost nothing.
  for (int i = 0; i < 4; ++i) transport.answer(500);
  transport.answer(200);
  auto high = options(0.9999);
  high.retry.max_delay = 3s;
  auto arm = client(high);
  ASSERT_TRUE(arm.get(kPath, kWorkspaceApi).ok());
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].delay, 999ms);   // < 1 s
  EXPECT_EQ(events[1].delay, 1999ms);  // < 2 s
  EXPECT_EQ(events[2].delay, 2999ms);  // < 3 s (4 s capped)
  EXPECT_EQ(events[3].delay, 2999ms);
  for (const auto& e : events) {
    EXPECT_GE(e.delay, 0ms);
    EXPECT_LT(e.delay, 3s);
  }
}

TEST_F(ArmClientTest, JitterUsesTheInjectedSourceOncePerRetry) {
  std::vector<double> values = {0.1, 0.9};
  std::size_t next = 0;
  auto o = options();
  o.random = [&]() { return values.at(next++); };
  transport.answer(502).answer(502).answer(200);
  auto arm = client(o);
  ASSERT_TRUE(arm.get(kPath, kWorkspaceApi).ok());
  EXPECT_EQ(next, 2u);
  EXPECT_EQ(clock.total_slept(), 100ms + 1800ms);
}

TEST_F(ArmClientTest, GivesUpAfterMaxAttempts) {
  for (int i = 0; i < 5; ++i)
    transport.answer(503, {{"x-ms-request-id", "r" + std::to_string(i)}},
                     R"({"error":{"code":"ServerBusy","message":"try later"}})");
  auto arm = client(options(0.5));
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(transport.sent().size(), 5u);
  EXPECT_EQ(got.error().attempts, 5);
  EXPECT_EQ(got.error().request_id, "r4");  // the last answer's
  EXPECT_EQ(got.error().gave_up, "gave up after 5 attempts");
  EXPECT_EQ(got.error().summary(),
            "ARM refused GET " + kPath + ": ServerBusy: try later (request id r4; gave up after 5 attempts)");
  EXPECT_EQ(got.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(arm.counters().requests, 5u);
  EXPECT_EQ(arm.counters().retries, 4u);
  EXPECT_EQ(clock.total_slept(), 7500ms);
}

TEST_F(ArmClientTest, MaxAttemptsIsConfigurable) {
  transport.answer(504).answer(504);
  auto o = options();
  o.retry.max_attempts = 2;
  auto arm = client(o);
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(transport.sent().size(), 2u);
  EXPECT_EQ(got.error().exit_code(), ExitCode::timed_out);  // 504
  o.retry.max_attempts = 1;
  transport.answer(504);
  auto once = client(o);
  const auto single = once.get(kPath, kWorkspaceApi);
  EXPECT_EQ(single.error().gave_up, "gave up after 1 attempt");
}

TEST_F(ArmClientTest, GivesUpWhenTheNextWaitWouldPassTheTotalLimit) {
  for (int i = 0; i < 3; ++i) transport.answer(429, {{"Retry-After", "120"}});
  auto arm = client(options());
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_FALSE(got.ok());
  // 0 s: 429, wait 120; 120 s: 429, wait 120; 240 s: 429, 240 + 120 > 300: stop.
  EXPECT_EQ(transport.sent().size(), 3u);
  EXPECT_EQ(clock.total_slept(), 240s);
  EXPECT_EQ(got.error().gave_up, "gave up after 3 attempts: waiting 2m more would pass the 5m retry limit");
  EXPECT_EQ(arm.counters().throttled, 3u);
}

TEST_F(ArmClientTest, TotalLimitCountsTimeSpentInExchanges) {
  ScriptedTransport slow(&clock, 50s);  // every exchange takes 50 s
  for (int i = 0; i < 5; ++i) slow.answer(500);
  auto o = options(0.5);
  o.retry.max_total = 120s;
  ArmClient arm(slow, credential, clock, o);
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_FALSE(got.ok());
  // 50 s: 500, wait 0.5 s; 100.5 s: 500, wait 1 s; 151.5 s: 500, and 151.5 + 2 > 120: stop.
  EXPECT_EQ(slow.sent().size(), 3u);
  EXPECT_NE(got.error().gave_up.find("would pass the 2m retry limit"), std::string::npos);
}

class RetryableTransportError : public ArmClientTest, public ::testing::WithParamInterface<TKind> {};

TEST_P(RetryableTransportError, IsRetried) {
  transport.answer(transport_error(GetParam(), "connection reset by peer")).answer(200);
  auto arm = client(options(0.5));
  ASSERT_TRUE(arm.put(kPath, kWorkspaceApi, json::object()).ok());
  EXPECT_EQ(transport.sent().size(), 2u);
  EXPECT_EQ(clock.total_slept(), 500ms);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].status, 0);
  EXPECT_EQ(events[0].describe(),
            "retrying PUT " + kPath + " in 500 ms after connection reset by peer (attempt 2 of 5)");
}

INSTANTIATE_TEST_SUITE_P(Kinds, RetryableTransportError,
                         ::testing::Values(TKind::connect, TKind::reset, TKind::timeout));

TEST_F(ArmClientTest, TlsAndProxyFailuresAreNotRetried) {
  for (const auto kind : {TKind::tls, TKind::proxy, TKind::other}) {
    transport.answer(transport_error(kind, "certificate verify failed"));
    auto arm = client(options());
    const auto got = arm.get(kPath, kWorkspaceApi);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().kind, ArmError::Kind::transport);
    EXPECT_EQ(got.error().transport_kind, kind);
    EXPECT_EQ(got.error().summary(), "could not reach ARM for GET " + kPath + ": certificate verify failed");
  }
  EXPECT_EQ(transport.sent().size(), 3u);
}

TEST_F(ArmClientTest, TransportTimeoutsExhaustedExitTimedOut) {
  for (int i = 0; i < 5; ++i)
    transport.answer(transport_error(TKind::timeout, "no answer from management.azure.com in 120 s"));
  auto arm = client(options());
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().exit_code(), ExitCode::timed_out);
  EXPECT_EQ(got.error().summary(), "could not reach ARM for GET " + kPath +
                                       ": no answer from management.azure.com in 120 s (gave up after 5 attempts)");
}

TEST_F(ArmClientTest, PostIsNotRetriedUnlessIdempotent) {
  transport.answer(503);
  auto arm = client(options());
  EXPECT_FALSE(arm.post(kPath + "/start", kWorkspaceApi).ok());
  EXPECT_EQ(transport.sent().size(), 1u);

  transport.answer(transport_error(TKind::reset));
  EXPECT_FALSE(arm.post(kPath + "/start", kWorkspaceApi).ok());
  transport.answer(transport_error(TKind::timeout));
  EXPECT_FALSE(arm.post(kPath + "/start", kWorkspaceApi).ok());
  EXPECT_EQ(transport.sent().size(), 3u);

  transport.answer(503).answer(transport_error(TKind::reset)).answer(200, {}, R"({"primaryConnectionString":"x"})");
  RequestOptions idempotent;
  idempotent.idempotent = true;
  const auto keys = arm.post(kPath + "/listKeys", kWorkspaceApi, std::nullopt, idempotent);
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(transport.sent().size(), 6u);
  EXPECT_EQ(header(transport.sent()[5], "Content-Type"), "<absent>");
}

TEST_F(ArmClientTest, PostIsRetriedWhenArmCannotHaveActed) {
  // 429: ARM did not process it; connect: it never reached ARM.
  transport.answer(429, {{"Retry-After", "1"}}).answer(transport_error(TKind::connect)).answer(200);
  auto arm = client(options());
  ASSERT_TRUE(arm.post(kPath + "/start", kWorkspaceApi, json::object()).ok());
  EXPECT_EQ(transport.sent().size(), 3u);
}

TEST_F(ArmClientTest, PatchAndDeleteAreRetried) {
  transport.answer(500).answer(200).answer(502).answer(202);
  auto arm = client(options());
  EXPECT_TRUE(arm.patch(kPath, kWorkspaceApi, json::object()).ok());
  EXPECT_TRUE(arm.del(kPath, kWorkspaceApi).ok());
  EXPECT_EQ(transport.lines(),
            (std::vector<std::string>{"PATCH " + kUrl, "PATCH " + kUrl, "DELETE " + kUrl, "DELETE " + kUrl}));
}

TEST_F(ArmClientTest, A401RefreshesTheTokenOnce) {
  transport.answer(401).answer(200, {}, "{}");
  auto arm = client(options());
  ASSERT_TRUE(arm.get(kPath, kWorkspaceApi).ok());
  ASSERT_EQ(transport.sent().size(), 2u);
  EXPECT_EQ(header(transport.sent()[0], "Authorization"), "Bearer token-1");
  EXPECT_EQ(header(transport.sent()[1], "Authorization"), "Bearer token-2");
  ASSERT_EQ(credential.calls.size(), 2u);
  EXPECT_FALSE(credential.calls[0].force_refresh);
  EXPECT_TRUE(credential.calls[1].force_refresh);
  EXPECT_EQ(clock.total_slept(), 0ms);
  EXPECT_EQ(arm.counters().token_refreshes, 1u);
  EXPECT_EQ(arm.counters().retries, 0u);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].describe(), "GET " + kPath + " answered 401; sending it again with a fresh token");
}

TEST_F(ArmClientTest, ASecond401IsTheAnswer) {
  transport.answer(401).answer(401, {{"x-ms-request-id", "r2"}},
                               R"({"error":{"code":"InvalidAuthenticationToken","message":"expired"}})");
  auto arm = client(options());
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(transport.sent().size(), 2u);
  EXPECT_EQ(got.error().status, 401);
  EXPECT_EQ(got.error().code, "InvalidAuthenticationToken");
  EXPECT_EQ(got.error().exit_code(), ExitCode::auth);
  EXPECT_EQ(credential.calls.size(), 2u);
}

TEST_F(ArmClientTest, A401WithNoFreshTokenReportsArmsAnswerAndWhy) {
  transport.answer(401, {{"x-ms-request-id", "r1"}},
                   R"({"error":{"code":"InvalidAuthenticationToken","message":"The access token is invalid."}})");
  credential.fail_from_call = 2;
  auto arm = client(options());
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(transport.sent().size(), 1u);
  EXPECT_EQ(got.error().kind, ArmError::Kind::http);
  EXPECT_EQ(got.error().code, "InvalidAuthenticationToken");
  EXPECT_EQ(got.error().request_id, "r1");
  EXPECT_EQ(got.error().exit_code(), ExitCode::auth);
  EXPECT_THAT(got.error().message, ::testing::StartsWith("The access token is invalid.; no fresh token: "));
}

TEST_F(ArmClientTest, RefreshAlsoHappensOnceWithinRetries) {
  transport.answer(401).answer(503).answer(401);
  auto arm = client(options());
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().status, 401);
  EXPECT_EQ(transport.sent().size(), 3u);
  EXPECT_EQ(arm.counters().token_refreshes, 1u);
}

TEST_F(ArmClientTest, NoTokenMeansNoRequest) {
  credential.fail_from_call = 1;
  auto arm = client(options());
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, ArmError::Kind::auth);
  EXPECT_EQ(got.error().exit_code(), ExitCode::auth);
  EXPECT_EQ(got.error().summary(),
            "could not get a token for ARM: FakeCredential: no token: the fake was told to fail");
  EXPECT_TRUE(transport.sent().empty());
}

TEST_F(ArmClientTest, AFailedRefreshIsExit3) {
  credential.fail_from_call = 2;
  transport.answer(401);
  auto arm = client(options());
  const auto got = arm.get(kPath, kWorkspaceApi);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().exit_code(), ExitCode::auth);
  EXPECT_EQ(transport.sent().size(), 1u);
}

TEST_F(ArmClientTest, CountersAddUp) {
  transport.answer(429, {{"Retry-After", "1"}}).answer(200);  // get: 2 requests, 1 retry, 1 throttled
  transport.answer(401).answer(201);                          // put: 2 requests, 1 refresh
  transport.answer(404);                                      // get: 1 request
  auto arm = client(options());
  EXPECT_TRUE(arm.get(kPath, kWorkspaceApi).ok());
  EXPECT_TRUE(arm.put(kPath, kWorkspaceApi, json::object()).ok());
  EXPECT_FALSE(arm.get(kPath, kWorkspaceApi).ok());
  const auto c = arm.counters();
  EXPECT_EQ(c.requests, 5u);
  EXPECT_EQ(c.retries, 1u);
  EXPECT_EQ(c.throttled, 1u);
  EXPECT_EQ(c.token_refreshes, 1u);
  EXPECT_EQ(c.polls, 0u);
}

TEST_F(ArmClientTest, ExtraHeadersAndQuery) {
  transport.answer(202);
  auto arm = client(options());
  RequestOptions request;
  request.query = {{"forceDelete", "false"}};
  request.headers = {{"CommandName", "extension delete"}};
  ASSERT_TRUE(arm.del(kPath, kWorkspaceApi, request).ok());
  EXPECT_EQ(transport.sent()[0].url, kUrl + "&forceDelete=false");
  EXPECT_EQ(header(transport.sent()[0], "CommandName"), "extension delete");
}

TEST_F(ArmClientTest, AThrottledClientHoldsTheOthers) {
  Throttle throttle;
  FakeClock other_clock;  // the second client's view of time: it has not waited yet
  ScriptedTransport other_transport(&other_clock);
  other_transport.answer(200);
  transport.answer(429, {{"Retry-After", "10"}}).answer(200);

  auto first_options = options();
  first_options.throttle = &throttle;
  auto first = client(first_options);
  ASSERT_TRUE(first.get(kPath, kWorkspaceApi).ok());
  EXPECT_EQ(clock.total_slept(), 10s);

  auto second_options = options();
  second_options.throttle = &throttle;
  ArmClient second(other_transport, credential, other_clock, second_options);
  ASSERT_TRUE(second.get(kPath, kWorkspaceApi).ok());
  EXPECT_EQ(other_clock.total_slept(), 10s);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().kind, ArmEvent::Kind::throttle_wait);
  EXPECT_EQ(events.back().describe(), "holding GET " + kPath + " for 10 s: ARM throttled this run");
  // Once the moment has passed nobody waits.
  other_transport.answer(200);
  ASSERT_TRUE(second.get(kPath, kWorkspaceApi).ok());
  EXPECT_EQ(other_clock.total_slept(), 10s);
}

TEST_F(ArmClientTest, A5xxDoesNotHoldTheOthers) {
  Throttle throttle;
  transport.answer(503, {{"Retry-After", "10"}}).answer(200);
  auto o = options();
  o.throttle = &throttle;
  auto arm = client(o);
  ASSERT_TRUE(arm.get(kPath, kWorkspaceApi).ok());
  EXPECT_EQ(throttle.remaining(std::chrono::steady_clock::time_point{}), 0ms);
}

TEST(ArmEvent, DescribePolling) {
  ArmEvent event;
  event.kind = ArmEvent::Kind::polling;
  event.method = "PUT";
  event.path = "/p";
  event.reason = "InProgress";
  event.attempt = 3;
  event.delay = std::chrono::seconds(15);
  EXPECT_EQ(event.describe(), "waiting for PUT /p: InProgress (check 3); next check in 15 s");
  event.delay = {};
  event.reason = "Succeeded";
  EXPECT_EQ(event.describe(), "waiting for PUT /p: Succeeded (check 3)");
}

TEST(ArmMethod, Names) {
  EXPECT_EQ(method_name(Method::get), "GET");
  EXPECT_EQ(method_name(Method::put), "PUT");
  EXPECT_EQ(method_name(Method::patch), "PATCH");
  EXPECT_EQ(method_name(Method::post), "POST");
  EXPECT_EQ(method_name(Method::del), "DELETE");
}

}  // namespace
}  // namespace azureml::arm
