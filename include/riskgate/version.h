/* The version of riskgate, and of the libraries it runs with. */
#ifndef RISKGATE_VERSION_H
#define RISKGATE_VERSION_H

#define GATE_VERSION "0.1.0"

typedef void (*gate_version_line_fn)(void *payload, const char *library, const char *version);

/*
 * Calls `fn` once for each library riskgate is linked with — libgit2,
 * PCRE2, cJSON and libcrypto, in that order — with the version the library
 * reports of itself at run time.
 */
void gate_version_libraries(gate_version_line_fn fn, void *payload);

#endif
