#include "tests/fakes/arm_store.h"

#include "tests/fakes/http_text.h"

namespace azureml::fakes {
namespace {

std::vector<std::string> split_path(std::string_view id) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= id.size()) {
    const auto slash = id.find('/', start);
    const auto end = slash == std::string_view::npos ? id.size() : slash;
    if (end > start) segments.emplace_back(id.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

}  // namespace

ResourceIdParts parse_resource_id(std::string_view id) {
  ResourceIdParts parts;
  const auto segments = split_path(id);
  std::size_t provider_at = segments.size();
  for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
    const std::string lower = to_lower(segments[i]);
    if (lower == "subscriptions" && i == 0) parts.subscription = segments[i + 1];
    if (lower == "resourcegroups" && i == 2) parts.resource_group = segments[i + 1];
    if (lower == "providers") provider_at = i + 1;
  }
  if (!segments.empty()) parts.name = segments.back();
  if (provider_at < segments.size()) {
    parts.provider = segments[provider_at];
    parts.type = parts.provider;
    for (std::size_t i = provider_at + 1; i < segments.size(); i += 2) parts.type += "/" + segments[i];
    // From the first provider on: "Microsoft.Relay/namespaces/ns/hybridConnections/hc".
    std::size_t first_provider = provider_at;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (to_lower(segments[i]) == "providers") {
        first_provider = i + 1;
        break;
      }
    }
    for (std::size_t i = first_provider; i < segments.size(); ++i) {
      parts.relative += (parts.relative.empty() ? "" : "/") + segments[i];
    }
  }
  const auto last_slash = id.rfind('/');
  std::string parent(id.substr(0, last_slash == std::string_view::npos ? 0 : last_slash));
  // One level up skips the type segment too, and a "providers/<ns>" pair of an extension resource.
  if (const auto slash = parent.rfind('/'); slash != std::string::npos) parent.resize(slash);
  const auto last_parts = split_path(parent);
  if (last_parts.size() >= 2 && to_lower(last_parts[last_parts.size() - 2]) == "providers") {
    for (int i = 0; i < 2; ++i) parent.resize(parent.rfind('/'));
  }
  parts.parent = parent;
  return parts;
}

const nlohmann::json* ArmStore::find(std::string_view id) const {
  const auto found = resources_.find(to_lower(id));
  return found == resources_.end() ? nullptr : &found->second;
}

nlohmann::json* ArmStore::find(std::string_view id) {
  const auto found = resources_.find(to_lower(id));
  return found == resources_.end() ? nullptr : &found->second;
}

nlohmann::json& ArmStore::put(nlohmann::json resource) {
  const std::string key = to_lower(resource.at("id").get<std::string>());
  return resources_[key] = std::move(resource);
}

bool ArmStore::erase(std::string_view id) {
  const std::string key = to_lower(id);
  const bool existed = resources_.erase(key) > 0;
  const std::string prefix = key + "/";
  for (auto it = resources_.lower_bound(prefix); it != resources_.end() && it->first.starts_with(prefix);) {
    it = resources_.erase(it);
  }
  return existed;
}

std::vector<nlohmann::json> ArmStore::children(std::string_view collection_id) const {
  const std::string prefix = to_lower(collection_id) + "/";
  std::vector<nlohmann::json> found;
  for (auto it = resources_.lower_bound(prefix); it != resources_.end() && it->first.starts_with(prefix); ++it) {
    if (it->first.find('/', prefix.size()) == std::string::npos) found.push_back(it->second);
  }
  return found;
}

std::vector<nlohmann::json> ArmStore::select(const std::function<bool(const nlohmann::json&)>& keep) const {
  std::vector<nlohmann::json> found;
  for (const auto& [key, resource] : resources_) {
    if (keep(resource)) found.push_back(resource);
  }
  return found;
}

std::string ArmStore::registration(std::string_view subscription, std::string_view provider) const {
  const auto found = registrations_.find(to_lower(subscription) + "/" + to_lower(provider));
  return found == registrations_.end() ? "Registered" : found->second;
}

void ArmStore::set_registration(std::string_view subscription, std::string_view provider, std::string state) {
  registrations_[to_lower(subscription) + "/" + to_lower(provider)] = std::move(state);
}

const SharedAccessKeys& ArmStore::keys(std::string_view rule_id, const std::function<std::string()>& make_key) {
  auto [it, inserted] = keys_.try_emplace(to_lower(rule_id));
  if (inserted) it->second = SharedAccessKeys{make_key(), make_key()};
  return it->second;
}

}  // namespace azureml::fakes
