/* pdftext.c - text operators for a page's content stream (see pdftext.h).
 * libharu 2.3.0 has no TJ and draws text only through its encoders, which
 * know characters, not shaped glyphs; the page's stream is an ordinary
 * libharu stream (hpdf_pages.h: attr->stream), so planc writes the text
 * there itself.
 *
 * A piece is "dx dy Td" (from the last piece's start) and one TJ array of its glyphs' 2-byte codes
 * (Identity-H). The PDF advances each glyph by its /W width, the font's
 * own advance; where shaping moved the next glyph (kerning), the array
 * carries the difference in thousandths of the size, subtracted from the
 * position: a kern of -50 font units at 2048 units per em is +24.414. A
 * glyph shaping offsets (a mark) is placed with a Td of its own. */
#include "pdftext.h"

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "font.h"
#include "pdffont.h"

void
pdftext_init(struct pdftext *t)
{
	memset(t, 0, sizeof *t);
}

void
pdftext_free(struct pdftext *t)
{
	free(t->buf);
	memset(t, 0, sizeof *t);
}

static void
put(struct pdftext *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->cap ? t->cap * 2 : 4096) + n;
		t->buf = xrealloc(t->buf, t->cap);
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
}

static void
puts_(struct pdftext *t, const char *s)
{
	put(t, s, strlen(s));
}

/* v with at most places decimals and no trailing zeros: "12", "-24.41",
 * never "-0". The same value always gives the same bytes. Positions take
 * two places (1/7200 in), kerns two (1/100,000 em), colours three. */
static void
num(struct pdftext *t, double v, int places)
{
	static const double scale[] = { 1, 10, 100, 1000 };
	char b[48];
	int n;

	/* Millions of numbers on a long plan's pages, and snprintf is slow:
	 * it rounds the exact binary value. v * 10^places is within half an
	 * ulp of that (2^-23 below 2^30), so wherever its fraction is not
	 * within 10^-6 of one half, rounding it gives the same digits; near
	 * a half, and for large values, snprintf decides as before. */
	if (places >= 1 && places <= 3 && fabs(v * scale[places]) < 1e9) {
		double sv = v * scale[places], f = floor(sv), frac = sv - f;

		if (fabs(frac - 0.5) > 1e-6) {
			long long k = (long long)f + (frac > 0.5);
			unsigned long long a = k < 0 ? (unsigned long long)-k :
			    (unsigned long long)k;
			unsigned long long unit = (unsigned long long)
			    scale[places], ip = a / unit, fp = a % unit;
			char *e = b + sizeof b, *q = e;
			int d;

			/* The fraction's digits without trailing zeros. */
			for (d = places; d > 0 && fp % 10 == 0; d--)
				fp /= 10;
			if (d > 0) {
				for (; d > 0; d--) {
					*--q = (char)('0' + fp % 10);
					fp /= 10;
				}
				*--q = '.';
			}
			do {
				*--q = (char)('0' + ip % 10);
				ip /= 10;
			} while (ip > 0);
			if (k < 0)
				*--q = '-';
			put(t, q, (size_t)(e - q));
			return;
		}
	}
	n = snprintf(b, sizeof b, "%.*f", places, v);
	if (n <= 0 || (size_t)n >= sizeof b)
		n = snprintf(b, sizeof b, "0");
	while (n > 0 && b[n - 1] == '0')
		n--;
	if (n > 0 && b[n - 1] == '.')
		n--;
	b[n] = '\0';
	puts_(t, strcmp(b, "-0") == 0 ? "0" : b);
}

void
pdftext_begin(struct pdftext *t)
{
	puts_(t, "q BT\n");
	t->x = t->y = 0;	/* BT sets the line matrix to the identity */
	t->font = NULL;
	t->size = 0;
	t->colour_set = 0;
}

void
pdftext_end(struct pdftext *t)
{
	puts_(t, "ET Q\n");
}

void
pdftext_raw(struct pdftext *t, const char *s)
{
	puts_(t, s);
}

/* Starts a line at x, y: Td moves from the last line's start, and is
 * shorter than a whole Tm. The start is kept as it will be rounded in
 * the stream, so that rounding errors do not add up along a page. */
static void
move_to(struct pdftext *t, double x, double y)
{
	double rx = round(x * 100) / 100, ry = round(y * 100) / 100;

	num(t, rx - t->x, 2);
	puts_(t, " ");
	num(t, ry - t->y, 2);
	puts_(t, " Td\n");
	t->x = rx;
	t->y = ry;
}

static void
code(struct pdftext *t, unsigned cid)
{
	static const char hex[] = "0123456789ABCDEF";
	char c[4];

	c[0] = hex[cid >> 12 & 15];
	c[1] = hex[cid >> 8 & 15];
	c[2] = hex[cid >> 4 & 15];
	c[3] = hex[cid & 15];
	put(t, c, 4);
}

void
pdftext_colour(struct pdftext *t, const struct colour *c)
{
	if (t->colour_set && memcmp(c, &t->colour, sizeof t->colour) == 0)
		return;
	t->colour = *c;
	t->colour_set = 1;
	num(t, c->r, 3);
	puts_(t, " ");
	num(t, c->g, 3);
	puts_(t, " ");
	num(t, c->b, 3);
	puts_(t, " rg\n");
}

void
pdftext_piece(struct pdftext *t, const struct piece *pc, const char *name,
    const struct pdffont *pf, const struct font *f)
{
	const struct glyph_run *r = pc->run;
	double scale, pen;
	size_t i;
	int open = 0, in_hex = 0, moved = 1;

	if (r == NULL || r->n == 0)
		return;
	scale = pc->size / r->units;
	if (t->font == NULL || strcmp(t->font, name) != 0 ||
	    t->size != pc->size) {
		t->font = name;
		t->size = pc->size;
		puts_(t, "/");
		puts_(t, name);
		puts_(t, " ");
		num(t, pc->size, 2);
		puts_(t, " Tf\n");
	}
	pen = pc->x;
	for (i = 0; i < r->n; i++) {
		const struct glyph *g = &r->glyphs[i];
		double kern;

		if (g->dx != 0 || g->dy != 0) {
			/* Placed on its own, then the pen set again. */
			if (open)
				puts_(t, in_hex ? ">] TJ\n" : "] TJ\n");
			open = in_hex = 0;
			move_to(t, pen + g->dx * scale, pc->y + g->dy * scale);
			puts_(t, "[<");
			code(t, pdffont_cid(pf, g->id));
			puts_(t, ">] TJ\n");
			pen += g->advance * scale;
			moved = 1;
			continue;
		}
		if (moved) {
			if (open)
				puts_(t, in_hex ? ">] TJ\n" : "] TJ\n");
			move_to(t, pen, pc->y);
			puts_(t, "[");
			open = 1;
			in_hex = 0;
			moved = 0;
		}
		if (!in_hex) {
			puts_(t, "<");
			in_hex = 1;
		}
		code(t, pdffont_cid(pf, g->id));
		pen += g->advance * scale;
		kern = (double)g->advance - font_glyph_advance(f, g->id);
		if (kern != 0 && i + 1 < r->n) {
			puts_(t, ">");
			in_hex = 0;
			num(t, -kern * 1000.0 / r->units, 2);
		}
	}
	if (open)
		puts_(t, in_hex ? ">] TJ\n" : "] TJ\n");
}

HPDF_STATUS
pdftext_flush(struct pdftext *t, HPDF_Page page)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_STATUS rc;

	if (t->len == 0)
		return HPDF_OK;
	rc = HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)t->buf,
	    (HPDF_UINT)t->len);
	t->len = 0;
	return rc;
}
