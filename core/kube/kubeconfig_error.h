#pragma once
// What went wrong loading a kubeconfig or getting a credential for it, as a value. Every
// problem found in a kubeconfig file points into it, as compilers do:
//   /home/me/.kube/config:12:15: error: cluster 'prod' has no server (add `server: https://HOST:PORT`)
// A problem that is not in a file (a flag, a credential plugin's run) has no location.
#include <string>
#include <vector>

#include "core/config/document.h"
#include "core/util/exit_code.h"

namespace azureml::kube {

struct KubeProblem {
  std::string file;           // the kubeconfig at fault; empty when the fault is not in a file
  config::Position position;  // where in `file`; line 0 when the file as a whole is meant
  std::string message;        // what is wrong; never holds a token or key
  std::string hint;           // how to fix it; may be empty
};

struct KubeError {
  enum class Kind {
    invalid_config,  // the kubeconfig, or a flag that overrides it, is wrong or missing   (exit 2)
    credential,      // a credential could not be had: plugin failed, token file unreadable (exit 3)
    timed_out,       // the credential plugin did not finish in time                          (exit 5)
  };
  Kind kind = Kind::invalid_config;
  std::vector<KubeProblem> problems;  // at least one; in the order found (file order within a file)

  ExitCode exit_code() const;
  // One line per problem, to print as is (it already says "error:"):
  //   FILE:LINE:COL: error: message (hint)      a problem at a place in a file
  //   FILE: error: message (hint)               a problem with a file as a whole
  //   error: message (hint)                     a problem outside any file
  // User text is made printable (no control characters can forge a line).
  std::string describe() const;
};

KubeError kube_error(KubeError::Kind kind, KubeProblem problem);
KubeError config_error(std::string file, config::Position position, std::string message, std::string hint = {});
// A problem with a flag or with no file at all.
KubeError config_error(std::string message, std::string hint = {});

}  // namespace azureml::kube
