#pragma once
// `doctor`: every check that can be run with what is reachable, in one report. The cluster
// side needs a KubeClient, the Azure side an ArmClient and the ids; whatever is missing turns
// its checks into "skip" lines that say what to give, never into a crash or a silent gap.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/arm/arm_client.h"
#include "core/arm/resource_id.h"
#include "core/config/attach_config.h"
#include "core/kube/api_client.h"
#include "core/ops/doctor_checks.h"

namespace azureml::ops {

struct DoctorInputs {
  config::AttachConfig config = config::service_default_config();
  kube::KubeClient* kube = nullptr;  // null: no cluster access (see kube_problem)
  std::string kube_problem;          // why there is none, e.g. a kubeconfig error
  arm::ArmClient* arm = nullptr;     // null: Azure not reachable or not asked for (see arm_problem)
  std::string arm_problem;
  std::optional<arm::ResourceId> cluster;    // from flags, or the Arc ConfigMap (kube/arc_identity.h)
  std::optional<arm::ResourceId> workspace;  // from -w/-g
  // The extension settings an install would send, when known: compared with the add-ons found.
  const std::map<std::string, std::string>* extension_settings = nullptr;
  std::string release_namespace = "azureml";
  std::string command;  // how the user runs this tool ("kubectl azureml"), for the fixes that name a command
};

struct DoctorReport {
  std::vector<Check> checks;
  bool failed() const;
  std::size_t count(CheckStatus status) const;
};

DoctorReport run_doctor(const DoctorInputs& inputs);

}  // namespace azureml::ops
