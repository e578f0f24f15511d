#pragma once
// "Did you mean" for misspelt verbs, flags, fields and instance-type names.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace azureml {

// Edit distance (optimal string alignment: insert, delete, substitute, swap neighbours).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if one is close enough to be a plausible typo.
// Candidates equal after folding case, '_' and '-' win outright (instance_types -> instanceTypes),
// then those whose last '/' segment is the word (gpu -> nvidia.com/gpu).
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates);

// "did you mean 'x'?", or "" when nothing is close.
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

}  // namespace azureml
