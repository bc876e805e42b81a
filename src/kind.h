/* kind.h - one description of each entity kind: its keys, the type of each
 * value and where it sits in the kind's struct (model.h), which keys are
 * required, which kind a reference must point to, and which kinds nest in
 * which. model.c builds entities from it; the walker below, dump and diff
 * read plans through it; the schema test compares it with the schema. */
#ifndef PLANC_KIND_H
#define PLANC_KIND_H

#include <stddef.h>

#include "model.h"

enum field_type {
	FIELD_STR,		/* struct str: a text */
	FIELD_STRS,		/* struct str * + count: a text or a list */
	FIELD_PROSE,		/* struct prose: markup */
	FIELD_REF,		/* struct ref: an id */
	FIELD_REFS,		/* struct refs: an id or a list of ids */
	FIELD_DATE,		/* struct date: YYYY-MM or YYYY-MM-DD */
	FIELD_BOOL,		/* int */
	FIELD_SEVERITY,		/* enum rule_severity: error | warning */
	FIELD_PARTNERS,		/* struct partners: with: [...] */
	FIELD_MEMBERS,		/* struct membership * + count */
	FIELD_ENTITIES,		/* struct X ** + count: nested entities */
	FIELD_THEN,		/* struct gen * + count: generated blocks */
	FIELD_TYPE_COUNT
};

#define FIELD_REQUIRED	1u

struct field {
	const char *key;
	enum field_type type;
	size_t offset;		/* of the value in the kind's struct */
	size_t count;		/* FIELD_STRS, _MEMBERS, _ENTITIES, _THEN:
				 * offset of the size_t count */
	unsigned flags;
	/* FIELD_REF, FIELD_REFS: the kind the id must name;
	 * FIELD_ENTITIES: the kind nested there. */
	enum entity_kind kind;
};

struct kind_desc {
	const char *name;	/* "activity" ("plan" for the plan's meta) */
	const char *plural;	/* "activities" */
	const char *what;	/* "an activity", for messages */
	const char *list_key;	/* the top-level key that lists them, or
				 * NULL for kinds that only nest */
	size_t size;		/* of its struct */
	const struct field *fields;	/* in parsing order; "id" is not one */
	size_t nfields;
};

/* The longest field list of any kind (for arrays of keys). */
#define KIND_MAX_FIELDS 12

/* The description of kind (< ENT_KIND_COUNT); kind_meta() that of the
 * `plan:` mapping (a struct plan_meta, not an entity). Static storage. */
const struct kind_desc *kind_desc(enum entity_kind kind);
const struct kind_desc *kind_meta(void);

/* The top-level kinds in the order a plan file lists them (and model.c
 * reads them): ENT_KIND_COUNT ends the list. */
extern const enum entity_kind kind_top_order[];

/* The value of field f in the entity or meta struct obj. */
static inline void *
kind_value(void *obj, const struct field *f)
{
	return (char *)obj + f->offset;
}

static inline const void *
kind_cvalue(const void *obj, const struct field *f)
{
	return (const char *)obj + f->offset;
}

/* The count of list field f in obj. */
static inline size_t *
kind_count(void *obj, const struct field *f)
{
	return (size_t *)(void *)((char *)obj + f->count);
}

static inline size_t
kind_ccount(const void *obj, const struct field *f)
{
	return *(const size_t *)(const void *)((const char *)obj + f->count);
}

/* The i-th entity of a FIELD_ENTITIES field f of obj. Lists of entities are
 * arrays of pointers to the kind's struct, read as void * here (every object
 * pointer has one representation, as ARENA_PUSH already assumes). */
static inline const struct entity *
kind_child(const void *obj, const struct field *f, size_t i)
{
	void *const *items = *(void *const *const *)kind_cvalue(obj, f);

	return items[i];
}

/* Where plan lists every entity of kind k (< ENT_KIND_COUNT), in document
 * order, nested ones included: the address of the array of pointers to the
 * kind's struct (handled as void *, as ARENA_PUSH does) and in *n the
 * address of its count. */
void ***kind_list(struct plan *plan, enum entity_kind k, size_t **n);

/* ---- walking a plan ---- */

enum walk_event {
	WALK_ENTER,		/* an entity, before the entities nested in it */
	WALK_LEAVE,		/* the same entity, after them */
	WALK_EVENT_COUNT
};

/* Calls fn for every entity of plan in document order: the top-level lists
 * in kind_top_order, each entity entered, then the entities nested in its
 * FIELD_ENTITIES fields in field order, then left; depth is 0 for top-level
 * entities. The walk is iterative (no recursion on input). fn returns 0 to
 * go on, nonzero to stop the walk, which then returns that value. */
int kind_walk(const struct plan *plan,
    int (*fn)(enum walk_event ev, const struct entity *e, int depth,
    void *ctx), void *ctx);

#endif
