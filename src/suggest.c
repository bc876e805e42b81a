/* suggest.c - picks the "did you mean" candidate for unknown keys and ids. */
#include "suggest.h"

#include <string.h>

#include "utf8.h"

void
suggest_init(struct suggest *s, const char *word)
{
	size_t n = strlen(word);

	s->word = word;
	s->best = NULL;
	/* Short words tolerate one typo, longer ones more; beyond a third of
	 * the word the "suggestion" would be a different word. */
	s->limit = n <= 4 ? 1 : n <= 9 ? 2 : 3;
	s->dist = s->limit + 1;
}

void
suggest_offer(struct suggest *s, const char *cand)
{
	size_t d;

	if (cand == NULL || strcmp(cand, s->word) == 0)
		return;
	d = utf8_distance(s->word, cand, 1, s->dist - 1 < s->limit ?
	    s->dist - 1 : s->limit);
	if (d < s->dist && d <= s->limit) {
		s->dist = d;
		s->best = cand;
	}
}
