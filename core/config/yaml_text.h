#pragma once
// What the two YAML readers (yaml_block_reader.cc, yaml_event_reader.cc) share: the text with its
// positions (1-based lines, columns in UTF-8 characters, as the JSON reader counts them), the
// core schema's scalar words and the nesting limit.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/document.h"

namespace azureml::config::yaml {

inline constexpr int kMaxDepth = 256;  // the JSON reader's limit and wording

bool is_core_integer(std::string_view s);
bool is_core_number(std::string_view s);
bool is_null_word(std::string_view s);
bool is_blank(char c);
std::string too_deep_message();

// Byte offsets to positions: 1-based lines, 1-based columns counted in UTF-8 characters.
class Text {
 public:
  explicit Text(std::string_view text) : text_(text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") bom_ = 3;
    cached_offset_ = bom_;
    line_starts_.push_back(0);
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
      line_starts_.push_back(i + 1);
  }

  std::string_view text() const { return text_; }

  Position at(std::size_t offset) {
    if (offset == std::string_view::npos || offset > text_.size()) offset = text_.size();
    std::size_t line = cached_line_;
    if (offset < cached_offset_ || (line + 1 < line_starts_.size() && offset >= line_starts_[line + 1])) {
      line = static_cast<std::size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) -
                                      line_starts_.begin()) -
             1;
      cached_line_ = line;
      cached_offset_ = std::max(line_starts_[line], line == 0 ? bom_ : 0);
      cached_column_ = 1;
    }
    for (; cached_offset_ < offset; ++cached_offset_)
      if ((static_cast<unsigned char>(text_[cached_offset_]) & 0xC0) != 0x80) ++cached_column_;
    return {static_cast<int>(line + 1), cached_column_};
  }

  Position end() { return at(text_.size()); }

  // 0-based line of an offset.
  std::size_t line_of(std::size_t offset) const {
    return static_cast<std::size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) -
                                    line_starts_.begin()) -
           1;
  }
  std::size_t line_end(std::size_t line) const {
    return line + 1 < line_starts_.size() ? line_starts_[line + 1] : text_.size();
  }
  std::size_t bom() const { return bom_; }

 private:
  std::string_view text_;
  std::size_t bom_ = 0;
  std::vector<std::size_t> line_starts_;
  std::size_t cached_line_ = 0;
  std::size_t cached_offset_ = 0;  // the cache says: text_[cached_offset_] is at column cached_column_
  int cached_column_ = 1;
};

}  // namespace azureml::config::yaml
