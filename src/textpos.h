/* textpos.h - places in a source text for the loader: byte offsets with
 * the line and column shown for them (1-based, columns in characters, a BOM
 * on line 1 not counted), and a cursor that turns libyaml's character
 * indexes into such places in linear time overall. */
#ifndef PLANC_TEXTPOS_H
#define PLANC_TEXTPOS_H

#include <stddef.h>

#include "source.h"

/* A place in the source text: byte offset, and line and column as shown. */
struct text_at {
	size_t off;
	int line, col;
};

/* libyaml's marks count characters from the start of the text (after a
 * BOM; CR LF is two). The cursor turns them into positions by walking the
 * text; marks arrive almost in order, so the walk is linear overall. */
struct text_cursor {
	struct text_at p;
	size_t chars;		/* libyaml's index of p */
	size_t start;		/* where index 0 is: 3 after a BOM */
};

/* 1 if src starts with a UTF-8 BOM. */
int text_has_bom(const struct source *src);

/* Moves p forward over n bytes of text (n ends on a character boundary). */
void text_advance(const char *text, struct text_at *p, size_t n);

/* Where byte off of src is, found from its line table: O(length of its
 * line). */
struct text_at text_at(const struct source *src, size_t off);

/* The same as a position or a span of src, for nodes and diagnostics. */
struct pos text_pos(const struct source *src, struct text_at p);
struct span text_span(const struct source *src, struct text_at s,
    struct text_at e);

/* Bytes in the UTF-8 character at s (valid text). */
size_t text_char_len(const char *s);

/* The length of the line break at s as libyaml sees one (CR LF, CR, LF,
 * NEL, LS, PS), or 0. */
size_t text_break_len(const char *s);

/* 1 for a space or a tab. */
int text_is_blank(char c);

/* Moves c to libyaml's character index chars and returns the place. */
struct text_at text_seek(const struct source *src, struct text_cursor *c,
    size_t chars);

#endif
