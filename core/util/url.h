#pragma once
// Absolute URLs as the product meets them in flags, environment variables, kubeconfigs and ARM's
// answers: the one place that splits scheme, userinfo, host and port, and the one rule for which
// hosts are this machine (the only ones plain http may carry a token to).
#include <optional>
#include <string>
#include <string_view>

namespace azureml {

struct UrlParts {
  std::string scheme;      // lower case: "https"
  std::string userinfo;    // what comes before '@' in the authority; usually empty
  std::string host;        // lower case; an IPv6 address without its brackets: "::1"
  std::string port;        // as written; empty when the URL gives none
  std::string rest;        // the path, query and fragment: "/x?y#z"; may be empty
  bool bracketed = false;  // the host was written in brackets (an IPv6 address)

  // The host as a URL writes it: "[::1]" for an IPv6 address.
  std::string url_host() const;
  // The port, else the scheme's: 443 for https, 80 for http.
  std::string port_or_default() const;
};

// nullopt when `url` does not start with "scheme://".
std::optional<UrlParts> split_url(std::string_view url);

// localhost, an IPv4 address in 127.0.0.0/8 (four decimal parts) or ::1, with or without
// brackets, in any case. A name that only starts with "127." is not: DNS may send it anywhere.
bool is_loopback_host(std::string_view host);

}  // namespace azureml
