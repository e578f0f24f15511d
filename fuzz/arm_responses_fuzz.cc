// Fuzz target: what ARM answers, read by everything that reads an ARM answer. The input is a
// script of answers (response_script.h). Each answer goes through
//   arm_error_from_response / parse_error_detail (error bodies), resource ids found in it,
//   and the ops readers of computes, AmlCompute clusters, extensions and clusters;
// then the whole script answers, through a real ArmClient on a fake clock,
//   list_all (value + nextLink pages) and wait_for_completion after a PUT, PATCH, DELETE and POST
//   (Azure-AsyncOperation, Location, provisioningState, Retry-After).
// Checks: every error summary is one printable line (its hint another), exit codes are the
// documented ones, a resource id reads back from its canonical form to the same id, a compute
// differs in nothing from itself, views serialize, a list holds no more items than the pages
// sent, and every wait ends with a bounded number of requests.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"
#include "core/arm/arm_error.h"
#include "core/arm/list_pages.h"
#include "core/arm/long_running.h"
#include "core/arm/resource_id.h"
#include "core/auth/credential.h"
#include "core/ops/aml_compute.h"
#include "core/ops/attach_compute.h"
#include "core/ops/cluster_info.h"
#include "core/ops/compute_common.h"
#include "core/ops/compute_read.h"
#include "core/ops/extension_lookup.h"
#include "core/util/clock.h"
#include "fuzz/arm_fixture.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/response_script.h"

namespace {

using namespace azureml;
using fuzz::is_one_printable_line;
using nlohmann::json;

constexpr std::string_view kCompute =
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/c1";
constexpr std::string_view kApi = "2024-04-01";

void check_error(const arm::ArmError& error) {
  FUZZ_CHECK(fuzz::is_documented_exit_code(error.exit_code()) && error.exit_code() != ExitCode::ok, error.describe());
  const std::string summary = error.summary();
  // An auth error quotes the credential chain, one line per credential; every other is one line.
  if (error.kind != arm::ArmError::Kind::auth) FUZZ_CHECK(is_one_printable_line(summary), summary);
  const std::string hint = error.hint();
  FUZZ_CHECK(hint.empty() || is_one_printable_line(hint), hint);
  FUZZ_CHECK(error.describe() == (hint.empty() ? summary : summary + "\n" + hint), error.describe());
}

void check_resource_id(const json& value) {
  if (!value.is_string()) return;
  const auto id = arm::ResourceId::parse(value.get<std::string>());
  if (!id) {
    FUZZ_CHECK(is_one_printable_line(id.error().describe()), id.error().describe());
    return;
  }
  const auto again = arm::ResourceId::parse(id->str());
  FUZZ_CHECK(again.ok() && *again == *id && again->str() == id->str(), value.get<std::string>() + " -> " + id->str());
}

// The ops readers take any JSON ARM might send and must neither throw nor invent differences.
void check_readers(const json& body) {
  if (body.is_object()) check_resource_id(body.value("id", json()));
  (void)ops::compute_shape_error(body);
  (void)ops::compute_type(body);
  (void)ops::provisioning_state(body);
  (void)ops::provisioning_errors(body);
  FUZZ_CHECK(ops::compute_differences(body, body).empty(), body.dump());
  FUZZ_CHECK(ops::aml_compute_differences(body, body).empty(), body.dump());
  (void)ops::aml_compute_view(body).dump();  // what `compute show -o json` prints
  const ops::ManagedIdentity identity = ops::identity_of(body);
  FUZZ_CHECK(ops::identity_of(json{{"identity", ops::identity_json(identity)}}) == identity, body.dump());
  (void)ops::resend_body(body, identity).dump();
  const ops::ExtensionView extension = ops::read_extension(JsonShape(body));
  (void)ops::failure_details(extension);
  (void)extension.azureml();
  (void)ops::cluster_info(arm::ResourceId::connected_cluster("s", "rg", "c1"), body);
  if (body.is_string())
    if (const auto seconds = ops::parse_iso_duration(body.get<std::string>());
        seconds && *seconds >= 0 && *seconds < 1'000'000'000)
      FUZZ_CHECK(ops::parse_iso_duration(ops::iso_seconds(static_cast<int>(*seconds))) == seconds,
                 body.get<std::string>());
}

void check_answer(const http::Response& answer) {
  const arm::ArmError error = arm::arm_error_from_response(answer, "GET", std::string(kCompute));
  FUZZ_CHECK(error.kind == arm::ArmError::Kind::http && error.status == answer.status, error.describe());
  check_error(error);
  const json body = json::parse(answer.body, nullptr, false);
  if (body.is_discarded()) return;
  if (const auto detail = arm::parse_error_detail(body))
    FUZZ_CHECK(!detail->code.empty() || !detail->message.empty(), body.dump());
  check_readers(body);
}

arm::ArmClient make_client(fuzz::ScriptTransport& transport, auth::TokenCredential& credential, FakeClock& clock) {
  return arm::ArmClient(transport, credential, clock, fuzz::script_client_options(3));
}

// Every request is an answer of the script, a retry of one (at most max_attempts each) or the
// failure after its end; a poll without Retry-After waits the 15 s interval on the fake clock.
void check_bounded(const fuzz::ScriptTransport& transport, std::size_t answers) {
  FUZZ_CHECK(transport.sent() <= (answers + 1) * 3, std::to_string(transport.sent()) + " requests");
}

void run_list(const std::vector<http::Response>& answers) {
  std::size_t values = 0;
  for (const auto& answer : answers) {
    const json body = json::parse(answer.body, nullptr, false);
    if (body.is_object() && body.contains("value") && body["value"].is_array()) values += body["value"].size();
  }
  fuzz::ScriptTransport transport(answers);
  fuzz::FixedCredential credential;
  FakeClock clock;
  auto arm = make_client(transport, credential, clock);
  const auto items = arm::list_all(arm, std::string(kCompute).substr(0, kCompute.rfind('/')), kApi);
  if (items)
    FUZZ_CHECK(items->size() <= values, std::to_string(items->size()) + " items");
  else
    check_error(items.error());
  check_bounded(transport, answers.size());
}

void run_wait(const std::vector<http::Response>& answers, arm::Method method) {
  if (answers.empty()) return;
  const http::Response& first = answers.front();
  arm::ArmResponse initial;
  initial.status = first.status;
  initial.headers = first.headers;
  initial.body = first.body;
  initial.json = json::parse(first.body, nullptr, false);
  if (initial.json.is_discarded()) {
    initial.json = nullptr;
    initial.malformed = !first.body.empty();
  }
  initial.method = std::string(arm::method_name(method));
  initial.path = std::string(kCompute);
  fuzz::ScriptTransport transport(std::vector<http::Response>(answers.begin() + 1, answers.end()));
  fuzz::FixedCredential credential;
  FakeClock clock;
  auto arm = make_client(transport, credential, clock);
  const auto result = arm::wait_for_completion(arm, initial, method, kCompute, kApi);
  if (!result) check_error(result.error());
  check_bounded(transport, answers.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<http::Response> answers =
      fuzz::read_script(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const auto& answer : answers) check_answer(answer);
  run_list(answers);
  for (const auto method : {arm::Method::put, arm::Method::patch, arm::Method::del, arm::Method::post})
    run_wait(answers, method);
  return 0;
}
