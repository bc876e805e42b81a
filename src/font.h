/* font.h - what layout needs to know about a TrueType font: which
 * characters it has and how wide they are. Read from the font file itself
 * (cmap, hmtx) and checked whole before anything else reads it; shaping.c
 * and pdffont.c hand HarfBuzz the same bytes (font_data), and libharu
 * never reads a font file. */
#ifndef PLANC_FONT_H
#define PLANC_FONT_H

#include <stddef.h>
#include <stdint.h>

struct font;

/* Loads the TrueType file at path. Only a regular file is read (a
 * directory, FIFO or device is refused without blocking). Returns NULL and
 * writes "cannot use font 'PATH': WHY" to err (errlen bytes) if the file
 * cannot be read or is not a TrueType font that both planc and libharu
 * can use safely (see font.c). The file is read once: loading the same
 * path again, while it is unchanged (device, inode, size, modification
 * and change times), gives the same font, until font_cache_flush(). Each
 * load is given back with font_free(). */
struct font *font_load(const char *path, char *err, size_t errlen);

/* The same for len bytes at data, which are copied (the caller keeps
 * data). name stands for the file in the message (and font_path()). */
struct font *font_parse(const unsigned char *data, size_t len,
    const char *name, char *err, size_t errlen);

/* Gives back a font: font_parse's is freed, font_load's kept for the next
 * load of its file until font_cache_flush(). NULL is fine. */
void font_free(struct font *f);

/* Frees the fonts font_load read that nobody holds any more: at the
 * start and end of a compilation, so that the next one (planc watch's)
 * reads its fonts afresh. */
void font_cache_flush(void);

/* 1 if the font has a glyph for cp. */
int font_has(const struct font *f, uint32_t cp);

/* Advance width of cp in 1/1000 em; 0 if the font has no glyph for it.
 * Text is measured shaped (shaping.h, lay_width), never by adding these. */
int font_advance(const struct font *f, uint32_t cp);

/* The font file's bytes as checked (len bytes; valid until font_free), for
 * shaping (shaping.c) and embedding (pdffont.c): the file is read once,
 * so what is embedded is what was checked. */
const unsigned char *font_data(const struct font *f, size_t *len);

/* Units per em (16..16384), the number of glyphs, and a glyph's advance
 * width from hmtx in font units (0 for a glyph id the font lacks). */
unsigned font_units(const struct font *f);
unsigned font_glyph_count(const struct font *f);
unsigned font_glyph_advance(const struct font *f, unsigned gid);

/* Vertical metrics in 1/1000 em: ascender (positive), descender (negative). */
int font_ascender(const struct font *f);
int font_descender(const struct font *f);

#endif
