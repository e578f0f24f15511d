// The fake Kubernetes API server itself (tests/fakes/fake_kube.h), driven over loopback HTTPS
// with cpp-httplib's client: discovery, every route, authentication by token and by client
// certificate, selectors, paging, Tables, Status errors, recording, faults, the fixture's
// errors, and the standalone bin/fake-kube.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/util/clock.h"
#include "tests/e2e/run_process.h"
#include "tests/fakes/fake_kube.h"
#include "tests/fakes/http_text.h"
#include "tests/fakes/kube_fixture.h"
#include "tests/fakes/kube_time.h"

namespace {

using azureml::fakes::FakeKube;
using azureml::fakes::FakeKubeOptions;
using azureml::fakes::Fault;
using azureml::fakes::KubeAuthMethod;
using azureml::fakes::KubeFixtureError;
using nlohmann::json;

const std::string kFixture = std::string(AZUREML_SOURCE_DIR) + "/tests/fakes/fixtures/arc-cluster.yaml";
const std::string kToken = "fake-kube-token";
const char* kTableAccept =
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

json json_body(const httplib::Result& result) { return json::parse(result->body, nullptr, false); }

std::vector<std::string> names_of(const json& list) {
  std::vector<std::string> names;
  for (const json& item : list["items"]) names.push_back(item["metadata"]["name"]);
  return names;
}

// A directory for PEM files and kubeconfigs, removed with the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string name = (std::filesystem::temp_directory_path() / "fake-kube-test-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = name;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const std::string file = path_ + "/" + name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class FakeKubeTest : public ::testing::Test {
 protected:
  explicit FakeKubeTest(FakeKubeOptions options = {.fixture_file = kFixture}) : kube_(std::move(options)) {}

  void SetUp() override {
    kube_.start();
    client_ = client();
  }

  std::unique_ptr<httplib::SSLClient> client(const std::string& token = kToken) const {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", kube_.port());
    c->set_ca_cert_path(kube_.ca_file().c_str());
    c->enable_server_certificate_verification(true);
    c->set_read_timeout(10, 0);
    if (!token.empty()) c->set_bearer_token_auth(token.c_str());
    return c;
  }

  json get(const std::string& path, const char* accept = "application/json") {
    const auto result = client_->Get(path.c_str(), {{"Accept", accept}});
    if (!result) {
      ADD_FAILURE() << "GET " << path << " failed: " << httplib::to_string(result.error());
      return nullptr;
    }
    last_status_ = result->status;
    last_content_type_ = result->get_header_value("Content-Type");
    return json::parse(result->body, nullptr, false);
  }

  FakeKube kube_;
  std::unique_ptr<httplib::SSLClient> client_;
  int last_status_ = 0;
  std::string last_content_type_;
};

// ---------------------------------------------------------------------------------------------
// Discovery

TEST_F(FakeKubeTest, ServesVersionFromTheFixture) {
  const json version = get("/version");
  EXPECT_EQ(last_status_, 200);
  EXPECT_EQ(version["gitVersion"], "v1.29.4");
  EXPECT_EQ(version["major"], "1");
  EXPECT_EQ(version["minor"], "29");
  EXPECT_EQ(version["platform"], "linux/amd64");
}

TEST_F(FakeKubeTest, ServesLegacyDiscoveryToPlainJsonClients) {
  const json api = get("/api");
  EXPECT_EQ(api["kind"], "APIVersions");
  EXPECT_EQ(api["versions"], json({"v1"}));
  EXPECT_EQ(last_content_type_, "application/json");
  const json apis = get("/apis");
  EXPECT_EQ(apis["kind"], "APIGroupList");
  ASSERT_EQ(apis["groups"].size(), 1u);
  EXPECT_EQ(apis["groups"][0]["name"], "apps");
  EXPECT_EQ(apis["groups"][0]["preferredVersion"]["groupVersion"], "apps/v1");

  const json core = get("/api/v1");
  EXPECT_EQ(core["kind"], "APIResourceList");
  EXPECT_EQ(core["groupVersion"], "v1");
  std::set<std::string> resources;
  for (const json& resource : core["resources"]) resources.insert(resource["name"]);
  EXPECT_EQ(resources, (std::set<std::string>{"configmaps", "namespaces", "nodes", "pods"}));
  const json apps = get("/apis/apps/v1");
  ASSERT_EQ(apps["resources"].size(), 1u);
  EXPECT_EQ(apps["resources"][0]["name"], "daemonsets");
  EXPECT_EQ(apps["resources"][0]["namespaced"], true);
  EXPECT_EQ(apps["resources"][0]["kind"], "DaemonSet");
  EXPECT_EQ(apps["resources"][0]["shortNames"], json({"ds"}));
  EXPECT_EQ(apps["resources"][0]["verbs"], json({"get", "list"}));
}

TEST_F(FakeKubeTest, ServesAggregatedDiscoveryWhenAskedAsKubectlDoes) {
  // kubectl 1.30+ asks for v2 first; 1.26-1.29 for v2beta1 only.
  const json api = get("/api",
                       "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                       "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
  EXPECT_EQ(last_content_type_, "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
  EXPECT_EQ(api["kind"], "APIGroupDiscoveryList");
  EXPECT_EQ(api["apiVersion"], "apidiscovery.k8s.io/v2");
  ASSERT_EQ(api["items"].size(), 1u);
  EXPECT_FALSE(api["items"][0]["metadata"].contains("name"));  // the core group
  const json& pods = api["items"][0]["versions"][0]["resources"][2];
  EXPECT_EQ(pods["resource"], "pods");
  EXPECT_EQ(pods["scope"], "Namespaced");
  EXPECT_EQ(pods["responseKind"], json({{"group", ""}, {"version", "v1"}, {"kind", "Pod"}}));

  const json apis =
      get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
  EXPECT_EQ(apis["apiVersion"], "apidiscovery.k8s.io/v2beta1");
  ASSERT_EQ(apis["items"].size(), 1u);
  EXPECT_EQ(apis["items"][0]["metadata"]["name"], "apps");
  EXPECT_EQ(apis["items"][0]["versions"][0]["resources"][0]["resource"], "daemonsets");
}

class LegacyDiscoveryTest : public FakeKubeTest {
 protected:
  LegacyDiscoveryTest() : FakeKubeTest({.fixture_file = kFixture, .aggregated_discovery = false}) {}
};

TEST_F(LegacyDiscoveryTest, AnswersAggregatedRequestsWithLegacyDocuments) {
  const json api = get("/api", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
  EXPECT_EQ(api["kind"], "APIVersions");
  EXPECT_EQ(last_content_type_, "application/json");  // what makes clients fall back
}

// ---------------------------------------------------------------------------------------------
// Objects

TEST_F(FakeKubeTest, ListsNamespacesIncludingTheBuiltInOnes) {
  const json list = get("/api/v1/namespaces");
  EXPECT_EQ(last_status_, 200);
  EXPECT_EQ(list["kind"], "NamespaceList");
  EXPECT_EQ(list["apiVersion"], "v1");
  EXPECT_FALSE(list["metadata"]["resourceVersion"].get<std::string>().empty());
  EXPECT_EQ(names_of(list), (std::vector<std::string>{"azure-arc", "azureml", "default", "kube-node-lease",
                                                      "kube-public", "kube-system"}));
  // Inside a list, items carry no apiVersion and kind, as the API server writes them.
  EXPECT_FALSE(list["items"][0].contains("kind"));
}

TEST_F(FakeKubeTest, GetsANamespaceFilledInLikeARealOne) {
  const json ns = get("/api/v1/namespaces/azureml");
  EXPECT_EQ(last_status_, 200);
  EXPECT_EQ(ns["kind"], "Namespace");
  EXPECT_EQ(ns["apiVersion"], "v1");
  EXPECT_EQ(ns["status"]["phase"], "Active");
  EXPECT_EQ(ns["metadata"]["labels"]["kubernetes.io/metadata.name"], "azureml");
  EXPECT_EQ(ns["metadata"]["labels"]["app.kubernetes.io/managed-by"], "Helm");
  EXPECT_EQ(ns["metadata"]["uid"].get<std::string>().size(), 36u);
  EXPECT_FALSE(ns["metadata"]["resourceVersion"].get<std::string>().empty());
  EXPECT_TRUE(azureml::fakes::parse_rfc3339(ns["metadata"]["creationTimestamp"].get<std::string>()));
}

TEST_F(FakeKubeTest, ListsNodesWithCapacityTaintsAndConditions) {
  const json list = get("/api/v1/nodes");
  EXPECT_EQ(list["kind"], "NodeList");
  EXPECT_EQ(names_of(list), (std::vector<std::string>{"arc-cp-0", "arc-cpu-0", "arc-cpu-1", "arc-gpu-0", "arc-gpu-1"}));
  const json node = get("/api/v1/nodes/arc-gpu-1");
  EXPECT_EQ(node["kind"], "Node");
  EXPECT_EQ(node["status"]["capacity"]["nvidia.com/gpu"], "2");
  EXPECT_EQ(node["status"]["allocatable"]["nvidia.com/gpu"], "2");
  EXPECT_EQ(node["status"]["allocatable"]["cpu"], "47320m");
  EXPECT_EQ(node["spec"]["taints"][0], json({{"key", "sku"}, {"value", "gpu"}, {"effect", "NoSchedule"}}));
  EXPECT_EQ(node["metadata"]["labels"]["kubernetes.io/hostname"], "arc-gpu-1");
  EXPECT_EQ(node["metadata"]["labels"]["accelerator"], "nvidia");
  EXPECT_EQ(node["status"]["nodeInfo"]["kubeletVersion"], "v1.29.4");
  const auto ready = std::find_if(node["status"]["conditions"].begin(), node["status"]["conditions"].end(),
                                  [](const json& c) { return c["type"] == "Ready"; });
  ASSERT_NE(ready, node["status"]["conditions"].end());
  EXPECT_EQ((*ready)["status"], "True");
  // Capacity defaults: a CPU node has no GPU entry at all.
  EXPECT_FALSE(get("/api/v1/nodes/arc-cpu-0")["status"]["capacity"].contains("nvidia.com/gpu"));
}

TEST_F(FakeKubeTest, ListsPodsInANamespaceAndAcrossNamespaces) {
  const json azureml = get("/api/v1/namespaces/azureml/pods");
  EXPECT_EQ(azureml["kind"], "PodList");
  EXPECT_EQ(azureml["items"].size(), 7u);
  const json all = get("/api/v1/pods");
  EXPECT_EQ(all["items"].size(), 11u);
  EXPECT_EQ(all["items"][0]["metadata"]["namespace"], "azure-arc");  // namespace order, then names
  EXPECT_EQ(all["items"][10]["metadata"]["namespace"], "kube-system");

  const json pod = get("/api/v1/namespaces/azureml/pods/relayserver-6c8d7f9b5-q7zrk");
  EXPECT_EQ(pod["kind"], "Pod");
  EXPECT_EQ(pod["spec"]["nodeName"], "arc-cpu-1");
  EXPECT_EQ(pod["status"]["phase"], "Running");
  const json& status = pod["status"]["containerStatuses"][0];
  EXPECT_EQ(status["ready"], false);
  EXPECT_EQ(status["restartCount"], 17);
  EXPECT_EQ(status["state"]["waiting"]["reason"], "CrashLoopBackOff");
  EXPECT_EQ(pod["status"]["podIP"], "10.244.2.21");

  EXPECT_EQ(get("/api/v1/namespaces/azureml/pods/gateway-7d9b8c6f5-vn8wq")["status"]["containerStatuses"][0]["state"]
                .contains("running"),
            true);
}

TEST_F(FakeKubeTest, ListsAndGetsDaemonSetsWithImagesAndCounts) {
  const json all = get("/apis/apps/v1/daemonsets");
  EXPECT_EQ(all["kind"], "DaemonSetList");
  EXPECT_EQ(all["apiVersion"], "apps/v1");
  EXPECT_EQ(names_of(all), (std::vector<std::string>{"kube-proxy", "nvidia-device-plugin-daemonset"}));
  EXPECT_EQ(get("/apis/apps/v1/namespaces/kube-system/daemonsets")["items"].size(), 2u);
  EXPECT_TRUE(get("/apis/apps/v1/namespaces/azureml/daemonsets")["items"].empty());

  const json ds = get("/apis/apps/v1/namespaces/kube-system/daemonsets/nvidia-device-plugin-daemonset");
  EXPECT_EQ(ds["kind"], "DaemonSet");
  EXPECT_EQ(ds["spec"]["template"]["spec"]["containers"][0]["image"], "nvcr.io/nvidia/k8s-device-plugin:v0.14.5");
  EXPECT_EQ(ds["spec"]["selector"]["matchLabels"], json({{"name", "nvidia-device-plugin-ds"}}));
  EXPECT_EQ(ds["spec"]["template"]["metadata"]["labels"], json({{"name", "nvidia-device-plugin-ds"}}));
  // Desired: the GPU nodes its nodeSelector picks and whose taints it tolerates.
  EXPECT_EQ(ds["status"]["desiredNumberScheduled"], 2);
  EXPECT_EQ(ds["status"]["numberReady"], 2);
  // kube-proxy tolerates everything: every node, the control plane too.
  EXPECT_EQ(get("/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy")["status"]["desiredNumberScheduled"], 5);
}

TEST_F(FakeKubeTest, GetsTheArcClusterConfigMap) {
  const json cm = get("/api/v1/namespaces/azure-arc/configmaps/azure-clusterconfig");
  EXPECT_EQ(last_status_, 200);
  EXPECT_EQ(cm["kind"], "ConfigMap");
  EXPECT_EQ(cm["data"]["AZURE_SUBSCRIPTION_ID"], "00000000-0000-0000-0000-000000000001");
  EXPECT_EQ(cm["data"]["AZURE_RESOURCE_GROUP"], "rg1");
  EXPECT_EQ(cm["data"]["AZURE_RESOURCE_NAME"], "cluster1");
  EXPECT_EQ(names_of(get("/api/v1/configmaps")),
            (std::vector<std::string>{"azure-clusterconfig", "arcml-healthcheck"}));
}

TEST_F(FakeKubeTest, AnswersNotFoundAsAKubernetesStatus) {
  const json ns = get("/api/v1/namespaces/nope");
  EXPECT_EQ(last_status_, 404);
  EXPECT_EQ(ns, json({{"kind", "Status"},
                      {"apiVersion", "v1"},
                      {"metadata", json::object()},
                      {"status", "Failure"},
                      {"message", "namespaces \"nope\" not found"},
                      {"reason", "NotFound"},
                      {"details", {{"name", "nope"}, {"kind", "namespaces"}}},
                      {"code", 404}}));
  const json ds = get("/apis/apps/v1/namespaces/kube-system/daemonsets/blobfuse-flexvol-installer");
  EXPECT_EQ(last_status_, 404);
  EXPECT_EQ(ds["message"], "daemonsets.apps \"blobfuse-flexvol-installer\" not found");
  EXPECT_EQ(ds["details"]["group"], "apps");
  get("/api/v1/namespaces/azureml/configmaps/azure-clusterconfig");  // it lives in azure-arc
  EXPECT_EQ(last_status_, 404);

  for (const char* path :
       {"/api/v1/widgets", "/apis/batch/v1/jobs", "/api/v2/pods", "/api/v1/pods/x", "/openapi/v3", "/"}) {
    const json status = get(path);
    EXPECT_EQ(last_status_, 404) << path;
    EXPECT_EQ(status["reason"], "NotFound") << path;
  }
  // A list in a namespace that does not exist is empty, as on a real server.
  const json empty = get("/api/v1/namespaces/nope/pods");
  EXPECT_EQ(last_status_, 200);
  EXPECT_TRUE(empty["items"].empty());
}

TEST_F(FakeKubeTest, ServesReadsOnly) {
  const auto post = client_->Post("/api/v1/namespaces", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(json_body(post)["reason"], "MethodNotAllowed");
  get("/api/v1/pods?watch=true");
  EXPECT_EQ(last_status_, 405);
  get("/api/v1/pods", "application/vnd.kubernetes.protobuf");
  EXPECT_EQ(last_status_, 406);
  get("/api/v1/pods", "application/vnd.kubernetes.protobuf,application/json");
  EXPECT_EQ(last_status_, 200);
}

// ---------------------------------------------------------------------------------------------
// Selectors and paging

TEST_F(FakeKubeTest, FiltersListsByLabelSelector) {
  const auto pods = [&](const std::string& selector) {
    return names_of(get("/api/v1/namespaces/azureml/pods?labelSelector=" + azureml::fakes::percent_encode(selector)));
  };
  EXPECT_EQ(pods("app=relayserver"), (std::vector<std::string>{"relayserver-6c8d7f9b5-q7zrk"}));
  EXPECT_EQ(pods("app==relayserver").size(), 1u);
  EXPECT_EQ(pods("app!=relayserver").size(), 6u);  // includes the pod without an app label
  EXPECT_EQ(pods("app in (gateway, aml-operator)"),
            (std::vector<std::string>{"aml-operator-5c7d9f8b6d-7tq2m", "gateway-7d9b8c6f5-vn8wq"}));
  EXPECT_EQ(pods("app notin (gateway,aml-operator)").size(), 5u);
  EXPECT_EQ(pods("!app"), (std::vector<std::string>{"prom-prometheus-0"}));
  EXPECT_EQ(pods("app,app.kubernetes.io/managed-by=Helm"), (std::vector<std::string>{"aml-operator-5c7d9f8b6d-7tq2m"}));
  EXPECT_EQ(names_of(get("/api/v1/nodes?labelSelector=agentpool%3Dgpu")),
            (std::vector<std::string>{"arc-gpu-0", "arc-gpu-1"}));
  EXPECT_EQ(names_of(get("/api/v1/nodes?labelSelector=node-role.kubernetes.io/control-plane")),
            (std::vector<std::string>{"arc-cp-0"}));

  const json bad = get("/api/v1/pods?labelSelector=" + azureml::fakes::percent_encode("app=(x"));
  EXPECT_EQ(last_status_, 400);
  EXPECT_EQ(bad["reason"], "BadRequest");
}

TEST_F(FakeKubeTest, FiltersListsByFieldSelector) {
  EXPECT_EQ(names_of(get("/api/v1/pods?fieldSelector=spec.nodeName%3Darc-gpu-0")),
            (std::vector<std::string>{"nvidia-device-plugin-daemonset-8xq2v"}));
  EXPECT_EQ(get("/api/v1/pods?fieldSelector=status.phase%3DRunning")["items"].size(), 11u);
  EXPECT_EQ(names_of(get("/api/v1/namespaces?fieldSelector=metadata.name%3Dazureml")),
            (std::vector<std::string>{"azureml"}));
  EXPECT_EQ(get("/api/v1/nodes?fieldSelector=spec.unschedulable%3Dfalse")["items"].size(), 5u);
  const json bad = get("/api/v1/pods?fieldSelector=spec.color%3Dblue");
  EXPECT_EQ(last_status_, 400);
  EXPECT_EQ(bad["message"], "field label not supported: spec.color");
}

TEST_F(FakeKubeTest, PagesListsWithLimitAndContinue) {
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    const json page =
        get("/api/v1/pods?limit=4" + (token.empty() ? "" : "&continue=" + azureml::fakes::percent_encode(token)));
    ASSERT_EQ(last_status_, 200) << page.dump();
    ASSERT_LE(page["items"].size(), 4u);
    for (const std::string& name : names_of(page)) seen.push_back(name);
    token = page["metadata"].value("continue", "");
    if (!token.empty()) {
      EXPECT_EQ(page["metadata"]["remainingItemCount"], 11 - static_cast<int>(seen.size()));
    }
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, names_of(get("/api/v1/pods")));  // all of them, in order, once each

  // The last page has no token; a page as long as the rest has none either.
  EXPECT_FALSE(get("/api/v1/nodes?limit=5")["metadata"].contains("continue"));
  EXPECT_TRUE(get("/api/v1/nodes?limit=4")["metadata"].contains("continue"));
}

TEST_F(FakeKubeTest, RefusesContinueTokensItDidNotMake) {
  const json status = get("/api/v1/pods?limit=2&continue=bm90LWEtdG9rZW4");
  EXPECT_EQ(last_status_, 400);
  EXPECT_EQ(status["reason"], "BadRequest");
  get("/api/v1/pods?limit=two");
  EXPECT_EQ(last_status_, 400);
}

// ---------------------------------------------------------------------------------------------
// Tables (kubectl get)

TEST_F(FakeKubeTest, AnswersKubectlsTableRequestWithItsColumns) {
  const json table = get("/api/v1/namespaces/azureml/pods?limit=500", kTableAccept);
  EXPECT_EQ(last_content_type_, "application/json;as=Table;v=v1;g=meta.k8s.io");
  EXPECT_EQ(table["kind"], "Table");
  EXPECT_EQ(table["apiVersion"], "meta.k8s.io/v1");
  std::vector<std::string> columns;
  for (const json& column : table["columnDefinitions"]) {
    if (column["priority"] == 0) columns.push_back(column["name"]);
  }
  EXPECT_EQ(columns, (std::vector<std::string>{"Name", "Ready", "Status", "Restarts", "Age"}));
  ASSERT_EQ(table["rows"].size(), 7u);
  const json& relay = table["rows"][6];
  EXPECT_EQ(relay["cells"][0], "relayserver-6c8d7f9b5-q7zrk");
  EXPECT_EQ(relay["cells"][1], "0/1");
  EXPECT_EQ(relay["cells"][2], "CrashLoopBackOff");
  EXPECT_EQ(relay["cells"][3], "17");
  EXPECT_EQ(relay["cells"][4], "12d");
  EXPECT_EQ(relay["cells"][6], "arc-cpu-1");  // -o wide's NODE
  EXPECT_EQ(relay["object"]["kind"], "PartialObjectMetadata");
  EXPECT_EQ(relay["object"]["metadata"]["namespace"], "azureml");
  EXPECT_EQ(table["rows"][3]["cells"][1], "2/2");  // azureml-fe-v2: two ready containers
}

TEST_F(FakeKubeTest, PrintsNodeStatusRolesAndVersion) {
  const json table = get("/api/v1/nodes", kTableAccept);
  ASSERT_EQ(table["rows"].size(), 5u);
  EXPECT_EQ(table["rows"][0]["cells"][0], "arc-cp-0");
  EXPECT_EQ(table["rows"][0]["cells"][1], "Ready");
  EXPECT_EQ(table["rows"][0]["cells"][2], "control-plane");
  EXPECT_EQ(table["rows"][0]["cells"][3], "41d");
  EXPECT_EQ(table["rows"][0]["cells"][4], "v1.29.4");
  EXPECT_EQ(table["rows"][1]["cells"][2], "<none>");
  EXPECT_EQ(table["rows"][1]["cells"][5], "10.0.0.5");
}

TEST_F(FakeKubeTest, TablesForOneObjectAndOtherKinds) {
  const json one = get("/api/v1/namespaces/azureml", kTableAccept);
  ASSERT_EQ(one["rows"].size(), 1u);
  EXPECT_EQ(one["rows"][0]["cells"], json({"azureml", "Active", "12d"}));
  const json cm = get("/api/v1/namespaces/azure-arc/configmaps/azure-clusterconfig", kTableAccept);
  EXPECT_EQ(cm["rows"][0]["cells"], json({"azure-clusterconfig", 9, "40d"}));
  const json ds = get("/apis/apps/v1/namespaces/kube-system/daemonsets?includeObject=None", kTableAccept);
  EXPECT_EQ(ds["rows"][1]["cells"][0], "nvidia-device-plugin-daemonset");
  EXPECT_EQ(ds["rows"][1]["cells"][1], 2);
  EXPECT_EQ(ds["rows"][1]["cells"][6], "accelerator=nvidia");
  EXPECT_FALSE(ds["rows"][1].contains("object"));
  const json full = get("/api/v1/nodes?includeObject=Object&limit=1", kTableAccept);
  EXPECT_EQ(full["rows"][0]["object"]["kind"], "Node");
  EXPECT_TRUE(full["metadata"].contains("continue"));  // Tables page too
  get("/api/v1/nodes", "application/json;as=Table;v=v1beta1;g=meta.k8s.io");
  EXPECT_EQ(last_content_type_, "application/json;as=Table;v=v1beta1;g=meta.k8s.io");
}

// ---------------------------------------------------------------------------------------------
// Authentication

TEST_F(FakeKubeTest, RefusesRequestsWithoutAKnownCredential) {
  for (const std::string& token : {std::string{}, std::string("wrong-token")}) {
    const auto result = client(token)->Get("/api/v1/namespaces");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401);
    EXPECT_EQ(json_body(result), json({{"kind", "Status"},
                                       {"apiVersion", "v1"},
                                       {"metadata", json::object()},
                                       {"status", "Failure"},
                                       {"message", "Unauthorized"},
                                       {"reason", "Unauthorized"},
                                       {"code", 401}}));
  }
  // What system:public-info-viewer lets anyone read.
  EXPECT_EQ(client("")->Get("/version")->status, 200);
  EXPECT_EQ(client("")->Get("/healthz")->body, "ok");
  EXPECT_EQ(client("")->Get("/api")->status, 401);
}

TEST_F(FakeKubeTest, AcceptsTokensAddedAndForgetsRemovedOnes) {
  EXPECT_EQ(client("late-token")->Get("/api/v1/nodes")->status, 401);
  kube_.add_token("late-token", "ci-bot");
  EXPECT_EQ(client("late-token")->Get("/api/v1/nodes")->status, 200);
  kube_.remove_token("late-token");
  EXPECT_EQ(client("late-token")->Get("/api/v1/nodes")->status, 401);
  const auto lower_case = client("")->Get("/api/v1/nodes", {{"Authorization", "bearer " + kToken}});
  EXPECT_EQ(lower_case->status, 200);
}

TEST_F(FakeKubeTest, AcceptsClientCertificatesItIssued) {
  const ScratchDir dir;
  const auto issued = kube_.issue_client_certificate("cluster-admin");
  const std::string cert = dir.write("client.pem", issued.certificate_pem);
  const std::string key = dir.write("client-key.pem", issued.private_key_pem);
  httplib::SSLClient with_cert("127.0.0.1", kube_.port(), cert, key);
  with_cert.set_ca_cert_path(kube_.ca_file().c_str());
  with_cert.enable_server_certificate_verification(true);
  const auto result = with_cert.Get("/api/v1/namespaces/azureml");
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 200);
  const auto recorded = kube_.requests();
  ASSERT_FALSE(recorded.empty());
  EXPECT_EQ(recorded.back().auth, KubeAuthMethod::certificate);
  EXPECT_EQ(recorded.back().user, "cluster-admin");

  // A certificate the server did not issue authenticates no one (the handshake still succeeds).
  const auto foreign = azureml::fakes::generate_client_certificate("intruder");
  httplib::SSLClient stranger("127.0.0.1", kube_.port(), dir.write("f.pem", foreign.certificate_pem),
                              dir.write("f-key.pem", foreign.private_key_pem));
  stranger.set_ca_cert_path(kube_.ca_file().c_str());
  stranger.enable_server_certificate_verification(true);
  const auto refused = stranger.Get("/api/v1/namespaces/azureml");
  ASSERT_TRUE(refused) << httplib::to_string(refused.error());
  EXPECT_EQ(refused->status, 401);
}

// ---------------------------------------------------------------------------------------------
// Recording and faults

TEST_F(FakeKubeTest, RecordsRequestsWithWhoSentThemAndNoToken) {
  kube_.clear_requests();
  client_->Get("/api/v1/namespaces/azureml/pods?labelSelector=app%3Dgateway&limit=50",
               {{"User-Agent", "kubectl/v1.29.14 (linux/amd64) kubernetes/4f359b2"}});
  client("bad")->Get("/api/v1/nodes");
  const auto recorded = kube_.requests();
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded[0].http.method, "GET");
  EXPECT_EQ(recorded[0].http.path, "/api/v1/namespaces/azureml/pods");
  EXPECT_EQ(recorded[0].http.query_value("labelSelector"), "app=gateway");
  EXPECT_EQ(recorded[0].http.query_value("limit"), "50");
  EXPECT_EQ(recorded[0].user_agent(), "kubectl/v1.29.14 (linux/amd64) kubernetes/4f359b2");
  EXPECT_EQ(recorded[0].auth, KubeAuthMethod::token);
  EXPECT_EQ(recorded[0].user, "fake-kube-admin");
  EXPECT_EQ(recorded[0].http.status, 200);
  EXPECT_EQ(recorded[0].http.header("authorization"), "REDACTED");
  EXPECT_EQ(recorded[1].auth, KubeAuthMethod::none);
  EXPECT_EQ(recorded[1].user, "");
  EXPECT_EQ(recorded[1].http.status, 401);
  const json as_json = azureml::fakes::to_json(recorded[0]);
  EXPECT_EQ(as_json["auth"], "token");
  EXPECT_EQ(as_json.dump().find(kToken), std::string::npos);

  // Scripts read the same over HTTP, without credentials, and unrecorded.
  const json over_http = json_body(client("")->Get("/_fake/requests"));
  EXPECT_EQ(over_http["requests"].size(), 2u);
  EXPECT_EQ(client("")->Delete("/_fake/requests")->status, 204);
  EXPECT_TRUE(kube_.requests().empty());
}

TEST_F(FakeKubeTest, InjectsStatusFaultsAsKubernetesStatus) {
  Fault throttle = Fault::throttle("GET", "/api/v1/nodes$", 2);
  kube_.add_fault(throttle);
  const auto throttled = client_->Get("/api/v1/nodes");
  ASSERT_TRUE(throttled);
  EXPECT_EQ(throttled->status, 429);
  EXPECT_EQ(throttled->get_header_value("Retry-After"), "2");
  EXPECT_EQ(json_body(throttled)["reason"], "TooManyRequests");
  EXPECT_EQ(client_->Get("/api/v1/nodes")->status, 200);

  kube_.add_fault(Fault::server_error(503, "", "pods"));
  const auto unavailable = client_->Get("/api/v1/pods");
  EXPECT_EQ(unavailable->status, 503);
  EXPECT_EQ(json_body(unavailable)["reason"], "ServiceUnavailable");
  EXPECT_EQ(json_body(unavailable)["code"], 503);
  EXPECT_EQ(kube_.faults_fired(), 2u);
}

TEST_F(FakeKubeTest, InjectsResetsDelaysAndBrokenBodies) {
  kube_.add_fault(Fault::reset("GET", "/api/v1/namespaces$"));
  EXPECT_FALSE(client_->Get("/api/v1/namespaces"));
  EXPECT_EQ(client_->Get("/api/v1/namespaces")->status, 200);

  kube_.add_fault(Fault::slow(300, "GET", "/version"));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(client_->Get("/version")->status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));

  kube_.add_fault(Fault::malformed_json("GET", "/api/v1/nodes"));
  EXPECT_TRUE(json_body(client_->Get("/api/v1/nodes")).is_discarded());
  kube_.clear_faults();
  EXPECT_FALSE(json_body(client_->Get("/api/v1/nodes")).is_discarded());
}

// ---------------------------------------------------------------------------------------------
// State: objects, fixtures, kubeconfig

TEST_F(FakeKubeTest, TakesWholeObjectsAndRemovesThem) {
  const json stored = kube_.put_object(json::parse(R"({
    "apiVersion": "apps/v1", "kind": "DaemonSet",
    "metadata": {"name": "csi-blob-node", "namespace": "kube-system"},
    "spec": {"template": {"spec": {"containers": [
      {"name": "blob", "image": "mcr.microsoft.com/oss/kubernetes-csi/blob-csi:v1.24.1"}]}}}})"));
  EXPECT_FALSE(stored["metadata"]["uid"].get<std::string>().empty());
  const json ds = get("/apis/apps/v1/namespaces/kube-system/daemonsets/csi-blob-node");
  EXPECT_EQ(last_status_, 200);
  EXPECT_EQ(ds["metadata"]["uid"], stored["metadata"]["uid"]);

  // A replaced object keeps its uid and gets a newer resourceVersion.
  json again = stored;
  again["metadata"]["labels"] = {{"new", "label"}};
  const json replaced = kube_.put_object(again);
  EXPECT_EQ(replaced["metadata"]["uid"], stored["metadata"]["uid"]);
  EXPECT_GT(std::stoll(replaced["metadata"]["resourceVersion"].get<std::string>()),
            std::stoll(stored["metadata"]["resourceVersion"].get<std::string>()));

  EXPECT_TRUE(kube_.remove_object("daemonsets", "kube-system", "csi-blob-node"));
  EXPECT_FALSE(kube_.object("daemonsets", "kube-system", "csi-blob-node"));
  get("/apis/apps/v1/namespaces/kube-system/daemonsets/csi-blob-node");
  EXPECT_EQ(last_status_, 404);
  EXPECT_THROW(kube_.put_object({{"apiVersion", "batch/v1"}, {"kind", "Job"}}), std::invalid_argument);
  EXPECT_THROW(kube_.put_object({{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", "x"}}}}),
               std::invalid_argument);  // a pod needs a namespace
}

TEST_F(FakeKubeTest, LoadsMoreFixtureTextWhileServing) {
  kube_.load_fixture_text(R"(
serverVersion: v1.31.2
namespaces: [{name: training}]
pods:
  - namespace: training
    name: job-0
    phase: Pending
    containers: [{name: main, image: busybox}]
)");
  EXPECT_EQ(get("/version")["gitVersion"], "v1.31.2");
  const json table = get("/api/v1/namespaces/training/pods", kTableAccept);
  ASSERT_EQ(table["rows"].size(), 1u);
  EXPECT_EQ(table["rows"][0]["cells"][1], "0/1");
  EXPECT_EQ(table["rows"][0]["cells"][2], "Pending");
  EXPECT_EQ(table["rows"][0]["cells"][6], "<none>");  // unscheduled
}

TEST_F(FakeKubeTest, WritesAKubeconfigForTokensAndCertificates) {
  const ScratchDir dir;
  const std::string path = dir.path() + "/kubeconfig";
  kube_.write_kubeconfig(path, {.namespace_name = "azureml"});
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  std::ifstream file(path);
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("server: \"" + kube_.base_url() + "\""), std::string::npos) << text;
  EXPECT_NE(text.find("certificate-authority-data: " + azureml::fakes::base64_encode(kube_.ca_pem())),
            std::string::npos);
  EXPECT_NE(text.find("token: \"fake-kube-token\""), std::string::npos);
  EXPECT_NE(text.find("namespace: \"azureml\""), std::string::npos);
  EXPECT_NE(text.find("current-context: \"fake-kube\""), std::string::npos);

  const auto issued = kube_.issue_client_certificate("admin");
  const std::string with_cert = kube_.kubeconfig({.certificate = issued});
  EXPECT_NE(with_cert.find("client-certificate-data: " + azureml::fakes::base64_encode(issued.certificate_pem)),
            std::string::npos);
  EXPECT_EQ(with_cert.find("token:"), std::string::npos);
}

std::string fixture_error(const std::string& yaml) {
  try {
    FakeKube kube;
    kube.load_fixture_text(yaml, "bad.yaml");
  } catch (const KubeFixtureError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(FakeKubeFixture, ReportsMistakesWithTheirPosition) {
  EXPECT_EQ(fixture_error("nodes:\n  - name: n1\n    lables: {a: b}\n"),
            "bad.yaml:3:5: nodes[0]: unknown key 'lables' (expected one of: name, labels, annotations, "
            "creationTimestamp, age, capacity, allocatable, taints, ready, unschedulable, internalIP, externalIP, "
            "kubeletVersion, osImage, kernelVersion, containerRuntime, architecture)");
  EXPECT_EQ(fixture_error("pods:\n  - name: p\n    namespace: ghost\n    containers: [{name: c, image: i}]\n"),
            "bad.yaml:3:16: pods[0]: namespace 'ghost' is not declared in namespaces");
  EXPECT_EQ(fixture_error(
                "pods:\n  - name: p\n    namespace: default\n    node: n9\n    containers: [{name: c, image: i}]\n"),
            "bad.yaml:4:11: pods[0]: node 'n9' is not declared in nodes");
  EXPECT_EQ(fixture_error("namespaces:\n  - name: a\n  - name: a\n"),
            "bad.yaml:3:11: namespaces[1]: 'a' appears twice");
  EXPECT_EQ(fixture_error("namespaces:\n  - name: Bad_Name\n"),
            "bad.yaml:2:11: namespaces[0]: 'Bad_Name' is not a valid name (lower-case letters, digits, '-', '.')");
  EXPECT_EQ(fixture_error("namespaces:\n  - {name: a, age: forever}\n"),
            "bad.yaml:2:20: namespaces[0].age: expected a duration such as 90s, 15m, 3h or 12d");
  EXPECT_EQ(fixture_error("nodes:\n  - {name: n, ready: maybe}\n"),
            "bad.yaml:2:22: nodes[0].ready: expected true or false");
  EXPECT_EQ(fixture_error("configMaps:\n  - {name: c, data: {k: v}}\n"),
            "bad.yaml:2:5: configMaps[0]: 'namespace' is required");
  EXPECT_EQ(fixture_error("pods:\n  - {name: p, namespace: default, containers: []}\n"),
            "bad.yaml:2:47: pods[0].containers: needs at least one container");
  EXPECT_EQ(fixture_error("deployments: []\n"),
            "bad.yaml:1:1: unknown section 'deployments' (expected serverVersion, namespaces, nodes, pods, daemonSets "
            "or configMaps)");
  EXPECT_EQ(fixture_error("- a\n- b\n"), "bad.yaml:1:1: a fixture is a map of sections (namespaces, nodes, ...)");
  EXPECT_NE(fixture_error("nodes: [\n").find("bad.yaml:2:1: "), std::string::npos) << fixture_error("nodes: [\n");
}

TEST(FakeKubeFixture, ConstructorLoadsTheFileOrSaysWhyNot) {
  EXPECT_THROW(FakeKube({.fixture_file = "/nonexistent/fixture.yaml"}), KubeFixtureError);
  const FakeKube kube({.fixture_file = kFixture});
  EXPECT_EQ(kube.server_version(), "v1.29.4");
  EXPECT_TRUE(kube.object("configmaps", "azure-arc", "azure-clusterconfig"));
  const FakeKube empty;
  EXPECT_TRUE(empty.object("namespaces", "", "default"));  // the built-in namespaces exist
  EXPECT_EQ(empty.server_version(), "v1.29.4");
}

TEST(FakeKubeClock, AgesComeFromTheInjectedClock) {
  azureml::FakeClock clock;
  FakeKube kube({.fixture_file = kFixture, .clock = &clock});
  const json ns = *kube.object("namespaces", "", "azureml");
  EXPECT_EQ(ns["metadata"]["creationTimestamp"], azureml::fakes::rfc3339(clock.now() - std::chrono::hours(12 * 24)));
}

TEST(FakeKubeTime, PrintsAgesAsKubectlDoes) {
  using azureml::fakes::human_duration;
  using std::chrono::seconds;
  EXPECT_EQ(human_duration(seconds(-5)), "<invalid>");
  EXPECT_EQ(human_duration(seconds(-1)), "0s");
  EXPECT_EQ(human_duration(seconds(119)), "119s");
  EXPECT_EQ(human_duration(seconds(200)), "3m20s");
  EXPECT_EQ(human_duration(seconds(600)), "10m");
  EXPECT_EQ(human_duration(seconds(5 * 3600 + 600)), "5h10m");
  EXPECT_EQ(human_duration(seconds(30 * 3600)), "30h");
  EXPECT_EQ(human_duration(seconds(3 * 86400 + 7200)), "3d2h");
  EXPECT_EQ(human_duration(seconds(40 * 86400)), "40d");
  EXPECT_EQ(human_duration(seconds(3 * 365 * 86400 + 10 * 86400)), "3y10d");
  EXPECT_EQ(human_duration(seconds(9 * 365 * 86400)), "9y");
  EXPECT_TRUE(azureml::fakes::parse_rfc3339("2024-05-01T12:00:00.123+02:00"));
  EXPECT_EQ(azureml::fakes::rfc3339(*azureml::fakes::parse_rfc3339("2024-05-01T12:00:00+02:00")),
            "2024-05-01T10:00:00Z");
  EXPECT_FALSE(azureml::fakes::parse_rfc3339("2024-05-01 12:00:00"));
}

// ---------------------------------------------------------------------------------------------
// The standalone binary

std::string fake_kube_binary() { return (std::filesystem::path(AZUREML_BINARY).parent_path() / "fake-kube").string(); }

TEST(FakeKubeStandalone, PrintsWhereItIsServesAndStopsOnSigterm) {
  const std::string binary = fake_kube_binary();
  ASSERT_TRUE(std::filesystem::exists(binary)) << binary << " is missing: build the fake-kube target";
  const ScratchDir dir;
  const std::string kubeconfig = dir.path() + "/config";
  const auto server = azureml::testing::spawn_server({binary, "--fixture", kFixture, "--port", "0", "--token", "t-one",
                                                      "--token", "t-two", "--kubeconfig-out", kubeconfig});
  ASSERT_GT(server.pid, 0);
  const json ready = json::parse(server.first_line, nullptr, false);
  ASSERT_TRUE(ready.is_object()) << server.first_line;
  EXPECT_EQ(server.first_line.find("{\"port\":"), 0u) << server.first_line;
  const int port = ready["port"];
  EXPECT_EQ(ready["url"], "https://127.0.0.1:" + std::to_string(port));
  EXPECT_EQ(ready["kubeconfig"], kubeconfig);
  const std::string ca_file = ready["caFile"];
  ASSERT_TRUE(std::filesystem::exists(ca_file));
  ASSERT_TRUE(std::filesystem::exists(kubeconfig));

  httplib::SSLClient client("127.0.0.1", port);
  client.set_ca_cert_path(ca_file.c_str());
  client.enable_server_certificate_verification(true);
  EXPECT_EQ(client.Get("/api/v1/namespaces/azureml", {{"Authorization", "Bearer fake-kube-token"}})->status, 401);
  const auto ok = client.Get("/api/v1/namespaces/azureml", {{"Authorization", "Bearer t-two"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  const json recorded = json_body(client.Get("/_fake/requests"))["requests"];
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded[1]["user"], "user-2");
  EXPECT_EQ(recorded[1]["auth"], "token");

  EXPECT_EQ(azureml::testing::stop_process(server.pid), 0);
  EXPECT_FALSE(std::filesystem::exists(ca_file));    // its certificates go with it
  EXPECT_TRUE(std::filesystem::exists(kubeconfig));  // what was asked for stays
}

TEST(FakeKubeStandalone, WritesATemporaryKubeconfigWhenNoneIsAsked) {
  const auto server = azureml::testing::spawn_server({fake_kube_binary(), "--fixture", kFixture});
  ASSERT_GT(server.pid, 0);
  const json ready = json::parse(server.first_line, nullptr, false);
  ASSERT_TRUE(ready.is_object()) << server.first_line;
  const std::string kubeconfig = ready["kubeconfig"];
  std::ifstream file(kubeconfig);
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("token: \"fake-kube-token\""), std::string::npos) << text;
  EXPECT_EQ(azureml::testing::stop_process(server.pid), 0);
  EXPECT_FALSE(std::filesystem::exists(kubeconfig));
}

TEST(FakeKubeStandalone, RejectsBadArgumentsAndFixtures) {
  const ScratchDir dir;
  const std::string bad_fixture = dir.write("bad.yaml", "nodes:\n  - name: n\n    gpus: 4\n");
  for (const std::vector<std::string>& arguments :
       {std::vector<std::string>{"--port", "eighty", "--fixture", kFixture}, std::vector<std::string>{},
        std::vector<std::string>{"--fixture"}, std::vector<std::string>{"--fixture", bad_fixture}}) {
    std::vector<std::string> argv = {fake_kube_binary()};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    const auto run = azureml::testing::run_process(argv, {"PATH=/usr/bin:/bin"}, std::chrono::seconds(20));
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
    EXPECT_EQ(run.err.rfind("fake-kube: ", 0), 0u) << run.err;
  }
  const auto run = azureml::testing::run_process({fake_kube_binary(), "--fixture", bad_fixture}, {});
  EXPECT_NE(run.err.find(bad_fixture + ":3:5: nodes[0]: unknown key 'gpus'"), std::string::npos) << run.err;
}

}  // namespace
