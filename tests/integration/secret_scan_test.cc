// Secrets never leave the process except to the server they are for. Every verb of the verb
// table runs with -v against the fakes, on its success path and on a failure path, with known
// secret values in every place a secret can come from: the service principal's client secret,
// a protected extension setting (flag and file), the Kubernetes bearer token, the Relay keys
// ARM hands out, and access tokens (any JWT). stdout, stderr (the -v HTTP log included) and the
// argv of every child process the binary starts (az for the Azure CLI credential, a kubeconfig
// exec plugin) are scanned for each secret, as is and base64-encoded.
#include <gtest/gtest.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

#include "core/util/base64.h"
#include "tests/integration/matrix_world.h"

namespace azureml::testing::matrix {
namespace {

const std::string kProtectedValue = "pr0tected-Value-7f3c";  // a protected setting's value
const std::string kFileProtectedValue = "f1le-Protected-Value-91aa";
const std::string kKubeToken = "fake-kube-token";  // FakeKubeOptions' default bearer token

// The secrets found in `text`, by name ("client secret", "base64 of ...").
std::vector<std::string> leaks(const std::string& text, const std::map<std::string, std::string>& secrets) {
  std::vector<std::string> found;
  for (const auto& [name, value] : secrets) {
    if (text.find(value) != std::string::npos) found.push_back(name);
    // Without the padding: a secret inside a longer base64 text keeps its prefix's encoding.
    std::string encoded = base64_encode(value);
    while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
    if (encoded.size() > 8 && text.find(encoded.substr(0, encoded.size() - 2)) != std::string::npos)
      found.push_back("base64 of " + name);
  }
  if (text.find("eyJ") != std::string::npos) found.push_back("a JWT (access token)");
  if (text.find("SharedAccessKey=") != std::string::npos) found.push_back("a connection string with its key");
  return found;
}

TEST(SecretScan, TheScannerFindsWhatItLooksFor) {
  const std::map<std::string, std::string> secrets = {{"s", "hunter2-secret"}};
  EXPECT_EQ(leaks("ok", secrets), std::vector<std::string>{});
  EXPECT_EQ(leaks("x hunter2-secret y", secrets), std::vector<std::string>{"s"});
  EXPECT_EQ(leaks(base64_encode("hunter2-secret"), secrets), std::vector<std::string>{"base64 of s"});
  EXPECT_EQ(leaks("token eyJhbGciOi", secrets), std::vector<std::string>{"a JWT (access token)"});
}

// The verbs and how each runs: on success (in order, in one world) and on failure (in a world
// whose ARM answers 500 to everything).
struct VerbRun {
  std::string verb;
  std::vector<std::string> words;
};

std::vector<VerbRun> verb_runs(const std::string& protected_file) {
  const std::vector<std::string> workspace = {"-w", kWorkspaceName, "-g", kGroup};
  const auto with = [](std::vector<std::string> words, const std::vector<std::string>& more) {
    words.insert(words.end(), more.begin(), more.end());
    return words;
  };
  return {
      {"version", {"version"}},
      {"help", {"help", "attach"}},
      {"completion", {"completion", "bash"}},
      {"validate", {"validate", "-f", "{config}"}},
      {"extension install",
       with(kInstall, {"--config-protected", "scanSecret=" + kProtectedValue, "--config-file", protected_file})},
      {"extension show", {"extension", "show", "--kubeconfig", "{kubeconfig}", "-o", "json"}},
      {"extension update",
       {"extension", "update", "--kubeconfig", "{kubeconfig}", "--config", "enableInference=true", "--config",
        "inferenceRouterServiceType=LoadBalancer", "--config", "allowInsecureConnections=true", "--config-protected",
        "scanSecret=" + kProtectedValue, "--config-file", protected_file, "-o", "json"}},
      {"doctor", with({"doctor", "--kubeconfig", "{kubeconfig}", "-f", "{config}"}, workspace)},
      {"attach", kAttach},
      {"show", with({"show", "arc"}, workspace)},
      {"list", with({"list"}, workspace)},
      {"detach", with({"detach", "arc", "--yes"}, workspace)},
      {"compute create", kCreate},
      {"compute show", with({"compute", "show", "cpu"}, workspace)},
      {"compute identity assign", with({"compute", "identity", "assign", "cpu", "--system"}, workspace)},
      {"compute identity remove", with({"compute", "identity", "remove", "cpu"}, workspace)},
      {"compute delete", with({"compute", "delete", "cpu", "--yes"}, workspace)},
      {"extension delete", {"extension", "delete", "--yes", "--kubeconfig", "{kubeconfig}"}},
  };
}

class SecretScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    protected_file = (world.dir() / "settings.yaml").string();
    std::ofstream(protected_file) << "configurationProtectedSettings:\n  fileSecret: " << kFileProtectedValue << "\n";
    secrets = {{"client secret", world.azure().options().client_secret},
               {"protected setting (flag)", kProtectedValue},
               {"protected setting (file)", kFileProtectedValue},
               {"Kubernetes bearer token", kKubeToken}};
  }

  // Runs the words with -v and returns what leaked, as "verb: where: secret" lines; `exit_codes`
  // gets the run's exit code.
  std::vector<std::string> scan(const World& in, const VerbRun& verb, const EnvironmentMap& environment) {
    std::vector<std::string> words = in.words(verb.words);
    words.push_back("-v");
    const azureml::testing::Run run = run_binary(words, "", environment);
    ++runs;
    exit_codes[verb.verb] = run.exit_code;
    if (run.exit_code != 0) errors[verb.verb] = run.err;
    std::vector<std::string> out;
    for (const auto& secret : leaks(run.out, secrets)) out.push_back(verb.verb + ": stdout: " + secret);
    for (const auto& secret : leaks(run.err, secrets)) out.push_back(verb.verb + ": stderr: " + secret);
    return out;
  }

  // The Relay rule's keys as ARM hands them out, added to the secrets.
  void add_relay_keys() {
    const std::string rule = "/subscriptions/" + kArcSubscription +
                             "/resourceGroups/rg1/providers/Microsoft.Relay/namespaces/"
                             "cluster100000000000000000000000000000001rg1relay/hybridConnections/cluster1/"
                             "authorizationRules/azureml_rw/listKeys";
    httplib::Client client("127.0.0.1", world.azure().port());
    const httplib::Headers headers = {{"Authorization", "Bearer " + world.azure().issue_token().access_token}};
    const auto answer = client.Post(rule + "?api-version=2021-11-01", headers, "", "application/json");
    ASSERT_TRUE(answer) << "listKeys did not answer";
    ASSERT_EQ(answer->status, 200) << answer->body;
    const auto keys = nlohmann::json::parse(answer->body);
    secrets["Relay primary key"] = keys.at("primaryKey").get<std::string>();
    secrets["Relay secondary key"] = keys.at("secondaryKey").get<std::string>();
  }

  World world;
  std::string protected_file;
  std::map<std::string, std::string> secrets;
  int runs = 0;
  std::map<std::string, int> exit_codes;      // of the latest run of each verb
  std::map<std::string, std::string> errors;  // its stderr, when it failed
};

TEST_F(SecretScanTest, EveryVerbOnItsSuccessAndFailurePathsLeaksNothing) {
  // Every verb the binary describes must be scanned here.
  const azureml::testing::Run described = run_binary({"__describe"});
  ASSERT_EQ(described.exit_code, 0) << described.err;
  std::set<std::string> verbs;
  // Kept in a variable: a range-for over a member of the temporary parse() result read freed
  // memory (ASan, build-asan).
  const nlohmann::json description = nlohmann::json::parse(described.out);
  for (const auto& verb : description.at("verbs")) verbs.insert(verb.at("name"));
  const auto runs_of = verb_runs(protected_file);
  for (const auto& run : runs_of) verbs.erase(run.verb);
  EXPECT_EQ(verbs, std::set<std::string>{}) << "verbs with no secret scan: add them to verb_runs()";

  std::vector<std::string> found;
  for (const auto& run : runs_of) {
    for (auto& line : scan(world, run, world.environment())) found.push_back(std::move(line));
    // The success path really succeeded (a failure would print less).
    const std::set<int> expected = run.verb == "doctor" ? std::set<int>{0, 1} : std::set<int>{0};  // doctor reports
    EXPECT_TRUE(expected.count(exit_codes[run.verb])) << run.verb << ":\n" << errors[run.verb];
    if (run.verb == "extension install") add_relay_keys();
  }
  // The protected values did go where they belong: to ARM, in the extension's PUT.
  std::string sent_bodies;
  for (const auto& request : world.azure().requests())
    if (request.method == "PUT" || request.method == "PATCH") sent_bodies += request.body;
  EXPECT_NE(sent_bodies.find(kProtectedValue), std::string::npos);
  EXPECT_NE(sent_bodies.find(kFileProtectedValue), std::string::npos);
  // The failure paths: ARM answers 500 to everything (the error messages and the HTTP log).
  World failing;
  fakes::Fault broken = fakes::Fault::server_error(500, "", "^/subscriptions/");
  broken.times = fakes::Fault::kAlways;
  broken.retry_after = 0;
  failing.azure().add_fault(broken);
  secrets["client secret (second fake)"] = failing.azure().options().client_secret;
  std::size_t failed = 0;
  for (const auto& run : runs_of) {
    for (auto& line : scan(failing, run, failing.environment())) found.push_back(std::move(line));
    failed += exit_codes[run.verb] != 0 ? 1 : 0;
  }
  EXPECT_EQ(failed, runs_of.size() - 4);  // all but version, help, completion and validate
  EXPECT_EQ(found, std::vector<std::string>{});
  EXPECT_EQ(runs, 2 * static_cast<int>(runs_of.size()));
}

// A refused protected value is named in the error, never shown.
TEST_F(SecretScanTest, ARefusedProtectedValueIsNotEchoed) {
  for (const std::string key : {"inferenceRouterServiceType", "internalLoadBalancerProvider", "enableInference"}) {
    const VerbRun install{
        "extension install",
        {"extension", "install", "--kubeconfig", "{kubeconfig}", "--config", "enableInference=true", "--config",
         "allowInsecureConnections=true", "--config-protected", key + "=" + kProtectedValue}};
    EXPECT_EQ(scan(world, install, world.environment()), std::vector<std::string>{}) << key;
    EXPECT_EQ(exit_codes["extension install"], 2) << key << ": " << errors["extension install"];
  }
}

// Child processes: az (the Azure CLI credential) and a kubeconfig exec plugin record their argv;
// no secret may be among them, and the token az hands back never shows.
TEST_F(SecretScanTest, ChildProcessesGetNoSecretInTheirArguments) {
  const std::filesystem::path bin = world.dir() / "bin";
  std::filesystem::create_directories(bin);
  const std::string argv_log = (world.dir() / "argv.log").string();
  const std::string az_token = world.azure().issue_token().access_token;
  {
    std::ofstream az(bin / "az");
    az << "#!/bin/sh\nprintf '%s\\n' \"az $*\" >> " << argv_log << "\n"
       << "printf '{\"accessToken\": \"" << az_token << "\", \"expires_on\": 4102444800, \"subscription\": \""
       << kSubscription << "\", \"tenant\": \"" << world.azure().options().tenant_id
       << "\", \"tokenType\": \"Bearer\"}\\n'\n";
  }
  const std::string plugin = (bin / "kube-login").string();
  {
    std::ofstream login(plugin);
    login << "#!/bin/sh\nprintf '%s\\n' \"kube-login $*\" >> " << argv_log << "\n"
          << "printf '{\"apiVersion\": \"client.authentication.k8s.io/v1\", \"kind\": \"ExecCredential\", "
             "\"status\": {\"token\": \""
          << kKubeToken << "\"}}\\n'\n";
  }
  std::filesystem::permissions(bin / "az", std::filesystem::perms::owner_all);
  std::filesystem::permissions(plugin, std::filesystem::perms::owner_all);
  const std::string kubeconfig = (world.dir() / "exec.kubeconfig").string();
  std::ofstream(kubeconfig) << "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: "
                            << world.kube().base_url() << "\n    certificate-authority: " << world.kube().ca_file()
                            << "\nusers:\n- name: u\n  user:\n    exec:\n      apiVersion: "
                               "client.authentication.k8s.io/v1\n      command: "
                            << plugin << "\n      args: [\"get-token\", \"--login\", \"spn\"]\n"
                            << "      interactiveMode: Never\ncontexts:\n- name: ctx\n  context:\n    cluster: c\n"
                               "    user: u\ncurrent-context: ctx\n";

  EnvironmentMap environment = world.environment();
  environment.erase("AZURE_CLIENT_SECRET");
  environment.erase("AZURE_CLIENT_ID");
  environment.erase("AZURE_TENANT_ID");
  environment["PATH"] = bin.string() + ":/usr/bin:/bin";
  secrets["the token az printed"] = az_token;
  const VerbRun install{"extension install",
                        {"extension", "install", "--kubeconfig", kubeconfig, "--config", "enableTraining=true",
                         "--config-protected", "scanSecret=" + kProtectedValue, "-o", "json"}};
  EXPECT_EQ(scan(world, install, environment), std::vector<std::string>{});
  EXPECT_EQ(exit_codes["extension install"], 0) << errors["extension install"];

  const std::string argv = slurp(argv_log);
  EXPECT_NE(argv.find("az account get-access-token"), std::string::npos) << argv;       // az was asked
  EXPECT_NE(argv.find("kube-login get-token --login spn"), std::string::npos) << argv;  // so was the plugin
  EXPECT_EQ(leaks(argv, secrets), std::vector<std::string>{}) << argv;
}

}  // namespace
}  // namespace azureml::testing::matrix
