/* layout.c - turns the checked plan into pages. paragraph.c sets text into
 * lines; here lines flow into pages with keep-with-next headings, widow and
 * orphan control and footnotes at the foot of the page of their mark
 * (continued on the next page when long); lists, headings, the cover, the
 * contents, rosters and running headers are laid out here, the activity
 * table in table.c. The contents are laid out after the body, and the body
 * again if their length or a referenced page changed, so page numbers are
 * exact in one invocation. keep-together lays a part, chapter or section
 * out on trial and goes back (struct snap) to decide where it begins. */
#include "layout.h"
#include "layout_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "markup.h"
#include "model.h"
#include "redline.h"
#include "shaping.h"
#include "utf8.h"

/* ---- the palette ---- */

uint16_t
lay_colour(struct lay *l, const struct colour *c)
{
	size_t i;

	for (i = 0; i < l->npalette; i++)
		if (memcmp(&l->palette[i], c, sizeof *c) == 0)
			return (uint16_t)i;
	/* A layout has a few colours, one per role at most: the index
	 * cannot run out. */
	if (l->npalette > UINT16_MAX)
		return 0;
	*ARENA_PUSH(l->a, l->palette, l->npalette, l->cappalette) = *c;
	return (uint16_t)i;
}

/* ---- the structure tree ---- */

unsigned
lay_elem(struct lay *l, enum role role, unsigned parent)
{
	struct doc *doc = l->doc;
	struct elem *e;

	if (doc->nelems == 0) {
		e = ARENA_PUSH(l->a, doc->elems, doc->nelems, doc->capelems);
		e->role = ROLE_DOCUMENT;
	}
	e = ARENA_PUSH(l->a, doc->elems, doc->nelems, doc->capelems);
	e->parent = parent < doc->nelems - 1 ? parent : 0;
	e->role = (unsigned char)role;
	return (unsigned)(doc->nelems - 1);
}

struct elem *
lay_elem_edit(struct lay *l, unsigned i)
{
	if (i < l->undo_below) {
		struct elem_undo *u = ARENA_PUSH(l->a, l->undo, l->nundo,
		    l->capundo);

		u->i = i;
		u->old = l->doc->elems[i];
	}
	return &l->doc->elems[i];
}

unsigned
lay_under(const struct lay *l, const struct dest *to)
{
	if (to != NULL && to->parent != 0)
		return to->parent;
	if (to != NULL && to->cell != NULL && to->cell->elem != 0)
		return to->cell->elem;
	return l->sect;
}

void
lay_artifact_lines(struct lines *ls)
{
	size_t i, j;

	for (i = 0; i < ls->n; i++)
		for (j = 0; j < ls->items[i].n; j++) {
			ls->items[i].pieces[j].elem = 0;
			ls->items[i].pieces[j].role = ROLE_ARTIFACT;
		}
}

/* The block a line's text belongs to: the element of its footnote mark's
 * (or its first piece's), above any inline element. */
static unsigned
line_block(const struct lay *l, const struct line *ln)
{
	unsigned e = ln->n > 0 ? ln->pieces[0].elem : 0;
	size_t i;

	for (i = 0; i < ln->n; i++)
		if (ln->pieces[i].role == ROLE_REFERENCE)
			e = ln->pieces[i].elem;
	while (e != 0 && e < l->doc->nelems &&
	    (l->doc->elems[e].role == ROLE_LINK ||
	    l->doc->elems[e].role == ROLE_SPAN ||
	    l->doc->elems[e].role == ROLE_REFERENCE))
		e = l->doc->elems[e].parent;
	return e;
}

/* ---- pages ---- */

static void place_footnotes(struct lay *l);
static void foot_carry(struct lay *l, int flush);

/* The running header and footer each add a piece to a page at the end
 * (headers_and_footers): room kept for them when a page is trimmed. */
#define RUNNING_PIECES 2

/* Trims the finished page pg's pieces to what it holds and the running
 * pieces to come (see struct lay, pa). */
static void
page_trim(struct lay *l, struct page *pg)
{
	size_t keep = pg->npieces + RUNNING_PIECES;

	if (keep >= pg->cappieces)
		return;
	arena_trim(l->pa, pg->pieces, pg->cappieces * sizeof *pg->pieces,
	    keep * sizeof *pg->pieces);
	/* Trimmed or not (another array came after it), the slots past
	 * keep are not used again. */
	pg->cappieces = keep;
}

void
lay_new_page(struct lay *l)
{
	if (l->page != NULL) {
		place_footnotes(l);
		page_trim(l, l->page);
	}
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

/* 1 if the headings in l->held are the last thing on the current page
 * and there is something above them to stay behind. */
static int
held_here(const struct lay *l)
{
	const struct held *k = &l->held;

	return k->on && k->page + 1 == l->doc->npages &&
	    k->end == l->page->npieces &&
	    k->top < l->page->height - l->st->margin_t - 1;
}

void
lay_page_break(struct lay *l)
{
	struct held *k = &l->held;
	struct piece *moved;
	size_t n, i;
	double delta, width;

	if (l->page == NULL || !held_here(l)) {
		lay_new_page(l);
		return;
	}
	/* A turned page does not take a heading set for an upright one. */
	width = l->landscape ? l->st->page_h : l->st->page_w;
	if (width != l->page->width) {
		lay_new_page(l);
		return;
	}
	/* Copied first: the footnotes placed on the old page take the
	 * headings' places in its array. */
	n = k->end - k->piece;
	moved = arena_alloc(l->a, (n + 1) * sizeof *moved);
	memcpy(moved, l->page->pieces + k->piece, n * sizeof *moved);
	/* Cleared: whoever pushes a piece there next expects zeros. */
	memset(l->page->pieces + k->piece, 0, n * sizeof *moved);
	l->page->npieces = k->piece;
	l->page->part = k->part;
	l->page->chapter = k->chapter;
	l->page->opens_part = k->opens_part;
	lay_new_page(l);
	/* The new page's part and chapter are those in force after the
	 * headings (l->part, l->chapter), as they now open it. */
	delta = l->y - k->top;
	for (i = 0; i < n; i++) {
		struct piece *pc = ARENA_PUSH(l->pa, l->page->pieces,
		    l->page->npieces, l->page->cappieces);

		*pc = moved[i];
		pc->y += delta;
	}
	for (i = k->mark; i < l->doc->nmarks; i++) {
		l->doc->marks[i].page = l->doc->npages - 1;
		l->doc->marks[i].y += delta;
		if (l->doc->marks[i].level == 0)
			l->page->opens_part = 1;
	}
	l->y = k->bottom + delta;
	k->page = l->doc->npages - 1;
	k->piece = l->page->npieces - n;
	k->end = l->page->npieces;
	k->top += delta;
	k->bottom += delta;
}

/* A piece of a reference becomes a link area; the words of one
 * reference on one line become one area. */
static void
link_piece(struct lay *l, const struct piece *pc)
{
	struct link *k = l->page->nlinks ?
	    &l->page->links[l->page->nlinks - 1] : NULL;
	double x1 = pc->x + lay_width(l, pc->face, pc->lang, pc->text,
	    pc->len, pc->size);

	if (k != NULL && k->to == pc->link && k->page == pc->link->page &&
	    k->y == pc->link->y && k->elem == pc->elem &&
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
	k->to = pc->link;
	k->elem = pc->elem;
}

/* ---- a redline's marks ---- */

/* Inserted words are set and underlined in blue, removed ones struck
 * through in red, the redline's own notes in violet; the change bars are
 * dark grey, as a reviewer's pen would not be. */
static const struct colour RL_INSERTED = { 0.0, 0.33, 0.75 };
static const struct colour RL_DELETED = { 0.80, 0.08, 0.08 };
static const struct colour RL_NOTE = { 0.45, 0.20, 0.60 };
static const struct colour RL_BAR = { 0.30, 0.30, 0.30 };

/* The change bar: this wide, this far into the outer margin. */
#define RL_BAR_WIDTH	1.5
#define RL_BAR_GAP	9.0
#define RL_RULE		0.6	/* underline and strike-through weight */

/* The words of pieces [from, to) of the current page, for an annotation. */
static const char *
annot_text(struct lay *l, size_t from, size_t to, size_t *len)
{
	const struct page *pg = l->page;
	size_t i, n = 0, at = 0;
	char *s;

	for (i = from; i < to; i++)
		n += pg->pieces[i].len + 1;
	s = arena_alloc(l->a, n + 1);
	for (i = from; i < to; i++) {
		if (i > from && pg->pieces[i].x > pg->pieces[i - 1].x +
		    lay_width(l, pg->pieces[i - 1].face, pg->pieces[i - 1].lang,
		    pg->pieces[i - 1].text, pg->pieces[i - 1].len,
		    pg->pieces[i - 1].size) + 0.5)
			s[at++] = ' ';
		memcpy(s + at, pg->pieces[i].text, pg->pieces[i].len);
		at += pg->pieces[i].len;
	}
	s[at] = '\0';
	*len = at;
	return s;
}

/* A line of a redline just put on the page (pieces [first, end)): each
 * stretch of inserted or removed words gets its colour, its underline or
 * strike-through and its annotation; a line with any gets a change bar
 * in the outer margin (right on odd pages, left on even ones). */
static void
mark_line(struct lay *l, size_t first, size_t end, double baseline,
    double height)
{
	struct page *pg = l->page;
	size_t i, j, k;
	int any = 0;

	for (i = first; i < end; i = j) {
		const struct piece *pc = &pg->pieces[i];
		unsigned char ch = pc->change;
		const struct colour *c = ch == PIECE_INSERTED ? &RL_INSERTED :
		    ch == PIECE_DELETED ? &RL_DELETED : &RL_NOTE;
		double x0, x1, size = 0;
		struct rule *r;
		struct annot *an;

		for (j = i + 1; j < end && pg->pieces[j].change == ch &&
		    pg->pieces[j].x >= pg->pieces[j - 1].x; j++)
			;
		if (ch == PIECE_SAME)
			continue;
		any = 1;
		for (k = i; k < j; k++) {
			pg->pieces[k].colour = lay_colour(l, c);
			if (pg->pieces[k].size > size)
				size = pg->pieces[k].size;
		}
		if (ch == PIECE_NOTE)
			continue;
		x0 = pg->pieces[i].x;
		x1 = pg->pieces[j - 1].x + lay_width(l, pg->pieces[j - 1].face,
		    pg->pieces[j - 1].lang, pg->pieces[j - 1].text,
		    pg->pieces[j - 1].len, pg->pieces[j - 1].size);
		r = ARENA_PUSH(l->a, pg->rules, pg->nrules, pg->caprules);
		r->x = x0;
		r->width = x1 - x0;
		r->thickness = RL_RULE;
		r->colour = *c;
		r->y = ch == PIECE_INSERTED ? baseline - 0.12 * size :
		    baseline + 0.28 * size;
		an = ARENA_PUSH(l->a, pg->annots, pg->nannots, pg->capannots);
		an->x0 = x0;
		an->x1 = x1;
		an->y0 = baseline - 0.22 * size;
		an->y1 = baseline + 0.78 * size;
		an->strike = ch == PIECE_DELETED;
		an->colour = *c;
		an->text = annot_text(l, i, j, &an->len);
		/* Tagged: an Annot element beside the words it marks. */
		an->elem = lay_elem(l, ROLE_ANNOT, pg->pieces[i].elem != 0 ?
		    l->doc->elems[pg->pieces[i].elem].parent : l->sect);
	}
	if (any) {
		struct fill *f = ARENA_PUSH(l->a, pg->fills, pg->nfills,
		    pg->capfills);

		f->x = pg->number % 2 == 0 ? l->st->margin_l - RL_BAR_GAP -
		    RL_BAR_WIDTH : pg->width - l->st->margin_r + RL_BAR_GAP;
		f->y = baseline - height * LINE_BASELINE;
		f->width = RL_BAR_WIDTH;
		f->height = height;
		f->colour = RL_BAR;
	}
}

void
lay_put_line(struct lay *l, const struct line *ln, double baseline)
{
	size_t i, first = l->page->npieces;

	for (i = 0; i < ln->n; i++) {
		struct piece *pc = ARENA_PUSH(l->pa, l->page->pieces,
		    l->page->npieces, l->page->cappieces);
		*pc = ln->pieces[i];
		pc->y = baseline + ln->pieces[i].y;
		if (pc->link != NULL)
			link_piece(l, pc);
	}
	if (l->rl != NULL)
		mark_line(l, first, l->page->npieces, baseline, ln->height);
}

/* Lays a footnote out in the full measure, into out; returns its lines'
 * height. */
static double
note_lines(struct lay *l, const struct footnote *fn, unsigned elem,
    struct lines *out)
{
	struct para p;
	const char *num = arena_printf(l->a, "%d", fn->number);
	const struct block *blocks;
	size_t i, nblocks;
	double h = 0;

	memset(&p, 0, sizeof p);
	p.elem = elem;
	para_box(l, &p, FACE_REGULAR, l->st->note.size * 0.7,
	    l->st->note.size * 0.35, num, strlen(num), (struct pos){ NULL, 0, 0 });
	p.space = 1;
	/* Footnotes are prose; their paragraphs run on in one. */
	blocks = lay_blocks(l, &fn->text, &nblocks);
	for (i = 0; i < nblocks; i++) {
		const struct block *b = &blocks[i];
		p.space = 1;
		para_runs(l, &p, b->runs, b->nruns, FACE_REGULAR, l->st->note.size);
	}
	para_set(l, &p, l->st->margin_l, lay_text_width(l),
	    l->st->note.size * 1.2, 1, out);
	for (i = 0; i < out->n; i++)
		h += out->items[i].height;
	return h;
}

/* Footnote fn laid out in the current measure, once per pass and measure:
 * a long note was laid out again for every line that might end a page
 * near its mark. The lines belong to the cache until the next pass
 * (layout_plan empties it); callers copy what they keep. */
static const struct note_set *
note_set(struct lay *l, const struct footnote *fn)
{
	struct note_set *ns;
	struct arena *lines;
	double w = lay_text_width(l);
	size_t k = fn->number > 0 ? (size_t)fn->number : 0;

	if (k == 0)	/* not numbered by check: never cached */
		ns = arena_alloc(l->a, sizeof *ns);
	else {
		if (k >= l->cap_note_sets) {
			size_t old = l->cap_note_sets;

			arena_grow(l->a, (void **)&l->note_sets,
			    &l->cap_note_sets, k + 1, sizeof *l->note_sets);
			memset(l->note_sets + old, 0, (l->cap_note_sets - old) *
			    sizeof *l->note_sets);
		}
		ns = &l->note_sets[k];
		if (ns->fn == fn && ns->width == w)
			return ns;
	}
	memset(ns, 0, sizeof *ns);
	ns->fn = fn;
	ns->width = w;
	/* Its parent is the text with its mark, once that is placed
	 * (lay_take_notes). */
	ns->elem = lay_elem(l, ROLE_NOTE, 0);
	/* Cached for the pass: never in the table's arena for its rows. */
	lines = l->lines;
	l->lines = l->a;
	ns->height = note_lines(l, fn, ns->elem, &ns->ls);
	l->lines = lines;
	return ns;
}

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

		if (l->carry.n > l->carry_head || !lay_fits(l, h + reserve)) {
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
	double reserve = flush ? 0 : (l->page->height - l->st->margin_t -
	    l->st->margin_b) / 2;

	/* As foot_add: the lines that fit go to this page, the first that
	 * does not and all after it wait for the next. */
	while (l->carry_head < l->carry.n) {
		const struct line *ln = &l->carry.items[l->carry_head];
		double h = ln->height + (l->notes.n == 0 ? NOTE_RULE_SPACE : 0);

		if (!lay_fits(l, h + reserve))
			break;
		*ARENA_PUSH(l->a, l->notes.items, l->notes.n, l->notes.cap) =
		    *ln;
		l->foot += h;
		l->carry_head++;
	}
	if (l->carry_head == l->carry.n)
		l->carry.n = l->carry_head = 0;
}

/* 1 if ln's k-th footnote takes no room of its own: its note went to a
 * page already this pass, or the line marks it before. */
static int
note_skipped(const struct lay *l, const struct line *ln, size_t k)
{
	const struct footnote *fn = ln->notes[k];
	size_t j, n = fn->number > 0 ? (size_t)fn->number : 0;

	if (n > 0 && n < l->cap_note_taken && l->note_taken[n])
		return 1;
	for (j = 0; j < k; j++)
		if (ln->notes[j] == fn)
			return 1;
	return 0;
}

static void
note_take(struct lay *l, const struct footnote *fn)
{
	size_t n = fn->number > 0 ? (size_t)fn->number : 0;

	if (n == 0)	/* not numbered by check: nothing to share */
		return;
	if (n >= l->cap_note_taken) {
		size_t old = l->cap_note_taken;

		arena_grow(l->a, (void **)&l->note_taken, &l->cap_note_taken,
		    n + 1, 1);
		memset(l->note_taken + old, 0, l->cap_note_taken - old);
	}
	l->note_taken[n] = 1;
}

static double
notes_height(struct lay *l, const struct line *ln)
{
	double h = 0;
	size_t i, n = 0;

	for (i = 0; i < ln->nnotes; i++)
		if (!note_skipped(l, ln, i)) {
			h += note_set(l, ln->notes[i])->height;
			n++;
		}
	if (n > 0 && l->notes.n == 0)
		h += NOTE_RULE_SPACE;
	return h;
}

double
lay_notes_height(struct lay *l, const struct line *ln)
{
	return notes_height(l, ln);
}

/* The least of ln's footnotes that must share its page: the rule and two
 * lines of the first note; the rest may continue on the next page. */
static double
notes_min_height(struct lay *l, const struct line *ln)
{
	const struct lines *ls;
	double h = 0;
	size_t i, k;

	for (k = 0; k < ln->nnotes && note_skipped(l, ln, k); k++)
		;
	if (k == ln->nnotes)
		return 0;
	ls = &note_set(l, ln->notes[k])->ls;
	for (i = 0; i < ls->n && i < 2; i++)
		h += ls->items[i].height;
	return h + (l->notes.n == 0 ? NOTE_RULE_SPACE : 0);
}

double
lay_width(const struct lay *l, enum face f, const char *lang, const char *s,
    size_t len, double size)
{
	return shaping_width(l->fonts->shaper, (int)f, lang, s, len, size);
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
	const struct note_set *ns;
	size_t k;

	for (k = 0; k < ln->nnotes; k++) {
		if (note_skipped(l, ln, k))
			continue;
		ns = note_set(l, ln->notes[k]);
		/* The first text with its mark holds it (a parent comes
		 * before its children). */
		if (line_block(l, ln) < ns->elem)
			lay_elem_edit(l, ns->elem)->parent = line_block(l, ln);
		foot_add(l, &ns->ls, 0, 0);
		note_take(l, ln->notes[k]);
	}
}

/* Ends the text: footnotes still waiting get pages of their own. */
static void
flush_footnotes(struct lay *l)
{
	while (l->carry.n > l->carry_head) {
		size_t before = l->carry.n - l->carry_head;

		place_footnotes(l);
		lay_new_page(l);
		foot_carry(l, 1);
		if (l->carry.n - l->carry_head == before)
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
lay_flow(struct lay *l, struct cell *cell, const struct lines *ls,
    double keep)
{
	size_t i = 0, n = ls->n, here = 0;	/* lines on this page */

	/* In a table cell lines only stack up; table.c breaks the rows. */
	if (cell != NULL) {
		for (i = 0; i < n; i++) {
			struct cline *c = ARENA_PUSH(l->lines, cell->v, cell->n,
			    cell->cap);
			c->ln = ls->items[i];
			c->top = -cell->y;
			c->keep = keep > 0 && i + 1 == n;
			cell->y -= ls->items[i].height;
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
		    notes_height(l, &ls->items[1]) + (n == 2 ? keep : 0)))
			need = HUGE_VAL;
		/* Widow: the last line alone at the top of the next page
		 * (where what it keeps to sends it). */
		if (n > 2 && i == n - 2 && lay_fits(l, need) &&
		    !lay_fits(l, need + ls->items[n - 1].height +
		    notes_height(l, &ls->items[n - 1]) + keep) && i > 1)
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
			lay_page_break(l);
			here = 0;
		}
		l->y -= ln->height;
		lay_put_line(l, ln, l->y + ln->height * LINE_BASELINE);
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
	f = para_face_for(l, FACE_REGULAR, cp);
	return f == FACE_COUNT ? FACE_REGULAR : f;
}

/* Puts a list item's marker (if any) on the first of its lines. */
static void
take_marker(struct lay *l, struct lines *ls, const struct marker *mk)
{
	struct line *ln;
	struct piece *pc;
	size_t cap;

	if (mk == NULL || ls->n == 0)
		return;
	ln = &ls->items[0];
	cap = ln->n;
	pc = ARENA_PUSH(l->lines, ln->pieces, ln->n, cap);
	pc->x = mk->x;
	pc->y = 0;
	pc->size = l->ts->size;
	pc->face = mk->face;
	pc->text = mk->text;
	pc->len = strlen(mk->text);
	pc->space = 1;
	/* A marker without a Lbl (a bullet) is an artifact. */
	pc->elem = mk->elem;
	pc->role = mk->elem != 0 ? ROLE_LBL : ROLE_ARTIFACT;
}

/* Sets set lines to where to says, with its marker on the first. */
static void
flow_to(struct lay *l, const struct dest *to, struct lines *ls, double keep)
{
	take_marker(l, ls, to != NULL ? to->marker : NULL);
	lay_flow(l, to != NULL ? to->cell : NULL, ls, keep);
}

/* Moves the cursor of to's place (the page's, or its cell's) down h. */
static void
move_down(struct lay *l, const struct dest *to, double h)
{
	if (to != NULL && to->cell != NULL)
		to->cell->y -= h;
	else
		l->y -= h;
}

static void
para_of_runs(struct lay *l, const struct dest *to, unsigned elem,
    const struct run *runs, size_t n, enum face f, double size, double x,
    double w, double keep)
{
	struct para p;
	struct lines ls = { NULL, 0, 0 };
	int in_cell = to != NULL && to->cell != NULL;

	memset(&p, 0, sizeof p);
	p.elem = elem;
	para_runs(l, &p, runs, n, f, size);
	/* Narrow table cells are set ragged: justified they would gape. */
	para_set(l, &p, x, w, size * l->ts->leading, f == FACE_REGULAR &&
	    l->st->justify && !in_cell, &ls);
	flow_to(l, to, &ls, keep);
}

void
lay_prose(struct lay *l, const struct dest *to, const struct block *blocks,
    size_t n, double x, double w, int depth)
{
	struct dest here = { to != NULL ? to->cell : NULL, NULL, 0 };
	unsigned under = lay_under(l, to), list;
	/* A heading in the prose is one level below its section's. */
	int hlevel = l->sect_level < 6 ? l->sect_level : 5;
	double indent;
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct block *b = &blocks[i];

		/* The marker is the first block's: a list there has its
		 * own. */
		here.marker = i == 0 && to != NULL ? to->marker : NULL;
		if (i > 0 && (b->kind != BLOCK_LIST || depth == 0))
			move_down(l, &here, l->st->para_skip);
		if (b->kind == BLOCK_HEADING) {
			para_of_runs(l, &here, lay_elem(l, (enum role)(ROLE_H1 +
			    hlevel), under), b->runs, b->nruns, FACE_BOLD,
			    l->ts->size, x, w, 2 * l->ts->size * l->ts->leading);
			continue;
		}
		if (b->kind == BLOCK_PARA) {
			/* A paragraph that opens a list ("...als volgt:")
			 * keeps to the list's first lines. */
			para_of_runs(l, &here, lay_elem(l, ROLE_P, under),
			    b->runs, b->nruns, FACE_REGULAR,
			    l->ts->size, x, w, i + 1 < n && blocks[i + 1].kind
			    == BLOCK_LIST ? 2 * l->ts->size * l->ts->leading : 0);
			continue;
		}
		list = lay_elem(l, ROLE_L, under);
		lay_elem_edit(l, list)->numbering = b->list == LIST_BULLET ?
		    NUMBERING_DISC : b->list == LIST_NUMBER ? NUMBERING_DECIMAL :
		    b->list == LIST_LETTER ? NUMBERING_UPPER_ALPHA :
		    NUMBERING_NONE;
		/* The markers stand in the indent, 5 points before the
		 * text, or less when the indent is narrow; it widens for a
		 * marker that would leave less than a thin space ("10." in
		 * a narrow indent) rather than let it run into the text. */
		indent = l->st->list_indent;
		for (j = 0; j < b->nitems; j++) {
			const char *m = marker_text(l, b, j);
			double mw = lay_width(l, marker_face(l, m), NULL, m,
			    strlen(m), l->ts->size) + 2.5;

			if (mw > indent)
				indent = mw;
		}
		for (j = 0; j < b->nitems; j++) {
			struct marker mk;
			struct dest item = { here.cell, &mk, 0 };
			unsigned li;
			double mw;

			if (b->items[j].nblocks == 0)
				continue;
			li = lay_elem(l, ROLE_LI, list);
			/* A bullet says nothing a reader needs: only
			 * numbers, letters and ticks are labels. */
			mk.elem = b->list == LIST_BULLET ? 0 :
			    lay_elem(l, ROLE_LBL, li);
			item.parent = lay_elem(l, ROLE_LBODY, li);
			mk.text = marker_text(l, b, j);
			mk.face = marker_face(l, mk.text);
			mw = lay_width(l, mk.face, NULL, mk.text,
			    strlen(mk.text), l->ts->size);
			mk.x = x + indent - mw - 5 > x ? x + indent - mw - 5 : x;
			lay_prose(l, &item, b->items[j].blocks,
			    b->items[j].nblocks, x + indent, w - indent,
			    depth + 1);
		}
	}
}

/* ---- headings and plain lines ---- */

static void
colour_lines(struct lay *l, struct lines *ls, const struct colour *c)
{
	uint16_t k = lay_colour(l, c);
	size_t i, j;

	for (i = 0; i < ls->n; i++)
		for (j = 0; j < ls->items[i].n; j++)
			ls->items[i].pieces[j].colour = k;
}

/* A one-off paragraph of plain text (labels, generated lines). */
static void
text_para(struct lay *l, const struct dest *to, const char *s, enum face f,
    double size, double x, double w, int justify, int hyphenate,
    double keep)
{
	struct para p;
	struct lines ls = { NULL, 0, 0 };

	memset(&p, 0, sizeof p);
	p.elem = lay_elem(l, ROLE_P, lay_under(l, to));
	p.unhyphenated = !hyphenate;
	para_text(l, &p, f, size, 0, s, strlen(s), (struct pos){ NULL, 0, 0 });
	para_set(l, &p, x, w, size * l->ts->leading, justify, &ls);
	flow_to(l, to, &ls, keep);
}

void
lay_text(struct lay *l, const struct dest *to, const char *s, enum face f,
    double size, double x, double w, int justify, double keep)
{
	text_para(l, to, s, f, size, x, w, justify, 1, keep);
}

void
lay_label(struct lay *l, const struct dest *to, const char *s, enum face f,
    double size, double x, double w)
{
	text_para(l, to, s, f, size, x, w, 0, 0, 0);
}

/* The same, in a role's size, leading and colour. */
void
lay_text_ts(struct lay *l, unsigned elem, const char *s, enum face f,
    const struct text_style *ts, double x, double w, double keep)
{
	struct para p;
	struct lines ls = { NULL, 0, 0 };

	memset(&p, 0, sizeof p);
	p.elem = elem;
	para_text(l, &p, f, ts->size, 0, s, strlen(s), (struct pos){ NULL, 0, 0 });
	para_set(l, &p, x, w, ts->size * ts->leading, 0, &ls);
	colour_lines(l, &ls, &ts->colour);
	lay_flow(l, NULL, &ls, keep);
}

/* Records a heading for the outline and the contents, and for the
 * running headers from this page on. */
static void
add_mark(struct lay *l, int level, const char *number, const char *title,
    const char *text, const struct entity *e)
{
	struct mark *m = ARENA_PUSH(l->a, l->doc->marks, l->doc->nmarks,
	    l->doc->capmarks);

	m->level = level;
	m->title = title;
	m->number = number;
	m->text = text;
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

/* A heading, kept with two lines of what follows: it goes to a new page
 * unless they fit under it, and if what follows needs more room than
 * that after all (its footnotes, another heading, a table's first row),
 * the page break before it takes the heading along (l->held). */
static void
heading(struct lay *l, int level, const char *number, const char *text,
    const struct text_style *ts, const struct entity *e)
{
	struct held *k = &l->held;
	double w = lay_text_width(l);
	double keep = 2 * l->ts->size * l->ts->leading;
	double h = 0, top;
	struct para p;
	struct lines ls = { NULL, 0, 0 };
	const char *title = arena_printf(l->a, "%s %s", number, text);
	const struct run *runs;
	size_t i, nruns;
	unsigned up = l->sect;
	int lv = l->sect_level;

	/* A part, chapter or section is a Part or Sect under the one of the
	 * level above, with its heading first. */
	while (lv > level && up != 0) {
		up = l->doc->elems[up].parent;
		lv--;
	}
	l->sect = lay_elem(l, level == 0 ? ROLE_PART : ROLE_SECT, up);
	l->sect_level = level + 1;
	memset(&p, 0, sizeof p);
	p.elem = lay_elem(l, (enum role)(ROLE_H1 + level), l->sect);
	if (l->rl != NULL && e != NULL && e->kind != ENT_PART &&
	    (runs = redline_title(l->rl, e, &nruns)) != NULL) {
		/* A redline's changed title: its number, then the words. */
		const char *nb = arena_printf(l->a, "%s ", number);

		para_text(l, &p, FACE_BOLD, ts->size, 0, nb, strlen(nb),
		    (struct pos){ NULL, 0, 0 });
		para_runs(l, &p, runs, nruns, FACE_BOLD, ts->size);
	} else
		para_text(l, &p, FACE_BOLD, ts->size, 0, title, strlen(title),
		    (struct pos){ NULL, 0, 0 });
	para_set(l, &p, l->st->margin_l, w, ts->size * ts->leading, 0, &ls);
	colour_lines(l, &ls, &ts->colour);
	for (i = 0; i < ls.n; i++)
		h += ls.items[i].height;
	/* A line and a half at least: the space under a heading. */
	if (h < ts->size * ts->leading * 1.5)
		h = ts->size * ts->leading * 1.5;
	if (!lay_fits(l, ts->space_before + h + keep))
		lay_page_break(l);	/* takes a heading just above along */
	top = l->page->height - l->st->margin_t;
	if (l->y < top - 1)
		l->y -= ts->space_before;
	/* Headings in a row are held together. */
	if (!(k->on && k->page + 1 == l->doc->npages &&
	    k->end == l->page->npieces)) {
		k->page = l->doc->npages - 1;
		k->piece = l->page->npieces;
		k->mark = l->doc->nmarks;
		k->top = l->y;
		k->part = l->page->part;
		k->chapter = l->page->chapter;
		k->opens_part = l->page->opens_part;
	}
	add_mark(l, level, number, title, text, e);
	lay_anchor(l, e, l->y);
	lay_flow(l, NULL, &ls, keep);
	l->y -= ts->size * 0.4;
	k->on = 1;
	k->end = l->page->npieces;
	k->bottom = l->y;
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

/* "A, B en C", in the plan's language. */
const char *
lay_join_names(struct lay *l, const char **names, size_t n)
{
	const char *and = arena_printf(l->a, " %s ", l->words[LW_AND]);
	size_t i, len = 1, at = 0;
	char *s;

	/* One buffer: a body of thousands of members would otherwise be
	 * copied again for every name. */
	for (i = 0; i < n; i++)
		len += strlen(names[i]) + strlen(and);
	s = arena_alloc(l->a, len);
	for (i = 0; i < n; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? and : ", ";

		memcpy(s + at, sep, strlen(sep));
		at += strlen(sep);
		memcpy(s + at, names[i], strlen(names[i]));
		at += strlen(names[i]);
	}
	s[at] = '\0';
	return s;
}

/* The columns of a grid of n names in width w: as wide as in a grid of
 * the most (up to cols) that every name fits, so that the groups of a
 * roster line up; a short group uses fewer of them, keeping two rows at
 * least. Returns how many, 0 for no grid (fewer than 4 names, or fewer
 * than two columns fit); *colw their width. */
static size_t
grid_cols(struct lay *l, const char **names, size_t n, double w,
    size_t cols, double gap, double *colw)
{
	double widest = 0, nw;
	size_t i;

	if (n < 4)
		return 0;
	for (i = 0; i < n; i++)
		if ((nw = lay_width(l, FACE_REGULAR, NULL, names[i],
		    strlen(names[i]), l->ts->size)) > widest)
			widest = nw;
	for (; cols >= 2; cols--) {
		*colw = (w - (double)(cols - 1) * gap) / (double)cols;
		if (widest <= *colw)
			break;
	}
	if (cols < 2)
		return 0;
	while (cols > 2 && n < 2 * cols)
		cols--;
	return cols;
}

size_t
lay_name_grid_rows(struct lay *l, const char **names, size_t n, double w,
    size_t cols, double gap)
{
	double colw;

	cols = grid_cols(l, names, n, w, cols, gap, &colw);
	return cols == 0 ? 0 : (n + cols - 1) / cols;
}

int
lay_name_grid(struct lay *l, const struct dest *to, const char **names,
    size_t n, double x, double w, size_t cols, double gap)
{
	double size = l->ts->size, colw = 0;
	struct lines ls = { NULL, 0, 0 };
	unsigned elem;
	size_t i;

	if ((cols = grid_cols(l, names, n, w, cols, gap, &colw)) == 0)
		return 0;
	/* The grid's names read as one paragraph, row by row. On the page
	 * it is numbered as one (the dump's p, the widow rules); in a
	 * table's cell it stays para 0, which may break between any rows. */
	elem = lay_elem(l, ROLE_P, lay_under(l, to));
	if (to == NULL || to->cell == NULL)
		l->npara++;
	for (i = 0; i < n; i += cols) {
		struct line *ln = ARENA_PUSH(l->lines, ls.items, ls.n, ls.cap);
		size_t cap = 0, k;

		memset(ln, 0, sizeof *ln);
		ln->height = size * l->ts->leading;
		for (k = i; k < i + cols && k < n; k++) {
			struct piece *pc = ARENA_PUSH(l->lines, ln->pieces, ln->n,
			    cap);

			memset(pc, 0, sizeof *pc);
			pc->x = x + (double)(k - i) * (colw + gap);
			pc->face = FACE_REGULAR;
			pc->size = size;
			pc->text = names[k];
			pc->len = strlen(names[k]);
			pc->elem = elem;
			pc->role = ROLE_P;
			pc->space = 1;
			if (to == NULL || to->cell == NULL)
				pc->para = l->npara;
		}
	}
	/* The lines go through lay_flow like any other, into a cell or
	 * onto the page; there a grid of three rows, which has no break
	 * that leaves two on each side, goes to the next page whole (with
	 * the headings above it) if it does not fit. */
	if ((to == NULL || to->cell == NULL) && ls.n == 3 && l->page != NULL &&
	    !lay_fits(l, 3 * size * l->ts->leading))
		lay_page_break(l);
	lay_flow(l, to != NULL ? to->cell : NULL, &ls, 0);
	return 1;
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

/* A roster's members with regions: the names (with their roles) in a
 * column this wide, the regions after a gap, in points. */
#define ROSTER_NAME_WIDTH	170.0
#define ROSTER_GAP		10.0
#define ROSTER_REGION_X		(ROSTER_NAME_WIDTH + ROSTER_GAP)

/* 1 if the group has a member who reads as name. */
static int
has_member(struct lay *l, const struct group *g, const char *name)
{
	size_t i;

	for (i = 0; g != NULL && i < g->nmembers; i++)
		if (strcmp(lay_member_name(l, &g->members[i]), name) == 0)
			return 1;
	return 0;
}

/* A redline's roster line of group g, changed or new: the members who
 * joined underlined, those who left struck through after the others. */
static void
roster_changes(struct lay *l, const struct group *g, double x, double w)
{
	const struct group *old = (const struct group *)redline_old(l->rl,
	    &g->e);
	int added = (redline_mark(l->rl, &g->e) & RL_ADDED) != 0;
	struct run *runs = arena_alloc(l->a, (4 * (g->nmembers +
	    (old != NULL ? old->nmembers : 0)) + 4) * sizeof *runs);
	size_t i, n = 0, k = 0, total = g->nmembers;
	const char *and = arena_printf(l->a, " %s ", l->words[LW_AND]);

	for (i = 0; old != NULL && i < old->nmembers; i++)
		if (!has_member(l, g, lay_member_name(l, &old->members[i])))
			total++;
	for (i = 0; i < g->nmembers + (old != NULL ? old->nmembers : 0); i++) {
		const struct membership *m = i < g->nmembers ? &g->members[i] :
		    &old->members[i - g->nmembers];
		const char *name = lay_member_name(l, m);
		unsigned flag = 0;

		if (i < g->nmembers)
			flag = added || (old != NULL && !has_member(l, old,
			    name)) ? RUN_INSERTED : 0;
		else if (has_member(l, g, name))
			continue;
		else
			flag = RUN_DELETED;
		if (k > 0) {
			runs[n].kind = RUN_TEXT;
			runs[n].text = k + 1 == total ? and : ", ";
			runs[n].len = strlen(runs[n].text);
			n++;
		}
		runs[n].kind = RUN_TEXT;
		runs[n].style = flag;
		runs[n].text = name;
		runs[n].len = strlen(name);
		n++;
		k++;
	}
	if (g->note.len > 0) {
		runs[n].kind = RUN_TEXT;
		runs[n].text = arena_printf(l->a, " (%s)", g->note.s);
		runs[n].len = strlen(runs[n].text);
		n++;
	}
	if (n > 0)
		lay_runs(l, NULL, runs, n, FACE_REGULAR, l->ts->size, x, w, 0);
}

static void
roster(struct lay *l, const struct body *b)
{
	double x = l->st->margin_l, w = lay_text_width(l);
	const char **names;
	size_t i, j, rows;

	for (i = 0; i < b->ngroups; i++) {
		const struct group *g = b->groups[i];

		l->y -= l->st->para_skip;
		if (l->rl != NULL && (redline_old(l->rl, &g->e) != NULL ||
		    (redline_mark(l->rl, &g->e) & RL_ADDED))) {
			lay_title(l, NULL, &g->e, g->title.s, FACE_BOLD,
			    l->ts->size, x, w, l->ts->size * l->ts->leading);
			roster_changes(l, g, x, w);
			continue;
		}
		names = arena_alloc(l->a, (g->nmembers + 1) * sizeof *names);
		for (j = 0; j < g->nmembers; j++)
			names[j] = lay_member_name(l, &g->members[j]);
		/* Names in two or three columns when they fit, the note
		 * under them; else one running list. A grid of up to three
		 * rows goes with its title (it has no break that leaves
		 * two rows on each side). */
		rows = lay_name_grid_rows(l, names, g->nmembers, w, 3,
		    ROSTER_GAP);
		lay_title(l, NULL, &g->e, g->title.s, FACE_BOLD, l->ts->size,
		    x, w, (rows > 0 && rows <= 3 ? (double)rows : 1) *
		    l->ts->size * l->ts->leading);
		if (lay_name_grid(l, NULL, names, g->nmembers, x, w, 3,
		    ROSTER_GAP)) {
			if (g->note.len > 0)
				lay_text(l, NULL, arena_printf(l->a, "(%s)",
				    g->note.s), FACE_REGULAR, l->ts->size, x, w,
				    0, 0);
			continue;
		}
		lay_text(l, NULL, g->note.len ? arena_printf(l->a, "%s (%s)",
		    lay_join_names(l, names, g->nmembers), g->note.s) :
		    lay_join_names(l, names, g->nmembers), FACE_REGULAR, l->ts->size,
		    x, w, 0, 0);
	}
	/* A redline's groups that the body lost, struck through. */
	for (i = 0; l->rl != NULL && i < l->rl->nremoved; i++) {
		const struct rl_removed *r = &l->rl->removed[i];
		const struct group *g = (const struct group *)r->old;
		struct run *runs;
		size_t n = 0;

		if (r->old->kind != ENT_GROUP || r->after != &b->e)
			continue;
		l->y -= l->st->para_skip;
		lay_anchor(l, r->old, l->y);
		if (r->title != NULL)
			lay_runs(l, NULL, r->title, r->ntitle, FACE_BOLD,
			    l->ts->size, x, w, l->ts->size * l->ts->leading);
		runs = arena_alloc(l->a, (2 * g->nmembers + 1) * sizeof *runs);
		for (j = 0; j < g->nmembers; j++) {
			runs[n].kind = RUN_TEXT;
			runs[n].style = RUN_DELETED;
			runs[n].text = j == 0 ? lay_member_name(l, &g->members[j]) :
			    arena_printf(l->a, "%s %s", j + 1 == g->nmembers ?
			    arena_printf(l->a, " %s", l->words[LW_AND]) : ",",
			    lay_member_name(l, &g->members[j]));
			runs[n].len = strlen(runs[n].text);
			n++;
		}
		if (n > 0)
			lay_runs(l, NULL, runs, n, FACE_REGULAR, l->ts->size, x, w,
			    0);
	}
	/* Members with regions read as two columns: name, then region. */
	for (i = 0; i < b->nmembers; i++) {
		const struct membership *m = &b->members[i];
		struct para p;
		struct lines ls = { NULL, 0, 0 }, rs = { NULL, 0, 0 };
		const char *name = lay_member_name(l, m);
		/* The name and the region read as one paragraph. */
		unsigned elem = lay_elem(l, ROLE_P, l->sect);

		memset(&p, 0, sizeof p);
		p.elem = elem;
		para_text(l, &p, FACE_REGULAR, l->ts->size, 0, name, strlen(name),
		    (struct pos){ NULL, 0, 0 });
		para_set(l, &p, x, ROSTER_NAME_WIDTH, l->ts->size *
		    l->ts->leading, 0, &ls);
		if (m->region.len > 0) {
			/* Read as "name region": a space between. */
			if (ls.n > 0 && ls.items[ls.n - 1].n > 0)
				ls.items[ls.n - 1].pieces[ls.items[ls.n - 1].n -
				    1].space = 1;
			p.elem = elem;
			para_text(l, &p, FACE_REGULAR, l->ts->size, 0, m->region.s,
			    m->region.len, (struct pos){ NULL, 0, 0 });
			para_set(l, &p, x + ROSTER_REGION_X, w - ROSTER_REGION_X,
			    l->ts->size * l->ts->leading, 0, &rs);
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
		lay_flow(l, NULL, &ls, 0);
	}
	for (i = 0; i < b->organisations.n; i++)
		if (b->organisations.items[i].target != NULL)
			lay_text(l, NULL, entity_display_name(
			    b->organisations.items[i].target), FACE_REGULAR,
			    l->ts->size, x, w, 0, 0);
	if (b->note.len > 0) {
		l->y -= l->st->para_skip;
		lay_text(l, NULL, b->note.s, FACE_REGULAR, l->ts->size, x, w, 1, 0);
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
		else if (g[i].kind == GEN_TEXT) {
			size_t nb;
			const struct block *b = lay_blocks(l, &g[i].text, &nb);

			lay_prose(l, NULL, b, nb, l->st->margin_l, w, 0);
		}
	}
}

/* ---- the document ---- */

/* "Maart 2018": a plan's date as its cover prints it. */
static const char *
month_year(struct lay *l, const struct date *dt)
{
	int m = dt->month >= 1 && dt->month <= 12 ? dt->month - 1 : 0;

	return arena_printf(l->a, "%s %d", l->words[LW_MONTH_1 + m],
	    dt->year);
}

/* The cover's title begins this far (points) below the top of the
 * sheet, whatever the margins: a third of the way down an A5, about a
 * quarter of an A4. */
#define COVER_TITLE_DROP	200.0

static void
cover(struct lay *l)
{
	const struct plan_meta *m = &l->plan->meta;
	double w = lay_text_width(l);
	/* The cover is a section of its own, under its Title. */
	unsigned sect = lay_elem(l, ROLE_SECT, 0);
	size_t i;

	lay_new_page(l);
	l->page->number = 0;
	l->y = l->st->page_h - COVER_TITLE_DROP;
	lay_text_ts(l, lay_elem(l, ROLE_TITLE, sect), m->title.s, FACE_BOLD, &l->st->cover_title,
	    l->st->margin_l, w, 0);
	if (m->tagline.len > 0) {
		l->y -= l->st->cover_tagline.space_before;
		lay_text_ts(l, lay_elem(l, ROLE_P, sect), m->tagline.s, FACE_ITALIC, &l->st->cover_tagline,
		    l->st->margin_l, w, 0);
	}
	l->y -= l->st->cover_subtitle.space_before;
	for (i = 0; i < m->nsubtitle; i++)
		lay_text_ts(l, lay_elem(l, ROLE_P, sect), m->subtitle[i].s, FACE_REGULAR,
		    &l->st->cover_subtitle, l->st->margin_l, w, 0);
	if (m->date.year > 0) {
		l->y -= l->st->cover_date.space_before;
		lay_text_ts(l, lay_elem(l, ROLE_P, sect), month_year(l, &m->date), FACE_REGULAR,
		    &l->st->cover_date, l->st->margin_l, w, 0);
	}
	/* The foot line stands on the bottom margin, a line above it. */
	if (m->builds_on.len > 0) {
		l->y = l->st->margin_b + 2 * l->st->cover_footer.size *
		    l->st->cover_footer.leading;
		lay_text_ts(l, lay_elem(l, ROLE_P, sect), arena_printf(l->a, "%s  |  %s",
		    l->words[LW_BUILDS_ON], m->builds_on.s), FACE_REGULAR,
		    &l->st->cover_footer, l->st->margin_l, w, 0);
	}
}

/* ---- a redline's additions ---- */

const struct block *
lay_blocks(const struct lay *l, const struct prose *p, size_t *n)
{
	const struct block *b = redline_prose(l->rl, p, n);

	if (b != NULL)
		return b;
	*n = p->nblocks;
	return p->blocks;
}

void
lay_anchor(struct lay *l, const struct entity *e, double y)
{
	size_t k = redline_item_of(l->rl, e);

	if (k == 0 || l->targets[k - 1].page != SIZE_MAX)
		return;
	l->targets[k - 1].page = l->doc->npages - 1;
	l->targets[k - 1].y = y;
}

/* Lines of a label set from runs, flowed to to. */
static void
runs_label(struct lay *l, const struct dest *to, const struct run *runs,
    size_t nruns, enum face f, double size, double x, double w,
    double keep);

void
lay_runs(struct lay *l, const struct dest *to, const struct run *runs,
    size_t n, enum face f, double size, double x, double w, double keep)
{
	runs_label(l, to, runs, n, f, size, x, w, keep);
}

static void
runs_label(struct lay *l, const struct dest *to, const struct run *runs,
    size_t nruns, enum face f, double size, double x, double w,
    double keep)
{
	struct para p;
	struct lines ls = { NULL, 0, 0 };

	memset(&p, 0, sizeof p);
	p.unhyphenated = 1;
	para_runs(l, &p, runs, nruns, f, size);
	para_set(l, &p, x, w, size * l->ts->leading, 0, &ls);
	flow_to(l, to, &ls, keep);
}

void
lay_title(struct lay *l, const struct dest *to, const struct entity *e,
    const char *s, enum face f, double size, double x, double w,
    double keep)
{
	size_t n = 0;
	const struct run *runs = l->rl != NULL && e != NULL ?
	    redline_title(l->rl, e, &n) : NULL;

	if (runs == NULL) {
		lay_text(l, to, s, f, size, x, w, 0, keep);
		return;
	}
	runs_label(l, to, runs, n, f, size, x, w, keep);
}

void
lay_note(struct lay *l, const struct dest *to, const char *s, double size,
    double x, double w)
{
	struct para p;
	struct lines ls = { NULL, 0, 0 };
	size_t i, j;

	memset(&p, 0, sizeof p);
	p.unhyphenated = 1;
	para_text(l, &p, FACE_ITALIC, size * 0.9, 0, s, strlen(s),
	    (struct pos){ NULL, 0, 0 });
	para_set(l, &p, x, w, size * l->ts->leading, 0, &ls);
	for (i = 0; i < ls.n; i++)
		for (j = 0; j < ls.items[i].n; j++)
			ls.items[i].pieces[j].change = PIECE_NOTE;
	flow_to(l, to, &ls, 0);
}

static void removed_one(struct lay *l, const struct rl_removed *r,
    const struct text_style *ts);

/* The sections of removed chapter c (the old plan's) that were removed
 * with it, struck through after it, in their order. */
static void
removed_sections_of(struct lay *l, const struct chapter *c)
{
	const struct redline *rl = l->rl;
	size_t i, k;

	for (k = 0; k < c->nsections; k++)
		for (i = 0; i < rl->nremoved; i++)
			if (rl->removed[i].old == &c->sections[k]->e &&
			    rl->removed[i].after == NULL)
				removed_one(l, &rl->removed[i], &l->st->section);
}

/* One removed chapter or section r (see removed_here), set in ts. */
static void
removed_one(struct lay *l, const struct rl_removed *r,
    const struct text_style *ts)
{
	double w = lay_text_width(l);

	/* The title and two lines of text stay together, as a heading's
	 * do; the anchor is where the title ends up. */
	if (!lay_fits(l, ts->space_before + ts->size * ts->leading +
	    2 * l->ts->size * l->ts->leading))
		lay_page_break(l);
	else
		l->y -= ts->space_before;
	lay_anchor(l, r->old, l->y);
	if (r->title != NULL)
		runs_label(l, NULL, r->title, r->ntitle, FACE_BOLD, ts->size,
		    l->st->margin_l, w, 2 * l->ts->size * l->ts->leading);
	l->y -= ts->size * 0.4;
	lay_prose(l, NULL, r->blocks, r->nblocks, l->st->margin_l, w, 0);
	/* A removed chapter's removed sections go with it. */
	if (r->old->kind == ENT_CHAPTER)
		removed_sections_of(l, (const struct chapter *)r->old);
}

/* The old plan's chapters or sections that the new one removed, struck
 * through where they were: after `after` (see struct rl_removed). */
static void
removed_here(struct lay *l, enum entity_kind kind, const struct entity *after)
{
	const struct redline *rl = l->rl;
	size_t i;

	if (rl == NULL)
		return;
	for (i = 0; i < rl->nremoved; i++)
		if (rl->removed[i].old->kind == kind &&
		    rl->removed[i].after == after)
			removed_one(l, &rl->removed[i], kind == ENT_CHAPTER ?
			    &l->st->chapter : &l->st->section);
}

/* The summary of a redline, on the pages after the cover: what it is
 * compared with, the counts, and a line per changed entity that links to
 * where the entity is (targets, filled in as the body places them). */
static void
summary(struct lay *l)
{
	const struct redline *rl = l->rl;
	const struct diff *d = rl->diff;
	const struct text_style *ts = &l->st->body;
	double x = l->st->margin_l, w, opw = 0;
	const char *s;
	size_t i, j, k;
	unsigned sect;

	lay_new_page(l);
	w = lay_text_width(l);
	/* A section of its own in the structure tree, before the parts. */
	sect = l->sect = lay_elem(l, ROLE_SECT, 0);
	l->sect_level = 1;
	lay_text_ts(l, lay_elem(l, ROLE_H1, sect), l->words[LW_CHANGES],
	    FACE_BOLD, &l->st->chapter, x, w, 0);
	l->y -= l->st->chapter.size * 0.4;
	s = arena_printf(l->a, "%s %s", l->words[LW_COMPARED_WITH],
	    d->old->meta.title.len ? d->old->meta.title.s : d->old->path);
	if (d->old->meta.date.year > 0)
		s = arena_printf(l->a, "%s (%s)", s, month_year(l,
		    &d->old->meta.date));
	lay_text(l, NULL, s, FACE_ITALIC, ts->size, x, w, 0, 0);
	l->y -= l->st->para_skip;
	s = arena_printf(l->a, "%zu %s, %zu %s, %zu %s, %zu %s, %zu %s",
	    d->count[CHANGE_ADDED], l->words[LW_ADDED],
	    d->count[CHANGE_REMOVED], l->words[LW_REMOVED],
	    d->count[CHANGE_CHANGED], l->words[LW_CHANGED],
	    d->count[CHANGE_MOVED], l->words[LW_MOVED],
	    d->count[CHANGE_RENAMED], l->words[LW_RENAMED]);
	lay_text(l, NULL, s, FACE_BOLD, ts->size, x, w, 0, 0);
	l->y -= l->st->para_skip;
	if (rl->nitems == 0)
		lay_text(l, NULL, l->words[LW_NO_CHANGES], FACE_REGULAR,
		    ts->size, x, w, 0, 0);
	/* The words saying what happened make a column of their own. */
	for (i = LW_ADDED; i <= LW_RENAMED; i++) {
		double ow = lay_width(l, FACE_BOLD, NULL, l->words[i],
		    strlen(l->words[i]), ts->size) + 8;

		if (ow > opw)
			opw = ow;
	}
	for (i = 0; i < rl->nitems; i++) {
		const struct rl_item *it = &rl->items_v[i];
		static const enum lang_word op_word[CHANGE_OP_COUNT] = {
			[CHANGE_ADDED] = LW_ADDED, [CHANGE_REMOVED] = LW_REMOVED,
			[CHANGE_RENAMED] = LW_RENAMED, [CHANGE_MOVED] = LW_MOVED,
			[CHANGE_CHANGED] = LW_CHANGED,
			[CHANGE_JOINED] = LW_CHANGED, [CHANGE_LEFT] = LW_CHANGED };
		const char *op = l->words[op_word[it->op]];
		struct para p;
		struct lines ls = { NULL, 0, 0 };
		unsigned char ch = it->op == CHANGE_ADDED ? PIECE_INSERTED :
		    it->op == CHANGE_REMOVED ? PIECE_DELETED : PIECE_NOTE;
		int linked = it->target != NULL &&
		    redline_item_of(rl, it->target) == i + 1;

		memset(&p, 0, sizeof p);
		p.unhyphenated = 1;
		p.elem = lay_elem(l, ROLE_P, sect);
		if (linked)
			p.elem = lay_elem(l, ROLE_LINK, p.elem);
		s = it->detail[0] ? arena_printf(l->a, "%s: %s", it->name,
		    it->detail) : it->name;
		para_text(l, &p, FACE_REGULAR, ts->size, 0, s, strlen(s),
		    (struct pos){ NULL, 0, 0 });
		para_set(l, &p, x + opw, w - opw, ts->size * ts->leading, 0,
		    &ls);
		/* The text links to the entity; the word saying what happened
		 * stands in its column, coloured as the change is marked in
		 * the text. */
		for (j = 0; j < ls.n && linked; j++)
			for (k = 0; k < ls.items[j].n; k++)
				ls.items[j].pieces[k].link = &l->targets[i];
		if (ls.n > 0) {
			struct line *ln = &ls.items[0];
			size_t cap = ln->n;
			struct piece *pc = ARENA_PUSH(l->a, ln->pieces, ln->n,
			    cap);

			pc->x = x;
			pc->face = FACE_BOLD;
			pc->size = ts->size;
			pc->text = op;
			pc->len = strlen(op);
			pc->para = ln->pieces[0].para;
			pc->role = ROLE_P;
			pc->elem = linked ? l->doc->elems[p.elem].parent :
			    p.elem;
			pc->colour = lay_colour(l, ch == PIECE_INSERTED ?
			    &RL_INSERTED : ch == PIECE_DELETED ? &RL_DELETED :
			    &RL_NOTE);
		}
		lay_flow(l, NULL, &ls, 0);
		l->y -= 2;
	}
	flush_footnotes(l);
}

/* After the body: the summary's links lead where their entities were
 * placed; a link to what has no place is dropped. */
static void
summary_links(struct lay *l, struct doc *doc)
{
	size_t i, j, n;

	for (i = 1; i <= l->summary_pages && i < doc->npages; i++) {
		struct page *pg = &doc->pages[i];

		for (j = n = 0; j < pg->nlinks; j++) {
			const struct mark *m = pg->links[j].to;

			if (m == NULL || m < l->targets ||
			    m >= l->targets + l->rl->nitems) {
				pg->links[n++] = pg->links[j];
				continue;
			}
			if (m->page == SIZE_MAX)
				continue;
			pg->links[n] = pg->links[j];
			pg->links[n].page = m->page;
			pg->links[n].y = m->y;
			n++;
		}
		pg->nlinks = n;
	}
}

/* ---- keep-together: a trial run, and back ---- */

/* The layout as it was at some point of the body, to go back to after
 * laying something out on trial (unit_fits). What a trial adds is cut off
 * again and its slots zeroed (ARENA_PUSH expects zeros past the end);
 * what it may change in place is copied: the current page and its last
 * link (a link area grows along a line), the footnotes taken and a
 * redline's targets; the structure elements it changes (a note's parent
 * is set when its mark is placed) as it changes them (lay_elem_edit). */
struct snap {
	struct lay l;
	struct page page;
	struct link last_link;
	size_t page_i, npages, nmarks, nelems;
	unsigned char *taken;
	struct mark *targets;
};

/* Zeroes arr[n .. cap); an array never grown (NULL) has nothing. */
#define ZERO_TAIL(arr, n, cap) \
	do { \
		if ((cap) > (n)) \
			memset((arr) + (n), 0, ((cap) - (n)) * sizeof *(arr)); \
	} while (0)

static void
snap_take(struct lay *l, struct snap *sn)
{
	struct doc *doc = l->doc;

	sn->l = *l;
	sn->page_i = (size_t)(l->page - doc->pages);
	sn->page = *l->page;
	if (l->page->nlinks > 0)
		sn->last_link = l->page->links[l->page->nlinks - 1];
	sn->npages = doc->npages;
	sn->nmarks = doc->nmarks;
	/* The elements the trial changes in place are kept as it changes
	 * them (lay_elem_edit), not all of them now. */
	sn->nelems = doc->nelems;
	l->undo_below = doc->nelems;
	/* Copies that live as long as the trial (snap_free). */
	sn->taken = xmalloc(l->cap_note_taken + 1);
	if (l->cap_note_taken > 0)
		memcpy(sn->taken, l->note_taken, l->cap_note_taken);
	sn->targets = NULL;
	if (l->rl != NULL) {
		sn->targets = xmalloc((l->rl->nitems + 1) *
		    sizeof *l->targets);
		memcpy(sn->targets, l->targets, l->rl->nitems *
		    sizeof *l->targets);
	}
}

static void
snap_free(struct snap *sn)
{
	free(sn->taken);
	free(sn->targets);
}

static void
snap_back(struct lay *l, const struct snap *sn)
{
	struct doc *doc = l->doc;
	struct lay now = *l;
	struct page pg = sn->page;
	size_t i;

	for (i = sn->page_i + 1; i < doc->npages; i++)
		memset(&doc->pages[i], 0, sizeof doc->pages[i]);
	doc->npages = sn->npages;
	ZERO_TAIL(doc->marks, sn->nmarks, doc->nmarks);
	doc->nmarks = sn->nmarks;
	for (i = now.nundo; i-- > sn->l.nundo;)
		doc->elems[now.undo[i].i] = now.undo[i].old;
	ZERO_TAIL(now.undo, sn->l.nundo, now.nundo);
	ZERO_TAIL(doc->elems, sn->nelems, doc->nelems);
	doc->nelems = sn->nelems;
	/* The page's arrays as they were: their storage then, which a
	 * trial that grew them left behind with its old contents. */
	ZERO_TAIL(pg.pieces, pg.npieces, pg.cappieces);
	ZERO_TAIL(pg.rules, pg.nrules, pg.caprules);
	ZERO_TAIL(pg.fills, pg.nfills, pg.capfills);
	ZERO_TAIL(pg.links, pg.nlinks, pg.caplinks);
	ZERO_TAIL(pg.annots, pg.nannots, pg.capannots);
	if (pg.nlinks > 0)
		pg.links[pg.nlinks - 1] = sn->last_link;
	doc->pages[sn->page_i] = pg;

	*l = sn->l;
	l->page = &doc->pages[sn->page_i];
	ZERO_TAIL(l->notes.items, l->notes.n, l->notes.cap);
	ZERO_TAIL(l->carry.items, l->carry.n, l->carry.cap);
	/* The caches stay; the footnotes laid out on trial name structure
	 * elements cut off again, so they are laid out anew. */
	l->note_sets = now.note_sets;
	l->cap_note_sets = now.cap_note_sets;
	if (l->cap_note_sets > 0)
		memset(l->note_sets, 0, l->cap_note_sets * sizeof *l->note_sets);
	l->note_taken = now.note_taken;
	l->cap_note_taken = now.cap_note_taken;
	if (l->cap_note_taken > 0) {
		memset(l->note_taken, 0, l->cap_note_taken);
		if (sn->l.cap_note_taken > 0)
			memcpy(l->note_taken, sn->taken, sn->l.cap_note_taken);
	}
	l->ties = now.ties;
	l->nties = now.nties;
	l->capties = now.capties;
	l->undo = now.undo;
	l->capundo = now.capundo;
	l->tie_base = now.tie_base;
	if (sn->targets != NULL)
		memcpy(l->targets, sn->targets, l->rl->nitems *
		    sizeof *l->targets);
}

/* What the body lays out as one: a part, a chapter or a section. */
struct unit {
	const struct part *pt;
	const struct chapter *c;
	const struct section *s;
	size_t i, j, k;		/* their places in the plan */
	double w;		/* the part's measure */
};

typedef void unit_fn(struct lay *, const struct unit *);

/* 1 if u, laid out by fn here (on a page of its own: fresh), ends on the
 * page it begins on with its footnotes. Nothing of the trial stays, and
 * it says nothing (diagnostics come from the real run). */
static int
unit_fits(struct lay *l, unit_fn *fn, const struct unit *u, int fresh)
{
	struct snap sn;
	size_t pages, pending = l->carry.n - l->carry_head;
	int fits;

	snap_take(l, &sn);
	l->quiet = 1;
	if (fresh)
		lay_new_page(l);
	pages = l->doc->npages;
	fn(l, u);
	fits = l->doc->npages == pages &&
	    l->carry.n - l->carry_head <= pending;
	snap_back(l, &sn);
	snap_free(&sn);
	return fits;
}

/* 1 if u (set in ts) begins a page: new-page asks for one, but
 * keep-together lets a unit that fits in the rest of the page share it,
 * and sends one that does not fit here to a new page when it would fit
 * on a page of its own rather than split it. */
static int
begins_page(struct lay *l, const struct text_style *ts, unit_fn *fn,
    const struct unit *u)
{
	/* Headings that wait for their text here cannot be moved by a
	 * trial (lay_page_break would move them); rare enough to keep
	 * the plain rule for. */
	if (!ts->keep_together || l->page == NULL || held_here(l))
		return ts->new_page;
	if (unit_fits(l, fn, u, 0))
		return 0;
	if (ts->new_page)
		return 1;
	return unit_fits(l, fn, u, 1);
}

/* ---- the body ---- */

static void
section_unit(struct lay *l, const struct unit *u)
{
	const struct chapter *c = u->c;
	const struct section *s = u->s;
	const struct block *blocks;
	size_t nblocks;

	heading(l, 2, arena_printf(l->a, "%d.%d", c->number, s->number),
	    s->title.s, &l->st->section, &s->e);
	blocks = lay_blocks(l, &s->text, &nblocks);
	lay_prose(l, NULL, blocks, nblocks, l->st->margin_l, u->w, 0);
	gens(l, s->then, s->nthen);
	removed_here(l, ENT_SECTION, &s->e);
}

static void
chapter_unit(struct lay *l, const struct unit *u)
{
	const struct chapter *c = u->c;
	const struct block *blocks;
	struct unit su = *u;
	size_t k, nblocks;

	if (u->i == 0 && u->j == 0)
		removed_here(l, ENT_CHAPTER, NULL);
	heading(l, 1, arena_printf(l->a, "%d.", c->number), c->title.s,
	    &l->st->chapter, &c->e);
	blocks = lay_blocks(l, &c->text, &nblocks);
	lay_prose(l, NULL, blocks, nblocks, l->st->margin_l, u->w, 0);
	gens(l, c->then, c->nthen);
	removed_here(l, ENT_SECTION, &c->e);
	for (k = 0; k < c->nsections; k++) {
		su.s = c->sections[k];
		su.k = k;
		/* A section right under its chapter's heading shares its
		 * page. */
		if ((k > 0 || c->text.nblocks > 0 || c->nthen > 0) &&
		    begins_page(l, &l->st->section, section_unit, &su))
			lay_new_page(l);
		section_unit(l, &su);
	}
	removed_here(l, ENT_CHAPTER, &c->e);
}

static void
part_unit(struct lay *l, const struct unit *u)
{
	const struct part *pt = u->pt;
	struct unit cu = *u;
	size_t j;

	heading(l, 0, arena_printf(l->a, "%s %d", l->words[LW_PART],
	    pt->number), upper(l->a, pt->title.s), &l->st->part, &pt->e);
	for (j = 0; j < pt->nchapters; j++) {
		cu.c = pt->chapters[j];
		cu.j = j;
		/* The first chapter of a part shares its page. */
		if (j > 0 && begins_page(l, &l->st->chapter, chapter_unit, &cu))
			lay_new_page(l);
		chapter_unit(l, &cu);
	}
}

static void
body(struct lay *l)
{
	const struct plan *p = l->plan;
	struct unit u;
	size_t i;

	memset(&u, 0, sizeof u);
	for (i = 0; i < p->nparts; i++) {
		const struct part *pt = p->parts[i];
		int turned = pt->number >= 1 && pt->number <=
		    STYLE_MAX_PARTS && (l->st->turned_parts >>
		    (pt->number - 1) & 1);

		u.pt = pt;
		u.i = i;
		/* A part turned the other way cannot share a page. */
		if (i == 0 || turned != l->landscape) {
			l->landscape = turned;
			lay_new_page(l);
		} else {
			u.w = lay_text_width(l);
			if (begins_page(l, &l->st->part, part_unit, &u))
				lay_new_page(l);
		}
		u.w = lay_text_width(l);	/* the part's measure */
		part_unit(l, &u);
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
	w = lay_width(l, FACE_REGULAR, NULL, t, strlen(t), r->size);
	pc = ARENA_PUSH(l->pa, pg->pieces, pg->npieces, pg->cappieces);
	pc->size = r->size;
	pc->face = FACE_REGULAR;
	pc->text = t;
	pc->len = strlen(t);
	pc->colour = lay_colour(l, &r->colour);
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

/* Moves the structure elements of from (the contents, laid out on their
 * own) to the end of to, whose pages first to end now hold from's
 * pieces and links: their element numbers and parents are shifted by
 * the elements to had; from's document is to's. */
static void
adopt_elems(struct lay *l, struct doc *to, const struct doc *from,
    size_t first, size_t end)
{
	unsigned base = to->nelems > 0 ? (unsigned)to->nelems - 1 : 0;
	size_t i, j;

	if (from->nelems < 2)
		return;
	if (to->nelems == 0) {
		struct elem *root = ARENA_PUSH(l->a, to->elems, to->nelems,
		    to->capelems);
		root->role = ROLE_DOCUMENT;
	}
	for (i = 1; i < from->nelems; i++) {
		struct elem *e = ARENA_PUSH(l->a, to->elems, to->nelems,
		    to->capelems);

		*e = from->elems[i];
		if (e->parent != 0)
			e->parent += base;
	}
	for (i = first; i < end && i < to->npages; i++) {
		struct page *pg = &to->pages[i];

		for (j = 0; j < pg->npieces; j++)
			if (pg->pieces[j].elem != 0)
				pg->pieces[j].elem += base;
		for (j = 0; j < pg->nlinks; j++)
			if (pg->links[j].elem != 0)
				pg->links[j].elem += base;
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

static int
by_entity(const void *x, const void *y)
{
	const struct mark *a = *(const struct mark *const *)x;
	const struct mark *b = *(const struct mark *const *)y;
	uintptr_t ea = (uintptr_t)a->entity, eb = (uintptr_t)b->entity;

	if (ea != eb)
		return ea < eb ? -1 : 1;
	return a < b ? -1 : a > b;	/* the same array: document order */
}

/* The headings of the last pass, for the references of the next, indexed
 * by their entity: a plan may refer to thousands of sections. */
static void
lay_know(struct lay *l, const struct mark *marks, size_t n)
{
	size_t i;

	l->known = marks;
	l->nknown = n;
	l->known_by = arena_alloc(l->a, (n + 1) * sizeof *l->known_by);
	for (i = 0; i < n; i++)
		l->known_by[i] = &marks[i];
	qsort(l->known_by, n, sizeof *l->known_by, by_entity);
}

/* Every piece gets its shaped glyphs, the same the layout measured it
 * with: the shaper hands back the run it made for that text. */
static void
shape_pieces(struct lay *l)
{
	size_t i, j;

	for (i = 0; i < l->doc->npages; i++) {
		struct page *pg = &l->doc->pages[i];

		for (j = 0; j < pg->npieces; j++) {
			struct piece *pc = &pg->pieces[j];

			pc->run = shaping_run(l->fonts->shaper, (int)pc->face,
			    pc->lang, pc->text, pc->len);
		}
	}
}

void
lay_init(struct lay *l, struct arena *a)
{
	memset(l, 0, sizeof *l);
	l->a = a;
	l->pa = arena_child(a);
	l->lines = a;
	lay_colour(l, &(const struct colour){ 0, 0, 0 });	/* [0] */
}

void
layout_plan(struct arena *a, const struct plan *plan,
    const struct style *st, const struct fonts *fonts, struct hyphenator *h,
    const struct redline *rl, struct diags *d, struct doc *out)
{
	struct lay l;
	struct doc body_doc;
	const char *const *words;
	size_t toc_pages = 1, pass, i;
	int settled;

	lay_init(&l, a);
	l.plan = plan;
	l.st = st;
	words = lang_words(plan->meta.lang.s);
	for (i = 0; i < LW_COUNT; i++)
		l.words[i] = st->words[i] != NULL ? st->words[i] : words[i];
	l.ts = &st->body;
	para_ties_compile(&l);
	l.fonts = fonts;
	l.h = h;
	l.d = d;
	l.rl = rl;
	if (rl != NULL)
		l.targets = arena_alloc(a, (rl->nitems + 1) *
		    sizeof *l.targets);
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
		l.held.on = 0;
		l.part = l.chapter = NULL;
		l.sect = 0;
		l.sect_level = 0;
		l.notes.n = l.carry.n = l.carry_head = 0;
		l.landscape = 0;
		l.quiet = pass > 0;
		l.page_refs = 0;
		/* A footnote may print a page ("paragraaf 3.2 (p. 9)") that
		 * this pass knows better. */
		if (l.cap_note_sets > 0)
			memset(l.note_sets, 0, l.cap_note_sets *
			    sizeof *l.note_sets);
		if (l.cap_note_taken > 0)
			memset(l.note_taken, 0, l.cap_note_taken);
		cover(&l);
		if (rl != NULL) {
			for (i = 0; i < rl->nitems; i++)
				l.targets[i].page = SIZE_MAX;
			summary(&l);
			l.summary_pages = out->npages - 1;
		}
		for (i = 0; i < toc_pages; i++)
			lay_new_page(&l);
		l.page = NULL;
		body(&l);
		if (rl != NULL)
			summary_links(&l, out);
		body_doc = *out;
		/* The contents, laid out on its own, replaces the blank
		 * pages reserved for it. */
		memset(out, 0, sizeof *out);
		l.doc = out;
		l.page = NULL;
		l.held.on = 0;
		l.part = l.chapter = NULL;
		l.sect = 0;
		l.sect_level = 0;
		l.notes.n = l.carry.n = l.carry_head = 0;
		l.landscape = 0;
		lay_new_page(&l);	/* stands for the cover */
		l.quiet = 1;
		toc_lay(&l, body_doc.marks, body_doc.nmarks);
		settled = out->npages - 1 == toc_pages &&
		    same_pages(&l, &body_doc);
		if (settled || pass == 4)
			break;
		toc_pages = out->npages - 1;
		lay_know(&l, body_doc.marks, body_doc.nmarks);
	}
	for (i = 0; i < toc_pages && l.summary_pages + i + 1 <
	    body_doc.npages; i++) {
		size_t at = l.summary_pages + i + 1;

		body_doc.pages[at] = out->pages[i + 1];
		body_doc.pages[at].number = (int)(at + 1);
	}
	/* The contents' pages follow the cover and a redline's summary. */
	adopt_elems(&l, &body_doc, out, l.summary_pages + 1,
	    l.summary_pages + 1 + toc_pages);
	*out = body_doc;
	l.doc = out;
	for (i = 0; i < out->npages; i++)
		page_trim(&l, &out->pages[i]);
	headers_and_footers(&l);
	out->palette = l.palette;
	out->npalette = l.npalette;
	shape_pieces(&l);
	para_ties_free(&l);
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
			/* A redline's mark stands before the text; ordinary
			 * builds have none and print as they always did. */
			static const char *const marks[PIECE_CHANGE_COUNT] = {
			    "", "ins ", "del ", "note " };

			fprintf(f, "  y %.2f x %.2f w %.2f p %u %s %.1f %s%.*s\n",
			    pc->y, pc->x, pc->run != NULL ?
			    shaping_run_width(pc->run, pc->size) :
			    shaping_width(fonts->shaper, pc->face, pc->lang,
			    pc->text, pc->len, pc->size), pc->para,
			    face_name(pc->face), pc->size,
			    pc->change < PIECE_CHANGE_COUNT ? marks[pc->change] : "",
			    (int)pc->len, pc->text);
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
		for (j = 0; j < pg->nannots; j++)
			fprintf(f, "  annot %s y %.2f %.2f x %.2f %.2f %.*s\n",
			    pg->annots[j].strike ? "strikeout" : "underline",
			    pg->annots[j].y0, pg->annots[j].y1, pg->annots[j].x0,
			    pg->annots[j].x1, (int)pg->annots[j].len,
			    pg->annots[j].text);
	}
	for (i = 0; i < doc->nmarks; i++)
		fprintf(f, "mark %d page %zu y %.2f %s\n", doc->marks[i].level,
		    doc->marks[i].page + 1, doc->marks[i].y,
		    doc->marks[i].title);
}
