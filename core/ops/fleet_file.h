#pragma once
// A fleet file: the clusters one `attach --fleet FILE` attaches, in YAML or JSON.
//
//   workspace: ws                  # defaults for every cluster (else -w / -g)
//   resourceGroup: rg
//   config: attach.yaml            # attach configuration, relative to the fleet file
//   installExtension: true         # install (or converge) the AzureML extension first
//   settings: {enableTraining: "true"}   # its public settings
//   clusters:
//     - name: arc-1                # the compute's name (required)
//       cluster: cluster1          # the cluster's name, with clusterResourceGroup (default:
//       clusterResourceGroup: rg1  # resourceGroup) and clusterType (default connectedClusters),
//       clusterType: connectedClusters   # or clusterResourceId
//       config: gpu.yaml           # any default above can be given per cluster
//
// Every problem is reported at once, FILE:LINE:COL, before anything is sent.
#include <string>
#include <vector>

#include "core/config/source.h"
#include "core/ops/attach_compute.h"
#include "core/util/result.h"

namespace azureml::ops {

struct FleetDefaults {
  std::string subscription;
  std::string workspace;       // -w, when given
  std::string resource_group;  // -g, when given
};

// `base_directory`: where relative config paths start (the fleet file's directory).
Result<std::vector<AttachRequest>, std::vector<std::string>> load_fleet(const config::Source& source,
                                                                        const std::string& base_directory,
                                                                        const FleetDefaults& defaults);

}  // namespace azureml::ops
