#include "core/config/quantity.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

namespace azureml::config {
namespace {

// Bounds keep every value at a few hundred digits at most, whatever the input.
constexpr std::size_t kMaxDigits = 64;
constexpr int kMaxExponent = 100;

struct Suffix {
  std::string_view name;
  int power_of_ten;
  int times_1024;  // binary suffixes: Ki = 1024^1 ... Ei = 1024^6
};

// The empty decimalSI suffix is handled by the caller: it is the absence of a suffix.
// "n" and "u" are not in the grammar's doc comment, but apimachinery registers them and the
// API server accepts them, so a valid pod spec must not be rejected here.
constexpr std::array<Suffix, 15> kSuffixes{{
    {"n", -9, 0},
    {"u", -6, 0},
    {"m", -3, 0},
    {"k", 3, 0},
    {"M", 6, 0},
    {"G", 9, 0},
    {"T", 12, 0},
    {"P", 15, 0},
    {"E", 18, 0},
    {"Ki", 0, 1},
    {"Mi", 0, 2},
    {"Gi", 0, 3},
    {"Ti", 0, 4},
    {"Pi", 0, 5},
    {"Ei", 0, 6},
}};

constexpr std::string_view kSuffixHint =
    " (use one of: n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, or an exponent such as e3)";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_sign(char c) { return c == '+' || c == '-'; }

const Suffix* find_suffix(std::string_view name) {
  for (const Suffix& suffix : kSuffixes)
    if (suffix.name == name) return &suffix;
  return nullptr;
}

// The text comes from a user's file and ends up on a terminal: escape anything but printable
// ASCII (a lone byte of a UTF-8 sequence must not reach the output raw) and cut very long
// input short so one bad value cannot flood the output.
std::string quote(std::string_view text) {
  constexpr std::size_t kMaxShown = 80;
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out = "'";
  for (std::size_t i = 0; i < text.size() && i < kMaxShown; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte >= 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += text[i];
    }
  }
  if (text.size() > kMaxShown) out += "...";
  out += "'";
  return out;
}

// Decimal digit string times a small factor, in place (schoolbook, carry kept in an int).
void multiply(std::string& digits, int factor) {
  int carry = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    const int product = (*it - '0') * factor + carry;
    *it = static_cast<char>('0' + product % 10);
    carry = product / 10;
  }
  std::string head;
  for (; carry > 0; carry /= 10) head.insert(head.begin(), static_cast<char>('0' + carry % 10));
  digits.insert(0, head);
}

}  // namespace

Quantity::Quantity() : text_("0") {}

Result<Quantity> Quantity::parse(std::string_view text) {
  const auto bad = [text](const std::string& reason) {
    return fail(quote(text) + " is not a Kubernetes quantity: " + reason);
  };
  const auto at = [](std::size_t pos) { return " at character " + std::to_string(pos + 1); };
  const auto char_at = [text](std::size_t pos) { return quote(text.substr(pos, 1)); };
  const std::size_t end = text.size();
  if (text.empty()) return bad("it is empty");

  std::size_t pos = 0;
  const bool negative = text[pos] == '-';
  if (is_sign(text[pos])) ++pos;

  const std::size_t integer_begin = pos;
  while (pos < end && is_digit(text[pos])) ++pos;
  const std::string_view integer_part = text.substr(integer_begin, pos - integer_begin);
  std::string_view fraction_part;
  if (pos < end && text[pos] == '.') {
    const std::size_t fraction_begin = ++pos;
    while (pos < end && is_digit(text[pos])) ++pos;
    fraction_part = text.substr(fraction_begin, pos - fraction_begin);
  }
  if (integer_part.empty() && fraction_part.empty()) {
    if (pos == end) return bad("it has no digits");
    return bad("expected a digit" + at(pos) + " but found " + char_at(pos));
  }

  int power_of_ten = 0;
  int times_1024 = 0;
  bool milli = false;
  const std::string_view rest = text.substr(pos);
  // "1E" is exa, "1E3" and "1e3" are exponents; a lone "e" can only be a cut-off exponent.
  const bool exponent_form = rest == "e" || (rest.size() >= 2 && (rest[0] == 'e' || rest[0] == 'E') &&
                                             (is_digit(rest[1]) || is_sign(rest[1])));
  if (exponent_form) {
    std::size_t p = pos + 1;
    const bool exponent_negative = p < end && text[p] == '-';
    if (p < end && is_sign(text[p])) ++p;
    const std::size_t exponent_digits_begin = p;
    int magnitude = 0;  // saturates just past the limit, so a long run of digits cannot overflow
    for (; p < end && is_digit(text[p]); ++p) magnitude = std::min(magnitude * 10 + (text[p] - '0'), kMaxExponent + 1);
    if (p == exponent_digits_begin) {
      if (p == end) return bad("the exponent " + quote(rest) + " has no digits");
      return bad("expected a digit" + at(p) + " but found " + char_at(p));
    }
    if (p < end) return bad("unexpected " + char_at(p) + at(p));
    if (magnitude > kMaxExponent)
      return bad("the exponent " + quote(rest) + " is out of the supported range (-" + std::to_string(kMaxExponent) +
                 " to " + std::to_string(kMaxExponent) + ")");
    power_of_ten = exponent_negative ? -magnitude : magnitude;
  } else if (!rest.empty()) {
    std::size_t p = pos;
    while (p < end && is_letter(text[p])) ++p;
    const std::string_view name = text.substr(pos, p - pos);
    if (name.empty()) return bad("unexpected " + char_at(p) + at(p));
    const Suffix* suffix = find_suffix(name);
    if (suffix == nullptr) return bad("unknown suffix " + quote(name) + std::string(kSuffixHint));
    if (p < end) return bad("unexpected " + char_at(p) + at(p));
    power_of_ten = suffix->power_of_ten;
    times_1024 = suffix->times_1024;
    milli = name == "m";
  }

  // Leading zeros before the point cannot make a number large, so "0.<64 digits>" is fine;
  // zeros after the point do count, as they bound how small the value can get.
  const std::size_t integer_zeros = std::min(integer_part.find_first_not_of('0'), integer_part.size());
  if (integer_part.size() - integer_zeros + fraction_part.size() > kMaxDigits)
    return bad("the number has more than " + std::to_string(kMaxDigits) +
               " digits, which is out of the supported range");

  std::string digits;
  digits.append(integer_part).append(fraction_part);
  int exponent = power_of_ten - static_cast<int>(fraction_part.size());
  digits.erase(0, digits.find_first_not_of('0'));  // all zeros: npos erases everything
  for (int i = 0; i < times_1024; ++i) multiply(digits, 1024);
  for (; !digits.empty() && digits.back() == '0'; ++exponent) digits.pop_back();

  Quantity q;
  q.text_ = std::string(text);
  q.negative_ = negative && !digits.empty();
  q.exponent_ = digits.empty() ? 0 : exponent;
  q.digits_ = std::move(digits);
  q.milli_suffix_ = milli;
  return q;
}

bool Quantity::is_integer() const { return is_zero() || exponent_ >= 0; }

bool Quantity::is_multiple_of_milli() const { return is_zero() || exponent_ >= -3; }

std::string Quantity::decimal_string() const {
  if (is_zero()) return "0";
  std::string out = negative_ ? "-" : "";
  if (exponent_ >= 0) return out + digits_ + std::string(static_cast<std::size_t>(exponent_), '0');
  // Where the point goes, counted from the left of digits_; zero or below means "0.000ddd".
  const long point = static_cast<long>(digits_.size()) + exponent_;
  if (point > 0) {
    const auto split = static_cast<std::size_t>(point);
    return out + digits_.substr(0, split) + "." + digits_.substr(split);
  }
  return out + "0." + std::string(static_cast<std::size_t>(-point), '0') + digits_;
}

std::strong_ordering operator<=>(const Quantity& a, const Quantity& b) {
  const auto sign = [](const Quantity& q) { return q.is_zero() ? 0 : q.negative_ ? -1 : 1; };
  const int sign_a = sign(a);
  const int sign_b = sign(b);
  if (sign_a != sign_b || sign_a == 0) return sign_a <=> sign_b;
  // With no leading zeros, the position of the leading digit orders magnitudes; at the same
  // position the digit strings compare lexicographically ("12" < "123" as 0.12 < 0.123).
  const auto leading = [](const Quantity& q) { return static_cast<long>(q.digits_.size()) + q.exponent_; };
  std::strong_ordering magnitude = leading(a) <=> leading(b);
  if (magnitude == 0) magnitude = a.digits_ <=> b.digits_;
  return sign_a > 0 ? magnitude : 0 <=> magnitude;
}

bool operator==(const Quantity& a, const Quantity& b) {
  // The representation is canonical, so equal values have equal fields.
  return a.negative_ == b.negative_ && a.digits_ == b.digits_ && a.exponent_ == b.exponent_;
}

}  // namespace azureml::config
