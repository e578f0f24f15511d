#pragma once
// The dispatcher both front ends call: find the verb, parse its options, run it, print its
// result, return the exit code.
#include <iosfwd>
#include <string>
#include <vector>

#include "core/util/environment.h"
#include "core/util/interrupt.h"
#include "plugins/verb.h"

namespace azureml::cli {

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool interactive = false;  // a person at a terminal (stdin and stderr are TTYs): a verb may ask
  const Interrupt* interrupt = nullptr;  // raised by SIGINT/SIGTERM/SIGHUP (signal_watcher.h)
  bool live_progress = false;            // stderr is a terminal (not TERM=dumb): a status line may redraw
};

// `arguments` excludes the program name. Verbs read variables only from `environment`.
int run_cli(const std::vector<std::string>& arguments, const FrontEnd& front_end, Streams streams,
            const Environment& environment);

}  // namespace azureml::cli
