/* font.c - reads a TrueType file for layout (units per em, ascender and
 * descender, advance widths, the Unicode character map) and, before
 * anything else uses the file, checks every part of it that planc or
 * libharu reads, so that a damaged font is an error at the layout line that
 * names it instead of a crash or a nameless error inside libharu.
 *
 * libharu 2.3.0 (src/hpdf_fontdef_tt.c, hpdf_font_cid.c; Debian 12's
 * libhpdf-dev) trusts the file. What it reads, and the check here that
 * keeps each read safe (S = memory safety, E = an unpositioned libharu
 * error or a silently broken PDF otherwise):
 *
 *   LoadTTFTable     numTables records; more than 625 is its error (E).
 *                    -> the directory fits in the file, 1..625 tables,
 *                    every table inside the file without overflow and
 *                    after the directory (SaveFontData copies cvt, fpgm,
 *                    prep, post, OS/2, hhea, hmtx, maxp, cmap whole: E).
 *   ParseHead        54 bytes; unitsPerEm divides everywhere (S: 0 is a
 *                    division by zero); indexToLocFormat picks the loca
 *                    entry size; the bounding box * 1000 / unitsPerEm
 *                    becomes /FontBBox, reals limited to +-32767 (E).
 *                    -> head >= 54 bytes, unitsPerEm 16..16384,
 *                    indexToLocFormat 0 or 1, the box within the limit.
 *   ParseMaxp        numGlyphs at 4. -> maxp >= 6 bytes, numGlyphs >= 1
 *                    (S: h_metric[0] and flgs[0] are used unconditionally).
 *   ParseHhea        ascender, descender, numberOfHMetrics at 34.
 *                    -> hhea >= 36 bytes.
 *   ParseHmtx        writes numberOfHMetrics records into an array of
 *                    numGlyphs (S: the heap overflow of issue 10), then
 *                    reads a left side bearing for each other glyph.
 *                    -> 1 <= numberOfHMetrics <= numGlyphs, hmtx holds
 *                    4 * numberOfHMetrics + 2 * (numGlyphs - it) bytes.
 *   ParseCMap        version 0; the first (3,1) record whose subtable has
 *                    format 4 (the (1,0) format 1 fallback always fails).
 *                    -> version 0, the records and every subtable offset
 *                    inside the table, a (3,1) format 4 subtable.
 *   ParseCMAP_format4 / GetGlyphid  segCount arrays, then
 *                    (length - 16 - 8 * segCount) / 2 glyph ids; a code is
 *                    looked up in the first segment whose end is >= it,
 *                    start_count[segCount] is read if none is (S); an
 *                    idRangeOffset index equal to the count reads past the
 *                    array (S, off by one in libharu), a NULL array when
 *                    the count is 0 (S). GetCharBBox uses the glyph of 'H'
 *                    and 'x' as an index into loca without a bound (S),
 *                    and their yMax * 1000 / unitsPerEm is cast to an
 *                    unsigned 16-bit number (undefined if out of range).
 *                    -> segCount >= 1, 16 + 8 * segCount <= length <= what
 *                    is left of the table, a segment ends at U+FFFF, and
 *                    for every BMP code, computed as libharu does, an
 *                    index inside the glyph array and a glyph < numGlyphs;
 *                    the yMax of 'H' and 'x' within 0..65535 em/1000.
 *   ParseLoca        numGlyphs + 1 entries. -> loca long enough.
 *   RecreateGLYF     copies offsets[i + 1] - offsets[i] bytes (x2 for the
 *                    short format) of each used glyph (E: a decreasing
 *                    pair is a 4 GB copy that ends at the end of the
 *                    file). -> offsets non-decreasing, the last <= glyf.
 *   CheckCompositGryph  the glyph header, then component records until
 *                    MORE_COMPONENTS is clear (E: reads run into the next
 *                    glyph or off the file; components past numGlyphs are
 *                    dropped from the subset). -> every non-empty glyph
 *                    has its 10-byte header; a composite glyph's records
 *                    fit in the glyph and name glyphs < numGlyphs.
 *   ParseName        count records; the last Macintosh Roman (1,0) or
 *                    Windows US English (3,1,0x409) PostScript name (id 6)
 *                    and subfamily (id 2); it fails (E) without them or
 *                    when they come to more than 119 bytes. RecreateName
 *                    copies every record's string (E past the file).
 *                    The PostScript name becomes a PDF name: empty is an
 *                    error (E).
 *                    -> records and every string inside the table, the
 *                    same choice of names and the same length limit, a
 *                    PostScript name that does not start with a NUL.
 *   ParseOS2         version, fsType at 8, sFamilyClass and PANOSE at 30,
 *                    for version > 0 ulCodePageRange at 78; fsType bits
 *                    0x0002, 0x0100 or 0x0200 refuse embedding (E).
 *                    -> OS/2 >= 42 bytes (86 from version 1), fsType
 *                    allows embedding.
 *   post, cvt, fpgm, prep  copied as they are (see LoadTTFTable).
 *
 * planc's own reads (head, hhea, maxp, hmtx, cmap) are covered by the same
 * checks; the format 12 subtable layout may use beyond the BMP is checked
 * here too.
 *
 * libharu no longer loads fonts at all (pdffont.c writes subsets made by
 * hb-subset from the bytes read here); the checks above stay as the gate
 * in front of HarfBuzz, so that a font refused once is refused the same
 * way, at the layout line that names it.
 *
 * A file is read and checked once per compilation: the layout's check of
 * its fonts (fontpath.c) and typesetting share the same struct font, kept
 * by path and file identity until font_cache_flush(). Its bytes are read,
 * not mapped (a file truncated while mapped would kill the process), into
 * bigmem.c's huge pages: filling fresh 4 KB pages one fault at a time was
 * most of the time a font cost. */
#include "font.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "bigmem.h"

/* libharu seeks with an int; well below that, no real TrueType font comes
 * near this size, and the whole file is held in memory. */
#define FONT_MAX_SIZE ((size_t)128 << 20)

/* libharu's own limit: numTables * 16 bytes must stay within 10,000. */
#define MAX_TABLES 625

struct font {
	char *path;
	unsigned char *data;
	size_t len;
	struct bigmem *mem;		/* where data lives (bigmem.h) */
	/* font_load's: the file's identity when it was read, the holders
	 * of this font, the cache's list (font_parse's are not kept) */
	int cached, refs;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
	struct font *next;
	unsigned units;			/* units per em */
	int ascender, descender;	/* in font units */
	const unsigned char *hmtx;
	unsigned nmetrics, nglyphs;
	const unsigned char *cmap4;	/* the (3,1) format 4 subtable */
	size_t cmap4_len;		/* its checked length */
	const unsigned char *cmap12;	/* a format 12 subtable, or NULL */
	uint32_t ngroups;
	uint16_t *bmp;			/* glyph + 1 of each BMP code point;
					 * 0 until asked for */
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

/* ---- checking ---- */

/* The file being checked, and where the reason for a refusal goes. */
struct ttf {
	const unsigned char *data;
	size_t len;
	unsigned ntables;
	char *why;
	size_t whylen;
};

struct span {
	const unsigned char *p;
	size_t len;
};

/* Writes the reason into t->why; returns -1 so callers can return it. */
static int __attribute__((format(printf, 2, 3)))
bad(struct ttf *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->why, t->whylen, fmt, ap);
	va_end(ap);
	return -1;
}

/* The first table with tag, as libharu's FindTable takes it. Only after
 * check_directory(). Returns 1 if there is one. */
static int
find(const struct ttf *t, const char *tag, struct span *s)
{
	unsigned i;

	for (i = 0; i < t->ntables; i++) {
		const unsigned char *rec = t->data + 12 + 16 * (size_t)i;

		if (memcmp(rec, tag, 4) == 0) {
			s->p = t->data + u32(rec + 8);
			s->len = u32(rec + 12);
			return 1;
		}
	}
	return 0;
}

/* The table with tag, which must be there and at least min bytes long. */
static int
need(struct ttf *t, const char *tag, size_t min, struct span *s)
{
	if (!find(t, tag, s))
		return bad(t, "required table '%s' is missing", tag);
	if (s->len < min)
		return bad(t, "table '%s' is too short (%zu bytes, at least "
		    "%zu)", tag, s->len, min);
	return 0;
}

/* A tag for a message: four printable characters, or "?". */
static const char *
tag_text(const unsigned char *p, char out[5])
{
	int i;

	for (i = 0; i < 4; i++) {
		if (p[i] < 0x20 || p[i] > 0x7E || p[i] == '\'')
			return "?";
		out[i] = (char)p[i];
	}
	out[4] = '\0';
	return out;
}

/* The offset table and the table directory (LoadTTFTable). */
static int
check_directory(struct ttf *t)
{
	uint32_t version;
	size_t dir_end;
	unsigned i, n;
	char tag[5];

	if (t->len < 12)
		return bad(t, "not a TrueType font");
	version = u32(t->data);
	if (version == 0x4F54544FU)		/* "OTTO" */
		return bad(t, "an OpenType font with PostScript (CFF) "
		    "outlines; planc embeds only TrueType outlines");
	if (version == 0x74746366U)		/* "ttcf" */
		return bad(t, "a font collection (.ttc); planc needs a "
		    "single-font .ttf file");
	if (version != 0x00010000U && version != 0x74727565U) /* "true" */
		return bad(t, "not a TrueType font");
	n = u16(t->data + 4);
	if (n == 0)
		return bad(t, "the table directory is empty");
	if (n > MAX_TABLES)
		return bad(t, "the table directory lists %u tables; libharu "
		    "reads at most %d", n, MAX_TABLES);
	dir_end = 12 + 16 * (size_t)n;
	if (dir_end > t->len)
		return bad(t, "the table directory (%u tables) runs past the "
		    "end of the file", n);
	for (i = 0; i < n; i++) {
		const unsigned char *rec = t->data + 12 + 16 * (size_t)i;
		uint32_t off = u32(rec + 8), len = u32(rec + 12);

		/* Sums in size_t (64 bits here) cannot overflow. */
		if ((size_t)off + len > t->len)
			return bad(t, "table '%s' runs past the end of the "
			    "file", tag_text(rec, tag));
		if (off < dir_end && len > 0)
			return bad(t, "table '%s' starts inside the table "
			    "directory", tag_text(rec, tag));
	}
	t->ntables = n;
	return 0;
}

/* The values the later checks need. */
struct metrics {
	unsigned units, loca_long, nglyphs, nmetrics;
};

static int
check_head_maxp_hhea(struct ttf *t, struct metrics *m)
{
	static const char *const names[4] = { "xMin", "yMin", "xMax",
	    "yMax" };
	struct span head, maxp, hhea, hmtx;
	unsigned ilf, i;
	size_t want;

	if (need(t, "head", 54, &head) || need(t, "maxp", 6, &maxp) ||
	    need(t, "hhea", 36, &hhea) || need(t, "hmtx", 0, &hmtx))
		return -1;
	m->units = u16(head.p + 18);
	if (m->units < 16 || m->units > 16384)
		return bad(t, "head: unitsPerEm is %u (expected 16 to 16384)",
		    m->units);
	/* The bounding box becomes the descriptor's /FontBBox, four reals
	 * libharu refuses beyond +-32767 (HPDF_REAL_OUT_OF_RANGE on save). */
	for (i = 0; i < 4; i++) {
		long v = (long)(int16_t)u16(head.p + 36 + 2 * i) * 1000 /
		    (long)m->units;
		if (v > 32767 || v < -32767)
			return bad(t, "head: the bounding box (%s %d) comes to "
			    "%ld thousandths of an em, more than libharu's "
			    "limit of 32767", names[i],
			    (int16_t)u16(head.p + 36 + 2 * i), v);
	}
	ilf = u16(head.p + 50);
	if (ilf > 1)
		return bad(t, "head: indexToLocFormat is %d (expected 0 or 1)",
		    (int16_t)ilf);
	m->loca_long = ilf;
	m->nglyphs = u16(maxp.p + 4);
	if (m->nglyphs == 0)
		return bad(t, "maxp: the font has no glyphs");
	m->nmetrics = u16(hhea.p + 34);
	if (m->nmetrics == 0)
		return bad(t, "hhea: numberOfHMetrics is 0");
	if (m->nmetrics > m->nglyphs)
		return bad(t, "hhea: numberOfHMetrics (%u) is more than the "
		    "%u glyphs in maxp", m->nmetrics, m->nglyphs);
	want = 4 * (size_t)m->nmetrics + 2 * (size_t)(m->nglyphs -
	    m->nmetrics);
	if (hmtx.len < want)
		return bad(t, "table 'hmtx' is too short for %u glyphs (%zu "
		    "bytes, needs %zu)", m->nglyphs, hmtx.len, want);
	return 0;
}

/* A composite glyph's component records (CheckCompositGryph), between
 * byte 10 of the glyph and its end. */
static int
check_composite(struct ttf *t, const unsigned char *g, size_t len,
    unsigned gid, unsigned nglyphs)
{
	size_t p = 10;
	unsigned flags, component;

	do {
		if (p + 4 > len)
			return bad(t, "glyf: composite glyph %u runs past its "
			    "end", gid);
		flags = u16(g + p);
		component = u16(g + p + 2);
		p += 4;
		p += flags & 0x0001 ? 4 : 2;		/* ARG_1_AND_2_ARE_WORDS */
		if (flags & 0x0008)			/* WE_HAVE_A_SCALE */
			p += 2;
		else if (flags & 0x0040)		/* X_AND_Y_SCALE */
			p += 4;
		else if (flags & 0x0080)		/* TWO_BY_TWO */
			p += 8;
		if (p > len)
			return bad(t, "glyf: composite glyph %u runs past its "
			    "end", gid);
		if (component >= nglyphs)
			return bad(t, "glyf: composite glyph %u uses glyph %u, "
			    "but the font has %u glyphs", gid, component,
			    nglyphs);
	} while (flags & 0x0020);			/* MORE_COMPONENTS */
	return 0;
}

/* loca and glyf (ParseLoca, RecreateGLYF, CheckCompositGryph). */
static int
check_loca_glyf(struct ttf *t, const struct metrics *m)
{
	struct span loca, glyf;
	size_t es = m->loca_long ? 4 : 2, want, prev = 0, off, next;
	unsigned g;

	if (need(t, "loca", 0, &loca) || need(t, "glyf", 0, &glyf))
		return -1;
	want = es * ((size_t)m->nglyphs + 1);
	if (loca.len < want)
		return bad(t, "table 'loca' is too short for %u glyphs (%zu "
		    "bytes, needs %zu)", m->nglyphs, loca.len, want);
	for (g = 0; g <= m->nglyphs; g++) {
		off = m->loca_long ? u32(loca.p + 4 * (size_t)g) :
		    2 * (size_t)u16(loca.p + 2 * (size_t)g);
		if (off < prev)
			return bad(t, "loca: glyph %u starts before glyph %u",
			    g, g - 1);
		if (off > glyf.len)
			return bad(t, "loca: glyph %u lies past the end of "
			    "table 'glyf'", g < m->nglyphs ? g : g - 1);
		prev = off;
	}
	for (g = 0; g < m->nglyphs; g++) {
		off = m->loca_long ? u32(loca.p + 4 * (size_t)g) :
		    2 * (size_t)u16(loca.p + 2 * (size_t)g);
		next = m->loca_long ? u32(loca.p + 4 * (size_t)g + 4) :
		    2 * (size_t)u16(loca.p + 2 * (size_t)g + 2);
		if (next == off)
			continue;		/* an empty glyph (a space) */
		if (next - off < 10)
			return bad(t, "glyf: glyph %u is shorter than a glyph "
			    "header (%zu bytes)", g, next - off);
		if ((int16_t)u16(glyf.p + off) < 0 &&
		    check_composite(t, glyf.p + off, next - off, g,
		    m->nglyphs) != 0)
			return -1;
	}
	return 0;
}

/* A format 4 subtable at sub with avail bytes of the cmap table after it,
 * as ParseCMAP_format4 reads it and GetGlyphid looks codes up in it. Every
 * BMP code point is resolved the way libharu does it: a code belongs to
 * the first segment whose end is >= it, so segment i serves the codes
 * above every earlier end; the walk is linear in the codes, not segments
 * times codes. On success *len is the length the subtable declares. */
static int
check_cmap4(struct ttf *t, const unsigned char *sub, size_t avail,
    unsigned nglyphs, size_t *len)
{
	const unsigned char *ends, *starts, *deltas, *ranges, *glyphs;
	size_t length, arrays, count;
	unsigned segs, i, end, start, delta, ro, gid;
	long prev = -1, u, lo, idx;
	int full = 0;

	if (avail < 14)
		return bad(t, "cmap: the format 4 subtable runs past the end "
		    "of the table");
	length = u16(sub + 2);
	segs = u16(sub + 6) / 2;
	if (segs == 0)
		return bad(t, "cmap: the format 4 subtable has no segments");
	arrays = 16 + 8 * (size_t)segs;
	if (length < arrays)
		return bad(t, "cmap: the format 4 subtable is shorter (%zu "
		    "bytes) than its %u segments (%zu bytes)", length, segs,
		    arrays);
	if (length > avail)
		return bad(t, "cmap: the format 4 subtable runs past the end "
		    "of the table");
	count = (length - arrays) / 2;
	ends = sub + 14;
	starts = ends + 2 * (size_t)segs + 2;
	deltas = starts + 2 * (size_t)segs;
	ranges = deltas + 2 * (size_t)segs;
	glyphs = ranges + 2 * (size_t)segs;
	for (i = 0; i < segs; i++)
		if (u16(ends + 2 * i) == 0xFFFF)
			full = 1;
	if (!full)
		return bad(t, "cmap: no segment of the format 4 subtable ends "
		    "at U+FFFF");
	for (i = 0; i < segs; i++) {
		end = u16(ends + 2 * i);
		start = u16(starts + 2 * i);
		delta = u16(deltas + 2 * i);
		ro = u16(ranges + 2 * i);
		lo = (long)start > prev + 1 ? (long)start : prev + 1;
		for (u = lo; u <= (long)end; u++) {
			if (ro == 0)
				gid = ((unsigned)u + delta) & 0xFFFF;
			else {
				idx = (long)(ro / 2) + (u - (long)start) -
				    (long)(segs - i);
				if (idx < 0 || (size_t)idx >= count)
					return bad(t, "cmap: the glyph of "
					    "U+%04lX lies outside the format 4 "
					    "subtable", u);
				gid = (u16(glyphs + 2 * idx) + delta) & 0xFFFF;
			}
			if (gid >= nglyphs && u != 0xFFFF)
				return bad(t, "cmap: U+%04lX maps to glyph %u, "
				    "but the font has %u glyphs", u, gid,
				    nglyphs);
		}
		if ((long)end > prev)
			prev = (long)end;
	}
	*len = length;
	return 0;
}

/* The cmap table (ParseCMap): libharu's (3,1) format 4 subtable, which
 * planc uses for the BMP too, so that what layout measures is what
 * libharu draws; and a full-Unicode format 12 subtable if there is a
 * sound one, for code points beyond the BMP. */
static int
check_cmap(struct ttf *t, struct font *f)
{
	struct span cmap;
	unsigned n, i, pid, eid, fmt;
	uint32_t off, ngroups, g;
	const unsigned char *sub;

	if (need(t, "cmap", 4, &cmap))
		return -1;
	if (u16(cmap.p) != 0)
		return bad(t, "cmap: version %u (expected 0)", u16(cmap.p));
	n = u16(cmap.p + 2);
	if (4 + 8 * (size_t)n > cmap.len)
		return bad(t, "cmap: the subtable records run past the end of "
		    "the table");
	for (i = 0; i < n; i++) {
		pid = u16(cmap.p + 4 + 8 * i);
		eid = u16(cmap.p + 6 + 8 * i);
		off = u32(cmap.p + 8 + 8 * i);
		if ((size_t)off + 2 > cmap.len)
			return bad(t, "cmap: subtable %u (platform %u, "
			    "encoding %u) lies past the end of the table", i,
			    pid, eid);
		sub = cmap.p + off;
		fmt = u16(sub);
		if (pid == 3 && eid == 1 && fmt == 4 && f->cmap4 == NULL) {
			if (check_cmap4(t, sub, cmap.len - off, f->nglyphs,
			    &f->cmap4_len) != 0)
				return -1;
			f->cmap4 = sub;
		}
		/* (3,10) or Unicode full repertoire, format 12: groups of
		 * (start, end, first glyph), sorted, for the binary search in
		 * cmap_lookup. One that is not sound is not used. */
		if (fmt == 12 && f->cmap12 == NULL && ((pid == 3 &&
		    eid == 10) || pid == 0) && (size_t)off + 16 <= cmap.len) {
			ngroups = u32(sub + 12);
			if ((size_t)ngroups > (cmap.len - off - 16) / 12)
				continue;
			for (g = 0; g < ngroups; g++) {
				const unsigned char *gr = sub + 16 + 12 *
				    (size_t)g;
				if (u32(gr) > u32(gr + 4) || (g > 0 &&
				    u32(gr) <= u32(gr - 8)))
					break;
			}
			if (g == ngroups) {
				f->cmap12 = sub;
				f->ngroups = ngroups;
			}
		}
	}
	if (f->cmap4 == NULL)
		return bad(t, "cmap: no Unicode BMP subtable (platform 3, "
		    "encoding 1, format 4), which libharu needs");
	return 0;
}

/* The glyph libharu's GetGlyphid gives cp (< 0x10000) in the checked
 * (3,1) format 4 subtable: unlike the spec, it adds idDelta to a 0 from
 * the glyph array too. */
static unsigned
haru_glyph(const struct font *f, unsigned cp)
{
	const unsigned char *t = f->cmap4;
	unsigned segs = u16(t + 6) / 2, i, start, ro, delta;
	size_t idx;

	for (i = 0; i < segs && cp > u16(t + 14 + 2 * i); i++)
		continue;
	start = u16(t + 16 + 2 * (size_t)segs + 2 * i);
	if (start > cp)
		return 0;
	delta = u16(t + 16 + 4 * (size_t)segs + 2 * i);
	ro = u16(t + 16 + 6 * (size_t)segs + 2 * i);
	if (ro == 0)
		return (cp + delta) & 0xFFFF;
	idx = ro / 2 + (cp - start) - (segs - i);
	return (u16(t + 16 + 8 * (size_t)segs + 2 * idx) + delta) & 0xFFFF;
}

/* The cap height and x height (LoadFontData): libharu reads yMax of the
 * glyphs of 'H' and 'x' (GetCharBBox, at the glyph's offset even when it
 * is empty; nothing if that lies past the file) and converts yMax * 1000 /
 * unitsPerEm to an unsigned 16-bit number, undefined below 0 or above
 * 65535. */
static int
check_heights(struct ttf *t, const struct font *f, const struct metrics *m)
{
	static const char letters[2] = { 'H', 'x' };
	struct span loca, glyf;
	unsigned gid, i;
	size_t at;
	long top;

	find(t, "loca", &loca);
	find(t, "glyf", &glyf);
	for (i = 0; i < 2; i++) {
		if ((gid = haru_glyph(f, (unsigned char)letters[i])) == 0)
			continue;
		at = (size_t)(glyf.p - t->data) + (m->loca_long ?
		    u32(loca.p + 4 * (size_t)gid) :
		    2 * (size_t)u16(loca.p + 2 * (size_t)gid));
		if (at + 10 > t->len)
			continue;
		top = (long)(int16_t)u16(t->data + at + 8) * 1000 /
		    (long)m->units;
		if (top < 0 || top > 65535)
			return bad(t, "glyf: the glyph of '%c' has a yMax of "
			    "%d, which libharu cannot take for the %s height",
			    letters[i], (int16_t)u16(t->data + at + 8),
			    i == 0 ? "cap" : "x");
	}
	return 0;
}

/* The name table (ParseName, RecreateName). */
static int
check_name(struct ttf *t)
{
	struct span name;
	unsigned count, strings, i, pid, eid, lang, nid, len, off;
	/* libharu's choice: the last record of each kind wins. */
	int mac6 = 0, mac2 = 0, win6 = 0, win2 = 0;
	unsigned mac6_len = 0, mac6_off = 0, mac2_len = 0, mac2_off = 0;
	unsigned win6_len = 0, win6_off = 0, win2_len = 0, len1, len2;
	unsigned first;

	if (need(t, "name", 6, &name))
		return -1;
	count = u16(name.p + 2);
	strings = u16(name.p + 4);
	if (6 + 12 * (size_t)count > name.len)
		return bad(t, "name: the records run past the end of the "
		    "table");
	for (i = 0; i < count; i++) {
		const unsigned char *rec = name.p + 6 + 12 * (size_t)i;

		pid = u16(rec);
		eid = u16(rec + 2);
		lang = u16(rec + 4);
		nid = u16(rec + 6);
		len = u16(rec + 8);
		off = u16(rec + 10);
		if ((size_t)strings + off + len > name.len)
			return bad(t, "name: the string of record %u runs past "
			    "the end of the table", i);
		if (pid == 1 && eid == 0 && nid == 6) {
			mac6 = 1;
			mac6_len = len;
			mac6_off = strings + off;
		}
		if (pid == 1 && eid == 0 && nid == 2) {
			mac2 = 1;
			mac2_len = len;
			mac2_off = strings + off;
		}
		if (pid == 3 && eid == 1 && lang == 0x0409 && nid == 6) {
			win6 = 1;
			win6_len = len;
			win6_off = strings + off;
		}
		if (pid == 3 && eid == 1 && lang == 0x0409 && nid == 2) {
			win2 = 1;
			win2_len = len;
		}
	}
	if (!mac6 && !win6)
		return bad(t, "name: no PostScript name (name ID 6) in "
		    "Macintosh Roman or Windows US English, which libharu "
		    "needs");
	if (!mac2 && !win2)
		return bad(t, "name: no subfamily name (name ID 2) in "
		    "Macintosh Roman or Windows US English, which libharu "
		    "needs");
	len1 = mac6 ? mac6_len : 0;
	if (len1 == 0 && win6_len > 0)
		len1 = win6_len / 2 + win6_len % 2;
	len2 = mac2 ? mac2_len : 0;
	if (len2 == 0 && win2_len > 0)
		len2 = win2_len / 2 + win2_len % 2;
	if (len1 + len2 + 8 > 127)
		return bad(t, "name: the PostScript and subfamily names are "
		    "%u bytes long; libharu takes at most 119", len1 + len2);
	/* With a Macintosh record libharu reads len1 bytes there, even
	 * when that length came from the Windows record. */
	if ((mac6 && (size_t)mac6_off + len1 > name.len) ||
	    (mac2 && (size_t)mac2_off + len2 > name.len))
		return bad(t, "name: the PostScript or subfamily name runs "
		    "past the end of the table");
	/* The PostScript name becomes the PDF font's name, which libharu
	 * refuses when it is empty (HPDF_NAME_INVALID_VALUE). Of a Windows
	 * name it keeps every second byte, the first being byte 1. */
	if (mac6)
		first = len1 > 0 ? name.p[mac6_off] : 0;
	else
		first = win6_len >= 2 ? name.p[win6_off + 1] : 0;
	if (first == 0)
		return bad(t, "name: the PostScript name (name ID 6) is empty");
	return 0;
}

/* OS/2 (ParseOS2). */
static int
check_os2(struct ttf *t)
{
	struct span os2;
	unsigned version, fstype;

	if (need(t, "OS/2", 42, &os2))
		return -1;
	version = u16(os2.p);
	if (version > 0 && os2.len < 86)
		return bad(t, "table 'OS/2' is too short for version %u (%zu "
		    "bytes, at least 86)", version, os2.len);
	fstype = u16(os2.p + 8);
	if (fstype & (0x0002 | 0x0100 | 0x0200))
		return bad(t, "its licence does not allow embedding it in a "
		    "PDF (OS/2 fsType 0x%04X)", fstype);
	return 0;
}

/* Checks the whole file and fills in f; f->data and f->len are set. */
static int
parse(struct font *f, char *err, size_t errlen)
{
	char why[400];
	struct ttf t = { f->data, f->len, 0, why, sizeof why };
	struct metrics m = { 0, 0, 0, 0 };
	struct span hhea, hmtx;

	if (check_directory(&t) || check_head_maxp_hhea(&t, &m) ||
	    check_loca_glyf(&t, &m))
		goto fail;
	f->units = m.units;
	f->nglyphs = m.nglyphs;
	f->nmetrics = m.nmetrics;
	if (check_cmap(&t, f) || check_heights(&t, f, &m) || check_name(&t) ||
	    check_os2(&t))
		goto fail;
	find(&t, "hhea", &hhea);
	find(&t, "hmtx", &hmtx);
	f->ascender = (int16_t)u16(hhea.p + 4);
	f->descender = (int16_t)u16(hhea.p + 6);
	f->hmtx = hmtx.p;
	/* Layout asks for widths of the same few hundred characters many
	 * times: each BMP code point is looked up once, when first asked
	 * for (resolving all 65,536 up front cost a quarter of a build).
	 * Zeroed memory means "not yet": calloc's fresh pages cost nothing
	 * until touched, and `check` never touches them. */
	if (ARENA_FAULT(ARENA_FAULT_PLANC) ||
	    (f->bmp = calloc(65536, sizeof *f->bmp)) == NULL)
		arena_oom();
	return 0;
fail:
	snprintf(err, errlen, "cannot use font '%s': %s", f->path, why);
	return -1;
}

/* ---- loading ---- */

/* The fonts font_load read, by path and identity. */
static struct font *cache;

static void
destroy(struct font *f)
{
	free(f->bmp);
	bigmem_free(f->data, f->mem);
	free(f->path);
	free(f);
}

/* A font for path that owns data (len bytes from bigmem_alloc, owner m),
 * or NULL with the reason in err; data is freed either way. */
static struct font *
adopt(unsigned char *data, size_t len, struct bigmem *m, const char *path,
    char *err, size_t errlen)
{
	struct font *f = xmalloc(sizeof *f);

	memset(f, 0, sizeof *f);
	f->path = xmalloc(strlen(path) + 1);
	strcpy(f->path, path);
	f->data = data;
	f->len = len;
	f->mem = m;
	if (parse(f, err, errlen) != 0) {
		destroy(f);
		return NULL;
	}
	return f;
}

/* Whether f was read from path as the file st describes still is. */
static int
same_file(const struct font *f, const char *path, const struct stat *st)
{
	return strcmp(f->path, path) == 0 && f->dev == st->st_dev &&
	    f->ino == st->st_ino && f->size == st->st_size &&
	    f->mtime.tv_sec == st->st_mtim.tv_sec &&
	    f->mtime.tv_nsec == st->st_mtim.tv_nsec &&
	    f->ctime.tv_sec == st->st_ctim.tv_sec &&
	    f->ctime.tv_nsec == st->st_ctim.tv_nsec;
}

/* The cached font read from path as st describes it, with one more
 * holder; NULL if there is none. Another font of that path that nobody
 * holds (the file has changed since) is dropped. */
static struct font *
cache_find(const char *path, const struct stat *st)
{
	struct font **p = &cache, *f;

	while ((f = *p) != NULL) {
		if (same_file(f, path, st)) {
			f->refs++;
			return f;
		}
		if (f->refs == 0 && strcmp(f->path, path) == 0) {
			*p = f->next;
			destroy(f);
			continue;
		}
		p = &f->next;
	}
	return NULL;
}

void
font_cache_flush(void)
{
	struct font **p = &cache, *f;

	while ((f = *p) != NULL) {
		if (f->refs == 0) {
			*p = f->next;
			destroy(f);
		} else
			p = &f->next;
	}
}

struct font *
font_parse(const unsigned char *data, size_t len, const char *name,
    char *err, size_t errlen)
{
	unsigned char *copy = xmalloc(len ? len : 1);

	if (len > 0)
		memcpy(copy, data, len);
	/* (malloc'd: an owner of NULL) */
	return adopt(copy, len, NULL, name, err, errlen);
}

struct font *
font_load(const char *path, char *err, size_t errlen)
{
	struct stat st;
	struct bigmem *m;
	struct font *f;
	unsigned char *data;
	size_t len, got = 0;
	ssize_t n;
	int fd, flags;

	/* O_NONBLOCK: opening a FIFO without a writer would wait for one. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "cannot use font '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "cannot use font '%s': not a regular "
		    "file", path);
		close(fd);
		return NULL;
	}
	if ((flags = fcntl(fd, F_GETFL)) != -1)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	if (st.st_size < 0 || (uintmax_t)st.st_size > FONT_MAX_SIZE) {
		snprintf(err, errlen, "cannot use font '%s': larger than %zu "
		    "MiB", path, FONT_MAX_SIZE >> 20);
		close(fd);
		return NULL;
	}
	/* Read before in this compilation, and not changed since. */
	if ((f = cache_find(path, &st)) != NULL) {
		close(fd);
		return f;
	}
	len = (size_t)st.st_size;
	data = bigmem_alloc(len, &m);
	while (got < len) {
		n = read(fd, data + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "cannot use font '%s': %s", path,
			    n < 0 ? strerror(errno) : "the file became shorter "
			    "while it was read");
			bigmem_free(data, m);
			close(fd);
			return NULL;
		}
		got += (size_t)n;
	}
	close(fd);
	if ((f = adopt(data, len, m, path, err, errlen)) == NULL)
		return NULL;
	f->cached = 1;
	f->refs = 1;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->size = st.st_size;
	f->mtime = st.st_mtim;
	f->ctime = st.st_ctim;
	f->next = cache;
	cache = f;
	return f;
}

void
font_free(struct font *f)
{
	if (f == NULL)
		return;
	if (f->cached)
		f->refs--;	/* kept until font_cache_flush() */
	else
		destroy(f);
}

/* ---- looking up ---- */

/* Glyph of cp: beyond the BMP from the format 12 groups (binary search),
 * in the BMP from the format 4 segments as the spec reads them. Both
 * subtables were checked by check_cmap; the bounds below are kept all the
 * same, so no lookup can leave its subtable. */
static unsigned
cmap_lookup(const struct font *f, uint32_t cp)
{
	if (cp > 0xFFFF) {
		uint32_t lo = 0, hi = f->cmap12 ? f->ngroups : 0;

		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			const unsigned char *g = f->cmap12 + 16 + 12 *
			    (size_t)mid;
			if (cp < u32(g))
				hi = mid;
			else if (cp > u32(g + 4))
				lo = mid + 1;
			else
				return (unsigned)(u32(g + 8) + (cp - u32(g)));
		}
		return 0;
	}
	{
		const unsigned char *t = f->cmap4;
		unsigned segs = u16(t + 6) / 2, i;
		size_t ends = 14, starts = ends + 2 * (size_t)segs + 2;
		size_t deltas = starts + 2 * (size_t)segs;
		size_t ranges = deltas + 2 * (size_t)segs, at;

		for (i = 0; i < segs; i++) {
			unsigned end = u16(t + ends + 2 * i), start, ro, gid;
			if (cp > end)
				continue;
			start = u16(t + starts + 2 * i);
			if (cp < start)
				return 0;
			ro = u16(t + ranges + 2 * i);
			if (ro == 0)
				return (cp + u16(t + deltas + 2 * i)) & 0xFFFF;
			at = ranges + 2 * i + ro + 2 * (cp - start);
			if (at + 2 > f->cmap4_len)
				return 0;
			gid = u16(t + at);
			return gid ? (gid + u16(t + deltas + 2 * i)) & 0xFFFF : 0;
		}
	}
	return 0;
}

static unsigned
glyph(const struct font *f, uint32_t cp)
{
	if (cp >= 65536)
		return cmap_lookup(f, cp);
	/* Kept as glyph + 1, so that 0 is "not yet": a glyph id is at most
	 * 65,534 (a font has at most 65,535 glyphs). */
	if (f->bmp[cp] == 0)
		f->bmp[cp] = (uint16_t)(cmap_lookup(f, cp) + 1);
	return f->bmp[cp] - 1u;
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

const unsigned char *
font_data(const struct font *f, size_t *len)
{
	*len = f->len;
	return f->data;
}

unsigned
font_units(const struct font *f)
{
	return f->units;
}

unsigned
font_glyph_count(const struct font *f)
{
	return f->nglyphs;
}

unsigned
font_glyph_advance(const struct font *f, unsigned gid)
{
	if (gid >= f->nglyphs)
		return 0;
	/* Glyphs past the metrics count share the last advance. */
	return u16(f->hmtx + 4 * (gid < f->nmetrics ? gid : f->nmetrics - 1));
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
