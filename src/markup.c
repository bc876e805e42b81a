/* markup.c - parses the prose markup of `text:` blocks (see plans/README.md)
 * into blocks of styled runs. Block structure is decided line by line with
 * a stack of open list items; inline markup is parsed per paragraph. */
#include "markup.h"

#include <ctype.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "node.h"
#include "utf8.h"

#define MAX_LIST_DEPTH 16

/* A container blocks are added to: the document or a list item. */
struct container {
	struct block **blocks;	/* points at the owner's array and count */
	size_t *nblocks;
	size_t cap;
	size_t indent;		/* column where the item's text starts */
};

/* A paragraph being collected: its lines joined by single spaces, and for
 * each joined piece the value offset it came from, for positions. */
struct piece {
	size_t buf, val;
};

struct parser {
	struct arena *a;
	struct diags *d;
	const struct node *n;
	struct container stack[MAX_LIST_DEPTH + 1];
	size_t depth;
	char *buf;
	size_t len, cap;
	struct piece *pieces;
	size_t npieces, cappieces;
	struct block *para;	/* the open paragraph, or NULL */
	int deep_reported;
};

static struct block *
add_block(struct parser *p, enum block_kind kind, size_t off)
{
	struct container *c = &p->stack[p->depth];
	struct block *b;

	b = ARENA_PUSH(p->a, *c->blocks, *c->nblocks, c->cap);
	b->kind = kind;
	b->pos = node_pos_at(p->n, off);
	return b;
}

/* ---- inline markup ---- */

/* The value offset of buffer offset at: the last piece that starts at or
 * before it, found by bisection (a paragraph may have many thousand
 * lines). */
static size_t
val_offset(const struct parser *p, size_t at)
{
	size_t lo = 0, hi = p->npieces, mid;

	while (lo < hi) {	/* the first piece that starts after at */
		mid = lo + (hi - lo) / 2;
		if (p->pieces[mid].buf <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? p->pieces[lo - 1].val + (at - p->pieces[lo - 1].buf) :
	    0;
}

static int
is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	    c == '_' || (c >= 'A' && c <= 'Z') || c == '.';
}

struct runs {
	struct run *items;
	size_t n, cap;
	char *text;		/* pending text of the current style */
	size_t tlen, tcap;
	size_t tstart;		/* buffer offset of its first byte */
	const char *lang;	/* the open [..]{lang=xx}'s language */
};

static void
flush_text(struct parser *p, struct runs *r, unsigned style)
{
	struct run *run;

	if (r->tlen == 0)
		return;
	run = ARENA_PUSH(p->a, r->items, r->n, r->cap);
	run->kind = RUN_TEXT;
	run->style = style;
	run->lang = style & RUN_FOREIGN ? r->lang : NULL;
	run->text = arena_strndup(p->a, r->text, r->tlen);
	run->len = r->tlen;
	run->pos = node_pos_at(p->n, val_offset(p, r->tstart));
	r->tlen = 0;
}

static void
add_text(struct parser *p, struct runs *r, const char *s, size_t n,
    size_t at)
{
	if (r->tlen == 0)
		r->tstart = at;
	if (r->tlen + n > r->tcap) {
		size_t ncap = (r->tcap ? r->tcap * 2 : 64) + n;
		char *t = arena_alloc(p->a, ncap);
		if (r->tlen > 0)
			memcpy(t, r->text, r->tlen);
		r->text = t;
		r->tcap = ncap;
	}
	memcpy(r->text + r->tlen, s, n);
	r->tlen += n;
}

static struct span
buf_span(const struct parser *p, size_t from, size_t to)
{
	return node_span_at(p->n, val_offset(p, from), val_offset(p, to));
}

/* [^id] or [@id] at s[i]; returns the bytes consumed, 0 if it is not one. */
static size_t
parse_bracket(struct parser *p, struct runs *r, unsigned style, size_t i)
{
	const char *s = p->buf;
	size_t j = i + 2, k;
	struct run *run;
	int foot = s[i + 1] == '^';

	while (j < p->len && is_id_char(s[j]))
		j++;
	if (j >= p->len || s[j] != ']' || j == i + 2) {
		for (k = j; k < p->len && s[k] != ']' && s[k] != ' '; k++)
			;
		diag_report(p->d, D_MARKUP, buf_span(p, i, k),
		    "malformed %s: expected '%s' followed by an id and ']'",
		    foot ? "footnote mark" : "reference", foot ? "[^" : "[@");
		return 0;
	}
	flush_text(p, r, style);
	run = ARENA_PUSH(p->a, r->items, r->n, r->cap);
	run->kind = foot ? RUN_FOOTNOTE : RUN_REF;
	run->style = style;
	run->ref.id = arena_strndup(p->a, s + i + 2, j - i - 2);
	run->ref.span = buf_span(p, i + 2, j);
	run->pos = node_pos_at(p->n, val_offset(p, i));
	return j + 1 - i;
}

/* "[words]{lang=xx}" at s[i]: words in another language. Returns the
 * offset of the ']' and sets *end past the '}', or returns 0. */
static size_t
foreign_span(const char *s, size_t len, size_t i, size_t *end)
{
	size_t j, k;

	for (j = i + 1; j < len && s[j] != ']' && s[j] != '['; j++)
		;
	/* s[len] need not be a NUL: the text may be part of a longer one. */
	if (j >= len || s[j] != ']' || j == i + 1 || len - j - 1 < 6 ||
	    memcmp(s + j + 1, "{lang=", 6) != 0)
		return 0;
	for (k = j + 7; k < len && (isalpha((unsigned char)s[k]) ||
	    s[k] == '-'); k++)
		;
	if (k == j + 7 || k >= len || s[k] != '}')
		return 0;
	*end = k + 1;
	return j;
}

static int
is_space_at(const char *s, size_t len, size_t i)
{
	return i >= len || s[i] == ' ' || s[i] == '\t';
}

/* A '*' or '**' at s[i] (n bytes) that cannot take part in emphasis:
 * an error at its place that says what to write instead. It then prints
 * as written, so the rest of the paragraph is read as before. */
static void
stray_delimiter(struct parser *p, size_t i, size_t n, const char *why,
    size_t opened)
{
	const char *what = n == 2 ? "bold" : "italic";
	struct diag *dg;

	dg = diag_report(p->d, D_MARKUP, buf_span(p, i, i + n), "'%.*s' %s; "
	    "write %s for %s", (int)n, "**", why, n == 2 ? "\\*\\*" : "\\*",
	    n == 2 ? "two asterisks" : "an asterisk");
	if (opened != (size_t)-1)
		diag_note(p->d, dg, span_start(buf_span(p, opened, opened + n)),
		    "the %s text opened here is still open", what);
}

/* Emphasis pairs by one rule: a '*' run opens when the next character is
 * not a space and closes when the previous one is not (inside a word it
 * does whichever is due). Any other '*' is an error, never a literal
 * asterisk that silently shifts the emphasis of the rest: a literal one is
 * written \*. */
static void
parse_inlines(struct parser *p, struct block *b)
{
	struct runs r = { 0 };
	const char *s = p->buf;
	size_t i = 0, open_at[2] = { 0, 0 }, k, piece = 0;
	size_t foreign_close = 0, foreign_end = 0;
	unsigned style = 0;

	while (i < p->len) {
		char c = s[i];

		/* A run never spans two source lines, so the position of any
		 * character in it is its run's plus a column count. */
		while (piece + 1 < p->npieces && p->pieces[piece + 1].buf <= i) {
			flush_text(p, &r, style);
			piece++;
		}
		if ((style & RUN_FOREIGN) && i == foreign_close) {
			flush_text(p, &r, style);
			style &= ~RUN_FOREIGN;
			i = foreign_end;
		} else if (c == '[' && !(style & RUN_FOREIGN) &&
		    (k = foreign_span(s, p->len, i, &foreign_end)) != 0) {
			flush_text(p, &r, style);
			style |= RUN_FOREIGN;
			foreign_close = k;
			/* "{lang=en}": the tag after "]{lang=", to the '}'. */
			r.lang = arena_strndup(p->a, s + k + 7,
			    foreign_end - 1 - (k + 7));
			i++;
		} else if (c == '\\' && i + 1 < p->len &&
		    strchr("\\*[]@^_`#-", s[i + 1]) != NULL) {
			add_text(p, &r, s + i + 1, 1, i);
			i += 2;
		} else if (c == '*') {
			size_t n = (i + 1 < p->len && s[i + 1] == '*') ? 2 : 1;
			unsigned bit = n == 2 ? RUN_BOLD : RUN_ITALIC;
			int can_open = !is_space_at(s, p->len, i + n);
			int can_close = i > 0 && !is_space_at(s, p->len, i - 1);

			if ((style & bit) && can_close) {
				flush_text(p, &r, style);
				style &= ~bit;
			} else if (!(style & bit) && can_open) {
				flush_text(p, &r, style);
				style |= bit;
				open_at[n - 1] = i;
			} else {
				stray_delimiter(p, i, n, !can_open && !can_close ?
				    "with spaces on both sides marks no emphasis" :
				    (style & bit) ? (n == 2 ? "cannot open bold "
				    "text inside bold text" : "cannot open italic "
				    "text inside italic text") : n == 2 ? "closes "
				    "bold text that was never opened" : "closes "
				    "italic text that was never opened",
				    (style & bit) ? open_at[n - 1] : (size_t)-1);
				add_text(p, &r, s + i, n, i);
			}
			i += n;
		} else if (c == '[' && i + 1 < p->len &&
		    (s[i + 1] == '^' || s[i + 1] == '@')) {
			k = parse_bracket(p, &r, style, i);
			if (k == 0) {
				add_text(p, &r, s + i, 1, i);
				k = 1;
			}
			i += k;
		} else {
			add_text(p, &r, s + i, 1, i);
			i++;
		}
	}
	flush_text(p, &r, style);
	if (style & RUN_BOLD)
		diag_report(p->d, D_MARKUP, buf_span(p, open_at[1],
		    open_at[1] + 2), "unclosed '**': bold text must end in "
		    "the same paragraph");
	if (style & RUN_ITALIC)
		diag_report(p->d, D_MARKUP, buf_span(p, open_at[0],
		    open_at[0] + 1), "unclosed '*': italic text must end in "
		    "the same paragraph");
	b->runs = r.items;
	b->nruns = r.n;
}

/* ---- blocks ---- */

static void
close_para(struct parser *p)
{
	if (p->para != NULL) {
		parse_inlines(p, p->para);
		p->para = NULL;
	}
	p->len = 0;
	p->npieces = 0;
}

static void
append_line(struct parser *p, const char *s, size_t n, size_t off)
{
	struct piece *pc;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (p->len > 0) {
		arena_grow(p->a, (void **)&p->buf, &p->cap, p->len + 1, 1);
		p->buf[p->len++] = ' ';
	}
	pc = ARENA_PUSH(p->a, p->pieces, p->npieces, p->cappieces);
	pc->buf = p->len;
	pc->val = off;
	arena_grow(p->a, (void **)&p->buf, &p->cap, p->len + n + 1, 1);
	memcpy(p->buf + p->len, s, n);
	p->len += n;
}

/* The list marker at the start of s, if any: its kind and its length
 * including the space after it. */
static size_t
list_marker(const char *s, size_t n, enum list_kind *kind)
{
	size_t i = 0;

	if (n >= 2 && s[0] == '-' && (s[1] == ' ' || n == 1)) {
		*kind = LIST_BULLET;
		return 2;
	}
	if (n >= 1 && s[0] == '-' && n == 1) {
		*kind = LIST_BULLET;
		return 1;
	}
	if (n >= 3 && memcmp(s, "\xE2\x9C\x93", 3) == 0 &&
	    (n == 3 || s[3] == ' ')) {
		*kind = LIST_CHECK;
		return n == 3 ? 3 : 4;
	}
	while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i < n && s[i] == '.' && (i + 1 == n || s[i + 1] == ' ')) {
		*kind = LIST_NUMBER;
		return i + 1 == n ? i + 1 : i + 2;
	}
	if (n >= 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.' && s[2] == ' ') {
		*kind = LIST_LETTER;
		return 3;
	}
	return 0;
}

static void
parse_line(struct parser *p, const char *line, size_t n, size_t off,
    int after_blank)
{
	size_t ind = 0, mlen;
	enum list_kind kind;
	struct block *b;
	struct list_item *item;
	struct container *c;

	while (ind < n && line[ind] == ' ')
		ind++;
	/* A line indented less than the open item's text closes the item,
	 * unless it merely continues that item's paragraph. */
	mlen = list_marker(line + ind, n - ind, &kind);
	while (p->depth > 0 && ind < p->stack[p->depth].indent &&
	    (mlen > 0 || after_blank || p->para == NULL)) {
		close_para(p);
		p->depth--;
	}
	if (mlen > 0) {
		const char *rest = line + ind + mlen;
		size_t nrest = n - ind - mlen, lead = 0;

		close_para(p);
		if (p->depth == MAX_LIST_DEPTH) {
			if (!p->deep_reported)
				diag_report(p->d, D_DEPTH_LIMIT, node_span_at(p->n,
				    off + ind, off + ind + 1), "lists nested "
				    "deeper than %d levels", MAX_LIST_DEPTH);
			p->deep_reported = 1;
			return;
		}
		c = &p->stack[p->depth];
		b = *c->nblocks ? &(*c->blocks)[*c->nblocks - 1] : NULL;
		if (b == NULL || b->kind != BLOCK_LIST || b->list != kind) {
			b = add_block(p, BLOCK_LIST, off + ind);
			b->list = kind;
		}
		item = ARENA_PUSH(p->a, b->items, b->nitems, b->capitems);
		item->marker = arena_strndup(p->a, line + ind,
		    mlen - (line[ind + mlen - 1] == ' '));
		item->pos = node_pos_at(p->n, off + ind);
		while (lead < nrest && rest[lead] == ' ')
			lead++;
		p->depth++;
		c = &p->stack[p->depth];
		c->blocks = &item->blocks;
		c->nblocks = &item->nblocks;
		c->cap = 0;
		/* Columns count characters: "✓ " is two wide, four bytes. */
		c->indent = ind + utf8_count(line + ind, mlen) + lead;
		if (lead == nrest) {
			diag_report(p->d, D_MARKUP, node_span_at(p->n, off + ind,
			    off + ind + mlen), "empty list item");
			return;
		}
		p->para = add_block(p, BLOCK_PARA, off + ind + mlen + lead);
		append_line(p, rest + lead, nrest - lead, off + ind + mlen + lead);
		return;
	}
	if (n - ind >= 3 && memcmp(line + ind, "## ", 3) == 0) {
		close_para(p);
		b = add_block(p, BLOCK_HEADING, off + ind + 3);
		p->para = b;
		append_line(p, line + ind + 3, n - ind - 3, off + ind + 3);
		close_para(p);
		return;
	}
	if (p->para == NULL || after_blank)
		p->para = add_block(p, BLOCK_PARA, off + ind);
	append_line(p, line + ind, n - ind, off + ind);
}

struct block *
markup_parse(struct arena *a, struct diags *d, const struct node *n,
    size_t *nblocks)
{
	struct parser p;
	struct block *blocks = NULL;
	size_t i = 0, end, count = 0;
	int blank = 0;

	memset(&p, 0, sizeof p);
	p.a = a;
	p.d = d;
	p.n = n;
	p.stack[0].blocks = &blocks;
	p.stack[0].nblocks = &count;
	*nblocks = 0;
	if (n == NULL || n->str == NULL)
		return NULL;
	while (i < n->len) {
		size_t k;

		for (end = i; end < n->len && n->str[end] != '\n'; end++)
			;
		for (k = i; k < end && (n->str[k] == ' ' || n->str[k] == '\t' ||
		    n->str[k] == '\r'); k++)
			;
		if (k == end) {
			close_para(&p);
			blank = 1;
		} else {
			size_t e = end;
			if (e > i && n->str[e - 1] == '\r')
				e--;
			parse_line(&p, n->str + i, e - i, i, blank);
			blank = 0;
		}
		i = end + 1;
	}
	close_para(&p);
	*nblocks = count;
	return blocks;
}

static void
walk(struct block *blocks, size_t nblocks, void (*fn)(struct run *, void *),
    void *ctx, int depth)
{
	size_t i, j;

	if (depth > MAX_LIST_DEPTH + 1)
		return;
	for (i = 0; i < nblocks; i++) {
		struct block *b = &blocks[i];
		for (j = 0; j < b->nruns; j++)
			fn(&b->runs[j], ctx);
		for (j = 0; j < b->nitems; j++)
			walk(b->items[j].blocks, b->items[j].nblocks, fn, ctx,
			    depth + 1);
	}
}

void
markup_walk(struct block *blocks, size_t nblocks,
    void (*fn)(struct run *run, void *ctx), void *ctx)
{
	walk(blocks, nblocks, fn, ctx, 0);
}
