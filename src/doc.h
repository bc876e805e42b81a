/* doc.h - laid-out pages: the one contract between the typesetting stage
 * (typeset.c and the layout files) and the PDF writer (pdf.c). Coordinates
 * are PDF points from the page's bottom-left; y is the text baseline. The
 * writer draws exactly what is here and never asks the layout anything. */
#ifndef PLANC_DOC_H
#define PLANC_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "style.h"

struct entity;
struct font;
struct mark;

/* The four text faces, then the layout's fallback chain for characters
 * they lack (FACE_FALLBACK + k is the chain's k-th font). */
enum face {
	FACE_REGULAR,
	FACE_BOLD,
	FACE_ITALIC,
	FACE_BOLD_ITALIC,
	FACE_FALLBACK,
	FACE_COUNT = FACE_FALLBACK + STYLE_MAX_FALLBACK
};

/* What a redline (planc build --compare) says of a piece: words the new
 * plan inserted or the old one had, or a note the redline adds ("moved
 * from ..."). An unsigned char in the padding after face, so that a piece
 * does not grow; ordinary builds leave it PIECE_SAME. */
enum piece_change {
	PIECE_SAME,
	PIECE_INSERTED,
	PIECE_DELETED,
	PIECE_NOTE,
	PIECE_CHANGE_COUNT
};

/* What a structure element is in the tagged PDF (its standard structure
 * type, pdftag.c's names), and what a piece of text is: the role of the
 * element it belongs to, or ROLE_ARTIFACT (0, the default) for page
 * furniture that a screen reader skips: running headers and page numbers,
 * leaders, repeated table headers, "(vervolg)". Rules and fills are always
 * artifacts. */
enum role {
	ROLE_ARTIFACT,
	ROLE_DOCUMENT,
	ROLE_PART,		/* a part of the plan */
	ROLE_SECT,		/* a chapter, a section, the cover, the contents */
	ROLE_TITLE,		/* the cover's title */
	ROLE_H1, ROLE_H2, ROLE_H3, ROLE_H4, ROLE_H5, ROLE_H6,
	ROLE_P,
	ROLE_L, ROLE_LI, ROLE_LBL, ROLE_LBODY,
	ROLE_TABLE, ROLE_THEAD, ROLE_TBODY, ROLE_TR, ROLE_TH, ROLE_TD,
	ROLE_CAPTION,
	ROLE_NOTE,		/* a footnote, a child of the text with its mark */
	ROLE_REFERENCE,		/* a footnote's mark in the text */
	ROLE_TOC, ROLE_TOCI,
	ROLE_LINK,
	ROLE_SPAN,		/* words in another language (elem.lang) */
	ROLE_ANNOT,		/* a redline's markup annotation, by its words */
	ROLE_COUNT
};

/* A structure element: doc.elems[0] is the document, every other element
 * names its parent, which comes before it. Which element comes first
 * among siblings is not stored: it is the reading order of their content
 * on the pages (pdftag.c). */
struct elem {
	unsigned parent;	/* index into doc.elems */
	unsigned char role;	/* enum role */
	unsigned char numbering;	/* ROLE_L: enum numbering */
	const char *lang;	/* ROLE_SPAN: a BCP 47 tag; NULL otherwise */
};

/* How a list's items are marked (the ListNumbering attribute): a list of
 * bullets has no labels to read, its bullets are artifacts. */
enum numbering {
	NUMBERING_NONE,		/* labels of its own (✓) */
	NUMBERING_DISC,		/* bullets */
	NUMBERING_DECIMAL,	/* 1. 2. 3. */
	NUMBERING_UPPER_ALPHA,	/* A. B. C. */
	NUMBERING_COUNT
};

/* One glyph of shaped text (shaping.c), in the font's own units: its id in
 * the face's font file, the byte offset in the text of the first character
 * it sets (a ligature sets several: "fi" is one glyph from offset 0 to the
 * next glyph's), where it is drawn relative to the pen, and how far the
 * pen then moves (kerning included). */
struct glyph {
	uint16_t id;
	uint16_t cluster;
	int16_t dx, dy;
	int32_t advance;
};

/* A text shaped in one face: its glyphs in drawing order and their total
 * advance, in font units (units per em). Shared by every piece that sets
 * the same text in the same face and language; lives in the layout's
 * arena. */
struct glyph_run {
	const struct glyph *glyphs;
	size_t n;
	int64_t width;
	unsigned units;
};

/* One piece of text set in one face and size, on one baseline. There is
 * one per word on a page, hundreds of thousands in a long plan: its
 * fields are ordered and narrowed to keep it at 80 bytes (its colour an
 * index into the doc's palette, its face and flags single bytes). */
struct piece {
	double x, y;
	double size;
	const char *text;	/* UTF-8, every character present in face */
	const struct mark *link;	/* a link to this heading, or NULL */
	const char *lang;	/* a run's own language ({lang=en}); NULL:
				 * the document's */
	const struct glyph_run *run;	/* text shaped; set for every piece
				 * once layout is done (layout_plan) */
	unsigned para;		/* the paragraph it belongs to; 0 none */
	unsigned elem;		/* its structure element; 0: an artifact */
	uint32_t len;		/* of text: a word or a line, never 4 GiB */
	unsigned char face;	/* enum face */
	unsigned char change;	/* enum piece_change */
	unsigned char role;	/* enum role: that of elem, or an artifact */
	unsigned char hyphen;	/* ends in a hyphen the line break added */
	unsigned char space;	/* a word space follows it in the text (the
				 * writer draws one, for text extraction) */
	uint16_t colour;	/* index into doc.palette; 0 is black */
};

/* A horizontal rule (footnote separator, table lines). */
struct rule {
	double x, y, width, thickness;
	struct colour colour;
};

/* A filled rectangle (table header backgrounds); x, y its lower left. */
struct fill {
	double x, y, width, height;
	struct colour colour;
};

/* A link area on a page and where it leads: a page and the y of the top
 * of the target there. */
struct link {
	double x0, y0, x1, y1;
	size_t page;		/* index into doc.pages */
	double y;
	const struct mark *to;	/* the heading it was made for */
	unsigned elem;		/* its ROLE_LINK element; 0 none */
};

/* A redline's text-markup annotation: words inserted (/Underline) or
 * removed (/StrikeOut) on one line, so that a viewer's comments panel
 * lists them. The box is the words' (their quadrilateral too). */
struct annot {
	double x0, y0, x1, y1;
	int strike;		/* 1 /StrikeOut, 0 /Underline */
	const char *text;	/* the words, UTF-8 */
	size_t len;
	struct colour colour;
	unsigned elem;		/* its ROLE_ANNOT element; 0 none */
};

struct page {
	struct piece *pieces;
	size_t npieces, cappieces;
	struct rule *rules;
	size_t nrules, caprules;
	struct fill *fills;
	size_t nfills, capfills;
	struct link *links;
	size_t nlinks, caplinks;
	struct annot *annots;
	size_t nannots, capannots;
	double width, height;	/* this page's size (landscape parts) */
	int number;		/* printed page number; 0 = none (the cover) */
	/* For the running header: the part and chapter in force at the top
	 * of the page, or the first to begin on it; a page that opens a
	 * part has no header. */
	const char *part, *chapter;
	int opens_part;
};

/* A heading, for the PDF outline and the table of contents. */
struct mark {
	int level;		/* 0 part, 1 chapter, 2 section */
	const char *title;	/* with its number: "1.1 Strategische ..." */
	const char *number;	/* "DEEL 1", "1.", "1.1" */
	const char *text;	/* the title without its number */
	size_t page;		/* index into pages */
	double y;		/* top of the heading */
	const struct entity *entity;	/* its part, chapter or section */
};

/* What the PDF says about itself (its Info dictionary and /Lang), filled
 * from the plan by the typesetting stage. NULL: none. */
struct doc_meta {
	const char *title, *author, *subject;
	const char *keywords;	/* joined with ", " */
	const char *lang;	/* a BCP 47 tag such as "nl" */
};

struct doc {
	struct page *pages;
	size_t npages, cappages;
	/* The colours pieces are set in (struct piece, colour): [0] black,
	 * then each colour of the layout's roles a piece used, once. */
	const struct colour *palette;
	size_t npalette;
	struct mark *marks;
	size_t nmarks, capmarks;
	struct elem *elems;	/* the structure tree; [0] the document */
	size_t nelems, capelems;
	struct doc_meta meta;
	/* The font file of each face that is set, NULL for the others, and
	 * the font read from it (owned by the typesetting stage). */
	const char *font_paths[FACE_COUNT];
	const struct font *fonts[FACE_COUNT];
	/* Each face's word space, shaped: a tagged PDF draws one after a
	 * piece that a space follows (piece.space). NULL: no font. */
	const struct glyph_run *space[FACE_COUNT];
};

#endif
