#include "core/ops/cluster_access.h"

#include "core/kube/add_ons.h"
#include "core/kube/arc_identity.h"
#include "core/util/text.h"
#include "core/util/url.h"

namespace azureml::ops {
namespace {

// "host" of "https://host:port/path" (kubeconfig servers are normalized with their scheme).
std::string url_host(const std::string& url) {
  const auto parts = split_url(url);
  return parts ? parts->host : to_lower(url);
}

// "an NVIDIA device plugin", "a blobfuse flexvolume driver", "blobfuse".
std::string with_article(kube::AddOn add_on) {
  const char* article = add_on == kube::AddOn::nvidia_device_plugin  ? "an "
                        : add_on == kube::AddOn::blobfuse_flexvolume ? "a "
                                                                     : "";
  return article + kube::display_name(add_on);
}

}  // namespace

kube::KubeClient* confirmed_client(const ClusterAccess& access, const ClusterInfo& cluster, std::string& why) {
  if (!access.kube) {
    why = access.problem.empty() ? "no kubeconfig" : access.problem;
    return nullptr;
  }
  kube::KubeClient& kube = *access.kube;
  const std::string context =
      kube.config().context.empty() ? kube.config().server : "context '" + kube.config().context + "'";
  const arm::ResourceId& id = cluster.facts.id;
  auto map = kube.config_map(kube::kArcNamespace, kube::kArcConfigMap);
  if (!map) {
    why = map.error().describe();
    return nullptr;
  }
  if (*map) {
    const auto arc = kube::arc_identity(**map);
    if (arc && id.cluster_kind() == arm::ClusterKind::connected &&
        arm::ResourceId::connected_cluster(arc->subscription, arc->resource_group, arc->name) == id)
      return &kube;
    why = "the kubectl " + context + " is the Arc cluster " +
          (arc ? arc->resource_group + "/" + arc->name : std::string("of an unreadable azure-clusterconfig")) +
          ", not " + id.resource_group() + "/" + id.name() + "; pass --context for " + id.name();
    return nullptr;
  }
  if (id.cluster_kind() == arm::ClusterKind::managed) {
    const std::string host = url_host(kube.config().server);
    for (const auto& api_host : cluster.api_hosts)
      if (api_host == host) return &kube;
    why = "the kubectl " + context + " (server " + host + ") is not the AKS cluster " + id.name() +
          "; run 'az aks get-credentials -g " + id.resource_group() + " -n " + id.name() + "' or pass --context";
    return nullptr;
  }
  why = "the kubectl " + context + " is not an Azure Arc cluster (no " + kube::kArcNamespace + "/" +
        kube::kArcConfigMap + "), so it is not " + id.name() + "; pass --context for " + id.name();
  return nullptr;
}

AddOnScan scan_add_ons(const ClusterAccess& access, const ClusterInfo& cluster, const std::string& release_namespace) {
  AddOnScan scan;
  std::string why;
  kube::KubeClient* kube = confirmed_client(access, cluster, why);
  const std::string consequence =
      "; not looked for an NVIDIA device plugin or blobfuse already installed: if the cluster has one, pass "
      "installNvidiaDevicePlugin=false, installBlobfuseFlexvol=false or installBlobfuseSysctl=false, or the "
      "install fails";
  if (!kube) {
    scan.not_scanned = "cluster not read: " + why + consequence;
    return scan;
  }
  auto daemon_sets = kube->daemon_sets();
  if (!daemon_sets) {
    scan.not_scanned = "cluster not read: " + daemon_sets.error().describe() + consequence;
    return scan;
  }
  scan.scanned = true;
  std::vector<kube::DaemonSet> others;  // the extension's own, from an earlier install, are no conflict
  for (auto& set : *daemon_sets)
    if (set.namespace_name != release_namespace) others.push_back(std::move(set));
  for (const auto& found : kube::find_add_ons(others))
    scan.installed.push_back({kube::install_setting(found.add_on), with_article(found.add_on), found.where()});
  return scan;
}

}  // namespace azureml::ops
