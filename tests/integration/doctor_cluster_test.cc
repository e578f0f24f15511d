// `doctor`'s cluster checks through the real binary against the fake Kubernetes API server:
// the kubeconfig and its credentials, the compute's namespace, nodes, resources and GPUs per
// instance type, add-ons already installed, and the extension's pods.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "tests/integration/doctor_fixture.h"

namespace azureml::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

const std::string kAccessFix = "fix the kubeconfig, or choose another with --kubeconfig/--context";

using DoctorClusterTest = DoctorTest;

// --- cluster access ---

TEST_F(DoctorClusterTest, BrokenKubeconfigFailsClusterAccessWithItsPosition) {
  const std::string broken = dir.write("kubeconfig", "apiVersion: v1\nclusters:\n  - cluster: {server: \"https://x\n");
  const auto [run, report] = doctor_json();
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "cluster access"),
            (json{{"name", "cluster access"},
                  {"status", "fail"},
                  {"found", broken + ":4:1: error: unterminated quoted string starting at line 3, column 23 "
                                     "(close the string with '\"')"},
                  {"fix", kAccessFix}}));
  // Nothing else about the cluster can be known, so nothing else about it is claimed.
  EXPECT_EQ(check_names(report), (std::vector<std::string>{"cluster access", "Azure cluster", "workspace"}));
}

TEST_F(DoctorClusterTest, MissingKubeconfigFailsClusterAccess) {
  const std::string missing = kubeconfig;
  ASSERT_TRUE(std::filesystem::remove(missing));
  const auto [run, report] = doctor_json();
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const json access = check(report, "cluster access");
  EXPECT_EQ(access["status"], "fail");
  EXPECT_EQ(access["found"], missing +
                                 ": error: cannot read the kubeconfig (--kubeconfig): No such file or directory "
                                 "(check the path given to --kubeconfig)");
  EXPECT_EQ(access["fix"], kAccessFix);
}

TEST_F(DoctorClusterTest, RejectedTokenFailsClusterAccessWithTheRemedy) {
  kube.write_kubeconfig(kubeconfig, {.token = "not-the-token"});
  const auto [run, report] = doctor_json();
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "cluster access"),
            (json{{"name", "cluster access"},
                  {"status", "fail"},
                  {"found", "the Kubernetes API server at " + kube.base_url() +
                                " refused GET /api/v1/nodes: 401 Unauthorized: Unauthorized"},
                  {"fix",
                   "the cluster did not accept your kubeconfig's credentials; get fresh ones (for AKS: az aks "
                   "get-credentials; for Arc: az connectedk8s proxy) and check with 'kubectl get nodes'"}}));
  // The refusal ends the cluster checks: the same 401 five more times would say nothing new.
  EXPECT_FALSE(has_check(report, "namespace"));
  EXPECT_FALSE(has_check(report, "extension pods"));
}

TEST_F(DoctorClusterTest, ReachableClusterPassesClusterAccessNamingServerAndContext) {
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "cluster access"),
            (json{{"name", "cluster access"},
                  {"status", "pass"},
                  {"found", "5 nodes at " + kube.base_url() + " (context fake-kube)"}}));
}

// --- namespace ---

TEST_F(DoctorClusterTest, NamespaceOfTheConfigurationMustExist) {
  const auto config = write_config(R"({"namespace": "amlarc-testing"})");
  const auto [run, report] = doctor_json({"-f", config});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "namespace"),
            (json{{"name", "namespace"},
                  {"status", "fail"},
                  {"found", "namespace 'amlarc-testing' does not exist; jobs of the compute would fail to start"},
                  {"fix",
                   "kubectl create namespace amlarc-testing (needs permission to create namespaces, e.g. "
                   "cluster-admin)"}}));
}

TEST_F(DoctorClusterTest, NamespaceFlagIsCheckedWithoutAConfiguration) {
  const auto [run, report] = doctor_json({"-n", "team-a"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const json ns = check(report, "namespace");
  EXPECT_EQ(ns["status"], "fail");
  EXPECT_EQ(ns["found"], "namespace 'team-a' does not exist; jobs of the compute would fail to start");
}

TEST_F(DoctorClusterTest, ExistingNamespacePasses) {
  const auto config = write_config(R"({"namespace": "azureml"})");
  const auto [run, report] = doctor_json({"-f", config});
  EXPECT_EQ(check(report, "namespace"),
            (json{{"name", "namespace"}, {"status", "pass"}, {"found", "namespace 'azureml' exists"}}));
}

TEST_F(DoctorClusterTest, ContextNamespaceIsTheDefault) {
  // Without -f and -n, jobs run in the context's namespace, as kubectl's would.
  kube.write_kubeconfig(kubeconfig, {.namespace_name = "kube-system"});
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "namespace")["found"], "namespace 'kube-system' exists");
}

// --- nodes and resources ---

TEST_F(DoctorClusterTest, NodeSelectorMatchingNoNodeFails) {
  const auto config = write_config(R"({"defaultInstanceType": "k80", "instanceTypes": {"k80": {
      "nodeSelector": {"accelerator": "nvidia-tesla-k80"}, "resources": {"requests": {"cpu": "1"}}}}})");
  const auto [run, report] = doctor_json({"-f", config});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "instance type 'k80': nodes"),
            (json{{"name", "instance type 'k80': nodes"},
                  {"status", "fail"},
                  {"found", "no Ready node matches accelerator=nvidia-tesla-k80"},
                  {"fix",
                   "label a Ready node (kubectl label node NODE accelerator=nvidia-tesla-k80) or change the "
                   "nodeSelector of instance type 'k80'"}}));
  // Nothing to measure the requests against.
  EXPECT_FALSE(has_check(report, "instance type 'k80': resources"));
}

TEST_F(DoctorClusterTest, NodeSelectorMatchingOnlyTaintedNodesWarns) {
  const auto config = write_config(R"({"defaultInstanceType": "gpu", "instanceTypes": {"gpu": {
      "nodeSelector": {"agentpool": "gpu"}, "resources": {"requests": {"cpu": "1"}}}}})");
  const auto [run, report] = doctor_json({"-f", config});
  EXPECT_EQ(check(report, "instance type 'gpu': nodes"),
            (json{{"name", "instance type 'gpu': nodes"},
                  {"status", "warn"},
                  {"found",
                   "2 Ready nodes match agentpool=gpu: arc-gpu-0, arc-gpu-1; every one is tainted: "
                   "arc-gpu-0 (sku=gpu:NoSchedule), arc-gpu-1 (sku=gpu:NoSchedule)"},
                  {"fix",
                   "jobs schedule there only with a matching toleration; check that the taint is meant for "
                   "them"}}));
}

TEST_F(DoctorClusterTest, DefaultInstanceTypeMatchesAndFitsTheNodes) {
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "instance type 'defaultInstanceType': nodes"),
            (json{{"name", "instance type 'defaultInstanceType': nodes"},
                  {"status", "pass"},
                  {"found", "5 Ready nodes match any node: arc-cp-0, arc-cpu-0, arc-cpu-1, arc-gpu-0, arc-gpu-1"}}));
  // Measured against an untainted node first: that is where such pods land.
  EXPECT_EQ(check(report, "instance type 'defaultInstanceType': resources"),
            (json{{"name", "instance type 'defaultInstanceType': resources"},
                  {"status", "pass"},
                  {"found", "requests cpu=1, memory=4Gi; fits arc-cpu-0 (cpu=7820m, memory=28374396Ki)"}}));
  // No GPU asked for, no GPU check.
  EXPECT_FALSE(has_check(report, "instance type 'defaultInstanceType': GPUs"));
}

TEST_F(DoctorClusterTest, InstanceTypeFlagChecksOnlyTheTypesNamed) {
  const auto config = write_config(R"({"defaultInstanceType": "k80", "instanceTypes": {
      "k80": {"nodeSelector": {"accelerator": "nvidia-tesla-k80"}},
      "cpu": {"resources": {"requests": {"cpu": "1"}}}}})");
  const auto [run, report] = doctor_json({"-f", config, "--instance-type", "cpu"});
  EXPECT_EQ(check(report, "instance type 'cpu': nodes")["status"], "pass") << run.err;
  EXPECT_FALSE(has_check(report, "instance type 'k80': nodes"));  // its failure is not looked at
}

TEST_F(DoctorClusterTest, InstanceTypeNotInTheConfigurationIsAUsageError) {
  const auto config = write_config(R"({"defaultInstanceType": "gpu_large", "instanceTypes": {
      "gpu_large": {}, "cpu_small": {}}})");
  const auto run = doctor({"-f", config, "--instance-type", "gpu_lage"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.err, HasSubstr("instance type 'gpu_lage' is not in the configuration; did you mean 'gpu_large'? "
                                 "(it defines 'gpu_large', 'cpu_small')"));
}

TEST_F(DoctorClusterTest, RequestsBiggerThanEveryNodeFail) {
  const auto config = write_config(R"({"defaultInstanceType": "huge", "instanceTypes": {"huge": {
      "resources": {"requests": {"cpu": "64", "memory": "512Gi"}}}}})");
  const auto [run, report] = doctor_json({"-f", config});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "instance type 'huge': resources"),
            (json{{"name", "instance type 'huge': resources"},
                  {"status", "fail"},
                  {"found",
                   "requests cpu=64, memory=512Gi but no matching Ready node has that much allocatable: "
                   "arc-cpu-0 (cpu=7820m, memory=28374396Ki); arc-cpu-1 (cpu=7820m, memory=28374396Ki); "
                   "arc-cp-0 (cpu=4, memory=16270768Ki); arc-gpu-0 (cpu=23660m, memory=214321952Ki); "
                   "arc-gpu-1 (cpu=47320m, memory=428643904Ki)"},
                  {"fix",
                   "lower the requests of instance type 'huge' or add a node with at least cpu=64, "
                   "memory=512Gi allocatable"}}));
}

TEST_F(DoctorClusterTest, LimitsStandInForMissingRequests) {
  // Kubernetes defaults requests to limits, so a type with limits only asks for them.
  const auto config = write_config(R"({"defaultInstanceType": "big", "instanceTypes": {"big": {
      "resources": {"limits": {"cpu": "40", "memory": "100Gi"}}}}})");
  const auto [run, report] = doctor_json({"-f", config});
  EXPECT_EQ(check(report, "instance type 'big': resources"),
            (json{{"name", "instance type 'big': resources"},
                  {"status", "pass"},
                  {"found", "requests cpu=40, memory=100Gi; fits arc-gpu-1 (cpu=47320m, memory=428643904Ki)"}}));
}

// --- GPUs ---

const std::string kGpuConfig = R"({"defaultInstanceType": "gpu", "instanceTypes": {"gpu": {
    "nodeSelector": {"agentpool": "gpu"},
    "resources": {"requests": {"cpu": "4", "memory": "32Gi", "nvidia.com/gpu": "GPUS"},
                  "limits": {"nvidia.com/gpu": "GPUS"}}}}})";

std::string gpu_config(const std::string& gpus) {
  std::string text = kGpuConfig;
  for (auto at = text.find("GPUS"); at != std::string::npos; at = text.find("GPUS")) text.replace(at, 4, gpus);
  return text;
}

TEST_F(DoctorClusterTest, GpuTypeFittingANodePasses) {
  const auto [run, report] = doctor_json({"-f", write_config(gpu_config("2"))});
  EXPECT_EQ(check(report, "instance type 'gpu': GPUs"),
            (json{{"name", "instance type 'gpu': GPUs"},
                  {"status", "pass"},
                  {"found", "needs 2 GPU per pod; arc-gpu-1 (nvidia.com/gpu=2)"}}));
  // GPUs are their own check; the resources check measures the rest.
  EXPECT_EQ(check(report, "instance type 'gpu': resources")["found"],
            "requests cpu=4, memory=32Gi; fits arc-gpu-0 (cpu=23660m, memory=214321952Ki)");
}

TEST_F(DoctorClusterTest, GpuTypeNeedingMoreGpusThanAnyNodeFails) {
  const auto [run, report] = doctor_json({"-f", write_config(gpu_config("4"))});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "instance type 'gpu': GPUs"),
            (json{{"name", "instance type 'gpu': GPUs"},
                  {"status", "fail"},
                  {"found", "needs 4 GPU per pod; no matching Ready node has that many allocatable"},
                  {"fix",
                   "select nodes with enough NVIDIA GPUs in the nodeSelector of instance type 'gpu', or lower "
                   "its nvidia.com/gpu"}}));
}

TEST_F(DoctorClusterTest, GpuLimitWithoutGpuRequestIsStillChecked) {
  // Kubernetes defaults each missing request to its limit, resource by resource: these pods ask
  // for 4 GPUs although only cpu is under requests.
  const auto config = write_config(R"({"defaultInstanceType": "gpu", "instanceTypes": {"gpu": {
      "nodeSelector": {"agentpool": "gpu"},
      "resources": {"requests": {"cpu": "4"}, "limits": {"nvidia.com/gpu": "4"}}}}})");
  const auto [run, report] = doctor_json({"-f", config});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "instance type 'gpu': resources")["found"], "requests cpu=4; fits arc-gpu-0 (cpu=23660m)");
  EXPECT_EQ(check(report, "instance type 'gpu': GPUs")["status"], "fail");
}

TEST_F(DoctorClusterTest, GpuTypeOnNodesWithoutGpusFailsWhenTheDevicePluginRuns) {
  // The device plugin is there and still no node reports GPUs: these nodes have none.
  const auto config = write_config(R"({"defaultInstanceType": "gpu", "instanceTypes": {"gpu": {
      "nodeSelector": {"agentpool": "cpu"}, "resources": {"limits": {"nvidia.com/gpu": "1"}}}}})");
  const auto [run, report] = doctor_json({"-f", config});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const json gpus = check(report, "instance type 'gpu': GPUs");
  EXPECT_EQ(gpus["status"], "fail");
  EXPECT_EQ(gpus["found"],
            "no matching Ready node has nvidia.com/gpu capacity, and the NVIDIA device plugin is installed");
}

TEST_F(DoctorClusterTest, GpuTypeWithoutDevicePluginWarns) {
  // Before a device plugin runs, GPU nodes report no nvidia.com/gpu at all: the extension's
  // own device plugin may still make them appear, so this is a warning, not a failure.
  remove_device_plugin();
  for (const std::string name : {"arc-gpu-0", "arc-gpu-1"}) {
    auto node = kube.object("nodes", "", name);
    ASSERT_TRUE(node);
    (*node)["status"]["capacity"].erase("nvidia.com/gpu");
    (*node)["status"]["allocatable"].erase("nvidia.com/gpu");
    kube.put_object(*node);
  }
  const auto [run, report] = doctor_json({"-f", write_config(gpu_config("1"))});
  EXPECT_EQ(
      check(report, "instance type 'gpu': GPUs"),
      (json{{"name", "instance type 'gpu': GPUs"},
            {"status", "warn"},
            {"found", "no matching Ready node reports nvidia.com/gpu yet, and no NVIDIA device plugin is installed"},
            {"fix",
             "keep installNvidiaDevicePlugin=True when installing the extension; nodes with NVIDIA GPUs "
             "then report them (nodes without GPUs never will)"}}));
}

// --- add-ons ---

TEST_F(DoctorClusterTest, NvidiaDevicePluginFoundWarns) {
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "NVIDIA device plugin"),
            (json{{"name", "NVIDIA device plugin"},
                  {"status", "warn"},
                  {"found", "already installed (kube-system/nvidia-device-plugin-daemonset)"},
                  {"fix",
                   "install the extension with installNvidiaDevicePlugin=False ('kubectl azureml extension "
                   "install' sets it for you)"}}));
}

TEST_F(DoctorClusterTest, AbsentAddOnsPass) {
  remove_device_plugin();
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "NVIDIA device plugin"),
            (json{{"name", "NVIDIA device plugin"},
                  {"status", "pass"},
                  {"found", "not installed; the extension installs it unless installNvidiaDevicePlugin=False"}}));
  EXPECT_EQ(check(report, "blobfuse flexvolume driver"),
            (json{{"name", "blobfuse flexvolume driver"},
                  {"status", "pass"},
                  {"found", "not installed; the extension installs it unless installBlobfuseFlexvol=False"}}));
  EXPECT_EQ(check(report, "blobfuse"),
            (json{{"name", "blobfuse"},
                  {"status", "pass"},
                  {"found", "not installed; the extension installs it unless installBlobfuseSysctl=False"}}));
}

TEST_F(DoctorClusterTest, BlobfuseDaemonSetsFoundWarn) {
  kube.load_fixture_text(R"(
daemonSets:
  - namespace: kube-system
    name: blobfuse-flexvol-installer
    containers:
      - {name: blobfuse-flexvol-installer, image: mcr.microsoft.com/k8s/flexvolume/blobfuse-flexvolume:1.0.8}
  - namespace: kube-system
    name: blobfuse-sysctl
    containers:
      - {name: sysctl, image: mcr.microsoft.com/azureml/amlarc/docker/blobfuse-sysctl:1.0}
)",
                         "blobfuse.yaml");
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "blobfuse flexvolume driver"),
            (json{{"name", "blobfuse flexvolume driver"},
                  {"status", "warn"},
                  {"found", "already installed (kube-system/blobfuse-flexvol-installer)"},
                  {"fix",
                   "install the extension with installBlobfuseFlexvol=False ('kubectl azureml extension "
                   "install' sets it for you)"}}));
  EXPECT_EQ(check(report, "blobfuse"),
            (json{{"name", "blobfuse"},
                  {"status", "warn"},
                  {"found", "already installed (kube-system/blobfuse-sysctl)"},
                  {"fix",
                   "install the extension with installBlobfuseSysctl=False ('kubectl azureml extension "
                   "install' sets it for you)"}}));
}

TEST_F(DoctorClusterTest, AddOnsOfTheExtensionItselfAreNoConflict) {
  // The extension's own device plugin lives in its release namespace: no second install.
  remove_device_plugin();
  kube.load_fixture_text(R"(
namespaces:
  - name: azureml
daemonSets:
  - namespace: azureml
    name: nvidia-device-plugin-daemonset
    containers:
      - {name: nvidia-device-plugin-ctr, image: nvcr.io/nvidia/k8s-device-plugin:v0.14.5}
)",
                         "own-plugin.yaml");
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "NVIDIA device plugin"),
            (json{{"name", "NVIDIA device plugin"},
                  {"status", "pass"},
                  {"found", "installed by the AzureML extension (azureml/nvidia-device-plugin-daemonset)"}}));
}

// --- extension pods ---

TEST_F(DoctorClusterTest, CrashingExtensionPodFails) {
  const auto [run, report] = doctor_json();
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(check(report, "extension pods"),
            (json{{"name", "extension pods"},
                  {"status", "fail"},
                  {"found",
                   "6 of 7 pods healthy; relayserver-6c8d7f9b5-q7zrk (relayserver: CrashLoopBackOff, "
                   "relayserver: 17 restarts)"},
                  {"fix", "kubectl describe pod -n azureml POD and kubectl logs -n azureml POD say why"}}));
}

TEST_F(DoctorClusterTest, HealthyExtensionPodsPass) {
  heal_extension_pods();
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "extension pods"),
            (json{{"name", "extension pods"}, {"status", "pass"}, {"found", "7 of 7 pods healthy"}}));
}

TEST_F(DoctorClusterTest, NoPodsInTheReleaseNamespaceWarns) {
  for (const std::string name : {"aml-operator-5c7d9f8b6d-7tq2m", "amlarc-identity-controller-6b4d8c9f7-pl5vx",
                                 "amlarc-identity-proxy-7f5c6d8b9-2xkqr", "azureml-fe-v2-5d8c7b9f6-m4hzt",
                                 "gateway-7d9b8c6f5-vn8wq", "relayserver-6c8d7f9b5-q7zrk", "prom-prometheus-0"})
    ASSERT_TRUE(kube.remove_object("pods", "azureml", name)) << name;
  const auto [run, report] = doctor_json();
  EXPECT_EQ(check(report, "extension pods"),
            (json{{"name", "extension pods"},
                  {"status", "warn"},
                  {"found", "no pods in namespace 'azureml': the AzureML extension is not running here"},
                  {"fix", "install it: kubectl azureml extension install (or attach --install-extension)"}}));
}

}  // namespace
}  // namespace azureml::testing
