#include "core/config/attach_config_loader.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/config/k8s_names.h"
#include "core/util/suggest.h"
#include "core/util/text.h"

namespace azureml::config {
namespace {

const std::vector<std::string> kTopFields = {"namespace", "defaultInstanceType", "instanceTypes"};
const std::vector<std::string> kInstanceTypeFields = {"nodeSelector", "resources"};
const std::vector<std::string> kResourcesFields = {"requests", "limits"};
const std::vector<std::string> kResourceNames = {kCpu, kMemory, kGpu};

// An entry of a map after duplicates and unknown keys are reported.
using Fields = std::map<std::string, const Node::Entry*>;

class Loader {
 public:
  AttachConfigLoad load(const Node& root) {
    AttachConfig config;
    if (root.kind != Node::Kind::map) {
      error(root.position, "", "the configuration must be a map, found " + std::string(describe(root.kind)),
            "expected keys " + quoted_list(kTopFields, " and "));
    } else {
      config = load_top(root);
    }
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::pair(a.position.line, a.position.column) < std::pair(b.position.line, b.position.column);
    });
    AttachConfigLoad result;
    if (!has_errors(diagnostics_)) result.config = std::move(config);
    result.diagnostics = std::move(diagnostics_);
    return result;
  }

 private:
  void error(Position at, std::string path, std::string message, std::string hint = {}) {
    diagnostics_.push_back({Severity::error, at, std::move(path), std::move(message), std::move(hint)});
  }
  void warning(Position at, std::string path, std::string message, std::string hint = {}) {
    diagnostics_.push_back({Severity::warning, at, std::move(path), std::move(message), std::move(hint)});
  }

  // The map's entries by key: reports duplicate keys and, when `allowed` is given, unknown ones.
  Fields fields(const Node& map, const std::string& path, const std::vector<std::string>* allowed,
                const char* what = "field") {
    Fields out;
    for (const auto& entry : map.entries) {
      if (auto [it, inserted] = out.emplace(entry.key, &entry); !inserted) {
        error(entry.key_position, join_path(path, entry.key), "duplicate key '" + entry.key + "'",
              "first defined at " + in_words(it->second->key_position) + "; keep one");
        continue;
      }
      if (allowed && std::find(allowed->begin(), allowed->end(), entry.key) == allowed->end()) {
        std::string hint = did_you_mean(entry.key, *allowed);
        if (!hint.empty()) hint += " ";
        hint += "allowed: " + quoted_list(*allowed);
        error(entry.key_position, join_path(path, entry.key), std::string("unknown ") + what + " '" + entry.key + "'",
              hint);
        out.erase(entry.key);
      }
    }
    return out;
  }

  static const Node* field(const Fields& fields, const std::string& key) {
    auto it = fields.find(key);
    return it == fields.end() ? nullptr : &it->second->value;
  }

  bool expect_kind(const Node& node, Node::Kind kind, const std::string& path, std::string hint = {}) {
    if (node.kind == kind) return true;
    if (hint.empty() && kind == Node::Kind::string &&
        (node.kind == Node::Kind::number || node.kind == Node::Kind::boolean))
      hint = "write it as a string: \"" + node.text + "\"";
    error(node.position, path,
          "must be " + std::string(describe(kind)) + ", found " + std::string(describe(node.kind)) +
              (node.is_scalar() && node.kind != Node::Kind::null ? " (" + node.text + ")" : ""),
          std::move(hint));
    return false;
  }

  AttachConfig load_top(const Node& root) {
    AttachConfig config;
    const Fields top = fields(root, "", &kTopFields);

    if (const Node* ns = field(top, "namespace"); ns && ns->kind != Node::Kind::null) {
      if (expect_kind(*ns, Node::Kind::string, "namespace")) {
        if (auto problem = check_namespace_name(ns->text))
          error(ns->position, "namespace", problem->message, problem->hint);
        config.namespace_name = ns->text;
      }
    }

    const Node* default_type = field(top, "defaultInstanceType");
    if (default_type && default_type->kind == Node::Kind::null) default_type = nullptr;
    if (default_type && expect_kind(*default_type, Node::Kind::string, "defaultInstanceType")) {
      config.default_instance_type = default_type->text;
      if (default_type->text.empty()) {
        error(default_type->position, "defaultInstanceType", "must not be empty",
              "name one of the instanceTypes, or remove it to use the service default");
      }
    }
    // Only a non-empty string can be checked against the instance types.
    const bool default_named = default_type && default_type->kind == Node::Kind::string && !default_type->text.empty();

    const Node* types = field(top, "instanceTypes");
    if (types && types->kind == Node::Kind::null) types = nullptr;
    if (!types) {
      const AttachConfig defaults = service_default_config();
      if (default_named && config.default_instance_type != kServiceDefaultInstanceType)
        error(default_type->position, "defaultInstanceType",
              "'" + config.default_instance_type + "' is not defined: there is no instanceTypes",
              "define " + join_path("instanceTypes", config.default_instance_type) +
                  ", or remove defaultInstanceType to use the service default '" + kServiceDefaultInstanceType + "'");
      config.default_instance_type = defaults.default_instance_type;
      config.instance_types = defaults.instance_types;
      config.uses_service_default = true;
      return config;
    }
    if (!expect_kind(*types, Node::Kind::map, "instanceTypes",
                     "a map of instance type name to its nodeSelector and resources"))
      return config;
    if (types->entries.empty())
      error(types->position, "instanceTypes", "defines no instance type",
            "define at least one, or remove instanceTypes to use the service default");

    std::vector<std::string> names;
    const Fields type_fields = fields(*types, "instanceTypes", nullptr, "instance type");
    for (const auto& entry : types->entries) {
      if (type_fields.at(entry.key) != &entry) continue;  // a duplicate, already reported
      names.push_back(entry.key);
      config.instance_types.push_back(load_instance_type(entry));
    }

    if (!default_type) {
      if (!names.empty())
        error(top.at("instanceTypes")->key_position, "defaultInstanceType",
              "missing; it is required when instanceTypes is given", "set it to one of " + quoted_list(names));
    } else if (default_named && std::find(names.begin(), names.end(), config.default_instance_type) == names.end() &&
               !names.empty()) {
      std::string hint = did_you_mean(config.default_instance_type, names);
      if (!hint.empty()) hint += " ";
      hint += "defined: " + quoted_list(names);
      error(default_type->position, "defaultInstanceType",
            "'" + config.default_instance_type + "' is not one of the instanceTypes", hint);
    }
    return config;
  }

  void check_instance_type_name(const Node::Entry& entry, const std::string& path) {
    const std::string& name = entry.key;
    const bool valid = !name.empty() && name.size() <= 63 && std::isalnum(static_cast<unsigned char>(name.front())) &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                         return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
                       });
    if (!valid)
      error(entry.key_position, path, "'" + name + "' is not a valid instance type name",
            "use letters, digits, '_', '-' or '.', starting with a letter or digit, at most 63 characters");
  }

  InstanceType load_instance_type(const Node::Entry& entry) {
    const std::string path = join_path("instanceTypes", entry.key);
    check_instance_type_name(entry, path);
    InstanceType type;
    type.name = entry.key;
    const Node& node = entry.value;
    if (node.kind == Node::Kind::null) return type;
    if (!expect_kind(node, Node::Kind::map, path, "a map with nodeSelector and resources")) return type;
    const Fields own = fields(node, path, &kInstanceTypeFields);

    if (const Node* selector = field(own, "nodeSelector"); selector && selector->kind != Node::Kind::null)
      type.node_selector = load_selector(*selector, join_path(path, "nodeSelector"));

    if (const Node* resources = field(own, "resources"); resources && resources->kind != Node::Kind::null) {
      const std::string resources_path = join_path(path, "resources");
      if (expect_kind(*resources, Node::Kind::map, resources_path, "a map with requests and limits")) {
        const Fields lists = fields(*resources, resources_path, &kResourcesFields);
        std::map<std::string, Position> request_positions, limit_positions;
        if (const Node* requests = field(lists, "requests"); requests && requests->kind != Node::Kind::null)
          type.requests = load_resources(*requests, join_path(resources_path, "requests"), request_positions);
        if (const Node* limits = field(lists, "limits"); limits && limits->kind != Node::Kind::null)
          type.limits = load_resources(*limits, join_path(resources_path, "limits"), limit_positions);
        check_requests_within_limits(type, resources_path, request_positions, limit_positions);
      }
    }
    return type;
  }

  LabelSelector load_selector(const Node& node, const std::string& path) {
    LabelSelector selector;
    if (!expect_kind(node, Node::Kind::map, path, "a map of node label to value, or null")) return selector;
    const Fields labels = fields(node, path, nullptr, "label");
    for (const auto& entry : node.entries) {
      if (labels.at(entry.key) != &entry) continue;
      // Paths are built only for errors: a large valid file builds none.
      auto label_path = [&] { return join_path(path, entry.key); };
      if (auto problem = check_label_key(entry.key))
        error(entry.key_position, label_path(), problem->message, problem->hint);
      const Node& value = entry.value;
      if (value.kind != Node::Kind::string) {
        std::string hint = "label values are strings";
        if (value.kind == Node::Kind::null)
          hint += "; for an empty value write \"\"";
        else if (value.is_scalar())
          hint += ": quote it, \"" + value.text + "\"";
        error(value.position, label_path(), "must be a string, found " + std::string(describe(value.kind)), hint);
        continue;
      }
      if (auto problem = check_label_value(value.text))
        error(value.position, label_path(), problem->message, problem->hint);
      selector.emplace_back(entry.key, value.text);
    }
    return selector;
  }

  ResourceList load_resources(const Node& node, const std::string& path, std::map<std::string, Position>& positions) {
    ResourceList list;
    if (!expect_kind(node, Node::Kind::map, path, "a map of resource name to quantity")) return list;
    const Fields amounts = fields(node, path, &kResourceNames, "resource");
    for (const auto& entry : node.entries) {
      auto it = amounts.find(entry.key);
      if (it == amounts.end() || it->second != &entry) continue;
      const Node& value = entry.value;
      if (value.kind == Node::Kind::null) continue;  // as ARM's own examples write an absent GPU
      const std::string amount_path = join_path(path, entry.key);
      if (value.kind != Node::Kind::string && value.kind != Node::Kind::number) {
        error(value.position, amount_path,
              "must be a quantity, found " + std::string(describe(value.kind)) +
                  (value.is_scalar() ? " (" + value.text + ")" : ""),
              "write a quantity as a string such as \"2\", \"500m\" or \"16Gi\"");
        continue;
      }
      auto quantity = Quantity::parse(value.text);
      if (!quantity) {
        // A quantity error that already names the allowed suffixes needs no second hint.
        const bool explained = !quantity.error().empty() && quantity.error().back() == ')';
        error(value.position, amount_path, quantity.error(),
              explained ? "" : "e.g. cpu '2' or '500m', memory '16Gi' or '512Mi', nvidia.com/gpu '1'");
        continue;
      }
      if (check_amount(entry.key, *quantity, value.position, amount_path)) {
        list.emplace_back(entry.key, *quantity);
        positions[entry.key] = value.position;
      }
    }
    return list;
  }

  // Rules for one amount on its own; false when it cannot take part in comparisons.
  bool check_amount(const std::string& resource, const Quantity& q, Position at, const std::string& path) {
    if (q.is_negative()) {
      error(at, path, "'" + q.text() + "' is negative", "resource amounts are zero or more");
      return false;
    }
    if (resource == kCpu && !q.is_multiple_of_milli()) {
      error(at, path, "'" + q.text() + "' is finer than one millicore",
            "Kubernetes counts CPU in steps of 1m, e.g. '100m' or '0.5'");
      return false;
    }
    if (resource == kGpu && !q.is_integer()) {
      error(at, path, "'" + q.text() + "' is not a whole number of GPUs", "GPUs are not shared: use 0, 1, 2, ...");
      return false;
    }
    if (resource == kMemory) {
      if (q.has_suffix_milli() && !q.is_zero()) {
        std::string digits = q.text().substr(0, q.text().size() - 1);
        const std::string bytes = q.decimal_string();
        warning(at, path, "'" + q.text() + "' means " + bytes + (bytes == "1" ? " byte" : " bytes"),
                "'m' is milli; did you mean '" + digits + "Mi' or '" + digits + "M'?");
      } else if (!q.is_integer()) {
        warning(at, path, "'" + q.text() + "' is not a whole number of bytes", "Kubernetes rounds it up");
      }
    }
    return true;
  }

  void check_requests_within_limits(const InstanceType& type, const std::string& path,
                                    const std::map<std::string, Position>& request_positions,
                                    const std::map<std::string, Position>& limit_positions) {
    auto find = [](const std::optional<ResourceList>& list, const std::string& name) -> const Quantity* {
      if (!list) return nullptr;
      for (const auto& [key, quantity] : *list)
        if (key == name) return &quantity;
      return nullptr;
    };
    for (const auto& name : kResourceNames) {
      const Quantity* request = find(type.requests, name);
      const Quantity* limit = find(type.limits, name);
      auto request_path = [&] { return join_path(join_path(path, "requests"), name); };
      if (name == kGpu) {
        if (request && limit && !(*request == *limit))
          error(request_positions.at(name), request_path(),
                "request '" + request->text() + "' differs from the limit '" + limit->text() + "'",
                "GPUs cannot be overcommitted: set requests and limits to the same number");
        else if (request && !limit && !request->is_zero())
          error(request_positions.at(name), request_path(), "a GPU request needs a limit",
                "add limits.\"nvidia.com/gpu\": \"" + request->text() + "\"");
        continue;
      }
      if (request && limit && *request > *limit)
        error(request_positions.at(name), request_path(),
              "request '" + request->text() + "' is greater than the limit '" + limit->text() + "'",
              "lower the request, or raise limits." + name + " at " + in_words(limit_positions.at(name)));
    }
  }

  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

AttachConfigLoad load_attach_config(const Node& root) { return Loader().load(root); }

AttachConfigLoad load_attach_config_source(const Source& source) {
  auto document = parse_source(source);
  if (!document) {
    const auto& e = document.error();
    return {std::nullopt, {{Severity::error, e.position, "", e.message, e.hint}}};
  }
  return load_attach_config(*document);
}

AttachConfigLoad load_attach_config_file(const std::string& path, std::istream& standard_input,
                                         std::string_view given_by) {
  auto source = read_source(path, standard_input);
  if (!source)
    return {std::nullopt,
            {{Severity::error, {}, "", source.error(), "check the path given to " + std::string(given_by)}},
            false};
  return load_attach_config_source(*source);
}

}  // namespace azureml::config
