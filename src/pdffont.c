/* pdffont.c - embeds one face as a subset (see pdffont.h). The glyphs the
 * pages set are gathered first; hb-subset then makes a TrueType file of
 * only those (and the components of composite glyphs), numbered anew from
 * 0, without hinting or the layout tables (GSUB, GPOS, GDEF: the text is
 * shaped already). The content streams draw with the new glyph ids, so the
 * CIDFont's codes are those ids (CIDToGIDMap /Identity) and /W is one run
 * of widths from 0. The widths are the font's own advances: kerning is in
 * the TJ arrays (pdftext.c), never in the widths.
 *
 * The objects, through libharu's object layer (hpdf_objects.h):
 *   Type0 /Identity-H -> [CIDFontType2 /W /CIDToGIDMap /Identity]
 *                     -> FontDescriptor -> FontFile2 (the subset)
 *   Type0 /ToUnicode  -> a CMap from each code to its characters ("fi"
 *                        ligature -> f i), so that text extraction, search
 *                        and copying give the letters. */
#include "pdffont.h"

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hpdf_objects.h>
#include <hpdf_doc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "doc.h"
#include "font.h"
#include "hash.h"
#include "utf8.h"

/* The most UTF-16 code units one glyph maps to in ToUnicode: a ligature
 * of a few letters; a longer cluster (a run of combining marks) is left
 * without a mapping rather than bloating the map. */
#define UNI_MAX 16

struct pdffont {
	const struct font *f;
	unsigned nglyphs, units;
	unsigned char *used;	/* per glyph of the original font */
	uint32_t *uni;		/* per glyph: 1 + offset into text; 0 none */
	uint16_t *text;		/* UTF-16 code units: count, then units */
	size_t ntext, captext;
	uint16_t *cid;		/* per original glyph: its id in the subset */
	int any;
	HPDF_Dict dict;
};

struct pdffont *
pdffont_new(const struct font *f)
{
	struct pdffont *pf = xmalloc(sizeof *pf);

	memset(pf, 0, sizeof *pf);
	pf->f = f;
	pf->nglyphs = font_glyph_count(f);
	pf->units = font_units(f);
	pf->used = xmalloc(pf->nglyphs);
	memset(pf->used, 0, pf->nglyphs);
	pf->uni = xmalloc(pf->nglyphs * sizeof *pf->uni);
	memset(pf->uni, 0, pf->nglyphs * sizeof *pf->uni);
	return pf;
}

void
pdffont_free(struct pdffont *pf)
{
	if (pf == NULL)
		return;
	free(pf->used);
	free(pf->uni);
	free(pf->text);
	free(pf->cid);
	free(pf);
}

/* Records the characters of s[from, to) as what glyph gid sets. */
static void
map_text(struct pdffont *pf, unsigned gid, const char *s, size_t from,
    size_t to)
{
	uint16_t u[UNI_MAX];
	size_t n = 0, k;
	uint32_t cp;

	while (from < to) {
		if ((k = utf8_decode(s + from, to - from, &cp)) == 0)
			return;
		from += k;
		if (cp >= 0x10000) {
			if (n + 2 > UNI_MAX)
				return;
			cp -= 0x10000;
			u[n++] = (uint16_t)(0xD800 + (cp >> 10));
			u[n++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
		} else {
			if (n + 1 > UNI_MAX)
				return;
			u[n++] = (uint16_t)cp;
		}
	}
	if (n == 0)
		return;
	if (pf->ntext + n + 1 > pf->captext) {
		pf->captext = (pf->captext ? pf->captext * 2 : 1024) + n + 1;
		pf->text = xrealloc(pf->text, pf->captext * sizeof *pf->text);
	}
	pf->uni[gid] = (uint32_t)pf->ntext + 1;
	pf->text[pf->ntext++] = (uint16_t)n;
	memcpy(pf->text + pf->ntext, u, n * sizeof *u);
	pf->ntext += n;
}

void
pdffont_use(struct pdffont *pf, const struct glyph_run *run, const char *s,
    size_t len)
{
	size_t i, j, end;

	for (i = 0; i < run->n; i++) {
		const struct glyph *g = &run->glyphs[i];

		if (g->id >= pf->nglyphs)
			continue;
		pf->used[g->id] = 1;
		pf->any = 1;
		/* A glyph sets the characters from its cluster to the next
		 * glyph's; the second glyph of one cluster sets none. */
		if (pf->uni[g->id] != 0 || g->id == 0 || g->cluster >= len ||
		    (i > 0 && run->glyphs[i - 1].cluster == g->cluster))
			continue;
		end = len;
		for (j = i + 1; j < run->n; j++)
			if (run->glyphs[j].cluster > g->cluster) {
				end = run->glyphs[j].cluster;
				break;
			}
		map_text(pf, g->id, s, g->cluster, end);
	}
}

int
pdffont_used(const struct pdffont *pf)
{
	return pf->any;
}

HPDF_Dict
pdffont_dict(const struct pdffont *pf)
{
	return pf->dict;
}

unsigned
pdffont_cid(const struct pdffont *pf, unsigned gid)
{
	return pf->cid != NULL && gid < pf->nglyphs ? pf->cid[gid] : 0;
}

/* ---- the subset ---- */

/* A subset of the glyphs used; *old_of gets, for each glyph of the subset,
 * its id in the original (malloc'd, *n entries). NULL if HarfBuzz cannot. */
static hb_blob_t *
subset(struct pdffont *pf, hb_face_t *face, unsigned **old_of, unsigned *n)
{
	static const char *const drop[] = { "GSUB", "GPOS", "GDEF", "kern",
	    "BASE", "JSTF", "DSIG", "hdmx", "VDMX", "LTSH", "gasp", "PCLT",
	    "vhea", "vmtx", "morx", "kerx", "meta", "STAT", NULL };
	hb_subset_input_t *in;
	hb_subset_plan_t *plan;
	hb_face_t *sub = NULL;
	hb_blob_t *blob = NULL;
	hb_set_t *glyphs, *tables;
	const hb_map_t *to_new, *to_old;
	unsigned g;
	size_t i;

	if ((in = hb_subset_input_create_or_fail()) == NULL)
		arena_oom();
	glyphs = hb_subset_input_glyph_set(in);
	hb_set_add(glyphs, 0);
	for (g = 0; g < pf->nglyphs; g++)
		if (pf->used[g])
			hb_set_add(glyphs, g);
	tables = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; drop[i] != NULL; i++)
		hb_set_add(tables, HB_TAG(drop[i][0], drop[i][1], drop[i][2],
		    drop[i][3]));
	/* Hinting is for screens at small sizes in a rasteriser that runs
	 * it; PDF viewers mostly do not, and it is a third of the bytes. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	if ((plan = hb_subset_plan_create_or_fail(face, in)) != NULL) {
		to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
		to_old = hb_subset_plan_new_to_old_glyph_mapping(plan);
		sub = hb_subset_plan_execute_or_fail(plan);
		if (sub != NULL) {
			*n = hb_face_get_glyph_count(sub);
			*old_of = xmalloc((*n ? *n : 1) * sizeof **old_of);
			for (g = 0; g < *n; g++) {
				hb_codepoint_t o = hb_map_get(to_old, g);
				(*old_of)[g] = o == HB_MAP_VALUE_INVALID ? 0 : o;
			}
			pf->cid = xmalloc(pf->nglyphs * sizeof *pf->cid);
			for (g = 0; g < pf->nglyphs; g++) {
				hb_codepoint_t c = pf->used[g] ?
				    hb_map_get(to_new, g) : HB_MAP_VALUE_INVALID;
				pf->cid[g] = (uint16_t)(c == HB_MAP_VALUE_INVALID ?
				    0 : c);
			}
			blob = hb_face_reference_blob(sub);
			hb_face_destroy(sub);
		}
		hb_subset_plan_destroy(plan);
	}
	hb_subset_input_destroy(in);
	if (blob != NULL && hb_blob_get_length(blob) == 0) {
		hb_blob_destroy(blob);
		blob = NULL;
	}
	return blob;
}

/* ---- the PDF objects ---- */

/* The PostScript name as a PDF name's characters (letters, digits and
 * - _ . only), at most 63; "Font" if the font has none. */
static void
ps_name(hb_face_t *face, char *out, size_t outlen)
{
	char buf[128];
	unsigned size = sizeof buf;
	size_t i, n = 0;

	if (hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    HB_LANGUAGE_INVALID, &size, buf) == 0)
		buf[0] = '\0';
	for (i = 0; buf[i] != '\0' && n + 1 < outlen && n < 63; i++) {
		char c = buf[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
			out[n++] = c;
	}
	if (n == 0)
		snprintf(out, outlen, "Font");
	else
		out[n] = '\0';
}

/* The six capital letters before a subset's name (ABCDEF+Carlito): from
 * the glyphs it holds, so that two different subsets of one font differ
 * and one build is the same as the next. */
static void
subset_tag(const struct pdffont *pf, const char *name, char tag[7])
{
	uint64_t h = hash_bytes(HASH_SEED, name, strlen(name));
	unsigned g;
	int i;

	/* A glyph id is folded in whole, not byte by byte (the tags of
	 * earlier builds stay as they were). */
	for (g = 0; g < pf->nglyphs; g++)
		if (pf->used[g])
			h = (h ^ g) * HASH_PRIME;
	for (i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '\0';
}

/* v within ±32767, the range of libharu's reals. */
static double
clamp_real(double v)
{
	return v > 32767 ? 32767 : v < -32767 ? -32767 : v;
}

/* A value in font units as thousandths of an em, within what a PDF
 * number (and libharu, which refuses more) holds: a damaged font's
 * metrics must not fail the build. */
static double
per_mille(const struct pdffont *pf, double v)
{
	return clamp_real(v * 1000.0 / pf->units);
}

static int16_t
s16(const char *p)
{
	return (int16_t)((unsigned)(unsigned char)p[0] << 8 |
	    (unsigned char)p[1]);
}

/* A stream object in pdf, compressed when pdf compresses. */
static HPDF_Dict
new_stream(HPDF_Doc pdf)
{
	HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);

	if (s != NULL && pdf->compression_mode & HPDF_COMP_TEXT)
		s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return s;
}

static HPDF_STATUS
fail(HPDF_Doc pdf)
{
	HPDF_STATUS rc = HPDF_Error_GetCode(&pdf->error);

	return rc != HPDF_OK ? rc : HPDF_FAILD_TO_ALLOC_MEM;
}

/* The characters code k sets, or NULL; *len gets their UTF-16 count. */
static const uint16_t *
chars_of(const struct pdffont *pf, const unsigned *old_of, unsigned k,
    size_t *len)
{
	uint32_t at = pf->uni[old_of[k]];

	if (at == 0)
		return NULL;
	*len = pf->text[at - 1];
	return pf->text + at;
}

/* How many codes from k on map to one character each, consecutive
 * codes to consecutive characters, without a change of either's first
 * byte (what one bfrange may hold): 1 for a lone one. */
static unsigned
range_at(const struct pdffont *pf, const unsigned *old_of, unsigned k,
    unsigned n)
{
	const uint16_t *u, *v;
	size_t len;
	unsigned m = 1;

	if ((u = chars_of(pf, old_of, k, &len)) == NULL || len != 1)
		return 1;
	while (k + m < n && (k + m) % 256 != 0 && (u[0] & 0xFF) + m <= 0xFF &&
	    (v = chars_of(pf, old_of, k + m, &len)) != NULL && len == 1 &&
	    v[0] == u[0] + m)
		m++;
	return m;
}

/* Writes the bfranges (ranges 1) or the bfchars (ranges 0), in blocks of
 * at most 100, the CMap format's limit. */
static HPDF_STATUS
to_unicode_part(const struct pdffont *pf, HPDF_Stream st,
    const unsigned *old_of, unsigned n, int ranges)
{
	char line[40 + 4 * UNI_MAX];
	HPDF_STATUS rc = HPDF_OK;
	unsigned k, m, count = 0, from;
	int pass;

	/* A first pass counts a block's entries, a second writes them. */
	for (from = 0; from < n && rc == HPDF_OK; from = k) {
		for (pass = 0; pass < 2 && rc == HPDF_OK; pass++) {
			if (pass == 1) {
				if (count == 0)
					break;
				snprintf(line, sizeof line, "%u begin%s\n",
				    count, ranges ? "bfrange" : "bfchar");
				rc = HPDF_Stream_WriteStr(st, line);
			}
			count = 0;
			for (k = from; k < n && count < 100 && rc == HPDF_OK;
			    k += m) {
				const uint16_t *u;
				size_t len, i, at;

				m = range_at(pf, old_of, k, n);
				if ((u = chars_of(pf, old_of, k, &len)) == NULL ||
				    (m > 1) != ranges)
					continue;
				count++;
				if (pass == 0)
					continue;
				if (ranges) {
					snprintf(line, sizeof line, "<%04X> <%04X> "
					    "<%04X>\n", k, k + m - 1, u[0]);
				} else {
					at = (size_t)snprintf(line, sizeof line,
					    "<%04X> <", k);
					for (i = 0; i < len; i++)
						at += (size_t)snprintf(line + at,
						    sizeof line - at, "%04X", u[i]);
					snprintf(line + at, sizeof line - at, ">\n");
				}
				rc = HPDF_Stream_WriteStr(st, line);
			}
			if (pass == 1 && rc == HPDF_OK)
				rc = HPDF_Stream_WriteStr(st, ranges ?
				    "endbfrange\n" : "endbfchar\n");
		}
	}
	return rc;
}

/* The ToUnicode CMap: each code to the characters its glyph sets, runs of
 * consecutive ones as bfranges. */
static HPDF_STATUS
to_unicode(const struct pdffont *pf, HPDF_Stream st, const unsigned *old_of,
    unsigned n)
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
	HPDF_STATUS rc = HPDF_Stream_WriteStr(st, head);

	if (rc == HPDF_OK)
		rc = to_unicode_part(pf, st, old_of, n, 1);
	if (rc == HPDF_OK)
		rc = to_unicode_part(pf, st, old_of, n, 0);
	return rc == HPDF_OK ? HPDF_Stream_WriteStr(st, tail) : rc;
}

/* The FontDescriptor: name, flags, box and heights in thousandths of an
 * em, and the subset as FontFile2. */
static HPDF_Dict
descriptor(HPDF_Doc pdf, struct pdffont *pf, hb_face_t *face,
    const char *name, hb_blob_t *file)
{
	HPDF_Dict d, ff;
	HPDF_Array box;
	hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a',
	    'd'));
	hb_font_t *font = hb_font_create(face);
	hb_position_t cap = 0;
	unsigned hlen, flen;
	const char *h = hb_blob_get_data(head, &hlen);
	const char *data = hb_blob_get_data(file, &flen);
	float slant;
	HPDF_STATUS rc;
	int i;

	hb_font_set_scale(font, (int)pf->units, (int)pf->units);
	hb_ot_metrics_get_position_with_fallback(font,
	    HB_OT_METRICS_TAG_CAP_HEIGHT, &cap);
	slant = hb_style_get_value(font, HB_STYLE_TAG_SLANT_ANGLE);
	hb_font_destroy(font);
	if ((d = HPDF_Dict_New(pdf->mmgr)) == NULL ||
	    HPDF_Xref_Add(pdf->xref, d) != HPDF_OK ||
	    (box = HPDF_Array_New(pdf->mmgr)) == NULL) {
		hb_blob_destroy(head);
		return NULL;
	}
	rc = HPDF_Dict_AddName(d, "Type", "FontDescriptor");
	rc |= HPDF_Dict_AddName(d, "FontName", name);
	/* Symbolic: the glyphs are reached by code, not by a standard
	 * encoding; Italic when the face slants. */
	rc |= HPDF_Dict_AddNumber(d, "Flags", 4 | (slant != 0 ? 64 : 0));
	for (i = 0; i < 4; i++)
		rc |= HPDF_Array_AddReal(box, hlen >= 44 ?
		    (HPDF_REAL)per_mille(pf, s16(h + 36 + 2 * i)) : 0);
	rc |= HPDF_Dict_Add(d, "FontBBox", box);
	/* An angle, from the font's post table: a damaged one can be
	 * anything. */
	rc |= HPDF_Dict_AddReal(d, "ItalicAngle", (HPDF_REAL)(slant > 90 ? 90 :
	    slant < -90 ? -90 : slant));
	rc |= HPDF_Dict_AddNumber(d, "Ascent", font_ascender(pf->f));
	rc |= HPDF_Dict_AddNumber(d, "Descent", font_descender(pf->f));
	rc |= HPDF_Dict_AddNumber(d, "CapHeight",
	    (HPDF_INT32)per_mille(pf, cap));
	rc |= HPDF_Dict_AddNumber(d, "StemV", 80);
	hb_blob_destroy(head);
	if (rc != HPDF_OK || (ff = new_stream(pdf)) == NULL)
		return NULL;
	if (HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)flen) != HPDF_OK ||
	    HPDF_Stream_Write(ff->stream, (const HPDF_BYTE *)data, flen) !=
	    HPDF_OK || HPDF_Dict_Add(d, "FontFile2", ff) != HPDF_OK)
		return NULL;
	return d;
}

/* The CIDFontType2 and the Type0 font over it; whole: file is the font
 * itself, not a subset (no ABCDEF+ tag then). */
static HPDF_STATUS
objects(HPDF_Doc pdf, struct pdffont *pf, hb_face_t *face, hb_blob_t *file,
    const unsigned *old_of, unsigned n, int whole)
{
	char ps[64], name[80], tag[7];
	HPDF_Dict cid, type0, info, desc, tu;
	HPDF_Array w, ws, kids;
	HPDF_STATUS rc;
	unsigned g;

	ps_name(face, ps, sizeof ps);
	subset_tag(pf, ps, tag);
	snprintf(name, sizeof name, "%s%s%s", whole ? "" : tag, whole ? "" :
	    "+", ps);
	if ((desc = descriptor(pdf, pf, face, name, file)) == NULL)
		return fail(pdf);
	if ((cid = HPDF_Dict_New(pdf->mmgr)) == NULL ||
	    HPDF_Xref_Add(pdf->xref, cid) != HPDF_OK ||
	    (info = HPDF_Dict_New(pdf->mmgr)) == NULL ||
	    (w = HPDF_Array_New(pdf->mmgr)) == NULL ||
	    (ws = HPDF_Array_New(pdf->mmgr)) == NULL)
		return fail(pdf);
	rc = HPDF_Dict_AddName(cid, "Type", "Font");
	rc |= HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	rc |= HPDF_Dict_AddName(cid, "BaseFont", name);
	rc |= HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr,
	    "Adobe", NULL));
	rc |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr,
	    "Identity", NULL));
	rc |= HPDF_Dict_AddNumber(info, "Supplement", 0);
	rc |= HPDF_Dict_Add(cid, "CIDSystemInfo", info);
	rc |= HPDF_Dict_Add(cid, "FontDescriptor", desc);
	/* /W [0 [w0 w1 ...]]: the subset's glyphs are 0..n-1. */
	rc |= HPDF_Array_AddNumber(w, 0);
	for (g = 0; g < n && rc == HPDF_OK; g++)
		rc |= HPDF_Array_AddReal(ws, (HPDF_REAL)per_mille(pf,
		    font_glyph_advance(pf->f, old_of[g])));
	rc |= HPDF_Array_Add(w, ws);
	rc |= HPDF_Dict_Add(cid, "W", w);
	rc |= HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
	if (rc != HPDF_OK)
		return fail(pdf);
	if ((tu = new_stream(pdf)) == NULL ||
	    (rc = to_unicode(pf, tu->stream, old_of, n)) != HPDF_OK)
		return tu == NULL ? fail(pdf) : rc;
	if ((type0 = HPDF_Dict_New(pdf->mmgr)) == NULL ||
	    HPDF_Xref_Add(pdf->xref, type0) != HPDF_OK ||
	    (kids = HPDF_Array_New(pdf->mmgr)) == NULL)
		return fail(pdf);
	rc = HPDF_Dict_AddName(type0, "Type", "Font");
	rc |= HPDF_Dict_AddName(type0, "Subtype", "Type0");
	rc |= HPDF_Dict_AddName(type0, "BaseFont", name);
	rc |= HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
	rc |= HPDF_Array_Add(kids, cid);
	rc |= HPDF_Dict_Add(type0, "DescendantFonts", kids);
	rc |= HPDF_Dict_Add(type0, "ToUnicode", tu);
	if (rc != HPDF_OK)
		return fail(pdf);
	pf->dict = type0;
	return HPDF_OK;
}

HPDF_STATUS
pdffont_embed(struct pdffont *pf, HPDF_Doc pdf)
{
	const unsigned char *data;
	size_t len;
	hb_blob_t *blob, *file;
	hb_face_t *face;
	unsigned *old_of = NULL, n = 0;
	HPDF_STATUS rc;

	data = font_data(pf->f, &len);
	blob = hb_blob_create((const char *)data, (unsigned)len,
	    HB_MEMORY_MODE_READONLY, NULL, NULL);
	face = hb_face_create(blob, 0);
	if ((file = subset(pf, face, &old_of, &n)) == NULL) {
		/* A font font.c accepts but hb-subset refuses (fuzzing found
		 * one) is embedded whole, glyph ids as they are: a larger
		 * file, not a failed build. */
		unsigned g;

		file = hb_blob_reference(blob);
		n = pf->nglyphs;
		old_of = xmalloc((n ? n : 1) * sizeof *old_of);
		free(pf->cid);
		pf->cid = xmalloc((n ? n : 1) * sizeof *pf->cid);
		for (g = 0; g < n; g++) {
			old_of[g] = g;
			pf->cid[g] = (uint16_t)g;
		}
		rc = file == NULL || hb_blob_get_length(file) == 0 ?
		    HPDF_INVALID_FONTDEF_DATA : objects(pdf, pf, face, file,
		    old_of, n, 1);
	} else
		rc = objects(pdf, pf, face, file, old_of, n, 0);
	hb_blob_destroy(blob);
	hb_blob_destroy(file);
	hb_face_destroy(face);
	free(old_of);
	return rc;
}
