#include "tests/fakes/kube_status.h"

#include <httplib.h>

#include "tests/fakes/kube_resources.h"

namespace azureml::fakes {

nlohmann::json kube_status(int code, const std::string& reason, const std::string& message, nlohmann::json details) {
  nlohmann::json status = {{"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", nlohmann::json::object()},
                           {"status", "Failure"}, {"message", message}, {"reason", reason}};
  if (!details.is_null()) status["details"] = std::move(details);
  status["code"] = code;
  return status;
}

nlohmann::json kube_not_found(const KubeResource& resource, const std::string& name) {
  nlohmann::json details = {{"name", name}};
  if (!resource.group.empty()) details["group"] = resource.group;
  details["kind"] = resource.plural;
  return kube_status(404, "NotFound", resource.qualified_name() + " \"" + name + "\" not found", std::move(details));
}

std::string kube_reason_for(int code) {
  switch (code) {
    case 400:
      return "BadRequest";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 405:
      return "MethodNotAllowed";
    case 406:
      return "NotAcceptable";
    case 409:
      return "Conflict";
    case 410:
      return "Expired";
    case 422:
      return "Invalid";
    case 429:
      return "TooManyRequests";
    case 503:
      return "ServiceUnavailable";
    case 504:
      return "Timeout";
    default:
      return code >= 500 ? "InternalError" : "Unknown";
  }
}

void send_kube_json(httplib::Response& response, int code, const nlohmann::json& body,
                    const std::string& content_type) {
  response.status = code;
  response.set_content(body.dump(), content_type.c_str());
}

void send_kube_status(httplib::Response& response, const nlohmann::json& status) {
  send_kube_json(response, status.value("code", 500), status);
}

}  // namespace azureml::fakes
