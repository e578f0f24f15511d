#include "core/http/curl_library.h"

#include <dlfcn.h>

#include <type_traits>

namespace azureml::http {
namespace {

constexpr const char* kSoname = "libcurl.so.4";

}  // namespace

Result<CurlLibrary> load_curl_library(const std::string& soname) {
  CurlLibrary library{};
  void* handle = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    return fail("libcurl could not be loaded (" + (why ? std::string(why) : soname) +
                "); install it (Debian and Ubuntu: apt-get install libcurl4; Fedora: dnf install libcurl)");
  }
  std::string missing;
  // Each pointer from the symbol of the same name; a libcurl older than 7.62 lacks the URL API.
  const auto resolve = [&](auto& function, const char* name) {
    void* symbol = dlsym(handle, name);
    if (!symbol) missing += (missing.empty() ? "" : ", ") + std::string(name);
    function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(symbol);
  };
  resolve(library.global_init, "curl_global_init");
  resolve(library.easy_init, "curl_easy_init");
  resolve(library.easy_cleanup, "curl_easy_cleanup");
  resolve(library.easy_reset, "curl_easy_reset");
  resolve(library.easy_setopt, "curl_easy_setopt");
  resolve(library.easy_perform, "curl_easy_perform");
  resolve(library.easy_getinfo, "curl_easy_getinfo");
  resolve(library.easy_strerror, "curl_easy_strerror");
  resolve(library.slist_append, "curl_slist_append");
  resolve(library.slist_free_all, "curl_slist_free_all");
  resolve(library.url, "curl_url");
  resolve(library.url_cleanup, "curl_url_cleanup");
  resolve(library.url_get, "curl_url_get");
  resolve(library.url_set, "curl_url_set");
  resolve(library.free, "curl_free");
  if (!missing.empty()) {
    dlclose(handle);
    return fail("the libcurl found (" + soname + ") is too old: it has no " + missing +
                "; install libcurl 7.62 or later");
  }
  if (library.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
    return fail(std::string("libcurl could not be initialised"));
  return library;
}

const Result<CurlLibrary>& curl_library() {
  static const Result<CurlLibrary> loaded = load_curl_library(kSoname);
  return loaded;
}

}  // namespace azureml::http
