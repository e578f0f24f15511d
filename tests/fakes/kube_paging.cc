#include "tests/fakes/kube_paging.h"

#include <charconv>
#include <tuple>

#include "tests/fakes/http_text.h"

namespace azureml::fakes {
namespace {

using Position = std::tuple<std::string, std::string>;  // (namespace, name)

Position position_of(const nlohmann::json& object) {
  const nlohmann::json& metadata = object["metadata"];
  return {metadata.value("namespace", ""), metadata.value("name", "")};
}

// The token's JSON, shaped like the real one: {"v":"meta.k8s.io/v1","rv":N,"start":"ns/name\u0000"}
// (start is the key after which the next page begins).
std::string make_token(const std::string& resource_version, const Position& last) {
  const nlohmann::json token = {{"v", "meta.k8s.io/v1"},
                                {"rv", std::stoll(resource_version)},
                                {"start", std::get<0>(last) + "/" + std::get<1>(last) + std::string(1, '\0')}};
  return base64url_encode(token.dump());
}

bool read_token(std::string_view text, Position& after, std::string& resource_version) {
  std::string decoded;
  if (!base64url_decode(text, decoded)) return false;
  const nlohmann::json token = nlohmann::json::parse(decoded, nullptr, false);
  if (!token.is_object() || token.value("v", "") != "meta.k8s.io/v1" || !token.contains("rv") ||
      !token["rv"].is_number_integer() || !token.contains("start") || !token["start"].is_string()) {
    return false;
  }
  std::string start = token["start"];
  if (!start.empty() && start.back() == '\0') start.pop_back();
  const auto slash = start.find('/');
  if (slash == std::string::npos) return false;
  after = {start.substr(0, slash), start.substr(slash + 1)};
  resource_version = std::to_string(token["rv"].get<long long>());
  return true;
}

}  // namespace

std::optional<KubePage> kube_paginate(std::vector<nlohmann::json> items, std::string_view limit,
                                      std::string_view continue_token, const std::string& resource_version,
                                      std::string& error) {
  long long max_items = 0;
  if (!limit.empty()) {
    const auto [end, parse_error] = std::from_chars(limit.data(), limit.data() + limit.size(), max_items);
    if (parse_error != std::errc() || end != limit.data() + limit.size()) {
      error = "limit: Invalid value: \"" + std::string(limit) + "\": must be an integer";
      return std::nullopt;
    }
  }
  KubePage page;
  page.resource_version = resource_version;
  std::size_t first = 0;
  if (!continue_token.empty()) {
    Position after;
    if (!read_token(continue_token, after, page.resource_version)) {
      error = "continue key is not valid: the continue token was not made by this server";
      return std::nullopt;
    }
    while (first < items.size() && position_of(items[first]) <= after) ++first;
  }
  std::size_t end = items.size();
  if (max_items > 0 && first + static_cast<std::size_t>(max_items) < items.size()) {
    end = first + static_cast<std::size_t>(max_items);
    page.continue_token = make_token(page.resource_version, position_of(items[end - 1]));
    page.remaining = static_cast<long long>(items.size() - end);
  }
  page.items.assign(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(first)),
                    std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(end)));
  return page;
}

}  // namespace azureml::fakes
