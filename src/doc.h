/* doc.h - laid-out pages: the one contract between the typesetting stage
 * (typeset.c and the layout files) and the PDF writer (pdf.c). Coordinates
 * are PDF points from the page's bottom-left; y is the text baseline. The
 * writer draws exactly what is here and never asks the layout anything. */
#ifndef PLANC_DOC_H
#define PLANC_DOC_H

#include <stddef.h>

#include "style.h"

struct entity;
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

/* One piece of text set in one face and size, on one baseline. */
struct piece {
	double x, y;
	enum face face;
	unsigned char change;	/* enum piece_change */
	double size;
	const char *text;	/* UTF-8, every character present in face */
	size_t len;
	struct colour colour;
	unsigned para;		/* the paragraph it belongs to; 0 none */
	const struct mark *link;	/* a link to this heading, or NULL */
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
	struct mark *marks;
	size_t nmarks, capmarks;
	struct doc_meta meta;
	/* The font file of each face that is set, NULL for the others. */
	const char *font_paths[FACE_COUNT];
};

#endif
