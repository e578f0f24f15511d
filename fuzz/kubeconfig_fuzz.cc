// Fuzz target: any bytes as a kubeconfig file, read as kubectl's flags would have it read.
//   parse_kubeconfig     the file alone: on success cluster, context and user names are unique
//                        (duplicates are refused, as client-go refuses them); merging the file
//                        with itself changes nothing (the first file wins every name)
//   load_rest_config     --kubeconfig FILE, then --context NAME for each context it defines: on
//                        success the server is an http(s) URL without a trailing '/', the
//                        namespace is never empty, and a CA never comes with
//                        insecure-skip-tls-verify
// Every error reads as one printable line per problem (KubeError::describe promises that), and
// is an invalid-configuration or credential error. The file is written into a private temp
// directory that also holds a CA, a client certificate and key and a token file, so relative
// paths in seeds resolve to real files. Inputs naming /dev, /proc or /sys are only parsed:
// reading those could block (a terminal) or depend on the machine.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/kube/kubeconfig.h"
#include "core/kube/kubeconfig_file.h"
#include "core/kube/kubeconfig_merge.h"
#include "core/util/environment.h"
#include "fuzz/fuzz_check.h"

namespace {

using namespace azureml;
using fuzz::is_one_printable_line;

constexpr std::string_view kPem = "-----BEGIN CERTIFICATE-----\nMIIBfuzz\n-----END CERTIFICATE-----\n";
constexpr std::string_view kKey = "-----BEGIN PRIVATE KEY-----\nMIIEfuzz\n-----END PRIVATE KEY-----\n";

void write(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// The harness's own directory, made once per process and removed at exit.
const std::filesystem::path& home() {
  static const std::filesystem::path directory = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "kubeconfig-fuzz-XXXXXX").string();
    FUZZ_CHECK(::mkdtemp(pattern.data()) != nullptr, pattern);
    const std::filesystem::path made(pattern);
    std::filesystem::create_directories(made / ".kube");
    write(made / "ca.crt", kPem);
    write(made / "client.crt", kPem);
    write(made / "client.key", kKey);
    write(made / "token", "file-token\n");
    std::atexit([] { std::filesystem::remove_all(home()); });
    return made;
  }();
  return directory;
}

void check_error(const kube::KubeError& error) {
  FUZZ_CHECK(!error.problems.empty(), "an error without problems");
  FUZZ_CHECK(error.kind == kube::KubeError::Kind::invalid_config || error.kind == kube::KubeError::Kind::credential,
             error.describe());
  const std::string text = error.describe();
  std::size_t lines = 1;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    FUZZ_CHECK(is_one_printable_line(text.substr(start, end - start)), text);
    if (end < text.size()) ++lines;
    start = end + 1;
  }
  FUZZ_CHECK(lines == error.problems.size(), text);
}

template <typename Entry>
std::vector<std::string> names_of(const std::vector<Entry>& entries) {
  std::vector<std::string> names;
  for (const auto& e : entries) names.push_back(e.name);
  return names;
}

template <typename Entry>
void check_unique(const std::vector<Entry>& entries) {
  std::set<std::string> seen;
  for (const auto& e : entries) FUZZ_CHECK(seen.insert(e.name).second, "name defined twice: " + e.name);
}

void check_rest_config(const Result<kube::RestConfig, kube::KubeError>& loaded) {
  if (!loaded) {
    check_error(loaded.error());
    return;
  }
  const kube::RestConfig& config = *loaded;
  FUZZ_CHECK(config.server.starts_with("https://") || config.server.starts_with("http://"), config.server);
  FUZZ_CHECK(!config.server.ends_with("/"), config.server);
  FUZZ_CHECK(!config.namespace_name.empty(), "empty namespace");
  FUZZ_CHECK(!(config.insecure_skip_tls_verify && config.certificate_authority_pem), "a CA with insecure");
  for (const auto& warning : config.warnings) FUZZ_CHECK(is_one_printable_line(warning), warning);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string path = (home() / ".kube" / "config").string();

  auto parsed = kube::parse_kubeconfig(path, text);
  if (!parsed) {
    check_error(parsed.error());
    return 0;
  }
  check_unique(parsed->clusters);
  check_unique(parsed->contexts);
  check_unique(parsed->users);
  const auto merged = kube::merge_kubeconfigs({*parsed, *parsed});
  FUZZ_CHECK(merged.cluster_names() == names_of(parsed->clusters), "merging changed the clusters");
  FUZZ_CHECK(merged.context_names() == names_of(parsed->contexts), "merging changed the contexts");
  FUZZ_CHECK(merged.user_names() == names_of(parsed->users), "merging changed the users");

  for (const std::string_view special : {"/dev", "/proc", "/sys"})
    if (text.find(special) != std::string_view::npos) return 0;
  write(path, text);
  MapEnvironment environment;
  environment.set("HOME", home().string());
  kube::KubeconfigOverrides overrides;
  overrides.kubeconfig = path;
  check_rest_config(kube::load_rest_config(overrides, environment));
  std::size_t tried = 0;
  for (const auto& context : parsed->contexts) {
    if (++tried > 4) break;
    overrides.context = context.name;
    check_rest_config(kube::load_rest_config(overrides, environment));
  }
  return 0;
}
