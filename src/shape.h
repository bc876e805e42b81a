/* shape.h - checking the shape of loaded YAML against a format: the
 * "expected a mapping, got a list" and "unknown key (did you mean)" rules
 * that plans (model.c) and layouts (style.c) share. */
#ifndef PLANC_SHAPE_H
#define PLANC_SHAPE_H

#include "node.h"

struct diags;
struct date;

/* 1 if n has kind k; otherwise reports "expected WANT, got ..." at n as
 * wrong-type and returns 0. */
int shape_expect(struct diags *d, const struct node *n, enum node_kind k,
    const char *want);

/* Reports every key of map that is not in keys (NULL-terminated) as
 * unknown-key, with the nearest known key as a note; what names the
 * mapping in the message ("a chapter"). */
void shape_keys(struct diags *d, const struct node *map,
    const char *const *keys, const char *what);

/* 1 for a value that says nothing: an empty plain scalar, ~ or null. */
int shape_empty(const struct node *n);

/* The span of key in map, or the whole mapping's if it has no such key. */
struct span shape_key_span(const struct node *map, const char *key);

/* true/yes/on or false/no/off into *out. Returns 0, or -1 after reporting
 * wrong-type or bad-value at n (*out is then untouched). */
int shape_bool(struct diags *d, const struct node *n, int *out);

/* 1 if s is a valid id: lower-case ASCII letters and digits in words
 * joined by single dashes ("po-raad", "juni-2018"). */
int shape_id_ok(const char *s);

/* Parses YYYY-MM or YYYY-MM-DD into *date (day 0 for a month). Returns 0,
 * or -1 if the text does not have that shape or names no real day (years
 * 1900 to 2999). */
int shape_date_parse(const char *s, struct date *date);

#endif
