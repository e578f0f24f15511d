#pragma once
// AzureCliCredential: the account signed in to the Azure CLI, through
//   az account get-access-token --output json --scope SCOPE [--tenant TENANT]
// (a ProcessRunner; argv holds no secret; the token comes back on stdout). It reads
// "accessToken" and "expires_on" (epoch seconds, Azure CLI 2.54+) or else "expiresOn" (local
// time "YYYY-MM-DD HH:MM:SS.ffffff", older CLIs).
//   az not on PATH                       -> unavailable "az not found on PATH"
//   "az login" / "az account set" in its stderr -> failed, advising 'az login'
//   other non-zero exit, timeout, bad output     -> failed, quoting az's first error line
// --tenant is passed only when configured here (AZURE_TENANT_ID is not used: it names the
// service principal's tenant).
#include <chrono>
#include <optional>
#include <string>

#include "core/auth/credential.h"
#include "core/util/process_runner.h"

namespace azureml::auth {

struct AzureCliOptions {
  std::optional<std::string> tenant_id;
  std::chrono::milliseconds timeout{10000};
  std::string executable = "az";
};

class AzureCliCredential final : public TokenCredential {
 public:
  explicit AzureCliCredential(ProcessRunner& runner, AzureCliOptions options = {});
  std::string name() const override { return "AzureCliCredential"; }
  Result<AccessToken, AuthError> get_token(const std::string& scope, bool force_refresh = false) override;

 private:
  ProcessRunner& runner_;
  AzureCliOptions options_;
};

// az's "expiresOn": local time "YYYY-MM-DD HH:MM:SS" with optional ".ffffff"; nullopt when not
// in that form. Uses the process's time zone (TZ), as az wrote it.
std::optional<std::chrono::system_clock::time_point> parse_cli_local_time(std::string_view text);

}  // namespace azureml::auth
