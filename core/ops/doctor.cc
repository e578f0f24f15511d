#include "core/ops/doctor.h"

#include <algorithm>
#include <set>

#include "core/arm/api_versions.h"
#include "core/arm/list_pages.h"
#include "core/kube/add_ons.h"
#include "core/ops/compute_common.h"
#include "core/ops/extension_lookup.h"
#include "core/ops/resource_locks.h"
#include "core/util/json_shape.h"
#include "core/util/text.h"

namespace azureml::ops {
namespace {

Check skip(std::string name, std::string why) { return {std::move(name), CheckStatus::skip, std::move(why), ""}; }

Check failed_read(std::string name, const kube::KubeApiError& error) {
  const std::string text = error.describe();
  const auto newline = text.find('\n');
  return {std::move(name), CheckStatus::fail, text.substr(0, newline),
          newline == std::string::npos ? "" : text.substr(newline + 1)};
}

Check failed_read(std::string name, const arm::ArmError& error) {
  return {std::move(name), CheckStatus::fail, error.summary(), error.hint()};
}

bool is_auth(const arm::ArmError& error) { return error.exit_code() == ExitCode::auth; }

class Doctor {
 public:
  explicit Doctor(const DoctorInputs& inputs) : in_(inputs) {}

  DoctorReport run() {
    cluster_checks();
    azure_checks();
    return std::move(report_);
  }

 private:
  void add(Check check) { report_.checks.push_back(std::move(check)); }

  // The first ARM refusal for want of a token or a permission is reported once; the Azure
  // checks after it are skipped rather than failing the same way again.
  void add_arm_failure(std::string name, const arm::ArmError& error) {
    if (azure_denied_) {
      add(skip(std::move(name), "not checked: " + *azure_denied_ + " was refused access to Azure (above)"));
      return;
    }
    if (is_auth(error)) azure_denied_ = name;
    add(failed_read(std::move(name), error));
  }

  void cluster_checks() {
    if (!in_.kube) {
      add({"cluster access", CheckStatus::fail, in_.kube_problem,
           "fix the kubeconfig, or choose another with --kubeconfig/--context"});
      return;
    }
    kube::KubeClient& kube = *in_.kube;
    // Nodes first: every later check needs them, and a refusal here is the credentials' verdict.
    auto nodes = kube.nodes();
    if (!nodes) {
      add(failed_read("cluster access", nodes.error()));
      return;
    }
    add({"cluster access", CheckStatus::pass,
         std::to_string(nodes->size()) + " node" + (nodes->size() == 1 ? "" : "s") + " at " + kube.config().server +
             (kube.config().context.empty() ? "" : " (context " + kube.config().context + ")"),
         ""});

    const std::string& namespace_name = in_.config.namespace_name;
    if (auto exists = kube.namespace_exists(namespace_name))
      add(check_namespace(namespace_name, *exists));
    else
      add(failed_read("namespace", exists.error()));

    auto daemon_sets = kube.daemon_sets();
    std::vector<kube::FoundAddOn> add_ons;
    if (daemon_sets) add_ons = kube::find_add_ons(*daemon_sets);
    const bool device_plugin = std::any_of(add_ons.begin(), add_ons.end(), [](const auto& found) {
      return found.add_on == kube::AddOn::nvidia_device_plugin;
    });
    for (auto& check : check_instance_types(in_.config, *nodes, device_plugin)) add(std::move(check));
    if (daemon_sets) {
      for (auto& check : check_add_ons(add_ons, in_.extension_settings, in_.release_namespace, in_.command))
        add(std::move(check));
    } else {
      add(failed_read("add-ons", daemon_sets.error()));
    }

    if (auto pods = kube.pods(in_.release_namespace))
      add(check_extension_pods(*pods, in_.release_namespace, in_.command));
    else
      add(failed_read("extension pods", pods.error()));
  }

  void azure_checks() {
    if (!in_.arm) {
      add(skip("Azure", in_.arm_problem));
      return;
    }
    arm::ArmClient& arm = *in_.arm;
    std::string cluster_location, workspace_location;
    if (in_.cluster) {
      const arm::ResourceId& cluster = *in_.cluster;
      auto got = arm.get(cluster.str(),
                         arm::api_versions::cluster(cluster.cluster_kind().value_or(arm::ClusterKind::connected)));
      auto location = got ? location_of(*got) : Result<std::string, arm::ArmError>(fail(got.error()));
      if (location) {
        cluster_location = *location;
        add({"Azure cluster", CheckStatus::pass, cluster.str() + " in " + cluster_location, ""});
        extension_check(arm, cluster);
      } else {
        add_arm_failure("Azure cluster", location.error());
        // The extension lives on the cluster: say it went unchecked rather than leave a gap.
        add(skip("AzureML extension", azure_denied_
                                          ? "not checked: " + *azure_denied_ + " was refused access to Azure (above)"
                                          : "not checked: the cluster could not be read (above)"));
      }
    } else {
      add(skip("Azure cluster",
               "no cluster given and none learnt from the cluster; pass --cluster-name and "
               "--cluster-resource-group (or --cluster-resource-id)"));
    }
    if (in_.workspace) {
      auto got = arm.get(in_.workspace->str(), arm::api_versions::kMachineLearning);
      auto location = got ? location_of(*got) : Result<std::string, arm::ArmError>(fail(got.error()));
      if (location) {
        workspace_location = *location;
        add({"workspace", CheckStatus::pass, in_.workspace->str() + " in " + workspace_location, ""});
      } else {
        add_arm_failure("workspace", location.error());
      }
    } else {
      add(skip("workspace", "no workspace given; pass -w and -g to check it"));
    }
    region_check(cluster_location, workspace_location);
    lock_checks(arm);
  }

  void extension_check(arm::ArmClient& arm, const arm::ResourceId& cluster) {
    // Every page (Extensions_List is pageable), states without case (audit D7).
    auto items = arm::list_read(arm, cluster.str() + "/providers/Microsoft.KubernetesConfiguration/extensions",
                                arm::api_versions::kExtensions, read_extension);
    if (!items) {
      add_arm_failure("AzureML extension", items.error());
      return;
    }
    for (const auto& extension : *items) {
      if (!extension.azureml()) continue;
      const std::string& state = extension.provisioning_state;
      Check check{"AzureML extension", CheckStatus::pass, "'" + extension.id.name() + "' is " + state, ""};
      if (equals_ci(state, "Failed")) {
        check.status = CheckStatus::fail;
        const std::string why = JsonShape(extension.error_info).text("message");
        if (!why.empty()) check.found += ": " + why;
        check.fix = command_line(in_.command, "extension show") + ", then delete and install it again";
      } else if (!equals_ci(state, "Succeeded")) {
        check.status = CheckStatus::warn;
        check.fix = "wait for it to finish, then run doctor again";
      }
      add(std::move(check));
      return;
    }
    add({"AzureML extension", CheckStatus::warn, "not installed on the cluster",
         command_line(in_.command, "extension install") + ", or attach with --install-extension"});
  }

  void region_check(const std::string& cluster_location, const std::string& workspace_location) {
    if (cluster_location.empty() || workspace_location.empty()) return;
    if (equals_ci(cluster_location, workspace_location)) {
      add({"regions", CheckStatus::pass, "cluster and workspace are both in " + workspace_location, ""});
      return;
    }
    add({"regions", CheckStatus::warn,
         "the cluster is in " + cluster_location + ", the workspace in " + workspace_location,
         "attaching works across regions, but data and jobs then cross regions too; prefer a workspace in " +
             cluster_location});
  }

  // ReadOnly blocks installing the extension and creating or scaling computes; CanNotDelete
  // blocks detach and delete. One check per resource group of the cluster and the workspace,
  // with the locks over them read as compute create reads them (audit D6): every page, the
  // subscription's own too, and not those on other resources of the group, which block nothing.
  void lock_checks(arm::ArmClient& arm) {
    std::vector<arm::ResourceId> resources;
    for (const auto& id : {in_.cluster, in_.workspace})
      if (id) resources.push_back(*id);
    std::vector<arm::ResourceId> groups;
    for (const auto& id : resources) {
      auto group = arm::ResourceId::of_resource_group(id.subscription_id(), id.resource_group());
      if (std::none_of(groups.begin(), groups.end(),
                       [&](const auto& known) { return known.lowered() == group.lowered(); }))
        groups.push_back(std::move(group));
    }
    auto locks = locks_over_each(arm, resources);
    for (const auto& group : groups) {
      const std::string name = "locks on " + group.resource_group();
      if (!locks) {
        add_arm_failure(name, locks.error());
        continue;
      }
      std::vector<std::string> read_only, no_delete;
      std::set<std::string> seen;
      for (std::size_t i = 0; i < resources.size(); ++i) {
        if (!equals_ci(resources[i].subscription_id(), group.subscription_id()) ||
            !equals_ci(resources[i].resource_group(), group.resource_group()))
          continue;
        for (const auto& lock : (*locks)[i]) {
          if (!seen.insert(to_lower(lock.scope + "|" + lock.name)).second) continue;
          // A lock on the group itself is named alone; one elsewhere says where it is.
          std::string label = "'" + printable(lock.name) + "'";
          if (!equals_ci(lock.scope, group.str())) label += " on " + scope_description(lock.scope);
          (lock.level == "ReadOnly" ? read_only : no_delete).push_back(std::move(label));
        }
      }
      if (!read_only.empty()) {
        add({name, CheckStatus::fail,
             "ReadOnly lock " + joined_list(read_only, " and ") +
                 ": installing the extension and creating or scaling computes will be refused (ScopeLocked)",
             "remove the lock (az lock delete) or ask its owner"});
      } else if (!no_delete.empty()) {
        add({name, CheckStatus::warn,
             "CanNotDelete lock " + joined_list(no_delete, " and ") + ": detach and delete will be refused",
             "remove the lock before detaching"});
      } else {
        add({name, CheckStatus::pass, "none", ""});
      }
    }
  }

  const DoctorInputs& in_;
  DoctorReport report_;
  std::optional<std::string> azure_denied_;  // the check whose ARM request was refused for auth
};

}  // namespace

bool DoctorReport::failed() const { return count(CheckStatus::fail) > 0; }

std::size_t DoctorReport::count(CheckStatus status) const {
  return static_cast<std::size_t>(
      std::count_if(checks.begin(), checks.end(), [&](const Check& check) { return check.status == status; }));
}

DoctorReport run_doctor(const DoctorInputs& inputs) { return Doctor(inputs).run(); }

}  // namespace azureml::ops
