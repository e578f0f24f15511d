#include "tests/fakes/kube_routes.h"

#include <httplib.h>

#include "tests/fakes/kube_discovery.h"
#include "tests/fakes/kube_negotiation.h"
#include "tests/fakes/kube_paging.h"
#include "tests/fakes/kube_path.h"
#include "tests/fakes/kube_resources.h"
#include "tests/fakes/kube_selector.h"
#include "tests/fakes/kube_status.h"
#include "tests/fakes/kube_store.h"
#include "tests/fakes/kube_tables.h"

namespace azureml::fakes {
namespace {

using nlohmann::json;

json not_found_path() {
  return kube_status(404, "NotFound", "the server could not find the requested resource", json::object());
}

std::string query(const httplib::Request& request, const char* name) {
  return request.has_param(name) ? request.get_param_value(name) : std::string{};
}

// A list item as the API server writes it inside a list: without apiVersion and kind (the
// list's kind says them; kubectl fills them back in).
json list_item(json object) {
  object.erase("apiVersion");
  object.erase("kind");
  return object;
}

KubeTableOptions table_options(const httplib::Request& request, const KubeMediaChoice& media,
                               const KubeRouteContext& context) {
  KubeTableOptions options;
  options.version = media.version;
  options.now = context.now;
  if (const std::string include = query(request, "includeObject"); !include.empty()) options.include_object = include;
  return options;
}

void serve_list(const httplib::Request& request, httplib::Response& response, const KubePath& path,
                const KubeMediaChoice& media, const KubeRouteContext& context) {
  const KubeResource& resource = *path.resource;
  std::string error;
  const std::optional<KubeSelector> labels = KubeSelector::parse_labels(query(request, "labelSelector"), error);
  const std::optional<KubeSelector> fields =
      labels ? KubeSelector::parse_fields(query(request, "fieldSelector"), resource, error) : std::nullopt;
  if (!labels || !fields) {
    send_kube_status(response, kube_status(400, "BadRequest", error));
    return;
  }
  std::vector<json> items;
  for (json& object : context.store.list(resource, path.namespace_name)) {
    if (labels->matches(object) && fields->matches(object)) items.push_back(std::move(object));
  }
  const std::optional<KubePage> page = kube_paginate(
      std::move(items), query(request, "limit"), query(request, "continue"), context.store.resource_version(), error);
  if (!page) {
    send_kube_status(response, kube_status(400, "BadRequest", error));
    return;
  }
  json metadata = {{"resourceVersion", page->resource_version}};
  if (!page->continue_token.empty()) metadata["continue"] = page->continue_token;
  if (page->remaining) metadata["remainingItemCount"] = *page->remaining;

  if (media.shape == KubeMediaChoice::Shape::table) {
    send_kube_json(response, 200,
                   kube_table(resource, page->items, std::move(metadata), table_options(request, media, context)),
                   media.content_type);
    return;
  }
  json list_items = json::array();
  for (const json& object : page->items) list_items.push_back(list_item(object));
  send_kube_json(response, 200,
                 {{"kind", std::string(resource.kind) + "List"},
                  {"apiVersion", resource.api_version()},
                  {"metadata", std::move(metadata)},
                  {"items", std::move(list_items)}},
                 media.content_type);
}

void serve_get(const httplib::Request& request, httplib::Response& response, const KubePath& path,
               const KubeMediaChoice& media, const KubeRouteContext& context) {
  const std::optional<json> object = context.store.get(*path.resource, path.namespace_name, path.name);
  if (!object) {
    send_kube_status(response, kube_not_found(*path.resource, path.name));
    return;
  }
  if (media.shape == KubeMediaChoice::Shape::table) {
    const json metadata = {{"resourceVersion", (*object)["metadata"]["resourceVersion"]}};
    send_kube_json(response, 200,
                   kube_table(*path.resource, {*object}, metadata, table_options(request, media, context)),
                   media.content_type);
    return;
  }
  send_kube_json(response, 200, *object, media.content_type);
}

std::string server_address(const httplib::Request& request) {
  const std::string host = request.get_header_value("Host");
  return host.empty() ? request.local_addr + ":" + std::to_string(request.local_port) : host;
}

}  // namespace

bool is_public_kube_path(const std::string& path) {
  const KubePath::Kind kind = parse_kube_path(path).kind;
  return kind == KubePath::Kind::version || kind == KubePath::Kind::health;
}

void serve_kube_request(const httplib::Request& request, httplib::Response& response, const KubeRouteContext& context) {
  const KubePath path = parse_kube_path(request.path);
  if (path.kind == KubePath::Kind::unknown) {
    send_kube_status(response, not_found_path());
    return;
  }
  if (request.method != "GET" && request.method != "HEAD") {
    send_kube_status(response,
                     kube_status(405, "MethodNotAllowed",
                                 "the fake API server serves reads only; " + request.method + " is not supported"));
    return;
  }
  if (path.kind == KubePath::Kind::health) {
    response.status = 200;
    response.set_content("ok", "text/plain; charset=utf-8");
    return;
  }
  const bool is_discovery = path.kind == KubePath::Kind::core_discovery || path.kind == KubePath::Kind::group_discovery;
  const bool is_objects = path.kind == KubePath::Kind::list || path.kind == KubePath::Kind::get;
  const KubeMediaChoice media = negotiate_kube_media(request.get_header_value("Accept"), is_objects,
                                                     is_discovery && context.aggregated_discovery);
  if (!media.acceptable) {
    send_kube_status(
        response, kube_status(406, "NotAcceptable", "only the following media types are accepted: application/json"));
    return;
  }
  if (query(request, "watch") == "true" || query(request, "watch") == "1") {
    send_kube_status(response, kube_status(405, "MethodNotAllowed", "the fake API server does not serve watches"));
    return;
  }
  switch (path.kind) {
    case KubePath::Kind::version:
      send_kube_json(response, 200, kube_version_info(context.server_version));
      return;
    case KubePath::Kind::core_discovery:
    case KubePath::Kind::group_discovery: {
      const bool core = path.kind == KubePath::Kind::core_discovery;
      if (media.shape == KubeMediaChoice::Shape::discovery) {
        send_kube_json(response, 200, kube_aggregated_discovery(core, media.version), media.content_type);
      } else {
        send_kube_json(response, 200, core ? kube_api_versions(server_address(request)) : kube_api_group_list());
      }
      return;
    }
    case KubePath::Kind::resource_list:
      send_kube_json(response, 200, kube_api_resource_list(path.group, path.version));
      return;
    case KubePath::Kind::list:
      serve_list(request, response, path, media, context);
      return;
    case KubePath::Kind::get:
      serve_get(request, response, path, media, context);
      return;
    case KubePath::Kind::health:
    case KubePath::Kind::unknown:
      break;
  }
  send_kube_status(response, not_found_path());
}

}  // namespace azureml::fakes
