#pragma once
// When and how long to wait before trying an ARM request again, and a back-off shared by the
// clients of one run.
//
// Retryable: HTTP 408, 429, 500, 502, 503, 504 and the transport failures connect, reset and
// timeout (not tls or proxy: those are configuration and would fail again).
// The wait: the server's retry-after-ms / x-ms-retry-after-ms (milliseconds), else Retry-After
// (delta-seconds or an HTTP-date, relative to the clock's wall time); else exponential backoff
// with full jitter: uniform in [0, min(max_delay, base_delay * 2^(retry-1))).
// Bounded by max_attempts (sends, the first included) and max_total (from the first send: a
// wait that would pass it is not started). A 429 with a Retry-After is not an attempt: ARM did
// not process the request and said when to send it again, so only max_total bounds those.
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>

#include "core/http/transport.h"

namespace azureml::arm {

struct RetryPolicy {
  int max_attempts = 5;
  std::chrono::milliseconds max_total{std::chrono::minutes(5)};
  std::chrono::milliseconds base_delay{std::chrono::seconds(1)};
  std::chrono::milliseconds max_delay{std::chrono::seconds(60)};
};

// Uniform in [0, 1). Injected so that tests are deterministic.
using RandomSource = std::function<double()>;
// A Mersenne twister seeded from std::random_device.
RandomSource default_random_source();

bool is_retryable_status(int status);
bool is_retryable_transport_error(http::TransportError::Kind kind);

// The jittered wait before retry number `retry` (1 for the first retry). `random` in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double random);

// The server's requested wait, or nullopt when it asked for none (or said it unreadably).
// A date in the past gives 0.
std::optional<std::chrono::milliseconds> retry_after(const http::Headers& headers,
                                                     std::chrono::system_clock::time_point now);

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 5.6.7); obsolete RFC 850 and
// asctime forms too. nullopt when not a date.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);

// "500 ms", "2 s", "2.5 s", "1m 30s", "30m": for messages.
std::string format_duration(std::chrono::milliseconds duration);

// Shared by the ArmClients of one run (a fleet attach sends from several): after one of them is
// throttled (429) and decides to wait, the others hold their next request until the same moment
// instead of spending their own attempts on 429s. Thread-safe.
class Throttle {
 public:
  // Extends the hold; never shortens it.
  void hold_until(std::chrono::steady_clock::time_point until);
  // How long a sender should wait at `now`; zero when free.
  std::chrono::milliseconds remaining(std::chrono::steady_clock::time_point now) const;

 private:
  mutable std::mutex mutex_;
  std::chrono::steady_clock::time_point until_{};
};

}  // namespace azureml::arm
