#pragma once
// Prints a verb's result in the format chosen with -o.
#include <ostream>

#include "plugins/verb.h"

namespace azureml::cli {

void render(const VerbResult& result, const std::string& format, std::ostream& out);

}  // namespace azureml::cli
