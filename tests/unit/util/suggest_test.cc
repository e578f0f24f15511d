#include "core/util/suggest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace azureml {
namespace {

// The match, or "<none>".
std::string match(std::string_view word, const std::vector<std::string>& candidates) {
  return closest_match(word, candidates).value_or("<none>");
}

const std::vector<std::string> kTopFields = {"namespace", "defaultInstanceType", "instanceTypes"};
const std::vector<std::string> kResources = {"cpu", "memory", "nvidia.com/gpu"};

// ---------------------------------------------------------------------------------------------
// EditDistance

TEST(EditDistance, EmptyAndEqual) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abcd"), 4u);
  EXPECT_EQ(edit_distance("namespace", "namespace"), 0u);
}

TEST(EditDistance, InsertDeleteSubstitute) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("namspace", "namespace"), 1u);    // insert
  EXPECT_EQ(edit_distance("namespacee", "namespace"), 1u);  // delete
  EXPECT_EQ(edit_distance("nanespace", "namespace"), 1u);   // substitute
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2u);
  EXPECT_EQ(edit_distance("abc", "xyz"), 3u);
}

TEST(EditDistance, IsCaseSensitive) {
  EXPECT_EQ(edit_distance("A", "a"), 1u);
  EXPECT_EQ(edit_distance("CPU", "cpu"), 3u);
}

TEST(EditDistance, SwappingNeighboursCostsOne) {
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("nmaespace", "namespace"), 1u);
  EXPECT_EQ(edit_distance("memroy", "memory"), 1u);
  EXPECT_EQ(edit_distance("abcd", "badc"), 2u);
  EXPECT_EQ(edit_distance("jnos", "json"), 2u);  // not neighbours: two substitutions
}

TEST(EditDistance, OptimalStringAlignmentEditsNoSubstringTwice) {
  // True Damerau-Levenshtein gives 2 (swap, then insert between); OSA gives 3.
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);
}

TEST(EditDistance, IsSymmetric) {
  const std::vector<std::string> words = {"", "a", "ab", "ba", "cpu", "memory", "memroy", "nvidia.com/gpu", "gpu"};
  for (const auto& a : words)
    for (const auto& b : words) EXPECT_EQ(edit_distance(a, b), edit_distance(b, a)) << a << " / " << b;
}

// ---------------------------------------------------------------------------------------------
// ClosestMatch

TEST(ClosestMatch, FoldingCaseUnderscoreAndDashWinsOutright) {
  EXPECT_EQ(match("instance_types", kTopFields), "instanceTypes");
  EXPECT_EQ(match("NAMESPACE", kTopFields), "namespace");
  EXPECT_EQ(match("default-instance-type", kTopFields), "defaultInstanceType");
  EXPECT_EQ(match("Default_Instance_Type", kTopFields), "defaultInstanceType");
  // Even when another candidate comes first and is only one edit away.
  EXPECT_EQ(match("instanceTypes", {"instanceType", "instance_types"}), "instance_types");
}

TEST(ClosestMatch, LastSlashSegment) {
  EXPECT_EQ(match("gpu", kResources), "nvidia.com/gpu");
  EXPECT_EQ(match("GPU", kResources), "nvidia.com/gpu");
  // Before edit distance: "cpu" is one edit from "gpu" and comes first.
  EXPECT_EQ(match("gpu", {"cpu", "nvidia.com/gpu"}), "nvidia.com/gpu");
  EXPECT_EQ(match("instance-type", {"node.kubernetes.io/instance-type"}), "node.kubernetes.io/instance-type");
  // A unique prefix is suggested too.
  EXPECT_EQ(match("nvidia.com", {"nvidia.com/gpu"}), "nvidia.com/gpu");
}

TEST(ClosestMatch, PlausibleTypos) {
  EXPECT_EQ(match("namspace", kTopFields), "namespace");
  EXPECT_EQ(match("instanceType", kTopFields), "instanceTypes");
  EXPECT_EQ(match("defualtInstanceType", kTopFields), "defaultInstanceType");
  EXPECT_EQ(match("memroy", kResources), "memory");
  EXPECT_EQ(match("cpuu", kResources), "cpu");
  EXPECT_EQ(match("jsn", {"json", "yaml", "table", "none"}), "json");
  EXPECT_EQ(match("JSON", {"json", "yaml", "table", "none"}), "json");
}

TEST(ClosestMatch, AllowsOneTypoPerThreeCharactersBetweenOneAndThree) {
  // Up to five characters: one edit.
  EXPECT_EQ(match("cpx", {"cpu"}), "cpu");
  EXPECT_EQ(match("cxx", {"cpu"}), "<none>");
  EXPECT_EQ(match("ab", {"xy", "ax"}), "ax");
  // Six to eight: two.
  EXPECT_EQ(match("mxmxry", {"memory"}), "memory");
  EXPECT_EQ(match("mxmxrx", {"memory"}), "<none>");
  // Nine and more: three, and never more.
  EXPECT_EQ(match("nxmxsxace", {"namespace"}), "namespace");
  EXPECT_EQ(match("nxmxsxaxe", {"namespace"}), "<none>");
  EXPECT_EQ(match("abcdefghixxx", {"abcdefghijkl"}), "abcdefghijkl");
  EXPECT_EQ(match("abcdefghxxxx", {"abcdefghijkl"}), "<none>");
  EXPECT_EQ(match(std::string(30, 'a') + "xxx", {std::string(33, 'a')}), std::string(33, 'a'));
  EXPECT_EQ(match(std::string(30, 'a') + "xxxx", {std::string(34, 'a')}), "<none>");
}

TEST(ClosestMatch, TheClosestWinsAndTheFirstBreaksTies) {
  EXPECT_EQ(match("abcdefgh", {"abcdefxx", "abcdefgx"}), "abcdefgx");
  EXPECT_EQ(match("cpx", {"cpy", "cpz"}), "cpy");
  EXPECT_EQ(match("cpx", {"cpz", "cpy"}), "cpz");
}

TEST(ClosestMatch, UniquePrefix) {
  EXPECT_EQ(match("mem", kResources), "memory");
  EXPECT_EQ(match("ab", {"abcde", "abxyz"}), "<none>");  // not unique
}

TEST(ClosestMatch, NothingClose) {
  EXPECT_EQ(closest_match("zzzzzz", kTopFields), std::nullopt);
  EXPECT_EQ(closest_match("namespace", std::vector<std::string>{}), std::nullopt);
  EXPECT_EQ(match("resources", kTopFields), "<none>");
  EXPECT_EQ(match("m", kResources), "<none>");  // one letter is no abbreviation
}

// ---------------------------------------------------------------------------------------------
// DidYouMean

TEST(DidYouMean, QuotesTheMatchOrSaysNothing) {
  EXPECT_EQ(did_you_mean("instanceType", kTopFields), "did you mean 'instanceTypes'?");
  EXPECT_EQ(did_you_mean("gpu", kResources), "did you mean 'nvidia.com/gpu'?");
  EXPECT_EQ(did_you_mean("zzzzzz", kTopFields), "");
  EXPECT_EQ(did_you_mean("x", std::vector<std::string>{}), "");
}

}  // namespace
}  // namespace azureml
