/* linebreak.c - the Knuth-Plass total-fit algorithm. Active nodes are
 * feasible breakpoints still able to begin a line; for each legal break,
 * every active node is tried as the start of the line that ends there, and
 * the best predecessor per fitness class (and hyphen run) is kept. Cost is O(n × active),
 * and active stays small because nodes that cannot reach the current
 * position without overfull lines are dropped. */
#include "linebreak.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "arena.h"

enum { FIT_TIGHT, FIT_NORMAL, FIT_LOOSE, FIT_VERY_LOOSE, FIT_COUNT };

/* What a break passes on about hyphens: the hyphenated lines in a row that
 * end at it, counted up to HYPH_STATES - 1. Two nodes at one place that
 * differ in it are both kept, since one may allow a hyphen next where the
 * other does not. */
#define HYPH_STATES 3
#define NCAND (FIT_COUNT * HYPH_STATES)

struct node {
	size_t pos;		/* the break item; SIZE_MAX for the start */
	size_t line;		/* lines before this break */
	int fitness;
	int hyphens;		/* hyphenated lines in a row ending here */
	double total_w, total_y, total_z;	/* sums after the break */
	double demerits;
	double ratio;
	struct node *prev;	/* best way to get here */
	struct node *next;	/* in the active list */
};

void
lb_params_default(struct lb_params *p)
{
	p->tolerance = 200;
	p->line_penalty = 10;
	p->flagged_demerits = 3000;
	p->fitness_demerits = 100;
	p->last_hyphen_demerits = 5000;
	p->hyphen_limit = 2;
	p->line_stretch = 0;
}

static int
fitness_of(double r)
{
	if (r < -0.5)
		return FIT_TIGHT;
	if (r <= 0.5)
		return FIT_NORMAL;
	if (r <= 1)
		return FIT_LOOSE;
	return FIT_VERY_LOOSE;
}

/* Sums of width, stretch, shrink from the start up to (not including) each
 * item; a break at glue discards the glue, so the line after a break starts
 * at the next box. */
struct sums {
	double w, y, z;
};

static int
is_legal_break(const struct lb_item *items, size_t i)
{
	if (items[i].kind == LB_PENALTY)
		return items[i].penalty < LB_INFINITY;
	if (items[i].kind == LB_GLUE)
		return i > 0 && items[i - 1].kind == LB_BOX;
	return 0;
}

/* After a break at i, the next line starts after the glue and non-forced
 * penalties that follow it: their widths are skipped. */
static void
after_break(const struct lb_item *items, size_t n, size_t i,
    const struct sums *s, double *w, double *y, double *z)
{
	size_t j;

	*w = s[i].w;
	*y = s[i].y;
	*z = s[i].z;
	for (j = i; j < n; j++) {
		if (items[j].kind == LB_BOX)
			break;
		if (items[j].kind == LB_GLUE) {
			*w += items[j].width;
			*y += items[j].stretch;
			*z += items[j].shrink;
		} else if (items[j].penalty <= -LB_INFINITY && j > i)
			break;
	}
}

static size_t
run(struct arena *a, const struct lb_item *items, size_t n,
    double (*width)(size_t, void *), void *ctx, const struct lb_params *pr,
    const struct sums *s, double tolerance, int allow_overfull,
    struct node **best)
{
	struct node *active, *nd, *prevnd, *cand[NCAND], *last, *b;
	int ragged = pr->line_stretch > 0;
	/* The last resort lets a line overflow, and may break a word
	 * whatever came before it. */
	int limit = allow_overfull ? 0 : pr->hyphen_limit;
	double cand_d[NCAND], cand_r[NCAND];
	size_t i, k;

	active = arena_alloc(a, sizeof *active);
	active->pos = (size_t)-1;
	active->fitness = FIT_NORMAL;
	*best = NULL;
	for (i = 0; i < n && active != NULL; i++) {
		const struct lb_item *it = &items[i];
		int forced;

		if (!is_legal_break(items, i))
			continue;
		forced = it->kind == LB_PENALTY && it->penalty <= -LB_INFINITY;
		for (k = 0; k < NCAND; k++) {
			cand[k] = NULL;
			cand_d[k] = DBL_MAX;
		}
		prevnd = NULL;
		for (nd = active; nd != NULL; nd = nd->next) {
			double lw = width(nd->line, ctx);
			double w = s[i].w - nd->total_w, r, bad, dem;
			int fit, flagged = it->kind == LB_PENALTY && it->flagged;
			int hy = flagged ? nd->hyphens + 1 : 0;

			if (it->kind == LB_PENALTY)
				w += it->width;
			/* Ragged right: the spaces are rigid and the line's
			 * end stretches. */
			if (w < lw) {
				double y = ragged ? pr->line_stretch :
				    s[i].y - nd->total_y;
				r = y > 0 ? (lw - w) / y : (forced ? 0 : 1e6);
			} else if (w > lw) {
				double z = ragged ? 0 : s[i].z - nd->total_z;
				r = z > 0 ? (lw - w) / z : -1e6;
			} else
				r = 0;
			/* The last line may be as loose as it likes. */
			if (forced && r > 0)
				r = 0;
			if (r < -1 && !(allow_overfull && nd->next == NULL &&
			    prevnd == NULL)) {
				/* Too tight from here on: nd can never start
				 * a line that ends at or beyond i. */
				if (prevnd == NULL)
					active = nd->next;
				else
					prevnd->next = nd->next;
				continue;
			}
			bad = r < -1 ? 10000 : 100 * fabs(r * r * r);
			if ((bad > tolerance && !forced) ||
			    (limit > 0 && hy > limit)) {
				prevnd = nd;
				continue;
			}
			if (bad > 10000)
				bad = 10000;
			dem = pr->line_penalty + bad;
			dem *= dem;
			if (it->kind == LB_PENALTY) {
				if (it->penalty >= 0)
					dem += (double)it->penalty * it->penalty;
				else if (!forced)
					dem -= (double)it->penalty * it->penalty;
			}
			fit = fitness_of(r);
			if (flagged && nd->hyphens > 0)
				dem += pr->flagged_demerits;
			if (forced && nd->hyphens > 0)
				dem += pr->last_hyphen_demerits;
			if (abs(fit - nd->fitness) > 1)
				dem += pr->fitness_demerits;
			dem += nd->demerits;
			k = (size_t)fit * HYPH_STATES + (size_t)(hy <
			    HYPH_STATES ? hy : HYPH_STATES - 1);
			if (dem < cand_d[k]) {
				cand_d[k] = dem;
				cand[k] = nd;
				cand_r[k] = r;
			}
			prevnd = nd;
		}
		/* A forced break ends every line in progress: only the
		 * nodes made here may start the next one. */
		if (forced)
			active = NULL;
		for (k = 0; k < NCAND; k++) {
			if (cand[k] == NULL)
				continue;
			b = arena_alloc(a, sizeof *b);
			b->pos = i;
			b->line = cand[k]->line + 1;
			b->fitness = (int)(k / HYPH_STATES);
			b->hyphens = it->kind == LB_PENALTY && it->flagged ?
			    cand[k]->hyphens + 1 : 0;
			b->demerits = cand_d[k];
			b->ratio = cand_r[k];
			b->prev = cand[k];
			after_break(items, n, i, s, &b->total_w, &b->total_y,
			    &b->total_z);
			if (i == n - 1) {
				if (*best == NULL || b->demerits < (*best)->demerits)
					*best = b;
				continue;
			}
			b->next = active;
			active = b;
		}
	}
	if (*best == NULL)
		return 0;
	for (k = 0, last = *best; last->prev != NULL; last = last->prev)
		k++;
	return k;
}

size_t
lb_break(struct arena *a, const struct lb_item *items, size_t n,
    double (*width)(size_t, void *), void *ctx,
    const struct lb_params *params, struct lb_line **lines)
{
	struct sums *s;
	struct node *best = NULL, *nd;
	struct lb_params def;
	size_t i, count = 0;

	*lines = NULL;
	if (n == 0)
		return 0;
	if (params == NULL) {
		lb_params_default(&def);
		params = &def;
	}
	s = arena_alloc(a, (n + 1) * sizeof *s);
	for (i = 0; i < n; i++) {
		s[i + 1] = s[i];
		if (items[i].kind != LB_PENALTY) {
			s[i + 1].w += items[i].width;
			if (items[i].kind == LB_GLUE) {
				s[i + 1].y += items[i].stretch;
				s[i + 1].z += items[i].shrink;
			}
		}
	}
	/* First with the tolerance asked for, then with any badness, and at
	 * last allowing an overfull line rather than failing. */
	count = run(a, items, n, width, ctx, params, s, params->tolerance, 0,
	    &best);
	if (count == 0)
		count = run(a, items, n, width, ctx, params, s, 1e300, 0, &best);
	if (count == 0)
		count = run(a, items, n, width, ctx, params, s, 1e300, 1, &best);
	if (count == 0)
		return 0;
	*lines = arena_alloc(a, count * sizeof **lines);
	for (i = count, nd = best; nd != NULL && nd->prev != NULL;
	    nd = nd->prev) {
		i--;
		(*lines)[i].end = nd->pos;
		(*lines)[i].ratio = nd->ratio;
		(*lines)[i].hyphenated = nd->hyphens > 0;
	}
	return count;
}
