#pragma once
// The first difference between two positioned trees (kind, text, position, keys, sizes), or ""
// when they are the same: for the YAML target, whose two readers must agree to the column.
#include <string>

#include "core/config/document.h"

namespace azureml::fuzz {

inline std::string node_difference(const config::Node& a, const config::Node& b, const std::string& path = "$") {
  using config::to_string;
  if (a.kind != b.kind)
    return path + ": " + std::string(config::describe(a.kind)) + " vs " + std::string(config::describe(b.kind));
  if (a.text != b.text) return path + ": text '" + a.text + "' vs '" + b.text + "'";
  if (to_string(a.position) != to_string(b.position))
    return path + ": at " + to_string(a.position) + " vs " + to_string(b.position);
  if (a.items.size() != b.items.size() || a.entries.size() != b.entries.size()) return path + ": sizes differ";
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (auto d = node_difference(a.items[i], b.items[i], path + "[" + std::to_string(i) + "]"); !d.empty()) return d;
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const std::string here = path + "." + a.entries[i].key;
    if (a.entries[i].key != b.entries[i].key) return here + ": key vs '" + b.entries[i].key + "'";
    if (to_string(a.entries[i].key_position) != to_string(b.entries[i].key_position))
      return here + ": key at " + to_string(a.entries[i].key_position) + " vs " + to_string(b.entries[i].key_position);
    if (auto d = node_difference(a.entries[i].value, b.entries[i].value, here); !d.empty()) return d;
  }
  return "";
}

}  // namespace azureml::fuzz
