/* pdf.c - writes laid-out pages with libharu: embedded TrueType fonts set
 * through the UTF-8 encoder (only the faces and characters used, with
 * ToUnicode maps that work), links, outlines, page labels, language,
 * metadata; the tagged PDF's objects come from pdftag.c, called at the
 * points marked "tagged PDF". Only this file and font.c know about font
 * files; only this file and pdftag.c include hpdf.h. */
#include "pdf.h"

#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "pdftag.h"
#include "utf8.h"

/* libharu reports errors through a callback; they are sticky, so the first
 * one is kept and everything after it is moot. */
struct hpdf_error {
	HPDF_STATUS code, detail;
};

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	struct hpdf_error *e = data;

	if (e->code == 0) {
		e->code = code;
		e->detail = detail;
	}
}

/* The object API below the public one reports errors by return value
 * only; they are kept like the callback's. */
static void
note(struct hpdf_error *e, HPDF_STATUS code)
{
	if (code != HPDF_OK && e->code == 0)
		e->code = code;
}

static void
set_info(HPDF_Doc pdf, const struct doc_meta *m)
{
	if (m->title != NULL)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, m->title);
	if (m->author != NULL)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, m->author);
	if (m->subject != NULL)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, m->subject);
	if (m->keywords != NULL)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, m->keywords);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "planc");
}

/* CreationDate only when the caller gives one (SOURCE_DATE_EPOCH): without
 * it the PDF carries no date, so identical input gives identical bytes. */
static void
set_date(HPDF_Doc pdf, const struct tm *tm)
{
	HPDF_Date date;

	if (tm == NULL)
		return;
	memset(&date, 0, sizeof date);
	date.year = tm->tm_year + 1900;
	date.month = tm->tm_mon + 1;
	date.day = tm->tm_mday;
	date.hour = tm->tm_hour;
	date.minutes = tm->tm_min;
	date.seconds = tm->tm_sec;
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
}

/* The code points libharu's UTF-8 encoder knows: the Basic Multilingual
 * Plane. */
#define BMP 0x10000

/* The longest piece drawn, in bytes (longer ones are cut). */
#define PIECE_MAX 4095

/* The characters each face sets, a bit per code point: only faces that set
 * something are embedded, and only with these characters' widths, glyph
 * ids and Unicode mappings. */
struct usage {
	unsigned char cp[FACE_COUNT][BMP / 8];
	int used[FACE_COUNT];	/* sets at least one character */
};

static int
usage_has(const unsigned char *set, uint32_t cp)
{
	return cp < BMP && (set[cp >> 3] >> (cp & 7) & 1);
}

/* The bytes of a piece that draw_page hands to libharu. */
static size_t
piece_len(const struct piece *pc)
{
	return pc->len < PIECE_MAX ? pc->len : PIECE_MAX;
}

/* Fills u from every piece of every page, with the word spaces drawn
 * after pieces if spaces. */
static void
usage_collect(const struct doc *doc, struct usage *u, int spaces)
{
	size_t i, j, k, n, len;
	uint32_t cp;

	memset(u, 0, sizeof *u);
	for (i = 0; i < doc->npages; i++)
		for (j = 0; j < doc->pages[i].npieces; j++) {
			const struct piece *pc = &doc->pages[i].pieces[j];

			len = piece_len(pc);
			for (k = 0; k < len; k += n) {
				if ((n = utf8_decode(pc->text + k, len - k,
				    &cp)) == 0)
					n = 1;
				else if (cp < BMP)
					u->cp[pc->face][cp >> 3] |=
					    (unsigned char)(1u << (cp & 7));
			}
			/* Whatever its characters, draw_page needs the
			 * face of every piece that is not empty. */
			if (len > 0)
				u->used[pc->face] = 1;
			if (len > 0 && spaces && pc->space)
				u->cp[pc->face][' ' >> 3] |=
				    (unsigned char)(1u << (' ' & 7));
		}
}

/* Writes operators libharu has no call for (marked content) into page's
 * content stream as they are: the one place that does. libharu's own
 * calls before and after are not disturbed, as these change no graphics
 * or text state. An empty string writes nothing. */
static void
raw(HPDF_Page page, const char *ops)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;

	if (*ops != '\0' && attr != NULL && attr->stream != NULL)
		HPDF_Stream_WriteStr(attr->stream, ops);
}

/* Draws page pg (doc.pages[index]); tag is NULL for an untagged PDF. */
static void
draw_page(HPDF_Doc pdf, HPDF_Page page, const struct page *pg, size_t index,
    HPDF_Font fonts[FACE_COUNT], struct pdftag *tag)
{
	enum face face = FACE_COUNT;
	double size = 0;
	struct colour colour = { 0, 0, 0 };
	char buf[PIECE_MAX + 2];
	size_t i;

	(void)pdf;
	/* tagged PDF: rules and fills are decoration. */
	if (tag != NULL && pg->nfills + pg->nrules > 0)
		raw(page, pdftag_artifact_begin());
	for (i = 0; i < pg->nfills; i++) {
		const struct fill *f = &pg->fills[i];
		HPDF_Page_SetRGBFill(page, (HPDF_REAL)f->colour.r,
		    (HPDF_REAL)f->colour.g, (HPDF_REAL)f->colour.b);
		HPDF_Page_Rectangle(page, (HPDF_REAL)f->x, (HPDF_REAL)f->y,
		    (HPDF_REAL)f->width, (HPDF_REAL)f->height);
		HPDF_Page_Fill(page);
	}
	HPDF_Page_SetRGBFill(page, 0, 0, 0);
	for (i = 0; i < pg->nrules; i++) {
		const struct colour *c = &pg->rules[i].colour;
		HPDF_Page_SetRGBStroke(page, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
		    (HPDF_REAL)c->b);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)pg->rules[i].thickness);
		HPDF_Page_MoveTo(page, (HPDF_REAL)pg->rules[i].x,
		    (HPDF_REAL)pg->rules[i].y);
		HPDF_Page_LineTo(page, (HPDF_REAL)(pg->rules[i].x +
		    pg->rules[i].width), (HPDF_REAL)pg->rules[i].y);
		HPDF_Page_Stroke(page);
	}
	if (tag != NULL && pg->nfills + pg->nrules > 0)
		raw(page, pdftag_artifact_end());
	HPDF_Page_BeginText(page);
	for (i = 0; i < pg->npieces; i++) {
		const struct piece *pc = &pg->pieces[i];
		size_t n = piece_len(pc);

		if (n == 0)
			continue;
		if (memcmp(&pc->colour, &colour, sizeof colour) != 0) {
			colour = pc->colour;
			HPDF_Page_SetRGBFill(page, (HPDF_REAL)colour.r,
			    (HPDF_REAL)colour.g, (HPDF_REAL)colour.b);
		}
		if (pc->face != face || pc->size != size) {
			face = pc->face;
			size = pc->size;
			HPDF_Page_SetFontAndSize(page, fonts[face],
			    (HPDF_REAL)size);
		}
		memcpy(buf, pc->text, n);
		/* tagged PDF: the space after a word is drawn (it shows
		 * nothing; the next piece has its own place), so that the
		 * text read from the structure has its words apart. */
		if (tag != NULL && pc->space)
			buf[n++] = ' ';
		buf[n] = '\0';
		/* tagged PDF: each piece in its element's marked content. */
		if (tag != NULL)
			raw(page, pdftag_piece(tag, index, pc));
		HPDF_Page_TextOut(page, (HPDF_REAL)pc->x, (HPDF_REAL)pc->y, buf);
	}
	if (tag != NULL)
		raw(page, pdftag_close(tag));
	HPDF_Page_EndText(page);
}

/*
 * libharu 2.3.0 writes three things for a TrueType font with the UTF-8
 * encoder (Type0 font, Identity-H, character code = CID = the Unicode code
 * point) that planc replaces before saving, through the object API under
 * the public one (hpdf_font.h, hpdf_objects.h):
 *
 * - /ToUnicode: a copy of its encoding CMap, which maps codes to CIDs
 *   with "begincidrange" (and a one-byte notdefrange in a two-byte code
 *   space). A ToUnicode CMap must map codes to Unicode with bfchar or
 *   bfrange; poppler warns "Invalid 'begincidrange' operator in ToUnicode
 *   CMap" for every font and ignores the map.
 * - /W: the width of every character the font has (DejaVu Sans: 23 KB
 *   compressed), where the characters set are enough.
 * - /CIDToGIDMap: a glyph for every code point up to the font's highest,
 *   where those set are enough; the rest map to glyph 0 (.notdef).
 *
 * Both libharu's /W and map also stop one short of the highest code
 * point. The glyphs embedded are already only those set (libharu marks
 * them as text is measured for drawing).
 */

/* Writes s to a libharu stream; nonzero on failure. */
static HPDF_STATUS
put(HPDF_Stream st, const char *s)
{
	return HPDF_Stream_WriteStr(st, s);
}

/* One block of at most 100 bfranges, each mapping codes to themselves. */
static HPDF_STATUS
bfranges(HPDF_Stream st, const uint32_t *from, const uint32_t *to, size_t n)
{
	char line[64];
	HPDF_STATUS rc;
	size_t i;

	snprintf(line, sizeof line, "%zu beginbfrange\n", n);
	rc = put(st, line);
	for (i = 0; i < n && rc == HPDF_OK; i++) {
		snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n",
		    (unsigned)from[i], (unsigned)to[i], (unsigned)from[i]);
		rc = put(st, line);
	}
	return rc == HPDF_OK ? put(st, "endbfrange\n") : rc;
}

/* The ToUnicode CMap for the characters in set: each run of code points
 * one bfrange. A range may not cross a change of its first byte, and a
 * block holds at most 100 ranges. */
static HPDF_STATUS
to_unicode(HPDF_Stream st, const unsigned char *set)
{
	static const char head[] =
	    "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
	static const char tail[] =
	    "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\n"
	    "end\n";
	uint32_t from[100], to[100], cp, end;
	HPDF_STATUS rc;
	size_t n = 0;

	rc = put(st, head);
	for (cp = 0; cp < BMP && rc == HPDF_OK; cp = end + 1) {
		end = cp;
		if (!usage_has(set, cp))
			continue;
		while ((end + 1) % 256 != 0 && usage_has(set, end + 1))
			end++;
		from[n] = cp;
		to[n++] = end;
		if (n == 100) {
			rc = bfranges(st, from, to, n);
			n = 0;
		}
	}
	if (rc == HPDF_OK && n > 0)
		rc = bfranges(st, from, to, n);
	return rc == HPDF_OK ? put(st, tail) : rc;
}

/* /W: the widths of the characters in set, a [first [w ...]] per run. */
static HPDF_STATUS
widths(HPDF_Font font, HPDF_FontDef def, const unsigned char *set)
{
	HPDF_Array w, run = NULL;
	HPDF_STATUS rc = HPDF_OK;
	uint32_t cp;

	if ((w = HPDF_Array_New(font->mmgr)) == NULL)
		return HPDF_Error_GetCode(font->error);
	for (cp = 0; cp < BMP && rc == HPDF_OK; cp++) {
		if (!usage_has(set, cp)) {
			run = NULL;
			continue;
		}
		if (run == NULL) {
			rc = HPDF_Array_AddNumber(w, (HPDF_INT32)cp);
			if (rc == HPDF_OK && (run = HPDF_Array_New(font->mmgr))
			    == NULL)
				rc = HPDF_Error_GetCode(font->error);
			if (rc == HPDF_OK)
				rc = HPDF_Array_Add(w, run);
		}
		if (rc == HPDF_OK)
			rc = HPDF_Array_AddNumber(run, HPDF_TTFontDef_GetGidWidth(
			    def, HPDF_TTFontDef_GetGlyphid(def,
			    (HPDF_UINT16)cp)));
	}
	/* Replaces (and frees) libharu's array; frees w on failure. */
	return rc == HPDF_OK ? HPDF_Dict_Add(font, "W", w) : rc;
}

/* /CIDToGIDMap: two bytes, the glyph id, per code point up to the highest
 * in set; 0 for those not set. */
static HPDF_STATUS
gid_map(HPDF_Stream st, HPDF_FontDef def, const unsigned char *set)
{
	unsigned char g[2];
	HPDF_UINT16 gid;
	HPDF_STATUS rc = HPDF_OK;
	uint32_t cp, max = 0;

	for (cp = 0; cp < BMP; cp++)
		if (usage_has(set, cp))
			max = cp;
	for (cp = 0; cp <= max && rc == HPDF_OK; cp++) {
		gid = usage_has(set, cp) ?
		    HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) : 0;
		g[0] = (unsigned char)(gid >> 8);
		g[1] = (unsigned char)gid;
		rc = HPDF_Stream_Write(st, g, 2);
	}
	return rc;
}

/* Rewrites font's /ToUnicode, /W and /CIDToGIDMap (see above) for the
 * characters in set. A font that is not the kind described above is left
 * alone. The streams are rewritten in place: a new stream would be one
 * more object in libharu's cross-reference table, written even when
 * nothing refers to it. Returns HPDF_OK or libharu's error code; on
 * failure the font is half rewritten and the document must not be saved. */
static HPDF_STATUS
slim_font(HPDF_Font font, const unsigned char *set)
{
	HPDF_FontAttr attr = font->attr;
	HPDF_Dict cid, map, cmap;
	HPDF_STATUS rc;

	if (attr == NULL || attr->type != HPDF_FONT_TYPE0_TT ||
	    (cid = attr->descendant_font) == NULL ||
	    (map = attr->map_stream) == NULL ||
	    (cmap = attr->cmap_stream) == NULL ||
	    map->stream == NULL || cmap->stream == NULL ||
	    map->stream->type != HPDF_STREAM_MEMORY ||
	    cmap->stream->type != HPDF_STREAM_MEMORY)
		return HPDF_OK;
	/* The keys of an encoding CMap's dictionary have no place on a
	 * ToUnicode stream (one that is absent is no error). */
	HPDF_Dict_RemoveElement(cmap, "Type");
	HPDF_Dict_RemoveElement(cmap, "CMapName");
	HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(cmap, "WMode");
	HPDF_MemStream_FreeData(cmap->stream);
	if ((rc = to_unicode(cmap->stream, set)) != HPDF_OK)
		return rc;
	HPDF_MemStream_FreeData(map->stream);
	if ((rc = gid_map(map->stream, attr->fontdef, set)) != HPDF_OK)
		return rc;
	return widths(cid, attr->fontdef, set);
}

/* A link annotation per link area, without a border: the contents and the
 * references in the text look like text. A destination needs its page
 * object, so this runs after every page exists. */
static void
links(const struct doc *doc, HPDF_Page *pages, struct pdftag *tag)
{
	size_t i, j;

	for (i = 0; i < doc->npages; i++) {
		const struct page *pg = &doc->pages[i];

		for (j = 0; j < pg->nlinks; j++) {
			const struct link *l = &pg->links[j];
			HPDF_Rect r;
			HPDF_Destination dst;
			HPDF_Annotation annot;

			if (l->page >= doc->npages)
				continue;
			dst = HPDF_Page_CreateDestination(pages[l->page]);
			/* Zoom 1, as the outlines: libharu refuses 0 ("keep
			 * the reader's zoom"). */
			HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)l->y, 1);
			r.left = (HPDF_REAL)l->x0;
			r.bottom = (HPDF_REAL)l->y0;
			r.right = (HPDF_REAL)l->x1;
			r.top = (HPDF_REAL)l->y1;
			annot = HPDF_Page_CreateLinkAnnot(pages[i], r, dst);
			HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
			/* tagged PDF: the annotation in its Link element. */
			if (tag != NULL)
				pdftag_annot(tag, i, annot, l->elem);
		}
	}
}

/* A redline's text-markup annotations: /Underline for inserted words,
 * /StrikeOut for removed ones, with the words as /Contents and "planc" as
 * /T, so that a viewer's comments panel lists the changes. libharu 2.3.0
 * has all of it (HPDF_Page_CreateUnderlineAnnot, ..._SetQuadPoints,
 * HPDF_MarkupAnnot_SetTitle). Its quadrilateral is written as the points
 * are given; they go in the order viewers read (Acrobat's, not the
 * specification's counter-clockwise one): top left, top right, bottom
 * left, bottom right. The layout draws the lines itself, so that the PDF
 * reads the same in a viewer that draws no annotations; a viewer that
 * does would draw them twice, so every annotation's appearance (/AP /N)
 * is one empty form XObject, written here by hand: libharu has no call
 * for appearances. */
static void
annots(HPDF_Doc pdf, const struct doc *doc, HPDF_Page *pages,
    struct pdftag *tag)
{
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	HPDF_Dict blank = NULL;
	HPDF_Array bbox;
	size_t i, j;

	for (i = 0; i < doc->npages && blank == NULL; i++)
		if (doc->pages[i].nannots > 0) {
			if ((blank = HPDF_DictStream_New(pdf->mmgr, pdf->xref))
			    == NULL || (bbox = HPDF_Array_New(pdf->mmgr)) ==
			    NULL)
				return;
			HPDF_Dict_AddName(blank, "Type", "XObject");
			HPDF_Dict_AddName(blank, "Subtype", "Form");
			HPDF_Array_AddReal(bbox, 0);
			HPDF_Array_AddReal(bbox, 0);
			HPDF_Array_AddReal(bbox, 1);
			HPDF_Array_AddReal(bbox, 1);
			HPDF_Dict_Add(blank, "BBox", bbox);
		}

	for (i = 0; i < doc->npages; i++) {
		const struct page *pg = &doc->pages[i];

		for (j = 0; j < pg->nannots; j++) {
			const struct annot *an = &pg->annots[j];
			HPDF_Rect r;
			HPDF_Point tl, tr, bl, br;
			HPDF_RGBColor c;
			HPDF_Annotation annot;
			HPDF_Dict ap;
			char *text = xmalloc(an->len + 1);

			memcpy(text, an->text, an->len);
			text[an->len] = '\0';
			r.left = (HPDF_REAL)an->x0;
			r.bottom = (HPDF_REAL)an->y0;
			r.right = (HPDF_REAL)an->x1;
			r.top = (HPDF_REAL)an->y1;
			annot = an->strike ?
			    HPDF_Page_CreateStrikeOutAnnot(pages[i], r, text,
			    enc) : HPDF_Page_CreateUnderlineAnnot(pages[i], r,
			    text, enc);
			free(text);
			if (annot == NULL)
				return;
			tl.x = bl.x = r.left;
			tr.x = br.x = r.right;
			tl.y = tr.y = r.top;
			bl.y = br.y = r.bottom;
			HPDF_TextMarkupAnnot_SetQuadPoints(annot, tl, tr, bl, br);
			HPDF_MarkupAnnot_SetTitle(annot, "planc");
			c.r = (HPDF_REAL)an->colour.r;
			c.g = (HPDF_REAL)an->colour.g;
			c.b = (HPDF_REAL)an->colour.b;
			HPDF_Annot_SetRGBColor(annot, c);
			if ((ap = HPDF_Dict_New(pdf->mmgr)) == NULL)
				return;
			HPDF_Dict_Add(ap, "N", blank);
			HPDF_Dict_Add(annot, "AP", ap);
			if (tag != NULL)
				pdftag_annot(tag, i, annot, an->elem);
		}
	}
}

/* Page labels, so that a reader's page box shows the printed numbers: a
 * range starts wherever the numbering does not simply go on from the page
 * before. A page without a number (the cover) gets a label without /S,
 * which PDF defines as a label that is only its prefix, here none; libharu
 * has no call for that, hence the catalog's own HPDF_Catalog_AddPageLabel.
 * Returns HPDF_OK or libharu's error code. */
static HPDF_STATUS
page_labels(HPDF_Doc pdf, const struct doc *doc)
{
	HPDF_STATUS rc = HPDF_OK;
	HPDF_Dict label;
	size_t i;
	int n, prev = -1;

	for (i = 0; i < doc->npages && rc == HPDF_OK; i++) {
		n = doc->pages[i].number > 0 ? doc->pages[i].number : 0;
		if (n == 0 && prev != 0) {
			if ((label = HPDF_Dict_New(pdf->mmgr)) == NULL)
				return HPDF_Error_GetCode(&pdf->error);
			rc = HPDF_Catalog_AddPageLabel(pdf->catalog,
			    (HPDF_UINT)i, label);
		} else if (n > 0 && (prev <= 0 || n != prev + 1))
			rc = HPDF_AddPageLabel(pdf, (HPDF_UINT)i,
			    HPDF_PAGE_NUM_STYLE_DECIMAL, (HPDF_UINT)n, NULL);
		prev = n;
	}
	return rc;
}

/* /Lang in the catalog (the language of the text, for screen readers and
 * hyphenation in readers), a string such as (nl). libharu 2.3.0 has no
 * call for it; the catalog is an ordinary dictionary of its object API.
 * Anything but letters, digits and hyphens (a BCP 47 tag) is left out.
 * Returns HPDF_OK or libharu's error code. */
static HPDF_STATUS
set_lang(HPDF_Doc pdf, const char *lang)
{
	const char *p;

	if (lang == NULL || *lang == '\0')
		return HPDF_OK;
	for (p = lang; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-'))
			return HPDF_OK;
	/* /Lang is PDF 1.4; libharu writes 1.3 unless told otherwise. */
	if (pdf->pdf_version < HPDF_VER_14)
		pdf->pdf_version = HPDF_VER_14;
	return HPDF_Dict_Add(pdf->catalog, "Lang",
	    HPDF_String_New(pdf->mmgr, lang, NULL));
}

/* Outlines mirror the headings: parts hold chapters, chapters sections. */
static void
outlines(HPDF_Doc pdf, const struct doc *doc, HPDF_Page *pages)
{
	HPDF_Outline parent[3] = { NULL, NULL, NULL }, o;
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	size_t i;

	for (i = 0; i < doc->nmarks; i++) {
		const struct mark *m = &doc->marks[i];
		HPDF_Destination dst;
		HPDF_Outline up = m->level > 0 ? parent[m->level - 1] : NULL;

		if (m->level < 0 || m->level > 2 || m->page >= doc->npages)
			continue;
		/* A NULL parent is the outline root. */
		o = HPDF_CreateOutline(pdf, up, m->title, enc);
		dst = HPDF_Page_CreateDestination(pages[m->page]);
		HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)m->y, 1);
		HPDF_Outline_SetDestination(o, dst);
		HPDF_Outline_SetOpened(o, m->level == 0);
		parent[m->level] = o;
		if (m->level < 2)
			parent[m->level + 1] = NULL;
	}
}

enum stage_status
pdf_write(const struct doc *doc, const struct tm *created, int tagged,
    struct diags *d, unsigned char **out, size_t *outlen)
{
	static const struct span no_place = { NULL, 0, 0, 0, 0 };
	const char *const *paths = doc->font_paths;
	struct hpdf_error err = { 0, 0 };
	HPDF_Doc pdf;
	HPDF_Font fonts[FACE_COUNT];
	HPDF_Page *pages;
	struct usage *usage;
	struct pdftag *tag = tagged ? pdftag_new(doc) : NULL;
	HPDF_UINT32 size, got;
	const char *culprit = NULL;
	size_t i;
	int rc = -1;

	*out = NULL;
	*outlen = 0;
	if ((pdf = HPDF_New(on_error, &err)) == NULL)
		arena_oom();
	/* Compression must be chosen before fonts and pages exist. */
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	memset(fonts, 0, sizeof fonts);
	usage = xmalloc(sizeof *usage);
	usage_collect(doc, usage, tag != NULL);
	for (i = 0; i < FACE_COUNT && err.code == 0; i++) {
		const char *name;

		/* A face nothing is set in (often bold italic) would still
		 * be embedded: its tables, widths and glyph map, some 30 KB. */
		if (paths[i] == NULL || !usage->used[i])
			continue;
		/* font.c has checked what libharu reads; should libharu
		 * still refuse the file (it can return NULL without an
		 * error, e.g. at the end of a file that changed since), the
		 * message names the font and nothing is drawn without it. */
		name = HPDF_LoadTTFontFromFile(pdf, paths[i],
		    HPDF_TRUE);
		fonts[i] = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
		if (fonts[i] == NULL || err.code != 0) {
			culprit = paths[i];
			if (err.code == 0)
				err.code = HPDF_INVALID_FONTDEF_DATA;
		}
	}
	set_info(pdf, &doc->meta);
	set_date(pdf, created);
	pages = xmalloc((doc->npages + 1) * sizeof *pages);
	for (i = 0; i < doc->npages && err.code == 0; i++) {
		pages[i] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(pages[i], (HPDF_REAL)doc->pages[i].width);
		HPDF_Page_SetHeight(pages[i], (HPDF_REAL)doc->pages[i].height);
		draw_page(pdf, pages[i], &doc->pages[i], i, fonts, tag);
	}
	for (i = 0; i < FACE_COUNT && err.code == 0; i++)
		if (fonts[i] != NULL) {
			note(&err, slim_font(fonts[i], usage->cp[i]));
			if (err.code != 0)
				culprit = paths[i];
		}
	if (err.code == 0)
		links(doc, pages, tag);
	if (err.code == 0)
		annots(pdf, doc, pages, tag);
	if (err.code == 0)
		outlines(pdf, doc, pages);
	if (err.code == 0)
		note(&err, page_labels(pdf, doc));
	if (err.code == 0)
		note(&err, set_lang(pdf, doc->meta.lang));
	if (err.code == 0 && doc->nmarks > 0)
		HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	/* tagged PDF: the structure tree and the document's marks. */
	if (err.code == 0 && tag != NULL)
		note(&err, pdftag_write(tag, pdf, pages, created));
	if (err.code == 0)
		HPDF_SaveToStream(pdf);
	if (err.code == 0) {
		size = HPDF_GetStreamSize(pdf);
		*out = xmalloc(size ? size : 1);
		*outlen = 0;
		HPDF_ResetStream(pdf);
		while (*outlen < size && err.code == 0) {
			got = size - (HPDF_UINT32)*outlen;
			if (HPDF_ReadFromStream(pdf, *out + *outlen, &got) !=
			    HPDF_OK && got == 0)
				break;
			*outlen += got;
		}
		if (*outlen == size)
			rc = 0;
	}
	if (rc != 0 && culprit != NULL) {
		struct span whole = { NULL, 0, 0, 0, 0 };

		whole.file = culprit;
		diag_report(d, D_PDF, whole, "the PDF library cannot embed this "
		    "font (error 0x%04X, detail %u)", (unsigned)err.code,
		    (unsigned)err.detail);
	} else if (rc != 0) {
		/* The fonts' files are read again when the PDF is saved. */
		const char *fonts_used = "";

		for (i = 0; i < FACE_COUNT; i++)
			if (fonts[i] != NULL)
				fonts_used = arena_printf(d->arena, "%s%s'%s'",
				    fonts_used, *fonts_used ? ", " : "; fonts ",
				    paths[i]);
		diag_report(d, D_PDF, no_place, "the PDF library failed (error "
		    "0x%04X, detail %u%s)", (unsigned)err.code,
		    (unsigned)err.detail, fonts_used);
	}
	if (rc != 0) {
		free(*out);
		*out = NULL;
	}
	free(pages);
	free(usage);
	pdftag_free(tag);
	HPDF_Free(pdf);
	return rc == 0 ? STAGE_OK : STAGE_FAILED;
}
