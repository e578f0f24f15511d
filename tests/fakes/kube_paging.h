#pragma once
// Chunked lists (?limit=N&continue=TOKEN) as the API server does them: a page of at most N
// items, and while more remain an opaque metadata.continue token (base64 of the position after
// the last item returned and the resourceVersion of the first page) plus remainingItemCount.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azureml::fakes {

struct KubePage {
  std::vector<nlohmann::json> items;
  std::string continue_token;          // "" on the last page
  std::optional<long long> remaining;  // items after this page, when there is a next one
  std::string resource_version;        // the list's: the first page's, carried by the token
};

// `items` sorted by namespace, then name (KubeStore::list). `limit` and `continue_token` are the
// query's text ("" when absent); `resource_version` is the store's now. nullopt and `error` (a
// 400 BadRequest message) for a limit that is not a number or a token this server did not make.
std::optional<KubePage> kube_paginate(std::vector<nlohmann::json> items, std::string_view limit,
                                      std::string_view continue_token, const std::string& resource_version,
                                      std::string& error);

}  // namespace azureml::fakes
