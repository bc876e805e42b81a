/* utf8.c - decoding, validation and loose comparison of UTF-8 text. */
#include "utf8.h"

#include <string.h>

size_t
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t len, i;

	*cp = 0xFFFD;
	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_invalid(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return i;
		i += k;
	}
	return n;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t i = 0, count = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		count++;
	}
	return count;
}

size_t
utf8_offset(const char *s, size_t n, size_t col)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n && col > 0) {
		k = utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		col--;
	}
	return i;
}

/* Latin-1 Supplement and Latin Extended-A letters to their base letter;
 * enough for Dutch, German, French and Scandinavian names. */
static const char latin1_base[64] =
    "aaaaaaaceeeeiiii" "dnooooo*ouuuuyts"
    "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";
static const char latin_ext_a[128] =
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "iijjjjkkklllllll"
    "lllnnnnnnnnnoooo" "oooorrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";

uint32_t
utf8_fold(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7)
		return (uint32_t)latin1_base[cp - 0xC0];
	if (cp >= 0x100 && cp <= 0x17F)
		return (uint32_t)latin_ext_a[cp - 0x100];
	return cp;
}

size_t
utf8_codes(const char *s, uint32_t *out, size_t max, int fold)
{
	size_t n = strlen(s), i = 0, k, count = 0;
	uint32_t cp;

	while (i < n && count < max) {
		k = utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		out[count++] = fold ? utf8_fold(cp) : cp;
	}
	return count;
}

size_t
utf8_distance_codes(const uint32_t *x, size_t nx, const uint32_t *y,
    size_t ny, size_t limit)
{
	size_t row[UTF8_KEY_MAX + 1], i, j, lo, hi, best, diag, up;

	if (nx > UTF8_KEY_MAX)
		nx = UTF8_KEY_MAX;
	if (ny > UTF8_KEY_MAX)
		ny = UTF8_KEY_MAX;
	if ((nx > ny ? nx - ny : ny - nx) > limit)
		return limit + 1;
	for (j = 0; j <= ny; j++)
		row[j] = j;
	/* Only the cells within limit of the diagonal can stay within
	 * limit (Ukkonen's band); a cell outside it counts as limit + 1. */
	for (i = 1; i <= nx; i++) {
		lo = i > limit ? i - limit : 1;
		hi = limit >= ny || i + limit > ny ? ny : i + limit;
		diag = row[lo - 1];
		row[lo - 1] = lo == 1 ? i : limit + 1;
		best = row[lo - 1];
		for (j = lo; j <= hi; j++) {
			up = row[j];
			row[j] = diag + (x[i - 1] != y[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
			if (row[j] < best)
				best = row[j];
		}
		if (best > limit)
			return limit + 1;
	}
	return row[ny] > limit ? limit + 1 : row[ny];
}

size_t
utf8_distance(const char *a, const char *b, int fold, size_t limit)
{
	uint32_t x[UTF8_KEY_MAX], y[UTF8_KEY_MAX];
	size_t nx, ny;

	nx = utf8_codes(a, x, UTF8_KEY_MAX, fold);
	ny = utf8_codes(b, y, UTF8_KEY_MAX, fold);
	return utf8_distance_codes(x, nx, y, ny, limit);
}
