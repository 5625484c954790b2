/*
 * riskgate reads repositories from disk and opens no connection through
 * libgit2. Yet libgit2 built with mbedTLS (as Debian builds it) parses the
 * system's whole CA bundle in git_libgit2_init, for connections it might
 * make later: 54 M instructions, about 10 ms, on every run and every push
 * (docs/performance.md). These two definitions take the place of mbedTLS's
 * for this process, so no certificate is loaded: libgit2 notes that none
 * was and goes on. Were a connection ever made through libgit2, it would
 * have no trusted certificate and fail; nothing is trusted that was not.
 * With libgit2 built on another TLS library nothing calls them.
 */
#include "riskgate/banned.h"

#include "cmd.h"

/* MBEDTLS_ERR_X509_FILE_IO_ERROR: "read or write of file failed". */
#define NOTLS_FILE_IO_ERROR (-0x2900)

int mbedtls_x509_crt_parse_file(void *chain, const char *path);
int mbedtls_x509_crt_parse_path(void *chain, const char *path);

int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return NOTLS_FILE_IO_ERROR;
}

int mbedtls_x509_crt_parse_path(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return NOTLS_FILE_IO_ERROR;
}
