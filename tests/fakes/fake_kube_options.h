#pragma once
// How a FakeKube behaves: where it listens, whom it lets in, what it holds at start.
#include <map>
#include <string>

namespace azureml {
class Clock;
}

namespace azureml::fakes {

struct FakeKubeOptions {
  int port = 0;  // 0: any free port on 127.0.0.1
  // Bearer tokens accepted, each with the user it authenticates as.
  std::map<std::string, std::string> tokens = {{"fake-kube-token", "fake-kube-admin"}};
  // A YAML fixture (kube_fixture.h) loaded by the constructor; "" for an empty cluster (the
  // built-in namespaces only). Errors throw KubeFixtureError with FILE:LINE:COL.
  std::string fixture_file{};
  // /version's gitVersion and the nodes' default kubelet version, unless the fixture names one.
  std::string server_version = "v1.29.4";
  // Answer kubectl 1.26+'s request for aggregated discovery (APIGroupDiscoveryList, as a 1.30
  // API server does); false serves legacy discovery only, as older servers do.
  bool aggregated_discovery = true;
  // Wall time for ages and timestamps; nullptr: the system clock. Must outlive the server.
  const Clock* clock = nullptr;
};

}  // namespace azureml::fakes
