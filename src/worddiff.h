/* worddiff.h - the shortest edit between two sequences of tokens (words and
 * punctuation of prose, items of a list), for planc diff. Near-linear on
 * long texts with few changes; never quadratic in time or memory. */
#ifndef PLANC_WORDDIFF_H
#define PLANC_WORDDIFF_H

#include <stddef.h>

struct arena;

/* A token: a slice of some text. Tokens compare by their bytes. */
struct token {
	const char *s;
	size_t len;
	int space_before;	/* the text had a space before it */
};

/* Splits text into words, single punctuation characters and markup marks
 * ("**", "[^id]", "[@id]"), dropping whitespace (remembered as
 * space_before). *n gets the count; the array lives in a. */
struct token *worddiff_tokens(struct arena *a, const char *text, size_t len,
    size_t *n);

enum edit_op {
	EDIT_SAME,
	EDIT_DELETE,		/* in a only */
	EDIT_INSERT,		/* in b only */
	EDIT_OP_COUNT
};

/* A run of tokens: a[a0..a0+n) for SAME and DELETE, b[b0..b0+n) for SAME
 * and INSERT. */
struct edit {
	enum edit_op op;
	size_t a0, b0, n;
};

/* The edits that turn a into b, in order, runs merged; *nedits gets the
 * count; the array lives in a. Minimal (Myers) while the edit distance is
 * small; for texts that differ a lot, anchored on tokens that occur once in
 * each (patience), so the time stays near-linear. */
struct edit *worddiff(struct arena *ar, const struct token *a, size_t na,
    const struct token *b, size_t nb, size_t *nedits);

/* The longest run of v[0..n) that increases strictly, as the indexes of
 * its elements in order, written to out (room for n); returns its length.
 * O(n log n); scratch in ar. Patience anchors use it, and so does diff
 * for entities that kept their order. */
size_t worddiff_increasing(struct arena *ar, const size_t *v, size_t n,
    size_t *out);

#endif
