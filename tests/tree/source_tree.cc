#include "tests/tree/source_tree.h"

#include <algorithm>
#include <fstream>
#include <regex>

namespace azureml::tree {

namespace fs = std::filesystem;

std::vector<std::string> files_under(const fs::path& root, const std::string& directory, const std::string& suffix) {
  std::vector<std::string> out;
  const fs::path top = root / directory;
  if (!fs::is_directory(top)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(top)) {
    const std::string name = fs::relative(entry.path(), top).generic_string();
    if (entry.is_regular_file() && name.ends_with(suffix)) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<SourceFile> source_files(const fs::path& root, const std::vector<std::string>& directories) {
  static const std::regex include(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::vector<SourceFile> out;
  for (const auto& directory : directories) {
    for (const auto& suffix : {".h", ".cc"}) {
      for (const auto& name : files_under(root, directory, suffix)) {
        SourceFile file{directory + "/" + name, {}};
        std::ifstream in(root / file.path);
        std::string text;
        for (int line = 1; std::getline(in, text); ++line) {
          std::smatch match;
          if (std::regex_search(text, match, include)) file.includes.push_back({match[1].str(), line});
        }
        out.push_back(std::move(file));
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace azureml::tree
