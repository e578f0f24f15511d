#pragma once
// StaticTokenCredential: the ARM token the az shim hands in through the environment
//   AZUREML_ARM_TOKEN              the bearer token (az already signed in; we never refresh it)
//   AZUREML_ARM_TOKEN_EXPIRES_ON   optional, Unix seconds
// Without an expiry it takes the token's own "exp" claim when it is a JWT, else one hour from
// construction. When present it is used and the chain is not consulted (default_credential.h).
// It serves every scope asked of it (the product asks only for ARM's). It cannot renew:
// force_refresh (ARM said 401) and expiry are failures that say how to get a new token.
#include <chrono>
#include <optional>
#include <string>

#include "core/auth/credential.h"
#include "core/util/clock.h"
#include "core/util/environment.h"

namespace azureml::auth {

inline constexpr std::string_view kArmTokenVariable = "AZUREML_ARM_TOKEN";
inline constexpr std::string_view kArmTokenExpiresOnVariable = "AZUREML_ARM_TOKEN_EXPIRES_ON";

class StaticTokenCredential final : public TokenCredential {
 public:
  // Reads the variables above; a missing token makes every get_token unavailable.
  StaticTokenCredential(const Environment& environment, const Clock& clock);
  std::string name() const override { return "StaticTokenCredential"; }
  Result<AccessToken, AuthError> get_token(const std::string& scope, bool force_refresh = false) override;

 private:
  const Clock& clock_;
  std::optional<AccessToken> token_;
  std::optional<AuthError> error_;
};

// The "exp" claim of a JWT (not verified), or nullopt.
std::optional<std::chrono::system_clock::time_point> jwt_expiry(std::string_view token);

}  // namespace azureml::auth
