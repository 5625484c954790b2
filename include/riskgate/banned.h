/*
 * Functions that are too easy to misuse on hostile input. Included first by
 * every source file so that a use of one is a compile error, not a review note.
 */
#ifndef RISKGATE_BANNED_H
#define RISKGATE_BANNED_H

/* The system headers come first so that their own (inline) definitions of
 * these functions are not rewritten by the macros below. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GATE_BANNED(fn) sorry_##fn##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) GATE_BANNED(strcpy)
#undef strcat
#define strcat(x, y) GATE_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) GATE_BANNED(strncpy)
#undef sprintf
#define sprintf(...) GATE_BANNED(sprintf)
#undef strtok
#define strtok(x, y) GATE_BANNED(strtok)
#undef atoi
#define atoi(x) GATE_BANNED(atoi)
#undef sscanf
#define sscanf(...) GATE_BANNED(sscanf)
#undef gets
#define gets(x) GATE_BANNED(gets)

#endif
