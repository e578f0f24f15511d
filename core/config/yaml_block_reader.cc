// The common block-style subset of YAML, read fast in one pass (read_yaml tries it first).
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/yaml_reader.h"
#include "core/config/yaml_text.h"

namespace azureml::config {
namespace {

using yaml::kMaxDepth;
using yaml::Text;

// The common case, fast: block maps and lists of single-line plain or quoted scalars and
// one-line flow collections, with comments (what the bench file and most configurations are).
// Anything else (anchors, tags, block or multi-line scalars, escapes, tabs, CR, document
// markers, merge keys, any error) makes it give up, and yaml-cpp's event parser reads the text.
// It must give exactly the tree that parser gives, positions included (the unit tests compare
// the two on generated and mutated documents).
class BlockReader {
 public:
  explicit BlockReader(Text& source) : source_(source), text_(source.text()) {}

  std::optional<Node> read() {
    try {
      check_bytes();
      next_begin_ = source_.bom();
      if (!next_line()) return std::nullopt;  // empty: the event parser says so
      Node root;
      block(root, column(), 0);
      if (!at_end_) return std::nullopt;
      return root;
    } catch (const GiveUp&) {
      return std::nullopt;
    }
  }

 private:
  struct GiveUp {};
  [[noreturn]] static void give_up() { throw GiveUp{}; }

  // Bytes the subset leaves to yaml-cpp: tabs, CR (but in CRLF) and other controls, NEL, LS,
  // PS, a BOM inside the text.
  void check_bytes() const {
    for (std::size_t i = 0; i < text_.size(); ++i) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if (c >= 0x20 && c < 0x7F) continue;
      if (c == '\n' || (c == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n')) continue;
      if (c < 0x80) give_up();
      const std::string_view rest = text_.substr(i, 3);
      if (rest.starts_with("\xC2\x85") || rest == "\xE2\x80\xA8" || rest == "\xE2\x80\xA9" ||
          (rest == "\xEF\xBB\xBF" && i != 0))
        give_up();
    }
  }

  std::size_t column() const { return cur_ - line_begin_; }  // indentation is ASCII: bytes
  Position here() { return source_.at(cur_); }
  bool eol(std::size_t i) const { return i >= line_end_; }
  bool blank_or_eol(std::size_t i) const { return i >= line_end_ || text_[i] == ' '; }

  // To the next line with content (not blank, not only a comment); false at the end.
  bool next_line() {
    while (next_begin_ < text_.size()) {
      const std::size_t begin = next_begin_;
      std::size_t end = text_.find('\n', begin);
      if (end == std::string_view::npos) end = text_.size();
      next_begin_ = end + 1;
      if (end > begin && text_[end - 1] == '\r') --end;  // CRLF
      std::size_t first = begin;
      while (first < end && text_[first] == ' ') ++first;
      if (first == end || text_[first] == '#') continue;
      if (first == begin) {  // document markers and directives
        const std::string_view start = text_.substr(begin, 3);
        if (start == "---" || start == "..." || text_[begin] == '%') give_up();
      }
      line_begin_ = begin;
      line_end_ = end;
      cur_ = first;
      return true;
    }
    at_end_ = true;
    cur_ = text_.size();
    return false;
  }

  void skip_spaces() {
    while (cur_ < line_end_ && text_[cur_] == ' ') ++cur_;
  }
  // Nothing but spaces and a comment left on the line.
  void expect_line_end() {
    skip_spaces();
    if (cur_ < line_end_ && !(text_[cur_] == '#' && text_[cur_ - 1] == ' ')) give_up();
  }

  bool is_entry() const { return text_[cur_] == '-' && blank_or_eol(cur_ + 1); }

  // A plain scalar may start here (block context), outside what the subset leaves out.
  bool plain_start(std::size_t i) const {
    const char c = text_[i];
    if (std::strchr(",[]{}#&*!|>%@`'\"", c) != nullptr) return false;
    if ((c == '-' || c == '?' || c == ':') && blank_or_eol(i + 1)) return false;
    return true;
  }

  // The end of the key starting at i when this line holds "key: ..." (the offset of ':'); npos if not.
  std::size_t key_colon(std::size_t i) const {
    if (text_[i] == '"' || text_[i] == '\'') {
      const std::size_t close = closing_quote(i);
      if (close == std::string_view::npos) return close;
      std::size_t j = close + 1;
      while (j < line_end_ && text_[j] == ' ') ++j;
      return j < line_end_ && text_[j] == ':' && blank_or_eol(j + 1) ? j : std::string_view::npos;
    }
    if (!plain_start(i)) return std::string_view::npos;
    for (std::size_t j = i; j < line_end_; ++j) {
      if (text_[j] == ':' && blank_or_eol(j + 1)) return j;
      if (text_[j] == '#' && text_[j - 1] == ' ') return std::string_view::npos;
    }
    return std::string_view::npos;
  }

  // The closing quote of the quoted scalar at i on this line; npos when it is not there or the
  // scalar has an escape.
  std::size_t closing_quote(std::size_t i) const {
    const char quote = text_[i];
    for (std::size_t j = i + 1; j < line_end_; ++j) {
      if (quote == '"' && text_[j] == '\\') return std::string_view::npos;
      if (text_[j] != quote) continue;
      if (quote == '\'' && j + 1 < line_end_ && text_[j + 1] == '\'') {
        ++j;
        continue;
      }
      return j;
    }
    return std::string_view::npos;
  }

  std::string quoted(std::size_t close) {
    std::string out;
    const char quote = text_[cur_];
    const std::string_view body = text_.substr(cur_ + 1, close - cur_ - 1);
    if (quote == '\'') {
      out.reserve(body.size());
      for (std::size_t j = 0; j < body.size(); ++j) {
        out += body[j];
        if (body[j] == '\'') ++j;  // '' is one quote
      }
    } else {
      out = body;
    }
    cur_ = close + 1;
    return out;
  }

  void block(Node& node, std::size_t indent, int depth) {
    if (depth >= kMaxDepth) give_up();  // its values would be too deep: the event parser says so
    if (is_entry()) {
      sequence(node, indent, depth);
    } else {
      map(node, indent, depth);
    }
  }

  // After a value: the next line must not be more indented than its collection.
  void value_on_following_lines(Node& value, std::size_t indent, int depth, bool in_map) {
    const bool more = next_line();
    if (more && column() > indent) return block(value, column(), depth + 1);
    if (more && in_map && column() == indent && is_entry()) give_up();  // a list at the key's indentation
    value.kind = Node::Kind::null;
    value.position = more ? here() : source_.end();
  }

  // A scalar or a flow collection that ends on this line.
  void inline_value(Node& value, int depth) {
    if (text_[cur_] == '{' || text_[cur_] == '[') {
      flow(value, depth);
    } else if (text_[cur_] == '"' || text_[cur_] == '\'') {
      quoted_scalar(value);
    } else {
      plain_scalar(value, false);
    }
    expect_line_end();
  }

  void quoted_scalar(Node& value) {
    value.position = here();
    const std::size_t close = closing_quote(cur_);
    if (close == std::string_view::npos) give_up();
    value.kind = Node::Kind::string;
    value.text = quoted(close);
  }

  // Up to " #", ": " (or ':' at the end) and, in flow context, the flow indicators.
  void plain_scalar(Node& value, bool in_flow) {
    value.position = here();
    if (!plain_start(cur_) || (in_flow && text_[cur_] == '-' && std::strchr(",]}", text_[cur_ + 1]) != nullptr) ||
        (in_flow && (text_[cur_] == '?' || text_[cur_] == ':')))
      give_up();
    std::size_t end = cur_;
    for (; end < line_end_; ++end) {
      const char c = text_[end];
      if (c == ':' && (blank_or_eol(end + 1) || (in_flow && std::strchr(",[]{}", text_[end + 1]) != nullptr)))
        break;  // a key, or "a: b: c" and the like: the caller decides
      if (c == '#' && text_[end - 1] == ' ') break;
      if (in_flow && std::strchr(",[]{}?", c) != nullptr) break;  // yaml-cpp ends at '?' too
    }
    std::size_t last = end;
    while (last > cur_ && text_[last - 1] == ' ') --last;
    const std::string_view plain = text_.substr(cur_, last - cur_);
    value.kind = yaml_plain_scalar_kind(plain);
    if (value.kind != Node::Kind::null) value.text = plain;  // as yaml-cpp's OnNull
    cur_ = end;
    if (!in_flow && end < line_end_ && text_[end] == ':') give_up();
  }

  // A flow collection on one line: "{a: 1, b: [x, 'y']}". No empty entries or values, no
  // "a: b" inside lists, no trailing comma.
  void flow(Node& node, int depth) {
    if (depth >= kMaxDepth) give_up();  // its items would be too deep: the event parser says so
    const bool is_map = text_[cur_] == '{';
    const char close = is_map ? '}' : ']';
    node.kind = is_map ? Node::Kind::map : Node::Kind::sequence;
    node.position = here();
    ++cur_;
    skip_spaces();
    if (!eol(cur_) && text_[cur_] == close) {
      ++cur_;
      return;
    }
    while (true) {
      if (eol(cur_)) give_up();
      Node* value = nullptr;
      if (is_map) {
        Node::Entry& entry = node.entries.emplace_back();
        entry.key_position = here();
        Node key;
        flow_item(key, depth);
        if (!key.is_scalar() || eol(cur_) || text_[cur_] != ':' || !blank_or_eol(cur_ + 1)) give_up();
        entry.key = std::move(key.text);
        if (entry.key == "<<" || entry.key.size() > 1024) give_up();
        ++cur_;
        skip_spaces();
        if (eol(cur_) || std::strchr(",}", text_[cur_]) != nullptr) give_up();  // an empty value
        value = &entry.value;
      } else {
        value = &node.items.emplace_back();
      }
      flow_item(*value, depth);
      if (eol(cur_)) give_up();
      if (text_[cur_] == close) {
        ++cur_;
        return;
      }
      if (text_[cur_] != ',') give_up();
      ++cur_;
      skip_spaces();
      if (!eol(cur_) && text_[cur_] == close) give_up();  // a trailing comma
    }
  }

  void flow_item(Node& node, int depth) {
    if (eol(cur_)) give_up();
    if (text_[cur_] == '{' || text_[cur_] == '[') {
      flow(node, depth + 1);
    } else if (text_[cur_] == '"' || text_[cur_] == '\'') {
      quoted_scalar(node);
    } else {
      plain_scalar(node, true);
      if (node.kind == Node::Kind::null) give_up();  // "~" or an empty entry: left to yaml-cpp
    }
    skip_spaces();
  }

  // Block collections gather their entries or items in a scratch vector per depth (only one
  // collection per depth is open at a time), then take them at their exact size: one
  // allocation each, no slack.
  template <class T>
  static void take(std::vector<T>& scratch, std::vector<T>& into) {
    into.assign(std::make_move_iterator(scratch.begin()), std::make_move_iterator(scratch.end()));
    scratch.clear();
  }

  void map(Node& node, std::size_t indent, int depth) {
    node.kind = Node::Kind::map;
    node.position = here();
    std::vector<Node::Entry>& entries = entries_[static_cast<std::size_t>(depth)];
    while (true) {
      const std::size_t colon = key_colon(cur_);
      if (colon == std::string_view::npos) give_up();
      Node::Entry& entry = entries.emplace_back();
      entry.key_position = here();
      if (text_[cur_] == '"' || text_[cur_] == '\'') {
        entry.key = quoted(closing_quote(cur_));
      } else {
        std::size_t last = colon;
        while (text_[last - 1] == ' ') --last;
        entry.key = text_.substr(cur_, last - cur_);
        if (entry.key == "<<") give_up();  // merge keys
      }
      if (entry.key.size() > 1024) give_up();  // longer than a YAML simple key may be
      cur_ = colon + 1;
      skip_spaces();
      if (eol(cur_) || text_[cur_] == '#') {
        value_on_following_lines(entry.value, indent, depth, true);
      } else {
        inline_value(entry.value, depth + 1);
        if (next_line() && column() > indent) give_up();  // a continuation line, or an error
      }
      if (at_end_ || column() < indent) return take(entries, node.entries);
      if (column() > indent || is_entry()) give_up();
    }
  }

  void sequence(Node& node, std::size_t indent, int depth) {
    node.kind = Node::Kind::sequence;
    node.position = here();
    std::vector<Node>& items = items_[static_cast<std::size_t>(depth)];
    while (true) {
      Node& item = items.emplace_back();
      ++cur_;  // the '-'
      skip_spaces();
      if (eol(cur_) || text_[cur_] == '#') {
        value_on_following_lines(item, indent, depth, false);
      } else if (is_entry() || key_colon(cur_) != std::string_view::npos) {
        block(item, column(), depth + 1);  // "- - a" or "- key: value" and the lines below
      } else {
        inline_value(item, depth + 1);
        if (next_line() && column() > indent) give_up();
      }
      if (at_end_ || column() < indent) return take(items, node.items);
      if (column() > indent || !is_entry()) give_up();
    }
  }

  Text& source_;
  std::string_view text_;
  std::size_t line_begin_ = 0;
  std::size_t line_end_ = 0;
  std::size_t cur_ = 0;
  std::size_t next_begin_ = 0;  // where the line after the current one starts
  std::vector<std::vector<Node::Entry>> entries_ = std::vector<std::vector<Node::Entry>>(kMaxDepth);
  std::vector<std::vector<Node>> items_ = std::vector<std::vector<Node>>(kMaxDepth);
  bool at_end_ = false;
};

}  // namespace

namespace detail {

std::optional<Node> read_yaml_block_subset(std::string_view text) {
  // yaml-cpp reads a UTF-16 or UTF-32 text by its byte-order mark, or by a NUL in its first two
  // bytes; such a text is left to it, or the two readers would disagree (fuzz/attach_config_yaml).
  const bool utf16_mark = text.starts_with("\xFE\xFF") || text.starts_with("\xFF\xFE");
  if (utf16_mark || text.substr(0, 2).find('\0') != std::string_view::npos) return std::nullopt;
  Text source(text);
  return BlockReader(source).read();
}

}  // namespace detail
}  // namespace azureml::config
