#include "core/config/source.h"

#include "core/config/json_reader.h"
#include "core/config/yaml_reader.h"
#include "core/util/file_read.h"
#include "core/util/text.h"

namespace azureml::config {

Result<Source> read_source(const std::string& path, std::istream& standard_input) {
  const bool from_stdin = path == "-";
  auto text = from_stdin ? read_whole_stream(standard_input) : read_whole_file(path);
  if (!text) return fail("cannot read '" + (from_stdin ? std::string("<stdin>") : path) + "': " + text.error().reason);
  return Source{from_stdin ? "<stdin>" : path, std::move(*text)};
}

Format detect_format(const Source& source) {
  if (ends_with_ci(source.name, ".json")) return Format::json;
  if (ends_with_ci(source.name, ".yaml") || ends_with_ci(source.name, ".yml")) return Format::yaml;
  for (char c : source.text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' || c == '[' ? Format::json : Format::yaml;
  }
  return Format::yaml;
}

Result<Node, ParseError> parse_source(const Source& source) {
  return detect_format(source) == Format::json ? read_json(source.text) : read_yaml(source.text);
}

}  // namespace azureml::config
