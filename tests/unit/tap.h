/* tap.h - the unit tests' one helper, included by each tests/unit/test_*.c:
 * ok() prints "ok N - what" or "not ok N - what" (TAP, which tests/run
 * counts) and counts the failures; main returns failed != 0. */
#ifndef PLANC_TAP_H
#define PLANC_TAP_H

#include <stdio.h>

static int n, failed;

static inline void
ok(int cond, const char *what)
{
	n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, what);
	if (!cond)
		failed++;
}

#endif
