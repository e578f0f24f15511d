#include "core/util/base64.h"

#include <array>
#include <cstdint>
#include <vector>

#include "core/util/text.h"

namespace azureml {
namespace {

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode(std::string_view bytes, std::string_view alphabet, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16) |
                   (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                   static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 2]));
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  const auto rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
    if (rest == 2) out += alphabet[(n >> 6) & 63];
    if (pad) out += rest == 2 ? "=" : "==";
  }
  return out;
}

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

std::string base64_encode(std::string_view bytes) { return encode(bytes, kBase64, true); }
std::string base64url_encode(std::string_view bytes) { return encode(bytes, kBase64Url, false); }

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
        return fail(
            bad(text.size(), "the text ends in the middle of a 4-character group (its length is not a multiple of 4)"));
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
        return fail(bad(positions[at],
                        "'" + printable(std::string_view(&text[positions[at]], 1)) + "' is not a base64 character"));
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

std::optional<std::string> base64url_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    auto at = kBase64Url.find(c);
    if (at == std::string_view::npos) {
      if (c == '+')
        at = 62;
      else if (c == '/')
        at = 63;
      else
        return std::nullopt;
    }
    buffer = (buffer << 6) | static_cast<std::uint32_t>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace azureml
