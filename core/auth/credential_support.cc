#include "core/auth/credential_support.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>

#include "core/util/text.h"

namespace azureml::auth {

AuthError unavailable(std::string credential, std::string message) {
  return AuthError{std::move(credential), std::move(message), true};
}

AuthError failed(std::string credential, std::string message) {
  return AuthError{std::move(credential), std::move(message), false};
}

namespace {

void replace_all(std::string& text, std::string_view needle, std::string_view replacement) {
  if (needle.empty()) return;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + replacement.size()))
    text.replace(at, needle.size(), replacement);
}

}  // namespace

std::string scrub(std::string text, std::span<const std::string> secrets) {
  for (const auto& secret : secrets) {
    if (secret.size() < 4) continue;
    replace_all(text, secret, "REDACTED");
    const auto encoded = percent_encode(secret);
    if (encoded != secret) replace_all(text, encoded, "REDACTED");
  }
  return text;
}

std::string trim(std::string_view text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string first_line(std::string_view text) {
  auto trimmed = trim(text);
  const auto end = trimmed.find_first_of("\r\n");
  if (end != std::string::npos) trimmed.resize(end);
  trimmed = trim(trimmed);
  constexpr std::size_t kMax = 400;
  if (trimmed.size() > kMax) {
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(trimmed[cut]) & 0xC0) == 0x80) --cut;  // not mid-character
    trimmed = trimmed.substr(0, cut) + "...";
  }
  return printable(trimmed);
}

std::string not_set_message(std::span<const std::string> names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out + (names.size() == 1 ? " is not set" : " are not set");
}

std::optional<std::int64_t> parse_seconds(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

std::optional<std::int64_t> json_seconds(const nlohmann::json& value) {
  if (value.is_number_unsigned()) {
    const auto n = value.get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(1) << 53) return std::nullopt;
    return static_cast<std::int64_t>(n);
  }
  if (value.is_number_integer()) {
    const auto n = value.get<std::int64_t>();
    if (n < 0) return std::nullopt;
    return n;
  }
  if (value.is_number_float()) {
    const auto n = value.get<double>();
    if (!(n >= 0 && n < 9.0e15)) return std::nullopt;
    return static_cast<std::int64_t>(n);
  }
  if (value.is_string()) return parse_seconds(value.get_ref<const std::string&>());
  return std::nullopt;
}

std::chrono::system_clock::time_point from_unix_seconds(std::int64_t seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

std::string format_utc(std::chrono::system_clock::time_point time) {
  const std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 32> buffer{};
  const auto length = std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buffer.data(), length);
}

std::string resource_from_scope(std::string_view scope) {
  constexpr std::string_view kSuffix = "/.default";
  if (scope.size() > kSuffix.size() && scope.substr(scope.size() - kSuffix.size()) == kSuffix)
    scope.remove_suffix(kSuffix.size());
  return std::string(scope);
}

bool is_valid_scope(std::string_view scope) {
  return !scope.empty() && scope.front() != '-' && std::all_of(scope.begin(), scope.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == ':' || c == '/' || c == '-';
  });
}

bool is_valid_tenant(std::string_view tenant) {
  return !tenant.empty() && std::all_of(tenant.begin(), tenant.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  });
}

}  // namespace azureml::auth
