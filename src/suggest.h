/* suggest.h - "did you mean": the nearest candidate to a misspelt word by
 * edit distance, with a limit that grows with the word's length. */
#ifndef PLANC_SUGGEST_H
#define PLANC_SUGGEST_H

#include <stddef.h>

struct suggest {
	const char *word;
	const char *best;	/* NULL until a candidate is close enough */
	size_t dist;
	size_t limit;
};

void suggest_init(struct suggest *s, const char *word);

/* Considers cand; keeps it if it is nearer than the best so far (ties keep
 * the first offered, so results do not depend on hash order if candidates
 * are offered in document order). */
void suggest_offer(struct suggest *s, const char *cand);

#endif
