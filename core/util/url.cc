#include "core/util/url.h"

#include <algorithm>

#include "core/util/text.h"

namespace azureml {
namespace {

bool is_scheme_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// "127.0.0.1" -> true for four decimal parts of at most 255 whose first is 127.
bool is_loopback_ipv4(std::string_view host) {
  int parts = 0;
  while (true) {
    const auto dot = std::min(host.find('.'), host.size());
    const std::string_view part = host.substr(0, dot);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    if (std::stoi(std::string(part)) > 255 || (parts == 0 && part != "127")) return false;
    ++parts;
    if (dot == host.size()) break;
    host.remove_prefix(dot + 1);
  }
  return parts == 4;
}

}  // namespace

std::string UrlParts::url_host() const { return bracketed ? "[" + host + "]" : host; }

std::string UrlParts::port_or_default() const {
  if (!port.empty()) return port;
  return scheme == "https" ? "443" : scheme == "http" ? "80" : "";
}

std::optional<UrlParts> split_url(std::string_view url) {
  const auto separator = url.find("://");
  if (separator == std::string_view::npos || separator == 0 ||
      !std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(separator), is_scheme_char))
    return std::nullopt;
  UrlParts parts;
  parts.scheme = to_lower(url.substr(0, separator));
  std::string_view authority = url.substr(separator + 3);
  const auto authority_end = std::min(authority.find_first_of("/?#"), authority.size());
  parts.rest = std::string(authority.substr(authority_end));
  authority = authority.substr(0, authority_end);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    parts.userinfo = std::string(authority.substr(0, at));
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    parts.bracketed = true;
    host = authority.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
    if (close != std::string_view::npos && authority.substr(close + 1).starts_with(':'))
      parts.port = std::string(authority.substr(close + 2));
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    parts.port = std::string(authority.substr(colon + 1));
  }
  parts.host = to_lower(host);
  return parts;
}

bool is_loopback_host(std::string_view host) {
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  return equals_ci(host, "localhost") || host == "::1" || is_loopback_ipv4(host);
}

}  // namespace azureml
