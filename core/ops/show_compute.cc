#include "core/ops/show_compute.h"

#include "core/arm/api_versions.h"
#include "core/ops/compute_read.h"
#include "core/util/text.h"

namespace azureml::ops {

Result<ComputeReport, OpError> show_compute(arm::ArmClient& arm, const arm::ResourceId& workspace,
                                            const std::string& name, const ClusterAccess& access) {
  const auto id = arm::ResourceId::compute(workspace, name);
  auto got = get_compute(arm, id);
  if (!got) {
    OpError error = OpError::from(got.error());
    if (got.error().exit_code() == ExitCode::not_found)
      error.message = "compute " + name + " not found in workspace " + workspace.name() + "\n'list' shows its computes";
    return fail(std::move(error));
  }
  const JsonShape compute(got->json);
  const JsonShape properties = compute.required_object("properties");
  const JsonShape own = properties.object("properties");
  ComputeReport report{read_compute_summary(compute),
                       properties.any("provisioningErrors"),
                       own.json(),
                       own.text("namespace"),
                       own.text("defaultInstanceType"),
                       std::nullopt,
                       ""};
  if (compute.error()) return fail(OpError::from(arm::unexpected_shape(*compute.error(), *got)));
  if (!equals_ci(report.compute.type, "Kubernetes")) return report;
  auto cluster = arm::ResourceId::parse_cluster(report.compute.resource_id);
  if (!cluster) {
    report.extension_problem = "the compute's resourceId is not a cluster: " + cluster.error().describe();
    return report;
  }
  auto extension = show_extension(arm, {*cluster, std::nullopt, access});
  if (extension)
    report.extension = std::move(*extension);
  else
    report.extension_problem = extension.error().message;
  return report;
}

}  // namespace azureml::ops
