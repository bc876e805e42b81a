/* font.c - a reader for the parts of a TrueType file that layout needs:
 * head (units per em), hhea (metrics count, ascender), hmtx (advance
 * widths) and cmap (Unicode → glyph, formats 4 and 12). Everything else in
 * the file is left to libharu when pdf.c embeds it. */
#include "font.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"

struct font {
	char *path;
	unsigned char *data;
	size_t len;
	unsigned units;			/* units per em */
	int ascender, descender;	/* in font units */
	const unsigned char *hmtx;
	unsigned nmetrics, nglyphs;
	const unsigned char *cmap;	/* the chosen subtable */
	unsigned cmap_format;
	uint16_t *bmp;			/* glyph of each BMP code point;
					 * NOT_LOOKED_UP until asked for */
};

static unsigned
u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* The table with tag, or NULL; *len gets its length. */
static const unsigned char *
table(const struct font *f, const char *tag, size_t *len)
{
	unsigned i, n;

	if (f->len < 12)
		return NULL;
	n = u16(f->data + 4);
	for (i = 0; i < n && 12 + 16 * (size_t)(i + 1) <= f->len; i++) {
		const unsigned char *rec = f->data + 12 + 16 * i;
		uint32_t off = u32(rec + 8), l = u32(rec + 12);

		if (memcmp(rec, tag, 4) == 0 && off <= f->len &&
		    l <= f->len - off) {
			*len = l;
			return f->data + off;
		}
	}
	return NULL;
}

/* Glyph of cp from a format 4 (BMP, segments) or 12 (groups) subtable. */
static unsigned
cmap_lookup(const struct font *f, uint32_t cp)
{
	const unsigned char *t = f->cmap;

	if (f->cmap_format == 12) {
		uint32_t n = u32(t + 12), lo = 0, hi = n;
		while (lo < hi) {
			uint32_t mid = (lo + hi) / 2;
			const unsigned char *g = t + 16 + 12 * mid;
			if (cp < u32(g))
				hi = mid;
			else if (cp > u32(g + 4))
				lo = mid + 1;
			else
				return (unsigned)(u32(g + 8) + (cp - u32(g)));
		}
		return 0;
	}
	if (cp > 0xFFFF)
		return 0;
	{
		unsigned segs = u16(t + 6) / 2, i;
		const unsigned char *ends = t + 14, *starts = ends + 2 * segs + 2;
		const unsigned char *deltas = starts + 2 * segs;
		const unsigned char *offsets = deltas + 2 * segs;

		for (i = 0; i < segs; i++) {
			unsigned end = u16(ends + 2 * i), start, ro;
			if (cp > end)
				continue;
			start = u16(starts + 2 * i);
			if (cp < start)
				return 0;
			ro = u16(offsets + 2 * i);
			if (ro == 0)
				return (cp + u16(deltas + 2 * i)) & 0xFFFF;
			{
				const unsigned char *g = offsets + 2 * i + ro +
				    2 * (cp - start);
				unsigned gid;
				if (g + 2 > f->data + f->len)
					return 0;
				gid = u16(g);
				return gid ? (gid + u16(deltas + 2 * i)) & 0xFFFF : 0;
			}
		}
	}
	return 0;
}

static int
fail(char *err, size_t errlen, const char *path, const char *why)
{
	snprintf(err, errlen, "cannot use font '%s': %s", path, why);
	return -1;
}

static int
parse(struct font *f, char *err, size_t errlen)
{
	const unsigned char *head, *hhea, *maxp, *cmap;
	size_t hl, hhl, ml, cl, i;
	unsigned n, best = 0, fmt;

	size_t xl;

	head = table(f, "head", &hl);
	hhea = table(f, "hhea", &hhl);
	maxp = table(f, "maxp", &ml);
	cmap = table(f, "cmap", &cl);
	f->hmtx = table(f, "hmtx", &xl);
	if (head == NULL || hhea == NULL || maxp == NULL || cmap == NULL ||
	    f->hmtx == NULL || hl < 54 || hhl < 36 || ml < 6 || cl < 4)
		return fail(err, errlen, f->path, "not a TrueType font");
	f->units = u16(head + 18);
	f->ascender = (int16_t)u16(hhea + 4);
	f->descender = (int16_t)u16(hhea + 6);
	f->nmetrics = u16(hhea + 34);
	f->nglyphs = u16(maxp + 4);
	if (f->units == 0 || f->nmetrics == 0 || (size_t)f->nmetrics * 4 > xl)
		return fail(err, errlen, f->path, "damaged metrics");
	/* Prefer a full-Unicode subtable (3,10 / 0,4: format 12) over BMP. */
	n = u16(cmap + 2);
	for (i = 0; i < n && 4 + 8 * (i + 1) <= cl; i++) {
		unsigned pid = u16(cmap + 4 + 8 * i), eid = u16(cmap + 6 + 8 * i);
		uint32_t off = u32(cmap + 8 + 8 * i);
		unsigned rank;

		if (off + 8 > cl)
			continue;
		fmt = u16(cmap + off);
		/* A subtable whose arrays do not fit in the table is skipped,
		 * so lookups never read outside the file. */
		if (fmt == 4 && (off + 16 > cl || off + 16 +
		    8 * (size_t)(u16(cmap + off + 6) / 2) > cl))
			continue;
		if (fmt == 12 && (off + 16 > cl || off + 16 +
		    12 * (size_t)u32(cmap + off + 12) > cl))
			continue;
		rank = fmt == 12 && ((pid == 3 && eid == 10) || pid == 0) ? 2 :
		    fmt == 4 && ((pid == 3 && eid == 1) || pid == 0) ? 1 : 0;
		if (rank > best) {
			best = rank;
			f->cmap = cmap + off;
			f->cmap_format = fmt;
		}
	}
	if (best == 0)
		return fail(err, errlen, f->path, "no Unicode character map");
	/* Layout asks for widths of the same few hundred characters many
	 * times: each BMP code point is looked up once, when first asked
	 * for (resolving all 65,536 up front cost a quarter of a build). */
	f->bmp = xmalloc(65536 * sizeof *f->bmp);
	memset(f->bmp, 0xFF, 65536 * sizeof *f->bmp);
	return 0;
}

struct font *
font_load(const char *path, char *err, size_t errlen)
{
	struct font *f = xmalloc(sizeof *f);
	FILE *fp;
	long n;

	memset(f, 0, sizeof *f);
	f->path = xmalloc(strlen(path) + 1);
	strcpy(f->path, path);
	if ((fp = fopen(path, "rb")) == NULL || fseek(fp, 0, SEEK_END) != 0 ||
	    (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
		fail(err, errlen, path, "cannot read the file");
		if (fp)
			fclose(fp);
		font_free(f);
		return NULL;
	}
	f->len = (size_t)n;
	f->data = xmalloc(f->len + 1);
	if (fread(f->data, 1, f->len, fp) != f->len) {
		fclose(fp);
		fail(err, errlen, path, "cannot read the file");
		font_free(f);
		return NULL;
	}
	fclose(fp);
	if (parse(f, err, errlen) != 0) {
		font_free(f);
		return NULL;
	}
	return f;
}

void
font_free(struct font *f)
{
	if (f == NULL)
		return;
	free(f->bmp);
	free(f->data);
	free(f->path);
	free(f);
}

const char *
font_path(const struct font *f)
{
	return f->path;
}

/* No glyph id is 0xFFFF: a font has at most 65,535 glyphs. */
#define NOT_LOOKED_UP 0xFFFF

static unsigned
glyph(const struct font *f, uint32_t cp)
{
	if (cp >= 65536)
		return cmap_lookup(f, cp);
	if (f->bmp[cp] == NOT_LOOKED_UP)
		f->bmp[cp] = (uint16_t)cmap_lookup(f, cp);
	return f->bmp[cp];
}

int
font_has(const struct font *f, uint32_t cp)
{
	unsigned g = glyph(f, cp);

	return g != 0 && g < f->nglyphs;
}

int
font_advance(const struct font *f, uint32_t cp)
{
	unsigned g = glyph(f, cp), aw;

	if (g == 0 || g >= f->nglyphs)
		return 0;
	/* Glyphs past the metrics count share the last advance. */
	aw = u16(f->hmtx + 4 * (g < f->nmetrics ? g : f->nmetrics - 1));
	return (int)((aw * 1000 + f->units / 2) / f->units);
}

double
font_width(const struct font *f, const char *s, size_t len, double size)
{
	size_t i = 0, k;
	uint32_t cp;
	long units = 0;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		units += font_advance(f, cp);
	}
	return (double)units * size / 1000.0;
}

int
font_ascender(const struct font *f)
{
	return f->ascender * 1000 / (int)f->units;
}

int
font_descender(const struct font *f)
{
	return f->descender * 1000 / (int)f->units;
}
