/* check.h - the checking pass: ids, references, consistency, house style. */
#ifndef PLANC_CHECK_H
#define PLANC_CHECK_H

struct arena;
struct plan;
struct diags;

/* Registers every id (duplicates reported with the first definition),
 * resolves every reference (kind-aware, with "did you mean"), numbers
 * footnotes in reading order, and reports inconsistencies and house-style
 * matches to d. Afterwards every ref.target the layout follows is set. */
void check_plan(struct arena *a, struct plan *plan, struct diags *d);

#endif
