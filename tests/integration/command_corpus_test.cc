// The command corpus (tests/corpus/commands/, format in its README.md): bad flags, environments
// and kubeconfigs, each run through the real binary against a fake Azure and a fake Kubernetes
// API server. Every case must give exactly its exit code and stderr, print nothing on stdout,
// and change nothing: the fakes must have seen no PUT, PATCH or DELETE, and no POST other than
// a token request or a list-style action (listKeys). One gtest per case, named after its file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/fakes/fake_azure.h"
#include "tests/fakes/fake_kube.h"
#include "tests/integration/doctor_fixture.h"
#include "tests/integration/online_fixture.h"
#include "tests/integration/run_binary.h"
#include "tests/unit/temp_dir.h"

namespace azureml::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpusDir = fs::path(AZUREML_SOURCE_DIR) / "tests/corpus/commands";
// At least this many cases: the corpus is the point of the test, and a glob that finds too few
// (a moved directory, a renamed extension) must fail rather than pass with nothing to check.
constexpr std::size_t kMinimumCases = 60;

struct CommandCase {
  std::string name;  // the file's stem, e.g. "flag-unknown-did-you-mean"
  fs::path file;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::optional<std::string>>> env;  // nullopt: removed
  std::optional<int> exit_code;
  std::optional<std::string> expected_stderr;
  std::string parse_error;  // non-empty when the file breaks the format (the test then fails)
};

// gtest prints a parameter through PrintTo: its name, not its bytes.
void PrintTo(const CommandCase& c, std::ostream* out) { *out << c.name; }

// Words of an `args:` line: split at spaces; '...' groups words (no escapes inside), '' is an
// empty argument.
std::optional<std::vector<std::string>> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'') {
      const auto close = text.find('\'', i + 1);
      if (close == std::string::npos) return std::nullopt;
      word += text.substr(i + 1, close - i - 1);
      in_word = true;
      i = close;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

CommandCase parse_case(const fs::path& file) {
  CommandCase c;
  c.name = file.stem().string();
  c.file = file;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  int number = 0;
  const auto problem = [&](const std::string& what) {
    if (c.parse_error.empty()) c.parse_error = file.string() + ":" + std::to_string(number) + ": " + what;
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) {
      problem("expected 'key: value'");
      continue;
    }
    const std::string key = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    if (key == "args") {
      auto words = split_words(value);
      if (!words)
        problem("unclosed quote in args");
      else
        c.args.insert(c.args.end(), words->begin(), words->end());
    } else if (key == "env") {
      if (value.starts_with("-")) {
        c.env.emplace_back(value.substr(1), std::nullopt);
      } else if (const auto equals = value.find('='); equals != std::string::npos && equals > 0) {
        c.env.emplace_back(value.substr(0, equals), value.substr(equals + 1));
      } else {
        problem("env: expected NAME=VALUE or -NAME");
      }
    } else if (key == "exit") {
      try {
        c.exit_code = std::stoi(value);
      } catch (const std::exception&) {
        problem("exit: expected a number");
      }
    } else if (key == "stderr") {
      // Everything after this line, byte for byte.
      std::stringstream rest;
      rest << in.rdbuf();
      c.expected_stderr = rest.str();
      break;
    } else {
      problem("unknown key '" + key + "' (args, env, exit, stderr)");
    }
  }
  if (c.args.empty()) problem("no args: line");
  if (!c.exit_code) problem("no exit: line");
  if (!c.expected_stderr) problem("no stderr: section (it must come last)");
  if (c.exit_code == 0) problem("exit: 0 is not a bad input; the corpus holds failures only");
  return c;
}

std::vector<CommandCase> load_cases() {
  std::vector<CommandCase> cases;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(kCorpusDir, error))
    if (entry.path().extension() == ".case") cases.push_back(parse_case(entry.path()));
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return cases;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// `actual` matches `expected` when equal, where each "{...}" in `expected` stands for any text
// within one line (timings and ids that differ from run to run).
bool matches(const std::string& expected, const std::string& actual) {
  const std::string wildcard = "{...}";
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const auto at = expected.find(wildcard, start);
    parts.push_back(expected.substr(start, at == std::string::npos ? at : at - start));
    if (at == std::string::npos) break;
    start = at + wildcard.size();
  }
  if (parts.size() == 1) return expected == actual;
  if (!actual.starts_with(parts.front()) || actual.size() < parts.front().size() + parts.back().size() ||
      !actual.ends_with(parts.back()))
    return false;
  std::size_t at = parts.front().size();
  const std::size_t end = actual.size() - parts.back().size();
  for (std::size_t i = 1; i < parts.size(); ++i) {
    // The wildcard before parts[i] takes the shortest text without a newline that lets it follow.
    const auto found = i + 1 == parts.size() ? end : actual.find(parts[i], at);
    if (found == std::string::npos || found > end || found < at) return false;
    if (actual.substr(at, found - at).find('\n') != std::string::npos) return false;
    at = found + parts[i].size();
  }
  return at == actual.size();
}

// A request that changes something: anything but GET/HEAD, except token requests and
// list-style POST actions (listKeys), which read.
bool is_mutation(const std::string& method, const std::string& path) {
  if (method == "GET" || method == "HEAD") return false;
  if (method != "POST") return true;
  if (path.ends_with("/oauth2/v2.0/token") || path.ends_with("/oauth2/token")) return false;
  std::string last = path.substr(path.rfind('/') + 1);
  std::transform(last.begin(), last.end(), last.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return !last.starts_with("list");
}

class CommandCorpusTest : public ::testing::TestWithParam<CommandCase> {
 protected:
  // One fake Azure, one fake cluster and one copy of the corpus's side files for the suite:
  // each case is then a few milliseconds of the binary.
  static void SetUpTestSuite() {
    azure_ = std::make_unique<fakes::FakeAzure>();
    azure_->start();
    azure_->add_workspace({.subscription = kSubscription, .resource_group = kGroup, .name = kWorkspaceName});
    azure_->add_connected_cluster({.subscription = kArcSubscription, .resource_group = kArcGroup, .name = kArcName});
    kube_ = std::make_unique<fakes::FakeKube>(fakes::FakeKubeOptions{.fixture_file = kArcFixture});
    kube_->start();
    dir_ = std::make_unique<test::TempDir>();
    kube_->write_kubeconfig((dir_->path() / "good.kubeconfig").string());
    // Side files (kubeconfigs, settings files) with the placeholders filled in, so that a
    // kubeconfig can point at the fake's port.
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(kCorpusDir, error)) {
      const auto extension = entry.path().extension();
      if (extension == ".case" || entry.path().filename() == "README.md") continue;
      dir_->write(entry.path().filename().string(), substitute(slurp(entry.path().string())));
    }
  }
  static void TearDownTestSuite() {
    kube_.reset();
    azure_.reset();
    dir_.reset();
  }

  // {dir} the directory of the side files, {kubeconfig} a kubeconfig that works, {azure} and
  // {kube} the fakes' base URLs, {kube_ca} the fake cluster's CA file, {azure_port} and
  // {kube_port} their ports.
  static std::string substitute(std::string text) {
    text = replace_all(std::move(text), "{dir}", dir_->path().string());
    text = replace_all(std::move(text), "{kubeconfig}", (dir_->path() / "good.kubeconfig").string());
    text = replace_all(std::move(text), "{azure}", azure_->base_url());
    text = replace_all(std::move(text), "{kube_ca}", kube_->ca_file());
    text = replace_all(std::move(text), "{kube}", kube_->base_url());
    text = replace_all(std::move(text), "{azure_port}", std::to_string(azure_->port()));
    text = replace_all(std::move(text), "{kube_port}", std::to_string(kube_->port()));
    return text;
  }

  // A signed-in CI job's environment (OnlineTest's), pointed at the fakes.
  static EnvironmentMap signed_in() {
    const auto& options = azure_->options();
    return {{"PATH", "/nonexistent"},
            {"HOME", "/nonexistent"},
            {"AZURE_AUTHORITY_HOST", azure_->base_url()},
            {"AZUREML_ARM_ENDPOINT", azure_->base_url()},
            {"AZURE_POD_IDENTITY_AUTHORITY_HOST", kRefusingUrl},
            {"AZURE_SUBSCRIPTION_ID", kSubscription},
            {"AZURE_TENANT_ID", options.tenant_id},
            {"AZURE_CLIENT_ID", options.client_id},
            {"AZURE_CLIENT_SECRET", options.client_secret}};
  }

  static std::unique_ptr<fakes::FakeAzure> azure_;
  static std::unique_ptr<fakes::FakeKube> kube_;
  static std::unique_ptr<test::TempDir> dir_;
};

std::unique_ptr<fakes::FakeAzure> CommandCorpusTest::azure_;
std::unique_ptr<fakes::FakeKube> CommandCorpusTest::kube_;
std::unique_ptr<test::TempDir> CommandCorpusTest::dir_;

TEST_P(CommandCorpusTest, FailsExactlyAndChangesNothing) {
  const CommandCase& c = GetParam();
  ASSERT_EQ(c.parse_error, "") << "the case file does not follow tests/corpus/commands/README.md";

  std::vector<std::string> args;
  for (const auto& arg : c.args) args.push_back(substitute(arg));
  EnvironmentMap environment = signed_in();
  for (const auto& [name, value] : c.env) {
    if (value)
      environment[name] = substitute(*value);
    else
      environment.erase(name);
  }
  azure_->clear_requests();
  kube_->clear_requests();

  const azureml::testing::Run run = run_binary(args, "", environment);

  const std::string expected = substitute(*c.expected_stderr);
  EXPECT_EQ(run.exit_code, *c.exit_code) << c.file.string() << "\nstderr:\n" << run.err;
  EXPECT_TRUE(matches(expected, run.err)) << c.file.string() << ": stderr differs\n--- expected\n"
                                          << expected << "--- actual\n"
                                          << run.err;
  EXPECT_EQ(run.out, "") << c.file.string() << ": a failure prints nothing on stdout";
  for (const auto& request : azure_->requests())
    EXPECT_FALSE(is_mutation(request.method, request.path))
        << c.file.string() << ": Azure got " << request.method << " " << request.path;
  for (const auto& request : kube_->requests())
    EXPECT_FALSE(is_mutation(request.http.method, request.http.path))
        << c.file.string() << ": Kubernetes got " << request.http.method << " " << request.http.path;
}

std::string test_name(const ::testing::TestParamInfo<CommandCase>& info) {
  std::string name = info.param.name;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Commands, CommandCorpusTest, ::testing::ValuesIn(load_cases()), test_name);

TEST(CommandCorpus, HoldsEnoughCases) {
  const auto cases = load_cases();
  EXPECT_GE(cases.size(), kMinimumCases) << "in " << kCorpusDir.string();
}

// The matcher the cases rely on: it must reject what differs, or every case would pass.
TEST(CommandCorpus, MatcherRejectsDifferences) {
  EXPECT_TRUE(matches("error: a\n", "error: a\n"));
  EXPECT_FALSE(matches("error: a\n", "error: b\n"));
  EXPECT_FALSE(matches("error: a\n", "error: a\nmore\n"));
  EXPECT_TRUE(matches("after {...} ms\n", "after 12 ms\n"));
  EXPECT_FALSE(matches("after {...} ms\n", "after 1\n2 ms\n"));
  EXPECT_TRUE(matches("a {...} b {...} c\n", "a 1 b 2 c\n"));
  EXPECT_FALSE(matches("a {...} b {...} c\n", "a 1 c 2 b\n"));
}

// The mutation filter must flag writes, or the "changes nothing" half of every case is empty.
TEST(CommandCorpus, MutationFilterFlagsWrites) {
  EXPECT_TRUE(is_mutation("PUT", "/subscriptions/s/resourceGroups/rg"));
  EXPECT_TRUE(is_mutation("DELETE", "/subscriptions/s/resourceGroups/rg"));
  EXPECT_TRUE(is_mutation("PATCH", "/subscriptions/s/x"));
  EXPECT_TRUE(is_mutation("POST", "/subscriptions/s/x/restart"));
  EXPECT_FALSE(is_mutation("POST", "/tenant/oauth2/v2.0/token"));
  EXPECT_FALSE(is_mutation("POST", "/subscriptions/s/x/authorizationRules/r/listKeys"));
  EXPECT_FALSE(is_mutation("GET", "/subscriptions/s"));
}

}  // namespace
}  // namespace azureml::testing
