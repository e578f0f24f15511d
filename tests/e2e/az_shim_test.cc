// The az extension with the real az (Debian's azure-cli 2.45) against the fakes: az logs in
// as a user would (a service principal against an ADFS-style authority the fake serves, see
// ../shared/reference/az-k8s-extension-handler.md), loads the extension from the wheel through
// AZURE_EXTENSION_DIR, and every request that would leave the machine goes to a refusing proxy
// sink that fails the suite if it saw anything.
//
// Parity: each scenario runs through the kubectl plugin's binary and through `az azureml`
// against two fakes seeded alike, and must give the same ARM requests (operation ids aside),
// the same JSON result (generated ids and times aside) and the same exit code and error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "tests/e2e/run_process.h"
#include "tests/fakes/fake_azure.h"
#include "tests/fakes/test_proxy.h"

namespace {

using azureml::fakes::FakeAzure;
using azureml::fakes::Fault;
using azureml::fakes::TestProxy;
using azureml::testing::ProcessResult;
using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kAz = "/usr/bin/az";
const std::string kSubscription = "00000000-0000-0000-0000-00000000000a";
const std::string kTenant = "00000000-0000-0000-0000-0000000000aa";
const std::string kClient = "11111111-1111-1111-1111-111111111111";
const std::string kWheelDir = std::string(AZUREML_BINARY_DIR) + "/az-extension";

std::string wheel() {
  if (!std::filesystem::exists(kWheelDir)) return "";
  for (const auto& entry : std::filesystem::directory_iterator(kWheelDir))
    if (entry.path().extension() == ".whl") return entry.path().string();
  return "";
}

void seed(FakeAzure& azure) {
  azure.add_subscription(kSubscription, "Fake subscription");
  azure.add_workspace({.subscription = kSubscription, .resource_group = "rg", .name = "ws"});
  const std::string cluster =
      azure.add_connected_cluster({.subscription = kSubscription, .resource_group = "rg", .name = "c1"});
  azure.add_extension({.cluster_id = cluster, .name = "azureml"});
  azure.add_usage(
      kSubscription, "eastus",
      {"Standard_DSv2_Family_Cluster_Dedicated_vCPUs", "Standard DSv2 Family Cluster Dedicated vCPUs", 0, 24});
  azure.add_usage(kSubscription, "eastus",
                  {"Total Cluster Dedicated Regional vCPUs", "Total Cluster Dedicated Regional vCPUs", 0, 100,
                   "Microsoft.MachineLearningServices/dedicatedCores/usages"});
}

// Operation ids, generated ids and times differ between two runs of the same thing.
std::string normalized(std::string text) {
  static const std::regex uuid("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  static const std::regex time(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?)");
  static const std::regex key("SharedAccessKey=[^;\"]*");  // each fake makes its own Relay keys
  text = std::regex_replace(text, uuid, "<id>");
  text = std::regex_replace(text, key, "SharedAccessKey=<key>");
  // Each front end's messages name its own command.
  static const std::regex command("(kubectl|az) azureml");
  text = std::regex_replace(text, command, "<command>");
  return std::regex_replace(text, time, "<time>");
}

// The ARM requests since the last clear: method, path, query and body, normalized.
std::vector<std::string> arm_sequence(const FakeAzure& azure) {
  std::vector<std::string> lines;
  for (const auto& request : azure.requests()) {
    if (!request.path.starts_with("/subscriptions/")) continue;
    std::string line = request.method + " " + request.path;
    for (const auto& [name, value] : request.query)
      line += (line.find('?') == std::string::npos ? "?" : "&") + name + "=" + value;
    if (!request.body.empty()) {
      const json body = json::parse(request.body, nullptr, false);
      line += " " + (body.is_discarded() ? request.body : body.dump());
    }
    line += " -> " + std::to_string(request.status);
    lines.push_back(normalized(line));
  }
  return lines;
}

// The message of a failure: after "error: " (the binary) or "ERROR: " (az), first line.
std::string error_message(const std::string& err, const std::string& prefix) {
  const auto at = err.find(prefix);
  if (at == std::string::npos) return "";
  const std::string rest = err.substr(at + prefix.size());
  return normalized(rest.substr(0, rest.find('\n')));
}

// az adds "resourceGroup" to every object of a result that has an ARM "id" (a global
// transform of azure-cli core, applied to every command's result): it is az's convention and
// stays; the comparison takes it out where the binary's own result has none.
void drop_added_resource_groups(json& az, const json& kubectl) {
  if (az.is_object() && kubectl.is_object()) {
    if (az.contains("resourceGroup") && !kubectl.contains("resourceGroup") && az.contains("id"))
      az.erase("resourceGroup");
    for (auto it = az.begin(); it != az.end(); ++it)
      if (kubectl.contains(it.key())) drop_added_resource_groups(it.value(), kubectl[it.key()]);
  } else if (az.is_array() && kubectl.is_array()) {
    for (std::size_t i = 0; i < az.size() && i < kubectl.size(); ++i) drop_added_resource_groups(az[i], kubectl[i]);
  }
}

class AzShim : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kAz) || wheel().empty()) return;
    suite_ = std::make_unique<Suite>();
  }
  static void TearDownTestSuite() {
    if (suite_) {
      EXPECT_TRUE(suite_->sink.targets().empty() && suite_->sink.connections() == 0)
          << "az or the binary tried to leave the machine: " << ::testing::PrintToString(suite_->sink.targets());
    }
    suite_.reset();
  }
  void SetUp() override {
    if (!std::filesystem::exists(kAz)) GTEST_SKIP() << kAz << " is not installed (apt-get install azure-cli)";
    if (wheel().empty()) GTEST_SKIP() << "no wheel in " << kWheelDir << " (ninja az-extension)";
    ASSERT_TRUE(suite_ && suite_->logged_in) << (suite_ ? suite_->login_error : std::string("no suite"));
  }

  struct Suite {
    Suite() : kube_side({.https = true}), az_side({.https = true}), sink(TestProxy::Mode::refuse) {
      seed(kube_side);
      seed(az_side);
      kube_side.start();
      az_side.start();
      char pattern[] = "/tmp/azureml-az-XXXXXX";
      dir = mkdtemp(pattern);
      std::filesystem::create_directories(dir + "/config");
      std::filesystem::create_directories(dir + "/home");
      std::filesystem::create_directories(dir + "/extensions/azureml");
      // No update check: az would ask azure.microsoft.com (see the reference).
      const std::time_t now = std::time(nullptr);
      char stamp[64];
      std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S.000000", std::localtime(&now));
      std::ofstream(dir + "/config/versionCheck.json") << json{
          {"check_time", stamp},
          {"update_time", stamp},
          {"versions",
           {{"azure-cli", {{"local", "2.45.0"}, {"pypi", "2.45.0"}}},
            {"core", {{"local", "2.45.0"}, {"pypi", "2.45.0"}}},
            {"telemetry",
             {{"local", "1.0.8"}, {"pypi", "1.0.8"}}}}}}.dump();
      const auto unzip = azureml::testing::run_process(
          {"/usr/bin/python3", "-m", "zipfile", "-e", wheel(), dir + "/extensions/azureml"}, {"PATH=/usr/bin:/bin"});
      if (unzip.exit_code != 0) {
        login_error = "unpacking the wheel failed: " + unzip.err;
        return;
      }
      const std::string url = az_side.base_url();
      for (const std::vector<std::string>& step :
           {std::vector<std::string>{"cloud", "register", "-n", "FakeCloud", "--endpoint-resource-manager", url + "/",
                                     "--endpoint-active-directory", url + "/adfs",
                                     "--endpoint-active-directory-resource-id", "https://management.core.windows.net/",
                                     "--endpoint-active-directory-graph-resource-id", "https://graph.windows.net/",
                                     "--endpoint-management", "https://management.core.windows.net/", "-o", "none"},
            {"cloud", "set", "-n", "FakeCloud", "-o", "none"},
            {"login", "--service-principal", "-u", kClient, "-p", "fakesecret", "--tenant", kTenant, "-o", "none"}}) {
        const ProcessResult result = az(step);
        if (result.exit_code != 0) {
          login_error = "az " + step[0] + " " + step[1] + " failed: " + result.err;
          return;
        }
      }
      logged_in = true;
    }
    ~Suite() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }

    std::vector<std::string> common_environment(const std::string& ca) const {
      const std::string proxy = sink.url();
      return {"HOME=" + dir + "/home",        "PATH=/usr/bin:/bin",
              "HTTPS_PROXY=" + proxy,         "HTTP_PROXY=" + proxy,
              "https_proxy=" + proxy,         "http_proxy=" + proxy,
              "NO_PROXY=127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost",
              "REQUESTS_CA_BUNDLE=" + ca,     "AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:9"};
    }

    // `plugin`: the binary the extension is told to run ("" for none: it looks next to itself and on PATH).
    // `extensions`: the AZURE_EXTENSION_DIR ("" for the suite's, with the wheel unpacked).
    ProcessResult az(const std::vector<std::string>& arguments, const std::string& plugin = AZUREML_BINARY,
                     const std::string& extensions = "") const {
      std::vector<std::string> argv = {kAz};
      argv.insert(argv.end(), arguments.begin(), arguments.end());
      auto environment = common_environment(az_side.ca_file());
      environment.insert(
          environment.end(),
          {"AZURE_CONFIG_DIR=" + dir + "/config",
           "AZURE_EXTENSION_DIR=" + (extensions.empty() ? dir + "/extensions" : extensions),
           "AZURE_CORE_COLLECT_TELEMETRY=false", "AZURE_CORE_NO_COLOR=true", "AZURE_CORE_ONLY_SHOW_ERRORS=true"});
      if (!plugin.empty()) environment.push_back("AZUREML_KUBECTL_PLUGIN=" + plugin);
      return azureml::testing::run_process(argv, environment, std::chrono::seconds(120));
    }

    // The kubectl plugin's binary as kubectl runs it, signed in with a token of its own fake.
    ProcessResult kubectl_azureml(const std::vector<std::string>& arguments) {
      std::vector<std::string> argv = {AZUREML_BINARY};
      argv.insert(argv.end(), arguments.begin(), arguments.end());
      auto environment = common_environment(kube_side.ca_file());
      environment.insert(environment.end(),
                         {"AZUREML_ARM_TOKEN=" + kube_side.issue_token().access_token,
                          "AZURE_SUBSCRIPTION_ID=" + kSubscription, "AZUREML_ARM_ENDPOINT=" + kube_side.base_url()});
      return azureml::testing::run_process(argv, environment, std::chrono::seconds(120));
    }

    FakeAzure kube_side;
    FakeAzure az_side;
    TestProxy sink;
    std::string dir;
    bool logged_in = false;
    std::string login_error;
  };

  static std::unique_ptr<Suite> suite_;
};

std::unique_ptr<AzShim::Suite> AzShim::suite_;

// --- every verb reachable, help complete, --query ---

TEST_F(AzShim, EveryVerbIsReachableAndItsHelpListsEveryOption) {
  const ProcessResult described = azureml::testing::run_process({AZUREML_BINARY, "__describe"}, {"PATH=/usr/bin:/bin"});
  ASSERT_EQ(described.exit_code, 0);
  const json table = json::parse(described.out);
  int verbs = 0;
  for (const auto& verb : table["verbs"]) {
    const std::string name = verb["name"];
    if (name == "help") continue;
    std::vector<std::string> argv = {"azureml"};
    for (std::size_t at = 0, next; at <= name.size(); at = next + 1) {
      next = name.find(' ', at);
      if (next == std::string::npos) next = name.size();
      argv.push_back(name.substr(at, next - at));
    }
    argv.push_back("--help");
    const ProcessResult help = suite_->az(argv);
    ASSERT_EQ(help.exit_code, 0) << name << ": " << help.err;
    ++verbs;
    for (const auto& option : verb["options"]) {
      const std::string flag = "--" + option["name"].get<std::string>();
      if (flag == "--subscription") {
        EXPECT_THAT(help.out, HasSubstr("--subscription")) << name;  // az's own
        continue;
      }
      EXPECT_THAT(help.out, HasSubstr(flag)) << name << " lacks " << flag << "\n" << help.out;
    }
    if (!verb["positional"].is_null()) {
      EXPECT_THAT(help.out, HasSubstr("--name -n")) << name;
    }
  }
  EXPECT_GE(verbs, 16);
}

TEST_F(AzShim, QueryAndOutputFormatsWorkOnTheResult) {
  const ProcessResult version = suite_->az({"azureml", "version", "--query", "version", "-o", "tsv"});
  ASSERT_EQ(version.exit_code, 0) << version.err;
  EXPECT_EQ(version.out, "0.1.0\n");
  const ProcessResult yaml =
      suite_->az({"azureml", "validate", "-f", std::string(AZUREML_SOURCE_DIR) + "/examples/attach-advanced.json", "-o",
                  "yaml", "--query", "namespace"});
  ASSERT_EQ(yaml.exit_code, 0) << yaml.err;
  EXPECT_EQ(yaml.out, "amlarc-testing\n...\n");  // a YAML document holding one scalar
}

TEST_F(AzShim, TheCommandsMessagesSuggestAreAzs) {
  // A cluster with no extension: doctor's fix names the install command, as az's user types it.
  suite_->az_side.add_connected_cluster({.subscription = kSubscription, .resource_group = "rg", .name = "bare"});
  const ProcessResult doctor = suite_->az({"azureml", "doctor", "--cluster-name", "bare", "-w", "ws", "-g", "rg",
                                           "--kubeconfig", "/nonexistent", "-o", "json"});
  EXPECT_EQ(doctor.exit_code, 1) << doctor.err;  // the cluster's checks fail: no kubeconfig
  EXPECT_THAT(doctor.out, HasSubstr("az azureml extension install, or attach with --install-extension")) << doctor.out;
  EXPECT_THAT(doctor.out + doctor.err, ::testing::Not(HasSubstr("kubectl azureml")));
  // An attach configuration that is not valid points to az's own validate.
  const ProcessResult invalid = suite_->az({"azureml", "doctor", "--cluster-name", "bare", "-w", "ws", "-g", "rg",
                                            "--kubeconfig", "/nonexistent", "-f", "/dev/null", "-o", "json"});
  EXPECT_EQ(invalid.exit_code, 2) << invalid.err;
  EXPECT_THAT(invalid.err, HasSubstr("is not a valid attach configuration; see 'az azureml validate'")) << invalid.err;
}

TEST_F(AzShim, TheTokenNeverAppearsOnAnyCommandLine) {
  // The shim hands the token over in AZUREML_ARM_TOKEN: with -v the binary logs its requests
  // (redacted), and nothing it prints carries the token az holds.
  const ProcessResult listed = suite_->az({"azureml", "list", "-w", "ws", "-g", "rg", "--verbose"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.err, HasSubstr("GET https://127.0.0.1:"));
  EXPECT_THAT(listed.err, ::testing::Not(HasSubstr("eyJ")));  // no JWT anywhere
  EXPECT_THAT(listed.out, ::testing::Not(HasSubstr("eyJ")));
}

TEST_F(AzShim, InstallsFromTheWheelWithAzExtensionAdd) {
  // As a user installs it: az extension add --source (pip, offline) into a fresh extension folder.
  const std::string folder = suite_->dir + "/added-extensions";
  const ProcessResult added =
      suite_->az({"extension", "add", "--source", wheel(), "--yes", "-o", "none"}, AZUREML_BINARY, folder);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_TRUE(std::filesystem::exists(folder + "/azureml/azext_azureml/__init__.py"));
  const ProcessResult version =
      suite_->az({"azureml", "version", "--query", "version", "-o", "tsv"}, AZUREML_BINARY, folder);
  ASSERT_EQ(version.exit_code, 0) << version.err;
  EXPECT_EQ(version.out, "0.1.0\n");
}

TEST_F(AzShim, AMissingOrMismatchedBinaryIsAClearErrorAndTheCommandsStayListed) {
  const ProcessResult missing = suite_->az({"azureml", "compute", "show", "-n", "x", "-w", "ws", "-g", "rg"}, "");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("the kubectl-azureml binary was not found: not next to this extension"));
  EXPECT_THAT(missing.err, HasSubstr("nor on PATH"));
  const std::string old_binary = suite_->dir + "/old-kubectl-azureml";
  std::ofstream(old_binary)
      << "#!/bin/sh\necho '{\"program\":\"kubectl azureml\",\"version\":\"9.9.0\",\"verbs\":[]}'\n";
  std::filesystem::permissions(old_binary, std::filesystem::perms::owner_all);
  const ProcessResult mismatched = suite_->az({"azureml", "version"}, old_binary);
  EXPECT_EQ(mismatched.exit_code, 1);
  EXPECT_THAT(mismatched.err, HasSubstr("is version 9.9.0, this extension needs 0.1.x"));
  const ProcessResult help = suite_->az({"azureml", "compute", "create", "--help"}, "");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("--vm-size"));  // the table bundled in the wheel
}

// --- parity: the same scenario through both front ends ---

struct Scenario {
  const char* name;
  std::vector<std::string> kubectl;  // after kubectl-azureml
  std::vector<std::string> az;       // after `az azureml`
  int exit_code;
  std::function<void(FakeAzure&)> arrange = nullptr;  // applied to both fakes first
};

const std::vector<std::string> kWs = {"-w", "ws", "-g", "rg"};

std::vector<std::string> with(std::vector<std::string> head, const std::vector<std::string>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

// The scenarios run in order, on both sides alike (the re-run finds what the create made).
std::vector<Scenario> scenarios() {
  return {
      Scenario{"List", with({"list"}, kWs), with({"list"}, kWs), 0},
      Scenario{
          "ComputeCreate", with({"compute", "create", "cpu", "--vm-size", "Standard_DS3_v2", "--max-nodes", "2"}, kWs),
          with({"compute", "create", "--name", "cpu", "--vm-size", "Standard_DS3_v2", "--max-nodes", "2"}, kWs), 0},
      Scenario{"ComputeCreateAgainIsUnchanged",
               with({"compute", "create", "cpu", "--vm-size", "Standard_DS3_v2", "--max-nodes", "2"}, kWs),
               with({"compute", "create", "-n", "cpu", "--vm-size", "Standard_DS3_v2", "--max-nodes", "2"}, kWs), 0},
      Scenario{
          "ComputeCreateBadInput",
          with({"compute", "create", "bad", "--vm-size", "DS3", "--max-nodes", "1", "--min-nodes", "4"}, kWs),
          with({"compute", "create", "-n", "bad", "--vm-size", "DS3", "--max-nodes", "1", "--min-nodes", "4"}, kWs), 2},
      Scenario{"ComputeShow", with({"compute", "show", "cpu"}, kWs), with({"compute", "show", "-n", "cpu"}, kWs), 0},
      Scenario{"ComputeShowMissing", with({"compute", "show", "nosuch"}, kWs),
               with({"compute", "show", "-n", "nosuch"}, kWs), 4},
      Scenario{"IdentityAssign", with({"compute", "identity", "assign", "cpu", "--system"}, kWs),
               with({"compute", "identity", "assign", "-n", "cpu", "--system"}, kWs), 0},
      Scenario{"ThrottledCreate",
               with({"compute", "create", "thr", "--vm-size", "Standard_DS3_v2", "--max-nodes", "1"}, kWs),
               with({"compute", "create", "-n", "thr", "--vm-size", "Standard_DS3_v2", "--max-nodes", "1"}, kWs), 0,
               [](FakeAzure& azure) { azure.add_fault(Fault::throttle("PUT", "/computes/thr$", 1)); }},
      Scenario{"ArmFailure",
               with({"compute", "create", "failing", "--vm-size", "Standard_DS3_v2", "--max-nodes", "1"}, kWs),
               with({"compute", "create", "-n", "failing", "--vm-size", "Standard_DS3_v2", "--max-nodes", "1"}, kWs), 1,
               [](FakeAzure& azure) {
                 azure.set_operation_outcome(
                     "PUT", "/computes/failing$",
                     {.status = "Failed", .error_code = "QuotaExceeded", .error_message = "no cores left"});
               }},
      Scenario{"Attach",
               with({"attach", "arc", "--cluster-name", "c1", "--skip-preflight", "--kubeconfig", "/nonexistent"}, kWs),
               with({"attach", "-n", "arc", "--cluster-name", "c1", "--skip-preflight", "--kubeconfig", "/nonexistent"},
                    kWs),
               0},
      Scenario{"ShowAttached", with({"show", "arc", "--kubeconfig", "/nonexistent"}, kWs),
               with({"show", "-n", "arc", "--kubeconfig", "/nonexistent"}, kWs), 0},
      Scenario{"ExtensionShow",
               {"extension", "show", "--cluster-name", "c1", "-g", "rg", "--kubeconfig", "/nonexistent"},
               {"extension", "show", "--cluster-name", "c1", "-g", "rg", "--kubeconfig", "/nonexistent"},
               0},
      Scenario{"Detach", with({"detach", "arc", "--yes"}, kWs), with({"detach", "-n", "arc", "--yes"}, kWs), 0},
      Scenario{"IdentityRemove", with({"compute", "identity", "remove", "cpu"}, kWs),
               with({"compute", "identity", "remove", "-n", "cpu"}, kWs), 0},
      Scenario{"ExtensionInstallOnAnotherCluster",
               {"extension", "install", "--cluster-name", "c2", "-g", "rg", "--config", "enableTraining=true",
                "--kubeconfig", "/nonexistent"},
               {"extension", "install", "--cluster-name", "c2", "-g", "rg", "--config", "enableTraining=true",
                "--kubeconfig", "/nonexistent"},
               0,
               [](FakeAzure& azure) {
                 azure.add_connected_cluster({.subscription = kSubscription, .resource_group = "rg", .name = "c2"});
               }},
      Scenario{"ExtensionUpdate",
               {"extension", "update", "--cluster-name", "c2", "-g", "rg", "--config", "enableInference=true",
                "--config", "inferenceRouterServiceType=LoadBalancer", "--config", "allowInsecureConnections=true",
                "--kubeconfig", "/nonexistent"},
               {"extension", "update", "--cluster-name", "c2", "-g", "rg", "--config", "enableInference=true",
                "inferenceRouterServiceType=LoadBalancer", "--config", "allowInsecureConnections=true", "--kubeconfig",
                "/nonexistent"},
               0},
      Scenario{"ExtensionDelete",
               {"extension", "delete", "--cluster-name", "c2", "-g", "rg", "--yes"},
               {"extension", "delete", "--cluster-name", "c2", "-g", "rg", "--yes"},
               0},
      Scenario{"Doctor",
               {"doctor", "--cluster-name", "c1", "-w", "ws", "-g", "rg", "--kubeconfig", "/nonexistent"},
               {"doctor", "--cluster-name", "c1", "-w", "ws", "-g", "rg", "--kubeconfig", "/nonexistent"},
               1},  // the cluster's checks fail: no kubeconfig
      Scenario{"Version", {"version"}, {"version"}, 0},
      Scenario{"ComputeDelete", with({"compute", "delete", "cpu", "--yes"}, kWs),
               with({"compute", "delete", "-n", "cpu", "--yes"}, kWs), 0},
      Scenario{"ValidateOffline",
               {"validate", "-f", std::string(AZUREML_SOURCE_DIR) + "/examples/attach-advanced.json"},
               {"validate", "-f", std::string(AZUREML_SOURCE_DIR) + "/examples/attach-advanced.json"},
               0}};
}

TEST_F(AzShim, EveryScenarioGivesTheSameRequestsResultAndExitCodeThroughKubectlAndAz) {
  for (const Scenario& scenario : scenarios()) {
    SCOPED_TRACE(scenario.name);
    for (FakeAzure* azure : {&suite_->kube_side, &suite_->az_side}) {
      azure->clear_faults();
      azure->clear_operation_outcomes();
      if (scenario.arrange) scenario.arrange(*azure);
      azure->clear_requests();
    }
    std::vector<std::string> kubectl_args = scenario.kubectl;
    kubectl_args.insert(kubectl_args.end(), {"-o", "json"});
    const ProcessResult through_kubectl = suite_->kubectl_azureml(kubectl_args);
    std::vector<std::string> az_args = {"azureml"};
    az_args.insert(az_args.end(), scenario.az.begin(), scenario.az.end());
    az_args.insert(az_args.end(), {"-o", "json"});
    const ProcessResult through_az = suite_->az(az_args);

    EXPECT_EQ(through_kubectl.exit_code, scenario.exit_code) << through_kubectl.err;
    EXPECT_EQ(through_az.exit_code, through_kubectl.exit_code) << through_az.err;
    EXPECT_EQ(arm_sequence(suite_->az_side), arm_sequence(suite_->kube_side));
    const json from_kubectl = json::parse(normalized(through_kubectl.out), nullptr, false);
    if (!from_kubectl.is_discarded() && !from_kubectl.is_null()) {  // a result, also from a failing doctor
      json from_az = json::parse(normalized(through_az.out), nullptr, false);
      drop_added_resource_groups(from_az, from_kubectl);
      EXPECT_EQ(from_az, from_kubectl) << through_az.out;
    } else {
      EXPECT_NE(scenario.exit_code, 0) << "no result: " << through_kubectl.out;
    }
    if (scenario.exit_code != 0) {
      EXPECT_EQ(error_message(through_az.err, "ERROR: "), error_message(through_kubectl.err, "error: "))
          << through_az.err << "\n---\n"
          << through_kubectl.err;
    }
  }
}

}  // namespace
