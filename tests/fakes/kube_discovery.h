#pragma once
// The discovery documents of the fake API server, all derived from kube_resources():
//   GET /version                      version info (gitVersion from the fixture or options)
//   GET /api, /apis                   APIVersions and APIGroupList (legacy discovery), or, when
//                                     the client asks, an APIGroupDiscoveryList (aggregated, v2)
//   GET /api/v1, /apis/apps/v1        APIResourceList of each group version
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace azureml::fakes {

// `git_version` "v1.29.4": major "1", minor "29".
nlohmann::json kube_version_info(const std::string& git_version);
// `server_address` "127.0.0.1:6443": where clients reach the server.
nlohmann::json kube_api_versions(const std::string& server_address);
nlohmann::json kube_api_group_list();
// nullptr for a group version this server does not serve.
nlohmann::json kube_api_resource_list(std::string_view group, std::string_view version);
// `core`: the document of /api (the core group) rather than of /apis. `version` "v2" or "v2beta1".
nlohmann::json kube_aggregated_discovery(bool core, const std::string& version);

}  // namespace azureml::fakes
