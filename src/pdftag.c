/* pdftag.c - the tagged PDF (PDF/UA-1): the objects libharu 2.3.0 has no
 * call for, written through its object API (the seam of issue 11: planc
 * writes what libharu lacks, libharu keeps pages, annotations, outlines,
 * compression and the cross-reference table). From doc.elems and the
 * pieces' elements it makes the marked-content operators that pdf.c puts
 * into the content streams, then the structure tree in reading order, its
 * ParentTree and IDTree, /StructParents and /Tabs, MarkInfo,
 * ViewerPreferences and the XMP metadata with pdfuaid:part 1. */
#include "pdftag.h"

#include <hpdf_objects.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "doc.h"
#include "utf8.h"

/* The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4) by role;
 * Title is PDF 2.0's, mapped to H1 in the RoleMap. */
static const char *const role_name[ROLE_COUNT] = {
	"Artifact", "Document", "Part", "Sect", "Title",
	"H1", "H2", "H3", "H4", "H5", "H6",
	"P", "L", "LI", "Lbl", "LBody",
	"Table", "THead", "TBody", "TR", "TH", "TD", "Caption",
	"Note", "Reference", "TOC", "TOCI", "Link", "Span", "Annot"
};

/* Room for need items of size bytes at *p (malloc'd, of *cap). */
static void
grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	*cap = need * 2;
	if (*cap > SIZE_MAX / size)
		arena_oom();
	*p = xrealloc(*p, *cap * size);
}

#define PUSH(arr, n, cap) \
	(grow((void **)&(arr), &(cap), (n) + 1, sizeof *(arr)), &(arr)[(n)++])

/* A marked-content sequence: its element, page and MCID. They are kept
 * in the order drawn, which is the order in which a page is read (the
 * layout places text in reading order; footnotes come at a page's foot
 * and are put back after their text by the tree's order, below). */
struct mcr {
	unsigned elem;
	unsigned page;
	unsigned mcid;
};

/* A link annotation and its Link element. */
struct objr {
	unsigned elem;
	unsigned page;
	HPDF_Annotation annot;
};

struct pdftag {
	const struct doc *doc;
	struct mcr *mcrs;
	size_t nmcrs, capmcrs;
	struct objr *objrs;
	size_t nobjrs, capobjrs;
	/* The open sequence: its page, element (0: an artifact) and
	 * whether it holds one piece only (one with an /ActualText). */
	int open, alone;
	unsigned open_elem;
	size_t page;
	unsigned next_mcid;	/* on page */
	char *ops;		/* what pdftag_piece returns */
	size_t capops;
	/* The text of each Link element, for its annotation's /Contents
	 * (nlink_text of them: doc.nelems). */
	char **link_text;
	size_t nlink_text;
};

struct pdftag *
pdftag_new(const struct doc *doc)
{
	struct pdftag *t;

	t = xmalloc(sizeof *t);
	memset(t, 0, sizeof *t);
	t->doc = doc;
	t->nlink_text = doc->nelems;
	t->link_text = xmalloc((doc->nelems + 1) * sizeof *t->link_text);
	memset(t->link_text, 0, (doc->nelems + 1) * sizeof *t->link_text);
	return t;
}

void
pdftag_free(struct pdftag *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nlink_text; i++)
		free(t->link_text[i]);
	free(t->link_text);
	free(t->mcrs);
	free(t->objrs);
	free(t->ops);
	free(t);
}

/* ---- the content streams ---- */

/* Appends s (n bytes) to the operators being made, at *len. */
static void
ops_add(struct pdftag *t, size_t *len, const char *s, size_t n)
{
	if (*len + n + 1 > t->capops) {
		t->capops = (*len + n + 1) * 2;
		t->ops = xrealloc(t->ops, t->capops);
	}
	memcpy(t->ops + *len, s, n);
	*len += n;
	t->ops[*len] = '\0';
}

static void
ops_str(struct pdftag *t, size_t *len, const char *s)
{
	ops_add(t, len, s, strlen(s));
}

/* s as a PDF text string in UTF-16BE, hex: <FEFF...>. */
static void
ops_utf16(struct pdftag *t, size_t *len, const char *s, size_t n)
{
	char hex[16];
	uint32_t cp;
	size_t i, k;

	ops_str(t, len, "<FEFF");
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		if (cp >= 0x10000)
			snprintf(hex, sizeof hex, "%04X%04X",
			    (unsigned)(0xD800 + ((cp - 0x10000) >> 10)),
			    (unsigned)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
		else
			snprintf(hex, sizeof hex, "%04X", (unsigned)cp);
		ops_str(t, len, hex);
	}
	ops_str(t, len, ">");
}

/* Keeps the text of a Link element's pieces, words apart by one space. */
static void
link_text_add(struct pdftag *t, const struct piece *pc)
{
	char **s = &t->link_text[pc->elem];
	size_t old = *s != NULL ? strlen(*s) : 0, len = pc->len;

	while (len > 0 && pc->text[len - 1] == ' ')
		len--;
	if (len == 0)
		return;
	*s = xrealloc(*s, old + len + 2);
	if (old > 0)
		(*s)[old++] = ' ';
	memcpy(*s + old, pc->text, len);
	(*s)[old + len] = '\0';
}

const char *
pdftag_piece(struct pdftag *t, size_t page, const struct piece *pc)
{
	const struct doc *doc = t->doc;
	unsigned elem = pc->elem < doc->nelems ? pc->elem : 0;
	size_t len = 0;
	char head[64];
	struct mcr *m;

	if (elem != 0 && doc->elems[elem].role == ROLE_LINK)
		link_text_add(t, pc);
	if (page != t->page) {
		t->page = page;
		t->next_mcid = 0;
		t->open = 0;
	}
	if (t->open && !t->alone && !pc->hyphen && t->open_elem == elem)
		return "";
	ops_str(t, &len, pdftag_close(t));
	t->open = 1;
	t->open_elem = elem;
	t->alone = pc->hyphen;
	if (elem == 0) {
		ops_str(t, &len, "/Artifact <</Type /Pagination>> BDC\n");
		return t->ops;
	}
	m = PUSH(t->mcrs, t->nmcrs, t->capmcrs);
	m->elem = elem;
	m->page = (unsigned)page;
	m->mcid = t->next_mcid++;
	snprintf(head, sizeof head, "/%s <</MCID %u",
	    role_name[doc->elems[elem].role], m->mcid);
	ops_str(t, &len, head);
	/* A word broken at the line's end reads without the hyphen the
	 * break added: "kinder-" is "kinder", and "opvang" follows. */
	if (pc->hyphen && pc->len > 0) {
		ops_str(t, &len, " /ActualText ");
		ops_utf16(t, &len, pc->text, pc->len - 1);
	}
	ops_str(t, &len, ">> BDC\n");
	return t->ops;
}

const char *
pdftag_close(struct pdftag *t)
{
	if (!t->open)
		return "";
	t->open = 0;
	return "EMC\n";
}

const char *
pdftag_artifact_begin(void)
{
	return "/Artifact <</Type /Layout>> BDC\n";
}

const char *
pdftag_artifact_end(void)
{
	return "EMC\n";
}

void
pdftag_annot(struct pdftag *t, size_t page, HPDF_Annotation annot,
    unsigned elem)
{
	struct objr *o;

	if (annot == NULL || elem == 0 || elem >= t->doc->nelems)
		return;
	o = PUSH(t->objrs, t->nobjrs, t->capobjrs);
	o->elem = elem;
	o->page = (unsigned)page;
	o->annot = annot;
}

/* ---- the structure tree ---- */

/* A kid of a structure element, to be put in reading order: an element,
 * a marked-content sequence or an annotation. */
struct kid {
	size_t key;		/* the first of its sequences in drawing order */
	unsigned char rank;	/* 0 a Lbl, 1 most, 2 a Note */
	unsigned char kind;	/* KID_* */
	unsigned idx;		/* into doc.elems, mcrs or objrs */
};

enum { KID_ELEM, KID_MCR, KID_OBJR };

/* Reading order among siblings is the order of their first sequences on
 * the pages, but for two things the pages do not say: a list item's label
 * is drawn after its first line yet read before it, and a footnote, drawn
 * at the page's foot, is read after the text that holds its mark. */
static int
by_reading(const void *x, const void *y)
{
	const struct kid *a = x, *b = y;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* libharu's object calls report failure by returning NULL or a code; the
 * first failure is kept and every call after it does nothing. */
struct w {
	HPDF_Doc pdf;
	HPDF_STATUS rc;
};

static void
w_fail(struct w *w)
{
	if (w->rc == HPDF_OK)
		w->rc = HPDF_Error_GetCode(&w->pdf->error) ?
		    HPDF_Error_GetCode(&w->pdf->error) : HPDF_FAILD_TO_ALLOC_MEM;
}

static void
w_check(struct w *w, HPDF_STATUS rc)
{
	if (rc != HPDF_OK && w->rc == HPDF_OK)
		w->rc = rc;
}

/* A new dictionary; indirect (an object of its own) if asked. */
static HPDF_Dict
w_dict(struct w *w, int indirect)
{
	HPDF_Dict d;

	if (w->rc != HPDF_OK)
		return NULL;
	if ((d = HPDF_Dict_New(w->pdf->mmgr)) == NULL) {
		w_fail(w);
		return NULL;
	}
	if (indirect)
		w_check(w, HPDF_Xref_Add(w->pdf->xref, d));
	return d;
}

static HPDF_Array
w_array(struct w *w)
{
	HPDF_Array a;

	if (w->rc != HPDF_OK)
		return NULL;
	if ((a = HPDF_Array_New(w->pdf->mmgr)) == NULL)
		w_fail(w);
	return a;
}

static void
w_add(struct w *w, HPDF_Dict d, const char *key, void *obj)
{
	if (w->rc != HPDF_OK)
		return;
	if (obj == NULL)
		w_fail(w);
	else
		w_check(w, HPDF_Dict_Add(d, key, obj));
}

static void
w_name(struct w *w, HPDF_Dict d, const char *key, const char *name)
{
	if (w->rc == HPDF_OK)
		w_check(w, HPDF_Dict_AddName(d, key, name));
}

static void
w_number(struct w *w, HPDF_Dict d, const char *key, HPDF_INT32 n)
{
	if (w->rc == HPDF_OK)
		w_check(w, HPDF_Dict_AddNumber(d, key, n));
}

static void
w_push(struct w *w, HPDF_Array a, void *obj)
{
	if (w->rc != HPDF_OK)
		return;
	if (obj == NULL)
		w_fail(w);
	else
		w_check(w, HPDF_Array_Add(a, obj));
}

static void *w_string(struct w *w, const char *s);

/* A text string: as it is if ASCII (the same in PDFDocEncoding), else in
 * UTF-16BE (libharu writes that as hex). */
static void *
w_text(struct w *w, const char *s)
{
	size_t n = strlen(s), i, k, len = 2;
	unsigned char *b;
	uint32_t cp;
	void *obj;

	if (w->rc != HPDF_OK)
		return NULL;
	for (i = 0; i < n && (unsigned char)s[i] >= 0x20 &&
	    (unsigned char)s[i] < 0x7F; i++)
		;
	if (i == n)
		return w_string(w, s);
	b = xmalloc(2 * n + 2 + 4);
	b[0] = 0xFE;
	b[1] = 0xFF;
	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0 || cp >= 0x10000) {
			k = k ? k : 1;
			cp = 0xFFFD;	/* libharu's fonts set no more either */
		}
		b[len++] = (unsigned char)(cp >> 8);
		b[len++] = (unsigned char)cp;
	}
	obj = HPDF_Binary_New(w->pdf->mmgr, b, (HPDF_UINT)len);
	free(b);
	if (obj == NULL)
		w_fail(w);
	return obj;
}

/* A byte string (an ID, a language tag: ASCII). */
static void *
w_string(struct w *w, const char *s)
{
	void *obj;

	if (w->rc != HPDF_OK)
		return NULL;
	if ((obj = HPDF_String_New(w->pdf->mmgr, s, NULL)) == NULL)
		w_fail(w);
	return obj;
}

/* The reading order: for every element, the first of its sequences
 * (SIZE_MAX: none), and which elements are written (live): those with
 * text, their ancestors and the empty cells of rows with text, so that a
 * table keeps its columns. */
static void
order(const struct pdftag *t, const unsigned *up, size_t *first,
    unsigned char *live)
{
	const struct doc *doc = t->doc;
	size_t i, n = doc->nelems;
	unsigned e, *last;

	for (i = 0; i < n; i++)
		first[i] = SIZE_MAX;
	memset(live, 0, n);
	live[0] = 1;
	for (i = 0; i < t->nmcrs; i++)
		for (e = t->mcrs[i].elem; ; e = up[e]) {
			live[e] = 1;
			if (first[e] > i)
				first[e] = i;
			if (e == 0)
				break;
		}
	/* An element that holds only annotations (a redline's Annot) is
	 * there as well, and so are the elements above it. */
	for (i = 0; i < t->nobjrs; i++)
		for (e = t->objrs[i].elem; e != 0 && !live[e]; e = up[e])
			live[e] = 1;
	/* An empty cell, or an element of annotations only, reads where it
	 * stands: after the sibling made before it. */
	last = xmalloc(n * sizeof *last);
	for (i = 0; i < n; i++)
		last[i] = 0;
	for (i = 1; i < n; i++) {
		unsigned p = up[i];

		if ((doc->elems[i].role == ROLE_TD ||
		    doc->elems[i].role == ROLE_TH) && live[p])
			live[i] = 1;
		if (!live[i])
			continue;
		if (first[i] == SIZE_MAX)
			first[i] = last[p] != 0 ? first[last[p]] : first[p];
		last[p] = (unsigned)i;
	}
	free(last);
}

/* The kids of every live element in reading order: kids[at[e]..at[e+1]). */
static struct kid *
kids_of(const struct pdftag *t, const unsigned *up, const size_t *first,
    const unsigned char *live, size_t *at)
{
	const struct doc *doc = t->doc;
	size_t n = doc->nelems, i, total, *fill;
	struct kid *kids, *k;

	memset(at, 0, (n + 1) * sizeof *at);
	for (i = 1; i < n; i++)
		if (live[i])
			at[up[i] + 1]++;
	for (i = 0; i < t->nmcrs; i++)
		at[t->mcrs[i].elem + 1]++;
	for (i = 0; i < t->nobjrs; i++)
		at[t->objrs[i].elem + 1]++;
	for (i = 0; i < n; i++)
		at[i + 1] += at[i];
	total = at[n];
	kids = xmalloc((total + 1) * sizeof *kids);
	fill = xmalloc((n + 1) * sizeof *fill);
	memcpy(fill, at, (n + 1) * sizeof *fill);
	for (i = 1; i < n; i++)
		if (live[i]) {
			k = &kids[fill[up[i]]++];
			k->key = first[i];
			k->rank = doc->elems[i].role == ROLE_LBL ? 0 :
			    doc->elems[i].role == ROLE_NOTE ? 2 : 1;
			k->kind = KID_ELEM;
			k->idx = (unsigned)i;
		}
	for (i = 0; i < t->nmcrs; i++) {
		k = &kids[fill[t->mcrs[i].elem]++];
		k->key = i;
		k->rank = 1;
		k->kind = KID_MCR;
		k->idx = (unsigned)i;
	}
	/* A link's annotation follows its text. */
	for (i = 0; i < t->nobjrs; i++) {
		k = &kids[fill[t->objrs[i].elem]++];
		k->key = SIZE_MAX;
		k->rank = 1;
		k->kind = KID_OBJR;
		k->idx = (unsigned)i;
	}
	free(fill);
	for (i = 0; i < n; i++)
		if (at[i + 1] - at[i] > 1)
			qsort(kids + at[i], at[i + 1] - at[i], sizeof *kids,
			    by_reading);
	return kids;
}

/* A paragraph alone in a list item's body, a table cell or a caption is
 * written as that element's content (a structure element costs some 70
 * bytes, and most list items hold one paragraph): its sequences and
 * children move up to the parent, and it is no longer written. */
static void
flatten(struct pdftag *t, unsigned *up, unsigned char *live)
{
	const struct doc *doc = t->doc;
	size_t n = doc->nelems, i;
	unsigned *nkids = xmalloc(n * sizeof *nkids), *into;

	into = xmalloc(n * sizeof *into);
	memset(nkids, 0, n * sizeof *nkids);
	for (i = 1; i < n; i++)
		if (live[i])
			nkids[up[i]]++;
	/* Sequences of its own make an element more than a wrapper. */
	for (i = 0; i < t->nmcrs; i++)
		nkids[t->mcrs[i].elem] += 2;
	for (i = 0; i < t->nobjrs; i++)
		nkids[t->objrs[i].elem] += 2;
	for (i = 0; i < n; i++) {
		unsigned p = up[i];
		unsigned char pr = doc->elems[p].role;

		into[i] = (unsigned)i;
		if (i == 0 || !live[i] || doc->elems[i].role != ROLE_P ||
		    nkids[p] != 1 || !(pr == ROLE_LBODY || pr == ROLE_TD ||
		    pr == ROLE_TH || pr == ROLE_CAPTION))
			continue;
		into[i] = p;
		live[i] = 0;
	}
	for (i = 1; i < n; i++)
		up[i] = into[up[i]];
	for (i = 0; i < t->nmcrs; i++)
		t->mcrs[i].elem = into[t->mcrs[i].elem];
	free(nkids);
	free(into);
}

/* The ID of a Note: sorted as its element's index, as an IDTree's names
 * must be. */
static void
note_id(char *buf, size_t size, size_t elem)
{
	snprintf(buf, size, "note%08zu", elem);
}

/* The most items planc puts in one array: PDF readers may refuse more
 * than 8191 (ISO 32000-1, annex C), libharu more than 32767. An element
 * with more kids holds them in NonStruct elements (grouping that readers
 * look through) of this many; the ParentTree and IDTree split into kids
 * of this many pairs. */
#define ARRAY_MAX 4000

/* Who holds what in the tree being written: the dictionary whose /K holds
 * each element, sequence and annotation (its parent, or a NonStruct). */
struct holders {
	HPDF_Dict *elem, *mcr, *objr;
};

/* Adds kid k to the /K of container (held in array arr, or as the only
 * kid if arr is NULL), whose page is pg (-1 none). */
static void
put_kid(struct w *w, const struct pdftag *t, HPDF_Dict container,
    HPDF_Array arr, long pg, const struct kid *k, HPDF_Dict *dicts,
    HPDF_Page *pages, struct holders *h)
{
	void *obj = NULL;
	HPDF_Dict a;

	if (k->kind == KID_ELEM) {
		obj = dicts[k->idx];
		h->elem[k->idx] = container;
	} else if (k->kind == KID_MCR && (long)t->mcrs[k->idx].page == pg) {
		h->mcr[k->idx] = container;
		if (w->rc == HPDF_OK && (obj = HPDF_Number_New(w->pdf->mmgr,
		    (HPDF_INT32)t->mcrs[k->idx].mcid)) == NULL)
			w_fail(w);
	} else if (k->kind == KID_MCR) {
		/* A sequence on another page than its element's. */
		h->mcr[k->idx] = container;
		obj = a = w_dict(w, 0);
		w_name(w, a, "Type", "MCR");
		w_add(w, a, "Pg", pages[t->mcrs[k->idx].page]);
		w_number(w, a, "MCID", (HPDF_INT32)t->mcrs[k->idx].mcid);
	} else {
		const struct objr *o = &t->objrs[k->idx];

		h->objr[k->idx] = container;
		obj = a = w_dict(w, 0);
		w_name(w, a, "Type", "OBJR");
		w_add(w, a, "Obj", o->annot);
		w_add(w, a, "Pg", pages[o->page]);
	}
	if (arr != NULL)
		w_push(w, arr, obj);
	else
		w_add(w, container, "K", obj);
}

/* Fills the kids of element e's dictionary d (page pg, -1 none), in
 * NonStruct groups of ARRAY_MAX if there are more. */
static void
put_kids(struct w *w, const struct pdftag *t, HPDF_Dict d, long pg,
    const struct kid *kids, size_t nkids, HPDF_Dict *dicts, HPDF_Page *pages,
    struct holders *h)
{
	HPDF_Array arr, inner;
	HPDF_Dict group;
	size_t i, j;

	if (nkids == 1) {
		put_kid(w, t, d, NULL, pg, &kids[0], dicts, pages, h);
		return;
	}
	arr = w_array(w);
	w_add(w, d, "K", arr);
	if (nkids <= ARRAY_MAX) {
		for (i = 0; i < nkids; i++)
			put_kid(w, t, d, arr, pg, &kids[i], dicts, pages, h);
		return;
	}
	for (i = 0; i < nkids; i += ARRAY_MAX) {
		group = w_dict(w, 1);
		w_push(w, arr, group);
		w_name(w, group, "S", "NonStruct");
		w_add(w, group, "P", d);
		if (pg >= 0)
			w_add(w, group, "Pg", pages[pg]);
		inner = w_array(w);
		w_add(w, group, "K", inner);
		for (j = i; j < nkids && j < i + ARRAY_MAX; j++)
			put_kid(w, t, group, inner, pg, &kids[j], dicts, pages,
			    h);
	}
}

/* Fills element e's dictionary: its type, page, kids and attributes (its
 * /P is known once its parent's kids are: see pdftag_write). */
static void
write_elem(struct w *w, const struct pdftag *t, size_t e, HPDF_Dict *dicts,
    HPDF_Page *pages, const struct kid *kids, size_t nkids,
    struct holders *h)
{
	const struct elem *el = &t->doc->elems[e];
	HPDF_Dict d = dicts[e], a;
	long pg = -1;
	size_t i;

	w_name(w, d, "S", role_name[el->role]);
	for (i = 0; i < nkids && pg < 0; i++)
		if (kids[i].kind == KID_MCR)
			pg = (long)t->mcrs[kids[i].idx].page;
	if (pg >= 0)
		w_add(w, d, "Pg", pages[pg]);
	if (nkids > 0)
		put_kids(w, t, d, pg, kids, nkids, dicts, pages, h);
	if (el->role == ROLE_L && el->numbering != NUMBERING_NONE &&
	    el->numbering < NUMBERING_COUNT) {
		static const char *const numbering[NUMBERING_COUNT] = {
			"None", "Disc", "Decimal", "UpperAlpha"
		};

		a = w_dict(w, 0);
		w_name(w, a, "O", "List");
		w_name(w, a, "ListNumbering", numbering[el->numbering]);
		w_add(w, d, "A", a);
	} else if (el->role == ROLE_TH) {
		/* The header cells head their columns. */
		a = w_dict(w, 0);
		w_name(w, a, "O", "Table");
		w_name(w, a, "Scope", "Column");
		w_add(w, d, "A", a);
	} else if (el->role == ROLE_SPAN && el->lang != NULL)
		w_add(w, d, "Lang", w_string(w, el->lang));
	else if (el->role == ROLE_NOTE) {
		char id[32];

		note_id(id, sizeof id, e);
		w_add(w, d, "ID", w_string(w, id));
	}
}

/* A key and value of a number or name tree. */
struct pair {
	HPDF_INT32 num;		/* a number tree's key */
	char name[32];		/* a name tree's key */
	void *value;
};

/* A number tree (names 0) or name tree (names 1) of the n pairs, sorted
 * by key: a dictionary of them all, or of kids of ARRAY_MAX / 2 pairs
 * each with their /Limits. */
static HPDF_Dict
pair_tree(struct w *w, const struct pair *v, size_t n, int names)
{
	const char *key = names ? "Names" : "Nums";
	HPDF_Dict tree = w_dict(w, 1), leaf;
	HPDF_Array kids = NULL, arr, limits;
	size_t per = ARRAY_MAX / 2, i, j;

	if (n > per) {
		kids = w_array(w);
		w_add(w, tree, "Kids", kids);
	}
	for (i = 0; i < n || (i == 0 && kids == NULL); i += per) {
		leaf = tree;
		if (kids != NULL) {
			leaf = w_dict(w, 1);
			w_push(w, kids, leaf);
			limits = w_array(w);
			w_add(w, leaf, "Limits", limits);
			j = i + per < n ? i + per - 1 : n - 1;
			if (names) {
				w_push(w, limits, w_string(w, v[i].name));
				w_push(w, limits, w_string(w, v[j].name));
			} else if (w->rc == HPDF_OK) {
				w_check(w, HPDF_Array_AddNumber(limits, v[i].num));
				w_check(w, HPDF_Array_AddNumber(limits, v[j].num));
			}
		}
		arr = w_array(w);
		w_add(w, leaf, key, arr);
		for (j = i; j < n && j < i + per && w->rc == HPDF_OK; j++) {
			if (names)
				w_push(w, arr, w_string(w, v[j].name));
			else
				w_check(w, HPDF_Array_AddNumber(arr, v[j].num));
			w_push(w, arr, v[j].value);
		}
		if (n == 0)
			break;
	}
	return tree;
}

/* The ParentTree: for each page with marked content, the elements that
 * hold its sequences, by MCID; for each annotation, the element that
 * holds it. Sets the pages' /StructParents and the annotations'
 * /StructParent and /Contents. */
static HPDF_Dict
parent_tree(struct w *w, const struct pdftag *t, const struct holders *h,
    HPDF_Page *pages, size_t npages)
{
	struct pair *v = xmalloc((t->nmcrs + t->nobjrs + 1) * sizeof *v);
	HPDF_Array arr = NULL;
	HPDF_Dict tree;
	size_t i, n = 0;

	for (i = 0; i < t->nmcrs && w->rc == HPDF_OK; i++) {
		const struct mcr *m = &t->mcrs[i];

		if (i == 0 || m->page != t->mcrs[i - 1].page) {
			v[n].num = (HPDF_INT32)m->page;
			v[n++].value = arr = w_array(w);
			w_number(w, pages[m->page], "StructParents",
			    (HPDF_INT32)m->page);
		}
		w_push(w, arr, h->mcr[i]);
	}
	for (i = 0; i < t->nobjrs && w->rc == HPDF_OK; i++) {
		const struct objr *o = &t->objrs[i];
		const char *text = t->link_text[o->elem];

		v[n].num = (HPDF_INT32)(npages + i);
		v[n++].value = h->objr[i];
		w_number(w, o->annot, "StructParent",
		    (HPDF_INT32)(npages + i));
		/* A link's description, for those who cannot see where it
		 * stands: its words. */
		if (text != NULL)
			w_add(w, o->annot, "Contents", w_text(w, text));
	}
	tree = pair_tree(w, v, n, 0);
	free(v);
	return tree;
}

/* ---- XMP ---- */

struct xml {
	char *s;
	size_t len, cap;
};

static void
xml_add(struct xml *x, const char *s, size_t n)
{
	if (x->len + n + 1 > x->cap) {
		x->cap = (x->len + n + 1) * 2;
		x->s = xrealloc(x->s, x->cap);
	}
	memcpy(x->s + x->len, s, n);
	x->len += n;
	x->s[x->len] = '\0';
}

static void
xml_str(struct xml *x, const char *s)
{
	xml_add(x, s, strlen(s));
}

/* s with XML's special characters escaped. */
static void
xml_text(struct xml *x, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			xml_str(x, "&amp;");
			break;
		case '<':
			xml_str(x, "&lt;");
			break;
		case '>':
			xml_str(x, "&gt;");
			break;
		case '"':
			xml_str(x, "&quot;");
			break;
		default:
			xml_add(x, s, 1);
		}
}

static void
xml_element(struct xml *x, const char *open, const char *text,
    const char *close)
{
	if (text == NULL)
		return;
	xml_str(x, open);
	xml_text(x, text);
	xml_str(x, close);
}

/* The XMP packet: Dublin Core title, creator, description and language,
 * the Info dictionary's other entries, the dates when given, and the
 * PDF/UA identification. */
static char *
xmp(const struct doc_meta *m, const struct tm *created)
{
	struct xml x = { NULL, 0, 0 };
	char date[32];

	xml_str(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\"\n"
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	    "<dc:format>application/pdf</dc:format>\n");
	xml_element(&x, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">",
	    m->title, "</rdf:li></rdf:Alt></dc:title>\n");
	xml_element(&x, "<dc:creator><rdf:Seq><rdf:li>", m->author,
	    "</rdf:li></rdf:Seq></dc:creator>\n");
	xml_element(&x, "<dc:description><rdf:Alt><rdf:li "
	    "xml:lang=\"x-default\">", m->subject,
	    "</rdf:li></rdf:Alt></dc:description>\n");
	xml_element(&x, "<dc:language><rdf:Bag><rdf:li>", m->lang,
	    "</rdf:li></rdf:Bag></dc:language>\n");
	xml_element(&x, "<pdf:Keywords>", m->keywords, "</pdf:Keywords>\n");
	xml_str(&x, "<xmp:CreatorTool>planc</xmp:CreatorTool>\n");
	if (created != NULL) {
		strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", created);
		xml_element(&x, "<xmp:CreateDate>", date, "</xmp:CreateDate>\n");
		xml_element(&x, "<xmp:ModifyDate>", date, "</xmp:ModifyDate>\n");
		xml_element(&x, "<xmp:MetadataDate>", date,
		    "</xmp:MetadataDate>\n");
	}
	xml_str(&x, "<pdfuaid:part>1</pdfuaid:part>\n"
	    "</rdf:Description>\n"
	    "</rdf:RDF>\n"
	    "</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>\n");
	return x.s;
}

/* The metadata stream, uncompressed as XMP readers expect. */
static HPDF_Dict
metadata(struct w *w, const struct doc_meta *m, const struct tm *created)
{
	HPDF_Dict d;
	char *s;

	if (w->rc != HPDF_OK)
		return NULL;
	if ((d = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref)) == NULL) {
		w_fail(w);
		return NULL;
	}
	d->filter = HPDF_STREAM_FILTER_NONE;
	w_name(w, d, "Type", "Metadata");
	w_name(w, d, "Subtype", "XML");
	s = xmp(m, created);
	if (w->rc == HPDF_OK)
		w_check(w, HPDF_Stream_WriteStr(d->stream, s));
	free(s);
	return d;
}

HPDF_STATUS
pdftag_write(struct pdftag *t, HPDF_Doc pdf, HPDF_Page *pages,
    const struct tm *created)
{
	const struct doc *doc = t->doc, *doc_given = t->doc;
	size_t n = doc->nelems > 0 ? doc->nelems : 1, i, *first, *at;
	struct elem only_root;
	struct doc rooted;
	struct w w = { pdf, HPDF_OK };
	unsigned char *live;
	unsigned *up;
	struct kid *kids;
	HPDF_Dict *dicts, root, d, marks;
	struct holders h;
	struct pair *ids;
	size_t nids = 0;
	int titles = 0;

	/* A document with no text still has its Document element. */
	if (doc->nelems == 0) {
		memset(&only_root, 0, sizeof only_root);
		only_root.role = ROLE_DOCUMENT;
		rooted = *doc;
		rooted.elems = &only_root;
		rooted.nelems = 1;
		t->doc = doc = &rooted;
	}
	first = xmalloc(n * sizeof *first);
	live = xmalloc(n);
	at = xmalloc((n + 1) * sizeof *at);
	up = xmalloc(n * sizeof *up);
	/* A parent comes before its children (layout.c makes them so);
	 * one that does not is taken as the document. */
	for (i = 0; i < n; i++)
		up[i] = doc->elems[i].parent < i ? doc->elems[i].parent : 0;
	order(t, up, first, live);
	flatten(t, up, live);
	kids = kids_of(t, up, first, live, at);
	dicts = xmalloc(n * sizeof *dicts);
	root = w_dict(&w, 1);
	for (i = 0; i < n; i++)
		dicts[i] = live[i] ? w_dict(&w, 1) : NULL;
	h.elem = xmalloc(n * sizeof *h.elem);
	h.mcr = xmalloc((t->nmcrs + 1) * sizeof *h.mcr);
	h.objr = xmalloc((t->nobjrs + 1) * sizeof *h.objr);
	h.elem[0] = root;
	ids = xmalloc(n * sizeof *ids);
	/* Parents before children (a parent's index is the lower), so
	 * each element's holder is known when its /P is written. */
	for (i = 0; i < n; i++) {
		if (!live[i])
			continue;
		w_add(&w, dicts[i], "P", h.elem[i]);
		write_elem(&w, t, i, dicts, pages, kids + at[i],
		    at[i + 1] - at[i], &h);
		if (doc->elems[i].role == ROLE_TITLE)
			titles = 1;
		if (doc->elems[i].role == ROLE_NOTE) {
			note_id(ids[nids].name, sizeof ids[nids].name, i);
			ids[nids++].value = dicts[i];
		}
	}
	w_name(&w, root, "Type", "StructTreeRoot");
	w_add(&w, root, "K", dicts[0]);
	w_add(&w, root, "ParentTree", parent_tree(&w, t, &h, pages,
	    doc->npages));
	w_number(&w, root, "ParentTreeNextKey",
	    (HPDF_INT32)(doc->npages + t->nobjrs));
	if (nids > 0)
		w_add(&w, root, "IDTree", pair_tree(&w, ids, nids, 1));
	if (titles) {
		/* Title is PDF 2.0's; a PDF 1.7 reader takes it as H1. */
		d = w_dict(&w, 0);
		w_name(&w, d, "Title", "H1");
		w_add(&w, root, "RoleMap", d);
	}
	/* Tab order follows the structure on every page. */
	for (i = 0; i < doc->npages; i++)
		w_name(&w, pages[i], "Tabs", "S");
	w_add(&w, pdf->catalog, "StructTreeRoot", root);
	marks = w_dict(&w, 0);
	if (w.rc == HPDF_OK)
		w_check(&w, HPDF_Dict_AddBoolean(marks, "Marked", HPDF_TRUE));
	w_add(&w, pdf->catalog, "MarkInfo", marks);
	/* A reader's title bar shows the title, not the file's name. */
	d = w_dict(&w, 0);
	if (w.rc == HPDF_OK)
		w_check(&w, HPDF_Dict_AddBoolean(d, "DisplayDocTitle",
		    HPDF_TRUE));
	w_add(&w, pdf->catalog, "ViewerPreferences", d);
	w_add(&w, pdf->catalog, "Metadata", metadata(&w, &doc->meta,
	    created));
	/* PDF/UA-1 is built on PDF 1.7. */
	if (pdf->pdf_version < HPDF_VER_17)
		pdf->pdf_version = HPDF_VER_17;
	free(first);
	free(live);
	free(at);
	free(up);
	free(h.elem);
	free(h.mcr);
	free(h.objr);
	free(ids);
	free(kids);
	free(dicts);
	t->doc = doc_given;
	return w.rc;
}
