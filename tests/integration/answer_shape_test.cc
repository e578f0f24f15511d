// Answers of valid JSON but another shape than the contract's: each is exit 1 naming the
// request, the JSON path, the expected and actual type and the request id; never an abort
// (exit 134) and never a silently empty row.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/integration/online_fixture.h"

namespace azureml::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class AnswerShapeTest : public OnlineTest {
 protected:
  void SetUp() override {
    OnlineTest::SetUp();
    azure.put_resource({{"id", kWorkspaceId + "/computes/cpu"},
                        {"name", "cpu"},
                        {"type", "Microsoft.MachineLearningServices/workspaces/computes"},
                        {"location", "eastus"},
                        {"properties", {{"computeType", "AmlCompute"}, {"provisioningState", "Succeeded"}}}});
  }

  azureml::testing::Run reshaped(const std::string& path_regex, const std::string& pointer,
                                 const std::string& replacement, const std::vector<std::string>& arguments) {
    azure.add_fault(fakes::Fault::reshape("GET", path_regex, pointer, replacement));
    return run(arguments);
  }
};

const std::vector<std::string> kShow = {"show", "cpu", "-w", kWorkspaceName, "-g", kGroup};
const std::vector<std::string> kListCommand = {"list", "-w", kWorkspaceName, "-g", kGroup};

TEST_F(AnswerShapeTest, AStateThatIsANumberIsNamedNotACrash) {
  const azureml::testing::Run shown = reshaped("/computes/cpu$", "/properties/provisioningState", "5", kShow);
  EXPECT_EQ(shown.exit_code, 1) << shown.err;
  EXPECT_EQ(shown.out, "");
  EXPECT_THAT(shown.err, MatchesRegex("error: GET /subscriptions/[^ ]+/computes/cpu answered JSON of an unexpected "
                                      "shape: at \\$\\.properties\\.provisioningState a string was expected, not a "
                                      "number \\(request id [0-9a-f-]+, correlation id [0-9a-f-]+\\)\n"));
}

TEST_F(AnswerShapeTest, PropertiesThatAreNullAreNamed) {
  const azureml::testing::Run shown = reshaped("/computes/cpu$", "/properties", "null", kShow);
  EXPECT_EQ(shown.exit_code, 1) << shown.err;
  EXPECT_THAT(shown.err, HasSubstr("at $.properties an object was expected, not null"));
}

TEST_F(AnswerShapeTest, AListItemThatIsNoObjectIsNamedNotAnEmptyRow) {
  const azureml::testing::Run listed = reshaped("/computes$", "/value/0", "\"cpu\"", kListCommand);
  EXPECT_EQ(listed.exit_code, 1) << listed.err;
  EXPECT_EQ(listed.out, "");
  EXPECT_THAT(listed.err, HasSubstr("/computes answered JSON of an unexpected shape: at $.value[0] an object was "
                                    "expected, not a string (request id "));
}

TEST_F(AnswerShapeTest, AListItemsFieldOfAnotherTypeIsNamed) {
  const azureml::testing::Run listed = reshaped("/computes$", "/value/0/properties/computeType", "[]", kListCommand);
  EXPECT_EQ(listed.exit_code, 1) << listed.err;
  EXPECT_THAT(listed.err, HasSubstr("at $.value[0].properties.computeType a string was expected, not an array"));
}

TEST_F(AnswerShapeTest, ANextLinkThatIsNoStringIsNamedNotIgnored) {
  const azureml::testing::Run listed = reshaped("/computes$", "/nextLink", "7", kListCommand);
  EXPECT_EQ(listed.exit_code, 1) << listed.err;
  EXPECT_THAT(listed.err, HasSubstr("at $.nextLink a string was expected, not a number"));
}

TEST_F(AnswerShapeTest, APageThatIsNoObjectIsNamed) {
  const azureml::testing::Run listed = reshaped("/computes$", "", "[1, 2]", kListCommand);
  EXPECT_EQ(listed.exit_code, 1) << listed.err;
  EXPECT_THAT(listed.err, HasSubstr("at $ an object was expected, not an array"));
}

// Every verb that reads a compute checks the whole of it once (ops/compute_read.h): a field of
// another type anywhere it or its output reads is named before anything is sent.
TEST_F(AnswerShapeTest, AComputesFieldOfAnotherTypeStopsADeleteBeforeItIsSent) {
  const azureml::testing::Run deleted =
      reshaped("/computes/cpu$", "/properties/properties", "{\"scaleSettings\": {\"maxNodeCount\": \"4\"}}",
               {"compute", "delete", "cpu", "--yes", "-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(deleted.exit_code, 1) << deleted.err;
  EXPECT_THAT(deleted.err, HasSubstr("at $.properties.properties.scaleSettings.maxNodeCount a whole number was "
                                     "expected, not a string"));
  for (const auto& request : arm_requests()) EXPECT_FALSE(request.starts_with("DELETE")) << request;
}

TEST_F(AnswerShapeTest, AnIdentityOfAnotherShapeStopsADetach) {
  const azureml::testing::Run detached =
      reshaped("/computes/cpu$", "/identity", "{\"userAssignedIdentities\": [\"id\"]}",
               {"detach", "cpu", "--yes", "-w", kWorkspaceName, "-g", kGroup});
  EXPECT_EQ(detached.exit_code, 1) << detached.err;
  EXPECT_THAT(detached.err, HasSubstr("at $.identity.userAssignedIdentities an object was expected, not an array"));
}

TEST_F(AnswerShapeTest, AWorkspaceLocationOfAnotherTypeIsNamed) {
  const azureml::testing::Run created = reshaped("/workspaces/" + kWorkspaceName + "$", "/location", "{}",
                                                 {"compute", "create", "gpu", "-w", kWorkspaceName, "-g", kGroup,
                                                  "--vm-size", "Standard_DS3_v2", "--max-nodes", "2"});
  EXPECT_EQ(created.exit_code, 1) << created.err;
  EXPECT_THAT(created.err, HasSubstr("/workspaces/" + kWorkspaceName +
                                     " answered JSON of an unexpected shape: at $.location a string was expected, not "
                                     "an object"));
  for (const auto& request : arm_requests()) EXPECT_FALSE(request.starts_with("PUT")) << request;
}

TEST_F(AnswerShapeTest, TheUnchangedAnswerStillReads) {
  const azureml::testing::Run shown = run(kShow);
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("compute cpu (AmlCompute): Succeeded"));
}

}  // namespace
}  // namespace azureml::testing
