// Reading an answer with its shape checked: absent and null are "not given", another type is
// recorded once (the first), with its path, and reading goes on as if the field were absent.
#include <gtest/gtest.h>

#include "core/util/json_shape.h"

namespace azureml {
namespace {

using nlohmann::json;

TEST(JsonShape, ReadsFieldsOfTheirContractTypes) {
  const json answer = {
      {"name", "cpu"},     {"count", 3}, {"ready", true}, {"size", 2.0}, {"properties", {{"state", "Succeeded"}}},
      {"tags", {"a", "b"}}};
  const JsonShape shape(answer);
  EXPECT_EQ(shape.string("name"), "cpu");
  EXPECT_EQ(shape.integer("count"), 3);
  EXPECT_EQ(shape.integer("size"), 2);  // a float with no fraction
  EXPECT_EQ(shape.boolean("ready"), true);
  EXPECT_EQ(shape.object("properties").text("state"), "Succeeded");
  EXPECT_EQ(shape.strings("tags"), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(shape.error());
}

TEST(JsonShape, AbsentAndNullAreNotGiven) {
  const json answer = {{"name", nullptr}, {"properties", nullptr}};
  const JsonShape shape(answer);
  EXPECT_EQ(shape.string("name"), std::nullopt);
  EXPECT_EQ(shape.text("missing"), "");
  EXPECT_FALSE(shape.object("properties").given());
  EXPECT_EQ(shape.object("properties").object("deeper").text("x"), "");
  EXPECT_TRUE(shape.objects("value").empty());
  EXPECT_FALSE(shape.error());
}

TEST(JsonShape, TheFirstFieldOfAnotherTypeIsRecordedWithItsPath) {
  const json answer = {{"properties", {{"provisioningState", 5}, {"resourceId", false}}}};
  const JsonShape shape(answer);
  const JsonShape properties = shape.object("properties");
  EXPECT_EQ(properties.string("provisioningState"), std::nullopt);
  EXPECT_EQ(properties.string("resourceId"), std::nullopt);
  ASSERT_TRUE(shape.error());  // recorded on the answer, from a reader of one of its parts
  EXPECT_EQ(shape.error()->describe(), "at $.properties.provisioningState a string was expected, not a number");
}

TEST(JsonShape, ArrayItemsOfAnotherTypeAreNamedByIndex) {
  const json answer = {{"value", {{{"name", "a"}}, "b", {{"name", "c"}}}}};
  const JsonShape shape(answer);
  const auto items = shape.objects("value");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].text("name"), "c");
  EXPECT_EQ(items[1].path(), "$.value[2]");
  ASSERT_TRUE(shape.error());
  EXPECT_EQ(shape.error()->describe(), "at $.value[1] an object was expected, not a string");
}

TEST(JsonShape, AnAnswerThatIsNoObjectIsRecorded) {
  const json answer = json::array();
  const JsonShape shape(answer);
  EXPECT_EQ(shape.text("name"), "");
  ASSERT_TRUE(shape.error());
  EXPECT_EQ(shape.error()->describe(), "at $ an object was expected, not an array");
}

TEST(JsonShape, ARequiredObjectMayNotBeNull) {
  const json answer = {{"properties", nullptr}};
  const JsonShape shape(answer);
  EXPECT_FALSE(shape.required_object("properties").given());
  ASSERT_TRUE(shape.error());
  EXPECT_EQ(shape.error()->describe(), "at $.properties an object was expected, not null");
}

TEST(JsonShape, ARequiredStringMayNotBeMissing) {
  const json answer = {{"keyName", "rw"}};
  const JsonShape shape(answer);
  EXPECT_EQ(shape.required_text("keyName"), "rw");
  EXPECT_FALSE(shape.error());
  EXPECT_EQ(shape.required_text("primaryConnectionString"), "");
  ASSERT_TRUE(shape.error());
  EXPECT_EQ(shape.error()->describe(), "at $.primaryConnectionString a string was expected, not nothing");
}

TEST(JsonShape, WholeNumbersOnly) {
  const json answer = {{"count", 2.5}, {"other", "3"}};
  const JsonShape shape(answer);
  EXPECT_EQ(shape.integer("count"), std::nullopt);
  EXPECT_EQ(shape.error()->describe(), "at $.count a whole number was expected, not a number");
}

}  // namespace
}  // namespace azureml
