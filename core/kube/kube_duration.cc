#include "core/kube/kube_duration.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "core/util/text.h"

namespace azureml::kube {
namespace {

using Nanos = std::uint64_t;
constexpr Nanos kMaxNanos = static_cast<Nanos>(std::numeric_limits<std::int64_t>::max());

// Go's unit table; both spellings of micro (U+00B5 MICRO SIGN, U+03BC GREEK SMALL LETTER MU).
constexpr std::pair<std::string_view, Nanos> kUnits[] = {
    {"ns", 1},         {"us", 1'000},        {"\xC2\xB5s", 1'000},  {"\xCE\xBCs", 1'000},
    {"ms", 1'000'000}, {"s", 1'000'000'000}, {"m", 60'000'000'000}, {"h", 3'600'000'000'000},
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string in_quotes(std::string_view text) { return "'" + printable(text) + "'"; }

}  // namespace

Result<std::chrono::nanoseconds, std::string> parse_go_duration(std::string_view text) {
  std::string_view rest = text;
  bool negative = false;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '+')) {
    negative = rest[0] == '-';
    rest.remove_prefix(1);
  }
  if (rest == "0") return std::chrono::nanoseconds(0);
  if (rest.empty()) return fail(std::string("a duration needs a number and a unit"));

  Nanos total = 0;
  while (!rest.empty()) {
    if (!(rest[0] == '.' || is_digit(rest[0]))) return fail("expected a number at " + in_quotes(rest));
    // Whole part.
    Nanos whole = 0;
    std::size_t i = 0;
    bool overflow = false;
    for (; i < rest.size() && is_digit(rest[i]); ++i) {
      const Nanos digit = static_cast<Nanos>(rest[i] - '0');
      if (whole > (kMaxNanos - digit) / 10)
        overflow = true;
      else
        whole = whole * 10 + digit;
    }
    if (overflow) return fail("the duration " + in_quotes(text) + " is too long");
    const bool has_whole = i > 0;
    // Fraction: digits kept while their scale fits, the rest ignored (as Go does).
    Nanos fraction = 0;
    Nanos scale = 1;
    bool has_fraction = false;
    if (i < rest.size() && rest[i] == '.') {
      ++i;
      const std::size_t start = i;
      for (; i < rest.size() && is_digit(rest[i]); ++i) {
        if (scale > kMaxNanos / 10) continue;
        fraction = fraction * 10 + static_cast<Nanos>(rest[i] - '0');
        scale *= 10;
      }
      has_fraction = i > start;
    }
    if (!has_whole && !has_fraction) return fail("expected a number at " + in_quotes(rest));
    const std::string_view number = rest.substr(0, i);
    rest.remove_prefix(i);

    std::size_t unit_length = 0;
    while (unit_length < rest.size() && rest[unit_length] != '.' && !is_digit(rest[unit_length])) ++unit_length;
    if (unit_length == 0) return fail("missing unit after " + in_quotes(number));
    const std::string_view unit = rest.substr(0, unit_length);
    rest.remove_prefix(unit_length);
    Nanos multiplier = 0;
    for (const auto& [name, nanos] : kUnits)
      if (name == unit) multiplier = nanos;
    if (multiplier == 0) return fail("unknown unit " + in_quotes(unit) + " in " + in_quotes(text));

    if (whole > kMaxNanos / multiplier) return fail("the duration " + in_quotes(text) + " is too long");
    Nanos value = whole * multiplier;
    if (fraction > 0) {
      // fraction/scale of a unit, without overflowing: scale is at most 10^18.
      const long double part =
          static_cast<long double>(fraction) * static_cast<long double>(multiplier) / static_cast<long double>(scale);
      value += static_cast<Nanos>(part);
    }
    if (value > kMaxNanos - total) return fail("the duration " + in_quotes(text) + " is too long");
    total += value;
  }
  const auto signed_total = static_cast<std::int64_t>(total);
  return std::chrono::nanoseconds(negative ? -signed_total : signed_total);
}

Result<std::optional<std::chrono::milliseconds>, std::string> parse_request_timeout(std::string_view text) {
  std::chrono::nanoseconds duration{0};
  // strconv.ParseInt first: an optional sign and digits only.
  std::string_view digits = text;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
  const bool bare_integer = !digits.empty() && std::all_of(digits.begin(), digits.end(), is_digit);
  if (bare_integer) {
    if (digits.size() > 12) return fail("the timeout '" + std::string(text) + "' is too long");
    duration = std::chrono::seconds(std::stoll(std::string(digits)));
  } else {
    auto parsed = parse_go_duration(text);
    if (!parsed) return fail(parsed.error());
    duration = *parsed;
  }
  if (duration.count() < 0) return fail("a timeout cannot be negative");
  if (duration.count() == 0) return std::optional<std::chrono::milliseconds>();
  auto milliseconds = std::chrono::ceil<std::chrono::milliseconds>(duration);
  return std::optional<std::chrono::milliseconds>(milliseconds);
}

}  // namespace azureml::kube
