/* textpos.c - places in a source text (see textpos.h). */
#include "textpos.h"

#include <string.h>

#include "utf8.h"

int
text_has_bom(const struct source *src)
{
	return src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0;
}

/* Moves p forward over n bytes of text (n ends on a character boundary). */
void
text_advance(const char *text, struct text_at *p, size_t n)
{
	for (; n > 0; n--, p->off++) {
		unsigned char c = (unsigned char)text[p->off];

		if (c == '\n') {
			p->line++;
			p->col = 1;
		} else if ((c & 0xC0) != 0x80)
			p->col++;
	}
}

/* Where byte off is, found from the line table: O(length of its line). */
struct text_at
text_at(const struct source *src, size_t off)
{
	struct text_at p;
	size_t lo = 0, hi = src->nlines;

	if (off > src->len)
		off = src->len;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	p.off = off;
	p.line = (int)lo + 1;
	p.col = (int)utf8_count(src->text + src->lines[lo],
	    off - src->lines[lo]) + 1;
	if (lo == 0 && off >= 3 && text_has_bom(src))
		p.col--;
	return p;
}

struct pos
text_pos(const struct source *src, struct text_at p)
{
	struct pos r = { src->path, p.line, p.col };
	return r;
}

struct span
text_span(const struct source *src, struct text_at s, struct text_at e)
{
	struct span r = { src->path, s.line, s.col, e.line, e.col };
	return r;
}

/* Bytes in the UTF-8 character that starts at s (the text is valid). */
size_t
text_char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The length of the line break at s as libyaml sees one (CR LF, CR, LF,
 * NEL, LS, PS), or 0. */
size_t
text_break_len(const char *s)
{
	if (s[0] == '\r')
		return s[1] == '\n' ? 2 : 1;
	if (s[0] == '\n')
		return 1;
	if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0x85)
		return 2;
	if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9))
		return 3;
	return 0;
}

int
text_is_blank(char c)
{
	return c == ' ' || c == '\t';
}


struct text_at
text_seek(const struct source *src, struct text_cursor *c, size_t chars)
{
	const char *t = src->text;

	while (c->chars < chars && c->p.off < src->len) {
		size_t k = text_char_len(t + c->p.off);

		if (k > src->len - c->p.off)
			k = src->len - c->p.off;
		text_advance(t, &c->p, k);
		c->chars++;
	}
	while (c->chars > chars && c->p.off > c->start) {
		size_t off = c->p.off - 1;

		while (off > c->start && ((unsigned char)t[off] & 0xC0) == 0x80)
			off--;
		if (t[off] == '\n')
			c->p = text_at(src, off);
		else {
			c->p.off = off;
			c->p.col--;
		}
		c->chars--;
	}
	return c->p;
}
