#include "tests/fakes/http_reply.h"

#include <httplib.h>

#include <ctime>

namespace azureml::fakes {

void send_json(httplib::Response& response, int status, const nlohmann::json& body) {
  response.status = status;
  response.set_content(body.dump(), kJsonContentType);
}

nlohmann::json arm_error_body(const std::string& code, const std::string& message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

void send_arm_error(httplib::Response& response, int status, const std::string& code, const std::string& message) {
  send_json(response, status, arm_error_body(code, message));
}

std::string iso8601(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  return std::string(text) + ".0000000Z";
}

long long epoch_seconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

}  // namespace azureml::fakes
