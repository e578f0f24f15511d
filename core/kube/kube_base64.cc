#include "core/kube/kube_base64.h"

#include <algorithm>
#include <array>
#include <vector>

#include "core/util/text.h"

namespace azureml::kube {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

Base64Error bad(std::size_t offset, std::string message) { return Base64Error{offset, std::move(message)}; }

}  // namespace

Result<std::string, Base64Error> base64_decode(std::string_view text) {
  // The significant characters with where each stood, line breaks dropped.
  std::vector<std::size_t> positions;
  std::string symbols;
  positions.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n') continue;
    symbols += text[i];
    positions.push_back(i);
  }
  std::string out;
  out.reserve(symbols.size() / 4 * 3);
  for (std::size_t group = 0; group < symbols.size(); group += 4) {
    std::array<int, 4> values{};
    int padding = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const std::size_t at = group + k;
      if (at >= symbols.size())
        return fail(bad(text.size(), "the text ends in the middle of a 4-character group (its length is not a multiple of 4)"));
      const char c = symbols[at];
      if (c == '=') {
        if (k < 2) return fail(bad(positions[at], "'=' padding where a base64 character must be"));
        ++padding;
        values[k] = 0;
        continue;
      }
      if (padding > 0) return fail(bad(positions[at], "a base64 character after '=' padding"));
      values[k] = sextet(c);
      if (values[k] < 0)
        return fail(bad(positions[at], "'" + printable(std::string_view(&text[positions[at]], 1)) + "' is not a base64 character"));
    }
    if (padding > 0 && group + 4 < symbols.size())
      return fail(bad(positions[group + 4], "text after the '=' padding that ends base64"));
    const unsigned bits = (static_cast<unsigned>(values[0]) << 18) | (static_cast<unsigned>(values[1]) << 12) |
                          (static_cast<unsigned>(values[2]) << 6) | static_cast<unsigned>(values[3]);
    out += static_cast<char>((bits >> 16) & 0xFF);
    if (padding < 2) out += static_cast<char>((bits >> 8) & 0xFF);
    if (padding < 1) out += static_cast<char>(bits & 0xFF);
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    unsigned bits = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
    if (n > 1) bits |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (n > 2) bits |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 2]));
    out += kAlphabet[(bits >> 18) & 63];
    out += kAlphabet[(bits >> 12) & 63];
    out += n > 1 ? kAlphabet[(bits >> 6) & 63] : '=';
    out += n > 2 ? kAlphabet[bits & 63] : '=';
  }
  return out;
}

}  // namespace azureml::kube
