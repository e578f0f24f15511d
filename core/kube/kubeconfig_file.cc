#include "core/kube/kubeconfig_file.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/config/source.h"
#include "core/util/base64.h"
#include "core/util/text.h"

namespace azureml::kube {
namespace {

using config::Node;
using config::Position;
using Fields = std::map<std::string, const Node::Entry*>;

constexpr std::string_view kExecExtensionName = "client.authentication.k8s.io/exec";

// Whitespace and comments only: client-go reads that as an empty kubeconfig.
bool is_blank(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const auto line = text.substr(start, end - start);
    const auto first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos && line[first] != '#') return false;
    start = end + 1;
  }
  return true;
}

bool is_true(const Node& node) { return equals_ci(node.text, "true"); }

// A YAML value as JSON, for the exec extension handed to the plugin as it is.
nlohmann::json to_json(const Node& node) {
  switch (node.kind) {
    case Node::Kind::null:
      return nullptr;
    case Node::Kind::boolean:
      return is_true(node);
    case Node::Kind::number: {
      auto number = nlohmann::json::parse(node.text, nullptr, false);
      return number.is_number() ? number : nlohmann::json(node.text);  // 0x1F, .inf: keep as written
    }
    case Node::Kind::string:
      return node.text;
    case Node::Kind::map: {
      auto object = nlohmann::json::object();
      for (const auto& entry : node.entries) object[entry.key] = to_json(entry.value);
      return object;
    }
    case Node::Kind::sequence: {
      auto array = nlohmann::json::array();
      for (const auto& item : node.items) array.push_back(to_json(item));
      return array;
    }
  }
  return nullptr;
}

class FileParser {
 public:
  FileParser(std::string path, std::string directory) : path_(std::move(path)), directory_(std::move(directory)) {}

  KubeconfigFile parse(const Node& root) {
    KubeconfigFile file;
    file.path = path_;
    if (root.kind == Node::Kind::null) return file;
    if (root.kind != Node::Kind::map) {
      error(root.position, "a kubeconfig must be a map, found " + std::string(describe(root.kind)),
            "expected keys such as apiVersion, clusters, contexts, users and current-context");
      return file;
    }
    const Fields top = fields(root);
    file.current_context = string(top, "current-context", "");
    if (const Node* list = sequence(top, "clusters", ""))
      for (const auto* item : named_items(*list, "cluster", "clusters")) file.clusters.push_back(cluster(*item));
    if (const Node* list = sequence(top, "contexts", ""))
      for (const auto* item : named_items(*list, "context", "contexts")) file.contexts.push_back(context(*item));
    if (const Node* list = sequence(top, "users", ""))
      for (const auto* item : named_items(*list, "user", "users")) file.users.push_back(user(*item));
    return file;
  }

  std::vector<KubeProblem> problems;

 private:
  void error(Position at, std::string message, std::string hint = {}) {
    problems.push_back(KubeProblem{path_, at, std::move(message), std::move(hint)});
  }

  static std::string label(std::string_view owner, std::string_view key) {
    return owner.empty() ? std::string(key) : std::string(owner) + ": " + std::string(key);
  }

  // The map's entries by key; a repeated key is an error (the YAML decoder client-go uses refuses it).
  Fields fields(const Node& map) {
    Fields out;
    for (const auto& entry : map.entries) {
      if (auto [it, inserted] = out.emplace(entry.key, &entry); !inserted)
        error(entry.key_position, "duplicate key '" + entry.key + "'",
              "first at " + config::in_words(it->second->key_position) + "; keep one");
    }
    return out;
  }

  // The value at `key`, or nullptr when absent or null.
  static const Node* value(const Fields& fields, const std::string& key) {
    auto it = fields.find(key);
    if (it == fields.end() || it->second->value.kind == Node::Kind::null) return nullptr;
    return &it->second->value;
  }

  bool expect(const Node& node, Node::Kind kind, const std::string& what) {
    if (node.kind == kind) return true;
    std::string hint;
    if (kind == Node::Kind::string && (node.kind == Node::Kind::number || node.kind == Node::Kind::boolean))
      hint = "quote it to make it a string: \"" + node.text + "\"";
    if (kind == Node::Kind::boolean && node.kind == Node::Kind::string) hint = "write true or false, without quotes";
    error(node.position,
          what + " must be " + std::string(describe(kind)) + ", found " + std::string(describe(node.kind)) +
              (node.is_scalar() && node.kind != Node::Kind::null ? " (" + node.text + ")" : ""),
          std::move(hint));
    return false;
  }

  // A string field; empty counts as unset, as client-go's len() checks do.
  std::optional<Field<std::string>> string(const Fields& fields, const std::string& key, std::string_view owner) {
    const Node* node = value(fields, key);
    if (!node || !expect(*node, Node::Kind::string, label(owner, key)) || node->text.empty()) return std::nullopt;
    return Field<std::string>{node->text, node->position};
  }

  std::optional<Field<bool>> boolean(const Fields& fields, const std::string& key, std::string_view owner) {
    const Node* node = value(fields, key);
    if (!node || !expect(*node, Node::Kind::boolean, label(owner, key))) return std::nullopt;
    return Field<bool>{is_true(*node), node->position};
  }

  // A file reference, made absolute against this file's directory.
  std::optional<Field<std::string>> path(const Fields& fields, const std::string& key, std::string_view owner) {
    auto field = string(fields, key, owner);
    if (field) field->value = resolve_against(directory_, field->value);
    return field;
  }

  // A `*-data` field: base64, decoded here (client-go decodes []byte fields with the file).
  std::optional<Field<std::string>> data(const Fields& fields, const std::string& key, std::string_view owner) {
    auto field = string(fields, key, owner);
    if (!field) return field;
    auto decoded = base64_decode(field->value);
    if (!decoded) {
      error(field->at,
            label(owner, key) + " is not valid base64: " + decoded.error().message + " (character " +
                std::to_string(decoded.error().offset + 1) + ")",
            "it holds the PEM file's content in base64, e.g. the output of `base64 -w0 ca.crt`");
      return std::nullopt;
    }
    field->value = std::move(decoded).value();
    return field;
  }

  const Node* map(const Fields& fields, const std::string& key, std::string_view owner) {
    const Node* node = value(fields, key);
    return node && expect(*node, Node::Kind::map, label(owner, key)) ? node : nullptr;
  }

  const Node* sequence(const Fields& fields, const std::string& key, std::string_view owner) {
    const Node* node = value(fields, key);
    return node && expect(*node, Node::Kind::sequence, label(owner, key)) ? node : nullptr;
  }

  // The items of clusters/contexts/users that are maps with a name; each name once per file
  // (client-go: "duplicate name in list").
  std::vector<const Node*> named_items(const Node& list, std::string_view kind, std::string_view list_key) {
    std::vector<const Node*> out;
    std::map<std::string, Position> seen;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const Node& item = list.items[i];
      const std::string where = std::string(list_key) + "[" + std::to_string(i) + "]";
      if (!expect(item, Node::Kind::map, where)) continue;
      const Node* name = nullptr;
      for (const auto& entry : item.entries)
        if (entry.key == "name") name = &entry.value;
      if (!name || name->kind == Node::Kind::null || (name->kind == Node::Kind::string && name->text.empty())) {
        error(item.position, where + " has no name",
              "add `name: ...`; contexts refer to " + std::string(kind) + "s by name");
        continue;
      }
      if (!expect(*name, Node::Kind::string, where + ".name")) continue;
      if (auto [it, inserted] = seen.emplace(name->text, name->position); !inserted) {
        error(name->position, std::string(kind) + " '" + name->text + "' is defined twice in this file",
              "first at " + config::in_words(it->second) + "; keep one or rename it");
        continue;
      }
      out.push_back(&item);
    }
    return out;
  }

  // The `name` and the map under `key` (cluster, context, user) of a list item.
  std::pair<std::string, const Node*> open_item(const Node& item, const std::string& key, std::string& owner,
                                                Position& at, std::string_view kind) {
    const Fields outer = fields(item);
    const Node* name = value(outer, "name");
    at = name->position;
    owner = std::string(kind) + " '" + name->text + "'";
    return {name->text, map(outer, key, owner)};
  }

  ClusterEntry cluster(const Node& item) {
    ClusterEntry entry;
    std::string owner;
    auto [name, body] = open_item(item, "cluster", owner, entry.at, "cluster");
    entry.name = name;
    entry.file = path_;
    if (!body) return entry;
    const Fields f = fields(*body);
    entry.server = string(f, "server", owner);
    entry.certificate_authority = path(f, "certificate-authority", owner);
    entry.certificate_authority_data = data(f, "certificate-authority-data", owner);
    entry.insecure_skip_tls_verify = boolean(f, "insecure-skip-tls-verify", owner);
    entry.tls_server_name = string(f, "tls-server-name", owner);
    entry.proxy_url = string(f, "proxy-url", owner);
    entry.disable_compression = boolean(f, "disable-compression", owner);
    if (const Node* extensions = sequence(f, "extensions", owner))
      entry.exec_extension = exec_extension(*extensions, owner);
    return entry;
  }

  // extensions: [{name, extension}]; only the exec plugin's one is used.
  nlohmann::json exec_extension(const Node& list, const std::string& owner) {
    for (const auto& item : list.items) {
      if (!expect(item, Node::Kind::map, label(owner, "extensions[]"))) continue;
      const Fields f = fields(item);
      const auto name = string(f, "name", owner + ": extensions[]");
      if (!name || name->value != kExecExtensionName) continue;
      const Node* extension = value(f, "extension");
      return extension ? to_json(*extension) : nlohmann::json();
    }
    return nullptr;
  }

  ContextEntry context(const Node& item) {
    ContextEntry entry;
    std::string owner;
    auto [name, body] = open_item(item, "context", owner, entry.at, "context");
    entry.name = name;
    entry.file = path_;
    if (!body) return entry;
    const Fields f = fields(*body);
    entry.cluster = string(f, "cluster", owner);
    entry.user = string(f, "user", owner);
    entry.namespace_name = string(f, "namespace", owner);
    return entry;
  }

  UserEntry user(const Node& item) {
    UserEntry entry;
    std::string owner;
    auto [name, body] = open_item(item, "user", owner, entry.at, "user");
    entry.name = name;
    entry.file = path_;
    if (!body) return entry;
    const Fields f = fields(*body);
    entry.token = string(f, "token", owner);
    entry.token_file = path(f, "tokenFile", owner);
    entry.client_certificate = path(f, "client-certificate", owner);
    entry.client_certificate_data = data(f, "client-certificate-data", owner);
    entry.client_key = path(f, "client-key", owner);
    entry.client_key_data = data(f, "client-key-data", owner);
    for (const char* key : {"username", "password"})
      if (auto field = string(f, key, owner); field && !entry.basic_auth) entry.basic_auth = field->at;
    for (const char* key : {"as", "as-uid", "as-groups", "as-user-extra"})
      if (const Node* node = value(f, key); node && !entry.impersonation) entry.impersonation = node->position;
    if (const Node* provider = map(f, "auth-provider", owner)) {
      const Fields p = fields(*provider);
      entry.auth_provider = string(p, "name", owner + ": auth-provider");
      if (!entry.auth_provider) entry.auth_provider = Field<std::string>{"", provider->position};
    }
    if (auto it = f.find("exec"); it != f.end() && it->second->value.kind != Node::Kind::null) {
      if (const Node* exec_node = map(f, "exec", owner)) entry.exec = exec(*exec_node, it->second->key_position, owner);
    }
    return entry;
  }

  ExecEntry exec(const Node& body, Position at, const std::string& user_owner) {
    ExecEntry entry;
    entry.at = at;
    const std::string owner = user_owner + ": exec";
    const Fields f = fields(body);
    entry.api_version = string(f, "apiVersion", owner);
    entry.command = string(f, "command", owner);
    // A bare name is looked up on PATH; one with a '/' is a path, relative to this file.
    if (entry.command && entry.command->value.find('/') != std::string::npos)
      entry.command->value = resolve_against(directory_, entry.command->value);
    if (const Node* args = sequence(f, "args", owner)) {
      for (std::size_t i = 0; i < args->items.size(); ++i) {
        const Node& arg = args->items[i];
        if (expect(arg, Node::Kind::string, owner + ": args[" + std::to_string(i) + "]"))
          entry.args.push_back(arg.text);
      }
    }
    if (const Node* env = sequence(f, "env", owner)) {
      for (std::size_t i = 0; i < env->items.size(); ++i) {
        const Node& variable = env->items[i];
        const std::string where = owner + ": env[" + std::to_string(i) + "]";
        if (!expect(variable, Node::Kind::map, where)) continue;
        const Fields v = fields(variable);
        ExecEnvEntry pair;
        pair.name.at = variable.position;
        if (auto name = string(v, "name", where)) pair.name = *name;
        if (auto text = string(v, "value", where)) pair.value = text->value;
        entry.env.push_back(std::move(pair));
      }
    }
    entry.install_hint = string(f, "installHint", owner);
    entry.provide_cluster_info = boolean(f, "provideClusterInfo", owner);
    entry.interactive_mode = string(f, "interactiveMode", owner);
    return entry;
  }

  std::string path_;
  std::string directory_;
};

}  // namespace

std::string resolve_against(const std::string& directory, const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_absolute()) return p.lexically_normal().string();
  return (std::filesystem::path(directory) / p).lexically_normal().string();
}

Result<KubeconfigFile, KubeError> parse_kubeconfig(const std::string& path, std::string_view text) {
  std::error_code ignored;
  auto absolute = std::filesystem::absolute(std::filesystem::path(path), ignored);
  const std::string directory = absolute.parent_path().string();
  if (is_blank(text)) {
    KubeconfigFile empty;
    empty.path = path;
    return empty;
  }
  // parse_source picks JSON or YAML by the name and then the content (a kubeconfig is either).
  auto root = config::parse_source(config::Source{path, std::string(text)});
  if (!root) {
    const auto& problem = root.error();
    return fail(config_error(path, problem.position, problem.message, problem.hint));
  }
  FileParser parser(path, directory);
  KubeconfigFile file = parser.parse(root.value());
  if (!parser.problems.empty()) {
    KubeError error;
    error.kind = KubeError::Kind::invalid_config;
    error.problems = std::move(parser.problems);
    std::stable_sort(error.problems.begin(), error.problems.end(), [](const KubeProblem& a, const KubeProblem& b) {
      return std::pair(a.position.line, a.position.column) < std::pair(b.position.line, b.position.column);
    });
    return fail(std::move(error));
  }
  return file;
}

}  // namespace azureml::kube
