#include "plugins/output/render.h"

#include "plugins/output/yaml_writer.h"

namespace azureml::cli {

void render(const VerbResult& result, const std::string& format, std::ostream& out) {
  if (format == "none") return;
  if (format == "json") {
    if (!result.data.is_null()) out << result.data.dump(2) << '\n';
  } else if (format == "yaml" || !result.human) {
    if (!result.data.is_null()) out << to_yaml(result.data);
  } else {
    result.human(out);
  }
}

}  // namespace azureml::cli
