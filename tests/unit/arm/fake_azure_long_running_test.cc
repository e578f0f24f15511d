// Long-running operations (long_running.h) against the fake Azure: through Azure-AsyncOperation,
// Location and provisioningState (the last two by hiding headers the fake sends, as RPs that only
// send those do), terminal Failed and Canceled with the error surfaced, the operation deadline
// (exit 5), Retry-After between polls, faults during polling (malformed status, 5xx, a 401), and
// answers of another shape than the contract (exit 1 at once).
// Every test checks the exact requests the fake recorded, and the waits taken on the FakeClock.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/unit/arm/fake_azure_arm_harness.h"

namespace azureml::arm {
namespace {

using namespace fake_azure;
using namespace std::chrono_literals;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using Strings = std::vector<std::string>;

const std::string kComputeStatus = kCompute + "/operations/{id}";
const std::string kComputeResult = kCompute + "/operationResults/{id}";
const RequestOptions kDetach = [] {
  RequestOptions options;
  options.query = {{"underlyingResourceAction", "Detach"}};
  return options;
}();

WaitOptions timeout_of(std::chrono::milliseconds timeout) {
  WaitOptions options;
  options.timeout = timeout;
  return options;
}

WaitOptions poll_interval_of(std::chrono::milliseconds interval) {
  WaitOptions options;
  options.poll_interval = interval;
  return options;
}

std::vector<ArmEvent> polls(const ArmHarness& h) {
  std::vector<ArmEvent> out;
  for (const auto& event : h.events)
    if (event.kind == ArmEvent::Kind::polling) out.push_back(event);
  return out;
}

// --- Azure-AsyncOperation ---

TEST(FakeAzureLongRunning, PutFollowsAzureAsyncOperationThenReadsTheResource) {
  ArmHarness h;  // operations end on their second observation
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ((*result)["properties"].value("provisioningState", ""), "Succeeded");
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kComputeStatus, 200),
                                   line("GET", kComputeStatus, 200), line("GET", kCompute, 200)}));
  EXPECT_EQ(h.client->counters().polls, 2u);
  EXPECT_THAT(polls(h), ElementsAre(Field(&ArmEvent::reason, "InProgress"), Field(&ArmEvent::reason, "Succeeded")));
}

TEST(FakeAzureLongRunning, PatchFollowsAzureAsyncOperationThenReadsTheResource) {
  ArmHarness h;
  h.azure.add_extension({.cluster_id = kCluster});
  const nlohmann::json patch = {{"properties", {{"configurationSettings", {{"enableInference", "True"}}}}}};
  const auto result = patch_and_wait(*h.client, kExtension, kApi, patch);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ((*result)["properties"]["configurationSettings"].value("enableInference", ""), "True");
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PATCH", kExtension, 202),
                                   line("GET", kExtension + "/operations/{id}", 200),
                                   line("GET", kExtension + "/operations/{id}", 200), line("GET", kExtension, 200)}));
}

// DELETE answers 202 with both headers; Azure-AsyncOperation wins, and there is nothing to read after.
TEST(FakeAzureLongRunning, DeleteFollowsAzureAsyncOperation) {
  ArmHarness h;
  h.azure.put_resource(existing_compute());
  const auto result = delete_and_wait(*h.client, kCompute, kApi, kDetach);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_TRUE(result->is_null());
  EXPECT_FALSE(h.azure.resource(kCompute).has_value());
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("DELETE", kCompute, 202), line("GET", kComputeStatus, 200),
                                   line("GET", kComputeStatus, 200)}));
}

// --- Location ---

TEST(FakeAzureLongRunning, DeleteFollowsLocationUntilItStopsAnswering202) {
  ArmHarness h({}, {.drop_response_headers = {"Azure-AsyncOperation"}});
  h.azure.put_resource(existing_compute());
  const auto result = delete_and_wait(*h.client, kCompute, kApi, kDetach);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_TRUE(result->is_null());
  EXPECT_FALSE(h.azure.resource(kCompute).has_value());
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("DELETE", kCompute, 202), line("GET", kComputeResult, 202),
                                   line("GET", kComputeResult, 204)}));
  EXPECT_THAT(polls(h),
              ElementsAre(Field(&ArmEvent::reason, "Accepted (202)"), Field(&ArmEvent::reason, "done (204)")));
}

// The Location URL answers the operation's failure with an error status and body.
TEST(FakeAzureLongRunning, FailedDeleteThroughLocationSurfacesTheError) {
  ArmHarness h({}, {.drop_response_headers = {"Azure-AsyncOperation"}});
  h.azure.put_resource(existing_compute());
  h.azure.set_operation_outcome(
      "DELETE", "computes/c1$",
      {.status = "Failed", .error_code = "DetachBlocked", .error_message = "Jobs are running."});
  const auto result = delete_and_wait(*h.client, kCompute, kApi, kDetach);
  ASSERT_FALSE(result.ok());
  const ArmError& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::operation_failed);
  EXPECT_EQ(error.code, "DetachBlocked");
  EXPECT_EQ(error.message, "Jobs are running.");
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("DELETE", kCompute, 202), line("GET", kComputeResult, 202),
                                   line("GET", kComputeResult, 400)}));
}

// --- provisioningState ---

TEST(FakeAzureLongRunning, PutWithoutOperationHeadersPollsProvisioningState) {
  ArmHarness h({}, {.drop_response_headers = {"Azure-AsyncOperation", "Location"}});
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ((*result)["properties"].value("provisioningState", ""), "Succeeded");
  // Each GET of the resource is one observation; the second one sees it done. No extra read.
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kCompute, 200),
                                   line("GET", kCompute, 200)}));
  EXPECT_THAT(polls(h), ElementsAre(Field(&ArmEvent::reason, "Creating"), Field(&ArmEvent::reason, "Succeeded")));
}

TEST(FakeAzureLongRunning, DeleteWithoutOperationHeadersPollsUntil404) {
  ArmHarness h({}, {.drop_response_headers = {"Azure-AsyncOperation", "Location"}});
  h.azure.put_resource(existing_compute());
  const auto result = delete_and_wait(*h.client, kCompute, kApi, kDetach);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("DELETE", kCompute, 202), line("GET", kCompute, 200),
                                   line("GET", kCompute, 404)}));
}

TEST(FakeAzureLongRunning, FailedProvisioningStateSurfacesTheProvisioningError) {
  ArmHarness h({}, {.drop_response_headers = {"Azure-AsyncOperation", "Location"}});
  h.azure.set_operation_outcome(
      "PUT", "computes/c1$",
      {.status = "Failed", .error_code = "ClusterUnreachable", .error_message = "The cluster did not answer."});
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::operation_failed);
  EXPECT_EQ(result.error().code, "ClusterUnreachable");
  EXPECT_EQ(result.error().message, "The cluster did not answer.");
  EXPECT_EQ(result.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kCompute, 200),
                                   line("GET", kCompute, 200)}));
}

// --- terminal states through Azure-AsyncOperation ---

TEST(FakeAzureLongRunning, FailedOperationSurfacesItsErrorCodeAndMessage) {
  ArmHarness h;
  h.azure.set_operation_outcome("PUT", "computes/c1$",
                                {.status = "Failed",
                                 .error_code = "ExtensionNotInstalled",
                                 .error_message = "Install the AzureML extension first."});
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_FALSE(result.ok());
  const ArmError& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::operation_failed);
  EXPECT_EQ(error.code, "ExtensionNotInstalled");
  EXPECT_EQ(error.message, "Install the AzureML extension first.");
  EXPECT_EQ(error.operation, "PUT " + kCompute);
  EXPECT_FALSE(error.request_id.empty());
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
  // No final GET after a failure.
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kComputeStatus, 200),
                                   line("GET", kComputeStatus, 200)}));
}

TEST(FakeAzureLongRunning, CanceledOperationIsReportedAsCanceled) {
  ArmHarness h;
  h.azure.set_operation_outcome("PUT", "computes/c1$",
                                {.status = "Canceled",
                                 .error_code = "OperationCanceled",
                                 .error_message = "The operation was canceled by the user."});
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::operation_canceled);
  EXPECT_EQ(result.error().code, "OperationCanceled");
  EXPECT_EQ(result.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(h.sequence().size(), 4u);
}

// --- time: the deadline and Retry-After ---

TEST(FakeAzureLongRunning, OperationPastItsDeadlineTimesOutWithExit5) {
  ArmHarness h({.retry_after_seconds = 10});
  h.azure.set_operation_outcome("PUT", "computes/c1$", {.polls = 1000});  // never ends in time
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute(), timeout_of(60s));
  ASSERT_FALSE(result.ok());
  const ArmError& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::timeout);
  EXPECT_EQ(error.exit_code(), ExitCode::timed_out);
  EXPECT_EQ(error.last_status, "InProgress");
  EXPECT_EQ(error.operation, "PUT " + kCompute);
  // Checks at 10, 20, ... 60 s; the deadline is reached exactly, never passed.
  Strings expected = {h.token_request(), line("PUT", kCompute, 201)};
  for (int i = 0; i < 6; ++i) expected.push_back(line("GET", kComputeStatus, 200));
  EXPECT_EQ(h.sequence(), expected);
  EXPECT_EQ(h.clock.total_slept(), 60s);
}

TEST(FakeAzureLongRunning, PollsHonourRetryAfter) {
  ArmHarness h({.lro_polls = 3, .retry_after_seconds = 4});
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute(), poll_interval_of(11s));
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(h.clock.total_slept(), 3 * 4s);  // before each of the three checks, as the fake asked
  const auto checks = polls(h);
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].delay, 4s);  // the announced next check
  EXPECT_EQ(checks[1].delay, 4s);
  EXPECT_EQ(h.sequence().size(), 6u);  // token, PUT, 3 checks, final GET
}

TEST(FakeAzureLongRunning, PollIntervalAppliesWithoutRetryAfter) {
  ArmHarness h({.lro_polls = 3, .retry_after_seconds = 4}, {.drop_response_headers = {"Retry-After"}});
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute(), poll_interval_of(11s));
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(h.clock.total_slept(), 3 * 11s);
}

// --- faults while polling ---

// A status body cut short is a failed read, tried again; the operation goes on.
TEST(FakeAzureLongRunning, MalformedStatusIsReadAgain) {
  ArmHarness h;
  h.azure.add_fault(Fault::malformed_json("GET", "/operations/"));
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kComputeStatus, 200),
                                   line("GET", kComputeStatus, 200), line("GET", kCompute, 200)}));
  // The client read the broken body again itself: the operation saw one good status.
  EXPECT_THAT(polls(h), ElementsAre(Field(&ArmEvent::reason, "Succeeded")));
}

TEST(FakeAzureLongRunning, StatusThatStaysMalformedIsUnreadableAfterTheBoundedAttempts) {
  ArmHarness h;
  Fault fault = Fault::malformed_json("GET", "/operations/");
  fault.times = Fault::kAlways;
  h.azure.add_fault(fault);
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::status_unreadable);
  EXPECT_EQ(result.error().attempts, 5);
  EXPECT_EQ(result.error().exit_code(), ExitCode::failed);
  Strings expected = {h.token_request(), line("PUT", kCompute, 201)};
  for (int i = 0; i < 5; ++i) expected.push_back(line("GET", kComputeStatus, 200));
  EXPECT_EQ(h.sequence(), expected);
}

TEST(FakeAzureLongRunning, ServerErrorOnAStatusPollIsRetried) {
  ArmHarness h;
  h.azure.add_fault(Fault::server_error(503, "GET", "/operations/"));
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(h.sequence(),
            (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kComputeStatus, 503),
                     line("GET", kComputeStatus, 200), line("GET", kComputeStatus, 200), line("GET", kCompute, 200)}));
  EXPECT_EQ(h.client->counters().retries, 1u);
}

TEST(FakeAzureLongRunning, ThrottledStatusPollWaitsRetryAfter) {
  ArmHarness h;
  h.azure.add_fault(Fault::throttle("GET", "/operations/", 9));
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(h.clock.total_slept(), 9s);  // the fake's own polls ask for 0 s
  EXPECT_EQ(h.sequence().size(), 6u);
}

// Tokens revoked in the middle of an operation: exactly one refresh, and the wait goes on.
TEST(FakeAzureLongRunning, ExpiredTokenMidOperationRefreshesOnceAndSucceeds) {
  ArmHarness h;
  h.azure.add_fault(Fault::expire_tokens("GET", "/operations/"));
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(h.sequence(),
            (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kComputeStatus, 401), h.token_request(),
                     line("GET", kComputeStatus, 200), line("GET", kComputeStatus, 200), line("GET", kCompute, 200)}));
  EXPECT_EQ(h.client->counters().token_refreshes, 1u);
}

TEST(FakeAzureLongRunning, SecondRefusedTokenMidOperationIsAnAuthErrorWithExit3) {
  ArmHarness h;
  Fault fault = Fault::expire_tokens("GET", "/operations/");
  fault.times = 2;
  h.azure.add_fault(fault);
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().status, 401);
  EXPECT_EQ(result.error().exit_code(), ExitCode::auth);
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kComputeStatus, 401),
                                   h.token_request(), line("GET", kComputeStatus, 401)}));
}

// --- answers of another shape than the contract (exit 1, never taken for Succeeded) ---

TEST(FakeAzureLongRunning, AStatusOfAnotherTypeEndsTheWaitAtOnce) {
  ArmHarness h;
  h.azure.add_fault(Fault::reshape("GET", "/operations/", "/status", "5"));
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_FALSE(result.ok());
  const ArmError& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::unexpected_shape);
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
  EXPECT_EQ(error.message, "at $.status a string was expected, not a number");
  EXPECT_FALSE(error.request_id.empty());
  EXPECT_THAT(error.summary(), HasSubstr("GET " + kCompute + "/operations/"));
  EXPECT_THAT(error.summary(), HasSubstr("answered JSON of an unexpected shape"));
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kComputeStatus, 200)}));
}

TEST(FakeAzureLongRunning, ResourcePropertiesOfAnotherTypeAreAnUnexpectedShape) {
  ArmHarness h({}, {.drop_response_headers = {"Azure-AsyncOperation", "Location"}});
  h.azure.add_fault(Fault::reshape("GET", "computes/c1$", "/properties", R"("Succeeded")"));
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::unexpected_shape);
  EXPECT_EQ(result.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(result.error().message, "at $.properties an object was expected, not a string");
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kCompute, 200)}));
}

TEST(FakeAzureLongRunning, AProvisioningStateOfAnotherTypeIsAnUnexpectedShape) {
  ArmHarness h({}, {.drop_response_headers = {"Azure-AsyncOperation", "Location"}});
  h.azure.add_fault(Fault::reshape("GET", "computes/c1$", "/properties/provisioningState", "5"));
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_FALSE(result.ok());
  const ArmError& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::unexpected_shape);
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
  EXPECT_FALSE(error.request_id.empty());
  EXPECT_THAT(error.summary(), HasSubstr("GET " + kCompute +
                                         " answered JSON of an unexpected shape: at $.properties.provisioningState a "
                                         "string was expected, not a number (request id " +
                                         error.request_id));
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kCompute, 200)}));
}

TEST(FakeAzureLongRunning, ProvisioningErrorsOfAnotherTypeAreAnUnexpectedShape) {
  ArmHarness h({}, {.drop_response_headers = {"Azure-AsyncOperation", "Location"}});
  h.azure.set_operation_outcome(
      "PUT", "computes/c1$",
      {.status = "Failed", .error_code = "ClusterUnreachable", .error_message = "The cluster did not answer."});
  Fault fault = Fault::reshape("GET", "computes/c1$", "/properties/provisioningErrors",
                               R"({"error":{"code":"ClusterUnreachable","message":"The cluster did not answer."}})");
  fault.skip = 1;  // the second GET, which sees it Failed
  h.azure.add_fault(fault);
  const auto result = put_and_wait(*h.client, kCompute, kApi, kubernetes_compute());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::unexpected_shape);
  EXPECT_EQ(result.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(result.error().message, "at $.properties.provisioningErrors an array was expected, not an object");
  EXPECT_EQ(h.sequence(), (Strings{h.token_request(), line("PUT", kCompute, 201), line("GET", kCompute, 200),
                                   line("GET", kCompute, 200)}));
}

TEST(FakeAzureLongRunning, EveryPollCarriesTheRunsClientRequestId) {
  ArmHarness h;
  ASSERT_TRUE(put_and_wait(*h.client, kCompute, kApi, kubernetes_compute()).ok());
  const auto recorded = h.azure.requests();
  ASSERT_EQ(recorded.size(), 5u);
  std::vector<std::string> ids;
  for (std::size_t i = 1; i < recorded.size(); ++i) ids.push_back(recorded[i].header("x-ms-client-request-id"));
  EXPECT_THAT(ids, Each(h.client->client_request_id()));
}

}  // namespace
}  // namespace azureml::arm
