/*
 * A minimal unit-test harness: each tests/unit/test_*.c is one program whose
 * main() calls GATE_RUN for each test; CHECK records a failure with its
 * location and goes on. The program prints "N passed, N failed" and exits
 * non-zero when anything failed. A helper that cannot go on (a git command
 * that failed) calls unit_abort: the running test fails and the next one
 * starts.
 */
#ifndef RISKGATE_TESTS_UNIT_H
#define RISKGATE_TESTS_UNIT_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_passed, unit_failed, unit_current_failed;
static jmp_buf unit_abort_point;
static int unit_running; /* unit_abort_point is set */

/* Ends the running test as failed (outside a test: the program). */
static inline void unit_abort(void)
{
	if (!unit_running)
		exit(1);
	longjmp(unit_abort_point, 1);
}

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			unit_current_failed = 1;                                                   \
		}                                                                                  \
	} while (0)

#define CHECK_STR(a, b)                                                                            \
	do {                                                                                       \
		const char *unit_a_ = (a), *unit_b_ = (b);                                         \
		if (!unit_a_ || !unit_b_ || strcmp(unit_a_, unit_b_) != 0) {                       \
			fprintf(stderr, "%s:%d: expected \"%s\", got \"%s\" (%s)\n", __FILE__,     \
				__LINE__, unit_b_ ? unit_b_ : "(null)",                            \
				unit_a_ ? unit_a_ : "(null)", #a);                                 \
			unit_current_failed = 1;                                                   \
		}                                                                                  \
	} while (0)

#define GATE_RUN(fn)                                                                               \
	do {                                                                                       \
		unit_current_failed = 0;                                                           \
		unit_running = 1;                                                                  \
		if (setjmp(unit_abort_point) == 0)                                                 \
			fn();                                                                      \
		else                                                                               \
			unit_current_failed = 1;                                                   \
		unit_running = 0;                                                                  \
		if (unit_current_failed) {                                                         \
			unit_failed++;                                                             \
			fprintf(stderr, "FAIL %s\n", #fn);                                         \
		} else {                                                                           \
			unit_passed++;                                                             \
		}                                                                                  \
	} while (0)

#define GATE_UNIT_DONE(name)                                                                       \
	(printf("%s: %d passed, %d failed\n", (name), unit_passed, unit_failed),                   \
	 unit_failed ? 1 : 0)

#endif
