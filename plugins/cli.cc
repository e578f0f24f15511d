#include "plugins/cli.h"

#include <algorithm>
#include <istream>
#include <ostream>

#include <optional>

#include "core/util/signal_watcher.h"
#include "core/util/text.h"
#include "plugins/completion.h"
#include "plugins/completion_sources.h"
#include "plugins/help_text.h"
#include "plugins/options.h"
#include "plugins/output/render.h"
#include "plugins/verb_table.h"

namespace azureml::cli {
namespace {

constexpr std::size_t kNoVerb = static_cast<std::size_t>(-1);

// The verb is the first word that is not a flag or the value of a common flag, so that
// `kubectl azureml -o json validate …` works as kubectl's persistent flags do.
std::size_t verb_position(const std::vector<std::string>& arguments) {
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& a = arguments[i];
    if (a == "--") return i + 1 < arguments.size() ? i + 1 : kNoVerb;
    if (a.empty() || a[0] != '-') return i;
    if (a == "-o" || a == "--output") ++i;
  }
  return kNoVerb;
}

bool asks_for_help(const std::vector<std::string>& arguments) {
  for (const auto& a : arguments) {
    if (a == "--") return false;
    if (a == "-h" || a == "--help") return true;
  }
  return false;
}

int usage_error(std::ostream& err, const std::string& message, const std::string& hint) {
  err << "error: " << message << '\n' << hint << '\n';
  return to_int(ExitCode::usage);
}

}  // namespace

int run_cli(const std::vector<std::string>& arguments, const FrontEnd& front_end, Streams streams,
            const Environment& environment) {
  const VerbTable& table = verb_table();
  const std::size_t at = verb_position(arguments);
  if (at == kNoVerb) {
    if (arguments.empty() || asks_for_help(arguments)) {
      streams.out << program_help(table, front_end);
      return to_int(ExitCode::ok);
    }
    if (std::find(arguments.begin(), arguments.end(), "--version") != arguments.end())
      return run_cli({"version"}, front_end, streams, environment);
    return usage_error(streams.err, "no command given",
                       "Run '" + front_end.program + " --help' for the list of commands.");
  }

  if (arguments[at] == "__complete") {  // the words as typed, never parsed as options
    const std::vector<std::string> typed(arguments.begin() + static_cast<std::ptrdiff_t>(at + 1), arguments.end());
    streams.out << complete(table, front_end, typed, completion_sources(table, front_end, environment));
    return to_int(ExitCode::ok);
  }
  std::string name = arguments[at];
  std::size_t words = 1;
  // A group ("extension", "compute identity") takes the next word as its command
  // ("extension install", "compute identity assign").
  for (auto subcommands = table.subcommands(name); !subcommands.empty() && !table.find(name);
       subcommands = table.subcommands(name)) {
    const std::size_t next = at + words;
    if (next >= arguments.size() || arguments[next].empty() || arguments[next][0] == '-') {
      if (asks_for_help(arguments) || next >= arguments.size()) {
        streams.out << group_help(name, table, front_end);
        return to_int(ExitCode::ok);
      }
      return usage_error(streams.err, "'" + name + "' needs a command: " + quoted_list(subcommands),
                         "Run '" + front_end.program + " " + name + " --help' for usage.");
    }
    name += " " + arguments[next];
    ++words;
  }
  const Verb* verb = table.find(name);
  if (!verb) {
    streams.err << unknown_command_error(name, table, front_end);
    return to_int(ExitCode::usage);
  }

  std::vector<std::string> rest(arguments.begin(), arguments.begin() + static_cast<std::ptrdiff_t>(at));
  rest.insert(rest.end(), arguments.begin() + static_cast<std::ptrdiff_t>(at + words), arguments.end());
  if (asks_for_help(rest)) {
    streams.out << verb_help(verb->spec, front_end);
    return to_int(ExitCode::ok);
  }

  auto options = parse_options(verb->spec, front_end, rest);
  if (!options)
    return usage_error(streams.err, options.error(), "Run '" + front_end.program + " " + name + " --help' for usage.");

  // Ctrl-C stops an online verb at its next safe point, through a thread that turns the signals
  // into the interrupt. An offline verb starts no thread: it ends in milliseconds, and a signal
  // ends it as it ends any program.
  std::optional<SignalWatcher> watcher;
  if (verb->spec.online && streams.interrupt) watcher.emplace(*streams.interrupt);
  const Invocation invocation{options.value(),     front_end,         table,
                              streams.in,          streams.err,       environment,
                              streams.interactive, streams.interrupt, streams.live_progress};
  const VerbResult result = verb->run(invocation);
  render(result, options->get("output"), streams.out);
  return to_int(result.code);
}

}  // namespace azureml::cli
