/* source.c - the registry of source texts that diagnostics quote from, and
 * how a quoted line is shown: escaped where it would be invisible, cut to a
 * window around the caret where it is long. */
#include "source.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"

struct source *
sources_add(struct sources *s, const char *path, const char *text, size_t len)
{
	struct source *src = arena_alloc(s->arena, sizeof *src);
	size_t i, n = 1, cap = 0;

	src->path = arena_strdup(s->arena, path);
	src->text = arena_strndup(s->arena, text, len);
	src->len = len;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	cap = n;
	src->lines = arena_alloc(s->arena, cap * sizeof *src->lines);
	src->lines[0] = 0;
	src->nlines = 1;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			src->lines[src->nlines++] = i + 1;
	*ARENA_PUSH(s->arena, s->items, s->n, s->cap) = src;
	return src;
}

const struct source *
sources_find(const struct sources *s, const char *file)
{
	size_t i;

	if (file == NULL)
		return NULL;
	for (i = 0; i < s->n; i++)
		if (s->items[i]->path == file)
			return s->items[i];
	for (i = 0; i < s->n; i++)
		if (strcmp(s->items[i]->path, file) == 0)
			return s->items[i];
	return NULL;
}

const char *
source_line(const struct source *src, int line, size_t *len)
{
	size_t start, end;

	if (line < 1 || (size_t)line > src->nlines)
		return NULL;
	start = src->lines[line - 1];
	end = (size_t)line < src->nlines ? src->lines[line] - 1 : src->len;
	/* A BOM is not part of the first line: columns do not count it. */
	if (line == 1 && end >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	if (end > start && src->text[end - 1] == '\r')
		end--;
	if (end < start)
		end = start;
	*len = end - start;
	return src->text + start;
}

char *
source_dir(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	return arena_strndup(a, path, slash ? (size_t)(slash - path) + 1 : 0);
}

/* ---- showing source text ---- */

/* Ranges of code points, sorted; in_ranges() bisects them. */
static int
in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n)
{
	size_t lo = 0, hi = n;

	if (n == 0 || cp < r[0][0] || cp > r[n - 1][1])
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid][0])
			hi = mid;
		else if (cp > r[mid][1])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

#define NRANGES(r) (sizeof (r) / sizeof (r)[0])

/* Unicode 14's format characters (Cf), line and paragraph separators (Zl,
 * Zp) and spaces (Zs) other than U+0020, merged into ranges: what
 * source_escape() shows escaped besides the controls. */
static const uint32_t invisible[][2] = {
	{ 0x00A0, 0x00A0 }, { 0x00AD, 0x00AD }, { 0x0600, 0x0605 },
	{ 0x061C, 0x061C }, { 0x06DD, 0x06DD }, { 0x070F, 0x070F },
	{ 0x0890, 0x0891 }, { 0x08E2, 0x08E2 }, { 0x1680, 0x1680 },
	{ 0x180E, 0x180E }, { 0x2000, 0x200F }, { 0x2028, 0x202F },
	{ 0x205F, 0x206F }, { 0x3000, 0x3000 }, { 0xFEFF, 0xFEFF },
	{ 0xFFF9, 0xFFFB }, { 0x110BD, 0x110BD }, { 0x110CD, 0x110CD },
	{ 0x13430, 0x1343F }, { 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A },
	{ 0xE0001, 0xE0001 }, { 0xE0020, 0xE007F },
};

/* East Asian Width W and F in Unicode 14 (unassigned code points between
 * two wide ones joined to them): two columns on a terminal. */
static const uint32_t wide[][2] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x3247 }, { 0x3250, 0x4DBF }, { 0x4E00, 0xA4C6 },
	{ 0xA960, 0xA97C }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAD9 },
	{ 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6B }, { 0xFF01, 0xFF60 },
	{ 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x1B2FB }, { 0x1F004, 0x1F004 },
	{ 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A },
	{ 0x1F200, 0x1F320 }, { 0x1F32D, 0x1F335 }, { 0x1F337, 0x1F37C },
	{ 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA }, { 0x1F3CF, 0x1F3D3 },
	{ 0x1F3E0, 0x1F3F0 }, { 0x1F3F4, 0x1F3F4 }, { 0x1F3F8, 0x1F43E },
	{ 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC }, { 0x1F4FF, 0x1F53D },
	{ 0x1F54B, 0x1F54E }, { 0x1F550, 0x1F567 }, { 0x1F57A, 0x1F57A },
	{ 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 }, { 0x1F5FB, 0x1F64F },
	{ 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 },
	{ 0x1F6D5, 0x1F6DF }, { 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC },
	{ 0x1F7E0, 0x1F7F0 }, { 0x1F90C, 0x1F93A }, { 0x1F93C, 0x1F945 },
	{ 0x1F947, 0x1F9FF }, { 0x1FA70, 0x1FAF6 }, { 0x20000, 0x3134A },
};

/* Combining marks that take no column: the general combining blocks and
 * the marks of Latin, Greek, Cyrillic, Hebrew and Arabic text, plus
 * Hangul's medial and final jamo. Marks of other scripts count a column,
 * which at worst shifts the caret on such a line. */
static const uint32_t combining[][2] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x05BF, 0x05BF }, { 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 },
	{ 0x05C7, 0x05C7 }, { 0x0610, 0x061A }, { 0x064B, 0x065F },
	{ 0x0670, 0x0670 }, { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 },
	{ 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }, { 0x1160, 0x11FF },
	{ 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x20D0, 0x20FF },
	{ 0x302A, 0x302D }, { 0x3099, 0x309A }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xE0100, 0xE01EF },
};

size_t
source_escape(uint32_t cp, char *out)
{
	const char *named = cp == '\t' ? "\\t" : cp == '\n' ? "\\n" :
	    cp == '\r' ? "\\r" : NULL;
	int n;

	out[0] = '\0';
	if (named != NULL) {
		memcpy(out, named, 3);
		return 2;
	}
	if ((cp >= 0x20 && cp < 0x7F) || (cp > 0x9F &&
	    !in_ranges(cp, invisible, NRANGES(invisible))))
		return 0;
	n = snprintf(out, SOURCE_ESCAPE_MAX, cp > 0xFFFF ? "\\U%08x" :
	    "\\u%04x", (unsigned)cp);
	return n > 0 ? (size_t)n : 0;
}

int
source_char_width(uint32_t cp)
{
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, combining, NRANGES(combining)))
		return 0;
	return in_ranges(cp, wide, NRANGES(wide)) ? 2 : 1;
}

/* One character of a line as an excerpt shows it. */
struct shown {
	size_t bytes;			/* its length in the line */
	size_t width;			/* columns; a tab counts 8, its most */
	int tab;
	char esc[SOURCE_ESCAPE_MAX];	/* the escape it is shown as, or "" */
	size_t esclen;
};

static void
show_char(const char *s, size_t n, struct shown *c)
{
	unsigned char b = (unsigned char)s[0];
	uint32_t cp;
	size_t k;

	c->tab = 0;
	c->esclen = 0;
	c->bytes = 1;
	c->width = 1;
	if (b >= 0x20 && b < 0x7F)
		return;
	if ((k = utf8_decode(s, n, &cp)) == 0) {
		/* An invalid byte counts one column in positions, as in
		 * utf8_count(), and is shown by its value. */
		snprintf(c->esc, sizeof c->esc, "\\x%02x", b);
		c->esclen = c->width = 4;
		return;
	}
	c->bytes = k;
	if (cp == '\t') {
		c->tab = 1;
		c->width = 8;
	} else if ((c->esclen = source_escape(cp, c->esc)) > 0)
		c->width = c->esclen;
	else
		c->width = (size_t)source_char_width(cp);
}

/* Appends to a fixed buffer; what does not fit is dropped (the limits
 * above make sure nothing is). */
static void
put(char *buf, size_t *n, const char *s, size_t len)
{
	if (len > SOURCE_EXCERPT_MAX - 1 - *n)
		len = SOURCE_EXCERPT_MAX - 1 - *n;
	memcpy(buf + *n, s, len);
	*n += len;
	buf[*n] = '\0';
}

static void
put_times(char *buf, size_t *n, char ch, size_t count)
{
	while (count-- > 0)
		put(buf, n, &ch, 1);
}

/* How many characters a window remembers on the way to the caret (zero-
 * width ones take no column but must not make a window unbounded). By
 * preference a window keeps a third of its width before the caret. */
#define RING (2 * SOURCE_WINDOW)

void
source_excerpt_width(const char *line, size_t len, size_t start, size_t end,
    size_t win, struct source_cursor *cur, struct source_excerpt *ex)
{
	size_t ring_off[RING], ring_w[RING];
	size_t i = 0, idx = 0, lw = 0, rw = 0, nright = 0, j, vend;
	size_t a_off, a_idx, used = 0, budget = (size_t)-1, cols = 0, q, p;
	int whole, left_mark = 0, caret_done = 0;
	struct shown c;
	static const char ellipsis[] = "\xE2\x80\xA6";	/* … */

	if (win > SOURCE_WINDOW)
		win = SOURCE_WINDOW;
	if (win < SOURCE_WINDOW_MIN)
		win = SOURCE_WINDOW_MIN;
	ex->textlen = ex->underlen = 0;
	ex->text[0] = ex->under[0] = '\0';
	/* Up to the caret, remembering where the last RING characters
	 * start and how wide they are. A caret beyond the line's end is
	 * drawn just past it. The cursor is taken only RING characters or
	 * more before the caret, so that the ring fills again; it lies more
	 * than RING characters into its line, so such a line is not shown
	 * whole (lw only decides that). */
	if (cur != NULL && cur->line == line && cur->idx > 0 &&
	    cur->idx + RING <= start && cur->off <= len) {
		idx = cur->idx;
		i = cur->off;
		lw = win + 1;
	}
	while (idx < start && i < len) {
		show_char(line + i, len - i, &c);
		ring_off[idx % RING] = i;
		ring_w[idx % RING] = c.width;
		lw += c.width;
		i += c.bytes;
		idx++;
	}
	if (idx < start)
		end = idx + 1;	/* nothing there to underline */
	start = idx;
	if (end <= start)
		end = start + 1;
	if (cur != NULL && idx > RING) {
		cur->line = line;
		cur->idx = idx - RING;
		cur->off = ring_off[cur->idx % RING];
	}
	/* The columns a caret past the line's end and its underline take. */
	vend = end == (size_t)-1 ? start + 1 : end;
	/* From the caret on, as far as any window could reach. */
	for (j = i; j < len && rw <= win && nright <= win;
	    nright++) {
		show_char(line + j, len - j, &c);
		rw += c.width;
		j += c.bytes;
	}
	if (j >= len && vend > start + nright)
		rw += vend - (start + nright) > win ?
		    win + 1 : vend - (start + nright);
	whole = j >= len && lw + rw <= win && idx <= RING &&
	    nright <= win;

	a_idx = idx;
	if (whole) {
		a_idx = 0;
	} else {
		/* A window: room for a mark on either side, some context
		 * before the caret (more when the line ends soon after it),
		 * the rest after it. */
		size_t avail = win - 2;
		size_t want = rw + win / 3 >= avail ? win / 3 :
		    avail - rw;

		while (a_idx > 0 && idx - a_idx < RING &&
		    used + ring_w[(a_idx - 1) % RING] <= want) {
			a_idx--;
			used += ring_w[a_idx % RING];
		}
		budget = avail - used;
		left_mark = a_idx > 0;
	}
	a_off = a_idx < idx ? ring_off[a_idx % RING] : i;

	if (left_mark) {
		put(ex->text, &ex->textlen, ellipsis, 3);
		put(ex->under, &ex->underlen, " ", 1);
	}
	for (p = a_off, q = a_idx;; q++) {
		size_t w;

		if (p < len)
			show_char(line + p, len - p, &c);
		else if (q < vend)
			c.bytes = 0, c.width = 1, c.tab = 0, c.esclen = 0;
		else
			break;
		w = c.tab ? 1 : c.width;
		if (q > start && !whole &&
		    (cols + c.width > budget || q - start >= win))
			break;
		if (q >= start)
			cols += c.width;
		/* the line */
		if (c.tab)
			put(ex->text, &ex->textlen, "\t", 1);
		else if (c.esclen > 0)
			put(ex->text, &ex->textlen, c.esc, c.esclen);
		else
			put(ex->text, &ex->textlen, line + p, c.bytes);
		/* the underline */
		if (q < start) {
			if (c.tab)
				put(ex->under, &ex->underlen, "\t", 1);
			else
				put_times(ex->under, &ex->underlen, ' ', w);
		} else if (q < end) {
			if (!caret_done) {
				/* A span of one character is marked by the
				 * caret alone, however wide it is shown. */
				put(ex->under, &ex->underlen, "^", 1);
				caret_done = 1;
				w = w > 0 && end > start + 1 ? w - 1 : 0;
			}
			put_times(ex->under, &ex->underlen, '~', w);
		}
		p += c.bytes;
	}
	if (!whole && p < len)
		put(ex->text, &ex->textlen, ellipsis, 3);
}

void
source_excerpt(const char *line, size_t len, size_t start, size_t end,
    struct source_cursor *cur, struct source_excerpt *ex)
{
	source_excerpt_width(line, len, start, end, SOURCE_WINDOW, cur, ex);
}
