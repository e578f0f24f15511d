// `version`: the product's version and build.
#include <ostream>

#include "plugins/verb_table.h"
#include "plugins/version_info.h"

namespace azureml::cli {
namespace {

VerbResult run(const Invocation&) {
  VerbResult out;
  out.data = {{"version", kVersion},
              {"gitCommit", kGitCommit},
              {"platform", kPlatform},
              {"compiler", kCompiler},
              {"buildType", kBuildType}};
  out.human = [](std::ostream& stream) {
    stream << "kubectl-azureml " << kVersion << " (commit " << kGitCommit << ", " << kPlatform << ", " << kCompiler
           << ")\n";
  };
  return out;
}

}  // namespace

Verb make_version_verb() {
  VerbSpec spec;
  spec.name = "version";
  spec.summary = "Print the version of kubectl-azureml";
  spec.examples = {{"Print the version as JSON", "version -o json"}};
  return {spec, run};
}

}  // namespace azureml::cli
