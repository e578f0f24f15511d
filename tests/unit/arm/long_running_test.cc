// wait_for_completion: every way ARM reports a long-running operation, Retry-After on each poll,
// timeouts, interrupts, progress events.
#include "core/arm/long_running.h"

#include <gtest/gtest.h>

#include "tests/unit/arm/arm_fakes.h"

namespace azureml::arm {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::FakeCredential;
using testing::ScriptedTransport;

const std::string kHost = "https://management.azure.com";
const std::string kExt =
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c1"
    "/providers/Microsoft.KubernetesConfiguration/extensions/azureml";
const std::string kApi = "2023-05-01";
const std::string kResourceUrl = kHost + kExt + "?api-version=" + kApi;
const std::string kOpUrl = kHost + kExt + "/operations/op1?api-version=" + kApi;
const std::string kLocationUrl =
    kHost +
    "/subscriptions/s/providers/Microsoft.KubernetesConfiguration/locations/eastus/operationResults/op1?api-version=" +
    kApi;

std::string status_body(std::string_view status) { return json{{"status", status}}.dump(); }

// The wait of a PUT ended by an answer of another shape: exit 1, with `summary`.
template <typename Waited>
void expect_unexpected_shape(const Waited& result, const std::string& summary) {
  ASSERT_FALSE(result.ok());
  const auto& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::unexpected_shape);
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
  EXPECT_EQ(error.operation, "PUT " + kExt);
  EXPECT_EQ(error.summary(), summary);
}

class LongRunningTest : public ::testing::Test {
 protected:
  ArmClient make_client(const Interrupt* interrupt = nullptr) {
    ArmClientOptions o;
    o.interrupt = interrupt;
    o.random = []() { return 0.5; };
    o.client_request_id = "cid";
    o.on_event = [this](const ArmEvent& e) { client_events.push_back(e); };
    return ArmClient(transport, credential, clock, o);
  }
  ArmResponse initial(int status, http::Headers headers = {}, const json& body = nullptr) {
    ArmResponse r;
    r.status = status;
    r.headers = std::move(headers);
    r.json = body;
    if (!body.is_null()) r.body = body.dump();
    return r;
  }
  std::vector<std::string> polls() const {
    std::vector<std::string> out;
    for (const auto& e : client_events)
      if (e.kind == ArmEvent::Kind::polling) out.push_back(e.describe());
    return out;
  }

  FakeClock clock;
  ScriptedTransport transport{&clock};
  FakeCredential credential;
  std::vector<ArmEvent> client_events;
};

// --- Azure-AsyncOperation ---------------------------------------------------------------------

TEST_F(LongRunningTest, AsyncOperationSucceedsThenPutReadsTheResource) {
  transport.answer(200, {{"Retry-After", "2"}}, status_body("InProgress"))
      .answer(200, {}, status_body("Succeeded"))
      .answer(200, {}, R"({"name":"azureml","properties":{"provisioningState":"Succeeded"}})");
  auto arm = make_client();
  const auto result = wait_for_completion(
      arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}, {"Retry-After", "1"}}, json{{"name", "azureml"}}),
      Method::put, kExt, kApi);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ((*result)["properties"]["provisioningState"], "Succeeded");
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"GET " + kOpUrl, "GET " + kOpUrl, "GET " + kResourceUrl}));
  EXPECT_EQ(clock.total_slept(), 1s + 2s);  // the initial Retry-After, then the first poll's
  EXPECT_EQ(arm.counters().polls, 2u);
  EXPECT_EQ(polls(), (std::vector<std::string>{"waiting for PUT " + kExt + ": InProgress (check 1); next check in 2 s",
                                               "waiting for PUT " + kExt + ": Succeeded (check 2)"}));
}

TEST_F(LongRunningTest, StatusIsCaseInsensitiveAndAnythingElseIsInProgress) {
  transport.answer(200, {}, status_body("Accepted"))
      .answer(200, {}, status_body("Running"))
      .answer(200, {}, status_body("Creating"))
      .answer(200, {}, status_body("SUCCEEDED"))
      .answer(200, {}, "{}");
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::patch, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(transport.sent().size(), 5u);
  EXPECT_EQ(clock.total_slept(), 4 * 15s);  // the default interval, no Retry-After anywhere
}

TEST_F(LongRunningTest, AsyncOperationFailedSurfacesTheError) {
  transport.answer(200, {{"x-ms-request-id", "poll-req"}, {"x-ms-correlation-request-id", "corr"}},
                   R"({"status":"Failed","error":{"code":"ExtensionOperationFailed",
                       "message":"helm install failed","details":[{"code":"Helm","message":"timed out"}]}})");
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::put, kExt, kApi);
  ASSERT_FALSE(result.ok());
  const auto& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::operation_failed);
  EXPECT_EQ(error.code, "ExtensionOperationFailed");
  EXPECT_EQ(error.message, "helm install failed");
  ASSERT_EQ(error.details.size(), 1u);
  EXPECT_EQ(error.request_id, "poll-req");
  EXPECT_EQ(error.exit_code(), ExitCode::failed);
  EXPECT_EQ(error.summary(), "PUT " + kExt +
                                 " failed: ExtensionOperationFailed: helm install failed [Helm: timed out] (request id "
                                 "poll-req, correlation id corr)");
  EXPECT_EQ(transport.sent().size(), 1u);  // no final GET
}

TEST_F(LongRunningTest, AsyncOperationCanceled) {
  transport.answer(200, {}, R"({"status":"canceled","error":{"code":"OperationCanceled","message":"by user"}})");
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm, initial(202, {{"Azure-AsyncOperation", kOpUrl}}), Method::del, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::operation_canceled);
  EXPECT_EQ(result.error().summary(), "DELETE " + kExt + " was canceled: OperationCanceled: by user");
}

TEST_F(LongRunningTest, AsyncOperationFailedWithoutAnError) {
  transport.answer(200, {}, status_body("Failed"));
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::put, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "Failed");
  EXPECT_EQ(result.error().message, "the operation ended 'Failed' and gave no error details");
}

TEST_F(LongRunningTest, DeleteViaAsyncOperationHasNoFinalGet) {
  transport.answer(200, {}, status_body("InProgress")).answer(200, {}, status_body("Succeeded"));
  auto arm = make_client();
  const auto result = wait_for_completion(
      arm, initial(202, {{"Azure-AsyncOperation", kOpUrl}, {"Location", kOpUrl}, {"Retry-After", "1"}}), Method::del,
      kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->is_null());
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"GET " + kOpUrl, "GET " + kOpUrl}));
  EXPECT_EQ(clock.total_slept(), 1s + 15s);
}

TEST_F(LongRunningTest, PostViaAsyncOperationReturnsNull) {
  transport.answer(200, {}, status_body("Succeeded"));
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm, initial(202, {{"Azure-AsyncOperation", kOpUrl}}), Method::post, kExt + "/x", kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->is_null());
}

TEST_F(LongRunningTest, OperationLocationIsUsedLikeAzureAsyncOperation) {
  transport.answer(200, {}, status_body("Succeeded")).answer(200, {}, R"({"name":"x"})");
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(201, {{"Operation-Location", kOpUrl}}), Method::put, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"GET " + kOpUrl, "GET " + kResourceUrl}));
}

// Audit D8: the spec's PatchExtension example answers a relative Operation-Location without
// api-version; it is polled on the ARM endpoint with the operation's api-version.
TEST_F(LongRunningTest, ARelativeOperationLocationGetsTheHostAndTheApiVersion) {
  transport.answer(200, {}, status_body("Succeeded")).answer(200, {}, R"({"name":"x"})");
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(202, {{"Operation-Location", kExt + "/operations/op1"}}),
                                          Method::patch, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"GET " + kOpUrl, "GET " + kResourceUrl}));
}

TEST_F(LongRunningTest, AzureAsyncOperationWinsOverOperationLocationAndLocation) {
  const std::string other = kHost + "/other?api-version=1";
  transport.answer(200, {}, status_body("Succeeded"));
  auto arm = make_client();
  ASSERT_TRUE(wait_for_completion(
                  arm,
                  initial(202, {{"Location", other}, {"Operation-Location", other}, {"azure-asyncoperation", kOpUrl}}),
                  Method::del, kExt, kApi)
                  .ok());
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"GET " + kOpUrl}));
}

TEST_F(LongRunningTest, AStatusUrlErrorIsRetriedByTheClientPolicy) {
  transport.answer(503).answer(200, {}, status_body("Succeeded")).answer(200, {}, "{}");
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}, {"Retry-After", "1"}}),
                                          Method::put, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(clock.total_slept(), 1s + 500ms);  // poll wait, then the client's jittered backoff
  EXPECT_EQ(arm.counters().retries, 1u);
}

TEST_F(LongRunningTest, AStatusUrlThatKeepsFailingIsAFailureToReadStatus) {
  transport.answer(404, {{"x-ms-request-id", "r404"}},
                   R"({"error":{"code":"NotFound","message":"no such operation"}})");
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::put, kExt, kApi);
  ASSERT_FALSE(result.ok());
  const auto& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::status_unreadable);
  EXPECT_EQ(error.exit_code(), ExitCode::failed);  // not "not found": the resource may well exist
  EXPECT_EQ(error.summary(), "could not read the status of PUT " + kExt + ": GET " + kExt +
                                 "/operations/op1 answered NotFound: no such operation (request id r404)");
}

TEST_F(LongRunningTest, AMalformedStatusBodyIsReadAgainThenGivenUpOn) {
  transport.answer(200, {}, "<html>oops").answer(200, {}, status_body("Succeeded")).answer(200, {}, "{}");
  auto arm = make_client();
  ASSERT_TRUE(wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::put, kExt, kApi).ok());

  // Not JSON five times: the client's reads are used up, the operation gives up at once.
  for (int i = 0; i < 5; ++i) transport.answer(200, {}, "not json");
  const auto result =
      wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::put, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::status_unreadable);
  EXPECT_EQ(result.error().attempts, 5);
  EXPECT_EQ(result.error().message, "the status body is not JSON");
  EXPECT_EQ(transport.remaining(), 0u);
}

TEST_F(LongRunningTest, AStatusWithoutStatusIsReadAgainThenGivenUpOn) {
  for (int i = 0; i < 5; ++i) transport.answer(200, {}, "{}");
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::put, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::status_unreadable);
  EXPECT_EQ(result.error().attempts, 5);
  EXPECT_EQ(result.error().message, "the status body has no 'status'");
}

// `status` null is no status (absent and null read alike): read again, as for "{}".
TEST_F(LongRunningTest, ANullStatusIsReadAgain) {
  transport.answer(200, {}, R"({"status":null})").answer(200, {}, status_body("Succeeded"));
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm, initial(202, {{"Azure-AsyncOperation", kOpUrl}}), Method::del, kExt, kApi);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_EQ(transport.sent().size(), 2u);
}

// A status of another type breaks the contract: reading again would get the same, so the wait
// ends at once with exit 1, naming the request, the JSON path and the types.
TEST_F(LongRunningTest, AStatusThatIsNotAStringIsAnUnexpectedShapeAtOnce) {
  transport.answer(200, {{"x-ms-request-id", "op-req"}}, R"({"status":5})").answer(200, {}, status_body("Succeeded"));
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::put, kExt, kApi);
  expect_unexpected_shape(result, "GET " + kExt +
                                      "/operations/op1 answered JSON of an unexpected shape: at $.status a string was "
                                      "expected, not a number (request id op-req)");
  EXPECT_EQ(transport.remaining(), 1u);  // not read again
  EXPECT_EQ(arm.counters().polls, 1u);   // but counted as a check
  EXPECT_EQ(polls(),
            (std::vector<std::string>{"waiting for PUT " + kExt + ": answer of an unexpected shape (check 1)"}));
}

TEST_F(LongRunningTest, AStatusBodyThatIsNotAnObjectIsAnUnexpectedShape) {
  transport.answer(200, {}, R"(["Succeeded"])");
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm, initial(202, {{"Azure-AsyncOperation", kOpUrl}}), Method::del, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::unexpected_shape);
  EXPECT_EQ(result.error().message, "at $ an object was expected, not an array");
}

TEST_F(LongRunningTest, FinalGetNotFoundIsReturned) {
  transport.answer(200, {}, status_body("Succeeded"))
      .answer(404, {}, R"({"error":{"code":"ResourceNotFound","message":"gone"}})");
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::put, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::http);
  EXPECT_EQ(result.error().exit_code(), ExitCode::not_found);
}

// --- Location ---------------------------------------------------------------------------------

TEST_F(LongRunningTest, LocationDeletePolls202Then204) {
  transport.answer(202, {{"Retry-After", "5"}}).answer(202).answer(204);
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(202, {{"Location", kLocationUrl}, {"Retry-After", "3"}}),
                                          Method::del, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->is_null());
  EXPECT_EQ(transport.lines(),
            (std::vector<std::string>{"GET " + kLocationUrl, "GET " + kLocationUrl, "GET " + kLocationUrl}));
  EXPECT_EQ(clock.total_slept(), 3s + 5s + 15s);
  EXPECT_EQ(polls().back(), "waiting for DELETE " + kExt + ": done (204) (check 3)");
}

TEST_F(LongRunningTest, LocationDelete404IsDone) {
  transport.answer(202).answer(404);
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(202, {{"Location", kLocationUrl}}), Method::del, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->is_null());
}

TEST_F(LongRunningTest, LocationPut200WithBodyIsTheResult) {
  transport.answer(200, {}, R"({"name":"azureml","properties":{"provisioningState":"Succeeded"}})");
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(202, {{"Location", kLocationUrl}}), Method::put, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ((*result)["name"], "azureml");
  EXPECT_EQ(transport.sent().size(), 1u);  // no final GET: the body is the resource
}

TEST_F(LongRunningTest, LocationPatch204ReadsTheResource) {
  transport.answer(204).answer(200, {}, R"({"name":"azureml"})");
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(202, {{"Location", kLocationUrl}}), Method::patch, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ((*result)["name"], "azureml");
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"GET " + kLocationUrl, "GET " + kResourceUrl}));
}

TEST_F(LongRunningTest, LocationPostReturnsTheActionResult) {
  transport.answer(202).answer(200, {}, R"({"value":[1]})");
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(202, {{"Location", kLocationUrl}}), Method::post, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ((*result)["value"][0], 1);
  transport.answer(204);
  const auto empty = wait_for_completion(arm, initial(202, {{"Location", kLocationUrl}}), Method::post, kExt, kApi);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->is_null());
}

TEST_F(LongRunningTest, AnErrorOnTheLocationIsTheOperationsFailure) {
  transport.answer(202).answer(409, {{"x-ms-request-id", "r"}},
                               R"({"error":{"code":"ScopeLocked","message":"locked: no"}})");
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(202, {{"Location", kLocationUrl}}), Method::del, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::operation_failed);
  EXPECT_EQ(result.error().code, "ScopeLocked");
  EXPECT_EQ(result.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(result.error().summary(), "DELETE " + kExt + " failed: ScopeLocked: locked: no (request id r)");
  EXPECT_NE(result.error().hint().find("remove the lock"), std::string::npos);
}

TEST_F(LongRunningTest, LocationOnA201IsNotPolled) {
  // 201 + Location is "created here"; with a terminal provisioningState in the body, nothing to wait for.
  auto arm = make_client();
  const auto result = wait_for_completion(
      arm, initial(201, {{"Location", kLocationUrl}}, json{{"properties", {{"provisioningState", "Succeeded"}}}}),
      Method::put, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(transport.sent().empty());
}

// --- provisioningState ------------------------------------------------------------------------

TEST_F(LongRunningTest, ProvisioningStateIsPolledOnTheResource) {
  transport.answer(200, {{"Retry-After", "4"}}, R"({"properties":{"provisioningState":"Updating"}})")
      .answer(200, {}, R"({"name":"k8s","properties":{"provisioningState":"Succeeded"}})");
  auto arm = make_client();
  const auto result = wait_for_completion(
      arm, initial(201, {}, json{{"properties", {{"provisioningState", "Creating"}}}}), Method::put, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ((*result)["name"], "k8s");
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"GET " + kResourceUrl, "GET " + kResourceUrl}));
  EXPECT_EQ(clock.total_slept(), 15s + 4s);
}

TEST_F(LongRunningTest, MissingProvisioningStateIsSucceeded) {
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(200, {}, json{{"name", "x"}}), Method::put, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ((*result)["name"], "x");
  const auto no_body = wait_for_completion(arm, initial(200), Method::patch, kExt, kApi);
  ASSERT_TRUE(no_body.ok());
  EXPECT_TRUE(transport.sent().empty());
  EXPECT_EQ(clock.total_slept(), 0ms);
}

TEST_F(LongRunningTest, InitialFailedStateIsAnErrorWithoutPolling) {
  auto arm = make_client();
  const auto result =
      wait_for_completion(arm,
                          initial(200, {{"x-ms-request-id", "r0"}},
                                  json::parse(R"({"properties":{"provisioningState":"Failed","provisioningErrors":[
                  {"error":{"code":"BadCluster","message":"namespace missing"}}]}})")),
                          Method::put, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::operation_failed);
  EXPECT_EQ(result.error().code, "BadCluster");
  EXPECT_EQ(result.error().request_id, "r0");
  EXPECT_TRUE(transport.sent().empty());
}

TEST_F(LongRunningTest, FailedProvisioningStateCarriesProvisioningErrors) {
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Failed","provisioningErrors":[
      {"error":{"code":"First","message":"one"}},{"error":{"code":"Second","message":"two"}}]}})");
  auto arm = make_client();
  const auto result = wait_for_completion(
      arm, initial(201, {}, json{{"properties", {{"provisioningState", "Creating"}}}}), Method::put, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "First");
  EXPECT_EQ(result.error().summary(), "PUT " + kExt + " failed: First: one [Second: two]");
}

TEST_F(LongRunningTest, FailedProvisioningStateCarriesErrorInfoOrStatuses) {
  transport.answer(200, {},
                   R"({"properties":{"provisioningState":"Failed","errorInfo":{"code":"ExtErr","message":"bad"}}})");
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Failed","statuses":[
      {"code":"Info","level":"Information","message":"fine"},{"code":"HelmErr","level":"Error","message":"boom"}]}})");
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Failed"}})");
  auto arm = make_client();
  const auto creating = json{{"properties", {{"provisioningState", "Creating"}}}};
  EXPECT_EQ(wait_for_completion(arm, initial(201, {}, creating), Method::put, kExt, kApi).error().code, "ExtErr");
  EXPECT_EQ(wait_for_completion(arm, initial(201, {}, creating), Method::put, kExt, kApi).error().code, "HelmErr");
  const auto bare = wait_for_completion(arm, initial(201, {}, creating), Method::put, kExt, kApi);
  EXPECT_EQ(bare.error().code, "Failed");
  EXPECT_EQ(bare.error().message, "the operation ended 'Failed' and gave no error details");
}

TEST_F(LongRunningTest, CanceledProvisioningState) {
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Canceled"}})");
  auto arm = make_client();
  const auto result = wait_for_completion(
      arm, initial(201, {}, json{{"properties", {{"provisioningState", "Creating"}}}}), Method::put, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::operation_canceled);
}

// Absent and null read alike: no properties, or no provisioningState, is Succeeded.
TEST_F(LongRunningTest, NullPropertiesOrProvisioningStateIsSucceeded) {
  auto arm = make_client();
  EXPECT_TRUE(
      wait_for_completion(arm, initial(200, {}, json::parse(R"({"properties":null})")), Method::put, kExt, kApi).ok());
  EXPECT_TRUE(wait_for_completion(arm, initial(200, {}, json::parse(R"({"properties":{"provisioningState":null}})")),
                                  Method::put, kExt, kApi)
                  .ok());
  EXPECT_TRUE(transport.sent().empty());
}

// A GET of the resource after a PUT whose `properties` is not an object: the state cannot be
// known, and taking it for Succeeded would report a creation done that may not be.
TEST_F(LongRunningTest, PropertiesThatAreNotAnObjectAreAnUnexpectedShape) {
  transport.answer(200, {{"x-ms-request-id", "get-req"}}, R"({"name":"azureml","properties":"Succeeded"})");
  auto arm = make_client();
  const auto result = wait_for_completion(
      arm, initial(201, {}, json{{"properties", {{"provisioningState", "Creating"}}}}), Method::put, kExt, kApi);
  expect_unexpected_shape(result, "GET " + kExt +
                                      " answered JSON of an unexpected shape: at $.properties an object was expected, "
                                      "not a string (request id get-req)");
  EXPECT_EQ(transport.sent().size(), 1u);
}

TEST_F(LongRunningTest, AProvisioningStateThatIsNotAStringIsAnUnexpectedShape) {
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Updating"}})")
      .answer(200, {{"x-ms-request-id", "get-req"}}, R"({"properties":{"provisioningState":5}})");
  auto arm = make_client();
  const auto result = wait_for_completion(
      arm, initial(201, {}, json{{"properties", {{"provisioningState", "Creating"}}}}), Method::put, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::unexpected_shape);
  EXPECT_EQ(result.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(result.error().summary(), "GET " + kExt +
                                          " answered JSON of an unexpected shape: at $.properties.provisioningState a "
                                          "string was expected, not a number (request id get-req)");
  EXPECT_EQ(transport.sent().size(), 2u);
  EXPECT_EQ(polls().back(), "waiting for PUT " + kExt + ": answer of an unexpected shape (check 2)");
}

// The PUT's own answer is read the same way, before any GET.
TEST_F(LongRunningTest, AnInitialBodyOfAnotherShapeIsAnUnexpectedShapeWithoutPolling) {
  auto arm = make_client();
  auto put = initial(200, {{"x-ms-request-id", "put-req"}}, json{{"properties", {{"provisioningState", true}}}});
  put.method = "PUT";
  put.path = kExt;
  const auto result = wait_for_completion(arm, put, Method::put, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::unexpected_shape);
  EXPECT_EQ(result.error().summary(), "PUT " + kExt +
                                          " answered JSON of an unexpected shape: at $.properties.provisioningState a "
                                          "string was expected, not a boolean (request id put-req)");
  const auto array = wait_for_completion(arm, initial(200, {}, json::array()), Method::patch, kExt, kApi);
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.error().message, "at $ an object was expected, not an array");
  EXPECT_TRUE(transport.sent().empty());
  EXPECT_EQ(arm.counters().polls, 0u);
}

// Where a Failed resource keeps its errors is part of its contract too; what an error says inside
// is read leniently, as any error body.
TEST_F(LongRunningTest, FailureFieldsOfAnotherShapeAreAnUnexpectedShape) {
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Failed",
      "provisioningErrors":{"error":{"code":"First","message":"one"}}}})");
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Failed","errorInfo":"bad"}})");
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Canceled","statuses":[{"level":3,"code":"X"}]}})");
  auto arm = make_client();
  const auto creating = json{{"properties", {{"provisioningState", "Creating"}}}};
  const auto errors = wait_for_completion(arm, initial(201, {}, creating), Method::put, kExt, kApi);
  ASSERT_FALSE(errors.ok());
  EXPECT_EQ(errors.error().kind, ArmError::Kind::unexpected_shape);
  EXPECT_EQ(errors.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(errors.error().message, "at $.properties.provisioningErrors an array was expected, not an object");
  const auto info = wait_for_completion(arm, initial(201, {}, creating), Method::put, kExt, kApi);
  EXPECT_EQ(info.error().message, "at $.properties.errorInfo an object was expected, not a string");
  const auto level = wait_for_completion(arm, initial(201, {}, creating), Method::put, kExt, kApi);
  EXPECT_EQ(level.error().message, "at $.properties.statuses[0].level a string was expected, not a number");
}

// The failure fields are read only to explain a failure: a Succeeded resource is not judged by them.
TEST_F(LongRunningTest, FailureFieldsAreNotReadWhenTheResourceSucceeded) {
  auto arm = make_client();
  const auto result = wait_for_completion(
      arm, initial(200, {}, json::parse(R"({"properties":{"provisioningState":"Succeeded","statuses":"n/a"}})")),
      Method::put, kExt, kApi);
  EXPECT_TRUE(result.ok());
}

TEST_F(LongRunningTest, ADeletePollOfAnotherShapeIsAnUnexpectedShape) {
  transport.answer(200, {}, R"({"properties":{"provisioningState":["Deleting"]}})");
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(202), Method::del, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::unexpected_shape);
  EXPECT_EQ(result.error().operation, "DELETE " + kExt);
  EXPECT_EQ(result.error().message, "at $.properties.provisioningState a string was expected, not an array");
}

TEST_F(LongRunningTest, Delete200Or204IsDone) {
  auto arm = make_client();
  EXPECT_TRUE(wait_for_completion(arm, initial(200), Method::del, kExt, kApi).ok());
  EXPECT_TRUE(wait_for_completion(arm, initial(204), Method::del, kExt, kApi).ok());
  EXPECT_TRUE(transport.sent().empty());
}

TEST_F(LongRunningTest, Delete202WithoutHeadersPollsTheResourceUntil404) {
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Deleting"}})")
      .answer(404, {}, R"({"error":{"code":"ResourceNotFound","message":"gone"}})");
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(202), Method::del, kExt, kApi);
  ASSERT_TRUE(result.ok()) << result.error().describe();
  EXPECT_TRUE(result->is_null());
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"GET " + kResourceUrl, "GET " + kResourceUrl}));
  EXPECT_EQ(polls().back(), "waiting for DELETE " + kExt + ": gone (404) (check 2)");
}

TEST_F(LongRunningTest, Delete202ThatEndsFailed) {
  transport.answer(
      200, {}, R"({"properties":{"provisioningState":"Failed","errorInfo":{"code":"Stuck","message":"finalizer"}}})");
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(202), Method::del, kExt, kApi);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "Stuck");
}

TEST_F(LongRunningTest, PostWithoutHeadersReturnsItsBody) {
  auto arm = make_client();
  const auto result = wait_for_completion(arm, initial(200, {}, json{{"primaryKey", "k"}}), Method::post, kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ((*result)["primaryKey"], "k");
}

// --- timing -----------------------------------------------------------------------------------

TEST_F(LongRunningTest, RetryAfterIsHonouredOnEveryPoll) {
  transport.answer(200, {{"Retry-After", "7"}}, status_body("InProgress"))
      .answer(200, {{"Retry-After", "Fri, 15 Jan 2027 08:01:00 GMT"}}, status_body("InProgress"))
      .answer(200, {}, status_body("InProgress"))
      .answer(200, {{"retry-after-ms", "250"}}, status_body("InProgress"))
      .answer(200, {}, status_body("Succeeded"));
  auto arm = make_client();
  WaitOptions options;
  options.poll_interval = 10s;
  const auto result = wait_for_completion(arm, initial(202, {{"Azure-AsyncOperation", kOpUrl}, {"Retry-After", "2"}}),
                                          Method::del, kExt, kApi, options);
  ASSERT_TRUE(result.ok());
  // 2 (initial) -> t=2; 7 -> t=9; the date is t=60: 51; none: 10 -> t=70; 250 ms.
  EXPECT_EQ(clock.total_slept(), 2s + 7s + 51s + 10s + 250ms);
}

TEST_F(LongRunningTest, ClientPollIntervalIsTheDefault) {
  transport.answer(200, {}, status_body("InProgress")).answer(200, {}, status_body("Succeeded"));
  ArmClientOptions o;
  o.poll_interval = 3s;
  ArmClient arm(transport, credential, clock, o);
  ASSERT_TRUE(wait_for_completion(arm, initial(202, {{"Azure-AsyncOperation", kOpUrl}}), Method::del, kExt, kApi).ok());
  EXPECT_EQ(clock.total_slept(), 6s);
}

TEST_F(LongRunningTest, TimesOutWithTheLastState) {
  for (int i = 0; i < 3; ++i) transport.answer(200, {}, status_body("InProgress"));
  auto arm = make_client();
  WaitOptions options;
  options.timeout = 40s;
  const auto result =
      wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::put, kExt, kApi, options);
  ASSERT_FALSE(result.ok());
  // Checks at 15 s and 30 s; the third wait is cut to the 10 s left; at 40 s it is still running.
  EXPECT_EQ(clock.total_slept(), 40s);
  EXPECT_EQ(transport.sent().size(), 3u);
  const auto& error = result.error();
  EXPECT_EQ(error.kind, ArmError::Kind::timeout);
  EXPECT_EQ(error.exit_code(), ExitCode::timed_out);
  EXPECT_EQ(error.last_status, "InProgress");
  EXPECT_EQ(error.summary(),
            "timed out waiting for PUT " + kExt + ": no final state after 40 s (3 checks); it was still 'InProgress'");
}

TEST_F(LongRunningTest, TimeoutNeverWaitsPastTheDeadline) {
  transport.answer(202, {{"Retry-After", "600"}}).answer(202, {{"Retry-After", "600"}});
  ArmClientOptions o;
  o.operation_timeout = 90s;
  ArmClient arm(transport, credential, clock, o);
  const auto result = wait_for_completion(arm, initial(202, {{"Location", kLocationUrl}}), Method::del, kExt, kApi);
  // Location polling: first check after 15 s, then the 600 s Retry-After is cut to the 75 s left.
  EXPECT_EQ(transport.remaining(), 0u);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::timeout);
  EXPECT_EQ(clock.total_slept(), 90s);
}

TEST_F(LongRunningTest, ProvisioningTimeout) {
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Creating"}})");
  auto arm = make_client();
  WaitOptions options;
  options.timeout = 15s;
  const auto result =
      wait_for_completion(arm, initial(201, {}, json{{"properties", {{"provisioningState", "Creating"}}}}), Method::put,
                          kExt, kApi, options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::timeout);
  EXPECT_EQ(result.error().last_status, "Creating");
  EXPECT_EQ(clock.total_slept(), 15s);
}

TEST_F(LongRunningTest, InterruptStopsTheWait) {
  transport.answer(200, {}, status_body("InProgress"));
  auto arm = make_client();
  int asked = 0;
  WaitOptions options;
  // Checked before and after every wait: the 3rd check is before the second wait.
  options.interrupted = [&]() { return ++asked >= 3; };
  const auto result =
      wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::put, kExt, kApi, options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::interrupted);
  EXPECT_EQ(result.error().exit_code(), ExitCode::interrupted);
  EXPECT_EQ(result.error().summary(), "interrupted while waiting for PUT " + kExt + "; it was 'InProgress'");
  EXPECT_EQ(transport.sent().size(), 1u);
}

// An interrupt that comes during a wait ends it without another request.
TEST_F(LongRunningTest, InterruptDuringTheWaitSendsNothingMore) {
  auto arm = make_client();
  int asked = 0;
  WaitOptions options;
  options.interrupted = [&]() { return ++asked >= 2; };
  const auto result =
      wait_for_completion(arm, initial(201, {{"Azure-AsyncOperation", kOpUrl}}), Method::put, kExt, kApi, options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::interrupted);
  EXPECT_TRUE(transport.sent().empty());
}

// The client's Interrupt, once raised, stops every request before it is sent.
TEST_F(LongRunningTest, ARaisedClientInterruptSendsNothing) {
  Interrupt interrupt;
  auto arm = make_client(&interrupt);
  interrupt.raise(2);
  const auto got = arm.get(kExt, kApi);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, ArmError::Kind::interrupted);
  EXPECT_EQ(got.error().summary(), "interrupted before sending GET " + kExt);
  EXPECT_TRUE(transport.sent().empty());
}

TEST_F(LongRunningTest, ProgressGoesToTheWaitOptionsCallbackWhenGiven) {
  transport.answer(200, {}, status_body("InProgress")).answer(200, {}, status_body("Succeeded"));
  auto arm = make_client();
  std::vector<ArmEvent> mine;
  WaitOptions options;
  options.on_progress = [&](const ArmEvent& e) { mine.push_back(e); };
  ASSERT_TRUE(
      wait_for_completion(arm, initial(202, {{"Azure-AsyncOperation", kOpUrl}}), Method::del, kExt, kApi, options)
          .ok());
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].kind, ArmEvent::Kind::polling);
  EXPECT_EQ(mine[0].reason, "InProgress");
  EXPECT_EQ(mine[0].attempt, 1);
  EXPECT_EQ(mine[0].delay, 15s);
  EXPECT_EQ(mine[1].reason, "Succeeded");
  EXPECT_EQ(mine[1].delay, 0ms);
  EXPECT_TRUE(polls().empty());
}

// An operation someone else started may be about to end: the re-wait checks after 1, 2, 4, 8 s
// and then every 15 s, not 15 s at once; a Retry-After still says when.
TEST_F(LongRunningTest, AWaitForAResourceGrowsItsIntervalUpToTheDefault) {
  const std::string creating = json{{"properties", {{"provisioningState", "Creating"}}}}.dump();
  for (int i = 0; i < 5; ++i) transport.answer(200, {}, creating);
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Succeeded"}})");
  auto arm = make_client();
  const auto result = wait_for_resource(arm, json::parse(creating), kExt, kApi);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(transport.sent().size(), 6u);
  EXPECT_EQ(clock.total_slept(), 1s + 2s + 4s + 8s + 15s + 15s);
}

TEST_F(LongRunningTest, AGrowingWaitStillTakesTheServersRetryAfter) {
  const std::string creating = json{{"properties", {{"provisioningState", "Creating"}}}}.dump();
  transport.answer(200, {{"Retry-After", "7"}}, creating)
      .answer(200, {}, R"({"properties":{"provisioningState":"Succeeded"}})");
  auto arm = make_client();
  ASSERT_TRUE(wait_for_resource(arm, json::parse(creating), kExt, kApi).ok());
  EXPECT_EQ(clock.total_slept(), 1s + 7s);
}

// --- send-and-wait helpers --------------------------------------------------------------------

TEST_F(LongRunningTest, PutAndWait) {
  transport.answer(201, {{"Azure-AsyncOperation", kOpUrl}, {"Retry-After", "1"}}, R"({"name":"azureml"})")
      .answer(200, {}, status_body("Succeeded"))
      .answer(200, {}, R"({"name":"azureml","properties":{"provisioningState":"Succeeded"}})");
  auto arm = make_client();
  const auto result = put_and_wait(arm, kExt, kApi, json{{"properties", json::object()}});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(transport.lines(),
            (std::vector<std::string>{"PUT " + kResourceUrl, "GET " + kOpUrl, "GET " + kResourceUrl}));
  EXPECT_EQ(arm.counters().requests, 3u);
  EXPECT_EQ(arm.counters().polls, 1u);
}

TEST_F(LongRunningTest, PatchAndWait) {
  transport.answer(200, {}, R"({"properties":{"provisioningState":"Succeeded"}})");
  auto arm = make_client();
  ASSERT_TRUE(patch_and_wait(arm, kExt, kApi, json::object()).ok());
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"PATCH " + kResourceUrl}));
}

TEST_F(LongRunningTest, DeleteAndWaitLikeAz) {
  // az k8s-extension delete: DELETE ...&forceDelete=false -> 202 + Azure-AsyncOperation; poll; no final GET.
  transport.answer(202, {{"Azure-AsyncOperation", kOpUrl}, {"Location", kOpUrl}, {"Retry-After", "1"}})
      .answer(200, {{"Retry-After", "1"}}, status_body("InProgress"))
      .answer(200, {}, status_body("Succeeded"));
  auto arm = make_client();
  RequestOptions request;
  request.query = {{"forceDelete", "false"}};
  ASSERT_TRUE(delete_and_wait(arm, kExt, kApi, request).ok());
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"DELETE " + kResourceUrl + "&forceDelete=false",
                                                         "GET " + kOpUrl, "GET " + kOpUrl}));
  EXPECT_EQ(clock.total_slept(), 2s);
}

TEST_F(LongRunningTest, DeleteAndWaitTreatsAMissingResourceAsDoneUnlessAsked) {
  transport.answer(404).answer(404, {}, R"({"error":{"code":"ResourceNotFound","message":"no"}})");
  auto arm = make_client();
  EXPECT_TRUE(delete_and_wait(arm, kExt, kApi).ok());
  const auto strict = delete_and_wait(arm, kExt, kApi, {}, {}, true);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.error().exit_code(), ExitCode::not_found);
}

TEST_F(LongRunningTest, SendErrorsAreReturnedAsTheyAre) {
  transport.answer(403, {}, R"({"error":{"code":"AuthorizationFailed","message":"no"}})");
  auto arm = make_client();
  const auto result = put_and_wait(arm, kExt, kApi, json::object());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ArmError::Kind::http);
  EXPECT_EQ(result.error().exit_code(), ExitCode::auth);
}

}  // namespace
}  // namespace azureml::arm
