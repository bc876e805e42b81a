/* arena.c - the bump allocator behind every model and layout object, and
 * the one place where running out of memory ends planc. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_MIN (64 * 1024)
#define ALIGN _Alignof(max_align_t)

struct block {
	struct block *next;
	size_t size, used;
	max_align_t data[];
};

struct arena {
	struct block *head;
};

void
arena_oom(void)
{
	fputs("planc: out of memory\n", stderr);
	exit(2);
}

#ifdef PLANC_FAULT_INJECTION
/* Allocation-failure injection, compiled only into the test binary
 * $BUILD/tests/planc-oom (tests/suites/oom.sh), never into build/planc: an
 * environment variable must not be a way to make the installed binary fail.
 * Like Lua's test allocator, a sweep fails each allocation once in turn.
 *   PLANC_FAIL_ALLOC=N   the Nth call of xmalloc/xrealloc (arena blocks
 *                        included) fails as if malloc returned NULL;
 *   PLANC_FAIL_HYPHEN=N  the same for libhyphen's hnj_malloc/hnj_realloc
 *                        (see hyphen.c), counted apart so that the number
 *                        of planc's own allocation sites stays readable;
 *   either set to 0      fails nothing; at exit stderr gets
 *                        "planc-oom: A allocations, H in libhyphen",
 *                        which tells a sweep its range. */
static struct fault {
	const char *env;
	unsigned long count, at;	/* calls so far; the one to fail */
} faults[ARENA_FAULT_COUNT] = {
	[ARENA_FAULT_PLANC] = { "PLANC_FAIL_ALLOC", 0, 0 },
	[ARENA_FAULT_HYPHEN] = { "PLANC_FAIL_HYPHEN", 0, 0 },
};

static void
fault_report(void)
{
	fprintf(stderr, "planc-oom: %lu allocations, %lu in libhyphen\n",
	    faults[ARENA_FAULT_PLANC].count, faults[ARENA_FAULT_HYPHEN].count);
}

/* Reads the variables once, on the first allocation of any kind. */
static void
fault_init(void)
{
	static int ready;
	int i, report = 0;
	const char *s;

	if (ready)
		return;
	ready = 1;
	for (i = 0; i < ARENA_FAULT_COUNT; i++) {
		if ((s = getenv(faults[i].env)) == NULL)
			continue;
		faults[i].at = strtoul(s, NULL, 10);
		if (faults[i].at == 0)
			report = 1;
	}
	if (report)
		atexit(fault_report);
}

int
arena_fault(enum arena_fault_kind kind)
{
	fault_init();
	return ++faults[kind].count == faults[kind].at;
}
#endif

void *
xmalloc(size_t size)
{
	void *p;

	if (ARENA_FAULT(ARENA_FAULT_PLANC) ||
	    (p = malloc(size ? size : 1)) == NULL)
		arena_oom();
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	if (ARENA_FAULT(ARENA_FAULT_PLANC) ||
	    (p = realloc(p, size ? size : 1)) == NULL)
		arena_oom();
	return p;
}

struct arena *
arena_new(void)
{
	struct arena *a = xmalloc(sizeof *a);
	a->head = NULL;
	return a;
}

void
arena_free(struct arena *a)
{
	struct block *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t size)
{
	struct block *b = a->head;
	size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	void *p;

	if (need < size)
		arena_oom();
	if (b == NULL || b->size - b->used < need) {
		size_t bsize = need > BLOCK_MIN ? need : BLOCK_MIN;
		if (bsize > SIZE_MAX - sizeof *b)
			arena_oom();
		b = xmalloc(sizeof *b + bsize);
		b->size = bsize;
		b->used = 0;
		/* A large request gets its own block behind the current one,
		 * so the current block's free space is not wasted. */
		if (a->head != NULL && need > BLOCK_MIN) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += need;
	memset(p, 0, size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_grow(struct arena *a, void **items, size_t *cap, size_t need,
    size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap * 2 : 8;
	while (ncap < need)
		ncap *= 2;
	if (ncap > SIZE_MAX / elem)
		arena_oom();
	p = arena_alloc(a, ncap * elem);
	if (*cap)
		memcpy(p, *items, *cap * elem);
	*items = p;
	*cap = ncap;
}
