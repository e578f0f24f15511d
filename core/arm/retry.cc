#include "core/arm/retry.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <memory>
#include <random>
#include <string>

namespace azureml::arm {
namespace {

using namespace std::chrono;

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// A non-negative integer made only of digits; nullopt otherwise (no sign, no fraction).
std::optional<long long> digits(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 12) return std::nullopt;
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

std::optional<int> month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (kMonths[i] == name) return static_cast<int>(i) + 1;
  return std::nullopt;
}

std::optional<system_clock::time_point> make_time(int year, int month, int day, std::string_view hms) {
  // hms = "HH:MM:SS"
  if (hms.size() != 8 || hms[2] != ':' || hms[5] != ':') return std::nullopt;
  const auto h = digits(hms.substr(0, 2));
  const auto m = digits(hms.substr(3, 2));
  const auto s = digits(hms.substr(6, 2));
  if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
  // system_clock counts nanoseconds in 64 bits: it ends in 2262. A later date is not one we can
  // wait for (found by fuzz/arm_responses: 9491 overflowed).
  if (year < 1970 || year > 2200) return std::nullopt;
  const year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  return sys_days(date) + hours(*h) + minutes(*m) + seconds(*s);
}

std::vector<std::string_view> split_spaces(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && text[at] == ' ') ++at;
    if (at >= text.size()) break;
    const auto end = std::min(text.find(' ', at), text.size());
    parts.push_back(text.substr(at, end - at));
    at = end;
  }
  return parts;
}

}  // namespace

RandomSource default_random_source() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [engine]() { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

bool is_retryable_status(int status) {
  return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool is_retryable_transport_error(http::TransportError::Kind kind) {
  using Kind = http::TransportError::Kind;
  return kind == Kind::connect || kind == Kind::reset || kind == Kind::timeout;
}

milliseconds backoff_delay(const RetryPolicy& policy, int retry, double random) {
  const double base = static_cast<double>(policy.base_delay.count());
  const double cap = static_cast<double>(policy.max_delay.count());
  const double exponent = std::min(std::max(retry, 1) - 1, 40);
  const double ceiling = std::min(cap, base * std::pow(2.0, exponent));
  const double fraction = std::clamp(random, 0.0, 1.0);
  auto delay = milliseconds(static_cast<long long>(ceiling * fraction));
  // random in [0, 1) keeps it below the ceiling; a source that returns 1.0 must not pass it.
  if (delay.count() >= static_cast<long long>(ceiling) && ceiling >= 1.0)
    delay = milliseconds(static_cast<long long>(ceiling) - 1);
  return delay;
}

std::optional<milliseconds> retry_after(const http::Headers& headers, system_clock::time_point now) {
  for (const auto name : {"retry-after-ms", "x-ms-retry-after-ms"})
    if (const auto value = http::find_header(headers, name))
      if (const auto ms = digits(*value)) return milliseconds(*ms);
  const auto value = http::find_header(headers, "Retry-After");
  if (!value) return std::nullopt;
  if (const auto secs = digits(*value)) return duration_cast<milliseconds>(seconds(*secs));
  if (const auto date = parse_http_date(*value)) {
    if (*date <= now) return milliseconds(0);
    // Round up so that we never come back before the date.
    return ceil<milliseconds>(*date - now);
  }
  return std::nullopt;
}

std::optional<system_clock::time_point> parse_http_date(std::string_view text) {
  const auto parts = split_spaces(trim(text));
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (parts.size() == 6 && parts[0].size() == 4 && parts[0][3] == ',' && parts[5] == "GMT") {
    const auto day = digits(parts[1]);
    const auto month = month_number(parts[2]);
    const auto year = digits(parts[3]);
    if (!day || !month || !year || parts[1].size() != 2 || parts[3].size() != 4) return std::nullopt;
    return make_time(static_cast<int>(*year), *month, static_cast<int>(*day), parts[4]);
  }
  // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT" (two-digit years: 70-99 -> 19xx, else 20xx).
  if (parts.size() == 4 && !parts[0].empty() && parts[0].back() == ',' && parts[3] == "GMT" && parts[1].size() == 9 &&
      parts[1][2] == '-' && parts[1][6] == '-') {
    const auto day = digits(parts[1].substr(0, 2));
    const auto month = month_number(parts[1].substr(3, 3));
    const auto yy = digits(parts[1].substr(7, 2));
    if (!day || !month || !yy) return std::nullopt;
    const int year = static_cast<int>(*yy) + (*yy >= 70 ? 1900 : 2000);
    return make_time(year, *month, static_cast<int>(*day), parts[2]);
  }
  // asctime: "Sun Nov  6 08:49:37 1994"
  if (parts.size() == 5 && parts[0].size() == 3) {
    const auto month = month_number(parts[1]);
    const auto day = digits(parts[2]);
    const auto year = digits(parts[4]);
    if (!month || !day || !year || parts[4].size() != 4) return std::nullopt;
    return make_time(static_cast<int>(*year), *month, static_cast<int>(*day), parts[3]);
  }
  return std::nullopt;
}

std::string format_duration(milliseconds duration) {
  const auto ms = duration.count();
  if (ms < 1000) return std::to_string(ms) + " ms";
  if (ms < 60'000) {
    const auto tenths = (ms + 50) / 100;
    if (tenths % 10 == 0) return std::to_string(tenths / 10) + " s";
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
  }
  const auto total_seconds = (ms + 500) / 1000;
  const auto h = total_seconds / 3600;
  const auto m = (total_seconds % 3600) / 60;
  const auto s = total_seconds % 60;
  std::string out;
  if (h > 0) out += std::to_string(h) + "h";
  if (m > 0) out += (out.empty() ? "" : " ") + std::to_string(m) + "m";
  if (s > 0) out += (out.empty() ? "" : " ") + std::to_string(s) + "s";
  return out;
}

void Throttle::hold_until(steady_clock::time_point until) {
  std::lock_guard lock(mutex_);
  until_ = std::max(until_, until);
}

milliseconds Throttle::remaining(steady_clock::time_point now) const {
  std::lock_guard lock(mutex_);
  if (until_ <= now) return milliseconds(0);
  return ceil<milliseconds>(until_ - now);
}

}  // namespace azureml::arm
