/* test_shaping.c - the shaper's promises to layout and the PDF writer:
 * one run per face, language and text (the cache), widths that add up
 * (a word's share by cluster, the whole run), ligatures as one glyph with
 * the cluster of their first letter, and the switches that turn kerning
 * and ligatures off. Run from tests/unit (fonts are ../../fonts). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "font.h"
#include "shaping.h"
#include "tap.h"

static int
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

int
main(void)
{
	static const struct shaping_opts on = { 1, 1, "nl" }, off = { 0, 0,
	    "nl" };
	char err[512];
	struct font *f = font_load("../../fonts/Carlito-Regular.ttf", err,
	    sizeof err);
	struct arena *a = arena_new();
	struct shaper *sh, *plain;
	const struct glyph_run *r, *r2, *fi, *fi_off;
	double w;

	if (f == NULL) {
		printf("not ok 1 - %s\n", err);
		return 1;
	}
	sh = shaping_new(a, &f, 1, &on);
	plain = shaping_new(a, &f, 1, &off);

	r = shaping_run(sh, 0, NULL, "Voorjaar", 8);
	r2 = shaping_run(sh, 0, NULL, "Voorjaar", 8);
	ok(r == r2, "the same text, face and language: the same run");
	ok(shaping_run(sh, 0, "en", "Voorjaar", 8) != r,
	    "another language: a run of its own");
	ok(r->units == 2048 && r->n == 8, "Voorjaar: 8 glyphs in 2048 units");
	w = shaping_span_width(r, 0, 3, 11) + shaping_span_width(r, 3, 5, 11);
	ok(near(w, shaping_run_width(r, 11)),
	    "a word's shares by cluster add up to the word");
	ok(shaping_run_width(r, 11) < shaping_width(plain, 0, NULL,
	    "Voorjaar", 8, 11), "kerned narrower than unkerned (V-o)");

	fi = shaping_run(sh, 0, NULL, "fijn", 4);
	fi_off = shaping_run(plain, 0, NULL, "fijn", 4);
	ok(fi->n == 3 && fi->glyphs[0].cluster == 0 &&
	    fi->glyphs[1].cluster == 2, "fi is one glyph from offset 0");
	ok(fi_off->n == 4, "ligatures: false keeps f and i apart");

	ok(shaping_run(sh, 0, NULL, "", 0)->n == 0,
	    "an empty text: no glyphs");
	ok(shaping_run(sh, 3, NULL, "x", 1)->n == 0,
	    "a face without a font: no glyphs");

	shaping_free(plain);
	shaping_free(sh);
	arena_free(a);
	font_free(f);
	printf("1..%d\n", n);
	return failed != 0;
}
