#include "plugins/attach_config_input.h"

#include <ostream>

#include "core/config/attach_config_loader.h"
#include "plugins/options.h"

namespace azureml::cli {

OptionSpec attach_config_option(const std::string& purpose) {
  return {"file", 'f', OptionType::string, "FILE", purpose + " (JSON or YAML; '-' for stdin).", std::nullopt, {}};
}

Result<config::AttachConfig> read_attach_config(const Invocation& call, const kube::KubeClient* kube) {
  if (!call.options.given("file")) {
    config::AttachConfig config = config::service_default_config();
    if (kube) config.namespace_name = kube->config().namespace_name;
    return config;
  }
  const std::string path = call.options.get("file");
  const std::string shown = path == "-" ? "<stdin>" : path;
  config::AttachConfigLoad loaded = config::load_attach_config_file(path, call.in, "--file");
  if (!loaded.read) return fail(loaded.diagnostics.front().message);
  for (const auto& d : loaded.diagnostics) call.err << config::format(d, shown) << '\n';
  if (!loaded.config)
    return fail(shown + " is not a valid attach configuration; see '" + call.front_end.program + " validate'");
  return std::move(*loaded.config);
}

}  // namespace azureml::cli
