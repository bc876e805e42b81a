/* style.h - a layout: the house style apart from the content. Page size
 * and margins, fonts per role with their fallback chain, sizes, leading,
 * colours, spacing, list markers, header and footer, the activity table's
 * columns, the ties that keep words on one line and the words it adds in
 * place of the plan's language's. style.c fills it from layouts/NAME.yaml
 * with the loader's positions and diagnostics; main.c hands it to the
 * typesetting stage (typeset.c and the layout's files), which only reads
 * it; pdf.c never sees it. All lengths are PDF points. */
#ifndef PLANC_STYLE_H
#define PLANC_STYLE_H

#include <stddef.h>

#include "diag.h"
#include "lang.h"

struct arena;
struct diags;
struct node;
struct sources;

#define STYLE_MAX_FALLBACK	4
#define STYLE_MAX_TIES		32

struct colour {
	double r, g, b;		/* 0..1 */
};

/* A text role: its size, leading (baseline distance as a multiple of the
 * size), colour and space above. */
struct text_style {
	double size;
	double leading;
	double space_before;
	struct colour colour;
	/* Headings: each begins a page, but for a chapter right under its
	 * part's heading. */
	int new_page;
	/* Headings: what they head shares the page it fits on (one that
	 * fits in the rest of the page is not sent to a new one by
	 * new_page; one that fits on a page is not split). */
	int keep_together;
};

/* One running header or footer: text with {title}, {part}, {chapter},
 * {page} replaced, set left, centred or right. Empty text: nothing. */
enum align { ALIGN_LEFT, ALIGN_CENTRE, ALIGN_RIGHT };

struct running {
	const char *text;
	enum align align;
	double size;
	struct colour colour;
};

#define STYLE_MAX_PARTS 32

struct style {
	const char *name;		/* "pact", or the file's path */

	double page_w, page_h;		/* portrait; orientation swaps them */
	double margin_t, margin_r, margin_b, margin_l;
	int table_landscape;		/* the activity table's pages */
	/* Bit k - 1 set: part k's pages are turned the other way from the
	 * layout's orientation (parts 1 to STYLE_MAX_PARTS). */
	unsigned long turned_parts;

	/* Font files, resolved to absolute paths: the four text faces and
	 * the chain tried, in order, for a character a face lacks. */
	const char *regular, *bold, *italic, *bold_italic;
	const char *fallback[STYLE_MAX_FALLBACK];
	size_t nfallback;

	/* The cover: the title, its tagline, the subtitle lines, the date
	 * and the line at its foot ("Bouwt voort op | ..."). */
	struct text_style body, note, part, chapter, section, cover_title,
	    cover_tagline, cover_subtitle, cover_date, cover_footer, table;
	int justify;			/* body text justified or ragged right */
	int kerning, ligatures;		/* the fonts' kerning pairs and
					 * standard ligatures applied */
	double para_skip;		/* between paragraphs */
	int hyphen_left, hyphen_right;	/* shortest fragments kept */
	int hyphen_run;		/* most hyphenated lines in a row; 0 any */

	double list_indent;
	const char *bullet;		/* "•" */
	const char *check;		/* "✓" */

	double note_rule_width;		/* 0: no rule above footnotes */

	struct running header, footer;

	/* Activity table: column widths as fractions of the text width,
	 * cell padding, rule thickness, header-row background and text. */
	double col[3];
	double cell_pad;
	double table_rule;
	struct colour table_head_bg, table_head_fg;

	/* Ties: PCRE2 patterns; a space inside a match may not break. */
	const char *ties[STYLE_MAX_TIES];
	size_t nties;
	/* The layout's own words (`words:`), for every plan it sets; NULL:
	 * the word of the plan's language (lang.c). */
	const char *words[LW_COUNT];
};

/* The built-in "pact" style with fonts under datadir/fonts. */
void style_default(struct arena *a, const char *datadir, struct style *s);

/* Reads the layout called name (pact, plain: datadir/layouts/NAME.yaml)
 * or at path (anything with a '/' or ending in .yaml) into s, starting from
 * the defaults. Problems are reported to d at their position; a layout
 * already read into the same srcs is read again without reporting them
 * twice. Strings in s are owned by a. Returns STAGE_OK; STAGE_ERRORS if d
 * now holds an error (s is then unusable); STAGE_FAILED if there is no such
 * layout or its file cannot be read (a diagnostic without a place, or an
 * [io] one about the whole file, is in d). */
enum stage_status style_load(struct arena *a, struct sources *srcs,
    struct diags *d, const char *datadir, const char *name_or_path,
    struct style *s);

/* The same for the layout a plan names (name: the text node of its
 * `plan: layout:`): a path is taken relative to the plan's file, and an
 * unknown layout or an unreadable file is the plan's error, reported at
 * name. Returns STAGE_OK or STAGE_ERRORS. */
enum stage_status style_load_named(struct arena *a, struct sources *srcs,
    struct diags *d, const char *datadir, const struct node *name,
    struct style *s);

/* The same, confined to the project root root (a realpath; NULL: not
 * confined): a layout file the plan names, and the font files that layout
 * names, must lie inside it (fonts may also be planc's own; a family found
 * on the system is always allowed), else a D_INCLUDE_ESCAPE error. */
enum stage_status style_load_in(struct arena *a, struct sources *srcs,
    struct diags *d, const char *datadir, const struct node *name,
    const char *root, struct style *s);

/* 1 if name_or_path is a path (has a '/' or ends in .yaml), 0 if it is the
 * name of one of planc's layouts. */
int style_is_path(const char *name_or_path);

/* The names of planc's layouts (datadir/layouts/NAME.yaml), sorted, in
 * *names (owned by a); returns how many. */
size_t style_layout_names(struct arena *a, const char *datadir,
    char ***names);

#endif
