/* table.c - the activity table: three columns (ambitions | activities |
 * partners), one row per domain, or per strand of a domain that has them.
 * Cells are set into lines first (lay_flow stacks them in a struct cell,
 * named by the struct dest each call is given); rows are then placed on
 * pages, and a row taller than the room left is split at a line boundary
 * in each column, continuing on the next page under the repeated header
 * row with a "(vervolg)" line. No paragraph keeps a single line on
 * either side of a split, no period heading is parted from its items, and
 * the header is never left at the foot of a page without the first row's
 * opening lines. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "layout_int.h"
#include "markup.h"
#include "model.h"
#include "redline.h"

#define COLS	3
#define EPS	0.01

struct row {
	struct cell c[COLS];
	double h;		/* the tallest cell's height */
	const char *title;	/* the domain, named again on a continuation */
};

/* The programme grouped once for the whole table (see group_programme):
 * a row's period shows the activities and milestones of one domain,
 * strand and period, and a plan may have thousands of each. */
struct entry {
	uintptr_t dm, st, pe;	/* the keys; see key_of */
	size_t i;		/* index into activities or milestones */
};

struct owner {
	uintptr_t e;		/* an ambition or a strand */
	size_t v;		/* the ambition's first strand; the strand's
				 * place in its domain */
};

/* A redline's removed activity or milestone rl->removed[i] by the domain
 * and period it goes to; done: the run of its domain (and period) that
 * begins here has been shown. */
struct removed_ix {
	uintptr_t dm, pe;
	size_t i;
	unsigned char done;
};

struct table {
	struct lay *l;
	struct entry *acts, *miles;	/* sorted by key, then index */
	struct owner *firsts;		/* by ambition */
	size_t nfirsts;
	struct owner *periods;		/* each period's place in periods: */
	size_t *shown;			/* room for a row's period places */
	const struct gen *gen;
	double left, width;	/* the table's left edge and full width */
	double x[COLS], w[COLS];	/* each column's left edge and width */
	double pad;
	double line;		/* one line of table text */
	struct row head;
	int fresh;		/* only the header row is on this page so far */
	unsigned char *placed;	/* a redline's removed entities: shown yet */
	struct removed_ix *rm_dm, *rm_dp;	/* see index_removed */
	size_t nrm;
	size_t *am_from, *am_at;	/* see rows_of_ambitions */
	/* Its structure elements: the Table and its TBody; whether the
	 * header row has been drawn once (its repeats are artifacts). */
	unsigned table, tbody;
	int head_drawn;
};

/* ---- building cells ---- */

/* Column c of r, empty, its cursor at its top: where the text of the
 * cell goes (a struct dest names it); a new structure element of role
 * (TH or TD) in the row tr. */
static struct cell *
begin_cell(struct lay *l, struct row *r, int c, enum role role, unsigned tr)
{
	struct cell *cell = &r->c[c];

	cell->y = 0;
	cell->elem = lay_elem(l, role, tr);
	return cell;
}

static void
end_cell(struct row *r, const struct cell *cell)
{
	if (-cell->y > r->h)
		r->h = -cell->y;
}

/* Moves the cell's cursor down to offset at, if it is not lower yet. */
static void
skip_to(struct cell *cell, double at)
{
	if (-cell->y < at)
		cell->y = -at;
}

/* Half a paragraph's skip between blocks of a cell, but above the
 * first. */
static void
cell_gap(const struct lay *l, struct cell *cell)
{
	if (cell->y < 0)
		cell->y -= l->st->para_skip / 2;
}

/* In the narrow column an organisation goes by its short name. */
static const char *
short_name(const struct entity *e)
{
	if (e->kind == ENT_ORGANISATION &&
	    ((const struct organisation *)e)->short_name.len > 0)
		return ((const struct organisation *)e)->short_name.s;
	return entity_display_name(e);
}

static const char *
partner_text(struct lay *l, const struct partner *pa)
{
	const char *s;

	if (pa->kind == PARTNER_TEXT)
		return pa->text.s;
	s = pa->ref.target ? short_name(pa->ref.target) : pa->ref.id;
	if (pa->org.target != NULL)
		s = arena_printf(l->a, "%s \xE2\x80\x93 %s",
		    short_name(pa->org.target), s);
	if (pa->note.len > 0)
		s = arena_printf(l->a, "%s %s", s, pa->note.s);
	return s;
}

/* Names as a grid of two columns, when every name fits half the width;
 * as a running list otherwise. */
static void
name_grid(struct lay *l, struct cell *cell, const char **names, size_t n,
    int more, double x, double w)
{
	struct dest to = { cell, NULL, 0 };
	double size = l->ts->size;

	if (!lay_name_grid(l, &to, names, n, x, w, 2, 6)) {
		lay_text(l, &to, arena_printf(l->a, "%s%s%s", lay_join_names(l, names,
		    n), more ? " " : "", more ? l->words[LW_AND_OTHERS] : ""),
		    FACE_REGULAR, size, x, w, 0, 0);
		return;
	}
	if (more)
		lay_text(l, &to, l->words[LW_AND_OTHERS], FACE_REGULAR, size,
		    x, w, 0, 0);
}

/* A body as a partner: its name, chair and members. */
static void
body_lines(struct lay *l, struct cell *cell, const struct body *b, double x,
    double w)
{
	struct dest to = { cell, NULL, 0 };
	const char **names = arena_alloc(l->a, (b->nmembers + 1) *
	    sizeof *names);
	double size = l->ts->size;
	size_t i;

	if (b->chair.target != NULL)
		lay_text(l, &to, arena_printf(l->a, "%s %s %s", b->name.s,
		    l->words[LW_LED_BY], entity_display_name(b->chair.target)),
		    FACE_REGULAR, size,
		    x, w, 0, 0);
	else
		lay_text(l, &to, b->name.s, FACE_REGULAR, size, x, w, 0, 0);
	if (b->nmembers == 0)
		return;
	lay_text(l, &to, l->words[LW_WITH_OTHERS], FACE_REGULAR, size, x, w,
	    0, 0);
	for (i = 0; i < b->nmembers; i++)
		names[i] = lay_member_name(l, &b->members[i]);
	name_grid(l, cell, names, b->nmembers, b->more, x, w);
}

/* Gives the pieces of cell's lines from line `from` on the change ch. */
static void
mark_cell(struct cell *cell, size_t from, unsigned char ch)
{
	size_t i, j;

	for (i = from; i < cell->n; i++)
		for (j = 0; j < cell->v[i].ln.n; j++)
			cell->v[i].ln.pieces[j].change = ch;
}

/* 1 if ps has a partner that reads as s. */
static int
has_partner(struct lay *l, const struct partners *ps, const char *s)
{
	size_t i;

	for (i = 0; ps != NULL && i < ps->n; i++)
		if (strcmp(partner_text(l, &ps->items[i]), s) == 0)
			return 1;
	return 0;
}

/* The partners ps; in a redline, of an entity marked mark (RL_*) whose
 * partners were old (NULL: not known or unchanged): new names marked
 * inserted, names that are gone struck through after them. */
static void
partners(struct lay *l, struct cell *cell, const struct partners *ps,
    const struct partners *old, unsigned mark, double x, double w)
{
	struct dest to = { cell, NULL, 0 };
	size_t i;

	for (i = 0; i < ps->n; i++) {
		const struct partner *pa = &ps->items[i];
		const struct body *b = pa->kind == PARTNER_REF &&
		    pa->ref.target != NULL && pa->ref.target->kind == ENT_BODY ?
		    (const struct body *)pa->ref.target : NULL;
		size_t before = cell->n;
		const char *s;

		/* A body that works with named people shows them. */
		if (b != NULL && (b->chair.target != NULL || b->more)) {
			body_lines(l, cell, b, x, w);
			if (mark & RL_ADDED)
				mark_cell(cell, before, PIECE_INSERTED);
			continue;
		}
		/* Free text is set apart (italic) from resolved names. */
		s = partner_text(l, pa);
		lay_text(l, &to, s, pa->kind == PARTNER_TEXT ? FACE_ITALIC :
		    FACE_REGULAR, l->ts->size, x, w, 0, 0);
		if ((mark & RL_ADDED) || (old != NULL && !has_partner(l, old, s)))
			mark_cell(cell, before, PIECE_INSERTED);
	}
	for (i = 0; old != NULL && !(mark & RL_ADDED) && i < old->n; i++) {
		const char *s = partner_text(l, &old->items[i]);
		size_t before = cell->n;

		if (has_partner(l, ps, s))
			continue;
		lay_text(l, &to, s, old->items[i].kind == PARTNER_TEXT ?
		    FACE_ITALIC : FACE_REGULAR, l->ts->size, x, w, 0, 0);
		mark_cell(cell, before, PIECE_DELETED);
	}
}

/* Where an activity's partners go: level with the activity. */
struct anchor {
	double at;
	const struct partners *with;
	const struct entity *e;	/* whose they are */
};

struct anchors {
	struct anchor *v;
	size_t n, cap;
};

/* ---- the programme by domain, strand and period ---- */

/* An activity is shown in the row of its domain and strand, in its period:
 * the targets of its references are the sort keys, and "no strand
 * written" one of its own. A strand that is written but unknown matches
 * no row. */
static const char no_strand_key, unknown_strand_key;

static uintptr_t
strand_key(const struct ref *strand)
{
	if (strand->target != NULL)
		return (uintptr_t)strand->target;
	return strand->id == NULL ? (uintptr_t)&no_strand_key :
	    (uintptr_t)&unknown_strand_key;
}

static int
cmp_key(uintptr_t a, uintptr_t b)
{
	return a < b ? -1 : a > b;
}

static int
by_key(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	int d;

	if ((d = cmp_key(a->dm, b->dm)) != 0 ||
	    (d = cmp_key(a->st, b->st)) != 0 ||
	    (d = cmp_key(a->pe, b->pe)) != 0)
		return d;
	return a->i < b->i ? -1 : a->i > b->i;	/* in plan order */
}

static int
by_owner(const void *x, const void *y)
{
	const struct owner *a = x, *b = y;

	return cmp_key(a->e, b->e);
}

/* by_key on the domain and strand only (whole: the period and index
 * too). */
static int
by_row(const struct entry *a, const struct entry *b, int whole)
{
	int d;

	if ((d = cmp_key(a->dm, b->dm)) != 0 ||
	    (d = cmp_key(a->st, b->st)) != 0)
		return d;
	return whole ? by_key(a, b) : 0;
}

/* The entries of domain dm, strand st (NULL: none) and period pe in v
 * (n long): [*from, *to); with pe NULL, those of any period. */
static void
group_range(const struct entry *v, size_t n, const struct domain *dm,
    const struct strand *st, const struct period *pe, size_t *from,
    size_t *to)
{
	struct entry k;
	size_t lo = 0, hi = n, mid;
	int whole = pe != NULL;

	k.dm = (uintptr_t)dm;
	k.st = st ? (uintptr_t)st : (uintptr_t)&no_strand_key;
	k.pe = (uintptr_t)pe;
	k.i = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (by_row(&v[mid], &k, whole) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*from = lo;
	k.i = (size_t)-1;
	for (hi = n; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (by_row(&v[mid], &k, whole) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*to = lo;
}

/* The owner entry of e in v (n long, sorted), or NULL. */
static struct owner *
owner_of(struct owner *v, size_t n, const void *e)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid].e < (uintptr_t)e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].e == (uintptr_t)e ? &v[lo] : NULL;
}

/* Sorts the activities and milestones by domain, strand and period, and
 * finds each ambition's first strand (see ambition_row). */
static void
group_programme(struct table *t)
{
	struct lay *l = t->l;
	const struct plan *p = l->plan;
	struct owner *strands, *o;
	size_t i, j, k, ns = 0;

	t->acts = arena_alloc(l->a, (p->nactivities + 1) * sizeof *t->acts);
	for (i = 0; i < p->nactivities; i++) {
		const struct activity *a = p->activities[i];

		t->acts[i].dm = (uintptr_t)a->domain.target;
		t->acts[i].st = strand_key(&a->strand);
		t->acts[i].pe = (uintptr_t)a->period.target;
		t->acts[i].i = i;
	}
	qsort(t->acts, p->nactivities, sizeof *t->acts, by_key);
	t->miles = arena_alloc(l->a, (p->nmilestones + 1) * sizeof *t->miles);
	for (i = 0; i < p->nmilestones; i++) {
		const struct milestone *m = p->milestones[i];

		t->miles[i].dm = (uintptr_t)m->domain.target;
		t->miles[i].st = strand_key(&m->strand);
		t->miles[i].pe = (uintptr_t)m->period.target;
		t->miles[i].i = i;
	}
	qsort(t->miles, p->nmilestones, sizeof *t->miles, by_key);
	t->periods = arena_alloc(l->a, (p->nperiods + 1) * sizeof *t->periods);
	for (i = 0; i < p->nperiods; i++) {
		t->periods[i].e = (uintptr_t)p->periods[i];
		t->periods[i].v = i;
	}
	qsort(t->periods, p->nperiods, sizeof *t->periods, by_owner);
	t->shown = arena_alloc(l->a, (p->nactivities + p->nmilestones + 1) *
	    sizeof *t->shown);

	/* Each strand's place in its domain's list. */
	for (i = 0; i < p->ndomains; i++)
		ns += p->domains[i]->nstrands;
	strands = arena_alloc(l->a, (ns + 1) * sizeof *strands);
	for (i = 0, ns = 0; i < p->ndomains; i++)
		for (j = 0; j < p->domains[i]->nstrands; j++) {
			strands[ns].e = (uintptr_t)p->domains[i]->strands[j];
			strands[ns++].v = j;
		}
	qsort(strands, ns, sizeof *strands, by_owner);
	/* An ambition's first strand: the least place of a strand of its
	 * domain with an activity (of that domain) that serves it. */
	t->nfirsts = 0;
	for (i = 0; i < p->ndomains; i++)
		t->nfirsts += p->domains[i]->nambitions;
	t->firsts = arena_alloc(l->a, (t->nfirsts + 1) * sizeof *t->firsts);
	for (i = 0, k = 0; i < p->ndomains; i++)
		for (j = 0; j < p->domains[i]->nambitions; j++) {
			t->firsts[k].e = (uintptr_t)p->domains[i]->ambitions[j];
			t->firsts[k++].v = (size_t)-1;
		}
	qsort(t->firsts, t->nfirsts, sizeof *t->firsts, by_owner);
	for (i = 0; i < p->nactivities; i++) {
		const struct activity *a = p->activities[i];
		const struct entity *st = a->strand.target;
		struct owner *so;

		if (st == NULL || a->domain.target == NULL ||
		    st->kind != ENT_STRAND || ((const struct strand *)st)->domain
		    != (const struct domain *)a->domain.target ||
		    (so = owner_of(strands, ns, st)) == NULL)
			continue;
		for (k = 0; k < a->serves.n; k++) {
			const struct entity *am = a->serves.items[k].target;

			if (am == NULL || am->kind != ENT_AMBITION ||
			    ((const struct ambition *)am)->domain !=
			    (const struct domain *)a->domain.target)
				continue;
			if ((o = owner_of(t->firsts, t->nfirsts, am)) != NULL &&
			    so->v < o->v)
				o->v = so->v;
		}
	}
}

static int
by_removed_dm(const void *x, const void *y)
{
	const struct removed_ix *a = x, *b = y;
	int d;

	if ((d = cmp_key(a->dm, b->dm)) != 0)
		return d;
	return a->i < b->i ? -1 : a->i > b->i;
}

static int
by_removed_dp(const void *x, const void *y)
{
	const struct removed_ix *a = x, *b = y;
	int d;

	if ((d = cmp_key(a->dm, b->dm)) != 0 ||
	    (d = cmp_key(a->pe, b->pe)) != 0)
		return d;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* A redline's removed activities and milestones sorted once by domain
 * (rm_dm) and by domain and period (rm_dp), each in plan order, so that a
 * row or a period finds its own without reading all of them: 10,000
 * domains that lost their activities read 10^8 entries. */
static void
index_removed(struct table *t)
{
	const struct redline *rl = t->l->rl;
	size_t i, n = 0;

	t->rm_dm = arena_alloc(t->l->a, (rl->nremoved + 1) * sizeof *t->rm_dm);
	t->rm_dp = arena_alloc(t->l->a, (rl->nremoved + 1) * sizeof *t->rm_dp);
	for (i = 0; i < rl->nremoved; i++) {
		const struct rl_removed *r = &rl->removed[i];

		if (r->old->kind != ENT_ACTIVITY &&
		    r->old->kind != ENT_MILESTONE)
			continue;
		t->rm_dm[n].dm = (uintptr_t)r->domain;
		t->rm_dm[n].pe = (uintptr_t)r->period;
		t->rm_dm[n].i = i;
		t->rm_dm[n++].done = 0;
	}
	t->nrm = n;
	memcpy(t->rm_dp, t->rm_dm, n * sizeof *t->rm_dp);
	qsort(t->rm_dm, n, sizeof *t->rm_dm, by_removed_dm);
	qsort(t->rm_dp, n, sizeof *t->rm_dp, by_removed_dp);
}

/* The first entry of v (sorted by cmp) that is not before key, of n. */
static size_t
removed_from(const struct removed_ix *v, size_t n,
    const struct removed_ix *key, int (*cmp)(const void *, const void *))
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp(&v[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* rl->removed[i], struck through, if it is not shown yet; *list is the
 * list they are in (0: none yet). */
static void
removed_act(struct table *t, struct cell *cell, size_t i, unsigned *list,
    double x, double w)
{
	struct lay *l = t->l;
	const struct rl_removed *r = &l->rl->removed[i];
	double indent = l->st->list_indent, size = l->ts->size;
	struct marker mk;
	struct dest first = { cell, &mk, 0 };
	size_t before = cell->n;
	unsigned li;

	if (t->placed[i] || (r->old->kind != ENT_ACTIVITY &&
	    r->old->kind != ENT_MILESTONE))
		return;
	t->placed[i] = 1;
	/* A list of their own, labelled by their dashes. */
	if (*list == 0)
		*list = lay_elem(l, ROLE_L, cell->elem);
	li = lay_elem(l, ROLE_LI, *list);
	mk.text = "\xE2\x80\x93";	/* an en dash: no number */
	mk.face = FACE_REGULAR;
	mk.x = x;
	mk.elem = lay_elem(l, ROLE_LBL, li);
	first.parent = lay_elem(l, ROLE_LBODY, li);
	if (r->title != NULL) {
		lay_runs(l, &first, r->title, r->ntitle, FACE_ITALIC, size,
		    x + indent, w - indent, t->line);
		first.marker = NULL;
	}
	if (r->blocks != NULL)
		lay_prose(l, &first, r->blocks, r->nblocks, x + indent,
		    w - indent, 1);
	if (cell->n > before) {
		cell->v[before].anchor = r->old;
		/* The marker of a line with deleted words only. */
		cell->v[before].ln.pieces[cell->v[before].ln.n - 1].change =
		    PIECE_DELETED;
	}
}

/* A redline's removed activities and milestones of domain dm (NULL: any
 * not shown yet) in period pe (NULL: any period), struck through, each
 * once per table, in plan order. */
static void
removed_acts(struct table *t, struct cell *cell, const struct domain *dm,
    const struct period *pe, double x, double w)
{
	struct removed_ix key, *v;
	int (*cmp)(const void *, const void *);
	unsigned list = 0;
	size_t i, from;

	if (t->l->rl == NULL)
		return;
	if (dm == NULL) {
		for (i = 0; i < t->l->rl->nremoved; i++)
			removed_act(t, cell, i, &list, x, w);
		return;
	}
	if (t->rm_dm == NULL)
		index_removed(t);
	v = pe != NULL ? t->rm_dp : t->rm_dm;
	cmp = pe != NULL ? by_removed_dp : by_removed_dm;
	key.dm = (uintptr_t)dm;
	key.pe = (uintptr_t)pe;
	key.i = 0;
	from = removed_from(v, t->nrm, &key, cmp);
	/* Once shown, all of the run are: each row of a domain and each
	 * period block of it would otherwise read them again. */
	if (from == t->nrm || v[from].dm != key.dm ||
	    (pe != NULL && v[from].pe != key.pe) || v[from].done)
		return;
	v[from].done = 1;
	for (i = from; i < t->nrm && v[i].dm == key.dm &&
	    (pe == NULL || v[i].pe == key.pe); i++)
		removed_act(t, cell, v[i].i, &list, x, w);
}

/* One period of a domain (or strand): its title, the numbered
 * activities, then the milestones as bullets. */
static void
period_block(struct table *t, struct cell *cell, const struct domain *dm,
    const struct strand *st, const struct period *pe, struct anchors *an)
{
	struct dest to = { cell, NULL, 0 };
	struct lay *l = t->l;
	const struct plan *p = l->plan;
	double x = t->x[1] + t->pad, w = t->w[1] - 2 * t->pad;
	double indent = l->st->list_indent, size = l->ts->size;
	size_t i, shown = 0, afrom, ato, mfrom, mto, before, nblocks;
	const struct block *blocks;
	const char *from;
	unsigned list;

	group_range(t->acts, p->nactivities, dm, st, pe, &afrom, &ato);
	group_range(t->miles, p->nmilestones, dm, st, pe, &mfrom, &mto);
	if (afrom == ato && mfrom == mto)
		return;
	cell_gap(l, cell);
	lay_title(l, &to, &pe->e, pe->title.s, FACE_BOLD, size, x, w, t->line);
	/* The numbers stand in the indent, which widens for a number wider
	 * than it ("10." in a layout with a narrow indent) rather than let
	 * the number run into the text. */
	for (i = afrom; i < ato; i++) {
		const struct activity *a = p->activities[t->acts[i].i];
		const char *num = a->label.len ? arena_printf(l->a, "%s.",
		    a->label.s) : arena_printf(l->a, "%zu.", i - afrom + 1);
		double mw = lay_width(l, FACE_REGULAR, NULL, num, strlen(num),
		    size) + size * 0.4;

		if (mw > indent)
			indent = mw;
	}
	/* The numbered activities are a list. */
	list = afrom < ato ? lay_elem(l, ROLE_L, cell->elem) : 0;
	lay_elem_edit(l, list)->numbering = NUMBERING_DECIMAL;
	for (i = afrom; i < ato; i++) {
		const struct activity *a = p->activities[t->acts[i].i];
		struct marker mk;
		struct dest first = { cell, &mk, 0 };
		unsigned li = lay_elem(l, ROLE_LI, list);

		shown++;
		if (a->with.n > 0) {
			struct anchor *k = ARENA_PUSH(l->a, an->v, an->n,
			    an->cap);
			k->at = -cell->y;
			k->with = &a->with;
			k->e = &a->e;
		}
		/* The number goes to the title's line, or else to the
		 * text's first. */
		mk.text = a->label.len ? arena_printf(l->a, "%s.",
		    a->label.s) : arena_printf(l->a, "%zu.", shown);
		mk.face = FACE_REGULAR;
		mk.x = x;
		before = cell->n;
		mk.elem = lay_elem(l, ROLE_LBL, li);
		first.parent = lay_elem(l, ROLE_LBODY, li);
		if (a->title.len > 0) {
			lay_title(l, &first, &a->e, a->title.s, FACE_ITALIC,
			    size, x + indent, w - indent, t->line);
			first.marker = NULL;
		}
		blocks = lay_blocks(l, &a->text, &nblocks);
		lay_prose(l, &first, blocks, nblocks, x + indent, w - indent, 1);
		if ((from = redline_moved_from(l->rl, &a->e)) != NULL)
			lay_note(l, &to, arena_printf(l->a, "%s %s",
			    l->words[LW_MOVED_FROM], from), size, x + indent,
			    w - indent);
		if (cell->n > before)
			cell->v[before].anchor = &a->e;
	}
	removed_acts(t, cell, dm, pe, x, w);
	for (i = mfrom; i < mto; i++) {
		const struct milestone *m = p->milestones[t->miles[i].i];

		before = cell->n;
		blocks = lay_blocks(l, &m->text, &nblocks);
		lay_prose(l, &to, blocks, nblocks, x, w, 1);
		if (cell->n > before)
			cell->v[before].anchor = &m->e;
	}
}

/* An ambition belongs to the first row whose activities serve it; one
 * that none serves goes to the domain's first row. Row k of a domain with
 * strands is its strand k. */
static size_t
ambition_row(const struct table *t, const struct domain *dm,
    const struct ambition *am)
{
	const struct owner *o = owner_of(t->firsts, t->nfirsts, am);

	if (o != NULL && o->v < dm->nstrands && am->domain == dm)
		return o->v;
	return 0;
}

/* The ambitions of dm row by row, worked out when its first row is built:
 * row k shows dm->ambitions[t->am_at[i]] for i in [t->am_from[k],
 * t->am_from[k + 1]), in their order; asking every ambition for every row
 * took quadratic time in a domain with thousands of strands. */
static void
rows_of_ambitions(struct table *t, const struct domain *dm)
{
	struct lay *l = t->l;
	size_t nrows = dm->nstrands > 0 ? dm->nstrands : 1, j, k, *row, *at;

	row = arena_alloc(l->a, (dm->nambitions + 1) * sizeof *row);
	t->am_from = arena_alloc(l->a, (nrows + 2) * sizeof *t->am_from);
	at = arena_alloc(l->a, (nrows + 2) * sizeof *at);
	t->am_at = arena_alloc(l->a, (dm->nambitions + 1) * sizeof *t->am_at);
	for (k = 0; k < nrows + 2; k++)
		t->am_from[k] = 0;
	for (j = 0; j < dm->nambitions; j++) {
		row[j] = ambition_row(t, dm, dm->ambitions[j]);
		t->am_from[row[j] + 1]++;
	}
	for (k = 0; k <= nrows; k++) {
		t->am_from[k + 1] += t->am_from[k];
		at[k] = t->am_from[k];
	}
	for (j = 0; j < dm->nambitions; j++)
		t->am_at[at[row[j]]++] = j;
}

static int
by_place(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return a < b ? -1 : a > b;
}

/* The periods of a row that have activities or milestones in it, in the
 * order of periods: only those are looked at, not every period of the
 * plan for every row. */
static void
row_periods(struct table *t, struct cell *cell, const struct domain *dm,
    const struct strand *st, struct anchors *an)
{
	const struct plan *p = t->l->plan;
	const struct entry *v[2] = { t->acts, t->miles };
	size_t nv[2] = { p->nactivities, p->nmilestones };
	size_t n = 0, i, j, from, to;
	const struct owner *o;

	for (j = 0; j < 2; j++) {
		group_range(v[j], nv[j], dm, st, NULL, &from, &to);
		for (i = from; i < to; i++)
			if ((o = owner_of(t->periods, p->nperiods,
			    (const void *)v[j][i].pe)) != NULL)
				t->shown[n++] = o->v;
	}
	qsort(t->shown, n, sizeof *t->shown, by_place);
	for (i = 0; i < n; i++)
		if (i == 0 || t->shown[i] != t->shown[i - 1])
			period_block(t, cell, dm, st, p->periods[t->shown[i]],
			    an);
}

static void
build_row(struct table *t, const struct domain *dm, const struct strand *st,
    size_t nrow, int last, struct row *r)
{
	struct lay *l = t->l;
	double x, w, indent = l->st->list_indent, size = l->ts->size;
	struct anchors an = { NULL, 0, 0 };
	struct cell *cell;
	struct dest to;
	const struct block *blocks;
	size_t j, nblocks;
	unsigned tr, list = 0;

	memset(r, 0, sizeof *r);
	r->title = dm->title.s;
	tr = lay_elem(l, ROLE_TR, t->tbody);

	/* The ambitions. */
	x = t->x[0] + t->pad;
	w = t->w[0] - 2 * t->pad;
	cell = begin_cell(l, r, 0, ROLE_TD, tr);
	to = (struct dest){ cell, NULL, 0 };
	if (nrow == 0) {
		size_t before = cell->n;

		lay_title(l, &to, &dm->e, dm->title.s, FACE_BOLD, size, x, w,
		    t->line);
		if (cell->n > before)
			cell->v[before].anchor = &dm->e;
	}
	if (nrow == 0)
		rows_of_ambitions(t, dm);
	for (j = t->am_from[nrow]; j < t->am_from[nrow + 1]; j++) {
		const struct ambition *am = dm->ambitions[t->am_at[j]];
		struct marker mk;
		struct dest item = { cell, &mk, 0 };

		cell_gap(l, cell);
		blocks = lay_blocks(l, &am->text, &nblocks);
		if (am->label.len > 0) {
			/* Labelled ambitions are a list. */
			unsigned li;

			if (list == 0) {
				list = lay_elem(l, ROLE_L, cell->elem);
				lay_elem_edit(l, list)->numbering =
				    NUMBERING_DECIMAL;
			}
			li = lay_elem(l, ROLE_LI, list);
			mk.text = arena_printf(l->a, "%s.", am->label.s);
			mk.face = FACE_REGULAR;
			mk.x = x;
			mk.elem = lay_elem(l, ROLE_LBL, li);
			item.parent = lay_elem(l, ROLE_LBODY, li);
			lay_prose(l, &item, blocks, nblocks, x + indent,
			    w - indent, 1);
		} else
			lay_prose(l, &to, blocks, nblocks, x, w, 1);
	}
	end_cell(r, cell);

	/* The activities, period by period. */
	x = t->x[1] + t->pad;
	w = t->w[1] - 2 * t->pad;
	cell = begin_cell(l, r, 1, ROLE_TD, tr);
	to = (struct dest){ cell, NULL, 0 };
	if (st != NULL && (st->label.len || st->title.len))
		lay_text(l, &to, arena_printf(l->a, "%s%s%s", st->label.s,
		    st->label.len ? ". " : "", st->title.s), FACE_BOLD, size, x,
		    w, 0, t->line);
	row_periods(t, cell, dm, st, &an);
	/* A redline's removed activities whose period has nothing left in
	 * this row, or is gone: at the end of their domain's row; those
	 * whose domain is gone: at the end of the table. */
	if (l->rl != NULL) {
		removed_acts(t, cell, dm, NULL, x, w);
		if (last)
			removed_acts(t, cell, NULL, NULL, x, w);
	}
	end_cell(r, cell);

	/* The partners, each level with what it works on. */
	x = t->x[2] + t->pad;
	w = t->w[2] - 2 * t->pad;
	cell = begin_cell(l, r, 2, ROLE_TD, tr);
	if (nrow == 0 && dm->with.n > 0)
		partners(l, cell, &dm->with, NULL, 0, x, w);
	if (st != NULL && st->with.n > 0)
		partners(l, cell, &st->with, NULL, 0, x, w);
	for (j = 0; j < an.n; j++) {
		const struct entity *old = redline_old(l->rl, an.v[j].e);

		cell_gap(l, cell);
		skip_to(cell, an.v[j].at);
		partners(l, cell, an.v[j].with, old != NULL && old->kind ==
		    ENT_ACTIVITY ? &((const struct activity *)old)->with : NULL,
		    redline_mark(l->rl, an.v[j].e), x, w);
	}
	end_cell(r, cell);
}

/* ---- placing rows ---- */

/* A row taller than the room left is split between pages column by
 * column: each column breaks after the last of its lines that fits and
 * may end a page (no paragraph keeps a single line on either side; no
 * heading such as "Eind 2018" or list opening is parted from what follows
 * it), so each column is cut at a line boundary and no line is cut. What
 * is left keeps its columns' alignment: it is placed from the highest of
 * the columns' next lines. The lines of a column run top down, so a
 * column's break is found by bisection: a row of L lines over P pages
 * costs O(P log L). */

/* One page's part of a row. */
struct split {
	double from;		/* offset in the row of the part's top */
	double shift;		/* the first column moved down by this (the
				 * "(vervolg)" line of a continued row) */
	struct cell label;	/* that line, set once for all pages */
	size_t at[COLS];	/* each column's first line in the part */
	size_t to[COLS];	/* and the line after its last */
};

static unsigned
para_of(const struct line *ln)
{
	size_t i;

	for (i = 0; i < ln->n; i++)
		if (ln->pieces[i].para != 0)
			return ln->pieces[i].para;
	return 0;
}

/* Numbers each line within its paragraph (whose lines follow each other
 * in a column). */
static void
index_row(struct row *r)
{
	size_t c, i;

	for (c = 0; c < COLS; c++) {
		struct cell *cc = &r->c[c];

		for (i = 0; i < cc->n; i++) {
			struct cline *cl = &cc->v[i];

			cl->para = para_of(&cl->ln);
			cl->rank = i > 0 && cl->para != 0 &&
			    cc->v[i - 1].para == cl->para ?
			    cc->v[i - 1].rank + 1 : 0;
		}
		for (i = cc->n; i-- > 0;) {
			struct cline *cl = &cc->v[i];

			cl->of = i + 1 < cc->n && cl->para != 0 &&
			    cc->v[i + 1].para == cl->para ?
			    cc->v[i + 1].of : cl->rank + 1;
		}
	}
}

static double
bottom(const struct cline *cl)
{
	return cl->top + cl->ln.height;
}

/* The number of lines of cell c that end at offset y or above it. */
static size_t
lines_ending_by(const struct cell *c, double y)
{
	size_t lo = 0, hi = c->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (bottom(&c->v[mid]) <= y + EPS)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* 1 if a page may end in cell c after its line j - 1 (with line j
 * next): not after a heading or a list's opening line, and not with a
 * single line of a paragraph on either side. */
static int
may_end(const struct cell *c, size_t j)
{
	const struct cline *a, *b;

	if (j == 0 || j >= c->n)
		return 1;
	a = &c->v[j - 1];
	b = &c->v[j];
	if (a->keep)
		return 0;
	return a->para == 0 || a->para != b->para ||
	    (a->rank + 1 >= 2 && a->of - a->rank - 1 >= 2);
}

static double
shift_of(const struct split *s, size_t c)
{
	return c == 0 ? s->shift : 0;
}

/* The height s's lines take on a page. */
static double
part_height(const struct row *r, const struct split *s)
{
	double h = s->shift, b;
	size_t c;

	for (c = 0; c < COLS; c++) {
		if (s->to[c] <= s->at[c])
			continue;
		b = bottom(&r->c[c].v[s->to[c] - 1]) - s->from + shift_of(s, c);
		if (b > h)
			h = b;
	}
	return h;
}

/* Makes s all that is left of r. */
static void
take_rest(const struct row *r, struct split *s)
{
	size_t c;

	for (c = 0; c < COLS; c++)
		s->to[c] = r->c[c].n;
}

/* Chooses s's breaks for a page with room points: 1 if some column has
 * at least min lines in the part and some column at least min after it;
 * strict also keeps to may_end. */
static int
plan_split(const struct row *r, struct split *s, double room, size_t min,
    int strict)
{
	size_t c, j, before = 0, after = 0;

	for (c = 0; c < COLS; c++) {
		const struct cell *cc = &r->c[c];

		j = lines_ending_by(cc, s->from + room - shift_of(s, c));
		if (j < s->at[c])
			j = s->at[c];
		while (strict && j > s->at[c] && !may_end(cc, j))
			j--;
		s->to[c] = j;
		if (j - s->at[c] > before)
			before = j - s->at[c];
		if (cc->n - j > after)
			after = cc->n - j;
	}
	return before >= (min > 0 ? min : 1) && after >= min;
}

/* Makes s's part the next line of each column that has one. */
static void
one_line_each(const struct row *r, struct split *s)
{
	size_t c;

	for (c = 0; c < COLS; c++)
		s->to[c] = s->at[c] < r->c[c].n ? s->at[c] + 1 : s->at[c];
}

/* Moves s on to what is left after its part: from the highest of the
 * columns' next lines. Returns 0 if nothing is left. */
static int
advance(const struct row *r, struct split *s)
{
	double from = -1;
	size_t c;

	for (c = 0; c < COLS; c++) {
		s->at[c] = s->to[c];
		if (s->at[c] < r->c[c].n && (from < 0 ||
		    r->c[c].v[s->at[c]].top < from))
			from = r->c[c].v[s->at[c]].top;
	}
	if (from < 0)
		return 0;
	s->from = from;
	return 1;
}

static void
vrule(struct lay *l, double x, double top, double h, double thick)
{
	struct fill *f = ARENA_PUSH(l->a, l->page->fills, l->page->nfills,
	    l->page->capfills);

	memset(f, 0, sizeof *f);
	f->x = x - thick / 2;
	f->y = top - h;
	f->width = thick;
	f->height = h;
}

static void
hrule(struct table *t, double y)
{
	struct rule *r = ARENA_PUSH(t->l->a, t->l->page->rules,
	    t->l->page->nrules, t->l->page->caprules);

	memset(r, 0, sizeof *r);
	r->x = t->left;
	r->y = y;
	r->width = t->width;
	r->thickness = t->l->st->table_rule;
}

/* The line that opens a continued row in its first column, "Kinderen
 * en ouders (vervolg)", set into *out; returns its height. */
static double
continuation(struct table *t, const struct row *r, struct cell *out)
{
	struct lay *l = t->l;
	struct dest to = { out, NULL, 0 };
	size_t i, j;

	memset(out, 0, sizeof *out);
	/* A label, not prose: "(vervolg)" is not to be hyphenated. */
	lay_label(l, &to, arena_printf(l->a, "%s (%s)", r->title,
	    l->words[LW_CONTINUED]), FACE_ITALIC, l->ts->size, t->x[0] + t->pad,
	    t->w[0] - 2 * t->pad);
	/* Repeated on each page of the row, it is furniture, like the
	 * header row, not a paragraph of the text (para 0), and an
	 * artifact of the tagged PDF. */
	for (i = 0; i < out->n; i++)
		for (j = 0; j < out->v[i].ln.n; j++) {
			out->v[i].ln.pieces[j].para = 0;
			out->v[i].ln.pieces[j].elem = 0;
			out->v[i].ln.pieces[j].role = ROLE_ARTIFACT;
		}
	return -out->y;
}

/* Draws s's part of r at the page's cursor, with its frame; a shift
 * puts the "(vervolg)" line atop the first column. */
static void
draw_part(struct table *t, const struct row *r, const struct split *s,
    const struct colour *bg)
{
	struct lay *l = t->l;
	double top = l->y, y = top - t->pad, h;
	size_t c, i;

	for (i = 0; i < s->label.n; i++)
		lay_put_line(l, &s->label.v[i].ln, y - s->label.v[i].top -
		    s->label.v[i].ln.height * (1 - LINE_BASELINE));
	h = part_height(r, s) + 2 * t->pad;
	if (bg != NULL) {
		struct fill *f = ARENA_PUSH(l->a, l->page->fills,
		    l->page->nfills, l->page->capfills);
		f->x = t->left;
		f->y = top - h;
		f->width = t->width;
		f->height = h;
		f->colour = *bg;
	}
	/* The part's foot first: its footnotes go under it (place_row
	 * left them the room), and one that does not fit waits for the
	 * next page rather than being drawn over the rows. */
	l->y = top - h;
	for (c = 0; c < COLS; c++)
		for (i = s->at[c]; i < s->to[c]; i++) {
			const struct cline *cl = &r->c[c].v[i];
			double base = y - (cl->top - s->from) - cl->ln.height -
			    shift_of(s, c);

			lay_put_line(l, &cl->ln, base + cl->ln.height *
			    LINE_BASELINE);
			lay_take_notes(l, &cl->ln);
			if (cl->anchor != NULL)
				lay_anchor(l, cl->anchor, base + cl->ln.height);
		}
	hrule(t, top);
	hrule(t, top - h);
	for (c = 0; c <= COLS; c++)
		vrule(l, c < COLS ? t->x[c] : t->left + t->width, top, h,
		    l->st->table_rule);
}

static void
draw_head(struct table *t)
{
	struct split s;
	struct page *pg = t->l->page;
	size_t from = pg->npieces, i;

	memset(&s, 0, sizeof s);
	take_rest(&t->head, &s);
	draw_part(t, &t->head, &s, &t->l->st->table_head_bg);
	t->fresh = 1;
	/* The header row is read once, where the table begins; its repeats
	 * on later pages are artifacts. */
	if (t->head_drawn)
		for (i = from; i < pg->npieces; i++) {
			pg->pieces[i].elem = 0;
			pg->pieces[i].role = ROLE_ARTIFACT;
		}
	t->head_drawn = 1;
}

static double
head_height(const struct table *t)
{
	return t->head.h + 2 * t->pad;
}

static double
room(const struct table *t)
{
	const struct lay *l = t->l;

	return l->y - (l->st->margin_b + l->foot) - 2 * t->pad;
}

static void
next_page(struct table *t)
{
	lay_new_page(t->l);
	draw_head(t);
}

/* The room the footnotes of s's part would take at the page's foot. */
static double
part_notes(const struct table *t, const struct row *r, const struct split *s)
{
	double h = 0, rule = 0, n;
	size_t c, i;

	for (c = 0; c < COLS; c++)
		for (i = s->at[c]; i < s->to[c]; i++) {
			const struct line *ln = &r->c[c].v[i].ln;

			if (ln->nnotes == 0 || (n = lay_notes_height(t->l, ln)) == 0)
				continue;
			/* The rule above the notes is counted once. */
			if (t->l->notes.n == 0) {
				n -= NOTE_RULE_SPACE;
				rule = NOTE_RULE_SPACE;
			}
			h += n;
		}
	return h + rule;
}

/* Chooses s's part for a page with space points above the foot that also
 * leaves room under it for the part's footnotes: the rows are cut higher
 * while the notes of what is left do not fit (each cut has fewer lines,
 * so fewer notes: a few rounds settle it). Returns plan_split's answer. */
static int
split_with_notes(const struct table *t, const struct row *r, struct split *s,
    double space, size_t min, int strict)
{
	double room = space, notes;
	int ok = 0, round;

	for (round = 0; round < 8; round++) {
		ok = plan_split(r, s, room, min, strict);
		if (!ok)
			return 0;
		notes = part_notes(t, r, s);
		if (part_height(r, s) + notes <= space + EPS)
			return 1;
		room = space - notes;
		if (room <= 0)
			return 0;
	}
	return ok;
}

static void
place_row(struct table *t, const struct row *r)
{
	struct split s;

	memset(&s, 0, sizeof s);
	for (;;) {
		double space = room(t);

		take_rest(r, &s);
		if (part_height(r, &s) + part_notes(t, r, &s) <= space + EPS) {
			draw_part(t, r, &s, NULL);
			t->fresh = 0;
			return;
		}
		if (!split_with_notes(t, r, &s, space, 2, 1)) {
			if (!t->fresh) {
				/* Nothing worth leaving here: the row starts
				 * over on the next page. */
				next_page(t);
				continue;
			}
			/* A footnote too tall to share even this fresh page
			 * with its mark: the notes continue on the next
			 * page, as in running text (lay_take_notes). */
			if (!plan_split(r, &s, space, 2, 1) &&
			    !plan_split(r, &s, space, 1, 0))
				/* Not even one line fits under the header
				 * (a layout with huge type): a line of each
				 * column per page, so that it ends. */
				one_line_each(r, &s);
		}
		draw_part(t, r, &s, NULL);
		if (!advance(r, &s)) {
			t->fresh = 0;
			return;
		}
		if (s.shift == 0)
			s.shift = continuation(t, r, &s.label);
		next_page(t);
	}
}

static void
build_head(struct table *t)
{
	const struct gen *g = t->gen;
	unsigned tr = lay_elem(t->l, ROLE_TR, lay_elem(t->l, ROLE_THEAD,
	    t->table));
	size_t c;

	memset(&t->head, 0, sizeof t->head);
	for (c = 0; c < COLS; c++) {
		const char *s = g->ncolumns == COLS ? g->columns[c].s :
		    t->l->words[LW_COL_AMBITION + c];
		struct dest to = { begin_cell(t->l, &t->head, (int)c, ROLE_TH,
		    tr), NULL, 0 };
		size_t i, j;

		lay_text(t->l, &to, s, FACE_BOLD, t->l->ts->size,
		    t->x[c] + t->pad, t->w[c] - 2 * t->pad, 0, 0);
		/* Repeated on every page, the header is furniture like a
		 * running header, not a paragraph of the text (para 0). */
		for (i = 0; i < t->head.c[c].n; i++)
			for (j = 0; j < t->head.c[c].v[i].ln.n; j++) {
				struct piece *pc = &t->head.c[c].v[i].ln.pieces[j];
				pc->colour = lay_colour(t->l,
				    &t->l->st->table_head_fg);
				pc->para = 0;
			}
		end_cell(&t->head, to.cell);
	}
}

/* The least of r that may open a page under the header: the shortest
 * part a strict split allows, or all of it. */
static double
least_part(const struct row *r)
{
	struct split s;
	double least, h;
	size_t c, i;

	memset(&s, 0, sizeof s);
	take_rest(r, &s);
	least = part_height(r, &s);
	for (c = 0; c < COLS; c++)
		for (i = 0; i < r->c[c].n; i++) {
			memset(&s, 0, sizeof s);
			if (plan_split(r, &s, bottom(&r->c[c].v[i]), 2, 1) &&
			    (h = part_height(r, &s)) < least)
				least = h;
		}
	return least;
}

/* ---- building and placing in turns ---- */

/* The rows are built and placed in turns, each row's lines freed once it
 * is placed: a table of thousands of pages holds one row's lines at a
 * time, not all of them. Building a row makes structure elements and
 * numbers paragraphs, and so does placing (a footnote's Note and its
 * text, the caption, a continued row's label). Both numberings stay as
 * they were when every row was built before the first was placed (the
 * dump shows paragraph numbers, the tagged PDF's objects follow the
 * elements' order): placing counts its paragraphs from PLACE_PARA, and
 * at the end (turns_end) those follow the building's, and the elements
 * placing made move after all that building made. */
#define PLACE_PARA 0x80000000u

struct turns {
	int placing;		/* the phase in force */
	unsigned para_build, para_place;	/* each phase's count */
	size_t elem0;		/* the first element made in turns */
	size_t mark;		/* elements before it have their phase */
	unsigned char *made;	/* by element - elem0: 1 made placing */
	size_t nmade, capmade;
	int any_placed;		/* placing made an element */
	size_t page0;		/* the first page placing may touch */
};

static void
turns_begin(struct turns *u, struct lay *l)
{
	memset(u, 0, sizeof *u);
	u->para_build = l->npara;
	u->para_place = PLACE_PARA;
	u->elem0 = u->mark = l->doc->nelems;
	u->page0 = (size_t)(l->page - l->doc->pages);
}

/* Ends the phase in force (the elements it made get its mark) and starts
 * the other one if placing differs. */
static void
turn(struct turns *u, struct lay *l, int placing)
{
	size_t e;

	for (e = u->mark; e < l->doc->nelems; e++) {
		if (u->nmade == u->capmade) {
			u->capmade = u->capmade ? u->capmade * 2 : 1024;
			u->made = xrealloc(u->made, u->capmade);
		}
		u->made[u->nmade++] = (unsigned char)u->placing;
		u->any_placed |= u->placing;
	}
	u->mark = l->doc->nelems;
	if (u->placing == placing)
		return;
	if (u->placing)
		u->para_place = l->npara;
	else
		u->para_build = l->npara;
	u->placing = placing;
	l->npara = placing ? u->para_place : u->para_build;
}

/* The new numbers of pieces' paragraphs and elements (see struct
 * turns): map[e - elem0] for an element made in turns. */
static void
renumber_pieces(struct piece *pc, size_t n, const struct turns *u,
    const unsigned *map)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (pc[i].para >= PLACE_PARA)
			pc[i].para = u->para_build + (pc[i].para - PLACE_PARA);
		if (map != NULL && pc[i].elem >= u->elem0)
			pc[i].elem = map[pc[i].elem - u->elem0];
	}
}

static void
renumber_lines(struct lines *ls, const struct turns *u, const unsigned *map)
{
	size_t i;

	for (i = 0; i < ls->n; i++)
		renumber_pieces(ls->items[i].pieces, ls->items[i].n, u, map);
}

static void
turns_end(struct turns *u, struct lay *l)
{
	struct doc *doc = l->doc;
	unsigned *map = NULL, place = 0;
	struct elem *moved;
	size_t i, j, built = 0, n;

	turn(u, l, 0);
	n = u->nmade;
	if (u->any_placed) {
		/* Building's elements first, then placing's, each in the
		 * order they were made. */
		for (i = 0; i < n; i++)
			built += !u->made[i];
		map = xmalloc(n * sizeof *map);
		moved = xmalloc(n * sizeof *moved);
		for (i = 0, j = 0; i < n; i++)
			map[i] = (unsigned)(u->elem0 + (u->made[i] ?
			    built + place++ : j++));
		for (i = 0; i < n; i++)
			moved[map[i] - u->elem0] = doc->elems[u->elem0 + i];
		memcpy(doc->elems + u->elem0, moved, n * sizeof *moved);
		free(moved);
		for (i = 0; i < doc->nelems; i++)
			if (doc->elems[i].parent >= u->elem0 &&
			    doc->elems[i].parent < u->elem0 + n)
				doc->elems[i].parent =
				    map[doc->elems[i].parent - u->elem0];
	}
	if (map != NULL || u->para_place > PLACE_PARA) {
		for (i = u->page0; i < doc->npages; i++) {
			struct page *pg = &doc->pages[i];

			renumber_pieces(pg->pieces, pg->npieces, u, map);
			for (j = 0; map != NULL && j < pg->nlinks; j++)
				if (pg->links[j].elem >= u->elem0)
					pg->links[j].elem =
					    map[pg->links[j].elem - u->elem0];
			for (j = 0; map != NULL && j < pg->nannots; j++)
				if (pg->annots[j].elem >= u->elem0)
					pg->annots[j].elem =
					    map[pg->annots[j].elem - u->elem0];
		}
		renumber_lines(&l->notes, u, map);
		renumber_lines(&l->carry, u, map);
		for (i = 0; i < l->cap_note_sets; i++) {
			struct note_set *ns = &l->note_sets[i];

			if (ns->fn == NULL)
				continue;
			if (map != NULL && ns->elem >= u->elem0)
				ns->elem = map[ns->elem - u->elem0];
			renumber_lines(&ns->ls, u, map);
		}
	}
	l->npara = u->para_build + (u->para_place - PLACE_PARA);
	free(map);
	free(u->made);
}

/* The iteration over the table's rows: one per domain, or per strand of
 * a domain that has them. */
struct row_it {
	size_t i, k;
};

/* Builds the next row into *r, its lines in an arena of its own (*ra,
 * for the caller to free once the row is placed); 0 after the last. */
static int
row_next(struct table *t, struct row_it *it, struct row *r,
    struct arena **ra, struct turns *u)
{
	struct lay *l = t->l;
	const struct plan *p = l->plan;
	struct arena *lines = l->lines;
	const struct domain *dm;
	size_t n;

	if (it->i >= p->ndomains)
		return 0;
	dm = p->domains[it->i];
	n = dm->nstrands > 0 ? dm->nstrands : 1;
	turn(u, l, 0);
	*ra = arena_new();
	l->lines = *ra;
	memset(r, 0, sizeof *r);
	build_row(t, dm, dm->nstrands ? dm->strands[it->k] : NULL, it->k,
	    it->i + 1 == p->ndomains && it->k + 1 == n, r);
	index_row(r);
	l->lines = lines;
	turn(u, l, 1);
	if (++it->k == n) {
		it->k = 0;
		it->i++;
	}
	return 1;
}

void
table_activities(struct lay *l, const struct gen *g)
{
	const struct text_style *saved_ts = l->ts;
	struct table t;
	struct turns u;
	struct row_it it = { 0, 0 };
	struct row r;
	struct arena *scratch = arena_new(), *lines = l->lines, *ra = NULL;
	double need;
	size_t c;
	int turned = l->landscape, have;

	/* A turned table has pages of its own (unless its part is turned
	 * already); so has what follows it. */
	if (l->st->table_landscape && !l->landscape) {
		l->landscape = 1;
		lay_new_page(l);
	}
	memset(&t, 0, sizeof t);
	t.l = l;
	t.gen = g;
	if (l->rl != NULL)
		t.placed = arena_alloc(l->a, l->rl->nremoved + 1);
	group_programme(&t);
	t.left = l->st->margin_l;
	t.width = l->page->width - l->st->margin_l - l->st->margin_r;
	t.pad = l->st->cell_pad;
	for (c = 0; c < COLS; c++) {
		t.w[c] = t.width * l->st->col[c];
		t.x[c] = c == 0 ? t.left : t.x[c - 1] + t.w[c - 1];
	}

	/* The first row is set first: the caption and the header go to the
	 * next page unless it can begin on this one. The header row's
	 * lines stay until the end (every page repeats it). */
	l->ts = &l->st->table;
	t.line = l->ts->size * l->ts->leading;
	t.table = lay_elem(l, ROLE_TABLE, l->sect);
	l->lines = scratch;
	build_head(&t);
	t.tbody = lay_elem(l, ROLE_TBODY, t.table);
	l->lines = lines;
	turns_begin(&u, l);
	have = row_next(&t, &it, &r, &ra, &u);
	need = head_height(&t) + 4 + (have ? least_part(&r) + 2 * t.pad : 0);
	l->ts = saved_ts;
	if (g->caption.len > 0) {
		struct dest cap = { NULL, NULL, lay_elem(l, ROLE_CAPTION,
		    t.table) };

		l->y -= l->st->para_skip;
		lay_text(l, &cap, g->caption.s, FACE_BOLD, l->st->section.size,
		    l->st->margin_l, t.width, 0, need);
	}
	l->ts = &l->st->table;
	if (!lay_fits(l, need))
		lay_page_break(l);	/* a heading above comes along */
	else
		l->y -= 4;
	draw_head(&t);
	while (have) {
		place_row(&t, &r);
		arena_free(ra);
		have = row_next(&t, &it, &r, &ra, &u);
	}
	turns_end(&u, l);
	arena_free(scratch);
	l->ts = saved_ts;
	l->y -= l->st->para_skip;
	if (l->landscape != turned) {
		/* The page is full: what comes next is turned back. */
		l->landscape = turned;
		l->y = l->st->margin_b + l->foot;
	}
}
