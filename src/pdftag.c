/* pdftag.c - the tagged PDF (PDF/UA-1): what libharu 2.3.0 has no call
 * for. From doc.elems and the pieces' elements it makes the marked-content
 * operators that pdf.c puts into the content streams, then the structure
 * tree in reading order with its ParentTree and IDTree, written as planc's
 * own objects (text that pdfpack.c puts into the file, not libharu
 * objects: 72,000 of them at 10,000 activities); and through
 * libharu's object API the few entries in libharu's own objects:
 * /StructParents and /Tabs on the pages, /StructParent on annotations,
 * MarkInfo, ViewerPreferences and the XMP metadata with pdfuaid:part 1. */
#include "pdftag.h"

#include <hpdf_objects.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "doc.h"
#include "pdfpack.h"
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


/* planc's own objects (the structure tree), below. */
/* Where an own object's value is in struct own's text. */
struct own_obj {
	size_t num, off, len;
};

struct own {
	struct buf text;	/* the values, one after another */
	struct own_obj *objs;
	size_t n, cap;
	size_t next;		/* the next free object number */
	struct pdfpack_obj *out;	/* pdftag_objects's answer */
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
	struct own own;		/* the structure tree's objects */
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
	free(t->own.text.s);
	free(t->own.objs);
	free(t->own.out);
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
 * first failure is kept and every call after it does nothing. They are
 * used for what goes into libharu's own objects: the catalog's entries,
 * the pages' and annotations' keys, the metadata stream. */
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
	if (i == n) {
		obj = HPDF_String_New(w->pdf->mmgr, s, NULL);
	} else {
		b = xmalloc(2 * n + 2 + 4);
		b[0] = 0xFE;
		b[1] = 0xFF;
		for (i = 0; i < n; i += k) {
			if ((k = utf8_decode(s + i, n - i, &cp)) == 0 ||
			    cp >= 0x10000) {
				k = k ? k : 1;
				cp = 0xFFFD;	/* the fonts set no more */
			}
			b[len++] = (unsigned char)(cp >> 8);
			b[len++] = (unsigned char)cp;
		}
		obj = HPDF_Binary_New(w->pdf->mmgr, b, (HPDF_UINT)len);
		free(b);
	}
	if (obj == NULL)
		w_fail(w);
	return obj;
}

/* The object number of one of libharu's indirect objects. */
static size_t
obj_num(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

/* ---- planc's own objects ----
 *
 * The structure tree is most of a tagged PDF's objects: an element for
 * every paragraph, cell, list item and link (772 in the 2018 plan, some
 * 72,000 at 10,000 activities). As libharu objects each cost a
 * dictionary, a list and an allocation per key, hundreds of bytes held
 * until the save, and libharu's writer; as text they cost their bytes.
 * They are numbered after libharu's last object (the tree's root is a
 * libharu placeholder, so that the catalog can name it), and pdfpack.c
 * puts them among libharu's objects in the file. */

/* " N 0 R" */
static void
b_ref(struct buf *b, size_t num)
{
	buf_fmt(b, " %zu 0 R", num);
}

/* A byte string of letters, digits and hyphens (an ID, a language tag),
 * which need no escaping. */
static void
b_name_string(struct buf *b, const char *s)
{
	buf_str(b, " (");
	for (; *s != '\0'; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-')
			buf_add(b, s, 1);
	buf_str(b, ")");
}


static size_t
own_new(struct own *o)
{
	return o->next++;
}

/* Object num's value is body. */
static void
own_put(struct own *o, size_t num, const struct buf *body)
{
	struct own_obj *ob = PUSH(o->objs, o->n, o->cap);

	ob->num = num;
	ob->off = o->text.len;
	ob->len = body->len;
	buf_add(&o->text, body->s != NULL ? body->s : "", body->len);
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
 * than 8191 (ISO 32000-1, annex C). An element with more kids holds them
 * in NonStruct elements (grouping that readers look through) of this
 * many; the ParentTree and IDTree split into kids of this many pairs. */
#define ARRAY_MAX 4000

/* Who holds what in the tree being written: the object number of the
 * element whose /K holds each element, sequence and annotation (its
 * parent, or a NonStruct). */
struct holders {
	size_t *elem, *mcr, *objr;
};

/* What the tree's objects refer to: the object numbers of the elements
 * (0: not written) and of the pages. */
struct nums {
	const size_t *elem, *page;
};

/* Appends kid k of container (object number; its page pg, -1 none) to
 * b, the container's /K. */
static void
put_kid(struct buf *b, const struct pdftag *t, size_t container, long pg,
    const struct kid *k, const struct nums *nm, struct holders *h)
{
	if (k->kind == KID_ELEM) {
		b_ref(b, nm->elem[k->idx]);
		h->elem[k->idx] = container;
	} else if (k->kind == KID_MCR && (long)t->mcrs[k->idx].page == pg) {
		h->mcr[k->idx] = container;
		buf_fmt(b, " %u", t->mcrs[k->idx].mcid);
	} else if (k->kind == KID_MCR) {
		/* A sequence on another page than its element's. */
		h->mcr[k->idx] = container;
		buf_fmt(b, " << /Type /MCR /Pg %zu 0 R /MCID %u >>",
		    nm->page[t->mcrs[k->idx].page], t->mcrs[k->idx].mcid);
	} else {
		const struct objr *o = &t->objrs[k->idx];

		h->objr[k->idx] = container;
		buf_fmt(b, " << /Type /OBJR /Obj %zu 0 R /Pg %zu 0 R >>",
		    obj_num(o->annot), nm->page[o->page]);
	}
}

/* Appends the /K of element e (object number num, page pg, -1 none) to
 * its value b, in NonStruct groups of ARRAY_MAX if there are more. */
static void
put_kids(struct own *o, struct buf *b, const struct pdftag *t, size_t num,
    long pg, const struct kid *kids, size_t nkids, const struct nums *nm,
    struct holders *h)
{
	struct buf g = { NULL, 0, 0 };
	size_t i, j, group;

	buf_str(b, " /K");
	if (nkids == 1) {
		put_kid(b, t, num, pg, &kids[0], nm, h);
		return;
	}
	buf_str(b, " [");
	if (nkids <= ARRAY_MAX) {
		for (i = 0; i < nkids; i++)
			put_kid(b, t, num, pg, &kids[i], nm, h);
		buf_str(b, " ]");
		return;
	}
	for (i = 0; i < nkids; i += ARRAY_MAX) {
		group = own_new(o);
		b_ref(b, group);
		g.len = 0;
		buf_str(&g, "<< /S /NonStruct /P");
		b_ref(&g, num);
		if (pg >= 0)
			buf_fmt(&g, " /Pg %zu 0 R", nm->page[pg]);
		buf_str(&g, " /K [");
		for (j = i; j < nkids && j < i + ARRAY_MAX; j++)
			put_kid(&g, t, group, pg, &kids[j], nm, h);
		buf_str(&g, " ] >>");
		own_put(o, group, &g);
	}
	buf_str(b, " ]");
	free(g.s);
}

/* Writes element e: its parent, type, page, kids and attributes. Its
 * holder is known, since parents are written before their children. */
static void
write_elem(struct own *o, struct buf *b, const struct pdftag *t, size_t e,
    const struct kid *kids, size_t nkids, const struct nums *nm,
    struct holders *h)
{
	const struct elem *el = &t->doc->elems[e];
	long pg = -1;
	size_t i;

	b->len = 0;
	buf_str(b, "<< /P");
	b_ref(b, h->elem[e]);
	buf_fmt(b, " /S /%s", role_name[el->role]);
	for (i = 0; i < nkids && pg < 0; i++)
		if (kids[i].kind == KID_MCR)
			pg = (long)t->mcrs[kids[i].idx].page;
	if (pg >= 0)
		buf_fmt(b, " /Pg %zu 0 R", nm->page[pg]);
	if (nkids > 0)
		put_kids(o, b, t, nm->elem[e], pg, kids, nkids, nm, h);
	if (el->role == ROLE_L && el->numbering != NUMBERING_NONE &&
	    el->numbering < NUMBERING_COUNT) {
		static const char *const numbering[NUMBERING_COUNT] = {
			"None", "Disc", "Decimal", "UpperAlpha"
		};

		buf_fmt(b, " /A << /O /List /ListNumbering /%s >>",
		    numbering[el->numbering]);
	} else if (el->role == ROLE_TH) {
		/* The header cells head their columns. */
		buf_str(b, " /A << /O /Table /Scope /Column >>");
	} else if (el->role == ROLE_SPAN && el->lang != NULL) {
		buf_str(b, " /Lang");
		b_name_string(b, el->lang);
	} else if (el->role == ROLE_NOTE) {
		char id[32];

		note_id(id, sizeof id, e);
		buf_str(b, " /ID");
		b_name_string(b, id);
	}
	buf_str(b, " >>");
	own_put(o, nm->elem[e], b);
}

/* A key and value of a number or name tree; the value is text in a
 * buffer of values (off, len). */
struct pair {
	HPDF_INT32 num;		/* a number tree's key */
	char name[32];		/* a name tree's key */
	size_t off, len;
};

/* Appends the key of v to b. */
static void
put_key(struct buf *b, const struct pair *v, int names)
{
	if (names)
		b_name_string(b, v->name);
	else
		buf_fmt(b, " %d", (int)v->num);
}

/* A number tree (names 0) or name tree (names 1) of the n pairs, sorted
 * by key, whose values are in vals: one object of them all, or of kids of
 * ARRAY_MAX / 2 pairs each with their /Limits. Returns its number. */
static size_t
pair_tree(struct own *o, const struct pair *v, size_t n, int names,
    const struct buf *vals)
{
	const char *key = names ? "Names" : "Nums";
	size_t per = ARRAY_MAX / 2, tree = own_new(o), i, j, leaf;
	struct buf tb = { NULL, 0, 0 }, lb = { NULL, 0, 0 }, *into;

	buf_str(&tb, "<<");
	if (n > per)
		buf_str(&tb, " /Kids [");
	for (i = 0; i < n || i == 0; i += per) {
		into = &tb;
		leaf = tree;
		if (n > per) {
			leaf = own_new(o);
			b_ref(&tb, leaf);
			lb.len = 0;
			buf_str(&lb, "<< /Limits [");
			put_key(&lb, &v[i], names);
			put_key(&lb, &v[i + per < n ? i + per - 1 : n - 1],
			    names);
			buf_str(&lb, " ]");
			into = &lb;
		}
		buf_fmt(into, " /%s [", key);
		for (j = i; j < n && j < i + per; j++) {
			put_key(into, &v[j], names);
			buf_add(into, vals->s + v[j].off, v[j].len);
		}
		buf_str(into, " ]");
		if (n > per) {
			buf_str(&lb, " >>");
			own_put(o, leaf, &lb);
		}
		if (n == 0)
			break;
	}
	if (n > per)
		buf_str(&tb, " ]");
	buf_str(&tb, " >>");
	own_put(o, tree, &tb);
	free(tb.s);
	free(lb.s);
	return tree;
}

/* The ParentTree: for each page with marked content, the elements that
 * hold its sequences, by MCID; for each annotation, the element that
 * holds it. Sets the pages' /StructParents and the annotations'
 * /StructParent and /Contents (libharu's objects). Returns its number. */
static size_t
parent_tree(struct w *w, struct own *o, const struct pdftag *t,
    const struct holders *h, HPDF_Page *pages, size_t npages)
{
	struct pair *v = xmalloc((t->nmcrs + t->nobjrs + 1) * sizeof *v);
	struct buf vals = { NULL, 0, 0 };
	size_t i, n = 0, tree;

	for (i = 0; i < t->nmcrs && w->rc == HPDF_OK; i++) {
		const struct mcr *m = &t->mcrs[i];

		if (i == 0 || m->page != t->mcrs[i - 1].page) {
			if (n > 0) {
				buf_str(&vals, " ]");
				v[n - 1].len = vals.len - v[n - 1].off;
			}
			v[n].num = (HPDF_INT32)m->page;
			v[n++].off = vals.len;
			buf_str(&vals, " [");
			w_number(w, pages[m->page], "StructParents",
			    (HPDF_INT32)m->page);
		}
		b_ref(&vals, h->mcr[i]);
	}
	if (n > 0) {
		buf_str(&vals, " ]");
		v[n - 1].len = vals.len - v[n - 1].off;
	}
	for (i = 0; i < t->nobjrs && w->rc == HPDF_OK; i++) {
		const struct objr *ob = &t->objrs[i];
		const char *text = t->link_text[ob->elem];

		v[n].num = (HPDF_INT32)(npages + i);
		v[n].off = vals.len;
		b_ref(&vals, h->objr[i]);
		v[n].len = vals.len - v[n].off;
		n++;
		w_number(w, ob->annot, "StructParent",
		    (HPDF_INT32)(npages + i));
		/* A link's description, for those who cannot see where it
		 * stands: its words. */
		if (text != NULL)
			w_add(w, ob->annot, "Contents", w_text(w, text));
	}
	tree = pair_tree(o, v, n, 0, &vals);
	free(vals.s);
	free(v);
	return tree;
}

/* ---- XMP ---- */

/* s with XML's special characters escaped. */
static void
xml_text(struct buf *x, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_str(x, "&amp;");
			break;
		case '<':
			buf_str(x, "&lt;");
			break;
		case '>':
			buf_str(x, "&gt;");
			break;
		case '"':
			buf_str(x, "&quot;");
			break;
		default:
			buf_add(x, s, 1);
		}
}

static void
xml_element(struct buf *x, const char *open, const char *text,
    const char *close)
{
	if (text == NULL)
		return;
	buf_str(x, open);
	xml_text(x, text);
	buf_str(x, close);
}

/* The XMP packet: Dublin Core title, creator, description and language,
 * the Info dictionary's other entries, the dates when given, and the
 * PDF/UA identification. */
static char *
xmp(const struct doc_meta *m, const struct tm *created)
{
	struct buf x = { NULL, 0, 0 };
	char date[32];

	buf_str(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" "
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
	buf_str(&x, "<xmp:CreatorTool>planc</xmp:CreatorTool>\n");
	if (created != NULL) {
		strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", created);
		xml_element(&x, "<xmp:CreateDate>", date, "</xmp:CreateDate>\n");
		xml_element(&x, "<xmp:ModifyDate>", date, "</xmp:ModifyDate>\n");
		xml_element(&x, "<xmp:MetadataDate>", date,
		    "</xmp:MetadataDate>\n");
	}
	buf_str(&x, "<pdfuaid:part>1</pdfuaid:part>\n"
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
	struct own *o = &t->own;
	unsigned char *live;
	unsigned *up;
	struct kid *kids;
	HPDF_Dict root, d, marks;
	struct holders h;
	struct nums nm;
	size_t *elem_num, *page_num, rootnum, ptree, idtree = 0;
	struct pair *ids;
	struct buf b = { NULL, 0, 0 }, idvals = { NULL, 0, 0 };
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
	/* libharu's objects first: the root's placeholder (the catalog names
	 * it; its value is planc's), the document's marks and metadata, the
	 * pages' tab order. Every object libharu will write exists after
	 * this, so planc's own are numbered after them. */
	root = w_dict(&w, 1);
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
	/* Tab order follows the structure on every page. */
	for (i = 0; i < doc->npages; i++)
		w_name(&w, pages[i], "Tabs", "S");
	/* PDF/UA-1 is built on PDF 1.7. */
	if (pdf->pdf_version < HPDF_VER_17)
		pdf->pdf_version = HPDF_VER_17;
	if (w.rc != HPDF_OK) {
		t->doc = doc_given;
		return w.rc;
	}
	rootnum = obj_num(root);
	o->next = pdf->xref->start_offset + pdf->xref->entries->count;

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
	elem_num = xmalloc(n * sizeof *elem_num);
	for (i = 0; i < n; i++)
		elem_num[i] = live[i] ? own_new(o) : 0;
	page_num = xmalloc((doc->npages + 1) * sizeof *page_num);
	for (i = 0; i < doc->npages; i++)
		page_num[i] = obj_num(pages[i]);
	nm.elem = elem_num;
	nm.page = page_num;
	h.elem = xmalloc(n * sizeof *h.elem);
	h.mcr = xmalloc((t->nmcrs + 1) * sizeof *h.mcr);
	h.objr = xmalloc((t->nobjrs + 1) * sizeof *h.objr);
	h.elem[0] = rootnum;
	ids = xmalloc(n * sizeof *ids);
	/* Parents before children (a parent's index is the lower), so
	 * each element's holder is known when its /P is written. */
	for (i = 0; i < n; i++) {
		if (!live[i])
			continue;
		write_elem(o, &b, t, i, kids + at[i], at[i + 1] - at[i], &nm,
		    &h);
		if (doc->elems[i].role == ROLE_TITLE)
			titles = 1;
		if (doc->elems[i].role == ROLE_NOTE) {
			note_id(ids[nids].name, sizeof ids[nids].name, i);
			ids[nids].off = idvals.len;
			b_ref(&idvals, elem_num[i]);
			ids[nids].len = idvals.len - ids[nids].off;
			nids++;
		}
	}
	ptree = parent_tree(&w, o, t, &h, pages, doc->npages);
	if (nids > 0)
		idtree = pair_tree(o, ids, nids, 1, &idvals);
	b.len = 0;
	buf_str(&b, "<< /Type /StructTreeRoot /K");
	b_ref(&b, elem_num[0]);
	buf_str(&b, " /ParentTree");
	b_ref(&b, ptree);
	buf_fmt(&b, " /ParentTreeNextKey %zu", doc->npages + t->nobjrs);
	if (idtree != 0) {
		buf_str(&b, " /IDTree");
		b_ref(&b, idtree);
	}
	/* Title is PDF 2.0's; a PDF 1.7 reader takes it as H1. */
	if (titles)
		buf_str(&b, " /RoleMap << /Title /H1 >>");
	buf_str(&b, " >>");
	own_put(o, rootnum, &b);
	free(first);
	free(live);
	free(at);
	free(up);
	free(h.elem);
	free(h.mcr);
	free(h.objr);
	free(ids);
	free(kids);
	free(elem_num);
	free(page_num);
	free(b.s);
	free(idvals.s);
	t->doc = doc_given;
	return w.rc;
}

const struct pdfpack_obj *
pdftag_objects(struct pdftag *t, size_t *n)
{
	struct own *o = &t->own;
	size_t i;

	free(o->out);
	o->out = xmalloc((o->n + 1) * sizeof *o->out);
	for (i = 0; i < o->n; i++) {
		o->out[i].num = o->objs[i].num;
		o->out[i].body = o->text.s + o->objs[i].off;
		o->out[i].len = o->objs[i].len;
	}
	*n = o->n;
	return o->out;
}
