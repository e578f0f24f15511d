// fake-kube --fixture FILE [--port N] [--token T]... [--kubeconfig-out FILE]
// Serves the fake Kubernetes API server (HTTPS) on 127.0.0.1 with the fixture's state, prints
// {"port":N,"url":"https://...","caFile":"...","kubeconfig":"..."} on one line to stdout once
// it accepts connections, and runs until SIGTERM or SIGINT (exit 0).
// Each --token T is accepted as a bearer token (users user-1, user-2, ... in order); without
// one, the token is "fake-kube-token". The kubeconfig logs in with the first token; it is
// written to --kubeconfig-out (and left there), else to a temporary file removed at exit.
// Usage and fixture errors exit 2; a server that cannot start exits 1.
#include <nlohmann/json.hpp>

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/fakes/fake_kube.h"
#include "tests/fakes/kube_fixture.h"

namespace {

constexpr const char* kUsage = "usage: fake-kube --fixture FILE [--port N] [--token T]... [--kubeconfig-out FILE]\n";

struct Arguments {
  std::string fixture;
  int port = 0;
  std::vector<std::string> tokens;
  std::string kubeconfig_out;
};

bool parse_arguments(int argc, char** argv, Arguments& arguments) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    const bool takes_value =
        argument == "--fixture" || argument == "--port" || argument == "--token" || argument == "--kubeconfig-out";
    if (!takes_value) {
      std::cerr << "fake-kube: unexpected argument '" << argument << "'\n" << kUsage;
      return false;
    }
    if (i + 1 >= argc) {
      std::cerr << "fake-kube: " << argument << " needs a value\n" << kUsage;
      return false;
    }
    const std::string_view value = argv[++i];
    if (argument == "--fixture") {
      arguments.fixture = value;
    } else if (argument == "--token") {
      if (value.empty()) {
        std::cerr << "fake-kube: --token needs a non-empty token\n";
        return false;
      }
      arguments.tokens.emplace_back(value);
    } else if (argument == "--kubeconfig-out") {
      arguments.kubeconfig_out = value;
    } else {
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), arguments.port);
      if (error != std::errc() || end != value.data() + value.size() || arguments.port < 0 || arguments.port > 65535) {
        std::cerr << "fake-kube: --port needs a number from 0 to 65535, not '" << value << "'\n";
        return false;
      }
    }
  }
  if (arguments.fixture.empty()) {
    std::cerr << "fake-kube: --fixture FILE is required\n" << kUsage;
    return false;
  }
  return true;
}

// A directory for the kubeconfig when no --kubeconfig-out is given, removed at exit.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string name = (std::filesystem::temp_directory_path() / "fake-kube-XXXXXX").string();
    if (mkdtemp(name.data()) != nullptr) path_ = name;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  Arguments arguments;
  if (!parse_arguments(argc, argv, arguments)) return 2;

  // Signals are taken synchronously by sigwait below; every thread started from here on
  // inherits the mask, so none of them is interrupted by SIGTERM, SIGINT or SIGPIPE.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  azureml::fakes::FakeKubeOptions options;
  options.port = arguments.port;
  options.fixture_file = arguments.fixture;
  if (!arguments.tokens.empty()) {
    options.tokens.clear();
    for (std::size_t i = 0; i < arguments.tokens.size(); ++i) {
      options.tokens.emplace(arguments.tokens[i], "user-" + std::to_string(i + 1));
    }
  }
  try {
    std::unique_ptr<azureml::fakes::FakeKube> kube;
    try {
      kube = std::make_unique<azureml::fakes::FakeKube>(options);
    } catch (const azureml::fakes::KubeFixtureError& e) {
      std::cerr << "fake-kube: " << e.what() << "\n";
      return 2;
    }
    kube->start();
    const TemporaryDirectory temporary;
    const std::string kubeconfig =
        arguments.kubeconfig_out.empty() ? temporary.path() + "/kubeconfig" : arguments.kubeconfig_out;
    const std::string first_token = arguments.tokens.empty() ? std::string{} : arguments.tokens.front();
    kube->write_kubeconfig(kubeconfig, {.token = first_token});
    const nlohmann::ordered_json ready = {
        {"port", kube->port()}, {"url", kube->base_url()}, {"caFile", kube->ca_file()}, {"kubeconfig", kubeconfig}};
    std::cout << ready.dump() << std::endl;

    sigdelset(&signals, SIGPIPE);
    int received = 0;
    while (sigwait(&signals, &received) != 0) {
    }
    kube->stop();
  } catch (const std::exception& e) {
    std::cerr << "fake-kube: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
