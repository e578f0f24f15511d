#pragma once
// The attach configuration of a Kubernetes compute: the namespace its jobs run in and the
// instance types they may ask for (properties.properties of the compute in ARM).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/config/quantity.h"
#include "core/util/result.h"

namespace azureml::config {

inline constexpr const char* kDefaultNamespace = "default";
// The instance type the service creates when none is given: 1 CPU, 4Gi, no GPU.
inline constexpr const char* kServiceDefaultInstanceType = "defaultInstanceType";

inline constexpr const char* kCpu = "cpu";
inline constexpr const char* kMemory = "memory";
inline constexpr const char* kGpu = "nvidia.com/gpu";

using ResourceList = std::vector<std::pair<std::string, Quantity>>;  // document order
using LabelSelector = std::vector<std::pair<std::string, std::string>>;

struct InstanceType {
  std::string name;
  std::optional<LabelSelector> node_selector;  // nullopt: null (any node)
  std::optional<ResourceList> requests;
  std::optional<ResourceList> limits;
};

struct AttachConfig {
  std::string namespace_name = kDefaultNamespace;
  std::string default_instance_type;
  std::vector<InstanceType> instance_types;  // document order
  bool uses_service_default = false;         // no instance types given: the service's default applies
};

// The configuration with nothing given: namespace 'default' and the service's default instance type.
AttachConfig service_default_config();

// Only the named instance types (every one when none is named), in document order: what
// `doctor --instance-type` checks. A name the configuration does not define is an error naming
// the ones it does.
Result<AttachConfig> select_instance_types(AttachConfig config, const std::vector<std::string>& names);

// The names of its instance types, in document order.
std::vector<std::string> instance_type_names(const AttachConfig& config);

// The normalized form: every default filled in, every quantity a string, in document order.
nlohmann::ordered_json to_json(const AttachConfig& config);

}  // namespace azureml::config
