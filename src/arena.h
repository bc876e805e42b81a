/* arena.h - one bump allocator per compilation: everything the model and
 * layout allocate lives until arena_free(), so no object needs its own free. */
#ifndef PLANC_ARENA_H
#define PLANC_ARENA_H

#include <stddef.h>

struct arena;

/* A new, empty arena. Never returns NULL: out of memory ends the program
 * (see arena_oom). Free it with arena_free(). */
struct arena *arena_new(void);

/* Frees every block the arena handed out, then the arena itself. NULL is ok. */
void arena_free(struct arena *a);

/* size bytes, zeroed, aligned for any type. Owned by the arena. */
void *arena_alloc(struct arena *a, size_t size);

/* Copies of strings, NUL-terminated, owned by the arena. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* printf into an arena string. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Growable array in an arena: *items (of elem bytes each) grows to hold at
 * least need elements; *cap is updated. Old storage is left to the arena. */
void arena_grow(struct arena *a, void **items, size_t *cap, size_t need,
    size_t elem);

/* Append one element: ARENA_PUSH(a, arr, n, cap) yields a pointer to the new,
 * zeroed slot arr[n-1]. */
#define ARENA_PUSH(a, arr, n, cap) \
	(arena_grow((a), (void **)&(arr), &(cap), (n) + 1, sizeof *(arr)), \
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
