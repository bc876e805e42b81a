/* arena.h - one bump allocator per compilation: everything the model and
 * layout allocate lives until arena_free(), so no object needs its own free.
 *
 * How arrays grow without leaving copies behind (issue 15): an array that
 * is the last allocation of its arena's current block grows in place, so
 * an array filled without other allocations of the same arena in between
 * (a page's pieces in the layout's page arena, a line's pieces) never
 * leaves an old copy. A part of the work that allocates a lot and keeps
 * little uses an arena of its own and frees it (the activity table's rows,
 * a paragraph's breaker); storage that lives as long as another arena but
 * should not be interleaved with it is a child arena (arena_child), freed
 * with its parent. Old copies are never reused: a pointer kept to an
 * array's old storage stays valid (the layout's trial runs rely on it). */
#ifndef PLANC_ARENA_H
#define PLANC_ARENA_H

#include <stddef.h>
#include <string.h>

struct arena;

/* A new, empty arena. Never returns NULL: out of memory ends the program
 * (see arena_oom). Free it with arena_free(). */
struct arena *arena_new(void);

/* A new, empty arena whose storage is freed by arena_free(parent), never
 * on its own: a second bump region for arrays that grow in place best
 * when nothing else is allocated between their pushes. */
struct arena *arena_child(struct arena *parent);

/* Frees every block the arena handed out, its children's too, then the
 * arena itself. NULL is ok. Not for a child arena. */
void arena_free(struct arena *a);

/* size bytes, zeroed, aligned for any type. Owned by the arena. */
void *arena_alloc(struct arena *a, size_t size);

/* The same, not zeroed: for callers that write every byte they read
 * (strings, copies, arrays filled up to their count). */
void *arena_alloc_uninit(struct arena *a, size_t size);

/* Copies of strings, NUL-terminated, owned by the arena. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* printf into an arena string. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Growable array in an arena: *items (of elem bytes each) grows to hold at
 * least need elements; *cap is updated. The first *cap elements keep their
 * values; the slots past the old capacity are NOT zeroed (ARENA_PUSH
 * zeroes the one it hands out). In place when *items is the last
 * allocation of the arena's current block and the block has room; else
 * the old storage is left to the arena (still readable, never reused). */
void arena_grow(struct arena *a, void **items, size_t *cap, size_t need,
    size_t elem);

/* Gives back the tail of the last allocation of the arena's current block:
 * p, allocated (or grown to) old bytes, keeps only new bytes, and the next
 * allocation begins after them. Nothing happens when p is not that last
 * allocation. For an array that is full (a finished page's pieces): its
 * doubling's unused slots are not kept. */
void arena_trim(struct arena *a, void *p, size_t old, size_t new);

/* Append one element: ARENA_PUSH(a, arr, n, cap) yields a pointer to the new,
 * zeroed slot arr[n-1]. */
#define ARENA_PUSH(a, arr, n, cap) \
	(arena_grow((a), (void **)&(arr), &(cap), (n) + 1, sizeof *(arr)), \
	 memset(&(arr)[(n)], 0, sizeof *(arr)), \
	 &(arr)[(n)++])

/* The single place that gives up when memory runs out: prints a message and
 * exits with status 2 (a failure that is not the plan's fault). */
void arena_oom(void) __attribute__((noreturn));

/* malloc/realloc that end the program through arena_oom() instead of
 * returning NULL; for the few buffers that outlive or precede an arena. */
void *xmalloc(size_t size);
void *xrealloc(void *p, size_t size);

/* Allocation-failure injection for the test binary only (built with
 * -DPLANC_FAULT_INJECTION, see arena.c): ARENA_FAULT(kind) is nonzero when
 * this allocation of that kind is the one to fail. In planc itself it is the
 * constant 0 and costs nothing. */
enum arena_fault_kind {
	ARENA_FAULT_PLANC,	/* xmalloc, xrealloc, arena blocks */
	ARENA_FAULT_HYPHEN,	/* libhyphen's hnj_malloc, hnj_realloc */
	ARENA_FAULT_COUNT
};
#ifdef PLANC_FAULT_INJECTION
int arena_fault(enum arena_fault_kind kind);
#define ARENA_FAULT(kind) arena_fault(kind)
#else
#define ARENA_FAULT(kind) 0
#endif

#endif
