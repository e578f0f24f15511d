#pragma once
// ManagedIdentityCredential: the identity of the Azure resource we run on.
//   IDENTITY_ENDPOINT + IDENTITY_HEADER (App Service, Functions, Container Apps):
//     GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource={resource}[&client_id=..]
//     with header X-IDENTITY-HEADER: {IDENTITY_HEADER}
//   otherwise IMDS (VMs, scale sets, AKS nodes):
//     GET {imds}/metadata/identity/oauth2/token?api-version=2018-02-01&resource={resource}[&client_id=..]
//     with header Metadata: true; {imds} = options.imds_endpoint, else
//     AZURE_POD_IDENTITY_AUTHORITY_HOST, else http://169.254.169.254
// resource = the scope without "/.default"; client_id = options.client_id, else AZURE_CLIENT_ID
// (a user-assigned identity). The answer's expires_on (epoch seconds) or else expires_in.
//
// IMDS that does not answer (connection refused, unreachable, timed out) makes the credential
// unavailable, and it stays so for this object's lifetime, so a chain probes it once per run.
// IMDS answering 400 (no such identity here) is unavailable too; other errors are failures.
//
// Transport: these endpoints are link-local or local and must never be reached through a
// proxy, and a machine without IMDS should cost a short connect timeout, not the default one.
// Pass a transport built for that, make_managed_identity_transport() (no proxy, connect
// timeout 1 s), not the ARM one.
//
// Not supported (reported as unavailable): Azure Arc servers (IDENTITY_ENDPOINT + IMDS_ENDPOINT,
// the Basic-realm key file challenge), Service Fabric (IDENTITY_SERVER_THUMBPRINT), Cloud Shell's
// MSI_ENDPOINT; no retries of IMDS's 429/5xx answers (the chain reports them).
#include <optional>
#include <string>

#include "core/auth/credential.h"
#include "core/http/transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"

namespace azureml::auth {

inline constexpr std::string_view kImdsDefaultEndpoint = "http://169.254.169.254";

struct ManagedIdentityOptions {
  std::optional<std::string> client_id;      // default: AZURE_CLIENT_ID
  std::optional<std::string> imds_endpoint;  // "http://127.0.0.1:PORT" (scheme, host, port; no path)
};

class ManagedIdentityCredential final : public TokenCredential {
 public:
  ManagedIdentityCredential(const Environment& environment, http::Transport& transport, const Clock& clock,
                            ManagedIdentityOptions options = {});
  std::string name() const override { return "ManagedIdentityCredential"; }
  Result<AccessToken, AuthError> get_token(const std::string& scope, bool force_refresh = false) override;

 private:
  enum class Source { app_service, imds, unsupported };
  Result<AccessToken, AuthError> from_app_service(const std::string& resource);
  Result<AccessToken, AuthError> from_imds(const std::string& resource);

  http::Transport& transport_;
  const Clock& clock_;
  Source source_ = Source::imds;
  std::string endpoint_;         // IDENTITY_ENDPOINT, or the IMDS base URL
  std::string identity_header_;  // a secret
  std::optional<std::string> client_id_;
  std::optional<AuthError> unavailable_;  // unsupported source, or IMDS found unreachable
};

}  // namespace azureml::auth
