/* model.h - the typed plan: every entity of a plan and its includes, built
 * from loader nodes by model.c, cross-linked and completed by check.c. */
#ifndef PLANC_MODEL_H
#define PLANC_MODEL_H

#include <stddef.h>

#include "markup.h"
#include "source.h"

struct arena;
struct diags;
struct node;
struct load_result;

enum entity_kind {
	ENT_PART,
	ENT_CHAPTER,
	ENT_SECTION,
	ENT_FOOTNOTE,
	ENT_PERIOD,
	ENT_DOMAIN,
	ENT_AMBITION,
	ENT_STRAND,
	ENT_ACTIVITY,
	ENT_MILESTONE,
	ENT_PERSON,
	ENT_ORGANISATION,
	ENT_BODY,
	ENT_GROUP,
	ENT_STYLE_RULE,
	ENT_KIND_COUNT
};

/* The head of every entity struct: what it is and its id. */
struct entity {
	enum entity_kind kind;
	const char *id;
	struct span id_span;	/* the id's value */
	struct span span;	/* the whole mapping */
};

/* A text value with the node it came from (for positions). s is never
 * NULL: an absent text is "" with node NULL. */
struct str {
	const char *s;
	size_t len;
	const struct node *node;
};

/* Prose: a markup text and its parsed blocks. */
struct prose {
	struct str src;
	struct block *blocks;
	size_t nblocks;
};

struct refs {
	struct ref *items;
	size_t n;
};

struct footnote {
	struct entity e;
	struct prose text;
	int number;		/* 1, 2, ... in order of first mark (check.c) */
	int used;		/* number of marks */
};

enum gen_kind {
	GEN_ACTIVITY_TABLE,
	GEN_ROSTER,
	GEN_TEXT,
	GEN_KIND_COUNT
};

/* A generated block in the text flow (`then:`). */
struct gen {
	enum gen_kind kind;
	struct span span;
	struct str caption;	/* GEN_ACTIVITY_TABLE */
	struct str *columns;	/* its column titles: 3, or 0 for defaults */
	size_t ncolumns;
	struct ref body;	/* GEN_ROSTER */
	struct prose text;	/* GEN_TEXT */
};

struct section {
	struct entity e;
	struct str title;
	struct prose text;
	struct footnote **footnotes;
	size_t nfootnotes;
	struct gen *then;
	size_t nthen;
	struct chapter *chapter;
	int number;		/* within its chapter, from 1 */
};

struct chapter {
	struct entity e;
	struct str title;
	struct prose text;
	struct footnote **footnotes;
	size_t nfootnotes;
	struct section **sections;
	size_t nsections;
	struct gen *then;
	size_t nthen;
	struct part *part;
	int number;		/* across the whole document, from 1 */
};

struct part {
	struct entity e;
	struct str title;
	struct chapter **chapters;
	size_t nchapters;
	int number;		/* from 1 */
};

struct date {
	int year, month, day;	/* day 0: a month; year 0: no date */
	struct span span;
};

struct period {
	struct entity e;
	struct str title;
	struct date date;
	int index;		/* order in periods: */
};

struct ambition {
	struct entity e;
	struct str label;	/* "A", or "" */
	struct prose text;
	struct domain *domain;
};

enum partner_kind {
	PARTNER_REF,		/* a bare id */
	PARTNER_TEXT,		/* quoted free text */
	PARTNER_KIND_COUNT
};

struct partner {
	enum partner_kind kind;
	struct span span;
	struct ref ref;		/* PARTNER_REF: person, organisation or body */
	struct ref org;		/* optional organisation for a person */
	struct str text;	/* PARTNER_TEXT */
	struct str note;	/* optional, after the name */
};

struct partners {
	struct partner *items;
	size_t n;
};

struct strand {
	struct entity e;
	struct str label;
	struct str title;
	struct partners with;
	struct domain *domain;
};

struct domain {
	struct entity e;
	struct str title;
	struct ambition **ambitions;
	size_t nambitions;
	struct strand **strands;
	size_t nstrands;
	struct partners with;
};

struct activity {
	struct entity e;
	struct ref domain;
	struct refs serves;
	struct ref period;
	struct ref strand;	/* optional */
	struct str label;	/* optional: replaces the automatic number */
	struct str title;	/* optional */
	struct prose text;
	struct partners with;
};

struct milestone {
	struct entity e;
	struct ref domain;
	struct ref period;
	struct ref strand;	/* optional */
	struct prose text;
};

struct person {
	struct entity e;
	struct str name;
	struct ref org;		/* optional */
	int used;		/* references seen by check.c */
};

struct organisation {
	struct entity e;
	struct str name;
	struct str short_name;	/* optional */
};

struct membership {
	struct span span;
	struct ref person;
	struct str role;	/* optional: "voorzitter" */
	struct str region;	/* optional */
};

struct group {
	struct entity e;
	struct str title;
	struct membership *members;
	size_t nmembers;
	struct str note;
	struct body *body;
};

struct body {
	struct entity e;
	struct str name;
	struct ref chair;	/* optional */
	struct membership *members;
	size_t nmembers;
	struct group **groups;
	size_t ngroups;
	struct refs organisations;
	struct str note;
	int more;		/* "e.a.": the list is not complete */
};

enum rule_severity {
	RULE_WARNING,
	RULE_ERROR,
	RULE_SEVERITY_COUNT
};

struct style_rule {
	struct entity e;
	struct str pattern;
	struct str message;
	struct str replace;	/* optional */
	enum rule_severity severity;
	void *code;		/* compiled pattern, owned by rules.c */
};

struct plan_meta {
	struct span span;
	struct str title;
	struct str tagline;
	struct str *subtitle;
	size_t nsubtitle;
	struct date date;
	struct str lang;	/* default "nl" */
	struct str builds_on;
	struct str layout;
	struct str author;
	struct str subject;
	struct str *keywords;
	size_t nkeywords;
};

/* Every entity by id, for resolving references (filled by check.c). */
struct entity_table {
	struct entity **slots;	/* open addressing; NULL = empty */
	size_t cap, n;
};

struct plan {
	const char *path;	/* top-level file */
	const char *root;	/* the project root's realpath (includes, and a
				 * layout and its font files named by the plan,
				 * stay in it), or NULL: unconfined */
	struct plan_meta meta;
	struct part **parts;		size_t nparts;
	struct chapter **chapters;	size_t nchapters;	/* document order */
	struct section **sections;	size_t nsections;
	struct footnote **footnotes;	size_t nfootnotes;
	struct period **periods;	size_t nperiods;
	struct domain **domains;	size_t ndomains;
	struct ambition **ambitions;	size_t nambitions;
	struct strand **strands;	size_t nstrands;
	struct activity **activities;	size_t nactivities;
	struct milestone **milestones;	size_t nmilestones;
	struct person **people;		size_t npeople;
	struct organisation **organisations; size_t norganisations;
	struct body **bodies;		size_t nbodies;
	struct group **groups;		size_t ngroups;
	struct style_rule **rules;	size_t nrules;
	struct entity_table ids;
};

/* Builds the typed plan from loaded documents. Every shape problem (unknown
 * key, wrong type, missing key, bad id/date) is reported to d; the plan is
 * still returned with the faulty pieces left out, so that check can report
 * further problems in one run. Never NULL. Everything lives in a. */
struct plan *model_build(struct arena *a, struct diags *d,
    const struct load_result *docs);

/* "person", "organisation", ...; and "people", "organisations", ... */
const char *entity_kind_name(enum entity_kind kind);
const char *entity_kind_plural(enum entity_kind kind);

/* "a" or "an" for an English word, for messages ("an organisation"). */
const char *model_article(const char *word);

/* Adds e to plan->ids. Returns NULL, or the entity that already has e's id
 * (then e is not added). */
struct entity *plan_register(struct arena *a, struct plan *plan,
    struct entity *e);

/* The entity with id, or NULL (after check_plan has filled plan->ids). */
struct entity *plan_lookup(const struct plan *plan, const char *id);

/* The display name of a person, organisation, body or group; the title of
 * anything else. */
const char *entity_display_name(const struct entity *e);

#endif
