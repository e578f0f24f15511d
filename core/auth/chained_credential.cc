#include "core/auth/chained_credential.h"

#include "core/auth/credential_support.h"

namespace azureml::auth {

namespace {

// One line per credential, whatever the credential wrote.
std::string one_line(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
  return first_line(out);
}

}  // namespace

ChainedCredential::ChainedCredential(std::string name, std::vector<std::unique_ptr<TokenCredential>> credentials,
                                     const Clock& clock, std::string advice, std::chrono::seconds refresh_margin)
    : name_(std::move(name)),
      credentials_(std::move(credentials)),
      clock_(clock),
      advice_(std::move(advice)),
      refresh_margin_(refresh_margin) {}

std::vector<std::string> ChainedCredential::credential_names() const {
  std::vector<std::string> names;
  for (const auto& credential : credentials_) names.push_back(credential->name());
  return names;
}

const TokenCredential* ChainedCredential::selected() const {
  std::lock_guard lock(mutex_);
  return selected_;
}

Result<AccessToken, AuthError> ChainedCredential::get_token(const std::string& scope, bool force_refresh) {
  std::lock_guard lock(mutex_);
  if (!force_refresh) {
    const auto cached = cache_.find(scope);
    if (cached != cache_.end() && clock_.now() < cached->second.expires_on - refresh_margin_) return cached->second;
  }
  cache_.erase(scope);

  std::vector<AuthError> tried;
  const AuthError* stopped_by = nullptr;
  const auto candidates = selected_ ? std::vector<TokenCredential*>{selected_} : [this] {
    std::vector<TokenCredential*> all;
    for (const auto& credential : credentials_) all.push_back(credential.get());
    return all;
  }();
  for (TokenCredential* credential : candidates) {
    auto token = credential->get_token(scope, force_refresh);
    if (token) {
      selected_ = credential;
      cache_[scope] = token.value();
      return std::move(token).value();
    }
    auto error = token.error();
    if (error.credential.empty()) error.credential = credential->name();
    tried.push_back(std::move(error));
    if (!tried.back().unavailable) {
      stopped_by = &tried.back();
      break;
    }
  }

  std::string message = name_ + " could not get a token for " + first_line(scope) + ". Tried:";
  if (tried.empty()) message += "\n- (no credentials)";
  for (const auto& error : tried) message += "\n- " + error.credential + ": " + one_line(error.message);
  if (stopped_by)
    message += "\n" + stopped_by->credential + " is configured but failed: fix the problem above" +
               (selected_ ? "." : " (the credentials after it were not tried).");
  else
    message += "\n" + advice_;
  return fail(AuthError{name_, std::move(message), stopped_by == nullptr, stopped_by && stopped_by->transient});
}

}  // namespace azureml::auth
