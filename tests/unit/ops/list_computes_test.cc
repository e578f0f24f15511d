// list_computes over a scripted ARM: pages, the type filter, odd bodies, errors.
#include "core/ops/list_computes.h"

#include <gtest/gtest.h>

#include "tests/unit/arm/arm_fakes.h"

namespace azureml::ops {
namespace {

using arm::testing::FakeCredential;
using arm::testing::ScriptedTransport;

const arm::ResourceId kWorkspace = arm::ResourceId::workspace("s", "rg", "ws");
const std::string kList =
    "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/"
    "Microsoft.MachineLearningServices/workspaces/ws/computes";

std::string compute(const std::string& name, const std::string& type) {
  return R"({"name":")" + name + R"(","location":"eastus","id":"/x/)" + name + R"(","properties":{"computeType":")" +
         type + R"(","provisioningState":"Succeeded"}})";
}

class ListComputesTest : public ::testing::Test {
 protected:
  arm::ArmClient client() { return arm::ArmClient(transport, credential, clock); }

  FakeClock clock;
  ScriptedTransport transport{&clock};
  FakeCredential credential;
};

TEST_F(ListComputesTest, FollowsNextLinkAcrossPages) {
  transport
      .answer(200, {},
              R"({"value":[)" + compute("a", "Kubernetes") + R"(],"nextLink":")" + kList +
                  "?api-version=2025-06-01&$skipToken=2\"}")
      .answer(200, {}, R"({"value":[],"nextLink":")" + kList + "?$skipToken=3\"}")
      .answer(200, {}, R"({"value":[)" + compute("b", "AmlCompute") + "]}");
  auto arm = client();
  const auto got = list_computes(arm, kWorkspace);
  ASSERT_TRUE(got.ok()) << got.error().describe();
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].name, "a");
  EXPECT_EQ((*got)[1].type, "AmlCompute");
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"GET " + kList + "?api-version=2025-06-01",
                                                         "GET " + kList + "?api-version=2025-06-01&$skipToken=2",
                                                         "GET " + kList + "?$skipToken=3&api-version=2025-06-01"}));
}

TEST_F(ListComputesTest, TheTypeFilterIgnoresCase) {
  transport.answer(200, {}, R"({"value":[)" + compute("a", "Kubernetes") + "," + compute("b", "AmlCompute") + "]}");
  auto arm = client();
  const auto got = list_computes(arm, kWorkspace, std::string("kubernetes"));
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].name, "a");
}

TEST_F(ListComputesTest, FieldsOfTheWrongTypeAreAnErrorNamingThemNotEmptyRows) {
  transport
      .answer(200, {{"x-ms-request-id", "req-7"}},
              R"({"value":[{"name":7,"properties":{"computeType":["x"]}}, 3, null]})")
      .answer(200, {}, R"({"value":[{"name":7}]})");
  auto arm = client();
  auto got = list_computes(arm, kWorkspace);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(got.error().describe(), "GET " + kList.substr(kList.find("/subscriptions/")) +
                                        " answered JSON of an unexpected shape: at $.value[1] an "
                                        "object was expected, not a number (request id req-7)");
  got = list_computes(arm, kWorkspace);  // a field of an object item
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.error().describe().find("at $.value[0].name a string was expected, not a number"), std::string::npos);
}

TEST_F(ListComputesTest, AnErrorOnAnyPageIsTheAnswer) {
  transport.answer(200, {}, R"({"value":[],"nextLink":")" + kList + "?$skipToken=2\"}")
      .answer(404, {}, R"({"error":{"code":"ResourceNotFound","message":"gone"}})");
  auto arm = client();
  const auto got = list_computes(arm, kWorkspace);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "ResourceNotFound");
  EXPECT_EQ(got.error().exit_code(), ExitCode::not_found);
}

TEST_F(ListComputesTest, ANextLinkToAnotherHostIsRefusedNotFollowed) {
  transport.answer(200, {}, R"({"value":[],"nextLink":"https://evil.example.com/steal"})");
  auto arm = client();
  const auto got = list_computes(arm, kWorkspace);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(transport.sent().size(), 1u);
}

}  // namespace
}  // namespace azureml::ops
