/* segment.c - where each piece of a scalar's value came from: the span of
 * a scalar in its source and the segments that map value offsets back to
 * source lines and columns (see node.h), found by walking the source and
 * the value side by side. */
#include "segment.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"

/* Walks a scalar's source text and its value side by side. Wherever they
 * stop advancing together (a folded line break, an escape, '' in single
 * quotes, the indentation of a block line) a segment starts. Every byte
 * the value gets from the source is compared, so should the two ever
 * disagree, segments stop ("lost") rather than point somewhere wrong;
 * node_pos_at() then stays inside the scalar's span. */
struct walk {
	struct arena *a;
	const char *text;	/* the source */
	struct text_at p;		/* where the walk is in it */
	size_t end;		/* source offset where the scalar's text ends */
	const char *val;	/* the value */
	size_t len, v;		/* its length and the walk's offset in it */
	struct node_seg *segs;
	size_t nsegs, cap;
	size_t run;		/* characters of val since the last segment */
	int lost;
};

/* node_pos_at() counts the characters from a segment's start; a segment
 * at least every SEG_STRIDE characters keeps that short however long a
 * line is, so that a caller asking once per word stays linear. */
#define SEG_STRIDE 128

/* Starts a segment at the current place unless the last one already
 * leads here (same line, one column per character in between). */
static void
mark(struct walk *w)
{
	struct node_seg *sg = w->nsegs ? &w->segs[w->nsegs - 1] : NULL;

	if (w->lost)
		return;
	if (sg != NULL && sg->offset < w->v && sg->line == w->p.line &&
	    w->p.col >= sg->col && (size_t)(w->p.col - sg->col) == w->run &&
	    w->run < SEG_STRIDE)
		return;
	if (sg == NULL || sg->offset != w->v)
		sg = ARENA_PUSH(w->a, w->segs, w->nsegs, w->cap);
	sg->offset = w->v;
	sg->line = w->p.line;
	sg->col = w->p.col;
	w->run = 0;
}

/* The value continues with the n bytes s: step over them, or get lost. */
static int
expect(struct walk *w, const char *s, size_t n)
{
	if (w->lost || w->len - w->v < n || memcmp(w->val + w->v, s, n) != 0) {
		w->lost = 1;
		return 0;
	}
	w->run += utf8_count(s, n);
	w->v += n;
	return 1;
}

/* A line break the value holds: libyaml writes "\n" for CR LF, CR, LF and
 * NEL, and keeps LS and PS as they are. */
static int
expect_break(struct walk *w, const char *brk, size_t k)
{
	return k == 3 ? expect(w, brk, 3) : expect(w, "\n", 1);
}

/* n source bytes that the value holds verbatim. */
static void
copy(struct walk *w, size_t n)
{
	const char *t = w->text;

	while (n > 0 && !w->lost) {
		size_t k = n < SEG_STRIDE ? n : SEG_STRIDE;

		while (k < n && ((unsigned char)t[w->p.off + k] & 0xC0) == 0x80)
			k++;
		if (w->run >= SEG_STRIDE)
			mark(w);
		if (expect(w, t + w->p.off, k))
			text_advance(t, &w->p, k);
		n -= k;
	}
}

/* Line folding in plain and quoted scalars, as libyaml does it: blanks
 * before a break are dropped; the first break becomes a space if no other
 * follows, else each further break becomes "\n"; the next line's leading
 * blanks are dropped. After an escaped break ("\" at the end of a line in
 * double quotes) the first break becomes nothing. The walk stands at the
 * blanks or the break (for an escaped break: just past the backslash). */
static void
fold(struct walk *w, int escaped)
{
	const char *t = w->text;
	size_t k, more = 0;
	int lf;

	while (w->p.off < w->end && text_is_blank(t[w->p.off]))
		text_advance(t, &w->p, 1);
	k = text_break_len(t + w->p.off);
	lf = k != 3;
	if (!escaped && !lf)
		expect(w, t + w->p.off, k);
	text_advance(t, &w->p, k);
	for (;;) {
		while (w->p.off < w->end && text_is_blank(t[w->p.off]))
			text_advance(t, &w->p, 1);
		if (w->p.off >= w->end || (k = text_break_len(t + w->p.off)) == 0)
			break;
		expect_break(w, t + w->p.off, k);
		text_advance(t, &w->p, k);
		more++;
	}
	if (!escaped && lf && more == 0)
		expect(w, " ", 1);
	mark(w);
}

/* An escape in double quotes, "\t" to "\U0001F600": its character maps to
 * the backslash; the text after it starts a new segment. */
static void
escape(struct walk *w)
{
	const char *s = w->text + w->p.off;
	size_t src = 2, vlen = 1, i, hex = 0;
	uint32_t cp = 0;

	switch (s[1]) {
	case 'x':
		hex = 2;
		break;
	case 'u':
		hex = 4;
		break;
	case 'U':
		hex = 8;
		break;
	case 'N':
	case '_':
		vlen = 2;	/* U+0085, U+00A0 */
		break;
	case 'L':
	case 'P':
		vlen = 3;	/* U+2028, U+2029 */
		break;
	default:
		break;
	}
	for (i = 0; i < hex; i++) {
		char c = s[2 + i];
		unsigned dg = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
		    c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
		    c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;

		if (dg == 16) {
			w->lost = 1;
			return;
		}
		cp = cp << 4 | dg;
	}
	if (hex > 0) {
		src += hex;
		vlen = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	}
	if (w->p.off + src > w->end || w->len - w->v < vlen) {
		w->lost = 1;
		return;
	}
	mark(w);
	w->run += utf8_count(w->val + w->v, vlen);
	w->v += vlen;
	text_advance(w->text, &w->p, src);
	mark(w);
}

/* Plain, 'single' and "double" scalars: the walk starts at the first
 * character of the value's text and stops at w->end (the closing quote). */
static void
walk_flow(struct walk *w, enum scalar_style style)
{
	const char *t = w->text;

	mark(w);
	while (!w->lost && w->p.off < w->end) {
		const char *s = t + w->p.off;
		size_t k;

		if (text_is_blank(*s)) {
			for (k = 0; w->p.off + k < w->end && text_is_blank(s[k]); k++)
				;
			if (w->p.off + k < w->end && text_break_len(s + k))
				fold(w, 0);
			else
				copy(w, k);
		} else if (text_break_len(s)) {
			fold(w, 0);
		} else if (style == SCALAR_DOUBLE && *s == '\\') {
			if (text_break_len(s + 1)) {
				text_advance(t, &w->p, 1);
				fold(w, 1);
			} else
				escape(w);
		} else if (style == SCALAR_SINGLE && *s == '\'') {
			/* '' stands for ': the quote maps to the first. */
			if (expect(w, "'", 1)) {
				text_advance(t, &w->p, 2);
				mark(w);
			}
		} else
			copy(w, text_char_len(s));
	}
}

/* Spaces at p (at most max), not past the scalar's end. */
static size_t
spaces(const struct walk *w, size_t off, size_t max)
{
	size_t n = 0;

	while (n < max && off + n < w->end && w->text[off + n] == ' ')
		n++;
	return n;
}

/* Offset of the line break (or the scalar's end) at or after off. */
static size_t
line_end(const struct walk *w, size_t off)
{
	while (off < w->end && !text_break_len(w->text + off))
		off++;
	return off;
}

/* The breaks of nempty empty lines from p on (indentation up to n). */
static void
expect_empty_lines(struct walk *w, struct text_at p, size_t n, size_t nempty)
{
	for (; nempty > 0 && !w->lost; nempty--) {
		size_t sp = spaces(w, p.off, n);
		size_t k = text_break_len(w->text + p.off + sp);

		expect_break(w, w->text + p.off + sp, k);
		text_advance(w->text, &p, sp + k);
	}
}

/* | and > scalars: the walk starts at the indicator. After the header
 * line, each line is empty (at most n spaces, then a break) or holds text
 * after n spaces of indentation, which the value holds verbatim: one
 * segment per such content line. Between content lines the value holds
 * their breaks (|), or folds them as libyaml does (>): a single break
 * between two lines that do not start with a blank becomes a space, else
 * the breaks stay. *first and *last get where the content starts and ends;
 * returns 0 if there is no content (or the walk got lost before it). */
static int
walk_block(struct walk *w, int folded, struct text_at *first, struct text_at *last)
{
	const char *t = w->text;
	struct text_at p = w->p, empty_from;
	size_t n, sp, k, e, nempty = 0;
	int have = 0, prev_blank = 0;
	const char *prev_brk = NULL;

	/* The header: "|", "|2-", ">+ # comment" ... */
	while (p.off < w->end && !text_break_len(t + p.off))
		text_advance(t, &p, text_char_len(t + p.off));
	if (p.off >= w->end)
		return 0;
	text_advance(t, &p, text_break_len(t + p.off));
	/* Leading empty lines, each a break in the value. */
	for (;;) {
		sp = spaces(w, p.off, SIZE_MAX);
		if (p.off + sp >= w->end)
			return 0;
		if ((k = text_break_len(t + p.off + sp)) == 0)
			break;
		if (!expect_break(w, t + p.off + sp, k))
			return 0;
		text_advance(t, &p, sp + k);
	}
	/* The indentation n: the value holds the first content line without
	 * it. At most sp; less if an indentation indicator ("|2") kept some
	 * of the spaces as text. */
	e = line_end(w, p.off + sp);
	for (n = sp;; n--) {
		size_t plen = e - (p.off + n);

		if (w->len - w->v >= plen && memcmp(w->val + w->v,
		    t + p.off + n, plen) == 0)
			break;
		if (n == 0) {
			w->lost = 1;
			return 0;
		}
	}
	/* p is at the start of a content line. */
	for (;;) {
		size_t from = p.off + n;
		int blank = text_is_blank(t[from]);

		if (have) {
			if (folded && text_break_len(prev_brk) != 3 && !prev_blank &&
			    !blank) {
				if (nempty == 0)
					expect(w, " ", 1);
			} else
				expect_break(w, prev_brk, text_break_len(prev_brk));
			expect_empty_lines(w, empty_from, n, nempty);
		}
		text_advance(t, &p, n);
		w->p = p;
		mark(w);
		e = line_end(w, from);
		copy(w, e - from);
		if (w->lost)
			break;
		if (!have)
			*first = p;
		have = 1;
		*last = w->p;
		prev_blank = blank;
		/* The next content line, after any empty ones. */
		p = w->p;
		if (p.off >= w->end || (k = text_break_len(t + p.off)) == 0)
			break;
		prev_brk = t + p.off;
		text_advance(t, &p, k);
		empty_from = p;
		nempty = 0;
		while (p.off < w->end) {
			sp = spaces(w, p.off, n);
			if ((k = text_break_len(t + p.off + sp)) == 0)
				break;
			text_advance(t, &p, sp + k);
			nempty++;
		}
		/* A shorter indentation ends the scalar (libyaml's end mark
		 * is usually there already). */
		if (p.off >= w->end || sp < n || p.off + n >= w->end)
			break;
	}
	return have;
}

void
segment_scalar(struct arena *a, const struct source *src, struct node *n,
    struct text_at s, struct text_at e)
{
	struct walk w;
	struct text_at first = s, last = e;

	memset(&w, 0, sizeof w);
	w.a = a;
	w.text = src->text;
	w.p = s;
	w.end = e.off;
	w.val = n->str;
	w.len = n->len;
	n->span = text_span(src, s, e);
	switch (n->style) {
	case SCALAR_PLAIN:
		walk_flow(&w, n->style);
		break;
	case SCALAR_SINGLE:
	case SCALAR_DOUBLE:
		if (e.off < s.off + 2)
			break;		/* cannot happen: two quotes at least */
		text_advance(w.text, &w.p, 1);
		w.end--;
		walk_flow(&w, n->style);
		break;
	default:
		if (walk_block(&w, n->style == SCALAR_FOLDED, &first, &last))
			n->span = text_span(src, first, last);
		break;
	}
	/* Most scalars have one segment: the array's unused slots go back
	 * to the arena (it is the last thing the walk allocated). */
	arena_trim(a, w.segs, w.cap * sizeof *w.segs,
	    w.nsegs * sizeof *w.segs);
	n->segs = w.segs;
	n->nsegs = w.nsegs;
}
