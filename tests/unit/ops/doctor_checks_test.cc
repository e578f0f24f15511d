// doctor's checks as pure functions: nodes, resources, GPUs, add-ons, extension pods; and the
// Kubernetes JSON they read.
#include "core/ops/doctor_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/kube/add_ons.h"
#include "core/kube/objects.h"

namespace azureml::ops {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

kube::Node node(std::string name, kube::Labels labels, std::map<std::string, std::string> allocatable,
                bool ready = true) {
  kube::Node n;
  n.name = std::move(name);
  n.labels = std::move(labels);
  n.allocatable = allocatable;
  n.capacity = std::move(allocatable);
  n.ready = ready;
  return n;
}

config::Quantity q(const char* text) { return config::Quantity::parse(text).value(); }

config::InstanceType type(std::string name, std::optional<config::LabelSelector> selector,
                          config::ResourceList requests, std::optional<config::ResourceList> limits = std::nullopt) {
  return {std::move(name), std::move(selector), std::move(requests), std::move(limits)};
}

config::AttachConfig config_of(std::vector<config::InstanceType> types) {
  config::AttachConfig config;
  config.default_instance_type = types.front().name;
  config.instance_types = std::move(types);
  return config;
}

const std::vector<kube::Node> kNodes = {
    node("cpu-1", {{"pool", "cpu"}}, {{"cpu", "3920m"}, {"memory", "14Gi"}}),
    node("gpu-1", {{"pool", "gpu"}, {"accelerator", "nvidia-tesla-k80"}},
         {{"cpu", "5840m"}, {"memory", "50Gi"}, {"nvidia.com/gpu", "1"}}),
    node("gpu-2", {{"pool", "gpu"}}, {{"cpu", "8"}, {"memory", "50Gi"}, {"nvidia.com/gpu", "2"}}, false),
};

TEST(CheckNamespace, PassesOrSaysHowToCreateIt) {
  EXPECT_EQ(check_namespace("ml", true).status, CheckStatus::pass);
  const Check missing = check_namespace("ml", false);
  EXPECT_EQ(missing.status, CheckStatus::fail);
  EXPECT_EQ(missing.found, "namespace 'ml' does not exist; jobs of the compute would fail to start");
  EXPECT_EQ(missing.fix, "kubectl create namespace ml (needs permission to create namespaces, e.g. cluster-admin)");
}

TEST(CheckInstanceTypes, AFittingTypePassesNodesAndResources) {
  const auto checks = check_instance_types(
      config_of({type("small", config::LabelSelector{{"pool", "cpu"}}, {{"cpu", q("1")}, {"memory", q("4Gi")}})}),
      kNodes, true);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].name, "instance type 'small': nodes");
  EXPECT_EQ(checks[0].status, CheckStatus::pass);
  EXPECT_EQ(checks[0].found, "1 Ready node matches pool=cpu: cpu-1");
  EXPECT_EQ(checks[1].status, CheckStatus::pass);
  EXPECT_EQ(checks[1].found, "requests cpu=1, memory=4Gi; fits cpu-1 (cpu=3920m, memory=14Gi)");
}

TEST(CheckInstanceTypes, NoMatchingNodeFailsWithTheLabelCommand) {
  const auto checks = check_instance_types(
      config_of({type("t", config::LabelSelector{{"pool", "fpga"}}, {{"cpu", q("1")}})}), kNodes, true);
  ASSERT_EQ(checks.size(), 1u);  // no resources check without a node to measure
  EXPECT_EQ(checks[0].status, CheckStatus::fail);
  EXPECT_EQ(checks[0].found, "no Ready node matches pool=fpga");
  EXPECT_EQ(checks[0].fix,
            "label a Ready node (kubectl label node NODE pool=fpga) or change the nodeSelector of instance type 't'");
}

TEST(CheckInstanceTypes, MatchingNodesThatAreNotReadyAreNamed) {
  const auto checks =
      check_instance_types(config_of({type("t", config::LabelSelector{{"pool", "gpu"}, {"accelerator", "x"}}, {})}),
                           {node("a", {{"pool", "gpu"}, {"accelerator", "x"}}, {}, false)}, true);
  EXPECT_EQ(checks[0].found, "no Ready node matches pool=gpu,accelerator=x; matching but not usable: a (NotReady)");
}

TEST(CheckInstanceTypes, CordonedNodesDoNotCount) {
  kube::Node cordoned = node("c", {}, {{"cpu", "4"}});
  cordoned.unschedulable = true;
  const auto checks = check_instance_types(config_of({type("t", std::nullopt, {{"cpu", q("1")}})}), {cordoned}, true);
  EXPECT_EQ(checks[0].status, CheckStatus::fail);
  EXPECT_EQ(checks[0].found, "no Ready node matches any node; matching but not usable: c (cordoned)");
  EXPECT_THAT(checks[0].fix, HasSubstr("kubectl uncordon NODE"));
}

TEST(CheckInstanceTypes, RequestsLargerThanEveryNodeFailWithTheNumbers) {
  const auto checks = check_instance_types(
      config_of({type("big", config::LabelSelector{{"pool", "cpu"}}, {{"cpu", q("4")}, {"memory", q("4Gi")}})}), kNodes,
      true);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[1].status, CheckStatus::fail);
  EXPECT_EQ(checks[1].found,
            "requests cpu=4, memory=4Gi but no matching Ready node has that much allocatable: "
            "cpu-1 (cpu=3920m, memory=14Gi)");
  EXPECT_EQ(checks[1].fix,
            "lower the requests of instance type 'big' or add a node with at least cpu=4, memory=4Gi "
            "allocatable");
}

TEST(CheckInstanceTypes, LimitsStandInForMissingRequests) {
  const auto checks = check_instance_types(
      config_of({type("t", std::nullopt, {}, config::ResourceList{{"memory", q("100Gi")}})}), kNodes, true);
  EXPECT_EQ(checks[1].status, CheckStatus::fail);
  EXPECT_THAT(checks[1].found, HasSubstr("requests memory=100Gi"));
}

TEST(CheckInstanceTypes, AGpuTypeFindsANodeWithEnoughGpus) {
  const auto checks = check_instance_types(
      config_of({type("gpu", config::LabelSelector{{"pool", "gpu"}}, {{"cpu", q("1")}, {"nvidia.com/gpu", q("1")}})}),
      kNodes, true);
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[2].name, "instance type 'gpu': GPUs");
  EXPECT_EQ(checks[2].status, CheckStatus::pass);
  EXPECT_EQ(checks[2].found, "needs 1 GPU per pod; gpu-1 (nvidia.com/gpu=1)");
}

TEST(CheckInstanceTypes, TooManyGpusFails) {
  // gpu-2 has two but is not Ready.
  const auto checks = check_instance_types(
      config_of({type("gpu", config::LabelSelector{{"pool", "gpu"}}, {{"nvidia.com/gpu", q("2")}})}), kNodes, true);
  EXPECT_EQ(checks[2].status, CheckStatus::fail);
  EXPECT_EQ(checks[2].found, "needs 2 GPU per pod; no matching Ready node has that many allocatable");
}

TEST(CheckInstanceTypes, NoGpusAndNoDevicePluginIsOnlyAWarning) {
  const auto checks = check_instance_types(
      config_of({type("gpu", config::LabelSelector{{"pool", "cpu"}}, {{"nvidia.com/gpu", q("1")}})}), kNodes, false);
  EXPECT_EQ(checks[2].status, CheckStatus::warn);
  EXPECT_THAT(checks[2].fix, HasSubstr("installNvidiaDevicePlugin=True"));
  const auto with_plugin = check_instance_types(
      config_of({type("gpu", config::LabelSelector{{"pool", "cpu"}}, {{"nvidia.com/gpu", q("1")}})}), kNodes, true);
  EXPECT_EQ(with_plugin[2].status, CheckStatus::fail);
  EXPECT_THAT(with_plugin[2].found, HasSubstr("the NVIDIA device plugin is installed"));
}

kube::DaemonSet daemon_set(std::string namespace_name, std::string name, std::vector<std::string> images,
                           kube::Labels labels = {}) {
  kube::DaemonSet set;
  set.namespace_name = std::move(namespace_name);
  set.name = std::move(name);
  set.images = std::move(images);
  set.labels = std::move(labels);
  return set;
}

TEST(FindAddOns, RecognizesByNameLabelOrImage) {
  const auto found = kube::find_add_ons({
      daemon_set("kube-system", "kube-proxy", {"mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.29"}),
      daemon_set("gpu-operator", "gpu-feature-discovery", {"nvcr.io/nvidia/k8s-device-plugin:v0.14.1"}),
      daemon_set("kube-system", "fuse", {"mcr.microsoft.com/k8s/flexvolume/blobfuse-flexvolume:1.0.8"}),
      daemon_set("kube-system", "x", {}, {{"app", "BlobFuse-Installer"}}),
  });
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].add_on, kube::AddOn::nvidia_device_plugin);
  EXPECT_EQ(found[0].where(), "gpu-operator/gpu-feature-discovery");
  EXPECT_EQ(found[1].add_on, kube::AddOn::blobfuse_flexvolume);
  EXPECT_EQ(found[1].where(), "kube-system/fuse");
  EXPECT_EQ(found[2].add_on, kube::AddOn::blobfuse_sysctl);
  EXPECT_EQ(found[2].where(), "kube-system/x");
  EXPECT_TRUE(kube::find_add_ons({daemon_set("kube-system", "kube-proxy", {"kube-proxy"})}).empty());
}

TEST(CheckAddOns, ForeignAddOnsWarnWithoutSettingsAndFailWhenInstallIsTrue) {
  const std::vector<kube::FoundAddOn> found = {
      {kube::AddOn::nvidia_device_plugin, "kube-system", "nvidia-device-plugin-daemonset"}};
  const auto unknown = check_add_ons(found, nullptr);
  ASSERT_EQ(unknown.size(), 3u);
  EXPECT_EQ(unknown[0].name, "NVIDIA device plugin");
  EXPECT_EQ(unknown[0].status, CheckStatus::warn);
  EXPECT_EQ(unknown[0].found, "already installed (kube-system/nvidia-device-plugin-daemonset)");
  EXPECT_EQ(unknown[1].status, CheckStatus::pass);
  EXPECT_EQ(unknown[1].found, "not installed; the extension installs it unless installBlobfuseFlexvol=False");

  const std::map<std::string, std::string> install = {{"installNvidiaDevicePlugin", "True"}};
  const auto conflict = check_add_ons(found, &install);
  EXPECT_EQ(conflict[0].status, CheckStatus::fail);
  EXPECT_EQ(conflict[0].fix, "set installNvidiaDevicePlugin=False");

  const std::map<std::string, std::string> skip = {{"installNvidiaDevicePlugin", "False"}};
  EXPECT_EQ(check_add_ons(found, &skip)[0].status, CheckStatus::pass);
}

TEST(CheckAddOns, TheExtensionsOwnAddOnsAreNoConflict) {
  const auto checks = check_add_ons({{kube::AddOn::nvidia_device_plugin, "azureml", "nvidia-device-plugin"}}, nullptr);
  EXPECT_EQ(checks[0].status, CheckStatus::pass);
  EXPECT_EQ(checks[0].found, "installed by the AzureML extension (azureml/nvidia-device-plugin)");
}

TEST(CheckExtensionPods, NoPodsMeansNotInstalled) {
  const Check check = check_extension_pods({}, "azureml", "kubectl azureml");
  EXPECT_EQ(check.status, CheckStatus::warn);
  EXPECT_THAT(check.fix, HasSubstr("kubectl azureml extension install"));
  EXPECT_THAT(check_extension_pods({}, "azureml", "az azureml").fix, HasSubstr("az azureml extension install"));
}

TEST(CheckExtensionPods, NamesEachUnhealthyPodAndWhy) {
  const auto pod = [](std::string name, std::string phase, kube::ContainerStatus container) {
    kube::Pod p;
    p.name = std::move(name);
    p.phase = std::move(phase);
    p.containers = {std::move(container)};
    return p;
  };
  const Check check = check_extension_pods({
      pod("healthy", "Running", {"c", "", true, 0, "", ""}),
      pod("crashing", "Running", {"relay", "", false, 7, "CrashLoopBackOff", ""}),
      pod("pending", "Pending", {"c", "", false, 0, "ImagePullBackOff", ""}),
      pod("job", "Succeeded", {"c", "", false, 0, "", "Completed"}),
  });
  EXPECT_EQ(check.status, CheckStatus::fail);
  EXPECT_EQ(check.found,
            "2 of 4 pods healthy; crashing (relay: CrashLoopBackOff, relay: 7 restarts); "
            "pending (Pending, c: ImagePullBackOff)");
  EXPECT_THAT(check.fix, HasSubstr("kubectl describe pod -n azureml POD"));
}

TEST(KubeObjects, ReadTheFieldsFromApiJson) {
  const auto n = kube::node_from_json(JsonShape(json::parse(R"({
    "metadata": {"name": "n1", "labels": {"a": "b"}},
    "spec": {"unschedulable": true, "taints": [{"key": "k", "value": "v", "effect": "NoSchedule"}]},
    "status": {"capacity": {"cpu": "4", "pods": 110}, "allocatable": {"cpu": "3920m"},
               "conditions": [{"type": "MemoryPressure", "status": "False"}, {"type": "Ready", "status": "True"}]}})")));
  EXPECT_EQ(n.name, "n1");
  EXPECT_EQ(n.labels.at("a"), "b");
  EXPECT_EQ(n.capacity.at("pods"), "110");
  EXPECT_EQ(n.allocatable.at("cpu"), "3920m");
  EXPECT_TRUE(n.ready);
  EXPECT_TRUE(n.unschedulable);
  ASSERT_EQ(n.taints.size(), 1u);
  EXPECT_EQ(n.taints[0].effect, "NoSchedule");

  const auto p = kube::pod_from_json(JsonShape(json::parse(R"({
    "metadata": {"namespace": "azureml", "name": "p"}, "spec": {"nodeName": "n1"},
    "status": {"phase": "Running", "containerStatuses": [
      {"name": "c", "ready": false, "restartCount": 3, "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}})")));
  EXPECT_EQ(p.node_name, "n1");
  ASSERT_EQ(p.containers.size(), 1u);
  EXPECT_EQ(p.containers[0].restart_count, 3);
  EXPECT_EQ(p.containers[0].waiting_reason, "CrashLoopBackOff");

  const auto d = kube::daemon_set_from_json(JsonShape(json::parse(R"({
    "metadata": {"namespace": "kube-system", "name": "ds"},
    "spec": {"template": {"spec": {"initContainers": [{"image": "init"}], "containers": [{"image": "main"}]}}},
    "status": {"desiredNumberScheduled": 3, "numberReady": 2}})")));
  EXPECT_EQ(d.images, (std::vector<std::string>{"init", "main"}));
  EXPECT_EQ(d.desired, 3);
  EXPECT_EQ(d.ready, 2);

  const auto c = kube::config_map_from_json(JsonShape(json::parse(R"({"metadata": {"namespace": "azure-arc",
    "name": "azure-clusterconfig"}, "data": {"AZURE_RESOURCE_NAME": "c1"}})")));
  EXPECT_EQ(c.data.at("AZURE_RESOURCE_NAME"), "c1");
}

TEST(KubeObjects, OddJsonReadsAsEmptyNotAsACrash) {
  for (const char* text : {"null", "[]", "7", R"({"metadata": 3, "status": {"conditions": {"x": 1}}})",
                           R"({"spec": {"template": {"spec": {"containers": [null, 3, {"image": 4}]}}}})"}) {
    const json object = json::parse(text);
    EXPECT_EQ(kube::node_from_json(JsonShape(object)).name, "");
    EXPECT_FALSE(kube::node_from_json(JsonShape(object)).ready);
    EXPECT_TRUE(kube::daemon_set_from_json(JsonShape(object)).images.empty());
    EXPECT_EQ(kube::pod_from_json(JsonShape(object)).phase, "");
  }
}

}  // namespace
}  // namespace azureml::ops
