// Any YAML, through yaml-cpp's event parser (YAML::Parser + EventHandler) feeding Builder, which
// makes our Node tree directly: no yaml-cpp node graph, no second copy. Positions come from
// yaml-cpp's byte offsets.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <istream>
#include <iterator>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/config/yaml_reader.h"
#include "core/config/yaml_text.h"

namespace azureml::config {
namespace {

using yaml::is_blank;
using yaml::is_core_integer;
using yaml::is_core_number;
using yaml::is_null_word;
using yaml::kMaxDepth;
using yaml::too_deep_message;

constexpr std::string_view kCoreTagPrefix = "tag:yaml.org,2002:";
constexpr std::string_view kIndentationHint = "check the indentation and quoting around this point";

// The input as yaml-cpp reads it, without a copy.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // read only: no put area, no writes
    setg(begin, begin, begin + text.size());
  }
};

// The text with yaml-cpp's marks turned into offsets and positions.
class Source : public yaml::Text {
 public:
  using Text::Text;

  // The offset in text() a mark points at; npos when the mark is unusable.
  std::size_t offset(const YAML::Mark& mark) const {
    if (mark.pos < 0) return std::string_view::npos;
    const std::size_t offset = bom() + static_cast<std::size_t>(mark.pos);
    return offset <= text().size() ? offset : std::string_view::npos;
  }

  // yaml-cpp's line and column are unreliable at the end of the input; its byte offset is not.
  Position position(const YAML::Mark& mark) { return at(offset(mark)); }
};

// Our own errors, thrown out of the event handler through yaml-cpp's parser.
struct BuildError {
  ParseError error;
};

// The offset of a node's content after its properties (tag, anchor): yaml-cpp marks a node
// where its first property starts.
std::size_t skip_properties(std::string_view text, std::size_t offset) {
  while (offset < text.size() && (text[offset] == '!' || text[offset] == '&')) {
    while (offset < text.size() && !is_blank(text[offset])) ++offset;
    while (offset < text.size() && is_blank(text[offset])) ++offset;
  }
  return offset;
}

// The word after '*' or '&' at offset (an alias or anchor name).
std::string name_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return {};
  std::size_t end = offset + 1;
  while (end < text.size() && !is_blank(text[end]) && std::strchr(",[]{}", text[end]) == nullptr) ++end;
  return std::string(text.substr(offset + 1, end - offset - 1));
}

std::string display_tag(const std::string& tag) {
  if (std::string_view(tag).starts_with(kCoreTagPrefix)) return "!!" + tag.substr(kCoreTagPrefix.size());
  return tag;
}

std::string describe_alias(std::string_view text, std::size_t offset) {
  const std::string name = name_at(text, offset);
  return name.empty() ? "the alias" : "the alias '*" + name + "'";
}

class Builder : public YAML::EventHandler {
 public:
  Builder(Source& source, std::size_t budget) : source_(source), budget_(budget) {}

  Node& root() { return root_; }
  bool root_is_empty() const { return root_is_empty_; }
  // An error found in the document that yaml-cpp's own errors outrank (a key that is not a
  // scalar can be yaml-cpp's reading of an unclosed flow collection).
  const std::optional<ParseError>& pending() const { return pending_; }
  bool has_merge_keys() const { return !merge_keys_.empty(); }

  void OnDocumentStart(const YAML::Mark& mark) override { start_ = mark.pos; }
  void OnDocumentEnd() override {}
  int start() const { return start_; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const std::size_t offset = source_.offset(mark);
    // The null word written ("~: 1" keeps its key "~"); none for an empty value or document.
    std::string_view word;
    bool has_properties = false;  // "!!null" at the end of the input comes as a null too
    if (offset != std::string_view::npos) {
      const std::string_view text = source_.text();
      const std::size_t start = skip_properties(text, offset);
      has_properties = start > offset;
      for (std::string_view w : {"~", "null", "Null", "NULL"}) {
        const std::size_t end = start + w.size();
        if (text.substr(start, w.size()) == w &&
            (end == text.size() || is_blank(text[end]) || std::strchr(":,]}", text[end]) != nullptr))
          word = w;
      }
    }
    if (frames_.empty() && word.empty() && !has_properties) root_is_empty_ = true;
    if (key_next()) return add_key(mark, std::string(word), anchor, Node::Kind::null);
    Node& node = begin_value(mark, anchor);
    node.kind = Node::Kind::null;
    end_value(anchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (tag != "?") check_quote_closed(mark);
    const Node::Kind kind = scalar_kind(mark, tag, value);
    if (key_next()) return add_key(mark, value, anchor, kind);
    Node& node = begin_value(mark, anchor);
    node.kind = kind;
    node.text = value;
    end_value(anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Node& target = resolve(mark, anchor);
    if (key_next()) {
      if (!target.is_scalar()) return key_error(mark, target.kind);
      return add_key(mark, target.text, YAML::NullAnchor, target.kind);
    }
    Node copy;
    copy_node(target, copy, static_cast<int>(frames_.size()), mark);
    begin_value(mark, YAML::NullAnchor) = std::move(copy);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    start_collection(mark, tag, anchor, Node::Kind::sequence);
  }
  void OnSequenceEnd() override { end_collection(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    start_collection(mark, tag, anchor, Node::Kind::map);
  }
  void OnMapEnd() override { end_collection(); }

  // YAML 1.1 merge keys, after the whole tree is built (so that anchor paths stayed valid):
  // "<<: *base" (or a list of aliases) adds the entries of those maps that the map does not
  // already have; the map's own keys win, then earlier maps in the list.
  void merge(Node& node) {
    for (Node& item : node.items) merge(item);
    for (Node::Entry& entry : node.entries) merge(entry.value);
    if (node.kind != Node::Kind::map) return;
    const auto is_merge = [&](const Node::Entry& e) {
      return e.key == "<<" && merge_keys_.count(key_of(e.key_position)) != 0;
    };
    if (std::none_of(node.entries.begin(), node.entries.end(), is_merge)) return;
    std::unordered_set<std::string> present;
    for (const Node::Entry& e : node.entries)
      if (!is_merge(e)) present.insert(e.key);
    std::vector<Node::Entry> merged;
    merged.reserve(node.entries.size());
    for (Node::Entry& entry : node.entries) {
      if (!is_merge(entry)) {
        merged.push_back(std::move(entry));
        continue;
      }
      Node& value = entry.value;
      auto take = [&](Node& from) {
        if (from.kind != Node::Kind::map)
          throw BuildError{
              {from.kind == Node::Kind::null && &from == &value ? entry.key_position : from.position,
               "the merge key ('<<') takes a map or a list of maps, found " + std::string(describe(from.kind)),
               "write '<<: *name' where '&name' marks a map"}};
        for (Node::Entry& e : from.entries)
          if (present.insert(e.key).second) merged.push_back(std::move(e));
      };
      if (value.kind == Node::Kind::sequence) {
        for (Node& item : value.items) take(item);
      } else {
        take(value);
      }
    }
    node.entries = std::move(merged);
  }

 private:
  struct Frame {
    Node* node;
    YAML::anchor_t anchor;
    bool key_next;            // maps: the next event is a key
    bool discard = false;     // a key that is not a scalar: built aside, then dropped
    std::uint32_t child = 0;  // the index of the entry or item being built
  };
  struct Anchor {
    std::vector<std::uint32_t> path;  // from the root, through entries or items
    std::unique_ptr<Node> key;        // an anchored key (keys are not nodes of the tree)
    bool complete = false;
    bool discarded = false;  // inside a dropped key: no alias may use it
  };

  static std::uint64_t key_of(Position p) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(p.line)) << 32) |
           static_cast<std::uint32_t>(p.column);
  }

  bool key_next() const { return !frames_.empty() && frames_.back().key_next; }

  // The first error in document order wins, so a pending one goes first.
  [[noreturn]] void fail_at(const YAML::Mark& mark, std::string message, std::string hint = {}) {
    if (pending_) throw BuildError{*pending_};
    throw BuildError{{source_.position(mark), std::move(message), std::move(hint)}};
  }
  // Kept pending; the map gets an entry with an empty key for the value that follows.
  void key_error(const YAML::Mark& mark, Node::Kind kind) {
    if (!pending_)
      pending_ = ParseError{source_.position(mark), "keys must be strings, found " + std::string(describe(kind)),
                            "write the key as a plain or quoted string"};
    add_key(mark, std::string(), YAML::NullAnchor, Node::Kind::null);
  }
  [[noreturn]] static void too_many_values() {
    throw BuildError{{{1, 1},
                      "the document expands to too many values through aliases",
                      "write the values out instead of using anchors and aliases"}};
  }
  [[noreturn]] void too_deep(const YAML::Mark& mark) {
    throw BuildError{{source_.position(mark), too_deep_message(), ""}};
  }

  void charge() {
    if (budget_ == 0) too_many_values();
    --budget_;
  }

  void add_key(const YAML::Mark& mark, std::string key, YAML::anchor_t anchor, Node::Kind kind) {
    Frame& frame = frames_.back();
    Node::Entry& entry = frame.node->entries.emplace_back();
    entry.key = std::move(key);
    entry.key_position = source_.position(mark);
    if (kind == Node::Kind::string && entry.key == "<<" && source_.offset(mark) != std::string_view::npos &&
        source_.text()[source_.offset(mark)] == '<')  // plain "<<", not quoted or tagged
      merge_keys_.insert(key_of(entry.key_position));
    frame.child = static_cast<std::uint32_t>(frame.node->entries.size() - 1);
    frame.key_next = false;
    if (anchor != YAML::NullAnchor) {
      Anchor& slot = anchor_slot(anchor);
      slot.key = std::make_unique<Node>();
      slot.key->kind = kind;
      slot.key->text = entry.key;
      slot.key->position = entry.key_position;
      slot.complete = true;
    }
  }

  // The node a value event fills: the root, the pending entry's value, or a new item.
  Node& begin_value(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (frames_.size() > static_cast<std::size_t>(kMaxDepth)) too_deep(mark);
    charge();
    Node* node = &root_;
    if (!frames_.empty()) {
      Frame& frame = frames_.back();
      if (frame.node->kind == Node::Kind::map) {
        node = &frame.node->entries.back().value;
        frame.key_next = true;
      } else {
        node = &frame.node->items.emplace_back();
        frame.child = static_cast<std::uint32_t>(frame.node->items.size() - 1);
      }
    }
    node->position = source_.position(mark);
    if (anchor != YAML::NullAnchor) register_anchor(anchor);
    return *node;
  }

  void register_anchor(YAML::anchor_t anchor) {
    Anchor& slot = anchor_slot(anchor);
    slot.key.reset();
    slot.complete = false;
    slot.discarded = discarding_ > 0;
    slot.path.clear();
    if (!slot.discarded)
      for (const Frame& frame : frames_) slot.path.push_back(frame.child);
  }

  void end_value(YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor && !anchor_slot(anchor).discarded) anchor_slot(anchor).complete = true;
  }

  void start_collection(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, Node::Kind kind) {
    const std::string_view expected = kind == Node::Kind::map ? "map" : "seq";
    if (tag != "?" && tag != "!" &&
        !(std::string_view(tag).starts_with(kCoreTagPrefix) &&
          std::string_view(tag).substr(kCoreTagPrefix.size()) == expected))
      fail_at(mark, "unsupported tag '" + display_tag(tag) + "'", "remove the tag");
    if (key_next()) {
      if (frames_.size() > static_cast<std::size_t>(kMaxDepth)) too_deep(mark);
      charge();
      key_error(mark, kind);
      Node& node = *discarded_.emplace_back(std::make_unique<Node>());
      node.kind = kind;
      ++discarding_;
      if (anchor != YAML::NullAnchor) register_anchor(anchor);
      frames_.push_back(Frame{&node, anchor, kind == Node::Kind::map, true});
      return;
    }
    Node& node = begin_value(mark, anchor);
    node.kind = kind;
    frames_.push_back(Frame{&node, anchor, kind == Node::Kind::map});
  }

  void end_collection() {
    const YAML::anchor_t anchor = frames_.back().anchor;
    if (frames_.back().discard) --discarding_;
    frames_.pop_back();
    end_value(anchor);
  }

  Anchor& anchor_slot(YAML::anchor_t anchor) {
    if (anchor >= anchors_.size()) anchors_.resize(anchor + 1);
    return anchors_[anchor];
  }

  const Node& resolve(const YAML::Mark& mark, YAML::anchor_t anchor) {
    const std::size_t offset = source_.offset(mark);
    if (anchor >= anchors_.size() || !anchors_[anchor].complete)
      fail_at(mark, describe_alias(source_.text(), offset) + " is used inside the value it refers to",
              "an alias cannot refer to a value that contains it");
    const Anchor& slot = anchors_[anchor];
    if (slot.key) return *slot.key;
    const Node* node = &root_;
    for (const std::uint32_t index : slot.path)
      node = node->kind == Node::Kind::map ? &node->entries[index].value : &node->items[index];
    return *node;
  }

  // Copies an aliased value, charging every node to the budget and checking the depth.
  void copy_node(const Node& from, Node& to, int depth, const YAML::Mark& mark) {
    if (depth > kMaxDepth) too_deep(mark);
    charge();
    to.kind = from.kind;
    to.position = from.position;
    to.text = from.text;
    to.items.resize(from.items.size());
    for (std::size_t i = 0; i < from.items.size(); ++i) copy_node(from.items[i], to.items[i], depth + 1, mark);
    to.entries.resize(from.entries.size());
    for (std::size_t i = 0; i < from.entries.size(); ++i) {
      to.entries[i].key = from.entries[i].key;
      to.entries[i].key_position = from.entries[i].key_position;
      copy_node(from.entries[i].value, to.entries[i].value, depth + 1, mark);
    }
  }

  // Explicit core tags; anything else is an error. Untagged plain scalars follow the core
  // schema; quoted ones (tag "!") are strings.
  Node::Kind scalar_kind(const YAML::Mark& mark, const std::string& tag, const std::string& value) {
    if (tag == "?") return yaml_plain_scalar_kind(value);
    if (tag == "!") return Node::Kind::string;
    const std::string shown = display_tag(tag);
    const std::string_view name =
        std::string_view(tag).starts_with(kCoreTagPrefix) ? std::string_view(tag).substr(kCoreTagPrefix.size()) : "";
    const std::string found = ", found '" + value + "'";
    if (name == "str") return Node::Kind::string;
    if (name == "int") {
      if (!is_core_integer(value))
        fail_at(mark, "the tag '" + shown + "' needs an integer" + found, "write an integer, or remove the tag");
      return Node::Kind::number;
    }
    if (name == "float") {
      if (!is_core_number(value))
        fail_at(mark, "the tag '" + shown + "' needs a number" + found, "write a number, or remove the tag");
      return Node::Kind::number;
    }
    if (name == "bool") {
      if (yaml_plain_scalar_kind(value) != Node::Kind::boolean)
        fail_at(mark, "the tag '" + shown + "' needs true or false" + found, "write true or false, or remove the tag");
      return Node::Kind::boolean;
    }
    if (name == "null") {
      if (!is_null_word(value))
        fail_at(mark, "the tag '" + shown + "' needs null" + found, "write null, or remove the tag");
      return Node::Kind::null;
    }
    fail_at(mark, "unsupported tag '" + shown + "'",
            "remove the tag; the tags understood are !!str, !!int, !!float, !!bool and !!null");
  }

  // yaml-cpp accepts a quoted scalar that runs to the end of the input when a line break
  // follows its opening quote; the closing quote must exist.
  void check_quote_closed(const YAML::Mark& mark) {
    const std::string_view text = source_.text();
    const std::size_t offset = source_.offset(mark);
    if (offset == std::string_view::npos) return;
    const std::size_t start = skip_properties(text, offset);
    if (start >= text.size() || (text[start] != '"' && text[start] != '\'')) return;
    const char quote = text[start];
    for (std::size_t i = start + 1; i < text.size(); ++i) {
      if (quote == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
        } else {
          return;
        }
      }
    }
    throw BuildError{{source_.end(), "unterminated quoted string starting at " + in_words(source_.at(start)),
                      std::string("close the string with ") + (quote == '"' ? "'\"'" : "\"'\"")}};
  }

  Source& source_;
  std::size_t budget_;
  Node root_;
  int start_ = 0;  // where the document starts (yaml-cpp's byte offset)
  bool root_is_empty_ = false;
  std::vector<Frame> frames_;
  std::vector<Anchor> anchors_;                   // by yaml-cpp's anchor id
  std::unordered_set<std::uint64_t> merge_keys_;  // positions of plain "<<" keys
  std::optional<ParseError> pending_;
  std::vector<std::unique_ptr<Node>> discarded_;  // keys that are not scalars
  int discarding_ = 0;                            // open frames of those
};

// Sees the documents after the first: counts them and remembers where the second starts.
// yaml-cpp starts document after document, forever, at a token it cannot place (a ',' at the
// top level): a document that starts where the one before did is reported as stuck instead.
class Counter : public YAML::EventHandler {
 public:
  explicit Counter(int first_start) : last_start_(first_start) {}

  int documents = 0;
  YAML::Mark start_mark = YAML::Mark::null_mark();  // of the second document
  YAML::Mark first_mark = YAML::Mark::null_mark();  // its first node, else its start
  std::optional<YAML::Mark> stuck;

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (mark.pos <= last_start_) {
      stuck = mark;
      return;
    }
    last_start_ = mark.pos;
    ++documents;
    if (documents == 1) start_mark = first_mark = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { see(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { see(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override { see(mark); }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    see(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    see(mark);
  }
  void OnMapEnd() override {}

 private:
  void see(const YAML::Mark& mark) {
    if (documents == 1 && !seen_) {
      seen_ = true;
      if (mark.pos >= 0) first_mark = mark;
    }
  }
  bool seen_ = false;
  int last_start_;
};

// The first line, from the start through line `last_line` (0-based), that starts with a tab
// in block context (outside flow collections, quoted and block scalars); npos if none.
std::size_t tab_indented_line(const Source& source, std::size_t last_line) {
  const std::string_view text = source.text();
  const std::size_t stop = source.line_end(last_line);
  int flow = 0;
  char quote = 0;
  std::size_t block_indent = std::string_view::npos;  // inside a block scalar: its header line's indentation
  for (std::size_t start = source.bom(); start < stop;) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    const std::size_t next = end + 1;
    const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
    const std::size_t content = line.find_first_not_of(" \t\r");
    if (block_indent != std::string_view::npos) {
      if (content == std::string_view::npos || indent > block_indent) {
        start = next;
        continue;
      }
      block_indent = std::string_view::npos;
    }
    if (quote == 0 && flow == 0 && !line.empty() && line[0] == '\t' && content != std::string_view::npos &&
        line[content] != '#')
      return start;
    char previous = 0;  // the last significant character on this line, outside quotes
    std::size_t code_end = line.size();
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quote == '"') {
        if (c == '\\')
          ++i;
        else if (c == '"')
          quote = 0, previous = c;
        continue;
      }
      if (quote == '\'') {
        if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'')
          ++i;
        else if (c == '\'')
          quote = 0, previous = c;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') continue;
      if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        code_end = i;
        break;
      }
      const bool scalar_may_start = previous == 0 || previous == ':' || previous == '-' || previous == '?' ||
                                    (flow > 0 && (previous == ',' || previous == '[' || previous == '{'));
      if ((c == '"' || c == '\'') && scalar_may_start) {
        quote = c;
        continue;
      }
      if ((c == '[' || c == '{') && (flow > 0 || scalar_may_start))
        ++flow;
      else if ((c == ']' || c == '}') && flow > 0)
        --flow;
      previous = c;
    }
    if (quote == 0 && flow == 0) {  // "key: |" or "- >-": a block scalar follows
      std::string_view code = line.substr(0, code_end);
      while (!code.empty() && std::strchr(" \t\r", code.back()) != nullptr) code.remove_suffix(1);
      while (!code.empty() && std::strchr("+-0123456789", code.back()) != nullptr) code.remove_suffix(1);
      if (!code.empty() && (code.back() == '|' || code.back() == '>') &&
          (code.size() == 1 || code[code.size() - 2] == ' ' || code[code.size() - 2] == '\t'))
        block_indent = indent;
    }
    start = next;
  }
  return std::string_view::npos;
}

// A yaml-cpp parse error, as our ParseError: the position (the end of the input when yaml-cpp
// has no usable mark), a message that names what it can, and a hint that fits the error.
ParseError parser_error(Source& source, const YAML::Exception& e) {
  const std::string_view text = source.text();
  const std::size_t offset = source.offset(e.mark);
  const std::string_view msg = e.msg;
  const Position position = source.at(offset);
  if (msg.starts_with(YAML::ErrorMsg::UNKNOWN_ANCHOR)) {
    const std::string name = name_at(text, offset);
    return {position, "the alias '*" + name + "' refers to no anchor", "define '&" + name + "' before using it"};
  }
  if (msg.starts_with(YAML::ErrorMsg::INVALID_ESCAPE) && offset != std::string_view::npos) {
    // yaml-cpp marks the byte after the escape's first byte: the backslash is two before.
    std::size_t backslash = offset >= 2 ? offset - 2 : 0;
    while (backslash > 0 && backslash < text.size() && text[backslash] != '\\' && offset - backslash < 6) --backslash;
    std::size_t end = std::min(backslash + 2, text.size());
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    return {source.at(backslash), "unknown escape '" + std::string(text.substr(backslash, end - backslash)) + "'",
            "YAML double-quoted escapes are \\\" \\\\ \\/ \\n \\t \\r \\0 \\xXX \\uXXXX ...; or use single quotes"};
  }
  if (msg.starts_with(YAML::ErrorMsg::INVALID_HEX) || msg.starts_with(YAML::ErrorMsg::INVALID_UNICODE))
    return {position, std::string(msg), "\\x takes 2 hex digits, \\u 4 and \\U 8; or use single quotes"};

  const std::string tab_hint = "YAML indents with spaces only; replace the tab with spaces";
  const std::size_t tab = tab_indented_line(source, source.line_of(std::min(offset, text.size())));
  if (tab != std::string_view::npos) return {source.at(tab), "a tab indents this line", tab_hint};
  if (msg.starts_with(YAML::ErrorMsg::TAB_IN_INDENTATION)) return {position, "a tab indents this line", tab_hint};

  struct Hint {
    const char* message;
    std::string_view hint;
  };
  static const Hint hints[] = {
      {YAML::ErrorMsg::MAP_VALUE, kIndentationHint},
      {YAML::ErrorMsg::MAP_KEY, kIndentationHint},
      {YAML::ErrorMsg::END_OF_MAP_FLOW, "close the map with '}'"},  // before END_OF_MAP: a longer prefix
      {YAML::ErrorMsg::END_OF_MAP, kIndentationHint},
      {YAML::ErrorMsg::END_OF_SEQ_FLOW, "close the list with ']'"},
      {YAML::ErrorMsg::END_OF_SEQ, kIndentationHint},
      {YAML::ErrorMsg::BLOCK_ENTRY, kIndentationHint},
      {YAML::ErrorMsg::FLOW_END,
       "remove this bracket, or make it match the one it closes ('[' with ']', '{' with '}')"},
      {YAML::ErrorMsg::EOF_IN_SCALAR, "close the quoted string"},
      {YAML::ErrorMsg::DOC_IN_SCALAR,
       "indent the line, or quote the string: '---' and '...' at a line start end a document"},
      {YAML::ErrorMsg::CHAR_IN_SCALAR, "quote the string"},
      {YAML::ErrorMsg::UNKNOWN_TOKEN, "quote the value"},
      {YAML::ErrorMsg::MULTIPLE_TAGS, "give a value at most one tag"},
      {YAML::ErrorMsg::MULTIPLE_ANCHORS, "give a value at most one anchor"},
      {YAML::ErrorMsg::MULTIPLE_ALIASES, "an alias stands alone: remove the tag or anchor before it"},
      {YAML::ErrorMsg::ALIAS_CONTENT, "an alias stands alone: remove the tag or anchor before it"},
      {YAML::ErrorMsg::AMBIGUOUS_ANCHOR, "an alias stands alone: remove the tag or anchor before it"},
      {YAML::ErrorMsg::ALIAS_NOT_FOUND, "write a name right after '*', or quote the value"},
      {YAML::ErrorMsg::ANCHOR_NOT_FOUND, "write a name right after '&', or quote the value"},
      {YAML::ErrorMsg::CHAR_IN_ALIAS, "write a name right after '*', or quote the value"},
      {YAML::ErrorMsg::CHAR_IN_ANCHOR, "write a name right after '&', or quote the value"},
      {YAML::ErrorMsg::CHAR_IN_TAG_HANDLE, "remove the tag, or quote the value"},
      {YAML::ErrorMsg::TAG_WITH_NO_SUFFIX, "remove the tag, or quote the value"},
      {YAML::ErrorMsg::END_OF_VERBATIM_TAG, "close the tag with '>', or remove it"},
      {YAML::ErrorMsg::ZERO_INDENT_IN_BLOCK, "after '|' or '>' write only '+', '-', an indentation 1-9 or a comment"},
      {YAML::ErrorMsg::CHAR_IN_BLOCK, "after '|' or '>' write only '+', '-', an indentation 1-9 or a comment"},
      {"YAML", "check the '%YAML' directive, or remove it"},  // the directive errors
      {"bad YAML", "check the '%YAML' directive, or remove it"},
      {"repeated YAML", "check the '%YAML' directive, or remove it"},
      {"TAG", "check the '%TAG' directive, or remove it"},
      {"repeated TAG", "check the '%TAG' directive, or remove it"},
  };
  for (const Hint& h : hints)
    if (msg.starts_with(h.message)) return {position, std::string(msg), std::string(h.hint)};
  return {position, std::string(msg), "check the YAML syntax around this point"};
}

// Whether a document yaml-cpp starts at offset is one: it follows '---' or a '...' line. yaml-cpp
// also starts one at a line that cannot continue the document ("- a\nb: 1"): that is a mistake.
bool starts_a_document(const Source& source, std::size_t offset) {
  const std::string_view text = source.text();
  if (offset == std::string_view::npos || offset >= text.size()) return true;
  if (text.substr(offset, 3) == "---") return true;
  for (std::size_t line = source.line_of(offset); line-- > 0;) {
    const std::size_t begin = line == 0 ? source.bom() : source.line_end(line - 1);
    std::string_view content = text.substr(begin, source.line_end(line) - begin);
    const std::size_t first = content.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || content[first] == '#') continue;
    return first == 0 && content.substr(0, 3) == "...";
  }
  return true;
}

}  // namespace

namespace detail {

Result<Node, ParseError> read_yaml_events(std::string_view text) {
  Source source(text);
  ViewBuffer buffer(text);
  std::istream stream(&buffer);
  // Aliases make a small file expand into a huge tree; the budget stops that.
  Builder builder(source, text.size() * 4 + 1024);
  try {
    YAML::Parser parser(stream);
    const ParseError empty{{1, 1}, "the document is empty", "expected a map of settings"};
    if (!parser.HandleNextDocument(builder)) return fail(empty);
    if (builder.pending()) return fail(*builder.pending());
    Counter counter(builder.start());
    while (!counter.stuck && parser.HandleNextDocument(counter)) {
    }
    if (counter.stuck) {
      const std::size_t offset = std::min(source.offset(*counter.stuck), text.size());
      std::size_t end = std::min(offset + 1, text.size());
      while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
      return fail(ParseError{source.at(offset), "unexpected '" + std::string(text.substr(offset, end - offset)) + "'",
                             std::string(kIndentationHint)});
    }
    if (counter.documents > 0 && !starts_a_document(source, source.offset(counter.start_mark)))
      return fail(ParseError{source.position(counter.start_mark), "unexpected content after the end of the document",
                             std::string(kIndentationHint)});
    if (counter.documents > 0)
      return fail(
          ParseError{source.position(counter.first_mark),
                     "the file holds " + std::to_string(counter.documents + 1) + " YAML documents; one is expected",
                     "remove the '---' separators, or split the file"});
    if (builder.root_is_empty()) return fail(empty);
    if (builder.has_merge_keys()) builder.merge(builder.root());
  } catch (const BuildError& e) {
    return fail(e.error);
  } catch (const YAML::DeepRecursion& e) {
    return fail(ParseError{source.position(e.mark), too_deep_message(), ""});
  } catch (const YAML::Exception& e) {
    return fail(parser_error(source, e));
  }
  return std::move(builder.root());
}

}  // namespace detail
}  // namespace azureml::config
