#pragma once
// Time as Kubernetes writes and prints it: RFC 3339 timestamps in objects
// ("2024-05-01T12:00:00Z", whole seconds, as metav1.Time marshals) and the AGE column's
// short durations (k8s.io/apimachinery/pkg/util/duration.HumanDuration).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace azureml::fakes {

std::string rfc3339(std::chrono::system_clock::time_point time);
// Accepts "YYYY-MM-DDTHH:MM:SS" with optional fractional seconds and "Z" or "+HH:MM".
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

// "45s", "3m20s", "5h10m", "12d", "2y30d" ...; "<invalid>" for a time in the future.
std::string human_duration(std::chrono::seconds age);

}  // namespace azureml::fakes
