#pragma once
// Reading a field of JSON a server sent, without trusting it to have the type it should:
// nlohmann's value(key, default) throws when the field is there with another type, and an
// exception nothing catches ends the process. Header-only: util itself links no JSON library.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace azureml {

// `object[key]` when `object` is an object that has it, whatever its type; null otherwise.
inline const nlohmann::json& field(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  const auto found = object.find(key);
  return found != object.end() ? *found : kNull;
}

// `object[key]` when it is a boolean; `otherwise` when it is missing or of another type.
inline bool bool_field(const nlohmann::json& object, std::string_view key, bool otherwise) {
  const nlohmann::json& value = field(object, key);
  return value.is_boolean() ? value.get<bool>() : otherwise;
}

// `object[key]` when `object` is an object and that field a string; "" otherwise.
inline std::string string_field(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return "";
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

}  // namespace azureml
