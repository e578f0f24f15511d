#include "plugins/azure_access.h"

#include <cctype>
#include <fstream>
#include <ostream>

#include "core/util/text.h"
#include "plugins/options.h"
#include "plugins/version_info.h"

namespace azureml::cli {
namespace {

// ARM's subscription ids are GUIDs: 8-4-4-4-12 hex digits.
bool is_guid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

Result<std::string> resolve_subscription(const Invocation& call) {
  std::string source = "--subscription";
  std::string subscription = call.options.get("subscription");
  if (subscription.empty()) {
    source = "AZURE_SUBSCRIPTION_ID";
    subscription = call.environment.non_empty("AZURE_SUBSCRIPTION_ID").value_or("");
  }
  if (subscription.empty())
    return fail(std::string("no subscription given: pass --subscription ID or set AZURE_SUBSCRIPTION_ID "
                            "('az account show --query id -o tsv' prints your default one)"));
  if (!is_guid(subscription))
    return fail(source + " '" + printable(subscription) +
                "' is not a subscription id: expected a GUID such as 00000000-0000-0000-0000-000000000000 "
                "('az account list -o table' lists yours)");
  return subscription;
}

}  // namespace

std::vector<OptionSpec> azure_options() {
  return {
      {"subscription", 0, OptionType::string, "ID", "Subscription id (default: AZURE_SUBSCRIPTION_ID).", std::nullopt, {}},
      {"arm-endpoint", 0, OptionType::string, "URL",
       "Azure Resource Manager endpoint, for sovereign clouds (default: AZUREML_ARM_ENDPOINT, else "
       "https://management.azure.com).",
       std::nullopt, {}},
      {"ca-bundle", 0, OptionType::string, "FILE",
       "PEM file of CA certificates to trust instead of the system's (default: REQUESTS_CA_BUNDLE, SSL_CERT_FILE).",
       std::nullopt, {}},
  };
}

std::vector<OptionSpec> workspace_options() {
  OptionSpec workspace{"workspace-name", 'w', OptionType::string, "NAME", "Azure Machine Learning workspace.",
                       std::nullopt, {}};
  workspace.required = true;
  OptionSpec group{"resource-group", 'g', OptionType::string, "NAME", "Resource group of the workspace.",
                   std::nullopt, {}};
  group.required = true;
  return {workspace, group};
}

std::string user_agent() { return std::string("kubectl-azureml/") + kVersion; }

Result<std::unique_ptr<AzureAccess>> AzureAccess::open(const Invocation& call) {
  auto subscription = resolve_subscription(call);
  if (!subscription) return fail(subscription.error());
  std::optional<std::string> endpoint_flag;
  if (call.options.given("arm-endpoint")) endpoint_flag = call.options.get("arm-endpoint");
  auto endpoint = ops::resolve_arm_endpoint(endpoint_flag, call.environment);
  if (!endpoint) return fail(endpoint.error());

  ops::AzureSessionOptions options;
  options.arm_endpoint = *endpoint;
  if (call.options.given("ca-bundle")) {
    options.ca_bundle = call.options.get("ca-bundle");
    if (!std::ifstream(*options.ca_bundle))
      return fail("--ca-bundle '" + printable(*options.ca_bundle) +
                  "' cannot be read; give a PEM file of CA certificates");
  }
  options.user_agent = user_agent();
  std::ostream& err = call.err;
  options.on_event = [&err](const arm::ArmEvent& event) { err << event.describe() << '\n'; };
  return std::make_unique<AzureAccess>(call, std::move(*subscription), std::move(options));
}

AzureAccess::AzureAccess(const Invocation& call, std::string subscription, ops::AzureSessionOptions options)
    : redactor_([&] {
        Redactor redactor;
        ops::add_environment_secrets(redactor, call.environment);
        return redactor;
      }()),
      log_(call.err, call.options.flag("verbose"), redactor_),
      subscription_(std::move(subscription)),
      session_(call.environment, clock_, log_, options) {}

arm::ResourceId AzureAccess::workspace(const Invocation& call) const {
  return arm::ResourceId::workspace(subscription_, call.options.get("resource-group"),
                                    call.options.get("workspace-name"));
}

}  // namespace azureml::cli
