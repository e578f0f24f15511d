// Kubernetes answers of the wrong shape: the object readers record a field of another type as
// a ShapeError (a missing one still reads as empty), and KubeClient turns it into exit 1 naming
// the request, the JSON path from the answer's root and both types, never an empty field.
#include <climits>
#include <string>
#include <vector>

#include "tests/unit/kube/api_client_test_support.h"

namespace azureml::kube {
namespace {

using nlohmann::json;
using test::outcome;
using ::testing::HasSubstr;

// "$.path: expected / actual", or "no error", for readable comparisons.
std::string shape_of(const JsonShape& shape) {
  if (!shape.error()) return "no error";
  return shape.error()->path + ": " + shape.error()->expected + " / " + shape.error()->actual;
}

struct Case {
  const char* object;
  const char* error;
};

// --- the readers ---

TEST(KubeObjectShape, MissingOrNullFieldsReadAsEmptyWithoutAnError) {
  for (const char* text : {"{}", R"({"metadata": null, "spec": null, "status": null})",
                           R"({"metadata": {"name": "n1", "labels": null}, "status": {}})",
                           R"({"status": {"capacity": {"cpu": null}, "conditions": null}})"}) {
    const json object = json::parse(text);
    const JsonShape shape(object);
    const Node node = node_from_json(shape);
    const Pod pod = pod_from_json(shape);
    const DaemonSet set = daemon_set_from_json(shape);
    const ConfigMap map = config_map_from_json(shape);
    EXPECT_EQ(shape_of(shape), "no error") << text;
    EXPECT_TRUE(node.capacity.empty()) << text;
    EXPECT_TRUE(node.taints.empty()) << text;
    EXPECT_FALSE(node.ready) << text;
    EXPECT_EQ(pod.phase, "") << text;
    EXPECT_TRUE(set.images.empty()) << text;
    EXPECT_TRUE(map.data.empty()) << text;
  }
}

TEST(KubeObjectShape, NodeFieldsOfTheWrongTypeAreShapeErrors) {
  for (const Case& c : std::vector<Case>{
           {R"({"metadata": {"name": 7}})", "$.metadata.name: a string / a number"},
           {R"({"metadata": "n1"})", "$.metadata: an object / a string"},
           {R"({"metadata": {"labels": ["a"]}})", "$.metadata.labels: an object / an array"},
           {R"({"status": {"capacity": ["cpu"]}})", "$.status.capacity: an object / an array"},
           {R"({"status": {"allocatable": {"cpu": true}}})", "$.status.allocatable.cpu: a string / a boolean"},
           {R"({"spec": {"taints": {"key": "k"}}})", "$.spec.taints: an array / an object"},
           {R"({"spec": {"taints": [{"key": "k"}, "NoSchedule"]}})", "$.spec.taints[1]: an object / a string"},
           {R"({"spec": {"unschedulable": "true"}})", "$.spec.unschedulable: a boolean / a string"},
           {R"({"status": {"conditions": [{"type": "Ready", "status": true}]}})",
            "$.status.conditions[0].status: a string / a boolean"},
       }) {
    const json object = json::parse(c.object);
    const JsonShape shape(object);
    (void)node_from_json(shape);
    EXPECT_EQ(shape_of(shape), c.error) << c.object;
  }
}

TEST(KubeObjectShape, AQuantityMayBeANumberReadAsItsText) {
  const json object = json::parse(R"({"status": {"capacity": {"cpu": "4", "pods": 110, "odd": 1.5}}})");
  const JsonShape shape(object);
  const Node node = node_from_json(shape);
  EXPECT_EQ(shape_of(shape), "no error");
  EXPECT_EQ(node.capacity.at("cpu"), "4");
  EXPECT_EQ(node.capacity.at("pods"), "110");
  EXPECT_EQ(node.capacity.at("odd"), "1.5");
}

TEST(KubeObjectShape, PodAndDaemonSetFieldsOfTheWrongTypeAreShapeErrors) {
  for (const Case& c : std::vector<Case>{
           {R"({"status": {"containerStatuses": [{"restartCount": "3"}]}})",
            "$.status.containerStatuses[0].restartCount: a whole number / a string"},
           {R"({"status": {"containerStatuses": [null]}})", "$.status.containerStatuses[0]: an object / null"},
           {R"({"status": {"containerStatuses": [{"state": {"waiting": "yes"}}]}})",
            "$.status.containerStatuses[0].state.waiting: an object / a string"},
           {R"({"spec": {"nodeName": ["n1"]}})", "$.spec.nodeName: a string / an array"},
       }) {
    const json object = json::parse(c.object);
    const JsonShape shape(object);
    (void)pod_from_json(shape);
    EXPECT_EQ(shape_of(shape), c.error) << c.object;
  }
  for (const Case& c : std::vector<Case>{
           {R"({"spec": {"template": {"spec": {"containers": [{"image": 4}]}}}})",
            "$.spec.template.spec.containers[0].image: a string / a number"},
           {R"({"spec": {"template": {"spec": {"initContainers": {"image": "i"}}}}})",
            "$.spec.template.spec.initContainers: an array / an object"},
           {R"({"status": {"numberReady": "2"}})", "$.status.numberReady: a whole number / a string"},
       }) {
    const json object = json::parse(c.object);
    const JsonShape shape(object);
    (void)daemon_set_from_json(shape);
    EXPECT_EQ(shape_of(shape), c.error) << c.object;
  }
}

TEST(KubeObjectShape, AnAbsurdCountIsClampedNotWrapped) {
  const json object = json::parse(R"({"status": {"containerStatuses": [{"restartCount": 1000000000000}]}})");
  const JsonShape shape(object);
  const Pod pod = pod_from_json(shape);
  ASSERT_EQ(pod.containers.size(), 1u);
  EXPECT_EQ(pod.containers[0].restart_count, INT_MAX);
}

TEST(KubeObjectShape, ConfigMapDataTakesNumbersAsTextButNotObjects) {
  const json numbers = json::parse(R"({"data": {"A": "x", "N": 3, "gone": null}})");
  const JsonShape fine(numbers);
  const ConfigMap map = config_map_from_json(fine);
  EXPECT_EQ(shape_of(fine), "no error");
  EXPECT_EQ(map.data.at("A"), "x");
  EXPECT_EQ(map.data.at("N"), "3");
  EXPECT_EQ(map.data.count("gone"), 0u);

  const json nested = json::parse(R"({"data": {"A": "x", "B": {"c": 1}}})");
  const JsonShape odd(nested);
  (void)config_map_from_json(odd);
  EXPECT_EQ(shape_of(odd), "$.data.B: a string / an object");
}

// --- through KubeClient ---

struct KubeClientShapes : test::KubeApiTest {
  // A client of `server`, with pages of `page_size` items.
  std::unique_ptr<KubeClient> scripted(test::ScriptedTransport& server, std::size_t page_size = 500) {
    return client(config(), {.page_size = page_size}, nullptr, &server);
  }
};

template <typename T>
void expect_shape_error(const Result<T, KubeApiError>& got, const std::string& path, const std::string& said) {
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, KubeApiError::Kind::response);
  EXPECT_EQ(got.error().exit_code(), ExitCode::failed);
  EXPECT_EQ(got.error().path, path);
  EXPECT_THAT(got.error().describe(), HasSubstr("answered GET " + path + " with JSON of an unexpected shape: " + said));
}

TEST_F(KubeClientShapes, ANodeFieldOfTheWrongTypeFailsTheListWithItsPathInTheAnswer) {
  test::ScriptedTransport server;
  server.answer(200, R"({"items": [{"metadata": {"name": "a"}}, {"metadata": {"name": "b"},
                                    "status": {"capacity": ["cpu", "8"]}}], "metadata": {}})");
  expect_shape_error(scripted(server)->nodes(), "/api/v1/nodes",
                     "at $.items[1].status.capacity an object was expected, not an array");
}

TEST_F(KubeClientShapes, AnItemThatIsNotAnObjectFailsTheList) {
  test::ScriptedTransport server;
  server.answer(200, R"({"items": [{}, {}, 7]})");
  server.answer(200, R"({"items": [{}, null]})");
  auto api = scripted(server);
  expect_shape_error(api->list("/api/v1/nodes"), "/api/v1/nodes", "at $.items[2] an object was expected, not a number");
  expect_shape_error(api->nodes(), "/api/v1/nodes", "at $.items[1] an object was expected, not null");
}

TEST_F(KubeClientShapes, ItemsOrMetadataOfTheWrongTypeFailTheList) {
  test::ScriptedTransport server;
  server.answer(200, R"({"items": {"a": {}}})");
  server.answer(200, R"({"items": [], "metadata": "next"})");
  auto api = scripted(server);
  expect_shape_error(api->list("/api/v1/nodes"), "/api/v1/nodes", "at $.items an array was expected, not an object");
  expect_shape_error(api->list("/api/v1/nodes"), "/api/v1/nodes", "at $.metadata an object was expected, not a string");
}

TEST_F(KubeClientShapes, AShapeErrorOnALaterPageFailsTheWholeList) {
  // The path is within that page's answer; the request is the list's.
  test::ScriptedTransport server;
  server.answer(200, R"({"items": [{"metadata": {"name": "p1"}}], "metadata": {"continue": "t1"}})");
  server.answer(200, R"({"items": [{"status": {"containerStatuses": [{"restartCount": "3"}]}}]})");
  auto pods = scripted(server, 1)->pods("azureml");
  expect_shape_error(
      pods, "/api/v1/namespaces/azureml/pods",
      "at $.items[0].status.containerStatuses[0].restartCount a whole number was expected, not a string");
  EXPECT_EQ(server.requests.size(), 2u);
}

TEST_F(KubeClientShapes, ADaemonSetOfTheWrongShapeFailsTheList) {
  test::ScriptedTransport server;
  server.answer(200, R"({"items": [{"spec": {"template": {"spec": {"containers": {"image": "x"}}}}}]})");
  expect_shape_error(scripted(server)->daemon_sets(), "/apis/apps/v1/daemonsets",
                     "at $.items[0].spec.template.spec.containers an array was expected, not an object");
}

TEST_F(KubeClientShapes, MissingFieldsStillReadAsEmptyThroughTheClient) {
  // A node just registered has no status yet; a list may leave out metadata and even items.
  test::ScriptedTransport server;
  server.answer(200, R"({"items": [{"metadata": {"name": "new"}}, {}, {"status": null}]})");
  server.answer(200, R"({"kind": "PodList"})");
  auto api = scripted(server);
  auto nodes = api->nodes();
  ASSERT_TRUE(nodes.ok()) << outcome(nodes);
  ASSERT_EQ(nodes->size(), 3u);
  EXPECT_EQ((*nodes)[0].name, "new");
  EXPECT_TRUE((*nodes)[0].capacity.empty());
  EXPECT_FALSE((*nodes)[0].ready);
  auto pods = api->pods("azureml");
  ASSERT_TRUE(pods.ok()) << outcome(pods);
  EXPECT_TRUE(pods->empty());
}

TEST_F(KubeClientShapes, ConfigMapDataThatIsAnObjectIsAShapeErrorAndANumberItsText) {
  test::ScriptedTransport server;
  server.answer(200, R"({"metadata": {"name": "azure-clusterconfig"}, "data": {"AZURE_RESOURCE_NAME": {"x": 1}}})");
  server.answer(200, R"({"metadata": {"name": "azure-clusterconfig"}, "data": {"PORT": 8080}})");
  auto api = scripted(server);
  expect_shape_error(api->config_map("azure-arc", "azure-clusterconfig"),
                     "/api/v1/namespaces/azure-arc/configmaps/azure-clusterconfig",
                     "at $.data.AZURE_RESOURCE_NAME a string was expected, not an object");
  auto map = api->config_map("azure-arc", "azure-clusterconfig");
  ASSERT_TRUE(map.ok()) << outcome(map);
  ASSERT_TRUE(map->has_value());
  EXPECT_EQ((*map)->data.at("PORT"), "8080");
}

TEST_F(KubeClientShapes, AStatusOfOddTypesKeepsTheHttpErrorAndQuotesTheBody) {
  // Already an error: the shape of its Status must not replace it, only lose its words.
  test::ScriptedTransport server;
  server.answer(403, R"({"kind": "Status", "reason": "Forbidden", "message": 7})");
  auto got = scripted(server)->get("/api/v1/nodes");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, KubeApiError::Kind::http);
  EXPECT_EQ(got.error().exit_code(), ExitCode::auth);
  EXPECT_EQ(got.error().reason, "");
  EXPECT_THAT(got.error().message, HasSubstr(R"("message": 7)"));
}

TEST_F(KubeClientShapes, ListStillBringsEveryItemAsItWas) {
  test::ScriptedTransport server;
  server.answer(200, R"({"items": [{"metadata": {"name": "a"}, "extra": [1, 2]}], "metadata": {"continue": "t"}})");
  server.answer(200, R"({"items": [{"metadata": {"name": "b"}}]})");
  auto items = scripted(server, 1)->list("/api/v1/nodes");
  ASSERT_TRUE(items.ok()) << outcome(items);
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0]["extra"], json::array({1, 2}));
  EXPECT_EQ((*items)[1]["metadata"]["name"], "b");
}

}  // namespace
}  // namespace azureml::kube
