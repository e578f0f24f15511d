#pragma once
// The JSON a standalone fake-azure is seeded from (--seed FILE.json):
//
//   {"options": {"tenantId", "clientId", "clientSecret", "identityHeader", "lroPolls",
//                "retryAfterSeconds", "tokenLifetimeSeconds", "acceptForeignTokens",
//                "managedIdentityClientId", "userAssignedClientIds": [..],
//                "rateLimits": {"reads"|"writes"|"deletes": {"capacity", "refillPerSecond"}}},
//    "subscriptions":     [{"id", "displayName"}],
//    "resourceGroups":    [{"subscription", "name", "location"}],
//    "connectedClusters": [{"subscription", "resourceGroup", "name", "location", "nodeCount",
//                           "distribution", "kubernetesVersion"}],
//    "managedClusters":   [same as connectedClusters],
//    "workspaces":        [{"subscription", "resourceGroup", "name", "location"}],
//    "extensions":        [{"clusterId", "name", "extensionType", "configurationSettings",
//                           "provisioningState"}],
//    "locks":             [{"scope", "name", "level", "notes"}],
//    "usages" / "quotas": [{"subscription", "location", "name", "localizedName", "currentValue",
//                           "limit", "type", "unit"}],
//    "providers":         [{"subscription", "namespace", "registrationState"}],
//    "resources":         [any ARM document with an "id"]}
//
// Every section is optional; unknown keys are errors (a typo must not pass silently).
#include <nlohmann/json.hpp>

#include "tests/fakes/fake_azure.h"
#include "tests/fakes/fake_azure_options.h"

namespace azureml::fakes {

// `options` updated from the seed's "options" section. Throws std::runtime_error.
FakeAzureOptions options_from_seed(const nlohmann::json& seed, FakeAzureOptions options);
// Adds the seed's resources. Throws std::runtime_error.
void apply_seed(FakeAzure& azure, const nlohmann::json& seed);

}  // namespace azureml::fakes
