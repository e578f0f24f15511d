// `extension install` through the real binary against the fakes: the requests it sends (fewer
// than the Azure CLI's 15), the body the chart receives (the Azure CLI's, compared key by
// key), converging re-runs, detection on the cluster, failures and what they say.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/integration/extension_fixture.h"

namespace azureml::testing {
namespace {

using nlohmann::json;
using ExtensionInstallTest = ExtensionTest;

const std::string kClusterGet = "GET " + kArcClusterId;
const std::string kListGet = "GET " + kExtensionsPath;

// What reference/az-k8s-extension-handler.md shows az k8s-extension 1.7.0 sending for
// `--configuration-settings enableTraining=True` on this cluster; CS is listKeys' answer.
json azure_cli_body(const std::string& connection_string) {
  return {{"identity", {{"type", "SystemAssigned"}}},
          {"properties",
           {{"extensionType", "microsoft.azureml.kubernetes"},
            {"releaseTrain", "stable"},
            {"scope", {{"cluster", {{"releaseNamespace", "azureml"}}}}},
            {"configurationSettings",
             {{"enableTraining", "True"},
              {"enableInference", "False"},
              {"cluster_name", kArcClusterId},
              {"domain", "eastus.cloudapp.azure.com"},
              {"location", "eastus"},
              {"jobSchedulerLocation", "eastus"},
              {"cluster_name_friendly", "cluster1"},
              {"servicebus.enabled", "false"},
              {"relayserver.enabled", "true"},
              {"nginxIngress.enabled", "false"},
              {"relayserver.hybridConnectionResourceID", kHybridConnection},
              {"relayserver.hybridConnectionName", "cluster1"},
              {"clusterId", kArcClusterId},
              {"prometheus.prometheusSpec.externalLabels.cluster_name", kArcClusterId}}},
            {"configurationProtectedSettings",
             {{"relayServerConnectionString", connection_string},
              {"relayserver.relayConnectionString", connection_string}}}}}};
}

TEST_F(ExtensionInstallTest, BodyIsTheOneTheAzureCliSendsForTheSameInput) {
  const auto [run, out] = install(without_cluster({"--config", "enableTraining=True"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string connection_string = sent_connection_string();
  EXPECT_TRUE(connection_string.starts_with("Endpoint=sb://" + kRelayNamespaceName +
                                            ".servicebus.windows.net/;SharedAccessKeyName=azureml_rw;SharedAccessKey="))
      << connection_string;
  EXPECT_EQ(last_body("PUT", kDefaultExtension), azure_cli_body(connection_string));
}

TEST_F(ExtensionInstallTest, AConnectionStringOfAnotherTypeIsNamedAndTheExtensionNotInstalled) {
  // Sent on, an empty string would install an extension that can never reach its Relay.
  azure.add_fault(fakes::Fault::reshape("POST", "/listKeys$", "/primaryConnectionString", "5"));
  const auto [run, out] = install();
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("POST " + kRelayRule +
                         "/listKeys answered JSON of an unexpected shape: at "
                         "$.primaryConnectionString a string was expected, not a number"),
            std::string::npos)
      << run.err;
  for (const auto& line : arm_sequence()) EXPECT_NE(line, "PUT " + kDefaultExtension);
}

// The cluster's facts and the extension list are read through their shapes too: the settings
// derived from an odd answer are never sent.
TEST_F(ExtensionInstallTest, AClusterAnswerOfAnotherShapeIsNamedAndNothingIsSent) {
  azure.add_fault(fakes::Fault::reshape("GET", "/connectedClusters/[^/]+$", "/properties/totalNodeCount", "\"3\""));
  const auto [run, out] = install();
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("at $.properties.totalNodeCount a whole number was expected, not a string"), std::string::npos)
      << run.err;
  for (const auto& line : arm_sequence()) EXPECT_FALSE(line.starts_with("PUT") || line.starts_with("PATCH")) << line;
}

TEST_F(ExtensionInstallTest, AnExtensionListedWithSettingsOfAnotherShapeIsNamed) {
  ASSERT_EQ(install().run.exit_code, 0);
  azure.add_fault(
      fakes::Fault::reshape("GET", "/extensions$", "/value/0/properties/configurationSettings/location", "{\"a\": 1}"));
  const auto [run, out] = install();
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("/extensions answered JSON of an unexpected shape: at "
                         "$.value[0].properties.configurationSettings.location a string was expected, not an object"),
            std::string::npos)
      << run.err;
}

TEST_F(ExtensionInstallTest, FreshArcInstallSendsFewerRequestsThanTheAzureCli) {
  const auto [run, out] = install();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "created");
  EXPECT_EQ(out["provisioningState"], "Succeeded");
  const std::vector<std::string> expected = {kClusterGet,
                                             kListGet,
                                             "GET " + kHybridConnection,
                                             "GET " + kRelayNamespace,
                                             "PUT " + kRelayNamespace,
                                             "POLL",
                                             "POLL",
                                             "PUT " + kHybridConnection,
                                             "PUT " + kRelayRule,
                                             "POST " + kRelayRule + "/listKeys",
                                             "PUT " + kDefaultExtension,
                                             "POLL",
                                             "POLL",
                                             "GET " + kDefaultExtension};
  EXPECT_EQ(arm_sequence(), expected);
  EXPECT_LT(arm_sequence().size(), 15u);  // the Azure CLI's count for the same end state
  // The Relay the Azure CLI would have made, tagged as it tags it.
  const auto relay = azure.resource(kRelayNamespace);
  ASSERT_TRUE(relay);
  EXPECT_EQ((*relay)["tags"], (json{{"created_by", "Azure Arc-enabled ML"}}));
  EXPECT_EQ(last_body("PUT", kRelayRule), (json{{"properties", {{"rights", {"Manage", "Send", "Listen"}}}}}));
  EXPECT_EQ(last_body("PUT", kHybridConnection), (json{{"properties", {{"requiresClientAuthorization", true}}}}));
}

TEST_F(ExtensionInstallTest, RerunWithTheSameSettingsSendsNoPut) {
  ASSERT_EQ(install().run.exit_code, 0);
  azure.clear_requests();
  const auto [run, out] = install();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "unchanged");
  EXPECT_EQ(arm_sequence(), (std::vector<std::string>{kClusterGet, kListGet}));
}

TEST_F(ExtensionInstallTest, ExistingRelayIsReusedWithTwoRequests) {
  ASSERT_EQ(install().run.exit_code, 0);
  ASSERT_EQ(extension("delete", {"--yes"}).run.exit_code, 0);
  azure.clear_requests();
  const auto [run, out] = install();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> expected = {
      kClusterGet, kListGet, "GET " + kHybridConnection, "POST " + kRelayRule + "/listKeys", "PUT " + kDefaultExtension,
      "POLL",      "POLL",   "GET " + kDefaultExtension};
  EXPECT_EQ(arm_sequence(), expected);
}

TEST_F(ExtensionInstallTest, ChangedSettingsArePatchedAndTheProtectedOnesKept) {
  ASSERT_EQ(install().run.exit_code, 0);
  azure.clear_requests();
  const auto [run, out] = install({"--config", "enableTraining=true", "--config", "nodeSelector.pool=gpu"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "updated");
  EXPECT_EQ(mutations(), (std::vector<std::string>{"PATCH " + kDefaultExtension}));
  const json patch = last_body("PATCH", kDefaultExtension);
  EXPECT_EQ(patch["properties"]["configurationSettings"]["nodeSelector.pool"], "gpu");
  // Azure keeps the protected map a PATCH leaves out; sending it would replace it whole.
  EXPECT_FALSE(patch["properties"].contains("configurationProtectedSettings"));
  EXPECT_NE(run.err.find("nodeSelector.pool added"), std::string::npos) << run.err;
}

TEST_F(ExtensionInstallTest, SettingsDroppedOnARerunStayAndAreNamed) {
  ASSERT_EQ(install({"--config", "enableTraining=true", "--config", "nodeSelector.pool=gpu"}).run.exit_code, 0);
  azure.clear_requests();
  const auto [run, out] = install();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "unchanged");  // a PATCH cannot remove it, so none is sent
  EXPECT_TRUE(mutations().empty());
  EXPECT_NE(run.err.find("'nodeSelector.pool' stays on the extension"), std::string::npos) << run.err;
  const auto stored = azure.resource(kDefaultExtension);
  EXPECT_EQ((*stored)["properties"]["configurationSettings"]["nodeSelector.pool"], "gpu");
}

TEST_F(ExtensionInstallTest, DevicePluginOnTheClusterTurnsItsInstallOff) {
  const auto [run, out] = install();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(last_body("PUT", kDefaultExtension)["properties"]["configurationSettings"]["installNvidiaDevicePlugin"],
            "False");
  EXPECT_EQ(out["notes"][0],
            "installNvidiaDevicePlugin=False: an NVIDIA device plugin is already installed on the "
            "cluster (kube-system/" +
                kDevicePlugin + ")");
  EXPECT_EQ(out["chartDefaults"], (json{{"installBlobfuseFlexvol", "True"},
                                        {"installBlobfuseSysctl", "True"},
                                        {"logAnalyticsWS", "False"},
                                        {"volumePluginDir", "/etc/kubernetes/volumeplugins"}}));
}

TEST_F(ExtensionInstallTest, WithoutTheDevicePluginNothingIsTurnedOff) {
  remove_device_plugin();
  const auto [run, out] = install();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(
      last_body("PUT", kDefaultExtension)["properties"]["configurationSettings"].contains("installNvidiaDevicePlugin"));
  EXPECT_EQ(out["chartDefaults"]["installNvidiaDevicePlugin"], "True");
}

TEST_F(ExtensionInstallTest, ExplicitDevicePluginInstallOnAClusterThatHasOneIsRefusedBeforeAnyChange) {
  const auto [run, out] = install({"--config", "enableTraining=true", "--config", "installNvidiaDevicePlugin=true"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("error: --config: installNvidiaDevicePlugin: is true, but an NVIDIA device plugin is "
                         "already installed on the cluster (kube-system/" +
                         kDevicePlugin + "): the extension's install would fail installing a second one"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("nothing was changed"), std::string::npos) << run.err;
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ExtensionInstallTest, WithoutClusterAccessItSaysWhatItCouldNotCheck) {
  const auto [run, out] = install(without_cluster({"--config", "enableTraining=true"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("warning: cluster not read: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("pass installNvidiaDevicePlugin=false"), std::string::npos) << run.err;
}

TEST_F(ExtensionInstallTest, AnotherClustersContextIsNotReadForThisOne) {
  const std::string other =
      azure.add_connected_cluster({.subscription = kArcSubscription, .resource_group = kArcGroup, .name = "edge"});
  const auto [run, out] = install({"--cluster-name", "edge", "-g", kArcGroup, "--subscription", kArcSubscription,
                                   "--config", "enableTraining=true"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("is the Arc cluster rg1/cluster1, not rg1/edge"), std::string::npos) << run.err;
  EXPECT_FALSE(last_body("PUT", other + "/providers/Microsoft.KubernetesConfiguration/extensions/amlarc-compute")
                   ["properties"]["configurationSettings"]
                       .contains("installNvidiaDevicePlugin"));
}

// --- settings refused offline: exit 2, no request at all ---

struct Refusal {
  std::vector<std::string> arguments;
  std::string message;
};

class ExtensionSettingsRefusedTest : public ExtensionTest, public ::testing::WithParamInterface<Refusal> {};

TEST_P(ExtensionSettingsRefusedTest, ExitsTwoAndSendsNothing) {
  const auto [run, out] = install(GetParam().arguments);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find(GetParam().message), std::string::npos) << run.err;
  EXPECT_TRUE(arm_requests().empty()) << "sent: " << arm_requests().front();
  EXPECT_EQ(run.out, "");
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ExtensionSettingsRefusedTest,
    ::testing::Values(
        Refusal{{}, "error: enableTraining: neither enableTraining nor enableInference is true"},
        Refusal{{"--config", "enableTraining=yes"},
                "error: --config: enableTraining: must be true or false, found 'yes'"},
        Refusal{{"--config", "enableInference=true", "--config", "allowInsecureConnections=true"},
                "inferenceRouterServiceType: is required with enableInference=true"},
        Refusal{
            {"--config", "enableInference=true", "--config", "inferenceRouterServiceType=Ingress", "--config",
             "allowInsecureConnections=true"},
            "inferenceRouterServiceType: must be one of 'LoadBalancer', 'NodePort' or 'ClusterIP', found 'Ingress'"},
        Refusal{{"--config", "enableInference=true", "--config", "inferenceRouterServiceType=LoadBalancer"},
                "inference needs TLS for its scoring endpoint"},
        Refusal{{"--config", "enableInference=true", "--config", "inferenceRouterServiceType=NodePort", "--config",
                 "internalLoadBalancerProvider=azure", "--config", "allowInsecureConnections=true"},
                "internalLoadBalancerProvider=azure cannot be used with inferenceRouterServiceType=NodePort"},
        Refusal{{"--config", "enableInference=true", "--config", "inferenceRouterServiceType=LoadBalancer", "--config",
                 "sslSecret=tls"},
                "sslCname: is required when TLS is enabled"},
        Refusal{{"--config", "enableTraining=true", "--config-protected", "enableTraining=true"},
                "enableTraining: given both as a public and as a protected setting"},
        Refusal{{"--config", "enableTraining=true", "--config", "relayServerConnectionString=Endpoint=x"},
                "relayServerConnectionString: is a secret"},
        Refusal{{"--config", "enableTraining"}, "--config: expected KEY=VALUE, found 'enableTraining'"},
        Refusal{{"--config", "enableTraining=true", "--config-file", "/nonexistent/settings.yaml"},
                "/nonexistent/settings.yaml"},
        Refusal{{"--config", "enableTraining=true", "--config", "logAnalyticsWS=true"},
                "this product does not create Log Analytics workspaces"}));

TEST_F(ExtensionInstallTest, SettingsFileGivesBothKindsAndPointsAtItsErrors) {
  const std::string good = dir.write("settings.yaml",
                                     "configurationSettings:\n  enableTraining: true\n  nodeSelector:\n    pool: gpu\n"
                                     "configurationProtectedSettings:\n  custom.secret: s3cret\n");
  const auto [run, out] = install(without_cluster({"--config-file", good}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json settings = last_body("PUT", kDefaultExtension)["properties"];
  EXPECT_EQ(settings["configurationSettings"]["enableTraining"], "true");
  EXPECT_EQ(settings["configurationSettings"]["nodeSelector.pool"], "gpu");
  EXPECT_EQ(settings["configurationProtectedSettings"]["custom.secret"], "s3cret");
  EXPECT_EQ(run.out.find("s3cret"), std::string::npos);
  EXPECT_EQ(run.err.find("s3cret"), std::string::npos);

  const std::string bad = dir.write("bad.yaml", "configurationSettings:\n  enableTraining: [true]\nsettings: {}\n");
  const auto refused = install({"--config-file", bad});
  EXPECT_EQ(refused.run.exit_code, 2);
  EXPECT_NE(refused.run.err.find(bad + ":2:19: enableTraining: must be a single value, found a list"),
            std::string::npos)
      << refused.run.err;
  EXPECT_NE(refused.run.err.find(bad + ":3:1: settings: unknown key"), std::string::npos) << refused.run.err;
}

TEST_F(ExtensionInstallTest, UnknownSettingPassesThroughWithAWarning) {
  const auto [run, out] = install(without_cluster({"--config", "enableTraining=true", "--config", "enableTrainng=1"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("warning: --config: enableTrainng: not a setting this product knows; passed to the "
                         "extension as given (did you mean 'enableTraining'?)"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(last_body("PUT", kDefaultExtension)["properties"]["configurationSettings"]["enableTrainng"], "1");
}

// --- what the cluster is ---

TEST_F(ExtensionInstallTest, SmallAndOpenShiftClustersGetTheirSettings) {
  azure.add_connected_cluster({.subscription = kArcSubscription,
                               .resource_group = kArcGroup,
                               .name = "small",
                               .node_count = 2,
                               .distribution = "openshift"});
  const auto [run, out] = install({"--cluster-name", "small", "-g", kArcGroup, "--subscription", kArcSubscription,
                                   "--config", "enableTraining=true"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string id = "/subscriptions/" + kArcSubscription + "/resourceGroups/" + kArcGroup +
                         "/providers/Microsoft.Kubernetes/connectedClusters/small";
  const json settings = last_body(
      "PUT", id + "/providers/Microsoft.KubernetesConfiguration/extensions/amlarc-compute")["properties"]
                                                                                           ["configurationSettings"];
  EXPECT_EQ(settings["clusterPurpose"], "DevTest");
  EXPECT_EQ(settings["inferenceRouterHA"], "false");
  EXPECT_EQ(settings["openshift"], "true");
}

TEST_F(ExtensionInstallTest, AksClusterGetsNoRelayAndNoIdentity) {
  const std::string aks = azure.add_managed_cluster(
      {.subscription = kArcSubscription, .resource_group = kArcGroup, .name = "aks1", .location = "westeurope"});
  const auto [run, out] =
      install({"--kubeconfig", "/nonexistent/kubeconfig", "--cluster-type", "managedClusters", "--cluster-name", "aks1",
               "-g", kArcGroup, "--subscription", kArcSubscription, "--config", "enableTraining=true"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string extension = aks + "/providers/Microsoft.KubernetesConfiguration/extensions/amlarc-compute";
  const json body = last_body("PUT", extension);
  EXPECT_FALSE(body.contains("identity"));
  const json settings = body["properties"]["configurationSettings"];
  EXPECT_EQ(settings["relayserver.enabled"], "false");
  EXPECT_EQ(settings["nginxIngress.enabled"], "true");
  EXPECT_EQ(settings["location"], "westeurope");
  EXPECT_FALSE(settings.contains("relayserver.hybridConnectionName"));
  EXPECT_TRUE(body["properties"]["configurationProtectedSettings"].empty());
  for (const auto& line : arm_requests()) EXPECT_EQ(line.find("Microsoft.Relay"), std::string::npos) << line;
}

TEST_F(ExtensionInstallTest, ServiceBusIsProvidedWhenAskedFor) {
  const auto [run, out] =
      install(without_cluster({"--config", "enableTraining=true", "--config", "servicebus.enabled=true"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string bus =
      "/subscriptions/" + kArcSubscription + "/resourceGroups/" + kArcGroup +
      "/providers/Microsoft.ServiceBus/namespaces/cluster100000000000000000000000000000001rg1sf2105c";  // 44 + md5
  ASSERT_TRUE(azure.resource(bus));
  EXPECT_TRUE(azure.resource(bus + "/topics/computestate-updatedby-computeprovider/subscriptions/"
                                   "compute-scheduler-computestate"));
  EXPECT_TRUE(
      azure.resource(bus + "/topics/jobstate-updatedby-computeprovider/subscriptions/compute-scheduler-jobstate"));
  const json properties = last_body("PUT", kDefaultExtension)["properties"];
  EXPECT_EQ(properties["configurationSettings"]["servicebus.resourceID"], bus);
  EXPECT_EQ(properties["configurationSettings"]["servicebus.topicSubMapping.jobstate-updatedby-computeprovider"],
            "compute-scheduler-jobstate");
  const std::string bus_string = properties["configurationProtectedSettings"].value("serviceBusConnectionString", "");
  EXPECT_TRUE(bus_string.find("SharedAccessKeyName=RootManageSharedAccessKey") != std::string::npos) << bus_string;
  EXPECT_EQ(properties["configurationProtectedSettings"]["servicebus.connectionString"], bus_string);
}

TEST_F(ExtensionInstallTest, GivenRelayConnectionStringMeansNoRelayIsMade) {
  const auto [run, out] =
      install(without_cluster({"--config", "enableTraining=true", "--config-protected",
                               "relayServerConnectionString=Endpoint=sb://mine/;SharedAccessKey=k"}));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const auto& line : arm_requests()) EXPECT_EQ(line.find("Microsoft.Relay"), std::string::npos) << line;
  EXPECT_EQ(
      last_body("PUT",
                kDefaultExtension)["properties"]["configurationProtectedSettings"]["relayserver.relayConnectionString"],
      "Endpoint=sb://mine/;SharedAccessKey=k");
}

// --- the extension already there ---

TEST_F(ExtensionInstallTest, AzureMLExtensionUnderAnotherNameIsTheOneConverged) {
  azure.add_extension({.cluster_id = kArcClusterId, .name = "azureml"});
  const auto [run, out] = install();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["name"], "azureml");
  EXPECT_EQ(mutations().back(), "PATCH " + kExtensionsPath + "/azureml");
  const auto named = install({"--name", "second", "--config", "enableTraining=true"});
  EXPECT_EQ(named.run.exit_code, 2);
  EXPECT_NE(named.run.err.find("the cluster already runs the AzureML extension 'azureml', and a cluster runs only one"),
            std::string::npos)
      << named.run.err;
}

TEST_F(ExtensionInstallTest, NameTakenByAnotherTypeIsRefused) {
  azure.add_extension({.cluster_id = kArcClusterId, .name = "amlarc-compute", .extension_type = "Microsoft.Flux"});
  const auto [run, out] = install();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("the cluster's extension 'amlarc-compute' is of type Microsoft.Flux"), std::string::npos)
      << run.err;
  EXPECT_TRUE(mutations().empty());
}

TEST_F(ExtensionInstallTest, FailedInstallSaysWhyAndARerunInstallsAgain) {
  azure.set_operation_outcome(
      "PUT", "/extensions/",
      {.status = "Failed", .error_code = "HelmInstallFailed", .error_message = "nvidia-device-plugin already exists"});
  const auto [run, out] = install();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("error: extension amlarc-compute failed to install:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("HelmInstallFailed"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("nvidia-device-plugin already exists"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("https://aka.ms/arcmltsg"), std::string::npos) << run.err;

  azure.clear_operation_outcomes();
  const auto again = install();
  ASSERT_EQ(again.run.exit_code, 0) << again.run.err;
  EXPECT_EQ(again.out["action"], "reinstalled");
}

TEST_F(ExtensionInstallTest, RefusedPutSaysWhatWasAlreadyMade) {
  azure.add_lock(kArcClusterId, "frozen", "ReadOnly");  // the cluster's, not the group's: the Relay can be made
  const auto [run, out] = install();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("ScopeLocked"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("done before it: create Relay namespace " + kRelayNamespaceName), std::string::npos)
      << run.err;
}

TEST_F(ExtensionInstallTest, UnregisteredProviderIsNamedOnlyWhenACallFailsForIt) {
  azure.set_provider_registration(kArcSubscription, "Microsoft.KubernetesConfiguration", "NotRegistered");
  const auto [run, out] = install();
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("az provider register --namespace Microsoft.KubernetesConfiguration"), std::string::npos)
      << run.err;
  for (const auto& line : arm_requests()) EXPECT_FALSE(line.ends_with("/providers/Microsoft.KubernetesConfiguration"));
}

TEST_F(ExtensionInstallTest, DryRunShowsThePlanWithSecretsRedactedAndChangesNothing) {
  const auto [run, out] = install({"--config", "enableTraining=true", "--dry-run"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "would be created");
  EXPECT_TRUE(mutations().empty());
  std::vector<std::string> planned;
  for (const auto& change : out["changes"])
    planned.push_back(change["method"].get<std::string>() + " " + change["path"].get<std::string>());
  EXPECT_EQ(planned, (std::vector<std::string>{"PUT " + kRelayNamespace, "PUT " + kHybridConnection,
                                               "PUT " + kRelayRule, "PUT " + kDefaultExtension}));
  EXPECT_EQ(out["changes"][3]["body"]["properties"]["configurationProtectedSettings"],
            (json{{"relayServerConnectionString", "<redacted>"}, {"relayserver.relayConnectionString", "<redacted>"}}));
  EXPECT_FALSE(azure.resource(kRelayNamespace));
}

TEST_F(ExtensionInstallTest, NoSecretReachesOutputOrVerboseLogs) {
  const auto [run, out] = install({"--config", "enableTraining=true", "-v"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string connection_string = sent_connection_string();
  const std::string key = connection_string.substr(
      connection_string.find("SharedAccessKey=") + 16,
      connection_string.find(";EntityPath") - (connection_string.find("SharedAccessKey=") + 16));
  ASSERT_GT(key.size(), 20u);
  EXPECT_EQ(run.out.find(key), std::string::npos);
  EXPECT_EQ(run.err.find(key), std::string::npos);
  EXPECT_EQ(run.err.find(azure.options().client_secret), std::string::npos);
  EXPECT_NE(run.err.find("PUT "), std::string::npos) << "no verbose log: " << run.err;
}

TEST_F(ExtensionInstallTest, NoWaitReturnsOnceAzureHasTheRequest) {
  const auto [run, out] = install({"--config", "enableTraining=true", "--no-wait"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(out["action"], "started");
  EXPECT_EQ(arm_sequence().back(), "PUT " + kDefaultExtension);
}

TEST_F(ExtensionInstallTest, MissingClusterIsExitFourNamingIt) {
  const auto [run, out] = install({"--cluster-name", "nope", "-g", kArcGroup, "--subscription", kArcSubscription,
                                   "--config", "enableTraining=true"});
  EXPECT_EQ(run.exit_code, 4);
  EXPECT_NE(run.err.find("connectedClusters/nope not found"), std::string::npos) << run.err;
}

TEST_F(ExtensionInstallTest, NoClusterAnywhereIsAUsageError) {
  const auto [run, out] = install({"--kubeconfig", "/nonexistent/kubeconfig", "--config", "enableTraining=true"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("error: no cluster given: pass --cluster-name"), std::string::npos) << run.err;
  EXPECT_TRUE(arm_requests().empty());
}

}  // namespace
}  // namespace azureml::testing
