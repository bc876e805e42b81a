/* diff.h - what changed between two checked plans, by meaning: entities
 * matched by id (a changed id with mostly the same content, or the same
 * referrers, is one rename), fields compared in their canonical form (dump),
 * prose word by word, activities moved to another domain or period, people
 * joining, leaving or moving between bodies and groups. Never on pages. */
#ifndef PLANC_DIFF_H
#define PLANC_DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "model.h"

struct arena;

enum change_op {
	CHANGE_ADDED,		/* an entity only the new plan has */
	CHANGE_REMOVED,		/* only the old plan has */
	CHANGE_RENAMED,		/* the same entity under a new id */
	CHANGE_MOVED,		/* an activity's domain or period, a member's
				 * group: field says which, from/to the ids */
	CHANGE_CHANGED,		/* a field's value */
	CHANGE_JOINED,		/* a person became a member (person) */
	CHANGE_LEFT,		/* a person stopped being one */
	CHANGE_OP_COUNT
};

/* The plan's own `plan:` mapping is not an entity: its changes have kind
 * DIFF_PLAN and no entities. */
#define DIFF_PLAN ENT_KIND_COUNT

struct change {
	enum change_op op;
	enum entity_kind kind;		/* or DIFF_PLAN */
	const struct entity *old, *new;	/* the entity on each side, NULL
					 * where it does not exist */
	const char *field;		/* CHANGED, MOVED: the key */
	/* CHANGED: the field's canonical text on each side (dump_field, with
	 * names), "" where absent. MOVED: the old and the new id (a person's
	 * group). */
	const char *from, *to;
	const char *person;		/* JOINED, LEFT, MOVED of a member */
	int prose;			/* CHANGED: compare from/to word by word */
	/* Its place in the report (diff.c): kind, place among the kind,
	 * then within the entity, then the order it was found in. */
	size_t rank;
	double pos, order;
	size_t seq;
};

struct diff {
	const struct plan *old, *new;
	struct change *items;		/* in report order */
	size_t n, cap;
	/* Entities per op: added, removed, renamed, moved, and changed
	 * (entities with changed fields or members, counted once). */
	size_t count[CHANGE_OP_COUNT];
};

/* Compares two checked plans into out; everything lives in a. */
void diff_plans(struct arena *a, const struct plan *old,
    const struct plan *new, struct diff *out);

enum diff_format {
	DIFF_HUMAN,
	DIFF_MARKDOWN,
	DIFF_JSON,
	DIFF_FORMAT_COUNT
};

/* Prints d to f: the changes and a summary line ("3 added, 2 removed, 14
 * changed, 1 moved, 1 renamed"), or only the summary with stat. color: ANSI
 * colours in the human format. Uses a for scratch. (diffprint.c) */
void diff_print(struct arena *a, const struct diff *d, enum diff_format fmt,
    int color, int stat, FILE *f);

/* "activity", ..., "plan" for DIFF_PLAN. */
const char *diff_kind_name(enum entity_kind kind);

#endif
