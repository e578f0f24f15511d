#pragma once
// How the `extension` commands show what they did: the same data as JSON and for a person.
// Protected settings appear by name only, everywhere.
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/extension/settings.h"
#include "core/ops/change_set.h"
#include "core/ops/extension_request.h"
#include "core/ops/extension_show.h"

namespace azureml::cli {

nlohmann::ordered_json to_json(const extension::SettingMap& settings);
nlohmann::ordered_json names_of(const extension::SettingMap& settings);
nlohmann::ordered_json to_json(const std::vector<ops::Change>& changes);

// "  key  value" rows under a heading; nothing when empty.
void print_settings(std::ostream& out, const std::string& heading, const extension::SettingMap& settings);
// Each change: "PUT /subscriptions/... (create Relay namespace X)", and its body for a plan.
void print_changes(std::ostream& out, const std::vector<ops::Change>& changes, bool with_bodies);
void print_lines(std::ostream& out, const std::string& heading, const std::vector<std::string>& lines);

// install and update: the outcome as JSON and as text.
nlohmann::ordered_json to_json(const ops::ExtensionOutcome& outcome);
void print(std::ostream& out, const ops::ExtensionOutcome& outcome);

// show: the extension, its failure and its pods.
nlohmann::ordered_json to_json(const ops::ExtensionReport& report);
void print(std::ostream& out, const ops::ExtensionReport& report);

}  // namespace azureml::cli
