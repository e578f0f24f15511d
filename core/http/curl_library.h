#pragma once
// libcurl, loaded the first time a transport is made (dlopen) rather than linked. Linking it
// costs every run of the binary about 4 ms, offline verbs included: libcurl's dependency tree
// (OpenLDAP, GnuTLS, Kerberos, libssh2, ... 30 libraries) is mapped, relocated and initialised
// at start-up, which is most of what `version` or `validate` spends. Loaded on first use, an
// offline verb never pays for it, and runs on a machine without libcurl at all.
#include <curl/curl.h>

#include <string>

#include "core/util/result.h"

namespace azureml::http {

// The libcurl functions the transport calls, resolved from libcurl.so.4.
struct CurlLibrary {
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL* handle);
  void (*easy_reset)(CURL* handle);
  CURLcode (*easy_setopt)(CURL* handle, CURLoption option, ...);
  CURLcode (*easy_perform)(CURL* handle);
  CURLcode (*easy_getinfo)(CURL* handle, CURLINFO info, ...);
  const char* (*easy_strerror)(CURLcode code);
  curl_slist* (*slist_append)(curl_slist* list, const char* text);
  void (*slist_free_all)(curl_slist* list);
  CURLU* (*url)();
  void (*url_cleanup)(CURLU* url);
  CURLUcode (*url_get)(const CURLU* url, CURLUPart part, char** text, unsigned int flags);
  CURLUcode (*url_set)(CURLU* url, CURLUPart part, const char* text, unsigned int flags);
  void (*free)(void* pointer);
};

// libcurl loaded and globally initialised, once per process (thread-safe); never unloaded.
// The error says what is missing and how to install it.
const Result<CurlLibrary>& curl_library();

// Loads the library of `soname` and initialises it: what curl_library() does once with
// "libcurl.so.4". For tests of the errors.
Result<CurlLibrary> load_curl_library(const std::string& soname);

}  // namespace azureml::http
