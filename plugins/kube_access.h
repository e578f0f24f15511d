#pragma once
// kubectl's own flags (the plugin gets them verbatim: kubectl parses nothing after the plugin
// name), declared once, and the Kubernetes client they open.
#include <memory>
#include <vector>

#include "core/kube/api_client.h"
#include "core/kube/exec_credential.h"
#include "core/kube/kubeconfig.h"
#include "core/util/clock.h"
#include "core/util/interrupt.h"
#include "core/util/log.h"
#include "core/util/process_runner.h"
#include "core/util/result.h"
#include "plugins/verb.h"

namespace azureml::cli {

// --kubeconfig, --context, --cluster, --user, --namespace, --request-timeout, --server,
// --token, --insecure-skip-tls-verify, --certificate-authority, --client-certificate,
// --client-key, --tls-server-name.
std::vector<OptionSpec> kube_options();

class KubeAccess {
 public:
  // Loads the kubeconfig as kubectl would; the error (every problem, FILE:LINE:COL) is the
  // kubeconfig's, with its exit code. Sends nothing yet.
  static Result<std::unique_ptr<KubeAccess>, kube::KubeError> open(const Invocation& call);

  KubeAccess(const Invocation& call, kube::RestConfig config);
  KubeAccess(const KubeAccess&) = delete;
  KubeAccess& operator=(const KubeAccess&) = delete;

  kube::KubeClient& client() { return client_; }

 private:
  Redactor redactor_;
  StreamLog log_;
  Interrupt never_raised_;    // for a caller without one
  InterruptibleClock clock_;  // a retry's wait ends at Ctrl-C
  PosixProcessRunner runner_;
  kube::ExecCredentialCache exec_cache_;
  kube::KubeClient client_;
};

}  // namespace azureml::cli
