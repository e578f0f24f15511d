#pragma once
// The fake's normalizing mode (FakeAzureOptions::normalize_answers, seed option
// "normalizeAnswers"): a compute is stored, and so answered, the way a service may rewrite what
// it was sent, so that a client that compares its own text with the answer is caught:
//   Kubernetes instance types: names in lower case (and defaultInstanceType with them), cpu in
//   millicores ("1" -> "1000m"), memory in bytes ("16Gi" -> "17179869184"), a missing or empty
//   nodeSelector as null, and a field the client never sent ("tolerations": null);
//   AmlCompute: vmSize in upper case, nodeIdleTimeBeforeScaleDown in minutes when whole ("PT300S"
//   -> "PT5M").
// The spec allows each of these; none changes what the compute means.
#include <nlohmann/json.hpp>

#include <string>

namespace azureml::fakes {

// `inner` is properties.properties of a compute of `compute_type`.
void normalize_compute(const std::string& compute_type, nlohmann::json& inner);

}  // namespace azureml::fakes
