/* toc.c - the table of contents: a line per part, chapter and section,
 * its number in a column of its own, the title (wrapped if long), dot
 * leaders and the page number flush right; each entry a link to its
 * heading. layout.c lays the body out first and calls this with the
 * headings it found; when the contents' length moves the body, it does
 * both again (see layout_plan). */
#include <math.h>
#include <string.h>

#include "arena.h"
#include "layout_int.h"
#include "model.h"

/* Space between a title and its leaders and between the leaders and the
 * page number; twice that between a number and its title. */
#define TOC_GAP 6.0

struct toc {
	double x0, right;	/* the text area */
	double numcol;		/* width of the page numbers' column */
	double tab[3];		/* per level: where the title starts, from x0 */
	double indent[3];	/* per level: where the number starts */
	double size, leading;
	double step;		/* width of ". ": the leaders' grid */
	double space;		/* width of " " */
};

static double
width(const struct lay *l, enum face f, const char *s, double size)
{
	return lay_width(l, f, NULL, s, strlen(s), size);
}

static enum face
entry_face(const struct mark *m)
{
	return m->level == 0 ? FACE_BOLD : FACE_REGULAR;
}

/* The columns: each level's numbers get the width of its widest; a
 * section's number starts where its chapter's title does. */
static void
measure(struct lay *l, struct toc *t, const struct mark *marks, size_t n)
{
	double widest[3] = { 0, 0, 0 };
	size_t i;

	t->x0 = l->st->margin_l;
	t->right = l->page->width - l->st->margin_r;
	t->size = l->ts->size;
	t->leading = l->ts->size * l->ts->leading;
	t->step = width(l, FACE_REGULAR, ". ", t->size);
	t->space = width(l, FACE_REGULAR, " ", t->size);
	t->numcol = 0;
	for (i = 0; i < n; i++) {
		const struct mark *m = &marks[i];
		const char *page = arena_printf(l->a, "%zu", m->page + 1);
		double w;

		if (m->level < 0 || m->level > 2)
			continue;
		w = width(l, entry_face(m), m->number, t->size);
		if (w > widest[m->level])
			widest[m->level] = w;
		w = width(l, FACE_BOLD, page, t->size);
		if (w > t->numcol)
			t->numcol = w;
	}
	t->indent[0] = t->indent[1] = 0;
	t->tab[0] = widest[0] + 2 * TOC_GAP;
	t->tab[1] = widest[1] + 2 * TOC_GAP;
	t->indent[2] = t->tab[1];
	t->tab[2] = t->indent[2] + widest[2] + 2 * TOC_GAP;
}

/* A piece of an entry, part of the structure element elem (0: the
 * leaders, an artifact). */
static struct piece *
add_piece(struct lay *l, struct line *ln, size_t *cap, unsigned elem,
    double x, enum face f, double size, const char *s)
{
	struct piece *pc = ARENA_PUSH(l->a, ln->pieces, ln->n, *cap);

	memset(pc, 0, sizeof *pc);
	pc->elem = elem;
	pc->role = elem != 0 ? l->doc->elems[elem].role : ROLE_ARTIFACT;
	pc->x = x;
	pc->face = f;
	pc->size = size;
	pc->text = s;
	pc->len = strlen(s);
	pc->colour = lay_colour(l, &l->ts->colour);
	return pc;
}

/* Dots from from to to, on a grid of t->step from the left margin, so
 * that the leaders of all entries stand in columns (as TeX's aligned
 * \leaders do). */
static void
leaders(struct lay *l, const struct toc *t, struct line *ln, size_t *cap,
    double from, double to)
{
	double start = t->x0 + ceil((from - t->x0) / t->step) * t->step;
	double room = to - start + t->space;
	size_t dots, i;
	char *s;

	if (room < 2 * t->step)
		return;
	dots = (size_t)(room / t->step);
	s = arena_alloc(l->a, 2 * dots);
	for (i = 0; i < dots; i++) {
		s[2 * i] = '.';
		s[2 * i + 1] = ' ';
	}
	s[2 * dots - 1] = '\0';
	add_piece(l, ln, cap, 0, start, FACE_REGULAR, t->size, s);
}

/* Makes the entry's lines, the last of them on the current page, a link
 * to its heading. */
static void
link_entry(struct lay *l, const struct toc *t, const struct lines *ls,
    const struct mark *m, unsigned elem)
{
	struct link *k;
	double h = 0, top = l->page->height - l->st->margin_t;
	size_t i;

	for (i = 0; i < ls->n; i++)
		h += ls->items[i].height;
	if (l->y + h > top + 0.01)
		h = top - l->y;	/* the entry began on the page before */
	k = ARENA_PUSH(l->a, l->page->links, l->page->nlinks,
	    l->page->caplinks);
	k->x0 = t->x0;
	k->x1 = t->right;
	k->y0 = l->y;
	k->y1 = l->y + h;
	k->page = m->page;
	k->y = m->y;
	k->elem = elem;
}

/* An entry is a TOCI of the contents' TOC element toc: its number (a
 * Lbl), then a Link of its title and page. */
static void
entry(struct lay *l, const struct toc *t, const struct mark *m,
    unsigned toc)
{
	unsigned item = lay_elem(l, ROLE_TOCI, toc);
	unsigned lbl = lay_elem(l, ROLE_LBL, item);
	unsigned link = lay_elem(l, ROLE_LINK, item);
	enum face f = entry_face(m);
	const char *page = arena_printf(l->a, "%zu", m->page + 1);
	double x = t->x0 + t->tab[m->level], end, nw;
	struct lines ls = { NULL, 0, 0 };
	struct line *ln;
	const struct piece *last;
	struct para p;
	size_t cap;

	/* A title that needs two lines is broken between words: a
	 * hyphenated title reads badly beside its page number. */
	memset(&p, 0, sizeof p);
	p.elem = link;
	p.unhyphenated = 1;
	para_text(l, &p, f, t->size, 0, m->text, strlen(m->text),
	    (struct pos){ NULL, 0, 0 });
	/* The title keeps clear of the leaders' least width and the page
	 * numbers' column. */
	para_set(l, &p, x, t->right - t->numcol - 3 * t->step - x,
	    t->leading, 0, &ls);
	if (ls.n == 0)
		return;
	ln = &ls.items[ls.n - 1];
	cap = ln->n;
	/* The title and its page number read apart. */
	if (ln->n > 0)
		ln->pieces[ln->n - 1].space = 1;
	last = ln->n > 0 ? &ln->pieces[ln->n - 1] : NULL;
	end = last != NULL ? last->x + lay_width(l, last->face, last->lang,
	    last->text, last->len, last->size) : x;
	nw = width(l, f, page, t->size);
	leaders(l, t, ln, &cap, end + TOC_GAP, t->right - t->numcol - TOC_GAP);
	add_piece(l, ln, &cap, link, t->right - nw, f, t->size, page);
	ln = &ls.items[0];
	cap = ln->n;
	add_piece(l, ln, &cap, lbl, t->x0 + t->indent[m->level], f, t->size,
	    m->number);
	lay_flow(l, NULL, &ls, 0);
	link_entry(l, t, &ls, m, link);
}

void
toc_lay(struct lay *l, const struct mark *marks, size_t n)
{
	struct toc t;
	/* A section of its own: its heading, then the TOC. */
	unsigned sect = lay_elem(l, ROLE_SECT, 0), toc;
	size_t i;

	lay_new_page(l);
	lay_text_ts(l, lay_elem(l, ROLE_H1, sect), l->words[LW_CONTENTS], FACE_BOLD, &l->st->part, l->st->margin_l,
	    lay_text_width(l), 0);
	l->y -= l->st->part.size * 0.4;
	measure(l, &t, marks, n);
	toc = lay_elem(l, ROLE_TOC, sect);
	for (i = 0; i < n; i++) {
		if (marks[i].level < 0 || marks[i].level > 2)
			continue;
		/* A part's entry stands apart from the chapters before it. */
		if (marks[i].level == 0 && i > 0)
			l->y -= l->st->para_skip;
		entry(l, &t, &marks[i], toc);
	}
}
