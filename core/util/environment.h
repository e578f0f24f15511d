#pragma once
// The process environment behind an interface, so credential and endpoint rules are tested
// with exact variables instead of whatever the test machine has set.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace azureml {

class Environment {
 public:
  virtual ~Environment() = default;
  // The variable's value; nullopt when unset. An empty value is returned as "".
  virtual std::optional<std::string> get(std::string_view name) const = 0;
  // The value, or nullopt when unset or empty (how the Azure SDKs treat their variables).
  std::optional<std::string> non_empty(std::string_view name) const;
};

class ProcessEnvironment final : public Environment {
 public:
  std::optional<std::string> get(std::string_view name) const override;
};

class MapEnvironment final : public Environment {
 public:
  MapEnvironment() = default;
  explicit MapEnvironment(std::map<std::string, std::string, std::less<>> variables)
      : variables_(std::move(variables)) {}
  std::optional<std::string> get(std::string_view name) const override;
  void set(std::string name, std::string value) { variables_[std::move(name)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> variables_;
};

}  // namespace azureml
