#pragma once
// Small text helpers shared across modules.
#include <span>
#include <string>
#include <string_view>

namespace azureml {

// "a, b or c" with each item quoted: used in "allowed values" hints.
std::string quoted_list(std::span<const std::string> items, std::string_view last_joiner = " or ");
// The same without quotes: "a", "a and b", "a, b and c".
std::string joined_list(std::span<const std::string> items, std::string_view last_joiner);

// ASCII case folding: Azure's names, types and header names compare this way.
std::string to_lower(std::string_view text);
bool equals_ci(std::string_view a, std::string_view b);
bool starts_with_ci(std::string_view text, std::string_view prefix);
bool ends_with_ci(std::string_view text, std::string_view suffix);

// RFC 3986 percent-encoding, bytes as %XX (upper-case hex). A query component or form value
// keeps only the unreserved characters (A-Z a-z 0-9 - . _ ~); a path (`path` true) also keeps
// the sub-delimiters and ':', '@', '/'.
std::string percent_encode(std::string_view text, bool path = false);

// User text made safe for one line of a terminal: control characters and bytes that are not
// UTF-8 become escapes (\n, \t, \x1B), and so do the C1 controls, U+2028/U+2029 and the
// bidirectional controls (\u009B, \u202E), so input can never forge or split a diagnostic line
// or make it read differently from what it holds.
std::string printable(std::string_view text);
// The same, line by line: the line breaks stay (for multi-line messages we compose ourselves).
std::string printable_lines(std::string_view text);

// Length of the valid UTF-8 sequence starting at `at`, or 0 when the bytes there are not UTF-8
// (overlong forms, surrogates and code points past U+10FFFF are not).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

// Characters, not bytes: what a terminal column counts.
std::size_t utf8_width(std::string_view text);

}  // namespace azureml
