#include "tests/fakes/kube_negotiation.h"

#include <map>
#include <vector>

#include "tests/fakes/http_text.h"

namespace azureml::fakes {
namespace {

struct MediaRange {
  std::string type;                           // "application/json", lower case
  std::map<std::string, std::string> params;  // "as", "v", "g"; lower-case names
};

std::string_view trim_ows(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t at = text.find(separator); at != std::string_view::npos; at = text.find(separator, start)) {
    parts.push_back(trim_ows(text.substr(start, at - start)));
    start = at + 1;
  }
  parts.push_back(trim_ows(text.substr(start)));
  return parts;
}

std::vector<MediaRange> parse_accept(std::string_view accept) {
  std::vector<MediaRange> ranges;
  for (std::string_view item : split(accept, ',')) {
    if (item.empty()) continue;
    const std::vector<std::string_view> parts = split(item, ';');
    MediaRange range{to_lower(parts.front()), {}};
    for (std::size_t i = 1; i < parts.size(); ++i) {
      const auto equals = parts[i].find('=');
      if (equals == std::string_view::npos) continue;
      range.params[to_lower(trim_ows(parts[i].substr(0, equals)))] = std::string(trim_ows(parts[i].substr(equals + 1)));
    }
    ranges.push_back(std::move(range));
  }
  return ranges;
}

bool is_json(const std::string& type) { return type == "application/json" || type == "application/*" || type == "*/*"; }

std::string param(const MediaRange& range, const char* name) {
  const auto found = range.params.find(name);
  return found == range.params.end() ? std::string{} : found->second;
}

}  // namespace

KubeMediaChoice negotiate_kube_media(std::string_view accept, bool tables, bool discovery) {
  const std::vector<MediaRange> ranges = parse_accept(accept);
  if (ranges.empty()) return {KubeMediaChoice::Shape::object, "", "application/json", true};
  for (const MediaRange& range : ranges) {
    if (!is_json(range.type)) continue;  // protobuf, yaml, cbor: not served here
    const std::string as = param(range, "as");
    const std::string version = param(range, "v");
    const std::string group = param(range, "g");
    if (as.empty()) return {KubeMediaChoice::Shape::object, "", "application/json", true};
    if (tables && as == "Table" && group == "meta.k8s.io" && (version == "v1" || version == "v1beta1")) {
      return {KubeMediaChoice::Shape::table, version, "application/json;as=Table;v=" + version + ";g=meta.k8s.io",
              true};
    }
    if (discovery && as == "APIGroupDiscoveryList" && group == "apidiscovery.k8s.io" &&
        (version == "v2" || version == "v2beta1")) {
      return {KubeMediaChoice::Shape::discovery, version,
              "application/json;g=apidiscovery.k8s.io;v=" + version + ";as=APIGroupDiscoveryList", true};
    }
    // Another "as=" (PartialObjectMetadata, ...): not offered; try the next range.
  }
  return {KubeMediaChoice::Shape::object, "", "application/json", false};
}

}  // namespace azureml::fakes
