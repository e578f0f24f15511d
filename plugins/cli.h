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
  // Raised by SIGINT/SIGTERM/SIGHUP while an online verb runs: run_cli starts a SignalWatcher
  // for it (call run_cli before any thread starts). Null: signals keep their default action.
  Interrupt* interrupt = nullptr;
  bool live_progress = false;  // stderr is a terminal (not TERM=dumb): a status line may redraw
};

// `arguments` excludes the program name. Verbs read variables only from `environment`.
int run_cli(const std::vector<std::string>& arguments, const FrontEnd& front_end, Streams streams,
            const Environment& environment);

}  // namespace azureml::cli
