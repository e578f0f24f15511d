#pragma once
// What a request path names on the API server:
//   /version · /healthz /livez /readyz · /api · /apis · /api/v1 · /apis/G/V
//   /api/v1/R · /api/v1/R/NAME · /api/v1/namespaces/NS/R · /api/v1/namespaces/NS/R/NAME
//   (and the same under /apis/G/V). R a type from kube_resources(); a namespaced type listed
//   without a namespace lists every namespace.
#include <string>
#include <string_view>

namespace azureml::fakes {

struct KubeResource;

struct KubePath {
  enum class Kind {
    version,          // /version
    health,           // /healthz, /livez, /readyz
    core_discovery,   // /api
    group_discovery,  // /apis
    resource_list,    // /api/v1, /apis/G/V
    list,             // a collection
    get,              // one object
    unknown,          // anything else: 404
  };
  Kind kind = Kind::unknown;
  std::string group{}, version{};          // resource_list, list, get
  const KubeResource* resource = nullptr;  // list, get
  std::string namespace_name{};            // "" for cluster-scoped types and all-namespace lists
  std::string name{};                      // get
};

KubePath parse_kube_path(std::string_view path);

}  // namespace azureml::fakes
