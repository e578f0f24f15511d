#include "core/auth/environment_credential.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/auth/client_credentials.h"
#include "core/auth/credential_support.h"
#include "core/auth/token_endpoint.h"

namespace azureml::auth {

namespace {

constexpr const char* kName = "EnvironmentCredential";

bool is_true(std::string value) {
  value = to_lower(trim(value));
  return value == "1" || value == "true";
}

}  // namespace

EnvironmentCredential::EnvironmentCredential(const Environment& environment, http::Transport& transport,
                                             const Clock& clock) {
  const auto tenant = environment.non_empty("AZURE_TENANT_ID");
  const auto client_id = environment.non_empty("AZURE_CLIENT_ID");
  const auto secret = environment.non_empty("AZURE_CLIENT_SECRET");
  const auto certificate_path = environment.non_empty("AZURE_CLIENT_CERTIFICATE_PATH");

  std::vector<std::string> missing;
  if (!tenant) missing.emplace_back("AZURE_TENANT_ID");
  if (!client_id) missing.emplace_back("AZURE_CLIENT_ID");
  if (!secret && !certificate_path)
    missing.emplace_back(missing.empty() ? "AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH"
                                         : "AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)");
  if (!missing.empty()) {
    error_ = unavailable(kName, not_set_message(missing));
    return;
  }
  auto identity = client_identity_from(kName, *tenant, *client_id, environment);
  if (!identity) {
    error_ = identity.error();
    return;
  }
  if (secret) {
    inner_ = std::make_unique<ClientSecretCredential>(kName, std::move(identity).value(), *secret, transport, clock);
  } else {
    const auto send_chain = environment.non_empty("AZURE_CLIENT_SEND_CERTIFICATE_CHAIN");
    inner_ = std::make_unique<ClientCertificateCredential>(kName, std::move(identity).value(), *certificate_path,
                                                           environment.non_empty("AZURE_CLIENT_CERTIFICATE_PASSWORD"),
                                                           send_chain && is_true(*send_chain), transport, clock);
  }
}

Result<AccessToken, AuthError> EnvironmentCredential::get_token(const std::string& scope, bool force_refresh) {
  if (!inner_) return fail(*error_);
  return inner_->get_token(scope, force_refresh);
}

}  // namespace azureml::auth
