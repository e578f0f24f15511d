#pragma once
// The options of every verb that talks to Azure, declared once, and the session they open:
// where ARM is, which subscription, which CA, and -v logging through the redactor.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/arm/resource_id.h"
#include "core/ops/azure_session.h"
#include "core/util/clock.h"
#include "core/util/interrupt.h"
#include "core/util/log.h"
#include "core/util/result.h"
#include "plugins/verb.h"

namespace azureml::cli {

// --subscription, --arm-endpoint, --ca-bundle.
std::vector<OptionSpec> azure_options();
// kubectl's --request-timeout, shared by the Kubernetes and the Azure option groups (a verb with
// both has it once: VerbTable keeps the first option of a name).
OptionSpec request_timeout_option();
// -w/--workspace-name and -g/--resource-group.
std::vector<OptionSpec> workspace_options(bool required = true);
// --cluster-name, --cluster-type, --cluster-resource-group (default: -g), --cluster-resource-id.
std::vector<OptionSpec> cluster_options();

// The product's User-Agent: "kubectl-azureml/0.1.0".
std::string user_agent();

// The cluster named by cluster_options() in `subscription`; nullopt when none is given. Errors
// are for exit 2.
Result<std::optional<arm::ResourceId>> cluster_from_options(const Invocation& call, const std::string& subscription);

class AzureAccess {
 public:
  // Reads the options of azure_options() and the environment. The error is for exit 2:
  // no subscription, a malformed one, an unusable ARM endpoint. `fallback_subscription`: used
  // when neither --subscription nor AZURE_SUBSCRIPTION_ID gives one (an Arc cluster's own).
  static Result<std::unique_ptr<AzureAccess>> open(const Invocation& call,
                                                   const std::optional<std::string>& fallback_subscription = {});

  AzureAccess(const Invocation& call, std::string subscription, ops::AzureSessionOptions options);
  AzureAccess(const AzureAccess&) = delete;
  AzureAccess& operator=(const AzureAccess&) = delete;

  arm::ArmClient& arm() { return session_.arm(); }
  const std::string& subscription() const { return subscription_; }
  // The workspace named by workspace_options() in this subscription; nullopt when -w is not given.
  std::optional<arm::ResourceId> workspace(const Invocation& call) const;
  // The cluster named by cluster_options(); nullopt when none is given. Errors are for exit 2.
  Result<std::optional<arm::ResourceId>> cluster(const Invocation& call) const;

  // Another session like this one's (endpoint, CA, credentials) for a worker of a fleet, sharing
  // `throttle`; its retry and poll events are printed through the same lock as this one's.
  // (With -v, the workers' HTTP log lines may interleave.)
  // `on_event`, when given, hears that session's events instead (a thread-safe display).
  std::unique_ptr<ops::AzureSession> worker_session(arm::Throttle& throttle, arm::ArmEventHandler on_event = {});

 private:
  static ops::AzureSessionOptions locked_events(ops::AzureSessionOptions options, std::mutex& lock);

  const Environment& environment_;
  std::mutex events_;  // one event line at a time, whichever session reports it
  ops::AzureSessionOptions options_;
  Redactor redactor_;
  Interrupt never_raised_;    // for a caller without one
  InterruptibleClock clock_;  // waits end at Ctrl-C
  StreamLog log_;
  std::string subscription_;
  ops::AzureSession session_;
};

}  // namespace azureml::cli
