#pragma once
// The API server's read side over a KubeStore: version, health, discovery (legacy and
// aggregated), lists (labelSelector, fieldSelector, limit/continue) and single objects, as
// JSON or as the Table kubectl asks for. Authentication, faults and recording are the
// caller's (FakeKube); everything here answers an authenticated request.
#include <chrono>
#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace azureml::fakes {

class KubeStore;

struct KubeRouteContext {
  const KubeStore& store;
  std::string server_version;                 // /version's gitVersion
  bool aggregated_discovery = true;           // answer APIGroupDiscoveryList when asked
  std::chrono::system_clock::time_point now;  // AGE in tables
};

// True for what an unauthenticated client may read (as system:public-info-viewer allows):
// /version, /healthz, /livez, /readyz.
bool is_public_kube_path(const std::string& path);

void serve_kube_request(const httplib::Request& request, httplib::Response& response, const KubeRouteContext& context);

}  // namespace azureml::fakes
