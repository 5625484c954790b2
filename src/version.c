/*
 * The versions of the libraries riskgate runs with, as each reports its
 * own at run time (a binary can meet a newer shared library than the one
 * it was built against): `riskgate --version` prints them.
 */
#include "riskgate/banned.h"

#include "riskgate/version.h"

#include <cjson/cJSON.h>
#include <git2.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

void gate_version_libraries(gate_version_line_fn fn, void *payload)
{
	char buf[64];
	int major = 0, minor = 0, rev = 0;

	git_libgit2_version(&major, &minor, &rev);
	snprintf(buf, sizeof(buf), "%d.%d.%d", major, minor, rev);
	fn(payload, "libgit2", buf);
	if (pcre2_config(PCRE2_CONFIG_VERSION, NULL) > 0 &&
	    (size_t)pcre2_config(PCRE2_CONFIG_VERSION, NULL) <= sizeof(buf) &&
	    pcre2_config(PCRE2_CONFIG_VERSION, buf) > 0)
		fn(payload, "PCRE2", buf);
	else
		fn(payload, "PCRE2", "unknown");
	fn(payload, "cJSON", cJSON_Version());
	fn(payload, "libcrypto", OpenSSL_version(OPENSSL_VERSION));
}
