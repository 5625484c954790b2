/*
 * Build tool: turns a file on stdin into a C source defining a byte array
 * (NUL-terminated) and its length, so the default policy ships inside the
 * binary.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	int c;
	unsigned long n = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: embed NAME < FILE > FILE.c\n");
		return 2;
	}
	printf("/* Generated from the shipped policy; do not edit. */\n");
	printf("#include <stddef.h>\n");
	printf("extern const char %s[];\nextern const size_t %s_len;\n", argv[1], argv[1]);
	printf("const char %s[] = {", argv[1]);
	while ((c = getchar()) != EOF) {
		/* Bytes above 127 do not fit a signed char as they are:
		 * the cast keeps -Werror builds quiet (-Woverflow). */
		printf("%s%s%d", n == 0 ? "\n" : n % 16 ? "," : ",\n", c > 127 ? "(char)" : "", c);
		n++;
	}
	printf("%s0};\n", n == 0 ? "\n" : n % 16 ? "," : ",\n");
	printf("const size_t %s_len = %lu;\n", argv[1], n);
	if (ferror(stdin) || fflush(stdout) != 0)
		return 1;
	return 0;
}
