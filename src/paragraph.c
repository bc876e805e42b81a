/* paragraph.c - text to set lines. Runs of styled text become boxes,
 * glue and penalties (words measured in the face that has each character,
 * the layout's fallback chain for the rest; hyphenation points from the
 * patterns, explicit and soft hyphens; no break inside the layout's ties);
 * the total-fit line breaker (linebreak.c) chooses the breaks, and the
 * lines are set justified or ragged, with a word too wide for any line cut
 * as an emergency. layout.c places the lines on pages. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "arena.h"
#include "diag.h"
#include "font.h"
#include "hyphen.h"
#include "layout_int.h"
#include "linebreak.h"
#include "markup.h"
#include "model.h"
#include "shaping.h"
#include "utf8.h"

/* The stretch of the glue that fills a paragraph's last line (TeX's
 * \parfillskip): more than any line can need. */
#define PARFILL_STRETCH 100000.0

/* ---- building a paragraph: boxes, glue and penalties ---- */

/* A paragraph's breaker's work lives in an arena of its own, freed once
 * its lines are set: a long plan sets many paragraphs and keeps only their
 * lines. Its items and atoms are reallocated as they grow, so that a
 * paragraph of megabytes does not also keep every smaller copy. */
static void
push_item(struct para *p, const struct lb_item *it, const struct atom *at)
{
	if (p->scratch == NULL)
		p->scratch = arena_new();
	if (p->n == p->cap) {
		size_t ncap = p->cap ? p->cap * 2 : 64;

		if (ncap > SIZE_MAX / sizeof *p->atoms)
			arena_oom();
		p->items = xrealloc(p->items, ncap * sizeof *p->items);
		p->atoms = xrealloc(p->atoms, ncap * sizeof *p->atoms);
		p->cap = p->capatoms = ncap;
	}
	p->items[p->n] = *it;
	if (at != NULL)
		p->atoms[p->n] = *at;
	else
		memset(&p->atoms[p->n], 0, sizeof p->atoms[p->n]);
	p->n++;
}

/* Frees what p holds but its notes (which are in the layout's arena). */
static void
para_release(struct para *p)
{
	free(p->items);
	free(p->atoms);
	if (p->scratch != NULL)
		arena_free(p->scratch);
	p->items = NULL;
	p->atoms = NULL;
	p->scratch = NULL;
	p->n = p->cap = p->capatoms = 0;
}

static double
space_width(const struct lay *l, enum face face, double size)
{
	return lay_width(l, face >= FACE_FALLBACK ? FACE_REGULAR : face, NULL,
	    " ", 1, size);
}

static void
add_glue(struct lay *l, struct para *p, enum face face, double size)
{
	struct lb_item it;
	double w = space_width(l, face, size);

	memset(&it, 0, sizeof it);
	it.kind = LB_GLUE;
	it.width = w;
	it.stretch = w * 0.6;
	it.shrink = w * 0.3;
	push_item(p, &it, NULL);
}

/* How a run of text is set, made by its caller for that run: the face,
 * size and rise, whether the patterns may hyphenate it (not a word in
 * another language, not a label), the heading a reference links to and
 * the language it is shaped in (and tagged with, for words in another). */
struct setting {
	enum face face;
	double size, rise;
	int hyphenate;
	const struct mark *link;	/* NULL: none */
	unsigned char change;	/* enum piece_change */
	const char *lang;	/* NULL: the plan's */
	/* The word being added, shaped whole in face (NULL: none): its
	 * pieces in that face are measured as their share of it, so that
	 * kerning and ligatures across a hyphenation point count and the
	 * boxes of a word add up to the word as it is drawn. */
	const char *word;
	size_t word_len;
	const struct glyph_run *word_run;
};

/* One box of s in face (the setting's, or a fallback's). */
static void
add_box(struct lay *l, struct para *p, const struct setting *st,
    enum face face, const char *s, size_t len, struct pos pos)
{
	struct lb_item it;
	struct atom at;

	memset(&it, 0, sizeof it);
	it.kind = LB_BOX;
	if (st->word_run != NULL && face == st->face && s >= st->word &&
	    s + len <= st->word + st->word_len)
		it.width = shaping_span_width(st->word_run,
		    (size_t)(s - st->word), len, st->size);
	else
		it.width = lay_width(l, face, st->lang, s, len, st->size);
	at.face = face;
	at.lang = st->lang;
	at.size = st->size;
	at.rise = st->rise;
	at.text = s;
	at.len = len;
	at.pos = pos;
	at.link = st->link;
	at.change = st->change;
	at.role = 0;
	at.lang = st->lang;
	push_item(p, &it, &at);
}

void
para_box(struct lay *l, struct para *p, enum face face, double size,
    double rise, const char *s, size_t len, struct pos pos)
{
	struct setting st = { face, size, rise, 0, NULL, PIECE_SAME, NULL, NULL,
	    0, NULL };

	add_box(l, p, &st, face, s, len, pos);
}

static void
add_penalty(struct para *p, int cost, double width, int flagged)
{
	struct lb_item it;

	memset(&it, 0, sizeof it);
	it.kind = LB_PENALTY;
	it.penalty = cost;
	it.width = width;
	it.flagged = flagged;
	push_item(p, &it, NULL);
}

/* Positions inside one text, found in increasing order without counting
 * from its start each time: a paragraph of a megabyte on one source line
 * has tens of thousands of words. */
struct colcur {
	struct pos pos;		/* of s[0] */
	const char *s;
	size_t off;		/* counted up to here ... */
	int cols;		/* ... which is this many characters */
};

static void
colcur_init(struct colcur *c, struct pos pos, const char *s)
{
	c->pos = pos;
	c->s = s;
	c->off = 0;
	c->cols = 0;
}

/* The position of s + off; cheap when off only grows. */
static struct pos
colcur_at(struct colcur *c, size_t off)
{
	struct pos p = c->pos;

	if (p.file == NULL)
		return p;
	if (off < c->off) {
		c->off = 0;
		c->cols = 0;
	}
	c->cols += (int)utf8_count(c->s + c->off, off - c->off);
	c->off = off;
	p.col += c->cols;
	return p;
}

/* The face that sets cp: the run's own, else the first font of the
 * fallback chain that has it; FACE_COUNT if none has. */
enum face
para_face_for(const struct lay *l, enum face face, uint32_t cp)
{
	size_t k;

	if (font_has(l->fonts->face[face], cp))
		return face;
	for (k = 0; k < l->fonts->nfallback; k++)
		if (font_has(l->fonts->face[FACE_FALLBACK + k], cp))
			return (enum face)(FACE_FALLBACK + k);
	return FACE_COUNT;
}

/* Splits s into boxes by the face that has each character: the run's own
 * face where it can, the layout's fallback chain where it cannot. A
 * character no font has is reported and left out. */
static void
add_chars(struct lay *l, struct para *p, const struct setting *st,
    const char *s, size_t len, struct pos pos)
{
	size_t i = 0, start = 0, k;
	enum face face = st->face, cur = face, want;
	uint32_t cp;
	struct colcur cc;

	colcur_init(&cc, pos, s);
	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1;
		if ((want = para_face_for(l, face, cp)) == FACE_COUNT) {
			if (i > start)
				add_box(l, p, st, cur, s + start, i - start,
				    colcur_at(&cc, start));
			if (!l->quiet) {
				struct pos at = colcur_at(&cc, i);
				diag_report(l->d, D_MISSING_GLYPH, span_at(at),
				    "no font has the character U+%04X; it is "
				    "left out", (unsigned)cp);
			}
			i += k;
			start = i;
			continue;
		}
		if (want != cur && i > start) {
			add_box(l, p, st, cur, s + start, i - start,
			    colcur_at(&cc, start));
			start = i;
		}
		cur = want;
		i += k;
	}
	if (i > start)
		add_box(l, p, st, cur, s + start, i - start,
		    colcur_at(&cc, start));
}

static int
is_letter_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int
is_soft_hyphen(const char *s, size_t left)
{
	return left >= 2 && (unsigned char)s[0] == 0xC2 &&
	    (unsigned char)s[1] == 0xAD;
}

/* 1 if the byte at s lies inside a tie of the text run being added: no
 * line may break there. The ties are sorted and merged (find_ties), so
 * a bisection finds the one that could hold s. */
static int
tied(const struct lay *l, const char *s)
{
	size_t lo = 0, hi = l->nties, mid, off;

	if (l->nties == 0 || s < l->tie_base)
		return 0;
	off = (size_t)(s - l->tie_base);
	while (lo < hi) {		/* the first tie starting after off */
		mid = lo + (hi - lo) / 2;
		if (l->ties[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && off < l->ties[lo - 1].end;
}

/* What breaking the word at at adds to its line: the hyphen, and what
 * kerning and ligatures change when the word's start before at is set
 * with a hyphen after it ("r-" kerns in Carlito; "f-fi" loses its
 * ligature). Exact for a break in a word's first line; a later line of
 * the same word, or one with soft hyphens before at, counts the hyphen
 * alone. */
static double
hyphen_width(struct lay *l, const struct setting *st, const char *at)
{
	double w = lay_width(l, st->face, st->lang, "-", 1, st->size), whole;
	size_t n, i;
	char buf[256], *s;

	if (st->word_run == NULL || at <= st->word ||
	    at > st->word + st->word_len)
		return w;
	n = (size_t)(at - st->word);
	for (i = 0; i + 1 < n; i++)
		if (is_soft_hyphen(st->word + i, n - i))
			return w;
	/* Only measured: a word's start fits the stack but for an
	 * extraordinary word. */
	s = n + 1 <= sizeof buf ? buf : xmalloc(n + 1);
	memcpy(s, st->word, n);
	s[n] = '-';
	whole = lay_width(l, st->face, st->lang, s, n + 1, st->size) -
	    shaping_span_width(st->word_run, 0, n, st->size);
	if (s != buf)
		free(s);
	/* A visible hyphen has a width (para_set draws one only then). */
	return whole > 0 ? whole : w;
}

static void
add_hyphen_break(struct lay *l, struct para *p, const struct setting *st,
    const char *at, int visible)
{
	if (tied(l, at))
		return;
	/* TeX's \hyphenpenalty and \exhyphenpenalty: both 50, and both
	 * flagged, so that two hyphenated lines in a row cost extra. */
	add_penalty(p, 50, visible ? hyphen_width(l, st, at) : 0, 1);
}

/* A piece of a word between explicit break points: its letters may be
 * hyphenated by the patterns (unless patterns is 0, or the setting or the
 * paragraph forbids it); what surrounds them (quotes, punctuation) stays
 * attached. */
static void
add_fragment(struct lay *l, struct para *p, const struct setting *st,
    const char *w, size_t len, struct pos pos, int patterns)
{
	size_t at[32], n = 0, i, s = 0, e = len, prev;
	struct colcur cc;

	while (s < e && !is_letter_byte((unsigned char)w[s]))
		s++;
	while (e > s && !is_letter_byte((unsigned char)w[e - 1]))
		e--;
	/* Only words of letters are hyphenated: not "2018-2021", not ids. */
	for (i = s; i < e; i++)
		if (!is_letter_byte((unsigned char)w[i]))
			break;
	if (patterns && st->hyphenate && !p->unhyphenated && l->h != NULL &&
	    i == e && e - s >= 5 && st->rise == 0)
		n = hyphen_points(l->h, w + s, e - s, l->st->hyphen_left,
		    l->st->hyphen_right, at, 32);
	prev = 0;
	colcur_init(&cc, pos, w);
	for (i = 0; i < n; i++) {
		size_t cut = s + at[i];

		if (tied(l, w + cut))
			continue;
		add_chars(l, p, st, w + prev, cut - prev, colcur_at(&cc, prev));
		add_hyphen_break(l, p, st, w + cut, 1);
		prev = cut;
	}
	add_chars(l, p, st, w + prev, len - prev, colcur_at(&cc, prev));
}

/* One word. It may break after a hard hyphen ("opvang-" in "opvang- en
 * opvoedingsomgeving", "PO-Raad" unless a tie holds it) and at soft
 * hyphens (U+00AD, shown as a hyphen only where the line breaks); a word
 * with soft hyphens breaks only there, as its author chose. */
static void
add_word(struct lay *l, struct para *p, const struct setting *ws,
    const char *w, size_t len, struct pos pos)
{
	struct setting word = *ws;
	const struct setting *st = &word;
	int soft = 0;
	size_t i, start = 0;
	struct colcur cc;

	word.word = w;
	word.word_len = len;
	word.word_run = shaping_run(l->fonts->shaper, (int)ws->face, ws->lang,
	    w, len);
	colcur_init(&cc, pos, w);
	for (i = 0; i + 1 < len; i++)
		if (is_soft_hyphen(w + i, len - i))
			soft = 1;
	for (i = 0; i < len; i++) {
		if (is_soft_hyphen(w + i, len - i)) {
			add_fragment(l, p, st, w + start, i - start,
			    colcur_at(&cc, start), 0);
			if (i > start && i + 2 < len)
				add_hyphen_break(l, p, st, w + i, 1);
			start = i + 2;
			i++;
			continue;
		}
		if (w[i] == '-' && i > start && i + 1 < len &&
		    is_letter_byte((unsigned char)w[i + 1]) &&
		    is_letter_byte((unsigned char)w[i - 1])) {
			add_fragment(l, p, st, w + start, i + 1 - start,
			    colcur_at(&cc, start), !soft);
			add_hyphen_break(l, p, st, w + i, 0);
			start = i + 1;
		}
	}
	add_fragment(l, p, st, w + start, len - start, colcur_at(&cc, start),
	    !soft);
}

static int
by_start(const void *x, const void *y)
{
	const struct tie *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

/* Finds the ties of the layout in a text run: the spaces and hyphens
 * inside a match may not break. */
static void
find_ties(struct lay *l, const char *s, size_t len)
{
	size_t k;

	l->nties = 0;
	l->tie_base = s;
	for (k = 0; k < l->ntie_codes; k++) {
		size_t off = 0;
		int rc;

		while (off < len && (rc = pcre2_match(l->tie_codes[k],
		    (PCRE2_SPTR)s, len, off, 0, l->tie_match, NULL)) > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(l->tie_match);
			struct tie *t;

			if (ov[1] <= ov[0]) {
				off = ov[0] + 1;	/* an empty match */
				continue;
			}
			t = ARENA_PUSH(l->a, l->ties, l->nties, l->capties);
			t->start = ov[0];
			t->end = ov[1];
			off = ov[1];
		}
	}
	/* The matches of all ties in order, overlapping ones merged: tied()
	 * then asks only one of them. */
	if (l->nties > 1) {
		size_t i, n = 1;

		qsort(l->ties, l->nties, sizeof *l->ties, by_start);
		for (i = 1; i < l->nties; i++) {
			if (l->ties[i].start <= l->ties[n - 1].end) {
				if (l->ties[i].end > l->ties[n - 1].end)
					l->ties[n - 1].end = l->ties[i].end;
			} else
				l->ties[n++] = l->ties[i];
		}
		l->nties = n;
	}
}

/* Adds text set as st says: words separated by spaces become boxes and
 * glue. */
static void
add_text(struct lay *l, struct para *p, const struct setting *st,
    const char *s, size_t len, struct pos pos)
{
	size_t i = 0, j;
	struct colcur cc;

	colcur_init(&cc, pos, s);
	find_ties(l, s, len);
	while (i < len) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			/* A tied space: glue after a penalty is no break. */
			if (!p->space && p->n > 0 && tied(l, s + i))
				add_penalty(p, LB_INFINITY, 0, 0);
			p->space = 1;
			i++;
			continue;
		}
		for (j = i; j < len && s[j] != ' ' && s[j] != '\n' &&
		    s[j] != '\t'; j++)
			;
		if (p->space && p->n > 0)
			add_glue(l, p, st->face, st->size);
		p->space = 0;
		add_word(l, p, st, s + i, j - i, colcur_at(&cc, i));
		i = j;
	}
	l->nties = 0;
}

void
para_text(struct lay *l, struct para *p, enum face face, double size,
    double rise, const char *s, size_t len, struct pos pos)
{
	struct setting st = { face, size, rise, 1, NULL, PIECE_SAME, NULL, NULL,
	    0, NULL };

	add_text(l, p, &st, s, len, pos);
}

static enum face
face_of(unsigned style, enum face base)
{
	int bold = (style & RUN_BOLD) || base == FACE_BOLD ||
	    base == FACE_BOLD_ITALIC;
	int italic = (style & RUN_ITALIC) || base == FACE_ITALIC ||
	    base == FACE_BOLD_ITALIC;

	return bold && italic ? FACE_BOLD_ITALIC : bold ? FACE_BOLD :
	    italic ? FACE_ITALIC : FACE_REGULAR;
}

/* The heading of e in the last pass, or NULL (first pass, or not a
 * heading): the first of known_by with that entity (see lay_know). */
static const struct mark *
known_mark(const struct lay *l, const struct entity *e)
{
	size_t lo = 0, hi = l->nknown, mid;

	if (l->known_by == NULL)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((uintptr_t)l->known_by[mid]->entity < (uintptr_t)e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->nknown && l->known_by[lo]->entity == e ?
	    l->known_by[lo] : NULL;
}

/* What a [@id] reference prints: a name; for a part of the document its
 * number and, once a pass has placed it, its page: "paragraaf 3.2 (p. 9)". */
static const char *
ref_text(struct lay *l, const struct entity *e)
{
	const struct mark *m = known_mark(l, e);
	const char *s;

	switch (e->kind) {
	case ENT_PART:
		s = arena_printf(l->a, "%s %d", l->words[LW_REF_PART],
		    ((const struct part *)e)->number);
		break;
	case ENT_CHAPTER:
		s = arena_printf(l->a, "%s %d", l->words[LW_REF_CHAPTER],
		    ((const struct chapter *)e)->number);
		break;
	case ENT_SECTION:
		s = arena_printf(l->a, "%s %d.%d", l->words[LW_REF_SECTION],
		    ((const struct section *)e)->chapter->number,
		    ((const struct section *)e)->number);
		break;
	default:
		return entity_display_name(e);
	}
	l->page_refs++;
	if (m != NULL)
		s = arena_printf(l->a, "%s (%s\xC2\xA0%zu)", s,
		    l->words[LW_PAGE], m->page + 1);
	return s;
}

void
para_runs(struct lay *l, struct para *p, const struct run *runs, size_t n,
    enum face base, double size)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct run *r = &runs[i];
		enum face f = face_of(r->style, base);
		/* A redline's words: inserted, or removed and shown struck. */
		unsigned char ch = r->style & RUN_INSERTED ? PIECE_INSERTED :
		    r->style & RUN_DELETED ? PIECE_DELETED : PIECE_SAME;

		if (r->kind == RUN_TEXT) {
			/* Dutch patterns would hyphenate an English word
			 * wrongly; marked words are not hyphenated. */
			struct setting st = { f, size, 0,
			    (r->style & RUN_FOREIGN) == 0, NULL, ch, r->lang, NULL,
			    0, NULL };

			add_text(l, p, &st, r->text, r->len, r->pos);
		} else if (r->kind == RUN_REF && r->ref.target != NULL) {
			const char *t = ref_text(l, r->ref.target);
			struct setting st = { f, size, 0, 1,
			    known_mark(l, r->ref.target), ch, NULL, NULL, 0, NULL };

			add_text(l, p, &st, t, strlen(t), r->pos);
		} else if (r->kind == RUN_FOOTNOTE && r->ref.target != NULL &&
		    ch == PIECE_DELETED) {
			/* A removed mark is shown, struck; its note is the
			 * new plan's business (or gone). */
			const char *num = arena_printf(l->a, "%d",
			    ((const struct footnote *)r->ref.target)->number);

			para_box(l, p, FACE_REGULAR, size * 0.62, size * 0.38,
			    num, strlen(num), (struct pos){ NULL, 0, 0 });
			p->atoms[p->n - 1].change = ch;
		} else if (r->kind == RUN_FOOTNOTE && r->ref.target != NULL) {
			const struct footnote *fn =
			    (const struct footnote *)r->ref.target;
			const char *num = arena_printf(l->a, "%d", fn->number);
			struct note_ref *nr;

			/* A thin space keeps the mark apart from its word in
			 * extracted text without showing as a gap. */
			para_box(l, p, FACE_REGULAR, size * 0.62, size * 0.38,
			    num, strlen(num), (struct pos){ NULL, 0, 0 });
			p->atoms[p->n - 1].change = ch;
			p->atoms[p->n - 1].role = ROLE_REFERENCE;
			nr = ARENA_PUSH(l->a, p->notes, p->nnotes, p->capnotes);
			nr->item = p->n - 1;
			nr->note = fn;
		}
	}
}

/* Ends a paragraph the way TeX does: infinite fill glue and a forced
 * break, so the last line is set at its natural width. */
static void
end_para(struct para *p)
{
	struct lb_item it;

	memset(&it, 0, sizeof it);
	it.kind = LB_PENALTY;
	it.penalty = LB_INFINITY;
	push_item(p, &it, NULL);
	memset(&it, 0, sizeof it);
	it.kind = LB_GLUE;
	it.stretch = PARFILL_STRETCH;
	push_item(p, &it, NULL);
	add_penalty(p, -LB_INFINITY, 0, 0);
}

/* ---- setting lines ---- */

static double
measure(size_t line, void *ctx)
{
	(void)line;
	return *(const double *)ctx;
}

/* A word wider than the line cannot be set within the margins: TeX
 * lets it stick out (an overfull box), which a generated PDF must not.
 * Such a word is reported and cut into characters that may break
 * anywhere, without a hyphen: an emergency, but inside the measure. */
static void
split_long_words(struct lay *l, struct para *p, double w)
{
	struct para q;
	struct colcur cc;
	struct setting st = { FACE_REGULAR, 0, 0, 0, NULL, PIECE_SAME, NULL, NULL,
	    0, NULL };
	size_t i, j, k, *map;
	int any = 0;

	for (i = 0; i < p->n; i = j + 1) {
		double width = 0, seg = 0, widest = 0;

		/* The widest stretch between places the word may break
		 * (hyphenation points) decides. */
		for (j = i; j < p->n && p->items[j].kind != LB_GLUE; j++) {
			if (p->items[j].kind == LB_BOX) {
				width += p->items[j].width;
				seg += p->items[j].width;
			} else if (p->items[j].penalty < LB_INFINITY)
				seg = 0;
			if (seg > widest)
				widest = seg;
		}
		if (widest <= w + 0.01)
			continue;
		any = 1;
		for (k = i; k < j; k++)
			p->items[k].flagged |= 2;	/* mark: to split */
		if (!l->quiet && p->items[i].kind == LB_BOX) {
			const struct atom *at = &p->atoms[i];
			diag_report(l->d, D_LONG_WORD, span_at(at->pos),
			    "a word of %.0f pt does not fit in a line of %.0f "
			    "pt; it is broken without a hyphen", width, w);
		}
	}
	if (!any)
		return;
	memset(&q, 0, sizeof q);
	q.scratch = arena_new();
	map = arena_alloc(q.scratch, (p->n + 1) * sizeof *map);
	for (i = 0; i < p->n; i++) {
		struct lb_item it = p->items[i];
		const struct atom *at = &p->atoms[i];
		size_t off = 0, n;
		uint32_t cp;

		if (!(it.flagged & 2)) {
			map[i] = q.n;
			push_item(&q, &it, it.kind == LB_BOX ? at : NULL);
			continue;
		}
		it.flagged &= ~2;
		if (it.kind != LB_BOX) {
			map[i] = q.n;
			push_item(&q, &it, NULL);
			continue;
		}
		map[i] = q.n;
		colcur_init(&cc, at->pos, at->text);
		st.face = at->face;
		st.size = at->size;
		st.rise = at->rise;
		st.link = at->link;
		st.change = at->change;
		st.lang = at->lang;
		for (off = 0; off < at->len; off += n) {
			n = utf8_decode(at->text + off, at->len - off, &cp);
			if (n == 0)
				n = 1;
			if (off > 0)
				add_penalty(&q, 0, 0, 0);
			add_box(l, &q, &st, at->face, at->text + off, n,
			    colcur_at(&cc, off));
		}
	}
	q.notes = p->notes;
	q.nnotes = p->nnotes;
	q.capnotes = p->capnotes;
	for (k = 0; k < q.nnotes; k++)
		q.notes[k].item = map[q.notes[k].item];
	q.space = p->space;
	q.unhyphenated = p->unhyphenated;
	para_release(p);
	*p = q;
}

/* The inline element a piece is in: a link, a footnote's mark or words in
 * another language, the open one of the paragraph's (elem 0: none). */
struct inline_elem {
	unsigned elem;
	unsigned char role;
	const void *link;
	const char *lang;
};

/* The structure element of a new piece made from at (and its role in
 * *role): p's own element, or an inline child of it for a link, a
 * footnote's mark or words in another language; the pieces of one link
 * or language in a row share one. A paragraph without an element is
 * furniture: its pieces are artifacts. */
static unsigned
piece_elem(struct lay *l, const struct para *p, const struct atom *at,
    struct inline_elem *open, unsigned char *role)
{
	unsigned char r = at->link != NULL ? ROLE_LINK : at->role ==
	    ROLE_REFERENCE ? ROLE_REFERENCE : at->lang != NULL ? ROLE_SPAN :
	    ROLE_ARTIFACT;

	if (p->elem == 0) {
		*role = ROLE_ARTIFACT;
		return 0;
	}
	if (r == ROLE_ARTIFACT) {
		open->elem = 0;
		*role = l->doc->elems[p->elem].role;
		return p->elem;
	}
	if (open->elem == 0 || open->role != r || r == ROLE_REFERENCE ||
	    open->link != at->link || (r == ROLE_SPAN &&
	    strcmp(open->lang, at->lang) != 0)) {
		open->elem = lay_elem(l, (enum role)r, p->elem);
		open->role = r;
		open->link = at->link;
		open->lang = at->lang;
		if (r == ROLE_SPAN)
			lay_elem_edit(l, open->elem)->lang = at->lang;
	}
	*role = r;
	return open->elem;
}

/* Sets the pieces of ln where their shaped widths put them. A piece is
 * measured as its boxes (a word's share of the word shaped whole), but
 * drawn shaped on its own: after a break inside a word the two sides are
 * shaped apart, and a ligature or kern across the break ("leef-|tijd"
 * with Carlito's ft) is gone. Each piece moves by what the pieces before
 * it grew or shrank; on a line that fills the measure (fill) the spaces
 * take the difference back, so it still ends on the margin. */
static void
fit_line(struct lay *l, struct arena *scratch, struct line *ln,
    const double *measured, const unsigned char *gap, int fill)
{
	double acc = 0, total = 0, *delta;
	size_t k, gaps = 0, g = 0;

	if (ln->n == 0)
		return;
	delta = arena_alloc_uninit(scratch, ln->n * sizeof *delta);
	for (k = 0; k < ln->n; k++) {
		const struct piece *pc = &ln->pieces[k];

		delta[k] = lay_width(l, pc->face, pc->lang, pc->text, pc->len,
		    pc->size) - measured[k];
		total += delta[k];
		gaps += gap[k];
	}
	if (total == 0)
		return;
	for (k = 0; k < ln->n; k++) {
		g += gap[k];
		ln->pieces[k].x += acc - (fill && gaps > 0 ? total * (double)g /
		    (double)gaps : 0);
		acc += delta[k];
	}
}

/* Breaks p into lines of width w starting at x; justify sets every line
 * but the last flush with both margins. */
void
para_set(struct lay *l, struct para *p, double x, double w, double leading,
    int justify, struct lines *out)
{
	struct lb_params pr;
	struct lb_line *br;
	struct inline_elem open = { 0, 0, NULL, NULL };
	size_t nl, i, j, start = 0, k = 0;

	if (p->n == 0)
		return;
	l->npara++;
	split_long_words(l, p, w);
	end_para(p);
	lb_params_default(&pr);
	pr.tolerance = 400;
	pr.hyphen_limit = l->st->hyphen_run;
	if (!justify) {
		/* Ragged right: a short line costs what it looks like. Narrow
		 * table cells need the wider tolerance and 3em of end
		 * stretch. */
		pr.line_stretch = 3 * l->ts->size;
		pr.tolerance = 10000;
	}
	nl = lb_break(p->scratch, p->items, p->n, measure, &w, &pr, &br);
	for (i = 0; i < nl; i++) {
		struct line *ln = ARENA_PUSH(l->lines, out->items, out->n, out->cap);
		double r = br[i].ratio, cx = x;
		size_t cap = 0, capn = 0;
		/* per piece: the width its boxes were measured with, and
		 * whether a space comes before it */
		double *measured = arena_alloc(p->scratch, (br[i].end - start +
		    1) * sizeof *measured);
		unsigned char *gap = arena_alloc(p->scratch, br[i].end - start +
		    1);
		int glued = 1;

		/* Ragged lines keep their spaces; a paragraph's last line is
		 * not stretched, but shrunk if it was broken counting on
		 * it. */
		if (!justify || (i + 1 == nl && r > 0))
			r = 0;
		if (r > 3)
			r = 3;	/* a line that cannot be filled stays loose, not torn */
		ln->height = leading;
		/* Skip the glue and penalties a break leaves at line start. */
		while (start < br[i].end && p->items[start].kind != LB_BOX)
			start++;
		for (j = start; j < br[i].end; j++) {
			const struct lb_item *it = &p->items[j];
			const struct atom *at = &p->atoms[j];
			struct piece *pc;

			if (it->kind == LB_GLUE) {
				cx += it->width + (r > 0 ? r * it->stretch :
				    r * it->shrink);
				if (ln->n > 0 && it->width > 0)
					ln->pieces[ln->n - 1].space = 1;
				glued = 1;
				continue;
			}
			if (it->kind != LB_BOX)
				continue;
			pc = ln->n ? &ln->pieces[ln->n - 1] : NULL;
			/* Pieces of one word in one face become one piece,
			 * so the PDF holds whole words. */
			if (pc != NULL && !glued && pc->face == at->face &&
			    pc->link == at->link && pc->change == at->change &&
			    pc->lang == at->lang &&
			    pc->size == at->size && pc->y == at->rise) {
				/* The pieces of a word cut at hyphenation
				 * points follow each other in its text: the
				 * piece grows over the next without a copy. */
				if (pc->text + pc->len != at->text) {
					char *t = arena_alloc_uninit(l->a,
					    pc->len + at->len + 1);
					memcpy(t, pc->text, pc->len);
					memcpy(t + pc->len, at->text, at->len);
					t[pc->len + at->len] = '\0';
					pc->text = t;
				}
				pc->len += at->len;
				measured[ln->n - 1] += it->width;
			} else {
				measured[ln->n] = it->width;
				gap[ln->n] = glued && ln->n > 0;
				pc = ARENA_PUSH(l->lines, ln->pieces, ln->n, cap);
				pc->x = cx;
				pc->y = at->rise;
				pc->face = at->face;
				pc->size = at->size;
				pc->text = at->text;
				pc->len = at->len;
				pc->para = l->npara;
				pc->link = at->link;
				pc->change = at->change;
				pc->elem = piece_elem(l, p, at, &open,
				    &pc->role);
				pc->lang = at->lang;
			}
			cx += it->width;
			glued = 0;
		}
		/* A line ending in a broken word: the break counts as a
		 * hyphenated line for the page breaker whether or not a
		 * hyphen is drawn, but only a break with a width (one the
		 * patterns or a soft hyphen made) draws one; a break after a
		 * word's own hyphen ("onderwijs-zorg-") has it already. */
		ln->hyphenated = br[i].hyphenated;
		if (br[i].hyphenated && ln->n > 0 && br[i].end < p->n &&
		    p->items[br[i].end].width > 0) {
			struct piece *pc = &ln->pieces[ln->n - 1];
			char *t = arena_alloc_uninit(l->a, pc->len + 2);
			memcpy(t, pc->text, pc->len);
			t[pc->len] = '-';
			t[pc->len + 1] = '\0';
			pc->text = t;
			pc->len++;
			pc->hyphen = 1;
			measured[ln->n - 1] += p->items[br[i].end].width;
		}
		/* A line broken at a space, not the last, ends in one for
		 * whoever reads the text. */
		if (!br[i].hyphenated && i + 1 < nl && ln->n > 0)
			ln->pieces[ln->n - 1].space = 1;
		fit_line(l, p->scratch, ln, measured, gap, justify && i + 1 < nl &&
		    br[i].ratio <= 3);
		/* The marks come in the order of their items: each line
		 * takes the next few. */
		for (; k < p->nnotes && p->notes[k].item < br[i].end; k++)
			if (p->notes[k].item >= start)
				*ARENA_PUSH(l->lines, ln->notes, ln->nnotes, capn) =
				    p->notes[k].note;
		start = br[i].end + 1;
	}
	para_release(p);
	memset(p, 0, sizeof *p);
}

/* The layout's ties as PCRE2 patterns (UTF). style.c has checked them;
 * one that does not compile here is left out. */
void
para_ties_compile(struct lay *l)
{
	size_t k;

	l->tie_codes = arena_alloc(l->a, (l->st->nties + 1) *
	    sizeof *l->tie_codes);
	for (k = 0; k < l->st->nties; k++) {
		int err;
		PCRE2_SIZE off;
		pcre2_code *c = pcre2_compile((PCRE2_SPTR)l->st->ties[k],
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL);

		if (c != NULL)
			l->tie_codes[l->ntie_codes++] = c;
	}
	if ((l->tie_match = pcre2_match_data_create(4, NULL)) == NULL)
		arena_oom();
}

void
para_ties_free(struct lay *l)
{
	size_t k;

	for (k = 0; k < l->ntie_codes; k++)
		pcre2_code_free(l->tie_codes[k]);
	pcre2_match_data_free(l->tie_match);
}
