#include "core/config/json_reader.h"

#include <cctype>
#include <cstdint>
#include <string>

namespace azureml::config {
namespace {

constexpr int kMaxDepth = 256;  // deeper documents are hostile, not configuration

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  Result<Node, ParseError> read() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") advance(3);  // a UTF-8 byte order mark
    skip_space();
    if (at_end()) return error("the document is empty", "expected a JSON object");
    Node root;
    if (!value(root, 0)) return fail(std::move(error_));
    skip_space();
    if (!at_end()) return error("unexpected '" + std::string(1, peek()) + "' after the document",
                                "a JSON document holds exactly one value");
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
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) advance();
  }

  std::string found() const {
    if (at_end()) return "the end of the document";
    const char c = peek();
    if (static_cast<unsigned char>(c) < 0x20) return "a control character";
    return "'" + std::string(1, c) + "'";
  }

  bool value(Node& node, int depth) {
    if (depth > kMaxDepth) return set_error("the document nests deeper than " + std::to_string(kMaxDepth) + " levels");
    skip_space();
    node.position = here();
    if (at_end()) return set_error("unexpected end of the document", "expected a value");
    switch (peek()) {
      case '{': return object(node, depth);
      case '[': return array(node, depth);
      case '"': node.kind = Node::Kind::string; return string(node.text);
      case 't': return literal(node, "true", Node::Kind::boolean);
      case 'f': return literal(node, "false", Node::Kind::boolean);
      case 'n': return literal(node, "null", Node::Kind::null);
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number(node);
        if (peek() == '\'')
          return set_error("strings must be in double quotes", "replace ' with \"");
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
    auto digits = [&] {
      const std::size_t before = offset_;
      while (!at_end() && peek() >= '0' && peek() <= '9') advance();
      return offset_ > before;
    };
    if (peek() == '-') advance();
    if (!at_end() && peek() == '0') {
      advance();
      if (!at_end() && peek() >= '0' && peek() <= '9')
        return set_error("numbers must not have leading zeros", "write the number without them, or quote it");
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

  bool string(std::string& out) {
    advance();  // the opening quote
    while (true) {
      if (at_end()) return set_error("unterminated string", "close it with \"");
      const char c = peek();
      if (c == '"') {
        advance();
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20)
        return set_error(c == '\n' ? "unterminated string (a line break inside a string)" : "a control character inside a string",
                         "escape it, e.g. \\n or \\t");
      if (c != '\\') {
        out += c;
        advance();
        continue;
      }
      advance();
      if (at_end()) return set_error("unterminated string", "close it with \"");
      const char e = peek();
      advance();
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair names one character
            std::uint32_t low = 0;
            if (text_.substr(offset_, 2) != "\\u") return set_error("a lone UTF-16 high surrogate in \\u escape");
            advance(2);
            if (!hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return set_error("an invalid UTF-16 surrogate pair in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return set_error("a lone UTF-16 low surrogate in \\u escape");
          }
          append_utf8(out, cp);
          break;
        }
        default:
          return set_error("unknown escape '\\" + std::string(1, e) + "'",
                           "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
      }
    }
  }

  bool object(Node& node, int depth) {
    node.kind = Node::Kind::map;
    advance();  // {
    skip_space();
    if (!at_end() && peek() == '}') {
      advance();
      return true;
    }
    while (true) {
      skip_space();
      if (at_end() || peek() != '"') {
        if (!at_end() && peek() == '}')
          return set_error("a trailing comma before '}'", "remove the last comma");
        return set_error("expected a member name in double quotes, found " + found());
      }
      Node::Entry entry;
      entry.key_position = here();
      if (!string(entry.key)) return false;
      skip_space();
      if (at_end() || peek() != ':') return set_error("expected ':' after the member name, found " + found());
      advance();
      if (!value(entry.value, depth + 1)) return false;
      node.entries.push_back(std::move(entry));
      skip_space();
      if (!at_end() && peek() == ',') {
        advance();
        continue;
      }
      if (!at_end() && peek() == '}') {
        advance();
        return true;
      }
      return set_error("expected ',' or '}' after a member, found " + found(),
                       at_end() ? "close the object with '}'" : "add the missing comma");
    }
  }

  bool array(Node& node, int depth) {
    node.kind = Node::Kind::sequence;
    advance();  // [
    skip_space();
    if (!at_end() && peek() == ']') {
      advance();
      return true;
    }
    while (true) {
      skip_space();
      if (!at_end() && peek() == ']') return set_error("a trailing comma before ']'", "remove the last comma");
      Node item;
      if (!value(item, depth + 1)) return false;
      node.items.push_back(std::move(item));
      skip_space();
      if (!at_end() && peek() == ',') {
        advance();
        continue;
      }
      if (!at_end() && peek() == ']') {
        advance();
        return true;
      }
      return set_error("expected ',' or ']' after an element, found " + found(),
                       at_end() ? "close the array with ']'" : "add the missing comma");
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
