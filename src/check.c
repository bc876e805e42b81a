/* check.c - the checking pass, one function per kind of object, run once
 * the whole model (includes too) is built. It resolves each reference once
 * and completes the model (footnote numbers, usage counts) so that layout
 * sees one canonical form. */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "hash.h"
#include "kind.h"
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
	size_t suggest_left;	/* see may_suggest */
};

/* "Did you mean" compares an unknown id with every id: 100,000 unknown
 * references among 100,000 ids would take hours. The comparisons a whole
 * check may spend on suggestions are limited (a second or so); after that
 * unknown ids are reported without one. */
#define SUGGEST_BUDGET 5000000

/* 1 if cost more comparisons for a suggestion are still allowed (and
 * spends them). */
static int
may_suggest(struct checker *c, size_t cost)
{
	if (cost > c->suggest_left)
		return 0;
	c->suggest_left -= cost;
	return 1;
}

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
	if (may_suggest(c, c->p->ids.cap)) {
		offer_kind(&s, c->p->ids.slots, c->p->ids.cap, kinds);
		if (s.best == NULL && may_suggest(c, c->p->ids.cap))
			offer_kind(&s, c->p->ids.slots, c->p->ids.cap,
			    ANY_KIND);
	}
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

/* A [@id] prints its target's name (or number and page): one that has
 * none would print the bare id, so the reader would see "ambitie-3". */
static void
check_printable(struct checker *c, struct ref *r, const struct entity *e)
{
	const char *name = entity_display_name(e);
	const char *kn = entity_kind_name(e->kind);
	struct diag *dg;

	if (name != e->id && *name != '\0')
		return;
	if (*name == '\0')
		dg = diag_report(c->d, D_WRONG_KIND, r->span, "%s '%s' has no "
		    "title, so a [@...] reference to it has nothing to print",
		    kn, r->id);
	else
		dg = diag_report(c->d, D_WRONG_KIND, r->span, "'%s' is %s %s, "
		    "which has no name: a [@...] reference to it would print "
		    "its id", r->id, model_article(kn), kn);
	diag_note(c->d, dg, span_start(r->span), "%s", *name == '\0' ?
	    "give it a title, or write the words themselves" :
	    "write the words themselves");
	r->target = NULL;
}

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
		if ((e = resolve(c, &run->ref, ANY_KIND, "a [@...] reference"))
		    != NULL)
			check_printable(c, &run->ref, e);
		return;
	}
	if (run->kind != RUN_FOOTNOTE)
		return;
	e = plan_lookup(c->p, run->ref.id);
	if (e == NULL || e->kind != ENT_FOOTNOTE) {
		suggest_init(&s, run->ref.id);
		if (may_suggest(c, c->p->nfootnotes))
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

/* ---- titles and names: plain text ---- */

/* Markup found where only plain text is read, and how to do without it. */
static const struct { const char *what, *fix; } plain_markup[] = {
	{ "'*' emphasis", "remove the asterisks: a title takes its heading's "
	    "style" },
	{ "a [@...] reference", "write the name itself" },
	{ "a [^...] footnote mark", "put the footnote mark in the text" },
	{ "a [...]{lang=...} span", "remove the brackets and the {lang=...}" },
};

/* Where the first piece of markup in a plain text s starts (emphasis,
 * [@id], [^id], [..]{lang=..}), with *end past it and *kind its entry in
 * plain_markup; len if there is none. */
static size_t
markup_in_plain(const char *s, size_t len, size_t *end, size_t *kind)
{
	size_t i, j, k;

	for (i = 0; i + 1 < len; i++) {
		if (s[i] == '[' && (s[i + 1] == '@' || s[i + 1] == '^')) {
			for (j = i + 2; j < len && s[j] != ']'; j++)
				;
			if (j < len) {
				*end = j + 1;
				*kind = s[i + 1] == '@' ? 1 : 2;
				return i;
			}
		} else if (s[i] == ']' && len - i > 7 &&
		    strncmp(s + i + 1, "{lang=", 6) == 0) {
			for (j = i + 7; j < len && s[j] != '}'; j++)
				;
			for (k = i; k > 0 && s[k] != '['; k--)
				;
			*end = j < len ? j + 1 : len;
			*kind = 3;
			return k;
		} else if (s[i] == '*') {
			/* A run that opens, and a '*' after it that closes:
			 * emphasis. */
			for (k = i; k < len && s[k] == '*'; k++)
				;
			for (j = k + 1; k < len && s[k] != ' ' && j < len; j++)
				if (s[j] == '*' && s[j - 1] != ' ') {
					*end = j + 1;
					*kind = 0;
					return i;
				}
			i = k - 1;
		}
	}
	return len;
}

/* Titles and names are plain text, set in their heading's or table's
 * style: markup in them would print as written ("Mét *andere* ogen").
 * So are a partner's free text and note (partner: 1), whose footnote
 * mark belongs in the activity's text. */
static void
check_plain_as(struct checker *c, const struct str *t, int partner)
{
	size_t at, end, kind;
	struct diag *dg;

	if (t->node == NULL || t->s == NULL || (at = markup_in_plain(t->s,
	    t->len, &end, &kind)) == t->len)
		return;
	dg = diag_report(c->d, D_MARKUP, node_span_at(t->node, at, end),
	    partner ? "%s in a partner would print as written: partners are "
	    "plain text" : "%s in a title or name would print as written: "
	    "titles and names are plain text", plain_markup[kind].what);
	diag_note(c->d, dg, node_pos_at(t->node, at), "%s",
	    partner && kind == 0 ? "remove the asterisks: partners are set "
	    "in the table's style" : partner && kind == 2 ? "put the footnote "
	    "mark in the activity's text" : plain_markup[kind].fix);
}

static void
check_plain(struct checker *c, const struct str *t)
{
	check_plain_as(c, t, 0);
}

static void
check_plain_partners(struct checker *c, const struct partners *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		if (ps->items[i].kind == PARTNER_TEXT)
			check_plain_as(c, &ps->items[i].text, 1);
		check_plain_as(c, &ps->items[i].note, 1);
	}
}

static int
check_titles_of(enum walk_event ev, const struct entity *e, int depth,
    void *ctx)
{
	const struct kind_desc *kd = kind_desc(e->kind);
	size_t i;

	(void)depth;
	if (ev != WALK_ENTER)
		return 0;
	for (i = 0; i < kd->nfields; i++)
		if (kd->fields[i].type == FIELD_STR && (strcmp(kd->fields[i].key,
		    "title") == 0 || strcmp(kd->fields[i].key, "name") == 0 ||
		    strcmp(kd->fields[i].key, "short") == 0))
			check_plain(ctx, kind_cvalue(e, &kd->fields[i]));
	return 0;
}

static void
check_titles(struct checker *c)
{
	size_t i;

	check_plain(c, &c->p->meta.title);
	check_plain(c, &c->p->meta.tagline);
	for (i = 0; i < c->p->meta.nsubtitle; i++)
		check_plain(c, &c->p->meta.subtitle[i]);
	kind_walk(c->p, check_titles_of, c);
	for (i = 0; i < c->p->ndomains; i++)
		check_plain_partners(c, &c->p->domains[i]->with);
	for (i = 0; i < c->p->nstrands; i++)
		check_plain_partners(c, &c->p->strands[i]->with);
	for (i = 0; i < c->p->nactivities; i++)
		check_plain_partners(c, &c->p->activities[i]->with);
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
by_order(const void *x, const void *y)
{
	const struct key *a = *(struct key *const *)x;
	const struct key *b = *(struct key *const *)y;

	return a->order < b->order ? -1 : a->order > b->order;
}

/* ---- near-duplicate names ---- */

/* Near-duplicates are found through an index, not by comparing every
 * pair: 100,000 people would take hours. If two names are within two
 * edits, each of the three pieces either name is cut into can hold at
 * most two of them, so one piece stands unchanged in the other name, at
 * most two characters from where it stood (the pigeonhole principle, as
 * in "PassJoin"). Each name's three pieces
 * are hashed with the name's length, the piece's number and the name's
 * digits (names whose digits differ never match, see same_digits), and a
 * name looks up the pieces it could share with the names of its length
 * give or take two. The index also holds each name's length and digits
 * alone, so that lengths no earlier name has are skipped. */
#define NEAR_EDITS 2
#define NEAR_PIECES (NEAR_EDITS + 1)
/* Entries of the index looked at per name, at most: thousands of names
 * that all differ in the same few letters would otherwise make the work
 * quadratic again. The nearest of those looked at is reported. */
#define NEAR_LOOKS_MAX 64

struct near_entry {
	uint64_t hash;
	size_t who;		/* index into the names, in definition order */
};

/* Piece k of a name of n characters: where it starts and how long it is.
 * The last piece takes what is left over. */
static void
piece_of(size_t n, size_t k, size_t *start, size_t *len)
{
	size_t base = n / NEAR_PIECES;

	*start = k * base;
	*len = k + 1 < NEAR_PIECES ? base : n - k * base;
}

/* The digits of a name, hashed: see same_digits. */
static uint64_t
digits_hash(const char *s)
{
	uint64_t h = HASH_SEED;

	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			h = (h ^ (unsigned char)*s) * HASH_PRIME;
	return h;
}

/* The hash of piece k (of a name n characters long with digits dh), read
 * from codes. */
static uint64_t
piece_hash(uint64_t dh, size_t n, size_t k, const uint32_t *codes, size_t len)
{
	uint64_t h = hash_bytes(HASH_SEED, &dh, sizeof dh);

	h = hash_bytes(h, &n, sizeof n);
	h = hash_bytes(h, &k, sizeof k);
	return hash_bytes(h, codes, len * sizeof *codes);
}

static int
by_hash(const void *x, const void *y)
{
	const struct near_entry *a = x, *b = y;

	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->who < b->who ? -1 : a->who > b->who;
}

/* The entries of the index that share one hash, found through an open
 * hash table over the sorted entries. */
struct near_slot {
	uint64_t hash;
	size_t from, to;	/* to == 0: an empty slot */
};

struct near_index {
	struct near_entry *e;
	size_t n;
	struct near_slot *slots;
	size_t mask;
};

static void
index_slots(struct arena *a, struct near_index *x)
{
	size_t cap = 16, i, j, s;

	while (cap < 2 * x->n)
		cap *= 2;
	x->slots = arena_alloc(a, cap * sizeof *x->slots);
	memset(x->slots, 0, cap * sizeof *x->slots);
	x->mask = cap - 1;
	for (i = 0; i < x->n; i = j) {
		for (j = i + 1; j < x->n && x->e[j].hash == x->e[i].hash; j++)
			;
		for (s = x->e[i].hash & x->mask; x->slots[s].to != 0;
		    s = (s + 1) & x->mask)
			;
		x->slots[s].hash = x->e[i].hash;
		x->slots[s].from = i;
		x->slots[s].to = j;
	}
}

/* The entries with hash h of the names before who: [*from, *to). */
static void
index_find(const struct near_index *x, uint64_t h, size_t who, size_t *from,
    size_t *to)
{
	size_t s, lo, hi, mid;

	*from = *to = 0;
	for (s = h & x->mask; x->slots[s].to != 0; s = (s + 1) & x->mask)
		if (x->slots[s].hash == h)
			break;
	if (x->slots[s].to == 0)
		return;
	lo = x->slots[s].from;
	hi = x->slots[s].to;
	*from = lo;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->e[mid].who < who)
			lo = mid + 1;
		else
			hi = mid;
	}
	*to = lo;
}

/* A run of index entries that share a hash: names that may be near. */
struct near_range {
	size_t from, to;
};

static int
by_size(const void *x, const void *y)
{
	const struct near_range *a = x, *b = y;
	size_t na = a->to - a->from, nb = b->to - b->from;

	if (na != nb)
		return na < nb ? -1 : 1;
	return a->from < b->from ? -1 : a->from > b->from;
}

#define NEAR_LOOKUPS ((2 * NEAR_EDITS + 1) * NEAR_PIECES * (2 * NEAR_EDITS + 1))

/* Where piece k (from 0) of an earlier name can stand in a name delta
 * characters longer, as an offset from where it stood: [*lo, *hi]. Of two
 * names within NEAR_EDITS edits, some piece k stands unchanged with at most
 * k edits before it and at most NEAR_EDITS - k after it (Li et al.,
 * "Pass-Join", multi-match-aware selection), so it moved by at most k,
 * and by at most NEAR_EDITS - k away from delta; and the edits before and
 * after it add up to NEAR_EDITS at most (position-aware selection). With
 * names of equal length that is 5 substrings to look up instead of 15,
 * and the same pairs are found. */
static void
near_offsets(long delta, long k, long *lo, long *hi)
{
	long t = NEAR_EDITS;

	*lo = -((t - delta) / 2);
	*hi = (t + delta) / 2;
	if (*lo < -k)
		*lo = -k;
	if (*lo < delta - (t - k))
		*lo = delta - (t - k);
	if (*hi > k)
		*hi = k;
	if (*hi > delta + (t - k))
		*hi = delta + (t - k);
}

#define NO_SAME ((size_t)-1)

/* For each of the n names all[i] (in definition order), the first name
 * before it that is the same after folding and has the same digits, or
 * NO_SAME: no index is needed for those, as the keys are sorted by their
 * folded names, the same ones in definition order (make_keys). A name
 * that only looks at NEAR_LOOKS_MAX earlier ones of its kind without
 * finding one (their digits differ) is left to nearest_before. */
static size_t *
same_names(struct checker *c, struct key **all, size_t n)
{
	size_t *same, *who, i, j, g, looks;

	same = arena_alloc(c->a, (n + 1) * sizeof *same);
	who = arena_alloc(c->a, (c->nkeys + 1) * sizeof *who);
	for (i = 0; i < c->nkeys; i++)
		who[i] = NO_SAME;
	for (i = 0; i < n; i++) {
		who[all[i] - c->keys] = i;
		same[i] = NO_SAME;
	}
	for (g = 0; g < c->nkeys; g = i) {
		for (i = g + 1; i < c->nkeys && cmp_codes(c->keys[i].codes,
		    c->keys[i].n, c->keys[g].codes, c->keys[g].n) == 0; i++)
			;
		/* The group [g, i): the same folded name. */
		for (j = g + 1; j < i; j++) {
			size_t q;

			if (who[j] == NO_SAME)
				continue;
			for (q = g, looks = 0; q < j && looks < NEAR_LOOKS_MAX;
			    q++) {
				if (who[q] == NO_SAME)
					continue;
				looks++;
				if (same_digits(c->keys[q].name->s,
				    c->keys[j].name->s)) {
					same[who[j]] = who[q];
					break;
				}
			}
		}
	}
	return same;
}

/* The nearest name defined before all[i] (within NEAR_EDITS, with the same
 * digits), the earliest of equally near ones; NULL if none. The rarest
 * pieces are looked up first, so that a limited look finds the names that
 * share something unusual. seen[j] == i + 1 marks the names already
 * compared with all[i]. */
static const struct key *
nearest_before(struct key **all, const struct near_index *idx,
    const uint64_t *dh, const size_t *same, size_t *seen, size_t i)
{
	const struct key *a = all[i], *best = NULL;
	struct near_range r[NEAR_LOOKUPS];
	size_t bestd = NEAR_EDITS + 1, bestwho = 0, looks = 0, nr = 0;
	size_t n, k, start, len, e, q;
	uint64_t h;
	long off, lo, hi;

	/* The same name (folded) defined before: nothing is nearer. */
	if (same[i] != NO_SAME)
		return all[same[i]];
	for (n = a->n > NEAR_EDITS ? a->n - NEAR_EDITS : 0;
	    n <= a->n + NEAR_EDITS; n++) {
		/* No earlier name of this length with these digits: nothing
		 * to look up (with "Persoon 1" ... "Persoon 99999" that is
		 * every length). */
		index_find(idx, piece_hash(dh[i], n, NEAR_PIECES, NULL, 0), i,
		    &e, &q);
		if (q == e)
			continue;
		for (k = 0; k < NEAR_PIECES; k++) {
			piece_of(n, k, &start, &len);
			near_offsets((long)a->n - (long)n, (long)k, &lo, &hi);
			for (off = lo; off <= hi; off++) {
				if ((long)start + off < 0 ||
				    start + off + len > a->n)
					continue;
				h = piece_hash(dh[i], n, k, a->codes + start +
				    off, len);
				index_find(idx, h, i, &r[nr].from, &r[nr].to);
				if (r[nr].to > r[nr].from)
					nr++;
			}
		}
	}
	qsort(r, nr, sizeof *r, by_size);
	for (q = 0; q < nr; q++)
		for (e = r[q].from; e < r[q].to; e++) {
			size_t j = idx->e[e].who, d;

			if (++looks > NEAR_LOOKS_MAX)
				return best;
			if (seen[j] == i + 1)
				continue;
			seen[j] = i + 1;
			d = utf8_distance_codes(a->codes, a->n, all[j]->codes,
			    all[j]->n, bestd < NEAR_EDITS ? bestd : NEAR_EDITS);
			if (d > NEAR_EDITS ||
			    !same_digits(a->name->s, all[j]->name->s))
				continue;
			if (d < bestd || (d == bestd && j < bestwho)) {
				bestd = d;
				bestwho = j;
				best = all[j];
			}
		}
	return best;
}

/* Two different entities whose names differ by at most two characters
 * after folding case and accents are probably one thing spelled twice
 * ("Maaïke"/"Maaike", "Corinne"/"Corine"). Each name is reported at most
 * once, where it is defined, with the nearest name defined before it. */
static void
check_near_duplicates(struct checker *c)
{
	struct key **all;
	struct near_index idx;
	uint64_t *dh;
	size_t *seen, *same, n = 0, i, k, start, len;

	make_keys(c);
	all = arena_alloc(c->a, (c->nkeys + 1) * sizeof *all);
	/* People and organisations; short names (initials, acronyms) are
	 * too close to one another for distance to mean anything. */
	for (i = 0; i < c->nkeys; i++)
		if (c->keys[i].e->kind != ENT_BODY && c->keys[i].n >= 6 &&
		    registered(c, c->keys[i].e))
			all[n++] = &c->keys[i];
	qsort(all, n, sizeof *all, by_order);
	idx.e = arena_alloc(c->a, (n * (NEAR_PIECES + 1) + 1) *
	    sizeof *idx.e);
	idx.n = 0;
	dh = arena_alloc(c->a, (n + 1) * sizeof *dh);
	seen = arena_alloc(c->a, (n + 1) * sizeof *seen);
	for (i = 0; i < n; i++) {
		dh[i] = digits_hash(all[i]->name->s);
		seen[i] = 0;
		for (k = 0; k < NEAR_PIECES; k++) {
			piece_of(all[i]->n, k, &start, &len);
			idx.e[idx.n].hash = piece_hash(dh[i], all[i]->n, k,
			    all[i]->codes + start, len);
			idx.e[idx.n++].who = i;
		}
		/* The name's length with its digits: see nearest_before. */
		idx.e[idx.n].hash = piece_hash(dh[i], all[i]->n, NEAR_PIECES,
		    NULL, 0);
		idx.e[idx.n++].who = i;
	}
	qsort(idx.e, idx.n, sizeof *idx.e, by_hash);
	index_slots(c->a, &idx);
	same = same_names(c, all, n);
	for (i = 0; i < n; i++) {
		/* Reported where the later of the two is defined. */
		const struct key *a = all[i], *b;
		struct diag *dg;

		if ((b = nearest_before(all, &idx, dh, same, seen, i)) == NULL)
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
	c.suggest_left = SUGGEST_BUDGET;
	register_ids(&c);
	check_periods(&c);
	check_domains(&c);
	check_activities(&c);
	check_bodies(&c);
	check_document(&c);
	check_titles(&c);
	check_unused(&c);
	check_near_duplicates(&c);
	rules_check(plan, d);
}
