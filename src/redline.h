/* redline.h - what a redline PDF (planc build --compare OLD NEW) marks,
 * decided between diff and typesetting: per entity of the new plan its
 * mark, its prose and title merged with the old plan's (runs flagged
 * RUN_INSERTED / RUN_DELETED), the old plan's removed entities with where
 * they go, and the lines of the summary page. The layout asks; the PDF
 * writer never sees any of it. */
#ifndef PLANC_REDLINE_H
#define PLANC_REDLINE_H

#include <stddef.h>

#include "diff.h"
#include "markup.h"
#include "model.h"

struct arena;

/* What happened to an entity of the new plan (bits). */
#define RL_ADDED	1u
#define RL_CHANGED	2u
#define RL_MOVED	4u
#define RL_RENAMED	8u

/* An entity only the old plan has, shown struck through where it was. */
struct rl_removed {
	const struct entity *old;
	/* Where it goes, as entities of the new plan. A section: after the
	 * section `after`, or at the start of chapter `after`'s sections; a
	 * chapter: after chapter `after` (NULL: before the first); a group:
 * at the end of the roster of body `after`. An
	 * activity or milestone: in the activity table's row of domain, in
	 * period (NULL when gone: at the end of the domain's row; a domain
	 * that is gone: at the end of the table). */
	const struct entity *after;
	const struct entity *domain, *period;
	/* Its title and prose, every run RUN_DELETED. */
	const struct run *title;
	size_t ntitle;
	const struct block *blocks;
	size_t nblocks;
};

/* One line of the summary page: a change to one entity (or to the plan's
 * own fields), with the entity a link leads to (NULL: none; a removed
 * entity's old one, which the layout shows in place). */
struct rl_item {
	enum change_op op;
	const char *name;	/* the entity's title or name, or its id */
	const char *detail;	/* fields, moves, members; "" for none */
	const struct entity *target;
};

struct rl_map {
	const void **keys;
	void **vals;
	size_t cap, n;
};

struct redline {
	const struct diff *diff;
	struct rl_map ents;		/* new entity -> struct rl_entity */
	struct rl_map prose;		/* new struct prose -> merged */
	struct rl_map items;		/* target entity -> item index + 1 */
	struct rl_removed *removed;
	size_t nremoved;
	struct rl_item *items_v;
	size_t nitems;
};

/* Decides the redline of d (two checked plans and their diff); everything
 * lives in a. Near-linear in the plans' size. Never fails (out of memory
 * ends the program, as the arena does). */
struct redline *redline_make(struct arena *a, const struct diff *d);

/* RL_* bits of e, an entity of the new plan; 0 for none. */
unsigned redline_mark(const struct redline *rl, const struct entity *e);

/* The merged blocks of p (a prose of the new plan) if they differ from
 * its own, else NULL. */
const struct block *redline_prose(const struct redline *rl,
    const struct prose *p, size_t *n);

/* The merged runs of e's title or name (chapter, section, part, activity,
 * domain, period, group, body, person, organisation, strand) when it
 * changed or e is new; else NULL. */
const struct run *redline_title(const struct redline *rl,
    const struct entity *e, size_t *n);

/* "Domain title, Period title": where a moved activity was, in the old
 * plan's names; NULL if it did not move. */
const char *redline_moved_from(const struct redline *rl,
    const struct entity *e);

/* The old plan's counterpart of e if e is marked changed, else NULL. */
const struct entity *redline_old(const struct redline *rl,
    const struct entity *e);

/* The summary line that links to e, as index + 1; 0 for none. */
size_t redline_item_of(const struct redline *rl, const struct entity *e);

#endif
