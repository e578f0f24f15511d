// Retry rules: which failures are retried, backoff with full jitter, Retry-After forms, Throttle.
#include "core/arm/retry.h"

#include <gtest/gtest.h>

namespace azureml::arm {
namespace {

using namespace std::chrono_literals;
using Kind = http::TransportError::Kind;

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));  // 2027-01-15T08:00:00Z

TEST(Retry, RetryableStatuses) {
  for (const int status : {408, 429, 500, 502, 503, 504}) EXPECT_TRUE(is_retryable_status(status)) << status;
  for (const int status : {200, 201, 202, 204, 400, 401, 403, 404, 409, 412, 422, 501, 505})
    EXPECT_FALSE(is_retryable_status(status)) << status;
}

TEST(Retry, RetryableTransportErrors) {
  EXPECT_TRUE(is_retryable_transport_error(Kind::connect));
  EXPECT_TRUE(is_retryable_transport_error(Kind::reset));
  EXPECT_TRUE(is_retryable_transport_error(Kind::timeout));
  EXPECT_FALSE(is_retryable_transport_error(Kind::tls));
  EXPECT_FALSE(is_retryable_transport_error(Kind::proxy));
  EXPECT_FALSE(is_retryable_transport_error(Kind::other));
}

TEST(Retry, BackoffDoublesUpToTheCapWithFullJitter) {
  const RetryPolicy policy;  // base 1 s, cap 60 s
  EXPECT_EQ(backoff_delay(policy, 1, 0.5), 500ms);
  EXPECT_EQ(backoff_delay(policy, 2, 0.5), 1000ms);
  EXPECT_EQ(backoff_delay(policy, 3, 0.5), 2000ms);
  EXPECT_EQ(backoff_delay(policy, 4, 0.5), 4000ms);
  EXPECT_EQ(backoff_delay(policy, 7, 0.5), 30000ms);   // 64 s capped at 60 s
  EXPECT_EQ(backoff_delay(policy, 60, 0.5), 30000ms);  // no overflow
  EXPECT_EQ(backoff_delay(policy, 1, 0.0), 0ms);
  // Full jitter stays below the ceiling, even for a source that returns exactly 1.
  EXPECT_EQ(backoff_delay(policy, 1, 0.9999), 999ms);
  EXPECT_EQ(backoff_delay(policy, 1, 1.0), 999ms);
  EXPECT_EQ(backoff_delay(policy, 10, 1.0), 59999ms);
}

TEST(Retry, DefaultRandomSourceIsInTheUnitInterval) {
  auto random = default_random_source();
  for (int i = 0; i < 1000; ++i) {
    const double r = random();
    EXPECT_GE(r, 0.0);
    EXPECT_LT(r, 1.0);
  }
}

TEST(Retry, RetryAfterSeconds) {
  EXPECT_EQ(retry_after({{"Retry-After", "7"}}, kNow), 7000ms);
  EXPECT_EQ(retry_after({{"retry-after", " 0 "}}, kNow), 0ms);
  EXPECT_EQ(retry_after({}, kNow), std::nullopt);
  EXPECT_EQ(retry_after({{"Retry-After", "-3"}}, kNow), std::nullopt);
  EXPECT_EQ(retry_after({{"Retry-After", "1.5"}}, kNow), std::nullopt);
  EXPECT_EQ(retry_after({{"Retry-After", "soon"}}, kNow), std::nullopt);
}

TEST(Retry, RetryAfterMillisecondsHeadersWin) {
  EXPECT_EQ(retry_after({{"Retry-After", "7"}, {"retry-after-ms", "250"}}, kNow), 250ms);
  EXPECT_EQ(retry_after({{"Retry-After", "7"}, {"x-ms-retry-after-ms", "1500"}}, kNow), 1500ms);
  EXPECT_EQ(retry_after({{"Retry-After", "7"}, {"x-ms-retry-after-ms", "junk"}}, kNow), 7000ms);
}

TEST(Retry, RetryAfterHttpDateIsRelativeToNow) {
  // kNow is Fri, 15 Jan 2027 08:00:00 GMT.
  EXPECT_EQ(retry_after({{"Retry-After", "Fri, 15 Jan 2027 08:00:42 GMT"}}, kNow), 42000ms);
  EXPECT_EQ(retry_after({{"Retry-After", "Fri, 15 Jan 2027 07:59:00 GMT"}}, kNow), 0ms);
  EXPECT_EQ(retry_after({{"Retry-After", "Fri, 15 Jan 2027 08:00:42 GMT"}}, kNow + 500ms), 41500ms);
}

TEST(Retry, ParsesTheThreeHttpDateForms) {
  const auto expected = std::chrono::sys_days(std::chrono::year(1994) / 11 / 6) + 8h + 49min + 37s;
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), expected);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), expected);
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), expected);
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 PST"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date(""), std::nullopt);
  // Past what system_clock holds (2262): not a date to wait for, and no overflow (fuzz/arm_responses).
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 9491 08:49:37 GMT"), std::nullopt);
}

TEST(Retry, FormatDuration) {
  EXPECT_EQ(format_duration(0ms), "0 ms");
  EXPECT_EQ(format_duration(731ms), "731 ms");
  EXPECT_EQ(format_duration(2000ms), "2 s");
  EXPECT_EQ(format_duration(2345ms), "2.3 s");
  EXPECT_EQ(format_duration(90s), "1m 30s");
  EXPECT_EQ(format_duration(30min), "30m");
  EXPECT_EQ(format_duration(2h + 1s), "2h 1s");
}

TEST(Throttle, HoldsUntilTheLatestMoment) {
  Throttle throttle;
  const auto t0 = std::chrono::steady_clock::time_point(100s);
  EXPECT_EQ(throttle.remaining(t0), 0ms);
  throttle.hold_until(t0 + 5s);
  EXPECT_EQ(throttle.remaining(t0), 5000ms);
  throttle.hold_until(t0 + 2s);  // never shortens
  EXPECT_EQ(throttle.remaining(t0 + 1s), 4000ms);
  EXPECT_EQ(throttle.remaining(t0 + 5s), 0ms);
  EXPECT_EQ(throttle.remaining(t0 + 6s), 0ms);
}

}  // namespace
}  // namespace azureml::arm
