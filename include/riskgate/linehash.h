/*
 * The line fingerprint GitHub code scanning computes for a result that has
 * none (`partialFingerprints.primaryLocationLineHash`, docs/report.md,
 * "`--format sarif`, `--sarif FILE`"): a rolling hash over the first 100 characters from
 * the start of the result's line, blanks left out, with a count of how
 * often the same value came before it in the file. riskgate writes it
 * itself, from the blob it evaluated, so that an alert keeps its identity
 * across runs even where the uploader cannot read the file.
 */
#ifndef RISKGATE_LINEHASH_H
#define RISKGATE_LINEHASH_H

#include <stddef.h>

#include "riskgate/error.h"

/* Room for one value: 16 hex digits, ':', a count of up to 20 digits, NUL. */
#define GATE_LINEHASH_MAX 40

/*
 * Computes the fingerprint of each of the `n` lines `lines[i]` (1-based)
 * of the file `buf` (`len` bytes) into out[i], as "HEX:COUNT". A line past
 * the end of the file gets an empty string. The same line may be asked for
 * more than once, in any order. Returns 0, or -1 when out of memory.
 */
int gate_linehash(const char *buf, size_t len, const size_t *lines, size_t n,
		  char (*out)[GATE_LINEHASH_MAX], gate_error *err);

/*
 * The line that `line` (1-based, lines ended by LF, as riskgate counts
 * them) starts in the numbering of the same hash, where a lone CR also ends
 * a line (and a space or tab between CR and LF makes two). The same number
 * in a file without CR.
 */
size_t gate_linehash_line(const char *buf, size_t len, size_t line);

#endif
