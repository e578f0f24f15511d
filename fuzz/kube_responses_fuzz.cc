// Fuzz target: what a Kubernetes API server (and a credential plugin) answers. The input is a
// script of answers (response_script.h). Each answer's body goes through the object readers
// (nodes, pods, DaemonSets, ConfigMaps), the Arc identity and add-on detection, and the exec
// credential protocol's reader; then the script answers a KubeClient (lists paged with
// `continue`, Status errors, 401/403/404) for each read doctor, attach and show make.
// Checks: readers never throw, an Arc identity is complete or absent, a plugin's output that is
// refused is refused without quoting its token (one the target plants, planted_secret.h), an
// error reads as printable lines with a documented exit code (401/403: 3, 404: 4), and lists
// end within the script.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/kube/add_ons.h"
#include "core/kube/api_client.h"
#include "core/kube/arc_identity.h"
#include "core/kube/exec_credential.h"
#include "core/kube/exec_credential_protocol.h"
#include "core/kube/kubeconfig_error.h"
#include "core/kube/objects.h"
#include "core/util/clock.h"
#include "core/util/environment.h"
#include "core/util/log.h"
#include "core/util/process_runner.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/planted_secret.h"
#include "fuzz/response_script.h"

namespace {

using namespace azureml;
using fuzz::is_one_printable_line;
using nlohmann::json;

// The client is given a static token, so no plugin may ever be run.
class NoProcesses final : public ProcessRunner {
 public:
  Result<ProcessOutput, ProcessError> run(const std::vector<std::string>& argv, std::chrono::milliseconds) override {
    fuzz::invariant_broken("no process is started", argv.empty() ? std::string() : argv[0], __FILE__, __LINE__);
  }
};

void check_lines(const std::string& text) {
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    FUZZ_CHECK(is_one_printable_line(text.substr(start, end - start)), text);
    start = end + 1;
  }
}

// A plugin's refusal never quotes its token. The token checked is planted (planted_secret.h):
// the body's own status.token, when it has one, is replaced by markers the input cannot hold.
void check_token_not_quoted(const std::string& body) {
  json output = json::parse(body, nullptr, false);
  if (!output.is_object() || !output.contains("status") || !output["status"].is_object()) return;
  for (const std::string_view version : {kube::kExecApiV1, kube::kExecApiV1beta1}) {
    const auto refusal = [&](const std::string& token) -> std::optional<std::string> {
      output["status"]["token"] = token;
      const auto credential =
          kube::parse_exec_output(output.dump(-1, ' ', false, json::error_handler_t::replace), version);
      if (credential) return std::nullopt;
      return credential.error();
    };
    const auto quoted = fuzz::message_quoting_planted_secret(body, refusal);
    FUZZ_CHECK(!quoted, "the planted token is quoted: " + quoted.value_or(""));
  }
}

void check_exec_output(const std::string& body) {
  for (const std::string_view version : {kube::kExecApiV1, kube::kExecApiV1beta1}) {
    const auto credential = kube::parse_exec_output(body, version);
    if (credential) {
      FUZZ_CHECK(credential->token || credential->client_certificate, body);
      continue;
    }
    // The raw reason may quote the plugin's apiVersion or kind as sent; it reaches the user
    // only through KubeError::describe(), which makes it printable.
    check_lines(kube::kube_error(kube::KubeError::Kind::credential, {"", {}, credential.error(), ""}).describe());
  }
  check_token_not_quoted(body);
  (void)kube::parse_rfc3339(body);
}

std::vector<kube::DaemonSet> read_objects(const json& body) {
  std::vector<kube::DaemonSet> daemon_sets;
  (void)kube::node_from_json(JsonShape(body));
  (void)kube::pod_from_json(JsonShape(body));
  daemon_sets.push_back(kube::daemon_set_from_json(JsonShape(body)));
  if (const auto identity = kube::arc_identity(kube::config_map_from_json(JsonShape(body))))
    FUZZ_CHECK(!identity->subscription.empty() && !identity->resource_group.empty() && !identity->name.empty(),
               body.dump());
  if (body.is_object() && body.contains("items") && body["items"].is_array())
    for (const auto& item : body["items"]) daemon_sets.push_back(kube::daemon_set_from_json(JsonShape(item)));
  return daemon_sets;
}

template <typename T>
void check_read(const Result<T, kube::KubeApiError>& result, const fuzz::ScriptTransport& transport,
                std::size_t answers) {
  // One request per answer (a list stops at a repeated continue token), one more after a 401.
  FUZZ_CHECK(transport.sent() <= answers + 1, std::to_string(transport.sent()) + " requests");
  if (result) return;
  const kube::KubeApiError& error = result.error();
  check_lines(error.describe());
  if (error.kind == kube::KubeApiError::Kind::http) {
    if (error.status == 401 || error.status == 403) FUZZ_CHECK(error.exit_code() == ExitCode::auth, error.describe());
    if (error.status == 404) FUZZ_CHECK(error.exit_code() == ExitCode::not_found, error.describe());
    FUZZ_CHECK(error.status < 200 || error.status >= 300, error.describe());
  }
  FUZZ_CHECK(error.exit_code() != ExitCode::ok, error.describe());
}

// Each read on a client of its own, so each sees the whole script.
template <typename Read>
void run_client(const std::vector<http::Response>& answers, Read read) {
  fuzz::ScriptTransport transport(answers);
  NoProcesses runner;
  FakeClock clock;
  MapEnvironment environment;
  NullLog log;
  kube::ExecCredentialCache exec_cache(runner, clock);
  kube::RestConfig config;
  config.server = "https://10.0.0.1:6443";
  config.namespace_name = "default";
  config.auth.token = "token";
  kube::KubeClient client(config, exec_cache, environment, clock, log, {}, &transport);
  check_read(read(client), transport, answers.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<http::Response> answers =
      fuzz::read_script(std::string_view(reinterpret_cast<const char*>(data), size));
  std::vector<kube::DaemonSet> daemon_sets;
  for (const auto& answer : answers) {
    check_exec_output(answer.body);
    const json body = json::parse(answer.body, nullptr, false);
    if (body.is_discarded()) continue;
    for (auto& d : read_objects(body)) daemon_sets.push_back(std::move(d));
  }
  (void)kube::find_add_ons(daemon_sets);

  run_client(answers, [](kube::KubeClient& c) { return c.nodes(); });
  run_client(answers, [](kube::KubeClient& c) { return c.pods("azureml"); });
  run_client(answers, [](kube::KubeClient& c) { return c.daemon_sets(); });
  run_client(answers, [](kube::KubeClient& c) { return c.namespace_exists("azureml"); });
  run_client(answers, [](kube::KubeClient& c) { return c.config_map("azure-arc", "azure-clusterconfig"); });
  return 0;
}
