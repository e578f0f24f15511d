#include "core/config/diagnostic.h"

#include <algorithm>
#include <cctype>

#include "core/util/text.h"

namespace azureml::config {
namespace {

std::string_view severity_name(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

bool is_plain_key(const std::string& key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

}  // namespace

std::string format(const Diagnostic& d, const std::string& file) {
  std::string out = printable(file);
  if (d.position.line > 0) out += ":" + to_string(d.position);
  out += ": ";
  out += severity_name(d.severity);
  out += ": ";
  if (!d.path.empty()) out += printable(d.path) + ": ";
  out += printable(d.message);
  if (!d.hint.empty()) out += " (" + printable(d.hint) + ")";
  return out;
}

nlohmann::ordered_json to_json(const Diagnostic& d, const std::string& file) {
  return {{"file", file},
          {"line", d.position.line},
          {"column", d.position.column},
          {"severity", severity_name(d.severity)},
          {"path", d.path},
          {"message", d.message},
          {"hint", d.hint}};
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::string join_path(const std::string& parent, const std::string& key) {
  if (is_plain_key(key)) return parent.empty() ? key : parent + "." + key;
  std::string quoted = "[\"";
  for (char c : key) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return parent + quoted + "\"]";
}

}  // namespace azureml::config
