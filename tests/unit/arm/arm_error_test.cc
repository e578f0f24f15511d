// ARM error bodies -> ArmError: parsing, exit codes, the user's message and the special words.
#include "core/arm/arm_error.h"

#include <gtest/gtest.h>

#include "tests/unit/arm/arm_fakes.h"

namespace azureml::arm {
namespace {

using nlohmann::json;
using testing::response;

const std::string kExtensionPath =
    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.Kubernetes/"
    "connectedClusters/c1/providers/Microsoft.KubernetesConfiguration/extensions/azureml";
const http::Headers kIds = {{"x-ms-request-id", "req-1"}, {"x-ms-correlation-request-id", "corr-1"}};

ArmError from(int status, const json& body, http::Headers headers = kIds, std::string method = "PUT") {
  return arm_error_from_response(response(status, std::move(headers), body.dump()), std::move(method), kExtensionPath);
}

TEST(ArmError, ParsesTheWrappedBody) {
  const auto error = from(409, json::parse(R"({"error":{"code":"Conflict","message":"busy","target":"properties.x",
      "details":[{"code":"AnotherOperationInProgress","message":"wait","details":[{"code":"Deep","message":"d"}]}],
      "additionalInfo":[{"type":"T","info":{"a":1}}]}})"));
  EXPECT_EQ(error.kind, ArmError::Kind::http);
  EXPECT_EQ(error.status, 409);
  EXPECT_EQ(error.method, "PUT");
  EXPECT_EQ(error.path, kExtensionPath);
  EXPECT_EQ(error.code, "Conflict");
  EXPECT_EQ(error.message, "busy");
  EXPECT_EQ(error.target, "properties.x");
  ASSERT_EQ(error.details.size(), 1u);
  EXPECT_EQ(error.details[0].code, "AnotherOperationInProgress");
  ASSERT_EQ(error.details[0].details.size(), 1u);
  EXPECT_EQ(error.details[0].details[0].code, "Deep");
  EXPECT_EQ(error.additional_info[0]["type"], "T");
  EXPECT_EQ(error.request_id, "req-1");
  EXPECT_EQ(error.correlation_id, "corr-1");
}

TEST(ArmError, ParsesTheBareBodyAndOddlyCasedFields) {
  const auto bare = from(400, json{{"code", "BadThing"}, {"message", "no"}});
  EXPECT_EQ(bare.code, "BadThing");
  EXPECT_EQ(bare.message, "no");
  const auto cased = from(400, json{{"Code", "BadThing"}, {"Message", "no"}});
  EXPECT_EQ(cased.code, "BadThing");
  EXPECT_EQ(cased.message, "no");
}

TEST(ArmError, NonJsonBodyBecomesAShortMessage) {
  const auto error = arm_error_from_response(response(502, {}, "<html>\n  <body>Bad   gateway</body>\n</html>"), "GET",
                                             "/subscriptions/s");
  EXPECT_EQ(error.code, "");
  EXPECT_EQ(error.message, "<html> <body>Bad gateway</body> </html>");
  EXPECT_EQ(error.summary(), "ARM refused GET /subscriptions/s: HTTP 502: <html> <body>Bad gateway</body> </html>");
  const auto empty = arm_error_from_response(response(503), "GET", "/p");
  EXPECT_EQ(empty.summary(), "ARM refused GET /p: HTTP 503: Service Unavailable");
  const auto long_body = arm_error_from_response(response(500, {}, std::string(500, 'x')), "GET", "/p");
  EXPECT_EQ(long_body.message, std::string(200, 'x') + "...");
}

TEST(ArmError, ParseErrorDetailRejectsObjectsWithoutCodeOrMessage) {
  EXPECT_FALSE(parse_error_detail(json::object()));
  EXPECT_FALSE(parse_error_detail(json::array()));
  EXPECT_FALSE(parse_error_detail(json{{"error", json::object()}}));
  const auto status_error = parse_error_detail(json{{"code", "X"}});
  ASSERT_TRUE(status_error);
  EXPECT_EQ(status_error->code, "X");
}

// An error body is already a failure: fields of another type are no detail (or shown as they
// are), never an unexpected_shape, so the user still sees what ARM said.
TEST(ArmError, ErrorBodiesOfAnotherShapeAreReadLeniently) {
  const auto wrapped_text = arm_error_from_response(response(500, {}, R"({"error":"boom"})"), "GET", "/p");
  EXPECT_EQ(wrapped_text.kind, ArmError::Kind::http);
  EXPECT_EQ(wrapped_text.code, "");
  EXPECT_EQ(wrapped_text.message, R"({"error":"boom"})");  // the excerpt, as for a body that is not JSON
  const auto odd = from(400, json::parse(R"({"error":{"code":500,"message":"m","details":{"code":"D"},
                                            "additionalInfo":"n/a"}})"));
  EXPECT_EQ(odd.code, "500");
  EXPECT_EQ(odd.message, "m");
  EXPECT_TRUE(odd.details.empty());
  EXPECT_TRUE(odd.additional_info.is_null());
}

TEST(ArmError, SummaryNamesTheRequestCodeMessageAndIds) {
  const auto error = from(409, json{{"error", {{"code", "Conflict"}, {"message", "The extension is busy."}}}});
  EXPECT_EQ(error.summary(), "ARM refused PUT " + kExtensionPath +
                                 ": Conflict: The extension is busy. (request id req-1, correlation id corr-1)");
  EXPECT_EQ(error.hint(), "");
  EXPECT_EQ(error.describe(), error.summary());
  const auto no_ids = from(409, json{{"error", {{"code", "Conflict"}, {"message", "m"}}}}, {});
  EXPECT_EQ(no_ids.summary(), "ARM refused PUT " + kExtensionPath + ": Conflict: m");
  const auto only_correlation =
      from(409, json{{"error", {{"code", "C"}, {"message", "m"}}}}, {{"x-ms-correlation-request-id", "corr-9"}});
  EXPECT_EQ(only_correlation.summary(), "ARM refused PUT " + kExtensionPath + ": C: m (correlation id corr-9)");
}

TEST(ArmError, SummaryListsDetails) {
  const auto error = from(400, json::parse(R"({"error":{"code":"InvalidTemplateDeployment","message":"failed",
      "details":[{"code":"A","message":"first"},{"code":"B","message":"second"}]}})"));
  EXPECT_EQ(error.summary(), "ARM refused PUT " + kExtensionPath +
                                 ": InvalidTemplateDeployment: failed [A: first; B: second] (request id req-1, "
                                 "correlation id corr-1)");
}

TEST(ArmError, SummaryEscapesControlCharactersFromTheServer) {
  const auto error = from(400, json{{"error", {{"code", "X"}, {"message", "line1\nline2\x1b[31m"}}}}, {});
  EXPECT_EQ(error.summary(), "ARM refused PUT " + kExtensionPath + ": X: line1\\nline2\\x1B[31m");
}

TEST(ArmError, SummaryAddsWhyRetryingStopped) {
  auto error = from(503, json{{"error", {{"code", "ServerBusy"}, {"message", "later"}}}});
  error.gave_up = "gave up after 5 attempts";
  EXPECT_EQ(error.summary(),
            "ARM refused PUT " + kExtensionPath +
                ": ServerBusy: later (request id req-1, correlation id corr-1; gave up after 5 attempts)");
}

TEST(ArmErrorExitCode, ByStatus) {
  EXPECT_EQ(from(401, json::object()).exit_code(), ExitCode::auth);
  EXPECT_EQ(from(403, json::object()).exit_code(), ExitCode::auth);
  EXPECT_EQ(from(404, json::object()).exit_code(), ExitCode::not_found);
  EXPECT_EQ(from(400, json::object()).exit_code(), ExitCode::failed);
  EXPECT_EQ(from(409, json::object()).exit_code(), ExitCode::failed);
  EXPECT_EQ(from(412, json::object()).exit_code(), ExitCode::failed);
  EXPECT_EQ(from(422, json::object()).exit_code(), ExitCode::failed);
  EXPECT_EQ(from(429, json::object()).exit_code(), ExitCode::failed);
  EXPECT_EQ(from(500, json::object()).exit_code(), ExitCode::failed);
  EXPECT_EQ(from(503, json::object()).exit_code(), ExitCode::failed);
  EXPECT_EQ(from(408, json::object()).exit_code(), ExitCode::timed_out);
  EXPECT_EQ(from(504, json::object()).exit_code(), ExitCode::timed_out);
}

TEST(ArmErrorExitCode, ByCode) {
  const auto with_code = [](int status, const char* code) {
    return from(status, json{{"error", {{"code", code}, {"message", "m"}}}}).exit_code();
  };
  EXPECT_EQ(with_code(403, "AuthorizationFailed"), ExitCode::auth);
  EXPECT_EQ(with_code(400, "LinkedAuthorizationFailed"), ExitCode::auth);
  EXPECT_EQ(with_code(400, "InvalidAuthenticationTokenTenant"), ExitCode::auth);
  EXPECT_EQ(with_code(403, "RequestDisallowedByPolicy"), ExitCode::auth);
  EXPECT_EQ(with_code(400, "ResourceGroupNotFound"), ExitCode::not_found);
  EXPECT_EQ(with_code(404, "ResourceNotFound"), ExitCode::not_found);
  EXPECT_EQ(with_code(400, "ParentResourceNotFound"), ExitCode::not_found);
  EXPECT_EQ(with_code(400, "InvalidParameter"), ExitCode::usage);
  EXPECT_EQ(with_code(400, "invalidrequestcontent"), ExitCode::usage);
  EXPECT_EQ(with_code(400, "LinkedInvalidPropertyId"), ExitCode::usage);
  EXPECT_EQ(with_code(422, "InvalidResourceName"), ExitCode::usage);
  EXPECT_EQ(with_code(500, "InvalidParameter"), ExitCode::failed);  // a server fault is not the user's input
  EXPECT_EQ(with_code(409, "ScopeLocked"), ExitCode::failed);
  EXPECT_EQ(with_code(409, "MissingSubscriptionRegistration"), ExitCode::failed);
  EXPECT_EQ(with_code(409, "AnotherOperationInProgress"), ExitCode::failed);
}

TEST(ArmErrorExitCode, ByKind) {
  ArmError error;
  error.kind = ArmError::Kind::auth;
  EXPECT_EQ(error.exit_code(), ExitCode::auth);
  error.kind = ArmError::Kind::timeout;
  EXPECT_EQ(error.exit_code(), ExitCode::timed_out);
  error.kind = ArmError::Kind::interrupted;
  EXPECT_EQ(error.exit_code(), ExitCode::interrupted);
  error.kind = ArmError::Kind::invalid_request;
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
  error.kind = ArmError::Kind::transport;
  error.transport_kind = http::TransportError::Kind::reset;
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
  error.transport_kind = http::TransportError::Kind::timeout;
  EXPECT_EQ(error.exit_code(), ExitCode::timed_out);
  error.kind = ArmError::Kind::operation_failed;
  error.code = "ExtensionOperationFailed";
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
  error.code = "AuthorizationFailed";
  EXPECT_EQ(error.exit_code(), ExitCode::auth);
  error.kind = ArmError::Kind::status_unreadable;
  error.code = "ResourceNotFound";
  error.status = 404;  // a status URL that is gone is not the user's resource missing
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
  error.status = 403;
  EXPECT_EQ(error.exit_code(), ExitCode::auth);
  error.kind = ArmError::Kind::operation_canceled;
  error.status = 0;
  error.code = "Canceled";
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
}

TEST(ArmErrorHint, AuthorizationFailedNamesTheActionAndScope) {
  const auto error = from(403, json{{"error",
                                     {{"code", "AuthorizationFailed"},
                                      {"message",
                                       "The client 'me@example.com' with object id 'oid' does not have authorization "
                                       "to perform action 'Microsoft.KubernetesConfiguration/extensions/write' over "
                                       "scope '/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Kubernetes/"
                                       "connectedClusters/c1' or the scope is invalid."}}}});
  EXPECT_EQ(error.hint(),
            "the signed-in identity lacks permission for 'Microsoft.KubernetesConfiguration/extensions/write'; ask for "
            "a role such as Contributor on /subscriptions/s/resourceGroups/rg1/providers/Microsoft.Kubernetes/"
            "connectedClusters/c1");
  EXPECT_EQ(error.describe(), error.summary() + "\n" + error.hint());
  EXPECT_EQ(error.exit_code(), ExitCode::auth);
}

TEST(ArmErrorHint, AuthorizationFailedWithoutAScopeUsesTheRequestsResourceGroup) {
  const auto error = from(403, json{{"error", {{"code", "AuthorizationFailed"}, {"message", "denied"}}}});
  EXPECT_EQ(error.hint(),
            "the signed-in identity lacks permission; ask for a role such as Contributor on "
            "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1");
}

TEST(ArmErrorHint, ScopeLockedNamesTheLockedScope) {
  const auto error = from(
      409, json{{"error",
                 {{"code", "ScopeLocked"},
                  {"message",
                   "The scope '/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Relay/namespaces/ns' cannot "
                   "perform write operation because following scope(s) are locked: '/subscriptions/s/resourceGroups/"
                   "rg1'. Please remove the lock and try again."}}}});
  EXPECT_EQ(error.hint(),
            "a lock on /subscriptions/s/resourceGroups/rg1 blocks changes; remove the lock or ask its owner");
  const auto bare = from(409, json{{"error", {{"code", "ScopeLocked"}, {"message", "locked"}}}});
  EXPECT_EQ(bare.hint(),
            "a lock on /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1 blocks changes; remove "
            "the lock or ask its owner");
}

TEST(ArmErrorHint, PolicyNamesTheAssignmentFromAdditionalInfo) {
  const auto error = from(403, json::parse(R"({"error":{"code":"RequestDisallowedByPolicy",
      "message":"Resource 'azureml' was disallowed by policy.",
      "additionalInfo":[{"type":"PolicyViolation","info":{
        "policyDefinitionDisplayName":"Allowed locations","policyAssignmentDisplayName":"Only EU",
        "policyAssignmentId":"/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/eu",
        "policyDefinitionId":"/providers/Microsoft.Authorization/policyDefinitions/e56962a6"}},
        {"type":"Other","info":{}}]}})"));
  EXPECT_EQ(error.hint(),
            "an Azure Policy assignment denies this request: 'Only EU' (assignment "
            "/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/eu, definition 'Allowed "
            "locations'); change the request to comply or ask the assignment's owner for an exemption");
}

TEST(ArmErrorHint, PolicyWithoutAdditionalInfo) {
  const auto error = from(403, json{{"error", {{"code", "RequestDisallowedByPolicy"}, {"message", "no"}}}});
  EXPECT_EQ(error.hint(),
            "an Azure Policy assignment denies this request (the message above names it); change the request to "
            "comply or ask the assignment's owner for an exemption");
  const auto by_name = from(403, json::parse(R"({"error":{"code":"RequestDisallowedByPolicy","message":"no",
      "additionalInfo":[{"type":"PolicyViolation","info":{"policyAssignmentName":"a1"}}]}})"));
  EXPECT_EQ(by_name.hint(),
            "an Azure Policy assignment denies this request: 'a1'; change the request to comply or ask the "
            "assignment's owner for an exemption");
}

TEST(ArmErrorHint, MissingSubscriptionRegistrationNamesTheNamespaceFromTheMessage) {
  const auto error = from(409, json{{"error",
                                     {{"code", "MissingSubscriptionRegistration"},
                                      {"message",
                                       "The subscription is not registered to use namespace 'Microsoft.Relay'. See "
                                       "https://aka.ms/rps-not-found for how to register subscriptions."}}}});
  EXPECT_EQ(error.hint(), "register the provider: az provider register --namespace Microsoft.Relay");
}

TEST(ArmErrorHint, NoRegisteredProviderFoundTakesTheNamespaceFromThePath) {
  const auto error = from(400, json{{"error",
                                     {{"code", "NoRegisteredProviderFound"},
                                      {"message",
                                       "No registered resource provider found for location 'eastus' and API version "
                                       "'2023-05-01' for type 'extensions'."}}}});
  EXPECT_EQ(error.hint(),
            "register the provider: az provider register --namespace Microsoft.KubernetesConfiguration; if it is "
            "registered, the location or api-version is not supported for this type");
}

TEST(ArmErrorHint, FoundInDetails) {
  const auto error = from(400, json::parse(R"({"error":{"code":"InvalidTemplateDeployment","message":"x",
      "details":[{"code":"Other","message":"y","details":[{"code":"ScopeLocked",
        "message":"because following scope(s) are locked: '/subscriptions/s/resourceGroups/z'. Remove it."}]}]}})"));
  EXPECT_EQ(error.hint(),
            "a lock on /subscriptions/s/resourceGroups/z blocks changes; remove the lock or ask its owner");
}

TEST(ArmErrorHint, CaseInsensitiveCode) {
  const auto error = from(403, json{{"error", {{"code", "authorizationfailed"}, {"message", "m"}}}});
  EXPECT_NE(error.hint().find("ask for a role such as Contributor"), std::string::npos);
}

TEST(ArmErrorSummary, OtherKinds) {
  ArmError error;
  error.method = "GET";
  error.path = "/p";
  error.operation = "PUT /r";
  error.kind = ArmError::Kind::transport;
  error.message = "connection to 127.0.0.1:1 refused";
  error.gave_up = "gave up after 5 attempts";
  EXPECT_EQ(error.summary(),
            "could not reach ARM for GET /p: connection to 127.0.0.1:1 refused (gave up after 5 attempts)");
  error.gave_up.clear();
  error.kind = ArmError::Kind::auth;
  error.message = "EnvironmentCredential: bad secret";
  EXPECT_EQ(error.summary(), "could not get a token for ARM: EnvironmentCredential: bad secret");
  error.kind = ArmError::Kind::timeout;
  error.message = "no final state after 30m (3 checks)";
  error.last_status = "InProgress";
  EXPECT_EQ(error.summary(),
            "timed out waiting for PUT /r: no final state after 30m (3 checks); it was still 'InProgress'");
  EXPECT_EQ(error.hint(),
            "the operation may still finish in Azure: check its state with show, or wait longer with a larger timeout");
  error.kind = ArmError::Kind::interrupted;
  EXPECT_EQ(error.summary(), "interrupted while waiting for PUT /r; it was 'InProgress'");
  error.kind = ArmError::Kind::operation_failed;
  error.code = "ExtensionFailed";
  error.message = "helm failed";
  error.request_id = "r";
  EXPECT_EQ(error.summary(), "PUT /r failed: ExtensionFailed: helm failed (request id r)");
  error.kind = ArmError::Kind::operation_canceled;
  EXPECT_EQ(error.summary(), "PUT /r was canceled: ExtensionFailed: helm failed (request id r)");
  error.kind = ArmError::Kind::status_unreadable;
  error.status = 500;
  error.code = "InternalServerError";
  error.message = "oops";
  EXPECT_EQ(error.summary(),
            "could not read the status of PUT /r: GET /p answered InternalServerError: oops (request id r)");
  error.kind = ArmError::Kind::invalid_request;
  error.message = "refusing";
  EXPECT_EQ(error.summary(), "refusing");
}

}  // namespace
}  // namespace azureml::arm
