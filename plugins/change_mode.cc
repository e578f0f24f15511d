#include "plugins/change_mode.h"

#include <chrono>
#include <ostream>

#include "core/kube/kube_duration.h"
#include "core/util/text.h"
#include "plugins/options.h"

namespace azureml::cli {

std::vector<OptionSpec> change_options() {
  return {
      {"dry-run",
       0,
       OptionType::flag,
       "",
       "Print the requests that would change Azure (secrets redacted) and send none of them.",
       std::nullopt,
       {}},
      {"no-wait", 0, OptionType::flag, "", "Do not wait for the operation to finish.", std::nullopt, {}},
      {"timeout",
       0,
       OptionType::string,
       "DURATION",
       "How long to wait for the operation, e.g. 45m.",
       std::string("30m"),
       {}},
  };
}

Result<ops::ChangeMode> change_mode(const Invocation& call) {
  const std::string text = call.options.get("timeout");
  auto timeout = kube::parse_go_duration(text);
  if (!timeout || timeout->count() <= 0) {
    return fail("--timeout '" + printable(text) + "' is not a positive duration" +
                (timeout ? std::string() : ": " + timeout.error()) + " (for example 45m, 1h30m, 90s)");
  }
  ops::ChangeMode mode;
  mode.dry_run = call.options.flag("dry-run");
  mode.wait = call.options.flag("no-wait") ? ops::Wait::no_wait : ops::Wait::until_done;
  mode.wait_options.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*timeout);
  mode.progress = [&err = call.err](const std::string& line) { err << line << '\n'; };
  return mode;
}

ops::ChangeMode waited(ops::ChangeMode mode) {
  mode.wait = ops::Wait::until_done;
  return mode;
}

}  // namespace azureml::cli
