/* typeset.h - the typesetting stage: a checked plan and its style to laid-out
 * pages (doc.h). It loads the fonts and the hyphenation patterns, runs the
 * layout, and hands back pages that the PDF writer only has to draw. */
#ifndef PLANC_TYPESET_H
#define PLANC_TYPESET_H

#include <stdio.h>

#include "doc.h"
#include "layout.h"

struct arena;
struct diags;
struct plan;
struct redline;
struct style;

/* A typeset plan: its pages and the fonts they were measured with. */
struct typeset {
	struct doc doc;
	struct fonts fonts;
};

/* Typesets plan in style st into out; everything but the fonts lives in a.
 * Problems in the plan itself (a character no font has) are reported to d
 * as warnings. Returns STAGE_OK, or STAGE_FAILED after an [io] error in d
 * when a font cannot be loaded (out then holds nothing to free). Free with
 * typeset_free(). rl: a redline to mark (planc build --compare, see
 * layout_plan), NULL for an ordinary build. */
enum stage_status typeset_plan(struct arena *a, const struct plan *plan,
    const struct style *st, const struct redline *rl, struct diags *d,
    struct typeset *out);

/* Writes the pages as text (layout_dump: --dump-layout). */
void typeset_dump(const struct typeset *ts, const struct style *st, FILE *f);

/* Frees the fonts and the shaper; the pages and their shaped glyphs go
 * with the arena (pdf_write reads doc.fonts, so it runs before). NULL is
 * fine. */
void typeset_free(struct typeset *ts);

#endif
