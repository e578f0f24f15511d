#pragma once
// A fresh world per run for the fault and interrupt matrices: a fake Azure (the workspace, the
// Arc cluster of tests/fakes/fixtures/arc-cluster.yaml, ML quota) and that cluster's fake
// Kubernetes API server, and the scenarios that the matrices run in it: every online verb that
// changes something, with what "done" looks like afterwards. A scenario's `prepare` runs other
// verbs first (unfaulted) to reach its starting state, e.g. a compute to delete.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "tests/fakes/fake_azure.h"
#include "tests/fakes/fake_kube.h"
#include "tests/integration/online_fixture.h"
#include "tests/unit/temp_dir.h"

namespace azureml::testing::matrix {

inline const std::string kArcFixture = std::string(AZUREML_SOURCE_DIR) + "/tests/fakes/fixtures/arc-cluster.yaml";
inline const std::string kArcSubscription = "00000000-0000-0000-0000-000000000001";
inline const std::string kArcClusterId =
    "/subscriptions/" + kArcSubscription +
    "/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/cluster1";
inline const std::string kExtension =
    kArcClusterId + "/providers/Microsoft.KubernetesConfiguration/extensions/amlarc-compute";
inline const std::string kAttached = kWorkspaceId + "/computes/arc";
inline const std::string kCluster = kWorkspaceId + "/computes/cpu";

class World {
 public:
  World() : kube_(fakes::FakeKubeOptions{.fixture_file = kArcFixture}) {
    azure_.start();
    kube_.start();
    azure_.add_workspace({.subscription = kSubscription, .resource_group = kGroup, .name = kWorkspaceName});
    azure_.add_connected_cluster({.subscription = kArcSubscription, .resource_group = "rg1", .name = "cluster1"});
    azure_.add_usage(
        kSubscription, "eastus",
        {"Standard_DSv2_Family_Cluster_Dedicated_vCPUs", "Standard DSv2 Family Cluster Dedicated vCPUs", 0, 24});
    azure_.add_usage(kSubscription, "eastus",
                     {"Total Cluster Dedicated Regional vCPUs", "Total Cluster Dedicated Regional vCPUs", 0, 100,
                      "Microsoft.MachineLearningServices/dedicatedCores/usages"});
    kubeconfig_ = (dir_.path() / "kubeconfig").string();
    kube_.write_kubeconfig(kubeconfig_);
    config_ = dir_.write("attach.json", R"({"namespace": "azureml", "defaultInstanceType": "cpu",
      "instanceTypes": {"cpu": {"nodeSelector": {"agentpool": "cpu"},
                                "resources": {"requests": {"cpu": "1", "memory": "4Gi"}}}}})");
  }

  fakes::FakeAzure& azure() { return azure_; }
  fakes::FakeKube& kube() { return kube_; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  const std::string& kubeconfig() const { return kubeconfig_; }
  const std::string& config() const { return config_; }

  EnvironmentMap environment() const { return signed_in_environment(azure_); }

  // The words of a scenario with {kubeconfig} and {config} filled in.
  std::vector<std::string> words(const std::vector<std::string>& pattern) const {
    std::vector<std::string> out;
    for (const auto& word : pattern)
      out.push_back(word == "{kubeconfig}" ? kubeconfig_ : word == "{config}" ? config_ : word);
    return out;
  }

  Run run(const std::vector<std::string>& pattern) const { return run_binary(words(pattern), "", environment()); }

 private:
  fakes::FakeAzure azure_;
  fakes::FakeKube kube_;
  test::TempDir dir_;
  std::string kubeconfig_;
  std::string config_;
};

struct Scenario {
  std::string name;                               // test name part: letters, digits, '_'
  std::vector<std::vector<std::string>> prepare;  // verbs run first, unfaulted
  std::vector<std::string> command;               // the verb under test
  std::string resource;                           // the resource it makes, changes or removes
  // What the resource looks like once the verb is done: nullopt when it is gone.
  std::function<bool(const std::optional<nlohmann::json>&)> done;
  bool reads_only = false;        // the verb must never send a change, faulted or not
  bool reports_failures = false;  // like doctor: a failing check is exit 1 with the full report on stdout
};

// gtest prints a parameter through PrintTo: its name, not its bytes.
inline void PrintTo(const Scenario& scenario, std::ostream* out) { *out << scenario.name; }

inline bool succeeded(const std::optional<nlohmann::json>& resource) {
  return resource && resource->value("/properties/provisioningState"_json_pointer, std::string()) == "Succeeded";
}
inline bool gone(const std::optional<nlohmann::json>& resource) { return !resource; }

inline const std::vector<std::string> kInstall = {
    "extension", "install", "--kubeconfig", "{kubeconfig}", "--config", "enableTraining=true", "-o", "json"};
inline const std::vector<std::string> kAttach = {"attach",       "arc",          "-w", kWorkspaceName, "-g", kGroup,
                                                 "--kubeconfig", "{kubeconfig}", "-f", "{config}",     "-o", "json"};
inline const std::vector<std::string> kCreate = {"compute",     "create", "cpu", "--vm-size",    "Standard_DS3_v2",
                                                 "--max-nodes", "4",      "-w",  kWorkspaceName, "-g",
                                                 kGroup,        "-o",     "json"};

// Every online verb that changes something in Azure.
inline std::vector<Scenario> changing_scenarios() {
  return {
      {"extension_install", {}, kInstall, kExtension, succeeded},
      {"attach", {kInstall}, kAttach, kAttached, succeeded},
      {"compute_create", {}, kCreate, kCluster, succeeded},
      {"extension_update",
       {kInstall},
       {"extension", "update", "--kubeconfig", "{kubeconfig}", "--config", "enableInference=true", "--config",
        "inferenceRouterServiceType=LoadBalancer", "--config", "allowInsecureConnections=true", "-o", "json"},
       kExtension,
       [](const std::optional<nlohmann::json>& extension) {
         return succeeded(extension) &&
                extension->value("/properties/configurationSettings/enableInference"_json_pointer, std::string()) ==
                    "true";
       }},
      {"compute_identity_assign",
       {kCreate},
       {"compute", "identity", "assign", "cpu", "--system", "-w", kWorkspaceName, "-g", kGroup, "-o", "json"},
       kCluster,
       [](const std::optional<nlohmann::json>& cluster) {
         return succeeded(cluster) && cluster->value("/identity/type"_json_pointer, std::string()) == "SystemAssigned";
       }},
      {"detach",
       {kInstall, kAttach},
       {"detach", "arc", "--yes", "-w", kWorkspaceName, "-g", kGroup, "-o", "json"},
       kAttached,
       gone},
      {"compute_delete",
       {kCreate},
       {"compute", "delete", "cpu", "--yes", "-w", kWorkspaceName, "-g", kGroup, "-o", "json"},
       kCluster,
       gone},
      {"extension_delete",
       {kInstall},
       {"extension", "delete", "--yes", "--kubeconfig", "{kubeconfig}", "-o", "json"},
       kExtension,
       gone},
      {"compute_identity_remove",
       {kCreate, {"compute", "identity", "assign", "cpu", "--system", "-w", kWorkspaceName, "-g", kGroup}},
       {"compute", "identity", "remove", "cpu", "--system", "-w", kWorkspaceName, "-g", kGroup, "-o", "json"},
       kCluster,
       [](const std::optional<nlohmann::json>& cluster) {
         const std::string type = cluster ? cluster->value("/identity/type"_json_pointer, std::string("None")) : "";
         return succeeded(cluster) && (type == "None" || type.empty());
       }},
  };
}

inline const std::vector<std::string> kWorkspace = {"-w", kWorkspaceName, "-g", kGroup, "-o", "json"};

inline std::vector<std::string> joined(std::vector<std::string> words, const std::vector<std::string>& more) {
  words.insert(words.end(), more.begin(), more.end());
  return words;
}

// Every online verb that only reads, each from a world where it has something to read. The
// resource they name must be left as it was.
inline std::vector<Scenario> reading_scenarios() {
  const auto reading = [](std::string name, std::vector<std::vector<std::string>> prepare,
                          std::vector<std::string> command, std::string resource) {
    return Scenario{std::move(name), std::move(prepare), std::move(command), std::move(resource), succeeded, true};
  };
  Scenario doctor =
      reading("doctor", {kInstall, kAttach},
              joined({"doctor", "--kubeconfig", "{kubeconfig}", "-f", "{config}"}, kWorkspace), kExtension);
  doctor.reports_failures = true;
  return {
      reading("list", {kCreate}, joined({"list"}, kWorkspace), kCluster),
      reading("show", {kInstall, kAttach}, joined({"show", "arc"}, kWorkspace), kAttached),
      reading("compute_show", {kCreate}, joined({"compute", "show", "cpu"}, kWorkspace), kCluster),
      reading("extension_show", {kInstall}, {"extension", "show", "--kubeconfig", "{kubeconfig}", "-o", "json"},
              kExtension),
      doctor,
  };
}

// Every online verb.
inline std::vector<Scenario> online_scenarios() {
  std::vector<Scenario> all = changing_scenarios();
  for (auto& scenario : reading_scenarios()) all.push_back(std::move(scenario));
  return all;
}

// A request a fake saw, to be hit again by a fault in a later run: which fake (Azure, or the
// Kubernetes API server), its method and path, and how many requests of the same method and
// path came before it. Generated ids (operation ids are GUIDs) differ from run to run, so a GUID
// in the path matches any GUID.
struct Position {
  std::string method;
  std::string path;
  int skip = 0;
  bool kube = false;
  std::string describe() const {
    return (kube ? "Kubernetes " : "") + method + " " + path + (skip ? " (#" + std::to_string(skip + 1) + ")" : "");
  }
};

inline const std::regex kGuid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", std::regex::icase);

inline std::string without_guids(const std::string& path) { return std::regex_replace(path, kGuid, "{guid}"); }

// A regular expression for the paths of `path`'s shape: the same text, any GUID where it has one.
inline std::string path_pattern(const std::string& path) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  std::string pattern = std::regex_replace(without_guids(path), special, R"(\$&)");
  const std::string placeholder = R"(\{guid\})";
  for (auto at = pattern.find(placeholder); at != std::string::npos; at = pattern.find(placeholder))
    pattern.replace(at, placeholder.size(), "[0-9a-f-]{36}");
  return "^" + pattern + "$";
}

inline bool same_request(const fakes::RecordedRequest& request, const Position& position) {
  return request.method == position.method && without_guids(request.path) == without_guids(position.path);
}

inline std::vector<Position> positions(const std::vector<fakes::RecordedRequest>& requests, bool kube = false) {
  std::vector<Position> out;
  for (const auto& request : requests) {
    Position position{request.method, request.path, 0, kube};
    for (const auto& earlier : requests) {
      if (&earlier == &request) break;
      if (same_request(earlier, position)) ++position.skip;
    }
    out.push_back(std::move(position));
  }
  return out;
}

// What the fake of `kube` or of Azure has seen, in order.
inline std::vector<fakes::RecordedRequest> recorded(World& world, bool kube) {
  if (!kube) return world.azure().requests();
  std::vector<fakes::RecordedRequest> out;
  for (auto& request : world.kube().requests()) out.push_back(std::move(request.http));
  return out;
}

// Every request a run sent: Azure's, then the Kubernetes API server's.
inline std::vector<Position> all_positions(World& world) {
  std::vector<Position> out = positions(recorded(world, false));
  for (auto& position : positions(recorded(world, true), true)) out.push_back(std::move(position));
  return out;
}

// `fault` on the request at `position`, in the fake that saw it.
inline void add_fault(World& world, const Position& position, fakes::Fault fault) {
  fault.skip = position.skip;
  if (position.kube)
    world.kube().add_fault(std::move(fault));
  else
    world.azure().add_fault(std::move(fault));
}

inline void clear_faults(World& world) {
  world.azure().clear_faults();
  world.kube().clear_faults();
}

inline std::size_t faults_fired(World& world) { return world.azure().faults_fired() + world.kube().faults_fired(); }

inline void clear_requests(World& world) {
  world.azure().clear_requests();
  world.kube().clear_requests();
}

// "METHOD path" of the requests that change something: PUT, PATCH, DELETE, and POSTs other than
// tokens and listKeys.
inline std::vector<std::string> mutations(const std::vector<fakes::RecordedRequest>& requests) {
  std::vector<std::string> out;
  for (const auto& request : requests) {
    const bool read =
        request.method == "GET" || request.path.ends_with("/token") || request.path.ends_with("/listKeys");
    if (!read) out.push_back(request.method + " " + request.path);
  }
  return out;
}

// The preparing verbs of `scenario` run in `world`, the fakes' logs cleared; the stderr of the
// one that failed, if one did.
inline std::optional<std::string> prepared(World& world, const Scenario& scenario) {
  for (const auto& step : scenario.prepare)
    if (const Run run = world.run(step); run.exit_code != 0) return run.err;
  clear_requests(world);
  return std::nullopt;
}

// `check(i)` for every i below `count`, a few at a time: each position has fakes of its own, and
// most of a run is waiting. The results in order.
template <class Check>
auto side_by_side(std::size_t count, Check check) -> std::vector<decltype(check(std::size_t{}))> {
  constexpr std::size_t kAtOnce = 6;
  std::vector<decltype(check(std::size_t{}))> results(count);
  for (std::size_t first = 0; first < count; first += kAtOnce) {
    std::vector<std::future<decltype(check(std::size_t{}))>> running;
    for (std::size_t i = first; i < std::min(count, first + kAtOnce); ++i)
      running.push_back(std::async(std::launch::async, check, i));
    for (std::size_t i = 0; i < running.size(); ++i) results[first + i] = running[i].get();
  }
  return results;
}

// The world a scenario starts from: its preparing verbs run, the fakes' logs cleared.
inline void prepare(World& world, const Scenario& scenario) {
  const auto failed = prepared(world, scenario);
  ASSERT_FALSE(failed) << "preparing " << scenario.name << ": " << failed.value_or("");
}

}  // namespace azureml::testing::matrix
