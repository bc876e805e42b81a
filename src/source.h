/* source.h - the text of every file a compilation read, kept so that
 * diagnostics can quote the offending line, and the position types that
 * point into it. */
#ifndef PLANC_SOURCE_H
#define PLANC_SOURCE_H

#include <stddef.h>
#include <stdint.h>

struct arena;

/* A place in a source file. Lines and columns are 1-based; columns count
 * characters (code points), not bytes. file == NULL means "no source": the
 * object was filled in from a default or a layout. */
struct pos {
	const char *file;
	int line, col;
};

/* A range: start inclusive, end exclusive (end_col is the column just past
 * the last character), as libyaml's marks are. */
struct span {
	const char *file;
	int line, col;
	int end_line, end_col;
};

struct source {
	const char *path;	/* as given or as resolved; also the file name in messages */
	const char *text;	/* the bytes, NUL-terminated; BOM not stripped */
	size_t len;
	size_t *lines;		/* byte offset of the start of each line */
	size_t nlines;
};

struct sources {
	struct arena *arena;
	struct source **items;
	size_t n, cap;
};

/* Registers text (copied into the arena) under path and returns it. */
struct source *sources_add(struct sources *s, const char *path,
    const char *text, size_t len);

/* The registered source whose path pointer or string equals file, or NULL. */
const struct source *sources_find(const struct sources *s, const char *file);

/* Line number line (1-based) of src without its line end (and line 1
 * without a BOM, which columns do not count); *len gets its length in
 * bytes. NULL if there is no such line. */
const char *source_line(const struct source *src, int line, size_t *len);

/* The directory part of path: "" or up to and including its last '/'
 * (owned by a), for naming files relative to the one that names them. */
char *source_dir(struct arena *a, const char *path);

/* ---- showing source text in diagnostics ---- */

/* Room for the longest escape, "\U000e007f", and its NUL. */
#define SOURCE_ESCAPE_MAX 12

/* The escape that shows cp in a diagnostic, written NUL-terminated to out
 * (SOURCE_ESCAPE_MAX bytes), for a character that would be invisible, pass
 * for another or act on the terminal: C0 and C1 controls and DEL ("\t",
 * "\n", "\r", else "\u0007"), format characters (zero-width space and
 * joiners, bidi embeddings, overrides and isolates U+202A-202E and
 * U+2066-2069, U+FEFF, soft hyphen U+00AD, tags), the line and paragraph
 * separators, and every space but U+0020 (no-break space U+00A0 included:
 * in an id or a quoted value it would pass for a plain space). Returns the
 * escape's length, or 0 if cp is shown as itself. A backslash is shown as
 * itself: escapes make the invisible visible, they are not meant to be
 * read back. */
size_t source_escape(uint32_t cp, char *out);

/* Columns cp takes on a terminal: 2 for East Asian wide and full-width
 * characters (and emoji), 0 for combining marks, else 1. Escaped and
 * control characters are the caller's business. */
int source_char_width(uint32_t cp);

/* A quoted line is at most SOURCE_WINDOW columns wide, "…" marks included;
 * narrower on a narrow terminal (source_excerpt_width), down to
 * SOURCE_WINDOW_MIN. */
#define SOURCE_WINDOW 120
#define SOURCE_WINDOW_MIN 20
/* Room for a rendered excerpt line: it holds at most 3 * SOURCE_WINDOW
 * characters of at most 4 bytes each, and escapes, which take a column per
 * byte, within SOURCE_WINDOW columns. */
#define SOURCE_EXCERPT_MAX 4096

/* A source line as a diagnostic quotes it: the line, or the window of it
 * around the caret, and the underline beneath. Neither ends in a newline;
 * the underline has no trailing blanks. */
struct source_excerpt {
	char text[SOURCE_EXCERPT_MAX];
	char under[SOURCE_EXCERPT_MAX];
	size_t textlen, underlen;
};

/* Where source_excerpt() may resume on a line it has walked before, so
 * that many diagnostics on one long line, in column order, take time
 * linear in the line, not in the line times the diagnostics. Zero it
 * before the first use; it stays valid while the line's text does. */
struct source_cursor {
	const char *line;	/* the line it belongs to, NULL: none yet */
	size_t idx, off;	/* a character's index and byte offset */
};

/* Renders line[0..len) (no line end) for a diagnostic whose span covers
 * the characters start (0-based) up to end (exclusive; SIZE_MAX: to the
 * end of the line): '^' under start, '~' under the rest of the span (a
 * span of one character gets the caret alone), the leading characters
 * repeated as blanks (a tab as a tab) so that the caret lines up; wide
 * characters take two columns, combining marks none. A line that fits
 * SOURCE_WINDOW columns (a tab counted as 8) is shown whole, byte for
 * byte, except that the characters source_escape() names are shown
 * escaped and invalid bytes as "\xe9", with the underline widened to
 * match. A longer line is cut to a window around the caret, about a third
 * of it before the caret, with "…" where text is left out; the underline
 * stops at the window's end. A span that starts beyond the line's end is a
 * caret just past it. Time is linear in the bytes up to the caret (from
 * cur, if it is on this line and not past start; cur may be NULL) and
 * bounded after it; never fails. */
void source_excerpt(const char *line, size_t len, size_t start, size_t end,
    struct source_cursor *cur, struct source_excerpt *ex);

/* The same within width columns instead of SOURCE_WINDOW (clamped to
 * SOURCE_WINDOW_MIN..SOURCE_WINDOW): a terminal narrower than 120 columns
 * sees a line that fits it, or a narrower window. */
void source_excerpt_width(const char *line, size_t len, size_t start,
    size_t end, size_t width, struct source_cursor *cur,
    struct source_excerpt *ex);

static inline struct pos
span_start(struct span s)
{
	struct pos p = { s.file, s.line, s.col };
	return p;
}

#endif
