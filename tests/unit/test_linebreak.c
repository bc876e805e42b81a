/* test_linebreak.c - the total-fit line breaker on fixed-width "words":
 * a paragraph whose optimal breaks differ from first-fit (greedy) breaks,
 * forced breaks, hyphenation penalties, a word wider than the line and
 * ragged-right lines. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "linebreak.h"

static int ntests, failed;
static double measure = 20;

static void
ok(int cond, const char *what)
{
	ntests++;
	printf("%sok %d - %s\n", cond ? "" : "not ", ntests, what);
	if (!cond)
		failed++;
}

static double
width(size_t line, void *ctx)
{
	(void)line;
	(void)ctx;
	return measure;
}

static struct lb_item items[256];
static size_t nitems;

static void
box(double w)
{
	memset(&items[nitems], 0, sizeof items[nitems]);
	items[nitems].kind = LB_BOX;
	items[nitems++].width = w;
}

/* An interword space: 1 wide, stretching by 1 and shrinking by 0.5. */
static void
glue(void)
{
	memset(&items[nitems], 0, sizeof items[nitems]);
	items[nitems].kind = LB_GLUE;
	items[nitems].width = 1;
	items[nitems].stretch = 1;
	items[nitems++].shrink = 0.5;
}

static void
penalty(int cost, double w, int flagged)
{
	memset(&items[nitems], 0, sizeof items[nitems]);
	items[nitems].kind = LB_PENALTY;
	items[nitems].penalty = cost;
	items[nitems].width = w;
	items[nitems++].flagged = flagged;
}

/* The end of a paragraph as TeX makes it: fill glue, a forced break. */
static void
end_paragraph(void)
{
	memset(&items[nitems], 0, sizeof items[nitems]);
	items[nitems].kind = LB_GLUE;
	items[nitems++].stretch = 1000;
	penalty(-LB_INFINITY, 0, 0);
}

/* Words given by their widths, separated by glue. */
static void
words(const int *w, size_t n)
{
	size_t i;

	nitems = 0;
	for (i = 0; i < n; i++) {
		if (i > 0)
			glue();
		box(w[i]);
	}
	end_paragraph();
}

/* Words per line, as "3 4 2". */
static void
shape(const struct lb_item *it, const struct lb_line *lines, size_t nl,
    char *out)
{
	size_t i, j, start = 0;
	int words;

	out[0] = '\0';
	for (i = 0; i < nl; i++) {
		for (j = start, words = 0; j < lines[i].end; j++)
			words += it[j].kind == LB_BOX;
		sprintf(out + strlen(out), "%s%d", i ? " " : "", words);
		start = lines[i].end + 1;
	}
}

/* First fit: as many words as fit at natural width. */
static void
greedy(const struct lb_item *it, size_t count, char *out)
{
	double w = 0;
	size_t i;
	int words = 0, first = 1;

	out[0] = '\0';
	for (i = 0; i < count; i++) {
		if (it[i].kind != LB_BOX)
			continue;
		if (words > 0 && w + 1 + it[i].width > measure) {
			sprintf(out + strlen(out), "%s%d", first ? "" : " ", words);
			first = 0;
			words = 0;
			w = 0;
		}
		w += (words ? 1 : 0) + it[i].width;
		words++;
	}
	sprintf(out + strlen(out), "%s%d", first ? "" : " ", words);
}

int
main(void)
{
	static const int para[] = { 2, 5, 6, 5, 3, 8 };
	struct arena *a = arena_new();
	struct lb_line *lines;
	size_t nl, i;
	char got[128], grd[128];

	/* First fit puts three words on the first line, which then has to
	 * stretch its two spaces by 2.5 times; total fit takes four words and
	 * shrinks a little instead. */
	measure = 20;
	words(para, 6);
	nl = lb_break(a, items, nitems, width, NULL, NULL, &lines);
	shape(items, lines, nl, got);
	greedy(items, nitems, grd);
	ok(strcmp(grd, "3 3") == 0, "first-fit breaks are 3 3");
	ok(strcmp(got, "4 2") == 0, "total-fit breaks are 4 2");
	ok(nl == 2 && lines[0].ratio < 0 && lines[0].ratio >= -1,
	    "the first line shrinks within its glue");

	/* A forced break inside a paragraph ends a line there. */
	nitems = 0;
	box(3);
	penalty(-LB_INFINITY, 0, 0);
	box(3);
	glue();
	box(3);
	end_paragraph();
	nl = lb_break(a, items, nitems, width, NULL, NULL, &lines);
	ok(nl == 2 && lines[0].end == 1, "a forced break ends the line");

	/* "aaaaa bbbbbb cc-cc" in 12: without the hyphen the first line is
	 * "aaaaa bbbbbb" (11 wide, very loose) or overfull; with it,
	 * "aaaaa bbbbbb" still wins unless the hyphen helps. Make the
	 * hyphen the only good break: 5 + 1 + 3 + hyphen 1 + ... */
	measure = 12;
	nitems = 0;
	box(5);
	glue();
	box(4);
	penalty(50, 1, 1);	/* bbbb-bbbb */
	box(4);
	glue();
	box(2);
	end_paragraph();
	nl = lb_break(a, items, nitems, width, NULL, NULL, &lines);
	ok(nl == 2 && lines[0].hyphenated && lines[0].end == 3,
	    "the line ends at the hyphen when that fits best");

	/* Two hyphenated lines in a row cost flagged demerits: with an
	 * equally good unhyphenated choice, the breaker avoids the pair. */
	measure = 10;
	nitems = 0;
	box(9);
	penalty(50, 1, 1);
	box(9);
	end_paragraph();
	nl = lb_break(a, items, nitems, width, NULL, NULL, &lines);
	ok(nl == 2 && lines[0].hyphenated, "a lone hyphenation is taken");

	/* A box wider than the measure cannot be helped here: the breaker
	 * must still return lines (layout splits such words first). */
	measure = 5;
	static const int wide[] = { 10, 2 };
	words(wide, 2);
	nl = lb_break(a, items, nitems, width, NULL, NULL, &lines);
	ok(nl == 2, "an overfull line is accepted as a last resort");

	/* Every line of a long paragraph is within tolerance. */
	measure = 30;
	nitems = 0;
	for (i = 0; i < 60; i++) {
		if (i > 0)
			glue();
		box(2 + (double)(i * 7 % 6));
	}
	end_paragraph();
	nl = lb_break(a, items, nitems, width, NULL, NULL, &lines);
	for (i = 0; i + 1 < nl; i++)
		if (lines[i].ratio < -1 || lines[i].ratio > 1.26)
			break;
	ok(nl > 5 && i + 1 >= nl, "all lines of a long paragraph within tolerance");
	/* Ragged right: rigid spaces, the slack at the lines' ends. A lone
	 * short first line ("2") leaves 18 of 20 empty and must cost more
	 * than two lines each a little short. */
	{
		static const int rag[] = { 2, 9, 8, 5, 6, 4 };
		struct lb_params pr;

		lb_params_default(&pr);
		pr.line_stretch = 6;
		pr.tolerance = 10000;
		measure = 20;
		words(rag, 6);	/* the breaker ignores their glue's stretch */
		nl = lb_break(a, items, nitems, width, NULL, &pr, &lines);
		shape(items, lines, nl, got);
		ok(strcmp(got, "2 2 2") == 0, "ragged lines share the slack");
		ok(nl == 3 && lines[0].ratio > 0 && lines[0].ratio < 1.5 &&
		    lines[1].ratio > 0 && lines[1].ratio < 1.5,
		    "ragged lines are measured against the line-end stretch");
	}
	/* Hyphens that pay (a negative penalty) are taken on every line
	 * without a limit; with the default limit, never three in a row. */
	{
		struct lb_params pr;
		size_t run, most[2], pass;

		for (pass = 0; pass < 2; pass++) {
			lb_params_default(&pr);
			pr.tolerance = 10000;
			if (pass == 0)
				pr.hyphen_limit = 0;
			measure = 13;
			nitems = 0;
			for (i = 0; i < 24; i++) {
				if (i > 0)
					glue();
				box(4);
				penalty(-1000, 1, 1);
				box(4);
			}
			end_paragraph();
			nl = lb_break(a, items, nitems, width, NULL, &pr,
			    &lines);
			for (most[pass] = run = i = 0; i < nl; i++) {
				run = lines[i].hyphenated ? run + 1 : 0;
				if (run > most[pass])
					most[pass] = run;
			}
		}
		ok(most[0] >= 3, "without a limit, paying hyphens run on");
		ok(most[1] == 2, "at most two hyphenated lines in a row");
	}
	arena_free(a);
	return failed != 0;
}
