#pragma once
// An Azure ML compute cluster (AmlCompute) as the user asks for it, checked offline, and the
// compute document ARM takes for it: properties.computeType AmlCompute with vmSize, vmPriority
// and scaleSettings, the region, the subnet, and the managed identity on the top-level
// `identity` (SystemAssigned, UserAssigned with ids, or both).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace azureml::ops {

enum class VmPriority { dedicated, low_priority };

struct ManagedIdentity {
  bool system = false;
  std::vector<std::string> user_assigned;  // ARM ids of user-assigned identities, canonical
  bool empty() const { return !system && user_assigned.empty(); }
  friend bool operator==(const ManagedIdentity&, const ManagedIdentity&) = default;
};

struct AmlComputeSpec {
  std::string vm_size;  // e.g. Standard_DS3_v2
  int min_nodes = 0;
  int max_nodes = 1;
  VmPriority priority = VmPriority::dedicated;
  int idle_seconds = 120;               // before a node is scaled down
  std::optional<std::string> location;  // unset: the workspace's region
  ManagedIdentity identity;
  std::optional<std::string> subnet;  // ARM id of a virtual network's subnet
};

// "Standard_DS3_v2", "STANDARD_NC6": a tier word, then letters, digits and '_' parts.
bool is_vm_size_name(std::string_view text);

// `--assign-identity` values: "[system]" or user-assigned identity ids. Errors name the bad
// value and the form expected; ids come back canonical.
struct IdentityProblem {
  std::string value;
  std::string message;
};
ManagedIdentity parse_identities(const std::vector<std::string>& values, std::vector<IdentityProblem>& problems);

// Every problem with the spec, one line each, naming the flag ("--max-nodes must be at least 1,
// not 0"); empty when it is valid.
std::vector<std::string> check_spec(const AmlComputeSpec& spec);

// {"type": "SystemAssigned" | "UserAssigned" | "SystemAssigned,UserAssigned" | "None", ...}
nlohmann::json identity_json(const ManagedIdentity& identity);
// The compute's top-level identity as ARM returned it.
ManagedIdentity identity_of(const nlohmann::json& compute);
// "identity 'SystemAssigned' -> 'UserAssigned'" when `wanted` names an identity other than the
// existing compute's (user-assigned ids compared as ARM ids); nullopt when the same or not named.
std::optional<std::string> identity_difference(const nlohmann::json& existing, const nlohmann::json& wanted);

// The PUT body for `spec` in `location`.
nlohmann::json aml_compute_body(const AmlComputeSpec& spec, const std::string& location);

// The body to PUT again for an existing compute: what ARM returned, without what only ARM
// writes (state, node counts, timestamps, errors), with `identity` in place of its own.
nlohmann::json resend_body(const nlohmann::json& existing, const ManagedIdentity& identity);

// What differs between an existing AmlCompute and the one asked for, one phrase each, starting
// with the field's name ("vmSize 'a' -> 'b'"); empty: same.
std::vector<std::string> aml_compute_differences(const nlohmann::json& existing, const nlohmann::json& wanted);

// What a difference takes (audit D9). The scale settings change in place by Compute_Update (a
// PATCH of ClusterUpdateParameters, the one update the spec documents); the identity by a PUT
// of the whole cluster, as 'compute identity' does; the rest (vmSize, vmPriority, subnet,
// location) not at all: the cluster must be deleted and created again.
enum class ComputeChange { scale, identity, recreate };
ComputeChange change_needed(const std::string& difference);

// ClusterUpdateParameters for `wanted`'s scale settings: {"properties":{"properties":{"scaleSettings":…}}}.
nlohmann::json aml_compute_scale_update(const nlohmann::json& wanted);

// What `compute show` tells of a cluster: name, state, size, priority, scale settings, node
// counts, identity (with principal ids), subnet, errors.
nlohmann::ordered_json aml_compute_view(const nlohmann::json& compute);

// "PT120S" <-> 120; nullopt when the text is no ISO 8601 duration of days, hours, minutes, seconds.
std::string iso_seconds(int seconds);
std::optional<long long> parse_iso_duration(std::string_view text);

}  // namespace azureml::ops
