/* hyphen.c - libhyphen behind a UTF-8 interface. The Dutch patterns are
 * Latin-1 (their first line says ISO8859-1), so words are converted to
 * lower-case Latin-1 on the way in and points mapped back to UTF-8 byte
 * offsets on the way out. The patterns are compiled by hyphdict.c (what
 * hnj_hyphen_load builds, faster), and each word's points are kept: a
 * document repeats its words, and layout asks again for every setting of
 * a paragraph. */
#include "hyphen.h"

#include <hyphen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "hash.h"
#include "hyphdict.h"
#include "utf8.h"

#define MAX_WORD 100

/* libhyphen allocates through hnj_malloc and hnj_realloc, whose own versions
 * print "can't allocate N bytes" and exit(1) when malloc fails: the wrong
 * message and the exit status of a plan with errors. libhyphen.so exports
 * them and calls them through its PLT, so these definitions in the
 * executable take their place (interposition; `nm -D build/planc` lists
 * them, tests/suites/oom.sh checks) and out of memory inside libhyphen ends
 * planc like anywhere else: arena_oom(), exit 2. The memory is still plain
 * malloc memory, freed by libhyphen's hnj_free (free). The size is an int
 * in libhyphen's interface; a negative one is an overflow there. */
void *hnj_malloc(int size);
void *hnj_realloc(void *p, int size);

void *
hnj_malloc(int size)
{
	void *p;

	if (size < 0 || ARENA_FAULT(ARENA_FAULT_HYPHEN) ||
	    (p = malloc(size ? (size_t)size : 1)) == NULL)
		arena_oom();
	return p;
}

void *
hnj_realloc(void *p, int size)
{
	if (size < 0 || ARENA_FAULT(ARENA_FAULT_HYPHEN) ||
	    (p = realloc(p, size ? (size_t)size : 1)) == NULL)
		arena_oom();
	return p;
}

/* A slot of the table of words: the hash beside the word, so that a probe
 * past other words reads none of them. */
struct slot {
	uint64_t hash;
	struct word *w;		/* NULL: empty */
};

/* A word asked for, with its points (all of them; a caller asking for
 * fewer gets the first). */
struct word {
	const char *text;	/* a copy in the hyphenator's arena */
	size_t len;
	int left, right;
	size_t n;
	uint16_t *at;		/* byte offsets, each < MAX_WORD * 4 */
};

struct hyphenator {
	struct hyphdict *hd;
	HyphenDict *dict;
	int latin1;		/* patterns are ISO8859-1, not UTF-8 */
	struct arena *a;	/* the words */
	struct slot *table;	/* open addressing, a power of two */
	size_t cap, count;
};

/* The pattern file of each language planc sets, and its Debian package. */
static const struct {
	const char *lang, *file, *package;
} files[] = {
	{ "nl", "hyph_nl_NL.dic", "hyphen-nl" },
	{ "en", "hyph_en_US.dic", "hyphen-en-us" },
	{ "de", "hyph_de_DE.dic", "hyphen-de" },
	{ "fr", "hyph_fr.dic", "hyphen-fr" },
};

const char *
hyphen_package(const char *lang)
{
	size_t i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		if (strcmp(files[i].lang, lang) == 0)
			return files[i].package;
	return NULL;
}

struct hyphenator *
hyphen_open(const char *lang, const char *dir)
{
	char path[4096];
	struct hyphenator *h;
	struct hyphdict *hd;
	size_t i;

	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		if (strcmp(files[i].lang, lang) == 0)
			break;
	if (i == sizeof files / sizeof files[0])
		return NULL;
	snprintf(path, sizeof path, "%s/%s", dir ? dir : "/usr/share/hyphen",
	    files[i].file);
	/* NULL for a missing file, without a message: a missing package
	 * is reported once, by the caller. */
	if ((hd = hyphdict_load(path)) == NULL)
		return NULL;
	h = xmalloc(sizeof *h);
	memset(h, 0, sizeof *h);
	h->hd = hd;
	h->dict = hyphdict_dict(hd);
	h->latin1 = strcmp(h->dict->cset, "UTF-8") != 0;
	h->a = arena_new();
	h->cap = 1024;
	h->table = xmalloc(h->cap * sizeof *h->table);
	memset(h->table, 0, h->cap * sizeof *h->table);
	return h;
}

void
hyphen_close(struct hyphenator *h)
{
	if (h == NULL)
		return;
	hyphdict_free(h->hd);
	arena_free(h->a);
	free(h->table);
	free(h);
}

/* The word and the minimum fragments, hashed. */
static uint64_t
word_hash(const char *s, size_t len, int left, int right)
{
	unsigned char lr[2] = { (unsigned char)left, (unsigned char)right };

	return hash_bytes(hash_bytes(HASH_SEED, lr, 2), s, len);
}

static void
grow(struct hyphenator *h)
{
	size_t ncap = h->cap * 2, i, k;
	struct slot *t;

	if (ncap > SIZE_MAX / sizeof *t)
		arena_oom();
	t = xmalloc(ncap * sizeof *t);
	memset(t, 0, ncap * sizeof *t);
	for (i = 0; i < h->cap; i++) {
		if (h->table[i].w == NULL)
			continue;
		for (k = h->table[i].hash & (ncap - 1); t[k].w != NULL;
		    k = (k + 1) & (ncap - 1))
			continue;
		t[k] = h->table[i];
	}
	free(h->table);
	h->table = t;
	h->cap = ncap;
}

/* The points of word from the patterns (hyphen_points without the
 * cache). */
static size_t
points(struct hyphenator *h, const char *word, size_t len, int left,
    int right, size_t *at, size_t max)
{
	char buf[MAX_WORD * 4 + 1], hyphens[MAX_WORD * 4 + 5];
	size_t offs[MAX_WORD * 4 + 1];	/* buf index → word byte offset */
	size_t i = 0, n = 0, count = 0, k;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	uint32_t cp;

	while (i < len) {
		if ((k = utf8_decode(word + i, len - i, &cp)) == 0 ||
		    n >= MAX_WORD * 4)
			return 0;
		/* Lower case: ASCII and Latin-1 capitals. */
		if ((cp >= 'A' && cp <= 'Z') ||
		    (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7))
			cp += 32;
		if (h->latin1) {
			if (cp > 0xFF)
				return 0;
			offs[n] = i;
			buf[n++] = (char)cp;
		} else {
			char tmp[4];
			size_t m = utf8_encode(cp, tmp), j;
			for (j = 0; j < m; j++) {
				offs[n] = i;
				buf[n++] = tmp[j];
			}
		}
		i += k;
	}
	if (utf8_count(word, len) > MAX_WORD)
		return 0;
	buf[n] = '\0';
	offs[n] = len;
	if (hnj_hyphen_hyphenate3(h->dict, buf, (int)n, hyphens, NULL, &rep,
	    &pos, &cut, left, right, left, right) != 0)
		return 0;
	/* hyphens[i] odd: a break after buf[i]. The Dutch patterns have no
	 * non-standard (replacement) rules, so rep stays unused; free it if
	 * some other language's file sets it. */
	for (i = 0; i + 1 < n && count < max; i++)
		if ((hyphens[i] & 1) && offs[i + 1] != offs[i])
			at[count++] = offs[i + 1];
	if (rep != NULL) {
		for (i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return count;
}

size_t
hyphen_points(struct hyphenator *h, const char *word, size_t len, int left,
    int right, size_t *at, size_t max)
{
	size_t all[MAX_WORD * 4], n, i, k;
	uint64_t hash;
	struct word *w;

	if (h == NULL || len == 0)
		return 0;
	hash = word_hash(word, len, left, right);
	for (k = hash & (h->cap - 1); (w = h->table[k].w) != NULL;
	    k = (k + 1) & (h->cap - 1))
		if (h->table[k].hash == hash && w->len == len &&
		    w->left == left && w->right == right &&
		    memcmp(w->text, word, len) == 0) {
			for (i = 0; i < w->n && i < max; i++)
				at[i] = w->at[i];
			return i;
		}
	n = points(h, word, len, left, right, all, sizeof all / sizeof all[0]);
	w = arena_alloc(h->a, sizeof *w);
	w->text = arena_strndup(h->a, word, len);
	w->len = len;
	w->left = left;
	w->right = right;
	w->n = n;
	w->at = arena_alloc(h->a, (n ? n : 1) * sizeof *w->at);
	for (i = 0; i < n; i++)
		w->at[i] = (uint16_t)all[i];
	h->table[k].hash = hash;
	h->table[k].w = w;
	if (++h->count * 2 > h->cap)
		grow(h);
	for (i = 0; i < n && i < max; i++)
		at[i] = all[i];
	return i;
}

