/* test_hyphdict.c - the automaton hyphdict.c builds from a pattern file
 * hyphenates exactly as the one libhyphen's own hnj_hyphen_load builds:
 * every word of the plans and of the patterns themselves, and random
 * words, for several minimum fragments, in Dutch (Latin-1) and English
 * (UTF-8, with LEFTHYPHENMIN); and files the fast loader leaves to
 * libhyphen (NEXTLEVEL, a long line) still load. Run from tests/unit. */
#include <hyphen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyphdict.h"
#include "tap.h"

/* libhyphen leaks the match of a pattern that a later one with the same
 * letters replaces (hyphdict-own.dic below has two): not planc's leak. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define LIBHYPHEN_LEAKS_BEGIN() __lsan_disable()
#define LIBHYPHEN_LEAKS_END() __lsan_enable()
#else
#define LIBHYPHEN_LEAKS_BEGIN() ((void)0)
#define LIBHYPHEN_LEAKS_END() ((void)0)
#endif

/* The hyphenation of word by d as a string of digits, into out. */
static void
hyphenate(HyphenDict *d, const char *word, int l, int r, char *out)
{
	char hyphens[512];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL, len = (int)strlen(word), i;

	memset(hyphens, 0, sizeof hyphens);
	hnj_hyphen_hyphenate3(d, word, len, hyphens, NULL, &rep, &pos, &cut,
	    l, r, l, r);
	for (i = 0; i < len; i++)
		out[i] = (char)('0' + (hyphens[i] & 1));
	out[len] = '\0';
	if (rep != NULL) {
		for (i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
}

/* Words of letters (bytes >= 'a' or >= 0x80, lower-cased ASCII) from the
 * file at path, appended to words (nwords of them, at most max). */
static size_t
words_of(const char *path, char **words, size_t nwords, size_t max)
{
	FILE *f = fopen(path, "rb");
	char w[64];
	size_t k = 0;
	int c;

	if (f == NULL)
		return nwords;
	while (nwords < max) {
		c = fgetc(f);
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c != EOF && ((c >= 'a' && c <= 'z') || c >= 0x80 ||
		    c == '\'' || c == '-') && k < sizeof w - 1) {
			w[k++] = (char)c;
			continue;
		}
		if (k >= 2) {
			w[k] = '\0';
			words[nwords] = malloc(k + 1);
			memcpy(words[nwords++], w, k + 1);
		}
		k = 0;
		if (c == EOF)
			break;
	}
	fclose(f);
	return nwords;
}

/* The letters of every pattern of the file (digits and dots dropped). */
static size_t
pattern_words(const char *path, char **words, size_t nwords, size_t max)
{
	FILE *f = fopen(path, "rb");
	char line[256], w[256];
	size_t i, k;

	if (f == NULL)
		return nwords;
	while (nwords < max && fgets(line, sizeof line, f) != NULL) {
		for (i = k = 0; line[i] != '\0' && line[i] != '\n'; i++)
			if ((line[i] < '0' || line[i] > '9') && line[i] != '.')
				w[k++] = line[i];
		w[k] = '\0';
		if (k >= 2) {
			words[nwords] = malloc(k + 1);
			memcpy(words[nwords++], w, k + 1);
		}
	}
	fclose(f);
	return nwords;
}

/* Compares both automata of the file at path on words; 1 if they agree
 * everywhere (the first difference is printed). */
static int
same(const char *path, char **words, size_t nwords)
{
	static const int mins[][2] = { { 2, 3 }, { 1, 1 }, { 5, 5 }, { 2, 2 } };
	struct hyphdict *hd = hyphdict_load(path);
	HyphenDict *lib, *own;
	char a[512], b[512];
	size_t i, m;

	LIBHYPHEN_LEAKS_BEGIN();
	lib = hnj_hyphen_load(path);
	LIBHYPHEN_LEAKS_END();

	if (hd == NULL || lib == NULL) {
		printf("# cannot load %s\n", path);
		return 0;
	}
	own = hyphdict_dict(hd);
	if (own->lhmin != lib->lhmin || own->rhmin != lib->rhmin ||
	    own->clhmin != lib->clhmin || own->crhmin != lib->crhmin ||
	    own->nextlevel->lhmin != lib->nextlevel->lhmin ||
	    own->nextlevel->num_states != lib->nextlevel->num_states ||
	    own->utf8 != lib->utf8 || strcmp(own->cset, lib->cset) != 0 ||
	    own->nohyphenl != lib->nohyphenl) {
		printf("# %s: the dictionaries' settings differ\n", path);
		return 0;
	}
	for (i = 0; i < nwords; i++)
		for (m = 0; m < sizeof mins / sizeof mins[0]; m++) {
			hyphenate(own, words[i], mins[m][0], mins[m][1], a);
			hyphenate(lib, words[i], mins[m][0], mins[m][1], b);
			if (strcmp(a, b) != 0) {
				printf("# %s: '%s' (%d, %d): %s, libhyphen %s\n",
				    path, words[i], mins[m][0], mins[m][1], a,
				    b);
				return 0;
			}
		}
	hnj_hyphen_free(lib);
	hyphdict_free(hd);
	return 1;
}

#define MAXW 200000

int
main(void)
{
	static const char *const dicts[] = {
		"/usr/share/hyphen/hyph_nl_NL.dic",
		"/usr/share/hyphen/hyph_en_US.dic",
	};
	static char *words[MAXW];
	size_t nwords = 0, nplan, i, d, k;
	unsigned long seed = 12345;
	char buf[64];
	struct hyphdict *hd;
	FILE *f;

	nwords = words_of("../../plans/pact-2018.yaml", words, nwords, MAXW);
	nwords = words_of("../../plans/pact-2019.yaml", words, nwords, MAXW);
	nwords = words_of("../../plans/pact-organisation.yaml", words, nwords,
	    MAXW);
	nplan = nwords;
	ok(nplan > 5000, "the plans give thousands of words");
	for (d = 0; d < 2; d++)
		nwords = pattern_words(dicts[d], words, nwords, MAXW);
	/* Random words over the letters the patterns use most. */
	for (i = 0; i < 20000 && nwords < MAXW; i++) {
		static const char letters[] = "aeiouyenrstlkdgmhpbvwjzcf'-";
		size_t len = 2 + (seed >> 16) % 14;

		for (k = 0; k < len; k++) {
			seed = seed * 1103515245 + 12345;
			buf[k] = letters[(seed >> 16) % (sizeof letters - 1)];
		}
		buf[len] = '\0';
		words[nwords] = malloc(len + 1);
		memcpy(words[nwords++], buf, len + 1);
	}
	for (d = 0; d < 2; d++) {
		hd = hyphdict_load(dicts[d]);
		ok(hd != NULL && hyphdict_is_own(hd), "the fast loader takes "
		    "the Debian pattern file");
		hyphdict_free(hd);
		snprintf(buf, sizeof buf, "%s: the same points as libhyphen's "
		    "automaton", dicts[d] + 18);
		ok(same(dicts[d], words, nwords), buf);
	}
	ok(hyphdict_load("no-such-file.dic") == NULL, "a missing file gives "
	    "NULL");

	/* A file with its own compound level is libhyphen's to load. */
	f = fopen("hyphdict-next.dic", "w");
	fputs("UTF-8\nLEFTHYPHENMIN 1\n1-1\nNEXTLEVEL\n.ab1c\na1b\nb1c\n", f);
	fclose(f);
	hd = hyphdict_load("hyphdict-next.dic");
	ok(hd != NULL && !hyphdict_is_own(hd), "NEXTLEVEL: loaded by "
	    "libhyphen");
	hyphdict_free(hd);
	/* Comments, blank lines, CRLF, a repeated pattern (the last wins),
	 * the compound minimums: the fast loader, the same points. */
	f = fopen("hyphdict-own.dic", "w");
	fputs("ISO8859-1\r\n% a comment\r\n\r\nCOMPOUNDLEFTHYPHENMIN 2\n"
	    "a1b\nb1c\na3b\nc2d\n1d1e\n.a2b\nb1c.\n", f);
	fclose(f);
	hd = hyphdict_load("hyphdict-own.dic");
	ok(hd != NULL && hyphdict_is_own(hd), "comments, CRLF, repeats: the "
	    "fast loader");
	hyphdict_free(hd);
	ok(same("hyphdict-own.dic", words, nplan) &&
	    same("hyphdict-own.dic", words + nplan, nwords - nplan),
	    "... with libhyphen's points");
	/* A line libhyphen would cut. */
	f = fopen("hyphdict-long.dic", "w");
	fputs("ISO8859-1\na1b\n", f);
	for (i = 0; i < 120; i++)
		fputc('x', f);
	fputs("\nb1c\n", f);
	fclose(f);
	hd = hyphdict_load("hyphdict-long.dic");
	ok(hd != NULL && !hyphdict_is_own(hd), "a line of 120 bytes: "
	    "loaded by libhyphen");
	hyphdict_free(hd);
	remove("hyphdict-next.dic");
	remove("hyphdict-own.dic");
	remove("hyphdict-long.dic");
	for (i = 0; i < nwords; i++)
		free(words[i]);
	return failed != 0;
}
