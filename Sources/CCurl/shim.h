// Debian's libcurl (libcurl4-openssl-dev): the SMTP mail transport and the Stripe HTTP client.
//
// curl_easy_setopt and curl_easy_getinfo are variadic, and Swift cannot call variadic C
// functions, so each argument type gets a typed, non-variadic wrapper here. The option
// constants themselves come through as CURLoption enum cases.
#ifndef MARKETMATE_CCURL_SHIM_H
#define MARKETMATE_CCURL_SHIM_H

#include <curl/curl.h>

/// CURL_GLOBAL_DEFAULT is a macro expression Swift does not import.
static inline CURLcode mm_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

/// The size CURLOPT_ERRORBUFFER must have.
static inline size_t mm_curl_error_size(void) {
    return CURL_ERROR_SIZE;
}

static inline CURLcode mm_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mm_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mm_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mm_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*mm_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);
typedef int (*mm_curl_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);

/// CURLOPT_READFUNCTION, CURLOPT_WRITEFUNCTION and friends.
static inline CURLcode mm_curl_setopt_data_callback(CURL *handle, CURLoption option, mm_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

/// CURLOPT_XFERINFOFUNCTION.
static inline CURLcode mm_curl_setopt_progress_callback(CURL *handle, CURLoption option, mm_curl_progress_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode mm_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
