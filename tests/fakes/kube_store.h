#pragma once
// The objects a fake Kubernetes API server holds, by type, namespace and name, kept in the
// order the real server lists them (namespace, then name). Every write takes the next
// resourceVersion; a new object gets a uid and, unless it has one, a creationTimestamp.
// Thread-safe.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace azureml {
class Clock;
}

namespace azureml::fakes {

class IdGenerator;
struct KubeResource;

class KubeStore {
 public:
  KubeStore(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // Adds or replaces the object (metadata.name, and metadata.namespace for a namespaced type,
  // are required: std::invalid_argument otherwise). Returns it as stored. A replaced object
  // keeps its uid and creationTimestamp.
  nlohmann::json put(const KubeResource& resource, nlohmann::json object);
  bool remove(const KubeResource& resource, std::string_view namespace_name, std::string_view name);
  std::optional<nlohmann::json> get(const KubeResource& resource, std::string_view namespace_name,
                                    std::string_view name) const;
  // Sorted by namespace, then name. `namespace_name` "" lists every namespace.
  std::vector<nlohmann::json> list(const KubeResource& resource, std::string_view namespace_name = "") const;
  // The latest resourceVersion handed out, as the text lists carry ("1" before any write).
  std::string resource_version() const;

 private:
  // (type, namespace, name); the type is "pods" or "daemonsets.apps".
  using Key = std::tuple<std::string, std::string, std::string>;

  const Clock& clock_;
  IdGenerator& ids_;
  mutable std::mutex mutex_;
  std::map<Key, nlohmann::json> objects_;
  std::uint64_t resource_version_ = 1;
};

}  // namespace azureml::fakes
