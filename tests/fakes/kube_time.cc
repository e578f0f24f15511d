#include "tests/fakes/kube_time.h"

#include <charconv>
#include <ctime>

namespace azureml::fakes {
namespace {

bool read_number(std::string_view text, std::size_t at, std::size_t digits, int& value) {
  if (at + digits > text.size()) return false;
  const char* begin = text.data() + at;
  const auto [end, error] = std::from_chars(begin, begin + digits, value);
  return error == std::errc() && end == begin + digits;
}

bool expect(std::string_view text, std::size_t at, char c) { return at < text.size() && text[at] == c; }

}  // namespace

std::string rfc3339(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text) {
  std::tm parts{};
  int year = 0, month = 0;
  if (!read_number(text, 0, 4, year) || !expect(text, 4, '-') || !read_number(text, 5, 2, month) ||
      !expect(text, 7, '-') || !read_number(text, 8, 2, parts.tm_mday) ||
      !(expect(text, 10, 'T') || expect(text, 10, 't')) || !read_number(text, 11, 2, parts.tm_hour) ||
      !expect(text, 13, ':') || !read_number(text, 14, 2, parts.tm_min) || !expect(text, 16, ':') ||
      !read_number(text, 17, 2, parts.tm_sec)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || parts.tm_mday < 1 || parts.tm_mday > 31 || parts.tm_hour > 23 || parts.tm_min > 59 ||
      parts.tm_sec > 60) {
    return std::nullopt;
  }
  parts.tm_year = year - 1900;
  parts.tm_mon = month - 1;
  std::size_t at = 19;
  if (expect(text, at, '.')) {
    ++at;
    const std::size_t digits = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == digits) return std::nullopt;
  }
  long offset_seconds = 0;
  if (expect(text, at, 'Z') || expect(text, at, 'z')) {
    ++at;
  } else if (expect(text, at, '+') || expect(text, at, '-')) {
    int hours = 0, minutes = 0;
    if (!read_number(text, at + 1, 2, hours) || !expect(text, at + 3, ':') || !read_number(text, at + 4, 2, minutes)) {
      return std::nullopt;
    }
    offset_seconds = (hours * 3600L + minutes * 60L) * (text[at] == '+' ? 1 : -1);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  const std::time_t utc = timegm(&parts);
  return std::chrono::system_clock::from_time_t(utc - offset_seconds);
}

std::string human_duration(std::chrono::seconds age) {
  // The thresholds and formats of HumanDuration; machine clocks may differ by a second.
  const long long seconds = age.count();
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return std::to_string(seconds) + "s";
  const long long minutes = seconds / 60;
  if (minutes < 10) {
    const long long rest = seconds % 60;
    return std::to_string(minutes) + "m" + (rest == 0 ? "" : std::to_string(rest) + "s");
  }
  if (minutes < 60 * 3) return std::to_string(minutes) + "m";
  const long long hours = seconds / 3600;
  if (hours < 8) {
    const long long rest = minutes % 60;
    return std::to_string(hours) + "h" + (rest == 0 ? "" : std::to_string(rest) + "m");
  }
  if (hours < 48) return std::to_string(hours) + "h";
  if (hours < 24 * 8) {
    const long long rest = hours % 24;
    return std::to_string(hours / 24) + "d" + (rest == 0 ? "" : std::to_string(rest) + "h");
  }
  if (hours < 24 * 365 * 2) return std::to_string(hours / 24) + "d";
  if (hours < 24 * 365 * 8) {
    const long long rest = (hours / 24) % 365;
    return std::to_string(hours / 24 / 365) + "y" + (rest == 0 ? "" : std::to_string(rest) + "d");
  }
  return std::to_string(hours / 24 / 365) + "y";
}

}  // namespace azureml::fakes
