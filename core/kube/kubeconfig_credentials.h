#pragma once
// The credentials to present on one request, from a RestConfig's UserAuth, as client-go's
// transport presents them:
//   bearer token   tokenFile's current content (re-read each time: projected tokens rotate;
//                  trimmed), else the static token when the file cannot be read, else the
//                  static token alone, else the exec plugin's token
//   client cert    the kubeconfig's, else the exec plugin's
// The API client calls get() before each request and invalidate() after an HTTP 401.
#include <optional>
#include <string>

#include "core/kube/exec_credential.h"
#include "core/kube/kubeconfig.h"
#include "core/kube/kubeconfig_error.h"
#include "core/util/result.h"

namespace azureml::kube {

struct RequestCredentials {
  std::optional<std::string> bearer_token;              // send "Authorization: Bearer <token>"; a secret
  std::optional<ClientCertificate> client_certificate;  // present in the TLS handshake
};

class KubeCredentials {
 public:
  // `exec_cache` runs and keeps the exec plugin's answers (only used when `auth.exec` is set);
  // it must outlive this object.
  KubeCredentials(UserAuth auth, ExecCredentialCache& exec_cache);

  // Errors: kind credential (token file unreadable with no fallback, plugin failed) or
  // timed_out (plugin too slow).
  Result<RequestCredentials, KubeError> get();
  // The server refused the last credential: the exec plugin runs again on the next get().
  void invalidate();

 private:
  UserAuth auth_;
  ExecCredentialCache& exec_cache_;
};

}  // namespace azureml::kube
