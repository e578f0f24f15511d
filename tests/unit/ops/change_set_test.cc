// ChangeSet: one path for dry runs and real runs, and what it records for the result and for an
// interrupted run's message.
#include "core/ops/change_set.h"

#include <gtest/gtest.h>

#include "tests/unit/arm/arm_fakes.h"

namespace azureml::ops {
namespace {

using arm::testing::FakeCredential;
using arm::testing::ScriptedTransport;
using nlohmann::json;

const std::string kPath = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Relay/namespaces/r1";
const std::string kUrl = "https://management.azure.com" + kPath + "?api-version=2021-11-01";

class ChangeSetTest : public ::testing::Test {
 protected:
  arm::ArmClient client() { return arm::ArmClient(transport, credential, clock); }

  FakeClock clock;
  ScriptedTransport transport{&clock};
  FakeCredential credential;
};

TEST_F(ChangeSetTest, ADryRunWritesTheChangesDownAndSendsNothing) {
  auto arm = client();
  ChangeMode plan_only;
  plan_only.dry_run = true;
  ChangeSet changes(arm, plan_only);
  const json body = {{"location", "eastus"}, {"properties", {{"secret", "s3cret"}}}};
  const json shown = {{"location", "eastus"}, {"properties", {{"secret", "<redacted>"}}}};
  const auto put = changes.put(kPath, "2021-11-01", body, "create Relay namespace r1", shown);
  ASSERT_TRUE(put.ok());
  EXPECT_TRUE(put->is_null());
  const auto removed = changes.remove(kPath, "2021-11-01", {}, "delete Relay namespace r1");
  ASSERT_TRUE(removed.ok());
  EXPECT_TRUE(transport.sent().empty());
  ASSERT_EQ(changes.changes().size(), 2u);
  EXPECT_EQ(changes.changes()[0].method, "PUT");
  EXPECT_EQ(changes.changes()[0].body, shown);  // as the plan shows it: the secret redacted
  EXPECT_FALSE(changes.changes()[0].done);
  EXPECT_EQ(changes.changes()[1].method, "DELETE");
  EXPECT_TRUE(changes.changes()[1].body.is_null());
}

TEST_F(ChangeSetTest, ARealRunSendsSaysAndRecordsWhatWasDone) {
  transport.answer(200, {}, R"({"id":"r1","properties":{"provisioningState":"Succeeded"}})");
  auto arm = client();
  std::vector<std::string> said;
  ChangeMode saying;
  saying.progress = [&said](const std::string& line) { said.push_back(line); };
  ChangeSet changes(arm, saying);
  const auto put = changes.put(kPath, "2021-11-01", json{{"location", "eastus"}}, "create Relay namespace r1");
  ASSERT_TRUE(put.ok()) << put.error().describe();
  EXPECT_EQ((*put)["id"], "r1");
  EXPECT_EQ(transport.lines(), (std::vector<std::string>{"PUT " + kUrl}));
  EXPECT_EQ(said, (std::vector<std::string>{"create Relay namespace r1 ..."}));
  ASSERT_EQ(changes.changes().size(), 1u);
  EXPECT_TRUE(changes.changes()[0].done);
  EXPECT_TRUE(changes.changes()[0].accepted);
  EXPECT_EQ(changes.changes()[0].body, (json{{"location", "eastus"}}));  // no shown body: the body itself
}

TEST_F(ChangeSetTest, DeletingWhatIsAlreadyGoneIsDone) {
  transport.answer(404, {}, R"({"error":{"code":"ResourceNotFound","message":"not found"}})");
  auto arm = client();
  ChangeSet changes(arm, ChangeMode{});
  const auto removed = changes.remove(kPath, "2021-11-01", {}, "delete Relay namespace r1");
  ASSERT_TRUE(removed.ok());
  ASSERT_EQ(changes.changes().size(), 1u);
  EXPECT_TRUE(changes.changes()[0].done);
}

TEST_F(ChangeSetTest, AFailedChangeIsRecordedNotDoneAndTheErrorReturned) {
  transport.answer(400, {}, R"({"error":{"code":"InvalidTemplate","message":"bad body"}})");
  auto arm = client();
  ChangeSet changes(arm, ChangeMode{});
  const auto put = changes.put(kPath, "2021-11-01", json{{"location", "eastus"}}, "create Relay namespace r1");
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.error().status, 400);
  ASSERT_EQ(changes.changes().size(), 1u);
  EXPECT_FALSE(changes.changes()[0].done);
  EXPECT_FALSE(changes.changes()[0].accepted);
}

TEST_F(ChangeSetTest, AnInterruptedRunSaysWhatWasSentOrThatNothingWas) {
  auto arm = client();
  ChangeSet nothing(arm, ChangeMode{});
  const OpError interrupted{ExitCode::interrupted, "interrupted", {}};
  EXPECT_EQ(with_interrupt_note(interrupted, nothing).message, "interrupted\nnothing was changed in Azure");

  transport.answer(200, {}, R"({"id":"r1","properties":{"provisioningState":"Succeeded"}})");
  ChangeSet some(arm, ChangeMode{});
  ASSERT_TRUE(some.put(kPath, "2021-11-01", json{{"location", "eastus"}}, "create Relay namespace r1").ok());
  EXPECT_EQ(with_interrupt_note(interrupted, some).message,
            "interrupted\nsent before the interrupt: create Relay namespace r1 (done)\n"
            "run the same command again to finish: it picks up what is already there");
  // Other errors are returned as they are.
  const OpError other{ExitCode::failed, "failed", {}};
  EXPECT_EQ(with_interrupt_note(other, some).message, "failed");
}

TEST(ActionLabel, SaysWhatHappenedOrWouldHave) {
  EXPECT_EQ(action_label("created", false, Wait::until_done), "created");
  EXPECT_EQ(action_label("created", true, Wait::until_done), "would be created");
  EXPECT_EQ(action_label("created", false, Wait::no_wait), "started");
  EXPECT_EQ(action_label("unchanged", true, Wait::no_wait), "unchanged");
}

}  // namespace
}  // namespace azureml::ops
