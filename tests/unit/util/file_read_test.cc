// Every input the user names is read whole, with one bound: a directory is named as one, a
// missing file is told apart, and an endless input ends at 64 MiB instead of exhausting memory.
#include <gtest/gtest.h>

#include <sstream>

#include "core/util/file_read.h"
#include "tests/unit/temp_dir.h"

namespace azureml {
namespace {

TEST(FileRead, ReadsAWholeFile) {
  const test::TempDir dir;
  const std::string path = dir.write("config.yaml", std::string(200000, 'x') + "end");
  const auto text = read_whole_file(path);
  ASSERT_TRUE(text.ok()) << text.error().reason;
  EXPECT_EQ(text->size(), 200003u);
  EXPECT_TRUE(text->ends_with("end"));
  EXPECT_EQ(input_file_problem(path), std::nullopt);
}

TEST(FileRead, ADirectoryIsNamedAsOne) {
  const test::TempDir dir;
  const auto text = read_whole_file(dir.path().string());
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().reason, "Is a directory");
  EXPECT_FALSE(text.error().missing);
  EXPECT_EQ(input_file_problem(dir.path().string()), "it is a directory");
}

TEST(FileRead, AMissingFileIsToldApart) {
  const test::TempDir dir;
  const std::string path = (dir.path() / "absent" / "config.yaml").string();
  const auto text = read_whole_file(path);
  ASSERT_FALSE(text.ok());
  EXPECT_TRUE(text.error().missing);
  EXPECT_EQ(text.error().reason, "No such file or directory");
  EXPECT_EQ(input_file_problem(path), "No such file or directory");
}

TEST(FileRead, AnEndlessInputStopsAtTheBound) {
  const auto text = read_whole_file("/dev/zero");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().reason, "larger than 64 MiB");
  EXPECT_EQ(input_file_problem("/dev/zero"), "it is a device");
}

TEST(FileRead, StandardInputHasTheSameBound) {
  std::istringstream small("a: 1\n");
  const auto text = read_whole_stream(small);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "a: 1\n");
  std::istringstream exact(std::string(kMaxInputBytes, 'x'));
  EXPECT_TRUE(read_whole_stream(exact).ok());  // the bound itself is allowed
  std::istringstream over(std::string(kMaxInputBytes + 1, 'x'));
  const auto refused = read_whole_stream(over);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().reason, "larger than 64 MiB");
}

}  // namespace
}  // namespace azureml
