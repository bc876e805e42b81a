/* worddiff.c - the edit between two token sequences (see worddiff.h):
 * common ends trimmed, then Myers' O((N+M)D) greedy algorithm while the
 * distance D is small, and for texts far apart patience anchors (tokens
 * that occur once on each side, in increasing order on both) that cut the
 * problem into smaller ones. */
#include "worddiff.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"

/* ---- tokens ---- */

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Punctuation is a token of its own, so that "beter." and "beter," share
 * the word. An apostrophe and a hyphen stay inside words (regio's,
 * onderwijs-zorg-jeugd). */
static int
is_punct(unsigned char c)
{
	return c != '\0' && strchr(".,;:!?()[]{}\"*/", c) != NULL;
}

struct token *
worddiff_tokens(struct arena *a, const char *s, size_t len, size_t *n)
{
	struct token *t = NULL;
	size_t i = 0, j, cap = 0;
	int space = 0;

	*n = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		struct token *k;

		if (is_space(c)) {
			space = 1;
			i++;
			continue;
		}
		j = i + 1;
		if (c == '[' && i + 1 < len && (s[i + 1] == '^' ||
		    s[i + 1] == '@')) {
			/* A footnote mark or a reference is one token. */
			while (j < len && s[j] != ']' && !is_space(
			    (unsigned char)s[j]))
				j++;
			if (j < len && s[j] == ']')
				j++;
		} else if (c == '*') {
			while (j < len && s[j] == '*')
				j++;
		} else if (c == '\\' && i + 1 < len) {
			j = i + 2;	/* an escaped markup character */
		} else if (!is_punct(c)) {
			while (j < len && !is_space((unsigned char)s[j]) &&
			    !is_punct((unsigned char)s[j]) && s[j] != '\\')
				j++;
		}
		k = ARENA_PUSH(a, t, *n, cap);
		k->s = s + i;
		k->len = j - i;
		k->space_before = space;
		space = 0;
		i = j;
	}
	return t;
}

/* ---- edits ---- */

struct differ {
	struct arena *ar;
	const struct token *a, *b;
	struct edit *edits;
	size_t n, cap;
};

static int
same(const struct token *x, const struct token *y)
{
	return x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

static void
emit(struct differ *d, enum edit_op op, size_t a0, size_t b0, size_t n)
{
	struct edit *last = d->n > 0 ? &d->edits[d->n - 1] : NULL;

	if (n == 0)
		return;
	if (last != NULL && last->op == op &&
	    (op == EDIT_INSERT || last->a0 + last->n == a0) &&
	    (op == EDIT_DELETE || last->b0 + last->n == b0)) {
		last->n += n;
		return;
	}
	last = ARENA_PUSH(d->ar, d->edits, d->n, d->cap);
	last->op = op;
	last->a0 = a0;
	last->b0 = b0;
	last->n = n;
}

/* The largest distance Myers is run to before the problem is cut by
 * anchors instead: its time is (N+M)D and its trace D^2. */
#define MYERS_MAX_D 400

/* Myers' greedy algorithm on a[a0..a1) and b[b0..b1), both non-empty and
 * with no common first or last token. Emits the edits and returns 0, or
 * returns -1 without emitting if the distance is beyond MYERS_MAX_D. */
static int
myers(struct differ *d, size_t a0, size_t a1, size_t b0, size_t b1)
{
	long n = (long)(a1 - a0), m = (long)(b1 - b0), max = n + m, dd, k, x, y;
	long off, width, found = -1, *v, *trace;
	struct edit *rev = NULL;
	size_t nrev = 0, caprev = 0, i;

	if (max > MYERS_MAX_D)
		max = MYERS_MAX_D;
	width = 2 * max + 3;
	off = max + 1;
	v = calloc((size_t)width, sizeof *v);
	trace = malloc((size_t)(max + 1) * (size_t)width * sizeof *trace);
	if (v == NULL || trace == NULL)
		arena_oom();
	for (dd = 0; dd <= max && found < 0; dd++) {
		for (k = -dd; k <= dd; k += 2) {
			if (k == -dd || (k != dd && v[off + k - 1] <
			    v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < n && y < m && same(&d->a[a0 + (size_t)x],
			    &d->b[b0 + (size_t)y]))
				x++, y++;
			v[off + k] = x;
			if (x >= n && y >= m) {
				found = dd;
				break;
			}
		}
		memcpy(trace + dd * width, v, (size_t)width * sizeof *v);
	}
	if (found < 0) {
		free(v);
		free(trace);
		return -1;
	}
	/* Walk back through the trace, collecting the edits in reverse. */
	x = n;
	y = m;
	for (dd = found; dd > 0; dd--) {
		long *pv = trace + (dd - 1) * width, px, py, pk;
		struct edit *e;

		k = x - y;
		if (k == -dd || (k != dd && pv[off + k - 1] < pv[off + k + 1]))
			pk = k + 1;
		else
			pk = k - 1;
		px = pv[off + pk];
		py = px - pk;
		/* the snake after the step */
		if (x - (pk == k + 1 ? px : px + 1) > 0) {
			e = ARENA_PUSH(d->ar, rev, nrev, caprev);
			e->op = EDIT_SAME;
			e->n = (size_t)(x - (pk == k + 1 ? px : px + 1));
			e->a0 = a0 + (size_t)x - e->n;
			e->b0 = b0 + (size_t)y - e->n;
		}
		e = ARENA_PUSH(d->ar, rev, nrev, caprev);
		e->n = 1;
		if (pk == k + 1) {	/* down: an insertion of b[py] */
			e->op = EDIT_INSERT;
			e->a0 = a0 + (size_t)px;
			e->b0 = b0 + (size_t)py;
		} else {		/* right: a deletion of a[px] */
			e->op = EDIT_DELETE;
			e->a0 = a0 + (size_t)px;
			e->b0 = b0 + (size_t)py;
		}
		x = px;
		y = py;
	}
	if (x > 0) {		/* the snake at d = 0 */
		struct edit *e = ARENA_PUSH(d->ar, rev, nrev, caprev);

		e->op = EDIT_SAME;
		e->n = (size_t)x;
		e->a0 = a0;
		e->b0 = b0;
	}
	for (i = nrev; i > 0; i--)
		emit(d, rev[i - 1].op, rev[i - 1].a0, rev[i - 1].b0,
		    rev[i - 1].n);
	free(v);
	free(trace);
	return 0;
}

/* ---- patience anchors ---- */

size_t
worddiff_increasing(struct arena *ar, const size_t *v, size_t n, size_t *out)
{
	size_t *tails = arena_alloc(ar, (n + 1) * sizeof *tails);
	size_t *prev = arena_alloc(ar, (n + 1) * sizeof *prev);
	size_t i, j, lo, hi, mid, len = 0;

	/* Patience sorting: tails[k] ends the best run of length k + 1. */
	for (i = 0; i < n; i++) {
		lo = 0;
		hi = len;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (v[tails[mid]] < v[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tails[lo - 1] : (size_t)-1;
		tails[lo] = i;
		if (lo == len)
			len++;
	}
	for (i = len, j = len ? tails[len - 1] : 0; i > 0; i--) {
		out[i - 1] = j;
		j = prev[j];
	}
	return len;
}

static size_t
hash_token(const struct token *t)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < t->len; i++)
		h = (h ^ (unsigned char)t->s[i]) * 16777619u;
	return h;
}

struct slot {
	const struct token *t;
	size_t na, nb;		/* occurrences on each side */
	size_t ia, ib;		/* where (when it occurs once) */
};

/* Anchors of a[a0..a1) and b[b0..b1): the longest increasing run (in both
 * sequences) of tokens that occur exactly once on each side. Returns how
 * many, their a and b indexes in *ia, *ib (arena). */
static size_t
anchors(struct differ *d, size_t a0, size_t a1, size_t b0, size_t b1,
    size_t **ia, size_t **ib)
{
	size_t cap = 1, i, j, n = 0, len;
	struct slot *tab;
	size_t *pa, *pb, *keep;

	while (cap < 2 * ((a1 - a0) + (b1 - b0)))
		cap *= 2;
	tab = calloc(cap, sizeof *tab);
	if (tab == NULL)
		arena_oom();
	for (i = a0; i < a1; i++) {
		for (j = hash_token(&d->a[i]) & (cap - 1); tab[j].t != NULL &&
		    !same(tab[j].t, &d->a[i]); j = (j + 1) & (cap - 1))
			;
		tab[j].t = &d->a[i];
		tab[j].na++;
		tab[j].ia = i;
	}
	for (i = b0; i < b1; i++) {
		for (j = hash_token(&d->b[i]) & (cap - 1); tab[j].t != NULL &&
		    !same(tab[j].t, &d->b[i]); j = (j + 1) & (cap - 1))
			;
		if (tab[j].t == NULL)
			tab[j].t = &d->b[i];
		tab[j].nb++;
		tab[j].ib = i;
	}
	/* The unique pairs in b's order, then the longest run increasing in
	 * a (patience sorting: O(n log n)). */
	pa = arena_alloc(d->ar, (b1 - b0 + 1) * sizeof *pa);
	pb = arena_alloc(d->ar, (b1 - b0 + 1) * sizeof *pb);
	for (i = b0; i < b1; i++) {
		for (j = hash_token(&d->b[i]) & (cap - 1);
		    !same(tab[j].t, &d->b[i]); j = (j + 1) & (cap - 1))
			;
		if (tab[j].na == 1 && tab[j].nb == 1) {
			pa[n] = tab[j].ia;
			pb[n++] = i;
		}
	}
	free(tab);
	keep = arena_alloc(d->ar, (n + 1) * sizeof *keep);
	len = worddiff_increasing(d->ar, pa, n, keep);
	*ia = arena_alloc(d->ar, (len + 1) * sizeof **ia);
	*ib = arena_alloc(d->ar, (len + 1) * sizeof **ib);
	for (i = 0; i < len; i++) {
		(*ia)[i] = pa[keep[i]];
		(*ib)[i] = pb[keep[i]];
	}
	return len;
}

/* Deeper than this, a region is taken as replaced whole: the anchors of
 * each level cut it, so the depth stays small on real texts. */
#define MAX_DEPTH 48

static void
diff_range(struct differ *d, size_t a0, size_t a1, size_t b0, size_t b1,
    int depth)
{
	size_t pre = 0, suf = 0, k, na, *ia, *ib;

	while (a0 + pre < a1 && b0 + pre < b1 &&
	    same(&d->a[a0 + pre], &d->b[b0 + pre]))
		pre++;
	emit(d, EDIT_SAME, a0, b0, pre);
	a0 += pre;
	b0 += pre;
	while (a1 - suf > a0 && b1 - suf > b0 &&
	    same(&d->a[a1 - suf - 1], &d->b[b1 - suf - 1]))
		suf++;
	a1 -= suf;
	b1 -= suf;
	if (a0 == a1 || b0 == b1) {
		emit(d, EDIT_DELETE, a0, b0, a1 - a0);
		emit(d, EDIT_INSERT, a1, b0, b1 - b0);
	} else if (myers(d, a0, a1, b0, b1) == 0) {
		;
	} else if (depth < MAX_DEPTH &&
	    (na = anchors(d, a0, a1, b0, b1, &ia, &ib)) > 0) {
		for (k = 0; k < na; k++) {
			diff_range(d, a0, ia[k], b0, ib[k], depth + 1);
			emit(d, EDIT_SAME, ia[k], ib[k], 1);
			a0 = ia[k] + 1;
			b0 = ib[k] + 1;
		}
		diff_range(d, a0, a1, b0, b1, depth + 1);
	} else {
		emit(d, EDIT_DELETE, a0, b0, a1 - a0);
		emit(d, EDIT_INSERT, a1, b0, b1 - b0);
	}
	emit(d, EDIT_SAME, a1, b1, suf);
}

struct edit *
worddiff(struct arena *ar, const struct token *a, size_t na,
    const struct token *b, size_t nb, size_t *nedits)
{
	struct differ d;

	memset(&d, 0, sizeof d);
	d.ar = ar;
	d.a = a;
	d.b = b;
	diff_range(&d, 0, na, 0, nb, 0);
	*nedits = d.n;
	return d.edits;
}
