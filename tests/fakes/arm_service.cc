#include "tests/fakes/arm_service.h"

#include <httplib.h>

#include <algorithm>

#include "tests/fakes/http_reply.h"
#include "tests/fakes/http_text.h"

namespace azureml::fakes {
namespace {

std::string without_trailing_slash(std::string text) {
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

std::string utc_text(std::chrono::system_clock::time_point time) {
  std::string text = iso8601(time);  // "2024-05-01T12:00:00.0000000Z"
  return text.substr(0, 10) + " " + text.substr(11, 8) + " UTC";
}

}  // namespace

const std::vector<ArmRoute>& arm_routes() {
  // Built once per process, never changed: compiling the routes' regular expressions was a fifth
  // of the sanitized fault matrix's time when every fresh fake compiled its own, and matching a
  // const std::regex is safe from any thread.
  static const std::vector<ArmRoute> routes = [] {
    std::vector<ArmRoute> all;
    for (auto area : {subscription_routes(), operation_routes(), compute_routes(), extension_routes(),
                      messaging_routes(), generic_routes()}) {
      for (auto& entry : area) all.push_back(std::move(entry));
    }
    return all;
  }();
  return routes;
}

ArmService::ArmService(const FakeAzureOptions& options, TokenIssuer& tokens, IdGenerator& ids, const Clock& clock)
    : options_(options), tokens_(tokens), context_(options, ids, clock), routes_(arm_routes()) {}

bool ArmService::authenticated(const httplib::Request& request, httplib::Response& response,
                               const std::string& base_url) {
  const auto fail = [&](const std::string& code, const std::string& message) {
    response.set_header("WWW-Authenticate", "Bearer authorization_uri=\"" + base_url + "/" + options_.tenant_id +
                                                "\", error=\"invalid_token\", error_description=\"" + message + "\"");
    send_arm_error(response, 401, code, message);
    return false;
  };
  const std::string authorization = request.get_header_value("Authorization");
  if (authorization.empty()) {
    return fail("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
  }
  if (!to_lower(authorization).starts_with("bearer ")) {
    return fail("AuthenticationFailed",
                "Authentication failed. The 'Authorization' header is provided in an invalid format.");
  }
  const TokenCheck check = tokens_.check(authorization.substr(7), options_.accept_foreign_tokens);
  switch (check.status) {
    case TokenStatus::malformed:
    case TokenStatus::unknown:
      return fail("InvalidAuthenticationToken", "The access token is invalid.");
    case TokenStatus::expired:
      return fail("ExpiredAuthenticationToken", "The access token expiry UTC time '" + utc_text(check.expires_on) +
                                                    "' is earlier than current UTC time '" + utc_text(context_.now()) +
                                                    "'.");
    case TokenStatus::valid:
      break;
  }
  const std::string audience = without_trailing_slash(check.audience);
  // Besides the public cloud's audiences, a token for this server's own URL: what a client
  // pointed at it with --arm-endpoint asks for, as it would for a sovereign cloud's endpoint.
  const bool allowed = audience == without_trailing_slash(base_url) ||
                       std::any_of(options_.arm_audiences.begin(), options_.arm_audiences.end(),
                                   [&](const std::string& a) { return without_trailing_slash(a) == audience; });
  if (!allowed) {
    std::string expected;
    for (const auto& a : options_.arm_audiences) expected += (expected.empty() ? "'" : ",'") + a + "'";
    return fail("InvalidAuthenticationTokenAudience",
                "The access token has been obtained for wrong audience or resource '" + check.audience +
                    "'. It should exactly match with one of the allowed audiences " + expected + ".");
  }
  return true;
}

bool ArmService::scope_exists(ArmCall& call) {
  const ResourceIdParts parts = parse_resource_id(call.path);
  if (parts.subscription.empty()) return true;
  if (!context_.store.contains("/subscriptions/" + parts.subscription)) {
    send_arm_error(call.response, 404, "SubscriptionNotFound",
                   "The subscription '" + parts.subscription + "' could not be found.");
    return false;
  }
  if (!parts.resource_group.empty() &&
      !context_.store.contains("/subscriptions/" + parts.subscription + "/resourceGroups/" + parts.resource_group)) {
    send_arm_error(call.response, 404, "ResourceGroupNotFound",
                   "Resource group '" + parts.resource_group + "' could not be found.");
    return false;
  }
  return true;
}

bool ArmService::write_allowed(ArmCall& call) {
  if (call.method == "GET" || call.method == "HEAD" || to_lower(call.path).ends_with("/register")) return true;
  const bool deleting = call.method == "DELETE";
  const std::string target = to_lower(call.path);
  for (const nlohmann::json& lock : context_.store.select([](const nlohmann::json& resource) {
         return to_lower(resource.value("type", "")) == "microsoft.authorization/locks";
       })) {
    const std::string id = lock.value("id", "");
    const std::string scope = id.substr(0, to_lower(id).find("/providers/microsoft.authorization/locks/"));
    const std::string level = ArmContext::nested_string(&lock, "properties", "level", "");
    const bool covers = target == to_lower(scope) || target.starts_with(to_lower(scope) + "/");
    if (covers && (level == "ReadOnly" || (level == "CanNotDelete" && deleting))) {
      send_arm_error(call.response, 409, "ScopeLocked",
                     "The scope '" + call.path + "' cannot perform " + (deleting ? "delete" : "write") +
                         " operation because following scope(s) are locked: '" + scope +
                         "'. Please remove the lock and try again.");
      return false;
    }
  }
  if (call.method == "PUT" || call.method == "PATCH") {
    const ResourceIdParts parts = parse_resource_id(call.path);
    if (!parts.provider.empty() && context_.store.registration(parts.subscription, parts.provider) != "Registered") {
      send_arm_error(call.response, 409, "MissingSubscriptionRegistration",
                     "The subscription is not registered to use namespace '" + parts.provider +
                         "'. See https://aka.ms/rps-not-found for how to register subscriptions.");
      return false;
    }
  }
  return true;
}

void ArmService::handle(const httplib::Request& request, httplib::Response& response, const std::string& base_url) {
  if (!authenticated(request, response, base_url)) return;
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  ArmCall call{request, response, method, without_trailing_slash(request.path), parse_target_query(request.target),
               {},      base_url, {}};
  call.api_version = call.query["api-version"];
  if (call.api_version.empty()) {
    send_arm_error(response, 400, "MissingApiVersionParameter",
                   "The api-version query parameter (?api-version=) is required for all requests.");
    return;
  }
  std::lock_guard lock(mutex_);
  if (!scope_exists(call)) return;
  bool path_known = false;
  for (const ArmRoute& candidate : routes_) {
    if (!candidate.pattern.match(call.path, call.groups)) continue;
    path_known = true;
    if (candidate.method != call.method) continue;
    if (!write_allowed(call)) return;
    candidate.handler(context_, call);
    return;
  }
  if (path_known) {
    send_arm_error(response, 405, "MethodNotAllowed",
                   "The fake does not support " + call.method + " on '" + call.path + "'.");
  } else {
    send_arm_error(response, 404, "NotFound", "The fake has no route for " + call.method + " '" + call.path + "'.");
  }
}

}  // namespace azureml::fakes
