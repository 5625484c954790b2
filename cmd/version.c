/* `riskgate version`: prints the version. */
#include "riskgate/banned.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "riskgate/classify.h"
#include "riskgate/signature.h"
#include "riskgate/version.h"

static void print_library(void *payload, const char *library, const char *version)
{
	(void)payload;
	printf("%s %s\n", library, version);
}

int cmd_version(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: riskgate version\n       riskgate --version\n\n"
		       "Prints riskgate's version; the versions of libgit2, PCRE2, cJSON and\n"
		       "libcrypto it runs with, as each library reports its own; and the OpenPGP\n"
		       "and prefilter libraries it was built with.\n");
		return cmd_close_stdout();
	}
	if (argc > 1)
		return cmd_usage_error("version", "unexpected argument '%s'", argv[1]);
	printf("riskgate %s\n", GATE_VERSION);
	gate_version_libraries(print_library, NULL);
	if (gate_signature_openpgp_backend())
		printf("OpenPGP signatures: librnp %s\n", gate_signature_openpgp_backend());
	else if (gate_signature_openpgp_unavailable())
		printf("OpenPGP signatures: librnp cannot be loaded (%s)\n",
		       gate_signature_openpgp_unavailable());
	else
		printf("OpenPGP signatures: not built in (no librnp)\n");
	if (gate_classify_prefilter_backend())
		printf("path classification: Hyperscan %s prefilter, confirmed with PCRE2\n",
		       gate_classify_prefilter_backend());
	else
		printf("path classification: PCRE2 only (no Hyperscan)\n");
	return cmd_close_stdout();
}
