/* hash.h - FNV-1a, the one hash of planc's own tables (names in check,
 * shaped runs, hyphenated words) and of the subset tags. */
#ifndef PLANC_HASH_H
#define PLANC_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_SEED UINT64_C(14695981039346656037)
#define HASH_PRIME UINT64_C(1099511628211)

/* h (HASH_SEED to begin) carried over the n bytes at p. */
static inline uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * HASH_PRIME;
	return h;
}

#endif
