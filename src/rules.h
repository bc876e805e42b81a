/* rules.h - everything planc does with PCRE2: the shapes of ids and dates,
 * and the plan's own house-style rules run over its prose and names. */
#ifndef PLANC_RULES_H
#define PLANC_RULES_H

struct plan;
struct diags;
struct date;

/* 1 if s is a valid id: lower-case ASCII letters and digits in words
 * joined by single dashes ("po-raad", "juni-2018"). */
int rules_id_ok(const char *s);

/* Parses YYYY-MM or YYYY-MM-DD into *date (day 0 for a month). Returns 0,
 * or -1 if the text does not have that shape or names no real day. */
int rules_date_parse(const char *s, struct date *date);

/* Compiles every style rule of plan (a bad pattern is reported at the
 * offending character), then runs them over all prose, titles and names,
 * reporting each match with the rule's message and severity and its
 * replacement as a note. */
void rules_check(struct plan *plan, struct diags *d);

/* Frees compiled patterns: the plan's and the built-in shapes. */
void rules_free(struct plan *plan);

#endif
