#pragma once
// WorkloadIdentityCredential: Kubernetes workload identity (the AKS webhook injects these):
//   AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST (optional)
// The token file is read again on every token request (the kubelet rotates it) and its trimmed
// contents sent as the client assertion. Unavailable when a variable is missing; failed when
// the file cannot be read or AAD refuses the assertion.
#include <memory>
#include <optional>

#include "core/auth/credential.h"
#include "core/http/transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"

namespace azureml::auth {

class WorkloadIdentityCredential final : public TokenCredential {
 public:
  WorkloadIdentityCredential(const Environment& environment, http::Transport& transport, const Clock& clock);
  std::string name() const override { return "WorkloadIdentityCredential"; }
  Result<AccessToken, AuthError> get_token(const std::string& scope, bool force_refresh = false) override;

 private:
  std::unique_ptr<TokenCredential> inner_;
  std::optional<AuthError> error_;  // set when inner_ is not
};

// The file's trimmed contents, or why not (naming the variable and the path).
Result<std::string, std::string> read_federated_token(const std::string& path);

}  // namespace azureml::auth
