/* pdf.c - writes laid-out pages: libharu keeps the document's structure
 * (pages, rules and fills, links and annotations, outlines, page labels,
 * language, metadata, compression); the text and its fonts are planc's
 * own (pdftext.c draws shaped glyphs, pdffont.c embeds each face as a
 * subset), and so are the tagged PDF's objects (pdftag.c, called at the
 * points marked "tagged PDF") and the file's last form, with object
 * streams (pdfpack.c). libharu never loads a TrueType font. Only the
 * pdf*.c files include hpdf.h. */
#include "pdf.h"

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "pdffont.h"
#include "pdfpack.h"
#include "pdftag.h"
#include "pdftext.h"

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

/* The page's content stream, compressed once the page is drawn. libharu
 * keeps every page's stream as written until the save and deflates it
 * only then: at thousands of pages the text of all of them (about 28 KB
 * a page) would be held at once. Here it is deflated as libharu would
 * (zlib's default level, its default window, one stream) and libharu,
 * which has no call for a stream already compressed, is told so through
 * the contents dictionary's write_fn: libharu 2.3.0 writes a stream's
 * /Filter entry from dict->filter first, then calls write_fn, then copies
 * the data through the filter in dict->filter. Setting the filter to none
 * there writes these bytes as they are under the same /Filter
 * /FlateDecode, so the file is byte for byte what libharu would write. */
static HPDF_STATUS
deflated_write(HPDF_Dict dict, HPDF_Stream out)
{
	(void)out;
	dict->filter = HPDF_STREAM_FILTER_NONE;
	return HPDF_OK;
}

/* Compresses page's content stream now (see deflated_write). Leaves the
 * page as it is when libharu's state is not the one this relies on: a
 * page libharu would still write to at the save (a path or text object
 * left open), a stream that is not deflated or already has a write_fn. */
static HPDF_STATUS
deflate_page(HPDF_Page page)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_Dict contents;
	HPDF_Stream s;
	HPDF_UINT i, n, len;
	HPDF_STATUS rc;
	z_stream z;
	unsigned char *buf;
	uLong bound;

	if (attr == NULL || (contents = attr->contents) == NULL ||
	    (s = contents->stream) == NULL || s != attr->stream ||
	    s->type != HPDF_STREAM_MEMORY ||
	    attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION ||
	    contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
	    contents->write_fn != NULL || HPDF_Stream_Size(s) == 0)
		return HPDF_OK;
	memset(&z, 0, sizeof z);
	if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK)
		arena_oom();
	bound = deflateBound(&z, HPDF_Stream_Size(s));
	buf = xmalloc(bound);
	z.next_out = buf;
	z.avail_out = (uInt)bound;
	n = HPDF_MemStream_GetBufCount(s);
	for (i = 0; i < n; i++) {
		HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, i, &len);

		if (p == NULL)
			break;
		z.next_in = p;
		z.avail_in = len;
		while (z.avail_in > 0)
			if (deflate(&z, Z_NO_FLUSH) != Z_OK)
				break;
	}
	rc = i == n && deflate(&z, Z_FINISH) == Z_STREAM_END ? HPDF_OK :
	    HPDF_ZLIB_ERROR;
	if (rc == HPDF_OK) {
		HPDF_MemStream_FreeData(s);
		rc = HPDF_Stream_Write(s, buf, (HPDF_UINT)z.total_out);
		contents->write_fn = deflated_write;
	}
	deflateEnd(&z);
	free(buf);
	return rc;
}

/* The faces set on the pages, each to be embedded as a subset of the
 * glyphs it draws (pdffont.c), with the word space after pieces if spaces;
 * NULL for a face nothing is set in. */
static void
fonts_collect(const struct doc *doc, struct pdffont *pf[FACE_COUNT],
    int spaces)
{
	size_t i, j;

	for (i = 0; i < doc->npages; i++)
		for (j = 0; j < doc->pages[i].npieces; j++) {
			const struct piece *pc = &doc->pages[i].pieces[j];

			if (pc->run == NULL || pc->run->n == 0 ||
			    doc->fonts[pc->face] == NULL)
				continue;
			if (pf[pc->face] == NULL)
				pf[pc->face] = pdffont_new(doc->fonts[pc->face]);
			pdffont_use(pf[pc->face], pc->run, pc->text, pc->len);
			if (spaces && pc->space && doc->space[pc->face] != NULL)
				pdffont_use(pf[pc->face], doc->space[pc->face],
				    " ", 1);
		}
}

/* The colour pc is set in: its entry of the doc's palette; black for a
 * doc without one. */
static const struct colour *
piece_colour(const struct doc *doc, const struct piece *pc)
{
	static const struct colour black = { 0, 0, 0 };

	return pc->colour < doc->npalette ? &doc->palette[pc->colour] :
	    &black;
}

/* Fills and rules through libharu, then the text through pdftext.c (a
 * piece's face is embedded whenever the piece has glyphs), of page pg
 * (doc.pages[index]); tag is NULL for an untagged PDF. Returns HPDF_OK or
 * libharu's error code. */
static HPDF_STATUS
draw_page(HPDF_Page page, const struct page *pg, size_t index,
    const struct doc *doc, struct pdffont *pf[FACE_COUNT], struct pdftext *t,
    struct pdftag *tag)
{
	const char *names[FACE_COUNT];
	size_t i;

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
	memset(names, 0, sizeof names);
	pdftext_begin(t);
	for (i = 0; i < pg->npieces; i++) {
		const struct piece *pc = &pg->pieces[i];
		struct pdffont *f = pf[pc->face];

		if (pc->run == NULL || pc->run->n == 0 || f == NULL ||
		    pdffont_dict(f) == NULL)
			continue;
		/* The page's resource name for the face's font. */
		if (names[pc->face] == NULL &&
		    (names[pc->face] = HPDF_Page_GetLocalFontName(page,
		    pdffont_dict(f))) == NULL)
			return HPDF_FAILD_TO_ALLOC_MEM;
		/* tagged PDF: each piece in its element's marked content. */
		if (tag != NULL)
			pdftext_raw(t, pdftag_piece(tag, index, pc));
		pdftext_colour(t, piece_colour(doc, pc));
		pdftext_piece(t, pc, names[pc->face], f, doc->fonts[pc->face]);
		/* tagged PDF: the space after a word is drawn (it shows
		 * nothing; the next piece has its own place), so that the
		 * text read from the structure has its words apart. */
		if (tag != NULL && pc->space && doc->space[pc->face] != NULL) {
			struct piece sp = *pc;

			sp.run = doc->space[pc->face];
			sp.text = " ";
			sp.len = 1;
			sp.x = pc->x + (double)pc->run->width * pc->size /
			    pc->run->units;
			pdftext_piece(t, &sp, names[pc->face], f,
			    doc->fonts[pc->face]);
		}
	}
	/* tagged PDF: the last marked content ends with the text. */
	if (tag != NULL)
		pdftext_raw(t, pdftag_close(tag));
	pdftext_end(t);
	return pdftext_flush(t, page);
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
	struct pdffont *pf[FACE_COUNT];
	unsigned char used[FACE_COUNT];	/* pf[i] was made (for a message) */
	struct pdftext text;
	HPDF_Page *pages;
	struct pdftag *tag = tagged ? pdftag_new(doc) : NULL;
	HPDF_UINT32 size, got;
	const char *culprit = NULL;
	const struct pdfpack_obj *own = NULL;
	size_t i, nown = 0;
	int rc = -1;

	*out = NULL;
	*outlen = 0;
	if ((pdf = HPDF_New(on_error, &err)) == NULL)
		arena_oom();
	/* Compression must be chosen before fonts and pages exist. */
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	/* For the outlines' and the Info dictionary's strings; the text on
	 * the pages is glyphs (pdftext.c). */
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	memset(pf, 0, sizeof pf);
	memset(used, 0, sizeof used);
	pdftext_init(&text);
	/* Only the faces something is set in are embedded, each with only
	 * the glyphs set (a face with none, often bold italic, would cost its
	 * whole font). */
	fonts_collect(doc, pf, tag != NULL);
	for (i = 0; i < FACE_COUNT && err.code == 0; i++)
		if (pf[i] != NULL) {
			note(&err, pdffont_embed(pf[i], pdf));
			if (err.code != 0)
				culprit = paths[i];
		}
	set_info(pdf, &doc->meta);
	set_date(pdf, created);
	pages = xmalloc((doc->npages + 1) * sizeof *pages);
	for (i = 0; i < doc->npages && err.code == 0; i++) {
		pages[i] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(pages[i], (HPDF_REAL)doc->pages[i].width);
		HPDF_Page_SetHeight(pages[i], (HPDF_REAL)doc->pages[i].height);
		if (err.code == 0)
			note(&err, draw_page(pages[i], &doc->pages[i], i, doc,
			    pf, &text, tag));
		if (err.code == 0)
			note(&err, deflate_page(pages[i]));
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
		note(&err, HPDF_SaveToStream(pdf));
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
		/* Only a whole PDF counts: a save that wrote nothing (or was
		 * cut short) must not become an empty output file. */
		if (*outlen == size && size >= 5 && memcmp(*out, "%PDF-", 5) == 0)
			rc = 0;
	}
	/* The structure tree's objects, which planc writes itself, stay
	 * until the repacking has put them into the file. libharu's objects,
	 * the pages' content streams among them, are freed before it
	 * allocates its own copy of the file: at thousands of pages the two
	 * would otherwise add up. */
	if (tag != NULL)
		own = pdftag_objects(tag, &nown);
	for (i = 0; i < FACE_COUNT; i++)
		if (pf[i] != NULL) {
			used[i] = 1;
			pdffont_free(pf[i]);
			pf[i] = NULL;
		}
	pdftext_free(&text);
	free(pages);
	pages = NULL;
	HPDF_Free(pdf);
	pdf = NULL;
	/* Object streams, and planc's own objects. Should the repacking
	 * decline, libharu's own file is a good PDF too, only a larger one;
	 * but not without the structure tree a tagged file names. */
	if (rc == 0) {
		unsigned char *packed;
		size_t packedlen;

		if (pdfpack(*out, *outlen, own, nown, &packed,
		    &packedlen) == 0) {
			free(*out);
			*out = packed;
			*outlen = packedlen;
		} else if (nown > 0) {
			rc = -1;
			err.code = HPDF_INVALID_DOCUMENT;
		}
	}
	pdftag_free(tag);
	tag = NULL;
	/* libharu out of memory (its own allocation, or zlib's inside it:
	 * Z_MEM_ERROR, -4, as the detail) is planc out of memory (exit 2 and
	 * the one message), not a [pdf] error of the plan's fonts. */
	if (rc != 0 && (err.code == HPDF_FAILD_TO_ALLOC_MEM ||
	    (err.code == HPDF_ZLIB_ERROR && (int)err.detail == -4)))
		arena_oom();
	if (rc != 0 && culprit != NULL) {
		struct span whole = { NULL, 0, 0, 0, 0 };

		whole.file = culprit;
		diag_report(d, D_PDF, whole, "cannot embed this font: "
		    "subsetting or writing it failed (error 0x%04X)",
		    (unsigned)err.code);
	} else if (rc != 0) {
		const char *fonts_used = "";

		for (i = 0; i < FACE_COUNT; i++)
			if (used[i])
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
	return rc == 0 ? STAGE_OK : STAGE_FAILED;
}
