#pragma once
// The configuration settings of an extension as the user gives them: `--config key=value`,
// `--config-protected key=value` and `--config-file FILE`, with where each came from, so
// that every later message can point at it. Values are strings, as the extensions API wants.
//
// A settings file (YAML or JSON) holds up to two maps:
//   configurationSettings:            # public: readable by anyone who can read the extension
//     enableTraining: true
//     nvidia: {enabled: false}        # nested maps are flattened: nvidia.enabled
//   configurationProtectedSettings:   # protected: sent once, never readable again
//     sslKeyPemFile: /path/key.pem
// Scalars keep their text as written (true, 3, "x"); null, sequences and other keys are errors.
#include <istream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/config/document.h"
#include "core/config/source.h"

namespace azureml::extension {

using SettingMap = std::map<std::string, std::string>;

struct Settings {
  SettingMap public_settings;     // configurationSettings
  SettingMap protected_settings;  // configurationProtectedSettings
  friend bool operator==(const Settings&, const Settings&) = default;
};

enum class Severity { error, warning };

// One finding about the settings: where it came from, which key, what is wrong, what to do.
struct SettingProblem {
  Severity severity = Severity::error;
  std::string origin;  // "--config", "--config-protected", "settings.yaml:3:5", "the cluster"
  std::string key;
  std::string message;
  std::string hint;  // allowed values or the fix; may be empty
};

// "error: settings.yaml:3:5: enableTraining: must be true or false, found 'yes' (give true or false)"
std::string format(const SettingProblem& problem);
bool has_errors(const std::vector<SettingProblem>& problems);

// What the user gave, and where each key came from (for messages).
struct UserSettings {
  Settings settings;
  std::map<std::string, std::string> origin;  // key -> "--config", "FILE:LINE:COL", ...
  // The protected keys an installed extension already holds (its GET names them): a check that
  // needs one present is satisfied by it, since a change that leaves them out keeps them.
  std::set<std::string> installed_protected;

  // Where `key` was given, or "--config".
  std::string where(const std::string& key) const;
  bool given(const std::string& key) const;  // public or protected
  // The value from public settings, else protected; nullptr when not given.
  const std::string* find(const std::string& key) const;
};

// Adds `key=value` pairs from repeated flags: `flag` is "config" or "config-protected".
// Reports a pair without '=' or with an empty key, and a key given twice with different values.
void add_assignments(UserSettings& settings, const std::vector<std::string>& assignments, bool protected_settings,
                     std::vector<SettingProblem>& problems);

// Adds the settings of a parsed file. `file` is the name for messages.
void add_file(UserSettings& settings, const config::Node& root, const std::string& file,
              std::vector<SettingProblem>& problems);

// Reads and parses a settings file ('-' for `standard_input`) and adds it. A file that cannot
// be read or parsed is one error.
void add_file(UserSettings& settings, const std::string& path, std::istream& standard_input,
              std::vector<SettingProblem>& problems);

}  // namespace azureml::extension
