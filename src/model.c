/* model.c - builds the typed plan from the loader's nodes. Entities are
 * built from their description in kind.c (build_entity); the values that
 * are not entities (partners, members, generated blocks) by the parse_*
 * functions, each quoting the YAML shape it accepts. Shape problems are
 * reported and the faulty piece is left out, so one run reports as much as
 * it can. References stay unresolved here: check.c resolves them once
 * every file is in. */
#include "model.h"

#include <string.h>

#include "arena.h"
#include "diag.h"
#include "kind.h"
#include "lang.h"
#include "load.h"
#include "node.h"
#include "shape.h"

struct builder {
	struct arena *a;
	struct diags *d;
	struct plan *p;
	size_t cap[ENT_KIND_COUNT];	/* capacities of the plan's arrays */
	int chapter_number;
};

#define PUSH(b, kind, arr, n) ARENA_PUSH((b)->a, (arr), (n), (b)->cap[kind])

const char *
entity_kind_name(enum entity_kind kind)
{
	return kind < ENT_KIND_COUNT ? kind_desc(kind)->name : "entity";
}

const char *
entity_kind_plural(enum entity_kind kind)
{
	return kind < ENT_KIND_COUNT ? kind_desc(kind)->plural : "entities";
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
	if (shape_date_parse(n->str, &dt) != 0) {
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
	if (!shape_id_ok(id->str)) {
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
			if (!shape_id_ok(n->str)) {
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

/* ---- entities, from their description in kind.c ---- */

/* severity: error | warning (the default) */
static enum rule_severity
get_severity(struct builder *b, const struct node *map, const char *key,
    const char *what)
{
	struct str sev = get_str(b, map, key, 0, what);

	if (sev.node != NULL && strcmp(sev.s, "error") == 0)
		return RULE_ERROR;
	if (sev.node != NULL && strcmp(sev.s, "warning") != 0)
		diag_report(b->d, D_BAD_VALUE, sev.node->span,
		    "severity must be 'error' or 'warning', not '%s'", sev.s);
	return RULE_WARNING;
}

static struct entity *build_entity(struct builder *, const struct node *,
    enum entity_kind);

/* What a nested entity learns from the one it is listed in. */
static void
adopt(struct entity *parent, struct entity *child, size_t n)
{
	switch (child->kind) {
	case ENT_CHAPTER:
		((struct chapter *)child)->part = (struct part *)parent;
		break;
	case ENT_SECTION:
		((struct section *)child)->chapter = (struct chapter *)parent;
		((struct section *)child)->number = (int)n;
		break;
	case ENT_AMBITION:
		((struct ambition *)child)->domain = (struct domain *)parent;
		break;
	case ENT_STRAND:
		((struct strand *)child)->domain = (struct domain *)parent;
		break;
	case ENT_GROUP:
		((struct group *)child)->body = (struct body *)parent;
		break;
	default:
		break;
	}
}

/* Reads field f of obj (an entity or the plan's meta) from map. */
static void
build_field(struct builder *b, const struct node *map, void *obj,
    const struct field *f, const char *what)
{
	int req = (f->flags & FIELD_REQUIRED) != 0;
	const struct node *list;
	struct entity *child;
	void **items;
	size_t i, cap = 0;

	switch (f->type) {
	case FIELD_STR:
		*(struct str *)kind_value(obj, f) = get_str(b, map, f->key, req,
		    what);
		break;
	case FIELD_STRS:
		*(struct str **)kind_value(obj, f) = get_str_list(b, map,
		    f->key, kind_count(obj, f));
		break;
	case FIELD_PROSE:
		*(struct prose *)kind_value(obj, f) = get_prose(b, map, f->key,
		    req, what);
		break;
	case FIELD_REF:
		*(struct ref *)kind_value(obj, f) = get_ref(b, map, f->key, req,
		    what);
		break;
	case FIELD_REFS:
		*(struct refs *)kind_value(obj, f) = get_refs(b, map, f->key,
		    req, what);
		break;
	case FIELD_DATE:
		*(struct date *)kind_value(obj, f) = get_date(b, map, f->key);
		break;
	case FIELD_BOOL:
		*(int *)kind_value(obj, f) = get_bool(b, map, f->key);
		break;
	case FIELD_SEVERITY:
		*(enum rule_severity *)kind_value(obj, f) = get_severity(b, map,
		    f->key, what);
		break;
	case FIELD_PARTNERS:
		*(struct partners *)kind_value(obj, f) = parse_partners(b, map);
		break;
	case FIELD_MEMBERS:
		*(struct membership **)kind_value(obj, f) = parse_members(b,
		    map, kind_count(obj, f));
		break;
	case FIELD_THEN:
		parse_then(b, map, (struct gen **)kind_value(obj, f),
		    kind_count(obj, f));
		break;
	case FIELD_ENTITIES:
		if ((list = get_list(b, map, f->key)) == NULL)
			break;
		items = *(void ***)kind_value(obj, f);
		for (i = 0; i < list->nitems; i++) {
			if ((child = build_entity(b, list->items[i], f->kind)) ==
			    NULL)
				continue;
			*ARENA_PUSH(b->a, items, *kind_count(obj, f), cap) =
			    child;
			*(void ***)kind_value(obj, f) = items;
			adopt(obj, child, *kind_count(obj, f));
		}
		break;
	default:
		break;
	}
}

/* {id: ID, ...the fields of its kind...} — an entity of kind k from map,
 * with the entities nested in it, added to the plan's list of its kind.
 * NULL if map is not a mapping (reported), or for a style rule without its
 * pattern or message (reported as missing; it could not run). */
static struct entity *
build_entity(struct builder *b, const struct node *map, enum entity_kind k)
{
	const struct kind_desc *kd = kind_desc(k);
	const char *keys[KIND_MAX_FIELDS + 2];
	struct entity *e;
	void ***items;
	size_t i, *n;

	if (!item_ok(b, map, k))
		return NULL;
	e = arena_alloc(b->a, kd->size);
	entity_init(b, e, k, map);
	keys[0] = "id";
	for (i = 0; i < kd->nfields; i++)
		keys[i + 1] = kd->fields[i].key;
	keys[i + 1] = NULL;
	shape_keys(b->d, map, keys, kd->what);
	for (i = 0; i < kd->nfields; i++)
		build_field(b, map, e, &kd->fields[i], kd->what);
	items = kind_list(b->p, k, &n);
	switch (k) {
	case ENT_PART:
		((struct part *)e)->number = (int)*n + 1;
		break;
	case ENT_CHAPTER:
		((struct chapter *)e)->number = ++b->chapter_number;
		break;
	case ENT_PERIOD:
		((struct period *)e)->index = (int)*n;
		break;
	case ENT_STYLE_RULE:
		if (((struct style_rule *)e)->pattern.node == NULL ||
		    ((struct style_rule *)e)->message.node == NULL)
			return NULL;
		break;
	default:
		break;
	}
	*ARENA_PUSH(b->a, *items, *n, b->cap[k]) = e;
	return e;
}

/* plan: {title, tagline, subtitle, date, lang, builds-on, layout, author,
 * subject, keywords} */
static void
parse_meta(struct builder *b, const struct node *map)
{
	const struct kind_desc *kd = kind_meta();
	const char *keys[KIND_MAX_FIELDS + 1];
	struct plan_meta *m = &b->p->meta;
	size_t i;

	m->span = map->span;
	if (!shape_expect(b->d, map, NODE_MAP,
	    "a mapping with 'title:', 'date:', ..."))
		return;
	for (i = 0; i < kd->nfields; i++)
		keys[i] = kd->fields[i].key;
	keys[i] = NULL;
	shape_keys(b->d, map, keys, kd->what);
	for (i = 0; i < kd->nfields; i++)
		build_field(b, map, m, &kd->fields[i], kd->what);
	if (m->lang.node == NULL) {
		m->lang.s = "nl";
		m->lang.len = 2;
	} else if (!lang_known(m->lang.s)) {
		/* The languages are those the layout has words for. */
		diag_report(b->d, D_BAD_VALUE, m->lang.node->span,
		    "unsupported language '%s': planc knows %s", m->lang.s,
		    lang_list());
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
	size_t k, i;

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
	for (k = 0; kind_top_order[k] != ENT_KIND_COUNT; k++)
		if ((l = get_list(b, root,
		    kind_desc(kind_top_order[k])->list_key)) != NULL)
			for (i = 0; i < l->nitems; i++)
				build_entity(b, l->items[i], kind_top_order[k]);
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
