/* test_shape.c - the shapes of ids and dates (shape.c), and the word-level
 * edit of planc diff (worddiff.c) on small cases whose answer is known. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "model.h"
#include "shape.h"
#include "worddiff.h"
#include "tap.h"

/* The edit of a into b as "=x -y +z" words. */
static const char *
edit(struct arena *ar, const char *a, const char *b)
{
	static char out[512];
	struct token *ta, *tb;
	struct edit *e;
	size_t na, nb, ne, i, j, o = 0;

	ta = worddiff_tokens(ar, a, strlen(a), &na);
	tb = worddiff_tokens(ar, b, strlen(b), &nb);
	e = worddiff(ar, ta, na, tb, nb, &ne);
	for (i = 0; i < ne; i++) {
		const struct token *t = e[i].op == EDIT_INSERT ? tb + e[i].b0 :
		    ta + e[i].a0;

		o += (size_t)snprintf(out + o, sizeof out - o, "%s%c",
		    o ? " " : "", "=-+"[e[i].op]);
		for (j = 0; j < e[i].n; j++)
			o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s",
			    j ? "_" : "", (int)t[j].len, t[j].s);
	}
	out[o] = '\0';
	return out;
}

int
main(void)
{
	static const char *const good_ids[] = { "a", "po-raad", "juni-2018",
	    "x1-y2-z3", "2018", NULL };
	static const char *const bad_ids[] = { "", "-a", "a-", "a--b", "A",
	    "a_b", "é", "a b", "a.b", NULL };
	struct arena *ar = arena_new();
	struct date d;
	size_t i;

	for (i = 0; good_ids[i] != NULL; i++)
		ok(shape_id_ok(good_ids[i]), good_ids[i]);
	for (i = 0; bad_ids[i] != NULL; i++)
		ok(!shape_id_ok(bad_ids[i]), bad_ids[i]);
	ok(shape_date_parse("2018-03", &d) == 0 && d.year == 2018 &&
	    d.month == 3 && d.day == 0, "a month");
	ok(shape_date_parse("2020-02-29", &d) == 0 && d.day == 29,
	    "a leap day");
	ok(shape_date_parse("2019-02-29", &d) != 0, "no leap day in 2019");
	ok(shape_date_parse("2100-02-29", &d) != 0, "none in 2100");
	ok(shape_date_parse("2018-13", &d) != 0, "month 13");
	ok(shape_date_parse("2018-04-31", &d) != 0, "April 31");
	ok(shape_date_parse("2018-3", &d) != 0, "one-digit month");
	ok(shape_date_parse("2018-03-01x", &d) != 0, "trailing text");
	ok(shape_date_parse("1899-12", &d) != 0, "before 1900");
	ok(shape_date_parse("20x8-03", &d) != 0, "not digits");

	ok(strcmp(edit(ar, "a b c", "a b c"), "=a_b_c") == 0, "same");
	ok(strcmp(edit(ar, "in alle zalen", "in bijna alle zalen"),
	    "=in +bijna =alle_zalen") == 0, "one word in");
	ok(strcmp(edit(ar, "lopen ten einde.", "zijn ten einde gelopen."),
	    "-lopen +zijn =ten_einde +gelopen =.") == 0, "two changes");
	ok(strcmp(edit(ar, "a [^x] b", "a [^y] b"), "=a -[^x] +[^y] =b") == 0,
	    "a footnote mark is one token");
	ok(strcmp(edit(ar, "", "x y"), "+x_y") == 0, "from nothing");
	ok(strcmp(edit(ar, "x y", ""), "-x_y") == 0, "to nothing");
	arena_free(ar);
	return failed != 0;
}
