/* layout.c - turns the checked plan into pages. Text is measured with the
 * real fonts (font.c), hyphenated (hyphen.c) and broken into lines by total
 * fit (linebreak.c); lines flow into pages with keep-with-next headings,
 * widow and orphan control and footnotes at the foot of the page of their
 * mark. The contents pages are laid out last and the body again if their
 * number changed, so page numbers are exact in one invocation. */
#include "layout.h"
#include "layout_int.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "font.h"
#include "hyphen.h"
#include "linebreak.h"
#include "markup.h"
#include "model.h"
#include "utf8.h"


/* ---- building a paragraph: boxes, glue and penalties ---- */





static void
push_item(struct lay *l, struct para *p, const struct lb_item *it,
    const struct atom *at)
{
	size_t capitems = p->cap;

	*ARENA_PUSH(l->a, p->items, p->n, p->cap) = *it;
	p->n--;
	arena_grow(l->a, (void **)&p->atoms, &p->capatoms, p->n + 1,
	    sizeof *p->atoms);
	(void)capitems;
	if (at != NULL)
		p->atoms[p->n] = *at;
	else
		memset(&p->atoms[p->n], 0, sizeof p->atoms[p->n]);
	p->n++;
}

static double
space_width(const struct lay *l, enum face face, double size)
{
	return font_width(l->fonts->face[face >= FACE_FALLBACK ? FACE_REGULAR :
	    face], " ", 1, size);
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
	push_item(l, p, &it, NULL);
}

static void
add_box(struct lay *l, struct para *p, enum face face, double size,
    double rise, const char *s, size_t len, struct pos pos)
{
	struct lb_item it;
	struct atom at;

	memset(&it, 0, sizeof it);
	it.kind = LB_BOX;
	it.width = font_width(l->fonts->face[face], s, len, size);
	at.face = face;
	at.size = size;
	at.rise = rise;
	at.text = s;
	at.len = len;
	at.pos = pos;
	at.link = l->link;
	push_item(l, p, &it, &at);
}

static void
add_penalty(struct lay *l, struct para *p, int cost, double width,
    int flagged)
{
	struct lb_item it;

	memset(&it, 0, sizeof it);
	it.kind = LB_PENALTY;
	it.penalty = cost;
	it.width = width;
	it.flagged = flagged;
	push_item(l, p, &it, NULL);
}

/* The position of s + off, for text that starts at pos. */
static struct pos
pos_plus(struct pos pos, const char *s, size_t off)
{
	if (pos.file != NULL)
		pos.col += (int)utf8_count(s, off);
	return pos;
}

/* The face that sets cp: the run's own, else the first font of the
 * fallback chain that has it; FACE_COUNT if none has. */
static enum face
face_for(const struct lay *l, enum face face, uint32_t cp)
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
add_chars(struct lay *l, struct para *p, enum face face, double size,
    double rise, const char *s, size_t len, struct pos pos)
{
	size_t i = 0, start = 0, k;
	enum face cur = face, want;
	uint32_t cp;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1;
		if ((want = face_for(l, face, cp)) == FACE_COUNT) {
			if (i > start)
				add_box(l, p, cur, size, rise, s + start,
				    i - start, pos_plus(pos, s, start));
			if (!l->quiet) {
				struct pos at = pos;
				if (at.file != NULL)
					at.col += (int)utf8_count(s, i);
				diag_report(l->d, D_MISSING_GLYPH, span_at(at),
				    "no font has the character U+%04X; it is "
				    "left out", (unsigned)cp);
			}
			i += k;
			start = i;
			continue;
		}
		if (want != cur && i > start) {
			add_box(l, p, cur, size, rise, s + start, i - start,
			    pos_plus(pos, s, start));
			start = i;
		}
		cur = want;
		i += k;
	}
	if (i > start)
		add_box(l, p, cur, size, rise, s + start, i - start,
		    pos_plus(pos, s, start));
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
 * line may break there. */
static int
tied(const struct lay *l, const char *s)
{
	size_t k;

	for (k = 0; k < l->nties; k++)
		if (s >= l->tie_base + l->ties[k].start &&
		    s < l->tie_base + l->ties[k].end)
			return 1;
	return 0;
}

static void
add_hyphen_break(struct lay *l, struct para *p, enum face face, double size,
    const char *at, int visible)
{
	if (tied(l, at))
		return;
	/* TeX's \hyphenpenalty and \exhyphenpenalty: both 50, and both
	 * flagged, so that two hyphenated lines in a row cost extra. */
	add_penalty(l, p, 50, visible ? font_width(l->fonts->face[face], "-", 1,
	    size) : 0, 1);
}

/* A piece of a word between explicit break points: its letters may be
 * hyphenated by the patterns (unless patterns is 0); what surrounds them
 * (quotes, punctuation) stays attached. */
static void
add_fragment(struct lay *l, struct para *p, enum face face, double size,
    double rise, const char *w, size_t len, struct pos pos, int patterns)
{
	size_t at[32], n = 0, i, s = 0, e = len, prev;

	while (s < e && !is_letter_byte((unsigned char)w[s]))
		s++;
	while (e > s && !is_letter_byte((unsigned char)w[e - 1]))
		e--;
	/* Only words of letters are hyphenated: not "2018-2021", not ids. */
	for (i = s; i < e; i++)
		if (!is_letter_byte((unsigned char)w[i]))
			break;
	if (patterns && !l->foreign && l->h != NULL && i == e && e - s >= 5 &&
	    rise == 0)
		n = hyphen_points(l->h, w + s, e - s, l->st->hyphen_left,
		    l->st->hyphen_right, at, 32);
	prev = 0;
	for (i = 0; i < n; i++) {
		size_t cut = s + at[i];
		struct pos here = pos;

		if (tied(l, w + cut))
			continue;
		if (here.file != NULL)
			here.col += (int)utf8_count(w, prev);
		add_chars(l, p, face, size, rise, w + prev, cut - prev, here);
		add_hyphen_break(l, p, face, size, w + cut, 1);
		prev = cut;
	}
	if (pos.file != NULL)
		pos.col += (int)utf8_count(w, prev);
	add_chars(l, p, face, size, rise, w + prev, len - prev, pos);
}

/* One word. It may break after a hard hyphen ("opvang-" in "opvang- en
 * opvoedingsomgeving", "PO-Raad" unless a tie holds it) and at soft
 * hyphens (U+00AD, shown as a hyphen only where the line breaks); a word
 * with soft hyphens breaks only there, as its author chose. */
static void
add_word(struct lay *l, struct para *p, enum face face, double size,
    double rise, const char *w, size_t len, struct pos pos)
{
	int soft = 0;
	size_t i, start = 0;

	for (i = 0; i + 1 < len; i++)
		if (is_soft_hyphen(w + i, len - i))
			soft = 1;
	for (i = 0; i < len; i++) {
		struct pos here = pos;

		if (here.file != NULL)
			here.col += (int)utf8_count(w, start);
		if (is_soft_hyphen(w + i, len - i)) {
			add_fragment(l, p, face, size, rise, w + start,
			    i - start, here, 0);
			if (i > start && i + 2 < len)
				add_hyphen_break(l, p, face, size, w + i, 1);
			start = i + 2;
			i++;
			continue;
		}
		if (w[i] == '-' && i > start && i + 1 < len &&
		    is_letter_byte((unsigned char)w[i + 1]) &&
		    is_letter_byte((unsigned char)w[i - 1])) {
			add_fragment(l, p, face, size, rise, w + start,
			    i + 1 - start, here, !soft);
			add_hyphen_break(l, p, face, size, w + i, 0);
			start = i + 1;
		}
	}
	if (pos.file != NULL)
		pos.col += (int)utf8_count(w, start);
	add_fragment(l, p, face, size, rise, w + start, len - start, pos, !soft);
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
}

/* Adds text in face: words separated by spaces become boxes and glue. */
static void
add_text(struct lay *l, struct para *p, enum face face, double size,
    double rise, const char *s, size_t len, struct pos pos)
{
	size_t i = 0, j;

	find_ties(l, s, len);
	while (i < len) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			/* A tied space: glue after a penalty is no break. */
			if (!p->space && p->n > 0 && tied(l, s + i))
				add_penalty(l, p, LB_INFINITY, 0, 0);
			p->space = 1;
			i++;
			continue;
		}
		for (j = i; j < len && s[j] != ' ' && s[j] != '\n' &&
		    s[j] != '\t'; j++)
			;
		if (p->space && p->n > 0)
			add_glue(l, p, face, size);
		p->space = 0;
		{
			struct pos at = pos;
			if (at.file != NULL)
				at.col += (int)utf8_count(s, i);
			add_word(l, p, face, size, rise, s + i, j - i, at);
		}
		i = j;
	}
	l->nties = 0;
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
 * heading). */
static const struct mark *
known_mark(const struct lay *l, const struct entity *e)
{
	size_t i;

	for (i = 0; i < l->nknown; i++)
		if (l->known[i].entity == e)
			return &l->known[i];
	return NULL;
}

/* What a [@id] reference prints: a name; for a part of the document its
 * number and, once a pass has placed it, its page: "paragraaf 3.2 (p. 9)". */
static const char *
ref_text(struct lay *l, const struct entity *e)
{
	const struct mark *m = known_mark(l, e);
	int nl = strcmp(l->plan->meta.lang.s, "nl") == 0;
	const char *s;

	switch (e->kind) {
	case ENT_PART:
		s = arena_printf(l->a, "%s %d", nl ? "deel" : "part",
		    ((const struct part *)e)->number);
		break;
	case ENT_CHAPTER:
		s = arena_printf(l->a, "%s %d", nl ? "hoofdstuk" : "chapter",
		    ((const struct chapter *)e)->number);
		break;
	case ENT_SECTION:
		s = arena_printf(l->a, "%s %d.%d", nl ? "paragraaf" : "section",
		    ((const struct section *)e)->chapter->number,
		    ((const struct section *)e)->number);
		break;
	default:
		return entity_display_name(e);
	}
	l->page_refs++;
	if (m != NULL)
		s = arena_printf(l->a, "%s (p.\xC2\xA0%zu)", s, m->page + 1);
	return s;
}

static void
add_runs(struct lay *l, struct para *p, const struct run *runs, size_t n,
    enum face base, double size)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct run *r = &runs[i];
		enum face f = face_of(r->style, base);

		if (r->kind == RUN_TEXT) {
			/* Dutch patterns would hyphenate an English word
			 * wrongly; marked words are not hyphenated. */
			l->foreign = (r->style & RUN_FOREIGN) != 0;
			add_text(l, p, f, size, 0, r->text, r->len, r->pos);
			l->foreign = 0;
		}
		else if (r->kind == RUN_REF && r->ref.target != NULL) {
			const char *t = ref_text(l, r->ref.target);

			l->link = known_mark(l, r->ref.target);
			add_text(l, p, f, size, 0, t, strlen(t), r->pos);
			l->link = NULL;
		} else if (r->kind == RUN_FOOTNOTE && r->ref.target != NULL) {
			const struct footnote *fn =
			    (const struct footnote *)r->ref.target;
			const char *num = arena_printf(l->a, "%d", fn->number);
			struct note_ref *nr;

			/* A thin space keeps the mark apart from its word in
			 * extracted text without showing as a gap. */
			add_box(l, p, FACE_REGULAR, size * 0.62, size * 0.38,
			    num, strlen(num), (struct pos){ NULL, 0, 0 });
			nr = ARENA_PUSH(l->a, p->notes, p->nnotes, p->capnotes);
			nr->item = p->n - 1;
			nr->note = fn;
		}
	}
}

/* Ends a paragraph the way TeX does: infinite fill glue and a forced
 * break, so the last line is set at its natural width. */
static void
end_para(struct lay *l, struct para *p)
{
	struct lb_item it;

	memset(&it, 0, sizeof it);
	it.kind = LB_PENALTY;
	it.penalty = LB_INFINITY;
	push_item(l, p, &it, NULL);
	memset(&it, 0, sizeof it);
	it.kind = LB_GLUE;
	it.stretch = 100000;
	push_item(l, p, &it, NULL);
	add_penalty(l, p, -LB_INFINITY, 0, 0);
}

/* ---- setting lines ---- */

static double measure_w;

static double
measure(size_t line, void *ctx)
{
	(void)line;
	(void)ctx;
	return measure_w;
}

/* A word wider than the line cannot be set within the margins: TeX
 * lets it stick out (an overfull box), which a generated PDF must not.
 * Such a word is reported and cut into characters that may break
 * anywhere, without a hyphen: an emergency, but inside the measure. */
static void
split_long_words(struct lay *l, struct para *p, double w)
{
	struct para q;
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
	map = arena_alloc(l->a, (p->n + 1) * sizeof *map);
	for (i = 0; i < p->n; i++) {
		struct lb_item it = p->items[i];
		const struct atom *at = &p->atoms[i];
		size_t off = 0, n;
		uint32_t cp;

		if (!(it.flagged & 2)) {
			map[i] = q.n;
			push_item(l, &q, &it, it.kind == LB_BOX ? at : NULL);
			continue;
		}
		it.flagged &= ~2;
		if (it.kind != LB_BOX) {
			map[i] = q.n;
			push_item(l, &q, &it, NULL);
			continue;
		}
		map[i] = q.n;
		for (off = 0; off < at->len; off += n) {
			n = utf8_decode(at->text + off, at->len - off, &cp);
			if (n == 0)
				n = 1;
			if (off > 0)
				add_penalty(l, &q, 0, 0, 0);
			add_box(l, &q, at->face, at->size, at->rise,
			    at->text + off, n, pos_plus(at->pos, at->text, off));
		}
	}
	q.notes = p->notes;
	q.nnotes = p->nnotes;
	q.capnotes = p->capnotes;
	for (k = 0; k < q.nnotes; k++)
		q.notes[k].item = map[q.notes[k].item];
	q.space = p->space;
	*p = q;
}

/* Breaks p into lines of width w starting at x; justify sets every line
 * but the last flush with both margins. */
static void
set_para(struct lay *l, struct para *p, double x, double w, double leading,
    int justify, struct lines *out)
{
	struct lb_params pr;
	struct lb_line *br;
	size_t nl, i, j, start = 0, k;

	if (p->n == 0)
		return;
	l->npara++;
	split_long_words(l, p, w);
	end_para(l, p);
	lb_params_default(&pr);
	pr.tolerance = justify ? 400 : 10000;
	measure_w = w;
	nl = lb_break(l->a, p->items, p->n, measure, NULL, &pr, &br);
	for (i = 0; i < nl; i++) {
		struct line *ln = ARENA_PUSH(l->a, out->items, out->n, out->cap);
		double r = br[i].ratio, cx = x;
		size_t cap = 0, capn = 0;
		int glued = 1;

		/* Ragged lines and a paragraph's last line are not stretched,
		 * but shrunk if they were broken counting on it. */
		if ((!justify || i + 1 == nl) && r > 0)
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
				glued = 1;
				continue;
			}
			if (it->kind != LB_BOX)
				continue;
			pc = ln->n ? &ln->pieces[ln->n - 1] : NULL;
			/* Pieces of one word in one face become one piece,
			 * so the PDF holds whole words. */
			if (pc != NULL && !glued && pc->face == at->face &&
			    pc->link == at->link &&
			    pc->size == at->size && pc->y == at->rise) {
				char *t = arena_alloc(l->a, pc->len + at->len + 1);
				memcpy(t, pc->text, pc->len);
				memcpy(t + pc->len, at->text, at->len);
				pc->text = t;
				pc->len += at->len;
			} else {
				pc = ARENA_PUSH(l->a, ln->pieces, ln->n, cap);
				pc->x = cx;
				pc->y = at->rise;
				pc->face = at->face;
				pc->size = at->size;
				pc->text = at->text;
				pc->len = at->len;
				pc->para = l->npara;
				pc->link = at->link;
			}
			cx += it->width;
			glued = 0;
		}
		ln->hyphenated = br[i].hyphenated;
		if (br[i].hyphenated && ln->n > 0) {
			struct piece *pc = &ln->pieces[ln->n - 1];
			char *t = arena_alloc(l->a, pc->len + 2);
			memcpy(t, pc->text, pc->len);
			t[pc->len] = '-';
			pc->text = t;
			pc->len++;
		}
		for (k = 0; k < p->nnotes; k++)
			if (p->notes[k].item >= start && p->notes[k].item <
			    br[i].end)
				*ARENA_PUSH(l->a, ln->notes, ln->nnotes, capn) =
				    p->notes[k].note;
		start = br[i].end + 1;
	}
	memset(p, 0, sizeof *p);
}

/* ---- pages ---- */

static void place_footnotes(struct lay *l);
static void foot_carry(struct lay *l, int flush);

void
lay_new_page(struct lay *l)
{
	if (l->page != NULL)
		place_footnotes(l);
	l->page = ARENA_PUSH(l->a, l->doc->pages, l->doc->npages,
	    l->doc->cappages);
	l->page->number = (int)l->doc->npages;
	l->page->width = l->landscape ? l->st->page_h : l->st->page_w;
	l->page->height = l->landscape ? l->st->page_w : l->st->page_h;
	l->page->part = l->part;
	l->page->chapter = l->chapter;
	l->y = l->page->height - l->st->margin_t;
	l->foot = 0;
	l->notes.n = 0;
	foot_carry(l, 0);
}

/* A piece of a reference becomes a link area; the words of one
 * reference on one line become one area. */
static void
link_piece(struct lay *l, const struct piece *pc)
{
	struct link *k = l->page->nlinks ?
	    &l->page->links[l->page->nlinks - 1] : NULL;
	double x1 = pc->x + font_width(l->fonts->face[pc->face], pc->text,
	    pc->len, pc->size);

	if (k != NULL && k->page == pc->link->page && k->y == pc->link->y &&
	    k->y0 == pc->y - pc->size * 0.25 && pc->x >= k->x1 - 0.01 &&
	    pc->x - k->x1 < pc->size) {
		k->x1 = x1;
		return;
	}
	k = ARENA_PUSH(l->a, l->page->links, l->page->nlinks,
	    l->page->caplinks);
	k->x0 = pc->x;
	k->x1 = x1;
	k->y0 = pc->y - pc->size * 0.25;
	k->y1 = pc->y + pc->size * 0.85;
	k->page = pc->link->page;
	k->y = pc->link->y;
}

void
lay_put_line(struct lay *l, const struct line *ln, double baseline)
{
	size_t i;

	for (i = 0; i < ln->n; i++) {
		struct piece *pc = ARENA_PUSH(l->a, l->page->pieces,
		    l->page->npieces, l->page->cappieces);
		*pc = ln->pieces[i];
		pc->y = baseline + ln->pieces[i].y;
		if (pc->link != NULL)
			link_piece(l, pc);
	}
}

/* Lays a footnote out in the full measure; returns its lines' height. */
static double
note_lines(struct lay *l, const struct footnote *fn, struct lines *out)
{
	struct para p;
	const char *num = arena_printf(l->a, "%d", fn->number);
	size_t i;
	double h = 0;

	memset(&p, 0, sizeof p);
	add_box(l, &p, FACE_REGULAR, l->st->note.size * 0.7,
	    l->st->note.size * 0.35, num, strlen(num), (struct pos){ NULL, 0, 0 });
	p.space = 1;
	/* Footnotes are prose; their paragraphs run on in one. */
	for (i = 0; i < fn->text.nblocks; i++) {
		const struct block *b = &fn->text.blocks[i];
		p.space = 1;
		add_runs(l, &p, b->runs, b->nruns, FACE_REGULAR, l->st->note.size);
	}
	set_para(l, &p, l->st->margin_l, lay_text_width(l),
	    l->st->note.size * 1.2, 1, out);
	for (i = 0; i < out->n; i++)
		h += out->items[i].height;
	return h;
}

/* The space a page's first footnote takes for the rule above the notes. */
#define NOTE_RULE_SPACE 10.0

/* The footnote lines of the page at its foot, above the bottom margin,
 * under a short rule. */
static void
place_footnotes(struct lay *l)
{
	double y = l->st->margin_b + l->foot;
	size_t i;

	if (l->notes.n == 0)
		return;
	if (l->st->note_rule_width > 0) {
		struct rule *r = ARENA_PUSH(l->a, l->page->rules,
		    l->page->nrules, l->page->caprules);
		memset(r, 0, sizeof *r);
		r->x = l->st->margin_l;
		r->y = y - 4;
		r->width = l->st->note_rule_width;
		r->thickness = 0.5;
	}
	y -= NOTE_RULE_SPACE - 4;
	for (i = 0; i < l->notes.n; i++) {
		y -= l->notes.items[i].height;
		lay_put_line(l, &l->notes.items[i], y + l->st->note.size * 0.25);
	}
	l->notes.n = 0;
}

/* Adds footnote lines from ls->items[from] on to this page's foot while
 * they fit, leaving reserve points for the text; the rest wait in
 * l->carry, in order, for the next page. */
static void
foot_add(struct lay *l, const struct lines *ls, size_t from, double reserve)
{
	size_t i;

	for (i = from; i < ls->n; i++) {
		const struct line *ln = &ls->items[i];
		double h = ln->height + (l->notes.n == 0 ? NOTE_RULE_SPACE : 0);

		if (l->carry.n > 0 || !lay_fits(l, h + reserve)) {
			*ARENA_PUSH(l->a, l->carry.items, l->carry.n,
			    l->carry.cap) = *ln;
			continue;
		}
		*ARENA_PUSH(l->a, l->notes.items, l->notes.n, l->notes.cap) =
		    *ln;
		l->foot += h;
	}
}

/* Footnote lines continued from the last page go first at this page's
 * foot, taking at most half of it, unless the text is done (flush). */
static void
foot_carry(struct lay *l, int flush)
{
	struct lines c = l->carry;

	l->carry.items = NULL;
	l->carry.n = l->carry.cap = 0;
	foot_add(l, &c, 0, flush ? 0 : (l->page->height - l->st->margin_t -
	    l->st->margin_b) / 2);
}

static double
notes_height(struct lay *l, const struct line *ln)
{
	double h = 0;
	size_t i;

	for (i = 0; i < ln->nnotes; i++) {
		struct lines ls = { NULL, 0, 0 };
		h += note_lines(l, ln->notes[i], &ls);
	}
	if (ln->nnotes > 0 && l->notes.n == 0)
		h += NOTE_RULE_SPACE;
	return h;
}

/* The least of ln's footnotes that must share its page: the rule and two
 * lines of the first note; the rest may continue on the next page. */
static double
notes_min_height(struct lay *l, const struct line *ln)
{
	struct lines ls = { NULL, 0, 0 };
	double h = 0;
	size_t i;

	if (ln->nnotes == 0)
		return 0;
	note_lines(l, ln->notes[0], &ls);
	for (i = 0; i < ls.n && i < 2; i++)
		h += ls.items[i].height;
	return h + (l->notes.n == 0 ? NOTE_RULE_SPACE : 0);
}

double
lay_text_width(const struct lay *l)
{
	double pw = l->page != NULL ? l->page->width : l->st->page_w;

	return pw - l->st->margin_l - l->st->margin_r;
}

int
lay_fits(const struct lay *l, double h)
{
	return l->y - h >= l->st->margin_b + l->foot - 0.01;
}

void
lay_take_notes(struct lay *l, const struct line *ln)
{
	size_t k;

	for (k = 0; k < ln->nnotes; k++) {
		struct lines ls = { NULL, 0, 0 };

		note_lines(l, ln->notes[k], &ls);
		foot_add(l, &ls, 0, 0);
	}
}

/* Ends the text: footnotes still waiting get pages of their own. */
static void
flush_footnotes(struct lay *l)
{
	while (l->carry.n > 0) {
		size_t before = l->carry.n;

		place_footnotes(l);
		lay_new_page(l);
		foot_carry(l, 1);
		if (l->carry.n == before)
			break;	/* a line taller than a page: give up */
	}
	place_footnotes(l);
}

/* 1 if line i, needing need points, will be the last line of ls on this
 * page: the next does not fit, or the widow rule will move it over. */
static int
last_here(struct lay *l, const struct lines *ls, size_t i, double need)
{
	const struct line *a = &ls->items[i + 1];
	double h = need + a->height + notes_height(l, a);

	if (!lay_fits(l, h))
		return 1;
	if (i + 3 == ls->n) {
		const struct line *b = &ls->items[i + 2];
		return !lay_fits(l, h + b->height + notes_height(l, b));
	}
	return 0;
}

/* Places lines, keeping keep lines after them on the same page (for
 * headings), with no single first or last line of a paragraph alone on a
 * page. */
void
lay_flow(struct lay *l, const struct lines *ls, double keep)
{
	size_t i = 0, n = ls->n, here = 0;	/* lines on this page */

	/* In a table cell lines only stack up; table.c breaks the rows. */
	if (l->cell != NULL) {
		for (i = 0; i < n; i++) {
			struct cline *c = ARENA_PUSH(l->a, l->cell->v,
			    l->cell->n, l->cell->cap);
			c->ln = ls->items[i];
			c->top = -l->y;
			l->y -= ls->items[i].height;
		}
		return;
	}
	while (i < n) {
		const struct line *ln = &ls->items[i];
		double need = ln->height + notes_height(l, ln);

		/* A long footnote may continue on the next page, as long as
		 * its start shares the page of its mark. */
		if (!lay_fits(l, need) && ln->nnotes > 0)
			need = ln->height + notes_min_height(l, ln);

		/* Orphan: the first line alone at the foot of a page. */
		if (i == 0 && n > 1 && !lay_fits(l, need + ls->items[1].height +
		    notes_height(l, &ls->items[1])))
			need = HUGE_VAL;
		/* Widow: the last line alone at the top of the next page. */
		if (n > 2 && i == n - 2 && lay_fits(l, need) &&
		    !lay_fits(l, need + ls->items[n - 1].height +
		    notes_height(l, &ls->items[n - 1])) && i > 1)
			need = HUGE_VAL;
		if (i == n - 1 && keep > 0 && !lay_fits(l, need + keep))
			need = HUGE_VAL;
		/* A word broken across pages is hard to read (TeX's
		 * \brokenpenalty): a hyphenated line that would end the page
		 * goes over with the rest, if two lines stay behind. */
		if (ln->hyphenated && here >= 2 && i + 2 < n &&
		    lay_fits(l, need) && last_here(l, ls, i, need))
			need = HUGE_VAL;
		if (!lay_fits(l, need) && l->y < l->page->height - l->st->margin_t - 1) {
			lay_new_page(l);
			here = 0;
		}
		l->y -= ln->height;
		lay_put_line(l, ln, l->y + ln->height * 0.22);
		lay_take_notes(l, ln);
		here++;
		i++;
	}
}

/* ---- blocks of prose ---- */


static const char *
marker_text(struct lay *l, const struct block *b, size_t i)
{
	switch (b->list) {
	case LIST_BULLET:
		return l->st->bullet;
	case LIST_CHECK:
		return l->st->check;
	default:
		return arena_strdup(l->a, b->items[i].marker);
	}
}

/* A marker is one piece: set in the face that has its first character. */
static enum face
marker_face(const struct lay *l, const char *m)
{
	uint32_t cp;
	enum face f;

	if (utf8_decode(m, strlen(m), &cp) == 0)
		return FACE_REGULAR;
	f = face_for(l, FACE_REGULAR, cp);
	return f == FACE_COUNT ? FACE_REGULAR : f;
}

/* The marker of the list item whose first line is set next. */
static void
take_marker(struct lay *l, struct lines *ls, size_t first)
{
	struct line *ln;
	struct piece *pc;
	size_t cap;

	if (l->marker == NULL || first >= ls->n)
		return;
	ln = &ls->items[first];
	cap = ln->n;
	pc = ARENA_PUSH(l->a, ln->pieces, ln->n, cap);
	pc->x = l->marker_x;
	pc->y = 0;
	pc->size = l->ts->size;
	pc->face = l->marker_face;
	pc->text = l->marker;
	pc->len = strlen(l->marker);
	l->marker = NULL;
}

static void
para_of_runs(struct lay *l, const struct run *runs, size_t n, enum face f,
    double size, double x, double w, double keep)
{
	struct para p;
	struct lines ls = { NULL, 0, 0 };

	memset(&p, 0, sizeof p);
	add_runs(l, &p, runs, n, f, size);
	/* Narrow table cells are set ragged: justified they would gape. */
	set_para(l, &p, x, w, size * l->ts->leading, f == FACE_REGULAR &&
	    l->st->justify && l->cell == NULL, &ls);
	take_marker(l, &ls, 0);
	lay_flow(l, &ls, keep);
}

void
lay_prose(struct lay *l, const struct block *blocks, size_t n, double x,
    double w, int depth)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct block *b = &blocks[i];

		if (i > 0 && (b->kind != BLOCK_LIST || depth == 0))
			l->y -= l->st->para_skip;
		if (b->kind == BLOCK_HEADING) {
			para_of_runs(l, b->runs, b->nruns, FACE_BOLD, l->ts->size,
			    x, w, 2 * l->ts->size * l->ts->leading);
			continue;
		}
		if (b->kind == BLOCK_PARA) {
			para_of_runs(l, b->runs, b->nruns, FACE_REGULAR,
			    l->ts->size, x, w, 0);
			continue;
		}
		for (j = 0; j < b->nitems; j++) {
			const char *m = marker_text(l, b, j);
			double mw;

			if (b->items[j].nblocks == 0)
				continue;
			l->marker_face = marker_face(l, m);
			mw = font_width(l->fonts->face[l->marker_face], m,
			    strlen(m), l->ts->size);
			l->marker = m;
			l->marker_x = x + l->st->list_indent - mw - 5 > x ?
			    x + l->st->list_indent - mw - 5 : x;
			lay_prose(l, b->items[j].blocks, b->items[j].nblocks,
			    x + l->st->list_indent, w - l->st->list_indent, depth + 1);
		}
	}
}

/* ---- headings and plain lines ---- */

static void
colour_lines(struct lines *ls, struct colour c)
{
	size_t i, j;

	for (i = 0; i < ls->n; i++)
		for (j = 0; j < ls->items[i].n; j++)
			ls->items[i].pieces[j].colour = c;
}

/* A one-off paragraph of plain text (headings, labels, generated lines). */
void
lay_text(struct lay *l, const char *s, enum face f, double size, double x,
    double w, int justify, double keep)
{
	struct para p;
	struct lines ls = { NULL, 0, 0 };

	memset(&p, 0, sizeof p);
	add_text(l, &p, f, size, 0, s, strlen(s), (struct pos){ NULL, 0, 0 });
	set_para(l, &p, x, w, size * l->ts->leading, justify, &ls);
	take_marker(l, &ls, 0);
	lay_flow(l, &ls, keep);
}

/* The same, in a role's size, leading and colour. */
void
lay_text_ts(struct lay *l, const char *s, enum face f,
    const struct text_style *ts, double x, double w, double keep)
{
	struct para p;
	struct lines ls = { NULL, 0, 0 };

	memset(&p, 0, sizeof p);
	add_text(l, &p, f, ts->size, 0, s, strlen(s), (struct pos){ NULL, 0, 0 });
	set_para(l, &p, x, w, ts->size * ts->leading, 0, &ls);
	colour_lines(&ls, ts->colour);
	take_marker(l, &ls, 0);
	lay_flow(l, &ls, keep);
}

static void
add_mark(struct lay *l, int level, const char *title,
    const struct entity *e)
{
	struct mark *m = ARENA_PUSH(l->a, l->doc->marks, l->doc->nmarks,
	    l->doc->capmarks);

	m->level = level;
	m->title = title;
	/* The running header names what is in force at the top of a page,
	 * or else the first part or chapter to begin on it. */
	if (level == 0) {
		l->part = title;
		l->chapter = NULL;
		if (!l->page->opens_part)
			l->page->part = title, l->page->chapter = NULL;
		l->page->opens_part = 1;
	} else if (level == 1) {
		l->chapter = title;
		if (l->page->chapter == NULL)
			l->page->chapter = title;
	}
	m->page = l->doc->npages - 1;
	m->y = l->y;
	m->entity = e;
}

static void
heading(struct lay *l, int level, const char *title,
    const struct text_style *ts, const struct entity *e)
{
	double w = lay_text_width(l);
	double keep = 2 * l->ts->size * l->ts->leading;

	/* Keep the heading with two lines of what follows. */
	if (!lay_fits(l, ts->space_before + ts->size * ts->leading * 1.5 + keep))
		lay_new_page(l);
	else if (l->y < l->page->height - l->st->margin_t - 1)
		l->y -= ts->space_before;
	add_mark(l, level, title, e);
	lay_text_ts(l, title, FACE_BOLD, ts, l->st->margin_l, w, keep);
	l->y -= ts->size * 0.4;
}

/* Upper case for ASCII and Latin-1 letters: "DEEL 1 PROGRAMMA". */
static char *
upper(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s), *p;

	for (p = out; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 'a' && c <= 'z')
			*p = (char)(c - 32);
		else if (c == 0xC3 && (unsigned char)p[1] >= 0xA0 &&
		    (unsigned char)p[1] <= 0xBE && (unsigned char)p[1] != 0xB7) {
			p[1] = (char)((unsigned char)p[1] - 0x20);
			p++;
		}
	}
	return out;
}

/* ---- generated blocks ---- */

/* "A, B en C" in Dutch, "A, B and C" otherwise. */
const char *
lay_join_names(struct lay *l, const char **names, size_t n)
{
	const char *and = strcmp(l->plan->meta.lang.s, "nl") == 0 ? "en" : "and";
	const char *s = "";
	size_t i;

	for (i = 0; i < n; i++)
		s = arena_printf(l->a, "%s%s%s", s, i == 0 ? "" : i + 1 == n ?
		    arena_printf(l->a, " %s ", and) : ", ", names[i]);
	return s;
}

const char *
lay_member_name(struct lay *l, const struct membership *m)
{
	const char *name = m->person.target ?
	    entity_display_name(m->person.target) : m->person.id;

	if (m->role.len > 0)
		return arena_printf(l->a, "%s (%s)", name, m->role.s);
	return name;
}

static void
roster(struct lay *l, const struct body *b)
{
	double x = l->st->margin_l, w = lay_text_width(l);
	const char **names;
	size_t i, j;

	for (i = 0; i < b->ngroups; i++) {
		const struct group *g = b->groups[i];

		l->y -= l->st->para_skip;
		lay_text(l, g->title.s, FACE_BOLD, l->ts->size, x, w, 0,
		    l->ts->size * l->ts->leading);
		names = arena_alloc(l->a, (g->nmembers + 1) * sizeof *names);
		for (j = 0; j < g->nmembers; j++)
			names[j] = lay_member_name(l, &g->members[j]);
		lay_text(l, g->note.len ? arena_printf(l->a, "%s (%s)",
		    lay_join_names(l, names, g->nmembers), g->note.s) :
		    lay_join_names(l, names, g->nmembers), FACE_REGULAR, l->ts->size,
		    x, w, 0, 0);
	}
	/* Members with regions read as two columns: name, then region. */
	for (i = 0; i < b->nmembers; i++) {
		const struct membership *m = &b->members[i];
		struct para p;
		struct lines ls = { NULL, 0, 0 }, rs = { NULL, 0, 0 };
		const char *name = lay_member_name(l, m);

		memset(&p, 0, sizeof p);
		add_text(l, &p, FACE_REGULAR, l->ts->size, 0, name, strlen(name),
		    (struct pos){ NULL, 0, 0 });
		set_para(l, &p, x, 170, l->ts->size * l->ts->leading, 0, &ls);
		if (m->region.len > 0) {
			add_text(l, &p, FACE_REGULAR, l->ts->size, 0, m->region.s,
			    m->region.len, (struct pos){ NULL, 0, 0 });
			set_para(l, &p, x + 180, w - 180, l->ts->size * l->ts->leading,
			    0, &rs);
			/* Region lines join the name's lines side by side. */
			for (j = 0; j < rs.n; j++) {
				struct line *ln;
				size_t k, cap;
				if (j >= ls.n) {
					ln = ARENA_PUSH(l->a, ls.items, ls.n,
					    ls.cap);
					ln->height = l->ts->size * l->ts->leading;
				}
				ln = &ls.items[j];
				cap = ln->n;
				for (k = 0; k < rs.items[j].n; k++)
					*ARENA_PUSH(l->a, ln->pieces, ln->n, cap) =
					    rs.items[j].pieces[k];
			}
		}
		lay_flow(l, &ls, 0);
	}
	for (i = 0; i < b->organisations.n; i++)
		if (b->organisations.items[i].target != NULL)
			lay_text(l, entity_display_name(
			    b->organisations.items[i].target), FACE_REGULAR,
			    l->ts->size, x, w, 0, 0);
	if (b->note.len > 0) {
		l->y -= l->st->para_skip;
		lay_text(l, b->note.s, FACE_REGULAR, l->ts->size, x, w, 1, 0);
	}
}

static void
gens(struct lay *l, const struct gen *g, size_t n)
{
	size_t i;
	double w = lay_text_width(l);

	for (i = 0; i < n; i++) {
		l->y -= l->st->para_skip;
		if (g[i].kind == GEN_ACTIVITY_TABLE)
			table_activities(l, &g[i]);
		else if (g[i].kind == GEN_ROSTER && g[i].body.target != NULL)
			roster(l, (const struct body *)g[i].body.target);
		else if (g[i].kind == GEN_TEXT)
			lay_prose(l, g[i].text.blocks, g[i].text.nblocks,
			    l->st->margin_l, w, 0);
	}
}

/* ---- the document ---- */

/* "Maart 2018": a plan's date as its cover prints it. */
static const char *
month_year(struct lay *l, const struct date *dt)
{
	static const char *const nl[12] = { "Januari", "Februari", "Maart",
	    "April", "Mei", "Juni", "Juli", "Augustus", "September",
	    "Oktober", "November", "December" };
	static const char *const en[12] = { "January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December" };
	int m = dt->month >= 1 && dt->month <= 12 ? dt->month - 1 : 0;

	return arena_printf(l->a, "%s %d", strcmp(l->plan->meta.lang.s, "nl")
	    == 0 ? nl[m] : en[m], dt->year);
}

static void
cover(struct lay *l)
{
	const struct plan_meta *m = &l->plan->meta;
	double w = lay_text_width(l);
	size_t i;

	lay_new_page(l);
	l->page->number = 0;
	l->y = l->st->page_h - 200;
	lay_text_ts(l, m->title.s, FACE_BOLD, &l->st->cover_title,
	    l->st->margin_l, w, 0);
	if (m->tagline.len > 0)
		lay_text(l, m->tagline.s, FACE_ITALIC, 16, l->st->margin_l, w, 0, 0);
	l->y -= l->st->cover_subtitle.space_before;
	for (i = 0; i < m->nsubtitle; i++)
		lay_text_ts(l, m->subtitle[i].s, FACE_REGULAR,
		    &l->st->cover_subtitle, l->st->margin_l, w, 0);
	if (m->date.year > 0) {
		l->y -= 30;
		lay_text(l, month_year(l, &m->date), FACE_REGULAR, 14,
		    l->st->margin_l, w, 0, 0);
	}
	if (m->builds_on.len > 0) {
		l->y = l->st->margin_b + 40;
		lay_text(l, arena_printf(l->a, "%s  |  %s",
		    strcmp(m->lang.s, "nl") == 0 ? "Bouwt voort op" :
		    "Builds on", m->builds_on.s), FACE_REGULAR, 12, l->st->margin_l, w,
		    0, 0);
	}
}

static void
body(struct lay *l)
{
	const struct plan *p = l->plan;
	double w = lay_text_width(l);
	size_t i, j, k;

	for (i = 0; i < p->nparts; i++) {
		const struct part *pt = p->parts[i];

		lay_new_page(l);
		heading(l, 0, arena_printf(l->a, "DEEL %d  %s", pt->number,
		    upper(l->a, pt->title.s)), &l->st->part, &pt->e);
		for (j = 0; j < pt->nchapters; j++) {
			const struct chapter *c = pt->chapters[j];

			heading(l, 1, arena_printf(l->a, "%d. %s", c->number,
			    c->title.s), &l->st->chapter, &c->e);
			lay_prose(l, c->text.blocks, c->text.nblocks,
			    l->st->margin_l, w, 0);
			gens(l, c->then, c->nthen);
			for (k = 0; k < c->nsections; k++) {
				const struct section *s = c->sections[k];

				heading(l, 2, arena_printf(l->a, "%d.%d %s",
				    c->number, s->number, s->title.s),
				    &l->st->section, &s->e);
				lay_prose(l, s->text.blocks, s->text.nblocks,
				    l->st->margin_l, w, 0);
				gens(l, s->then, s->nthen);
			}
		}
	}
	flush_footnotes(l);
}

/* Makes the lines just placed (the last of them on the current page) a
 * link to page index page at height y. */
static void
add_link(struct lay *l, const struct lines *ls, size_t page, double y)
{
	struct link *k;
	double h = 0;
	size_t i;

	for (i = 0; i < ls->n; i++)
		h += ls->items[i].height;
	if (l->y + h > l->page->height - l->st->margin_t + 0.01)
		h = l->page->height - l->st->margin_t - l->y;
	k = ARENA_PUSH(l->a, l->page->links, l->page->nlinks,
	    l->page->caplinks);
	k->x0 = l->st->margin_l;
	k->x1 = l->page->width - l->st->margin_r;
	k->y0 = l->y;
	k->y1 = l->y + h;
	k->page = page;
	k->y = y;
}

/* The contents: one line per heading with dot leaders and its page. */
static void
contents(struct lay *l, const struct mark *marks, size_t n)
{
	double w = lay_text_width(l);
	size_t i;

	lay_new_page(l);
	heading(l, -1, arena_strdup(l->a, strcmp(l->plan->meta.lang.s, "nl") ==
	    0 ? "Inhoud" : "Contents"), &l->st->part, NULL);
	l->doc->nmarks--;	/* the contents is not in its own list */
	for (i = 0; i < n; i++) {
		const struct mark *m = &marks[i];
		const char *num = arena_printf(l->a, "%zu", m->page + 1);
		double indent = m->level == 2 ? 20 : 0, size = l->ts->size;
		enum face f = m->level == 0 ? FACE_BOLD : FACE_REGULAR;
		double nw = font_width(l->fonts->face[f], num, strlen(num), size);
		struct para p;
		struct lines ls = { NULL, 0, 0 };
		struct line *ln;
		double dot = font_width(l->fonts->face[f], ".", 1, size), x;
		size_t cap;

		if (m->level == 0 && i > 0)
			l->y -= l->st->para_skip;
		memset(&p, 0, sizeof p);
		add_text(l, &p, f, size, 0, m->title, strlen(m->title),
		    (struct pos){ NULL, 0, 0 });
		set_para(l, &p, l->st->margin_l + indent, w - indent - nw - 30,
		    size * l->ts->leading, 0, &ls);
		if (ls.n == 0)
			continue;
		ln = &ls.items[ls.n - 1];
		cap = ln->n;
		/* Dot leaders from the title's end to the number. */
		x = ln->n ? ln->pieces[ln->n - 1].x + font_width(
		    l->fonts->face[ln->pieces[ln->n - 1].face],
		    ln->pieces[ln->n - 1].text, ln->pieces[ln->n - 1].len,
		    size) + 6 : l->st->margin_l;
		{
			size_t dots = (size_t)((l->st->margin_l + w - nw - 6 - x) /
			    (dot * 2));
			char *t = arena_alloc(l->a, 2 * dots + 1);
			struct piece *pc;
			size_t q;

			for (q = 0; q < dots; q++) {
				t[2 * q] = '.';
				t[2 * q + 1] = ' ';
			}
			pc = ARENA_PUSH(l->a, ln->pieces, ln->n, cap);
			pc->x = x;
			pc->face = FACE_REGULAR;
			pc->size = size;
			pc->text = t;
			pc->len = dots ? 2 * dots - 1 : 0;
			pc = ARENA_PUSH(l->a, ln->pieces, ln->n, cap);
			pc->x = l->st->margin_l + w - nw;
			pc->face = f;
			pc->size = size;
			pc->text = num;
			pc->len = strlen(num);
		}
		lay_flow(l, &ls, 0);
		add_link(l, &ls, m->page, m->y);
	}
	flush_footnotes(l);
}

/* Expands a running header or footer's {title}, {part}, {chapter} and
 * {page} for page pg. */
static const char *
running_text(struct lay *l, const char *tpl, const struct page *pg)
{
	const char *s = "", *p = tpl, *close;

	while (*p != '\0') {
		const char *val = NULL;
		size_t k;

		if (*p != '{' || (close = strchr(p, '}')) == NULL) {
			for (k = 1; p[k] != '\0' && p[k] != '{'; k++)
				;
			s = arena_printf(l->a, "%s%.*s", s, (int)k, p);
			p += k;
			continue;
		}
		k = (size_t)(close - p - 1);
		if (k == 5 && strncmp(p + 1, "title", 5) == 0)
			val = l->plan->meta.title.s;
		else if (k == 4 && strncmp(p + 1, "part", 4) == 0)
			val = pg->part;
		else if (k == 7 && strncmp(p + 1, "chapter", 7) == 0)
			val = pg->chapter;
		else if (k == 4 && strncmp(p + 1, "page", 4) == 0)
			val = arena_printf(l->a, "%d", pg->number);
		s = arena_printf(l->a, "%s%s", s, val ? val : "");
		p = close + 1;
	}
	return s;
}

static void
running(struct lay *l, struct page *pg, const struct running *r, double y)
{
	const char *t;
	struct piece *pc;
	double w, left = l->st->margin_l;
	double right = pg->width - l->st->margin_r;

	if (r->text == NULL || r->text[0] == '\0')
		return;
	t = running_text(l, r->text, pg);
	w = font_width(l->fonts->face[FACE_REGULAR], t, strlen(t), r->size);
	pc = ARENA_PUSH(l->a, pg->pieces, pg->npieces, pg->cappieces);
	pc->size = r->size;
	pc->face = FACE_REGULAR;
	pc->text = t;
	pc->len = strlen(t);
	pc->colour = r->colour;
	pc->x = r->align == ALIGN_LEFT ? left : r->align == ALIGN_RIGHT ?
	    right - w : (left + right - w) / 2;
	pc->y = y;
}

/* Headers and footers, once every page's number is known. The cover has
 * neither; a page that opens a part has no header. */
static void
headers_and_footers(struct lay *l)
{
	size_t i;

	for (i = 0; i < l->doc->npages; i++) {
		struct page *pg = &l->doc->pages[i];

		if (pg->number == 0)
			continue;
		if (!pg->opens_part)
			running(l, pg, &l->st->header, pg->height -
			    l->st->margin_t / 2);
		running(l, pg, &l->st->footer, l->st->margin_b / 2);
	}
}

/* 1 if the headings of the last pass (known) are on the pages they are
 * on now, or the plan refers to none of them by page. */
static int
same_pages(const struct lay *l, const struct doc *now)
{
	size_t i;

	if (l->page_refs == 0)
		return 1;
	if (l->nknown != now->nmarks)
		return 0;
	for (i = 0; i < l->nknown; i++)
		if (l->known[i].page != now->marks[i].page)
			return 0;
	return 1;
}

/* The layout's ties as PCRE2 patterns (UTF). style.c has checked them;
 * one that does not compile here is left out. */
static void
compile_ties(struct lay *l)
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

static void
free_ties(struct lay *l)
{
	size_t k;

	for (k = 0; k < l->ntie_codes; k++)
		pcre2_code_free(l->tie_codes[k]);
	pcre2_match_data_free(l->tie_match);
}

void
layout_plan(struct arena *a, const struct plan *plan,
    const struct style *st, const struct fonts *fonts, struct hyphenator *h,
    struct diags *d, struct doc *out)
{
	struct lay l;
	struct doc body_doc;
	size_t toc_pages = 1, pass, i;
	int settled;

	memset(&l, 0, sizeof l);
	l.a = a;
	l.plan = plan;
	l.st = st;
	l.ts = &st->body;
	compile_ties(&l);
	l.fonts = fonts;
	l.h = h;
	l.d = d;
	/* Lay out the body after a guess of the contents' length, then the
	 * contents; if its length differs from the guess, or a page that a
	 * reference prints ("paragraaf 3.2 (p. 9)") moved, again. The body's
	 * breaks do not depend on where it starts, so this settles in two or
	 * three passes; five is the bound. */
	for (pass = 0; ; pass++) {
		memset(&body_doc, 0, sizeof body_doc);
		memset(out, 0, sizeof *out);
		l.doc = out;
		l.page = NULL;
		l.part = l.chapter = NULL;
		l.notes.n = l.carry.n = 0;
		l.quiet = pass > 0;
		l.page_refs = 0;
		cover(&l);
		for (i = 0; i < toc_pages; i++)
			lay_new_page(&l);
		l.page = NULL;
		body(&l);
		body_doc = *out;
		/* The contents, laid out on its own, replaces the blank
		 * pages reserved for it. */
		memset(out, 0, sizeof *out);
		l.doc = out;
		l.page = NULL;
		l.part = l.chapter = NULL;
		l.notes.n = l.carry.n = 0;
		lay_new_page(&l);	/* stands for the cover */
		l.quiet = 1;
		contents(&l, body_doc.marks, body_doc.nmarks);
		settled = out->npages - 1 == toc_pages &&
		    same_pages(&l, &body_doc);
		if (settled || pass == 4)
			break;
		toc_pages = out->npages - 1;
		l.known = body_doc.marks;
		l.nknown = body_doc.nmarks;
	}
	for (i = 0; i < toc_pages && i + 1 < body_doc.npages; i++) {
		body_doc.pages[i + 1] = out->pages[i + 1];
		body_doc.pages[i + 1].number = (int)(i + 2);
	}
	*out = body_doc;
	l.doc = out;
	headers_and_footers(&l);
	free_ties(&l);
}

static const char *
face_name(enum face f)
{
	static const char *const names[FACE_FALLBACK] = { "regular", "bold",
	    "italic", "bold-italic" };

	return f < FACE_FALLBACK ? names[f] : "fallback";
}

void
layout_dump(const struct doc *doc, const struct style *st,
    const struct fonts *fonts, FILE *f)
{
	size_t i, j;

	for (i = 0; i < doc->npages; i++) {
		const struct page *pg = &doc->pages[i];

		fprintf(f, "page %zu number %d size %.2f %.2f area %.2f %.2f "
		    "%.2f %.2f\n", i + 1, pg->number, pg->width, pg->height,
		    st->margin_l, st->margin_b, pg->width - st->margin_r,
		    pg->height - st->margin_t);
		for (j = 0; j < pg->npieces; j++) {
			const struct piece *pc = &pg->pieces[j];
			fprintf(f, "  y %.2f x %.2f w %.2f p %u %s %.1f %.*s\n",
			    pc->y, pc->x, font_width(fonts->face[pc->face],
			    pc->text, pc->len, pc->size), pc->para,
			    face_name(pc->face), pc->size, (int)pc->len, pc->text);
		}
		for (j = 0; j < pg->nrules; j++)
			fprintf(f, "  rule y %.2f x %.2f w %.2f\n",
			    pg->rules[j].y, pg->rules[j].x, pg->rules[j].width);
		for (j = 0; j < pg->nfills; j++)
			fprintf(f, "  fill y %.2f x %.2f w %.2f h %.2f\n",
			    pg->fills[j].y, pg->fills[j].x, pg->fills[j].width,
			    pg->fills[j].height);
		for (j = 0; j < pg->nlinks; j++)
			fprintf(f, "  link y %.2f %.2f x %.2f %.2f to page %zu "
			    "y %.2f\n", pg->links[j].y0, pg->links[j].y1,
			    pg->links[j].x0, pg->links[j].x1,
			    pg->links[j].page + 1, pg->links[j].y);
	}
	for (i = 0; i < doc->nmarks; i++)
		fprintf(f, "mark %d page %zu y %.2f %s\n", doc->marks[i].level,
		    doc->marks[i].page + 1, doc->marks[i].y,
		    doc->marks[i].title);
}
