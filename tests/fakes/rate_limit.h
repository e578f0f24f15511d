#pragma once
// ARM's throttling as the fake plays it: token buckets per kind of request, as ARM documents
// them (../shared/reference/azure-rest-contract.md §5: reads 250 refilled at 25/s, writes and
// deletes 200 at 10/s, per subscription and principal). A request that finds its bucket empty
// is not processed: it gets 429 with Retry-After, the whole seconds until a token is back
// (at least 1), and a request sent before then is refused again. Thread-safe.
#include <chrono>
#include <mutex>
#include <optional>
#include <string_view>

namespace azureml::fakes {

struct BucketLimit {
  double capacity = 0;           // tokens when full (the burst)
  double refill_per_second = 0;  // tokens added per second, up to capacity
};

// ARM's documented buckets.
inline constexpr BucketLimit kArmReads{250, 25};
inline constexpr BucketLimit kArmWrites{200, 10};
inline constexpr BucketLimit kArmDeletes{200, 10};

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;
  TokenBucket(BucketLimit limit, Clock::time_point now);
  // nullopt: a token was taken and the request goes on; otherwise how long until one is back.
  std::optional<std::chrono::milliseconds> take(Clock::time_point now);
  double tokens(Clock::time_point now);  // what is left at `now`

 private:
  void refill(Clock::time_point now);
  BucketLimit limit_;
  double tokens_;
  Clock::time_point last_;
};

// The buckets a FakeAzure applies to ARM's paths; a kind without a limit is never throttled.
struct RateLimits {
  std::optional<BucketLimit> reads;    // GET, HEAD
  std::optional<BucketLimit> writes;   // PUT, PATCH, POST
  std::optional<BucketLimit> deletes;  // DELETE
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimits limits, TokenBucket::Clock::time_point now = TokenBucket::Clock::now());
  struct Verdict {
    std::optional<std::chrono::milliseconds> wait;  // set: throttled, for this long
    const char* header = nullptr;                   // x-ms-ratelimit-remaining-subscription-{reads,writes,deletes}
    long remaining = -1;                            // tokens left after this request; -1: no limit
  };
  void reset(RateLimits limits, TokenBucket::Clock::time_point now = TokenBucket::Clock::now());  // full buckets
  Verdict admit(std::string_view method, TokenBucket::Clock::time_point now = TokenBucket::Clock::now());
  int throttled() const;  // 429s answered so far

 private:
  mutable std::mutex mutex_;
  std::optional<TokenBucket> reads_, writes_, deletes_;
  int throttled_ = 0;
};

}  // namespace azureml::fakes
