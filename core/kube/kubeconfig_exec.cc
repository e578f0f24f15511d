// A user's `exec` entry checked as client-go checks it (validateAuthInfo and the kubeconfig v1
// defaulting) and turned into an ExecConfig:
//   apiVersion        required; client.authentication.k8s.io/v1 or /v1beta1 (v1alpha1 was
//                     removed in Kubernetes 1.24)
//   command           required
//   env[].name        required
//   interactiveMode   Never | IfAvailable | Always; required with v1, IfAvailable by default with v1beta1
//   installHint       kept for the "not found" message, on one line
//   provideClusterInfo  the resolved cluster goes into KUBERNETES_EXEC_INFO
#include "core/kube/kubeconfig_resolve.h"
#include "core/util/suggest.h"
#include "core/util/text.h"

namespace azureml::kube {
namespace {

const std::vector<std::string> kApiVersions = {std::string(kExecApiV1), std::string(kExecApiV1beta1)};
const std::vector<std::string> kInteractiveModes = {"Never", "IfAvailable", "Always"};

std::string in_quotes(const std::string& text) { return "'" + text + "'"; }

// White space runs (the AKS hint is a block of lines) become one space.
std::string one_line(const std::string& text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::optional<ExecConfig> resolve_exec(const UserEntry& user, const RestConfig& cluster,
                                       const nlohmann::json& exec_extension, Problems& problems) {
  const ExecEntry& exec = *user.exec;
  const std::string owner = "user " + in_quotes(user.name) + ": exec";
  bool ok = true;
  auto error = [&](config::Position at, std::string message, std::string hint = {}) {
    problems.error(user.file, at, owner + ": " + std::move(message), std::move(hint));
    ok = false;
  };
  ExecConfig config;
  config.user = user.name;

  if (!exec.api_version) {
    error(exec.at, "apiVersion is missing", "set it to " + quoted_list(kApiVersions));
  } else if (std::find(kApiVersions.begin(), kApiVersions.end(), exec.api_version->value) == kApiVersions.end()) {
    const auto& version = exec.api_version->value;
    std::string hint = "allowed: " + quoted_list(kApiVersions);
    if (version == "client.authentication.k8s.io/v1alpha1") hint += "; v1alpha1 was removed in Kubernetes 1.24";
    error(exec.api_version->at, "apiVersion " + in_quotes(version) + " is not supported", hint);
  } else {
    config.api_version = exec.api_version->value;
  }

  if (!exec.command)
    error(exec.at, "command is missing", "name the credential plugin, e.g. `command: kubelogin`");
  else
    config.command = exec.command->value;
  config.args = exec.args;

  for (const auto& variable : exec.env) {
    if (variable.name.value.empty())
      error(variable.name.at, "an env entry has no name", "write `- name: NAME` and `value: VALUE`");
    else
      config.env.emplace_back(variable.name.value, variable.value);
  }

  if (exec.interactive_mode) {
    const auto& mode = exec.interactive_mode->value;
    if (mode == "Never")
      config.interactive_mode = ExecInteractiveMode::never;
    else if (mode == "IfAvailable")
      config.interactive_mode = ExecInteractiveMode::if_available;
    else if (mode == "Always")
      config.interactive_mode = ExecInteractiveMode::always;
    else {
      std::string hint = did_you_mean(mode, kInteractiveModes);
      error(exec.interactive_mode->at, "interactiveMode " + in_quotes(mode) + " is not valid",
            (hint.empty() ? "" : hint + " ") + "allowed: " + quoted_list(kInteractiveModes));
    }
  } else if (config.api_version == kExecApiV1) {
    error(exec.at, "interactiveMode is required with " + std::string(kExecApiV1),
          "add `interactiveMode: IfAvailable` (or Never, or Always)");
  } else {
    config.interactive_mode = ExecInteractiveMode::if_available;  // v1beta1's default
  }

  if (exec.install_hint) config.install_hint = one_line(exec.install_hint->value);
  config.provide_cluster_info = exec.provide_cluster_info && exec.provide_cluster_info->value;
  if (config.provide_cluster_info) {
    ExecClusterInfo info;
    info.server = cluster.server;
    info.tls_server_name = cluster.tls_server_name;
    info.insecure_skip_tls_verify = cluster.insecure_skip_tls_verify;
    info.certificate_authority_pem = cluster.certificate_authority_pem;
    info.proxy_url = cluster.proxy_url;
    info.disable_compression = cluster.disable_compression;
    info.config = exec_extension;
    config.cluster = std::move(info);
  }
  if (!ok) return std::nullopt;
  return config;
}

}  // namespace azureml::kube
