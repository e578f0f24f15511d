#pragma once
// What every test of an online verb needs: a fake Azure with a workspace, and the binary run
// with exactly the environment a signed-in user in a CI job would have (a service principal),
// pointed at the fake. Nothing from the machine's own environment reaches the binary, and the
// managed identity probe goes to a port that refuses, never to 169.254.169.254.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/fakes/fake_azure.h"
#include "tests/integration/run_binary.h"

namespace azureml::testing {

inline const std::string kSubscription = "00000000-0000-0000-0000-00000000000a";
inline const std::string kGroup = "rg";
inline const std::string kWorkspaceName = "ws";
inline const std::string kWorkspaceId = "/subscriptions/" + kSubscription + "/resourceGroups/" + kGroup +
                                        "/providers/Microsoft.MachineLearningServices/workspaces/" + kWorkspaceName;
// A port nothing listens on (the discard port; tests never run as a service on it).
inline const std::string kRefusingUrl = "http://127.0.0.1:9";

// No credential at all; `az` is not on PATH; the authority and ARM on `azure`.
inline EnvironmentMap signed_out_environment(const fakes::FakeAzure& azure) {
  return {{"PATH", "/nonexistent"},
          {"HOME", "/nonexistent"},
          {"AZURE_AUTHORITY_HOST", azure.base_url()},
          {"AZUREML_ARM_ENDPOINT", azure.base_url()},
          {"AZURE_POD_IDENTITY_AUTHORITY_HOST", kRefusingUrl},
          {"AZURE_SUBSCRIPTION_ID", kSubscription}};
}

// The same with `azure`'s service principal and its secret.
inline EnvironmentMap signed_in_environment(const fakes::FakeAzure& azure) {
  EnvironmentMap environment = signed_out_environment(azure);
  environment["AZURE_TENANT_ID"] = azure.options().tenant_id;
  environment["AZURE_CLIENT_ID"] = azure.options().client_id;
  environment["AZURE_CLIENT_SECRET"] = azure.options().client_secret;
  return environment;
}

class OnlineTest : public ::testing::Test {
 protected:
  explicit OnlineTest(fakes::FakeAzureOptions options = {}) : azure(options) {}

  void SetUp() override {
    azure.start();
    azure.add_workspace({.subscription = kSubscription, .resource_group = kGroup, .name = kWorkspaceName});
  }

  // A service principal with a secret, the authority and ARM on the fake.
  EnvironmentMap signed_in() const { return signed_in_environment(azure); }
  // No credential at all; `az` is not on PATH.
  EnvironmentMap signed_out() const { return signed_out_environment(azure); }

  azureml::testing::Run run(const std::vector<std::string>& arguments) const {
    return run_binary(arguments, "", signed_in());
  }
  azureml::testing::Run run(const std::vector<std::string>& arguments, const EnvironmentMap& environment) const {
    return run_binary(arguments, "", environment);
  }

  // The ARM requests recorded, as "METHOD path" (token requests left out).
  std::vector<std::string> arm_requests() const {
    std::vector<std::string> lines;
    for (const auto& request : azure.requests())
      if (request.path.starts_with("/subscriptions/") || request.path.starts_with("/providers/"))
        lines.push_back(request.method + " " + request.path);
    return lines;
  }

  fakes::FakeAzure azure;
};

}  // namespace azureml::testing
