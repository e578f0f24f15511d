#pragma once
// ARM: every request that is not for the identity endpoints. In order: the bearer token
// (401 with WWW-Authenticate), api-version (400), the subscription and resource group
// (404), the route (404 or 405), locks (409 ScopeLocked) and provider registration (409
// MissingSubscriptionRegistration) for writes, then the route's handler. One mutex guards
// the store and the operations; handlers run under it.
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/util/clock.h"
#include "tests/fakes/arm_context.h"
#include "tests/fakes/arm_routes.h"
#include "tests/fakes/fake_azure_options.h"
#include "tests/fakes/ids.h"
#include "tests/fakes/token_issuer.h"

namespace azureml::fakes {

class ArmService {
 public:
  ArmService(const FakeAzureOptions& options, TokenIssuer& tokens, IdGenerator& ids, const Clock& clock);

  void handle(const httplib::Request& request, httplib::Response& response, const std::string& base_url);

  // Runs `change` on the state under the lock (seeding, inspection).
  template <class Function>
  auto with_state(Function&& change) {
    std::lock_guard lock(mutex_);
    return change(context_);
  }

 private:
  bool authenticated(const httplib::Request& request, httplib::Response& response, const std::string& base_url);
  bool scope_exists(ArmCall& call);
  bool write_allowed(ArmCall& call);

  const FakeAzureOptions& options_;
  TokenIssuer& tokens_;
  std::mutex mutex_;
  ArmContext context_;
  const std::vector<ArmRoute>& routes_;
};

}  // namespace azureml::fakes
