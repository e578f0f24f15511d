#pragma once
// How a fuzz target states an invariant. A broken one prints what was expected and the value
// that broke it, then aborts: libFuzzer reports the abort as a crash and saves the input, so an
// invariant is caught exactly like a memory error.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/util/text.h"

namespace azureml::fuzz {

[[noreturn]] inline void invariant_broken(const char* condition, std::string_view detail, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n%.*s\n", file, line, condition, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

// True when `text` is valid UTF-8 with no byte below 0x20 and no DEL: one line of a terminal
// that user input cannot split or recolour (what core/util/text.h printable() promises).
inline bool is_one_printable_line(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f) return false;
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace azureml::fuzz

// A macro rather than a function: the message names the failing condition and its line, and
// clang 14 with libstdc++ 12 has no std::source_location.
#define FUZZ_CHECK(condition, detail)                                                              \
  do {                                                                                             \
    if (!(condition)) ::azureml::fuzz::invariant_broken(#condition, (detail), __FILE__, __LINE__); \
  } while (false)
