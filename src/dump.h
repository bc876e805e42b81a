/* dump.h - the canonical text of a checked plan (`planc dump`, and git's
 * textconv): what it means, not how it was written. */
#ifndef PLANC_DUMP_H
#define PLANC_DUMP_H

#include <stddef.h>
#include <stdio.h>

struct arena;
struct field;
struct plan;
struct node;

/* How references are printed. */
struct dump_opts {
	int names;		/* with the name the id resolves to */
	/* Maps an id before it is printed (NULL: none): diff renames an old
	 * plan's ids to compare what the two plans say. */
	const char *(*map_id)(void *ctx, const char *id);
	void *ctx;
};

/* Writes plan to f: a "# not read: FILE" line for each of the nunread
 * `include:` entries in unread (scalar nodes) whose files were missing,
 * then the plan's `plan:` fields, then every entity in document order as a
 * block "KIND ID" with its fields indented below and the entities nested
 * in it indented further. References show the name they resolve to, if
 * any; prose is re-flowed to 78 columns. Write errors are left in f. */
void dump_plan(const struct plan *plan, const struct node *const *unread,
    size_t nunread, FILE *f);

/* Field fl of obj (an entity, or the plan's meta) as the dump prints it at
 * indentation 0: "key: value\n", or "key:\n" and its items or text
 * indented below; "" when the field is absent. The string lives in a. */
char *dump_field(struct arena *a, const void *obj, const struct field *fl,
    const struct dump_opts *o);

#endif
