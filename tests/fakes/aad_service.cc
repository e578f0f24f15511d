#include "tests/fakes/aad_service.h"

#include <httplib.h>

#include <map>
#include <optional>
#include <vector>

#include "tests/fakes/http_reply.h"
#include "tests/fakes/http_text.h"
#include "tests/fakes/jwt.h"

namespace azureml::fakes {
namespace {

using Form = std::map<std::string, std::string>;

constexpr const char* kJwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
constexpr std::chrono::seconds kAdfsTokenLifetime{24 * 3600};

struct AadFailure {
  int status;
  std::string error;
  int code;
  std::string description;
};

std::string value_of(const Form& form, const std::string& name) {
  const auto found = form.find(name);
  return found == form.end() ? std::string{} : found->second;
}

bool equals_ci(std::string_view a, std::string_view b) { return to_lower(a) == to_lower(b); }

// "https://management.azure.com/.default" -> "https://management.azure.com"; the audience
// a token for that scope is issued for. Empty when the scope is not a ".default" scope.
std::string audience_of_scope(std::string scope) {
  if (const auto space = scope.find(' '); space != std::string::npos) scope = scope.substr(0, space);
  constexpr std::string_view suffix = "/.default";
  if (!scope.ends_with(suffix)) return {};
  scope.resize(scope.size() - suffix.size());
  return scope;
}

// A client secret sent as HTTP Basic auth ("client_secret_basic") joins the form fields.
void merge_basic_auth(const httplib::Request& request, Form& form) {
  const std::string authorization = request.get_header_value("Authorization");
  if (!authorization.starts_with("Basic ")) return;
  std::string decoded;
  if (!base64url_decode(authorization.substr(6), decoded)) return;
  const auto colon = decoded.find(':');
  if (colon == std::string::npos) return;
  form.emplace("client_id", percent_decode(decoded.substr(0, colon)));
  form.emplace("client_secret", percent_decode(decoded.substr(colon + 1)));
}

}  // namespace

bool AadService::handle(const httplib::Request& request, httplib::Response& response, const std::string& base_url) {
  std::vector<std::string> match;
  const std::string& path = request.path;
  if (request.method == "POST" && adfs_token_path_.match(path)) {
    adfs_token(request, response);
  } else if (request.method == "GET" && adfs_discovery_path_.match(path)) {
    const std::string adfs = base_url + "/adfs";
    send_json(
        response, 200,
        {{"issuer", adfs},
         {"access_token_issuer", adfs + "/services/trust"},
         {"authorization_endpoint", adfs + "/oauth2/authorize/"},
         {"token_endpoint", adfs + "/oauth2/token/"},
         {"device_authorization_endpoint", adfs + "/oauth2/devicecode"},
         {"end_session_endpoint", adfs + "/oauth2/logout"},
         {"userinfo_endpoint", adfs + "/userinfo"},
         {"jwks_uri", adfs + "/discovery/keys"},
         {"response_types_supported", {"code", "id_token", "code id_token", "token"}},
         {"grant_types_supported",
          {"authorization_code", "refresh_token", "client_credentials",
           "urn:ietf:params:oauth:grant-type:device_code"}},
         {"token_endpoint_auth_methods_supported", {"client_secret_post", "client_secret_basic", "private_key_jwt"}},
         {"subject_types_supported", {"pairwise"}},
         {"id_token_signing_alg_values_supported", {"RS256"}},
         {"scopes_supported", {"openid", "profile", "email", "offline_access"}}});
  } else if (request.method == "POST" && token_v2_path_.match(path, match)) {
    token_v2(request, response, match[1], base_url);
  } else if (request.method == "GET" && discovery_v2_path_.match(path, match)) {
    const std::string authority = base_url + "/" + match[1];
    send_json(
        response, 200,
        {{"issuer", "https://login.microsoftonline.com/" + options_.tenant_id + "/v2.0"},
         {"authorization_endpoint", authority + "/oauth2/v2.0/authorize"},
         {"token_endpoint", authority + "/oauth2/v2.0/token"},
         {"device_authorization_endpoint", authority + "/oauth2/v2.0/devicecode"},
         {"jwks_uri", authority + "/discovery/v2.0/keys"},
         {"tenant_region_scope", "NA"},
         {"token_endpoint_auth_methods_supported", {"client_secret_post", "private_key_jwt", "client_secret_basic"}},
         {"response_types_supported", {"code", "id_token", "code id_token", "id_token token"}},
         {"subject_types_supported", {"pairwise"}},
         {"id_token_signing_alg_values_supported", {"RS256"}}});
  } else {
    return false;
  }
  return true;
}

void AadService::aad_error(httplib::Response& response, int status, const std::string& error, int code,
                           const std::string& description) {
  const std::string trace_id = ids_.uuid();
  const std::string correlation_id = ids_.uuid();
  const std::string timestamp = iso8601(clock_.now());
  send_json(response, status,
            {{"error", error},
             {"error_description", "AADSTS" + std::to_string(code) + ": " + description + "\r\nTrace ID: " + trace_id +
                                       "\r\nCorrelation ID: " + correlation_id + "\r\nTimestamp: " + timestamp},
             {"error_codes", {code}},
             {"timestamp", timestamp},
             {"trace_id", trace_id},
             {"correlation_id", correlation_id},
             {"error_uri", "https://login.microsoftonline.com/error?code=" + std::to_string(code)}});
}

void AadService::token_v2(const httplib::Request& request, httplib::Response& response, const std::string& tenant,
                          const std::string& base_url) {
  if (!equals_ci(tenant, options_.tenant_id)) {
    aad_error(response, 400, "invalid_request", 90002,
              "Tenant '" + tenant +
                  "' not found. Check to make sure you have the correct tenant ID and are signing "
                  "into the correct cloud.");
    return;
  }
  Form form = parse_form(request.body);
  merge_basic_auth(request, form);
  const std::string grant_type = value_of(form, "grant_type");
  if (grant_type != "client_credentials") {
    aad_error(response, 400, "unsupported_grant_type", 70003,
              "The app requested an unsupported grant type '" + grant_type + "'.");
    return;
  }
  for (const char* required : {"client_id", "scope"}) {
    if (value_of(form, required).empty()) {
      aad_error(response, 400, "invalid_request", 900144,
                std::string("The request body must contain the following parameter: '") + required + "'.");
      return;
    }
  }
  const std::string client_id = value_of(form, "client_id");
  if (!equals_ci(client_id, options_.client_id)) {
    aad_error(response, 400, "unauthorized_client", 700016,
              "Application with identifier '" + client_id + "' was not found in the directory '" + tenant +
                  "'. This can happen if the application has not been installed by the administrator of the tenant "
                  "or consented to by any user in the tenant. You may have sent your authentication request to the "
                  "wrong tenant.");
    return;
  }
  const std::string scope = value_of(form, "scope");
  const std::string audience = audience_of_scope(scope);
  if (audience.empty()) {
    aad_error(response, 400, "invalid_scope", 1002012,
              "The provided value for scope " + scope +
                  " is not valid. Client credential flows must have a scope "
                  "value with /.default suffixed to the resource identifier (application ID URI).");
    return;
  }
  std::optional<AadFailure> failure;
  if (form.contains("client_secret")) {
    if (value_of(form, "client_secret") != options_.client_secret) {
      failure = AadFailure{401, "invalid_client", 7000215,
                           "Invalid client secret provided. Ensure the secret being sent in the request is the client "
                           "secret value, not the client secret ID, for a secret added to app '" +
                               client_id + "'."};
    }
  } else if (form.contains("client_assertion")) {
    const std::string assertion = value_of(form, "client_assertion");
    const auto jwt = parse_jwt(assertion);
    const auto now = epoch_seconds(clock_.now());
    if (value_of(form, "client_assertion_type") != kJwtBearer) {
      failure = AadFailure{400, "invalid_request", 50027,
                           std::string("Invalid client_assertion_type; expected '") + kJwtBearer + "'."};
    } else if (!jwt) {
      failure = AadFailure{401, "invalid_client", 50027, "JWT token is invalid or malformed."};
    } else if (!jwt->payload.contains("exp") || !jwt->payload["exp"].is_number() ||
               jwt->payload["exp"].get<long long>() <= now) {
      failure = AadFailure{401, "invalid_client", 700024, "Client assertion is not within its valid time range."};
    } else if (!options_.federated_assertion.empty()) {
      if (assertion != options_.federated_assertion) {
        failure = AadFailure{401, "invalid_client", 70021,
                             "No matching federated identity record found for presented assertion."};
      }
    } else if (!options_.client_certificate_pem.empty()) {
      const std::string endpoint_suffix = "/" + to_lower(tenant) + "/oauth2/v2.0/token";
      if (!verify_jwt_signature(*jwt, options_.client_certificate_pem)) {
        failure = AadFailure{401, "invalid_client", 700027, "Client assertion failed signature validation."};
      } else if (jwt->payload.value("iss", "") != client_id || jwt->payload.value("sub", "") != client_id) {
        failure = AadFailure{401, "invalid_client", 700021,
                             "Client assertion application identifier doesn't match 'client_id' parameter."};
      } else if (!to_lower(jwt->payload.value("aud", "")).ends_with(endpoint_suffix)) {
        failure = AadFailure{401, "invalid_client", 50013,
                             "Assertion audience does not match the token endpoint '" + base_url + "/" + tenant +
                                 "/oauth2/v2.0/token'."};
      }
    }
  } else {
    failure = AadFailure{401, "invalid_client", 7000216,
                         "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' "
                         "grant type."};
  }
  if (failure) {
    aad_error(response, failure->status, failure->error, failure->code, failure->description);
    return;
  }
  const IssuedToken token = tokens_.issue({audience, client_id, options_.tenant_id, "app"}, options_.token_lifetime);
  send_json(response, 200,
            {{"token_type", "Bearer"},
             {"expires_in", token.lifetime.count()},
             {"ext_expires_in", token.lifetime.count()},
             {"access_token", token.access_token}});
}

void AadService::adfs_token(const httplib::Request& request, httplib::Response& response) {
  Form form = parse_form(request.body);
  merge_basic_auth(request, form);
  const std::string client_id = value_of(form, "client_id");
  if (value_of(form, "grant_type") != "client_credentials") {
    send_json(
        response, 400,
        {{"error", "unsupported_grant_type"},
         {"error_description", "MSIS9611: The authorization server does not support the requested 'grant_type'."}});
  } else if (!equals_ci(client_id, options_.client_id) || value_of(form, "client_secret") != options_.client_secret) {
    send_json(response, 401,
              {{"error", "invalid_client"},
               {"error_description",
                "MSIS9622: Client authentication failed. Please verify the credential provided for client "
                "authentication is valid."}});
  } else {
    std::string audience = audience_of_scope(value_of(form, "scope"));
    if (audience.empty()) audience = value_of(form, "resource");
    const IssuedToken token = tokens_.issue({audience, client_id, options_.tenant_id, "app"}, kAdfsTokenLifetime);
    send_json(response, 200,
              {{"access_token", token.access_token},
               {"token_type", "bearer"},
               {"expires_in", token.lifetime.count()},
               {"resource", audience}});
  }
}

}  // namespace azureml::fakes
