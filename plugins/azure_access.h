#pragma once
// The options of every verb that talks to Azure, declared once, and the session they open:
// where ARM is, which subscription, which CA, and -v logging through the redactor.
#include <memory>
#include <string>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/arm/resource_id.h"
#include "core/ops/azure_session.h"
#include "core/util/clock.h"
#include "core/util/log.h"
#include "core/util/result.h"
#include "plugins/verb.h"

namespace azureml::cli {

// --subscription, --arm-endpoint, --ca-bundle.
std::vector<OptionSpec> azure_options();
// -w/--workspace-name and -g/--resource-group, both required.
std::vector<OptionSpec> workspace_options();

// The product's User-Agent: "kubectl-azureml/0.1.0".
std::string user_agent();

class AzureAccess {
 public:
  // Reads the options of azure_options() and the environment. The error is for exit 2:
  // no subscription, a malformed one, an unusable ARM endpoint.
  static Result<std::unique_ptr<AzureAccess>> open(const Invocation& call);

  AzureAccess(const Invocation& call, std::string subscription, ops::AzureSessionOptions options);
  AzureAccess(const AzureAccess&) = delete;
  AzureAccess& operator=(const AzureAccess&) = delete;

  arm::ArmClient& arm() { return session_.arm(); }
  const std::string& subscription() const { return subscription_; }
  // The workspace named by workspace_options() in this subscription.
  arm::ResourceId workspace(const Invocation& call) const;

 private:
  Redactor redactor_;
  SystemClock clock_;
  StreamLog log_;
  std::string subscription_;
  ops::AzureSession session_;
};

}  // namespace azureml::cli
