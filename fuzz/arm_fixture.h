#pragma once
// What the ARM fuzz targets share: a credential that always has a token, the options of an
// ArmClient that only ever talks to a script (fixed request id, no jitter, a bounded number of
// attempts), and the exit codes the README documents.
#include <chrono>
#include <string>

#include "core/arm/arm_client.h"
#include "core/auth/credential.h"

namespace azureml::fuzz {

class FixedCredential final : public auth::TokenCredential {
 public:
  std::string name() const override { return "FixedCredential"; }
  Result<auth::AccessToken, auth::AuthError> get_token(const std::string&, bool) override {
    return auth::AccessToken{"token", std::chrono::system_clock::time_point(std::chrono::hours(1'000'000))};
  }
};

inline arm::ArmClientOptions script_client_options(int max_attempts) {
  arm::ArmClientOptions options;
  options.endpoint = "https://management.azure.com";
  options.client_request_id = "fuzz";
  options.random = [] { return 0.5; };
  options.retry.max_attempts = max_attempts;
  options.operation_timeout = std::chrono::minutes(10);
  return options;
}

inline bool is_documented_exit_code(ExitCode code) {
  switch (code) {
    case ExitCode::ok:
    case ExitCode::failed:
    case ExitCode::usage:
    case ExitCode::auth:
    case ExitCode::not_found:
    case ExitCode::timed_out:
    case ExitCode::interrupted:
      return true;
  }
  return false;
}

}  // namespace azureml::fuzz
