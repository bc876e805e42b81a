/* hyphdict.c - a hyphenation pattern file compiled into libhyphen's
 * automaton (see hyphdict.h), faster than libhyphen compiles it.
 *
 * hnj_hyphen_load (libhyphen 2.8.8) reads the file a line at a time, keeps
 * every prefix of every pattern in a chained hash table with a strdup'd
 * key and a malloc'd block per state, and then finds each state's fallback
 * by looking up every suffix of its string: about 4 ms for the Dutch
 * patterns, a tenth of a build of the 2018 plan, spent again on every run.
 * The automaton is fully described by the file:
 *   - a state for every prefix of every pattern's letters (the empty
 *     string is state 0), and a transition from each prefix to the next;
 *   - a state's match: the digits of the last pattern with exactly those
 *     letters, one per gap ("0" where the pattern has none), the leading
 *     zeros dropped; NULL for a prefix that is no pattern;
 *   - a state's fallback: the state of its longest proper suffix that is
 *     a state (0 for every state but 0 itself, whose fallback is -1);
 *   - LEFTHYPHENMIN, RIGHTHYPHENMIN and the COMPOUND... minimums;
 *   - without a NEXTLEVEL line, a default first level above the patterns
 *     that breaks after hyphens and apostrophes (with NOHYPHEN for them),
 *     whose compound minimums default to the file's minimums, else 3.
 * Here the prefixes are a trie with one open-addressed table of (state,
 * byte) pairs, the fallbacks are Aho-Corasick failure links computed in
 * breadth-first order, and each kind of data is one block. State numbers
 * and the order of a state's transitions differ from libhyphen's; the
 * hyphenation that hnj_hyphen_hyphenate3 computes from them does not
 * (tests/unit/test_hyphdict.c compares both on many words).
 *
 * What this loader does not take it leaves to hnj_hyphen_load: NEXTLEVEL
 * (a file's own compound level), NOHYPHEN, non-standard patterns ('/'),
 * a first line of 19 bytes or more, a line of 99 bytes or more (libhyphen
 * cuts those, with a warning), a NUL byte. */
#include "hyphdict.h"

#include <errno.h>
#include <fcntl.h>
#include <hyphen.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "bigmem.h"

/* No pattern file comes near this; a larger one is libhyphen's to read.
 * It keeps every state number below 1 << 23, so that a state and a byte
 * make a 32-bit key. */
#define MAX_FILE ((size_t)8 << 20)

/* One level of the automaton while it is built. Its arrays, like the
 * built automaton's, are bigmem.c's: fresh memory faulted in 4 KB pages
 * was a third of the time this took. */
struct trie {
	int *parent;		/* each state's parent; -1 for state 0 */
	unsigned char *ch;	/* the byte from the parent to the state */
	int32_t *match;		/* offset of its match in pool, -1: none */
	struct bigmem *mparent, *mch, *mmatch;
	size_t n, cap;
	/* (parent + 1) << 8 | byte in the high half, the child in the low
	 * half; 0 is an empty slot. */
	uint64_t *slots;
	struct bigmem *mslots;
	size_t hcap;		/* a power of two, at most 3/4 full */
	char *pool;		/* the matches, each NUL-terminated */
	struct bigmem *mpool;
	size_t plen, pcap;
	char lhmin, rhmin, clhmin, crhmin;
};

/* What one built level owns. */
struct level {
	HyphenDict *d;
	struct bigmem *mstates;
	HyphenTrans *trans;
	struct bigmem *mtrans;
	char *pool;
	struct bigmem *mpool;
};

/* *p (old bytes, owner *m) moved into a block of new bytes. */
static void *
regrow(void *p, struct bigmem **m, size_t old, size_t new)
{
	struct bigmem *nm;
	void *q = bigmem_alloc(new, &nm);

	memcpy(q, p, old < new ? old : new);
	bigmem_free(p, *m);
	*m = nm;
	return q;
}

struct hyphdict {
	HyphenDict *dict;	/* the first level */
	int own;		/* built here: lv[] owns it all */
	struct level lv[2];
};

/* The slot of key in t's table: the one holding it, or the empty one where
 * it goes. */
static size_t
slot(const struct trie *t, uint32_t key)
{
	size_t k = (size_t)((key * 0x9E3779B97F4A7C15u) >> 40) & (t->hcap - 1);

	while (t->slots[k] != 0 && (uint32_t)(t->slots[k] >> 32) != key)
		k = (k + 1) & (t->hcap - 1);
	return k;
}

/* The child of state s through byte c, or -1. */
static int
child(const struct trie *t, int s, unsigned char c)
{
	uint64_t v = t->slots[slot(t, (uint32_t)(s + 1) << 8 | c)];

	return v != 0 ? (int)(uint32_t)v : -1;
}

static void
rehash(struct trie *t)
{
	uint64_t *old = t->slots;
	struct bigmem *mold = t->mslots;
	size_t n = t->hcap, i;

	t->hcap *= 2;
	t->slots = bigmem_alloc(t->hcap * sizeof *t->slots, &t->mslots);
	memset(t->slots, 0, t->hcap * sizeof *t->slots);
	for (i = 0; i < n; i++)
		if (old[i] != 0)
			t->slots[slot(t, (uint32_t)(old[i] >> 32))] = old[i];
	bigmem_free(old, mold);
}

/* The child of s through c, made when there is none. */
static int
child_make(struct trie *t, int s, unsigned char c)
{
	uint32_t key = (uint32_t)(s + 1) << 8 | c;
	size_t k = slot(t, key);

	if (t->slots[k] != 0)
		return (int)(uint32_t)t->slots[k];
	if (t->n == t->cap) {
		t->parent = regrow(t->parent, &t->mparent, t->cap *
		    sizeof *t->parent, 2 * t->cap * sizeof *t->parent);
		t->ch = regrow(t->ch, &t->mch, t->cap * sizeof *t->ch,
		    2 * t->cap * sizeof *t->ch);
		t->match = regrow(t->match, &t->mmatch, t->cap *
		    sizeof *t->match, 2 * t->cap * sizeof *t->match);
		t->cap *= 2;
	}
	t->parent[t->n] = s;
	t->ch[t->n] = c;
	t->match[t->n] = -1;
	t->slots[k] = (uint64_t)key << 32 | t->n;
	if (4 * ++t->n > 3 * t->hcap)
		rehash(t);
	return (int)t->n - 1;
}

/* An empty trie for a file of about len bytes: a pattern file has a
 * state for every six or so of its bytes, and what is made to measure
 * need not grow. */
static void
trie_init(struct trie *t, size_t len)
{
	memset(t, 0, sizeof *t);
	t->cap = len / 4 > 64 ? len / 4 : 64;
	t->parent = bigmem_alloc(t->cap * sizeof *t->parent, &t->mparent);
	t->ch = bigmem_alloc(t->cap * sizeof *t->ch, &t->mch);
	t->match = bigmem_alloc(t->cap * sizeof *t->match, &t->mmatch);
	t->parent[0] = -1;
	t->ch[0] = 0;
	t->match[0] = -1;
	t->n = 1;
	for (t->hcap = 64; t->hcap < len / 4; t->hcap *= 2)
		continue;
	t->slots = bigmem_alloc(t->hcap * sizeof *t->slots, &t->mslots);
	memset(t->slots, 0, t->hcap * sizeof *t->slots);
	t->pcap = len + 64;
	t->pool = bigmem_alloc(t->pcap, &t->mpool);
}

static void
trie_free(struct trie *t)
{
	bigmem_free(t->parent, t->mparent);
	bigmem_free(t->ch, t->mch);
	bigmem_free(t->match, t->mmatch);
	bigmem_free(t->slots, t->mslots);
	bigmem_free(t->pool, t->mpool);
}

/* A pattern line (NUL-terminated, as libhyphen reads it): its letters up
 * to the first blank or control byte, a digit before a letter giving the
 * value of that gap. */
static void
add_pattern(struct trie *t, const char *buf)
{
	char word[MAX_CHARS], pattern[MAX_CHARS];
	const char *m;
	size_t i, j = 0, mlen;
	int s = 0;

	pattern[0] = '0';
	for (i = 0; (unsigned char)buf[i] > ' ' && j < MAX_CHARS - 2; i++) {
		if (buf[i] >= '0' && buf[i] <= '9')
			pattern[j] = buf[i];
		else {
			word[j] = buf[i];
			pattern[++j] = '0';
		}
	}
	pattern[j + 1] = '\0';
	for (m = pattern; *m == '0'; m++)
		continue;
	for (i = 0; i < j; i++)
		s = child_make(t, s, (unsigned char)word[i]);
	/* A later pattern with the same letters replaces the match. */
	mlen = strlen(m) + 1;
	if (t->plen + mlen > t->pcap) {
		t->pool = regrow(t->pool, &t->mpool, t->plen, 2 * t->pcap +
		    mlen);
		t->pcap = 2 * t->pcap + mlen;
	}
	memcpy(t->pool + t->plen, m, mlen);
	t->match[s] = (int32_t)t->plen;
	t->plen += mlen;
}

/* One line of the file (not a comment), as hnj_hyphen_load_line takes it.
 * Returns 0, or -1 for a line only libhyphen handles. */
static int
add_line(struct trie *t, const char *buf)
{
	if (strncmp(buf, "LEFTHYPHENMIN", 13) == 0)
		t->lhmin = (char)atoi(buf + 13);
	else if (strncmp(buf, "RIGHTHYPHENMIN", 14) == 0)
		t->rhmin = (char)atoi(buf + 14);
	else if (strncmp(buf, "COMPOUNDLEFTHYPHENMIN", 21) == 0)
		t->clhmin = (char)atoi(buf + 21);
	else if (strncmp(buf, "COMPOUNDRIGHTHYPHENMIN", 22) == 0)
		t->crhmin = (char)atoi(buf + 22);
	else if (strncmp(buf, "NOHYPHEN", 8) == 0 || strchr(buf, '/') != NULL)
		return -1;
	else
		add_pattern(t, buf);
	return 0;
}

/* The level t as libhyphen's HyphenDict, into lv: the states with their
 * matches, transitions (counted out by parent) and fallbacks (breadth
 * first: a state's fallback is known before its children's). t's pool
 * moves to lv. */
static void
build(struct trie *t, const char *cset, int utf8, struct level *lv)
{
	HyphenDict *d = xmalloc(sizeof *d);
	struct bigmem *mst, *mtr, *mat, *mqueue;
	HyphenState *st = bigmem_alloc(t->n * sizeof *st, &mst);
	HyphenTrans *tr = bigmem_alloc((t->n > 1 ? t->n - 1 : 1) * sizeof *tr,
	    &mtr);
	int *at = bigmem_alloc((t->n + 1) * sizeof *at, &mat);
	int *queue = bigmem_alloc(t->n * sizeof *queue, &mqueue);
	size_t i, head = 0, tail = 0;
	int s, u, f, v, k;

	memset(d, 0, sizeof *d);
	/* at[s]: where s's transitions begin in tr. */
	memset(at, 0, (t->n + 1) * sizeof *at);
	for (i = 1; i < t->n; i++)
		at[t->parent[i] + 1]++;
	for (i = 1; i <= t->n; i++)
		at[i] += at[i - 1];
	for (i = 0; i < t->n; i++) {
		st[i].match = t->match[i] >= 0 ? t->pool + t->match[i] : NULL;
		st[i].repl = NULL;
		st[i].replindex = 0;
		st[i].replcut = 0;
		st[i].fallback_state = -1;
		st[i].num_trans = 0;
		st[i].trans = tr + at[i];
	}
	for (i = 1; i < t->n; i++) {
		HyphenState *p = &st[t->parent[i]];

		p->trans[p->num_trans].ch = (char)t->ch[i];
		p->trans[p->num_trans++].new_state = (int)i;
	}
	for (i = 0; i < t->n; i++)
		if (st[i].num_trans == 0)
			st[i].trans = NULL;
	queue[tail++] = 0;
	while (head < tail) {
		s = queue[head++];
		for (k = 0; k < st[s].num_trans; k++) {
			u = st[s].trans[k].new_state;
			queue[tail++] = u;
			if (s == 0) {
				st[u].fallback_state = 0;
				continue;
			}
			for (f = st[s].fallback_state;; f = st[f].fallback_state) {
				if ((v = child(t, f, t->ch[u])) >= 0) {
					st[u].fallback_state = v;
					break;
				}
				if (f == 0) {
					st[u].fallback_state = 0;
					break;
				}
			}
		}
	}
	bigmem_free(queue, mqueue);
	bigmem_free(at, mat);
	d->lhmin = t->lhmin;
	d->rhmin = t->rhmin;
	d->clhmin = t->clhmin;
	d->crhmin = t->crhmin;
	d->num_states = (int)t->n;
	memcpy(d->cset, cset, sizeof d->cset);
	d->utf8 = utf8;
	d->states = st;
	lv->d = d;
	lv->mstates = mst;
	lv->trans = tr;
	lv->mtrans = mtr;
	lv->pool = t->pool;
	lv->mpool = t->mpool;
	t->pool = NULL;
	t->mpool = NULL;
}

/* NOHYPHEN's list as hnj_hyphen_load_line keeps it: the text after the
 * keyword without its last character (the newline), each comma after the
 * first character a NUL; *count is the number of commas so cut. */
static char *
nohyphen(const char *spec, int *count)
{
	size_t n = strlen(spec);
	char *s = xmalloc(n + 1), *p;

	memcpy(s, spec, n + 1);
	*count = 0;
	s[n - 1] = '\0';
	for (p = s + n - 2; p > s; p--)
		if (*p == ',') {
			(*count)++;
			*p = '\0';
		}
	return s;
}

/* The file's bytes (malloc'd, *len), or NULL with errno set. */
static char *
read_file(const char *path, size_t *len)
{
	struct stat sb;
	char *data;
	size_t got = 0;
	ssize_t r;
	int fd, e;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return NULL;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < 0 ||
	    (uintmax_t)sb.st_size > MAX_FILE) {
		e = errno ? errno : EINVAL;
		close(fd);
		errno = e;
		return NULL;
	}
	*len = (size_t)sb.st_size;
	data = xmalloc(*len + 1);
	while (got < *len) {
		r = read(fd, data + got, *len - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	/* A file that shrank while it was read is what it was at the end. */
	*len = got;
	data[got] = '\0';
	return data;
}

/* Builds both levels from the file's text; -1 for a file only libhyphen
 * handles (nothing is then left allocated). */
static int
compile(const char *data, size_t len, struct hyphdict *hd)
{
	struct trie pat, top;
	char cset[MAX_NAME], buf[MAX_CHARS];
	const char *p = data, *end = data + len, *nl;
	size_t n;
	int utf8, count;

	if (memchr(data, '\0', len) != NULL)
		return -1;
	/* The first line names the encoding (fgets into 20 bytes). */
	memset(cset, 0, sizeof cset);
	if (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		if (n >= MAX_NAME - 1)
			return -1;
		memcpy(cset, p, n);
		for (n = 0; n < MAX_NAME; n++)
			if (cset[n] == '\r' || cset[n] == '\n')
				cset[n] = '\0';
		p += nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
	}
	utf8 = strcmp(cset, "UTF-8") == 0;
	trie_init(&pat, len);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		/* fgets into 100 bytes might cut it. */
		if (n >= MAX_CHARS - 1)
			goto refuse;
		memcpy(buf, p, n);
		buf[n] = '\0';
		p += n;
		if (strncmp(buf, "NEXTLEVEL", 9) == 0)
			goto refuse;
		if (buf[0] != '%' && add_line(&pat, buf) != 0)
			goto refuse;
	}
	/* The default first level: break after a hyphen or an apostrophe
	 * (and for UTF-8, an en dash or a right single quotation mark),
	 * never before or after them inside what the patterns see. */
	trie_init(&top, 0);
	add_pattern(&top, "1-1");
	add_pattern(&top, "1'1");
	if (utf8) {
		add_pattern(&top, "1\xe2\x80\x93" "1");
		add_pattern(&top, "1\xe2\x80\x99" "1");
	}
	build(&pat, cset, utf8, &hd->lv[1]);
	build(&top, cset, utf8, &hd->lv[0]);
	hd->lv[0].d->nohyphen = nohyphen(utf8 ?
	    "',\xe2\x80\x93,\xe2\x80\x99,-\n" : "',-\n", &count);
	hd->lv[0].d->nohyphenl = count;
	hd->lv[0].d->nextlevel = hd->lv[1].d;
	hd->lv[0].d->lhmin = pat.lhmin;
	hd->lv[0].d->rhmin = pat.rhmin;
	hd->lv[0].d->clhmin = pat.clhmin ? pat.clhmin : pat.lhmin ? pat.lhmin :
	    3;
	hd->lv[0].d->crhmin = pat.crhmin ? pat.crhmin : pat.rhmin ? pat.rhmin :
	    3;
	hd->dict = hd->lv[0].d;
	trie_free(&top);
	trie_free(&pat);
	return 0;
refuse:
	trie_free(&pat);
	return -1;
}

struct hyphdict *
hyphdict_load(const char *path)
{
	struct hyphdict *hd;
	size_t len;
	char *data;

	if ((data = read_file(path, &len)) == NULL)
		return NULL;
	hd = xmalloc(sizeof *hd);
	memset(hd, 0, sizeof *hd);
	if (compile(data, len, hd) == 0)
		hd->own = 1;
	else if ((hd->dict = hnj_hyphen_load(path)) == NULL) {
		free(hd);
		hd = NULL;
	}
	free(data);
	return hd;
}

struct _HyphenDict *
hyphdict_dict(const struct hyphdict *hd)
{
	return hd->dict;
}

int
hyphdict_is_own(const struct hyphdict *hd)
{
	return hd->own;
}

void
hyphdict_free(struct hyphdict *hd)
{
	int i;

	if (hd == NULL)
		return;
	if (!hd->own)
		hnj_hyphen_free(hd->dict);
	else
		for (i = 0; i < 2; i++) {
			free(hd->lv[i].d->nohyphen);
			bigmem_free(hd->lv[i].d->states, hd->lv[i].mstates);
			free(hd->lv[i].d);
			bigmem_free(hd->lv[i].trans, hd->lv[i].mtrans);
			bigmem_free(hd->lv[i].pool, hd->lv[i].mpool);
		}
	free(hd);
}
