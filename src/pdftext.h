/* pdftext.h - the text of a page's content stream, written by planc: each
 * piece's shaped glyphs as codes of its face's embedded subset, its
 * kerning as TJ adjustments. The operators are gathered in a buffer and
 * appended to the page's content stream once, after libharu has drawn the
 * page's rules and fills. Marked content (BDC ... EMC for a tagged PDF)
 * goes around pieces through pdftext_raw(). */
#ifndef PLANC_PDFTEXT_H
#define PLANC_PDFTEXT_H

#include <hpdf.h>
#include <stddef.h>

#include "doc.h"

struct font;
struct pdffont;

struct pdftext {
	char *buf;		/* malloc'd; pdftext_free() */
	size_t len, cap;
	/* the text state in force, so that it is set only when it changes */
	double x, y;		/* where the current line starts (Td) */
	const char *font;	/* resource name, NULL: none yet */
	double size;
	struct colour colour;
	int colour_set;
};

/* An empty writer (zeroed). */
void pdftext_init(struct pdftext *t);
void pdftext_free(struct pdftext *t);

/* Opens the page's text ("q BT": libharu's graphics state is restored
 * after it) and forgets the text state. */
void pdftext_begin(struct pdftext *t);

/* Sets the fill colour of the pieces drawn next (written only when it
 * changes). */
void pdftext_colour(struct pdftext *t, const struct colour *c);

/* Draws pc in the colour last set: its glyphs (pc->run) as codes of pf, in the font resource
 * named name, with f's own advances as the widths the PDF knows and the
 * difference (kerning) as TJ adjustments. */
void pdftext_piece(struct pdftext *t, const struct piece *pc,
    const char *name, const struct pdffont *pf, const struct font *f);

/* Appends s as it is (an operator the writer has no call for, such as
 * "/P <</MCID 0>> BDC"); the caller keeps the content stream valid. */
void pdftext_raw(struct pdftext *t, const char *s);

/* Closes the text ("ET Q"). */
void pdftext_end(struct pdftext *t);

/* Appends what was written to page's content stream and empties the
 * buffer. Returns HPDF_OK or libharu's error code. */
HPDF_STATUS pdftext_flush(struct pdftext *t, HPDF_Page page);

#endif
