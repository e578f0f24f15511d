#pragma once
// Shared by the api_client_*_test.cc files: a FakeKube serving the Arc fixture, a temp HOME
// whose kubeconfig points at it, and KubeClients built from what load_rest_config makes of it
// (so every test crosses kubeconfig -> RestConfig -> CurlTransport -> TLS -> the fake).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "core/http/transport.h"
#include "core/kube/api_client.h"
#include "core/kube/exec_credential.h"
#include "core/util/base64.h"
#include "core/util/clock.h"
#include "core/util/log.h"
#include "core/util/process_runner.h"
#include "tests/fakes/fake_kube.h"
#include "tests/unit/kube/kube_test_support.h"

namespace azureml::kube::test {

inline std::string arc_fixture() { return std::string(AZUREML_SOURCE_DIR) + "/tests/fakes/fixtures/arc-cluster.yaml"; }

// "ok" or the error as the user would see it, for readable assertion failures.
template <typename T>
std::string outcome(const Result<T, KubeApiError>& result) {
  return result.ok() ? "ok" : result.error().describe();
}

// `text` with `line` inserted after the first line that starts with `after` (kubeconfig
// fields the fake's writer has no option for: tls-server-name, proxy-url, ...).
inline std::string insert_after(std::string text, const std::string& after, const std::string& line) {
  const auto at = text.find(after);
  if (at == std::string::npos) return text;
  const auto end = text.find('\n', at);
  text.insert(end + 1, line + "\n");
  return text;
}

// `text` without the line that contains `needle`.
inline std::string drop_line(std::string text, const std::string& needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) return text;
  const auto begin = text.rfind('\n', at);
  const auto end = text.find('\n', at);
  text.erase(begin == std::string::npos ? 0 : begin + 1, end - (begin == std::string::npos ? 0 : begin + 1) + 1);
  return text;
}

struct KubeApiTest : ::testing::Test {
  fakes::FakeKube kube{{.fixture_file = arc_fixture()}};
  KubeHome home;
  FakeClock clock;  // the exec cache's and the log's; the fake keeps real time
  std::unique_ptr<PosixProcessRunner> runner;
  std::unique_ptr<ExecCredentialCache> exec_cache;
  NullLog quiet;

  void SetUp() override {
    kube.start();
    home.environment.set("PATH", "/usr/bin:/bin");
    runner = std::make_unique<PosixProcessRunner>(home.environment);
    exec_cache = std::make_unique<ExecCredentialCache>(*runner, clock);
  }

  std::string kubeconfig_path() const { return home.path(".kube/config"); }

  // The fake's own kubeconfig (token user unless `options` say otherwise) in ~/.kube/config.
  void write_kubeconfig(const fakes::KubeconfigOptions& options = {}) {
    std::filesystem::create_directories(home.path(".kube"));
    kube.write_kubeconfig(kubeconfig_path(), options);
  }

  RestConfig load(const KubeconfigOverrides& overrides = {}) {
    auto config = home.load(overrides);
    EXPECT_TRUE(config.ok()) << (config.ok() ? "" : config.error().describe());
    return config.ok() ? config.value() : RestConfig{};
  }

  // load() after writing the fake's kubeconfig as the fake writes it.
  RestConfig config(const fakes::KubeconfigOptions& options = {}) {
    write_kubeconfig(options);
    return load();
  }

  // load() after writing `text` (the fake's kubeconfig, edited) to ~/.kube/config.
  RestConfig config_from(const std::string& text) {
    home.write_config(text);
    return load();
  }

  std::unique_ptr<KubeClient> client(RestConfig rest, KubeClientOptions options = {}, Log* log = nullptr,
                                     http::Transport* transport = nullptr) {
    return std::make_unique<KubeClient>(std::move(rest), *exec_cache, home.environment, clock, log ? *log : quiet,
                                        std::move(options), transport);
  }

  // The fake's kubeconfig with an exec plugin user instead of a token: `script` (a /bin/sh
  // body) is written to ~/bin/plugin and runs from its absolute path.
  std::string exec_kubeconfig(const std::string& script) {
    const std::string plugin = home.write_script("bin/plugin", script);
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: " + kube.base_url() +
           "\n    certificate-authority-data: " + b64(kube.ca_pem()) +
           "\nusers:\n- name: exec-user\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n"
           "      command: " +
           plugin +
           "\ncontexts:\n- name: fake\n  context: {cluster: fake, user: exec-user}\n"
           "current-context: fake\n";
  }

  std::string read_home(const std::string& relative) const {
    std::ifstream in(home.path(relative));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // The recorded requests for `path`, oldest first.
  std::vector<fakes::KubeRecordedRequest> requests_to(const std::string& path) const {
    std::vector<fakes::KubeRecordedRequest> out;
    for (auto& request : kube.requests())
      if (request.http.path == path) out.push_back(std::move(request));
    return out;
  }
};

// A Transport that answers from a script, for server behaviour the fake will not produce
// (a broken continue token). Records every request; past the script it answers a transport
// error, so a client that loops fails instead of hanging the test.
class ScriptedTransport final : public http::Transport {
 public:
  void answer(int status, std::string body) { replies_.push_back(http::Response{status, {}, std::move(body)}); }

  Result<http::Response, http::TransportError> send(const http::Request& request) override {
    requests.push_back(request);
    if (replies_.empty())
      return fail(http::TransportError{http::TransportError::Kind::other, "the script has no more answers"});
    http::Response next = std::move(replies_.front());
    replies_.pop_front();
    return next;
  }

  std::vector<http::Request> requests;

 private:
  std::deque<http::Response> replies_;
};

}  // namespace azureml::kube::test
