// fake-azure [--https] [--port N] [--seed FILE.json]
// Serves the fake Azure on 127.0.0.1, prints {"port":N,"url":"...","caFile":"..."} on one
// line to stdout once it accepts connections, and runs until SIGTERM or SIGINT (exit 0).
// caFile is "" over HTTP. Usage errors exit 2; a server that cannot start exits 1.
// GET /_fake/requests returns what clients sent so far (secrets dropped); DELETE clears it.
#include <nlohmann/json.hpp>

#include <signal.h>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "tests/fakes/fake_azure.h"
#include "tests/fakes/seed_file.h"

namespace {

constexpr const char* kUsage = "usage: fake-azure [--https] [--port N] [--seed FILE.json]\n";

struct Arguments {
  bool https = false;
  int port = 0;
  std::string seed_file;
};

bool parse_arguments(int argc, char** argv, Arguments& arguments) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--https") {
      arguments.https = true;
    } else if ((argument == "--port" || argument == "--seed") && i + 1 < argc) {
      const std::string_view value = argv[++i];
      if (argument == "--seed") {
        arguments.seed_file = value;
        continue;
      }
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), arguments.port);
      if (error != std::errc() || end != value.data() + value.size() || arguments.port < 0 || arguments.port > 65535) {
        std::cerr << "fake-azure: --port needs a number from 0 to 65535, not '" << value << "'\n";
        return false;
      }
    } else {
      std::cerr << "fake-azure: unexpected argument '" << argument << "'\n" << kUsage;
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Arguments arguments;
  if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (!parse_arguments(argc, argv, arguments)) return 2;

  nlohmann::json seed = nlohmann::json::object();
  if (!arguments.seed_file.empty()) {
    std::ifstream file(arguments.seed_file);
    if (!file) {
      std::cerr << "fake-azure: cannot read seed file '" << arguments.seed_file << "'\n";
      return 2;
    }
    seed = nlohmann::json::parse(file, nullptr, false);
    if (seed.is_discarded()) {
      std::cerr << "fake-azure: seed file '" << arguments.seed_file << "' is not JSON\n";
      return 2;
    }
  }

  // Signals are taken synchronously by sigwait below; every thread started from here on
  // inherits the mask, so none of them is interrupted by SIGTERM, SIGINT or SIGPIPE.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  try {
    azureml::fakes::FakeAzureOptions options;
    options.https = arguments.https;
    options.port = arguments.port;
    options = azureml::fakes::options_from_seed(seed, options);
    azureml::fakes::FakeAzure azure(options);
    azureml::fakes::apply_seed(azure, seed);
    azure.start();
    const nlohmann::ordered_json ready = {
        {"port", azure.port()}, {"url", azure.base_url()}, {"caFile", azure.ca_file()}};
    std::cout << ready.dump() << std::endl;

    sigdelset(&signals, SIGPIPE);
    int received = 0;
    while (sigwait(&signals, &received) != 0) {
    }
    azure.stop();
  } catch (const std::exception& e) {
    std::cerr << "fake-azure: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
