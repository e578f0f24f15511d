#include "core/auth/workload_identity_credential.h"

#include <vector>

#include "core/auth/client_credentials.h"
#include "core/auth/credential_support.h"
#include "core/auth/token_endpoint.h"
#include "core/util/file_read.h"

namespace azureml::auth {

namespace {
constexpr const char* kName = "WorkloadIdentityCredential";
}  // namespace

Result<std::string, std::string> read_federated_token(const std::string& path) {
  auto contents = read_whole_file(path);
  if (!contents)
    return fail("cannot read AZURE_FEDERATED_TOKEN_FILE '" + first_line(path) + "': " + contents.error().reason);
  auto token = trim(*contents);
  if (token.empty()) return fail("AZURE_FEDERATED_TOKEN_FILE '" + first_line(path) + "' is empty");
  return token;
}

WorkloadIdentityCredential::WorkloadIdentityCredential(const Environment& environment, http::Transport& transport,
                                                       const Clock& clock) {
  const auto tenant = environment.non_empty("AZURE_TENANT_ID");
  const auto client_id = environment.non_empty("AZURE_CLIENT_ID");
  const auto token_file = environment.non_empty("AZURE_FEDERATED_TOKEN_FILE");
  std::vector<std::string> missing;
  if (!tenant) missing.emplace_back("AZURE_TENANT_ID");
  if (!client_id) missing.emplace_back("AZURE_CLIENT_ID");
  if (!token_file) missing.emplace_back("AZURE_FEDERATED_TOKEN_FILE");
  if (!missing.empty()) {
    error_ = unavailable(kName, not_set_message(missing));
    return;
  }
  auto identity = client_identity_from(kName, *tenant, *client_id, environment);
  if (!identity) {
    error_ = identity.error();
    return;
  }
  inner_ = std::make_unique<ClientAssertionCredential>(
      kName, std::move(identity).value(), [path = *token_file] { return read_federated_token(path); }, transport,
      clock);
}

Result<AccessToken, AuthError> WorkloadIdentityCredential::get_token(const std::string& scope, bool force_refresh) {
  if (!inner_) return fail(*error_);
  return inner_->get_token(scope, force_refresh);
}

}  // namespace azureml::auth
