/*
 * Build tool: turns a file on stdin into a C source defining a byte array
 * (NUL-terminated), its length and its SHA-256 (lower-case hex, by the
 * binary's own gate_sha256), so the default policy ships inside the binary
 * and is not hashed again on every run.
 */
#include "riskgate/sha256.h"

#include <stdio.h>

int main(int argc, char **argv)
{
	int c;
	unsigned long n = 0;
	gate_sha256 ctx;
	unsigned char digest[32], byte;
	int i;

	if (argc != 2) {
		fprintf(stderr, "usage: embed NAME < FILE > FILE.c\n");
		return 2;
	}
	printf("/* Generated from the shipped policy; do not edit. */\n");
	printf("#include <stddef.h>\n");
	printf("extern const char %s[];\nextern const size_t %s_len;\n", argv[1], argv[1]);
	printf("extern const char %s_sha256[];\n", argv[1]);
	gate_sha256_init(&ctx);
	printf("const char %s[] = {", argv[1]);
	while ((c = getchar()) != EOF) {
		/* Bytes above 127 do not fit a signed char as they are:
		 * the cast keeps -Werror builds quiet (-Woverflow). */
		printf("%s%s%d", n == 0 ? "\n" : n % 16 ? "," : ",\n", c > 127 ? "(char)" : "", c);
		byte = (unsigned char)c;
		gate_sha256_update(&ctx, &byte, 1);
		n++;
	}
	printf("%s0};\n", n == 0 ? "\n" : n % 16 ? "," : ",\n");
	printf("const size_t %s_len = %lu;\n", argv[1], n);
	gate_sha256_final(&ctx, digest);
	printf("const char %s_sha256[] = \"", argv[1]);
	for (i = 0; i < 32; i++)
		printf("%02x", digest[i]);
	printf("\";\n");
	if (ferror(stdin) || fflush(stdout) != 0)
		return 1;
	return 0;
}
