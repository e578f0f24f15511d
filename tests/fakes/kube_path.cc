#include "tests/fakes/kube_path.h"

#include <vector>

#include "tests/fakes/kube_resources.h"

namespace azureml::fakes {
namespace {

std::vector<std::string> segments_of(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start < path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) segments.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

bool served_group_version(std::string_view group, std::string_view version) {
  for (const KubeGroupVersion& gv : kube_group_versions()) {
    if (gv.group == group && gv.version == version) return true;
  }
  return false;
}

}  // namespace

KubePath parse_kube_path(std::string_view path) {
  KubePath result;
  const std::vector<std::string> s = segments_of(path);
  if (s.size() == 1 && s[0] == "version") return {KubePath::Kind::version};
  if (s.size() == 1 && (s[0] == "healthz" || s[0] == "livez" || s[0] == "readyz")) return {KubePath::Kind::health};
  if (s.empty() || (s[0] != "api" && s[0] != "apis")) return result;
  if (s.size() == 1) return {s[0] == "api" ? KubePath::Kind::core_discovery : KubePath::Kind::group_discovery};

  // The group version, then what follows it.
  std::size_t at = 0;
  if (s[0] == "api") {
    result.version = s[1];
    at = 2;
  } else {
    if (s.size() < 3) return result;  // /apis/G: a group document, not served
    result.group = s[1];
    result.version = s[2];
    at = 3;
  }
  if (!served_group_version(result.group, result.version)) return result;
  const std::vector<std::string> rest(s.begin() + static_cast<std::ptrdiff_t>(at), s.end());
  if (rest.empty()) {
    result.kind = KubePath::Kind::resource_list;
    return result;
  }
  const auto resource = [&](const std::string& plural) {
    return find_kube_resource(result.group, result.version, plural);
  };
  // namespaces/NS/R[/NAME] names a namespaced type inside a namespace.
  if (rest.size() >= 3 && rest.size() <= 4 && rest[0] == "namespaces") {
    result.resource = resource(rest[2]);
    if (result.resource == nullptr || !result.resource->namespaced) return {};
    result.namespace_name = rest[1];
    result.kind = rest.size() == 3 ? KubePath::Kind::list : KubePath::Kind::get;
    if (rest.size() == 4) result.name = rest[3];
    return result;
  }
  if (rest.size() > 2) return {};
  result.resource = resource(rest[0]);
  if (result.resource == nullptr) return {};
  if (rest.size() == 1) {
    result.kind = KubePath::Kind::list;  // cluster-scoped, or a namespaced type across namespaces
    return result;
  }
  if (result.resource->namespaced) return {};  // /api/v1/pods/NAME: no such path
  result.kind = KubePath::Kind::get;
  result.name = rest[1];
  return result;
}

}  // namespace azureml::fakes
