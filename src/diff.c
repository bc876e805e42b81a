/* diff.c - comparing two checked plans by meaning (see diff.h). Entities
 * of each kind are matched by id; what is left over on both sides is
 * paired as renames when the content or the referrers mostly agree; then
 * every field of each pair is compared in its canonical form (dump.c) with
 * the old plan's ids renamed, so that a rename is reported once and not
 * again in everything that refers to the renamed entity. The output
 * formats are in diffprint.c. */
#include "diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "dump.h"
#include "kind.h"
#include "worddiff.h"

/* The order kinds are reported in. */
static const enum entity_kind report_order[] = {
	DIFF_PLAN, ENT_PART, ENT_CHAPTER, ENT_SECTION, ENT_FOOTNOTE,
	ENT_DOMAIN, ENT_AMBITION, ENT_STRAND, ENT_ACTIVITY, ENT_MILESTONE,
	ENT_BODY, ENT_GROUP, ENT_PERSON, ENT_ORGANISATION, ENT_PERIOD,
	ENT_STYLE_RULE,
};
#define NREPORT (sizeof report_order / sizeof report_order[0])

/* Two entities are one renamed entity from this similarity on (Dice's
 * coefficient of their values' words, or of their referrers). */
#define RENAME_SIMILARITY 0.5

/* Beyond this many candidate pairs of one kind, only entities whose values
 * are equal word for word are paired (a hash, not every pair). */
#define RENAME_MAX_PAIRS 250000

/* ---- a map of ids ---- */

struct idmap {
	const char **keys;
	const void **vals;
	size_t cap, n;
};

static size_t
hash_str(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
idmap_put(struct arena *a, struct idmap *m, const char *k, const void *v)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		struct idmap old = *m;

		m->cap = m->cap ? m->cap * 2 : 64;
		m->keys = arena_alloc(a, m->cap * sizeof *m->keys);
		m->vals = arena_alloc(a, m->cap * sizeof *m->vals);
		m->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.keys[i] != NULL)
				idmap_put(a, m, old.keys[i], old.vals[i]);
	}
	for (i = hash_str(k) & (m->cap - 1); m->keys[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], k) == 0) {
			m->vals[i] = v;
			return;
		}
	m->keys[i] = k;
	m->vals[i] = v;
	m->n++;
}

static const void *
idmap_get(const struct idmap *m, const char *k)
{
	size_t i;

	if (m->cap == 0 || k == NULL)
		return NULL;
	for (i = hash_str(k) & (m->cap - 1); m->keys[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], k) == 0)
			return m->vals[i];
	return NULL;
}

/* Where each entity goes in the report, by its address. */
struct posmap {
	const void **keys;
	double *vals;
	size_t cap, n;
};

static void
posmap_put(struct arena *a, struct posmap *m, const void *k, double v)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		struct posmap old = *m;

		m->cap = m->cap ? m->cap * 2 : 256;
		m->keys = arena_alloc(a, m->cap * sizeof *m->keys);
		m->vals = arena_alloc(a, m->cap * sizeof *m->vals);
		m->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.keys[i] != NULL)
				posmap_put(a, m, old.keys[i], old.vals[i]);
	}
	for (i = ((uintptr_t)k >> 4) * 2654435761u & (m->cap - 1);
	    m->keys[i] != NULL && m->keys[i] != k; i = (i + 1) & (m->cap - 1))
		;
	if (m->keys[i] == NULL)
		m->n++;
	m->keys[i] = k;
	m->vals[i] = v;
}

static double
posmap_get(const struct posmap *m, const void *k)
{
	size_t i;

	if (m->cap == 0)
		return 0;
	for (i = ((uintptr_t)k >> 4) * 2654435761u & (m->cap - 1);
	    m->keys[i] != NULL; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == k)
			return m->vals[i];
	return 0;
}

/* ---- the comparison ---- */

struct differ {
	struct arena *a;
	struct diff *out;
	const struct plan *old, *new;
	struct idmap renamed;		/* old id -> new id */
	struct idmap old_of;		/* new id -> old id, for renamed ones */
	struct idmap refs_old, refs_new;	/* id -> struct referrers */
	struct posmap pos;		/* entity -> place among its kind */
	struct posmap opos;		/* old entity -> its index */
	size_t ngroups;			/* the most of either plan */
};

/* An old id as the new plan calls it. */
static const char *
rename_id(void *ctx, const char *id)
{
	const char *to = idmap_get(&((struct differ *)ctx)->renamed, id);

	return to != NULL ? to : id;
}

static void *const *
all(const struct plan *p, enum entity_kind k, size_t *n)
{
	size_t *np;
	void **list = *kind_list((struct plan *)(uintptr_t)p, k, &np);

	*n = *np;
	return list;
}

static struct change *
add(struct differ *d, enum change_op op, enum entity_kind kind,
    const struct entity *o, const struct entity *n)
{
	struct change *c = ARENA_PUSH(d->a, d->out->items, d->out->n,
	    d->out->cap);

	c->op = op;
	c->kind = kind;
	c->old = o;
	c->new = n;
	c->seq = d->out->n;
	return c;
}

/* The values of an entity's fields as words (keys, list dashes and the
 * entities nested in it left out), sorted by hash: the content that a
 * rename keeps. */
struct bag {
	size_t *h;
	size_t n;
};

static int
cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return a < b ? -1 : a > b;
}

static struct bag
bag_of_words(struct differ *d, const struct entity *e)
{
	static const struct dump_opts ids = { 0, NULL, NULL };
	const struct kind_desc *kd = kind_desc(e->kind);
	struct bag b = { NULL, 0 };
	size_t i, j, nt, cap = 0;

	for (i = 0; i < kd->nfields; i++) {
		const struct field *f = &kd->fields[i];
		const char *text;
		struct token *t;

		if (f->type == FIELD_ENTITIES)
			continue;
		text = dump_field(d->a, e, f, &ids);
		t = worddiff_tokens(d->a, text, strlen(text), &nt);
		for (j = 0; j < nt; j++) {
			size_t h = 2166136261u, k;

			if ((t[j].len == strlen(f->key) &&
			    memcmp(t[j].s, f->key, t[j].len) == 0) ||
			    (t[j].len == 1 && (t[j].s[0] == ':' ||
			    t[j].s[0] == '-')))
				continue;
			for (k = 0; k < t[j].len; k++)
				h = (h ^ (unsigned char)t[j].s[k]) * 16777619u;
			*ARENA_PUSH(d->a, b.h, b.n, cap) = h;
		}
	}
	if (b.n > 1)
		qsort(b.h, b.n, sizeof *b.h, cmp_size);
	return b;
}

/* Dice's coefficient of two sorted bags. */
static double
dice(const struct bag *x, const struct bag *y)
{
	size_t i = 0, j = 0, common = 0;

	if (x->n + y->n == 0)
		return 1;
	while (i < x->n && j < y->n) {
		if (x->h[i] == y->h[j])
			common++, i++, j++;
		else if (x->h[i] < y->h[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)common / (double)(x->n + y->n);
}

/* ---- who refers to whom ---- */

/* The ids of the entities that refer to one id. */
struct referrers {
	const char **ids;
	size_t n, cap;
};

static void
note_ref(struct differ *d, struct idmap *m, const char *target,
    const char *from)
{
	struct referrers *r;

	if (target == NULL || from == NULL)
		return;
	if ((r = (struct referrers *)(uintptr_t)idmap_get(m, target)) ==
	    NULL) {
		r = arena_alloc(d->a, sizeof *r);
		idmap_put(d->a, m, target, r);
	}
	*ARENA_PUSH(d->a, r->ids, r->n, r->cap) = from;
}

/* Every reference from e (its fields, not its prose) into m. */
static void
referrers_of(struct differ *d, struct idmap *m, const struct entity *e)
{
	const struct kind_desc *kd = kind_desc(e->kind);
	size_t i, j;

	for (i = 0; i < kd->nfields; i++) {
		const struct field *f = &kd->fields[i];
		const void *v = kind_cvalue(e, f);

		switch (f->type) {
		case FIELD_REF:
			note_ref(d, m, ((const struct ref *)v)->id, e->id);
			break;
		case FIELD_REFS:
			for (j = 0; j < ((const struct refs *)v)->n; j++)
				note_ref(d, m, ((const struct refs *)v)->
				    items[j].id, e->id);
			break;
		case FIELD_PARTNERS:
			for (j = 0; j < ((const struct partners *)v)->n; j++)
				note_ref(d, m, ((const struct partners *)v)->
				    items[j].ref.id, e->id);
			break;
		case FIELD_MEMBERS: {
			const struct membership *ms =
			    *(struct membership *const *)v;

			for (j = 0; j < kind_ccount(e, f); j++)
				note_ref(d, m, ms[j].person.id, e->id);
			break;
		}
		default:
			break;
		}
	}
}

static void
collect_referrers(struct differ *d, const struct plan *p, struct idmap *m)
{
	void *const *list;
	size_t k, i, n;

	for (k = 0; k < ENT_KIND_COUNT; k++) {
		list = all(p, (enum entity_kind)k, &n);
		for (i = 0; i < n; i++)
			referrers_of(d, m, list[i]);
	}
}

/* The referrers of an id as a bag. */
static struct bag
bag_of_referrers(struct differ *d, const struct idmap *m, const char *id)
{
	const struct referrers *r = idmap_get(m, id);
	struct bag b = { NULL, 0 };
	size_t j;

	if (r == NULL)
		return b;
	b.h = arena_alloc(d->a, r->n * sizeof *b.h);
	for (j = 0; j < r->n; j++)
		b.h[b.n++] = hash_str(r->ids[j]);
	if (b.n > 1)
		qsort(b.h, b.n, sizeof *b.h, cmp_size);
	return b;
}

/* ---- renames ---- */

struct pair {
	double score;
	size_t i, j;
};

static int
by_score(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

static int
bag_cmp(const struct bag *x, const struct bag *y)
{
	size_t k;

	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	for (k = 0; k < x->n; k++)
		if (x->h[k] != y->h[k])
			return x->h[k] < y->h[k] ? -1 : 1;
	return 0;
}

/* A fresh entity's bag and index, sorted by words and then by index; end
 * is where its run of equal words ends, taken how many of the run's first
 * entries are paired (kept in the run's first entry). */
struct bagged {
	const struct bag *b;
	size_t j, end, taken;
};

static int
by_bag(const void *x, const void *y)
{
	const struct bagged *a = x, *b = y;
	int c = bag_cmp(a->b, b->b);

	return c != 0 ? c : a->j < b->j ? -1 : a->j > b->j;
}

/* The pairs of gone and fresh entities whose words are equal, as every
 * equal pair taken in order of (i, j) would give them: each gone[i] in
 * turn with the first fresh[j] of the same words not taken yet. The fresh
 * bags are sorted once and each gone one found by bisection, instead of
 * comparing every pair. Returns the number of pairs, in *out. */
static size_t
exact_pairs(struct differ *d, const struct bag *bg, size_t ngone,
    const struct bag *bf, size_t nfresh, struct pair **out)
{
	struct bagged *v;
	struct pair *pairs;
	size_t i, j, lo, hi, mid, np = 0;

	v = arena_alloc(d->a, nfresh * sizeof *v);
	pairs = arena_alloc(d->a, ngone * sizeof *pairs);
	for (j = 0; j < nfresh; j++) {
		v[j].b = &bf[j];
		v[j].j = j;
		v[j].taken = 0;
	}
	qsort(v, nfresh, sizeof *v, by_bag);
	for (j = nfresh; j-- > 0;)
		v[j].end = j + 1 < nfresh && bag_cmp(v[j].b, v[j + 1].b) == 0 ?
		    v[j + 1].end : j + 1;
	for (i = 0; i < ngone; i++) {
		for (lo = 0, hi = nfresh; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (bag_cmp(v[mid].b, &bg[i]) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == nfresh || bag_cmp(v[lo].b, &bg[i]) != 0 ||
		    lo + v[lo].taken == v[lo].end)
			continue;
		pairs[np].score = 1;
		pairs[np].i = i;
		pairs[np++].j = v[lo + v[lo].taken++].j;
	}
	*out = pairs;
	return np;
}

/* Pairs the unmatched entities of one kind: gone[] of the old plan, fresh[]
 * of the new, best similarity first. */
static void
find_renames(struct differ *d, const struct entity **gone, size_t ngone,
    const struct entity **fresh, size_t nfresh)
{
	struct bag *bg, *bf, *rg, *rf;
	struct pair *pairs = NULL;
	size_t i, j, np = 0, cap = 0;
	char *used_g, *used_f;

	if (ngone == 0 || nfresh == 0)
		return;
	bg = arena_alloc(d->a, ngone * sizeof *bg);
	bf = arena_alloc(d->a, nfresh * sizeof *bf);
	for (i = 0; i < ngone; i++)
		bg[i] = bag_of_words(d, gone[i]);
	for (j = 0; j < nfresh; j++)
		bf[j] = bag_of_words(d, fresh[j]);
	if (ngone * nfresh > RENAME_MAX_PAIRS) {
		np = exact_pairs(d, bg, ngone, bf, nfresh, &pairs);
		goto take;
	}
	rg = arena_alloc(d->a, ngone * sizeof *rg);
	rf = arena_alloc(d->a, nfresh * sizeof *rf);
	for (i = 0; i < ngone; i++)
		rg[i] = bag_of_referrers(d, &d->refs_old, gone[i]->id);
	for (j = 0; j < nfresh; j++)
		rf[j] = bag_of_referrers(d, &d->refs_new, fresh[j]->id);
	for (i = 0; i < ngone; i++)
		for (j = 0; j < nfresh; j++) {
			double s, r;

			s = dice(&bg[i], &bf[j]);
			/* Referrers help where the content is short but
			 * related (a period all of whose activities followed
			 * it to its new id); they are not enough alone: a new
			 * member in a departed one's seat is another person. */
			if (rg[i].n > 0 && rf[j].n > 0 &&
			    s >= RENAME_SIMILARITY / 2 &&
			    (r = (s + dice(&rg[i], &rf[j])) / 2) > s)
				s = r;
			if (s >= RENAME_SIMILARITY) {
				struct pair *p = ARENA_PUSH(d->a, pairs, np,
				    cap);
				p->score = s;
				p->i = i;
				p->j = j;
			}
		}
take:
	if (np > 1)
		qsort(pairs, np, sizeof *pairs, by_score);
	used_g = arena_alloc(d->a, ngone);
	used_f = arena_alloc(d->a, nfresh);
	for (i = 0; i < np; i++) {
		if (used_g[pairs[i].i] || used_f[pairs[i].j])
			continue;
		used_g[pairs[i].i] = used_f[pairs[i].j] = 1;
		idmap_put(d->a, &d->renamed, gone[pairs[i].i]->id,
		    fresh[pairs[i].j]->id);
		idmap_put(d->a, &d->old_of, fresh[pairs[i].j]->id,
		    gone[pairs[i].i]->id);
	}
}

/* Matches every kind by id, then finds the renames among the rest. */
static void
match(struct differ *d)
{
	void *const *lo, *const *ln;
	const struct entity **gone, **fresh;
	size_t k, i, no, nn, ng, nf;

	for (k = 0; k < ENT_KIND_COUNT; k++) {
		lo = all(d->old, (enum entity_kind)k, &no);
		ln = all(d->new, (enum entity_kind)k, &nn);
		gone = arena_alloc(d->a, (no + 1) * sizeof *gone);
		fresh = arena_alloc(d->a, (nn + 1) * sizeof *fresh);
		ng = nf = 0;
		for (i = 0; i < no; i++) {
			const struct entity *e = lo[i], *m;

			m = plan_lookup(d->new, e->id);
			if (e->id != NULL && (m == NULL || m->kind != e->kind))
				gone[ng++] = e;
		}
		for (i = 0; i < nn; i++) {
			const struct entity *e = ln[i], *m;

			m = plan_lookup(d->old, e->id);
			if (e->id != NULL && (m == NULL || m->kind != e->kind))
				fresh[nf++] = e;
		}
		find_renames(d, gone, ng, fresh, nf);
	}
}

/* The entity of the new plan that old entity e is (same id or renamed). */
static const struct entity *
counterpart(const struct differ *d, const struct entity *e)
{
	const char *id = idmap_get(&d->renamed, e->id);
	const struct entity *m = plan_lookup(d->new, id ? id : e->id);

	return m != NULL && m->kind == e->kind ? m : NULL;
}

/* ---- fields ---- */

/* Is field f of an activity (or milestone) one whose change is a move? */
static int
is_move(enum entity_kind k, const struct field *f)
{
	return (k == ENT_ACTIVITY || k == ENT_MILESTONE) &&
	    (strcmp(f->key, "domain") == 0 || strcmp(f->key, "period") == 0);
}

static int
same_str(const struct str *a, const struct str *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static int
same_ref(struct differ *d, const struct ref *a, const struct ref *b)
{
	if (a->id == NULL || b->id == NULL)
		return a->id == b->id;
	return strcmp(rename_id(d, a->id), b->id) == 0;
}

/* 1 when field f is plainly the same on both sides (equal source text,
 * equal ids once renamed), which spares rendering it; 0 when only the
 * canonical forms can tell. */
static int
same_raw(struct differ *d, const void *o, const void *n, const struct field *f)
{
	const void *a = kind_cvalue(o, f), *b = kind_cvalue(n, f);
	size_t i;

	switch (f->type) {
	case FIELD_STR:
		return same_str(a, b);
	case FIELD_PROSE:
		return same_str(&((const struct prose *)a)->src,
		    &((const struct prose *)b)->src);
	case FIELD_REF:
		return same_ref(d, a, b);
	case FIELD_REFS: {
		const struct refs *x = a, *y = b;

		if (x->n != y->n)
			return 0;
		for (i = 0; i < x->n; i++)
			if (!same_ref(d, &x->items[i], &y->items[i]))
				return 0;
		return 1;
	}
	case FIELD_PARTNERS: {
		const struct partners *x = a, *y = b;

		if (x->n != y->n)
			return 0;
		for (i = 0; i < x->n; i++) {
			const struct partner *p = &x->items[i], *q = &y->items[i];

			if (p->kind != q->kind || !same_ref(d, &p->ref, &q->ref) ||
			    !same_ref(d, &p->org, &q->org) ||
			    !same_str(&p->text, &q->text) ||
			    !same_str(&p->note, &q->note))
				return 0;
		}
		return 1;
	}
	case FIELD_DATE: {
		const struct date *x = a, *y = b;

		return x->year == y->year && x->month == y->month &&
		    x->day == y->day;
	}
	case FIELD_BOOL:
		return *(const int *)a == *(const int *)b;
	case FIELD_SEVERITY:
		return *(const enum rule_severity *)a ==
		    *(const enum rule_severity *)b;
	default:
		return 0;
	}
}

static void
compare_fields(struct differ *d, enum entity_kind kind, const void *o,
    const void *n, const struct entity *eo, const struct entity *en,
    const struct kind_desc *kd)
{
	const struct dump_opts old_ids = { 0, rename_id, d };
	static const struct dump_opts new_ids = { 0, NULL, NULL };
	static const struct dump_opts shown = { 1, NULL, NULL };
	size_t i;

	for (i = 0; i < kd->nfields; i++) {
		const struct field *f = &kd->fields[i];
		struct change *c;

		if (f->type == FIELD_ENTITIES || f->type == FIELD_MEMBERS ||
		    same_raw(d, o, n, f))
			continue;
		if (strcmp(dump_field(d->a, o, f, &old_ids),
		    dump_field(d->a, n, f, &new_ids)) == 0)
			continue;
		if (is_move(kind, f)) {
			c = add(d, CHANGE_MOVED, kind, eo, en);
			c->field = f->key;
			c->from = ((const struct ref *)kind_cvalue(o, f))->id;
			c->to = ((const struct ref *)kind_cvalue(n, f))->id;
			c->order = 1 + (double)i / 100;
			continue;
		}
		c = add(d, CHANGE_CHANGED, kind, eo, en);
		c->field = f->key;
		c->from = dump_field(d->a, o, f, &shown);
		c->to = dump_field(d->a, n, f, &shown);
		c->prose = f->type == FIELD_PROSE || f->type == FIELD_THEN;
		c->order = 2 + (double)i / 100;
	}
}

/* ---- places: another parent, another place in the list ---- */

/* The entity e is listed in, or NULL at the top level. */
static const struct entity *
parent_of(const struct entity *e)
{
	switch (e->kind) {
	case ENT_CHAPTER:
		return &((const struct chapter *)e)->part->e;
	case ENT_SECTION:
		return &((const struct section *)e)->chapter->e;
	case ENT_AMBITION:
		return &((const struct ambition *)e)->domain->e;
	case ENT_STRAND:
		return &((const struct strand *)e)->domain->e;
	case ENT_GROUP:
		return &((const struct group *)e)->body->e;
	default:
		return NULL;
	}
}

/* What groups entities whose order among each other means something:
 * the parent's id; an activity's or milestone's domain and period (the
 * rows of one cell of the activity table); "" for the other listed kinds.
 * The old side's ids renamed. NULL: order means nothing (people,
 * organisations, footnotes, style rules). */
static const char *
order_group(struct differ *d, const struct entity *e, int old)
{
	const struct entity *p;
	const char *dom, *per;

	switch (e->kind) {
	case ENT_PERSON:
	case ENT_ORGANISATION:
	case ENT_FOOTNOTE:
	case ENT_STYLE_RULE:
		return NULL;
	case ENT_ACTIVITY:
	case ENT_MILESTONE:
		dom = e->kind == ENT_ACTIVITY ?
		    ((const struct activity *)e)->domain.id :
		    ((const struct milestone *)e)->domain.id;
		per = e->kind == ENT_ACTIVITY ?
		    ((const struct activity *)e)->period.id :
		    ((const struct milestone *)e)->period.id;
		if (old) {
			dom = rename_id(d, dom);
			per = rename_id(d, per);
		}
		return arena_printf(d->a, "%s\t%s", dom ? dom : "",
		    per ? per : "");
	default:
		p = parent_of(e);
		return p == NULL ? "" : old ? rename_id(d, p->id) : p->id;
	}
}

/* The entities of one order group, by their index in the new list. */
struct members {
	const char *key;
	size_t *at, n, cap;
};

/* For each entity of the old plan's list lo (n of them), the id of the one
 * before it in its order group, "" if none: one pass, so that reporting
 * many moves in a long list stays linear. */
static const char **
prev_in_groups(struct differ *d, void *const *lo, size_t n)
{
	struct idmap last = { NULL, NULL, 0, 0 };
	const char **prev, *h, *p;
	size_t i;

	prev = arena_alloc(d->a, (n + 1) * sizeof *prev);
	for (i = 0; i < n; i++) {
		const struct entity *e = lo[i];

		prev[i] = "";
		if ((h = order_group(d, e, 1)) == NULL)
			continue;
		if ((p = idmap_get(&last, h)) != NULL)
			prev[i] = p;
		idmap_put(d->a, &last, h, e->id);
	}
	return prev;
}

/* A nested entity that went to another parent (a section to another
 * chapter), and entities that changed their place among the others of
 * their group: those outside the longest run kept in the old order. */
static void
compare_places(struct differ *d, enum entity_kind k)
{
	void *const *ln;
	const struct entity **olds, *e, *m, *po, *pn;
	size_t n, i, j, len, *oldat, *run, *keep;
	size_t norder = 0, caporder = 0, k2;
	struct idmap groups = { NULL, NULL, 0, 0 };
	struct members **order = NULL;
	const char *g, **oprev = NULL;
	size_t nold;

	ln = all(d->new, k, &n);
	olds = arena_alloc(d->a, (n + 1) * sizeof *olds);
	for (i = 0; i < n; i++) {
		const char *was = idmap_get(&d->old_of, ((const struct entity *)
		    ln[i])->id);

		e = ln[i];
		m = plan_lookup(d->old, was ? was : e->id);
		olds[i] = m != NULL && m->kind == k ? m : NULL;
		if (olds[i] == NULL)
			continue;
		pn = parent_of(e);
		po = parent_of(olds[i]);
		if (pn != NULL && po != NULL &&
		    strcmp(rename_id(d, po->id), pn->id) != 0) {
			struct change *c = add(d, CHANGE_MOVED, k, olds[i], e);

			c->field = kind_desc(pn->kind)->name;
			c->from = po->id;
			c->to = pn->id;
			c->order = 1.5;
		}
	}
	/* Per group, the longest run of entities in increasing old order
	 * stays; the others moved. The groups are gathered in one pass. */
	oldat = arena_alloc(d->a, (n + 1) * sizeof *oldat);
	run = arena_alloc(d->a, (n + 1) * sizeof *run);
	keep = arena_alloc(d->a, (n + 1) * sizeof *keep);
	for (i = 0; i < n; i++) {
		struct members *gm;
		const char *h;

		if (olds[i] == NULL || (g = order_group(d, ln[i], 0)) == NULL ||
		    (h = order_group(d, olds[i], 1)) == NULL ||
		    strcmp(h, g) != 0)
			continue;
		if ((gm = (struct members *)(uintptr_t)idmap_get(&groups, g)) ==
		    NULL) {
			gm = arena_alloc(d->a, sizeof *gm);
			gm->key = g;
			idmap_put(d->a, &groups, g, gm);
			*ARENA_PUSH(d->a, order, norder, caporder) = gm;
		}
		*ARENA_PUSH(d->a, gm->at, gm->n, gm->cap) = i;
	}
	for (k2 = 0; k2 < norder; k2++) {
		const size_t *members = order[k2]->at;
		size_t nm = order[k2]->n;

		for (j = 0; j < nm; j++) {
			oldat[j] = (size_t)posmap_get(&d->opos,
			    olds[members[j]]);
			keep[j] = 0;
		}
		len = worddiff_increasing(d->a, oldat, nm, run);
		for (j = 0; j < len; j++)
			keep[run[j]] = 1;
		for (j = 0; j < nm; j++) {
			size_t at = members[j];
			struct change *c;

			if (keep[j])
				continue;
			if (oprev == NULL) {
				void *const *lo = all(d->old, k, &nold);

				oprev = prev_in_groups(d, lo, nold);
			}
			c = add(d, CHANGE_MOVED, k, olds[at], ln[at]);
			c->field = "place";
			/* from: what it followed; to: what it follows now. */
			c->from = oprev[(size_t)posmap_get(&d->opos, olds[at])];
			c->to = j > 0 ? ((const struct entity *)
			    ln[members[j - 1]])->id : "";
			c->order = 1.6;
		}
	}
}

/* ---- members ---- */

/* A membership: a person in a body's or a group's members. */
struct seat {
	const struct entity *in;	/* the body or group (its side) */
	const char *person;		/* id, the old plan's renamed */
	const char *text;		/* the member's line, for roles */
	size_t index;
	int gone;			/* its body or group is gone / new */
	int used;
	const struct seat *kept;	/* new seats: the old seat kept */
};

static const struct field *
members_field(const struct entity *e)
{
	const struct kind_desc *kd = kind_desc(e->kind);
	size_t i;

	for (i = 0; i < kd->nfields; i++)
		if (kd->fields[i].type == FIELD_MEMBERS)
			return &kd->fields[i];
	return NULL;
}

static void
seats_of(struct differ *d, const struct entity *e, int old, int gone,
    struct seat **out, size_t *n, size_t *cap)
{
	const struct field *f = members_field(e);
	const struct membership *ms;
	size_t i;

	if (f == NULL)
		return;
	ms = *(struct membership *const *)kind_cvalue(e, f);
	for (i = 0; i < kind_ccount(e, f); i++) {
		struct seat *s = ARENA_PUSH(d->a, *out, *n, *cap);

		s->in = e;
		s->person = old ? rename_id(d, ms[i].person.id) :
		    ms[i].person.id;
		s->text = arena_printf(d->a, "%s%s%s%s%s", s->person,
		    ms[i].role.len ? ", role: " : "", ms[i].role.s,
		    ms[i].region.len ? ", region: " : "", ms[i].region.s);
		s->index = i;
		s->gone = gone;
	}
}

static const char *
seat_home(const struct differ *d, const struct seat *s, int old)
{
	const char *id = s->in->id;

	return old ? rename_id((void *)(uintptr_t)d, id) : id;
}

/* The seats a person lost (side 0) and took (side 1): how many, and one. */
struct seats {
	size_t n[2];
	struct seat *one[2];
};

static void
note_seat(struct differ *d, struct idmap *m, const char *person,
    struct seat *s, int side)
{
	struct seats *ps = (struct seats *)(uintptr_t)idmap_get(m, person);

	if (ps == NULL) {
		ps = arena_alloc(d->a, sizeof *ps);
		idmap_put(d->a, m, person, ps);
	}
	ps->n[side]++;
	ps->one[side] = s;
}

/* Members kept in a body or group whose order changed: those outside the
 * longest run kept in the old order moved within the list. sn holds each
 * body's or group's seats together, in order; so too. */
static void
compare_member_places(struct differ *d, const struct seat *so,
    const struct seat *sn, size_t nn)
{
	size_t *oldat, *run, *at, j, start, end, n, len, r;

	oldat = arena_alloc(d->a, (nn + 1) * sizeof *oldat);
	run = arena_alloc(d->a, (nn + 1) * sizeof *run);
	at = arena_alloc(d->a, (nn + 1) * sizeof *at);
	for (start = 0; start < nn; start = end) {
		for (end = start; end < nn && sn[end].in == sn[start].in;
		    end++)
			;
		n = 0;
		for (j = start; j < end; j++)
			if (sn[j].kept != NULL) {
				oldat[n] = (size_t)(sn[j].kept - so);
				at[n++] = j;
			}
		len = worddiff_increasing(d->a, oldat, n, run);
		for (r = 0, j = 0; j < n; j++) {
			const struct seat *s = &sn[at[j]], *o = s->kept;
			const char *was;
			struct change *c;

			if (r < len && run[r] == j) {
				r++;
				continue;
			}
			was = idmap_get(&d->old_of, s->in->id);
			c = add(d, CHANGE_MOVED, s->in->kind, plan_lookup(d->old,
			    was ? was : s->in->id), s->in);
			c->field = "place";
			c->person = s->person;
			/* from: whom it followed; to: whom it follows now. */
			c->from = o->index > 0 ? o[-1].person : "";
			c->to = s->index > 0 ? s[-1].person : "";
			c->order = 3 + (double)s->index / 1e4;
		}
	}
}

/* Joined, left and moved members of every body and group. */
static void
compare_members(struct differ *d)
{
	static const enum entity_kind kinds[] = { ENT_BODY, ENT_GROUP };
	struct seat *so = NULL, *sn = NULL;
	size_t no = 0, nn = 0, capo = 0, capn = 0, k, i, j, n;
	struct idmap by_place = { NULL, NULL, 0, 0 };
	struct idmap by_person = { NULL, NULL, 0, 0 };
	void *const *list;

	for (k = 0; k < 2; k++) {
		list = all(d->old, kinds[k], &n);
		for (i = 0; i < n; i++)
			seats_of(d, list[i], 1, counterpart(d, list[i]) ==
			    NULL, &so, &no, &capo);
		list = all(d->new, kinds[k], &n);
		for (i = 0; i < n; i++) {
			const struct entity *e = list[i];
			const char *was = idmap_get(&d->old_of, e->id);
			const struct entity *m = plan_lookup(d->old,
			    was ? was : e->id);

			seats_of(d, e, 0, m == NULL || m->kind != e->kind,
			    &sn, &nn, &capn);
		}
	}
	/* A seat kept: the same person in the same body or group, found
	 * through a map of the new seats by person and place. */
	for (j = 0; j < nn; j++) {
		const char *key = arena_printf(d->a, "%s\t%s", sn[j].person,
		    seat_home(d, &sn[j], 0));

		if (idmap_get(&by_place, key) == NULL)
			idmap_put(d->a, &by_place, key, &sn[j]);
	}
	for (i = 0; i < no; i++) {
		struct seat *m = (struct seat *)(uintptr_t)idmap_get(&by_place,
		    arena_printf(d->a, "%s\t%s", so[i].person,
		    seat_home(d, &so[i], 1)));

		if (m == NULL || m->used)
			continue;
		so[i].used = m->used = 1;
		m->kept = &so[i];
		if (strcmp(so[i].text, m->text) != 0) {
			struct change *c = add(d, CHANGE_CHANGED, m->in->kind,
			    so[i].in, m->in);

			c->field = "members";
			c->person = m->person;
			c->from = so[i].text;
			c->to = m->text;
			c->order = 3 + (double)m->index / 1e4;
		}
	}
	compare_member_places(d, so, sn, nn);
	/* A person who left one seat and took exactly one other moved. */
	for (i = 0; i < no; i++)
		if (!so[i].used)
			note_seat(d, &by_person, so[i].person, &so[i], 0);
	for (j = 0; j < nn; j++)
		if (!sn[j].used)
			note_seat(d, &by_person, sn[j].person, &sn[j], 1);
	for (i = 0; i < no; i++) {
		const struct seats *ps = idmap_get(&by_person, so[i].person);
		struct seat *to;
		const char *was;
		struct change *c;

		if (so[i].used || ps == NULL || ps->n[0] != 1 || ps->n[1] != 1)
			continue;
		to = ps->one[1];
		was = idmap_get(&d->old_of, to->in->id);
		c = add(d, CHANGE_MOVED, to->in->kind, plan_lookup(d->old,
		    was ? was : to->in->id), to->in);
		c->field = "group";
		c->person = so[i].person;
		c->from = so[i].in->id;
		c->to = to->in->id;
		c->order = 3 + (double)to->index / 1e4;
		so[i].used = to->used = 1;
	}
	for (i = 0; i < no; i++)
		if (!so[i].used && !so[i].gone) {
			const struct entity *m = counterpart(d, so[i].in);
			struct change *c = add(d, CHANGE_LEFT, so[i].in->kind,
			    so[i].in, m);

			c->person = so[i].person;
			c->order = 3 + (double)so[i].index / 1e4;
		}
	for (j = 0; j < nn; j++)
		if (!sn[j].used && !sn[j].gone) {
			const char *was = idmap_get(&d->old_of, sn[j].in->id);
			struct change *c = add(d, CHANGE_JOINED, sn[j].in->kind,
			    plan_lookup(d->old, was ? was : sn[j].in->id),
			    sn[j].in);

			c->person = sn[j].person;
			c->order = 3 + (double)sn[j].index / 1e4;
		}
}

/* ---- order and counts ---- */

static size_t
rank_of(enum entity_kind k)
{
	size_t r;

	for (r = 0; r < NREPORT; r++)
		if (report_order[r] == k)
			return r;
	return NREPORT;
}

/* The place of every entity among those of its kind in the report: the
 * new plan's order; an entity only the old plan has goes after the last one
 * before it that the new plan still has. */
static void
positions(struct differ *d)
{
	void *const *list;
	const struct entity *m;
	size_t k, i, n;
	double last;

	for (k = 0; k < ENT_KIND_COUNT; k++) {
		list = all(d->new, (enum entity_kind)k, &n);
		for (i = 0; i < n; i++)
			posmap_put(d->a, &d->pos, list[i], (double)i + 1);
		list = all(d->old, (enum entity_kind)k, &n);
		last = 0.5;
		for (i = 0; i < n; i++)
			if ((m = counterpart(d, list[i])) != NULL)
				last = posmap_get(&d->pos, m) + 0.5;
			else
				posmap_put(d->a, &d->pos, list[i], last);
	}
}

static void
place(const struct differ *d, struct change *c)
{
	const struct entity *e = c->new != NULL ? c->new : c->old;

	c->rank = rank_of(c->kind);
	if (c->kind == DIFF_PLAN)
		return;
	c->pos = posmap_get(&d->pos, e);
	/* A body's groups are reported with their body, in their order. */
	if (c->kind == ENT_GROUP) {
		const struct entity *b = &((const struct group *)e)->body->e;
		const struct entity *m = c->new != NULL ? b :
		    counterpart(d, b);

		c->rank = rank_of(ENT_BODY);
		c->pos = posmap_get(&d->pos, m != NULL ? m : b) +
		    c->pos / ((double)d->ngroups + 2);
	}
}

static int
by_order(const void *x, const void *y)
{
	const struct change *a = x, *b = y;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
count(struct diff *out)
{
	const void *last_o = NULL, *last_n = NULL;
	size_t i;
	int last_plan = 0;

	for (i = 0; i < out->n; i++) {
		const struct change *c = &out->items[i];

		if (c->op != CHANGE_CHANGED && c->op != CHANGE_JOINED &&
		    c->op != CHANGE_LEFT) {
			out->count[c->op]++;
			continue;
		}
		/* Changed: each entity once (its changes are adjacent). */
		if (c->kind == DIFF_PLAN ? last_plan :
		    (c->old == last_o && c->new == last_n))
			continue;
		out->count[CHANGE_CHANGED]++;
		last_plan = c->kind == DIFF_PLAN;
		last_o = c->old;
		last_n = c->new;
	}
}

void
diff_plans(struct arena *a, const struct plan *old, const struct plan *new,
    struct diff *out)
{
	struct differ d;
	void *const *list;
	size_t r, i, n;

	memset(out, 0, sizeof *out);
	out->old = old;
	out->new = new;
	memset(&d, 0, sizeof d);
	d.a = a;
	d.out = out;
	d.old = old;
	d.new = new;
	collect_referrers(&d, old, &d.refs_old);
	collect_referrers(&d, new, &d.refs_new);
	match(&d);
	for (r = 0; r < ENT_KIND_COUNT; r++) {
		list = all(old, (enum entity_kind)r, &n);
		for (i = 0; i < n; i++)
			posmap_put(a, &d.opos, list[i], (double)i);
	}
	compare_fields(&d, DIFF_PLAN, &old->meta, &new->meta, NULL, NULL,
	    kind_meta());
	for (r = 1; r < NREPORT; r++) {
		enum entity_kind k = report_order[r];

		list = all(old, k, &n);
		for (i = 0; i < n; i++) {
			const struct entity *e = list[i], *m;

			if ((m = counterpart(&d, e)) == NULL) {
				add(&d, CHANGE_REMOVED, k, e, NULL);
				continue;
			}
			if (strcmp(e->id, m->id) != 0)
				add(&d, CHANGE_RENAMED, k, e, m);
			compare_fields(&d, k, e, m, e, m, kind_desc(k));
		}
		list = all(new, k, &n);
		for (i = 0; i < n; i++) {
			const struct entity *e = list[i];
			const char *was = idmap_get(&d.old_of, e->id);
			const struct entity *m = plan_lookup(old,
			    was ? was : e->id);

			if (m == NULL || m->kind != e->kind)
				add(&d, CHANGE_ADDED, k, NULL, e);
		}
		compare_places(&d, k);
	}
	compare_members(&d);
	positions(&d);
	d.ngroups = old->ngroups > new->ngroups ? old->ngroups : new->ngroups;
	for (i = 0; i < out->n; i++)
		place(&d, &out->items[i]);
	if (out->n > 1)
		qsort(out->items, out->n, sizeof *out->items, by_order);
	count(out);
}

const char *
diff_kind_name(enum entity_kind kind)
{
	return kind == DIFF_PLAN ? "plan" : kind_desc(kind)->name;
}
