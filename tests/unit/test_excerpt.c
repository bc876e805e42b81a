/* test_excerpt.c - how a diagnostic quotes a source line: whole when it is
 * short, a window with "…" marks around the caret when it is long, escapes
 * for invisible characters, and an underline that stays under the right
 * character (tabs, wide and combining characters, escapes, a caret past the
 * end). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "tap.h"

static struct source_excerpt ex;

/* Renders s with the span [start, end) and compares both lines. */
static int
shows(const char *s, size_t start, size_t end, const char *text,
    const char *under)
{
	source_excerpt(s, strlen(s), start, end, NULL, &ex);
	if (strcmp(ex.text, text) == 0 && strcmp(ex.under, under) == 0 &&
	    ex.textlen == strlen(text) && ex.underlen == strlen(under))
		return 1;
	printf("# got  '%s'\n#      '%s'\n# want '%s'\n#      '%s'\n", ex.text,
	    ex.under, text, under);
	return 0;
}

/* Display columns of s as the excerpt counts them (ASCII, "…" and the
 * characters used below). */
static size_t
columns(const char *s)
{
	size_t cols = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			cols++;
	return cols;
}

int
main(void)
{
	char *big;
	size_t i, len = 5u << 20;
	char esc[SOURCE_ESCAPE_MAX];

	ok(shows("  with: [a, bad, c]", 12, 15, "  with: [a, bad, c]",
	    "            ^~~"), "a short line is shown whole");
	ok(shows("\twith: [bad]", 8, 11, "\twith: [bad]", "\t       ^~~"),
	    "a tab before the caret is repeated in the underline");
	ok(shows("abc", 3, 4, "abc", "   ^"), "a caret just past the end");
	ok(shows("abc", 9, 10, "abc", "   ^"),
	    "a span beyond the end is a caret just past it");
	ok(shows("abcdef", 2, SIZE_MAX, "abcdef", "  ^~~~"),
	    "SIZE_MAX underlines to the end of the line");
	ok(shows("ab", 1, 5, "ab", " ^~~~"), "an underline may run past the end");
	ok(shows("a\xE6\xBC\xA2x", 2, 3, "a\xE6\xBC\xA2x", "   ^"),
	    "a wide character before the caret takes two columns");
	ok(shows("a\xE6\xBC\xA2\xE5\xAD\x97x", 1, 3,
	    "a\xE6\xBC\xA2\xE5\xAD\x97x", " ^~~~"),
	    "wide characters in the span are underlined whole");
	ok(shows("a\xE6\xBC\xA2x", 1, 2, "a\xE6\xBC\xA2x", " ^"),
	    "one wide character is marked by the caret alone");
	ok(shows("e\xCC\x81tude x", 7, 8, "e\xCC\x81tude x", "      ^"),
	    "a combining accent takes no column");
	ok(shows("id: piet\xE2\x80\x8Bjansen x", 16, 17,
	    "id: piet\\u200bjansen x", "                     ^"),
	    "a zero-width space is shown escaped and the caret follows");
	ok(shows("id: piet\xE2\x80\x8Bjansen", 4, 15,
	    "id: piet\\u200bjansen", "    ^~~~~~~~~~~~~~~~"),
	    "an escape inside the span is underlined whole");
	ok(shows("a\x01" "b", 2, 3, "a\\u0001b", "       ^"),
	    "a control character is shown escaped");
	ok(shows("Jos\xE9 x", 5, 6, "Jos\\xe9 x", "        ^"),
	    "an invalid byte is shown by its value");
	ok(shows("a\xE2\x80\xAE" "b", 1, 2, "a\\u202eb", " ^"),
	    "a bidi override is shown escaped");

	ok(source_escape(0x200B, esc) == 6 && strcmp(esc, "\\u200b") == 0,
	    "escape of U+200B");
	ok(source_escape('\t', esc) == 2 && strcmp(esc, "\\t") == 0,
	    "escape of a tab");
	ok(source_escape(0xA0, esc) == 6 && source_escape(0xAD, esc) == 6 &&
	    source_escape(0xFEFF, esc) == 6 && source_escape(0x2066, esc) == 6 &&
	    source_escape(0x7F, esc) == 6 && source_escape(0x85, esc) == 6,
	    "NBSP, soft hyphen, BOM, isolates, DEL and C1 are escaped");
	ok(source_escape(0xE0041, esc) == 10 &&
	    strcmp(esc, "\\U000e0041") == 0, "an astral escape");
	ok(source_escape('a', esc) == 0 && source_escape(0xE9, esc) == 0 &&
	    source_escape(0x2026, esc) == 0 && source_escape(' ', esc) == 0,
	    "ordinary characters are shown as they are");

	/* A long line: a window of at most SOURCE_WINDOW columns around the
	 * caret, cut on both sides, the caret under the same character. */
	big = malloc(len + 1);
	if (big == NULL)
		return 1;
	for (i = 0; i < len; i++)
		big[i] = (char)('a' + i % 26);
	big[len] = '\0';
	source_excerpt(big, len, 3000000, 3000003, NULL, &ex);
	{
		const char *caret = strchr(ex.under, '^');
		/* the window's text without its leading "…" */
		const char *t = ex.text + 3;
		size_t at = caret != NULL ? (size_t)(caret - ex.under) : 0;

		ok(strncmp(ex.text, "\xE2\x80\xA6", 3) == 0 &&
		    strcmp(ex.text + ex.textlen - 3, "\xE2\x80\xA6") == 0,
		    "a long line is cut on both sides with …");
		ok(columns(ex.text) <= SOURCE_WINDOW && columns(ex.text) >= 100,
		    "the window is at most SOURCE_WINDOW columns wide");
		ok(caret != NULL && at >= 1 && t[at - 1] == big[3000000] &&
		    strncmp(caret, "^~~", 3) == 0 && caret[3] == '\0',
		    "the caret is under the same character");
	}
	source_excerpt(big, len, len, len + 1, NULL, &ex);
	ok(strncmp(ex.text, "\xE2\x80\xA6", 3) == 0 &&
	    ex.text[ex.textlen - 1] == big[len - 1] &&
	    ex.under[ex.underlen - 1] == '^' &&
	    columns(ex.under) == columns(ex.text) + 1 &&
	    columns(ex.under) <= SOURCE_WINDOW,
	    "a caret past the end of a long line: the line's end, then the caret");
	source_excerpt(big, len, 5, 2000000, NULL, &ex);
	ok(strncmp(ex.text, "abcde", 5) == 0 && columns(ex.text) <= SOURCE_WINDOW &&
	    strcmp(ex.text + ex.textlen - 3, "\xE2\x80\xA6") == 0 &&
	    ex.under[5] == '^' && columns(ex.under) < SOURCE_WINDOW,
	    "a long span near the start: no left cut, the underline stops at the window's end");
	/* Resuming from a cursor gives what a walk from the line's start
	 * gives, for carets in column order and for one that goes back. */
	{
		static const size_t carets[] = { 10, 300, 301, 5000, 5239,
			5241, 4000, 4999, 2000000, 2000100, 100, 5000000 };
		struct source_cursor cur = { NULL, 0, 0 };
		struct source_excerpt plain;
		size_t k, same = 1;

		for (k = 0; k < sizeof carets / sizeof carets[0]; k++) {
			source_excerpt(big, len, carets[k], carets[k] + 2,
			    NULL, &plain);
			source_excerpt(big, len, carets[k], carets[k] + 2, &cur,
			    &ex);
			if (strcmp(plain.text, ex.text) != 0 ||
			    strcmp(plain.under, ex.under) != 0)
				same = 0;
		}
		ok(same && cur.line == big && cur.idx > 0,
		    "a cursor changes nothing but the time");
	}
	/* A flood of combining marks takes no columns but must not make the
	 * window unbounded. */
	for (i = 0; i + 1 < len; i += 2) {
		big[i] = '\xCC';
		big[i + 1] = '\x81';
	}
	big[0] = 'e';
	big[1] = 'x';
	source_excerpt(big, len, 1000, 1001, NULL, &ex);
	ok(ex.textlen < SOURCE_EXCERPT_MAX - 1 && ex.underlen < 300,
	    "combining marks cannot make a window unbounded");
	/* Escapes take their width, and the bytes stay within bounds. */
	for (i = 0; i + 2 < len; i += 3) {
		big[i] = '\xE2';
		big[i + 1] = '\x80';
		big[i + 2] = '\x8B';
	}
	source_excerpt(big, len - len % 3, 1000, 1001, NULL, &ex);
	ok(columns(ex.text) <= SOURCE_WINDOW &&
	    ex.under[ex.underlen - 1] == '^' && ex.under[ex.underlen - 2] == ' ',
	    "a line of zero-width spaces is a window of escapes");

	/* A narrower window for a narrow terminal: within its width, the
	 * caret and some context before it kept; below the minimum, the
	 * minimum. */
	memset(big, 'a', 500);
	memcpy(big + 300, "fout", 4);
	source_excerpt_width(big, 500, 300, 304, 40, NULL, &ex);
	ok(columns(ex.text) <= 40 && columns(ex.text) >= 36 &&
	    strstr(ex.text, "fout") != NULL &&
	    strstr(ex.under, "^~~~") != NULL &&
	    columns(ex.under) > 10 && columns(ex.under) < 30,
	    "a window of 40 columns around the caret");
	source_excerpt_width(big, 500, 300, 304, 3, NULL, &ex);
	ok(columns(ex.text) <= SOURCE_WINDOW_MIN &&
	    columns(ex.text) >= SOURCE_WINDOW_MIN - 2 &&
	    strstr(ex.text, "fout") != NULL,
	    "a window is never narrower than SOURCE_WINDOW_MIN");
	ok(shows("  with: [a, bad, c]", 12, 15, "  with: [a, bad, c]",
	    "            ^~~") && (source_excerpt_width("  with: [a, bad, c]",
	    19, 12, 15, 25, NULL, &ex), strcmp(ex.text,
	    "  with: [a, bad, c]") == 0),
	    "a line that fits the narrower window is shown whole");
	free(big);

	printf("1..%d\n", n);
	return failed != 0;
}
