// Tests found by rule: the unit test of core/<module>/<file>.cc is
// tests/unit/<module>/<file>_test.cc (of plugins/<path>.cc, tests/unit/plugins/<path>_test.cc).
// A file whose tests are many may split them by aspect (<file>_<aspect>_test.cc); the module's
// client against the fake Azure is fake_azure_<what>_test.cc.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/tree/source_tree.h"
#include "tests/unit/temp_dir.h"

namespace azureml::tree {
namespace {

namespace fs = std::filesystem;

// Where the sources a unit test directory tests live: "core/arm", "plugins".
std::string sources_of(const std::string& module) { return module == "plugins" ? "plugins" : "core/" + module; }

// True when `stem` ("api_client_tls", "output/table") is a source file of `sources` or one of its
// aspects: the stem itself, or a prefix of it ending before '_', names a .cc or .h there.
bool names_a_source(const fs::path& root, const std::string& sources, const std::string& stem) {
  for (std::string candidate = stem; !candidate.empty();) {
    if (fs::exists(root / sources / (candidate + ".cc")) || fs::exists(root / sources / (candidate + ".h")))
      return true;
    const auto underscore = candidate.rfind('_');
    if (underscore == std::string::npos) break;
    candidate.resize(underscore);
  }
  return false;
}

// "tests/unit/x_test.cc: ...", one per unit test that sits where the rule would not look for it.
std::vector<std::string> misplaced_unit_tests(const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& name : files_under(root, "tests/unit", "_test.cc")) {
    const auto slash = name.find('/');
    if (slash == std::string::npos) {
      out.push_back("tests/unit/" + name + ": not in a module's directory (tests/unit/<module>/)");
      continue;
    }
    const std::string module = name.substr(0, slash);
    const std::string stem = name.substr(slash + 1, name.size() - slash - 1 - std::string("_test.cc").size());
    const std::string sources = sources_of(module);
    if (!fs::is_directory(root / sources))
      out.push_back("tests/unit/" + name + ": there is no module " + sources);
    else if (!stem.starts_with("fake_azure_") && !names_a_source(root, sources, stem))
      out.push_back("tests/unit/" + name + ": " + sources + " has no " + stem + ".cc (nor a file it is an aspect of)");
  }
  return out;
}

TEST(UnitTestLayout, EveryUnitTestIsNamedAfterTheFileItTests) {
  const auto misplaced = misplaced_unit_tests(AZUREML_SOURCE_DIR);
  EXPECT_TRUE(misplaced.empty()) << ::testing::PrintToString(misplaced);
}

TEST(UnitTestLayout, AMisplacedTestIsFound) {
  test::TempDir dir;
  dir.write("core/util/text.cc", "");
  dir.write("core/kube/api_client.h", "");
  dir.write("plugins/output/table.cc", "");
  dir.write("tests/unit/util/text_test.cc", "");
  dir.write("tests/unit/kube/api_client_tls_test.cc", "");
  dir.write("tests/unit/kube/fake_azure_anything_test.cc", "");
  dir.write("tests/unit/plugins/output/table_test.cc", "");
  dir.write("tests/unit/kube/base64_test.cc", "");
  dir.write("tests/unit/stray_test.cc", "");
  dir.write("tests/unit/nowhere/x_test.cc", "");
  EXPECT_EQ(misplaced_unit_tests(dir.path()),
            (std::vector<std::string>{
                "tests/unit/kube/base64_test.cc: core/kube has no base64.cc (nor a file it is an aspect of)",
                "tests/unit/nowhere/x_test.cc: there is no module core/nowhere",
                "tests/unit/stray_test.cc: not in a module's directory (tests/unit/<module>/)"}));
}

}  // namespace
}  // namespace azureml::tree
