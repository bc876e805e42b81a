/* kind.c - the description of every entity kind (see kind.h) and the one
 * walker over a checked plan that dump, diff and the checks share. */
#include "kind.h"

#include <stddef.h>
#include <stdint.h>

#define F(type, key, member, ftype, flags, kind) \
	{ key, ftype, offsetof(type, member), 0, flags, kind }
#define L(type, key, member, count, ftype, kind) \
	{ key, ftype, offsetof(type, member), offsetof(type, count), 0, kind }
#define NONE ENT_KIND_COUNT
#define REQ FIELD_REQUIRED
#define N(a) (sizeof (a) / sizeof (a)[0])

static const struct field part_fields[] = {
	F(struct part, "title", title, FIELD_STR, REQ, NONE),
	L(struct part, "chapters", chapters, nchapters, FIELD_ENTITIES,
	    ENT_CHAPTER),
};

static const struct field chapter_fields[] = {
	F(struct chapter, "title", title, FIELD_STR, REQ, NONE),
	F(struct chapter, "text", text, FIELD_PROSE, 0, NONE),
	L(struct chapter, "footnotes", footnotes, nfootnotes, FIELD_ENTITIES,
	    ENT_FOOTNOTE),
	L(struct chapter, "sections", sections, nsections, FIELD_ENTITIES,
	    ENT_SECTION),
	L(struct chapter, "then", then, nthen, FIELD_THEN, NONE),
};

static const struct field section_fields[] = {
	F(struct section, "title", title, FIELD_STR, REQ, NONE),
	F(struct section, "text", text, FIELD_PROSE, 0, NONE),
	L(struct section, "footnotes", footnotes, nfootnotes, FIELD_ENTITIES,
	    ENT_FOOTNOTE),
	L(struct section, "then", then, nthen, FIELD_THEN, NONE),
};

static const struct field footnote_fields[] = {
	F(struct footnote, "text", text, FIELD_PROSE, REQ, NONE),
};

static const struct field period_fields[] = {
	F(struct period, "title", title, FIELD_STR, REQ, NONE),
	F(struct period, "date", date, FIELD_DATE, 0, NONE),
};

static const struct field domain_fields[] = {
	F(struct domain, "title", title, FIELD_STR, REQ, NONE),
	F(struct domain, "with", with, FIELD_PARTNERS, 0, NONE),
	L(struct domain, "ambitions", ambitions, nambitions, FIELD_ENTITIES,
	    ENT_AMBITION),
	L(struct domain, "strands", strands, nstrands, FIELD_ENTITIES,
	    ENT_STRAND),
};

static const struct field ambition_fields[] = {
	F(struct ambition, "label", label, FIELD_STR, 0, NONE),
	F(struct ambition, "text", text, FIELD_PROSE, REQ, NONE),
};

static const struct field strand_fields[] = {
	F(struct strand, "label", label, FIELD_STR, 0, NONE),
	F(struct strand, "title", title, FIELD_STR, 0, NONE),
	F(struct strand, "with", with, FIELD_PARTNERS, 0, NONE),
};

static const struct field activity_fields[] = {
	F(struct activity, "domain", domain, FIELD_REF, REQ, ENT_DOMAIN),
	F(struct activity, "serves", serves, FIELD_REFS, REQ, ENT_AMBITION),
	F(struct activity, "period", period, FIELD_REF, REQ, ENT_PERIOD),
	F(struct activity, "strand", strand, FIELD_REF, 0, ENT_STRAND),
	F(struct activity, "label", label, FIELD_STR, 0, NONE),
	F(struct activity, "title", title, FIELD_STR, 0, NONE),
	F(struct activity, "text", text, FIELD_PROSE, REQ, NONE),
	F(struct activity, "with", with, FIELD_PARTNERS, 0, NONE),
};

static const struct field milestone_fields[] = {
	F(struct milestone, "domain", domain, FIELD_REF, REQ, ENT_DOMAIN),
	F(struct milestone, "period", period, FIELD_REF, REQ, ENT_PERIOD),
	F(struct milestone, "strand", strand, FIELD_REF, 0, ENT_STRAND),
	F(struct milestone, "text", text, FIELD_PROSE, REQ, NONE),
};

static const struct field person_fields[] = {
	F(struct person, "name", name, FIELD_STR, REQ, NONE),
	F(struct person, "org", org, FIELD_REF, 0, ENT_ORGANISATION),
};

static const struct field organisation_fields[] = {
	F(struct organisation, "name", name, FIELD_STR, REQ, NONE),
	F(struct organisation, "short", short_name, FIELD_STR, 0, NONE),
};

static const struct field body_fields[] = {
	F(struct body, "name", name, FIELD_STR, REQ, NONE),
	F(struct body, "chair", chair, FIELD_REF, 0, ENT_PERSON),
	L(struct body, "members", members, nmembers, FIELD_MEMBERS, NONE),
	F(struct body, "organisations", organisations, FIELD_REFS, 0,
	    ENT_ORGANISATION),
	F(struct body, "note", note, FIELD_STR, 0, NONE),
	F(struct body, "more", more, FIELD_BOOL, 0, NONE),
	L(struct body, "groups", groups, ngroups, FIELD_ENTITIES, ENT_GROUP),
};

static const struct field group_fields[] = {
	F(struct group, "title", title, FIELD_STR, REQ, NONE),
	L(struct group, "members", members, nmembers, FIELD_MEMBERS, NONE),
	F(struct group, "note", note, FIELD_STR, 0, NONE),
};

static const struct field rule_fields[] = {
	F(struct style_rule, "pattern", pattern, FIELD_STR, REQ, NONE),
	F(struct style_rule, "message", message, FIELD_STR, REQ, NONE),
	F(struct style_rule, "replace", replace, FIELD_STR, 0, NONE),
	F(struct style_rule, "severity", severity, FIELD_SEVERITY, 0, NONE),
};

static const struct field meta_fields[] = {
	F(struct plan_meta, "title", title, FIELD_STR, REQ, NONE),
	F(struct plan_meta, "tagline", tagline, FIELD_STR, 0, NONE),
	L(struct plan_meta, "subtitle", subtitle, nsubtitle, FIELD_STRS, NONE),
	F(struct plan_meta, "date", date, FIELD_DATE, 0, NONE),
	F(struct plan_meta, "lang", lang, FIELD_STR, 0, NONE),
	F(struct plan_meta, "builds-on", builds_on, FIELD_STR, 0, NONE),
	F(struct plan_meta, "layout", layout, FIELD_STR, 0, NONE),
	F(struct plan_meta, "author", author, FIELD_STR, 0, NONE),
	F(struct plan_meta, "subject", subject, FIELD_STR, 0, NONE),
	L(struct plan_meta, "keywords", keywords, nkeywords, FIELD_STRS, NONE),
};

#define KIND(k, name, plural, what, list, type, fields) \
	[k] = { name, plural, what, list, sizeof(type), fields, N(fields) }

static const struct kind_desc kinds[ENT_KIND_COUNT] = {
	KIND(ENT_PART, "part", "parts", "a part", "parts", struct part,
	    part_fields),
	KIND(ENT_CHAPTER, "chapter", "chapters", "a chapter", NULL,
	    struct chapter, chapter_fields),
	KIND(ENT_SECTION, "section", "sections", "a section", NULL,
	    struct section, section_fields),
	KIND(ENT_FOOTNOTE, "footnote", "footnotes", "a footnote", NULL,
	    struct footnote, footnote_fields),
	KIND(ENT_PERIOD, "period", "periods", "a period", "periods",
	    struct period, period_fields),
	KIND(ENT_DOMAIN, "domain", "domains", "a domain", "domains",
	    struct domain, domain_fields),
	KIND(ENT_AMBITION, "ambition", "ambitions", "an ambition", NULL,
	    struct ambition, ambition_fields),
	KIND(ENT_STRAND, "strand", "strands", "a strand", NULL, struct strand,
	    strand_fields),
	KIND(ENT_ACTIVITY, "activity", "activities", "an activity",
	    "activities", struct activity, activity_fields),
	KIND(ENT_MILESTONE, "milestone", "milestones", "a milestone",
	    "milestones", struct milestone, milestone_fields),
	KIND(ENT_PERSON, "person", "people", "a person", "people",
	    struct person, person_fields),
	KIND(ENT_ORGANISATION, "organisation", "organisations",
	    "an organisation", "organisations", struct organisation,
	    organisation_fields),
	KIND(ENT_BODY, "body", "bodies", "a body", "bodies", struct body,
	    body_fields),
	KIND(ENT_GROUP, "group", "groups", "a group", NULL, struct group,
	    group_fields),
	KIND(ENT_STYLE_RULE, "style rule", "style rules", "a style rule",
	    "style-rules", struct style_rule, rule_fields),
};

static const struct kind_desc meta = {
	"plan", "plans", "'plan:'", "plan", sizeof(struct plan_meta),
	meta_fields, N(meta_fields)
};

const enum entity_kind kind_top_order[] = {
	ENT_STYLE_RULE, ENT_PERIOD, ENT_PART, ENT_DOMAIN, ENT_ACTIVITY,
	ENT_MILESTONE, ENT_PERSON, ENT_ORGANISATION, ENT_BODY, ENT_KIND_COUNT
};

const struct kind_desc *
kind_desc(enum entity_kind kind)
{
	return &kinds[kind];
}

const struct kind_desc *
kind_meta(void)
{
	return &meta;
}

/* ---- the walker ---- */

void ***
kind_list(struct plan *p, enum entity_kind k, size_t **n)
{
	switch (k) {
	case ENT_PART:
		*n = &p->nparts;
		return (void ***)&p->parts;
	case ENT_CHAPTER:
		*n = &p->nchapters;
		return (void ***)&p->chapters;
	case ENT_SECTION:
		*n = &p->nsections;
		return (void ***)&p->sections;
	case ENT_FOOTNOTE:
		*n = &p->nfootnotes;
		return (void ***)&p->footnotes;
	case ENT_PERIOD:
		*n = &p->nperiods;
		return (void ***)&p->periods;
	case ENT_DOMAIN:
		*n = &p->ndomains;
		return (void ***)&p->domains;
	case ENT_AMBITION:
		*n = &p->nambitions;
		return (void ***)&p->ambitions;
	case ENT_STRAND:
		*n = &p->nstrands;
		return (void ***)&p->strands;
	case ENT_ACTIVITY:
		*n = &p->nactivities;
		return (void ***)&p->activities;
	case ENT_MILESTONE:
		*n = &p->nmilestones;
		return (void ***)&p->milestones;
	case ENT_PERSON:
		*n = &p->npeople;
		return (void ***)&p->people;
	case ENT_ORGANISATION:
		*n = &p->norganisations;
		return (void ***)&p->organisations;
	case ENT_BODY:
		*n = &p->nbodies;
		return (void ***)&p->bodies;
	case ENT_GROUP:
		*n = &p->ngroups;
		return (void ***)&p->groups;
	default:
		*n = &p->nrules;
		return (void ***)&p->rules;
	}
}

/* Kinds nest at most part > chapter > section > footnote. */
#define WALK_MAX_DEPTH 8

struct frame {
	const struct entity *e;
	size_t field, item;	/* the next nested entity to visit */
};

int
kind_walk(const struct plan *plan,
    int (*fn)(enum walk_event, const struct entity *, int, void *),
    void *ctx)
{
	struct frame stack[WALK_MAX_DEPTH];
	const struct kind_desc *k;
	const struct field *f;
	void **list;
	size_t t, i, n, *np;
	int depth, rc;

	for (t = 0; kind_top_order[t] != ENT_KIND_COUNT; t++) {
		/* The plan's list of a top-level kind holds exactly the
		 * top-level entities. Read only, despite kind_list's type. */
		list = *kind_list((struct plan *)(uintptr_t)plan,
		    kind_top_order[t], &np);
		n = *np;
		for (i = 0; i < n; i++) {
			depth = 0;
			stack[0].e = list[i];
			stack[0].field = stack[0].item = 0;
			if ((rc = fn(WALK_ENTER, stack[0].e, 0, ctx)) != 0)
				return rc;
			while (depth >= 0) {
				struct frame *fr = &stack[depth];

				k = kind_desc(fr->e->kind);
				while (fr->field < k->nfields &&
				    (k->fields[fr->field].type !=
				    FIELD_ENTITIES || fr->item >=
				    kind_ccount(fr->e, &k->fields[fr->field]))) {
					fr->field++;
					fr->item = 0;
				}
				if (fr->field == k->nfields ||
				    depth + 1 == WALK_MAX_DEPTH) {
					if ((rc = fn(WALK_LEAVE, fr->e, depth,
					    ctx)) != 0)
						return rc;
					depth--;
					continue;
				}
				f = &k->fields[fr->field];
				stack[depth + 1].e = kind_child(fr->e, f,
				    fr->item++);
				stack[depth + 1].field = 0;
				stack[depth + 1].item = 0;
				depth++;
				if ((rc = fn(WALK_ENTER, stack[depth].e, depth,
				    ctx)) != 0)
					return rc;
			}
		}
	}
	return 0;
}
