/* style.c - layouts: the built-in defaults and layouts/NAME.yaml read
 * through the same loader and diagnostics as plans. Each parse_* function
 * takes one mapping and quotes the YAML shape it accepts; a value that is
 * wrong is reported and leaves the default in place, so one run reports
 * every problem of a layout. */
#define PCRE2_CODE_UNIT_WIDTH 8
/* realpath(3) is X/Open; the build asks for plain POSIX. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "style.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "fontpath.h"
#include "lang.h"
#include "load.h"
#include "node.h"
#include "shape.h"
#include "source.h"
#include "suggest.h"

static const struct colour black = { 0, 0, 0 };

static struct text_style
text(double size, double leading, double before)
{
	struct text_style t;

	t.size = size;
	t.leading = leading;
	t.space_before = before;
	t.colour = black;
	return t;
}

void
style_default(struct arena *a, const char *datadir, struct style *s)
{
	memset(s, 0, sizeof *s);
	s->name = "pact";
	s->page_w = 595.28;
	s->page_h = 841.89;
	s->margin_t = s->margin_r = s->margin_b = s->margin_l = 72;
	s->regular = arena_printf(a, "%s/fonts/Carlito-Regular.ttf", datadir);
	s->bold = arena_printf(a, "%s/fonts/Carlito-Bold.ttf", datadir);
	s->italic = arena_printf(a, "%s/fonts/Carlito-Italic.ttf", datadir);
	s->bold_italic = arena_printf(a, "%s/fonts/Carlito-BoldItalic.ttf",
	    datadir);
	s->fallback[0] = arena_printf(a, "%s/fonts/DejaVuSans.ttf", datadir);
	s->nfallback = 1;
	s->body = text(11, 1.3, 6);
	s->note = text(8.5, 1.2, 0);
	s->part = text(20, 1.3, 0);
	s->part.new_page = 1;
	s->chapter = text(15, 1.3, 18);
	s->section = text(12.5, 1.3, 14);
	s->cover_title = text(34, 1.2, 0);
	s->cover_tagline = text(16, 1.3, 0);
	s->cover_subtitle = text(20, 1.3, 40);
	s->cover_date = text(14, 1.3, 30);
	s->cover_footer = text(12, 1.3, 0);
	s->table = text(10, 1.25, 0);
	s->justify = 1;
	s->kerning = 1;
	s->ligatures = 1;
	s->para_skip = 6;
	s->hyphen_left = 2;
	s->hyphen_right = 3;
	s->hyphen_run = 2;
	s->list_indent = 18;
	s->bullet = "\xE2\x80\xA2";
	s->check = "\xE2\x9C\x93";
	s->note_rule_width = 120;
	s->footer.text = "{page}";
	s->footer.align = ALIGN_CENTRE;
	s->footer.size = 9;
	s->header.size = 9;
	s->col[0] = 0.30;
	s->col[1] = 0.45;
	s->col[2] = 0.25;
	s->cell_pad = 6;
	s->table_rule = 0.5;
	s->table_head_bg = (struct colour){ 0.85, 0.89, 0.95 };
	s->table_head_fg = black;
	/* Dates, abbreviations with what they abbreviate, names with a
	 * hyphen, and numbers with their unit stay on one line. */
	s->ties[s->nties++] = "\\b\\d{1,2} (?:januari|februari|maart|april|mei|"
	    "juni|juli|augustus|september|oktober|november|december)"
	    "(?: \\d{4})?\\b";
	s->ties[s->nties++] = "\\b(?:o\\.a\\.|e\\.a\\.|o\\.l\\.v\\.|"
	    "t\\.a\\.v\\.|i\\.s\\.m\\.|m\\.b\\.t\\.|z\\.s\\.m\\.) \\S+";
	s->ties[s->nties++] = "\\b\\p{Lu}{2,}-\\p{L}+";
	s->ties[s->nties++] = "\\d %";
}

/* ---- reading a layout file ---- */

/* Beyond these a value is a slip of the keyboard, and layout would only
 * produce pages of overflow: PDF pages are at most 200 inches across. */
#define MAX_LENGTH	14400.0
#define MAX_TEXT_SIZE	144.0
#define MIN_TEXT_AREA	72.0

struct reader {
	struct arena *a;
	struct diags *d;
	struct style *s;
	struct fontpath *fp;
	const char *dir;	/* the layout's directory, for font files */
	const char *root;	/* the project root font files must be in (or
				 * in planc's data): a layout the plan named;
				 * NULL: anywhere */
	const char *data_real;	/* planc's data directory, resolved */
};

/* The value under key in map, or NULL if it is absent or empty. */
static const struct node *
value(const struct node *map, const char *key)
{
	const struct node *n = node_get(map, key);

	return n == NULL || shape_empty(n) ? NULL : n;
}

/* The mapping under key, its keys checked against keys; NULL if it is
 * absent, empty, or not a mapping (reported: it should have what). where
 * names the mapping in messages, NULL for "'KEY:'". */
static const struct node *
get_map(struct reader *r, const struct node *map, const char *key,
    const char *where, const char *what, const char *const *keys)
{
	const struct node *n = value(map, key);
	char want[160];

	if (n == NULL)
		return NULL;
	snprintf(want, sizeof want, "a mapping with %s", what);
	if (!shape_expect(r->d, n, NODE_MAP, want))
		return NULL;
	shape_keys(r->d, n, keys, where != NULL ? where :
	    arena_printf(r->a, "'%s:'", key));
	return n;
}

/* -?D[.D] at s: the number's value, and where it ends, or NULL. */
static const char *
number(const char *s, double *v)
{
	const char *p = s;
	char *end;

	if (*p == '-' || *p == '+')
		p++;
	if (!((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' &&
	    p[1] <= '9')))
		return NULL;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	/* Only now strtod: it alone would also take "inf", "nan", hex and
	 * exponents. */
	*v = strtod(s, &end);
	return end == p ? p : NULL;
}

/* A length: a number with a unit (12pt, 4.2mm, 1.5cm, 1in), or 0, into
 * points. Returns 0, or -1 after reporting. */
static int
length(struct reader *r, const struct node *n, int positive, double *out)
{
	static const struct {
		const char *name;
		double pt;
	} units[] = {
		{ "pt", 1 }, { "mm", 72 / 25.4 }, { "cm", 72 / 2.54 },
		{ "in", 72 },
	};
	const char *rest;
	double v;
	size_t i;

	if (!shape_expect(r->d, n, NODE_SCALAR, "a length such as 12pt or "
	    "20mm"))
		return -1;
	if ((rest = number(n->str, &v)) == NULL) {
		diag_report(r->d, D_BAD_VALUE, n->span, "'%s' is not a length: "
		    "write a number and a unit, as in 12pt, 20mm, 2.5cm or 1in",
		    n->str);
		return -1;
	}
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(rest, units[i].name) == 0)
			break;
	if (i < sizeof units / sizeof units[0])
		v *= units[i].pt;
	else if (rest[0] != '\0' || v != 0) {
		diag_report(r->d, D_BAD_VALUE, n->span, rest[0] == '\0' ?
		    "'%s' needs a unit: pt, mm, cm or in (as in 12pt)" :
		    "'%s' has an unknown unit: use pt, mm, cm or in", n->str);
		return -1;
	}
	if (v < 0 || (positive && v == 0)) {
		diag_report(r->d, D_BAD_VALUE, n->span, "'%s' must be %s",
		    n->str, positive ? "more than 0" : "0 or more");
		return -1;
	}
	if (v > MAX_LENGTH) {
		diag_report(r->d, D_BAD_VALUE, n->span, "'%s' is larger than a "
		    "PDF page can be (200in)", n->str);
		return -1;
	}
	*out = v;
	return 0;
}

/* key: LENGTH, if present. */
static void
get_length(struct reader *r, const struct node *map, const char *key,
    int positive, double *out)
{
	const struct node *n = value(map, key);

	if (n != NULL)
		length(r, n, positive, out);
}

/* key: SIZE, a font size: a length above 0 and at most 144pt. */
static void
get_size(struct reader *r, const struct node *map, const char *key,
    double *out)
{
	const struct node *n = value(map, key);
	double v;

	if (n == NULL || length(r, n, 1, &v) != 0)
		return;
	if (v > MAX_TEXT_SIZE)
		diag_report(r->d, D_BAD_VALUE, n->span, "a text size of '%s' "
		    "is too large: at most 144pt", n->str);
	else
		*out = v;
}

/* A plain number, no unit. Returns 0, or -1 after reporting. */
static int
plain_number(struct reader *r, const struct node *n, const char *want,
    double *out)
{
	const char *rest;

	if (!shape_expect(r->d, n, NODE_SCALAR, want))
		return -1;
	if ((rest = number(n->str, out)) == NULL || *rest != '\0') {
		diag_report(r->d, D_BAD_VALUE, n->span, "expected %s, got '%s'",
		    want, n->str);
		return -1;
	}
	return 0;
}

/* n: a whole number from lo to hi, what (e.g. "a part number") in a
 * message. Returns 0, or -1 after reporting. */
static int
whole_number(struct reader *r, const struct node *n, const char *what,
    int lo, int hi, int *out)
{
	char want[96];
	double v;

	snprintf(want, sizeof want, "%s from %d to %d", what, lo, hi);
	if (plain_number(r, n, want, &v) != 0)
		return -1;
	if (v != floor(v) || v < lo || v > hi) {
		diag_report(r->d, D_BAD_VALUE, n->span, "expected %s, got '%s'",
		    want, n->str);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* key: N, a whole number from lo to hi. */
static void
get_int(struct reader *r, const struct node *map, const char *key, int lo,
    int hi, int *out)
{
	const struct node *n = value(map, key);

	if (n != NULL)
		whole_number(r, n, "a whole number", lo, hi, out);
}

static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* key: "#rrggbb" | "#rgb". A bare # after a space starts a YAML comment,
 * so an unquoted colour arrives as an empty value: say so. */
static void
get_colour(struct reader *r, const struct node *map, const char *key,
    struct colour *out)
{
	const struct node *n = node_get(map, key);
	int v[6] = { 0 }, i, len, ok;

	if (n == NULL)
		return;
	if (shape_empty(n)) {
		diag_report(r->d, D_BAD_COLOUR, shape_key_span(map, key),
		    "'%s:' has no colour: write it in quotes, as in "
		    "\"#1f3864\" (a bare # starts a YAML comment)", key);
		return;
	}
	if (!shape_expect(r->d, n, NODE_SCALAR, "a colour such as "
	    "\"#1f3864\""))
		return;
	len = (int)n->len;
	ok = n->str[0] == '#' && (len == 4 || len == 7);
	for (i = 1; ok && i < len; i++)
		ok = (v[i - 1] = hex((unsigned char)n->str[i])) >= 0;
	if (!ok) {
		diag_report(r->d, D_BAD_COLOUR, n->span, "'%s' is not a "
		    "colour: expected \"#rrggbb\" or \"#rgb\" in hexadecimal, "
		    "as in \"#1f3864\"", n->str);
		return;
	}
	if (len == 4) {
		out->r = v[0] * 17 / 255.0;
		out->g = v[1] * 17 / 255.0;
		out->b = v[2] * 17 / 255.0;
	} else {
		out->r = (v[0] * 16 + v[1]) / 255.0;
		out->g = (v[2] * 16 + v[3]) / 255.0;
		out->b = (v[4] * 16 + v[5]) / 255.0;
	}
}

/* key: TEXT; empty_ok: nothing or "" is allowed (no header). */
static void
get_text(struct reader *r, const struct node *map, const char *key,
    int empty_ok, const char **out)
{
	const struct node *n = node_get(map, key);
	int empty;

	if (n == NULL)
		return;
	if (!(empty = shape_empty(n)) &&
	    !shape_expect(r->d, n, NODE_SCALAR, "a text"))
		return;
	if (!empty && n->len > 0)
		*out = n->str;
	else if (empty_ok)
		*out = "";
	else
		diag_report(r->d, D_BAD_VALUE, empty ? shape_key_span(map, key) :
		    n->span, "'%s:' needs a text", key);
}

/* key: WORD, one of words (NULL-terminated): its index in *out. what
 * names the value in a message, if key does not (NULL: key does). */
static void
get_word(struct reader *r, const struct node *map, const char *key,
    const char *what, const char *const *words, int *out)
{
	const struct node *n = value(map, key);
	struct suggest sg;
	struct diag *dg;
	const char *list = "";
	int i;

	if (n == NULL || !shape_expect(r->d, n, NODE_SCALAR, "a word"))
		return;
	for (i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], n->str) == 0) {
			*out = i;
			return;
		}
	suggest_init(&sg, n->str);
	for (i = 0; words[i] != NULL; i++) {
		suggest_offer(&sg, words[i]);
		list = arena_printf(r->a, "%s%s%s", list, i == 0 ? "" :
		    words[i + 1] == NULL ? " or " : ", ", words[i]);
	}
	dg = diag_report(r->d, D_BAD_VALUE, n->span, "unknown %s '%s': use "
	    "%s", what != NULL ? what : key, n->str, list);
	if (sg.best != NULL)
		diag_note(r->d, dg, span_start(n->span), "did you mean '%s'?",
		    sg.best);
}

/* ---- page ---- */

/* The values of orientation: (and part-orientation:), as indices. */
static const char *const orientations[] = { "portrait", "landscape", NULL };

static const struct {
	const char *name;
	double w, h;
} page_sizes[] = {
	{ "A3", 841.89, 1190.55 }, { "A4", 595.28, 841.89 },
	{ "A5", 419.53, 595.28 }, { "Letter", 612, 792 },
	{ "Legal", 612, 1008 },
};

/* size: A4 | A5 | Letter | ... | [WIDTH, HEIGHT] */
static void
parse_page_size(struct reader *r, const struct node *n)
{
	double w, h;
	size_t i;

	if (n->kind == NODE_SEQ) {
		if (n->nitems != 2) {
			diag_report(r->d, D_BAD_VALUE, n->span, "a page size "
			    "is [width, height], not %zu values", n->nitems);
			return;
		}
		if (length(r, n->items[0], 1, &w) == 0 &&
		    length(r, n->items[1], 1, &h) == 0) {
			r->s->page_w = w;
			r->s->page_h = h;
		}
		return;
	}
	if (!shape_expect(r->d, n, NODE_SCALAR, "a page size (A4, A5, "
	    "Letter, ... or [width, height])"))
		return;
	for (i = 0; i < sizeof page_sizes / sizeof page_sizes[0]; i++)
		if (strcasecmp(page_sizes[i].name, n->str) == 0) {
			r->s->page_w = page_sizes[i].w;
			r->s->page_h = page_sizes[i].h;
			return;
		}
	diag_report(r->d, D_BAD_VALUE, n->span, "unknown page size '%s': use "
	    "A3, A4, A5, Letter, Legal or [width, height]", n->str);
}

/* margins: LENGTH | {top: LENGTH, right: .., bottom: .., left: ..} */
static void
parse_margins(struct reader *r, const struct node *n)
{
	static const char *const keys[] = { "top", "right", "bottom", "left",
	    NULL };
	struct style *s = r->s;
	double v;

	if (n->kind == NODE_SCALAR) {
		if (length(r, n, 0, &v) == 0)
			s->margin_t = s->margin_r = s->margin_b = s->margin_l =
			    v;
		return;
	}
	if (!shape_expect(r->d, n, NODE_MAP, "a length or a mapping with "
	    "'top:', 'right:', 'bottom:' and 'left:'"))
		return;
	shape_keys(r->d, n, keys, "'margins:'");
	get_length(r, n, "top", 0, &s->margin_t);
	get_length(r, n, "right", 0, &s->margin_r);
	get_length(r, n, "bottom", 0, &s->margin_b);
	get_length(r, n, "left", 0, &s->margin_l);
}

/* part-orientation: {N: portrait|landscape, ...}: the parts whose pages
 * are turned from the layout's orientation (landscape says whether that
 * is landscape). */
static void
parse_part_orientation(struct reader *r, const struct node *map,
    int landscape)
{
	const struct node *n = value(map, "part-orientation");
	size_t i;
	int part, want;

	if (n == NULL || !shape_expect(r->d, n, NODE_MAP, "a mapping from "
	    "part numbers to portrait or landscape, as in { 2: landscape }"))
		return;
	for (i = 0; i < n->npairs; i++) {
		const struct node *k = n->pairs[i].key;

		if (whole_number(r, k, "a part number", 1, STYLE_MAX_PARTS,
		    &part) != 0)
			continue;
		want = -1;
		get_word(r, n, k->str, "orientation", orientations, &want);
		if (want < 0)
			continue;
		if (want != landscape)
			r->s->turned_parts |= 1UL << (part - 1);
		else
			r->s->turned_parts &= ~(1UL << (part - 1));
	}
}

/* page: {size, orientation, margins, part-orientation}. Returns 1 if the
 * pages are landscape. */
static int
parse_page(struct reader *r, const struct node *root)
{
	static const char *const keys[] = { "size", "orientation", "margins",
	    "part-orientation", NULL };
	const struct node *map, *n;
	struct style *s = r->s;
	int landscape = -1;
	double lo, hi;

	if ((map = get_map(r, root, "page", NULL, "'size:', 'orientation:', "
	    "'margins:' and 'part-orientation:'", keys)) == NULL)
		return 0;
	if ((n = value(map, "size")) != NULL)
		parse_page_size(r, n);
	/* Orientation turns the sheet whichever way the size was written;
	 * without it the size stands as written. */
	get_word(r, map, "orientation", NULL, orientations, &landscape);
	lo = fmin(s->page_w, s->page_h);
	hi = fmax(s->page_w, s->page_h);
	if (landscape >= 0) {
		s->page_w = landscape ? hi : lo;
		s->page_h = landscape ? lo : hi;
	}
	if ((n = value(map, "margins")) != NULL)
		parse_margins(r, n);
	if (s->page_w - s->margin_l - s->margin_r < MIN_TEXT_AREA ||
	    s->page_h - s->margin_t - s->margin_b < MIN_TEXT_AREA)
		diag_report(r->d, D_BAD_VALUE, n != NULL ? n->span :
		    map->span, "the margins leave a text area of %.0fpt by "
		    "%.0fpt on a page of %.0fpt by %.0fpt: at least 72pt (1in) "
		    "each way is needed", s->page_w - s->margin_l -
		    s->margin_r, s->page_h - s->margin_t - s->margin_b,
		    s->page_w, s->page_h);
	parse_part_orientation(r, map, s->page_w > s->page_h);
	return s->page_w > s->page_h;
}

/* ---- fonts ---- */

/* The font called by node n in style st into *out. */
static void
resolve_font(struct reader *r, const struct node *n, enum fontpath_style st,
    const char **out)
{
	const char *path, *why;

	if (!shape_expect(r->d, n, NODE_SCALAR, "a font family such as "
	    "Carlito, or a .ttf file"))
		return;
	switch (fontpath_find(r->fp, r->a, n->str, r->dir, st, &path, &why)) {
	case FONTPATH_FOUND:
		/* A font file named by the plan's layout stays in the
		 * project, or is one of planc's; a family name may be any
		 * of the system's fonts. */
		if (r->root != NULL && fontpath_is_file(n->str) &&
		    path[0] == '/' && !load_inside(r->root, path) &&
		    (r->data_real == NULL || !load_inside(r->data_real, path))) {
			diag_report(r->d, D_INCLUDE_ESCAPE, n->span, "font file "
			    "'%s' lies outside the project root: it resolves "
			    "to '%s'", n->str, path);
			break;
		}
		*out = path;
		break;
	case FONTPATH_MISSING:
		diag_report(r->d, D_MISSING_FONT, n->span, "%s", why);
		break;
	case FONTPATH_UNUSABLE:
		diag_report(r->d, D_BAD_VALUE, n->span, "%s", why);
		break;
	}
}

/* fonts: {family: NAME, regular: NAME|FILE, bold: .., italic: ..,
 * bold-italic: .., fallback: [NAME|FILE, ...]} */
static void
parse_fonts(struct reader *r, const struct node *root)
{
	static const char *const keys[] = { "family", "regular", "bold",
	    "italic", "bold-italic", "fallback", NULL };
	static const char *const faces[FONTPATH_STYLE_COUNT] = {
		[FONTPATH_REGULAR] = "regular", [FONTPATH_BOLD] = "bold",
		[FONTPATH_ITALIC] = "italic",
		[FONTPATH_BOLD_ITALIC] = "bold-italic",
	};
	struct style *s = r->s;
	const char **out[FONTPATH_STYLE_COUNT] = { &s->regular, &s->bold,
	    &s->italic, &s->bold_italic };
	const struct node *map, *family, *n;
	const char *path;
	size_t i;

	if ((map = get_map(r, root, "fonts", NULL, "'family:', 'regular:', "
	    "'bold:', ... and 'fallback:'", keys)) == NULL)
		return;
	family = value(map, "family");
	for (i = 0; i < FONTPATH_STYLE_COUNT; i++) {
		if ((n = value(map, faces[i])) == NULL)
			n = family;
		if (n != NULL)
			resolve_font(r, n, (enum fontpath_style)i, out[i]);
	}
	if ((n = node_get(map, "fallback")) == NULL)
		return;
	/* The layout's chain replaces the built-in one; empty: none. */
	s->nfallback = 0;
	if (shape_empty(n))
		return;
	if (n->kind == NODE_SCALAR) {
		path = NULL;
		resolve_font(r, n, FONTPATH_REGULAR, &path);
		if (path != NULL)
			s->fallback[s->nfallback++] = path;
		return;
	}
	if (!shape_expect(r->d, n, NODE_SEQ, "a font or a list of fonts"))
		return;
	for (i = 0; i < n->nitems; i++) {
		if (i == STYLE_MAX_FALLBACK) {
			diag_report(r->d, D_BAD_VALUE, n->items[i]->span,
			    "at most %d fallback fonts", STYLE_MAX_FALLBACK);
			break;
		}
		path = NULL;
		resolve_font(r, n->items[i], FONTPATH_REGULAR, &path);
		if (path != NULL)
			s->fallback[s->nfallback++] = path;
	}
}

/* ---- text ---- */

/* leading: 1.3 (times the size) | 14pt */
static void
parse_leading(struct reader *r, const struct node *n, struct text_style *t)
{
	const char *end;
	double v;

	if (n->kind == NODE_SCALAR && (end = number(n->str, &v)) != NULL &&
	    *end == '\0') {
		if (v < 0.5 || v > 5)
			diag_report(r->d, D_BAD_VALUE, n->span, "a leading of "
			    "'%s' times the size: expected 0.5 to 5, or a "
			    "length such as 14pt", n->str);
		else
			t->leading = v;
		return;
	}
	if (length(r, n, 1, &v) != 0)
		return;
	if (v / t->size < 0.5 || v / t->size > 5)
		diag_report(r->d, D_BAD_VALUE, n->span, "a leading of '%s' for "
		    "a size of %gpt: expected 0.5 to 5 times the size", n->str,
		    t->size);
	else
		t->leading = v / t->size;
}

/* ROLE: {size: SIZE, leading: LEADING, space-before: LENGTH,
 * colour: COLOUR} */
static void
parse_role(struct reader *r, const struct node *text, const char *role,
    struct text_style *t)
{
	static const char *const keys[] = { "size", "leading", "space-before",
	    "colour", "new-page", "keep-together", NULL };
	static const char *const text_keys[] = { "size", "leading",
	    "space-before", "colour", NULL };
	int heading = strcmp(role, "part") == 0 ||
	    strcmp(role, "chapter") == 0 || strcmp(role, "section") == 0;
	const struct node *map, *n;

	/* Only headings can begin a page. */
	if ((map = get_map(r, text, role, arena_printf(r->a, "'text: %s:'",
	    role), heading ? "'size:', 'leading:', 'space-before:', "
	    "'colour:', 'new-page:' and 'keep-together:'" : "'size:', 'leading:', "
	    "'space-before:' and 'colour:'", heading ? keys : text_keys)) ==
	    NULL)
		return;
	get_size(r, map, "size", &t->size);
	if ((n = value(map, "leading")) != NULL)
		parse_leading(r, n, t);
	get_length(r, map, "space-before", 0, &t->space_before);
	get_colour(r, map, "colour", &t->colour);
	if (heading && (n = value(map, "new-page")) != NULL)
		shape_bool(r->d, n, &t->new_page);
	if (heading && (n = value(map, "keep-together")) != NULL)
		shape_bool(r->d, n, &t->keep_together);
}

/* The text roles under text:, in the order of role(). */
static const char *const role_keys[] = { "body", "note", "part", "chapter",
    "section", "cover-title", "cover-tagline", "cover-subtitle",
    "cover-date", "cover-footer", "table", NULL };

/* The role named role_keys[i] in s. */
static struct text_style *
role(struct style *s, size_t i)
{
	struct text_style *const roles[] = { &s->body, &s->note, &s->part,
	    &s->chapter, &s->section, &s->cover_title, &s->cover_tagline,
	    &s->cover_subtitle, &s->cover_date, &s->cover_footer, &s->table };

	return roles[i];
}

/* text: {body: ROLE, note: .., part: .., chapter: .., section: ..,
 * cover-title: .., cover-tagline: .., cover-subtitle: .., cover-date: ..,
 * cover-footer: .., table: ..} */
static void
parse_text(struct reader *r, const struct node *root)
{
	const struct node *map;
	size_t i;

	if ((map = get_map(r, root, "text", NULL, "'body:', 'note:', "
	    "'chapter:', ...", role_keys)) == NULL)
		return;
	for (i = 0; role_keys[i] != NULL; i++)
		parse_role(r, map, role_keys[i], role(r->s, i));
}

/* ---- paragraphs, lists, footnotes ---- */

/* justify: BOOL, kerning: BOOL, ligatures: BOOL, paragraph-skip: LENGTH,
 * hyphenation: {left: N, right: N, consecutive: N},
 * lists: {indent: LENGTH, bullet: TEXT, check: TEXT},
 * footnotes: {rule: LENGTH} */
static void
parse_paragraphs(struct reader *r, const struct node *root)
{
	static const char *const hyph_keys[] = { "left", "right",
	    "consecutive", NULL };
	static const char *const list_keys[] = { "indent", "bullet", "check",
	    NULL };
	static const char *const note_keys[] = { "rule", NULL };
	struct style *s = r->s;
	const struct node *map, *n;

	if ((n = value(root, "justify")) != NULL)
		shape_bool(r->d, n, &s->justify);
	if ((n = value(root, "kerning")) != NULL)
		shape_bool(r->d, n, &s->kerning);
	if ((n = value(root, "ligatures")) != NULL)
		shape_bool(r->d, n, &s->ligatures);
	get_length(r, root, "paragraph-skip", 0, &s->para_skip);
	if ((map = get_map(r, root, "hyphenation", NULL,
	    "'left:' and 'right:' (the "
	    "fewest letters kept on either side) and 'consecutive:'",
	    hyph_keys)) != NULL) {
		get_int(r, map, "left", 1, 10, &s->hyphen_left);
		get_int(r, map, "right", 1, 10, &s->hyphen_right);
		get_int(r, map, "consecutive", 0, 100, &s->hyphen_run);
	}
	if ((map = get_map(r, root, "lists", NULL, "'indent:', 'bullet:' and "
	    "'check:'", list_keys)) != NULL) {
		get_length(r, map, "indent", 0, &s->list_indent);
		get_text(r, map, "bullet", 0, &s->bullet);
		get_text(r, map, "check", 0, &s->check);
	}
	if ((map = get_map(r, root, "footnotes", NULL,
	    "'rule:' (the width of the "
	    "rule above the notes, 0 for none)", note_keys)) != NULL)
		get_length(r, map, "rule", 0, &s->note_rule_width);
}

/* ---- header and footer ---- */

/* Every {name} in a running text must be one layout.c fills in
 * (running_text). */
static void
check_placeholders(struct reader *r, const struct node *n)
{
	static const char *const names[] = { "title", "part", "chapter",
	    "page", NULL };
	const char *p = n->str, *open, *close;
	struct suggest sg;
	struct diag *dg;
	size_t i, k;

	while ((open = strchr(p, '{')) != NULL &&
	    (close = strchr(open, '}')) != NULL) {
		k = (size_t)(close - open - 1);
		for (i = 0; names[i] != NULL; i++)
			if (strlen(names[i]) == k &&
			    strncmp(open + 1, names[i], k) == 0)
				break;
		if (names[i] == NULL) {
			char *word = arena_strndup(r->a, open + 1, k);

			suggest_init(&sg, word);
			for (i = 0; names[i] != NULL; i++)
				suggest_offer(&sg, names[i]);
			dg = diag_report(r->d, D_BAD_VALUE, node_span_at(n,
			    (size_t)(open - n->str), (size_t)(close + 1 -
			    n->str)), "unknown placeholder '{%s}': use "
			    "{title}, {part}, {chapter} or {page}", word);
			if (sg.best != NULL)
				diag_note(r->d, dg, node_pos_at(n,
				    (size_t)(open - n->str)),
				    "did you mean '{%s}'?", sg.best);
		}
		p = close + 1;
	}
}

/* header: {text: TEXT, align: left|centre|right, size: SIZE,
 * colour: COLOUR}; empty: none. The same for footer. */
static void
parse_running(struct reader *r, const struct node *root, const char *key,
    struct running *out)
{
	static const char *const keys[] = { "text", "align", "size", "colour",
	    NULL };
	static const char *const aligns[] = { [ALIGN_LEFT] = "left",
	    [ALIGN_CENTRE] = "centre", [ALIGN_RIGHT] = "right", NULL };
	const struct node *map, *n = node_get(root, key);
	int align = (int)out->align;

	if (n != NULL && shape_empty(n)) {
		out->text = "";
		return;
	}
	if ((map = get_map(r, root, key, NULL, "'text:', 'align:', 'size:' and "
	    "'colour:'", keys)) == NULL)
		return;
	get_text(r, map, "text", 1, &out->text);
	if ((n = value(map, "text")) != NULL && n->kind == NODE_SCALAR)
		check_placeholders(r, n);
	get_word(r, map, "align", NULL, aligns, &align);
	out->align = (enum align)align;
	get_size(r, map, "size", &out->size);
	get_colour(r, map, "colour", &out->colour);
}

/* ---- the activity table ---- */

/* columns: [F, F, F], fractions of the text width that add up to 1 */
static void
parse_columns(struct reader *r, const struct node *n)
{
	double v[3], sum = 0;
	size_t i;
	int bad = 0;

	if (!shape_expect(r->d, n, NODE_SEQ, "a list of three fractions such "
	    "as [0.3, 0.45, 0.25]"))
		return;
	if (n->nitems != 3) {
		diag_report(r->d, D_BAD_VALUE, n->span, "the activity table "
		    "has 3 columns, not %zu", n->nitems);
		return;
	}
	for (i = 0; i < 3; i++) {
		if (plain_number(r, n->items[i], "a fraction such as 0.3",
		    &v[i]) != 0) {
			bad = 1;
			continue;
		}
		if (v[i] <= 0 || v[i] >= 1) {
			diag_report(r->d, D_BAD_VALUE, n->items[i]->span,
			    "a column is a fraction of the text width between "
			    "0 and 1, not '%s'", n->items[i]->str);
			bad = 1;
		}
		sum += v[i];
	}
	if (bad)
		return;
	if (fabs(sum - 1) > 0.001) {
		diag_report(r->d, D_BAD_VALUE, n->span, "the columns add up to "
		    "%g of the text width, not 1", sum);
		return;
	}
	for (i = 0; i < 3; i++)
		r->s->col[i] = v[i];
}

/* table: {orientation: portrait|landscape, columns: [F, F, F],
 * padding: LENGTH, rule: LENGTH, head-background: COLOUR,
 * head-colour: COLOUR} */
static void
parse_table(struct reader *r, const struct node *root, int landscape)
{
	static const char *const keys[] = { "orientation", "columns",
	    "padding", "rule", "head-background", "head-colour", NULL };
	struct style *s = r->s;
	const struct node *map, *n;
	int want = -1;

	if ((map = get_map(r, root, "table", NULL, "'orientation:', "
	    "'columns:', 'padding:', ...", keys)) == NULL)
		return;
	get_word(r, map, "orientation", NULL, orientations, &want);
	/* table.c turns the table's pages when table_landscape is set:
	 * needed only when the table wants the other way from the pages. */
	if (want >= 0)
		s->table_landscape = want != landscape;
	if ((n = value(map, "columns")) != NULL)
		parse_columns(r, n);
	get_length(r, map, "padding", 0, &s->cell_pad);
	get_length(r, map, "rule", 0, &s->table_rule);
	get_colour(r, map, "head-background", &s->table_head_bg);
	get_colour(r, map, "head-colour", &s->table_head_fg);
}

/* ---- ties ---- */

/* ties: [PATTERN, ...], PCRE2 in UTF mode, as paragraph.c compiles them; the
 * list replaces the built-in one. */
static void
parse_ties(struct reader *r, const struct node *root)
{
	const struct node *n = node_get(root, "ties"), *t;
	struct style *s = r->s;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	pcre2_code *code;
	size_t i;
	int err;

	if (n == NULL)
		return;
	s->nties = 0;
	if (shape_empty(n) || !shape_expect(r->d, n, NODE_SEQ, "a list of "
	    "patterns"))
		return;
	for (i = 0; i < n->nitems; i++) {
		t = n->items[i];
		if (!shape_expect(r->d, t, NODE_SCALAR, "a pattern"))
			continue;
		if (s->nties == STYLE_MAX_TIES) {
			diag_report(r->d, D_BAD_VALUE, t->span, "at most %d "
			    "ties", STYLE_MAX_TIES);
			break;
		}
		code = pcre2_compile((PCRE2_SPTR)t->str, t->len, PCRE2_UTF,
		    &err, &off, NULL);
		if (code == NULL) {
			pcre2_get_error_message(err, msg, sizeof msg);
			diag_report(r->d, D_BAD_PATTERN, node_span_at(t, off,
			    off + 1), "bad pattern in tie: %s",
			    (const char *)msg);
			continue;
		}
		pcre2_code_free(code);
		s->ties[s->nties++] = t->str;
	}
}

/* ---- words ---- */

/* words: {contents: TEXT, continued: TEXT, ...}: words the layout adds,
 * in place of those of the plan's language (lang.c names them), for
 * every plan set in this layout. */
static void
parse_words(struct reader *r, const struct node *root)
{
	const struct node *map;
	size_t i;

	if ((map = get_map(r, root, "words", NULL, "words such as "
	    "'contents:', 'continued:' or 'and:'", lang_word_keys())) == NULL)
		return;
	for (i = 0; i < LW_COUNT; i++)
		get_text(r, map, lang_word_key((enum lang_word)i), 0,
		    &r->s->words[i]);
}

/* ---- the layout file ---- */

static const char *const top_keys[] = { "page", "fonts", "text", "justify",
    "kerning", "ligatures", "paragraph-skip", "hyphenation", "lists", "footnotes", "header",
    "footer", "table", "ties", "words", NULL };

/* Every role's line must leave room on a page: at most a quarter of the
 * text area's height, on turned pages too (parts, the table).
 * Larger type cannot be set sensibly (a heading and the two lines kept
 * with it, a table header and two lines of a row); it is reported at the
 * role's size, or at the page if the size is planc's. */
static void
check_sizes(struct reader *r, const struct node *root)
{
	const struct style *s = r->s;
	const struct text_style *ts;
	double area = s->page_h - s->margin_t - s->margin_b;
	const struct node *text = node_get(root, "text"), *at;
	size_t i;

	if (s->table_landscape || s->turned_parts != 0)
		area = fmin(area, s->page_w - s->margin_t - s->margin_b);
	for (i = 0; role_keys[i] != NULL; i++) {
		ts = role(r->s, i);
		if (ts->size * ts->leading <= area / 4)
			continue;
		at = text != NULL ? node_get(text, role_keys[i]) : NULL;
		at = at != NULL && at->kind == NODE_MAP ?
		    node_get(at, "size") : NULL;
		if (at == NULL)
			at = node_get(root, "page") ? node_get(root, "page") :
			    root;
		diag_report(r->d, D_BAD_VALUE, at->span, "'%s' text of %.4gpt "
		    "with its leading takes %.0fpt a line, more than a "
		    "quarter of the %.0fpt text area", role_keys[i], ts->size,
		    ts->size * ts->leading, area);
	}
}

static void
parse_layout(struct reader *r, const struct node *root)
{
	int landscape;

	if (!shape_expect(r->d, root, NODE_MAP, "a layout (a mapping with "
	    "'page:', 'fonts:', 'text:', ...)"))
		return;
	shape_keys(r->d, root, top_keys, "a layout");
	landscape = parse_page(r, root);
	parse_fonts(r, root);
	parse_text(r, root);
	parse_paragraphs(r, root);
	parse_running(r, root, "header", &r->s->header);
	parse_running(r, root, "footer", &r->s->footer);
	parse_table(r, root, landscape);
	parse_ties(r, root);
	parse_words(r, root);
	check_sizes(r, root);
}

int
style_is_path(const char *name)
{
	size_t n = strlen(name);

	return strchr(name, '/') != NULL ||
	    (n >= 5 && strcmp(name + n - 5, ".yaml") == 0);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
style_layout_names(struct arena *a, const char *datadir, char ***names)
{
	DIR *dir = opendir(arena_printf(a, "%s/layouts", datadir));
	struct dirent *e;
	size_t n = 0, cap = 0, len;

	*names = NULL;
	if (dir == NULL)
		return 0;
	while ((e = readdir(dir)) != NULL) {
		len = strlen(e->d_name);
		if (e->d_name[0] != '.' && len > 5 &&
		    strcmp(e->d_name + len - 5, ".yaml") == 0)
			*ARENA_PUSH(a, *names, n, cap) = arena_strndup(a,
			    e->d_name, len - 5);
	}
	closedir(dir);
	if (n > 1)
		qsort(*names, n, sizeof **names, by_name);
	return n;
}

/* The names of the layouts in datadir/layouts, as "pact and plain", each
 * offered to sg. */
static const char *
known_layouts(struct arena *a, const char *datadir, struct suggest *sg)
{
	char **names;
	const char *list = "";
	size_t n, i;

	/* Saying where planc looked is what helps when there are none (a
	 * binary moved away from its data). */
	if ((n = style_layout_names(a, datadir, &names)) == 0)
		return arena_printf(a, "none (no layouts in '%s/layouts'; "
		    "PLANC_DATADIR names planc's data directory)", datadir);
	for (i = 0; i < n; i++) {
		suggest_offer(sg, names[i]);
		list = arena_printf(a, "%s%s%s", list, i == 0 ? "" :
		    i + 1 == n ? " and " : ", ", names[i]);
	}
	return list;
}

/* 1 if path is a regular file (symlinks followed). Otherwise 0, with
 * errno saying why, or 0 for a FIFO or a device (no message of its own):
 * a directory or a FIFO named as a plan's layout is the plan's error. */
static int
regular(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return 0;
	errno = S_ISDIR(sb.st_mode) ? EISDIR : 0;
	return S_ISREG(sb.st_mode);
}

/* 1 if d holds a diagnostic in the file path. */
static int
reported_in(const struct diags *d, const char *path)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->items[i]->span.file != NULL &&
		    strcmp(d->items[i]->span.file, path) == 0)
			return 1;
	return 0;
}

/* Reads the layout name into s; from: the plan's `layout:` value it came
 * from, or NULL for the command line. */
static enum stage_status
load(struct arena *a, struct sources *srcs, struct diags *d,
    const char *datadir, const char *name, const struct node *from,
    const char *rootdir, struct style *s)
{
	static const struct span no_place = { NULL, 0, 0, 0, 0 };
	struct diags again;
	struct reader r;
	struct suggest sg;
	struct diag *dg;
	const struct node *root;
	const char *path, *known;
	char *real;
	size_t errors;
	enum stage_status st;

	style_default(a, datadir, s);
	if (style_is_path(name)) {
		path = name;
		if (from != NULL && name[0] != '/')
			path = arena_printf(a, "%s%s",
			    source_dir(a, from->span.file), name);
		s->name = path;
		/* A layout file the plan names stays in the project. */
		if (from == NULL)
			rootdir = NULL;
		if (rootdir != NULL && (real = realpath(path, NULL)) != NULL) {
			/* (the root itself is a directory, which the
			 * reading below reports as such) */
			int in = strcmp(real, rootdir) == 0 ||
			    load_inside(rootdir, real);

			if (!in)
				diag_report(d, D_INCLUDE_ESCAPE, from->span,
				    "layout '%s' lies outside the project root: "
				    "it resolves to '%s'", name, real);
			free(real);
			if (!in)
				return STAGE_ERRORS;
		}
	} else {
		rootdir = NULL;	/* planc's own layout */
		path = arena_printf(a, "%s/layouts/%s.yaml", datadir, name);
		s->name = name;
		if (access(path, F_OK) != 0) {
			suggest_init(&sg, name);
			known = known_layouts(a, datadir, &sg);
			/* From the command line there is no place to
			 * point at: a diagnostic without one, and a usage
			 * error (exit 2) rather than the plan's. */
			dg = diag_report(d, D_BAD_VALUE, from != NULL ?
			    from->span : no_place, "unknown layout '%s': planc "
			    "has %s", name, known);
			if (sg.best != NULL)
				diag_note(d, dg, from != NULL ?
				    span_start(from->span) : span_start(no_place),
				    "did you mean '%s'?", sg.best);
			return from == NULL ? STAGE_FAILED : STAGE_ERRORS;
		}
	}
	if (from != NULL && (access(path, R_OK) != 0 || !regular(path))) {
		diag_report(d, D_IO, from->span, "cannot read layout '%s': %s",
		    path, errno ? strerror(errno) : "not a regular file");
		return STAGE_ERRORS;
	}
	/* A layout already read in this compilation (two plans naming the
	 * same one) is read again for s, but its problems are not reported
	 * twice. A file read before but with nothing reported in it (the
	 * plan naming itself as its layout) has its problems reported now:
	 * an exit status of 1 always comes with a message. */
	if (sources_find(srcs, path) != NULL && reported_in(d, path)) {
		memset(&again, 0, sizeof again);
		again.arena = a;
		d = &again;
	}
	errors = d->count[SEV_ERROR];
	if ((st = load_file(a, srcs, d, path, &root)) != STAGE_OK)
		return st;
	if (root == NULL) {
		/* Most likely the wrong file; {} asks for the defaults. */
		diag_report(d, D_WRONG_TYPE, (struct span){ path, 1, 1, 1, 2 },
		    "the file is empty: expected a layout (a mapping with "
		    "'page:', 'fonts:', 'text:', ...; {} for the defaults)");
		return STAGE_ERRORS;
	}
	memset(&r, 0, sizeof r);
	r.a = a;
	r.d = d;
	r.s = s;
	r.dir = source_dir(a, path);
	r.fp = fontpath_new(datadir);
	r.root = rootdir;
	if (rootdir != NULL && (real = realpath(datadir, NULL)) != NULL) {
		r.data_real = arena_strdup(a, real);
		free(real);
	}
	parse_layout(&r, root);
	fontpath_free(r.fp);
	return d->count[SEV_ERROR] > errors ? STAGE_ERRORS : STAGE_OK;
}

enum stage_status
style_load(struct arena *a, struct sources *srcs, struct diags *d,
    const char *datadir, const char *name_or_path, struct style *s)
{
	return load(a, srcs, d, datadir, name_or_path, NULL, NULL, s);
}

enum stage_status
style_load_named(struct arena *a, struct sources *srcs, struct diags *d,
    const char *datadir, const struct node *name, struct style *s)
{
	return load(a, srcs, d, datadir, name->str, name, NULL, s);
}

enum stage_status
style_load_in(struct arena *a, struct sources *srcs, struct diags *d,
    const char *datadir, const struct node *name, const char *root,
    struct style *s)
{
	return load(a, srcs, d, datadir, name->str, name, root, s);
}
