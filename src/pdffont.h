/* pdffont.h - one face embedded in the PDF: the glyphs the pages set,
 * subset with hb-subset, written as a Type0 font (Identity-H) over a
 * CIDFontType2 with its FontFile2, /W widths and a ToUnicode CMap. planc
 * writes these objects itself through libharu's object layer; libharu never
 * loads a TrueType font. */
#ifndef PLANC_PDFFONT_H
#define PLANC_PDFFONT_H

#include <hpdf.h>
#include <stddef.h>

struct font;
struct glyph_run;
struct pdffont;

/* A face to embed from f (which must outlive it); nothing is used yet.
 * Free with pdffont_free(). Out of memory ends the program. */
struct pdffont *pdffont_new(const struct font *f);

void pdffont_free(struct pdffont *pf);

/* Marks the glyphs of run (text shaped from s, len bytes) as used, and
 * records for each glyph not seen before the characters it sets, for the
 * ToUnicode map: a ligature maps to all of its letters. */
void pdffont_use(struct pdffont *pf, const struct glyph_run *run,
    const char *s, size_t len);

/* 1 if any glyph was used. */
int pdffont_used(const struct pdffont *pf);

/* Subsets the font to the glyphs used and adds its objects to pdf. After
 * this, pdffont_cid() gives the codes to draw with and pdffont_dict() the
 * font to select. Returns HPDF_OK; or libharu's error code, or
 * HPDF_INVALID_FONTDEF_DATA when HarfBuzz cannot subset the font. */
HPDF_STATUS pdffont_embed(struct pdffont *pf, HPDF_Doc pdf);

/* The Type0 font dictionary (an indirect object of pdf); NULL before
 * pdffont_embed succeeded. */
HPDF_Dict pdffont_dict(const struct pdffont *pf);

/* The code (CID = glyph id in the subset) that draws glyph gid of the
 * original font; 0 (.notdef) for a glyph not marked used. */
unsigned pdffont_cid(const struct pdffont *pf, unsigned gid);

#endif
