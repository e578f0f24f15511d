// Fuzz target: every reading and changing operation behind a verb (list, show, compute show,
// detach, compute create and delete, compute identity, extension install, update, show and
// delete, doctor's Azure checks), run in-process against a transport whose every answer, at
// every request position, is built from the fuzzer's bytes as syntactically valid JSON of any
// shape: objects with the contract's own keys holding values of other types, arrays, nulls,
// numbers in place of strings, huge strings; with the statuses and long-running-operation
// headers ARM uses. An answer of another shape must end as an error value (exit 1 naming it) or
// be read; never an exception (libFuzzer reports one as a crash), never a sanitizer finding,
// never an undocumented exit code, and always in a bounded number of requests.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/arm/arm_client.h"
#include "core/ops/aml_compute_create.h"
#include "core/ops/aml_compute_identity.h"
#include "core/ops/attach_compute.h"
#include "core/ops/detach_compute.h"
#include "core/ops/doctor.h"
#include "core/ops/extension_delete.h"
#include "core/ops/extension_install.h"
#include "core/ops/extension_show.h"
#include "core/ops/list_computes.h"
#include "core/ops/show_compute.h"
#include "core/util/clock.h"
#include "fuzz/arm_fixture.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/response_script.h"

namespace {

using namespace azureml;
using nlohmann::json;

constexpr std::size_t kMaxRequests = 40;  // answers built per operation; later requests fail to connect

const arm::ResourceId kWorkspace = arm::ResourceId::workspace("s", "rg", "ws");
const arm::ResourceId kCluster = arm::ResourceId::connected_cluster("s", "rg1", "arc");

// What ARM's answers hold, so that the fuzzer's objects are near the contract, not random keys.
constexpr std::string_view kKeys[] = {"id",
                                      "name",
                                      "type",
                                      "location",
                                      "properties",
                                      "provisioningState",
                                      "computeType",
                                      "resourceId",
                                      "value",
                                      "nextLink",
                                      "status",
                                      "error",
                                      "code",
                                      "message",
                                      "details",
                                      "identity",
                                      "principalId",
                                      "userAssignedIdentities",
                                      "tags",
                                      "extensionType",
                                      "configurationSettings",
                                      "configurationProtectedSettings",
                                      "statuses",
                                      "errorInfo",
                                      "scope",
                                      "cluster",
                                      "releaseNamespace",
                                      "version",
                                      "releaseTrain",
                                      "currentVersion",
                                      "vmSize",
                                      "vmPriority",
                                      "scaleSettings",
                                      "minNodeCount",
                                      "maxNodeCount",
                                      "nodeIdleTimeBeforeScaleDown",
                                      "currentNodeCount",
                                      "vCPUs",
                                      "family",
                                      "supportedComputeTypes",
                                      "lowPriorityCapable",
                                      "limit",
                                      "currentValue",
                                      "unit",
                                      "level",
                                      "primaryConnectionString",
                                      "keyName",
                                      "provisioningErrors",
                                      "namespace",
                                      "instanceTypes",
                                      "defaultInstanceType",
                                      "subnet",
                                      "totalNodeCount",
                                      "distribution",
                                      "agentPoolProfiles",
                                      "count",
                                      "fqdn",
                                      "privateFQDN",
                                      "percentComplete",
                                      "localizedValue"};
constexpr std::string_view kStrings[] = {
    "Succeeded",
    "Failed",
    "Canceled",
    "Creating",
    "Updating",
    "Deleting",
    "InProgress",
    "Kubernetes",
    "AmlCompute",
    "microsoft.azureml.kubernetes",
    "Microsoft.AzureML.Kubernetes",
    "azureml",
    "stable",
    "eastus",
    "westus",
    "ReadOnly",
    "CanNotDelete",
    "SystemAssigned",
    "UserAssigned",
    "SystemAssigned,UserAssigned",
    "None",
    "True",
    "false",
    "Standard_DS3_v2",
    "PT120S",
    "P1D",
    "Dedicated",
    "LowPriority",
    "/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/arc",
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/c1",
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Authorization/locks/freeze",
    "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/x?api-version=1",
    "https://elsewhere.example.com/steal",
    "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=k"};
constexpr int kStatuses[] = {200, 200, 200, 201, 202, 204, 400, 404, 409, 429, 500};
constexpr std::string_view kHeaders[] = {"Azure-AsyncOperation", "Location", "Operation-Location", "Retry-After",
                                         "x-ms-request-id"};

// Valid JSON of any shape, from the fuzzer's bytes.
class JsonFromBytes {
 public:
  explicit JsonFromBytes(FuzzedDataProvider& bytes) : bytes_(bytes) {}

  json value(int depth) {
    switch (bytes_.ConsumeIntegralInRange<int>(0, depth >= 5 ? 4 : 7)) {
      case 0:
        return nullptr;
      case 1:
        return bytes_.ConsumeBool();
      case 2:
        return bytes_.ConsumeIntegral<std::int64_t>();
      case 3:
        return bytes_.ConsumeFloatingPoint<double>();
      case 4:
        return text();
      case 5:
      case 6: {
        json object = json::object();
        const int fields = bytes_.ConsumeIntegralInRange<int>(0, 6);
        for (int i = 0; i < fields && bytes_.remaining_bytes() > 0; ++i) object[std::string(key())] = value(depth + 1);
        return object;
      }
      default: {
        json array = json::array();
        const int items = bytes_.ConsumeIntegralInRange<int>(0, 4);
        for (int i = 0; i < items && bytes_.remaining_bytes() > 0; ++i) array.push_back(value(depth + 1));
        return array;
      }
    }
  }

  std::string text() {
    switch (bytes_.ConsumeIntegralInRange<int>(0, 5)) {
      case 0:
        return bytes_.ConsumeRandomLengthString(64);
      case 1:
        return std::string(bytes_.ConsumeIntegralInRange<std::size_t>(0, 100'000), 'x');  // huge
      default:
        return std::string(bytes_.PickValueInArray(kStrings));
    }
  }

  std::string_view key() {
    return bytes_.ConsumeIntegralInRange<int>(0, 15) == 0 ? std::string_view("unknownField")
                                                          : bytes_.PickValueInArray(kKeys);
  }

 private:
  FuzzedDataProvider& bytes_;
};

std::vector<http::Response> build_answers(FuzzedDataProvider& bytes) {
  std::vector<http::Response> answers;
  JsonFromBytes make(bytes);
  while (answers.size() < kMaxRequests && bytes.remaining_bytes() > 0) {
    http::Response answer;
    answer.status = bytes.PickValueInArray(kStatuses);
    const int headers = bytes.ConsumeIntegralInRange<int>(0, 2);
    for (int i = 0; i < headers; ++i) {
      const std::string_view name = bytes.PickValueInArray(kHeaders);
      answer.headers.push_back({std::string(name), name == "Retry-After"
                                                       ? std::to_string(bytes.ConsumeIntegralInRange<int>(0, 90))
                                                       : make.text()});
    }
    // Mostly an object at the top, as ARM answers; sometimes anything at all.
    json body = bytes.ConsumeIntegralInRange<int>(0, 3) == 0 ? make.value(0) : json::object();
    if (body.is_object()) {
      const int fields = bytes.ConsumeIntegralInRange<int>(0, 6);
      for (int i = 0; i < fields && bytes.remaining_bytes() > 0; ++i) body[std::string(make.key())] = make.value(1);
    }
    answer.body = body.dump(-1, ' ', false, json::error_handler_t::replace);  // bytes become valid UTF-8
    answers.push_back(std::move(answer));
  }
  return answers;
}

// Runs one operation against a fresh client answering with `answers` in order.
class Harness {
 public:
  explicit Harness(const std::vector<http::Response>& answers) : transport_(answers), arm_(client()) {}

  arm::ArmClient& arm() { return arm_; }
  arm::WaitOptions wait() const {
    arm::WaitOptions options;
    options.poll_interval = std::chrono::milliseconds(1);
    return options;
  }
  void check_bounded() const {
    FUZZ_CHECK(transport_.sent() <= (kMaxRequests + 1) * 3, std::to_string(transport_.sent()) + " requests");
  }

 private:
  arm::ArmClient client() { return arm::ArmClient(transport_, credential_, clock_, fuzz::script_client_options(2)); }

  fuzz::ScriptTransport transport_;
  fuzz::FixedCredential credential_;
  FakeClock clock_;
  arm::ArmClient arm_;
};

// Changes made for real, waited for, polled every millisecond of the fake clock.
ops::ChangeMode waiting(const Harness& h) {
  ops::ChangeMode mode;
  mode.wait_options = h.wait();
  return mode;
}

template <typename Value>
void check(const Result<Value, ops::OpError>& result) {
  if (result) return;
  FUZZ_CHECK(fuzz::is_documented_exit_code(result.error().code) && result.error().code != ExitCode::ok,
             result.error().message);
}

template <typename Value>
void check(const Result<Value, arm::ArmError>& result) {
  if (result) return;
  FUZZ_CHECK(fuzz::is_documented_exit_code(result.error().exit_code()) && result.error().exit_code() != ExitCode::ok,
             result.error().describe());
}

template <typename Operation>
void run(const std::vector<http::Response>& answers, Operation operation) {
  Harness harness(answers);
  operation(harness);
  harness.check_bounded();
}

void run_every_operation(const std::vector<http::Response>& answers, std::uint8_t which) {
  switch (which % 11) {
    case 0:
      return run(answers, [](Harness& h) { check(ops::list_computes(h.arm(), kWorkspace)); });
    case 1:
      return run(answers, [](Harness& h) { check(ops::show_compute(h.arm(), kWorkspace, "c1", {})); });
    case 2:
      return run(answers, [](Harness& h) {
        check(ops::detach_compute(
            h.arm(), {kWorkspace, "c1", ops::ComputeRemoval::detach, waiting(h)}));
      });
    case 3:
      return run(answers, [](Harness& h) {
        check(ops::detach_compute(
            h.arm(), {kWorkspace, "c1", ops::ComputeRemoval::remove, waiting(h)}));
      });
    case 4:
      return run(answers, [](Harness& h) {
        ops::AmlComputeRequest request{kWorkspace, "c1", {}, true, false, waiting(h)};
        request.spec.vm_size = "Standard_DS3_v2";
        request.spec.max_nodes = 2;
        check(ops::create_aml_compute(h.arm(), request));
      });
    case 5:
      return run(answers, [](Harness& h) {
        ops::IdentityRequest request;
        request.workspace = kWorkspace;
        request.name = "c1";
        request.identities.system = true;
        request.mode = waiting(h);
        check(ops::change_compute_identity(h.arm(), request));
      });
    case 6:
      return run(answers, [](Harness& h) {
        ops::AttachRequest request;
        request.workspace = kWorkspace;
        request.cluster = kCluster;
        request.name = "c1";
        request.skip_preflight = true;
        request.mode = waiting(h);
        check(ops::attach_compute(h.arm(), request));
      });
    case 7:
    case 8:
      return run(answers, [which](Harness& h) {
        ops::ExtensionRequest request;
        request.cluster = kCluster;
        request.settings.settings.public_settings["enableTraining"] = "true";
        request.read_file = [](const std::string&) -> Result<std::string> { return fail(std::string("no files")); };
        request.mode = waiting(h);
        check(which % 11 == 7 ? ops::install_extension(h.arm(), request) : ops::update_extension(h.arm(), request));
      });
    case 9:
      return run(answers, [](Harness& h) {
        check(ops::show_extension(h.arm(), {kCluster, std::nullopt, {}}));
        ops::ExtensionDeleteRequest request;
        request.cluster = kCluster;
        request.delete_relay = true;
        request.mode = waiting(h);
        check(ops::delete_extension(h.arm(), request));
      });
    default:
      return run(answers, [](Harness& h) {
        ops::DoctorInputs inputs;
        inputs.arm = &h.arm();
        inputs.cluster = kCluster;
        inputs.workspace = kWorkspace;
        inputs.kube_problem = "no cluster in the fuzz target";
        const ops::DoctorReport report = ops::run_doctor(inputs);
        for (const auto& check : report.checks) FUZZ_CHECK(fuzz::is_one_printable_line(check.name), check.name);
      });
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  FuzzedDataProvider bytes(data + 1, size - 1);
  const std::vector<http::Response> answers = build_answers(bytes);
  run_every_operation(answers, data[0]);
  return 0;
}
