#pragma once
// Building responses the way Azure shapes them: JSON bodies, ARM error bodies, times.
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

namespace httplib {
struct Response;
}

namespace azureml::fakes {

inline constexpr const char* kJsonContentType = "application/json; charset=utf-8";

void send_json(httplib::Response& response, int status, const nlohmann::json& body);
// {"error":{"code":..,"message":..}} with `status`.
void send_arm_error(httplib::Response& response, int status, const std::string& code, const std::string& message);
nlohmann::json arm_error_body(const std::string& code, const std::string& message);

// "2024-05-01T12:00:00.0000000Z" (ARM's timestamps) and seconds since the epoch.
std::string iso8601(std::chrono::system_clock::time_point time);
long long epoch_seconds(std::chrono::system_clock::time_point time);

}  // namespace azureml::fakes
