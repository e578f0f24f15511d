#pragma once
// The ARM routes, one list per area. A route is a method and a case-insensitive regular
// expression over the whole path; ArmService tries them in order (specific routes first,
// then the generic resource GET/DELETE of arm_routes_common.cc).
#include <string>
#include <vector>

#include "tests/fakes/arm_context.h"
#include "tests/fakes/pattern.h"

namespace azureml::fakes {

using ArmHandler = void (*)(ArmContext& context, ArmCall& call);

struct ArmRoute {
  std::string method;
  Pattern pattern;  // over the whole path
  ArmHandler handler;
};

ArmRoute route(std::string method, const std::string& pattern, ArmHandler handler);

// Path fragments for patterns.
inline const std::string kSubscriptionPath = R"(/subscriptions/[^/]+)";
inline const std::string kGroupPath = kSubscriptionPath + R"(/resourcegroups/[^/]+)";
inline const std::string kName = R"([^/]+)";

// Every route, in the order ArmService tries them (arm_service.cc).
const std::vector<ArmRoute>& arm_routes();

std::vector<ArmRoute> subscription_routes();  // subscriptions, groups, providers, locks, usages, quotas
std::vector<ArmRoute> operation_routes();     // .../operations/{id} and .../operationResults/{id}
std::vector<ArmRoute> compute_routes();       // workspaces/{ws}/computes
std::vector<ArmRoute> extension_routes();     // {cluster}/providers/Microsoft.KubernetesConfiguration/extensions
std::vector<ArmRoute> messaging_routes();     // Microsoft.Relay and Microsoft.ServiceBus
std::vector<ArmRoute> generic_routes();       // GET of any stored resource or collection; DELETE

}  // namespace azureml::fakes
