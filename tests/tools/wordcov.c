/* wordcov.c - what share of a reference text's words a PDF's text holds.
 *
 *   wordcov [-t] PERCENT REFERENCE.txt EXTRACTED.txt
 *
 * Words are runs of letters or runs of digits (UTF-8 letters count),
 * lower-cased for ASCII, so "ideeën2" (a footnote mark set close) is the
 * two words "ideeën" and "2" on both sides; HTML tags in the reference are
 * skipped. -t drops the reference's table-extraction artefacts: the cells
 * flattened with tabs after an HTML table on the same line, and tab-separated
 * rows whose cells all stand earlier in the text (the seed's README: "repeated
 * table rows appear twice"). Hyphens at line ends
 * in the extracted text are joined ("kinder-\nopvang" → "kinderopvang").
 * Counts are a multiset: a word the reference has three times must be
 * there three times. Exits 0 if the share is at least PERCENT, and lists
 * the missing words otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct word {
	char *s;
	int n;
};

static struct word *words;
static size_t nwords, capwords;

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		perror(path);
		exit(2);
	}
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(2);
	}
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static struct word *
find(const char *s)
{
	size_t i;

	for (i = 0; i < nwords; i++)
		if (strcmp(words[i].s, s) == 0)
			return &words[i];
	if (nwords == capwords) {
		capwords = capwords ? capwords * 2 : 1024;
		words = realloc(words, capwords * sizeof *words);
		if (words == NULL)
			exit(2);
	}
	words[nwords].s = strdup(s);
	words[nwords].n = 0;
	return &words[nwords++];
}

static int
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Whether every tab-separated cell of the row [line, end) occurs in the
 * text before it: then the row repeats a table printed above. */
static int
cells_seen(const char *text, const char *line, const char *end)
{
	const char *cell = line, *stop;
	char buf[256];
	size_t n;

	while (cell < end) {
		stop = memchr(cell, '\t', (size_t)(end - cell));
		if (stop == NULL)
			stop = end;
		n = (size_t)(stop - cell);
		if (n > 0 && n < sizeof buf) {
			const char *p;
			int found = 0;

			memcpy(buf, cell, n);
			buf[n] = '\0';
			for (p = text; p + n <= line && !found; p++)
				found = memcmp(p, buf, n) == 0;
			if (!found)
				return 0;
		}
		cell = stop + 1;
	}
	return 1;
}

/* Blanks out the seed's table artefacts in place (see -t above). */
static void
drop_table_artefacts(char *text, size_t len)
{
	char *line = text, *end;
	size_t n;

	while (line < text + len) {
		end = memchr(line, '\n', (size_t)(text + len - line));
		if (end == NULL)
			end = text + len;
		n = (size_t)(end - line);
		if (memchr(line, '<', n) != NULL) {
			char *close = NULL, *p;
			for (p = line; p < end; p++)
				if (*p == '>')
					close = p;
			if (close != NULL && close + 1 < end && close[1] == '\t')
				memset(close + 1, ' ', (size_t)(end - close - 1));
		} else if (memchr(line, '\t', n) != NULL && n > 0 &&
		    cells_seen(text, line, end)) {
			memset(line, ' ', n);
		}
		line = end + 1;
	}
}

/* Calls fn on every word of text; strips <tags> if html. UTF-8 punctuation
 * (quotes, dashes, bullets, the check mark) separates words. */
static void
each_word(char *text, size_t len, int html, int delta, long *total)
{
	char word[256];
	size_t i = 0, n = 0;

	while (i <= len) {
		unsigned char c = i < len ? (unsigned char)text[i] : ' ';
		size_t skip = 0;

		if (html && c == '<') {
			while (i < len && text[i] != '>')
				i++;
			c = ' ';
		}
		if (c == 0xE2 && i + 2 < len)	/* U+2000..U+2FFF: punctuation */
			skip = 3;
		else if (c == 0xC2 && i + 1 < len)	/* U+0080..U+00BF */
			skip = 2;
		if (c == '-' && !html && i + 1 < len && text[i + 1] == '\n' &&
		    n > 0) {
			i += 2;	/* a hyphen at a line end joins the word */
			continue;
		}
		if (skip == 0 && is_word_byte(c) && n > 0 &&
		    is_digit(c) != is_digit((unsigned char)word[n - 1])) {
			word[n] = '\0';
			find(word)->n += delta;
			if (delta > 0)
				(*total)++;
			n = 0;
		}
		if (skip == 0 && is_word_byte(c)) {
			if (n < sizeof word - 1)
				word[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		if (n > 0) {
			word[n] = '\0';
			find(word)->n += delta;
			if (delta > 0)
				(*total)++;
			n = 0;
		}
		i += skip ? skip : 1;
	}
}

int
main(int argc, char **argv)
{
	size_t rlen, elen, i;
	char *ref, *ext;
	long total = 0, found, missing = 0, dummy = 0;
	double share, need;

	int tables = argc > 1 && strcmp(argv[1], "-t") == 0;

	argv += tables;
	argc -= tables;
	if (argc != 4) {
		fputs("usage: wordcov [-t] PERCENT REFERENCE EXTRACTED\n", stderr);
		return 2;
	}
	need = atof(argv[1]);
	ref = slurp(argv[2], &rlen);
	ext = slurp(argv[3], &elen);
	if (tables)
		drop_table_artefacts(ref, rlen);
	each_word(ref, rlen, 1, 1, &total);
	each_word(ext, elen, 0, -1, &dummy);
	for (i = 0; i < nwords; i++)
		if (words[i].n > 0)
			missing += words[i].n;
	found = total - missing;
	share = total ? 100.0 * (double)found / (double)total : 100.0;
	printf("%ld of %ld words (%.2f%%)\n", found, total, share);
	if (share >= need)
		return 0;
	for (i = 0; i < nwords; i++)
		if (words[i].n > 0)
			printf("missing %dx: %s\n", words[i].n, words[i].s);
	return 1;
}
