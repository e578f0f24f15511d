#include "tests/fakes/managed_identity_service.h"

#include <httplib.h>

#include <algorithm>
#include <map>

#include "tests/fakes/http_reply.h"
#include "tests/fakes/http_text.h"

namespace azureml::fakes {
namespace {

std::string query_param(const std::map<std::string, std::string>& fields, const std::string& name) {
  const auto found = fields.find(name);
  return found == fields.end() ? std::string{} : found->second;
}

bool is_user_assigned(const FakeAzureOptions& options, const std::string& client_id) {
  return std::find(options.user_assigned_client_ids.begin(), options.user_assigned_client_ids.end(), client_id) !=
         options.user_assigned_client_ids.end();
}

}  // namespace

bool ManagedIdentityService::handle(const httplib::Request& request, httplib::Response& response) {
  if (request.method != "GET") return false;
  const std::string path = to_lower(request.path);
  if (path == "/msi/token") {
    app_service_token(request, response);
  } else if (path == "/metadata/identity/oauth2/token") {
    imds_token(request, response);
  } else {
    return false;
  }
  return true;
}

namespace {

// The body both managed identity endpoints answer with (numbers as strings, as IMDS sends them).
nlohmann::json managed_identity_body(const IssuedToken& token, const std::string& resource,
                                     const std::string& client_id, long long now) {
  return {{"access_token", token.access_token},
          {"client_id", client_id},
          {"expires_in", std::to_string(token.lifetime.count())},
          {"expires_on", std::to_string(epoch_seconds(token.expires_on))},
          {"ext_expires_in", std::to_string(token.lifetime.count())},
          {"not_before", std::to_string(now)},
          {"resource", resource},
          {"token_type", "Bearer"}};
}

}  // namespace

void ManagedIdentityService::app_service_token(const httplib::Request& request, httplib::Response& response) {
  const auto query = parse_target_query(request.target);
  const std::string resource = query_param(query, "resource");
  const std::string client_id = query_param(query, "client_id");
  if (request.get_header_value("X-IDENTITY-HEADER") != options_.identity_header) {
    send_json(response, 401,
              {{"statusCode", 401}, {"message", "Unauthorized: X-IDENTITY-HEADER is missing or wrong."}});
  } else if (query_param(query, "api-version") != "2019-08-01") {
    send_json(response, 400, {{"statusCode", 400}, {"message", "api-version must be 2019-08-01."}});
  } else if (resource.empty()) {
    send_json(response, 400, {{"statusCode", 400}, {"message", "Required query parameter 'resource' is missing."}});
  } else if (!client_id.empty() && !is_user_assigned(options_, client_id)) {
    send_json(
        response, 400,
        {{"statusCode", 400}, {"message", "No Managed Identity found for specified ClientId/ResourceId/PrincipalId."}});
  } else {
    const std::string app_id = client_id.empty() ? options_.managed_identity_client_id : client_id;
    const IssuedToken token =
        tokens_.issue({resource, app_id, options_.tenant_id, "managedIdentity"}, options_.token_lifetime);
    send_json(response, 200, managed_identity_body(token, resource, app_id, epoch_seconds(clock_.now())));
  }
}

void ManagedIdentityService::imds_token(const httplib::Request& request, httplib::Response& response) {
  const auto query = parse_target_query(request.target);
  const std::string resource = query_param(query, "resource");
  const std::string client_id = query_param(query, "client_id");
  const auto error = [&](const std::string& description) {
    send_json(response, 400, {{"error", "invalid_request"}, {"error_description", description}});
  };
  if (to_lower(request.get_header_value("Metadata")) != "true") {
    error("Required metadata header not specified");
  } else if (query_param(query, "api-version").empty()) {
    error("Required query variable 'api-version' is missing");
  } else if (resource.empty()) {
    error("Required audience parameter not specified");
  } else if (!client_id.empty() && !is_user_assigned(options_, client_id)) {
    error("Identity not found");
  } else {
    const std::string app_id = client_id.empty() ? options_.managed_identity_client_id : client_id;
    const IssuedToken token =
        tokens_.issue({resource, app_id, options_.tenant_id, "managedIdentity"}, options_.token_lifetime);
    send_json(response, 200, managed_identity_body(token, resource, app_id, epoch_seconds(clock_.now())));
  }
}

}  // namespace azureml::fakes
