#pragma once
// The dispatcher both front ends call: find the verb, parse its options, run it, print its
// result, return the exit code.
#include <iosfwd>
#include <string>
#include <vector>

#include "plugins/verb.h"

namespace azureml::cli {

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// `arguments` excludes the program name.
int run_cli(const std::vector<std::string>& arguments, const FrontEnd& front_end, Streams streams);

}  // namespace azureml::cli
