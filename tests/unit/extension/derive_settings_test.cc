// derive_settings, needs_relay, needs_service_bus and chart_defaults: what the handler adds on
// top of the user's validated settings from the cluster, the created resources and add-ons.
#include "core/extension/derive_settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/extension/validate_settings.h"

namespace azureml::extension {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Key;
using ::testing::Not;
using ::testing::Pair;

const std::string kArcId =
    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.Kubernetes/"
    "connectedClusters/cluster1";
const std::string kAksId =
    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.ContainerService/"
    "managedClusters/aks1";
const std::string kRelaySecret = "Endpoint=sb://relay.example/;SharedAccessKeyName=azureml_rw;SharedAccessKey=r";
const std::string kBusSecret =
    "Endpoint=sb://bus.example/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=b";
const DerivedSecrets kSecrets{kRelaySecret, kBusSecret};

const InstalledAddOn kNvidia{"installNvidiaDevicePlugin", "an NVIDIA device plugin",
                             "kube-system/nvidia-device-plugin-daemonset"};
const InstalledAddOn kBlobfuse{"installBlobfuseFlexvol", "the blobfuse flexvolume driver",
                               "kube-system/blobfuse-flexvol-installer"};

ClusterFacts cluster(const std::string& id = kArcId, std::optional<int> nodes = 3, bool openshift = false) {
  auto parsed = arm::ResourceId::parse_cluster(id);
  EXPECT_TRUE(parsed.ok()) << id;
  return ClusterFacts{parsed.value(), "eastus", nodes, openshift};
}

UserSettings user_from(const std::vector<std::string>& public_flags, const std::vector<std::string>& protected_flags) {
  UserSettings user;
  std::vector<SettingProblem> problems;
  add_assignments(user, public_flags, false, problems);
  add_assignments(user, protected_flags, true, problems);
  EXPECT_THAT(problems, IsEmpty());
  return user;
}

// Validates the flags (which must be valid) and derives from them.
Derivation derive(const std::vector<std::string>& public_flags, const std::vector<std::string>& protected_flags = {},
                  const ClusterFacts& facts = cluster(), const std::vector<InstalledAddOn>& installed = {}) {
  const UserSettings user = user_from(public_flags, protected_flags);
  const ValidatedSettings validated =
      validate_settings(user, [](const std::string&) -> Result<std::string> { return fail("no files here"); });
  EXPECT_FALSE(has_errors(validated.problems)) << "the test's own settings are invalid";
  return derive_settings(user, validated.settings, facts, installed, kSecrets);
}

Settings settings(SettingMap public_settings, SettingMap protected_settings = {}) {
  return Settings{std::move(public_settings), std::move(protected_settings)};
}

const std::vector<std::string> kInferenceOnly = {"enableInference=true", "inferenceRouterServiceType=LoadBalancer",
                                                 "allowInsecureConnections=true"};

// ---- the whole body for an Arc cluster --------------------------------------------------

TEST(DeriveSettings, ArcClusterWithTrainingGetsExactlyTheHandlersSettings) {
  const Derivation derived = derive({"enableTraining=True"});
  const SettingMap expected_public = {
      {"enableTraining", "True"},
      {"enableInference", "False"},
      {"cluster_name", kArcId},
      {"clusterId", kArcId},
      {"prometheus.prometheusSpec.externalLabels.cluster_name", kArcId},
      {"domain", "eastus.cloudapp.azure.com"},
      {"location", "eastus"},
      {"jobSchedulerLocation", "eastus"},
      {"cluster_name_friendly", "cluster1"},
      {"servicebus.enabled", "false"},
      {"relayserver.enabled", "true"},
      {"nginxIngress.enabled", "false"},
      {"relayserver.hybridConnectionResourceID",
       "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/Microsoft.Relay/namespaces/"
       "cluster100000000000000000000000000000001rg1relay/hybridConnections/cluster1"},
      {"relayserver.hybridConnectionName", "cluster1"},
  };
  const SettingMap expected_protected = {
      {"relayServerConnectionString", kRelaySecret},
      {"relayserver.relayConnectionString", kRelaySecret},
  };
  EXPECT_EQ(derived.settings.public_settings, expected_public);
  EXPECT_EQ(derived.settings.protected_settings, expected_protected);
  EXPECT_THAT(derived.notes, IsEmpty());
  EXPECT_THAT(derived.problems, IsEmpty());
}

// ---- node count, OpenShift, cluster kind ------------------------------------------------

TEST(DeriveSettings, FewerThanThreeNodesMakeADevTestClusterWithANote) {
  const Derivation derived = derive({"enableTraining=true"}, {}, cluster(kArcId, 2));
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("clusterPurpose", "DevTest")));
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("inferenceRouterHA", "false")));
  EXPECT_THAT(derived.notes, ElementsAre("clusterPurpose=DevTest and inferenceRouterHA=false: the cluster has 2 "
                                         "nodes, fewer than the 3 a highly available inference router needs"));
}

TEST(DeriveSettings, OneNodeNoteSaysNodeInTheSingular) {
  const Derivation derived = derive({"enableTraining=true"}, {}, cluster(kArcId, 1));
  EXPECT_THAT(derived.notes, ElementsAre("clusterPurpose=DevTest and inferenceRouterHA=false: the cluster has 1 "
                                         "node, fewer than the 3 a highly available inference router needs"));
}

TEST(DeriveSettings, ThreeNodesOrAnUnknownCountMakeNoDevTestCluster) {
  for (std::optional<int> nodes : {std::optional<int>(3), std::optional<int>()}) {
    const Derivation derived = derive({"enableTraining=true"}, {}, cluster(kArcId, nodes));
    EXPECT_THAT(derived.settings.public_settings, Not(Contains(Key("clusterPurpose"))));
    EXPECT_THAT(derived.settings.public_settings, Not(Contains(Key("inferenceRouterHA"))));
    EXPECT_THAT(derived.notes, IsEmpty());
  }
}

TEST(DeriveSettings, FewNodesButBothSettingsGivenKeepsThemWithoutANote) {
  const Derivation derived =
      derive({"enableTraining=true", "clusterPurpose=FastProd", "inferenceRouterHA=true"}, {}, cluster(kArcId, 2));
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("clusterPurpose", "FastProd")));
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("inferenceRouterHA", "true")));
  EXPECT_THAT(derived.notes, IsEmpty());
}

TEST(DeriveSettings, FewNodesNoteNamesOnlyTheSettingsItDerived) {
  const Derivation derived = derive({"enableTraining=true", "inferenceRouterHA=true"}, {}, cluster(kArcId, 2));
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("inferenceRouterHA", "true")));
  ASSERT_EQ(derived.notes.size(), 1u);
  EXPECT_THAT(derived.notes[0], HasSubstr("clusterPurpose=DevTest"));
  EXPECT_THAT(derived.notes[0], Not(HasSubstr("inferenceRouterHA=false")));
}

TEST(DeriveSettings, OpenShiftAddsOpenshiftTrue) {
  const Derivation derived = derive({"enableTraining=true"}, {}, cluster(kArcId, 3, true));
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("openshift", "true")));
}

TEST(DeriveSettings, NotOpenShiftAddsNoOpenshiftSetting) {
  const Derivation derived = derive({"enableTraining=true"});
  EXPECT_THAT(derived.settings.public_settings, Not(Contains(Key("openshift"))));
}

TEST(DeriveSettings, ManagedClusterHasNginxIngressAndNoRelay) {
  const Derivation derived = derive({"enableTraining=True"}, {}, cluster(kAksId));
  const SettingMap expected_public = {
      {"enableTraining", "True"},
      {"enableInference", "False"},
      {"cluster_name", kAksId},
      {"clusterId", kAksId},
      {"prometheus.prometheusSpec.externalLabels.cluster_name", kAksId},
      {"domain", "eastus.cloudapp.azure.com"},
      {"location", "eastus"},
      {"jobSchedulerLocation", "eastus"},
      {"cluster_name_friendly", "aks1"},
      {"servicebus.enabled", "false"},
      {"relayserver.enabled", "false"},
      {"nginxIngress.enabled", "true"},
  };
  EXPECT_EQ(derived.settings.public_settings, expected_public);
  EXPECT_THAT(derived.settings.protected_settings, IsEmpty());
}

// ---- the user's values win --------------------------------------------------------------

TEST(DeriveSettings, UserValueWinsOverADerivedOne) {
  const Derivation derived = derive({"enableTraining=true", "domain=ml.contoso.com", "location=westus2"});
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("domain", "ml.contoso.com")));
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("location", "westus2")));
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("jobSchedulerLocation", "eastus")));
}

TEST(DeriveSettings, UserClusterNameIsCopiedToTheChartsKeys) {
  const Derivation derived = derive({"enableTraining=true", "cluster_name=my-cluster"});
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("cluster_name", "my-cluster")));
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("clusterId", "my-cluster")));
  EXPECT_THAT(derived.settings.public_settings,
              Contains(Pair("prometheus.prometheusSpec.externalLabels.cluster_name", "my-cluster")));
}

TEST(DeriveSettings, RelayDisabledByTheUserOnArcCreatesNoRelaySettings) {
  const Derivation derived = derive({"enableTraining=true", "relayserver.enabled=False"});
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("relayserver.enabled", "False")));
  EXPECT_THAT(derived.settings.public_settings, Not(Contains(Key("relayserver.hybridConnectionResourceID"))));
  EXPECT_THAT(derived.settings.protected_settings, IsEmpty());
}

// ---- Relay and Service Bus ----------------------------------------------------------------

TEST(DeriveSettings, ServiceBusEnabledAddsItsIdTopicsAndConnectionString) {
  const Derivation derived = derive({"enableTraining=true", "servicebus.enabled=true"});
  const auto& pub = derived.settings.public_settings;
  EXPECT_THAT(pub, Contains(Pair("servicebus.enabled", "true")));
  EXPECT_THAT(pub,
              Contains(Pair("servicebus.resourceID",
                            "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1/providers/"
                            "Microsoft.ServiceBus/namespaces/cluster100000000000000000000000000000001rg1sf2105c")));
  EXPECT_THAT(pub, Contains(Pair("servicebus.topicSubMapping.computestate-updatedby-computeprovider",
                                 "compute-scheduler-computestate")));
  EXPECT_THAT(pub, Contains(Pair("servicebus.topicSubMapping.jobstate-updatedby-computeprovider",
                                 "compute-scheduler-jobstate")));
  EXPECT_THAT(derived.settings.protected_settings, Contains(Pair("serviceBusConnectionString", kBusSecret)));
  EXPECT_THAT(derived.settings.protected_settings, Contains(Pair("servicebus.connectionString", kBusSecret)));
  EXPECT_THAT(pub, Not(Contains(Key("serviceBusConnectionString"))));
  EXPECT_THAT(pub, Not(Contains(Key("servicebus.connectionString"))));
}

TEST(DeriveSettings, ServiceBusDisabledByDefaultAddsNoServiceBusSettings) {
  const Derivation derived = derive({"enableTraining=true"});
  EXPECT_THAT(derived.settings.public_settings, Not(Contains(Key("servicebus.resourceID"))));
  EXPECT_THAT(derived.settings.protected_settings, Not(Contains(Key("serviceBusConnectionString"))));
}

TEST(DeriveSettings, UserRelayConnectionStringMeansNoRelayAndIsDereferenced) {
  const Derivation derived = derive({"enableTraining=true"}, {"relayServerConnectionString=Endpoint=sb://mine/"});
  EXPECT_THAT(derived.settings.public_settings, Not(Contains(Key("relayserver.hybridConnectionResourceID"))));
  EXPECT_THAT(derived.settings.public_settings, Not(Contains(Key("relayserver.hybridConnectionName"))));
  const SettingMap expected_protected = {{"relayServerConnectionString", "Endpoint=sb://mine/"},
                                         {"relayserver.relayConnectionString", "Endpoint=sb://mine/"}};
  EXPECT_EQ(derived.settings.protected_settings, expected_protected);
}

TEST(DeriveSettings, UserServiceBusConnectionStringIsDereferenced) {
  const Derivation derived =
      derive({"enableTraining=true", "servicebus.enabled=true"}, {"serviceBusConnectionString=Endpoint=sb://bus2/"});
  EXPECT_THAT(derived.settings.public_settings, Not(Contains(Key("servicebus.resourceID"))));
  EXPECT_THAT(derived.settings.protected_settings,
              Contains(Pair("servicebus.connectionString", "Endpoint=sb://bus2/")));
}

TEST(NeedsRelay, OnByDefaultOnArcOffOnAks) {
  EXPECT_TRUE(needs_relay(settings({}), arm::ClusterKind::connected));
  EXPECT_FALSE(needs_relay(settings({}), arm::ClusterKind::managed));
}

TEST(NeedsRelay, FollowsRelayserverEnabledInAnyCase) {
  EXPECT_TRUE(needs_relay(settings({{"relayserver.enabled", "true"}}), arm::ClusterKind::managed));
  EXPECT_FALSE(needs_relay(settings({{"relayserver.enabled", "FALSE"}}), arm::ClusterKind::connected));
}

TEST(NeedsRelay, NotWhenTheUserGivesTheConnectionString) {
  EXPECT_FALSE(
      needs_relay(settings({}, {{"relayServerConnectionString", "Endpoint=sb://x/"}}), arm::ClusterKind::connected));
}

TEST(NeedsServiceBus, OnlyWhenEnabledAndNoConnectionStringGiven) {
  EXPECT_FALSE(needs_service_bus(settings({})));
  EXPECT_FALSE(needs_service_bus(settings({{"servicebus.enabled", "False"}})));
  EXPECT_TRUE(needs_service_bus(settings({{"servicebus.enabled", "True"}})));
  EXPECT_FALSE(needs_service_bus(
      settings({{"servicebus.enabled", "true"}}, {{"serviceBusConnectionString", "Endpoint=sb://x/"}})));
}

// ---- add-ons already on the cluster -----------------------------------------------------

TEST(DeriveSettings, InstalledNvidiaPluginTurnsItsInstallOffWithANote) {
  const Derivation derived = derive({"enableTraining=true"}, {}, cluster(), {kNvidia});
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("installNvidiaDevicePlugin", "False")));
  EXPECT_THAT(derived.notes, ElementsAre("installNvidiaDevicePlugin=False: an NVIDIA device plugin is already "
                                         "installed on the cluster (kube-system/nvidia-device-plugin-daemonset)"));
  EXPECT_THAT(derived.problems, IsEmpty());
}

TEST(DeriveSettings, InstalledNvidiaPluginWithAnExplicitTrueIsAnError) {
  const Derivation derived =
      derive({"enableTraining=true", "installNvidiaDevicePlugin=true"}, {}, cluster(), {kNvidia});
  std::vector<std::string> lines;
  for (const auto& problem : derived.problems) lines.push_back(format(problem));
  EXPECT_THAT(lines, ElementsAre("error: --config: installNvidiaDevicePlugin: is true, but an NVIDIA device plugin is "
                                 "already installed on the cluster (kube-system/nvidia-device-plugin-daemonset): the "
                                 "extension's install would fail installing a second one (drop the setting (then "
                                 "False is sent) or pass installNvidiaDevicePlugin=false)"));
  EXPECT_THAT(derived.notes, IsEmpty());
}

TEST(DeriveSettings, InstalledNvidiaPluginWithAnExplicitFalseIsLeftAlone) {
  const Derivation derived =
      derive({"enableTraining=true", "installNvidiaDevicePlugin=false"}, {}, cluster(), {kNvidia});
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("installNvidiaDevicePlugin", "false")));
  EXPECT_THAT(derived.notes, IsEmpty());
  EXPECT_THAT(derived.problems, IsEmpty());
}

TEST(DeriveSettings, InstalledBlobfuseWithoutTrainingChangesNothing) {
  const Derivation derived = derive(kInferenceOnly, {}, cluster(), {kBlobfuse});
  EXPECT_THAT(derived.settings.public_settings, Not(Contains(Key("installBlobfuseFlexvol"))));
  EXPECT_THAT(derived.notes, IsEmpty());
  EXPECT_THAT(derived.problems, IsEmpty());
}

TEST(DeriveSettings, InstalledBlobfuseWithTrainingTurnsItsInstallOff) {
  const Derivation derived = derive({"enableTraining=true"}, {}, cluster(), {kBlobfuse});
  EXPECT_THAT(derived.settings.public_settings, Contains(Pair("installBlobfuseFlexvol", "False")));
  EXPECT_THAT(derived.notes, ElementsAre("installBlobfuseFlexvol=False: the blobfuse flexvolume driver is already "
                                         "installed on the cluster (kube-system/blobfuse-flexvol-installer)"));
}

// ---- chart defaults ---------------------------------------------------------------------

TEST(ChartDefaults, WithTraining) {
  EXPECT_EQ(chart_defaults(settings({{"enableTraining", "True"}, {"enableInference", "False"}})),
            (SettingMap{{"installNvidiaDevicePlugin", "True"},
                        {"installBlobfuseSysctl", "True"},
                        {"installBlobfuseFlexvol", "True"},
                        {"volumePluginDir", "/etc/kubernetes/volumeplugins"},
                        {"logAnalyticsWS", "False"}}));
}

TEST(ChartDefaults, WithoutTraining) {
  EXPECT_EQ(chart_defaults(settings({{"enableTraining", "False"}, {"enableInference", "true"}})),
            (SettingMap{{"installNvidiaDevicePlugin", "True"}, {"logAnalyticsWS", "False"}}));
}

TEST(ChartDefaults, GivenSettingsAreNotDefaults) {
  EXPECT_EQ(chart_defaults(settings({{"enableTraining", "true"},
                                     {"installNvidiaDevicePlugin", "False"},
                                     {"volumePluginDir", "/var/lib/kubelet/volumeplugins"}},
                                    {{"logAnalyticsWS", "true"}})),
            (SettingMap{{"installBlobfuseSysctl", "True"}, {"installBlobfuseFlexvol", "True"}}));
}

}  // namespace
}  // namespace azureml::extension
