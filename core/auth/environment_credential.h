#pragma once
// EnvironmentCredential: a service principal described by the environment, as the Azure SDKs
// read it (at construction):
//   AZURE_TENANT_ID, AZURE_CLIENT_ID and
//     AZURE_CLIENT_SECRET                     -> client secret grant, or else
//     AZURE_CLIENT_CERTIFICATE_PATH           -> certificate (PEM or PKCS#12, client_certificate.h)
//       AZURE_CLIENT_CERTIFICATE_PASSWORD     optional: the key's or the .pfx's password
//       AZURE_CLIENT_SEND_CERTIFICATE_CHAIN   "true"/"1": send x5c (subject name/issuer auth)
//   AZURE_AUTHORITY_HOST                      optional, default https://login.microsoftonline.com/
// Unavailable (the chain moves on) when a variable is missing, saying which; configured but
// failed when the values are invalid or AAD refuses them. (AZURE_USERNAME/AZURE_PASSWORD, the
// deprecated user-password flow, is not supported.)
#include <memory>
#include <optional>

#include "core/auth/credential.h"
#include "core/http/transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"

namespace azureml::auth {

class EnvironmentCredential final : public TokenCredential {
 public:
  EnvironmentCredential(const Environment& environment, http::Transport& transport, const Clock& clock);
  std::string name() const override { return "EnvironmentCredential"; }
  Result<AccessToken, AuthError> get_token(const std::string& scope, bool force_refresh = false) override;

 private:
  std::unique_ptr<TokenCredential> inner_;
  std::optional<AuthError> error_;  // set when inner_ is not
};

}  // namespace azureml::auth
