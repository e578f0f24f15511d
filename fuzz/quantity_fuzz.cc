// Fuzz target: Kubernetes quantities (config::Quantity). The input is split into lines; each
// line is parsed, and every two or three that parse are compared. Checks, against a reference
// model built from decimal_string() (plain decimal, compared digit by digit):
//   - an error is one printable line naming the text, with no trailing period;
//   - decimal_string() is canonical ("0", no "-0", no leading or trailing zeros) and agrees
//     with is_zero, is_negative, is_integer, is_multiple_of_milli;
//   - what parses prints back (decimal_string(), and the same value as digits + exponent) as
//     text that parses, within the documented limits, to an equal Quantity;
//   - a decimal SI suffix means its power of ten ("5k" == "5e3"), a sign flips the order;
//   - <=> and == agree with the model, are antisymmetric and transitive.
#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/quantity.h"
#include "fuzz/fuzz_check.h"

namespace {

using azureml::config::Quantity;
using azureml::fuzz::is_one_printable_line;

constexpr std::size_t kMaxDigits = 64;  // quantity.h's limits
constexpr long kMaxExponent = 100;

// A canonical decimal string split into sign, integer digits and fraction digits.
struct Decimal {
  bool negative = false;
  std::string integer;   // "0" or no leading zero
  std::string fraction;  // no trailing zero
};

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// nullopt when `text` is not in decimal_string()'s documented form.
std::optional<Decimal> canonical_decimal(std::string_view text) {
  Decimal d;
  if (text.starts_with('-')) {
    d.negative = true;
    text.remove_prefix(1);
  }
  const std::size_t point = text.find('.');
  d.integer = std::string(text.substr(0, point));
  if (point != std::string_view::npos) d.fraction = std::string(text.substr(point + 1));
  if (d.integer.empty() || !all_digits(d.integer) || !all_digits(d.fraction)) return std::nullopt;
  if (d.integer.size() > 1 && d.integer[0] == '0') return std::nullopt;
  if (point != std::string_view::npos && (d.fraction.empty() || d.fraction.back() == '0')) return std::nullopt;
  if (d.negative && d.integer == "0" && d.fraction.empty()) return std::nullopt;  // "-0"
  return d;
}

// The model's order: sign, then integer length, then the digits.
std::strong_ordering compare(const Decimal& a, const Decimal& b) {
  const auto sign = [](const Decimal& d) { return d.integer == "0" && d.fraction.empty() ? 0 : d.negative ? -1 : 1; };
  if (sign(a) != sign(b) || sign(a) == 0) return sign(a) <=> sign(b);
  std::strong_ordering magnitude = a.integer.size() <=> b.integer.size();
  if (magnitude == 0) magnitude = a.integer <=> b.integer;
  if (magnitude == 0) magnitude = a.fraction <=> b.fraction;  // no trailing zeros: lexicographic is numeric
  return sign(a) > 0 ? magnitude : 0 <=> magnitude;
}

// The same value as significant digits and a power of ten: "1234e-2".
std::string scientific(const Decimal& d) {
  std::string digits = d.integer + d.fraction;
  long exponent = -static_cast<long>(d.fraction.size());
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  if (digits.empty()) return "0";
  return (d.negative ? "-" : "") + digits + "e" + std::to_string(exponent);
}

// Whether `text` ("-ddd.ddd" or "-ddde[-]n") is inside parse()'s limits.
bool within_limits(std::string_view text) {
  if (text.starts_with('-')) text.remove_prefix(1);
  const std::size_t e = text.find('e');
  std::string_view number = text.substr(0, e);
  if (e != std::string_view::npos) {
    const std::string_view exponent = text.substr(e + 1);
    const std::string_view magnitude = exponent.starts_with('-') ? exponent.substr(1) : exponent;
    if (magnitude.size() > 4 || std::stol(std::string(magnitude)) > kMaxExponent) return false;
  }
  const std::size_t point = number.find('.');
  std::string_view integer = number.substr(0, point);
  integer.remove_prefix(std::min(integer.find_first_not_of('0'), integer.size()));
  const std::size_t fraction = point == std::string_view::npos ? 0 : number.size() - point - 1;
  return integer.size() + fraction <= kMaxDigits;
}

void check_reparses(const Quantity& q, const std::string& text, const char* what) {
  if (!within_limits(text)) return;
  const auto again = Quantity::parse(text);
  FUZZ_CHECK(again.ok(), std::string(what) + " '" + text + "' of '" + q.text() +
                             "' does not parse: " + (again.ok() ? std::string() : again.error()));
  FUZZ_CHECK(*again == q && (*again <=> q) == 0, std::string(what) + " '" + text + "' != '" + q.text() + "'");
  FUZZ_CHECK(again->decimal_string() == q.decimal_string(), text + " prints differently from " + q.text());
}

void check_error(std::string_view text, const std::string& error) {
  FUZZ_CHECK(is_one_printable_line(error), error);
  FUZZ_CHECK(error.starts_with("'") && error.find("' is not a Kubernetes quantity: ") != std::string::npos, error);
  FUZZ_CHECK(!error.ends_with("."), error);
  FUZZ_CHECK(!text.empty() || error.find("it is empty") != std::string::npos, error);
}

// The decimal SI suffix of `text` and its power of ten ("5k": "5", 3); nullopt for any other form.
std::optional<std::pair<std::string_view, int>> decimal_si(std::string_view text) {
  static constexpr std::pair<char, int> kPowers[] = {{'n', -9}, {'u', -6}, {'m', -3}, {'k', 3}, {'M', 6},
                                                     {'G', 9},  {'T', 12}, {'P', 15}, {'E', 18}};
  if (text.size() < 2) return std::nullopt;
  for (const auto& [suffix, power] : kPowers)
    if (text.back() == suffix) return std::pair(text.substr(0, text.size() - 1), power);
  return std::nullopt;
}

std::optional<Decimal> check_one(std::string_view text) {
  const auto parsed = Quantity::parse(text);
  if (!parsed) {
    check_error(text, parsed.error());
    return std::nullopt;
  }
  const Quantity& q = *parsed;
  FUZZ_CHECK(q.text() == text, q.text());
  const std::string printed = q.decimal_string();
  const auto model = canonical_decimal(printed);
  FUZZ_CHECK(model.has_value(), "decimal_string() of '" + q.text() + "' is not canonical: " + printed);
  FUZZ_CHECK(q.is_zero() == (printed == "0"), printed);
  FUZZ_CHECK(q.is_negative() == model->negative, printed);
  FUZZ_CHECK(q.is_integer() == model->fraction.empty(), printed);
  FUZZ_CHECK(q.is_multiple_of_milli() == (model->fraction.size() <= 3), printed);
  FUZZ_CHECK(q.has_suffix_milli() == text.ends_with('m'), q.text());
  FUZZ_CHECK(q == q && (q <=> q) == 0, q.text());

  check_reparses(q, printed, "decimal_string()");
  check_reparses(q, scientific(*model), "digits and exponent");

  // "5k" is "5e3": the suffix is exactly its power of ten.
  if (const auto si = decimal_si(text); si && !si->first.ends_with('e') && !si->first.ends_with('E')) {
    const std::string exponent_form = std::string(si->first) + "e" + std::to_string(si->second);
    if (const auto same = Quantity::parse(exponent_form)) FUZZ_CHECK(*same == q, exponent_form + " != " + q.text());
  }
  // A leading '-' flips the order; '+' changes nothing.
  if (!text.starts_with('-') && !text.starts_with('+')) {
    const auto negated = Quantity::parse("-" + std::string(text));
    const auto plus = Quantity::parse("+" + std::string(text));
    FUZZ_CHECK(negated.ok() && plus.ok(), q.text());
    FUZZ_CHECK(*plus == q, q.text());
    FUZZ_CHECK((*negated <=> q) == (q.is_zero() ? std::strong_ordering::equal : std::strong_ordering::less), q.text());
    FUZZ_CHECK(negated->decimal_string() == (q.is_zero() ? "0" : "-" + printed), negated->decimal_string());
  }
  return model;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<Quantity, Decimal>> parsed;
  for (std::size_t start = 0; start <= input.size() && parsed.size() < 8;) {
    const std::size_t end = std::min(input.find('\n', start), input.size());
    const std::string_view line = input.substr(start, end - start);
    if (auto model = check_one(line)) parsed.emplace_back(Quantity::parse(line).value(), std::move(*model));
    start = end + 1;
  }
  for (const auto& [a, model_a] : parsed)
    for (const auto& [b, model_b] : parsed) {
      const std::strong_ordering order = a <=> b;
      FUZZ_CHECK(order == compare(model_a, model_b), a.text() + " <=> " + b.text());
      FUZZ_CHECK((b <=> a) == (0 <=> order), a.text() + " <=> " + b.text());
      FUZZ_CHECK((a == b) == (order == 0), a.text() + " == " + b.text());
      for (const auto& [c, model_c] : parsed)
        if (a <= b && b <= c) FUZZ_CHECK(a <= c, a.text() + " <= " + b.text() + " <= " + c.text());
    }
  return 0;
}
