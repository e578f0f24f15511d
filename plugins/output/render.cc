#include "plugins/output/render.h"

#include "plugins/output/yaml_writer.h"

namespace azureml::cli {

void render(const VerbResult& result, const std::string& format, std::ostream& out) {
  if (format == "none") return;
  if (format == "json") {
    // Input that is not UTF-8 must not abort the output: such bytes print as U+FFFD.
    if (!result.data.is_null())
      out << result.data.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  } else if (format == "yaml" || !result.human) {
    if (!result.data.is_null()) out << to_yaml(result.data);
  } else {
    result.human(out);
  }
}

}  // namespace azureml::cli
