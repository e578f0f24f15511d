#include "core/util/suggest.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace azureml {
namespace {

std::string fold(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '_' || c == '-') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows are enough for the transposition rule.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates) {
  const std::string folded = fold(word);
  for (const auto& candidate : candidates)
    if (fold(candidate) == folded) return candidate;
  // "gpu" for "nvidia.com/gpu": the last segment of a qualified name.
  for (const auto& candidate : candidates) {
    const auto slash = candidate.rfind('/');
    if (slash != std::string::npos && fold(std::string_view(candidate).substr(slash + 1)) == folded) return candidate;
  }

  // "--fi" for "--file": the start of exactly one candidate (a unique abbreviation).
  if (folded.size() >= 2) {
    std::optional<std::string> only;
    int count = 0;
    for (const auto& candidate : candidates)
      if (fold(candidate).starts_with(folded)) {
        only = candidate;
        ++count;
      }
    if (count == 1) return only;
  }

  // Allow about one typo per three characters, at least one, at most three.
  const std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(folded, fold(candidate));
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  auto match = closest_match(word, candidates);
  return match ? "did you mean '" + *match + "'?" : std::string();
}

}  // namespace azureml
