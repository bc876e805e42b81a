/* rules.h - the plan's own house-style rules (PCRE2), run over its prose
 * and names. */
#ifndef PLANC_RULES_H
#define PLANC_RULES_H

struct plan;
struct diags;
/* Compiles every style rule of plan (a bad pattern is reported at the
 * offending character), then runs them over all prose, titles and names,
 * reporting each match with the rule's message and severity and its
 * replacement as a note. */
void rules_check(struct plan *plan, struct diags *d);

/* Frees the plan's compiled patterns. NULL is fine. */
void rules_free(struct plan *plan);

#endif
