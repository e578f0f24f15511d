#pragma once
// What a client asks for in its Accept header, as the API server negotiates it: kubectl get
// asks for a Table ("application/json;as=Table;v=v1;g=meta.k8s.io, ..., application/json"),
// kubectl 1.26+ for aggregated discovery ("application/json;g=apidiscovery.k8s.io;v=v2;
// as=APIGroupDiscoveryList, ..."), typed clients for protobuf before JSON. The first choice
// this server can serve wins; it serves JSON only.
#include <string>
#include <string_view>

namespace azureml::fakes {

struct KubeMediaChoice {
  enum class Shape { object, table, discovery } shape = Shape::object;
  std::string version;       // "v1"/"v1beta1" for a Table, "v2"/"v2beta1" for discovery
  std::string content_type;  // the Content-Type to answer with
  bool acceptable = true;    // false: nothing in Accept is JSON (answer 406)
};

// `tables`: the route can answer with a Table; `discovery`: with an APIGroupDiscoveryList.
KubeMediaChoice negotiate_kube_media(std::string_view accept, bool tables, bool discovery);

}  // namespace azureml::fakes
