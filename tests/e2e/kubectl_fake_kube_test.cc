// The real kubectl against the fake Kubernetes API server (tests/fakes/fake_kube.h): what it
// prints for `get namespaces`, `get nodes -o json` and `get pods -n azureml` from the
// arc-cluster fixture, with token and client-certificate kubeconfigs, through both discovery
// paths (aggregated and legacy) and two kubectl generations.
//
// kubectl runs with HOME in a temporary directory (its discovery and HTTP caches go there),
// with HTTPS_PROXY/HTTP_PROXY pointing at a local port that refuses connections and
// NO_PROXY=127.0.0.1, so nothing can leave the machine: only the fake is reachable.
//
// On Debian's google-cloud-cli package /usr/bin/kubectl is a dispatcher: it first GETs
// /version (User-Agent kubectl-dispatcher/...) and then runs the kubectl.1.NN matching the
// server's minor version; so a fixture's serverVersion picks the kubectl that talks to it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/run_process.h"
#include "tests/fakes/fake_kube.h"

namespace {

using azureml::fakes::FakeKube;
using azureml::fakes::KubeAuthMethod;
using azureml::testing::ProcessResult;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kKubectl = "/usr/bin/kubectl";
const std::string kFixture = std::string(AZUREML_SOURCE_DIR) + "/tests/fakes/fixtures/arc-cluster.yaml";

// A printed table as rows of whitespace-separated fields, header first. (No cell here has a
// space in it.)
std::vector<std::vector<std::string>> rows_of(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> row;
    for (std::string word; words >> word;) row.push_back(word);
    if (!row.empty()) rows.push_back(std::move(row));
  }
  return rows;
}

std::map<std::string, std::vector<std::string>> rows_by_name(const std::string& text) {
  std::map<std::string, std::vector<std::string>> rows;
  for (auto& row : rows_of(text)) rows[row.front()] = row;
  return rows;
}

class TempDir {
 public:
  TempDir() {
    std::string name = (std::filesystem::temp_directory_path() / "kubectl-e2e-XXXXXX").string();
    if (mkdtemp(name.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = name;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Flavor {
  const char* name;
  const char* server_version;  // picks the kubectl the dispatcher runs
  bool aggregated_discovery;
};

// gtest_discover_tests puts the printed parameter into ctest's test names: a name, not bytes.
void PrintTo(const Flavor& flavor, std::ostream* out) { *out << flavor.name; }

class KubectlTest : public ::testing::Test {
 protected:
  explicit KubectlTest(const Flavor& flavor = {"default", "v1.29.4", true})
      : kube_({.fixture_file = kFixture, .aggregated_discovery = flavor.aggregated_discovery}),
        server_version_(flavor.server_version) {}

  void SetUp() override {
    if (!std::filesystem::exists(kKubectl)) GTEST_SKIP() << kKubectl << " is not installed";
    kube_.load_fixture_text("serverVersion: " + server_version_, "flavor");
    kube_.start();
    kubeconfig_ = dir_.path() + "/kubeconfig";
    kube_.write_kubeconfig(kubeconfig_);
    std::filesystem::create_directories(dir_.path() + "/home");
  }

  ProcessResult kubectl(const std::vector<std::string>& arguments, const std::string& kubeconfig = "") {
    std::vector<std::string> argv = {kKubectl, "--kubeconfig", kubeconfig.empty() ? kubeconfig_ : kubeconfig};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    const std::string proxy = refusing_.url();
    const ProcessResult result = azureml::testing::run_process(
        argv, {"HOME=" + dir_.path() + "/home", "PATH=/usr/bin:/bin", "HTTPS_PROXY=" + proxy, "HTTP_PROXY=" + proxy,
               "https_proxy=" + proxy, "http_proxy=" + proxy, "NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1"});
    EXPECT_FALSE(result.timed_out) << "kubectl timed out: " << result.err;
    return result;
  }

  // The kubectl that served the requests (not the dispatcher's /version probe).
  std::set<std::string> kubectl_user_agents() const {
    std::set<std::string> agents;
    for (const auto& request : kube_.requests()) {
      if (request.user_agent().starts_with("kubectl/")) agents.insert(request.user_agent());
    }
    return agents;
  }

  TempDir dir_;
  azureml::testing::RefusingPort refusing_;
  FakeKube kube_;
  std::string server_version_;
  std::string kubeconfig_;
};

// ---------------------------------------------------------------------------------------------
// The three commands, through each discovery path and kubectl generation

class KubectlFlavorTest : public KubectlTest, public ::testing::WithParamInterface<Flavor> {
 protected:
  KubectlFlavorTest() : KubectlTest(GetParam()) {}
};

TEST_P(KubectlFlavorTest, GetNamespacesPrintsEachWithStatusAndAge) {
  const ProcessResult run = kubectl({"get", "namespaces"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const auto rows = rows_of(run.out);
  ASSERT_EQ(rows.size(), 7u) << run.out;
  EXPECT_THAT(rows[0], ElementsAre("NAME", "STATUS", "AGE"));
  EXPECT_THAT(rows[1], ElementsAre("azure-arc", "Active", "40d"));
  EXPECT_THAT(rows[2], ElementsAre("azureml", "Active", "12d"));
  EXPECT_EQ(rows[3][0], "default");
  EXPECT_EQ(rows[3][1], "Active");
  EXPECT_THAT(rows[3][2], ::testing::MatchesRegex("[0-9]+s"));  // created when the fake started
  EXPECT_EQ(rows[4][0], "kube-node-lease");
  EXPECT_EQ(rows[5][0], "kube-public");
  EXPECT_THAT(rows[6], ElementsAre("kube-system", "Active", "41d"));

  // Every request authenticated with the kubeconfig's token, none refused.
  for (const auto& request : kube_.requests()) {
    EXPECT_EQ(request.auth, KubeAuthMethod::token) << request.http.path;
    EXPECT_EQ(request.http.status, 200) << request.http.path;
  }
  const std::string minor = std::string(GetParam().server_version).substr(0, 5);  // "v1.29"
  for (const std::string& agent : kubectl_user_agents()) EXPECT_THAT(agent, StartsWith("kubectl/" + minor));
}

TEST_P(KubectlFlavorTest, GetNodesAsJsonListsEveryNodeWhole) {
  const ProcessResult run = kubectl({"get", "nodes", "-o", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json list = json::parse(run.out, nullptr, false);
  ASSERT_TRUE(list.is_object()) << run.out;
  EXPECT_EQ(list["kind"], "List");
  EXPECT_EQ(list["apiVersion"], "v1");
  ASSERT_EQ(list["items"].size(), 5u);
  std::vector<std::string> names;
  for (const json& node : list["items"]) {
    names.push_back(node["metadata"]["name"]);
    EXPECT_EQ(node["kind"], "Node");  // kubectl puts back what the list items lack
    EXPECT_EQ(node["apiVersion"], "v1");
    EXPECT_FALSE(node["metadata"]["uid"].get<std::string>().empty());
    EXPECT_FALSE(node["metadata"]["resourceVersion"].get<std::string>().empty());
    EXPECT_EQ(node["status"]["nodeInfo"]["kubeletVersion"], "v1.29.4");  // the fixture's nodes keep theirs
  }
  EXPECT_THAT(names, ElementsAre("arc-cp-0", "arc-cpu-0", "arc-cpu-1", "arc-gpu-0", "arc-gpu-1"));
  const json& gpu = list["items"][4];
  EXPECT_EQ(gpu["status"]["capacity"]["nvidia.com/gpu"], "2");
  EXPECT_EQ(gpu["status"]["allocatable"]["nvidia.com/gpu"], "2");
  EXPECT_EQ(gpu["metadata"]["labels"]["nvidia.com/gpu.product"], "NVIDIA-A100-PCIE-80GB");
  EXPECT_EQ(gpu["spec"]["taints"], json::parse(R"([{"key":"sku","value":"gpu","effect":"NoSchedule"}])"));
  EXPECT_FALSE(list["items"][1]["status"]["capacity"].contains("nvidia.com/gpu"));
}

TEST_P(KubectlFlavorTest, GetPodsInAzuremlShowsReadinessStatusAndRestarts) {
  const ProcessResult run = kubectl({"get", "pods", "-n", "azureml"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const auto rows = rows_of(run.out);
  ASSERT_EQ(rows.size(), 8u) << run.out;
  EXPECT_THAT(rows[0], ElementsAre("NAME", "READY", "STATUS", "RESTARTS", "AGE"));
  const auto by_name = rows_by_name(run.out);
  EXPECT_THAT(by_name.at("aml-operator-5c7d9f8b6d-7tq2m"),
              ElementsAre("aml-operator-5c7d9f8b6d-7tq2m", "1/1", "Running", "0", "12d"));
  EXPECT_THAT(by_name.at("azureml-fe-v2-5d8c7b9f6-m4hzt"),
              ElementsAre("azureml-fe-v2-5d8c7b9f6-m4hzt", "2/2", "Running", "0", "12d"));
  EXPECT_THAT(by_name.at("relayserver-6c8d7f9b5-q7zrk"),
              ElementsAre("relayserver-6c8d7f9b5-q7zrk", "0/1", "CrashLoopBackOff", "17", "12d"));
}

INSTANTIATE_TEST_SUITE_P(Discovery, KubectlFlavorTest,
                         ::testing::Values(Flavor{"Kubectl129Aggregated", "v1.29.4", true},
                                           Flavor{"Kubectl133Aggregated", "v1.33.1", true},
                                           Flavor{"Kubectl133Legacy", "v1.33.1", false}),
                         [](const ::testing::TestParamInfo<Flavor>& flavor) { return std::string(flavor.param.name); });

// ---------------------------------------------------------------------------------------------
// Credentials, errors, selectors, paging

TEST_F(KubectlTest, LogsInWithAClientCertificate) {
  const std::string kubeconfig = dir_.path() + "/cert-kubeconfig";
  kube_.write_kubeconfig(kubeconfig, {.certificate = kube_.issue_client_certificate("e2e-admin")});
  const ProcessResult run = kubectl({"get", "namespaces", "azureml"}, kubeconfig);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(rows_of(run.out).at(1), ElementsAre("azureml", "Active", "12d"));
  const auto requests = kube_.requests();
  ASSERT_FALSE(requests.empty());
  for (const auto& request : requests) {
    EXPECT_EQ(request.auth, KubeAuthMethod::certificate) << request.http.path;
    EXPECT_EQ(request.user, "e2e-admin");
  }
}

TEST_F(KubectlTest, ReportsAnUnknownTokenAsUnauthorized) {
  const std::string kubeconfig = dir_.path() + "/bad-kubeconfig";
  kube_.write_kubeconfig(kubeconfig, {.token = "not-a-known-token"});
  const ProcessResult run = kubectl({"get", "namespaces"}, kubeconfig);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  // Discovery reads the 401 raw (no Status decoding), so kubectl words it as it does against
  // a real API server: "the server has asked for the client to provide credentials".
  EXPECT_THAT(run.err, HasSubstr("error: You must be logged in to the server (the server has asked for the client "
                                 "to provide credentials)"));
  const auto requests = kube_.requests();
  ASSERT_FALSE(requests.empty());
  for (const auto& request : requests) {
    EXPECT_EQ(request.auth, KubeAuthMethod::none);
    EXPECT_EQ(request.http.status, request.http.path == "/version" ? 200 : 401) << request.http.path;
  }
}

TEST_F(KubectlTest, ReportsAMissingObjectAsNotFound) {
  const ProcessResult run = kubectl({"get", "namespace", "nope"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("Error from server (NotFound): namespaces \"nope\" not found"));
  const ProcessResult ds = kubectl({"get", "ds", "-n", "kube-system", "blobfuse-flexvol-installer"});
  EXPECT_EQ(ds.exit_code, 1);
  EXPECT_THAT(ds.err,
              HasSubstr("Error from server (NotFound): daemonsets.apps \"blobfuse-flexvol-installer\" not found"));
}

TEST_F(KubectlTest, SaysWhenANamespaceHasNoPods) {
  const ProcessResult run = kubectl({"get", "pods", "-n", "default"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.err, HasSubstr("No resources found in default namespace."));
}

TEST_F(KubectlTest, PassesLabelSelectorsThrough) {
  const ProcessResult run = kubectl({"get", "pods", "-n", "azureml", "-l", "app=relayserver"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto rows = rows_of(run.out);
  ASSERT_EQ(rows.size(), 2u) << run.out;
  EXPECT_EQ(rows[1][0], "relayserver-6c8d7f9b5-q7zrk");
}

TEST_F(KubectlTest, FollowsContinueTokensAcrossChunks) {
  const ProcessResult run = kubectl({"get", "pods", "-A", "--chunk-size=3"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto rows = rows_of(run.out);
  ASSERT_EQ(rows.size(), 12u) << run.out;  // the header once, then all 11 pods
  EXPECT_THAT(rows[0], ElementsAre("NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"));
  std::set<std::string> names;
  for (std::size_t i = 1; i < rows.size(); ++i) names.insert(rows[i][1]);
  EXPECT_EQ(names.size(), 11u);
  int continued = 0;
  for (const auto& request : kube_.requests()) {
    if (request.http.path == "/api/v1/pods") {
      EXPECT_EQ(request.http.query_value("limit"), "3");
      if (!request.http.query_value("continue").empty()) ++continued;
    }
  }
  EXPECT_EQ(continued, 3);  // pages 2, 3 and 4
}

TEST_F(KubectlTest, ReadsTheArcClusterConfigMap) {
  const ProcessResult run = kubectl(
      {"get", "configmap", "-n", "azure-arc", "azure-clusterconfig", "-o", "jsonpath={.data.AZURE_RESOURCE_NAME}"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "cluster1");
}

}  // namespace
