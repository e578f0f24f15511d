#include "core/config/yaml_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace azureml::config {
namespace {

using Kind = Node::Kind;

Node parse_yaml(std::string_view text) {
  auto parsed = read_yaml(text);
  EXPECT_TRUE(parsed.ok()) << "'" << text << "': "
                           << (parsed.ok() ? "" : to_string(parsed.error().position) + " " + parsed.error().message);
  return parsed.ok() ? parsed.value() : Node();
}

ParseError yaml_parse_error(std::string_view text) {
  auto parsed = read_yaml(text);
  EXPECT_FALSE(parsed.ok()) << "'" << text << "' parsed";
  return parsed.ok() ? ParseError{} : parsed.error();
}

std::string at(Position position) { return to_string(position); }

// The value of `key: <scalar>` read as a one-entry map.
Node value_of(std::string_view scalar) {
  const Node root = parse_yaml("key: " + std::string(scalar) + "\n");
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
  for (std::string_view s : {"0",    "7",   "-7",   "+7",   "007",     "1.5",   ".5",    "-.5",  "+.5",  "5.",
                             "1e3",  "1E3", "1e+3", "1e-3", "-1.5e-3", "2.E5",  ".5e1",  "0x1F", "0x1f", "0xDEADbeef",
                             "0o17", "0o0", ".inf", ".Inf", ".INF",    "-.inf", "+.inf", ".nan", ".NaN", ".NAN"})
    EXPECT_EQ(describe(yaml_plain_scalar_kind(s)), describe(Kind::number)) << s;
}

TEST(YamlPlainScalarKind, NumberLookalikesAreStrings) {
  for (std::string_view s : {"16Gi", "500m",      "1e",    "1e+",   "e3",   ".",     "-",     "+",     "1.2.3", "0x",
                             "0xG",  "0X1F",      "0o",    "0o8",   "0O17", "0b101", "1_000", "1,000", " 1",    "1 ",
                             "inf",  ".infinity", "-.nan", "+.nan", "nan",  "12abc", "--1",   "1e3.5", "0x1F.5"})
    EXPECT_EQ(describe(yaml_plain_scalar_kind(s)), describe(Kind::string)) << "'" << s << "'";
}

// The core schema's infinity is [-+]?(\.inf|\.Inf|\.INF).
TEST(YamlPlainScalarKind, SignedInfinityInEveryCase) {
  for (std::string_view s : {"-.inf", "-.Inf", "-.INF", "+.inf", "+.Inf", "+.INF"})
    EXPECT_EQ(describe(yaml_plain_scalar_kind(s)), describe(Kind::number)) << s;
  for (std::string_view s : {"-.iNF", "+-.inf", "--.Inf", "-inf", "+.Nan", "-.NaN"})
    EXPECT_EQ(describe(yaml_plain_scalar_kind(s)), describe(Kind::string)) << s;
  EXPECT_EQ(describe(value_of("-.Inf").kind), describe(Kind::number));
  EXPECT_EQ(value_of("+.INF").text, "+.INF");
}

// ---------------------------------------------------------------------------------------------
// YamlReaderTyping

TEST(YamlReaderTyping, PlainScalarsFollowTheCoreSchema) {
  const std::vector<KindCase> cases = {
      {"~", Kind::null},       {"null", Kind::null},     {"Null", Kind::null},
      {"NULL", Kind::null},    {"true", Kind::boolean},  {"True", Kind::boolean},
      {"TRUE", Kind::boolean}, {"false", Kind::boolean}, {"yes", Kind::string},
      {"no", Kind::string},    {"on", Kind::string},     {"off", Kind::string},
      {"2", Kind::number},     {"-2", Kind::number},     {".5", Kind::number},
      {"1e3", Kind::number},   {"1.5e-3", Kind::number}, {"0x1F", Kind::number},
      {"0o17", Kind::number},  {".inf", Kind::number},   {"-.inf", Kind::number},
      {".NaN", Kind::number},  {"16Gi", Kind::string},   {"500m", Kind::string},
      {"0X1F", Kind::string},  {"1_000", Kind::string},  {"amlarc-testing", Kind::string},
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
  for (std::string_view text :
       {"\"2\"", "'2'", "\"true\"", "'TRUE'", "\"null\"", "'~'", "\"\"", "''", "\"1e3\"", "'0x1F'", "\".inf\""}) {
    const Node node = value_of(text);
    EXPECT_EQ(describe(node.kind), describe(Kind::string)) << text;
    EXPECT_EQ(node.text, text.substr(1, text.size() - 2)) << text;
  }
}

TEST(YamlReaderTyping, EmptyValueIsNull) {
  const Node root = parse_yaml("a:\nb: 1\n");
  ASSERT_EQ(root.entries.size(), 2u);
  EXPECT_EQ(describe(root.entries[0].value.kind), describe(Kind::null));
  EXPECT_EQ(describe(root.entries[1].value.kind), describe(Kind::number));
}

TEST(YamlReaderTyping, BlockScalarsAndExplicitTagsAreStrings) {
  const Node literal = parse_yaml("a: |\n  hello\n  world\n").entries.at(0).value;
  EXPECT_EQ(describe(literal.kind), describe(Kind::string));
  EXPECT_EQ(literal.text, "hello\nworld\n");
  const Node folded = parse_yaml("a: >-\n  1\n  2\n").entries.at(0).value;
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
  const Node root = parse_yaml("a:\n  b: 1\n  c:\n    - d: 2\n      e: x\n    - [3, \"4\"]\nf: {g: true}\n");
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
  EXPECT_EQ(describe(parse_yaml("- a\n- b\n").kind), describe(Kind::sequence));
  EXPECT_EQ(describe(parse_yaml("[]").kind), describe(Kind::sequence));
  EXPECT_EQ(describe(parse_yaml("{}").kind), describe(Kind::map));
  const Node scalar = parse_yaml("word");
  EXPECT_EQ(describe(scalar.kind), describe(Kind::string));
  EXPECT_EQ(scalar.text, "word");
  EXPECT_EQ(describe(parse_yaml("\"q\"").kind), describe(Kind::string));
  EXPECT_EQ(describe(parse_yaml("5").kind), describe(Kind::number));
}

TEST(YamlReaderStructure, DuplicateKeysAreKeptInDocumentOrder) {
  const Node root = parse_yaml("b: 1\na: 2\nb: 3\n");
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
  const Node root = parse_yaml(
      "\xEF\xBB\xBF"
      "a: 1\n");
  ASSERT_EQ(root.entries.size(), 1u);
  EXPECT_EQ(root.entries[0].key, "a");
  EXPECT_EQ(at(root.entries[0].key_position), "1:1");
  EXPECT_EQ(at(root.entries[0].value.position), "1:4");
}

TEST(YamlReaderStructure, CommentsAndDocumentMarkersAroundOneDocument) {
  const Node root = parse_yaml("# leading comment\n---\na: 1 # trailing\n...\n");
  ASSERT_EQ(root.entries.size(), 1u);
  EXPECT_EQ(root.entries[0].value.text, "1");
  EXPECT_EQ(at(root.entries[0].key_position), "3:1");
}

// ---------------------------------------------------------------------------------------------
// YamlReaderPositions

TEST(YamlReaderPositions, KeysAndValues) {
  const Node root = parse_yaml("a:\n  b: 1\n  c:\n    - d: 2\n      e: x\n    - [3, \"4\"]\nf: {g: true}\n");
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
  const Node root = parse_yaml("k: \"v\"\n'q': 'w'\n");
  ASSERT_EQ(root.entries.size(), 2u);
  EXPECT_EQ(at(root.entries[0].value.position), "1:4");
  EXPECT_EQ(at(root.entries[1].key_position), "2:1");
  EXPECT_EQ(at(root.entries[1].value.position), "2:6");
}

// Columns count UTF-8 characters, as read_json does, not bytes.
TEST(YamlReaderPositions, ColumnsCountCharactersNotBytes) {
  const Node root = parse_yaml("\"é\": x\nk: [ü, €, 😀, v]\n");
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
    const ParseError error = yaml_parse_error(text);
    EXPECT_EQ(at(error.position), "1:1") << "'" << text << "'";
    EXPECT_EQ(error.message, "the document is empty") << "'" << text << "'";
    EXPECT_EQ(error.hint, "expected a map of settings") << "'" << text << "'";
  }
}

// A document that is an explicit null is a null Node at 1:1, as read_json("null") gives.
TEST(YamlReaderErrors, ExplicitNullDocumentIsNotEmpty) {
  for (std::string_view text : {"null\n", "~\n", "null", "~", "NULL # nothing\n", "Null\n...\n", "!!null\n"}) {
    auto parsed = read_yaml(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().message;
    EXPECT_EQ(describe(parsed.value().kind), describe(Kind::null));
    EXPECT_EQ(at(parsed.value().position), "1:1");
  }
}

TEST(YamlReaderErrors, MultipleDocuments) {
  const ParseError two = yaml_parse_error("a: 1\n---\nb: 2\n");
  EXPECT_EQ(at(two.position), "3:1");
  EXPECT_EQ(two.message, "the file holds 2 YAML documents; one is expected");
  EXPECT_EQ(two.hint, "remove the '---' separators, or split the file");

  const ParseError three = yaml_parse_error("---\na: 1\n---\n  b: 2\n---\nc: 3\n");
  EXPECT_EQ(at(three.position), "4:3");
  EXPECT_EQ(three.message, "the file holds 3 YAML documents; one is expected");
}

struct YamlErrorCase {
  std::string_view text;
  std::string_view position;
  std::string_view message;
  std::string_view hint;
};

void expect_yaml_errors(const std::vector<YamlErrorCase>& cases) {
  for (const auto& c : cases) {
    const ParseError error = yaml_parse_error(c.text);
    EXPECT_EQ(at(error.position), c.position) << c.text;
    EXPECT_EQ(error.message, c.message) << c.text;
    EXPECT_EQ(error.hint, c.hint) << c.text;
  }
}

const std::string_view kIndentation = "check the indentation and quoting around this point";
const std::string_view kFlowEnd =
    "remove this bracket, or make it match the one it closes ('[' with ']', '{' with '}')";

TEST(YamlReaderErrors, SyntaxErrorsCarryThePosition) {
  expect_yaml_errors({
      {"a: b: c\n", "1:5", "illegal map value", kIndentation},
      {"a: 1\n  b: 2\n", "2:4", "illegal map value", kIndentation},
      {"a: 1\n- 2\n", "2:1", "end of map not found", kIndentation},
      {"a: [1, 2\n", "2:1", "end of sequence flow not found", "close the list with ']'"},
      {"a: 1\nb: {c: 1\n", "3:1", "end of map flow not found", "close the map with '}'"},
      {"a: \"x", "1:6", "illegal EOF in scalar", "close the quoted string"},
  });
}

// The hint says what to do about that error; the indentation hint only where it applies.
TEST(YamlReaderErrors, HintsFitTheError) {
  expect_yaml_errors({
      {"- - a\n  b: 1\n", "2:3", "end of sequence not found", kIndentation},
      {"a: {b: 1}}\n", "1:10", "illegal flow end", kFlowEnd},
      {"a: [1]]\n", "1:7", "illegal flow end", kFlowEnd},
      {"a: &x &y 1\n", "1:7", "cannot assign multiple anchors to the same node", "give a value at most one anchor"},
      {"a: !!str !!str 1\n", "1:10", "cannot assign multiple tags to the same node", "give a value at most one tag"},
  });
}

TEST(YamlReaderErrors, UndefinedAliasIsNamed) {
  expect_yaml_errors({
      {"a: *nope\n", "1:4", "the alias '*nope' refers to no anchor", "define '&nope' before using it"},
      {"a: [1, *base-2, 3]\n", "1:8", "the alias '*base-2' refers to no anchor", "define '&base-2' before using it"},
      {"é: {b: *x}\n", "1:8", "the alias '*x' refers to no anchor", "define '&x' before using it"},
      // An alias before its anchor does not see it.
      {"a: *x\nb: &x 1\n", "1:4", "the alias '*x' refers to no anchor", "define '&x' before using it"},
  });
}

TEST(YamlReaderErrors, UnknownEscapeIsShownAtTheBackslash) {
  const std::string hint =
      "YAML double-quoted escapes are \\\" \\\\ \\/ \\n \\t \\r \\0 \\xXX \\uXXXX ...; or use single quotes";
  expect_yaml_errors({
      {"a: \"x\\qy\"\n", "1:6", "unknown escape '\\q'", hint},
      {"a: \"\\q\"", "1:5", "unknown escape '\\q'", hint},
      {"é: \"ü\\é\"\n", "1:6", "unknown escape '\\é'", hint},
      {"a:\n  - \"ok\\n\"\n  - \"c:\\dir\"\n", "3:8", "unknown escape '\\d'", hint},
  });
  EXPECT_EQ(value_of("'c:\\Users'").text, "c:\\Users");  // single quotes have no escapes
}

// yaml-cpp starts a new document at a line that cannot continue the first one; without '---'
// (or a '...' line before it) that is a mistake in the first document, not a second one.
TEST(YamlReaderErrors, ContentAfterTheDocumentIsNotASecondDocument) {
  expect_yaml_errors({
      {"- a\nb: 1\n", "2:1", "unexpected content after the end of the document", kIndentation},
      {"- a\n# c\n\nb: 1\n", "4:1", "unexpected content after the end of the document", kIndentation},
  });
  // yaml-cpp would start empty documents at a stray ',' forever.
  const auto start = std::chrono::steady_clock::now();
  expect_yaml_errors({
      {"- a\n, b\n", "2:1", "unexpected ','", kIndentation},
      {", a\n", "1:1", "unexpected ','", kIndentation},
  });
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  const ParseError after_end = yaml_parse_error("a: 1\n...\n# c\nb: 2\n");
  EXPECT_EQ(after_end.message, "the file holds 2 YAML documents; one is expected");
  EXPECT_EQ(at(after_end.position), "4:1");
}

// yaml-cpp has no usable mark at the very end of the input: the error is at the end.
TEST(YamlReaderErrors, UnclosedFlowAtEndOfInputIsReportedThere) {
  const ParseError list = yaml_parse_error("a: [1, 2");
  EXPECT_EQ(at(list.position), "1:9");
  EXPECT_EQ(list.message, "end of sequence flow not found");
  EXPECT_EQ(at(yaml_parse_error("x: 1\na: {b: 1").position), "2:9");  // "a: {b: 1" is 8 characters
  EXPECT_EQ(at(yaml_parse_error("a: [é, ü").position), "1:9");
}

// yaml-cpp accepts a quoted scalar whose opening quote is followed by a line break and never
// closed (it reads to the end of the input); it is an error at the end of the input.
TEST(YamlReaderErrors, UnterminatedQuotedScalarIsAnError) {
  const ParseError double_quoted = yaml_parse_error("a: 1\nb: \"x\n");
  EXPECT_EQ(at(double_quoted.position), "3:1");
  EXPECT_EQ(double_quoted.message, "unterminated quoted string starting at line 2, column 4");
  EXPECT_EQ(double_quoted.hint, "close the string with '\"'");

  const ParseError single_quoted = yaml_parse_error("a: 1\nb: 'x\nc: 2\n");
  EXPECT_EQ(at(single_quoted.position), "4:1");
  EXPECT_EQ(single_quoted.message, "unterminated quoted string starting at line 2, column 4");
  EXPECT_EQ(single_quoted.hint, "close the string with \"'\"");

  // Escaped quotes do not close; "é" counts one column.
  EXPECT_EQ(yaml_parse_error("é: \"x\\\"\n").message, "unterminated quoted string starting at line 1, column 4");
  EXPECT_EQ(yaml_parse_error("a: 'it''s\n").message, "unterminated quoted string starting at line 1, column 4");

  // Closed quoted scalars over several lines are fine.
  EXPECT_EQ(value_of("\"x\n  y\"").text, "x y");
  EXPECT_EQ(value_of("'it''s\n  ok'").text, "it's ok");
  EXPECT_EQ(value_of("!!str \"a\\\"b\"").text, "a\"b");
}

// ---------------------------------------------------------------------------------------------
// YamlReaderAliases

TEST(YamlReaderAliases, AreExpandedWithTheAnchoredValue) {
  const Node root =
      parse_yaml("base: &b {cpu: \"1\", memory: 4Gi}\nfirst: *b\nsecond: *b\nlist: &l [1, 2]\nagain: *l\n");
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
  const ParseError error = yaml_parse_error(text);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(at(error.position), "1:1");
  EXPECT_EQ(error.message, "the document expands to too many values through aliases");
  EXPECT_EQ(error.hint, "write the values out instead of using anchors and aliases");
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST(YamlReaderAliases, LargeDocumentsWithoutAliasesAreNotLimited) {
  std::string text = "items:\n";
  for (int i = 0; i < 20000; ++i) text += "  - " + std::to_string(i) + "\n";
  const Node root = parse_yaml(text);
  ASSERT_EQ(root.entries.size(), 1u);
  ASSERT_EQ(root.entries[0].value.items.size(), 20000u);
  EXPECT_EQ(root.entries[0].value.items.back().text, "19999");
  EXPECT_EQ(at(root.entries[0].value.items.back().position), "20001:5");
}

TEST(YamlReaderAliases, AliasInsideItsOwnAnchorIsAnError) {
  expect_yaml_errors({
      {"a: &x [1, *x]\n", "1:11", "the alias '*x' is used inside the value it refers to",
       "an alias cannot refer to a value that contains it"},
      {"a: &m\n  b: *m\n", "2:6", "the alias '*m' is used inside the value it refers to",
       "an alias cannot refer to a value that contains it"},
  });
}

TEST(YamlReaderAliases, AnchoredKeysAndScalars) {
  const Node root = parse_yaml("&k name: &v value\nother: *k\n*v : 3\n");
  ASSERT_EQ(root.entries.size(), 3u);
  EXPECT_EQ(root.entries[0].key, "name");
  EXPECT_EQ(root.entries[1].value.text, "name");
  EXPECT_EQ(describe(root.entries[1].value.kind), describe(Kind::string));
  EXPECT_EQ(root.entries[2].key, "value");
  EXPECT_EQ(at(root.entries[2].key_position), "3:1");
  // A redefined anchor: an alias refers to the latest definition before it.
  const Node again = parse_yaml("a: &x 1\nb: *x\nc: &x two\nd: *x\n");
  EXPECT_EQ(again.entries[1].value.text, "1");
  EXPECT_EQ(again.entries[3].value.text, "two");
}

TEST(YamlReaderAliases, CopiesKeepTheAnchoredPositions) {
  const Node root = parse_yaml("base: &b {cpu: 1}\nuse: *b\n");
  const Node& copy = root.entries[1].value;
  EXPECT_EQ(at(copy.position), "1:7");
  EXPECT_EQ(at(copy.entries.at(0).key_position), "1:11");
  EXPECT_EQ(at(copy.entries.at(0).value.position), "1:16");
}

// ---------------------------------------------------------------------------------------------
// YamlReaderTabs: a tab that starts a line's indentation (block context) is named as the cause.

TEST(YamlReaderTabs, TabIndentationIsReportedAtTheTab) {
  const std::string_view hint = "YAML indents with spaces only; replace the tab with spaces";
  expect_yaml_errors({
      {"a:\n\tb: 1\n", "2:1", "a tab indents this line", hint},
      {"namespace: amlarc-testing\n\tdefaultInstanceType: cpu\n", "2:1", "a tab indents this line", hint},
      {"a:\n  b: 1\n\t c: 2\n", "3:1", "a tab indents this line", hint},
      // The first such line at or before the error.
      {"a:\n\tb: 1\n\tc: 2\nd: e: f\n", "2:1", "a tab indents this line", hint},
      // yaml-cpp finds this one itself: it takes no tab before a comment either.
      {"a: 1\n\t# note\nb: 2\n", "2:1", "a tab indents this line", hint},
  });
}

TEST(YamlReaderTabs, OtherTabsAreNotBlamed) {
  expect_yaml_errors({
      // After the error line.
      {"a: b: c\n\td: 1\n", "1:5", "illegal map value", kIndentation},
      // Inside a quoted string over several lines.
      {"a: \"x\n\ty\"\nb: c: d\n", "3:5", "illegal map value", kIndentation},
      // Inside a flow collection, where tabs separate.
      {"a: [1,\n\t2]\nb: c: d\n", "3:5", "illegal map value", kIndentation},
      // Inside a block scalar.
      {"a: |\n  x\n  \ty\nb: c: d\n", "4:5", "illegal map value", kIndentation},
  });
  // Tabs after the indentation separate, and tabs in scalars are kept.
  const Node root = parse_yaml("a:\t1\nb: \"x\ty\"\nc: [1,\t2]\n");
  EXPECT_EQ(root.entries.at(0).value.text, "1");
  EXPECT_EQ(root.entries.at(1).value.text, "x\ty");
  EXPECT_EQ(root.entries.at(2).value.items.size(), 2u);
}

// ---------------------------------------------------------------------------------------------
// YamlReaderKeys

TEST(YamlReaderKeys, KeysMustBeScalars) {
  const std::string_view hint = "write the key as a plain or quoted string";
  expect_yaml_errors({
      {"? [a, b]\n: c\n", "1:3", "keys must be strings, found a list", hint},
      {"x: 1\n? {a: 1}\n: c\n", "2:3", "keys must be strings, found a map", hint},
      {"? - a\n: c\n", "1:3", "keys must be strings, found a list", hint},
      {"base: &b {x: 1}\n? *b\n: c\n", "2:3", "keys must be strings, found a map", hint},
  });
}

TEST(YamlReaderKeys, ScalarKeysOfEveryKind) {
  const Node root = parse_yaml("1: a\ntrue: b\n~: c\n\"q\": d\n!!str 5: e\n: f\n");
  ASSERT_EQ(root.entries.size(), 6u);
  EXPECT_EQ(root.entries[0].key, "1");
  EXPECT_EQ(root.entries[1].key, "true");
  EXPECT_EQ(root.entries[2].key, "~");
  EXPECT_EQ(root.entries[3].key, "q");
  EXPECT_EQ(root.entries[4].key, "5");
  EXPECT_EQ(root.entries[5].key, "");
  EXPECT_EQ(at(root.entries[3].key_position), "4:1");
  EXPECT_EQ(root.entries[5].value.text, "f");
}

// ---------------------------------------------------------------------------------------------
// YamlReaderMerge: YAML 1.1 merge keys, as kubectl's YAML library reads them.

TEST(YamlReaderMerge, MergesTheEntriesNotAlreadyPresent) {
  const Node root = parse_yaml("base: &base\n  cpu: \"1\"\n  memory: 4Gi\nsmall:\n  <<: *base\n  cpu: \"2\"\n");
  const Node& small = root.entries.at(1).value;
  ASSERT_EQ(small.entries.size(), 2u);
  EXPECT_EQ(small.entries[0].key, "memory");  // in place of the merge key
  EXPECT_EQ(small.entries[0].value.text, "4Gi");
  EXPECT_EQ(at(small.entries[0].key_position), "3:3");  // where it is written
  EXPECT_EQ(small.entries[1].key, "cpu");
  EXPECT_EQ(small.entries[1].value.text, "2");  // the map's own key wins, even after the merge
  const Node before = parse_yaml("base: &b {cpu: \"1\", gpu: \"0\"}\nx: {cpu: \"2\", <<: *b}\n").entries.at(1).value;
  ASSERT_EQ(before.entries.size(), 2u);
  EXPECT_EQ(before.entries[0].key, "cpu");
  EXPECT_EQ(before.entries[0].value.text, "2");
  EXPECT_EQ(before.entries[1].key, "gpu");
}

TEST(YamlReaderMerge, ListOfMapsEarlierWins) {
  const Node root = parse_yaml("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  w: 0\n");
  const Node& c = root.entries.at(2).value;
  ASSERT_EQ(c.entries.size(), 4u);
  EXPECT_EQ(c.entries[0].key, "x");
  EXPECT_EQ(c.entries[1].key, "y");
  EXPECT_EQ(c.entries[1].value.text, "1");
  EXPECT_EQ(c.entries[2].key, "z");
  EXPECT_EQ(c.entries[3].key, "w");
}

TEST(YamlReaderMerge, NestedMergesAndInlineMaps) {
  // An anchored map that itself merges, merged again; and an inline map.
  const Node root = parse_yaml("a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\nd: {<<: {k: v}}\n");
  const Node& c = root.entries.at(2).value;
  ASSERT_EQ(c.entries.size(), 3u);
  EXPECT_EQ(c.entries[0].key, "x");
  EXPECT_EQ(c.entries[1].key, "y");
  EXPECT_EQ(c.entries[2].key, "z");
  ASSERT_EQ(root.entries.at(1).value.entries.size(), 2u);
  EXPECT_EQ(root.entries.at(3).value.entries.at(0).key, "k");
}

TEST(YamlReaderMerge, QuotedKeyIsNotAMergeAndBadValuesAreErrors) {
  const Node quoted = parse_yaml("a: &a {x: 1}\nb: {\"<<\": *a}\n").entries.at(1).value;
  ASSERT_EQ(quoted.entries.size(), 1u);
  EXPECT_EQ(quoted.entries[0].key, "<<");
  const std::string_view hint = "write '<<: *name' where '&name' marks a map";
  expect_yaml_errors({
      {"a: &a x\nb:\n  <<: *a\n", "1:4", "the merge key ('<<') takes a map or a list of maps, found a string", hint},
      {"b:\n  <<: [{x: 1}, 2]\n", "2:16", "the merge key ('<<') takes a map or a list of maps, found a number", hint},
      {"b:\n  <<:\n", "2:3", "the merge key ('<<') takes a map or a list of maps, found null", hint},
  });
}

// ---------------------------------------------------------------------------------------------
// YamlReaderTags: explicit core tags are honoured; other tags are errors.

TEST(YamlReaderTags, CoreTags) {
  const std::vector<KindCase> cases = {
      {"!!str 5", Kind::string},       {"!!str true", Kind::string},
      {"!!str", Kind::string},         {"!!int 5", Kind::number},
      {"!!int \"5\"", Kind::number},   {"!!int -12", Kind::number},
      {"!!int 0o17", Kind::number},    {"!!float 1", Kind::number},
      {"!!float -.Inf", Kind::number}, {"!!float '2.5'", Kind::number},
      {"!!bool true", Kind::boolean},  {"!!bool 'FALSE'", Kind::boolean},
      {"!!null ~", Kind::null},        {"!!null", Kind::null},
      {"! 5", Kind::string},           {"!<tag:yaml.org,2002:int> 7", Kind::number},
      {"'5'", Kind::string},           {"\"true\"", Kind::string},
  };
  for (const auto& c : cases) EXPECT_EQ(describe(value_of(c.text).kind), describe(c.kind)) << c.text;
  EXPECT_EQ(value_of("!!int \"5\"").text, "5");
  EXPECT_EQ(describe(parse_yaml("a: !!map {b: 1}\n").entries.at(0).value.kind), describe(Kind::map));
  EXPECT_EQ(describe(parse_yaml("a: !!seq [1]\n").entries.at(0).value.kind), describe(Kind::sequence));
  EXPECT_EQ(describe(parse_yaml("!!map\na: 1\n").kind), describe(Kind::map));
}

TEST(YamlReaderTags, WrongValuesAndUnknownTagsAreErrors) {
  const std::string_view unsupported =
      "remove the tag; the tags understood are !!str, !!int, !!float, !!bool and !!null";
  const std::string_view integer = "write an integer, or remove the tag";
  expect_yaml_errors({
      {"a: !!int 1.5\n", "1:4", "the tag '!!int' needs an integer, found '1.5'", integer},
      {"a: !!int -0x1F\n", "1:4", "the tag '!!int' needs an integer, found '-0x1F'", integer},
      {"a: !!float 16Gi\n", "1:4", "the tag '!!float' needs a number, found '16Gi'",
       "write a number, or remove the tag"},
      {"a: !!bool yes\n", "1:4", "the tag '!!bool' needs true or false, found 'yes'",
       "write true or false, or remove the tag"},
      {"a: !!null x\n", "1:4", "the tag '!!null' needs null, found 'x'", "write null, or remove the tag"},
      {"a: !foo 1\n", "1:4", "unsupported tag '!foo'", unsupported},
      {"é: [!!binary aGk=]\n", "1:5", "unsupported tag '!!binary'", unsupported},
      {"a: !<x-custom> 1\n", "1:4", "unsupported tag 'x-custom'", unsupported},
      {"!!str 5: !!int x\n", "1:10", "the tag '!!int' needs an integer, found 'x'", integer},
      {"!foo k: 1\n", "1:1", "unsupported tag '!foo'", unsupported},
      {"a: !!str [1]\n", "1:4", "unsupported tag '!!str'", "remove the tag"},
      {"a: !!seq {b: 1}\n", "1:4", "unsupported tag '!!seq'", "remove the tag"},
      {"a: !!set {b}\n", "1:4", "unsupported tag '!!set'", "remove the tag"},
  });
}

// ---------------------------------------------------------------------------------------------
// YamlReaderDepth: as in JSON, a value may sit inside at most 256 lists or maps.

std::string nested_flow(std::size_t depth, std::string_view inner) {
  return std::string(depth, '[') + std::string(inner) + std::string(depth, ']');
}

TEST(YamlReaderDepth, TwoHundredFiftySixLevelsAreAccepted) {
  const Node root = parse_yaml(nested_flow(256, "1"));
  const Node* node = &root;
  for (int i = 0; i < 256; ++i) {
    ASSERT_EQ(node->items.size(), 1u) << i;
    node = &node->items[0];
  }
  EXPECT_EQ(describe(node->kind), describe(Kind::number));
  EXPECT_EQ(at(node->position), "1:257");
}

TEST(YamlReaderDepth, DeeperIsAnErrorWithTheJsonReadersWording) {
  const std::string message = "the document nests deeper than 256 levels";
  const ParseError flow = yaml_parse_error(nested_flow(257, "1"));
  EXPECT_EQ(at(flow.position), "1:258");
  EXPECT_EQ(flow.message, message);
  EXPECT_EQ(flow.hint, "");

  std::string block;
  for (int i = 0; i < 300; ++i) block += std::string(2 * static_cast<std::size_t>(i), ' ') + "a:\n";
  block += std::string(600, ' ') + "b: 1\n";
  const ParseError blocks = yaml_parse_error(block);
  EXPECT_EQ(at(blocks.position), "258:515");  // the map on line 258 sits inside 257 maps
  EXPECT_EQ(blocks.message, message);

  // Through an alias: the copy would sit deeper than 256 levels.
  const std::string deep = "a: &a " + nested_flow(200, "1") + "\nb: " + nested_flow(100, "*a") + "\n";
  EXPECT_EQ(yaml_parse_error(deep).message, message);
}

TEST(YamlReaderDepth, HostileNestingFailsQuicklyWithoutCrashing) {
  const auto start = std::chrono::steady_clock::now();
  // (yaml-cpp reads each unclosed '[' inside a list as the key of a one-entry map, so the
  // error comes after 128 of them; closed ones are lists only, as in YamlReaderDepth above.)
  const ParseError error = yaml_parse_error(std::string(100'000, '['));
  EXPECT_EQ(error.message, "the document nests deeper than 256 levels");
  EXPECT_EQ(at(error.position), "1:129");
  const ParseError maps = yaml_parse_error(std::string(100'000, '{'));
  EXPECT_EQ(maps.message, "the document nests deeper than 256 levels");
  // In a second document, which is only counted.
  const ParseError second = yaml_parse_error("a: 1\n---\n" + std::string(100'000, '['));
  EXPECT_EQ(second.message, "the document nests deeper than 256 levels");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

// ---------------------------------------------------------------------------------------------
// YamlReaderPositions, more

TEST(YamlReaderPositions, CrlfAndByteOrderMarkWithNonAsciiText) {
  const Node root = parse_yaml(
      "\xEF\xBB\xBF"
      "é: 1\r\nb: [ü, x]\r\n");
  ASSERT_EQ(root.entries.size(), 2u);
  EXPECT_EQ(at(root.entries[0].key_position), "1:1");
  EXPECT_EQ(at(root.entries[0].value.position), "1:4");
  EXPECT_EQ(root.entries[0].value.text, "1");
  EXPECT_EQ(at(root.entries[1].key_position), "2:1");
  EXPECT_EQ(at(root.entries[1].value.items.at(1).position), "2:8");
  EXPECT_EQ(at(yaml_parse_error("\xEF\xBB\xBF"
                                "é: b: c\n")
                   .position),
            "1:5");
}

TEST(YamlReaderPositions, ErrorColumnsCountCharacters) {
  expect_yaml_errors({
      {"é: b: c\n", "1:5", "illegal map value", kIndentation},
      {"a: [€, 1]]\n", "1:10", "illegal flow end", kFlowEnd},
  });
}

TEST(YamlReaderErrors, EmptyDocumentVariants) {
  for (std::string_view text : {"--- # nothing\n", "\xEF\xBB\xBF", "  \n# c\n  # d\n", "...\n"}) {
    const ParseError error = yaml_parse_error(text);
    EXPECT_EQ(at(error.position), "1:1") << "'" << text << "'";
    EXPECT_EQ(error.message, "the document is empty") << "'" << text << "'";
  }
  // A null value somewhere else is not an empty document.
  EXPECT_EQ(describe(parse_yaml("- ~\n").kind), describe(Kind::sequence));
  EXPECT_EQ(describe(parse_yaml("--- null\n").kind), describe(Kind::null));
}

// ---------------------------------------------------------------------------------------------
// YamlReaderFastPath: read_yaml reads the common block-style subset with its own fast reader and
// everything else through yaml-cpp's events. Where the fast reader gives a tree, it must be the
// events reader's tree, positions included.

// The first difference between two trees, or "".
std::string difference(const Node& a, const Node& b, const std::string& path = "$") {
  if (a.kind != b.kind) return path + ": " + std::string(describe(a.kind)) + " vs " + std::string(describe(b.kind));
  if (a.text != b.text) return path + ": text '" + a.text + "' vs '" + b.text + "'";
  if (at(a.position) != at(b.position)) return path + ": at " + at(a.position) + " vs " + at(b.position);
  if (a.items.size() != b.items.size() || a.entries.size() != b.entries.size()) return path + ": sizes differ";
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (auto d = difference(a.items[i], b.items[i], path + "[" + std::to_string(i) + "]"); !d.empty()) return d;
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const std::string here = path + "." + a.entries[i].key;
    if (a.entries[i].key != b.entries[i].key) return here + ": key vs '" + b.entries[i].key + "'";
    if (at(a.entries[i].key_position) != at(b.entries[i].key_position))
      return here + ": key at " + at(a.entries[i].key_position) + " vs " + at(b.entries[i].key_position);
    if (auto d = difference(a.entries[i].value, b.entries[i].value, here); !d.empty()) return d;
  }
  return "";
}

// Whether the fast reader took the text; fails the test if its tree differs from the events
// reader's, or if it took a text the events reader rejects.
bool fast_agrees(std::string_view text) {
  const std::optional<Node> fast = detail::read_yaml_block_subset(text);
  if (!fast) return false;
  const auto events = detail::read_yaml_events(text);
  EXPECT_TRUE(events.ok()) << "the fast reader took a text yaml-cpp rejects (" << to_string(events.error().position)
                           << " " << events.error().message << "):\n"
                           << text;
  if (!events.ok()) return true;
  const std::string d = difference(*fast, events.value());
  EXPECT_EQ(d, "") << "fast vs events differ on:\n" << text;
  return true;
}

std::string generated_types(int count) {  // the bench file's shape (bench/run)
  std::string text = "# Generated.\nnamespace: azureml\ndefaultInstanceType: type-00000\ninstanceTypes:\n";
  for (int i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    text += "  type-" + n + ":\n    nodeSelector:\n      agentpool: pool" + std::to_string(i % 50) +
            "\n      example.com/sku: sku-" + n + "\n    resources:\n";
    for (const char* kind : {"requests", "limits"})
      text += std::string("      ") + kind + ":\n        cpu: \"" + std::to_string(100 * (1 + i % 8)) +
              "m\"\n        memory: \"" + std::to_string(1 + i % 4) + "Gi\"\n        nvidia.com/gpu: \"" +
              std::to_string(i % 3) + "\"\n";
  }
  return text;
}

const std::vector<std::string_view> kSubsetDocuments = {
    "a: 1\n",
    "a: 1",
    "a:\n  b: 1\n  c:\n    - d: 2\n      e: x\n    - [3, \"4\"]\nf: {g: true}\n",
    "b: 1\na: 2\nb: 3\n",
    "\xEF\xBB\xBF"
    "a: 1\n",
    "# c\n\na: 1 # trailing\n  # indented comment\nb:\n\n  - x\n  -   y   \n  - 'z'   # c\n",
    "k: \"v\"\n'q': 'w'\n\"é\": x\nk2: [ü, €, v]\n",
    "- a\n- b: 1\n  c: 2\n- - x\n  - y\n-\n  d: 3\n- \n- # c\n-\n",
    "a:\nb: ~\nc: null\nd:   \n# c\ne: {}\nf: []\ng: ''\nh: \"\"\n",
    "a: b c  d\nurl: http://x:80/p?q=1#frag\nk: a#b\nk2: x[1], y{2}\n-x: -y\n?x: :y\nlabel.io/name: a.b_c-d\n",
    "a: 'it''s'\nb: \"a'b\"\nc: 'a\"b'\nd: '#x'\ne: \" spaced \"\n",
    "  a: 1\n  b:\n    c: 2\n",
    "a:\n  b:\n    c:\n      d: 1\n  e: 2\nf: 3\n",
    "a: -1\nb: +2\nc: .5\nd: 0x1F\ne: -.Inf\nf: 1e3\ng: True\nh: FALSE\ni: 16Gi\nj: 500m\n",
    "x: 1\na:\n",
    "- 1\n- 2\n",
    "nodeSelector:\n  \"kubernetes.io/os\": linux\n  'x y': z\n",
    "a : 1\nb  :  2\n",
    "- - - \n  - x\n",
    "requests: {cpu: \"2\", memory: 16Gi, nvidia.com/gpu: \"1\"}\nl: [a, 'b', [c, {d: e}], {}]  # c\n",
    "- {a: 1}\n- [ x , y ]\n- {url: http://x:80/p, 'k': \"v\"}\n",
    "a: 1\r\nb:\r\n  - 'x'  \r\n  - {c: d}\r\n\r\n# c\r\ne:\r\n",
};

TEST(YamlReaderFastPath, TakesTheCommonSubsetAndAgrees) {
  for (std::string_view text : kSubsetDocuments) EXPECT_TRUE(fast_agrees(text)) << "not taken:\n" << text;
  EXPECT_TRUE(fast_agrees(generated_types(50)));
}

TEST(YamlReaderFastPath, LeavesEverythingElseToTheEventsReader) {
  for (std::string_view text : {"",
                                "# only\n",
                                "---\na: 1\n",
                                "a: 1\n...\n",
                                "%YAML 1.2\n---\na: 1\n",
                                "a: &x 1\nb: *x\n",
                                "a: !!str 1\n",
                                "a: |\n  x\n",
                                "a: >\n  x\n",
                                "a: \"x\\ty\"\n",
                                "a: \"x\n  y\"\n",
                                "a: x\n  y\n",
                                "a:\n- 1\n",
                                "a:\tb\n",
                                "a: 1\rb: 2\r",
                                "a: [1, 2\n",
                                "a: {b: 1, }\n",
                                "a: [x?]\n",
                                "? a\n: b\n",
                                "<<: {a: 1}\n",
                                "a: b: c\n",
                                "a: 1\n  b: 2\n",
                                "a: 1\n- 2\n",
                                "- a\nb: 1\n",
                                "a: \"x\n",
                                "a: 'x\n",
                                "word\n",
                                "[1]\n",
                                "a: 'x' y\n",
                                "a: \"x\"#c\n",
                                "a: @x\n",
                                "a: `x\n",
                                "a: %x\n",
                                "a: ,x\n",
                                "a: x:\n"}) {
    EXPECT_FALSE(detail::read_yaml_block_subset(text).has_value()) << "taken:\n" << text;
  }
  // UTF-16 and UTF-32 byte-order marks: yaml-cpp decodes those (found by fuzz/attach_config_yaml).
  for (std::string_view text : {std::string_view("\xFE\xFF"
                                                 "\0a\0:\0 \0"
                                                 "1\0\n",
                                                 12),
                                std::string_view("\xFF\xFE"
                                                 "a\0:\0 \0"
                                                 "1\0\n\0",
                                                 12),
                                std::string_view("\0\0\xFE\xFF", 4), std::string_view("a\0: 1\n", 6)})
    EXPECT_FALSE(detail::read_yaml_block_subset(text).has_value()) << "taken a text with NULs or a UTF-16/32 mark";
}

// Deterministic random documents in (and near) the subset, from tricky scalars and keys.
class DocumentGenerator {
 public:
  explicit DocumentGenerator(unsigned seed) : random_(seed) {}

  std::string document() {
    text_.clear();
    if (chance(2)) {
      map(0, 0, false);
    } else {
      sequence(0, 0, false);
    }
    if (chance(10) && !text_.empty()) text_.pop_back();  // no final newline
    if (chance(8)) {                                     // CRLF line ends
      std::string crlf;
      for (char c : text_) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
      return crlf;
    }
    return text_;
  }

 private:
  bool chance(unsigned one_in) { return random_() % one_in == 0; }
  const std::string& pick(const std::vector<std::string>& from) { return from[random_() % from.size()]; }
  std::string scalar() { return chance(12) ? pick(kOdd) : pick(kScalars); }
  std::string key() { return chance(12) ? pick(kOddKeys) : pick(kKeys); }

  void line_end() {
    if (chance(7)) text_ += "  # trailing";
    text_ += "\n";
    if (chance(9)) text_ += std::string(random_() % 5, ' ') + (chance(2) ? "# c\n" : "\n");
  }
  // A value after "key:" or "-": inline, or a block on the lines below.
  void value(std::size_t indent, int depth) {
    if (depth > 5 || chance(2)) {
      text_ += std::string(1 + random_() % 2, ' ') + scalar();
      return line_end();
    }
    if (chance(6)) return line_end();  // null
    line_end();
    const std::size_t deeper = indent + 1 + random_() % 3;
    if (chance(2)) {
      map(deeper, depth + 1, false);
    } else {
      sequence(deeper, depth + 1, false);
    }
  }
  void map(std::size_t indent, int depth, bool first_inline) {
    for (int n = 1 + static_cast<int>(random_() % 4); n > 0; --n, first_inline = false) {
      if (!first_inline) text_ += std::string(indent, ' ');
      text_ += key() + (chance(10) ? " :" : ":");
      value(indent, depth);
    }
  }
  void sequence(std::size_t indent, int depth, bool first_inline) {
    for (int n = 1 + static_cast<int>(random_() % 4); n > 0; --n, first_inline = false) {
      if (!first_inline) text_ += std::string(indent, ' ');
      text_ += "-";
      if (depth < 5 && chance(4)) {
        text_ += " ";
        map(indent + 2, depth + 1, true);
      } else if (depth < 5 && chance(8)) {
        text_ += " ";
        sequence(indent + 2, depth + 1, true);
      } else {
        value(indent, depth);
      }
    }
  }

  inline static const std::vector<std::string> kScalars = {"a",
                                                           "a b",
                                                           "-x",
                                                           "x-",
                                                           "1",
                                                           "-1.5",
                                                           "0x1F",
                                                           "~",
                                                           "null",
                                                           "true",
                                                           "False",
                                                           "a#b",
                                                           "a:b",
                                                           "http://x:1/y",
                                                           "x[1]",
                                                           "x, y",
                                                           "x]",
                                                           "x}",
                                                           "é",
                                                           "ü x €",
                                                           "'q'",
                                                           "\"q\"",
                                                           "'it''s'",
                                                           "\"a'b\"",
                                                           "''",
                                                           "\"\"",
                                                           "{}",
                                                           "[]",
                                                           "16Gi",
                                                           "500m",
                                                           "?x",
                                                           ":x",
                                                           ".inf",
                                                           "-.Inf",
                                                           "a  b",
                                                           "'  '",
                                                           "\"#\"",
                                                           "'a: b'",
                                                           "x #c",
                                                           "nvidia-tesla-k80",
                                                           "{a: 1, b: [x, 'y']}",
                                                           "[1, \"2\", 3]",
                                                           "{k: {}}",
                                                           "[[], {}]",
                                                           "{url: http://x:80/p}",
                                                           "[a b, -c, 'd e']",
                                                           "{ a : 1 , b :  2 }",
                                                           "{\"q\": 'r', é: ü}",
                                                           "[é, ü €]",
                                                           "{cpu: \"2\", memory: 16Gi, nvidia.com/gpu: \"1\"}",
                                                           "[x]y",
                                                           "{a: 1} # c",
                                                           "[-1, +2, .5, ~x, x~]",
                                                           "{a: b c, d: e#f}"};
  inline static const std::vector<std::string> kOdd = {
      "*",         "&a x",  "!x",       "|",      "a: b",  "- x",    "'x",        "\"x",
      "[a]",       "{a: 1", "x:",       "@x",     "%x",    ",x",     "\"a\\tb\"", "? x",
      "[x, y,]",   "{a: }", "{a}",      "[a: 1]", "{a:1}", "[x, ~]", "{? a: 1}",  "[a, [b, {c: d}]",
      "{\"a\":1}", "[- a]", "[:x, ?y]", "[x #c]"};
  inline static const std::vector<std::string> kKeys = {"a", "b", "a b",  "-pool", "é",   "\"q k\"", "'s'", "k.io/x",
                                                        "1", "~", "true", "x#y",   "a:b", "\"\"",    "null"};
  inline static const std::vector<std::string> kOddKeys = {"<<", "? x", "[k]", "*a", "&a k", "x #y", "'x", "- k"};

  std::mt19937 random_;
  std::string text_;
};

TEST(YamlReaderFastPath, AgreesOnGeneratedDocuments) {
  DocumentGenerator generator(20240601);
  int taken = 0;
  const int rounds = 5000;
  for (int round = 0; round < rounds; ++round) {
    if (fast_agrees(generator.document())) ++taken;
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(taken, rounds / 5);  // the generator reaches the fast reader often enough to test it
}

// Random single edits of subset documents: whenever the fast reader takes the result, the events
// reader must take it too, with the same tree.
TEST(YamlReaderFastPath, AgreesOnMutatedDocuments) {
  std::vector<std::string> seeds(kSubsetDocuments.begin(), kSubsetDocuments.end());
  seeds.push_back(generated_types(3));
  std::ifstream example(std::string(AZUREML_SOURCE_DIR) + "/examples/attach-advanced.yaml");
  std::stringstream buffer;
  buffer << example.rdbuf();
  seeds.push_back(buffer.str());
  for (std::string_view text : {kSubsetDocuments[2], kSubsetDocuments[7], kSubsetDocuments[8]}) {
    std::string crlf;  // the same with CRLF line ends
    for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    seeds.push_back(crlf);
  }
  const std::string alphabet = " :-#'\"[]{},&*!|>?%@`\\\n\tx1.~é\r";
  std::mt19937 random(7);
  int taken = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = seeds[random() % seeds.size()];
    for (int edits = 1 + static_cast<int>(random() % 2); edits > 0 && !text.empty(); --edits) {
      const std::size_t at_ = random() % text.size();
      switch (random() % 4) {
        case 0:
          text.insert(at_, 1, alphabet[random() % alphabet.size()]);
          break;
        case 1:
          text.erase(at_, 1);
          break;
        case 2:
          text[at_] = alphabet[random() % alphabet.size()];
          break;
        default:
          text.insert(at_, std::string(1 + random() % 3, ' '));
          break;
      }
    }
    if (fast_agrees(text)) ++taken;
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(taken, 2000);
}

}  // namespace
}  // namespace azureml::config
