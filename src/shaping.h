/* shaping.h - text to glyphs with HarfBuzz: each face's kerning (GPOS,
 * kern) and standard ligatures applied in the text's language, the same
 * shaped glyphs for measuring (line breaking) and for drawing (pdf.c).
 * Shaped texts are kept, so a word met again costs a look-up. Only this
 * file and pdffont.c (which subsets with hb-subset) include HarfBuzz. */
#ifndef PLANC_SHAPING_H
#define PLANC_SHAPING_H

#include <stddef.h>

#include "doc.h"

struct arena;
struct font;

/* The longest text shaped, in bytes (a glyph's cluster is 16 bits); the
 * rest of a longer one is not set. Pieces are words or lines. */
#define SHAPING_MAX 65535

struct shaper;

/* What the layout turns on: kern and liga are HarfBuzz's defaults. */
struct shaping_opts {
	int kerning;
	int ligatures;
	const char *lang;	/* the document's language ("nl"); NULL: none */
};

/* A shaper for the fonts of each face (n of them, NULL slots unused; the
 * fonts must outlive it). Shaped runs are allocated in a and live as long
 * as it; the shaper's own tables are freed by shaping_free(). Out of
 * memory ends the program (arena_oom). */
struct shaper *shaping_new(struct arena *a, struct font *const *fonts,
    size_t n, const struct shaping_opts *opts);

void shaping_free(struct shaper *sh);

/* s (len bytes of UTF-8) shaped in face, in language lang (NULL: the
 * document's). The same text, face and language give the same run, which
 * belongs to the shaper's arena. Never NULL: a face without a font, or an
 * empty text, gives a run of no glyphs. */
const struct glyph_run *shaping_run(struct shaper *sh, int face,
    const char *lang, const char *s, size_t len);

/* The width of s shaped so, at size points. */
double shaping_width(struct shaper *sh, int face, const char *lang,
    const char *s, size_t len, double size);

/* A run's width at size points. */
double shaping_run_width(const struct glyph_run *r, double size);

/* The width at size points of the glyphs of r that set text[off, off +
 * len) of the text r was shaped from: a glyph counts where its cluster
 * starts (a ligature across off + len counts in full before it). */
double shaping_span_width(const struct glyph_run *r, size_t off, size_t len,
    double size);

#endif
