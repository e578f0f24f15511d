#pragma once
// The labelSelector and fieldSelector query parameters of list requests, parsed and matched
// as the API server does:
//   labels: "a=b", "a==b", "a!=b", "a", "!a", "a in (x,y)", "a notin (x,y)", comma-joined (AND);
//           != and notin also match objects without the label.
//   fields: "f=v", "f==v", "f!=v" over metadata.name and metadata.namespace, and per type
//           spec.nodeName and status.phase (pods) or spec.unschedulable (nodes).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azureml::fakes {

struct KubeResource;

class KubeSelector {
 public:
  // An empty text selects everything. nullopt and `error` (the API server's wording) when the
  // text does not parse or names a field the type does not support.
  static std::optional<KubeSelector> parse_labels(std::string_view text, std::string& error);
  static std::optional<KubeSelector> parse_fields(std::string_view text, const KubeResource& resource,
                                                  std::string& error);

  bool matches(const nlohmann::json& object) const;
  bool empty() const { return requirements_.empty(); }

 private:
  enum class Operator { equals, not_equals, in, not_in, exists, not_exists };
  struct Requirement {
    std::string key;
    Operator op = Operator::exists;
    std::vector<std::string> values;
  };
  // The label's value, or the field's as text; nullopt when the object has none.
  std::optional<std::string> value_of(const nlohmann::json& object, const std::string& key) const;

  std::vector<Requirement> requirements_;
  bool fields_ = false;
};

}  // namespace azureml::fakes
