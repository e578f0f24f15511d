#pragma once
// The product's source files as the tree tests read them: each file's path from the top of the
// repository and the headers it includes in quotes, with their lines.
#include <filesystem>
#include <string>
#include <vector>

namespace azureml::tree {

struct Include {
  std::string header;  // as written: "core/util/text.h"
  int line = 0;
};

struct SourceFile {
  std::string path;  // from the top: "core/arm/arm_client.cc"
  std::vector<Include> includes;
};

// Every .h and .cc under the `directories` of `root`, in path order.
std::vector<SourceFile> source_files(const std::filesystem::path& root, const std::vector<std::string>& directories);

// Every file under `directory` of `root` whose name ends with `suffix`, as paths from `directory`,
// in order.
std::vector<std::string> files_under(const std::filesystem::path& root, const std::string& directory,
                                     const std::string& suffix);

}  // namespace azureml::tree
