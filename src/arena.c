/* arena.c - the bump allocator behind every model and layout object, and
 * the one place where running out of memory ends planc. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks start at 64 KiB and double up to 1 MiB as an arena fills: a
 * large compilation makes a few hundred mallocs, not tens of thousands,
 * and the big blocks come straight from mmap (untouched pages cost
 * nothing until written). */
#define BLOCK_MIN (64 * 1024)
#define BLOCK_MAX (1024 * 1024)
#define ALIGN _Alignof(max_align_t)

struct block {
	struct block *next;
	size_t size, used;
	max_align_t data[];
};

struct arena {
	struct block *head;
	size_t next_size;	/* the size of the next ordinary block */
	struct arena *children;	/* arena_child's, freed with this one */
	struct arena *sibling;
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
	a->next_size = BLOCK_MIN;
	a->children = NULL;
	a->sibling = NULL;
	return a;
}

struct arena *
arena_child(struct arena *parent)
{
	struct arena *c = arena_new();

	c->sibling = parent->children;
	parent->children = c;
	return c;
}

static void
free_blocks(struct arena *a)
{
	struct block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
}

void
arena_free(struct arena *a)
{
	struct arena *c, *next;

	if (a == NULL)
		return;
	for (c = a->children; c != NULL; c = next) {
		next = c->sibling;
		arena_free(c);
	}
	free_blocks(a);
	free(a);
}

static size_t
round_up(size_t size)
{
	size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);

	if (need < size)
		arena_oom();
	return need;
}

void *
arena_alloc_uninit(struct arena *a, size_t size)
{
	struct block *b = a->head;
	size_t need = round_up(size);
	void *p;

	if (b == NULL || b->size - b->used < need) {
		size_t bsize = need > a->next_size ? need : a->next_size;
		if (bsize > SIZE_MAX - sizeof *b)
			arena_oom();
		b = xmalloc(sizeof *b + bsize);
		b->size = bsize;
		b->used = 0;
		/* A large request gets its own block behind the current one,
		 * so the current block's free space is not wasted. */
		if (a->head != NULL && need > a->next_size) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
			if (a->next_size < BLOCK_MAX)
				a->next_size *= 2;
		}
	}
	p = (char *)b->data + b->used;
	b->used += need;
	return p;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	void *p = arena_alloc_uninit(a, size);

	memset(p, 0, size);
	return p;
}

void
arena_trim(struct arena *a, void *p, size_t old, size_t new)
{
	struct block *b = a->head;

	if (b == NULL || p == NULL || new > old)
		return;
	old = round_up(old);
	new = round_up(new);
	if ((char *)p + old == (char *)b->data + b->used)
		b->used -= old - new;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_uninit(a, n + 1);
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
	p = arena_alloc_uninit(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_grow(struct arena *a, void **items, size_t *cap, size_t need,
    size_t elem)
{
	struct block *b = a->head;
	size_t ncap, old;
	void *p;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap * 2 : 8;
	while (ncap < need)
		ncap *= 2;
	if (ncap > SIZE_MAX / elem)
		arena_oom();
	/* The last allocation of the current block: the block's free space
	 * lies right after it, and the array extends into it. */
	if (*cap > 0 && b != NULL) {
		old = round_up(*cap * elem);
		if ((char *)*items + old == (char *)b->data + b->used &&
		    b->size - b->used >= round_up(ncap * elem) - old) {
			b->used += round_up(ncap * elem) - old;
			*cap = ncap;
			return;
		}
	}
	p = arena_alloc_uninit(a, ncap * elem);
	if (*cap)
		memcpy(p, *items, *cap * elem);
	*items = p;
	*cap = ncap;
}
