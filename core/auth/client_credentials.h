#pragma once
// Confidential-client credentials against the v2 token endpoint (token_endpoint.h), one per
// way of proving the app's identity: a client secret, a certificate (signed assertion), or an
// assertion someone else provides (a federated token). EnvironmentCredential and
// WorkloadIdentityCredential are built from them; `name` is what their errors are reported as.
// None caches: the chain does (chained_credential.h).
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/auth/client_certificate.h"
#include "core/auth/credential.h"
#include "core/http/transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"

namespace azureml::auth {

struct ClientIdentity {
  std::string tenant_id;
  std::string client_id;
  std::string authority_host;  // normalized (token_endpoint.h), e.g. "https://login.microsoftonline.com"
};

// The identity an environment-configured credential signs in as: the tenant checked, the
// authority from AZURE_AUTHORITY_HOST. A failure is a configured-but-failed AuthError.
Result<ClientIdentity, AuthError> client_identity_from(const std::string& credential, const std::string& tenant,
                                                       const std::string& client_id, const Environment& environment);

// grant_type=client_credentials&client_id=..&client_secret=..&scope=..
class ClientSecretCredential final : public TokenCredential {
 public:
  ClientSecretCredential(std::string name, ClientIdentity identity, std::string secret, http::Transport& transport,
                         const Clock& clock);
  std::string name() const override { return name_; }
  Result<AccessToken, AuthError> get_token(const std::string& scope, bool force_refresh = false) override;

 private:
  std::string name_;
  ClientIdentity identity_;
  std::string secret_;
  http::Transport& transport_;
  const Clock& clock_;
};

// Returns the assertion or why there is none (a message without the assertion in it).
using AssertionSource = std::function<Result<std::string, std::string>()>;

// grant_type=client_credentials&client_id=..&client_assertion_type=urn:ietf:params:oauth:
// client-assertion-type:jwt-bearer&client_assertion=..&scope=..; the source is asked on every
// request (a federated token file is rotated by the kubelet).
class ClientAssertionCredential final : public TokenCredential {
 public:
  ClientAssertionCredential(std::string name, ClientIdentity identity, AssertionSource source,
                            http::Transport& transport, const Clock& clock);
  std::string name() const override { return name_; }
  Result<AccessToken, AuthError> get_token(const std::string& scope, bool force_refresh = false) override;

 private:
  std::string name_;
  ClientIdentity identity_;
  AssertionSource source_;
  http::Transport& transport_;
  const Clock& clock_;
};

// A ClientAssertionCredential whose assertion is a JWT signed with the certificate at
// `certificate_path` (loaded on first use, then kept in memory), audience = the token URL.
class ClientCertificateCredential final : public TokenCredential {
 public:
  ClientCertificateCredential(std::string name, ClientIdentity identity, std::string certificate_path,
                              std::optional<std::string> password, bool send_certificate_chain,
                              http::Transport& transport, const Clock& clock);
  std::string name() const override { return name_; }
  Result<AccessToken, AuthError> get_token(const std::string& scope, bool force_refresh = false) override;

 private:
  std::string name_;
  ClientIdentity identity_;
  std::string certificate_path_;
  std::optional<std::string> password_;
  bool send_certificate_chain_;
  std::optional<ClientCertificate> certificate_;
  http::Transport& transport_;
  const Clock& clock_;
};

}  // namespace azureml::auth
