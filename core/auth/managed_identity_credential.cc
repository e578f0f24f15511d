#include "core/auth/managed_identity_credential.h"

#include <nlohmann/json.hpp>

#include <array>

#include "core/auth/credential_support.h"

namespace azureml::auth {

namespace {

constexpr const char* kName = "ManagedIdentityCredential";

// The endpoint's error text: "error_description", "message" or "error", first line.
std::string error_text(const nlohmann::json& body) {
  if (!body.is_object()) return "";
  for (const char* field : {"error_description", "message", "Message", "error"})
    if (body.contains(field) && body[field].is_string()) return first_line(body[field].get<std::string>());
  if (body.contains("error") && body["error"].is_object()) return error_text(body["error"]);
  return "";
}

std::string status_phrase(const http::Response& response, const nlohmann::json& body) {
  auto text = "HTTP " + std::to_string(response.status);
  const auto detail = error_text(body);
  if (!detail.empty()) text += ": " + detail;
  return text;
}

// expires_on (epoch seconds, a string or a number), else expires_in (seconds from now).
Result<AccessToken, std::string> parse_token(const nlohmann::json& body, const Clock& clock) {
  if (!body.is_object()) return fail(std::string("the answer is not JSON"));
  if (!body.contains("access_token") || !body["access_token"].is_string() ||
      body["access_token"].get_ref<const std::string&>().empty())
    return fail(std::string("the answer has no access_token"));
  AccessToken token{body["access_token"].get<std::string>(), {}};
  if (body.contains("expires_on")) {
    if (const auto seconds = json_seconds(body["expires_on"])) {
      token.expires_on = from_unix_seconds(*seconds);
      return token;
    }
  }
  if (body.contains("expires_in")) {
    if (const auto seconds = json_seconds(body["expires_in"])) {
      token.expires_on = clock.now() + std::chrono::seconds(*seconds);
      return token;
    }
  }
  return fail(std::string("the answer has no valid expires_on or expires_in"));
}

std::string with_query(std::string url, std::string_view api_version, const std::string& resource,
                       const std::optional<std::string>& client_id) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += "api-version=" + std::string(api_version) + "&resource=" + percent_encode(resource);
  if (client_id) url += "&client_id=" + percent_encode(*client_id);
  return url;
}

std::string without_query(const std::string& url) { return url.substr(0, url.find('?')); }

}  // namespace

ManagedIdentityCredential::ManagedIdentityCredential(const Environment& environment, http::Transport& transport,
                                                     const Clock& clock, ManagedIdentityOptions options)
    : transport_(transport), clock_(clock) {
  client_id_ = options.client_id ? options.client_id : environment.non_empty("AZURE_CLIENT_ID");
  if (client_id_) *client_id_ = trim(*client_id_);
  const auto identity_endpoint = environment.non_empty("IDENTITY_ENDPOINT");
  const auto identity_header = environment.non_empty("IDENTITY_HEADER");
  if (identity_endpoint) {
    if (environment.non_empty("IDENTITY_SERVER_THUMBPRINT")) {
      source_ = Source::unsupported;
      unavailable_ =
          unavailable(kName, "Service Fabric managed identity (IDENTITY_SERVER_THUMBPRINT) is not supported");
    } else if (identity_header) {
      source_ = Source::app_service;
      endpoint_ = trim(*identity_endpoint);
      identity_header_ = *identity_header;
    } else if (environment.non_empty("IMDS_ENDPOINT")) {
      source_ = Source::unsupported;
      unavailable_ =
          unavailable(kName, "Azure Arc managed identity (IDENTITY_ENDPOINT with IMDS_ENDPOINT) is not supported");
    } else {
      source_ = Source::unsupported;
      unavailable_ = unavailable(kName, "IDENTITY_ENDPOINT is set but IDENTITY_HEADER is not");
    }
    return;
  }
  source_ = Source::imds;
  std::string base =
      options.imds_endpoint
          ? *options.imds_endpoint
          : environment.non_empty("AZURE_POD_IDENTITY_AUTHORITY_HOST").value_or(std::string(kImdsDefaultEndpoint));
  base = trim(base);
  while (!base.empty() && base.back() == '/') base.pop_back();
  endpoint_ = std::move(base);
}

Result<AccessToken, AuthError> ManagedIdentityCredential::get_token(const std::string& scope, bool /*force_refresh*/) {
  if (unavailable_) return fail(*unavailable_);
  if (!is_valid_scope(scope)) return fail(failed(kName, "'" + first_line(scope) + "' is not a valid scope"));
  const auto resource = resource_from_scope(scope);
  return source_ == Source::app_service ? from_app_service(resource) : from_imds(resource);
}

Result<AccessToken, AuthError> ManagedIdentityCredential::from_app_service(const std::string& resource) {
  const std::array<std::string, 1> secrets = {identity_header_};
  http::Request request;
  request.method = "GET";
  request.url = with_query(endpoint_, "2019-08-01", resource, client_id_);
  request.headers = {{"X-IDENTITY-HEADER", identity_header_}};
  const auto where = "the managed identity endpoint " + first_line(without_query(endpoint_)) + " (IDENTITY_ENDPOINT)";
  auto response = transport_.send(request);
  if (!response)
    return fail(
        failed(kName, scrub("could not reach " + where + ": " + first_line(response.error().message), secrets)));
  const auto body = nlohmann::json::parse(response->body, nullptr, false);
  if (response->status != 200)
    return fail(failed(kName, scrub(where + " answered " + status_phrase(response.value(), body), secrets)));
  auto token = parse_token(body, clock_);
  if (!token) return fail(failed(kName, scrub(where + " answered HTTP 200 but " + token.error(), secrets)));
  return std::move(token).value();
}

Result<AccessToken, AuthError> ManagedIdentityCredential::from_imds(const std::string& resource) {
  http::Request request;
  request.method = "GET";
  request.url = with_query(endpoint_ + "/metadata/identity/oauth2/token", "2018-02-01", resource, client_id_);
  request.headers = {{"Metadata", "true"}};
  const auto where = "IMDS at " + first_line(endpoint_);
  auto response = transport_.send(request);
  if (!response) {
    // Nothing listens there: not an Azure machine. Remember it: IMDS will not appear later.
    unavailable_ = unavailable(kName, "no managed identity endpoint: " + where + " did not answer (" +
                                          first_line(response.error().message) + ")");
    return fail(*unavailable_);
  }
  const auto body = nlohmann::json::parse(response->body, nullptr, false);
  const auto identity = client_id_ ? " with client id " + first_line(*client_id_) : std::string();
  if (response->status == 400)
    return fail(unavailable(kName, where + " has no managed identity" + identity + " for this machine (" +
                                       status_phrase(response.value(), body) + ")"));
  if (response->status == 403 && response->body.find("unreachable network") != std::string::npos)
    return fail(
        unavailable(kName, where + " is not reachable from here (" + status_phrase(response.value(), body) + ")"));
  if (response->status != 200) return fail(failed(kName, where + " answered " + status_phrase(response.value(), body)));
  if (!body.is_object()) {
    // Something answered on that address, but it is not IMDS.
    unavailable_ =
        unavailable(kName, "no managed identity endpoint: " + where + " answered with something that is not JSON");
    return fail(*unavailable_);
  }
  auto token = parse_token(body, clock_);
  if (!token) return fail(failed(kName, where + " answered HTTP 200 but " + token.error()));
  return std::move(token).value();
}

}  // namespace azureml::auth
