#include "tests/fakes/normalized_answers.h"

#include <cctype>
#include <cstdint>
#include <regex>
#include <string>

#include "core/util/text.h"

namespace azureml::fakes {
namespace {

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Whole cores as millicores; anything else as sent.
nlohmann::json cpu_in_millicores(const nlohmann::json& value) {
  static const std::regex whole("[0-9]{1,6}");
  if (value.is_string() && std::regex_match(value.get<std::string>(), whole)) return value.get<std::string>() + "000m";
  return value;
}

// Ki, Mi, Gi as bytes; anything else as sent.
nlohmann::json memory_in_bytes(const nlohmann::json& value) {
  static const std::regex binary("([0-9]{1,6})(Ki|Mi|Gi)");
  std::smatch match;
  if (!value.is_string()) return value;
  const std::string text = value.get<std::string>();
  if (!std::regex_match(text, match, binary)) return value;
  const int shift = match[2] == "Ki" ? 10 : match[2] == "Mi" ? 20 : 30;
  return std::to_string(std::stoull(match[1].str()) << shift);
}

void normalize_instance_type(nlohmann::json& type) {
  if (!type.is_object()) return;
  if (!type.contains("nodeSelector") || (type["nodeSelector"].is_object() && type["nodeSelector"].empty()))
    type["nodeSelector"] = nullptr;
  type["tolerations"] = nullptr;
  if (!type.contains("resources") || !type["resources"].is_object()) return;
  for (const char* list : {"requests", "limits"}) {
    nlohmann::json& resources = type["resources"][list];
    if (!resources.is_object()) continue;
    if (resources.contains("cpu")) resources["cpu"] = cpu_in_millicores(resources["cpu"]);
    if (resources.contains("memory")) resources["memory"] = memory_in_bytes(resources["memory"]);
  }
}

}  // namespace

void normalize_compute(const std::string& compute_type, nlohmann::json& inner) {
  if (!inner.is_object()) return;
  if (compute_type == "Kubernetes") {
    if (inner.contains("defaultInstanceType") && inner["defaultInstanceType"].is_string())
      inner["defaultInstanceType"] = to_lower(inner["defaultInstanceType"].get<std::string>());
    if (!inner.contains("instanceTypes") || !inner["instanceTypes"].is_object()) return;
    nlohmann::json types = nlohmann::json::object();
    for (auto it = inner["instanceTypes"].begin(); it != inner["instanceTypes"].end(); ++it) {
      nlohmann::json type = it.value();
      normalize_instance_type(type);
      types[to_lower(it.key())] = std::move(type);
    }
    inner["instanceTypes"] = std::move(types);
  } else if (compute_type == "AmlCompute") {
    if (inner.contains("vmSize") && inner["vmSize"].is_string())
      inner["vmSize"] = upper(inner["vmSize"].get<std::string>());
    nlohmann::json& scale = inner["scaleSettings"];
    static const std::regex seconds("PT([0-9]{1,7})S");
    std::smatch match;
    if (!scale.is_object() || !scale.contains("nodeIdleTimeBeforeScaleDown") ||
        !scale["nodeIdleTimeBeforeScaleDown"].is_string())
      return;
    const std::string idle = scale["nodeIdleTimeBeforeScaleDown"].get<std::string>();
    if (std::regex_match(idle, match, seconds) && std::stoi(match[1].str()) % 60 == 0)
      scale["nodeIdleTimeBeforeScaleDown"] = "PT" + std::to_string(std::stoi(match[1].str()) / 60) + "M";
  }
}

}  // namespace azureml::fakes
