#pragma once
// Bearer tokens for ARM. Each way of getting one (environment service principal, certificate,
// workload identity, managed identity, Azure CLI, a token handed in by the az shim) is a
// TokenCredential; the chain tries them in DefaultAzureCredential's order.
#include <chrono>
#include <string>

#include "core/util/result.h"

namespace azureml::auth {

struct AccessToken {
  std::string token;  // never logged, never on argv, never written to disk
  std::chrono::system_clock::time_point expires_on;
};

struct AuthError {
  std::string credential;    // which credential, e.g. "EnvironmentCredential"
  std::string message;       // why it failed and what to do; never contains a secret
  bool unavailable = false;  // true: not configured here (the chain moves on); false: configured but failed
  // The endpoint was busy or unreachable for a moment (HTTP 408, 429, 5xx; a connection refused,
  // reset or timed out): the same request may well succeed later (ArmClient retries it).
  bool transient = false;
};

class TokenCredential {
 public:
  virtual ~TokenCredential() = default;
  virtual std::string name() const = 0;
  // `scope` e.g. "https://management.azure.com/.default". `force_refresh` skips any cache
  // (after a 401 from ARM).
  virtual Result<AccessToken, AuthError> get_token(const std::string& scope, bool force_refresh = false) = 0;
};

}  // namespace azureml::auth
