/*
 * Fuzz target: git-ai authorship logs (refs/notes/ai notes), with the
 * parser's promises checked on every note it accepts: ranges sorted,
 * disjoint and within 1..2^32-1, line counts that add up, and AI agents
 * only when some line is attributed to AI.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/ainote.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gate_ainote note;
	gate_error err;
	char *text;
	size_t i, k, total = 0;

	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	gate_error_init(&err);
	if (gate_ainote_parse(&note, text, size, &err) == 0) {
		for (i = 0; i < note.nfiles; i++) {
			const gate_ainote_file *f = &note.files[i];
			size_t lines = 0;

			if (!f->nranges || strchr(f->path, '\n'))
				abort();
			for (k = 0; k < f->nranges; k++) {
				if (f->ranges[k].start < 1 ||
				    f->ranges[k].end < f->ranges[k].start ||
				    f->ranges[k].end > 4294967295UL)
					abort();
				if (k && f->ranges[k].start <= f->ranges[k - 1].end + 1)
					abort();
				lines += (size_t)(f->ranges[k].end - f->ranges[k].start + 1);
			}
			if (lines != f->lines)
				abort();
			total += lines;
		}
		if (total != note.lines || gate_ainote_is_ai(&note) != (note.nfiles > 0) ||
		    (note.nagents > 0) != (note.nfiles > 0))
			abort();
	} else if (err.klass != GATE_ERR_INPUT && err.klass != GATE_ERR_NOMEM) {
		abort();
	}
	gate_ainote_dispose(&note);
	free(text);
	return 0;
}
