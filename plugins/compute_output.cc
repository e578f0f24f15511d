#include "plugins/compute_output.h"

#include <string>

#include "core/util/text.h"
#include "plugins/extension_output.h"

namespace azureml::cli {
namespace {

std::string text(const nlohmann::ordered_json& value) {
  if (value.is_null()) return "-";
  return printable(value.is_string() ? value.get<std::string>() : value.dump());
}

}  // namespace

void print_aml_compute(std::ostream& out, const nlohmann::ordered_json& view) {
  const auto& scale = view.value("scaleSettings", nlohmann::ordered_json::object());
  out << "state: " << text(view.value("provisioningState", nlohmann::ordered_json())) << " in "
      << text(view.value("location", nlohmann::ordered_json())) << "\n";
  out << "size: " << text(view.value("vmSize", nlohmann::ordered_json())) << " ("
      << text(view.value("vmPriority", nlohmann::ordered_json())) << ")\n";
  out << "scale: " << text(scale.value("minNodeCount", nlohmann::ordered_json())) << " to "
      << text(scale.value("maxNodeCount", nlohmann::ordered_json())) << " nodes, idle "
      << text(scale.value("idleSecondsBeforeScaleDown", nlohmann::ordered_json())) << " s before scale-down\n";
  out << "nodes: " << text(view.value("currentNodeCount", nlohmann::ordered_json())) << " now, "
      << text(view.value("targetNodeCount", nlohmann::ordered_json())) << " targeted ("
      << text(view.value("allocationState", nlohmann::ordered_json())) << ")\n";
  const auto& identity = view.value("identity", nlohmann::ordered_json::object());
  out << "identity: " << text(identity.value("type", nlohmann::ordered_json()));
  if (identity.contains("principalId")) out << ", principal " << text(identity["principalId"]);
  out << "\n";
  if (identity.contains("userAssigned"))
    for (const auto& user : identity["userAssigned"])
      out << "  user-assigned: " << text(user.value("id", nlohmann::ordered_json())) << "\n";
  if (!view.value("subnet", nlohmann::ordered_json()).is_null()) out << "subnet: " << text(view["subnet"]) << "\n";
  for (const auto& error : view.value("errors", nlohmann::ordered_json::array()))
    out << "error: " << text(error.value("code", nlohmann::ordered_json())) << ": "
        << text(error.value("message", nlohmann::ordered_json())) << "\n";
}

VerbResult removal_result(ops::DetachOutcome outcome, const std::string& subject) {
  VerbResult out;
  out.data = {{"action", outcome.action},
              {"name", outcome.id.name()},
              {"id", outcome.id.str()},
              {"dryRun", outcome.dry_run},
              {"changes", to_json(outcome.changes)}};
  out.human = [outcome = std::move(outcome), subject](std::ostream& stream) {
    stream << subject << " " << outcome.id.name() << ": " << outcome.action << "\n";
    if (outcome.dry_run) print_changes(stream, outcome.changes, false);
  };
  return out;
}

}  // namespace azureml::cli
