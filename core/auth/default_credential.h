#pragma once
// The credential the product uses, built from the environment:
//  1. AZUREML_ARM_TOKEN set (the az shim's token): StaticTokenCredential, nothing else.
//  2. Otherwise DefaultAzureCredential, a ChainedCredential in the Azure SDKs' order:
//       EnvironmentCredential -> WorkloadIdentityCredential -> ManagedIdentityCredential -> AzureCliCredential
//     narrowed by AZURE_TOKEN_CREDENTIALS (trimmed, case-insensitive):
//       unset/empty or "dev"  all four
//       "prod"                without AzureCliCredential
//       a credential's name   only that one, e.g. "ManagedIdentityCredential"
//       anything else         an error listing the allowed values (returned by get_token)
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/credential.h"
#include "core/util/process_runner.h"
#include "core/http/transport.h"
#include "core/util/clock.h"
#include "core/util/environment.h"

namespace azureml::auth {

struct DefaultCredentialOptions {
  // For the managed identity endpoints (IMDS, App Service): a transport that uses no proxy and
  // gives up connecting after about a second: make_managed_identity_transport()
  // (managed_identity_transport.h). nullptr: the main transport, which then carries IMDS
  // requests through its proxy settings and waits its full connect timeout; the product
  // should always pass one.
  http::Transport* managed_identity_transport = nullptr;
  std::optional<std::string> imds_endpoint;  // tests and fakes: "http://127.0.0.1:PORT"
  std::optional<std::string> cli_tenant_id;  // az ... --tenant, only when asked for explicitly
  std::chrono::milliseconds cli_timeout{10000};
};

// The credential names AZURE_TOKEN_CREDENTIALS selects, in chain order, or the error message.
Result<std::vector<std::string>, std::string> select_credentials(const Environment& environment);

// What to do when no credential was available, for the given selection.
std::string sign_in_advice(const std::vector<std::string>& credentials);

// The environment is read here, once. `transport`, `clock`, `runner` and
// options.managed_identity_transport are kept by reference: they must outlive the credential.
std::unique_ptr<TokenCredential> make_default_credential(const Environment& environment, http::Transport& transport,
                                                         const Clock& clock, ProcessRunner& runner,
                                                         const DefaultCredentialOptions& options = {});

}  // namespace azureml::auth
