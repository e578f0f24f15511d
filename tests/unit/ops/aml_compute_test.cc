// The AmlCompute model: flag checks, the body, identities, differences, durations, and which
// usages the quota check reads.
#include "core/ops/aml_compute.h"

#include <gtest/gtest.h>

#include "core/ops/aml_compute_identity.h"
#include "core/ops/aml_quota.h"

namespace azureml::ops {
namespace {

using nlohmann::json;

const std::string kUser =
    "/subscriptions/s/resourceGroups/ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/a";
const std::string kOther =
    "/subscriptions/s/resourceGroups/ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/b";

TEST(AmlCompute, VmSizeNamesLookLikeAzures) {
  for (const char* good : {"Standard_DS3_v2", "STANDARD_NC6", "standard_nd96asr_v4", "Basic_A1"})
    EXPECT_TRUE(is_vm_size_name(good)) << good;
  for (const char* bad : {"", "DS3", "Standard_", "_DS3", "Standard__DS3", "Standard_DS3_", "Premium_DS3",
                          "Standard_DS-3", "Standard DS3"})
    EXPECT_FALSE(is_vm_size_name(bad)) << bad;
}

TEST(AmlCompute, EveryProblemOfTheSpecIsNamedByItsFlag) {
  AmlComputeSpec spec;
  spec.vm_size = "DS3";
  spec.min_nodes = -1;
  spec.max_nodes = 0;
  spec.idle_seconds = -5;
  spec.subnet = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v";
  spec.location = "west us";
  const auto problems = check_spec(spec);
  ASSERT_EQ(problems.size(), 6u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[1], "--max-nodes must be 1 to 1000, not 0");
  EXPECT_EQ(problems[2], "--min-nodes must be 0 or more, not -1");
  spec = {};
  spec.vm_size = "Standard_DS3_v2";
  spec.min_nodes = 3;
  spec.max_nodes = 2;
  EXPECT_EQ(check_spec(spec),
            (std::vector<std::string>{"--min-nodes 3 is above --max-nodes 2: min must not exceed max"}));
  spec.min_nodes = 2;
  spec.subnet = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/default";
  EXPECT_TRUE(check_spec(spec).empty());
}

TEST(AmlCompute, IdentitiesParseSystemAndIdsCanonicallyWithoutRepeats) {
  std::vector<IdentityProblem> problems;
  const auto identity = parse_identities(
      {"[SYSTEM]", kUser,
       "/subscriptions/s/resourcegroups/ids/providers/microsoft.managedidentity/userassignedidentities/a", "nope"},
      problems);
  EXPECT_TRUE(identity.system);
  EXPECT_EQ(identity.user_assigned, (std::vector<std::string>{kUser}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].value, "nope");
}

TEST(AmlCompute, IdentityJsonRoundTrips) {
  EXPECT_EQ(identity_json({}), json({{"type", "None"}}));
  EXPECT_EQ(identity_json({true, {}}), json({{"type", "SystemAssigned"}}));
  const ManagedIdentity both{true, {kUser}};
  const json written = identity_json(both);
  EXPECT_EQ(written["type"], "SystemAssigned,UserAssigned");
  EXPECT_EQ(identity_of({{"identity", written}}), both);
  EXPECT_EQ(identity_of(json::object()), ManagedIdentity{});
}

TEST(AmlCompute, TheBodyIsWhatArmTakes) {
  AmlComputeSpec spec;
  spec.vm_size = "Standard_NC6";
  spec.max_nodes = 3;
  spec.priority = VmPriority::low_priority;
  spec.identity = {false, {kUser}};
  const json body = aml_compute_body(spec, "westeurope");
  EXPECT_EQ(body["location"], "westeurope");
  EXPECT_EQ(body["properties"]["computeType"], "AmlCompute");
  EXPECT_EQ(body["properties"]["properties"]["vmPriority"], "LowPriority");
  EXPECT_EQ(body["properties"]["properties"]["scaleSettings"]["nodeIdleTimeBeforeScaleDown"], "PT120S");
  EXPECT_EQ(body["identity"]["userAssignedIdentities"][kUser], json::object());
  EXPECT_FALSE(aml_compute_body(AmlComputeSpec{}, "x").contains("identity"));
}

TEST(AmlCompute, DifferencesIgnoreCaseOfSizesAndSpellingOfDurations) {
  AmlComputeSpec spec;
  spec.vm_size = "Standard_DS3_v2";
  spec.max_nodes = 4;
  json existing = aml_compute_body(spec, "eastus");
  existing["properties"]["properties"]["vmSize"] = "STANDARD_DS3_V2";
  existing["properties"]["properties"]["scaleSettings"]["nodeIdleTimeBeforeScaleDown"] = "PT2M";
  existing["properties"]["properties"]["currentNodeCount"] = 2;
  EXPECT_TRUE(aml_compute_differences(existing, aml_compute_body(spec, "eastus")).empty());
  spec.max_nodes = 5;
  spec.identity.system = true;
  EXPECT_EQ(aml_compute_differences(existing, aml_compute_body(spec, "EastUS")),
            (std::vector<std::string>{"scaleSettings.maxNodeCount '4' -> '5'", "identity 'null' -> 'SystemAssigned'"}));
}

TEST(AmlCompute, ResendingDropsWhatOnlyArmWrites) {
  const json existing = {{"location", "eastus"},
                         {"tags", {{"team", "ml"}}},
                         {"properties",
                          {{"computeType", "AmlCompute"},
                           {"provisioningState", "Succeeded"},
                           {"description", "d"},
                           {"properties",
                            {{"vmSize", "Standard_DS3_v2"},
                             {"currentNodeCount", 1},
                             {"allocationState", "Steady"},
                             {"scaleSettings", {{"maxNodeCount", 2}}}}}}}};
  const json body = resend_body(existing, {true, {}});
  EXPECT_EQ(body["properties"]["properties"],
            json({{"vmSize", "Standard_DS3_v2"}, {"scaleSettings", {{"maxNodeCount", 2}}}}));
  EXPECT_FALSE(body["properties"].contains("provisioningState"));
  EXPECT_EQ(body["properties"]["description"], "d");
  EXPECT_EQ(body["tags"]["team"], "ml");
  EXPECT_EQ(body["identity"]["type"], "SystemAssigned");
}

TEST(AmlCompute, IsoDurations) {
  EXPECT_EQ(parse_iso_duration("PT120S"), 120);
  EXPECT_EQ(parse_iso_duration("PT2M"), 120);
  EXPECT_EQ(parse_iso_duration("P1DT1H1M1S"), 86400 + 3600 + 61);
  for (const char* bad : {"", "P", "PT", "120", "PT5", "P5H", "PTS", "PT1X"})
    EXPECT_FALSE(parse_iso_duration(bad)) << bad;
  EXPECT_EQ(iso_seconds(300), "PT300S");
}

TEST(AmlComputeIdentity, AssignAddsAndRemoveTakesAwayWithNotesForNoOps) {
  std::vector<std::string> notes;
  const ManagedIdentity current{true, {kUser}};
  auto after = changed_identity(current, IdentityChange::assign, {true, {kOther}}, notes);
  EXPECT_EQ(after, (ManagedIdentity{true, {kUser, kOther}}));
  EXPECT_EQ(notes, (std::vector<std::string>{"the system-assigned identity is already assigned"}));
  notes.clear();
  after = changed_identity(current, IdentityChange::remove, {false, {kOther}}, notes);
  EXPECT_EQ(after, current);
  EXPECT_EQ(notes, (std::vector<std::string>{kOther + " is not assigned"}));
  EXPECT_EQ(changed_identity(current, IdentityChange::remove, {true, {}}, notes), (ManagedIdentity{false, {kUser}}));
  EXPECT_TRUE(changed_identity(current, IdentityChange::remove, {}, notes).empty());
}

TEST(AmlQuota, FamilyKeysAreHowUsagesNameFamilies) {
  EXPECT_EQ(family_key("standardDSv2Family"), "DSv2");
  EXPECT_EQ(family_key("standardNCSv3Family"), "NCSv3");
  EXPECT_EQ(family_key("Other"), "Other");
}

}  // namespace
}  // namespace azureml::ops
