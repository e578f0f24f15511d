#pragma once
// The checks the Azure CLI's AzureML handler makes before it sends anything, and a few more,
// with the normalizations it applies (reference/azure-rest-contract.md §1.2):
//  - no key both public and protected; secrets (connection strings, the TLS key and
//    certificate files) only protected; switches true or false;
//  - enableTraining or enableInference true; both made explicit public settings, as the
//    handler writes them ("True"/"False" when not given; the user's text when given);
//  - inference: inferenceRouterServiceType one of LoadBalancer, NodePort, ClusterIP (any case;
//    scoringFe.serviceType.nodePort True for NodePort, else False); internalLoadBalancerProvider
//    azure sets scoringFe.serviceType.internalLoadBalancer True (refused with NodePort), empty
//    sets it False; TLS from the
//    protected sslCertPemFile + sslKeyPemFile (read here, sent base64 as scoringFe.sslCert and
//    scoringFe.sslKey) or sslSecret (sent as scoringFe.sslSecret), with sslCname; or
//    allowInsecureConnections=true;
//  - isAKSMigration=true adds scoringFe.namespace=default;
//  - logAnalyticsWS=true without azure_log_analytics.connection_string is refused: this
//    product does not create Log Analytics workspaces (say how to bring one);
//  - unknown keys pass with a warning (and a "did you mean" for near misses).
#include <functional>
#include <string>
#include <vector>

#include "core/extension/settings.h"
#include "core/util/result.h"

namespace azureml::extension {

// Reads a local file named by a setting (the TLS PEM files); the error says why not.
using FileReader = std::function<Result<std::string>(const std::string& path)>;
FileReader disk_reader();

struct ValidatedSettings {
  Settings settings;  // normalized; meaningful only without errors
  std::vector<SettingProblem> problems;
};

ValidatedSettings validate_settings(const UserSettings& user, const FileReader& read_file);

}  // namespace azureml::extension
