#include "plugins/azure_access.h"

#include <cctype>
#include <ostream>

#include "core/arm/resource_names.h"
#include "core/kube/kube_duration.h"
#include "core/util/file_read.h"
#include "core/util/text.h"
#include "plugins/name_checks.h"
#include "plugins/options.h"
#include "plugins/version_info.h"

namespace azureml::cli {
namespace {

Result<std::string> resolve_subscription(const Invocation& call, const std::optional<std::string>& fallback) {
  std::string source = "--subscription";
  std::string subscription = call.options.get("subscription");
  if (subscription.empty()) {
    source = "AZURE_SUBSCRIPTION_ID";
    subscription = call.environment.non_empty("AZURE_SUBSCRIPTION_ID").value_or("");
  }
  if (subscription.empty() && fallback) {
    source = "the cluster's azure-clusterconfig";
    subscription = *fallback;
  }
  if (subscription.empty())
    return fail(
        std::string("no subscription given: pass --subscription ID or set AZURE_SUBSCRIPTION_ID "
                    "('az account show --query id -o tsv' prints your default one)"));
  if (!arm::is_subscription_id(subscription))
    return fail(source + " '" + printable(subscription) +
                "' is not a subscription id: expected a GUID such as 00000000-0000-0000-0000-000000000000 "
                "('az account list -o table' lists yours)");
  return subscription;
}

}  // namespace

std::vector<OptionSpec> azure_options() {
  return {
      {"subscription",
       0,
       OptionType::string,
       "ID",
       "Subscription id (default: AZURE_SUBSCRIPTION_ID).",
       std::nullopt,
       {}},
      {"arm-endpoint",
       0,
       OptionType::string,
       "URL",
       "Azure Resource Manager endpoint, for sovereign clouds (default: AZUREML_ARM_ENDPOINT, else "
       "https://management.azure.com).",
       std::nullopt,
       {}},
      {"ca-bundle",
       0,
       OptionType::string,
       "FILE",
       "PEM file of CA certificates to trust instead of the system's (default: REQUESTS_CA_BUNDLE, SSL_CERT_FILE).",
       std::nullopt,
       {}},
      request_timeout_option(),
  };
}

OptionSpec request_timeout_option() {
  return {"request-timeout",
          0,
          OptionType::string,
          "DURATION",
          "Give up on one server request (Kubernetes or ARM) after this long and try it again (e.g. 30s; 0: "
          "never; ARM default 2m).",
          std::nullopt,
          {}};
}

std::vector<OptionSpec> workspace_options(bool required) {
  OptionSpec workspace{"workspace-name", 'w', OptionType::string, "NAME", "Azure Machine Learning workspace.",
                       std::nullopt,     {}};
  workspace.required = required;
  OptionSpec group{"resource-group", 'g', OptionType::string, "NAME", "Resource group of the workspace.",
                   std::nullopt,     {}};
  group.required = required;
  return {workspace, group};
}

std::vector<OptionSpec> cluster_options() {
  return {
      {"cluster-name",
       0,
       OptionType::string,
       "NAME",
       "The cluster's Azure name (default on an Arc cluster: read from the cluster).",
       std::nullopt,
       {}},
      {"cluster-type",
       0,
       OptionType::choice,
       "TYPE",
       "Azure Arc connected cluster or AKS.",
       std::string("connectedClusters"),
       {"connectedClusters", "managedClusters"}},
      {"cluster-resource-group",
       0,
       OptionType::string,
       "NAME",
       "The cluster's resource group (default: -g).",
       std::nullopt,
       {}},
      {"cluster-resource-id",
       0,
       OptionType::string,
       "ID",
       "The cluster's full ARM id, instead of the three above.",
       std::nullopt,
       {}},
  };
}

std::string user_agent() { return std::string("kubectl-azureml/") + kVersion; }

Result<std::unique_ptr<AzureAccess>> AzureAccess::open(const Invocation& call,
                                                       const std::optional<std::string>& fallback_subscription) {
  if (auto problem = workspace_name_problem(call)) return fail(std::move(*problem));
  auto subscription = resolve_subscription(call, fallback_subscription);
  if (!subscription) return fail(subscription.error());
  std::optional<std::string> endpoint_flag;
  if (call.options.given("arm-endpoint")) endpoint_flag = call.options.get("arm-endpoint");
  auto endpoint = ops::resolve_arm_endpoint(endpoint_flag, call.environment);
  if (!endpoint) return fail(endpoint.error());

  ops::AzureSessionOptions options;
  options.arm_endpoint = *endpoint;
  if (call.options.given("ca-bundle")) {
    options.ca_bundle = call.options.get("ca-bundle");
    if (const auto problem = input_file_problem(*options.ca_bundle))
      return fail("--ca-bundle '" + printable(*options.ca_bundle) + "' cannot be read (" + *problem +
                  "); give a PEM file of CA certificates");
  }
  if (call.options.given("request-timeout")) {
    const std::string text = call.options.get("request-timeout");
    auto timeout = kube::parse_request_timeout(text);
    if (!timeout)
      return fail("--request-timeout '" + printable(text) + "': " + timeout.error() +
                  "; give whole seconds (30) or a duration such as 500ms, 45s or 1m30s; 0 means no timeout");
    options.request_timeout = timeout->value_or(std::chrono::milliseconds(0));
  }
  options.user_agent = user_agent();
  options.interrupt = call.interrupt;
  std::ostream& err = call.err;
  options.on_event = [&err](const arm::ArmEvent& event) { err << event.describe() << '\n'; };
  return std::make_unique<AzureAccess>(call, std::move(*subscription), std::move(options));
}

ops::AzureSessionOptions AzureAccess::locked_events(ops::AzureSessionOptions options, std::mutex& lock) {
  if (options.on_event) {
    options.on_event = [handler = options.on_event, &lock](const arm::ArmEvent& event) {
      std::lock_guard guard(lock);
      handler(event);
    };
  }
  return options;
}

std::unique_ptr<ops::AzureSession> AzureAccess::worker_session(arm::Throttle& throttle, arm::ArmEventHandler on_event) {
  ops::AzureSessionOptions options = options_;
  options.throttle = &throttle;
  if (on_event) options.on_event = std::move(on_event);
  return std::make_unique<ops::AzureSession>(environment_, clock_, log_, options);
}

AzureAccess::AzureAccess(const Invocation& call, std::string subscription, ops::AzureSessionOptions options)
    : environment_(call.environment),
      options_(locked_events(std::move(options), events_)),
      redactor_([&] {
        Redactor redactor;
        ops::add_environment_secrets(redactor, call.environment);
        return redactor;
      }()),
      clock_(call.interrupt ? *call.interrupt : never_raised_),
      log_(call.err, call.options.flag("verbose"), redactor_),
      subscription_(std::move(subscription)),
      session_(call.environment, clock_, log_, options_) {}

std::optional<arm::ResourceId> AzureAccess::workspace(const Invocation& call) const {
  if (!call.options.given("workspace-name")) return std::nullopt;
  return arm::ResourceId::workspace(subscription_, call.options.get("resource-group"),
                                    call.options.get("workspace-name"));
}

Result<std::optional<arm::ResourceId>> AzureAccess::cluster(const Invocation& call) const {
  return cluster_from_options(call, subscription_);
}

Result<std::optional<arm::ResourceId>> cluster_from_options(const Invocation& call, const std::string& subscription) {
  if (call.options.given("cluster-resource-id")) {
    if (call.options.given("cluster-name"))
      return fail(std::string("give either --cluster-resource-id or --cluster-name, not both"));
    const std::string text = call.options.get("cluster-resource-id");
    auto id = arm::ResourceId::parse_cluster(text);
    if (!id) return fail(id.error().describe());
    if (auto problem = cluster_id_problem(text, *id)) return fail(std::move(*problem));
    return std::optional<arm::ResourceId>(std::move(*id));
  }
  if (!call.options.given("cluster-name")) return std::optional<arm::ResourceId>();
  if (auto problem = cluster_name_problem(call)) return fail(std::move(*problem));
  std::string group = call.options.get("cluster-resource-group");
  if (group.empty()) group = call.options.get("resource-group");
  if (group.empty())
    return fail(
        std::string("--cluster-name needs the cluster's resource group: pass --cluster-resource-group (or -g)"));
  const auto kind =
      call.options.get("cluster-type") == "managedClusters" ? arm::ClusterKind::managed : arm::ClusterKind::connected;
  return std::optional<arm::ResourceId>(
      arm::ResourceId::cluster(kind, subscription, group, call.options.get("cluster-name")));
}

}  // namespace azureml::cli
