#include "tests/fakes/kube_store.h"

#include <stdexcept>

#include "core/util/clock.h"
#include "tests/fakes/ids.h"
#include "tests/fakes/kube_resources.h"
#include "tests/fakes/kube_time.h"

namespace azureml::fakes {
namespace {

std::string string_at(const nlohmann::json& metadata, const char* name) {
  const auto found = metadata.find(name);
  return found != metadata.end() && found->is_string() ? found->get<std::string>() : std::string{};
}

}  // namespace

nlohmann::json KubeStore::put(const KubeResource& resource, nlohmann::json object) {
  if (!object.is_object()) throw std::invalid_argument("a Kubernetes object must be a JSON object");
  nlohmann::json& metadata = object["metadata"];
  if (!metadata.is_object()) metadata = nlohmann::json::object();
  const std::string name = string_at(metadata, "name");
  std::string namespace_name = string_at(metadata, "namespace");
  if (name.empty()) throw std::invalid_argument(resource.qualified_name() + ": metadata.name is required");
  if (resource.namespaced && namespace_name.empty()) {
    throw std::invalid_argument(resource.qualified_name() + " \"" + name + "\": metadata.namespace is required");
  }
  if (!resource.namespaced) {
    metadata.erase("namespace");
    namespace_name.clear();
  }
  object["apiVersion"] = resource.api_version();
  object["kind"] = resource.kind;

  std::lock_guard lock(mutex_);
  Key key{resource.qualified_name(), namespace_name, name};
  if (const auto existing = objects_.find(key); existing != objects_.end()) {
    const nlohmann::json& old = existing->second["metadata"];
    metadata["uid"] = old["uid"];
    metadata["creationTimestamp"] = old["creationTimestamp"];
  } else {
    if (string_at(metadata, "uid").empty()) metadata["uid"] = ids_.uuid();
    if (string_at(metadata, "creationTimestamp").empty()) metadata["creationTimestamp"] = rfc3339(clock_.now());
  }
  metadata["resourceVersion"] = std::to_string(++resource_version_);
  objects_[std::move(key)] = object;
  return object;
}

bool KubeStore::remove(const KubeResource& resource, std::string_view namespace_name, std::string_view name) {
  std::lock_guard lock(mutex_);
  const bool removed =
      objects_.erase(Key{resource.qualified_name(), resource.namespaced ? namespace_name : "", name}) > 0;
  if (removed) ++resource_version_;
  return removed;
}

std::optional<nlohmann::json> KubeStore::get(const KubeResource& resource, std::string_view namespace_name,
                                             std::string_view name) const {
  std::lock_guard lock(mutex_);
  const auto found = objects_.find(Key{resource.qualified_name(), resource.namespaced ? namespace_name : "", name});
  if (found == objects_.end()) return std::nullopt;
  return found->second;
}

std::vector<nlohmann::json> KubeStore::list(const KubeResource& resource, std::string_view namespace_name) const {
  std::vector<nlohmann::json> items;
  const std::string type = resource.qualified_name();
  std::lock_guard lock(mutex_);
  for (auto it = objects_.lower_bound(Key{type, "", ""}); it != objects_.end() && std::get<0>(it->first) == type;
       ++it) {
    if (namespace_name.empty() || std::get<1>(it->first) == namespace_name) items.push_back(it->second);
  }
  return items;
}

std::string KubeStore::resource_version() const {
  std::lock_guard lock(mutex_);
  return std::to_string(resource_version_);
}

}  // namespace azureml::fakes
