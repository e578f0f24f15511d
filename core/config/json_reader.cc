#include "core/config/json_reader.h"

#include "core/util/text.h"

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>

namespace azureml::config {
namespace {

constexpr int kMaxDepth = 256;  // deeper documents are hostile, not configuration

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  Result<Node, ParseError> read() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") offset_ = 3;  // a UTF-8 byte order mark: no column
    skip_space();
    if (at_end()) return error("the document is empty", "expected a JSON object");
    Node root;
    if (!value(root, 0)) return fail(std::move(error_));
    skip_space();
    if (!at_end()) {
      if (peek() == '/') return error("comments are not allowed in JSON", "remove it, or write the file as YAML");
      return error("unexpected " + found() + " after the document", "a JSON document holds exactly one value");
    }
    return root;
  }

 private:
  bool at_end() const { return offset_ >= text_.size(); }
  char peek() const { return text_[offset_]; }

  void advance(std::size_t count = 1) {
    for (; count > 0 && !at_end(); --count) {
      const auto byte = static_cast<unsigned char>(text_[offset_++]);
      if (byte == '\n') {
        ++line_;
        column_ = 1;
      } else if ((byte & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
        ++column_;
      }
    }
  }

  Position here() const { return {line_, column_}; }

  Failure<ParseError> error(std::string message, std::string hint = {}) {
    return fail(ParseError{here(), std::move(message), std::move(hint)});
  }
  bool set_error(std::string message, std::string hint = {}) {
    error_ = ParseError{here(), std::move(message), std::move(hint)};
    return false;
  }

  void skip_space() {
    for (; offset_ < text_.size(); ++offset_) {
      const char c = text_[offset_];
      if (c == '\n') {
        ++line_;
        column_ = 1;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++column_;
      } else {
        break;
      }
    }
  }

  // The next character, whole (a UTF-8 sequence is quoted entire, never cut).
  std::string found() const {
    if (at_end()) return "the end of the document";
    const auto c = static_cast<unsigned char>(peek());
    if (c < 0x20 || c == 0x7F) return "a control character";
    const std::size_t length = utf8_sequence_length(text_, offset_);
    if (length == 0) return "a byte that is not UTF-8";
    return "'" + std::string(text_.substr(offset_, length)) + "'";
  }

  bool comment_here() { return set_error("comments are not allowed in JSON", "remove it, or write the file as YAML"); }

  bool value(Node& node, int depth) {
    skip_space();
    if (depth > kMaxDepth) return set_error("the document nests deeper than " + std::to_string(kMaxDepth) + " levels");
    node.position = here();
    if (at_end()) return set_error("unexpected end of the document", "expected a value");
    switch (peek()) {
      case '{':
        return object(node, depth);
      case '[':
        return array(node, depth);
      case '"':
        node.kind = Node::Kind::string;
        return string(node.text);
      case 't':
        return literal(node, "true", Node::Kind::boolean);
      case 'f':
        return literal(node, "false", Node::Kind::boolean);
      case 'n':
        return literal(node, "null", Node::Kind::null);
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number(node);
        if (peek() == '\'') return set_error("strings must be in double quotes", "replace ' with \"");
        if (peek() == '/') return comment_here();
        return set_error("expected a value, found " + found(),
                         "a value is an object, array, string, number, true, false or null");
    }
  }

  bool literal(Node& node, std::string_view word, Node::Kind kind) {
    if (text_.substr(offset_, word.size()) != word) {
      std::size_t end = offset_;
      while (end < text_.size() && std::isalnum(static_cast<unsigned char>(text_[end]))) ++end;
      return set_error("unknown word '" + std::string(text_.substr(offset_, end - offset_)) + "'",
                       "strings must be in double quotes; literals are true, false and null");
    }
    node.kind = kind;
    node.text = word;
    advance(word.size());
    return true;
  }

  bool number(Node& node) {
    const std::size_t start = offset_;
    const Position start_position = here();
    auto digits = [&] {
      const std::size_t before = offset_;
      while (!at_end() && peek() >= '0' && peek() <= '9') advance();
      return offset_ > before;
    };
    if (peek() == '-') advance();
    if (!at_end() && peek() == '0') {
      advance();
      if (!at_end() && peek() >= '0' && peek() <= '9') {
        set_error("numbers must not have leading zeros", "write the number without them, or quote it");
        error_.position = start_position;
        return false;
      }
    } else if (!digits()) {
      return set_error("expected digits after '-'");
    }
    if (!at_end() && peek() == '.') {
      advance();
      if (!digits()) return set_error("expected digits after the decimal point");
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      advance();
      if (!at_end() && (peek() == '+' || peek() == '-')) advance();
      if (!digits()) return set_error("expected digits in the exponent");
    }
    node.kind = Node::Kind::number;
    node.text = std::string(text_.substr(start, offset_ - start));
    return true;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool hex4(std::uint32_t& out) {
    out = 0;
    for (int i = 0; i < 4; ++i) {
      if (at_end() || !std::isxdigit(static_cast<unsigned char>(peek())))
        return set_error("expected four hex digits after \\u");
      const char c = peek();
      out = out * 16 + static_cast<std::uint32_t>(std::isdigit(static_cast<unsigned char>(c))
                                                      ? c - '0'
                                                      : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
      advance();
    }
    return true;
  }

  // Sets the error at `at` rather than at the current position.
  bool error_at(Position at, std::string message, std::string hint = {}) {
    error_ = ParseError{at, std::move(message), std::move(hint)};
    return false;
  }

  bool string(std::string& out) {
    const Position opening = here();
    advance();  // the opening quote
    while (true) {
      if (at_end()) return error_at(opening, "the string starting here is not closed", "close it with \"");
      const char c = peek();
      if (c == '"') {
        advance();
        return true;
      }
      if (c == '\n' || text_.substr(offset_, 2) == "\r\n")
        return error_at(opening, "the string starting here is not closed before the end of the line",
                        "close it with \", or write a line break as \\n");
      if (static_cast<unsigned char>(c) < 0x20)
        return set_error("a control character inside a string", "escape it, e.g. \\t or \\u0001");
      if (c != '\\' && static_cast<unsigned char>(c) < 0x80) {
        // A run of plain ASCII is copied at once: strings are most of a configuration.
        std::size_t end = offset_ + 1;
        while (end < text_.size()) {
          const auto b = static_cast<unsigned char>(text_[end]);
          if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) break;
          ++end;
        }
        out.append(text_.substr(offset_, end - offset_));
        column_ += static_cast<int>(end - offset_);
        offset_ = end;
        continue;
      }
      if (c != '\\') {
        const std::size_t length = utf8_sequence_length(text_, offset_);
        if (length == 0) return set_error("a byte that is not UTF-8 inside a string", "save the file as UTF-8");
        out.append(text_.substr(offset_, length));
        advance(length);
        continue;
      }
      if (!escape(out)) return false;
    }
  }

  bool escape(std::string& out) {
    const Position backslash = here();
    advance();
    if (at_end()) return error_at(backslash, "the document ends inside an escape", "close it with \"");
    const char e = peek();
    advance();
    switch (e) {
      case '"':
        out += '"';
        return true;
      case '\\':
        out += '\\';
        return true;
      case '/':
        out += '/';
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        break;
      default:
        return error_at(backslash,
                        "unknown escape '\\" +
                            (static_cast<unsigned char>(e) < 0x80 && e >= 0x20 ? std::string(1, e) : std::string("?")) +
                            "'",
                        "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
    }
    std::uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair names one character
      std::uint32_t low = 0;
      if (text_.substr(offset_, 2) != "\\u")
        return error_at(backslash, "a lone UTF-16 high surrogate in a \\u escape", "follow it with its low surrogate");
      advance(2);
      if (!hex4(low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) return error_at(backslash, "an invalid UTF-16 surrogate pair in a \\u escape");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return error_at(backslash, "a lone UTF-16 low surrogate in a \\u escape");
    }
    append_utf8(out, cp);
    return true;
  }

  // What to say when a member or element is followed by neither a comma nor the closing bracket.
  bool expected_separator(const char* what, char closing, Position opening) {
    if (at_end())
      return set_error(
          std::string("the '") + (closing == '}' ? '{' : '[') + "' at " + in_words(opening) + " is not closed",
          std::string("close it with '") + closing + "'");
    if (peek() == '/') return comment_here();
    return set_error(std::string("expected ',' or '") + closing + "' after " + what + ", found " + found(),
                     "add the missing comma");
  }

  bool object(Node& node, int depth) {
    node.kind = Node::Kind::map;
    const Position opening = here();
    advance();  // {
    skip_space();
    if (!at_end() && peek() == '}') {
      advance();
      return true;
    }
    std::optional<Position> comma;
    while (true) {
      skip_space();
      if (at_end() || peek() != '"') {
        if (!at_end() && peek() == '}' && comma)
          return error_at(*comma, "a trailing comma before '}'", "remove this comma");
        if (!at_end() && peek() == '\'') return set_error("member names must be in double quotes", "replace ' with \"");
        if (!at_end() && peek() == '/') return comment_here();
        if (at_end()) return expected_separator("a member", '}', opening);
        return set_error("expected a member name in double quotes, found " + found());
      }
      Node::Entry entry;
      entry.key_position = here();
      if (!string(entry.key)) return false;
      skip_space();
      if (!at_end() && peek() == '/') return comment_here();
      if (at_end() || peek() != ':') return set_error("expected ':' after the member name, found " + found());
      advance();
      if (!value(entry.value, depth + 1)) return false;
      node.entries.push_back(std::move(entry));
      skip_space();
      if (!at_end() && peek() == ',') {
        comma = here();
        advance();
        continue;
      }
      if (!at_end() && peek() == '}') {
        advance();
        return true;
      }
      return expected_separator("a member", '}', opening);
    }
  }

  bool array(Node& node, int depth) {
    node.kind = Node::Kind::sequence;
    const Position opening = here();
    advance();  // [
    skip_space();
    if (!at_end() && peek() == ']') {
      advance();
      return true;
    }
    std::optional<Position> comma;
    while (true) {
      skip_space();
      if (!at_end() && peek() == ']' && comma)
        return error_at(*comma, "a trailing comma before ']'", "remove this comma");
      if (at_end()) return expected_separator("an element", ']', opening);
      Node item;
      if (!value(item, depth + 1)) return false;
      node.items.push_back(std::move(item));
      skip_space();
      if (!at_end() && peek() == ',') {
        comma = here();
        advance();
        continue;
      }
      if (!at_end() && peek() == ']') {
        advance();
        return true;
      }
      return expected_separator("an element", ']', opening);
    }
  }

  std::string_view text_;
  std::size_t offset_ = 0;
  int line_ = 1;
  int column_ = 1;
  ParseError error_;
};

}  // namespace

Result<Node, ParseError> read_json(std::string_view text) { return JsonReader(text).read(); }

}  // namespace azureml::config
