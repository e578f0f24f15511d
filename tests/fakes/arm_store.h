#pragma once
// ARM's resources in memory: JSON documents keyed by resource id, compared case-insensitively
// (as ARM compares names), plus what ARM keeps beside them (provider registrations, the keys
// of authorization rules). Not thread-safe: ArmService holds one lock around every use.
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace azureml::fakes {

// Pieces of a resource id. "/subscriptions/s/resourceGroups/rg/providers/A.B/t1/n1/t2/n2".
struct ResourceIdParts {
  std::string subscription;    // "s"
  std::string resource_group;  // "rg"; empty above resource-group level
  std::string provider;        // "A.B": the last provider namespace in the id
  std::string type;            // "A.B/t1/t2"
  std::string name;            // "n2"
  std::string parent;          // the id one level up ("/subscriptions/s/.../t1/n1")
  std::string relative;        // "A.B/t1/n1/t2/n2", as ARM's not-found messages name it
};
ResourceIdParts parse_resource_id(std::string_view id);

struct SharedAccessKeys {
  std::string primary;
  std::string secondary;
};

class ArmStore {
 public:
  const nlohmann::json* find(std::string_view id) const;
  nlohmann::json* find(std::string_view id);
  bool contains(std::string_view id) const { return find(id) != nullptr; }
  // Stores the document under its "id" (replacing one with the same id in any case).
  nlohmann::json& put(nlohmann::json resource);
  // Removes the resource and everything under it; false when it was not there.
  bool erase(std::string_view id);
  // Documents whose id is `collection_id` + "/" + a name, in id order.
  std::vector<nlohmann::json> children(std::string_view collection_id) const;
  std::vector<nlohmann::json> select(const std::function<bool(const nlohmann::json&)>& keep) const;

  // Registration state of a resource provider in a subscription; "Registered" unless set.
  std::string registration(std::string_view subscription, std::string_view provider) const;
  void set_registration(std::string_view subscription, std::string_view provider, std::string state);

  // The keys of an authorization rule; `make_key` creates them the first time.
  const SharedAccessKeys& keys(std::string_view rule_id, const std::function<std::string()>& make_key);

 private:
  std::map<std::string, nlohmann::json> resources_;   // by lower-cased id
  std::map<std::string, std::string> registrations_;  // "sub/provider", lower-cased
  std::map<std::string, SharedAccessKeys> keys_;      // by lower-cased rule id
};

}  // namespace azureml::fakes
