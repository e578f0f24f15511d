#include "core/extension/settings.h"

#include <algorithm>

#include "core/util/text.h"

namespace azureml::extension {
namespace {

constexpr const char* kPublicSection = "configurationSettings";
constexpr const char* kProtectedSection = "configurationProtectedSettings";

std::string flag_name(bool protected_settings) { return protected_settings ? "--config-protected" : "--config"; }

std::string at(const std::string& file, config::Position position) { return file + ":" + config::to_string(position); }

// Adds one setting; a key given twice by the same kind of source with different values is an
// error, and a flag overrides a file (so a script can keep a file and change one value).
void put(UserSettings& settings, bool protected_settings, const std::string& key, const std::string& value,
         const std::string& origin, bool from_flag, std::vector<SettingProblem>& problems) {
  SettingMap& map = protected_settings ? settings.settings.protected_settings : settings.settings.public_settings;
  if (auto it = map.find(key); it != map.end()) {
    const std::string& first = settings.origin[key];
    const bool first_from_flag = first.starts_with("--");
    if (first_from_flag == from_flag && it->second != value) {
      // A protected value may be a secret: never echo it.
      const std::string values =
          protected_settings ? ""
                             : " ('" + printable(it->second) + "' at " + first + ", '" + printable(value) + "' here)";
      problems.push_back(
          {Severity::error, origin, key,
           "given twice with different values" + (protected_settings ? " (also at " + first + ")" : values),
           "keep one"});
      return;
    }
  }
  map[key] = value;
  settings.origin[key] = origin;
}

void flatten(UserSettings& settings, bool protected_settings, const config::Node& node, const std::string& prefix,
             const std::string& file, std::vector<SettingProblem>& problems) {
  for (const auto& entry : node.entries) {
    const std::string key = prefix.empty() ? entry.key : prefix + "." + entry.key;
    const config::Node& value = entry.value;
    if (value.kind == config::Node::Kind::map) {
      flatten(settings, protected_settings, value, key, file, problems);
    } else if (value.kind == config::Node::Kind::sequence || value.kind == config::Node::Kind::null) {
      problems.push_back({Severity::error, at(file, value.position), key,
                          "must be a single value, found " + std::string(config::describe(value.kind)),
                          "extension settings are strings; write the value as text"});
    } else {
      put(settings, protected_settings, key, value.text, at(file, entry.key_position), false, problems);
    }
  }
}

}  // namespace

std::string format(const SettingProblem& problem) {
  std::string line = problem.severity == Severity::error ? "error: " : "warning: ";
  if (!problem.origin.empty()) line += problem.origin + ": ";
  if (!problem.key.empty()) line += printable(problem.key) + ": ";
  line += problem.message;
  if (!problem.hint.empty()) line += " (" + problem.hint + ")";
  return line;
}

bool has_errors(const std::vector<SettingProblem>& problems) {
  return std::any_of(problems.begin(), problems.end(),
                     [](const SettingProblem& p) { return p.severity == Severity::error; });
}

std::string UserSettings::where(const std::string& key) const {
  auto it = origin.find(key);
  return it == origin.end() ? "--config" : it->second;
}

bool UserSettings::given(const std::string& key) const { return find(key) != nullptr; }

const std::string* UserSettings::find(const std::string& key) const {
  if (auto it = settings.public_settings.find(key); it != settings.public_settings.end()) return &it->second;
  if (auto it = settings.protected_settings.find(key); it != settings.protected_settings.end()) return &it->second;
  return nullptr;
}

void add_assignments(UserSettings& settings, const std::vector<std::string>& assignments, bool protected_settings,
                     std::vector<SettingProblem>& problems) {
  const std::string flag = flag_name(protected_settings);
  for (const auto& assignment : assignments) {
    const auto equals = assignment.find('=');
    if (equals == std::string::npos || equals == 0) {
      // A protected value may be a secret: never echo it.
      std::string message = equals == 0 ? "empty key before '='" : "expected KEY=VALUE";
      if (!protected_settings) message += ", found '" + printable(assignment) + "'";
      problems.push_back({Severity::error, flag, "", message, "for example " + flag + " enableTraining=true"});
      continue;
    }
    put(settings, protected_settings, assignment.substr(0, equals), assignment.substr(equals + 1), flag, true,
        problems);
  }
}

void add_file(UserSettings& settings, const config::Node& root, const std::string& file,
              std::vector<SettingProblem>& problems) {
  const std::vector<std::string> sections = {kPublicSection, kProtectedSection};
  if (root.kind != config::Node::Kind::map) {
    problems.push_back({Severity::error, at(file, root.position), "",
                        "a settings file must be a map, found " + std::string(config::describe(root.kind)),
                        "expected keys " + quoted_list(sections, " and ")});
    return;
  }
  for (const auto& entry : root.entries) {
    const bool is_public = entry.key == kPublicSection;
    if (!is_public && entry.key != kProtectedSection) {
      problems.push_back(
          {Severity::error, at(file, entry.key_position), entry.key, "unknown key",
           "a settings file holds " + quoted_list(sections, " and ") + "; put each setting under one of them"});
      continue;
    }
    if (entry.value.kind == config::Node::Kind::null) continue;  // an empty section
    if (entry.value.kind != config::Node::Kind::map) {
      problems.push_back({Severity::error, at(file, entry.value.position), entry.key,
                          "must be a map of settings, found " + std::string(config::describe(entry.value.kind)),
                          "for example " + std::string(kPublicSection) + ": {enableTraining: true}"});
      continue;
    }
    flatten(settings, !is_public, entry.value, "", file, problems);
  }
}

void add_file(UserSettings& settings, const std::string& path, std::istream& standard_input,
              std::vector<SettingProblem>& problems) {
  auto source = config::read_source(path, standard_input);
  if (!source) {
    problems.push_back({Severity::error, "--config-file", "", source.error(), ""});
    return;
  }
  auto root = config::parse_source(*source);
  if (!root) {
    problems.push_back(
        {Severity::error, at(source->name, root.error().position), "", root.error().message, root.error().hint});
    return;
  }
  add_file(settings, *root, source->name, problems);
}

}  // namespace azureml::extension
