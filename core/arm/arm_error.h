#pragma once
// What went wrong talking to ARM, as a value: the ARM error body (`{"error":{code, message,
// target, details[], additionalInfo[]}}`, the bare `{code, message}` form, or a body that is not
// JSON at all), the request it answered, its request ids, the exit code and the user's message.
//
// Exit codes (DESIGN.md), first rule that matches:
//   3 auth       no token; HTTP 401/403; codes AuthorizationFailed, LinkedAuthorizationFailed,
//                InvalidAuthenticationToken*, ExpiredAuthenticationToken, AuthenticationFailed
//                (RequestDisallowedByPolicy comes as 403 and lands here too)
//   5 timed_out  our wait for an operation passed its deadline; HTTP 408/504 after the retries;
//                a transport timeout
//   130          interrupted while waiting
//   4 not_found  HTTP 404, or codes ResourceNotFound, ResourceGroupNotFound, ParentResourceNotFound,
//                SubscriptionNotFound, NotFound — on a request, not on an operation's status
//   2 usage      4xx whose code says the input was invalid: InvalidParameter, InvalidRequestContent,
//                InvalidRequestFormat, LinkedInvalidPropertyId, InvalidResourceName
//                (the request carried what the user gave us)
//   1 failed     everything else: 400/409/412/422 with other codes, ScopeLocked,
//                MissingSubscriptionRegistration, 5xx and 429 after the retries, connection
//                failures, an operation that ended Failed or Canceled, an unreadable status.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/http/transport.h"
#include "core/util/exit_code.h"
#include "core/util/json_shape.h"

namespace azureml::arm {

struct ArmErrorDetail {
  std::string code;
  std::string message;
  std::string target;
  std::vector<ArmErrorDetail> details;
  nlohmann::json additional_info;  // the array as sent, or null
};

// Reads an error object: `{"error":{...}}` or the bare `{code, message, ...}`; also the
// `{"error":{...}}` inside an operation status. nullopt when it has neither code nor message.
std::optional<ArmErrorDetail> parse_error_detail(const nlohmann::json& body);

struct ArmError {
  enum class Kind {
    http,                // ARM answered the request with an error status
    operation_failed,    // a long-running operation ended Failed (or the resource's provisioningState did)
    operation_canceled,  // ... ended Canceled
    status_unreadable,   // the operation's status could not be read (error status, body not JSON)
    timeout,             // our deadline for the operation passed
    transport,           // ARM could not be reached (connection refused, reset, TLS, proxy, timeout)
    auth,                // no token could be had
    invalid_request,     // refused before sending (e.g. a status URL on another host)
    interrupted,         // the caller asked us to stop waiting
    unexpected_shape,    // an answer's JSON differs from the contract (message: where and how)
  };
  Kind kind = Kind::http;
  int status = 0;         // HTTP status of the answer this error comes from; 0 when none
  std::string method;     // the request: "PUT"
  std::string path;       // its path, without the query: "/subscriptions/.../extensions/azureml"
  std::string operation;  // for errors while waiting: the operation, "PUT /subscriptions/..."

  // From the error body (or, for an operation, from its status's `error`).
  std::string code;
  std::string message;
  std::string target;
  std::vector<ArmErrorDetail> details;
  nlohmann::json additional_info;

  std::string request_id;      // x-ms-request-id
  std::string correlation_id;  // x-ms-correlation-request-id
  int attempts = 1;            // sends made for the request, retries included
  std::string gave_up;         // why retrying stopped, e.g. "gave up after 5 attempts"
  std::string last_status;     // timeout/interrupted: the state the operation was last seen in
  bool in_flight = false;      // interrupted with the request sent and no answer read: ARM may have it
  std::optional<http::TransportError::Kind> transport_kind;

  ExitCode exit_code() const;
  // One line: "ARM refused PUT <path>: <code>: <message> (request id X, correlation id Y)".
  std::string summary() const;
  // What to do, for the codes that have a known remedy; "" otherwise:
  //   AuthorizationFailed           the signed-in identity lacks permission ...; ask for a role such as Contributor on
  //   <scope> ScopeLocked                   a lock on <scope> blocks changes; remove the lock or ask its owner
  //   RequestDisallowedByPolicy     an Azure Policy assignment denies this request: <assignment from additionalInfo>
  //   ... MissingSubscriptionRegistration, NoRegisteredProviderFound
  //                                 register the provider: az provider register --namespace Microsoft.X
  // The code is looked for at the top level, then in details (depth first).
  std::string hint() const;
  // summary(), and the hint on a second line when there is one.
  std::string describe() const;
};

// An ARM answer with an error status, read into an ArmError (kind http).
ArmError arm_error_from_response(const http::Response& response, std::string method, std::string path);

// A successful answer whose JSON has another shape than the contract's (json_shape.h): exit 1,
// "GET <path> answered JSON of an unexpected shape: at $.x a string was expected, not a number
// (request id X)".
ArmError unexpected_shape(const ShapeError& shape, std::string method, std::string path, const http::Headers& headers);

}  // namespace azureml::arm
