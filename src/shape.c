/* shape.c - the shape rules shared by every YAML format planc reads: kinds
 * of nodes, known keys with "did you mean", empty values and booleans; and
 * the shapes of ids and dates, which the model checks as it is built. */
#include "shape.h"

#include <string.h>

#include "diag.h"
#include "model.h"
#include "suggest.h"

int
shape_expect(struct diags *d, const struct node *n, enum node_kind k,
    const char *want)
{
	if (n->kind == k)
		return 1;
	diag_report(d, D_WRONG_TYPE, n->span, "expected %s, got %s", want,
	    node_kind_name(n));
	return 0;
}

void
shape_keys(struct diags *d, const struct node *map,
    const char *const *keys, const char *what)
{
	size_t i, k;

	for (i = 0; i < map->npairs; i++) {
		const char *key = map->pairs[i].key->str;
		struct suggest s;
		struct diag *dg;

		for (k = 0; keys[k] != NULL; k++)
			if (strcmp(keys[k], key) == 0)
				break;
		if (keys[k] != NULL)
			continue;
		suggest_init(&s, key);
		for (k = 0; keys[k] != NULL; k++)
			suggest_offer(&s, keys[k]);
		dg = diag_report(d, D_UNKNOWN_KEY, map->pairs[i].key->span,
		    "unknown key '%s' in %s", key, what);
		if (s.best != NULL)
			diag_note(d, dg, span_start(map->pairs[i].key->span),
			    "did you mean '%s'?", s.best);
	}
}

int
shape_empty(const struct node *n)
{
	return n->kind == NODE_SCALAR && n->style == SCALAR_PLAIN &&
	    (n->len == 0 || strcmp(n->str, "~") == 0 ||
	    strcmp(n->str, "null") == 0);
}

struct span
shape_key_span(const struct node *map, const char *key)
{
	size_t i;

	for (i = 0; i < map->npairs; i++)
		if (strcmp(map->pairs[i].key->str, key) == 0)
			return map->pairs[i].key->span;
	return map->span;
}

int
shape_bool(struct diags *d, const struct node *n, int *out)
{
	static const char *const yes[] = { "true", "yes", "on", NULL };
	static const char *const no[] = { "false", "no", "off", NULL };
	size_t i;

	if (!shape_expect(d, n, NODE_SCALAR, "true or false"))
		return -1;
	for (i = 0; yes[i]; i++)
		if (strcmp(n->str, yes[i]) == 0)
			return *out = 1, 0;
	for (i = 0; no[i]; i++)
		if (strcmp(n->str, no[i]) == 0)
			return *out = 0, 0;
	diag_report(d, D_BAD_VALUE, n->span, "expected true or false, got "
	    "'%s'", n->str);
	return -1;
}

/* ---- the shapes of ids and dates ---- */

static int
alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int
shape_id_ok(const char *s)
{
	/* [a-z0-9]+(-[a-z0-9]+)*: words, each dash between two of them. */
	if (!alnum(*s))
		return 0;
	for (; *s != '\0'; s++)
		if (!alnum(*s) && !(*s == '-' && alnum(s[1]) && alnum(s[-1])))
			return 0;
	return 1;
}

/* n digits at s as a number, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

int
shape_date_parse(const char *s, struct date *date)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int y, m, d = 0, leap;
	size_t len = strlen(s);

	if ((len != 7 && len != 10) || s[4] != '-' || (len == 10 &&
	    s[7] != '-'))
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	if (len == 10)
		d = digits(s + 8, 2);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 0)
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (len == 10 && (d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 &&
	    !leap)))
		return -1;
	date->year = y;
	date->month = m;
	date->day = d;
	return 0;
}
