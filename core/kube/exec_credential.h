#pragma once
// Running a user's exec credential plugin (kubelogin for AKS and Arc) the way client-go does,
// and keeping its answer:
//   argv        command + args (argv holds what the kubeconfig says; a token never goes there)
//   environment ours, plus exec.env[], plus KUBERNETES_EXEC_INFO (exec_credential_protocol.h)
//   stdin       ours only when interactive, else /dev/null; interactive means interactiveMode
//               Always (refused unless stdin is a terminal) or IfAvailable with a terminal
//   stderr      captured, and streamed to `plugin_stderr` as it comes (a device-code prompt must
//               reach the user while the plugin waits)
//   cache       per plugin configuration (command, args, env, apiVersion, interactive mode,
//               cluster info), until expirationTimestamp minus a margin, or for the life of this
//               object when the plugin gives no expiry; invalidate() after an HTTP 401.
// A failure names the command (argv[0] only), the user, the exit code and the last line of the
// plugin's stderr; for a command that is not found, the kubeconfig's installHint.
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/kube/exec_credential_protocol.h"
#include "core/kube/kubeconfig.h"
#include "core/kube/kubeconfig_error.h"
#include "core/util/clock.h"
#include "core/util/process_runner.h"
#include "core/util/result.h"

namespace azureml::kube {

struct ExecCredentialOptions {
  // How long one run may take. An interactive login waits for a person, and kubelogin's device
  // code stays valid for 15 minutes; client-go sets no limit at all.
  std::chrono::milliseconds timeout{std::chrono::minutes(15)};
  // Whether our stdin is a terminal: the front end passes isatty(0). Decides spec.interactive
  // and whether the plugin gets our stdin (see above).
  bool stdin_is_terminal = false;
  // Receives the plugin's stderr as it runs; kubectl passes it to its own stderr. Unset: captured only.
  std::function<void(std::string_view)> plugin_stderr;
  // A credential is used until this long before its expirationTimestamp, so that it does not
  // expire between our check and the API server's.
  std::chrono::seconds expiry_margin{10};
};

// One per process (or session), shared by everything that talks to the API server. Safe to use
// from several threads: runs of the plugin are serialized, as client-go serializes them.
class ExecCredentialCache {
 public:
  ExecCredentialCache(ProcessRunner& runner, const Clock& clock, ExecCredentialOptions options = {});
  ExecCredentialCache(const ExecCredentialCache&) = delete;
  ExecCredentialCache& operator=(const ExecCredentialCache&) = delete;

  // The credential for `exec`: the kept one while it is fresh, else a new one from the plugin.
  Result<ExecCredential, KubeError> get(const ExecConfig& exec);
  // Forgets the credential for `exec`, so the next get() runs the plugin again (after the API
  // server answered 401 to it).
  void invalidate(const ExecConfig& exec);

 private:
  Result<ExecCredential, KubeError> run(const ExecConfig& exec);
  bool fresh(const ExecCredential& credential) const;

  ProcessRunner& runner_;
  const Clock& clock_;
  ExecCredentialOptions options_;
  std::mutex mutex_;
  std::map<std::string, ExecCredential> credentials_;  // by exec_cache_key()
};

// What identifies a plugin configuration for the cache: everything that can change its answer
// (not the user name or the install hint).
std::string exec_cache_key(const ExecConfig& exec);

}  // namespace azureml::kube
