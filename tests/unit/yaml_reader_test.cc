#include "core/config/yaml_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace azureml::config {
namespace {

using Kind = Node::Kind;

Node parse(std::string_view text) {
  auto parsed = read_yaml(text);
  EXPECT_TRUE(parsed.ok()) << "'" << text << "': "
                           << (parsed.ok() ? "" : to_string(parsed.error().position) + " " + parsed.error().message);
  return parsed.ok() ? parsed.value() : Node();
}

ParseError parse_error(std::string_view text) {
  auto parsed = read_yaml(text);
  EXPECT_FALSE(parsed.ok()) << "'" << text << "' parsed";
  return parsed.ok() ? ParseError{} : parsed.error();
}

std::string at(Position position) { return to_string(position); }

// The value of `key: <scalar>` read as a one-entry map.
Node value_of(std::string_view scalar) {
  const Node root = parse("key: " + std::string(scalar) + "\n");
  EXPECT_EQ(describe(root.kind), describe(Kind::map)) << scalar;
  EXPECT_EQ(root.entries.size(), 1u) << scalar;
  return root.entries.empty() ? Node() : root.entries[0].value;
}

struct KindCase {
  std::string_view text;
  Kind kind;
};

// ---------------------------------------------------------------------------------------------
// YamlPlainScalarKind: the YAML 1.2 core schema.

TEST(YamlPlainScalarKind, Null) {
  for (std::string_view s : {"", "~", "null", "Null", "NULL"})
    EXPECT_EQ(describe(yaml_plain_scalar_kind(s)), describe(Kind::null)) << "'" << s << "'";
  for (std::string_view s : {"nULL", "nil", "None", "~~", "null "})
    EXPECT_EQ(describe(yaml_plain_scalar_kind(s)), describe(Kind::string)) << "'" << s << "'";
}

TEST(YamlPlainScalarKind, Booleans) {
  for (std::string_view s : {"true", "True", "TRUE", "false", "False", "FALSE"})
    EXPECT_EQ(describe(yaml_plain_scalar_kind(s)), describe(Kind::boolean)) << s;
  // YAML 1.1 booleans are strings in the core schema.
  for (std::string_view s : {"yes", "Yes", "no", "No", "on", "off", "y", "n", "tRUE", "fAlse"})
    EXPECT_EQ(describe(yaml_plain_scalar_kind(s)), describe(Kind::string)) << s;
}

TEST(YamlPlainScalarKind, Numbers) {
  for (std::string_view s : {"0",    "7",    "-7",    "+7",    "007",   "1.5",   ".5",    "-.5",  "+.5",  "5.",
                             "1e3",  "1E3",  "1e+3",  "1e-3",  "-1.5e-3", "2.E5", ".5e1", "0x1F", "0x1f", "0xDEADbeef",
                             "0o17", "0o0",  ".inf",  ".Inf",  ".INF",  "-.inf", "+.inf", ".nan", ".NaN", ".NAN"})
    EXPECT_EQ(describe(yaml_plain_scalar_kind(s)), describe(Kind::number)) << s;
}

TEST(YamlPlainScalarKind, NumberLookalikesAreStrings) {
  for (std::string_view s : {"16Gi",  "500m", "1e",   "1e+",  "e3",    ".",    "-",     "+",    "1.2.3", "0x",
                             "0xG",   "0X1F", "0o",   "0o8",  "0O17",  "0b101", "1_000", "1,000", " 1",   "1 ",
                             "inf",   ".infinity", "-.nan", "+.nan", "nan", "12abc", "--1", "1e3.5", "0x1F.5"})
    EXPECT_EQ(describe(yaml_plain_scalar_kind(s)), describe(Kind::string)) << "'" << s << "'";
}

// PRODUCT BUG: the core schema's infinity is [-+]?(\.inf|\.Inf|\.INF), but only "-.inf" and
// "+.inf" are taken as signed numbers: yaml_plain_scalar_kind("-.Inf") (also "-.INF", "+.Inf",
// "+.INF") returns string; expected number. The YAML writer then leaves such a string plain
// only because it starts with '-' or '+', and the reader types "key: -.Inf" as a string.
TEST(YamlPlainScalarKind, DISABLED_SignedInfinityInEveryCase) {
  for (std::string_view s : {"-.Inf", "-.INF", "+.Inf", "+.INF"})
    EXPECT_EQ(describe(yaml_plain_scalar_kind(s)), describe(Kind::number)) << s;
  EXPECT_EQ(describe(value_of("-.Inf").kind), describe(Kind::number));
}

// ---------------------------------------------------------------------------------------------
// YamlReaderTyping

TEST(YamlReaderTyping, PlainScalarsFollowTheCoreSchema) {
  const std::vector<KindCase> cases = {
      {"~", Kind::null},          {"null", Kind::null},       {"Null", Kind::null},     {"NULL", Kind::null},
      {"true", Kind::boolean},    {"True", Kind::boolean},    {"TRUE", Kind::boolean},  {"false", Kind::boolean},
      {"yes", Kind::string},      {"no", Kind::string},       {"on", Kind::string},     {"off", Kind::string},
      {"2", Kind::number},        {"-2", Kind::number},       {".5", Kind::number},     {"1e3", Kind::number},
      {"1.5e-3", Kind::number},   {"0x1F", Kind::number},     {"0o17", Kind::number},   {".inf", Kind::number},
      {"-.inf", Kind::number},    {".NaN", Kind::number},     {"16Gi", Kind::string},   {"500m", Kind::string},
      {"0X1F", Kind::string},     {"1_000", Kind::string},    {"amlarc-testing", Kind::string},
  };
  for (const auto& c : cases) {
    const Node node = value_of(c.text);
    EXPECT_EQ(describe(node.kind), describe(c.kind)) << c.text;
    if (c.kind != Kind::null) {
      EXPECT_EQ(node.text, c.text);
    }
  }
}

TEST(YamlReaderTyping, QuotedScalarsAreAlwaysStrings) {
  for (std::string_view text : {"\"2\"", "'2'", "\"true\"", "'TRUE'", "\"null\"", "'~'", "\"\"", "''", "\"1e3\"",
                                "'0x1F'", "\".inf\""}) {
    const Node node = value_of(text);
    EXPECT_EQ(describe(node.kind), describe(Kind::string)) << text;
    EXPECT_EQ(node.text, text.substr(1, text.size() - 2)) << text;
  }
}

TEST(YamlReaderTyping, EmptyValueIsNull) {
  const Node root = parse("a:\nb: 1\n");
  ASSERT_EQ(root.entries.size(), 2u);
  EXPECT_EQ(describe(root.entries[0].value.kind), describe(Kind::null));
  EXPECT_EQ(describe(root.entries[1].value.kind), describe(Kind::number));
}

TEST(YamlReaderTyping, BlockScalarsAndExplicitTagsAreStrings) {
  const Node literal = parse("a: |\n  hello\n  world\n").entries.at(0).value;
  EXPECT_EQ(describe(literal.kind), describe(Kind::string));
  EXPECT_EQ(literal.text, "hello\nworld\n");
  const Node folded = parse("a: >-\n  1\n  2\n").entries.at(0).value;
  EXPECT_EQ(describe(folded.kind), describe(Kind::string));
  EXPECT_EQ(folded.text, "1 2");
  const Node tagged = value_of("!!str 5");
  EXPECT_EQ(describe(tagged.kind), describe(Kind::string));
  EXPECT_EQ(tagged.text, "5");
}

TEST(YamlReaderTyping, EscapesInDoubleQuotes) {
  EXPECT_EQ(value_of(R"("a\tb\n\u00e9\"")").text, "a\tb\n\xC3\xA9\"");
  EXPECT_EQ(value_of("'it''s'").text, "it's");
}

// ---------------------------------------------------------------------------------------------
// YamlReaderStructure

TEST(YamlReaderStructure, NestedMapsAndSequences) {
  const Node root = parse("a:\n  b: 1\n  c:\n    - d: 2\n      e: x\n    - [3, \"4\"]\nf: {g: true}\n");
  ASSERT_EQ(describe(root.kind), describe(Kind::map));
  ASSERT_EQ(root.entries.size(), 2u);
  const Node& a = root.entries[0].value;
  ASSERT_EQ(describe(a.kind), describe(Kind::map));
  ASSERT_EQ(a.entries.size(), 2u);
  EXPECT_EQ(a.entries[0].key, "b");
  const Node& c = a.entries[1].value;
  ASSERT_EQ(describe(c.kind), describe(Kind::sequence));
  ASSERT_EQ(c.items.size(), 2u);
  ASSERT_EQ(describe(c.items[0].kind), describe(Kind::map));
  ASSERT_EQ(c.items[0].entries.size(), 2u);
  EXPECT_EQ(c.items[0].entries[1].key, "e");
  EXPECT_EQ(c.items[0].entries[1].value.text, "x");
  ASSERT_EQ(describe(c.items[1].kind), describe(Kind::sequence));
  ASSERT_EQ(c.items[1].items.size(), 2u);
  EXPECT_EQ(describe(c.items[1].items[0].kind), describe(Kind::number));
  EXPECT_EQ(describe(c.items[1].items[1].kind), describe(Kind::string));
  const Node& f = root.entries[1].value;
  ASSERT_EQ(describe(f.kind), describe(Kind::map));
  EXPECT_EQ(describe(f.entries.at(0).value.kind), describe(Kind::boolean));
}

TEST(YamlReaderStructure, RootMayBeAnyKind) {
  EXPECT_EQ(describe(parse("- a\n- b\n").kind), describe(Kind::sequence));
  EXPECT_EQ(describe(parse("[]").kind), describe(Kind::sequence));
  EXPECT_EQ(describe(parse("{}").kind), describe(Kind::map));
  const Node scalar = parse("word");
  EXPECT_EQ(describe(scalar.kind), describe(Kind::string));
  EXPECT_EQ(scalar.text, "word");
  EXPECT_EQ(describe(parse("\"q\"").kind), describe(Kind::string));
  EXPECT_EQ(describe(parse("5").kind), describe(Kind::number));
}

TEST(YamlReaderStructure, DuplicateKeysAreKeptInDocumentOrder) {
  const Node root = parse("b: 1\na: 2\nb: 3\n");
  ASSERT_EQ(root.entries.size(), 3u);
  EXPECT_EQ(root.entries[0].key, "b");
  EXPECT_EQ(root.entries[0].value.text, "1");
  EXPECT_EQ(root.entries[1].key, "a");
  EXPECT_EQ(root.entries[2].key, "b");
  EXPECT_EQ(root.entries[2].value.text, "3");
  EXPECT_EQ(at(root.entries[2].key_position), "3:1");
  EXPECT_EQ(at(root.entries[2].value.position), "3:4");
}

TEST(YamlReaderStructure, ByteOrderMarkIsSkipped) {
  const Node root = parse("\xEF\xBB\xBF" "a: 1\n");
  ASSERT_EQ(root.entries.size(), 1u);
  EXPECT_EQ(root.entries[0].key, "a");
  EXPECT_EQ(at(root.entries[0].key_position), "1:1");
  EXPECT_EQ(at(root.entries[0].value.position), "1:4");
}

TEST(YamlReaderStructure, CommentsAndDocumentMarkersAroundOneDocument) {
  const Node root = parse("# leading comment\n---\na: 1 # trailing\n...\n");
  ASSERT_EQ(root.entries.size(), 1u);
  EXPECT_EQ(root.entries[0].value.text, "1");
  EXPECT_EQ(at(root.entries[0].key_position), "3:1");
}

// ---------------------------------------------------------------------------------------------
// YamlReaderPositions

TEST(YamlReaderPositions, KeysAndValues) {
  const Node root = parse("a:\n  b: 1\n  c:\n    - d: 2\n      e: x\n    - [3, \"4\"]\nf: {g: true}\n");
  EXPECT_EQ(at(root.position), "1:1");
  EXPECT_EQ(at(root.entries[0].key_position), "1:1");
  const Node& a = root.entries[0].value;
  EXPECT_EQ(at(a.position), "2:3");
  EXPECT_EQ(at(a.entries[0].key_position), "2:3");
  EXPECT_EQ(at(a.entries[0].value.position), "2:6");
  EXPECT_EQ(at(a.entries[1].key_position), "3:3");
  const Node& c = a.entries[1].value;
  EXPECT_EQ(at(c.position), "4:5");
  EXPECT_EQ(at(c.items[0].position), "4:7");
  EXPECT_EQ(at(c.items[0].entries[0].key_position), "4:7");
  EXPECT_EQ(at(c.items[0].entries[0].value.position), "4:10");
  EXPECT_EQ(at(c.items[0].entries[1].key_position), "5:7");
  EXPECT_EQ(at(c.items[0].entries[1].value.position), "5:10");
  EXPECT_EQ(at(c.items[1].position), "6:7");
  EXPECT_EQ(at(c.items[1].items[0].position), "6:8");
  EXPECT_EQ(at(c.items[1].items[1].position), "6:11");
  EXPECT_EQ(at(root.entries[1].key_position), "7:1");
  const Node& f = root.entries[1].value;
  EXPECT_EQ(at(f.position), "7:4");
  EXPECT_EQ(at(f.entries[0].key_position), "7:5");
  EXPECT_EQ(at(f.entries[0].value.position), "7:8");
}

TEST(YamlReaderPositions, QuotedScalarsStartAtTheQuote) {
  const Node root = parse("k: \"v\"\n'q': 'w'\n");
  ASSERT_EQ(root.entries.size(), 2u);
  EXPECT_EQ(at(root.entries[0].value.position), "1:4");
  EXPECT_EQ(at(root.entries[1].key_position), "2:1");
  EXPECT_EQ(at(root.entries[1].value.position), "2:6");
}

// PRODUCT BUG: YAML columns count bytes, not characters (yaml-cpp's Mark counts bytes and
// read_yaml passes it through): input "\"é\": x" gives the value at 1:7; expected 1:6, as
// read_json counts columns. Every diagnostic after a non-ASCII character on its line is off.
TEST(YamlReaderPositions, DISABLED_ColumnsCountCharactersNotBytes) {
  const Node root = parse("\"é\": x\nk: [ü, €, 😀, v]\n");
  ASSERT_EQ(root.entries.size(), 2u);
  EXPECT_EQ(at(root.entries[0].value.position), "1:6");
  const Node& list = root.entries[1].value;
  ASSERT_EQ(list.items.size(), 4u);
  EXPECT_EQ(at(list.items[0].position), "2:5");
  EXPECT_EQ(at(list.items[1].position), "2:8");
  EXPECT_EQ(at(list.items[2].position), "2:11");
  EXPECT_EQ(at(list.items[3].position), "2:14");
}

// ---------------------------------------------------------------------------------------------
// YamlReaderErrors

TEST(YamlReaderErrors, EmptyDocument) {
  for (std::string_view text : {"", "\n\n", "# only a comment\n", "---\n", "---\n...\n"}) {
    const ParseError error = parse_error(text);
    EXPECT_EQ(at(error.position), "1:1") << "'" << text << "'";
    EXPECT_EQ(error.message, "the document is empty") << "'" << text << "'";
    EXPECT_EQ(error.hint, "expected a map of settings") << "'" << text << "'";
  }
}

// PRODUCT BUG: a document that is an explicit null is reported as empty: read_yaml("null\n")
// and read_yaml("~\n") fail with "the document is empty" at 1:1; expected a null Node at 1:1,
// as read_json("null") gives (the loader then applies the service default to both).
TEST(YamlReaderErrors, DISABLED_ExplicitNullDocumentIsNotEmpty) {
  for (std::string_view text : {"null\n", "~\n"}) {
    auto parsed = read_yaml(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().message;
    EXPECT_EQ(describe(parsed.value().kind), describe(Kind::null));
    EXPECT_EQ(at(parsed.value().position), "1:1");
  }
}

TEST(YamlReaderErrors, MultipleDocuments) {
  const ParseError two = parse_error("a: 1\n---\nb: 2\n");
  EXPECT_EQ(at(two.position), "3:1");
  EXPECT_EQ(two.message, "the file holds 2 YAML documents; one is expected");
  EXPECT_EQ(two.hint, "remove the '---' separators, or split the file");

  const ParseError three = parse_error("---\na: 1\n---\n  b: 2\n---\nc: 3\n");
  EXPECT_EQ(at(three.position), "4:3");
  EXPECT_EQ(three.message, "the file holds 3 YAML documents; one is expected");
}

TEST(YamlReaderErrors, SyntaxErrorsCarryThePosition) {
  const std::string hint = "check the indentation and quoting around this point";
  struct Case {
    std::string_view text;
    std::string_view position;
    std::string_view message;
  };
  const std::vector<Case> cases = {
      {"a: b: c\n", "1:5", "illegal map value"},
      {"a: 1\n  b: 2\n", "2:4", "illegal map value"},
      {"a: 1\n- 2\n", "2:1", "end of map not found"},
      {"a: [1, 2\n", "2:1", "end of sequence flow not found"},
      {"a: 1\nb: {c: 1\n", "3:1", "end of map flow not found"},
      {"a: \"x", "1:6", "illegal EOF in scalar"},
  };
  for (const auto& c : cases) {
    const ParseError error = parse_error(c.text);
    EXPECT_EQ(at(error.position), c.position) << c.text;
    EXPECT_EQ(error.message, c.message) << c.text;
    EXPECT_EQ(error.hint, hint) << c.text;
  }
}

// PRODUCT BUG: an unclosed flow collection at the very end of the input (no final newline) is
// reported at 1:1: read_yaml("a: [1, 2") gives "end of sequence flow not found" at 1:1;
// expected the end of the input, 1:9 (with a final newline it correctly says 2:1).
TEST(YamlReaderErrors, DISABLED_UnclosedFlowAtEndOfInputIsReportedThere) {
  EXPECT_EQ(at(parse_error("a: [1, 2").position), "1:9");
  EXPECT_EQ(at(parse_error("x: 1\na: {b: 1").position), "2:10");
}

// PRODUCT BUG: an unterminated double-quoted scalar followed by a line break is accepted
// (yaml-cpp reads to the end of the input): read_yaml("a: 1\nb: \"x\n") succeeds with
// b = "x "; expected a syntax error (as "a: \"x" without the final newline gives
// "illegal EOF in scalar").
TEST(YamlReaderErrors, DISABLED_UnterminatedQuotedScalarIsAnError) {
  auto parsed = read_yaml("a: 1\nb: \"x\n");
  EXPECT_FALSE(parsed.ok());
}

// ---------------------------------------------------------------------------------------------
// YamlReaderAliases

TEST(YamlReaderAliases, AreExpandedWithTheAnchoredValue) {
  const Node root = parse("base: &b {cpu: \"1\", memory: 4Gi}\nfirst: *b\nsecond: *b\nlist: &l [1, 2]\nagain: *l\n");
  ASSERT_EQ(root.entries.size(), 5u);
  for (std::size_t i : {1u, 2u}) {
    const Node& copy = root.entries[i].value;
    ASSERT_EQ(describe(copy.kind), describe(Kind::map)) << i;
    ASSERT_EQ(copy.entries.size(), 2u) << i;
    EXPECT_EQ(copy.entries[0].key, "cpu");
    EXPECT_EQ(describe(copy.entries[0].value.kind), describe(Kind::string));
    EXPECT_EQ(copy.entries[0].value.text, "1");
    EXPECT_EQ(copy.entries[1].value.text, "4Gi");
  }
  ASSERT_EQ(root.entries[4].value.items.size(), 2u);
  EXPECT_EQ(root.entries[4].value.items[1].text, "2");
}

TEST(YamlReaderAliases, BillionLaughsFailsQuicklyWithTheAliasesMessage) {
  // Nine levels of nine aliases each: 9^9 (387 million) values from 350 bytes.
  std::string text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  const std::string names = "abcdefghi";
  for (std::size_t level = 1; level < names.size(); ++level) {
    const std::string alias = std::string("*") + names[level - 1];
    text += std::string(1, names[level]) + ": &" + names[level] + " [";
    for (int i = 0; i < 9; ++i) text += (i ? ", " : "") + alias;
    text += "]\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const ParseError error = parse_error(text);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(at(error.position), "1:1");
  EXPECT_EQ(error.message, "the document expands to too many values through aliases");
  EXPECT_EQ(error.hint, "write the values out instead of using anchors and aliases");
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST(YamlReaderAliases, LargeDocumentsWithoutAliasesAreNotLimited) {
  std::string text = "items:\n";
  for (int i = 0; i < 20000; ++i) text += "  - " + std::to_string(i) + "\n";
  const Node root = parse(text);
  ASSERT_EQ(root.entries.size(), 1u);
  ASSERT_EQ(root.entries[0].value.items.size(), 20000u);
  EXPECT_EQ(root.entries[0].value.items.back().text, "19999");
  EXPECT_EQ(at(root.entries[0].value.items.back().position), "20001:5");
}

}  // namespace
}  // namespace azureml::config
