// The krew release: scripts/package-krew builds the archive and the manifest; the manifest is
// checked against krew's own validation rules (../shared/reference/cli-ecosystem.md §1), then
// installed the way krew installs it (unpacked into a krew-like root, the bin linked, the root's
// bin on PATH) and driven through the real kubectl: plugin discovery, the plugin's verbs, kubectl's
// completion through kubectl_complete-azureml, and kubectl's global flags given after the plugin.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/e2e/run_process.h"
#include "tests/fakes/fake_kube.h"

namespace {

using azureml::fakes::FakeKube;
using azureml::testing::ProcessResult;
using ::testing::HasSubstr;

constexpr const char* kKubectlPath = "/usr/bin/kubectl";
const std::string kSource = AZUREML_SOURCE_DIR;
// krew's allPlatforms(): the os/arch pairs a selector may match.
const std::vector<std::pair<std::string, std::string>> kKrewPlatforms = {
    {"windows", "386"}, {"windows", "amd64"}, {"windows", "arm64"}, {"linux", "386"},
    {"linux", "amd64"}, {"linux", "arm"},     {"linux", "arm64"},   {"linux", "ppc64le"},
    {"darwin", "386"},  {"darwin", "amd64"},  {"darwin", "arm64"}};

ProcessResult run(const std::vector<std::string>& argv,
                  const std::vector<std::string>& environment = {"PATH=/usr/bin:/bin"}) {
  return azureml::testing::run_process(argv, environment, std::chrono::seconds(60));
}

// The problems krew's validation (validate.go, validate-krew-manifest) finds in `manifest`.
std::vector<std::string> krew_problems(const std::filesystem::path& manifest,
                                       const std::filesystem::path& archive_dir) {
  std::vector<std::string> problems;
  const auto problem = [&](const std::string& text) { problems.push_back(text); };
  if (manifest.extension() != ".yaml") problem("the file must end in .yaml");
  const YAML::Node plugin = YAML::LoadFile(manifest.string());
  if (plugin["apiVersion"].as<std::string>("") != "krew.googlecontainertools.github.com/v1alpha2")
    problem("apiVersion");
  if (plugin["kind"].as<std::string>("") != "Plugin") problem("kind");
  const std::string name = plugin["metadata"]["name"].as<std::string>("");
  if (!std::regex_match(name, std::regex(R"([\w-]+)"))) problem("name must match ^[\\w-]+$");
  static const std::regex reserved("(?:con|prn|aux|nul|com[1-9]|lpt[1-9])", std::regex::icase);
  if (std::regex_match(name, reserved)) problem("name is a reserved Windows name");
  if (name != manifest.stem().string()) problem("metadata.name must be the file's name");
  const YAML::Node spec = plugin["spec"];
  static const std::regex semver(R"(v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)");
  if (!std::regex_match(spec["version"].as<std::string>(""), semver))
    problem("version must be semver with a leading v");
  const std::string short_description = spec["shortDescription"].as<std::string>("");
  if (short_description.empty() || short_description.find_first_of("\r\n") != std::string::npos)
    problem("shortDescription must be one non-empty line");
  if (short_description.size() > 70) problem("shortDescription is over 70 characters");
  for (const char* field : {"description", "caveats"}) {
    std::istringstream text(spec[field].as<std::string>(""));
    for (std::string line; std::getline(text, line);)
      if (line.size() > 80) problem(std::string(field) + " has a line over 80 characters: " + line);
  }
  if (!spec["platforms"] || spec["platforms"].size() == 0) problem("no platforms");
  std::vector<int> matches(kKrewPlatforms.size(), 0);
  for (const auto& platform : spec["platforms"]) {
    const std::string uri = platform["uri"].as<std::string>("");
    if (!uri.ends_with(".tar.gz") && !uri.ends_with(".zip")) problem("uri must be a .tar.gz or .zip: " + uri);
    const std::string sha256 = platform["sha256"].as<std::string>("");
    if (!std::regex_match(sha256, std::regex("[a-f0-9]{64}"))) problem("sha256 must be 64 lowercase hex digits");
    const std::string archive = (archive_dir / uri.substr(uri.find_last_of('/') + 1)).string();
    const ProcessResult sum = run({"/usr/bin/sha256sum", archive});
    if (sum.out.substr(0, 64) != sha256) problem("sha256 is not the archive's: " + archive);
    const std::string bin = platform["bin"].as<std::string>("");
    if (bin.empty()) problem("bin is required");
    const ProcessResult listing = run({"/bin/tar", "tzf", archive});
    if (listing.out.find(bin + "\n") == std::string::npos) problem("bin '" + bin + "' is not in the archive");
    if (platform["files"] && platform["files"].size() == 0) problem("files, when given, must not be empty");
    for (const auto& file : platform["files"])
      if (file["from"].as<std::string>("").empty() || file["to"].as<std::string>("").empty())
        problem("files need from and to");
    const YAML::Node labels = platform["selector"]["matchLabels"];
    if (!labels || labels.size() == 0) problem("selector must have matchLabels");
    for (const auto& label : labels)
      if (label.first.as<std::string>() != "os" && label.first.as<std::string>() != "arch")
        problem("selector keys: os, arch only");
    bool matched = false;
    for (std::size_t i = 0; i < kKrewPlatforms.size(); ++i) {
      const bool os = !labels["os"] || labels["os"].as<std::string>() == kKrewPlatforms[i].first;
      const bool arch = !labels["arch"] || labels["arch"].as<std::string>() == kKrewPlatforms[i].second;
      if (os && arch) {
        ++matches[i];
        matched = true;
      }
    }
    if (!matched) problem("a selector matches no platform krew knows");
  }
  for (std::size_t i = 0; i < matches.size(); ++i)
    if (matches[i] > 1) problem("selectors overlap on " + kKrewPlatforms[i].first + "/" + kKrewPlatforms[i].second);
  return problems;
}

class KrewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/azureml-krew-XXXXXX";
    dir_ = mkdtemp(pattern);
    const ProcessResult packaged =
        run({kSource + "/scripts/package-krew", "--binary", AZUREML_BINARY, "--out", dir_ + "/dist"},
            {"PATH=/usr/bin:/bin"});
    ASSERT_EQ(packaged.exit_code, 0) << packaged.err;
    manifest_ = dir_ + "/dist/azureml.yaml";
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // As `kubectl krew install --manifest M --archive A` does: the archive unpacked into
  // KREW_ROOT/store/NAME/VERSION (the manifest's files), the bin linked in KREW_ROOT/bin. The
  // completion helper is linked too, as the manifest's caveats tell the user to.
  std::string krew_install() {
    const YAML::Node plugin = YAML::LoadFile(manifest_);
    const YAML::Node platform = plugin["spec"]["platforms"][0];
    const std::string uri = platform["uri"].as<std::string>();
    const std::string store = dir_ + "/krew/store/azureml/" + plugin["spec"]["version"].as<std::string>();
    std::filesystem::create_directories(store);
    std::filesystem::create_directories(dir_ + "/krew/bin");
    const ProcessResult unpacked =
        run({"/bin/tar", "xzf", dir_ + "/dist/" + uri.substr(uri.find_last_of('/') + 1), "-C", store});
    EXPECT_EQ(unpacked.exit_code, 0) << unpacked.err;
    std::filesystem::create_symlink(store + "/" + platform["bin"].as<std::string>(),
                                    dir_ + "/krew/bin/kubectl-azureml");
    std::filesystem::create_symlink(store + "/kubectl_complete-azureml", dir_ + "/krew/bin/kubectl_complete-azureml");
    return dir_ + "/krew/bin";
  }

  ProcessResult kubectl(const std::vector<std::string>& arguments, const std::string& path) {
    std::vector<std::string> argv = {kKubectlPath};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    std::filesystem::create_directories(dir_ + "/home");
    return run(argv, {"HOME=" + dir_ + "/home", "PATH=" + path + ":/usr/bin:/bin", "HTTPS_PROXY=" + refusing_.url(),
                      "HTTP_PROXY=" + refusing_.url(), "NO_PROXY=127.0.0.1",
                      "AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:9"});
  }

  std::string dir_;
  std::string manifest_;
  azureml::testing::RefusingPort refusing_;
};

TEST_F(KrewTest, TheManifestPassesKrewsValidation) {
  EXPECT_THAT(krew_problems(manifest_, dir_ + "/dist"), ::testing::IsEmpty());
  const ProcessResult listing = run({"/bin/tar", "tzf", dir_ + "/dist/kubectl-azureml_v0.1.0_linux_amd64.tar.gz"});
  EXPECT_EQ(listing.out, "kubectl-azureml\nkubectl_complete-azureml\nLICENSE\n");
}

TEST_F(KrewTest, TheValidationCatchesWhatKrewRefuses) {
  std::string text = azureml::testing::detail::read_file(manifest_);
  std::string bad = std::regex_replace(text, std::regex(R"re(sha256: "([a-f0-9]{64})")re"), "sha256: \"ABCDEF\"");
  bad = std::regex_replace(bad, std::regex("os: linux"), "os: linux\n        distro: debian");
  std::filesystem::create_directories(dir_ + "/bad");
  std::ofstream(dir_ + "/bad/other.yaml") << bad;
  const auto problems = krew_problems(dir_ + "/bad/other.yaml", dir_ + "/dist");
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("sha256 must be 64 lowercase hex digits")));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("metadata.name must be the file's name")));
  EXPECT_THAT(problems, ::testing::Contains(HasSubstr("selector keys: os, arch only")));
}

TEST_F(KrewTest, InstalledAsKrewDoesKubectlFindsRunsAndCompletesIt) {
  if (!std::filesystem::exists(kKubectlPath)) GTEST_SKIP() << kKubectlPath << " is not installed";
  const std::string bin = krew_install();
  const ProcessResult listed = kubectl({"plugin", "list"}, bin);
  EXPECT_THAT(listed.out, HasSubstr(bin + "/kubectl-azureml")) << listed.err;
  const ProcessResult version = kubectl({"azureml", "version"}, bin);
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_THAT(version.out, HasSubstr("kubectl-azureml 0.1.0"));
  const ProcessResult help = kubectl({"azureml", "attach", "--help"}, bin);
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_THAT(help.out, HasSubstr("--install-extension"));
  const ProcessResult verbs = kubectl({"__complete", "azureml", "at"}, bin);
  EXPECT_THAT(verbs.out, HasSubstr("attach\n")) << verbs.err;
  const ProcessResult choices = kubectl({"__complete", "azureml", "compute", "create", "--vm-priority", ""}, bin);
  EXPECT_THAT(choices.out, HasSubstr("dedicated\nlowpriority\n")) << choices.err;
  const ProcessResult flags = kubectl({"__complete", "azureml", "attach", "--ins"}, bin);
  EXPECT_THAT(flags.out, HasSubstr("--install-extension\n")) << flags.err;
  const ProcessResult types = kubectl(
      {"__complete", "azureml", "doctor", "-f", kSource + "/examples/attach-advanced.json", "--instance-type", "g"},
      bin);
  EXPECT_THAT(types.out, HasSubstr("gpu_instance\n:4")) << types.err;
}

TEST_F(KrewTest, KubectlsGlobalFlagsAfterThePluginNameReachIt) {
  if (!std::filesystem::exists(kKubectlPath)) GTEST_SKIP() << kKubectlPath << " is not installed";
  const std::string bin = krew_install();
  FakeKube kube({.fixture_file = kSource + "/tests/fakes/fixtures/arc-cluster.yaml"});
  kube.start();
  const std::string kubeconfig = dir_ + "/kubeconfig";
  kube.write_kubeconfig(kubeconfig, {.context = "arc"});
  // --kubeconfig, --context, -n and --request-timeout, all after the plugin's name.
  const ProcessResult doctor = kubectl({"azureml", "doctor", "--kubeconfig", kubeconfig, "--context", "arc", "-n",
                                        "azureml", "--request-timeout", "20s", "-o", "json"},
                                       bin);
  EXPECT_THAT(doctor.out, HasSubstr("namespace 'azureml' exists")) << doctor.err;
  EXPECT_FALSE(kube.requests().empty());
  const ProcessResult wrong_context =
      kubectl({"azureml", "doctor", "--kubeconfig", kubeconfig, "--context", "nosuch"}, bin);
  EXPECT_THAT(wrong_context.out + wrong_context.err, HasSubstr("nosuch"));
  const ProcessResult bad_timeout =
      kubectl({"azureml", "doctor", "--kubeconfig", kubeconfig, "--request-timeout", "soon"}, bin);
  EXPECT_EQ(bad_timeout.exit_code, 1);  // doctor reports it as the cluster-access check failing
  EXPECT_THAT(bad_timeout.out, HasSubstr("--request-timeout 'soon'"));
}

TEST(Completion, ScriptsForBashAndZshCallBackIntoTheBinary) {
  for (const char* shell : {"bash", "zsh"}) {
    const ProcessResult script = run({AZUREML_BINARY, "completion", shell});
    EXPECT_EQ(script.exit_code, 0) << script.err;
    EXPECT_THAT(script.out, HasSubstr("kubectl-azureml\" __complete")) << shell;
  }
  if (std::filesystem::exists("/bin/bash")) {
    // Sourced into bash, the function completes "kubectl-azureml at" to attach.
    const ProcessResult completed =
        run({"/bin/bash", "-c",
             "source <(\"" AZUREML_BINARY "\" completion bash | sed 's#\"kubectl-azureml\" __complete#\"" AZUREML_BINARY
             "\" __complete#'); COMP_WORDS=(kubectl-azureml at); COMP_CWORD=1; _kubectl-azureml_complete; "
             "printf '%s\\n' \"${COMPREPLY[@]}\""});
    EXPECT_EQ(completed.out, "attach\n") << completed.err;
  }
  const ProcessResult fish = run({AZUREML_BINARY, "completion", "fish"});
  EXPECT_EQ(fish.exit_code, 2);
  EXPECT_THAT(fish.err, HasSubstr("completion knows bash and zsh, not 'fish'"));
}

}  // namespace
