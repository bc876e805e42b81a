/* check.c - the checking pass, one function per kind of object, run once
 * the whole model (includes too) is built. It resolves each reference once
 * and completes the model (footnote numbers, usage counts) so that layout
 * sees one canonical form. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "node.h"
#include "rules.h"
#include "suggest.h"
#include "utf8.h"

#define KIND(k) (1u << (k))
#define ANY_KIND (KIND(ENT_KIND_COUNT) - 1)
#define PARTNER_KINDS (KIND(ENT_PERSON) | KIND(ENT_ORGANISATION) | \
	KIND(ENT_BODY) | KIND(ENT_GROUP))

struct checker {
	struct arena *a;
	struct plan *p;
	struct diags *d;
	int footnotes_numbered;
	int table_checked;	/* the programme's prose is read once */
	struct key *keys;	/* the names, folded and sorted; see make_keys */
	size_t nkeys;
};

/* ---- ids ---- */

static void
register_one(struct checker *c, struct entity *e)
{
	struct entity *first;
	struct diag *dg;

	if (e->id == NULL)
		return;
	if ((first = plan_register(c->a, c->p, e)) == NULL)
		return;
	dg = diag_report(c->d, D_DUPLICATE_ID, e->id_span, "duplicate id '%s': "
	    "already used by %s %s", e->id, model_article(entity_kind_name(
	    first->kind)), entity_kind_name(first->kind));
	diag_note(c->d, dg, span_start(first->id_span), "'%s' first defined "
	    "here", e->id);
}

#define REGISTER_ALL(c, arr, n) do {				\
	size_t i_;						\
	for (i_ = 0; i_ < (n); i_++)				\
		register_one((c), &(arr)[i_]->e);		\
} while (0)

/* Entities register in document order, so "first defined here" points at
 * the earlier one in reading order within each kind. */
static void
register_ids(struct checker *c)
{
	struct plan *p = c->p;

	REGISTER_ALL(c, p->parts, p->nparts);
	REGISTER_ALL(c, p->chapters, p->nchapters);
	REGISTER_ALL(c, p->sections, p->nsections);
	REGISTER_ALL(c, p->footnotes, p->nfootnotes);
	REGISTER_ALL(c, p->periods, p->nperiods);
	REGISTER_ALL(c, p->domains, p->ndomains);
	REGISTER_ALL(c, p->ambitions, p->nambitions);
	REGISTER_ALL(c, p->strands, p->nstrands);
	REGISTER_ALL(c, p->activities, p->nactivities);
	REGISTER_ALL(c, p->milestones, p->nmilestones);
	REGISTER_ALL(c, p->people, p->npeople);
	REGISTER_ALL(c, p->organisations, p->norganisations);
	REGISTER_ALL(c, p->bodies, p->nbodies);
	REGISTER_ALL(c, p->groups, p->ngroups);
	REGISTER_ALL(c, p->rules, p->nrules);
}

/* ---- references ---- */

/* "person", "person or organisation", "id" for any kind. */
static const char *
kinds_name(struct checker *c, unsigned kinds)
{
	const char *name = NULL;
	int k;

	if (kinds == ANY_KIND)
		return "id";
	if (kinds == PARTNER_KINDS)
		return "partner";
	for (k = 0; k < ENT_KIND_COUNT; k++)
		if (kinds & KIND(k)) {
			name = name == NULL ? entity_kind_name(k) :
			    arena_printf(c->a, "%s or %s", name,
			    entity_kind_name(k));
		}
	return name != NULL ? name : "id";
}

/* "people", "ambitions": what a key that takes kinds takes. */
static const char *
kinds_plural(struct checker *c, unsigned kinds)
{
	const char *name = NULL;
	int k;

	if (kinds == PARTNER_KINDS)
		return "people, organisations, bodies or groups";
	for (k = 0; k < ENT_KIND_COUNT; k++)
		if (kinds & KIND(k))
			name = name == NULL ? entity_kind_plural(k) :
			    arena_printf(c->a, "%s or %s", name,
			    entity_kind_plural(k));
	return name != NULL ? name : "ids";
}

static void
offer_kind(struct suggest *s, struct entity **slots, size_t cap,
    unsigned kinds)
{
	size_t i;

	for (i = 0; i < cap; i++)
		if (slots[i] != NULL && (kinds & KIND(slots[i]->kind)))
			suggest_offer(s, slots[i]->id);
}

/* Resolves r to an entity of one of kinds. where says what takes the
 * reference ("`members:`"). Returns the target or NULL (reported). */
static struct entity *
resolve(struct checker *c, struct ref *r, unsigned kinds, const char *where)
{
	struct entity *e;
	struct suggest s;
	struct diag *dg;
	const char *what;

	if (r->id == NULL)
		return NULL;
	e = plan_lookup(c->p, r->id);
	if (e != NULL && (kinds & KIND(e->kind))) {
		r->target = e;
		if (e->kind == ENT_PERSON)
			((struct person *)e)->used++;
		return e;
	}
	if (e != NULL) {
		const char *kn = entity_kind_name(e->kind);

		dg = diag_report(c->d, D_WRONG_KIND, r->span, "'%s' is %s %s, "
		    "but %s takes %s", r->id, model_article(kn), kn, where,
		    kinds_plural(c, kinds));
		diag_note(c->d, dg, span_start(e->id_span), "'%s' is defined "
		    "here", r->id);
		return NULL;
	}
	/* Prefer a near id of the wanted kind; fall back to any kind so that
	 * a typo of the wrong kind still gets a useful hint. */
	suggest_init(&s, r->id);
	offer_kind(&s, c->p->ids.slots, c->p->ids.cap, kinds);
	if (s.best == NULL)
		offer_kind(&s, c->p->ids.slots, c->p->ids.cap, ANY_KIND);
	/* Where several kinds are allowed, a near miss tells which one the
	 * author meant: "unknown person 'jeanette-doornenbal'". */
	what = kinds_name(c, kinds);
	if (s.best != NULL && (e = plan_lookup(c->p, s.best)) != NULL &&
	    (kinds & KIND(e->kind)) && kinds != ANY_KIND)
		what = entity_kind_name(e->kind);
	dg = diag_report(c->d, D_UNKNOWN_REF, r->span, "unknown %s '%s'",
	    what, r->id);
	if (s.best != NULL)
		diag_note(c->d, dg, span_start(r->span), "did you mean '%s'?",
		    s.best);
	return NULL;
}

/* ---- prose ---- */

static void
check_run(struct run *run, void *ctx)
{
	struct checker *c = ctx;
	struct entity *e;
	struct footnote *f;
	struct suggest s;
	struct diag *dg;
	size_t i;

	if (run->kind == RUN_REF) {
		resolve(c, &run->ref, ANY_KIND, "a [@...] reference");
		return;
	}
	if (run->kind != RUN_FOOTNOTE)
		return;
	e = plan_lookup(c->p, run->ref.id);
	if (e == NULL || e->kind != ENT_FOOTNOTE) {
		suggest_init(&s, run->ref.id);
		for (i = 0; i < c->p->nfootnotes; i++)
			suggest_offer(&s, c->p->footnotes[i]->e.id);
		dg = diag_report(c->d, D_UNKNOWN_FOOTNOTE, run->ref.span,
		    e == NULL ? "no footnote '%s' is defined" :
		    "'%s' is not a footnote", run->ref.id);
		if (s.best != NULL)
			diag_note(c->d, dg, span_start(run->ref.span),
			    "did you mean '%s'?", s.best);
		return;
	}
	run->ref.target = e;
	f = (struct footnote *)e;
	if (f->used++ == 0)
		f->number = ++c->footnotes_numbered;
}

static void
check_prose(struct checker *c, struct prose *p)
{
	markup_walk(p->blocks, p->nblocks, check_run, c);
}

/* ---- names, folded ---- */

/* An entity's name folded for comparison (utf8_fold), its first
 * UTF8_KEY_MAX characters: free text is looked up among them, and they
 * are compared with one another for near-duplicates. */
struct key {
	struct entity *e;
	const struct str *name;
	uint32_t *codes;
	size_t n;
	size_t order;		/* people, then organisations, then bodies */
};

static int
cmp_codes(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i;

	for (i = 0; i < na && i < nb; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

static int
by_codes(const void *x, const void *y)
{
	const struct key *a = x, *b = y;
	int d = cmp_codes(a->codes, a->n, b->codes, b->n);

	return d != 0 ? d : a->order < b->order ? -1 : a->order > b->order;
}

static void
add_key(struct checker *c, struct entity *e, const struct str *name)
{
	uint32_t buf[UTF8_KEY_MAX];
	struct key *k = &c->keys[c->nkeys];	/* make_keys made room */

	k->e = e;
	k->name = name;
	k->n = utf8_codes(name->s, buf, UTF8_KEY_MAX, 1);
	k->codes = arena_alloc(c->a, (k->n + 1) * sizeof *k->codes);
	memcpy(k->codes, buf, k->n * sizeof *buf);
	k->order = c->nkeys++;
}

/* The keys of all people, organisations and bodies, sorted by their
 * folded names (then in the order they were defined). */
static void
make_keys(struct checker *c)
{
	struct plan *p = c->p;
	size_t i;

	if (c->keys != NULL)
		return;
	c->keys = arena_alloc(c->a, (p->npeople + p->norganisations +
	    p->nbodies + 1) * sizeof *c->keys);
	for (i = 0; i < p->npeople; i++)
		add_key(c, &p->people[i]->e, &p->people[i]->name);
	for (i = 0; i < p->norganisations; i++)
		add_key(c, &p->organisations[i]->e, &p->organisations[i]->name);
	for (i = 0; i < p->nbodies; i++)
		add_key(c, &p->bodies[i]->e, &p->bodies[i]->name);
	qsort(c->keys, c->nkeys, sizeof *c->keys, by_codes);
}

/* Free text equal (case- and accent-folded) to an entity's name: the
 * first so named, as people come before organisations and bodies. */
static struct entity *
named_entity(struct checker *c, const char *text)
{
	uint32_t codes[UTF8_KEY_MAX];
	size_t n, lo = 0, hi, mid;

	make_keys(c);
	n = utf8_codes(text, codes, UTF8_KEY_MAX, 1);
	hi = c->nkeys;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_codes(c->keys[mid].codes, c->keys[mid].n, codes, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->nkeys &&
	    cmp_codes(c->keys[lo].codes, c->keys[lo].n, codes, n) == 0)
		return c->keys[lo].e;
	return NULL;
}

/* ---- partners, people, bodies ---- */

static void
check_partners(struct checker *c, struct partners *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		struct partner *pa = &w->items[i];
		struct entity *e;
		struct diag *dg;

		if (pa->kind == PARTNER_REF) {
			e = resolve(c, &pa->ref, PARTNER_KINDS, "`with:`");
			if (pa->org.id != NULL) {
				resolve(c, &pa->org, KIND(ENT_ORGANISATION),
				    "`org:`");
				if (e != NULL && e->kind != ENT_PERSON) {
					const char *kn = entity_kind_name(e->kind);
					diag_report(c->d, D_WRONG_KIND,
					    pa->ref.span, "'%s' is %s %s, but a "
					    "partner with `org:` names a person",
					    pa->ref.id, model_article(kn), kn);
				}
			}
			continue;
		}
		if ((e = named_entity(c, pa->text.s)) != NULL) {
			dg = diag_report(c->d, D_FREE_TEXT_ENTITY, pa->span,
			    "free text '%s' names %s %s", pa->text.s,
			    model_article(entity_kind_name(e->kind)),
			    entity_kind_name(e->kind));
			diag_note(c->d, dg, span_start(pa->span), "refer to it "
			    "by its id instead: %s", e->id);
		}
	}
}

static void
check_members(struct checker *c, struct membership *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		resolve(c, &m[i].person, KIND(ENT_PERSON), "`members:`");
}

static void
check_bodies(struct checker *c)
{
	struct plan *p = c->p;
	size_t i, j;

	for (i = 0; i < p->npeople; i++)
		resolve(c, &p->people[i]->org, KIND(ENT_ORGANISATION),
		    "`org:`");
	for (i = 0; i < p->nbodies; i++) {
		struct body *b = p->bodies[i];

		resolve(c, &b->chair, KIND(ENT_PERSON), "`chair:`");
		check_members(c, b->members, b->nmembers);
		for (j = 0; j < b->organisations.n; j++)
			resolve(c, &b->organisations.items[j],
			    KIND(ENT_ORGANISATION), "`organisations:`");
	}
	for (i = 0; i < p->ngroups; i++)
		check_members(c, p->groups[i]->members, p->groups[i]->nmembers);
}

/* ---- the document, in reading order ---- */

static void
check_gens(struct checker *c, struct gen *g, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		switch (g[i].kind) {
		case GEN_ROSTER:
			resolve(c, &g[i].body, KIND(ENT_BODY), "`roster:`");
			break;
		case GEN_TEXT:
			check_prose(c, &g[i].text);
			break;
		case GEN_ACTIVITY_TABLE:
			/* The table's prose is read here, where it is
			 * printed, so footnotes are numbered in order. */
			if (c->table_checked++)
				break;
			for (j = 0; j < c->p->nambitions; j++)
				check_prose(c, &c->p->ambitions[j]->text);
			for (j = 0; j < c->p->nactivities; j++)
				check_prose(c, &c->p->activities[j]->text);
			for (j = 0; j < c->p->nmilestones; j++)
				check_prose(c, &c->p->milestones[j]->text);
			break;
		default:
			break;
		}
	}
}

static void
check_document(struct checker *c)
{
	struct plan *p = c->p;
	size_t i, j;

	for (i = 0; i < p->nchapters; i++) {
		struct chapter *ch = p->chapters[i];

		check_prose(c, &ch->text);
		check_gens(c, ch->then, ch->nthen);
		for (j = 0; j < ch->nsections; j++) {
			check_prose(c, &ch->sections[j]->text);
			check_gens(c, ch->sections[j]->then,
			    ch->sections[j]->nthen);
		}
	}
	/* Programme prose that no table prints is still checked. */
	check_gens(c, &(struct gen){ .kind = GEN_ACTIVITY_TABLE }, 1);
	for (i = 0; i < p->nfootnotes; i++)
		check_prose(c, &p->footnotes[i]->text);
}

/* ---- the programme ---- */

static void
check_domains(struct checker *c)
{
	struct plan *p = c->p;
	size_t i, j;

	for (i = 0; i < p->ndomains; i++) {
		struct domain *dm = p->domains[i];

		if (dm->nambitions == 0)
			diag_report(c->d, D_NO_AMBITION, dm->e.id ?
			    dm->e.id_span : dm->e.span, "domain '%s' has no "
			    "ambitions: every domain needs at least one",
			    dm->e.id ? dm->e.id : dm->title.s);
		check_partners(c, &dm->with);
		for (j = 0; j < dm->nstrands; j++)
			check_partners(c, &dm->strands[j]->with);
	}
}

/* A strand or ambition must belong to the domain of whoever names it. */
static void
same_domain(struct checker *c, struct ref *r, struct domain *owner,
    struct domain *dm, const char *what, const char *id)
{
	const char *kn = entity_kind_name(r->target->kind);
	struct diag *dg;

	if (dm == NULL || owner == NULL || owner == dm)
		return;
	dg = diag_report(c->d, D_FOREIGN_AMBITION, r->span, "%s '%s' belongs "
	    "to domain '%s', but %s '%s' is in domain '%s'", kn, r->id,
	    owner->e.id, what, id ? id : "?", dm->e.id);
	diag_note(c->d, dg, span_start(r->target->id_span), "'%s' is defined "
	    "here", r->id);
}

static void
check_activities(struct checker *c)
{
	struct plan *p = c->p;
	struct domain *dm;
	struct entity *e;
	size_t i, j;

	for (i = 0; i < p->nactivities; i++) {
		struct activity *ac = p->activities[i];

		dm = (struct domain *)resolve(c, &ac->domain, KIND(ENT_DOMAIN),
		    "`domain:`");
		for (j = 0; j < ac->serves.n; j++)
			if ((e = resolve(c, &ac->serves.items[j],
			    KIND(ENT_AMBITION), "`serves:`")) != NULL)
				same_domain(c, &ac->serves.items[j],
				    ((struct ambition *)e)->domain, dm,
				    "activity", ac->e.id);
		resolve(c, &ac->period, KIND(ENT_PERIOD), "`period:`");
		if ((e = resolve(c, &ac->strand, KIND(ENT_STRAND),
		    "`strand:`")) != NULL)
			same_domain(c, &ac->strand, ((struct strand *)e)->domain,
			    dm, "activity", ac->e.id);
		check_partners(c, &ac->with);
	}
	for (i = 0; i < p->nmilestones; i++) {
		struct milestone *m = p->milestones[i];

		dm = (struct domain *)resolve(c, &m->domain, KIND(ENT_DOMAIN),
		    "`domain:`");
		resolve(c, &m->period, KIND(ENT_PERIOD), "`period:`");
		if ((e = resolve(c, &m->strand, KIND(ENT_STRAND),
		    "`strand:`")) != NULL)
			same_domain(c, &m->strand, ((struct strand *)e)->domain,
			    dm, "milestone", m->e.id);
	}
}

/* Dated periods must follow each other in time. */
static void
check_periods(struct checker *c)
{
	struct period *last = NULL;
	size_t i;

	for (i = 0; i < c->p->nperiods; i++) {
		struct period *pe = c->p->periods[i];
		long cur, prev;

		if (pe->date.year == 0)
			continue;
		cur = pe->date.year * 10000L + pe->date.month * 100 +
		    pe->date.day;
		if (last != NULL) {
			prev = last->date.year * 10000L +
			    last->date.month * 100 + last->date.day;
			if (cur < prev) {
				struct diag *dg = diag_report(c->d, D_BAD_DATE,
				    pe->date.span, "period '%s' is dated before "
				    "the period listed above it", pe->e.id ?
				    pe->e.id : pe->title.s);
				diag_note(c->d, dg, span_start(last->date.span),
				    "'%s' is dated here", last->e.id ?
				    last->e.id : last->title.s);
			}
		}
		last = pe;
	}
}

/* ---- warnings that need the whole picture ---- */

/* Whether e is the entity its id stands for: a duplicate (already reported)
 * gets no further warnings. */
static int
registered(struct checker *c, const struct entity *e)
{
	return e->id != NULL && plan_lookup(c->p, e->id) == e;
}

static void
check_unused(struct checker *c)
{
	struct plan *p = c->p;
	size_t i;

	for (i = 0; i < p->nfootnotes; i++)
		if (p->footnotes[i]->used == 0 &&
		    registered(c, &p->footnotes[i]->e))
			diag_report(c->d, D_UNUSED_FOOTNOTE,
			    p->footnotes[i]->e.id_span, "footnote '%s' is never "
			    "marked in the text", p->footnotes[i]->e.id);
	for (i = 0; i < p->npeople; i++)
		if (p->people[i]->used == 0 && registered(c, &p->people[i]->e))
			diag_report(c->d, D_UNUSED_PERSON,
			    p->people[i]->e.id_span, "person '%s' is never "
			    "referred to", p->people[i]->e.id);
}

/* The digits of s in order: names that differ in their numbers
 * ("Kopgroep 1", "Kopgroep 2") are different on purpose. */
static int
same_digits(const char *a, const char *b)
{
	for (;;) {
		while (*a && (*a < '0' || *a > '9'))
			a++;
		while (*b && (*b < '0' || *b > '9'))
			b++;
		if (*a != *b)
			return 0;
		if (*a == '\0')
			return 1;
		a++;
		b++;
	}
}

static int
by_length(const void *x, const void *y)
{
	const struct key *a = *(struct key *const *)x;
	const struct key *b = *(struct key *const *)y;

	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Two different entities whose names differ by at most two characters
 * after folding case and accents are probably one thing spelled twice
 * ("Maaïke"/"Maaike", "Corinne"/"Corine"). Only names of about the same
 * length can be that close: sorted by length, each is compared with the
 * few that follow it within two characters. */
static void
check_near_duplicates(struct checker *c)
{
	struct key **all;
	size_t n = 0, i, j;

	make_keys(c);
	all = arena_alloc(c->a, (c->nkeys + 1) * sizeof *all);
	/* People and organisations; short names (initials, acronyms) are
	 * too close to one another for distance to mean anything. */
	for (i = 0; i < c->nkeys; i++)
		if (c->keys[i].e->kind != ENT_BODY && c->keys[i].n >= 6 &&
		    registered(c, c->keys[i].e))
			all[n++] = &c->keys[i];
	qsort(all, n, sizeof *all, by_length);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n && all[j]->n - all[i]->n <= 2; j++) {
			/* Reported where the later of the two is defined. */
			const struct key *a = all[i]->order > all[j]->order ?
			    all[i] : all[j];
			const struct key *b = a == all[i] ? all[j] : all[i];
			struct diag *dg;

			if (utf8_distance_codes(a->codes, a->n, b->codes, b->n,
			    2) > 2 || !same_digits(a->name->s, b->name->s))
				continue;
			dg = diag_report(c->d, D_NEAR_DUPLICATE,
			    a->name->node ? a->name->node->span : a->e->span,
			    "%s '%s' has nearly the same name as %s '%s'",
			    entity_kind_name(a->e->kind), a->name->s,
			    entity_kind_name(b->e->kind), b->name->s);
			diag_note(c->d, dg, b->name->node ?
			    span_start(b->name->node->span) :
			    span_start(b->e->span), "'%s' is defined here; "
			    "if they are the same, keep one and refer to it by "
			    "id", b->e->id ? b->e->id : "?");
		}
}

void
check_plan(struct arena *a, struct plan *plan, struct diags *d)
{
	struct checker c;

	memset(&c, 0, sizeof c);
	c.a = a;
	c.p = plan;
	c.d = d;
	register_ids(&c);
	check_periods(&c);
	check_domains(&c);
	check_activities(&c);
	check_bodies(&c);
	check_document(&c);
	check_unused(&c);
	check_near_duplicates(&c);
	rules_check(plan, d);
}
