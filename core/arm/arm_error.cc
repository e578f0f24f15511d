#include "core/arm/arm_error.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/util/text.h"

namespace azureml::arm {
namespace {

using nlohmann::json;

template <std::size_t N>
bool is_one_of(std::string_view code, const std::array<std::string_view, N>& codes) {
  return std::any_of(codes.begin(), codes.end(), [&](std::string_view c) { return equals_ci(c, code); });
}

constexpr std::array<std::string_view, 7> kAuthCodes = {
    "AuthorizationFailed",
    "LinkedAuthorizationFailed",
    "InvalidAuthenticationToken",
    "InvalidAuthenticationTokenTenant",
    "InvalidAuthenticationTokenAudience",
    "ExpiredAuthenticationToken",
    "AuthenticationFailed",
};
constexpr std::array<std::string_view, 5> kNotFoundCodes = {
    "ResourceNotFound", "ResourceGroupNotFound", "ParentResourceNotFound", "SubscriptionNotFound", "NotFound",
};
constexpr std::array<std::string_view, 5> kInvalidInputCodes = {
    "InvalidParameter",        "InvalidRequestContent", "InvalidRequestFormat",
    "LinkedInvalidPropertyId", "InvalidResourceName",
};
constexpr std::array<std::string_view, 6> kHintedCodes = {
    "AuthorizationFailed",       "LinkedAuthorizationFailed",       "ScopeLocked",
    "RequestDisallowedByPolicy", "MissingSubscriptionRegistration", "NoRegisteredProviderFound",
};

// A case-insensitive find of a field (some RPs send "Code"/"Message").
const json* field(const json& object, std::string_view name) {
  for (auto it = object.begin(); it != object.end(); ++it)
    if (equals_ci(it.key(), name)) return &*it;
  return nullptr;
}

std::string text_field(const json& object, std::string_view name) {
  const json* value = field(object, name);
  if (!value || value->is_null()) return {};
  return value->is_string() ? value->get<std::string>() : value->dump();
}

std::optional<ArmErrorDetail> read_detail(const json& object, int depth) {
  if (!object.is_object() || depth > 16) return std::nullopt;
  ArmErrorDetail detail;
  detail.code = text_field(object, "code");
  detail.message = text_field(object, "message");
  detail.target = text_field(object, "target");
  if (const json* details = field(object, "details"); details && details->is_array())
    for (const auto& item : *details)
      if (auto child = read_detail(item, depth + 1)) detail.details.push_back(std::move(*child));
  if (const json* info = field(object, "additionalInfo"); info && info->is_array()) detail.additional_info = *info;
  if (detail.code.empty() && detail.message.empty()) return std::nullopt;
  return detail;
}

std::string reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return {};
  }
}

// A non-JSON body (a proxy's HTML page, plain text) as one short line.
std::string body_excerpt(std::string_view body) {
  std::string out;
  bool space = false;
  for (const char c : body) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() >= 200) {
      out += "...";
      break;
    }
  }
  return out;
}

// The text between `prefix` and the next quote, e.g. "over scope '" ... "'".
std::string quoted_after(std::string_view text, std::string_view prefix) {
  const auto at = text.find(prefix);
  if (at == std::string_view::npos) return {};
  const auto start = at + prefix.size();
  const auto end = text.find('\'', start);
  if (end == std::string_view::npos) return {};
  return std::string(text.substr(start, end - start));
}

// "/subscriptions/S/resourceGroups/RG" from a path, else "/subscriptions/S", else the path.
std::string group_scope(std::string_view path) {
  std::vector<std::string_view> segments;
  for (std::size_t at = 1; at <= path.size() && !path.empty();) {
    const auto slash = std::min(path.find('/', at), path.size());
    segments.push_back(path.substr(at, slash - at));
    at = slash + 1;
  }
  if (segments.size() >= 4 && equals_ci(segments[0], "subscriptions") && equals_ci(segments[2], "resourceGroups"))
    return "/subscriptions/" + std::string(segments[1]) + "/resourceGroups/" + std::string(segments[3]);
  if (segments.size() >= 2 && equals_ci(segments[0], "subscriptions"))
    return "/subscriptions/" + std::string(segments[1]);
  return std::string(path);
}

// The namespace after the last "/providers/" in a path.
std::string last_provider_namespace(std::string_view path) {
  const std::string lowered = to_lower(path);
  const auto at = lowered.rfind("/providers/");
  if (at == std::string::npos) return {};
  const auto start = at + std::string_view("/providers/").size();
  const auto end = std::min(path.find('/', start), path.size());
  return std::string(path.substr(start, end - start));
}

const ArmErrorDetail* find_code(const std::vector<ArmErrorDetail>& details, std::string_view code) {
  for (const auto& detail : details) {
    if (equals_ci(detail.code, code)) return &detail;
    if (const auto* found = find_code(detail.details, code)) return found;
  }
  return nullptr;
}

std::string policy_hint(const json& additional_info) {
  std::vector<std::string> policies;
  if (additional_info.is_array())
    for (const auto& item : additional_info) {
      if (!item.is_object() || !equals_ci(text_field(item, "type"), "PolicyViolation")) continue;
      const json* info = field(item, "info");
      if (!info || !info->is_object()) continue;
      std::string assignment = text_field(*info, "policyAssignmentDisplayName");
      if (assignment.empty()) assignment = text_field(*info, "policyAssignmentName");
      const std::string assignment_id = text_field(*info, "policyAssignmentId");
      std::string definition = text_field(*info, "policyDefinitionDisplayName");
      if (definition.empty()) definition = text_field(*info, "policyDefinitionName");
      std::string text = assignment.empty() ? std::string("an assignment") : "'" + printable(assignment) + "'";
      std::vector<std::string> extra;
      if (!assignment_id.empty()) extra.push_back("assignment " + printable(assignment_id));
      if (!definition.empty()) extra.push_back("definition '" + printable(definition) + "'");
      for (std::size_t i = 0; i < extra.size(); ++i) text += (i == 0 ? " (" : ", ") + extra[i];
      if (!extra.empty()) text += ")";
      policies.push_back(std::move(text));
    }
  std::string out = "an Azure Policy assignment denies this request";
  if (policies.empty()) {
    out += " (the message above names it)";
  } else {
    out += ": ";
    for (std::size_t i = 0; i < policies.size(); ++i) out += (i == 0 ? "" : "; ") + policies[i];
  }
  return out + "; change the request to comply or ask the assignment's owner for an exemption";
}

}  // namespace

std::optional<ArmErrorDetail> parse_error_detail(const json& body) {
  if (!body.is_object()) return std::nullopt;
  if (const json* wrapped = field(body, "error"); wrapped && wrapped->is_object())
    if (auto detail = read_detail(*wrapped, 0)) return detail;
  return read_detail(body, 0);
}

ArmError arm_error_from_response(const http::Response& response, std::string method, std::string path) {
  ArmError error;
  error.kind = ArmError::Kind::http;
  error.status = response.status;
  error.method = std::move(method);
  error.path = std::move(path);
  error.request_id = response.header("x-ms-request-id").value_or("");
  error.correlation_id = response.header("x-ms-correlation-request-id").value_or("");
  const auto body = json::parse(response.body, nullptr, false);
  if (auto detail = parse_error_detail(body)) {
    error.code = std::move(detail->code);
    error.message = std::move(detail->message);
    error.target = std::move(detail->target);
    error.details = std::move(detail->details);
    error.additional_info = std::move(detail->additional_info);
  } else {
    error.message = body_excerpt(response.body);
  }
  return error;
}

ArmError unexpected_shape(const ShapeError& shape, std::string method, std::string path, const http::Headers& headers) {
  ArmError error;
  error.kind = ArmError::Kind::unexpected_shape;
  error.method = std::move(method);
  error.path = std::move(path);
  error.message = shape.describe();
  error.request_id = http::find_header(headers, "x-ms-request-id").value_or("");
  error.correlation_id = http::find_header(headers, "x-ms-correlation-request-id").value_or("");
  return error;
}

ExitCode ArmError::exit_code() const {
  switch (kind) {
    case Kind::auth:
      return ExitCode::auth;
    case Kind::timeout:
      return ExitCode::timed_out;
    case Kind::interrupted:
      return ExitCode::interrupted;
    case Kind::transport:
      return transport_kind == http::TransportError::Kind::timeout ? ExitCode::timed_out : ExitCode::failed;
    case Kind::invalid_request:
    case Kind::unexpected_shape:
      return ExitCode::failed;
    case Kind::operation_failed:
    case Kind::operation_canceled:
    case Kind::status_unreadable:
      if (status == 401 || status == 403 || is_one_of(code, kAuthCodes)) return ExitCode::auth;
      return ExitCode::failed;
    case Kind::http:
      if (status == 401 || status == 403 || is_one_of(code, kAuthCodes)) return ExitCode::auth;
      if (status == 404 || is_one_of(code, kNotFoundCodes)) return ExitCode::not_found;
      if (status == 408 || status == 504) return ExitCode::timed_out;
      if (status >= 400 && status < 500 && is_one_of(code, kInvalidInputCodes)) return ExitCode::usage;
      return ExitCode::failed;
  }
  return ExitCode::failed;
}

std::string ArmError::summary() const {
  // "<code>: <message> [<detail code>: <detail message>; ...]"
  const auto what = [&]() {
    std::string shown_code = code.empty() && status != 0 ? "HTTP " + std::to_string(status) : printable(code);
    std::string shown_message = printable(message);
    if (shown_message.empty() && status != 0) shown_message = reason_phrase(status);
    std::string out = shown_code;
    if (!shown_message.empty()) out += (out.empty() ? "" : ": ") + shown_message;
    std::vector<std::string> parts;
    for (const auto& detail : details) {
      std::string part = printable(detail.code);
      if (!detail.message.empty() && detail.message != message)
        part += (part.empty() ? "" : ": ") + printable(detail.message);
      if (!part.empty() && part != shown_code) parts.push_back(std::move(part));
    }
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? " [" : "; ") + parts[i];
    if (!parts.empty()) out += "]";
    return out;
  };
  // "(request id X, correlation id Y; gave up after 5 attempts)"
  const auto notes = [&]() {
    std::string ids;
    if (!request_id.empty()) ids += "request id " + printable(request_id);
    if (!correlation_id.empty()) ids += (ids.empty() ? "" : ", ") + ("correlation id " + printable(correlation_id));
    if (!gave_up.empty()) ids += (ids.empty() ? "" : "; ") + gave_up;
    return ids.empty() ? std::string() : " (" + ids + ")";
  };
  const std::string request = method + " " + printable(path);
  switch (kind) {
    case Kind::http:
      return "ARM refused " + request + ": " + what() + notes();
    case Kind::operation_failed:
      return printable(operation) + " failed: " + what() + notes();
    case Kind::operation_canceled:
      return printable(operation) + " was canceled: " + what() + notes();
    case Kind::status_unreadable:
      return "could not read the status of " + printable(operation) + ": " + request + " answered " + what() + notes();
    case Kind::timeout:
      return "timed out waiting for " + printable(operation) + ": " + printable(message) +
             (last_status.empty() ? "" : "; it was still '" + printable(last_status) + "'");
    case Kind::transport:
      return "could not reach ARM for " + request + ": " + printable(message) + notes();
    case Kind::auth:
      return "could not get a token for ARM: " + printable_lines(message);
    case Kind::invalid_request:
      return printable(message);
    case Kind::unexpected_shape:
      return request + " answered JSON of an unexpected shape: " + printable(message) + notes();
    case Kind::interrupted:
      if (operation.empty() && in_flight) return "interrupted while waiting for ARM's answer to " + request;
      if (operation.empty()) return "interrupted before sending " + request;
      return "interrupted while waiting for " + printable(operation) +
             (last_status.empty() ? "" : "; it was '" + printable(last_status) + "'");
  }
  return printable(message);
}

std::string ArmError::hint() const {
  if (kind == Kind::timeout)
    return "the operation may still finish in Azure: check its state with show, or wait longer with a larger timeout";
  // The first code with a known remedy, at the top level or in details.
  const ArmErrorDetail* found = nullptr;
  ArmErrorDetail top{code, message, target, {}, additional_info};
  std::string hinted;
  for (const auto candidate : kHintedCodes) {
    if (equals_ci(code, candidate)) {
      found = &top;
      hinted = candidate;
      break;
    }
  }
  if (!found)
    for (const auto candidate : kHintedCodes)
      if ((found = find_code(details, candidate))) {
        hinted = candidate;
        break;
      }
  if (!found) return {};

  const std::string& text = found->message;
  if (hinted == "AuthorizationFailed" || hinted == "LinkedAuthorizationFailed") {
    std::string scope = quoted_after(text, "over scope '");
    if (scope.empty()) scope = quoted_after(text, "on scope '");
    if (scope.empty()) scope = group_scope(path);
    const std::string action = quoted_after(text, "perform action '");
    return "the signed-in identity lacks permission" + (action.empty() ? "" : " for '" + printable(action) + "'") +
           "; ask for a role such as Contributor on " + printable(scope);
  }
  if (hinted == "ScopeLocked") {
    std::string scope = quoted_after(text, "are locked: '");
    if (scope.empty()) scope = quoted_after(text, "is locked: '");
    if (scope.empty()) scope = group_scope(path);
    return "a lock on " + printable(scope) + " blocks changes; remove the lock or ask its owner";
  }
  if (hinted == "RequestDisallowedByPolicy") {
    const json& info = !found->additional_info.is_null() ? found->additional_info : additional_info;
    return policy_hint(info);
  }
  // MissingSubscriptionRegistration / NoRegisteredProviderFound
  std::string provider_namespace = quoted_after(text, "namespace '");
  if (provider_namespace.empty()) provider_namespace = last_provider_namespace(path);
  if (provider_namespace.empty()) provider_namespace = "<namespace>";
  std::string out = "register the provider: az provider register --namespace " + printable(provider_namespace);
  if (hinted == "NoRegisteredProviderFound")
    out += "; if it is registered, the location or api-version is not supported for this type";
  return out;
}

std::string ArmError::describe() const {
  const auto extra = hint();
  return extra.empty() ? summary() : summary() + "\n" + extra;
}

}  // namespace azureml::arm
