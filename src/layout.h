/* layout.h - the layout files' entry points: a checked plan, its style and
 * its fonts to pages (doc.h). typeset.c calls them; nothing outside the
 * typesetting stage does. */
#ifndef PLANC_LAYOUT_H
#define PLANC_LAYOUT_H

#include <stddef.h>
#include <stdio.h>

#include "doc.h"
#include "source.h"
#include "style.h"

struct arena;
struct diags;
struct plan;
struct font;
struct hyphenator;
struct redline;
struct shaper;

/* The fonts of a layout run and the shaper that measures text in them
 * (shaping.h): widths for line breaking are those of the shaped glyphs. */
struct fonts {
	struct font *face[FACE_COUNT];	/* unused fallback slots NULL */
	size_t nfallback;
	struct shaper *shaper;
};

/* Lays out the whole plan: cover, contents, parts, chapters, sections,
 * footnotes, generated blocks. Characters no face has are reported as
 * D_MISSING_GLYPH warnings at their source position and left out.
 * Everything lives in a. h may be NULL (no hyphenation). rl: a
 * redline's marks (planc build --compare): a summary page after the
 * cover, words inserted and removed marked, removed entities struck
 * through in place; NULL for an ordinary build. Every piece comes
 * out shaped (piece.run). */
void layout_plan(struct arena *a, const struct plan *plan,
    const struct style *st, const struct fonts *fonts, struct hyphenator *h,
    const struct redline *rl, struct diags *d, struct doc *out);

/* Writes the pages as text for tests that assert on breaks and placement:
 * a "page" line with its size and text area, then a line per piece ("y
 * 712.40 x 72.00 w 14.20 p 12 regular 11.0 Het": p numbers paragraphs,
 * w is the shaped width;
 * a redline's piece has "ins ", "del " or "note " before its text),
 * rule, fill, link and annotation; at the end a "mark" line per heading. */
void layout_dump(const struct doc *doc, const struct style *st,
    const struct fonts *fonts, FILE *f);

#endif
