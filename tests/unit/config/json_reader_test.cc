#include "core/config/json_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace azureml::config {
namespace {

using Kind = Node::Kind;

Node parse_json(std::string_view text) {
  auto parsed = read_json(text);
  EXPECT_TRUE(parsed.ok()) << "'" << text << "': "
                           << (parsed.ok() ? "" : to_string(parsed.error().position) + " " + parsed.error().message);
  return parsed.ok() ? parsed.value() : Node();
}

ParseError json_parse_error(std::string_view text) {
  auto parsed = read_json(text);
  EXPECT_FALSE(parsed.ok()) << "'" << text << "' parsed";
  return parsed.ok() ? ParseError{} : parsed.error();
}

std::string position_text(Position position) { return to_string(position); }

std::string nested_arrays(std::size_t depth, std::string_view inner) {
  return std::string(depth, '[') + std::string(inner) + std::string(depth, ']');
}

// ---------------------------------------------------------------------------------------------
// JsonReaderValid

TEST(JsonReaderValid, EveryKindAtTheRoot) {
  struct Case {
    std::string_view text;
    Kind kind;
    std::string_view value;
  };
  const std::vector<Case> cases = {
      {"{}", Kind::map, ""},        {"[]", Kind::sequence, ""},      {"\"hi\"", Kind::string, "hi"},
      {"42", Kind::number, "42"},   {"true", Kind::boolean, "true"}, {"false", Kind::boolean, "false"},
      {"null", Kind::null, "null"}, {"\"\"", Kind::string, ""},
  };
  for (const auto& c : cases) {
    const Node node = parse_json(c.text);
    EXPECT_EQ(describe(node.kind), describe(c.kind)) << c.text;
    EXPECT_EQ(node.text, c.value) << c.text;
    EXPECT_EQ(position_text(node.position), "1:1") << c.text;
    EXPECT_TRUE(node.entries.empty()) << c.text;
    EXPECT_TRUE(node.items.empty()) << c.text;
  }
}

TEST(JsonReaderValid, NumbersKeepTheirTextExactly) {
  for (std::string_view text : {"0", "-0", "7", "-12", "1.5", "-0.25", "1e10", "1E+2", "1e-2", "-0.0e0", "10.01E-05",
                                "123456789012345678901234567890", "0.000000000000000000001"}) {
    const Node node = parse_json(text);
    EXPECT_EQ(describe(node.kind), describe(Kind::number)) << text;
    EXPECT_EQ(node.text, text);
  }
}

TEST(JsonReaderValid, NestedStructure) {
  const Node root = parse_json(R"({"a": {"b": [1, "two", null, {"c": false}], "d": {}}, "e": []})");
  ASSERT_EQ(describe(root.kind), describe(Kind::map));
  ASSERT_EQ(root.entries.size(), 2u);
  EXPECT_EQ(root.entries[0].key, "a");
  EXPECT_EQ(root.entries[1].key, "e");
  EXPECT_EQ(describe(root.entries[1].value.kind), describe(Kind::sequence));
  EXPECT_TRUE(root.entries[1].value.items.empty());

  const Node& a = root.entries[0].value;
  ASSERT_EQ(describe(a.kind), describe(Kind::map));
  ASSERT_EQ(a.entries.size(), 2u);
  EXPECT_EQ(a.entries[1].key, "d");
  EXPECT_EQ(describe(a.entries[1].value.kind), describe(Kind::map));
  EXPECT_TRUE(a.entries[1].value.entries.empty());

  const Node& b = a.entries[0].value;
  ASSERT_EQ(describe(b.kind), describe(Kind::sequence));
  ASSERT_EQ(b.items.size(), 4u);
  EXPECT_EQ(describe(b.items[0].kind), describe(Kind::number));
  EXPECT_EQ(b.items[0].text, "1");
  EXPECT_EQ(describe(b.items[1].kind), describe(Kind::string));
  EXPECT_EQ(b.items[1].text, "two");
  EXPECT_EQ(describe(b.items[2].kind), describe(Kind::null));
  ASSERT_EQ(describe(b.items[3].kind), describe(Kind::map));
  ASSERT_EQ(b.items[3].entries.size(), 1u);
  EXPECT_EQ(b.items[3].entries[0].key, "c");
  EXPECT_EQ(describe(b.items[3].entries[0].value.kind), describe(Kind::boolean));
  EXPECT_EQ(b.items[3].entries[0].value.text, "false");
}

TEST(JsonReaderValid, WhitespaceOfEveryKindAroundTokens) {
  const Node root = parse_json(" \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n[ 1 , 2 ] \t\r\n} \t\r\n");
  ASSERT_EQ(describe(root.kind), describe(Kind::map));
  ASSERT_EQ(root.entries.size(), 1u);
  EXPECT_EQ(root.entries[0].value.items.size(), 2u);
}

TEST(JsonReaderValid, DuplicateKeysAreKeptInDocumentOrder) {
  const Node root = parse_json(R"({"b": 1, "a": 2, "b": 3, "a": 4})");
  ASSERT_EQ(root.entries.size(), 4u);
  const std::vector<std::pair<std::string, std::string>> expected = {{"b", "1"}, {"a", "2"}, {"b", "3"}, {"a", "4"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(root.entries[i].key, expected[i].first) << i;
    EXPECT_EQ(root.entries[i].value.text, expected[i].second) << i;
  }
  EXPECT_EQ(position_text(root.entries[2].key_position), "1:18");
  EXPECT_EQ(position_text(root.entries[2].value.position), "1:23");
}

// ---------------------------------------------------------------------------------------------
// JsonReaderPositions

TEST(JsonReaderPositions, KeysAndValuesAcrossLines) {
  const Node root = parse_json("{\n  \"namespace\": \"ns\",\n  \"list\": [\n    1,\n    {\"x\": true}\n  ]\n}\n");
  EXPECT_EQ(position_text(root.position), "1:1");
  ASSERT_EQ(root.entries.size(), 2u);
  EXPECT_EQ(position_text(root.entries[0].key_position), "2:3");
  EXPECT_EQ(position_text(root.entries[0].value.position), "2:16");
  EXPECT_EQ(position_text(root.entries[1].key_position), "3:3");
  const Node& list = root.entries[1].value;
  EXPECT_EQ(position_text(list.position), "3:11");
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(position_text(list.items[0].position), "4:5");
  EXPECT_EQ(position_text(list.items[1].position), "5:5");
  ASSERT_EQ(list.items[1].entries.size(), 1u);
  EXPECT_EQ(position_text(list.items[1].entries[0].key_position), "5:6");
  EXPECT_EQ(position_text(list.items[1].entries[0].value.position), "5:11");
}

TEST(JsonReaderPositions, ColumnsCountCharactersNotBytes) {
  // é and ü are two bytes each, € three, 😀 four: each is one column.
  const Node root = parse_json("{\"é\": \"ü\", \"b\": 1, \"€😀\": 2, \"c\": 3}");
  ASSERT_EQ(root.entries.size(), 4u);
  EXPECT_EQ(root.entries[0].key, "é");
  EXPECT_EQ(position_text(root.entries[0].key_position), "1:2");
  EXPECT_EQ(position_text(root.entries[0].value.position), "1:7");
  EXPECT_EQ(position_text(root.entries[1].key_position), "1:12");
  EXPECT_EQ(position_text(root.entries[1].value.position), "1:17");
  EXPECT_EQ(position_text(root.entries[2].key_position), "1:20");
  EXPECT_EQ(position_text(root.entries[2].value.position), "1:26");
  EXPECT_EQ(position_text(root.entries[3].key_position), "1:29");
  EXPECT_EQ(position_text(root.entries[3].value.position), "1:34");
}

TEST(JsonReaderPositions, EscapesCountAsTheCharactersWritten) {
  const Node root = parse_json(R"(["\u00e9\n", 1])");
  ASSERT_EQ(root.items.size(), 2u);
  EXPECT_EQ(position_text(root.items[1].position), "1:14");
}

TEST(JsonReaderPositions, TabIsOneColumnAndCrLfIsOneLineBreak) {
  const Node root = parse_json("{\r\n\t\"a\":\t1,\r\n  \"b\": 2\r\n}");
  ASSERT_EQ(root.entries.size(), 2u);
  EXPECT_EQ(position_text(root.entries[0].key_position), "2:2");
  EXPECT_EQ(position_text(root.entries[0].value.position), "2:7");
  EXPECT_EQ(position_text(root.entries[1].key_position), "3:3");
  EXPECT_EQ(position_text(root.entries[1].value.position), "3:8");
}

// ---------------------------------------------------------------------------------------------
// JsonReaderStrings

TEST(JsonReaderStrings, SimpleEscapes) {
  EXPECT_EQ(parse_json(R"("a\"b\\c\/d\be\ff\ng\rh\ti")").text, "a\"b\\c/d\be\ff\ng\rh\ti");
}

TEST(JsonReaderStrings, UnicodeEscapes) {
  EXPECT_EQ(parse_json(R"("\u0041")").text, "A");
  EXPECT_EQ(parse_json(R"("\u00e9")").text, "\xC3\xA9");      // é
  EXPECT_EQ(parse_json(R"("\u00E9")").text, "\xC3\xA9");      // upper-case hex
  EXPECT_EQ(parse_json(R"("\u20AC")").text, "\xE2\x82\xAC");  // €
  EXPECT_EQ(parse_json(R"("\uFFFF")").text, "\xEF\xBF\xBF");
  EXPECT_EQ(parse_json(R"("\u007f")").text, "\x7F");
  EXPECT_EQ(parse_json(R"("\u0080")").text, "\xC2\x80");
  EXPECT_EQ(parse_json(R"("\u07FF")").text, "\xDF\xBF");
  EXPECT_EQ(parse_json(R"("\u0800")").text, "\xE0\xA0\x80");
  const std::string nul = parse_json(R"("a\u0000b")").text;
  EXPECT_EQ(nul, std::string("a\0b", 3));
}

TEST(JsonReaderStrings, SurrogatePairsNameOneCharacter) {
  EXPECT_EQ(parse_json(R"("\ud83d\ude00")").text, "\xF0\x9F\x98\x80");  // 😀 U+1F600
  EXPECT_EQ(parse_json(R"("\uD834\uDD1E")").text, "\xF0\x9D\x84\x9E");  // 𝄞 U+1D11E
  EXPECT_EQ(parse_json(R"("\ud800\udc00")").text, "\xF0\x90\x80\x80");  // U+10000, the first
  EXPECT_EQ(parse_json(R"("\udbff\udfff")").text, "\xF4\x8F\xBF\xBF");  // U+10FFFF, the last
}

TEST(JsonReaderStrings, RawUtf8AndEscapedKeys) {
  const Node root = parse_json(R"({"a\"b": "ü€😀", "nvidia.com/gpu": "1"})");
  ASSERT_EQ(root.entries.size(), 2u);
  EXPECT_EQ(root.entries[0].key, "a\"b");
  EXPECT_EQ(root.entries[0].value.text, "ü€😀");
  EXPECT_EQ(root.entries[1].key, "nvidia.com/gpu");
}

TEST(JsonReaderStrings, ByteOrderMarkIsSkipped) {
  const Node root = parse_json("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_EQ(describe(root.kind), describe(Kind::map));
  ASSERT_EQ(root.entries.size(), 1u);
  EXPECT_EQ(root.entries[0].key, "a");
  EXPECT_EQ(root.entries[0].value.text, "1");
  EXPECT_EQ(root.entries[0].key_position.line, 1);
}

TEST(JsonReaderStrings, ByteOrderMarkDoesNotShiftColumns) {
  const Node root = parse_json("\xEF\xBB\xBF{\"a\": 1}");
  EXPECT_EQ(position_text(root.position), "1:1");
  ASSERT_EQ(root.entries.size(), 1u);
  EXPECT_EQ(position_text(root.entries[0].key_position), "1:2");
  EXPECT_EQ(position_text(root.entries[0].value.position), "1:7");
  EXPECT_EQ(position_text(json_parse_error("\xEF\xBB\xBF").position), "1:1");
}

// ---------------------------------------------------------------------------------------------
// JsonReaderErrors

struct JsonErrorCase {
  std::string_view text;
  std::string_view position;
  std::string_view message;
  std::string_view hint;
};

void expect_json_errors(const std::vector<JsonErrorCase>& cases) {
  for (const auto& c : cases) {
    const ParseError error = json_parse_error(c.text);
    EXPECT_EQ(position_text(error.position), c.position) << "input: " << c.text;
    EXPECT_EQ(error.message, c.message) << "input: " << c.text;
    EXPECT_EQ(error.hint, c.hint) << "input: " << c.text;
  }
}

TEST(JsonReaderErrors, TrailingCommas) {
  expect_json_errors({
      {R"({"a": 1,})", "1:8", "a trailing comma before '}'", "remove this comma"},
      {"{\"a\": 1,\n}", "1:8", "a trailing comma before '}'", "remove this comma"},
      {"[1,]", "1:3", "a trailing comma before ']'", "remove this comma"},
      {"[1, 2,\n  ]", "1:6", "a trailing comma before ']'", "remove this comma"},
      {"{,}", "1:2", "expected a member name in double quotes, found ','", ""},
      {"[,]", "1:2", "expected a value, found ','", "a value is an object, array, string, number, true, false or null"},
  });
}

TEST(JsonReaderErrors, TrailingCommaIsReportedOnItsOwnLine) {
  expect_json_errors({
      {"{\n  \"a\": 1,\n}\n", "2:9", "a trailing comma before '}'", "remove this comma"},
      {"[\n  1,\n  2,\n]", "3:4", "a trailing comma before ']'", "remove this comma"},
      {"{\n  \"a\": {\n    \"b\": 1,\n  }\n}", "3:11", "a trailing comma before '}'", "remove this comma"},
      {"{\n  \"a\": [\n    1\n  ,\n  ]\n}", "4:3", "a trailing comma before ']'", "remove this comma"},
      {"{\"a\": 1,\n\n}", "1:8", "a trailing comma before '}'", "remove this comma"},
  });
}

TEST(JsonReaderErrors, UnclosedBracketNamesWhereItOpened) {
  // Reported where the document ends; the message points back at the innermost open bracket.
  expect_json_errors({
      {"{\n  \"a\": [\n    1,\n    2\n", "5:1", "the '[' at line 2, column 8 is not closed", "close it with ']'"},
      {"{\n  \"a\": 1,\n  \"b\": {\n    \"c\": 2\n  }\n", "6:1", "the '{' at line 1, column 1 is not closed",
       "close it with '}'"},
      {"[\n  {\n    \"a\": 1\n  },\n  [\n", "6:1", "the '[' at line 5, column 3 is not closed", "close it with ']'"},
      {"{\n  \"a\": {\n    \"b\": 1", "3:11", "the '{' at line 2, column 8 is not closed", "close it with '}'"},
      {"{\"a\": 1,", "1:9", "the '{' at line 1, column 1 is not closed", "close it with '}'"},
      {"[1,", "1:4", "the '[' at line 1, column 1 is not closed", "close it with ']'"},
  });
}

TEST(JsonReaderErrors, MissingCommaOrColon) {
  expect_json_errors({
      {R"({"a" 1})", "1:6", "expected ':' after the member name, found '1'", ""},
      {R"({"a"})", "1:5", "expected ':' after the member name, found '}'", ""},
      {R"({"a")", "1:5", "expected ':' after the member name, found the end of the document", ""},
      {R"({"a": 1 "b": 2})", "1:9", "expected ',' or '}' after a member, found '\"'", "add the missing comma"},
      {"{\"a\": 1\n \"b\": 2}", "2:2", "expected ',' or '}' after a member, found '\"'", "add the missing comma"},
      {R"({"a": 1)", "1:8", "the '{' at line 1, column 1 is not closed", "close it with '}'"},
      {"[1 2]", "1:4", "expected ',' or ']' after an element, found '2'", "add the missing comma"},
      {"[1", "1:3", "the '[' at line 1, column 1 is not closed", "close it with ']'"},
      {"[1}", "1:3", "expected ',' or ']' after an element, found '}'", "add the missing comma"},
      {R"({"a": 1])", "1:8", "expected ',' or '}' after a member, found ']'", "add the missing comma"},
  });
}

TEST(JsonReaderErrors, MemberNames) {
  expect_json_errors({
      {"{1: 2}", "1:2", "expected a member name in double quotes, found '1'", ""},
      {"{a: 2}", "1:2", "expected a member name in double quotes, found 'a'", ""},
      {"{'a': 2}", "1:2", "member names must be in double quotes", "replace ' with \""},
      {"{\"a\": 1, 'b': 2}", "1:10", "member names must be in double quotes", "replace ' with \""},
      {"{\n  'a': 2\n}", "2:3", "member names must be in double quotes", "replace ' with \""},
      {"{", "1:2", "the '{' at line 1, column 1 is not closed", "close it with '}'"},
      {"{\n", "2:1", "the '{' at line 1, column 1 is not closed", "close it with '}'"},
  });
}

TEST(JsonReaderErrors, SingleQuotedStringValues) {
  expect_json_errors({
      {"{\"a\": 'x'}", "1:7", "strings must be in double quotes", "replace ' with \""},
      {"['x']", "1:2", "strings must be in double quotes", "replace ' with \""},
      {"'x'", "1:1", "strings must be in double quotes", "replace ' with \""},
  });
}

TEST(JsonReaderErrors, UnknownWordsAndOtherNonValues) {
  const std::string_view literal_hint = "strings must be in double quotes; literals are true, false and null";
  const std::string_view value_hint = "a value is an object, array, string, number, true, false or null";
  expect_json_errors({
      {"[tru]", "1:2", "unknown word 'tru'", literal_hint},
      {"nul", "1:1", "unknown word 'nul'", literal_hint},
      {"{\"a\": nulL}", "1:7", "unknown word 'nulL'", literal_hint},
      {"[fals, 1]", "1:2", "unknown word 'fals'", literal_hint},
      {"[t]", "1:2", "unknown word 't'", literal_hint},
      {"[True]", "1:2", "expected a value, found 'T'", value_hint},
      {"{\"a\": yes}", "1:7", "expected a value, found 'y'", value_hint},
      {"[NaN]", "1:2", "expected a value, found 'N'", value_hint},
      {"+1", "1:1", "expected a value, found '+'", value_hint},
      {".5", "1:1", "expected a value, found '.'", value_hint},
      {"[\x01]", "1:2", "expected a value, found a control character", value_hint},
      {"[", "1:2", "the '[' at line 1, column 1 is not closed", "close it with ']'"},
      {"{\"a\":", "1:6", "unexpected end of the document", "expected a value"},
      {"{\"a\":\n  ", "2:3", "unexpected end of the document", "expected a value"},
  });
}

TEST(JsonReaderErrors, Numbers) {
  const std::string_view zeros_hint = "write the number without them, or quote it";
  expect_json_errors({
      {"01", "1:1", "numbers must not have leading zeros", zeros_hint},
      {"-01", "1:1", "numbers must not have leading zeros", zeros_hint},
      {"[00]", "1:2", "numbers must not have leading zeros", zeros_hint},
      {"{\"cpu\": 0123}", "1:9", "numbers must not have leading zeros", zeros_hint},
      {"-", "1:2", "expected digits after '-'", ""},
      {"[-a]", "1:3", "expected digits after '-'", ""},
      {"1.", "1:3", "expected digits after the decimal point", ""},
      {"1.e5", "1:3", "expected digits after the decimal point", ""},
      {"[1.]", "1:4", "expected digits after the decimal point", ""},
      {"1e", "1:3", "expected digits in the exponent", ""},
      {"1E+", "1:4", "expected digits in the exponent", ""},
      {"1e-x", "1:4", "expected digits in the exponent", ""},
      {"[2.5e]", "1:6", "expected digits in the exponent", ""},
  });
}

TEST(JsonReaderErrors, Strings) {
  const std::string_view escape_hint = "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX";
  expect_json_errors({
      {"\"abc", "1:1", "the string starting here is not closed", "close it with \""},
      // Position and message follow the new escape rule; the hint is still the one for a string
      // left open at the end of input.
      {"\"abc\\", "1:5", "the document ends inside an escape", "close it with \""},
      {"{\"ab", "1:2", "the string starting here is not closed", "close it with \""},
      {"{\n  \"a\": \"xyz", "2:8", "the string starting here is not closed", "close it with \""},
      {"\"a\nb\"", "1:1", "the string starting here is not closed before the end of the line",
       "close it with \", or write a line break as \\n"},
      {"\"a\r\nb\"", "1:1", "the string starting here is not closed before the end of the line",
       "close it with \", or write a line break as \\n"},
      {"[1,\n \"ab\n\"]", "2:2", "the string starting here is not closed before the end of the line",
       "close it with \", or write a line break as \\n"},
      {"\"a\tb\"", "1:3", "a control character inside a string", "escape it, e.g. \\t or \\u0001"},
      {"[\"ab\x01\"]", "1:5", "a control character inside a string", "escape it, e.g. \\t or \\u0001"},
      // A lone CR is a control character: the reader ends lines only at LF (CRLF counts as one).
      {"\"a\rb\"", "1:3", "a control character inside a string", "escape it, e.g. \\t or \\u0001"},
      {"{\"k\x1b"
       "ey\": 1}",
       "1:4", "a control character inside a string", "escape it, e.g. \\t or \\u0001"},
      {R"("\x")", "1:2", "unknown escape '\\x'", escape_hint},
      {R"("ok\'")", "1:4", "unknown escape '\\''", escape_hint},
      {R"("\U00e9")", "1:2", "unknown escape '\\U'", escape_hint},
      {"\"a\\\x01\"", "1:3", "unknown escape '\\?'", escape_hint},
      {R"("\u12")", "1:6", "expected four hex digits after \\u", ""},
      {R"("\u12G4")", "1:6", "expected four hex digits after \\u", ""},
      {R"("\u)", "1:4", "expected four hex digits after \\u", ""},
  });
}

TEST(JsonReaderErrors, LoneSurrogates) {
  const std::string_view high_hint = "follow it with its low surrogate";
  expect_json_errors({
      {R"("\ud800")", "1:2", "a lone UTF-16 high surrogate in a \\u escape", high_hint},
      {R"("\ud83dx")", "1:2", "a lone UTF-16 high surrogate in a \\u escape", high_hint},
      {R"("\ud83d\n")", "1:2", "a lone UTF-16 high surrogate in a \\u escape", high_hint},
      {R"("ab\ud83d")", "1:4", "a lone UTF-16 high surrogate in a \\u escape", high_hint},
      {R"("\ud800\u0041")", "1:2", "an invalid UTF-16 surrogate pair in a \\u escape", ""},
      {R"("\ud800\ud800")", "1:2", "an invalid UTF-16 surrogate pair in a \\u escape", ""},
      {R"("\ud800\u00")", "1:12", "expected four hex digits after \\u", ""},
      {R"("\udc00")", "1:2", "a lone UTF-16 low surrogate in a \\u escape", ""},
      {R"("\uDFFF\ud800")", "1:2", "a lone UTF-16 low surrogate in a \\u escape", ""},
  });
}

TEST(JsonReaderErrors, TrailingContent) {
  const std::string_view hint = "a JSON document holds exactly one value";
  expect_json_errors({
      {"1 2", "1:3", "unexpected '2' after the document", hint},
      {"{} {}", "1:4", "unexpected '{' after the document", hint},
      {"{}\n]", "2:1", "unexpected ']' after the document", hint},
      {"truex", "1:5", "unexpected 'x' after the document", hint},
      {"\"a\"\"b\"", "1:4", "unexpected '\"' after the document", hint},
      {"[1],", "1:4", "unexpected ',' after the document", hint},
  });
}

TEST(JsonReaderErrors, EmptyDocument) {
  expect_json_errors({
      {"", "1:1", "the document is empty", "expected a JSON object"},
      {"   ", "1:4", "the document is empty", "expected a JSON object"},
      {"\n\n\t", "3:2", "the document is empty", "expected a JSON object"},
  });
}

TEST(JsonReaderErrors, ErrorsDeepInsideReportTheirOwnPosition) {
  expect_json_errors({
      {"{\n  \"a\": {\n    \"b\": [1, tru]\n  }\n}", "3:14", "unknown word 'tru'",
       "strings must be in double quotes; literals are true, false and null"},
      {"{\"é\": [\"ü\", 01]}", "1:13", "numbers must not have leading zeros",
       "write the number without them, or quote it"},
  });
}

TEST(JsonReaderErrors, NonAsciiCharactersAreQuotedWhole) {
  EXPECT_EQ(json_parse_error("{\"a\": ü}").message, "expected a value, found 'ü'");
  EXPECT_EQ(json_parse_error("{} é").message, "unexpected 'é' after the document");
  EXPECT_EQ(json_parse_error("[1 €]").message, "expected ',' or ']' after an element, found '€'");
  EXPECT_EQ(json_parse_error("[😀]").message, "expected a value, found '😀'");
}

TEST(JsonReaderErrors, ControlCharactersAndInvalidUtf8OutsideStrings) {
  const std::string_view value_hint = "a value is an object, array, string, number, true, false or null";
  expect_json_errors({
      {"{\"a\": \x7f}", "1:7", "expected a value, found a control character", value_hint},
      {"[1\x01]", "1:3", "expected ',' or ']' after an element, found a control character", "add the missing comma"},
      {"[\xff]", "1:2", "expected a value, found a byte that is not UTF-8", value_hint},
      {"{\"a\": \xc3}", "1:7", "expected a value, found a byte that is not UTF-8", value_hint},
  });
}

TEST(JsonReaderErrors, InvalidUtf8InsideAString) {
  const std::string_view hint = "save the file as UTF-8";
  expect_json_errors({
      {"\"a\xff"
       "b\"",
       "1:3", "a byte that is not UTF-8 inside a string", hint},
      {"{\"a\xc3\": 1}", "1:4", "a byte that is not UTF-8 inside a string", hint},          // a cut sequence
      {"[\"ok\", \"\xc0\xaf\"]", "1:9", "a byte that is not UTF-8 inside a string", hint},  // overlong '/'
      {"\"\xed\xa0\x80\"", "1:2", "a byte that is not UTF-8 inside a string", hint},        // a surrogate
      {"\"\xf4\x90\x80\x80\"", "1:2", "a byte that is not UTF-8 inside a string", hint},    // past U+10FFFF
      {"\"é\x80\"", "1:3", "a byte that is not UTF-8 inside a string", hint},               // a stray continuation
  });
}

// ---------------------------------------------------------------------------------------------
// JsonReaderComments: JSON has no comments; each place says so and points at the '/'.

TEST(JsonReaderComments, EveryPlaceATokenIsExpected) {
  const std::string_view message = "comments are not allowed in JSON";
  const std::string_view hint = "remove it, or write the file as YAML";
  expect_json_errors({
      // Before the document.
      {"// attach config\n{}", "1:1", message, hint},
      {"/* attach config */ {}", "1:1", message, hint},
      {"\n  // c\n{}", "2:3", message, hint},
      // Where a member name is expected.
      {"{// c\n\"a\": 1}", "1:2", message, hint},
      {"{\n  /* c */ \"a\": 1}", "2:3", message, hint},
      {"{\"a\": 1, // c\n\"b\": 2}", "1:10", message, hint},
      {"{\"a\": 1, /* c */ \"b\": 2}", "1:10", message, hint},
      // Where a value is expected.
      {"{\"a\": // c\n1}", "1:7", message, hint},
      {"{\"a\": /* c */ 1}", "1:7", message, hint},
      {"[// c\n1]", "1:2", message, hint},
      {"[1, /* c */ 2]", "1:5", message, hint},
      {"[1, // c\n2]", "1:5", message, hint},
      // Where ',' or the closing bracket is expected.
      {"{\"a\": 1 // c\n}", "1:9", message, hint},
      {"{\"a\": 1 /* c */}", "1:9", message, hint},
      {"[1 // c\n]", "1:4", message, hint},
      {"[1 /* c */]", "1:4", message, hint},
      {"{\n  \"a\": 1, \"b\": 2 // c\n}", "2:18", message, hint},
      // After the document.
      {"{} // c", "1:4", message, hint},
      {"{} /* c */", "1:4", message, hint},
      {"{}\n// c\n", "2:1", message, hint},
      // A lone '/' is reported the same way.
      {"[1 /", "1:4", message, hint},
      {"{\"a\": /", "1:7", message, hint},
  });
}

// The ':' after a member name is a separator too, but the reader still answers a comment there
// with "expected ':' after the member name, found '/'". Enable once it says "comments".
TEST(JsonReaderComments, BetweenTheMemberNameAndTheColon) {
  expect_json_errors({
      {"{\"a\" // c\n: 1}", "1:6", "comments are not allowed in JSON", "remove it, or write the file as YAML"},
      {"{\"a\" /* c */ : 1}", "1:6", "comments are not allowed in JSON", "remove it, or write the file as YAML"},
  });
}

// ---------------------------------------------------------------------------------------------
// JsonReaderDepth: a value may sit inside at most 256 arrays or objects.

TEST(JsonReaderDepth, TwoHundredFiftySixLevelsAreAccepted) {
  const Node arrays = parse_json(nested_arrays(256, "1"));
  const Node* node = &arrays;
  for (int i = 0; i < 256; ++i) {
    ASSERT_EQ(describe(node->kind), describe(Kind::sequence)) << i;
    ASSERT_EQ(node->items.size(), 1u) << i;
    node = &node->items[0];
  }
  EXPECT_EQ(describe(node->kind), describe(Kind::number));
  EXPECT_EQ(position_text(node->position), "1:257");

  std::string objects;
  for (int i = 0; i < 256; ++i) objects += "{\"a\":";
  objects += "true" + std::string(256, '}');
  EXPECT_EQ(describe(parse_json(objects).kind), describe(Kind::map));
}

TEST(JsonReaderDepth, DeeperIsAnErrorAtTheFirstValueTooDeep) {
  const ParseError arrays = json_parse_error(nested_arrays(257, "1"));
  EXPECT_EQ(position_text(arrays.position), "1:258");
  EXPECT_EQ(arrays.message, "the document nests deeper than 256 levels");
  EXPECT_EQ(arrays.hint, "");

  std::string objects;
  for (int i = 0; i < 257; ++i) objects += "{\"a\":";
  objects += "1" + std::string(257, '}');
  const ParseError in_objects = json_parse_error(objects);
  EXPECT_EQ(position_text(in_objects.position), "1:" + std::to_string(257 * 5 + 1));
  EXPECT_EQ(in_objects.message, "the document nests deeper than 256 levels");

  // Whitespace before an array element is skipped before the position is taken.
  std::string lines;
  for (int i = 0; i < 257; ++i) lines += "[\n";
  lines += "1" + std::string(257, ']');
  EXPECT_EQ(position_text(json_parse_error(lines).position), "258:1");
}

TEST(JsonReaderDepth, TooDeepMemberValueIsReportedAtTheValue) {
  std::string objects;
  for (int i = 0; i < 257; ++i) objects += "{\"a\": ";
  objects += "1" + std::string(257, '}');
  EXPECT_EQ(position_text(json_parse_error(objects).position), "1:" + std::to_string(257 * 6 + 1));

  std::string lines;
  for (int i = 0; i < 257; ++i) lines += "{\"a\":\n";
  lines += "1" + std::string(257, '}');
  EXPECT_EQ(position_text(json_parse_error(lines).position), "258:1");
}

TEST(JsonReaderDepth, HostileNestingFailsQuicklyWithoutCrashing) {
  const auto start = std::chrono::steady_clock::now();
  const ParseError error = json_parse_error(std::string(1'000'000, '['));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(error.message, "the document nests deeper than 256 levels");
  EXPECT_EQ(position_text(error.position), "1:258");
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

}  // namespace
}  // namespace azureml::config
