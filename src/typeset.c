/* typeset.c - the typesetting stage's entry (see typeset.h): fonts and
 * hyphenation patterns opened once, the layout run, the PDF's metadata
 * taken from the plan, so that the writer needs nothing but the pages. */
#include "typeset.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "font.h"
#include "hyphen.h"
#include "model.h"
#include "node.h"
#include "shaping.h"

static const char *
str_or_null(const struct str *s)
{
	return s->len > 0 ? s->s : NULL;
}

static void
set_meta(struct arena *a, const struct plan_meta *m, struct doc_meta *out)
{
	const char *kw = NULL;
	size_t i;

	out->title = str_or_null(&m->title);
	out->author = str_or_null(&m->author);
	out->subject = str_or_null(&m->subject);
	out->lang = str_or_null(&m->lang);
	for (i = 0; i < m->nkeywords; i++)
		kw = kw == NULL ? m->keywords[i].s :
		    arena_printf(a, "%s, %s", kw, m->keywords[i].s);
	out->keywords = kw;
}

/* Text set without hyphenation looks ragged or gappy: say why, and what
 * to install, at the plan's `lang:` (or its `plan:` when it has none). */
static void
no_patterns(struct diags *d, const struct plan *plan)
{
	const char *lang = plan->meta.lang.s;
	const char *pkg = hyphen_package(lang);

	diag_report(d, D_NO_HYPHENATION, plan->meta.lang.node != NULL ?
	    plan->meta.lang.node->span : plan->meta.span, "no hyphenation "
	    "patterns for '%s' are installed, so the text is set without "
	    "hyphens%s%s%s", lang, pkg ? " (install Debian's " : "",
	    pkg ? pkg : "", pkg ? ")" : "");
}

enum stage_status
typeset_plan(struct arena *a, const struct plan *plan,
    const struct style *st, const struct redline *rl, struct diags *d,
    struct typeset *out)
{
	const char *paths[FACE_COUNT];
	struct shaping_opts opts;
	struct hyphenator *h;
	char err[512];
	size_t i;

	memset(out, 0, sizeof *out);
	memset(paths, 0, sizeof paths);
	paths[FACE_REGULAR] = st->regular;
	paths[FACE_BOLD] = st->bold;
	paths[FACE_ITALIC] = st->italic;
	paths[FACE_BOLD_ITALIC] = st->bold_italic;
	for (i = 0; i < st->nfallback && i < STYLE_MAX_FALLBACK; i++)
		paths[FACE_FALLBACK + i] = st->fallback[i];
	out->fonts.nfallback = i;
	for (i = 0; i < FACE_COUNT; i++) {
		if (paths[i] == NULL)
			continue;
		if ((out->fonts.face[i] = font_load(paths[i], err,
		    sizeof err)) == NULL) {
			/* The layout checked the font; it changed since. */
			struct span whole = { NULL, 0, 0, 0, 0 };

			whole.file = paths[i];
			diag_report(d, D_IO, whole, "%s", err);
			typeset_free(out);
			return STAGE_FAILED;
		}
	}
	opts.kerning = st->kerning;
	opts.ligatures = st->ligatures;
	opts.lang = plan->meta.lang.s;
	out->fonts.shaper = shaping_new(a, out->fonts.face, FACE_COUNT, &opts);
	if ((h = hyphen_open(plan->meta.lang.s, NULL)) == NULL)
		no_patterns(d, plan);
	layout_plan(a, plan, st, &out->fonts, h, rl, d, &out->doc);
	hyphen_close(h);
	set_meta(a, &plan->meta, &out->doc.meta);
	memcpy(out->doc.font_paths, paths, sizeof paths);
	for (i = 0; i < FACE_COUNT; i++) {
		out->doc.fonts[i] = out->fonts.face[i];
		if (out->fonts.face[i] != NULL)
			out->doc.space[i] = shaping_run(out->fonts.shaper,
			    (int)i, NULL, " ", 1);
	}
	return STAGE_OK;
}

void
typeset_dump(const struct typeset *ts, const struct style *st, FILE *f)
{
	layout_dump(&ts->doc, st, &ts->fonts, f);
}

void
typeset_free(struct typeset *ts)
{
	size_t i;

	if (ts == NULL)
		return;
	shaping_free(ts->fonts.shaper);
	ts->fonts.shaper = NULL;
	for (i = 0; i < FACE_COUNT; i++) {
		font_free(ts->fonts.face[i]);
		ts->fonts.face[i] = NULL;
	}
}
