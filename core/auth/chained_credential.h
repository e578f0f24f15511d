#pragma once
// ChainedCredential: tries its credentials in order, as DefaultAzureCredential does.
//  - An unavailable credential (not configured here) passes to the next.
//  - A configured credential that fails stops the chain (the Azure SDKs do the same): a wrong
//    secret must be reported, not hidden behind "az login".
//  - The first credential that succeeds is remembered and alone used from then on.
//  - Tokens are cached in memory per scope until `refresh_margin` (5 minutes) before they
//    expire; force_refresh skips the cache (after ARM answered 401).
// The error lists every credential tried, one line each ("- EnvironmentCredential: ..."),
// then a line on what to do. Thread-safe (calls are serialized).
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/auth/credential.h"
#include "core/util/clock.h"

namespace azureml::auth {

class ChainedCredential final : public TokenCredential {
 public:
  // `advice`: the last line of the error when every credential was unavailable, e.g.
  // "Run 'az login', or set AZURE_TENANT_ID, ...".
  ChainedCredential(std::string name, std::vector<std::unique_ptr<TokenCredential>> credentials, const Clock& clock,
                    std::string advice, std::chrono::seconds refresh_margin = std::chrono::minutes(5));

  std::string name() const override { return name_; }
  Result<AccessToken, AuthError> get_token(const std::string& scope, bool force_refresh = false) override;

  // The names of the credentials in order (for -v and tests).
  std::vector<std::string> credential_names() const;
  // The credential that succeeded first, or nullptr before any did.
  const TokenCredential* selected() const;

 private:
  std::string name_;
  std::vector<std::unique_ptr<TokenCredential>> credentials_;
  const Clock& clock_;
  std::string advice_;
  std::chrono::seconds refresh_margin_;
  mutable std::mutex mutex_;
  TokenCredential* selected_ = nullptr;
  std::map<std::string, AccessToken, std::less<>> cache_;
};

}  // namespace azureml::auth
