#pragma once
// Small text codecs the fake servers need: percent-decoding, query and form parsing,
// form encoding, base64/base64url and ASCII lower-casing. No I/O, no state.
#include <map>
#include <string>
#include <string_view>

#include "core/util/text.h"

namespace azureml::fakes {

using azureml::to_lower;  // core/util/text.h

// "a%20b+c" -> "a b c" ('+' is a space in forms and queries).
std::string percent_decode(std::string_view text);
using azureml::percent_encode;  // core/util/text.h

// "a=1&b=x%20y" -> {a:1, b:"x y"}; the first value of a repeated name wins.
std::map<std::string, std::string> parse_form(std::string_view text);
// The query of a request target ("/p?a=1" -> {a:1}); empty when there is none.
std::map<std::string, std::string> parse_target_query(std::string_view target);
// Encodes fields in name order.
std::string encode_form(const std::map<std::string, std::string>& fields);

std::string base64_encode(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);  // no padding
// Accepts base64url with or without padding; false when the text is not base64url.
bool base64url_decode(std::string_view text, std::string& bytes);

}  // namespace azureml::fakes
