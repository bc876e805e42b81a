/* test_arena.c - the arena's growth without copies (issue 15): an array
 * that is the last allocation grows in place, a trimmed array gives its
 * tail to the next allocation, ARENA_PUSH hands out zeroed slots although
 * the arena no longer zeroes what it grows, old storage stays readable,
 * and a child arena is freed with its parent (ASan's leak check). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "tap.h"

struct item {
	double x;
	int k;
};

int
main(void)
{
	struct arena *a = arena_new(), *c;
	struct item *v = NULL, *first, *old;
	size_t nv = 0, cap = 0, i, capold;
	int zeroed = 1, kept = 1;
	char *p, *q;
	int *w = NULL, *grown;
	size_t nw = 0, capw = 0;

	/* One array pushed with nothing else in between: it never moves. */
	ARENA_PUSH(a, v, nv, cap)->k = 0;
	first = v;
	for (i = 1; i < 1000; i++) {
		struct item *it = ARENA_PUSH(a, v, nv, cap);

		if (it->x != 0 || it->k != 0)
			zeroed = 0;
		it->k = (int)i;
	}
	ok(v == first, "an array alone in its block grows in place");
	for (i = 0; i < nv; i++)
		if (v[i].k != (int)i)
			kept = 0;
	ok(kept, "growing in place keeps the elements");
	ok(zeroed, "ARENA_PUSH hands out zeroed slots");

	/* Another allocation after it: the next growth moves it, and the
	 * old storage stays as it was (a trial run's snapshot reads it). */
	old = v;
	capold = cap;
	(void)arena_alloc(a, 16);
	for (i = nv; i <= capold; i++)
		ARENA_PUSH(a, v, nv, cap)->k = (int)i;
	ok(v != old, "an array that is not the last allocation moves");
	ok(old[999].k == 999 && v[999].k == 999,
	    "the old storage stays readable");

	/* Trimming gives the unused tail to the next allocation. */
	for (i = 0; i < 2; i++)
		*ARENA_PUSH(a, w, nw, capw) = (int)i;
	ok(capw == 8, "eight slots to begin with");
	arena_trim(a, w, capw * sizeof *w, nw * sizeof *w);
	p = arena_alloc_uninit(a, 1);
	ok(p < (char *)(w + capw), "the trimmed tail is allocated next");
	grown = w;
	capw = nw;
	*ARENA_PUSH(a, w, nw, capw) = 2;
	ok(w != grown && w[0] == 0 && w[1] == 1 && w[2] == 2,
	    "a trimmed array that grows again moves, whole");
	q = arena_alloc(a, 64);
	for (i = 0; i < 64; i++)
		if (q[i] != 0)
			zeroed = 0;
	ok(zeroed, "arena_alloc still zeroes");

	/* A child: its own blocks, freed with the parent. */
	c = arena_child(a);
	p = arena_strdup(c, "child");
	ok(strcmp(p, "child") == 0, "a child arena allocates");
	(void)arena_alloc(c, 3 * 1024 * 1024);
	arena_free(a);
	ok(1, "the parent frees its child (no leak under ASan)");
	printf("1..%d\n", n);
	return failed != 0;
}
