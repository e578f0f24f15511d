#include "core/auth/default_credential.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/auth/azure_cli_credential.h"
#include "core/auth/chained_credential.h"
#include "core/auth/credential_support.h"
#include "core/auth/environment_credential.h"
#include "core/auth/managed_identity_credential.h"
#include "core/auth/static_token_credential.h"
#include "core/auth/workload_identity_credential.h"
#include "core/util/text.h"

namespace azureml::auth {

namespace {

constexpr std::string_view kName = "DefaultAzureCredential";
const std::array<std::string, 4> kChain = {"EnvironmentCredential", "WorkloadIdentityCredential",
                                           "ManagedIdentityCredential", "AzureCliCredential"};

// AZURE_TOKEN_CREDENTIALS was invalid: every request reports it.
class ConfigurationErrorCredential final : public TokenCredential {
 public:
  explicit ConfigurationErrorCredential(std::string message) : message_(std::move(message)) {}
  std::string name() const override { return std::string(kName); }
  Result<AccessToken, AuthError> get_token(const std::string&, bool) override {
    return fail(failed(std::string(kName), message_));
  }

 private:
  std::string message_;
};

}  // namespace

Result<std::vector<std::string>, std::string> select_credentials(const Environment& environment) {
  const auto value = trim(environment.get("AZURE_TOKEN_CREDENTIALS").value_or(""));
  const auto key = to_lower(value);
  if (key.empty() || key == "dev") return std::vector<std::string>(kChain.begin(), kChain.end());
  if (key == "prod") return std::vector<std::string>(kChain.begin(), kChain.end() - 1);
  for (const auto& name : kChain)
    if (key == to_lower(name)) return std::vector<std::string>{name};
  std::vector<std::string> allowed = {"dev", "prod"};
  allowed.insert(allowed.end(), kChain.begin(), kChain.end());
  return fail("AZURE_TOKEN_CREDENTIALS has the invalid value '" + first_line(value) + "': allowed values are " +
              quoted_list(allowed) + " (case-insensitive), or leave it unset");
}

std::string sign_in_advice(const std::vector<std::string>& credentials) {
  const auto has = [&](std::string_view name) {
    return std::find(credentials.begin(), credentials.end(), name) != credentials.end();
  };
  std::vector<std::string> ways;
  if (has("AzureCliCredential")) ways.emplace_back("run 'az login'");
  if (has("EnvironmentCredential"))
    ways.emplace_back(
        "set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) for a service "
        "principal");
  if (has("WorkloadIdentityCredential"))
    ways.emplace_back("set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_FEDERATED_TOKEN_FILE for workload identity");
  if (has("ManagedIdentityCredential")) ways.emplace_back("run where a managed identity is available");
  std::string advice = "To sign in: ";
  for (std::size_t i = 0; i < ways.size(); ++i) {
    if (i > 0) advice += i + 1 == ways.size() ? ", or " : ", ";
    advice += ways[i];
  }
  advice += ".";
  if (!has("AzureCliCredential") && credentials.size() > 1)
    advice += " (AZURE_TOKEN_CREDENTIALS=prod leaves out the Azure CLI.)";
  return advice;
}

std::unique_ptr<TokenCredential> make_default_credential(const Environment& environment, http::Transport& transport,
                                                         const Clock& clock, ProcessRunner& runner,
                                                         const DefaultCredentialOptions& options) {
  if (environment.non_empty(kArmTokenVariable)) return std::make_unique<StaticTokenCredential>(environment, clock);

  auto selection = select_credentials(environment);
  if (!selection) return std::make_unique<ConfigurationErrorCredential>(selection.error());

  std::vector<std::unique_ptr<TokenCredential>> chain;
  for (const auto& name : selection.value()) {
    if (name == "EnvironmentCredential") {
      chain.push_back(std::make_unique<EnvironmentCredential>(environment, transport, clock));
    } else if (name == "WorkloadIdentityCredential") {
      chain.push_back(std::make_unique<WorkloadIdentityCredential>(environment, transport, clock));
    } else if (name == "ManagedIdentityCredential") {
      ManagedIdentityOptions managed;
      managed.imds_endpoint = options.imds_endpoint;
      chain.push_back(std::make_unique<ManagedIdentityCredential>(
          environment, options.managed_identity_transport ? *options.managed_identity_transport : transport, clock,
          managed));
    } else if (name == "AzureCliCredential") {
      AzureCliOptions cli;
      cli.tenant_id = options.cli_tenant_id;
      cli.timeout = options.cli_timeout;
      chain.push_back(std::make_unique<AzureCliCredential>(runner, cli));
    }
  }
  return std::make_unique<ChainedCredential>(std::string(kName), std::move(chain), clock,
                                             sign_in_advice(selection.value()));
}

}  // namespace azureml::auth
