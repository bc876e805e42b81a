/* load.c - reads plan and layout files: bytes → checked UTF-8 → libyaml
 * events → nodes that carry their exact source spans; follows a plan's
 * includes, confined to the top-level plan's directory. Only this file
 * includes yaml.h. */

/* realpath(3) is X/Open; the build asks for plain POSIX. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "load.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#include "arena.h"
#include "diag.h"
#include "source.h"
#include "utf8.h"

/*
 * Span rules (1-based lines, columns in characters, end exclusive):
 *
 *   plain scalar      its first to its last character;
 *   'single' "double" the opening quote to just past the closing quote
 *                     (the caret underlines the whole token); segments
 *                     start after the opening quote;
 *   | and > scalars   the first character of the first content line (after
 *                     the indentation) to the end of the last content line;
 *                     an empty one spans its header, from | or > to where
 *                     libyaml ends it;
 *   [ ] and { }       the opening bracket to just past the closing one;
 *   block list / map  the first "-" or key to the end of the last item as
 *                     written (an alias ends where the alias ends);
 *   alias             the alias node is the anchored node, so its span is
 *                     the anchored text; "*name" itself is only used to
 *                     report alias problems.
 *
 * An anchor or tag in front of a node ("&a !!str x") is never part of its
 * span. Columns do not count a BOM on line 1. Lines are counted at '\n'
 * (so "\r\n" and "\n" files agree, and lines match what diag.c quotes),
 * even where libyaml also breaks lines at a lone CR, NEL, LS or PS.
 */

/* ---- what model.c and markup.c ask of nodes ---- */

static int
pos_after(int line, int col, int eline, int ecol)
{
	return line > eline || (line == eline && col > ecol);
}

struct pos
node_pos_at(const struct node *n, size_t off)
{
	struct pos p = span_start(n->span);
	const struct node_seg *sg;
	size_t lo = 0, hi;

	if (n->kind != NODE_SCALAR || n->nsegs == 0)
		return p;
	if (off > n->len)
		off = n->len;
	for (hi = n->nsegs; hi - lo > 1;) {
		size_t mid = lo + (hi - lo) / 2;

		if (n->segs[mid].offset <= off)
			lo = mid;
		else
			hi = mid;
	}
	sg = &n->segs[lo];
	p.line = sg->line;
	p.col = sg->col;
	if (off > sg->offset)
		p.col += (int)utf8_count(n->str + sg->offset, off - sg->offset);
	/* Past the last segment the value may no longer follow the source
	 * (see walk_*): stay inside the scalar whatever happens. */
	if (pos_after(p.line, p.col, n->span.end_line, n->span.end_col)) {
		p.line = n->span.end_line;
		p.col = n->span.end_col;
	}
	return p;
}

struct span
node_span_at(const struct node *n, size_t off, size_t end)
{
	struct pos a, b;
	struct span s;
	size_t last;

	if (n->kind != NODE_SCALAR)
		return n->span;
	a = node_pos_at(n, off);
	s.file = a.file;
	s.line = s.end_line = a.line;
	s.col = a.col;
	s.end_col = a.col + 1;
	if (end > n->len)
		end = n->len;
	if (end <= off)
		return s;
	/* End just past the last character, which may lie on a later line
	 * than where the next value byte would be placed. */
	last = end - 1;
	while (last > off && ((unsigned char)n->str[last] & 0xC0) == 0x80)
		last--;
	b = node_pos_at(n, last);
	s.end_line = b.line;
	s.end_col = b.col + 1;
	if (pos_after(s.end_line, s.end_col, n->span.end_line,
	    n->span.end_col) && pos_after(n->span.end_line, n->span.end_col,
	    s.line, s.col)) {
		s.end_line = n->span.end_line;
		s.end_col = n->span.end_col;
	}
	return s;
}

const struct node *
node_get(const struct node *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != NODE_MAP)
		return NULL;
	for (i = 0; i < map->npairs; i++)
		if (strcmp(map->pairs[i].key->str, key) == 0)
			return map->pairs[i].value;
	return NULL;
}

const char *
node_kind_name(const struct node *n)
{
	switch (n->kind) {
	case NODE_MAP:
		return "a mapping";
	case NODE_SEQ:
		return "a list";
	default:
		/* YAML's null, as a plan writer sees it. */
		if (n->style == SCALAR_PLAIN && (n->len == 0 ||
		    strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
		    strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0))
			return "nothing";
		return "a text";
	}
}

/* ---- reading a file ---- */

/* Reads the file at path whole into a malloc'd buffer (*out, NUL-terminated,
 * the caller frees it). Returns 0, or -1 with errno set: EISDIR for a
 * directory, EFBIG beyond LOAD_MAX_BYTES. */
static int
read_whole(const char *path, char **out, size_t *outlen)
{
	FILE *f;
	struct stat st;
	char *buf = NULL;
	size_t len = 0, cap = 0, want, got;
	int err = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fstat(fileno(f), &st) == 0) {
		if (S_ISDIR(st.st_mode))
			err = EISDIR;
		else if (S_ISREG(st.st_mode) && st.st_size > 0 &&
		    (uintmax_t)st.st_size <= LOAD_MAX_BYTES)
			cap = (size_t)st.st_size + 1;	/* +1: see EOF at once */
	}
	if (cap > 0)
		buf = xmalloc(cap + 1);
	while (err == 0) {
		if (len == cap) {
			/* One byte beyond the limit is enough to refuse. */
			if (cap > LOAD_MAX_BYTES) {
				err = EFBIG;
				break;
			}
			cap = cap ? cap * 2 : 65536;
			if (cap > (size_t)LOAD_MAX_BYTES + 1)
				cap = (size_t)LOAD_MAX_BYTES + 1;
			buf = xrealloc(buf, cap + 1);
		}
		want = cap - len;
		errno = 0;
		got = fread(buf + len, 1, want, f);
		len += got;
		if (got < want) {
			if (ferror(f))
				err = errno ? errno : EIO;
			break;
		}
	}
	fclose(f);
	if (err != 0) {
		free(buf);
		errno = err;
		return -1;
	}
	if (buf == NULL)
		buf = xmalloc(1);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

/* ---- positions ---- */

/* A place in the source text: byte offset, and line and column as shown. */
struct at {
	size_t off;
	int line, col;
};

static int
has_bom(const struct source *src)
{
	return src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0;
}

/* Moves p forward over n bytes of text (n ends on a character boundary). */
static void
advance(const char *text, struct at *p, size_t n)
{
	for (; n > 0; n--, p->off++) {
		unsigned char c = (unsigned char)text[p->off];

		if (c == '\n') {
			p->line++;
			p->col = 1;
		} else if ((c & 0xC0) != 0x80)
			p->col++;
	}
}

/* Where byte off is, found from the line table: O(length of its line). */
static struct at
at_offset(const struct source *src, size_t off)
{
	struct at p;
	size_t lo = 0, hi = src->nlines;

	if (off > src->len)
		off = src->len;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	p.off = off;
	p.line = (int)lo + 1;
	p.col = (int)utf8_count(src->text + src->lines[lo],
	    off - src->lines[lo]) + 1;
	if (lo == 0 && off >= 3 && has_bom(src))
		p.col--;
	return p;
}

static struct pos
pos_of(const struct source *src, struct at p)
{
	struct pos r = { src->path, p.line, p.col };
	return r;
}

static struct span
span_of(const struct source *src, struct at s, struct at e)
{
	struct span r = { src->path, s.line, s.col, e.line, e.col };
	return r;
}

/* Bytes in the UTF-8 character that starts at s (the text is valid). */
static size_t
char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The length of the line break at s as libyaml sees one (CR LF, CR, LF,
 * NEL, LS, PS), or 0. */
static size_t
break_len(const char *s)
{
	if (s[0] == '\r')
		return s[1] == '\n' ? 2 : 1;
	if (s[0] == '\n')
		return 1;
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0x85)
		return 2;
	if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9))
		return 3;
	return 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* libyaml's marks count characters from the start of the text (after a
 * BOM; CR LF is two). The cursor turns them into positions by walking the
 * text; marks arrive almost in order, so the walk is linear overall. */
struct cursor {
	struct at p;
	size_t chars;		/* libyaml's index of p */
	size_t start;		/* where index 0 is: 3 after a BOM */
};

static struct at
cursor_seek(const struct source *src, struct cursor *c, size_t chars)
{
	const char *t = src->text;

	while (c->chars < chars && c->p.off < src->len) {
		size_t k = char_len(t + c->p.off);

		if (k > src->len - c->p.off)
			k = src->len - c->p.off;
		advance(t, &c->p, k);
		c->chars++;
	}
	while (c->chars > chars && c->p.off > c->start) {
		size_t off = c->p.off - 1;

		while (off > c->start && ((unsigned char)t[off] & 0xC0) == 0x80)
			off--;
		if (t[off] == '\n')
			c->p = at_offset(src, off);
		else {
			c->p.off = off;
			c->p.col--;
		}
		c->chars--;
	}
	return c->p;
}

/* ---- checking the bytes before libyaml sees them ---- */

/* YAML's character set, which libyaml's reader enforces: tab, line ends,
 * printable ASCII, NEL, and U+00A0 up except surrogates, U+FFFE, U+FFFF. */
static int
yaml_char(uint32_t c)
{
	return c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) ||
	    c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) ||
	    (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Reports the first NUL byte, invalid UTF-8 or character YAML forbids,
 * at its line and column. Returns 0 if the text can go to libyaml, -1 if
 * something was reported. */
static int
check_text(const struct source *src, struct diags *d)
{
	const char *t = src->text;
	size_t bad = utf8_invalid(t, src->len), i, k;
	uint32_t c;

	for (i = 0; i < bad; i += k) {
		if ((unsigned char)t[i] >= 0x20 && (unsigned char)t[i] < 0x7F) {
			k = 1;
			continue;
		}
		k = utf8_decode(t + i, bad - i, &c);
		if (k == 0)
			break;		/* cannot happen before bad */
		if (c == 0) {
			diag_report(d, D_NUL_BYTE, span_at(pos_of(src,
			    at_offset(src, i))), "NUL byte in the file: a plan "
			    "is UTF-8 text");
			return -1;
		}
		if (!yaml_char(c)) {
			diag_report(d, D_SYNTAX, span_at(pos_of(src,
			    at_offset(src, i))), "character U+%04X is not "
			    "allowed in YAML", (unsigned)c);
			return -1;
		}
	}
	if (bad == src->len)
		return 0;
	if (src->len >= 2 && (memcmp(t, "\xFF\xFE", 2) == 0 ||
	    memcmp(t, "\xFE\xFF", 2) == 0))
		diag_report(d, D_ENCODING, span_at(pos_of(src,
		    at_offset(src, 0))), "the file is UTF-16: save it as "
		    "UTF-8");
	else
		diag_report(d, D_ENCODING, span_at(pos_of(src,
		    at_offset(src, bad))), "invalid UTF-8 (byte 0x%02X): save "
		    "the file as UTF-8", (unsigned char)t[bad]);
	return -1;
}

/* ---- segments: where each piece of a scalar's value came from ---- */

/* Walks a scalar's source text and its value side by side. Wherever they
 * stop advancing together (a folded line break, an escape, '' in single
 * quotes, the indentation of a block line) a segment starts. Every byte
 * the value gets from the source is compared, so should the two ever
 * disagree, segments stop ("lost") rather than point somewhere wrong;
 * node_pos_at() then stays inside the scalar's span. */
struct walk {
	struct arena *a;
	const char *text;	/* the source */
	struct at p;		/* where the walk is in it */
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
			advance(t, &w->p, k);
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

	while (w->p.off < w->end && is_blank(t[w->p.off]))
		advance(t, &w->p, 1);
	k = break_len(t + w->p.off);
	lf = k != 3;
	if (!escaped && !lf)
		expect(w, t + w->p.off, k);
	advance(t, &w->p, k);
	for (;;) {
		while (w->p.off < w->end && is_blank(t[w->p.off]))
			advance(t, &w->p, 1);
		if (w->p.off >= w->end || (k = break_len(t + w->p.off)) == 0)
			break;
		expect_break(w, t + w->p.off, k);
		advance(t, &w->p, k);
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
	advance(w->text, &w->p, src);
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

		if (is_blank(*s)) {
			for (k = 0; w->p.off + k < w->end && is_blank(s[k]); k++)
				;
			if (w->p.off + k < w->end && break_len(s + k))
				fold(w, 0);
			else
				copy(w, k);
		} else if (break_len(s)) {
			fold(w, 0);
		} else if (style == SCALAR_DOUBLE && *s == '\\') {
			if (break_len(s + 1)) {
				advance(t, &w->p, 1);
				fold(w, 1);
			} else
				escape(w);
		} else if (style == SCALAR_SINGLE && *s == '\'') {
			/* '' stands for ': the quote maps to the first. */
			if (expect(w, "'", 1)) {
				advance(t, &w->p, 2);
				mark(w);
			}
		} else
			copy(w, char_len(s));
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
	while (off < w->end && !break_len(w->text + off))
		off++;
	return off;
}

/* The breaks of nempty empty lines from p on (indentation up to n). */
static void
expect_empty_lines(struct walk *w, struct at p, size_t n, size_t nempty)
{
	for (; nempty > 0 && !w->lost; nempty--) {
		size_t sp = spaces(w, p.off, n);
		size_t k = break_len(w->text + p.off + sp);

		expect_break(w, w->text + p.off + sp, k);
		advance(w->text, &p, sp + k);
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
walk_block(struct walk *w, int folded, struct at *first, struct at *last)
{
	const char *t = w->text;
	struct at p = w->p, empty_from;
	size_t n, sp, k, e, nempty = 0;
	int have = 0, prev_blank = 0;
	const char *prev_brk = NULL;

	/* The header: "|", "|2-", ">+ # comment" ... */
	while (p.off < w->end && !break_len(t + p.off))
		advance(t, &p, char_len(t + p.off));
	if (p.off >= w->end)
		return 0;
	advance(t, &p, break_len(t + p.off));
	/* Leading empty lines, each a break in the value. */
	for (;;) {
		sp = spaces(w, p.off, SIZE_MAX);
		if (p.off + sp >= w->end)
			return 0;
		if ((k = break_len(t + p.off + sp)) == 0)
			break;
		if (!expect_break(w, t + p.off + sp, k))
			return 0;
		advance(t, &p, sp + k);
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
		int blank = is_blank(t[from]);

		if (have) {
			if (folded && break_len(prev_brk) != 3 && !prev_blank &&
			    !blank) {
				if (nempty == 0)
					expect(w, " ", 1);
			} else
				expect_break(w, prev_brk, break_len(prev_brk));
			expect_empty_lines(w, empty_from, n, nempty);
		}
		advance(t, &p, n);
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
		if (p.off >= w->end || (k = break_len(t + p.off)) == 0)
			break;
		prev_brk = t + p.off;
		advance(t, &p, k);
		empty_from = p;
		nempty = 0;
		while (p.off < w->end) {
			sp = spaces(w, p.off, n);
			if ((k = break_len(t + p.off + sp)) == 0)
				break;
			advance(t, &p, sp + k);
			nempty++;
		}
		/* A shorter indentation ends the scalar (libyaml's end mark
		 * is usually there already). */
		if (p.off >= w->end || sp < n || p.off + n >= w->end)
			break;
	}
	return have;
}

/* ---- events → nodes ---- */

struct anchor {
	const char *name;	/* NULL: a free slot */
	struct node *node;
	size_t size;		/* nodes it stands for, aliases expanded */
};

/* An open list or mapping. */
struct frame {
	struct node *node;
	struct node **items;	/* list items, or key, value, key, value ... */
	size_t n, cap;
	size_t size;		/* nodes so far, itself included, expanded */
	const char *anchor;	/* defined when the collection is complete */
	int flow;		/* [ ] or { }: its end event marks the bracket */
	struct at end;		/* end of its last item as written */
};

/* Slot of the table that finds a mapping's keys again. */
struct keyslot {
	size_t gen;		/* the mapping it belongs to; others are free */
	size_t pair;
};

struct builder {
	struct arena *a;
	struct diags *d;
	const struct source *src;
	struct cursor cur;
	struct frame stack[LOAD_MAX_DEPTH];
	size_t depth;
	struct anchor *anchors;	/* open addressing, capanchors a power of 2 */
	size_t nanchors, capanchors;
	struct keyslot *keys;	/* reused by every mapping */
	size_t capkeys, gen;
	size_t total;		/* nodes in the document, aliases expanded */
	struct node *root;
	int docs;
};

static size_t
hash(const char *s, size_t n)
{
	size_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int
anchor_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || c == '_' || c == '-';
}

static struct at
mark_at(struct builder *b, yaml_mark_t m)
{
	return cursor_seek(b->src, &b->cur, m.index);
}

/* libyaml starts a node at its anchor or tag ("&a !!str x"), but a span
 * starts at the node's own text: step over them and over the blanks, line
 * ends and comments after them, never past limit. */
static struct at
skip_properties(const struct source *src, struct at p, size_t limit)
{
	const char *t = src->text;
	size_t k;

	while (p.off < limit && (t[p.off] == '&' || t[p.off] == '!')) {
		int anchor = t[p.off] == '&';

		/* An anchor name is [0-9A-Za-z_-] and the node may follow
		 * at once ("&a?x"); a tag runs to a blank or a flow
		 * indicator. Stopping early only widens the span. */
		advance(t, &p, 1);
		while (p.off < limit && (anchor ? anchor_char(t[p.off]) :
		    !is_blank(t[p.off]) && !break_len(t + p.off) &&
		    !strchr(",[]{}", t[p.off])))
			advance(t, &p, char_len(t + p.off));
		while (p.off < limit) {
			if (is_blank(t[p.off]))
				advance(t, &p, 1);
			else if ((k = break_len(t + p.off)) > 0)
				advance(t, &p, k);
			else if (t[p.off] == '#')
				while (p.off < limit && !break_len(t + p.off))
					advance(t, &p, char_len(t + p.off));
			else
				break;
		}
	}
	return p;
}

static struct anchor *
anchor_slot(struct anchor *tab, size_t cap, const char *name)
{
	size_t mask = cap - 1, i = hash(name, strlen(name)) & mask;

	while (tab[i].name != NULL && strcmp(tab[i].name, name) != 0)
		i = (i + 1) & mask;
	return &tab[i];
}

/* Defines (or, as YAML allows, redefines) anchor name. */
static void
anchor_define(struct builder *b, const char *name, struct node *n,
    size_t size)
{
	struct anchor *slot;

	if (2 * (b->nanchors + 1) > b->capanchors) {
		size_t cap = b->capanchors ? 2 * b->capanchors : 16, i;
		struct anchor *tab = arena_alloc(b->a, cap * sizeof *tab);

		for (i = 0; i < b->capanchors; i++)
			if (b->anchors[i].name != NULL)
				*anchor_slot(tab, cap, b->anchors[i].name) =
				    b->anchors[i];
		b->anchors = tab;
		b->capanchors = cap;
	}
	slot = anchor_slot(b->anchors, b->capanchors, name);
	if (slot->name == NULL) {
		slot->name = arena_strdup(b->a, name);
		b->nanchors++;
	}
	slot->node = n;
	slot->size = size;
}

static const struct anchor *
anchor_find(const struct builder *b, const char *name)
{
	const struct anchor *slot;

	if (b->capanchors == 0)
		return NULL;
	slot = anchor_slot(b->anchors, b->capanchors, name);
	return slot->name != NULL ? slot : NULL;
}

/* Counts size more nodes; past LOAD_MAX_NODES reports at span and
 * returns -1, which stops the file. */
static int
count(struct builder *b, size_t size, struct span span)
{
	b->total += size;
	if (b->total <= LOAD_MAX_NODES)
		return 0;
	diag_report(b->d, D_ALIAS_LIMIT, span, "the document expands to more "
	    "than %d nodes (aliases referring to aliases?)", LOAD_MAX_NODES);
	return -1;
}

/* Adds a complete node that stands for size nodes to the open collection
 * (or makes it the root); end is where it ends as written. */
static void
attach(struct builder *b, struct node *n, size_t size, struct at end)
{
	struct frame *f;

	if (b->depth == 0) {
		b->root = n;
		return;
	}
	f = &b->stack[b->depth - 1];
	*ARENA_PUSH(b->a, f->items, f->n, f->cap) = n;
	f->size += size;
	f->end = end;
}

static enum scalar_style
style_of(yaml_scalar_style_t s)
{
	switch (s) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		return SCALAR_SINGLE;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return SCALAR_DOUBLE;
	case YAML_LITERAL_SCALAR_STYLE:
		return SCALAR_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE:
		return SCALAR_FOLDED;
	default:
		return SCALAR_PLAIN;
	}
}

/* Fills in a scalar's span and segments from its text in the source,
 * s to e (anchor and tag already skipped; see the span rules on top). */
static void
place_scalar(struct builder *b, struct node *n, struct at s, struct at e)
{
	struct walk w;
	struct at first = s, last = e;

	memset(&w, 0, sizeof w);
	w.a = b->a;
	w.text = b->src->text;
	w.p = s;
	w.end = e.off;
	w.val = n->str;
	w.len = n->len;
	n->span = span_of(b->src, s, e);
	switch (n->style) {
	case SCALAR_PLAIN:
		walk_flow(&w, n->style);
		break;
	case SCALAR_SINGLE:
	case SCALAR_DOUBLE:
		if (e.off < s.off + 2)
			break;		/* cannot happen: two quotes at least */
		advance(w.text, &w.p, 1);
		w.end--;
		walk_flow(&w, n->style);
		break;
	default:
		if (walk_block(&w, n->style == SCALAR_FOLDED, &first, &last))
			n->span = span_of(b->src, first, last);
		break;
	}
	n->segs = w.segs;
	n->nsegs = w.nsegs;
}

/* A scalar event. Returns -1 if the file must stop. */
static int
scalar(struct builder *b, const yaml_event_t *ev)
{
	struct node *n = arena_alloc(b->a, sizeof *n);
	struct at s = mark_at(b, ev->start_mark);
	struct at e = mark_at(b, ev->end_mark);
	const char *nul;

	n->kind = NODE_SCALAR;
	n->style = style_of(ev->data.scalar.style);
	n->len = ev->data.scalar.length;
	n->str = arena_strndup(b->a, (const char *)ev->data.scalar.value,
	    n->len);
	if (ev->data.scalar.anchor != NULL || ev->data.scalar.tag != NULL)
		s = skip_properties(b->src, s, e.off);
	place_scalar(b, n, s, e);
	/* Only an escape ("\0") gets a NUL this far; cut the text there so
	 * that it stays a C string. */
	if ((nul = memchr(n->str, '\0', n->len)) != NULL) {
		size_t at = (size_t)(nul - n->str);

		diag_report(b->d, D_NUL_BYTE, node_span_at(n, at, at + 1),
		    "a text may not contain a NUL character");
		n->len = at;
	}
	if (count(b, 1, n->span) != 0)
		return -1;
	if (ev->data.scalar.anchor != NULL)
		anchor_define(b, (const char *)ev->data.scalar.anchor, n, 1);
	attach(b, n, 1, e.off > s.off ? e : s);
	return 0;
}

/* An alias: the anchored node itself, counted at its full size. */
static int
alias(struct builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct at s = mark_at(b, ev->start_mark);
	struct at e = mark_at(b, ev->end_mark);
	struct span span = span_of(b->src, s, e);
	const struct anchor *an;
	size_t i;

	/* An anchor is defined once its node is complete, so a node cannot
	 * contain itself (and no walk over nodes can loop). */
	for (i = 0; i < b->depth; i++)
		if (b->stack[i].anchor != NULL &&
		    strcmp(b->stack[i].anchor, name) == 0) {
			diag_report(b->d, D_SYNTAX, span, "alias '*%s' refers "
			    "to a node that contains it", name);
			return -1;
		}
	if ((an = anchor_find(b, name)) == NULL) {
		diag_report(b->d, D_SYNTAX, span, "undefined alias '*%s'", name);
		return -1;
	}
	if (count(b, an->size, span) != 0)
		return -1;
	attach(b, an->node, an->size, e);
	return 0;
}

static int
start_collection(struct builder *b, const yaml_event_t *ev)
{
	int seq = ev->type == YAML_SEQUENCE_START_EVENT;
	const yaml_char_t *anchor = seq ? ev->data.sequence_start.anchor :
	    ev->data.mapping_start.anchor;
	const yaml_char_t *tag = seq ? ev->data.sequence_start.tag :
	    ev->data.mapping_start.tag;
	struct at s = mark_at(b, ev->start_mark);
	struct at e = mark_at(b, ev->end_mark);
	struct frame *f;
	struct node *n;

	if (anchor != NULL || tag != NULL)
		s = skip_properties(b->src, s, e.off);
	if (b->depth >= LOAD_MAX_DEPTH) {
		diag_report(b->d, D_DEPTH_LIMIT, span_at(pos_of(b->src, s)),
		    "lists and mappings nested more than %d deep",
		    LOAD_MAX_DEPTH);
		return -1;
	}
	n = arena_alloc(b->a, sizeof *n);
	n->kind = seq ? NODE_SEQ : NODE_MAP;
	n->span = span_of(b->src, s, s);
	if (count(b, 1, span_at(pos_of(b->src, s))) != 0)
		return -1;
	f = &b->stack[b->depth++];
	memset(f, 0, sizeof *f);
	f->node = n;
	f->size = 1;
	f->anchor = anchor ? arena_strdup(b->a, (const char *)anchor) : NULL;
	f->flow = seq ? ev->data.sequence_start.style ==
	    YAML_FLOW_SEQUENCE_STYLE : ev->data.mapping_start.style ==
	    YAML_FLOW_MAPPING_STYLE;
	f->end = s;
	return 0;
}

/* Turns a mapping's keys and values into pairs: the first of each key is
 * kept, a repeated one is reported with a note at the first; keys must be
 * texts. Keys are found again through a hash table shared by all mappings
 * (a slot belongs to the mapping whose generation it carries), so a mapping
 * of n keys costs O(n). */
static void
make_pairs(struct builder *b, struct frame *f)
{
	struct node *map = f->node;
	size_t i, need = 16;

	while (need < f->n)	/* f->n is twice the keys: load <= 1/2 */
		need *= 2;
	if (need > b->capkeys) {
		b->keys = arena_alloc(b->a, need * sizeof *b->keys);
		b->capkeys = need;
		b->gen = 0;
	}
	b->gen++;
	map->pairs = arena_alloc(b->a, (f->n / 2 + 1) * sizeof *map->pairs);
	for (i = 0; i + 1 < f->n; i += 2) {
		struct node *k = f->items[i];
		size_t mask = b->capkeys - 1, h;
		struct keyslot *slot;

		if (k->kind != NODE_SCALAR) {
			diag_report(b->d, D_WRONG_TYPE, k->span, "mapping keys "
			    "must be texts, not %s", node_kind_name(k));
			continue;
		}
		for (h = hash(k->str, k->len) & mask;; h = (h + 1) & mask) {
			const struct node *old;

			slot = &b->keys[h];
			if (slot->gen != b->gen)
				break;
			old = map->pairs[slot->pair].key;
			if (old->len == k->len &&
			    memcmp(old->str, k->str, k->len) == 0)
				break;
		}
		if (slot->gen == b->gen) {
			struct diag *dg = diag_report(b->d, D_DUPLICATE_KEY,
			    k->span, "duplicate key '%s'", k->str);

			diag_note(b->d, dg, span_start(
			    map->pairs[slot->pair].key->span),
			    "'%s' first defined here", k->str);
			continue;
		}
		slot->gen = b->gen;
		slot->pair = map->npairs;
		map->pairs[map->npairs].key = k;
		map->pairs[map->npairs].value = f->items[i + 1];
		map->npairs++;
	}
}

static void
end_collection(struct builder *b, const yaml_event_t *ev)
{
	struct frame *f = &b->stack[b->depth - 1];
	struct node *n = f->node;
	struct at e = f->flow ? mark_at(b, ev->end_mark) : f->end;

	n->span.end_line = e.line;
	n->span.end_col = e.col;
	if (n->kind == NODE_SEQ) {
		n->items = f->items;
		n->nitems = f->n;
	} else
		make_pairs(b, f);
	b->depth--;
	if (f->anchor != NULL)
		anchor_define(b, f->anchor, n, f->size);
	attach(b, n, f->size, e);
}

/* Reports libyaml's error: its problem at problem_mark, its context (if
 * any) as a note. */
static void
yaml_problem(struct builder *b, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "syntax error";
	struct diag *dg;
	struct at at;

	if (p->error == YAML_READER_ERROR) {
		/* check_text() should have caught it; offsets are bytes. */
		at = at_offset(b->src, p->problem_offset);
		diag_report(b->d, D_ENCODING, span_at(pos_of(b->src, at)),
		    "%s", problem);
		return;
	}
	at = mark_at(b, p->problem_mark);
	dg = diag_report(b->d, D_SYNTAX, span_at(pos_of(b->src, at)), "%s",
	    problem);
	if (p->context != NULL) {
		at = mark_at(b, p->context_mark);
		diag_note(b->d, dg, pos_of(b->src, at), "%s", p->context);
	}
}

/* Parses b->src into b->root (NULL for an empty document). Returns 0, or
 * -1 if a problem stopped it (reported; b->root is then NULL). A mapping's
 * repeated keys are reported without stopping. */
static int
parse(struct builder *b)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int rc = 0, done = 0;

	if (!yaml_parser_initialize(&parser))
		arena_oom();
	yaml_parser_set_input_string(&parser,
	    (const unsigned char *)b->src->text, b->src->len);
	while (rc == 0 && !done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			if (parser.error == YAML_MEMORY_ERROR) {
				yaml_parser_delete(&parser);
				arena_oom();
			}
			yaml_problem(b, &parser);
			rc = -1;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			/* The first document stays usable. */
			if (++b->docs > 1) {
				struct at s = mark_at(b, ev.start_mark);
				struct at e = mark_at(b, ev.end_mark);

				diag_report(b->d, D_SYNTAX, e.off > s.off ?
				    span_of(b->src, s, e) :
				    span_at(pos_of(b->src, s)), "a plan file "
				    "holds one document; this is a second one");
				done = 1;
			}
			break;
		case YAML_SCALAR_EVENT:
			rc = scalar(b, &ev);
			break;
		case YAML_ALIAS_EVENT:
			rc = alias(b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			rc = start_collection(b, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			end_collection(b, &ev);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (rc != 0)
		b->root = NULL;
	/* "---" alone, or "--- ~": nothing, like an empty file. */
	else if (b->root != NULL && b->root->kind == NODE_SCALAR &&
	    strcmp(node_kind_name(b->root), "nothing") == 0)
		b->root = NULL;
	return rc;
}

/* ---- files ---- */

/* Reads, checks and parses the file at path, registering its text under
 * path. Returns -1 with errno set if it cannot be read (nothing reported),
 * else 0 with *root set (NULL if empty or if a problem stopped it). */
static int
load_text(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, const struct source **src, const struct node **root)
{
	struct builder *b;
	char *text;
	size_t len;

	*root = NULL;
	if (read_whole(path, &text, &len) != 0)
		return -1;
	*src = sources_add(srcs, path, text, len);
	free(text);
	if (check_text(*src, d) != 0)
		return 0;
	/* The builder is large (the stack of frames): not on the C stack. */
	b = arena_alloc(a, sizeof *b);
	b->a = a;
	b->d = d;
	b->src = *src;
	b->cur.start = has_bom(*src) ? 3 : 0;
	b->cur.p.off = b->cur.start;
	b->cur.p.line = 1;
	b->cur.p.col = 1;
	parse(b);
	*root = b->root;
	return 0;
}

enum load_status
load_file(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, const struct node **root)
{
	size_t errors = d->count[SEV_ERROR];
	const struct source *src;

	if (load_text(a, srcs, d, path, &src, root) != 0) {
		fprintf(stderr, "planc: cannot read '%s': %s\n", path,
		    strerror(errno));
		return LOAD_FAILED;
	}
	return d->count[SEV_ERROR] > errors ? LOAD_ERRORS : LOAD_OK;
}

/* ---- includes ---- */

/* What the loader knows of each loaded file, parallel to out->docs. */
struct file_info {
	const char *real;	/* realpath: the file's identity */
	const char *rel;	/* path relative to the top-level directory */
};

/* A file whose includes are being loaded, and how far. */
struct open_file {
	size_t doc, next;
};

struct loader {
	struct arena *a;
	struct sources *srcs;
	struct diags *d;
	struct load_result *out;
	const char *top_dir;	/* the top-level directory as written: "" or
				 * ending in '/' */
	const char *top_real;	/* its realpath, or NULL if unknown */
	struct file_info *info;
	size_t ninfo, capinfo;
	struct open_file *chain;	/* the include chain, top-level first */
	size_t depth;
	int capped;		/* LOAD_MAX_INCLUDES reported */
};

static const char *
real_path(struct arena *a, const char *path)
{
	char *r = realpath(path, NULL), *copy;

	if (r == NULL)
		return NULL;
	copy = arena_strdup(a, r);
	free(r);
	return copy;
}

/* The directory part of path: "" or up to and including the last '/'. */
static char *
dir_part(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	return arena_strndup(a, path, slash ? (size_t)(slash - path) + 1 : 0);
}

/* dir ("" or ending in '/') joined with name, "." and ".." resolved by
 * the text alone, as a reader of the plan would. NULL if the result climbs
 * above where dir is relative to. */
static char *
join_relative(struct arena *a, const char *dir, const char *name)
{
	const char *in = arena_printf(a, "%s%s", dir, name), *p = in;
	char *out = arena_alloc(a, strlen(in) + 1);
	size_t o = 0;

	while (*p != '\0') {
		size_t k = strcspn(p, "/");

		if (k == 0 || (k == 1 && p[0] == '.'))
			;
		else if (k == 2 && p[0] == '.' && p[1] == '.') {
			if (o == 0)
				return NULL;
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			if (o > 0)
				out[o++] = '/';
			memcpy(out + o, p, k);
			o += k;
		}
		p += k;
		if (*p == '/')
			p++;
	}
	out[o] = '\0';
	return out;
}

static int
inside(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return path[0] == '/';
	return strncmp(dir, path, n) == 0 && path[n] == '/';
}

/* Adds a loaded file to out->docs, noting its `include:` value. */
static void
add_doc(struct loader *l, const char *path, const struct node *root,
    const char *real, const char *rel)
{
	struct load_doc *doc = ARENA_PUSH(l->a, l->out->docs, l->out->ndocs,
	    l->out->cap);
	struct file_info *fi = ARENA_PUSH(l->a, l->info, l->ninfo,
	    l->capinfo);

	doc->path = path;
	doc->root = root;
	doc->include = node_get(root, "include");
	fi->real = real;
	fi->rel = rel;
}

/* Reports an include cycle: the chain from the file that comes back. */
static void
report_cycle(struct loader *l, size_t from, const struct node *entry)
{
	const char *msg = "";
	size_t i;

	for (i = from; i < l->depth; i++)
		msg = arena_printf(l->a, "%s%s → ", msg,
		    l->info[l->chain[i].doc].rel);
	diag_report(l->d, D_INCLUDE_CYCLE, entry->span, "include cycle: %s%s",
	    msg, l->info[l->chain[from].doc].rel);
}

/* One entry of the include list of the innermost open file. Returns the
 * new document's index, or (size_t)-1 if nothing new was loaded (a problem
 * was reported, or the file was already loaded). */
static size_t
include_one(struct loader *l, const struct node *entry)
{
	size_t from = l->chain[l->depth - 1].doc, i;
	const char *rel, *shown, *real;
	const struct source *src;
	const struct node *root;

	if (entry->kind != NODE_SCALAR || entry->len == 0) {
		diag_report(l->d, D_WRONG_TYPE, entry->span, "expected a file "
		    "name, got %s", node_kind_name(entry));
		return (size_t)-1;
	}
	if (entry->str[0] == '/') {
		diag_report(l->d, D_INCLUDE_ESCAPE, entry->span, "absolute "
		    "include path '%s': includes are relative to the including "
		    "file", entry->str);
		return (size_t)-1;
	}
	/* '..' is judged on the text first, so that a path leading out is
	 * reported as such even when nothing is there. */
	rel = join_relative(l->a, dir_part(l->a, l->info[from].rel),
	    entry->str);
	if (rel == NULL) {
		diag_report(l->d, D_INCLUDE_ESCAPE, entry->span, "include '%s' "
		    "leads outside the plan's directory: an included file must "
		    "lie in or below the directory of the top-level plan",
		    entry->str);
		return (size_t)-1;
	}
	/* "." or "sub/..": the plan's own directory, which would otherwise
	 * be reported as the file '' that does not exist. */
	if (rel[0] == '\0') {
		diag_report(l->d, D_IO, entry->span, "cannot read included file "
		    "'%s': it names the plan's directory, not a file",
		    entry->str);
		return (size_t)-1;
	}
	shown = arena_printf(l->a, "%s%s", l->top_dir, rel);
	if (l->top_real == NULL) {
		diag_report(l->d, D_IO, entry->span, "cannot read included file "
		    "'%s': the plan's directory cannot be resolved", shown);
		return (size_t)-1;
	}
	if ((real = real_path(l->a, shown)) == NULL) {
		diag_report(l->d, D_IO, entry->span, "cannot read included file "
		    "'%s': %s", shown, strerror(errno));
		return (size_t)-1;
	}
	/* A symbolic link may still lead out. */
	if (!inside(l->top_real, real)) {
		diag_report(l->d, D_INCLUDE_ESCAPE, entry->span, "include '%s' "
		    "leads outside the plan's directory: it resolves to '%s'",
		    entry->str, real);
		return (size_t)-1;
	}
	for (i = 0; i < l->depth; i++)
		if (strcmp(l->info[l->chain[i].doc].real, real) == 0) {
			report_cycle(l, i, entry);
			return (size_t)-1;
		}
	for (i = 0; i < l->out->ndocs; i++)
		if (strcmp(l->info[i].real, real) == 0)
			return (size_t)-1;	/* loaded by another branch */
	if (l->out->ndocs >= LOAD_MAX_INCLUDES) {
		if (!l->capped)
			diag_report(l->d, D_IO, entry->span, "too many included "
			    "files: a plan may consist of at most %d files",
			    LOAD_MAX_INCLUDES);
		l->capped = 1;
		return (size_t)-1;
	}
	if (load_text(l->a, l->srcs, l->d, shown, &src, &root) != 0) {
		diag_report(l->d, D_IO, entry->span, "cannot read included file "
		    "'%s': %s", shown, strerror(errno));
		return (size_t)-1;
	}
	add_doc(l, src->path, root, real, rel);
	return l->out->ndocs - 1;
}

/* The include list of doc: `include: FILE` or `include: [FILE, ...]`.
 * Returns its entries (*n of them); anything else is reported. */
static const struct node *const *
include_list(struct loader *l, size_t doc, size_t *n)
{
	const struct node *inc = l->out->docs[doc].include;

	*n = 0;
	if (inc == NULL)
		return NULL;
	if (inc->kind == NODE_SEQ) {
		*n = inc->nitems;
		return (const struct node *const *)inc->items;
	}
	if (inc->kind == NODE_SCALAR) {
		const struct node **one = arena_alloc(l->a, sizeof *one);

		*one = inc;
		*n = 1;
		return one;
	}
	diag_report(l->d, D_WRONG_TYPE, inc->span, "expected a file name or a "
	    "list of file names, got %s", node_kind_name(inc));
	return NULL;
}

/* Follows includes depth-first from docs[0], with the chain of open files
 * as an explicit stack (at most LOAD_MAX_INCLUDES deep). */
static void
load_includes(struct loader *l)
{
	const struct node *const *entries[LOAD_MAX_INCLUDES + 1];
	size_t nentries[LOAD_MAX_INCLUDES + 1], doc;

	l->chain = arena_alloc(l->a, (LOAD_MAX_INCLUDES + 1) *
	    sizeof *l->chain);
	l->chain[0].doc = 0;
	l->chain[0].next = 0;
	entries[0] = include_list(l, 0, &nentries[0]);
	l->depth = 1;
	while (l->depth > 0) {
		struct open_file *top = &l->chain[l->depth - 1];

		if (top->next >= nentries[l->depth - 1]) {
			l->depth--;
			continue;
		}
		doc = include_one(l, entries[l->depth - 1][top->next++]);
		if (doc == (size_t)-1 || l->depth > LOAD_MAX_INCLUDES)
			continue;
		l->chain[l->depth].doc = doc;
		l->chain[l->depth].next = 0;
		entries[l->depth] = include_list(l, doc, &nentries[l->depth]);
		l->depth++;
	}
}

enum load_status
load_plan(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, struct load_result *out)
{
	struct loader l;
	size_t errors = d->count[SEV_ERROR];
	const struct source *src;
	const struct node *root;
	const char *real, *slash;

	memset(&l, 0, sizeof l);
	l.a = a;
	l.srcs = srcs;
	l.d = d;
	l.out = out;
	if (load_text(a, srcs, d, path, &src, &root) != 0) {
		fprintf(stderr, "planc: cannot read '%s': %s\n", path,
		    strerror(errno));
		return LOAD_FAILED;
	}
	l.top_dir = dir_part(a, path);
	l.top_real = real_path(a, l.top_dir[0] ? l.top_dir : ".");
	if ((real = real_path(a, path)) == NULL)
		real = path;
	slash = strrchr(path, '/');
	add_doc(&l, src->path, root, real, slash ? slash + 1 : path);
	load_includes(&l);
	return d->count[SEV_ERROR] > errors ? LOAD_ERRORS : LOAD_OK;
}
