#include "core/auth/token_endpoint.h"

#include <nlohmann/json.hpp>

#include "core/auth/credential_support.h"
#include "core/util/url.h"

namespace azureml::auth {

Result<std::string, std::string> normalize_authority_host(std::string_view value) {
  std::string text = trim(value);
  if (text.empty()) return fail(std::string("the authority host is empty"));
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string::npos) text = "https://" + text;
  std::string rest = text.substr(text.find("://") + 3);
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  const auto url = split_url(text);
  if (!url || url->host.empty() || rest.find_first_of("?# \t") != std::string::npos)
    return fail("'" + first_line(value) + "' is not a valid authority host URL (expected e.g. " +
                std::string(kDefaultAuthorityHost) + ")");
  if (url->scheme == "https") return "https://" + rest;
  // The client secret goes there: plain http only to this machine, named by its host (not by a
  // user name before '@', which is not where the request goes).
  if (url->scheme == "http" && is_loopback_host(url->host)) return "http://" + rest;
  return fail("'" + first_line(value) + "' is not a valid authority host: it must be an https:// URL");
}

Result<std::string, std::string> authority_host_from(const Environment& environment) {
  const auto value = environment.non_empty("AZURE_AUTHORITY_HOST");
  if (!value) return normalize_authority_host(kDefaultAuthorityHost);
  auto normalized = normalize_authority_host(*value);
  if (!normalized) return fail("AZURE_AUTHORITY_HOST " + normalized.error());
  return normalized;
}

std::string token_url(std::string_view authority, std::string_view tenant) {
  return std::string(authority) + "/" + std::string(tenant) + "/oauth2/v2.0/token";
}

std::string form_encode(const FormFields& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += percent_encode(name);
    out += '=';
    out += percent_encode(value);
  }
  return out;
}

Result<AccessToken, std::string> parse_token_response(const http::Response& response, const std::string& url,
                                                      const Clock& clock) {
  const auto status = std::to_string(response.status);
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (response.status < 200 || response.status >= 300) {
    if (body.is_object() && body.contains("error")) {
      std::string message = "the token endpoint " + url + " answered HTTP " + status;
      if (body["error"].is_string()) message += " (" + first_line(body["error"].get<std::string>()) + ")";
      if (body.contains("error_description") && body["error_description"].is_string())
        message += ": " + first_line(body["error_description"].get<std::string>());
      if (body.contains("correlation_id") && body["correlation_id"].is_string())
        message += " [correlation id " + first_line(body["correlation_id"].get<std::string>()) + "]";
      return fail(std::move(message));
    }
    return fail("the token endpoint " + url + " answered HTTP " + status + " without an OAuth error");
  }
  if (!body.is_object())
    return fail("the token endpoint " + url + " answered HTTP " + status + " with a body that is not JSON");
  if (!body.contains("access_token") || !body["access_token"].is_string() ||
      body["access_token"].get_ref<const std::string&>().empty())
    return fail("the token endpoint " + url + " answered without an access_token");
  std::optional<std::int64_t> expires_in;
  if (body.contains("expires_in")) expires_in = json_seconds(body["expires_in"]);
  if (!expires_in) return fail("the token endpoint " + url + " answered without a valid expires_in");
  return AccessToken{body["access_token"].get<std::string>(), clock.now() + std::chrono::seconds(*expires_in)};
}

Result<AccessToken, AuthError> request_token(http::Transport& transport, const Clock& clock,
                                             const std::string& credential, const std::string& url,
                                             const FormFields& fields, std::span<const std::string> secrets) {
  http::Request request;
  request.method = "POST";
  request.url = url;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
  request.body = form_encode(fields);
  auto response = transport.send(request);
  if (!response) {
    AuthError error = failed(
        credential,
        scrub("could not reach the token endpoint " + url + ": " + first_line(response.error().message), secrets));
    const auto kind = response.error().kind;
    error.transient = kind == http::TransportError::Kind::connect || kind == http::TransportError::Kind::reset ||
                      kind == http::TransportError::Kind::timeout;
    return fail(std::move(error));
  }
  auto token = parse_token_response(response.value(), url, clock);
  if (!token) {
    AuthError error = failed(credential, scrub(token.error(), secrets));
    const int status = response.value().status;
    error.transient = status == 408 || status == 429 || status >= 500;
    return fail(std::move(error));
  }
  return std::move(token).value();
}

}  // namespace azureml::auth
