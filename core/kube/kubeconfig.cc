#include "core/kube/kubeconfig.h"

#include <algorithm>

#include "core/config/k8s_names.h"
#include "core/kube/kube_duration.h"
#include "core/kube/kubeconfig_merge.h"
#include "core/kube/kubeconfig_resolve.h"
#include "core/util/suggest.h"
#include "core/util/text.h"

namespace azureml::kube {

void Problems::error(const std::string& file, config::Position at, std::string message, std::string hint) {
  errors_.push_back(KubeProblem{file, at, std::move(message), std::move(hint)});
}

void Problems::error(std::string message, std::string hint) {
  errors_.push_back(KubeProblem{{}, {}, std::move(message), std::move(hint)});
}

void Problems::warning(const std::string& file, config::Position at, const std::string& message) {
  std::string line = printable(file);
  if (at.line > 0) line += ":" + config::to_string(at);
  warnings_.push_back(line + ": warning: " + printable(message));
}

std::optional<std::string> given(const std::optional<std::string>& flag) {
  if (!flag || flag->empty()) return std::nullopt;
  return flag;
}

std::string name_hint(std::string_view wanted, std::span<const std::string> names, std::string_view kind) {
  if (names.empty()) return "the kubeconfig defines no " + std::string(kind);
  std::vector<std::string> sorted(names.begin(), names.end());
  std::stable_sort(sorted.begin(), sorted.end(), [&](const std::string& a, const std::string& b) {
    return edit_distance(wanted, a) < edit_distance(wanted, b);
  });
  std::string hint = did_you_mean(wanted, names);
  if (!hint.empty()) hint += " ";
  return hint + "defined " + std::string(kind) + ": " + quoted_list(sorted, ", ");
}

std::string_view to_string(NamespaceSource source) {
  switch (source) {
    case NamespaceSource::flag:
      return "flag";
    case NamespaceSource::context:
      return "context";
    case NamespaceSource::fallback:
      return "default";
  }
  return "default";
}

namespace {

std::string in_quotes(const std::string& text) { return "'" + text + "'"; }

std::string file_list(const std::vector<std::string>& files) {
  if (files.empty()) return "no kubeconfig (none was found)";
  std::string out;
  for (const auto& file : files) out += (out.empty() ? "" : ", ") + file;
  return out;
}

// No file to read at all: say where we looked.
KubeProblem nothing_found(const KubeconfigSources& sources) {
  std::string where;
  if (sources.origin == "KUBECONFIG")
    where = sources.files.empty() ? "KUBECONFIG lists no file"
                                  : "no file listed in KUBECONFIG exists (" + file_list(sources.files) + ")";
  else
    where = file_list(sources.files) + " does not exist and KUBECONFIG is not set";
  return KubeProblem{{},
                     {},
                     "no kubeconfig found: " + where,
                     "pass --kubeconfig FILE or set KUBECONFIG; 'az aks get-credentials' writes one for AKS, "
                     "'az connectedk8s proxy' for Azure Arc"};
}

// Chooses the context, cluster and user by name (flags first), then resolves each into `out`.
class Selection {
 public:
  Selection(const KubeconfigOverrides& overrides, const MergedKubeconfig& merged, Problems& problems)
      : overrides_(overrides), merged_(merged), problems_(problems) {}

  // False when no context can be chosen (nothing else can be checked then).
  bool choose_context(const KubeconfigSources& sources) {
    if (merged_.files.empty() && !given(overrides_.server)) {
      const auto problem = nothing_found(sources);
      problems_.error(problem.message, problem.hint);
      return false;
    }
    if (const auto name = given(overrides_.context)) {
      context_ = merged_.find_context(*name);
      if (!context_)
        problems_.error("--context " + in_quotes(*name) + ": no context of that name in " + file_list(merged_.files),
                        name_hint(*name, merged_.context_names(), "contexts"));
      return context_ != nullptr;
    }
    if (merged_.current_context) {
      const auto& name = merged_.current_context->value;
      context_ = merged_.find_context(name);
      if (!context_)
        problems_.error(merged_.current_context_file, merged_.current_context->at,
                        "current-context " + in_quotes(name) + " names a context that is not defined",
                        name_hint(name, merged_.context_names(), "contexts") +
                            "; pass --context NAME or run 'kubectl config use-context NAME'");
      return context_ != nullptr;
    }
    if (given(overrides_.server)) return true;  // --server (and friends) describe the cluster alone
    const auto names = merged_.context_names();
    problems_.error(
        "no context to use: " + file_list(merged_.files) + " sets no current-context and --context was not given",
        names.empty() ? "the kubeconfig defines no contexts; add one, or pass --server URL"
                      : "pass --context NAME (contexts: " + quoted_list(names, ", ") +
                            ") or run 'kubectl config use-context NAME'");
    return false;
  }

  const ClusterEntry* choose_cluster() {
    if (const auto name = given(overrides_.cluster)) {
      const auto* cluster = merged_.find_cluster(*name);
      if (!cluster)
        problems_.error("--cluster " + in_quotes(*name) + ": no cluster of that name in " + file_list(merged_.files),
                        name_hint(*name, merged_.cluster_names(), "clusters"));
      return cluster;
    }
    if (!context_) return nullptr;
    if (!context_->cluster) {
      if (!given(overrides_.server))
        problems_.error(context_->file, context_->at, "context " + in_quotes(context_->name) + " names no cluster",
                        "add `cluster: NAME` to it, or pass --cluster NAME or --server URL");
      return nullptr;
    }
    const auto& name = context_->cluster->value;
    const auto* cluster = merged_.find_cluster(name);
    if (!cluster)
      problems_.error(
          context_->file, context_->cluster->at,
          "context " + in_quotes(context_->name) + " names cluster " + in_quotes(name) + ", which is not defined",
          name_hint(name, merged_.cluster_names(), "clusters"));
    return cluster;
  }

  // Null with no error: the context names no user, so requests are anonymous (as kubectl's).
  const UserEntry* choose_user() {
    if (const auto name = given(overrides_.user)) {
      const auto* user = merged_.find_user(*name);
      if (!user)
        problems_.error("--user " + in_quotes(*name) + ": no user of that name in " + file_list(merged_.files),
                        name_hint(*name, merged_.user_names(), "users"));
      return user;
    }
    if (!context_ || !context_->user) return nullptr;
    const auto& name = context_->user->value;
    const auto* user = merged_.find_user(name);
    if (!user)
      problems_.error(
          context_->file, context_->user->at,
          "context " + in_quotes(context_->name) + " names user " + in_quotes(name) + ", which is not defined",
          name_hint(name, merged_.user_names(), "users"));
    return user;
  }

  void choose_namespace(RestConfig& out) {
    if (const auto name = given(overrides_.namespace_name)) {
      if (auto problem = config::check_namespace_name(*name))
        problems_.error("--namespace " + in_quotes(*name) + ": " + problem->message, problem->hint);
      out.namespace_name = *name;
      out.namespace_source = NamespaceSource::flag;
      return;
    }
    if (context_ && context_->namespace_name) {
      const auto& field = *context_->namespace_name;
      if (auto problem = config::check_namespace_name(field.value))
        problems_.error(
            context_->file, field.at,
            "context " + in_quotes(context_->name) + ": namespace " + in_quotes(field.value) + ": " + problem->message,
            problem->hint);
      out.namespace_name = field.value;
      out.namespace_source = NamespaceSource::context;
      return;
    }
    out.namespace_name = "default";
    out.namespace_source = NamespaceSource::fallback;
  }

  const ContextEntry* context() const { return context_; }

 private:
  const KubeconfigOverrides& overrides_;
  const MergedKubeconfig& merged_;
  Problems& problems_;
  const ContextEntry* context_ = nullptr;
};

KubeError as_error(Problems& problems) {
  KubeError error;
  error.kind = KubeError::Kind::invalid_config;
  error.problems = problems.take_errors();
  return error;
}

}  // namespace

Result<RestConfig, KubeError> load_rest_config(const KubeconfigOverrides& overrides, const Environment& environment) {
  auto sources = kubeconfig_sources(overrides.kubeconfig, environment);
  if (!sources) return fail(sources.error());
  auto merged = load_kubeconfigs(sources.value());
  if (!merged) return fail(merged.error());

  RestConfig config;
  config.kubeconfig_files = merged->files;
  Problems problems;

  if (const auto timeout = given(overrides.request_timeout)) {
    auto parsed = parse_request_timeout(*timeout);
    if (parsed)
      config.request_timeout = parsed.value();
    else
      problems.error("--request-timeout " + in_quotes(*timeout) + ": " + parsed.error(),
                     "give whole seconds (30) or a duration such as 500ms, 45s or 1m30s; 0 means no timeout");
  }

  Selection selection(overrides, merged.value(), problems);
  if (!selection.choose_context(sources.value())) return fail(as_error(problems));
  const ClusterEntry* cluster = selection.choose_cluster();
  const UserEntry* user = selection.choose_user();
  selection.choose_namespace(config);
  if (problems.any()) return fail(as_error(problems));

  if (selection.context()) config.context = selection.context()->name;
  if (cluster) config.cluster = cluster->name;
  if (user) config.user = user->name;
  resolve_cluster(cluster, overrides, config, problems);
  resolve_user(user, cluster, overrides, config, problems);
  if (problems.any()) return fail(as_error(problems));
  config.warnings = problems.take_warnings();
  return config;
}

}  // namespace azureml::kube
