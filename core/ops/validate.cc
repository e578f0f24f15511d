#include "core/ops/validate.h"

#include "core/config/attach_config_loader.h"

namespace azureml::ops {

ValidateResult validate_attach_config(const config::Source& source) {
  auto document = config::parse_source(source);
  if (!document) {
    const auto& e = document.error();
    return {std::nullopt, {{config::Severity::error, e.position, "", e.message, e.hint}}};
  }
  auto loaded = config::load_attach_config(document.value());
  return {std::move(loaded.config), std::move(loaded.diagnostics)};
}

}  // namespace azureml::ops
