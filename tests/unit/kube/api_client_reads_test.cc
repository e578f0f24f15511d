// KubeClient's reads against the fake API server serving the Arc fixture, from a kubeconfig the
// fake wrote, through load_rest_config and libcurl: what doctor, attach and show rely on.
// Paging is checked both against the fake (limit/continue as the API server does them) and
// against a scripted server that hands out broken continue tokens.
#include <algorithm>
#include <stdexcept>

#include "core/kube/arc_identity.h"
#include "tests/unit/kube/api_client_test_support.h"

namespace azureml::kube {
namespace {

using test::outcome;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

struct KubeClientReads : test::KubeApiTest {};

template <typename T>
std::vector<std::string> names(const std::vector<T>& objects) {
  std::vector<std::string> out;
  for (const auto& object : objects) out.push_back(object.name);
  return out;
}

template <typename T>
const T& named(const std::vector<T>& objects, const std::string& name) {
  const auto found = std::find_if(objects.begin(), objects.end(), [&](const T& o) { return o.name == name; });
  if (found == objects.end()) throw std::runtime_error("no object named " + name);
  return *found;
}

TEST_F(KubeClientReads, TheRestConfigComesFromTheFakesKubeconfig) {
  const RestConfig rest = config();
  EXPECT_EQ(rest.server, kube.base_url());
  EXPECT_EQ(rest.certificate_authority_pem, kube.ca_pem());
  EXPECT_EQ(rest.auth.token, "fake-kube-token");
}

TEST_F(KubeClientReads, NamespaceExistsOrNot) {
  auto api = client(config());
  auto azureml = api->namespace_exists("azureml");
  ASSERT_TRUE(azureml.ok()) << outcome(azureml);
  EXPECT_TRUE(*azureml);
  auto missing = api->namespace_exists("no-such-namespace");
  ASSERT_TRUE(missing.ok()) << outcome(missing);  // a 404 is an answer, not an error
  EXPECT_FALSE(*missing);
}

TEST_F(KubeClientReads, RequestsCarryTheTokenUserAndOurUserAgent) {
  auto api = client(config());
  ASSERT_TRUE(api->namespace_exists("azureml").ok());
  const auto sent = kube.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].http.path, "/api/v1/namespaces/azureml");
  EXPECT_EQ(sent[0].auth, fakes::KubeAuthMethod::token);
  EXPECT_EQ(sent[0].user, "fake-kube-admin");
  EXPECT_EQ(sent[0].user_agent(), "kubectl-azureml");
  EXPECT_EQ(sent[0].http.header("accept"), "application/json");
  EXPECT_EQ(api->requests_sent(), 1u);
}

TEST_F(KubeClientReads, NodesWithLabelsAllocatableGpusAndReadiness) {
  auto api = client(config());
  auto nodes = api->nodes();
  ASSERT_TRUE(nodes.ok()) << outcome(nodes);
  EXPECT_THAT(names(*nodes), ElementsAre("arc-cp-0", "arc-cpu-0", "arc-cpu-1", "arc-gpu-0", "arc-gpu-1"));
  for (const Node& node : *nodes) EXPECT_TRUE(node.ready) << node.name;

  const Node& cpu = named(*nodes, "arc-cpu-0");
  EXPECT_EQ(cpu.labels.at("agentpool"), "cpu");
  EXPECT_EQ(cpu.labels.at("node.kubernetes.io/instance-type"), "Standard_D8s_v3");
  EXPECT_EQ(cpu.allocatable.at("cpu"), "7820m");
  EXPECT_EQ(cpu.allocatable.at("memory"), "28374396Ki");
  EXPECT_EQ(cpu.capacity.at("cpu"), "8");
  EXPECT_EQ(cpu.allocatable.count("nvidia.com/gpu"), 0u);
  EXPECT_TRUE(cpu.taints.empty());

  const Node& gpu = named(*nodes, "arc-gpu-1");
  EXPECT_EQ(gpu.labels.at("accelerator"), "nvidia");
  EXPECT_EQ(gpu.allocatable.at("nvidia.com/gpu"), "2");
  EXPECT_EQ(named(*nodes, "arc-gpu-0").allocatable.at("nvidia.com/gpu"), "1");
  ASSERT_EQ(gpu.taints.size(), 1u);
  EXPECT_EQ(gpu.taints[0].key, "sku");
  EXPECT_EQ(gpu.taints[0].value, "gpu");
  EXPECT_EQ(gpu.taints[0].effect, "NoSchedule");

  // The control plane's role label has an empty value; it must still be there.
  EXPECT_THAT(named(*nodes, "arc-cp-0").labels, testing::Contains(Pair("node-role.kubernetes.io/control-plane", "")));
}

TEST_F(KubeClientReads, NodeNotReadyIsSeen) {
  auto object = kube.object("nodes", "", "arc-gpu-0");
  ASSERT_TRUE(object);
  for (auto& condition : (*object)["status"]["conditions"])
    if (condition["type"] == "Ready") condition["status"] = "False";
  kube.put_object(*object);
  auto nodes = client(config())->nodes();
  ASSERT_TRUE(nodes.ok()) << outcome(nodes);
  EXPECT_FALSE(named(*nodes, "arc-gpu-0").ready);
  EXPECT_TRUE(named(*nodes, "arc-gpu-1").ready);
}

TEST_F(KubeClientReads, PodsOfOneNamespaceWithTheCrashLoopingOne) {
  auto pods = client(config())->pods("azureml");
  ASSERT_TRUE(pods.ok()) << outcome(pods);
  EXPECT_EQ(pods->size(), 7u);
  for (const Pod& pod : *pods) EXPECT_EQ(pod.namespace_name, "azureml") << pod.name;

  const Pod& relay = named(*pods, "relayserver-6c8d7f9b5-q7zrk");
  EXPECT_EQ(relay.node_name, "arc-cpu-1");
  EXPECT_EQ(relay.labels.at("app"), "relayserver");
  ASSERT_EQ(relay.containers.size(), 1u);
  EXPECT_EQ(relay.containers[0].name, "relayserver");
  EXPECT_EQ(relay.containers[0].waiting_reason, "CrashLoopBackOff");
  EXPECT_EQ(relay.containers[0].restart_count, 17);
  EXPECT_FALSE(relay.containers[0].ready);

  const Pod& gateway = named(*pods, "gateway-7d9b8c6f5-vn8wq");
  EXPECT_EQ(gateway.phase, "Running");
  ASSERT_EQ(gateway.containers.size(), 1u);
  EXPECT_TRUE(gateway.containers[0].ready);
  EXPECT_EQ(gateway.containers[0].waiting_reason, "");
}

TEST_F(KubeClientReads, DaemonSetsAcrossNamespaces) {
  auto api = client(config());
  auto sets = api->daemon_sets();
  ASSERT_TRUE(sets.ok()) << outcome(sets);
  EXPECT_THAT(names(*sets), ElementsAre("kube-proxy", "nvidia-device-plugin-daemonset"));
  const DaemonSet& plugin = named(*sets, "nvidia-device-plugin-daemonset");
  EXPECT_EQ(plugin.namespace_name, "kube-system");
  EXPECT_THAT(plugin.images, ElementsAre("nvcr.io/nvidia/k8s-device-plugin:v0.14.5"));
  EXPECT_EQ(plugin.labels.at("app.kubernetes.io/name"), "nvidia-device-plugin");
  EXPECT_EQ(plugin.desired, 2);  // the two GPU nodes
  EXPECT_EQ(plugin.ready, 2);
  // One cluster-wide list, not one per namespace.
  ASSERT_EQ(kube.requests().size(), 1u);
  EXPECT_EQ(kube.requests()[0].http.path, "/apis/apps/v1/daemonsets");
}

TEST_F(KubeClientReads, ArcIdentityFromTheClusterConfigMap) {
  auto map = client(config())->config_map(kArcNamespace, kArcConfigMap);
  ASSERT_TRUE(map.ok()) << outcome(map);
  ASSERT_TRUE(map->has_value());
  EXPECT_EQ((*map)->namespace_name, "azure-arc");
  EXPECT_EQ((*map)->name, "azure-clusterconfig");
  const auto identity = arc_identity(**map);
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->subscription, "00000000-0000-0000-0000-000000000001");
  EXPECT_EQ(identity->resource_group, "rg1");
  EXPECT_EQ(identity->name, "cluster1");
  EXPECT_EQ(identity->region, "eastus");
}

TEST_F(KubeClientReads, MissingConfigMapIsNullopt) {
  auto api = client(config());
  auto missing = api->config_map("azure-arc", "no-such-map");
  ASSERT_TRUE(missing.ok()) << outcome(missing);
  EXPECT_FALSE(missing->has_value());
  // A cluster that is not Arc-connected has no azure-arc namespace at all: the same answer.
  ASSERT_TRUE(kube.remove_object("configmaps", "azure-arc", "azure-clusterconfig"));
  auto gone = api->config_map(kArcNamespace, kArcConfigMap);
  ASSERT_TRUE(gone.ok()) << outcome(gone);
  EXPECT_FALSE(gone->has_value());
}

TEST_F(KubeClientReads, ArcIdentityNeedsSubscriptionGroupAndName) {
  ConfigMap map{"azure-arc",
                "azure-clusterconfig",
                {{"AZURE_SUBSCRIPTION_ID", "sub"}, {"AZURE_RESOURCE_GROUP", "rg"}, {"AZURE_RESOURCE_NAME", "c"}}};
  const auto identity = arc_identity(map);
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->region, "");  // optional
  for (const char* key : {"AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP", "AZURE_RESOURCE_NAME"}) {
    ConfigMap partial = map;
    partial.data.erase(key);
    EXPECT_FALSE(arc_identity(partial)) << key;
    partial.data[key] = "";
    EXPECT_FALSE(arc_identity(partial)) << key << " empty";
  }
}

TEST_F(KubeClientReads, LabelSelectorIsSentAndApplied) {
  auto api = client(config());
  auto items = api->list("/api/v1/namespaces/kube-system/pods", "name=nvidia-device-plugin-ds");
  ASSERT_TRUE(items.ok()) << outcome(items);
  EXPECT_EQ(items->size(), 2u);
  ASSERT_EQ(kube.requests().size(), 1u);
  EXPECT_EQ(kube.requests()[0].http.query_value("labelSelector"), "name=nvidia-device-plugin-ds");
}

// --- paging ---

TEST_F(KubeClientReads, SmallPagesStillBringEveryNode) {
  auto api = client(config(), {.page_size = 2});
  auto nodes = api->nodes();
  ASSERT_TRUE(nodes.ok()) << outcome(nodes);
  EXPECT_THAT(names(*nodes), ElementsAre("arc-cp-0", "arc-cpu-0", "arc-cpu-1", "arc-gpu-0", "arc-gpu-1"));

  const auto sent = requests_to("/api/v1/nodes");
  ASSERT_EQ(sent.size(), 3u);  // 2 + 2 + 1
  for (const auto& request : sent) {
    EXPECT_EQ(request.http.query_value("limit"), "2");
    EXPECT_EQ(request.http.status, 200);
  }
  EXPECT_EQ(sent[0].http.query_value("continue"), "");
  EXPECT_NE(sent[1].http.query_value("continue"), "");
  EXPECT_NE(sent[2].http.query_value("continue"), "");
  EXPECT_NE(sent[1].http.query_value("continue"), sent[2].http.query_value("continue"));
  EXPECT_EQ(api->requests_sent(), 3u);
}

TEST_F(KubeClientReads, SmallPagesWithALabelSelectorKeepTheSelectorOnEveryPage) {
  auto api = client(config(), {.page_size = 1});
  auto items = api->list("/api/v1/nodes", "agentpool=gpu");
  ASSERT_TRUE(items.ok()) << outcome(items);
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0]["metadata"]["name"], "arc-gpu-0");
  EXPECT_EQ((*items)[1]["metadata"]["name"], "arc-gpu-1");
  const auto sent = requests_to("/api/v1/nodes");
  ASSERT_EQ(sent.size(), 2u);
  for (const auto& request : sent) EXPECT_EQ(request.http.query_value("labelSelector"), "agentpool=gpu");
  EXPECT_NE(sent[1].http.query_value("continue"), "");
}

TEST_F(KubeClientReads, DefaultPageSizeIsOneRequest) {
  auto pods = client(config())->pods("azureml");
  ASSERT_TRUE(pods.ok()) << outcome(pods);
  const auto sent = requests_to("/api/v1/namespaces/azureml/pods");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].http.query_value("limit"), "500");
}

std::string page(const std::vector<std::string>& node_names, const std::string& next) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& name : node_names) items.push_back({{"metadata", {{"name", name}}}});
  nlohmann::json body = {
      {"kind", "NodeList"}, {"apiVersion", "v1"}, {"items", items}, {"metadata", nlohmann::json::object()}};
  if (!next.empty()) body["metadata"]["continue"] = next;
  return body.dump();
}

TEST_F(KubeClientReads, ScriptedPagesSendLimitAndContinue) {
  test::ScriptedTransport server;
  server.answer(200, page({"a"}, "t1"));
  server.answer(200, page({"b"}, "t2/+="));  // a token needing percent-encoding
  server.answer(200, page({"c"}, ""));
  auto api = client(config(), {.page_size = 1}, nullptr, &server);
  auto nodes = api->nodes();
  ASSERT_TRUE(nodes.ok()) << outcome(nodes);
  EXPECT_THAT(names(*nodes), ElementsAre("a", "b", "c"));
  ASSERT_EQ(server.requests.size(), 3u);
  EXPECT_EQ(server.requests[0].url, kube.base_url() + "/api/v1/nodes?limit=1");
  EXPECT_EQ(server.requests[1].url, kube.base_url() + "/api/v1/nodes?limit=1&continue=t1");
  EXPECT_EQ(server.requests[2].url, kube.base_url() + "/api/v1/nodes?limit=1&continue=t2%2F%2B%3D");
  // The token from the kubeconfig goes on every page.
  for (const auto& request : server.requests)
    EXPECT_EQ(http::find_header(request.headers, "Authorization"), "Bearer fake-kube-token");
}

TEST_F(KubeClientReads, RepeatedContinueTokenIsAnErrorNotALoop) {
  test::ScriptedTransport server;
  server.answer(200, page({"a"}, "same"));
  server.answer(200, page({"b"}, "same"));
  auto api = client(config(), {.page_size = 1}, nullptr, &server);
  auto nodes = api->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().kind, KubeApiError::Kind::response);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(nodes.error().path, "/api/v1/nodes");
  EXPECT_THAT(nodes.error().describe(), HasSubstr("continue token"));
  EXPECT_EQ(server.requests.size(), 2u);
}

TEST_F(KubeClientReads, ContinueTokensGoingInACircleAreAnErrorNotALoop) {
  // A -> B -> A would page forever if only the previous token were compared.
  test::ScriptedTransport server;
  server.answer(200, page({"a"}, "A"));
  server.answer(200, page({"b"}, "B"));
  server.answer(200, page({"c"}, "A"));
  server.answer(200, page({"d"}, "B"));
  server.answer(200, page({"e"}, "A"));
  auto api = client(config(), {.page_size = 1}, nullptr, &server);
  auto nodes = api->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().kind, KubeApiError::Kind::response);
  EXPECT_THAT(nodes.error().describe(), HasSubstr("continue token"));
  EXPECT_EQ(server.requests.size(), 3u);
}

TEST_F(KubeClientReads, ErrorOnALaterPageFailsTheWholeList) {
  // Half a list would make doctor report nodes missing that are not.
  kube.add_fault(
      {.kind = fakes::FaultKind::status, .method = "GET", .path_regex = "^/api/v1/nodes$", .skip = 1, .status = 500});
  auto nodes = client(config(), {.page_size = 2})->nodes();
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.error().status, 500);
  EXPECT_EQ(nodes.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(requests_to("/api/v1/nodes").size(), 2u);
}

}  // namespace
}  // namespace azureml::kube
