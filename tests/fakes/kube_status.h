#pragma once
// Failures the way the API server reports them: a v1 Status object with the HTTP code, a
// reason kubectl maps to its "Error from server (Reason): message" line, and details.
#include <nlohmann/json.hpp>

#include <string>

namespace httplib {
struct Response;
}

namespace azureml::fakes {

struct KubeResource;

inline constexpr const char* kKubeJsonContentType = "application/json";

nlohmann::json kube_status(int code, const std::string& reason, const std::string& message,
                           nlohmann::json details = nullptr);
// `namespaces "x" not found` / `daemonsets.apps "x" not found`, reason NotFound, with details.
nlohmann::json kube_not_found(const KubeResource& resource, const std::string& name);
// The reason a real API server gives for an HTTP status (429 TooManyRequests, 503
// ServiceUnavailable, ...); "InternalError" for a 5xx it has no name for.
std::string kube_reason_for(int code);

void send_kube_json(httplib::Response& response, int code, const nlohmann::json& body,
                    const std::string& content_type = kKubeJsonContentType);
void send_kube_status(httplib::Response& response, const nlohmann::json& status);

}  // namespace azureml::fakes
