/* pdfpack.c - repacks the classic file libharu writes into object streams.
 *
 * libharu 2.3.0 writes every object on its own, uncompressed, and a
 * cross-reference table of 20 bytes an object. A tagged PDF is mostly small
 * dictionaries (~800 structure elements of ~110 bytes in the 2018 plan),
 * which made the tagged file nearly twice the untagged one. PDF 1.5 lets
 * such objects share a compressed object stream, with the cross-references
 * in a compressed xref stream; that is what this pass writes, as qpdf's
 * --object-streams=generate would, but inside the build.
 *
 * It is a pass over bytes, not a PDF library: it reads the table libharu
 * wrote, finds each object by its offset, tells streams (which must stay
 * outside, §7.5.7) from the rest by the keyword after the dictionary, and
 * copies both verbatim. Object numbers do not change, so nothing inside an
 * object is rewritten. planc's own objects (pdftag.c's structure tree,
 * text numbered after libharu's) join libharu's here. Anything unexpected
 * makes it decline (-1); the caller keeps the classic file if it has no
 * own objects, and fails the build if it has. */
#include "pdfpack.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "arena.h"
#include "buf.h"

/* Objects per object stream. Readers decompress a whole stream to reach
 * one object; qpdf's 100 keeps that cheap while the dictionaries, which
 * repeat the same keys, still compress to about a fifth. */
#define PER_STREAM 100

/* One entry of the cross-reference table, by object number. */
struct entry {
	size_t off;		/* in the input; the object's "N 0 obj" */
	const unsigned char *src; /* its value's bytes: the input, or planc's */
	size_t body, len;	/* its value in src (between "obj" and "endobj") */
	unsigned in_use : 1;
	unsigned stream : 1;	/* a stream object: stays outside */
	size_t where;		/* output: offset, or the object stream's number */
	size_t index;		/* output: its index in that object stream */
};

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
	    c == '\0';
}

static int
is_delim(unsigned char c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	    c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

static size_t
skip_space(const unsigned char *s, size_t i, size_t end)
{
	while (i < end && is_space(s[i]))
		i++;
	return i;
}

/* Reads an unsigned decimal number at s[*i], advancing *i; -1 if there is
 * none or it does not fit. */
static long long
number(const unsigned char *s, size_t *i, size_t end)
{
	long long v = 0;
	size_t start = *i;

	while (*i < end && s[*i] >= '0' && s[*i] <= '9' && *i - start < 15)
		v = v * 10 + (s[(*i)++] - '0');
	if (*i == start || (*i < end && s[*i] >= '0' && s[*i] <= '9'))
		return -1;
	return v;
}

/* What the scanners return for an object that is not whole. */
#define BAD SIZE_MAX

static size_t skip_object(const unsigned char *s, size_t i, size_t end,
    int depth);

/* Past a literal string whose '(' is at s[i]: parentheses nest unless
 * escaped. Returns BAD when it is not closed. */
static size_t
skip_string(const unsigned char *s, size_t i, size_t end)
{
	int depth = 0;

	for (; i < end; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0)
			return i + 1;
	}
	return BAD;
}

/* Past one token that is no container: a name, number or keyword. */
static size_t
skip_token(const unsigned char *s, size_t i, size_t end)
{
	if (i < end && s[i] == '/')
		i++;
	while (i < end && !is_space(s[i]) && !is_delim(s[i]))
		i++;
	return i;
}

/* Past the object that starts at s[i] (after white space), an indirect
 * reference "N G R" counting as one. Returns BAD when it is not whole.
 * depth bounds the nesting of arrays and dictionaries, whose recursion a
 * hostile file must not be able to deepen without limit (libharu's own
 * never nest more than a few levels). */
static size_t
skip_object(const unsigned char *s, size_t i, size_t end, int depth)
{
	size_t j, k;

	i = skip_space(s, i, end);
	if (i >= end || depth > 64)
		return BAD;
	if (s[i] == '(')
		return skip_string(s, i, end);
	if (s[i] == '<' && i + 1 < end && s[i + 1] == '<') {
		for (i += 2;;) {
			i = skip_space(s, i, end);
			if (i + 1 < end && s[i] == '>' && s[i + 1] == '>')
				return i + 2;
			if (i >= end)
				return BAD;
			if ((i = skip_object(s, i, end, depth + 1)) == BAD)
				return BAD;
		}
	}
	if (s[i] == '<') {
		while (i < end && s[i] != '>')
			i++;
		return i < end ? i + 1 : BAD;
	}
	if (s[i] == '[') {
		for (i++;;) {
			i = skip_space(s, i, end);
			if (i < end && s[i] == ']')
				return i + 1;
			if (i >= end)
				return BAD;
			if ((i = skip_object(s, i, end, depth + 1)) == BAD)
				return BAD;
		}
	}
	if (s[i] == '%' || s[i] == ')' || s[i] == '>' || s[i] == ']' ||
	    s[i] == '{' || s[i] == '}')
		return BAD;	/* nothing libharu writes here */
	j = skip_token(s, i, end);
	/* "12 0 R" is one object: a number followed by a number and R. */
	if (s[i] >= '0' && s[i] <= '9') {
		k = skip_space(s, j, end);
		if (k < end && s[k] >= '0' && s[k] <= '9') {
			size_t g = skip_token(s, k, end);

			g = skip_space(s, g, end);
			if (g < end && s[g] == 'R' &&
			    (g + 1 == end || is_space(s[g + 1]) ||
			    is_delim(s[g + 1])))
				return g + 1;
		}
	}
	return j;
}

/* Finds the last occurrence of word in s[from, to). */
static const unsigned char *
find_last(const unsigned char *s, size_t from, size_t to, const char *word)
{
	size_t n = strlen(word), i;

	if (to < from + n)
		return NULL;
	for (i = to - n + 1; i-- > from;)
		if (memcmp(s + i, word, n) == 0)
			return s + i;
	return NULL;
}

/* The value of key (with its '/') in the dictionary s[i, end) whose "<<"
 * is at s[i]: *v and *vlen, or 0 when it has none. Returns -1 when the
 * dictionary is not whole. */
static int
dict_get(const unsigned char *s, size_t i, size_t end, const char *key,
    size_t *v, size_t *vlen)
{
	size_t n = strlen(key), k, e;

	i = skip_space(s, i, end);
	if (i + 1 >= end || s[i] != '<' || s[i + 1] != '<')
		return -1;
	for (i += 2;;) {
		i = skip_space(s, i, end);
		if (i + 1 < end && s[i] == '>' && s[i + 1] == '>')
			return 0;
		if (i >= end || s[i] != '/')
			return -1;
		k = i;
		i = skip_token(s, i, end);
		e = skip_object(s, i, end, 1);
		if (e == BAD)
			return -1;
		if (i - k == n && memcmp(s + k, key, n) == 0) {
			*v = skip_space(s, i, e);
			*vlen = e - *v;
			return 1;
		}
		i = e;
	}
}

/* Reads the cross-reference table at s[x] into e[0..*n), growing e; the
 * trailer's dictionary begins at *trailer. Returns -1 unless it is a
 * classic table whose entries point inside the file. */
static int
read_xref(const unsigned char *s, size_t len, size_t x, struct entry **e,
    size_t *n, size_t *trailer)
{
	size_t i = x, cap = 0, k;
	long long first, count;

	*e = NULL;
	*n = 0;
	if (x + 4 > len || memcmp(s + x, "xref", 4) != 0)
		return -1;
	for (i = skip_space(s, x + 4, len);;) {
		if (i + 7 <= len && memcmp(s + i, "trailer", 7) == 0) {
			*trailer = i + 7;
			return 0;
		}
		if ((first = number(s, &i, len)) < 0)
			return -1;
		i = skip_space(s, i, len);
		if ((count = number(s, &i, len)) < 0 || first + count > 8388607)
			return -1;
		i = skip_space(s, i, len);
		if ((size_t)(first + count) > cap) {
			size_t old = cap;

			cap = (size_t)(first + count) * 2;
			*e = xrealloc(*e, cap * sizeof **e);
			memset(*e + old, 0, (cap - old) * sizeof **e);
		}
		if ((size_t)(first + count) > *n)
			*n = (size_t)(first + count);
		for (k = 0; k < (size_t)count; k++, i += 20) {
			size_t j = i;
			long long off, gen;

			if (i + 20 > len)
				return -1;
			off = number(s, &j, i + 10);
			j++;
			gen = number(s, &j, i + 16);
			if (off < 0 || gen < 0 ||
			    (s[i + 17] != 'n' && s[i + 17] != 'f'))
				return -1;
			if (s[i + 17] == 'f')
				continue;
			/* Object streams hold generation 0 only. */
			if (gen != 0 || (size_t)off >= x)
				return -1;
			(*e)[first + k].in_use = 1;
			(*e)[first + k].off = (size_t)off;
		}
	}
}

/* Order of offsets, to bound each object by the next one. */
static int
by_offset(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	return (x->off > y->off) - (x->off < y->off);
}

/* Finds each in-use object's value between its "N 0 obj" and the last
 * "endobj" before the next object, and whether it is a stream. The first
 * object's offset is where the header ends (*header). */
static int
find_objects(const unsigned char *s, size_t x, struct entry *e, size_t n,
    size_t *header)
{
	struct entry **order = xmalloc((n ? n : 1) * sizeof *order);
	size_t m = 0, k;
	int rc = 0;

	for (k = 0; k < n; k++)
		if (e[k].in_use)
			order[m++] = &e[k];
	qsort(order, m, sizeof *order, by_offset);
	*header = m > 0 ? order[0]->off : x;
	for (k = 0; k < m && rc == 0; k++) {
		struct entry *o = order[k];
		size_t bound = k + 1 < m ? order[k + 1]->off : x;
		size_t i = o->off, v;
		const unsigned char *eo;
		long long num;

		if ((num = number(s, &i, bound)) < 0 ||
		    (size_t)num != (size_t)(o - e)) {
			rc = -1;
			break;
		}
		i = skip_space(s, i, bound);
		if (number(s, &i, bound) != 0)
			rc = -1;
		i = skip_space(s, i, bound);
		if (rc != 0 || i + 3 > bound || memcmp(s + i, "obj", 3) != 0 ||
		    (eo = find_last(s, i + 3, bound, "endobj")) == NULL) {
			rc = -1;
			break;
		}
		o->src = s;
		o->body = skip_space(s, i + 3, (size_t)(eo - s));
		o->len = (size_t)(eo - s) - o->body;
		while (o->len > 0 && is_space(s[o->body + o->len - 1]))
			o->len--;
		/* A stream is a dictionary followed by "stream"; anything else
		 * must be exactly one object. */
		v = skip_object(s, o->body, o->body + o->len, 0);
		if (v == BAD) {
			rc = -1;
			break;
		}
		if (skip_space(s, v, o->body + o->len) == o->body + o->len)
			continue;
		v = skip_space(s, v, o->body + o->len);
		if (o->len >= 2 && s[o->body] == '<' && s[o->body + 1] == '<' &&
		    o->body + o->len - v >= 6 && memcmp(s + v, "stream", 6) == 0)
			o->stream = 1;
		else
			rc = -1;
	}
	free(order);
	return rc;
}

/* Deflates src into b as a whole zlib stream. */
static int
deflate_into(struct buf *b, const unsigned char *src, size_t n)
{
	uLongf cap = compressBound((uLong)n);
	unsigned char *z = xmalloc(cap);
	int rc = compress2(z, &cap, src, (uLong)n, Z_DEFAULT_COMPRESSION);

	if (rc == Z_OK)
		buf_add(b, z, cap);
	free(z);
	return rc == Z_OK ? 0 : -1;
}

/* Writes objects e[from..to) that are not streams as object stream number
 * num: "N1 off1 N2 off2 ..." then the values, all deflated. */
static int
write_objstm(struct buf *out, struct entry *e, const size_t *list,
    size_t count, size_t num)
{
	struct buf head = { NULL, 0, 0 }, body = { NULL, 0, 0 };
	struct buf all = { NULL, 0, 0 }, z = { NULL, 0, 0 };
	size_t k;
	int rc;

	for (k = 0; k < count; k++) {
		struct entry *o = &e[list[k]];

		buf_fmt(&head, "%zu %zu ", list[k], body.len);
		buf_add(&body, o->src + o->body, o->len);
		buf_add(&body, "\n", 1);
		o->where = num;
		o->index = k;
	}
	buf_add(&all, head.s, head.len);
	buf_add(&all, body.s, body.len);
	rc = deflate_into(&z, (const unsigned char *)all.s, all.len);
	if (rc == 0) {
		buf_fmt(out, "%zu 0 obj\n<<\n/Type /ObjStm\n/N %zu\n/First %zu\n"
		    "/Filter /FlateDecode\n/Length %zu\n>>\nstream\r\n",
		    num, count, head.len, z.len);
		buf_add(out, z.s, z.len);
		buf_add(out, "\r\nendstream\nendobj\n", 19);
	}
	free(head.s);
	free(body.s);
	free(all.s);
	free(z.s);
	return rc;
}

/* Bytes needed for v, big-endian, at least 1. */
static int
width(size_t v)
{
	int w = 1;

	while (v >>= 8)
		w++;
	return w;
}

/* The xref stream (§7.5.8): a row per object, type 0 (free), 1 (offset)
 * or 2 (object stream, index), PNG "Up" predicted, which turns the rising
 * offsets and repeated stream numbers into runs of zeros. */
static int
write_xref_stream(struct buf *out, const unsigned char *s,
    const struct entry *e, size_t n, size_t trailer, size_t end)
{
	static const char *const keep[] = { "/Root", "/Info", "/ID" };
	size_t self = n - 1, xoff = out->len, max = xoff, k, v, vlen;
	int w1, w2, cols, rc;
	unsigned char *rows, *prev;
	struct buf z = { NULL, 0, 0 };

	for (k = 0; k < n; k++)
		if (e[k].in_use && e[k].where > max)
			max = e[k].where;
	w1 = width(max);
	w2 = 2;		/* an index below PER_STREAM, or object 0's 65535 */
	cols = 1 + w1 + w2;
	rows = xmalloc(n * (size_t)(cols + 1));
	prev = xmalloc((size_t)cols);
	memset(prev, 0, (size_t)cols);
	for (k = 0; k < n; k++) {
		unsigned char row[1 + 8 + 2], *r = rows + k * (size_t)(cols + 1);
		size_t f1 = 0, f2 = 0;
		int t = 0, b;

		if (k == self) {
			t = 1;
			f1 = xoff;
		} else if (e[k].in_use) {
			t = e[k].stream ? 1 : 2;
			f1 = e[k].where;
			f2 = e[k].stream ? 0 : e[k].index;
		} else if (k == 0) {
			f2 = 65535;
		}
		row[0] = (unsigned char)t;
		for (b = 0; b < w1; b++)
			row[1 + b] = (unsigned char)(f1 >> (8 * (w1 - 1 - b)));
		for (b = 0; b < w2; b++)
			row[1 + w1 + b] = (unsigned char)(f2 >>
			    (8 * (w2 - 1 - b)));
		r[0] = 2;	/* PNG Up */
		for (b = 0; b < cols; b++)
			r[1 + b] = (unsigned char)(row[b] - prev[b]);
		memcpy(prev, row, (size_t)cols);
	}
	rc = deflate_into(&z, rows, n * (size_t)(cols + 1));
	if (rc == 0) {
		buf_fmt(out, "%zu 0 obj\n<<\n/Type /XRef\n/Size %zu\n"
		    "/W [ 1 %d %d ]\n", self, n, w1, w2);
		for (k = 0; k < sizeof keep / sizeof *keep; k++)
			if (dict_get(s, trailer, end, keep[k], &v, &vlen) == 1) {
				buf_fmt(out, "%s ", keep[k]);
				buf_add(out, s + v, vlen);
				buf_add(out, "\n", 1);
			}
		buf_fmt(out, "/Filter /FlateDecode\n/DecodeParms << /Columns %d "
		    "/Predictor 12 >>\n/Length %zu\n>>\nstream\r\n", cols,
		    z.len);
		buf_add(out, z.s, z.len);
		buf_add(out, "\r\nendstream\nendobj\n", 19);
		buf_fmt(out, "startxref\n%zu\n%%%%EOF\n", xoff);
	}
	free(z.s);
	free(rows);
	free(prev);
	return rc;
}

/* Puts planc's own objects among libharu's e[0..*n), growing e and *n:
 * a placeholder's value replaced, new numbers added (gaps stay free).
 * Returns -1 if one would replace a stream or a number libharu has free. */
static int
add_own(struct entry **e, size_t *n, const struct pdfpack_obj *own,
    size_t nown)
{
	size_t k, top = *n;

	for (k = 0; k < nown; k++) {
		if (own[k].num == 0 || own[k].num > 8388607)
			return -1;
		if (own[k].num >= top)
			top = own[k].num + 1;
	}
	if (top > *n) {
		*e = xrealloc(*e, top * sizeof **e);
		memset(*e + *n, 0, (top - *n) * sizeof **e);
	}
	for (k = 0; k < nown; k++) {
		struct entry *o = &(*e)[own[k].num];

		if (own[k].num < *n && (!o->in_use || o->stream))
			return -1;
		o->in_use = 1;
		o->src = (const unsigned char *)own[k].body;
		o->body = 0;
		o->len = own[k].len;
	}
	*n = top;
	return 0;
}

int
pdfpack(const unsigned char *in, size_t inlen, const struct pdfpack_obj *own,
    size_t nown, unsigned char **out, size_t *outlen)
{
	struct buf b = { NULL, 0, 0 };
	struct entry *e = NULL;
	size_t n = 0, nobj, nstm, trailer, header, x, i, k, v, vlen;
	size_t *list = NULL, count;
	const unsigned char *sx;
	long long xl;
	size_t num;
	int rc = -1;

	*out = NULL;
	*outlen = 0;
	if (inlen < 16 || memcmp(in, "%PDF-1.", 7) != 0 ||
	    (sx = find_last(in, inlen > 1024 ? inlen - 1024 : 0, inlen,
	    "startxref")) == NULL)
		return -1;
	i = (size_t)(sx - in) + 9;
	i = skip_space(in, i, inlen);
	if ((xl = number(in, &i, inlen)) < 0 || (size_t)xl >= inlen)
		return -1;
	x = (size_t)xl;
	if (read_xref(in, inlen, x, &e, &n, &trailer) != 0 || n < 2 ||
	    find_objects(in, x, e, n, &header) != 0)
		goto out;
	trailer = skip_space(in, trailer, inlen);
	/* An encrypted file's strings are bound to their object numbers and
	 * its dictionary may not be packed; an updated one has /Prev. */
	if (dict_get(in, trailer, inlen, "/Encrypt", &v, &vlen) != 0 ||
	    dict_get(in, trailer, inlen, "/Prev", &v, &vlen) != 0 ||
	    dict_get(in, trailer, inlen, "/Root", &v, &vlen) != 1)
		goto out;
	for (k = 0; k < n; k++)
		if (e[k].in_use && e[k].len >= 2 &&
		    memcmp(in + e[k].body, "<<", 2) == 0) {
			size_t t, tl;

			if (dict_get(in, e[k].body, e[k].body + e[k].len,
			    "/Type", &t, &tl) == 1 &&
			    ((tl == 7 && memcmp(in + t, "/ObjStm", 7) == 0) ||
			    (tl == 5 && memcmp(in + t, "/XRef", 5) == 0)))
				goto out;
		}

	if (add_own(&e, &n, own, nown) != 0)
		goto out;
	/* The header, raised to 1.5 where object streams begin: "%PDF-1.N"
	 * and its line end at least, before the first object. */
	if (header < 9 || in[7] < '0' || in[7] > '9' || !is_space(in[8]))
		goto out;
	buf_add(&b, in, header);
	if (b.s[7] < '5')
		b.s[7] = '5';
	for (k = 0; k < n; k++)
		if (e[k].in_use && e[k].stream) {
			e[k].where = b.len;
			buf_add(&b, in + e[k].off, e[k].body + e[k].len - e[k].off);
			buf_add(&b, "\nendobj\n", 8);
		}
	nobj = 0;
	for (k = 0; k < n; k++)
		nobj += e[k].in_use && !e[k].stream;
	nstm = (nobj + PER_STREAM - 1) / PER_STREAM;
	/* New numbers after the last: the object streams, then the xref
	 * stream; n becomes the new /Size. */
	e = xrealloc(e, (n + nstm + 1) * sizeof *e);
	memset(e + n, 0, (nstm + 1) * sizeof *e);
	list = xmalloc(PER_STREAM * sizeof *list);
	num = n;
	for (k = 0, count = 0; k <= n; k++) {
		if (k < n && e[k].in_use && !e[k].stream)
			list[count++] = k;
		if (count == PER_STREAM || (k == n && count > 0)) {
			e[num].in_use = e[num].stream = 1;
			e[num].where = b.len;
			if (write_objstm(&b, e, list, count, num) != 0)
				goto out;
			num++;
			count = 0;
		}
	}
	if (write_xref_stream(&b, in, e, num + 1, trailer, inlen) != 0)
		goto out;
	*out = (unsigned char *)b.s;
	*outlen = b.len;
	b.s = NULL;
	rc = 0;
out:
	free(b.s);
	free(list);
	free(e);
	return rc;
}
