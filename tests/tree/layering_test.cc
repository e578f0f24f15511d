// The layers hold by rule: a file of a module includes only its own module and the modules
// below it (core/CMakeLists.txt links them the same way). A module that includes one above it
// fails here with the file, the line and the include.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/tree/source_tree.h"
#include "tests/unit/temp_dir.h"

namespace azureml::tree {
namespace {

namespace fs = std::filesystem;

// What each module may include besides itself: util at the bottom, the front ends' verb table
// (plugins) at the top.
const std::map<std::string, std::set<std::string>> kMayInclude = {
    {"util", {}},
    {"config", {"util"}},
    {"http", {"util"}},
    {"auth", {"util", "http"}},
    {"kube", {"util", "config", "http"}},
    {"arm", {"util", "http", "auth"}},
    {"extension", {"util", "config", "arm"}},
    {"ops", {"util", "config", "http", "auth", "kube", "arm", "extension"}},
    {"plugins", {"util", "config", "http", "auth", "kube", "arm", "extension", "ops"}},
};

// "core/arm/x.h" -> "arm", "plugins/verbs/y.cc" -> "plugins"; "" for anything else.
std::string module_of(const std::string& path) {
  if (path.starts_with("plugins/")) return "plugins";
  if (!path.starts_with("core/")) return "";
  const auto slash = path.find('/', 5);
  return slash == std::string::npos ? "" : path.substr(5, slash - 5);
}

// "path:line: includes MODULE (header), above MODULE", one per include that breaks the layers.
std::vector<std::string> layering_violations(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& file : source_files(root, {"core", "plugins"})) {
    const std::string module = module_of(file.path);
    const auto allowed = kMayInclude.find(module);
    if (allowed == kMayInclude.end()) {
      out.push_back(file.path + ": module '" + module + "' has no place in the layers (add it to kMayInclude)");
      continue;
    }
    for (const auto& include : file.includes) {
      const std::string included = module_of(include.header);
      if (included.empty() || included == module || allowed->second.contains(included)) continue;
      out.push_back(file.path + ":" + std::to_string(include.line) + ": includes " + included + " (" + include.header +
                    "), above " + module);
    }
  }
  return out;
}

TEST(Layering, NoModuleIncludesOneAboveIt) {
  const auto violations = layering_violations(AZUREML_SOURCE_DIR);
  EXPECT_TRUE(violations.empty()) << ::testing::PrintToString(violations);
}

TEST(Layering, AnUpwardIncludeIsFoundWithItsFileAndLine) {
  test::TempDir dir;
  dir.write("core/util/a.h", "#pragma once\n#include \"core/util/b.h\"\n");
  dir.write("core/arm/c.cc", "#include \"core/auth/credential.h\"\n\n#include \"core/ops/op_error.h\"\n");
  dir.write("core/wild/d.h", "#pragma once\n");
  EXPECT_EQ(
      layering_violations(dir.path()),
      (std::vector<std::string>{"core/arm/c.cc:3: includes ops (core/ops/op_error.h), above arm",
                                "core/wild/d.h: module 'wild' has no place in the layers (add it to kMayInclude)"}));
}

}  // namespace
}  // namespace azureml::tree
