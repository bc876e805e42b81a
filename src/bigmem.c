/* bigmem.c - large blocks in transparent huge pages (see bigmem.h). A
 * region is address space reserved once (MAP_NORESERVE: only what is
 * touched counts) and handed out from its start; madvise(MADV_HUGEPAGE)
 * asks for 2 MB pages, one fault each instead of 512, where THP is
 * "always" or "madvise" (Debian's default). Where it is "never" the pages
 * are ordinary ones and nothing is lost. Address space is not reused: a
 * block given back returns the whole pages inside it to the system at
 * once (MADV_DONTNEED splits a huge page), so that the hyphenation
 * automaton's scaffolding does not stay resident, and a region goes back
 * whole when its last block does. */
#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"

struct bigmem {
	unsigned char *base;	/* 2 MB aligned */
	void *map;		/* the mapping, for munmap */
	size_t mapped, size, used;
	size_t live;		/* blocks handed out and not given back */
	struct bigmem *next;
};

#define HUGE_PAGE ((size_t)2 << 20)
#define PAGE ((size_t)4096)
/* Each block in a region starts with its size, in a header that keeps the
 * block aligned for any type. */
#define HEADER ((size_t)64)
#define REGION_SIZE ((size_t)16 << 20)

#if defined(__SANITIZE_ADDRESS__)
#define BIGMEM_MALLOC_ONLY 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BIGMEM_MALLOC_ONLY 1
#endif
#endif

static struct bigmem *regions;

/* A block of want bytes in a region, or NULL when none can be mapped. */
static void *
region_alloc(size_t want, struct bigmem **owner)
{
#ifdef BIGMEM_MALLOC_ONLY
	(void)want;
	(void)owner;
	return NULL;
#else
	struct bigmem *g;
	size_t size;
	void *m;

	for (g = regions; g != NULL; g = g->next)
		if (g->size - g->used >= want)
			break;
	if (g == NULL) {
		if (want > SIZE_MAX - 2 * HUGE_PAGE)
			return NULL;
		size = want > REGION_SIZE ? (want + HUGE_PAGE - 1) &
		    ~(HUGE_PAGE - 1) : REGION_SIZE;
		m = mmap(NULL, size + HUGE_PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (m == MAP_FAILED)
			return NULL;
		if ((g = malloc(sizeof *g)) == NULL) {
			munmap(m, size + HUGE_PAGE);
			return NULL;
		}
		g->map = m;
		g->mapped = size + HUGE_PAGE;
		g->base = (unsigned char *)(((uintptr_t)m + HUGE_PAGE - 1) &
		    ~(uintptr_t)(HUGE_PAGE - 1));
		g->size = size;
		g->used = 0;
		g->live = 0;
#ifdef MADV_HUGEPAGE
		madvise(g->base, g->size, MADV_HUGEPAGE);
#endif
		g->next = regions;
		regions = g;
	}
	g->live++;
	g->used += want;
	*owner = g;
	return g->base + g->used - want;
#endif
}

void *
bigmem_alloc(size_t size, struct bigmem **owner)
{
	size_t want = HEADER + (((size ? size : 1) + 63) & ~(size_t)63);
	unsigned char *p;

	*owner = NULL;
	if (want < size)
		arena_oom();
	if ((p = region_alloc(want, owner)) != NULL) {
		memcpy(p, &want, sizeof want);
		return p + HEADER;
	}
	return xmalloc(size ? size : 1);
}

void
bigmem_free(void *p, struct bigmem *owner)
{
	struct bigmem **q;

	if (p == NULL)
		return;
	if (owner == NULL) {
		free(p);
		return;
	}
	if (--owner->live > 0) {
		unsigned char *b = (unsigned char *)p - HEADER;
		uintptr_t lo, hi;
		size_t want;

		memcpy(&want, b, sizeof want);
		lo = ((uintptr_t)b + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
		hi = ((uintptr_t)b + want) & ~(uintptr_t)(PAGE - 1);
		if (hi > lo)
			madvise((void *)lo, hi - lo, MADV_DONTNEED);
		return;
	}
	for (q = &regions; *q != owner; q = &(*q)->next)
		continue;
	*q = owner->next;
	munmap(owner->map, owner->mapped);
	free(owner);
}
