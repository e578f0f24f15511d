#include "core/kube/exec_credential.h"

#include <nlohmann/json.hpp>

#include "core/util/text.h"

namespace azureml::kube {
namespace {

constexpr std::size_t kMaxQuotedLength = 400;

std::string in_quotes(const std::string& text) { return "'" + text + "'"; }

// The last non-empty line of the plugin's stderr, trimmed and bounded: where plugins (kubelogin
// included) put the reason they failed.
std::string last_line(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0) {
    const auto start = text.rfind('\n', end - 1);
    const auto begin = start == std::string_view::npos ? 0 : start + 1;
    auto line = text.substr(begin, end - begin);
    const auto first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos) {
      line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
      std::string out = printable(line);
      if (out.size() > kMaxQuotedLength) out = out.substr(0, kMaxQuotedLength) + "...";
      return out;
    }
    if (start == std::string_view::npos) break;
    end = start;
  }
  return {};
}

std::string in_words(std::chrono::milliseconds duration) {
  if (duration.count() % 60000 == 0) return std::to_string(duration.count() / 60000) + " min";
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + " s";
  return std::to_string(duration.count()) + " ms";
}

std::string_view mode_name(ExecInteractiveMode mode) {
  switch (mode) {
    case ExecInteractiveMode::never:
      return "Never";
    case ExecInteractiveMode::if_available:
      return "IfAvailable";
    case ExecInteractiveMode::always:
      return "Always";
  }
  return "IfAvailable";
}

}  // namespace

std::string exec_cache_key(const ExecConfig& exec) {
  nlohmann::ordered_json key = nlohmann::ordered_json::object();
  key["apiVersion"] = exec.api_version;
  key["command"] = exec.command;
  key["args"] = exec.args;
  auto env = nlohmann::ordered_json::array();
  for (const auto& [name, value] : exec.env) env.push_back({name, value});
  key["env"] = std::move(env);
  key["interactiveMode"] = mode_name(exec.interactive_mode);
  // The cluster the plugin is told about is part of what it answers to.
  key["info"] = exec.cluster ? exec_info_json(exec, false) : "";
  return key.dump();
}

ExecCredentialCache::ExecCredentialCache(ProcessRunner& runner, const Clock& clock, ExecCredentialOptions options)
    : runner_(runner), clock_(clock), options_(std::move(options)) {}

bool ExecCredentialCache::fresh(const ExecCredential& credential) const {
  return !credential.expires_at || clock_.now() < *credential.expires_at - options_.expiry_margin;
}

Result<ExecCredential, KubeError> ExecCredentialCache::get(const ExecConfig& exec) {
  const std::lock_guard lock(mutex_);
  const auto key = exec_cache_key(exec);
  if (auto it = credentials_.find(key); it != credentials_.end() && fresh(it->second)) return it->second;
  auto credential = run(exec);
  if (!credential) return credential;
  // Kept even when it is already stale: used this once, and the next get() runs the plugin again.
  credentials_[key] = credential.value();
  return credential;
}

void ExecCredentialCache::invalidate(const ExecConfig& exec) {
  const std::lock_guard lock(mutex_);
  credentials_.erase(exec_cache_key(exec));
}

Result<ExecCredential, KubeError> ExecCredentialCache::run(const ExecConfig& exec) {
  const std::string plugin = "credential plugin " + in_quotes(exec.command) +
                             (exec.user.empty() ? std::string() : " of user " + in_quotes(exec.user));
  auto problem = [&](KubeError::Kind kind, std::string message, std::string hint = {}) {
    return kube_error(kind, KubeProblem{{}, {}, plugin + " " + std::move(message), std::move(hint)});
  };

  bool interactive = false;
  switch (exec.interactive_mode) {
    case ExecInteractiveMode::never:
      break;
    case ExecInteractiveMode::if_available:
      interactive = options_.stdin_is_terminal;
      break;
    case ExecInteractiveMode::always:
      if (!options_.stdin_is_terminal)
        return fail(problem(KubeError::Kind::credential,
                            "needs a terminal (interactiveMode: Always) but standard input is not one",
                            "run the command from a terminal, or set interactiveMode: IfAvailable"));
      interactive = true;
      break;
  }

  std::vector<std::string> argv = {exec.command};
  argv.insert(argv.end(), exec.args.begin(), exec.args.end());
  ProcessOptions process;
  process.environment = exec.env;
  process.environment.emplace_back("KUBERNETES_EXEC_INFO", exec_info_json(exec, interactive));
  process.standard_input = interactive ? StandardInput::inherit : StandardInput::null;
  process.on_stderr = options_.plugin_stderr;

  auto ran = runner_.run_with(argv, options_.timeout, process);
  if (!ran) {
    switch (ran.error().kind) {
      case ProcessError::Kind::not_found:
        return fail(
            problem(KubeError::Kind::credential,
                    exec.command.find('/') == std::string::npos ? "was not found on PATH"
                                                                : "was not found or is not executable",
                    exec.install_hint.empty() ? "install it, or put its directory on PATH" : exec.install_hint));
      case ProcessError::Kind::timed_out:
        return fail(problem(KubeError::Kind::timed_out,
                            "did not finish within " + in_words(options_.timeout) + " and was stopped"));
      case ProcessError::Kind::failed:
        break;
    }
    return fail(problem(KubeError::Kind::credential, "could not be run: " + ran.error().message));
  }
  const auto& output = ran.value();
  if (output.exit_code != 0) {
    const auto said = last_line(output.stderr_text);
    return fail(problem(KubeError::Kind::credential, "failed with exit code " + std::to_string(output.exit_code) +
                                                         (said.empty() ? "" : ": " + said)));
  }
  auto credential = parse_exec_output(output.stdout_text, exec.api_version);
  if (!credential) return fail(problem(KubeError::Kind::credential, credential.error()));
  return std::move(credential).value();
}

}  // namespace azureml::kube
