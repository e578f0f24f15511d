#pragma once
// Kubernetes resource quantities ("500m", "16Gi", "1e3"), parsed and compared exactly.
//
// Values are kept as decimal digits and a power of ten, never as floating point: limits
// such as "9007199254740993" or "1.0000000000000000001" must compare the way the API
// server compares them, and a double cannot hold either.
#include <compare>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace azureml::config {

// Grammar (apimachinery resource.Quantity):
//   quantity        ::= signedNumber suffix
//   signedNumber    ::= number | sign number          sign ::= '+' | '-'
//   number          ::= digits | digits '.' digits | digits '.' | '.' digits
//   suffix          ::= binarySI | decimalExponent | decimalSI
//   binarySI        ::= Ki | Mi | Gi | Ti | Pi | Ei
//   decimalSI       ::= m | "" | k | M | G | T | P | E
//   decimalExponent ::= 'e' signedInteger | 'E' signedInteger
// A bare trailing 'E' is exa; 'e' or 'E' followed by a signed integer is an exponent.
// No whitespace is allowed anywhere.
//
// Limits, so hostile input cannot make huge numbers: at most 64 digits in the number
// part, not counting zeros before the first digit of the integer part ("0.5", "007"), and
// an exponent of at most 100 either way.
class Quantity {
 public:
  // Zero, as if parsed from "0": lets a Quantity sit in a default-constructed struct.
  Quantity();

  // On failure the error is one sentence without a trailing period, e.g.
  // "'1.5.2' is not a Kubernetes quantity: unexpected '.' at character 4".
  // Character positions are 1-based byte offsets into `text`.
  static Result<Quantity> parse(std::string_view text);

  const std::string& text() const { return text_; }  // exactly the text parsed
  bool is_negative() const { return negative_; }     // strictly below zero: "-0" is not
  bool is_zero() const { return digits_.empty(); }
  bool is_integer() const;            // "1k", "2Ki", "1000m", "1.0", "1e3": yes; "500m", "1e-1": no
  bool is_multiple_of_milli() const;  // value * 1000 is whole: "0.5", "1m": yes; "0.1m": no
  bool has_suffix_milli() const { return milli_suffix_; }  // the decimalSI suffix was "m"

  // Exact value in plain decimal, no exponent and no trailing zeros after the point:
  // "16Gi" -> "17179869184", "500m" -> "0.5", "-1.50" -> "-1.5", "0e5" -> "0".
  std::string decimal_string() const;

  // Numeric, exact; the text does not matter ("1" == "1000m" == "1e0").
  friend std::strong_ordering operator<=>(const Quantity& a, const Quantity& b);
  friend bool operator==(const Quantity& a, const Quantity& b);

 private:
  // The value is (negative_ ? -1 : 1) * digits_ * 10^exponent_. digits_ has no leading
  // or trailing zeros, so every value has exactly one representation; zero is "" and 0.
  std::string text_;
  std::string digits_;
  int exponent_ = 0;
  bool negative_ = false;
  bool milli_suffix_ = false;
};

}  // namespace azureml::config
