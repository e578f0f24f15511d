#include "tests/fakes/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace azureml::fakes {

TokenBucket::TokenBucket(BucketLimit limit, Clock::time_point now)
    : limit_(limit), tokens_(limit.capacity), last_(now) {}

void TokenBucket::refill(Clock::time_point now) {
  if (now <= last_) return;
  const double seconds = std::chrono::duration<double>(now - last_).count();
  tokens_ = std::min(limit_.capacity, tokens_ + seconds * limit_.refill_per_second);
  last_ = now;
}

std::optional<std::chrono::milliseconds> TokenBucket::take(Clock::time_point now) {
  refill(now);
  if (tokens_ >= 1) {
    tokens_ -= 1;
    return std::nullopt;
  }
  if (limit_.refill_per_second <= 0) return std::chrono::hours(1);
  const double seconds = (1 - tokens_) / limit_.refill_per_second;
  return std::chrono::milliseconds(static_cast<long>(std::ceil(seconds * 1000)));
}

double TokenBucket::tokens(Clock::time_point now) {
  refill(now);
  return tokens_;
}

RateLimiter::RateLimiter(RateLimits limits, TokenBucket::Clock::time_point now) { reset(limits, now); }

void RateLimiter::reset(RateLimits limits, TokenBucket::Clock::time_point now) {
  const auto bucket = [now](const std::optional<BucketLimit>& limit) {
    return limit ? std::optional<TokenBucket>(std::in_place, *limit, now) : std::nullopt;
  };
  std::lock_guard lock(mutex_);
  reads_ = bucket(limits.reads);
  writes_ = bucket(limits.writes);
  deletes_ = bucket(limits.deletes);
}

RateLimiter::Verdict RateLimiter::admit(std::string_view method, TokenBucket::Clock::time_point now) {
  std::lock_guard lock(mutex_);
  std::optional<TokenBucket>* bucket = &writes_;
  Verdict verdict{std::nullopt, "x-ms-ratelimit-remaining-subscription-writes", -1};
  if (method == "GET" || method == "HEAD") {
    bucket = &reads_;
    verdict.header = "x-ms-ratelimit-remaining-subscription-reads";
  } else if (method == "DELETE") {
    bucket = &deletes_;
    verdict.header = "x-ms-ratelimit-remaining-subscription-deletes";
  }
  if (!*bucket) return verdict;
  verdict.wait = (*bucket)->take(now);
  if (verdict.wait) ++throttled_;
  verdict.remaining = static_cast<long>((*bucket)->tokens(now));
  return verdict;
}

int RateLimiter::throttled() const {
  std::lock_guard lock(mutex_);
  return throttled_;
}

}  // namespace azureml::fakes
