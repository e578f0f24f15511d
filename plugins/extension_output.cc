#include "plugins/extension_output.h"

#include <algorithm>
#include <ostream>

#include "core/ops/extension_lookup.h"
#include "core/util/text.h"
#include "plugins/output/table.h"

namespace azureml::cli {

nlohmann::ordered_json to_json(const extension::SettingMap& settings) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const auto& [key, value] : settings) json[key] = value;
  return json;
}

nlohmann::ordered_json names_of(const extension::SettingMap& settings) {
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  for (const auto& [key, value] : settings) json.push_back(key);
  return json;
}

nlohmann::ordered_json to_json(const std::vector<ops::Change>& changes) {
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  for (const auto& change : changes) json.push_back(ops::to_json(change));
  return json;
}

void print_settings(std::ostream& out, const std::string& heading, const extension::SettingMap& settings) {
  if (settings.empty()) return;
  out << heading << ":\n";
  std::size_t width = 0;
  for (const auto& [key, value] : settings) width = std::max(width, key.size());
  for (const auto& [key, value] : settings)
    out << "  " << key << std::string(width - key.size() + 3, ' ') << printable(value) << "\n";
}

void print_changes(std::ostream& out, const std::vector<ops::Change>& changes, bool with_bodies) {
  for (const auto& change : changes) {
    out << "  " << change.method << " " << change.path << "\n      " << change.summary << "\n";
    if (with_bodies && !change.body.is_null()) {
      std::string body = change.body.dump(2);
      std::string indented = "      ";
      for (char c : body) indented += c == '\n' ? std::string("\n      ") : std::string(1, c);
      out << indented << "\n";
    }
  }
}

void print_lines(std::ostream& out, const std::string& heading, const std::vector<std::string>& lines) {
  if (lines.empty()) return;
  out << heading << ":\n";
  for (const auto& line : lines) out << "  " << line << "\n";
}

nlohmann::ordered_json to_json(const ops::ExtensionOutcome& outcome) {
  const ops::ExtensionView view = ops::read_extension(JsonShape(outcome.extension));  // checked as it ended
  nlohmann::ordered_json json = {
      {"action", outcome.action}, {"name", outcome.id.name()}, {"id", outcome.id.str()}, {"dryRun", outcome.dry_run}};
  if (!outcome.extension.is_null()) {
    json["provisioningState"] = view.provisioning_state;
    json["version"] = view.version;
  }
  json["configurationSettings"] = to_json(outcome.settings.public_settings);
  json["configurationProtectedSettings"] = names_of(outcome.settings.protected_settings);
  json["chartDefaults"] = to_json(outcome.defaults);
  json["notes"] = outcome.notes;
  json["warnings"] = outcome.warnings;
  json["changes"] = to_json(outcome.changes);
  return json;
}

void print(std::ostream& out, const ops::ExtensionOutcome& outcome) {
  const ops::ExtensionView view = ops::read_extension(JsonShape(outcome.extension));  // checked as it ended
  out << "extension " << outcome.id.name() << ": " << outcome.action;
  if (!view.provisioning_state.empty()) out << " (" << view.provisioning_state << ", version " << view.version << ")";
  out << "\n";
  if (outcome.dry_run) {
    out << (outcome.changes.empty() ? "nothing would be sent: the extension is as asked\n"
                                    : "the plan (nothing was sent):\n");
    print_changes(out, outcome.changes, true);
  } else {
    std::vector<std::string> done;
    for (const auto& change : outcome.changes)
      if (change.done) done.push_back(change.summary);
    print_lines(out, "done", done);
  }
  print_lines(out, "notes", outcome.notes);
  print_settings(out, "settings", outcome.settings.public_settings);
  if (!outcome.settings.protected_settings.empty()) {
    std::string names;
    for (const auto& [key, value] : outcome.settings.protected_settings) names += (names.empty() ? "" : ", ") + key;
    out << "protected settings (values never shown): " << names << "\n";
  }
  print_settings(out, "chart defaults that apply", outcome.defaults);
}

nlohmann::ordered_json to_json(const ops::ExtensionReport& report) {
  const ops::ExtensionView& e = report.extension;
  // null when Azure's answer does not name them: unknown, not none.
  nlohmann::ordered_json protected_names = nullptr;
  if (e.protected_names) {
    protected_names = nlohmann::ordered_json::array();
    for (const auto& name : *e.protected_names) protected_names.push_back(name);
  }
  nlohmann::ordered_json json = {{"name", e.id.name()},
                                 {"id", e.id.str()},
                                 {"extensionType", e.type},
                                 {"provisioningState", e.provisioning_state},
                                 {"version", e.version},
                                 {"releaseTrain", e.release_train},
                                 {"releaseNamespace", e.release_namespace},
                                 {"configurationSettings", to_json(e.public_settings)},
                                 {"configurationProtectedSettings", protected_names},
                                 {"identity", e.identity},
                                 {"statuses", e.statuses.is_null() ? nlohmann::json::array() : e.statuses},
                                 {"errorInfo", e.error_info}};
  if (!report.failure.empty()) json["failure"] = report.failure;
  if (report.pods) {
    nlohmann::ordered_json pods = nlohmann::ordered_json::array();
    for (const auto& pod : *report.pods)
      pods.push_back({{"name", pod.name},
                      {"phase", pod.phase},
                      {"healthy", pod.healthy},
                      {"restarts", pod.restarts},
                      {"problems", pod.problems}});
    json["pods"] = std::move(pods);
  } else {
    json["pods"] = nullptr;
    json["podsNotRead"] = report.pods_not_read;
  }
  return json;
}

void print(std::ostream& out, const ops::ExtensionReport& report) {
  const ops::ExtensionView& e = report.extension;
  out << "extension " << e.id.name() << " (" << e.type << ") on " << e.id.parent().name() << ": "
      << e.provisioning_state << ", version " << e.version << ", release train " << e.release_train << "\n";
  if (!report.failure.empty()) out << "failure:\n  " << report.failure << "\n";
  print_settings(out, "settings", e.public_settings);
  if (!e.protected_names) {
    out << "protected settings: not named by Azure's answer\n";
  } else if (!e.protected_names->empty()) {
    std::string names;
    for (const auto& name : *e.protected_names) names += (names.empty() ? "" : ", ") + name;
    out << "protected settings (values never shown): " << names << "\n";
  }
  if (!report.pods) {
    out << "pods: not read (" << report.pods_not_read << ")\n";
    return;
  }
  if (report.pods->empty()) {
    out << "pods: none in namespace " << e.release_namespace << "\n";
    return;
  }
  Table table({"POD", "PHASE", "HEALTHY", "RESTARTS", "PROBLEMS"});
  for (const auto& pod : *report.pods) {
    std::string problems;
    for (const auto& p : pod.problems) problems += (problems.empty() ? "" : "; ") + p;
    table.add_row({pod.name, pod.phase, pod.healthy ? "yes" : "no", std::to_string(pod.restarts), problems});
  }
  table.print(out);
}

}  // namespace azureml::cli
