#include "core/config/source.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/config/json_reader.h"
#include "core/config/yaml_reader.h"
#include "core/util/text.h"

namespace azureml::config {

Result<Source> read_source(const std::string& path, std::istream& standard_input) {
  if (path == "-") {
    std::ostringstream text;
    text << standard_input.rdbuf();
    return Source{"<stdin>", text.str()};
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return fail("cannot read '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << file.rdbuf();  // one bulk read, not a character at a time
  if (file.bad()) return fail("cannot read '" + path + "': " + std::strerror(errno));
  return Source{path, std::move(text).str()};
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
