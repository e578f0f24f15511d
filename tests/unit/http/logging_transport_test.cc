// LoggingTransport: the -v line per exchange, with a fake clock, a scripted inner transport and
// logs that capture what they are given.
#include "core/http/logging_transport.h"

#include <gtest/gtest.h>

#include <deque>
#include <sstream>
#include <string>
#include <vector>

namespace azureml::http {
namespace {

using namespace std::chrono_literals;

// Answers from a script; each exchange takes `duration` on the fake clock.
class ScriptedTransport final : public Transport {
 public:
  ScriptedTransport(FakeClock& clock, std::chrono::milliseconds duration) : clock_(clock), duration_(duration) {}
  void answer(Result<Response, TransportError> result) { script_.push_back(std::move(result)); }
  Result<Response, TransportError> send(const Request& request) override {
    sent_.push_back(request);
    clock_.advance(duration_);
    auto result = std::move(script_.front());
    script_.pop_front();
    return result;
  }
  const std::vector<Request>& sent() const { return sent_; }

 private:
  FakeClock& clock_;
  std::chrono::milliseconds duration_;
  std::deque<Result<Response, TransportError>> script_;
  std::vector<Request> sent_;
};

// Records lines as handed in, before any redaction.
class RecordingLog final : public Log {
 public:
  explicit RecordingLog(bool verbose = true) : verbose_(verbose) {}
  bool verbose_enabled() const override { return verbose_; }
  void verbose(std::string_view line) override { lines.emplace_back(line); }
  std::vector<std::string> lines;

 private:
  bool verbose_;
};

Response response(int status, Headers headers = {}, std::string body = "") {
  Response r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

Request request(std::string method, std::string url, Headers headers = {}) {
  return Request{std::move(method), std::move(url), std::move(headers), ""};
}

TEST(LoggingTransport, OneLinePerExchangeWithStatusDurationAndRequestId) {
  FakeClock clock;
  ScriptedTransport inner(clock, 42ms);
  inner.answer(response(200, {{"X-Ms-Request-Id", "5f2c-aa"}, {"x-ms-client-request-id", "cid"}}, "{}"));
  RecordingLog log;
  LoggingTransport transport(inner, log, clock);
  const auto result = transport.send(
      request("GET", "https://management.azure.com/subscriptions/s/resourceGroups/rg?api-version=2023-10-01"));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->body, "{}");
  ASSERT_EQ(log.lines.size(), 1u);
  EXPECT_EQ(log.lines[0],
            "GET https://management.azure.com/subscriptions/s/resourceGroups/rg?api-version=2023-10-01 -> 200 (42 ms) "
            "request-id: 5f2c-aa");
}

TEST(LoggingTransport, FallsBackToTheClientRequestIdThenADash) {
  FakeClock clock;
  ScriptedTransport inner(clock, 7ms);
  inner.answer(response(202, {{"X-MS-CLIENT-REQUEST-ID", "cid-1"}}));
  inner.answer(response(404));
  RecordingLog log;
  LoggingTransport transport(inner, log, clock);
  ASSERT_TRUE(transport.send(request("PUT", "https://h/r")).ok());
  ASSERT_TRUE(transport.send(request("DELETE", "https://h/r")).ok());
  ASSERT_EQ(log.lines.size(), 2u);
  EXPECT_EQ(log.lines[0], "PUT https://h/r -> 202 (7 ms) request-id: cid-1");
  EXPECT_EQ(log.lines[1], "DELETE https://h/r -> 404 (7 ms) request-id: -");
}

TEST(LoggingTransport, LogsErrorsWithTheirMessage) {
  FakeClock clock;
  ScriptedTransport inner(clock, 10003ms);
  inner.answer(fail(TransportError{TransportError::Kind::connect, "cannot connect to h:443: Connection refused"}));
  RecordingLog log;
  LoggingTransport transport(inner, log, clock);
  const auto result = transport.send(request("POST", "https://h/p"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, TransportError::Kind::connect);
  ASSERT_EQ(log.lines.size(), 1u);
  EXPECT_EQ(log.lines[0], "POST https://h/p -> error: cannot connect to h:443: Connection refused (10003 ms)");
}

TEST(LoggingTransport, RedactsSecretQueryValuesItself) {
  FakeClock clock;
  ScriptedTransport inner(clock, 1ms);
  inner.answer(response(200));
  inner.answer(response(200));
  RecordingLog log;  // no redactor: what LoggingTransport hands over is already free of them
  LoggingTransport transport(inner, log, clock);
  ASSERT_TRUE(transport
                  .send(request("GET",
                                "https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=AbC%2B&se=2030&code=c0de"
                                "&access_token=t&empty=&x=1#frag"))
                  .ok());
  ASSERT_TRUE(transport.send(request("GET", "https://h/callback?CODE=abc&Client_Secret=s&state=ok")).ok());
  ASSERT_EQ(log.lines.size(), 2u);
  EXPECT_EQ(log.lines[0],
            "GET https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=REDACTED&se=2030&code=REDACTED"
            "&access_token=REDACTED&empty=&x=1#frag -> 200 (1 ms) request-id: -");
  EXPECT_EQ(log.lines[1],
            "GET https://h/callback?CODE=REDACTED&Client_Secret=REDACTED&state=ok -> 200 (1 ms) request-id: -");
  // The request itself is forwarded untouched.
  EXPECT_EQ(inner.sent()[0].url.find("sig=AbC%2B") != std::string::npos, true);
}

TEST(LoggingTransport, TheLogsRedactorCoversEverythingElse) {
  FakeClock clock;
  ScriptedTransport inner(clock, 3ms);
  inner.answer(response(200, {{"x-ms-request-id", "rid"}}));
  inner.answer(fail(TransportError{TransportError::Kind::other, "server said Bearer abc.def and leaked hunter22"}));
  Redactor redactor;
  redactor.add_secret("hunter22");
  std::ostringstream stderr_capture;
  StreamLog log(stderr_capture, true, redactor);
  LoggingTransport transport(inner, log, clock);
  ASSERT_TRUE(transport
                  .send(request("GET", "https://h/eyJhbGciOi.eyJzdWIi.c2ln/hunter22",
                                {{"Authorization", "Bearer eyJhbGciOi.eyJzdWIi.c2ln"}}))
                  .ok());
  ASSERT_FALSE(transport.send(request("GET", "https://h/x")).ok());
  EXPECT_EQ(stderr_capture.str(),
            "GET https://h/REDACTED/REDACTED -> 200 (3 ms) request-id: rid\n"
            "GET https://h/x -> error: server said Bearer REDACTED and leaked REDACTED (3 ms)\n");
  EXPECT_EQ(stderr_capture.str().find("eyJ"), std::string::npos);
}

TEST(LoggingTransport, SilentAndTransparentWhenNotVerbose) {
  FakeClock clock;
  ScriptedTransport inner(clock, 5ms);
  inner.answer(response(200, {}, "body"));
  RecordingLog log(false);
  LoggingTransport transport(inner, log, clock);
  const auto result = transport.send(request("PATCH", "https://h/r", {{"Content-Type", "application/json"}}));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->body, "body");
  EXPECT_TRUE(log.lines.empty());
  ASSERT_EQ(inner.sent().size(), 1u);
  EXPECT_EQ(inner.sent()[0].method, "PATCH");
  EXPECT_EQ(inner.sent()[0].headers.size(), 1u);
}

TEST(RedactUrlQuery, ByParameterName) {
  EXPECT_EQ(redact_url_query("https://h/p"), "https://h/p");
  EXPECT_EQ(redact_url_query("https://h/p?"), "https://h/p?");
  EXPECT_EQ(redact_url_query("https://h/p?api-version=1"), "https://h/p?api-version=1");
  EXPECT_EQ(redact_url_query("https://h/p?sig=a&sig=b"), "https://h/p?sig=REDACTED&sig=REDACTED");
  EXPECT_EQ(redact_url_query("https://h/p?$skiptoken=abc&api-version=1"),
            "https://h/p?$skiptoken=REDACTED&api-version=1");
  EXPECT_EQ(redact_url_query("https://h/p?flag&sig"), "https://h/p?flag&sig");
}

}  // namespace
}  // namespace azureml::http
