#pragma once
// Reading JSON a server answered, checked against the shape its contract gives it. Absent and
// null both read as "not given" (ARM leaves out and nulls optional fields alike); any other
// type than the one asked for is recorded as the answer's first shape error, the reader goes on
// as if the field were absent, and the caller ends with exit 1 naming the request, the JSON
// path, the expected and the actual type (arm::unexpected_shape). So an odd answer is never a
// crash (nlohmann throws on a field of another type) and never a silent empty row.
// Readers made from one answer share its error record. Header-only: util links no JSON library.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace azureml {

// "a string", "an object", "null", ...: a JSON value's type, in words for a message.
inline std::string json_kind(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return "a number";
    default:
      return "binary data";
  }
}

// The first place an answer differs from its contract.
struct ShapeError {
  std::string path;      // "$.value[2].properties.provisioningState"
  std::string expected;  // "a string"
  std::string actual;    // "a number"
  std::string describe() const { return "at " + path + " " + expected + " was expected, not " + actual; }
};

class JsonShape {
 public:
  // The whole answer, which must be an object.
  explicit JsonShape(const nlohmann::json& answer) : JsonShape(&answer, "$", std::make_shared<Record>()) {
    if (!answer.is_object()) {
      expect("an object", answer, path_);
      node_ = &null_json();
    }
  }

  // The field as a string; nullopt when absent or null (or of another type, which is recorded).
  std::optional<std::string> string(std::string_view key) const {
    const nlohmann::json& value = get(key);
    if (value.is_string()) return value.get<std::string>();
    expect_or_null("a string", value, key);
    return std::nullopt;
  }
  // The same, for a field the contract requires: absent or null is recorded too.
  std::string required_text(std::string_view key) const {
    const nlohmann::json& value = get(key);
    if (value.is_null() && given()) {
      const bool absent = node_->find(key) == node_->end();
      if (!record_->first) record_->first = ShapeError{child(key), "a string", absent ? "nothing" : "null"};
    }
    return text(key);
  }
  // The string, or "" when not given.
  std::string text(std::string_view key) const { return string(key).value_or(""); }

  std::optional<bool> boolean(std::string_view key) const {
    const nlohmann::json& value = get(key);
    if (value.is_boolean()) return value.get<bool>();
    expect_or_null("a boolean", value, key);
    return std::nullopt;
  }

  // A whole number (an integer in JSON, or a float with no fraction, as some services send).
  std::optional<std::int64_t> integer(std::string_view key) const {
    const nlohmann::json& value = get(key);
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (value.is_number_float()) {
      const double number = value.get<double>();
      if (number >= -9.0e15 && number <= 9.0e15 && number == static_cast<double>(static_cast<std::int64_t>(number)))
        return static_cast<std::int64_t>(number);
    }
    expect_or_null("a whole number", value, key);
    return std::nullopt;
  }

  // The field as an object to read on; when absent or null, a reader that gives nothing.
  JsonShape object(std::string_view key) const {
    const nlohmann::json& value = get(key);
    if (value.is_object()) return JsonShape(&value, child(key), record_);
    expect_or_null("an object", value, key);
    return JsonShape(&null_json(), child(key), record_);
  }

  // The same, for a field the contract requires: absent or null is recorded too.
  JsonShape required_object(std::string_view key) const {
    const nlohmann::json& value = get(key);
    if (value.is_null() && given()) expect("an object", value, child(key));
    return object(key);
  }

  // An array of objects; an item of another type is recorded and skipped.
  std::vector<JsonShape> objects(std::string_view key) const {
    std::vector<JsonShape> items;
    const nlohmann::json& value = get(key);
    if (!value.is_array()) {
      expect_or_null("an array", value, key);
      return items;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string at = child(key) + "[" + std::to_string(i) + "]";
      if (value[i].is_object())
        items.push_back(JsonShape(&value[i], at, record_));
      else
        expect("an object", value[i], at);
    }
    return items;
  }

  // An array of strings; an item of another type is recorded and skipped.
  std::vector<std::string> strings(std::string_view key) const {
    std::vector<std::string> items;
    const nlohmann::json& value = get(key);
    if (!value.is_array()) {
      expect_or_null("an array", value, key);
      return items;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i].is_string())
        items.push_back(value[i].get<std::string>());
      else
        expect("a string", value[i], child(key) + "[" + std::to_string(i) + "]");
    }
    return items;
  }

  // The field as it is, of any type (shown or sent back as the server gave it); null when absent.
  const nlohmann::json& any(std::string_view key) const { return get(key); }
  // This object as it is; null for a reader of an absent field.
  const nlohmann::json& json() const { return *node_; }
  bool given() const { return node_->is_object(); }
  const std::string& path() const { return path_; }

  // The first difference from the contract in this answer, anywhere it was read.
  const std::optional<ShapeError>& error() const { return record_->first; }

 private:
  struct Record {
    std::optional<ShapeError> first;
  };

  JsonShape(const nlohmann::json* node, std::string path, std::shared_ptr<Record> record)
      : node_(node), path_(std::move(path)), record_(std::move(record)) {}

  static const nlohmann::json& null_json() {
    static const nlohmann::json kNull;
    return kNull;
  }
  const nlohmann::json& get(std::string_view key) const {
    if (!node_->is_object()) return null_json();
    const auto found = node_->find(key);
    return found != node_->end() ? *found : null_json();
  }
  std::string child(std::string_view key) const { return path_ + "." + std::string(key); }
  void expect(const char* expected, const nlohmann::json& actual, const std::string& at) const {
    if (!record_->first) record_->first = ShapeError{at, expected, json_kind(actual)};
  }
  void expect_or_null(const char* expected, const nlohmann::json& actual, std::string_view key) const {
    if (!actual.is_null()) expect(expected, actual, child(key));
  }

  const nlohmann::json* node_;
  std::string path_;
  std::shared_ptr<Record> record_;
};

}  // namespace azureml
