/* dump.h - the canonical text of a checked plan (`planc dump`, and git's
 * textconv): what it means, not how it was written. */
#ifndef PLANC_DUMP_H
#define PLANC_DUMP_H

#include <stddef.h>
#include <stdio.h>

struct plan;
struct node;

/* Writes plan to f: a "# not read: FILE" line for each of the nunread
 * `include:` entries in unread (scalar nodes) whose files were missing,
 * then the plan's `plan:` fields, then every entity in document order as a
 * block "KIND ID" with its fields indented below and the entities nested
 * in it indented further. References show the name they resolve to, if
 * any; prose is re-flowed to 78 columns. Write errors are left in f. */
void dump_plan(const struct plan *plan, const struct node *const *unread,
    size_t nunread, FILE *f);

#endif
