#include "core/kube/kubeconfig_error.h"

#include "core/util/text.h"

namespace azureml::kube {

ExitCode KubeError::exit_code() const {
  switch (kind) {
    case Kind::invalid_config:
      return ExitCode::usage;
    case Kind::credential:
      return ExitCode::auth;
    case Kind::timed_out:
      return ExitCode::timed_out;
  }
  return ExitCode::failed;
}

std::string KubeError::describe() const {
  std::string out;
  for (const auto& problem : problems) {
    if (!out.empty()) out += '\n';
    if (!problem.file.empty()) {
      out += printable(problem.file);
      if (problem.position.line > 0) out += ":" + config::to_string(problem.position);
      out += ": ";
    }
    out += "error: " + printable(problem.message);
    if (!problem.hint.empty()) out += " (" + printable(problem.hint) + ")";
  }
  return out;
}

KubeError kube_error(KubeError::Kind kind, KubeProblem problem) {
  KubeError error;
  error.kind = kind;
  error.problems.push_back(std::move(problem));
  return error;
}

KubeError config_error(std::string file, config::Position position, std::string message, std::string hint) {
  return kube_error(KubeError::Kind::invalid_config,
                    KubeProblem{std::move(file), position, std::move(message), std::move(hint)});
}

KubeError config_error(std::string message, std::string hint) {
  return kube_error(KubeError::Kind::invalid_config, KubeProblem{{}, {}, std::move(message), std::move(hint)});
}

}  // namespace azureml::kube
