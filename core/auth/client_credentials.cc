#include "core/auth/client_credentials.h"

#include <array>

#include "core/auth/credential_support.h"
#include "core/auth/token_endpoint.h"

namespace azureml::auth {

namespace {

Result<AccessToken, AuthError> check_scope(const std::string& name, const std::string& scope) {
  if (!is_valid_scope(scope)) return fail(failed(name, "'" + first_line(scope) + "' is not a valid scope"));
  return AccessToken{};
}

Result<AccessToken, AuthError> assertion_grant(const std::string& name, const ClientIdentity& identity,
                                               const std::string& assertion, const std::string& scope,
                                               http::Transport& transport, const Clock& clock) {
  const FormFields fields = {{"grant_type", "client_credentials"},
                             {"client_id", identity.client_id},
                             {"client_assertion_type", std::string(kJwtBearerAssertionType)},
                             {"client_assertion", assertion},
                             {"scope", scope}};
  const std::array<std::string, 1> secrets = {assertion};
  return request_token(transport, clock, name, token_url(identity.authority_host, identity.tenant_id), fields, secrets);
}

}  // namespace

Result<ClientIdentity, AuthError> client_identity_from(const std::string& credential, const std::string& tenant,
                                                       const std::string& client_id, const Environment& environment) {
  if (!is_valid_tenant(trim(tenant)))
    return fail(failed(credential, "AZURE_TENANT_ID '" + first_line(tenant) +
                                       "' is not a valid tenant id (letters, digits, '.' and '-' only)"));
  auto authority = authority_host_from(environment);
  if (!authority) return fail(failed(credential, authority.error()));
  return ClientIdentity{trim(tenant), trim(client_id), authority.value()};
}

ClientSecretCredential::ClientSecretCredential(std::string name, ClientIdentity identity, std::string secret,
                                               http::Transport& transport, const Clock& clock)
    : name_(std::move(name)),
      identity_(std::move(identity)),
      secret_(std::move(secret)),
      transport_(transport),
      clock_(clock) {}

Result<AccessToken, AuthError> ClientSecretCredential::get_token(const std::string& scope, bool /*force_refresh*/) {
  if (auto checked = check_scope(name_, scope); !checked) return checked;
  const FormFields fields = {{"grant_type", "client_credentials"},
                             {"client_id", identity_.client_id},
                             {"client_secret", secret_},
                             {"scope", scope}};
  const std::array<std::string, 1> secrets = {secret_};
  return request_token(transport_, clock_, name_, token_url(identity_.authority_host, identity_.tenant_id), fields,
                       secrets);
}

ClientAssertionCredential::ClientAssertionCredential(std::string name, ClientIdentity identity, AssertionSource source,
                                                     http::Transport& transport, const Clock& clock)
    : name_(std::move(name)),
      identity_(std::move(identity)),
      source_(std::move(source)),
      transport_(transport),
      clock_(clock) {}

Result<AccessToken, AuthError> ClientAssertionCredential::get_token(const std::string& scope, bool /*force_refresh*/) {
  if (auto checked = check_scope(name_, scope); !checked) return checked;
  auto assertion = source_();
  if (!assertion) return fail(failed(name_, assertion.error()));
  return assertion_grant(name_, identity_, assertion.value(), scope, transport_, clock_);
}

ClientCertificateCredential::ClientCertificateCredential(std::string name, ClientIdentity identity,
                                                         std::string certificate_path,
                                                         std::optional<std::string> password,
                                                         bool send_certificate_chain, http::Transport& transport,
                                                         const Clock& clock)
    : name_(std::move(name)),
      identity_(std::move(identity)),
      certificate_path_(std::move(certificate_path)),
      password_(std::move(password)),
      send_certificate_chain_(send_certificate_chain),
      transport_(transport),
      clock_(clock) {}

Result<AccessToken, AuthError> ClientCertificateCredential::get_token(const std::string& scope,
                                                                      bool /*force_refresh*/) {
  if (auto checked = check_scope(name_, scope); !checked) return checked;
  std::vector<std::string> secrets;
  if (password_) secrets.push_back(*password_);
  if (!certificate_) {
    auto loaded = ClientCertificate::load_file(certificate_path_, password_);
    if (!loaded) return fail(failed(name_, scrub(loaded.error(), secrets)));
    certificate_.emplace(std::move(loaded).value());
  }
  const auto url = token_url(identity_.authority_host, identity_.tenant_id);
  auto assertion = certificate_->make_assertion(url, identity_.client_id, clock_.now(), send_certificate_chain_);
  if (!assertion) return fail(failed(name_, assertion.error()));
  auto token = assertion_grant(name_, identity_, assertion.value(), scope, transport_, clock_);
  if (!token) return fail(failed(name_, scrub(token.error().message, secrets)));
  return token;
}

}  // namespace azureml::auth
