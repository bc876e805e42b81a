/* model.c - builds the typed plan from the loader's nodes. Each parse_*
 * function takes one mapping and quotes the YAML shape it accepts; shape
 * problems are reported and the faulty piece is left out, so one run
 * reports as much as it can. References stay unresolved here: check.c
 * resolves them once every file is in. */
#include "model.h"

#include <string.h>

#include "arena.h"
#include "diag.h"
#include "load.h"
#include "node.h"
#include "rules.h"
#include "shape.h"

struct builder {
	struct arena *a;
	struct diags *d;
	struct plan *p;
	size_t cap[ENT_KIND_COUNT];	/* capacities of the plan's arrays */
	int chapter_number;
};

#define PUSH(b, kind, arr, n) ARENA_PUSH((b)->a, (arr), (n), (b)->cap[kind])

static const char *const entity_names[ENT_KIND_COUNT] = {
	[ENT_PART] = "part", [ENT_CHAPTER] = "chapter",
	[ENT_SECTION] = "section", [ENT_FOOTNOTE] = "footnote",
	[ENT_PERIOD] = "period", [ENT_DOMAIN] = "domain",
	[ENT_AMBITION] = "ambition", [ENT_STRAND] = "strand",
	[ENT_ACTIVITY] = "activity", [ENT_MILESTONE] = "milestone",
	[ENT_PERSON] = "person", [ENT_ORGANISATION] = "organisation",
	[ENT_BODY] = "body", [ENT_GROUP] = "group",
	[ENT_STYLE_RULE] = "style rule",
};

const char *
entity_kind_name(enum entity_kind kind)
{
	return kind < ENT_KIND_COUNT ? entity_names[kind] : "entity";
}

static const char *const entity_plurals[ENT_KIND_COUNT] = {
	[ENT_PART] = "parts", [ENT_CHAPTER] = "chapters",
	[ENT_SECTION] = "sections", [ENT_FOOTNOTE] = "footnotes",
	[ENT_PERIOD] = "periods", [ENT_DOMAIN] = "domains",
	[ENT_AMBITION] = "ambitions", [ENT_STRAND] = "strands",
	[ENT_ACTIVITY] = "activities", [ENT_MILESTONE] = "milestones",
	[ENT_PERSON] = "people", [ENT_ORGANISATION] = "organisations",
	[ENT_BODY] = "bodies", [ENT_GROUP] = "groups",
	[ENT_STYLE_RULE] = "style rules",
};

const char *
entity_kind_plural(enum entity_kind kind)
{
	return kind < ENT_KIND_COUNT ? entity_plurals[kind] : "entities";
}

const char *
model_article(const char *word)
{
	return word[0] != '\0' && strchr("aeiou", word[0]) != NULL ? "an" : "a";
}


/* ---- generic shape helpers ---- */

static void
missing(struct builder *b, const struct node *map, const char *key,
    const char *what)
{
	struct span sp = map->span;

	/* Point at the mapping's first key rather than its whole extent. */
	if (map->npairs > 0)
		sp = map->pairs[0].key->span;
	diag_report(b->d, D_MISSING_KEY, sp, "%s needs a '%s:'", what, key);
}

static struct str
no_str(void)
{
	struct str s = { "", 0, NULL };
	return s;
}

/* The text under key: a scalar. Missing or empty and required: reported. */
static struct str
get_str(struct builder *b, const struct node *map, const char *key,
    int required, const char *what)
{
	const struct node *n = node_get(map, key);
	struct str s = no_str();

	if (n == NULL || shape_empty(n)) {
		if (required)
			missing(b, map, key, what);
		return s;
	}
	if (!shape_expect(b->d, n, NODE_SCALAR, "a text"))
		return s;
	s.s = n->str;
	s.len = n->len;
	s.node = n;
	return s;
}

static struct prose
get_prose(struct builder *b, const struct node *map, const char *key,
    int required, const char *what)
{
	struct prose p;

	memset(&p, 0, sizeof p);
	p.src = get_str(b, map, key, required, what);
	if (p.src.node == NULL)
		return p;
	p.blocks = markup_parse(b->a, b->d, p.src.node, &p.nblocks);
	if (p.nblocks == 0)
		diag_report(b->d, D_EMPTY_TEXT, p.src.node->span,
		    "'%s:' of %s has no text", key, what);
	return p;
}

static struct ref
ref_from(const struct node *n)
{
	struct ref r;

	memset(&r, 0, sizeof r);
	r.id = n->str;
	r.span = n->span;
	return r;
}

static struct ref
get_ref(struct builder *b, const struct node *map, const char *key,
    int required, const char *what)
{
	const struct node *n = node_get(map, key);
	struct ref r;

	memset(&r, 0, sizeof r);
	if (n == NULL || shape_empty(n)) {
		if (required)
			missing(b, map, key, what);
		return r;
	}
	if (!shape_expect(b->d, n, NODE_SCALAR, "an id"))
		return r;
	return ref_from(n);
}

/* key: ID or key: [ID, ...] */
static struct refs
get_refs(struct builder *b, const struct node *map, const char *key,
    int required, const char *what)
{
	const struct node *n = node_get(map, key);
	struct refs rs = { NULL, 0 };
	size_t i, cap = 0;

	if (n == NULL || shape_empty(n)) {
		if (required)
			missing(b, map, key, what);
		return rs;
	}
	if (n->kind == NODE_SCALAR) {
		*ARENA_PUSH(b->a, rs.items, rs.n, cap) = ref_from(n);
		return rs;
	}
	if (!shape_expect(b->d, n, NODE_SEQ, "a list of ids"))
		return rs;
	for (i = 0; i < n->nitems; i++)
		if (shape_expect(b->d, n->items[i], NODE_SCALAR, "an id"))
			*ARENA_PUSH(b->a, rs.items, rs.n, cap) =
			    ref_from(n->items[i]);
	return rs;
}

/* The list under key, or NULL (absent, empty, or not a list: reported). */
static const struct node *
get_list(struct builder *b, const struct node *map, const char *key)
{
	const struct node *n = node_get(map, key);

	if (n == NULL || shape_empty(n))
		return NULL;
	if (!shape_expect(b->d, n, NODE_SEQ, "a list"))
		return NULL;
	return n;
}

static int
get_bool(struct builder *b, const struct node *map, const char *key)
{
	const struct node *n = node_get(map, key);
	int v = 0;

	if (n != NULL && !shape_empty(n))
		shape_bool(b->d, n, &v);
	return v;
}

static struct date
get_date(struct builder *b, const struct node *map, const char *key)
{
	const struct node *n = node_get(map, key);
	struct date dt;

	memset(&dt, 0, sizeof dt);
	if (n == NULL || shape_empty(n) ||
	    !shape_expect(b->d, n, NODE_SCALAR,
	    "a date (YYYY-MM or YYYY-MM-DD)"))
		return dt;
	if (rules_date_parse(n->str, &dt) != 0) {
		memset(&dt, 0, sizeof dt);
		diag_report(b->d, D_BAD_DATE, n->span, "'%s' is not a date: "
		    "expected YYYY-MM or YYYY-MM-DD", n->str);
	}
	dt.span = n->span;
	return dt;
}

/* Fills the entity head from the mapping's `id:`. Returns 0 if the node is
 * not a mapping at all (the caller skips it). */
static int
entity_init(struct builder *b, struct entity *e, enum entity_kind kind,
    const struct node *map)
{
	const char *what = entity_kind_name(kind);
	const struct node *id;

	e->kind = kind;
	e->span = map->span;
	id = node_get(map, "id");
	if (id == NULL || shape_empty(id)) {
		diag_report(b->d, D_MISSING_KEY, map->npairs ?
		    map->pairs[0].key->span : map->span, "%s %s needs an 'id:'",
		    model_article(what), what);
		return 1;
	}
	if (!shape_expect(b->d, id, NODE_SCALAR, "an id"))
		return 1;
	e->id_span = id->span;
	if (!rules_id_ok(id->str)) {
		diag_report(b->d, D_BAD_ID, id->span, "'%s' is not a valid id: "
		    "use lower-case letters, digits and single dashes", id->str);
		return 1;
	}
	e->id = id->str;
	return 1;
}

/* Each item of list must be a mapping describing a kind of entity. */
static int
item_ok(struct builder *b, const struct node *n, enum entity_kind kind)
{
	const char *what = entity_kind_name(kind);
	char want[64];

	snprintf(want, sizeof want, "%s %s (a mapping with 'id:')",
	    model_article(what), what);
	return shape_expect(b->d, n, NODE_MAP, want);
}

/* ---- document structure ---- */

static void parse_footnotes(struct builder *, const struct node *,
    struct footnote ***, size_t *);

static const char *const gen_keys[] = { "activity-table", "roster", "text",
    NULL };

static struct str *get_str_list(struct builder *, const struct node *,
    const char *, size_t *);

/* then: [ {activity-table: {caption: T, columns: [A, B, C]}} |
 * {roster: BODY} | {text: |} ] */
static void
parse_then(struct builder *b, const struct node *map, struct gen **out,
    size_t *n)
{
	static const char *const table_keys[] = { "caption", "columns", NULL };
	const struct node *list = get_list(b, map, "then");
	size_t i, cap = 0;

	if (list == NULL)
		return;
	for (i = 0; i < list->nitems; i++) {
		const struct node *g = list->items[i], *v;
		struct gen *gen;
		const char *key;

		if (!shape_expect(b->d, g, NODE_MAP, "a generated block "
		    "({activity-table: ...}, {roster: ID} or {text: ...})"))
			continue;
		shape_keys(b->d, g, gen_keys, "a generated block");
		if (g->npairs != 1) {
			diag_report(b->d, D_BAD_VALUE, g->span, "a generated "
			    "block has exactly one key: activity-table, roster "
			    "or text");
			continue;
		}
		key = g->pairs[0].key->str;
		v = g->pairs[0].value;
		gen = ARENA_PUSH(b->a, *out, *n, cap);
		gen->span = g->span;
		if (strcmp(key, "activity-table") == 0) {
			gen->kind = GEN_ACTIVITY_TABLE;
			gen->caption = no_str();
			if (!shape_empty(v) && shape_expect(b->d, v, NODE_MAP,
			    "a mapping with an optional 'caption:'")) {
				shape_keys(b->d, v, table_keys,
				    "an activity table");
				gen->caption = get_str(b, v, "caption", 0,
				    "an activity table");
				gen->columns = get_str_list(b, v, "columns",
				    &gen->ncolumns);
				if (gen->ncolumns != 0 && gen->ncolumns != 3)
					diag_report(b->d, D_BAD_VALUE,
					    node_get(v, "columns")->span,
					    "an activity table has 3 columns, "
					    "not %zu", gen->ncolumns);
			}
		} else if (strcmp(key, "roster") == 0) {
			gen->kind = GEN_ROSTER;
			gen->body = get_ref(b, g, "roster", 1, "a roster");
		} else if (strcmp(key, "text") == 0) {
			gen->kind = GEN_TEXT;
			gen->text = get_prose(b, g, "text", 1, "a text block");
		} else
			(*n)--;
	}
}

/* {id, title, text, footnotes, then} */
static struct section *
parse_section(struct builder *b, const struct node *map, struct chapter *c)
{
	static const char *const keys[] = { "id", "title", "text",
	    "footnotes", "then", NULL };
	struct section *s = arena_alloc(b->a, sizeof *s);
	struct plan *p = b->p;

	entity_init(b, &s->e, ENT_SECTION, map);
	shape_keys(b->d, map, keys, "a section");
	s->title = get_str(b, map, "title", 1, "a section");
	s->text = get_prose(b, map, "text", 0, "a section");
	parse_footnotes(b, map, &s->footnotes, &s->nfootnotes);
	parse_then(b, map, &s->then, &s->nthen);
	s->chapter = c;
	*PUSH(b, ENT_SECTION, p->sections, p->nsections) = s;
	return s;
}

/* footnotes: [{id, text}] */
static void
parse_footnotes(struct builder *b, const struct node *map,
    struct footnote ***out, size_t *n)
{
	static const char *const keys[] = { "id", "text", NULL };
	const struct node *list = get_list(b, map, "footnotes");
	struct plan *p = b->p;
	size_t i, cap = 0;

	if (list == NULL)
		return;
	for (i = 0; i < list->nitems; i++) {
		const struct node *fm = list->items[i];
		struct footnote *f;

		if (!item_ok(b, fm, ENT_FOOTNOTE))
			continue;
		f = arena_alloc(b->a, sizeof *f);
		entity_init(b, &f->e, ENT_FOOTNOTE, fm);
		shape_keys(b->d, fm, keys, "a footnote");
		f->text = get_prose(b, fm, "text", 1, "a footnote");
		*ARENA_PUSH(b->a, *out, *n, cap) = f;
		*PUSH(b, ENT_FOOTNOTE, p->footnotes, p->nfootnotes) = f;
	}
}

/* {id, title, text, footnotes, sections, then} */
static struct chapter *
parse_chapter(struct builder *b, const struct node *map, struct part *pt)
{
	static const char *const keys[] = { "id", "title", "text",
	    "footnotes", "sections", "then", NULL };
	struct chapter *c = arena_alloc(b->a, sizeof *c);
	const struct node *list;
	struct plan *p = b->p;
	size_t i, cap = 0;

	entity_init(b, &c->e, ENT_CHAPTER, map);
	shape_keys(b->d, map, keys, "a chapter");
	c->title = get_str(b, map, "title", 1, "a chapter");
	c->text = get_prose(b, map, "text", 0, "a chapter");
	c->part = pt;
	c->number = ++b->chapter_number;
	*PUSH(b, ENT_CHAPTER, p->chapters, p->nchapters) = c;
	parse_footnotes(b, map, &c->footnotes, &c->nfootnotes);
	if ((list = get_list(b, map, "sections")) != NULL)
		for (i = 0; i < list->nitems; i++) {
			struct section *s;

			if (!item_ok(b, list->items[i], ENT_SECTION))
				continue;
			s = parse_section(b, list->items[i], c);
			*ARENA_PUSH(b->a, c->sections, c->nsections, cap) = s;
			s->number = (int)c->nsections;
		}
	parse_then(b, map, &c->then, &c->nthen);
	return c;
}

/* parts: [{id, title, chapters}] */
static void
parse_parts(struct builder *b, const struct node *list)
{
	static const char *const keys[] = { "id", "title", "chapters", NULL };
	struct plan *p = b->p;
	size_t i, j, cap;

	for (i = 0; i < list->nitems; i++) {
		const struct node *map = list->items[i], *chs;
		struct part *pt;

		if (!item_ok(b, map, ENT_PART))
			continue;
		pt = arena_alloc(b->a, sizeof *pt);
		entity_init(b, &pt->e, ENT_PART, map);
		shape_keys(b->d, map, keys, "a part");
		pt->title = get_str(b, map, "title", 1, "a part");
		*PUSH(b, ENT_PART, p->parts, p->nparts) = pt;
		pt->number = (int)p->nparts;
		if ((chs = get_list(b, map, "chapters")) == NULL)
			continue;
		cap = 0;
		for (j = 0; j < chs->nitems; j++)
			if (item_ok(b, chs->items[j], ENT_CHAPTER))
				*ARENA_PUSH(b->a, pt->chapters, pt->nchapters,
				    cap) = parse_chapter(b, chs->items[j], pt);
	}
}

/* ---- programme: periods, domains, activities, milestones ---- */

/* with: [ID | "free text" | {ref: ID, org: ID, note: T}] */
static struct partners
parse_partners(struct builder *b, const struct node *map)
{
	static const char *const keys[] = { "ref", "org", "note", NULL };
	const struct node *list = node_get(map, "with");
	struct partners w = { NULL, 0 };
	size_t i, cap = 0;

	if (list == NULL || shape_empty(list))
		return w;
	if (!shape_expect(b->d, list, NODE_SEQ, "a list of partners"))
		return w;
	for (i = 0; i < list->nitems; i++) {
		const struct node *n = list->items[i];
		struct partner *pa;

		if (n->kind == NODE_SEQ) {
			shape_expect(b->d, n, NODE_SCALAR, "a partner (an id, "
			    "a quoted text or {ref: ID})");
			continue;
		}
		pa = ARENA_PUSH(b->a, w.items, w.n, cap);
		pa->span = n->span;
		pa->text = pa->note = no_str();
		if (n->kind == NODE_MAP) {
			shape_keys(b->d, n, keys, "a partner");
			pa->kind = PARTNER_REF;
			pa->ref = get_ref(b, n, "ref", 1, "a partner");
			pa->org = get_ref(b, n, "org", 0, "a partner");
			pa->note = get_str(b, n, "note", 0, "a partner");
		} else if (n->style == SCALAR_PLAIN) {
			pa->kind = PARTNER_REF;
			pa->ref = ref_from(n);
			if (!rules_id_ok(n->str)) {
				struct diag *dg = diag_report(b->d, D_BAD_ID,
				    n->span, "'%s' is not an id", n->str);
				diag_note(b->d, dg, span_start(n->span),
				    "free text must be quoted: \"%s\"", n->str);
				w.n--;
			}
		} else {
			pa->kind = PARTNER_TEXT;
			pa->text.s = n->str;
			pa->text.len = n->len;
			pa->text.node = n;
		}
	}
	return w;
}

static void
parse_periods(struct builder *b, const struct node *list)
{
	static const char *const keys[] = { "id", "title", "date", NULL };
	struct plan *p = b->p;
	size_t i;

	for (i = 0; i < list->nitems; i++) {
		const struct node *map = list->items[i];
		struct period *pe;

		if (!item_ok(b, map, ENT_PERIOD))
			continue;
		pe = arena_alloc(b->a, sizeof *pe);
		entity_init(b, &pe->e, ENT_PERIOD, map);
		shape_keys(b->d, map, keys, "a period");
		pe->title = get_str(b, map, "title", 1, "a period");
		pe->date = get_date(b, map, "date");
		pe->index = (int)p->nperiods;
		*PUSH(b, ENT_PERIOD, p->periods, p->nperiods) = pe;
	}
}

/* domains: [{id, title, ambitions: [{id, label, text}], strands, with}] */
static void
parse_domains(struct builder *b, const struct node *list)
{
	static const char *const keys[] = { "id", "title", "ambitions",
	    "strands", "with", NULL };
	static const char *const amb_keys[] = { "id", "label", "text", NULL };
	static const char *const strand_keys[] = { "id", "label", "title",
	    "with", NULL };
	struct plan *p = b->p;
	size_t i, j, cap;

	for (i = 0; i < list->nitems; i++) {
		const struct node *map = list->items[i], *l;
		struct domain *dm;

		if (!item_ok(b, map, ENT_DOMAIN))
			continue;
		dm = arena_alloc(b->a, sizeof *dm);
		entity_init(b, &dm->e, ENT_DOMAIN, map);
		shape_keys(b->d, map, keys, "a domain");
		dm->title = get_str(b, map, "title", 1, "a domain");
		dm->with = parse_partners(b, map);
		*PUSH(b, ENT_DOMAIN, p->domains, p->ndomains) = dm;
		cap = 0;
		if ((l = get_list(b, map, "ambitions")) != NULL)
			for (j = 0; j < l->nitems; j++) {
				struct ambition *am;

				if (!item_ok(b, l->items[j], ENT_AMBITION))
					continue;
				am = arena_alloc(b->a, sizeof *am);
				entity_init(b, &am->e, ENT_AMBITION, l->items[j]);
				shape_keys(b->d, l->items[j], amb_keys,
				    "an ambition");
				am->label = get_str(b, l->items[j], "label", 0,
				    "an ambition");
				am->text = get_prose(b, l->items[j], "text", 1,
				    "an ambition");
				am->domain = dm;
				*ARENA_PUSH(b->a, dm->ambitions, dm->nambitions,
				    cap) = am;
				*PUSH(b, ENT_AMBITION, p->ambitions,
				    p->nambitions) = am;
			}
		cap = 0;
		if ((l = get_list(b, map, "strands")) != NULL)
			for (j = 0; j < l->nitems; j++) {
				struct strand *st;

				if (!item_ok(b, l->items[j], ENT_STRAND))
					continue;
				st = arena_alloc(b->a, sizeof *st);
				entity_init(b, &st->e, ENT_STRAND, l->items[j]);
				shape_keys(b->d, l->items[j], strand_keys,
				    "a strand");
				st->label = get_str(b, l->items[j], "label", 0,
				    "a strand");
				st->title = get_str(b, l->items[j], "title", 0,
				    "a strand");
				st->with = parse_partners(b, l->items[j]);
				st->domain = dm;
				*ARENA_PUSH(b->a, dm->strands, dm->nstrands,
				    cap) = st;
				*PUSH(b, ENT_STRAND, p->strands, p->nstrands) =
				    st;
			}
	}
}

static void
parse_activities(struct builder *b, const struct node *list)
{
	static const char *const keys[] = { "id", "domain", "serves",
	    "period", "strand", "label", "title", "text", "with", NULL };
	struct plan *p = b->p;
	size_t i;

	for (i = 0; i < list->nitems; i++) {
		const struct node *map = list->items[i];
		struct activity *ac;

		if (!item_ok(b, map, ENT_ACTIVITY))
			continue;
		ac = arena_alloc(b->a, sizeof *ac);
		entity_init(b, &ac->e, ENT_ACTIVITY, map);
		shape_keys(b->d, map, keys, "an activity");
		ac->domain = get_ref(b, map, "domain", 1, "an activity");
		ac->serves = get_refs(b, map, "serves", 1, "an activity");
		ac->period = get_ref(b, map, "period", 1, "an activity");
		ac->strand = get_ref(b, map, "strand", 0, "an activity");
		ac->label = get_str(b, map, "label", 0, "an activity");
		ac->title = get_str(b, map, "title", 0, "an activity");
		ac->text = get_prose(b, map, "text", 1, "an activity");
		ac->with = parse_partners(b, map);
		*PUSH(b, ENT_ACTIVITY, p->activities, p->nactivities) = ac;
	}
}

static void
parse_milestones(struct builder *b, const struct node *list)
{
	static const char *const keys[] = { "id", "domain", "period",
	    "strand", "text", NULL };
	struct plan *p = b->p;
	size_t i;

	for (i = 0; i < list->nitems; i++) {
		const struct node *map = list->items[i];
		struct milestone *m;

		if (!item_ok(b, map, ENT_MILESTONE))
			continue;
		m = arena_alloc(b->a, sizeof *m);
		entity_init(b, &m->e, ENT_MILESTONE, map);
		shape_keys(b->d, map, keys, "a milestone");
		m->domain = get_ref(b, map, "domain", 1, "a milestone");
		m->period = get_ref(b, map, "period", 1, "a milestone");
		m->strand = get_ref(b, map, "strand", 0, "a milestone");
		m->text = get_prose(b, map, "text", 1, "a milestone");
		*PUSH(b, ENT_MILESTONE, p->milestones, p->nmilestones) = m;
	}
}

/* ---- people, organisations, bodies ---- */

static void
parse_people(struct builder *b, const struct node *list)
{
	static const char *const keys[] = { "id", "name", "org", NULL };
	struct plan *p = b->p;
	size_t i;

	for (i = 0; i < list->nitems; i++) {
		const struct node *map = list->items[i];
		struct person *pe;

		if (!item_ok(b, map, ENT_PERSON))
			continue;
		pe = arena_alloc(b->a, sizeof *pe);
		entity_init(b, &pe->e, ENT_PERSON, map);
		shape_keys(b->d, map, keys, "a person");
		pe->name = get_str(b, map, "name", 1, "a person");
		pe->org = get_ref(b, map, "org", 0, "a person");
		*PUSH(b, ENT_PERSON, p->people, p->npeople) = pe;
	}
}

static void
parse_organisations(struct builder *b, const struct node *list)
{
	static const char *const keys[] = { "id", "name", "short", NULL };
	struct plan *p = b->p;
	size_t i;

	for (i = 0; i < list->nitems; i++) {
		const struct node *map = list->items[i];
		struct organisation *o;

		if (!item_ok(b, map, ENT_ORGANISATION))
			continue;
		o = arena_alloc(b->a, sizeof *o);
		entity_init(b, &o->e, ENT_ORGANISATION, map);
		shape_keys(b->d, map, keys, "an organisation");
		o->name = get_str(b, map, "name", 1, "an organisation");
		o->short_name = get_str(b, map, "short", 0, "an organisation");
		*PUSH(b, ENT_ORGANISATION, p->organisations,
		    p->norganisations) = o;
	}
}

/* members: [PERSON | {person: PERSON, role: T, region: T}] */
static struct membership *
parse_members(struct builder *b, const struct node *map, size_t *n)
{
	static const char *const keys[] = { "person", "role", "region", NULL };
	const struct node *list = node_get(map, "members");
	struct membership *out = NULL;
	size_t i, cap = 0;

	*n = 0;
	if (list == NULL || shape_empty(list) ||
	    !shape_expect(b->d, list, NODE_SEQ, "a list of people"))
		return NULL;
	for (i = 0; i < list->nitems; i++) {
		const struct node *m = list->items[i];
		struct membership *ms;

		if (m->kind == NODE_SEQ) {
			shape_expect(b->d, m, NODE_SCALAR, "a person's id or "
			    "{person: ID, role: ...}");
			continue;
		}
		ms = ARENA_PUSH(b->a, out, *n, cap);
		ms->span = m->span;
		ms->role = ms->region = no_str();
		if (m->kind == NODE_SCALAR) {
			ms->person = ref_from(m);
			continue;
		}
		shape_keys(b->d, m, keys, "a membership");
		ms->person = get_ref(b, m, "person", 1, "a membership");
		ms->role = get_str(b, m, "role", 0, "a membership");
		ms->region = get_str(b, m, "region", 0, "a membership");
	}
	return out;
}

static void
parse_bodies(struct builder *b, const struct node *list)
{
	static const char *const keys[] = { "id", "name", "chair", "members",
	    "groups", "organisations", "note", "more", NULL };
	static const char *const group_keys[] = { "id", "title", "members",
	    "note", NULL };
	struct plan *p = b->p;
	size_t i, j, cap;

	for (i = 0; i < list->nitems; i++) {
		const struct node *map = list->items[i], *gl;
		struct body *bd;

		if (!item_ok(b, map, ENT_BODY))
			continue;
		bd = arena_alloc(b->a, sizeof *bd);
		entity_init(b, &bd->e, ENT_BODY, map);
		shape_keys(b->d, map, keys, "a body");
		bd->name = get_str(b, map, "name", 1, "a body");
		bd->chair = get_ref(b, map, "chair", 0, "a body");
		bd->members = parse_members(b, map, &bd->nmembers);
		bd->organisations = get_refs(b, map, "organisations", 0,
		    "a body");
		bd->note = get_str(b, map, "note", 0, "a body");
		bd->more = get_bool(b, map, "more");
		*PUSH(b, ENT_BODY, p->bodies, p->nbodies) = bd;
		cap = 0;
		if ((gl = get_list(b, map, "groups")) == NULL)
			continue;
		for (j = 0; j < gl->nitems; j++) {
			const struct node *gm = gl->items[j];
			struct group *g;

			if (!item_ok(b, gm, ENT_GROUP))
				continue;
			g = arena_alloc(b->a, sizeof *g);
			entity_init(b, &g->e, ENT_GROUP, gm);
			shape_keys(b->d, gm, group_keys, "a group");
			g->title = get_str(b, gm, "title", 1, "a group");
			g->members = parse_members(b, gm, &g->nmembers);
			g->note = get_str(b, gm, "note", 0, "a group");
			g->body = bd;
			*ARENA_PUSH(b->a, bd->groups, bd->ngroups, cap) = g;
			*PUSH(b, ENT_GROUP, p->groups, p->ngroups) = g;
		}
	}
}

/* style-rules: [{id, pattern, message, severity, replace}] */
static void
parse_rules(struct builder *b, const struct node *list)
{
	static const char *const keys[] = { "id", "pattern", "message",
	    "severity", "replace", NULL };
	struct plan *p = b->p;
	size_t i;

	for (i = 0; i < list->nitems; i++) {
		const struct node *map = list->items[i];
		struct style_rule *r;
		struct str sev;

		if (!item_ok(b, map, ENT_STYLE_RULE))
			continue;
		r = arena_alloc(b->a, sizeof *r);
		entity_init(b, &r->e, ENT_STYLE_RULE, map);
		shape_keys(b->d, map, keys, "a style rule");
		r->pattern = get_str(b, map, "pattern", 1, "a style rule");
		r->message = get_str(b, map, "message", 1, "a style rule");
		r->replace = get_str(b, map, "replace", 0, "a style rule");
		sev = get_str(b, map, "severity", 0, "a style rule");
		r->severity = RULE_WARNING;
		if (sev.node != NULL && strcmp(sev.s, "error") == 0)
			r->severity = RULE_ERROR;
		else if (sev.node != NULL && strcmp(sev.s, "warning") != 0)
			diag_report(b->d, D_BAD_VALUE, sev.node->span,
			    "severity must be 'error' or 'warning', not '%s'",
			    sev.s);
		if (r->pattern.node == NULL || r->message.node == NULL)
			continue;
		*PUSH(b, ENT_STYLE_RULE, p->rules, p->nrules) = r;
	}
}

/* ---- the plan: mapping ---- */

static struct str *
get_str_list(struct builder *b, const struct node *map, const char *key,
    size_t *n)
{
	const struct node *l = node_get(map, key);
	struct str *out = NULL;
	size_t i, cap = 0;

	*n = 0;
	if (l == NULL || shape_empty(l))
		return NULL;
	if (l->kind == NODE_SCALAR) {
		struct str *s = ARENA_PUSH(b->a, out, *n, cap);
		s->s = l->str;
		s->len = l->len;
		s->node = l;
		return out;
	}
	if (!shape_expect(b->d, l, NODE_SEQ, "a text or a list of texts"))
		return NULL;
	for (i = 0; i < l->nitems; i++) {
		struct str *s;

		if (!shape_expect(b->d, l->items[i], NODE_SCALAR, "a text"))
			continue;
		s = ARENA_PUSH(b->a, out, *n, cap);
		s->s = l->items[i]->str;
		s->len = l->items[i]->len;
		s->node = l->items[i];
	}
	return out;
}

static void
parse_meta(struct builder *b, const struct node *map)
{
	static const char *const keys[] = { "title", "tagline", "subtitle",
	    "date", "lang", "builds-on", "layout", "author", "subject",
	    "keywords", NULL };
	static const char *const langs[] = { "nl", "en", "de", "fr", NULL };
	struct plan_meta *m = &b->p->meta;
	size_t i;

	m->span = map->span;
	if (!shape_expect(b->d, map, NODE_MAP,
	    "a mapping with 'title:', 'date:', ..."))
		return;
	shape_keys(b->d, map, keys, "'plan:'");
	m->title = get_str(b, map, "title", 1, "'plan:'");
	m->tagline = get_str(b, map, "tagline", 0, "'plan:'");
	m->subtitle = get_str_list(b, map, "subtitle", &m->nsubtitle);
	m->date = get_date(b, map, "date");
	m->lang = get_str(b, map, "lang", 0, "'plan:'");
	m->builds_on = get_str(b, map, "builds-on", 0, "'plan:'");
	m->layout = get_str(b, map, "layout", 0, "'plan:'");
	m->author = get_str(b, map, "author", 0, "'plan:'");
	m->subject = get_str(b, map, "subject", 0, "'plan:'");
	m->keywords = get_str_list(b, map, "keywords", &m->nkeywords);
	if (m->lang.node == NULL) {
		m->lang.s = "nl";
		m->lang.len = 2;
	} else {
		for (i = 0; langs[i] != NULL; i++)
			if (strcmp(langs[i], m->lang.s) == 0)
				break;
		if (langs[i] == NULL)
			diag_report(b->d, D_BAD_VALUE, m->lang.node->span,
			    "unsupported language '%s': planc knows nl, en, de "
			    "and fr", m->lang.s);
	}
}

static const char *const top_keys[] = { "plan", "include", "style-rules",
    "periods", "parts", "domains", "activities", "milestones", "people",
    "organisations", "bodies", NULL };

/* A document whose root is a mapping none of whose keys is a plan key is
 * some other YAML file: say so once instead of once per key. */
static int
looks_like_plan(const struct node *root)
{
	size_t i, k;

	for (i = 0; i < root->npairs; i++)
		for (k = 0; top_keys[k] != NULL; k++)
			if (strcmp(root->pairs[i].key->str, top_keys[k]) == 0)
				return 1;
	return 0;
}

static void
parse_doc(struct builder *b, const struct load_doc *doc, int top)
{
	const struct node *root = doc->root, *l, *meta;
	struct span at = { doc->path, 1, 1, 1, 2 };

	if (root == NULL) {
		if (top)
			diag_report(b->d, D_NOT_A_PLAN, at, "the file is empty: "
			    "a plan needs at least a 'plan:' mapping");
		return;
	}
	if (root->kind != NODE_MAP || !looks_like_plan(root)) {
		diag_report(b->d, D_NOT_A_PLAN, root->span, "expected a plan (a "
		    "mapping with 'plan:', 'parts:', 'activities:', ...), got "
		    "%s%s", root->kind == NODE_MAP ? "a mapping without any of "
		    "those keys" : node_kind_name(root), "");
		return;
	}
	shape_keys(b->d, root, top_keys, top ? "a plan" : "an included file");
	meta = node_get(root, "plan");
	if (top && meta == NULL)
		diag_report(b->d, D_NOT_A_PLAN, root->pairs[0].key->span,
		    "a plan file needs a 'plan:' mapping with its title and date");
	else if (!top && meta != NULL)
		diag_report(b->d, D_BAD_VALUE, shape_key_span(root, "plan"),
		    "'plan:' belongs in the top-level plan file, not in an "
		    "included file");
	else if (meta != NULL)
		parse_meta(b, meta);
	if ((l = get_list(b, root, "style-rules")) != NULL)
		parse_rules(b, l);
	if ((l = get_list(b, root, "periods")) != NULL)
		parse_periods(b, l);
	if ((l = get_list(b, root, "parts")) != NULL)
		parse_parts(b, l);
	if ((l = get_list(b, root, "domains")) != NULL)
		parse_domains(b, l);
	if ((l = get_list(b, root, "activities")) != NULL)
		parse_activities(b, l);
	if ((l = get_list(b, root, "milestones")) != NULL)
		parse_milestones(b, l);
	if ((l = get_list(b, root, "people")) != NULL)
		parse_people(b, l);
	if ((l = get_list(b, root, "organisations")) != NULL)
		parse_organisations(b, l);
	if ((l = get_list(b, root, "bodies")) != NULL)
		parse_bodies(b, l);
}

struct plan *
model_build(struct arena *a, struct diags *d, const struct load_result *docs)
{
	struct builder b;
	size_t i;

	memset(&b, 0, sizeof b);
	b.a = a;
	b.d = d;
	b.p = arena_alloc(a, sizeof *b.p);
	b.p->meta.title = b.p->meta.tagline = b.p->meta.lang = no_str();
	b.p->meta.builds_on = b.p->meta.layout = no_str();
	b.p->meta.author = b.p->meta.subject = no_str();
	if (docs->ndocs > 0)
		b.p->path = docs->docs[0].path;
	for (i = 0; i < docs->ndocs; i++)
		parse_doc(&b, &docs->docs[i], i == 0);
	return b.p;
}

/* ---- the entity table ---- */

static size_t
hash_id(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

struct entity *
plan_register(struct arena *a, struct plan *plan, struct entity *e)
{
	struct entity_table *t = &plan->ids;
	size_t i, mask;

	if ((t->n + 1) * 2 > t->cap) {
		struct entity **old = t->slots;
		size_t oldcap = t->cap, ncap = t->cap ? t->cap * 2 : 256;

		t->slots = arena_alloc(a, ncap * sizeof *t->slots);
		t->cap = ncap;
		for (i = 0; i < oldcap; i++) {
			size_t j;

			if (old[i] == NULL)
				continue;
			for (j = hash_id(old[i]->id) & (ncap - 1); t->slots[j];
			    j = (j + 1) & (ncap - 1))
				;
			t->slots[j] = old[i];
		}
	}
	mask = t->cap - 1;
	for (i = hash_id(e->id) & mask; t->slots[i]; i = (i + 1) & mask)
		if (strcmp(t->slots[i]->id, e->id) == 0)
			return t->slots[i];
	t->slots[i] = e;
	t->n++;
	return NULL;
}

struct entity *
plan_lookup(const struct plan *plan, const char *id)
{
	const struct entity_table *t = &plan->ids;
	size_t i, mask;

	if (t->cap == 0 || id == NULL)
		return NULL;
	mask = t->cap - 1;
	for (i = hash_id(id) & mask; t->slots[i]; i = (i + 1) & mask)
		if (strcmp(t->slots[i]->id, id) == 0)
			return t->slots[i];
	return NULL;
}

const char *
entity_display_name(const struct entity *e)
{
	switch (e->kind) {
	case ENT_PERSON:
		return ((const struct person *)e)->name.s;
	case ENT_ORGANISATION:
		return ((const struct organisation *)e)->name.s;
	case ENT_BODY:
		return ((const struct body *)e)->name.s;
	case ENT_GROUP:
		return ((const struct group *)e)->title.s;
	case ENT_PART:
		return ((const struct part *)e)->title.s;
	case ENT_CHAPTER:
		return ((const struct chapter *)e)->title.s;
	case ENT_SECTION:
		return ((const struct section *)e)->title.s;
	case ENT_PERIOD:
		return ((const struct period *)e)->title.s;
	case ENT_DOMAIN:
		return ((const struct domain *)e)->title.s;
	case ENT_STRAND:
		return ((const struct strand *)e)->title.s;
	case ENT_ACTIVITY:
		return ((const struct activity *)e)->title.s;
	default:
		return e->id;
	}
}
