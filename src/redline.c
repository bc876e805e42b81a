/* redline.c - the redline of two checked plans and their diff (see
 * redline.h): prose merged word by word (worddiff over the words of both
 * sides, block boundaries as tokens, footnote marks and references as
 * whole tokens), titles merged the same way, removed entities placed
 * beside what the new plan kept of their neighbours, and the summary. */
#include "redline.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "worddiff.h"

/* ---- a map of pointers (open addressing, linear probing) ---- */

static size_t
slot_of(const void *k, size_t cap)
{
	uintptr_t h = (uintptr_t)k;

	h ^= h >> 17;
	h *= (uintptr_t)0x9E3779B97F4A7C15ull;
	return (size_t)(h ^ h >> 29) & (cap - 1);
}

static void map_put(struct arena *a, struct rl_map *m, const void *k, void *v);

static void
map_grow(struct arena *a, struct rl_map *m)
{
	struct rl_map old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->n = 0;
	m->keys = arena_alloc(a, m->cap * sizeof *m->keys);
	m->vals = arena_alloc(a, m->cap * sizeof *m->vals);
	for (i = 0; i < old.cap; i++)
		if (old.keys[i] != NULL)
			map_put(a, m, old.keys[i], old.vals[i]);
}

static void
map_put(struct arena *a, struct rl_map *m, const void *k, void *v)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		map_grow(a, m);
	for (i = slot_of(k, m->cap); m->keys[i] != NULL && m->keys[i] != k;
	    i = (i + 1) & (m->cap - 1))
		;
	if (m->keys[i] == NULL)
		m->n++;
	m->keys[i] = k;
	m->vals[i] = v;
}

static void *
map_get(const struct rl_map *m, const void *k)
{
	size_t i;

	if (m->cap == 0 || k == NULL)
		return NULL;
	for (i = slot_of(k, m->cap); m->keys[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == k)
			return m->vals[i];
	return NULL;
}

/* ---- what is known per entity ---- */

struct rl_entity {
	unsigned mark;
	const struct entity *old;	/* its counterpart, NULL if added */
	const char *moved_from;
	const struct run *title;
	size_t ntitle;
};

/* The work in progress: both plans' counterparts. */
struct mk {
	struct arena *a;
	const struct plan *oldp, *newp;
	struct redline *rl;
	struct rl_map n2o, o2n;
	size_t cap_removed;	/* rl->removed's room */
};

static const struct entity *
counterpart(const struct mk *m, const struct entity *old)
{
	return map_get(&m->o2n, old);
}

/* ---- tokens ---- */

enum tok_kind { T_SEP, T_WORD, T_NOTE, T_REF };

struct tok {
	enum tok_kind kind;
	const struct run *run;	/* T_WORD, T_NOTE, T_REF */
	const char *s;		/* T_WORD: the word inside run->text */
	size_t len;
	int space;
};

struct toks {
	struct tok *v;
	struct token *keys;	/* for worddiff, parallel to v */
	size_t n, nkeys, cap, capk;
	int side;		/* 0 old, 1 new */
};

/* Appends tk, and key (what it compares by) to keys. */
static void
push_tok(struct mk *m, struct toks *t, struct tok tk, const char *key,
    size_t klen)
{
	struct token *k;

	*ARENA_PUSH(m->a, t->v, t->n, t->cap) = tk;
	k = ARENA_PUSH(m->a, t->keys, t->nkeys, t->capk);
	k->s = key;
	k->len = klen;
	k->space_before = tk.space;
}

/* The id a footnote mark or reference compares by: its target's id in the
 * new plan (a renamed target is no change), else its own. */
static const char *
ref_key(struct mk *m, const struct toks *t, const struct run *r)
{
	const struct entity *e = r->ref.target;

	if (e == NULL)
		return r->ref.id ? r->ref.id : "";
	if (t->side == 0 && (e = counterpart(m, e)) == NULL)
		return arena_printf(m->a, "\x03%s", r->ref.target->id);
	return e->id;
}

static void flatten(struct mk *m, struct toks *t, const struct block *b,
    size_t n, int depth);

static void
flatten_runs(struct mk *m, struct toks *t, const struct block *b)
{
	int space = 1;	/* a block's first word, joined to another block's
			 * words (a removed paragraph), is a word apart */
	size_t i, j, k;

	for (i = 0; i < b->nruns; i++) {
		const struct run *r = &b->runs[i];
		struct tok tk;

		memset(&tk, 0, sizeof tk);
		tk.run = r;
		if (r->kind != RUN_TEXT) {
			const char *id = ref_key(m, t, r);
			const char *key = arena_printf(m->a, "\x01%c%s",
			    r->kind == RUN_FOOTNOTE ? '^' : '@', id);

			tk.kind = r->kind == RUN_FOOTNOTE ? T_NOTE : T_REF;
			tk.space = space;
			space = 0;
			push_tok(m, t, tk, key, strlen(key));
			continue;
		}
		tk.kind = T_WORD;
		for (j = 0; j < r->len; j = k) {
			const char *key;
			size_t klen;

			if (r->text[j] == ' ' || r->text[j] == '\n' ||
			    r->text[j] == '\t') {
				space = 1;
				k = j + 1;
				continue;
			}
			for (k = j; k < r->len && r->text[k] != ' ' &&
			    r->text[k] != '\n' && r->text[k] != '\t'; k++)
				;
			tk.s = r->text + j;
			tk.len = k - j;
			tk.space = space;
			space = 0;
			key = tk.s;
			klen = tk.len;
			/* Emphasis is part of the word: a word set in italics
			 * now is a change. */
			if (r->style & (RUN_ITALIC | RUN_BOLD | RUN_FOREIGN)) {
				key = arena_printf(m->a, "%c%.*s",
				    (char)(0x10 + (r->style & 7)), (int)tk.len, tk.s);
				klen = tk.len + 1;
			}
			push_tok(m, t, tk, key, klen);
		}
	}
}

/* Blocks in reading order; every block and list item opens with a
 * separator token naming its kind and depth, so that words do not match
 * across a paragraph boundary that moved. */
static void
flatten(struct mk *m, struct toks *t, const struct block *b, size_t n,
    int depth)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		struct tok tk;
		char *key = arena_alloc(m->a, 4);

		memset(&tk, 0, sizeof tk);
		tk.kind = T_SEP;
		key[0] = '\x02';
		key[1] = (char)('a' + b[i].kind);
		key[2] = (char)('0' + (depth & 31));
		push_tok(m, t, tk, key, 3);
		if (b[i].kind != BLOCK_LIST) {
			flatten_runs(m, t, &b[i]);
			continue;
		}
		for (j = 0; j < b[i].nitems; j++) {
			char *ik = arena_alloc(m->a, 4);

			ik[0] = '\x02';
			ik[1] = 'i';
			ik[2] = (char)('0' + (depth & 31));
			push_tok(m, t, tk, ik, 3);
			flatten(m, t, b[i].items[j].blocks, b[i].items[j].nblocks,
			    depth + 1);
		}
	}
}

/* ---- merging: the new plan's blocks with the old plan's words put back
 * in, struck through, where they stood ---- */

struct merge {
	struct mk *m;
	const struct toks *a, *b;
	const struct edit *ed;
	size_t *del_at;		/* per new token (and one past): the DELETE
				 * edit anchored there + 1, or 0 */
	unsigned *flag;		/* per new token: RUN_INSERTED or 0 */
	size_t bi;		/* the next new token */
	struct block *last;	/* the last paragraph made, for deletions at
				 * a block boundary */
	size_t lastcap;
	const struct edit *pending;	/* deletions before any paragraph */
	const struct pos *pos;	/* a position for made-up runs */
};

/* Appends token tk (of side t) to blk as a run flagged flag, extending the
 * last run when tk continues it in the same source run. */
static void
emit(struct merge *g, struct block *blk, size_t *cap, const struct toks *t,
    const struct tok *tk, unsigned flag)
{
	struct mk *m = g->m;
	struct run *last = blk->nruns ? &blk->runs[blk->nruns - 1] : NULL;
	struct run *r;

	if (tk->kind == T_WORD && last != NULL && last->kind == RUN_TEXT &&
	    (last->style & (RUN_INSERTED | RUN_DELETED)) == flag &&
	    last->text >= tk->run->text &&
	    last->text + last->len <= tk->s &&
	    last->text < tk->run->text + tk->run->len) {
		last->len = (size_t)(tk->s + tk->len - last->text);
		return;
	}
	if (tk->space && blk->nruns > 0) {
		r = ARENA_PUSH(m->a, blk->runs, blk->nruns, *cap);
		r->kind = RUN_TEXT;
		r->style = flag;
		r->text = " ";
		r->len = 1;
		r->pos = tk->run->pos;
	}
	r = ARENA_PUSH(m->a, blk->runs, blk->nruns, *cap);
	*r = *tk->run;
	r->style |= flag;
	if (tk->kind == T_WORD) {
		r->text = tk->s;
		r->len = tk->len;
		return;
	}
	if (t->side == 0 && r->ref.target != NULL) {
		/* An old mark points into the new plan, or becomes text. */
		const struct entity *e = counterpart(m, r->ref.target);

		if (e != NULL)
			r->ref.target = (struct entity *)e;
		else if (r->kind == RUN_FOOTNOTE) {
			r->kind = RUN_TEXT;
			r->text = arena_printf(m->a, "[%d]",
			    ((const struct footnote *)r->ref.target)->number);
			r->len = strlen(r->text);
		} else {
			r->kind = RUN_TEXT;
			r->text = entity_display_name(r->ref.target);
			if (r->text == NULL || r->text[0] == '\0')
				r->text = r->ref.target->id;
			r->len = strlen(r->text);
		}
	}
}

static void
emit_deleted(struct merge *g, struct block *blk, size_t *cap,
    const struct edit *e)
{
	size_t i;

	for (i = e->a0; i < e->a0 + e->n; i++)
		if (g->a->v[i].kind != T_SEP)
			emit(g, blk, cap, g->a, &g->a->v[i], RUN_DELETED);
}

/* The deletions anchored before new token at: at a block boundary they
 * end the last paragraph; before any paragraph they wait for the first. */
static void
boundary(struct merge *g, size_t at)
{
	const struct edit *e = g->del_at[at] ? &g->ed[g->del_at[at] - 1] : NULL;

	if (e == NULL)
		return;
	if (g->last != NULL)
		emit_deleted(g, g->last, &g->lastcap, e);
	else
		g->pending = e;
}

static struct block *
rebuild(struct merge *g, const struct block *b, size_t n)
{
	struct block *out = arena_alloc(g->m->a, (n + 1) * sizeof *out);
	size_t i, j;

	for (i = 0; i < n; i++) {
		struct block *o = &out[i];

		*o = b[i];
		boundary(g, g->bi);
		g->bi++;	/* the block's separator */
		if (b[i].kind == BLOCK_LIST) {
			o->items = arena_alloc(g->m->a, (b[i].nitems + 1) *
			    sizeof *o->items);
			o->capitems = b[i].nitems;
			for (j = 0; j < b[i].nitems; j++) {
				o->items[j] = b[i].items[j];
				boundary(g, g->bi);
				g->bi++;	/* the item's separator */
				o->items[j].blocks = rebuild(g,
				    b[i].items[j].blocks, b[i].items[j].nblocks);
			}
			continue;
		}
		o->runs = NULL;
		o->nruns = 0;
		g->lastcap = 0;
		g->last = o;
		if (g->pending != NULL) {
			emit_deleted(g, o, &g->lastcap, g->pending);
			g->pending = NULL;
		}
		while (g->bi < g->b->n && g->b->v[g->bi].kind != T_SEP) {
			if (g->del_at[g->bi])
				emit_deleted(g, o, &g->lastcap,
				    &g->ed[g->del_at[g->bi] - 1]);
			emit(g, o, &g->lastcap, g->b, &g->b->v[g->bi],
			    g->flag[g->bi]);
			g->bi++;
		}
	}
	return out;
}

/* The merged blocks of old and new prose; *changed says whether any word
 * differs. */
static struct block *
merge_blocks(struct mk *m, const struct block *ob, size_t on,
    const struct block *nb, size_t nn, size_t *nout, int *changed)
{
	struct toks a, b;
	struct merge g;
	struct edit *ed;
	size_t ne, i, k, bi = 0;
	struct block *out;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	b.side = 1;
	flatten(m, &a, ob, on, 0);
	flatten(m, &b, nb, nn, 0);
	ed = worddiff(m->a, a.keys, a.n, b.keys, b.n, &ne);
	memset(&g, 0, sizeof g);
	g.m = m;
	g.a = &a;
	g.b = &b;
	g.ed = ed;
	g.del_at = arena_alloc(m->a, (b.n + 1) * sizeof *g.del_at);
	g.flag = arena_alloc(m->a, (b.n + 1) * sizeof *g.flag);
	*changed = 0;
	for (i = 0; i < ne; i++) {
		if (ed[i].op == EDIT_SAME) {
			bi = ed[i].b0 + ed[i].n;
			continue;
		}
		/* Only words count: a list item split in two is no change
		 * to mark. */
		for (k = 0; k < ed[i].n; k++)
			if ((ed[i].op == EDIT_DELETE ? a.v[ed[i].a0 + k] :
			    b.v[ed[i].b0 + k]).kind != T_SEP)
				*changed = 1;
		if (ed[i].op == EDIT_DELETE)
			g.del_at[bi] = i + 1;
		else {
			for (k = 0; k < ed[i].n; k++)
				g.flag[ed[i].b0 + k] = RUN_INSERTED;
			bi = ed[i].b0 + ed[i].n;
		}
	}
	out = rebuild(&g, nb, nn);
	*nout = nn;
	if (g.del_at[b.n] || g.pending != NULL) {
		/* Deleted words at the very end, or a text that is gone. */
		if (g.last == NULL) {
			struct block *o = arena_alloc(m->a, (nn + 1) *
			    sizeof *o);

			memcpy(o, out, nn * sizeof *o);
			o[nn].kind = BLOCK_PARA;
			g.last = &o[nn];
			g.lastcap = 0;
			out = o;
			*nout = nn + 1;
		}
		if (g.pending != NULL)
			emit_deleted(&g, g.last, &g.lastcap, g.pending);
		if (g.del_at[b.n])
			emit_deleted(&g, g.last, &g.lastcap,
			    &ed[g.del_at[b.n] - 1]);
	}
	return out;
}

/* Blocks b of the old plan, every word struck through (RUN_DELETED), in
 * their own shape: a removed entity's paragraphs and lists stay what they
 * were. */
static struct block *
strike_blocks(struct mk *m, const struct block *b, size_t n)
{
	struct block *out = arena_alloc(m->a, (n + 1) * sizeof *out);
	struct merge g;
	size_t i, j;

	memset(&g, 0, sizeof g);
	g.m = m;
	for (i = 0; i < n; i++) {
		out[i] = b[i];
		if (b[i].kind == BLOCK_LIST) {
			out[i].items = arena_alloc(m->a, (b[i].nitems + 1) *
			    sizeof *out[i].items);
			for (j = 0; j < b[i].nitems; j++) {
				out[i].items[j] = b[i].items[j];
				out[i].items[j].blocks = strike_blocks(m,
				    b[i].items[j].blocks, b[i].items[j].nblocks);
			}
			continue;
		}
		{
			struct toks t;
			size_t k, cap = 0;

			memset(&t, 0, sizeof t);
			flatten_runs(m, &t, &b[i]);
			out[i].runs = NULL;
			out[i].nruns = 0;
			for (k = 0; k < t.n; k++)
				emit(&g, &out[i], &cap, &t, &t.v[k], RUN_DELETED);
		}
	}
	return out;
}

/* ---- the entities ---- */

static const struct str *
title_of(const struct entity *e)
{
	switch (e->kind) {
	case ENT_PART:
		return &((const struct part *)e)->title;
	case ENT_CHAPTER:
		return &((const struct chapter *)e)->title;
	case ENT_SECTION:
		return &((const struct section *)e)->title;
	case ENT_PERIOD:
		return &((const struct period *)e)->title;
	case ENT_DOMAIN:
		return &((const struct domain *)e)->title;
	case ENT_STRAND:
		return &((const struct strand *)e)->title;
	case ENT_ACTIVITY:
		return &((const struct activity *)e)->title;
	case ENT_GROUP:
		return &((const struct group *)e)->title;
	case ENT_BODY:
		return &((const struct body *)e)->name;
	case ENT_PERSON:
		return &((const struct person *)e)->name;
	case ENT_ORGANISATION:
		return &((const struct organisation *)e)->name;
	default:
		return NULL;
	}
}

/* A plain text as one paragraph of one run, for merging titles. */
static void
text_block(const struct str *s, struct block *b, struct run *r)
{
	memset(b, 0, sizeof *b);
	memset(r, 0, sizeof *r);
	r->kind = RUN_TEXT;
	r->text = s != NULL ? s->s : "";
	r->len = s != NULL ? s->len : 0;
	b->kind = BLOCK_PARA;
	b->runs = r;
	b->nruns = 1;
}

static const struct run *
merge_title(struct mk *m, const struct entity *old, const struct entity *e,
    size_t *n)
{
	struct block ob, nb, *out;
	struct run orun, nrun;
	size_t nout;
	int changed;

	text_block(old != NULL ? title_of(old) : NULL, &ob, &orun);
	text_block(e != NULL ? title_of(e) : NULL, &nb, &nrun);
	out = merge_blocks(m, old != NULL ? &ob : NULL, old != NULL,
	    e != NULL ? &nb : NULL, e != NULL, &nout, &changed);
	if (!changed || nout == 0)
		return NULL;
	*n = out[0].nruns;
	return out[0].runs;
}

/* The prose of an entity of kind e->kind: its text and the texts of its
 * generated blocks, in order (at most 1 + nthen). */
static size_t
prose_of(const struct entity *e, const struct prose **out, size_t cap)
{
	const struct gen *then = NULL;
	size_t n = 0, nthen = 0, i;

	switch (e->kind) {
	case ENT_CHAPTER:
		out[n++] = &((const struct chapter *)e)->text;
		then = ((const struct chapter *)e)->then;
		nthen = ((const struct chapter *)e)->nthen;
		break;
	case ENT_SECTION:
		out[n++] = &((const struct section *)e)->text;
		then = ((const struct section *)e)->then;
		nthen = ((const struct section *)e)->nthen;
		break;
	case ENT_FOOTNOTE:
		out[n++] = &((const struct footnote *)e)->text;
		break;
	case ENT_AMBITION:
		out[n++] = &((const struct ambition *)e)->text;
		break;
	case ENT_ACTIVITY:
		out[n++] = &((const struct activity *)e)->text;
		break;
	case ENT_MILESTONE:
		out[n++] = &((const struct milestone *)e)->text;
		break;
	default:
		break;
	}
	for (i = 0; i < nthen && n < cap; i++)
		out[n++] = then[i].kind == GEN_TEXT ? &then[i].text : NULL;
	return n;
}

static size_t
nthen_of(const struct entity *e)
{
	if (e->kind == ENT_CHAPTER)
		return ((const struct chapter *)e)->nthen;
	if (e->kind == ENT_SECTION)
		return ((const struct section *)e)->nthen;
	return 0;
}

/* Merges every prose of e (new) with old's (NULL: e is new). */
static void
merge_prose(struct mk *m, const struct entity *old, const struct entity *e)
{
	size_t cap = nthen_of(e) + 1 + (old != NULL ? nthen_of(old) : 0);
	const struct prose **np = arena_alloc(m->a, cap * sizeof *np);
	const struct prose **op = arena_alloc(m->a, cap * sizeof *op);
	size_t nn = prose_of(e, np, cap), on = 0, i;

	if (old != NULL && old->kind == e->kind)
		on = prose_of(old, op, cap);
	for (i = 0; i < nn; i++) {
		const struct prose *o = i < on ? op[i] : NULL;
		struct block *merged;
		size_t *cell;
		int changed;

		if (np[i] == NULL)
			continue;
		cell = arena_alloc(m->a, sizeof *cell + sizeof merged);
		merged = merge_blocks(m, o ? o->blocks : NULL, o ? o->nblocks : 0,
		    np[i]->blocks, np[i]->nblocks, cell, &changed);
		if (!changed)
			continue;
		/* The value: the count, then the blocks. */
		memcpy(cell + 1, &merged, sizeof merged);
		map_put(m->a, &m->rl->prose, np[i], cell);
	}
}

static struct rl_entity *
ent(struct mk *m, const struct entity *e)
{
	struct rl_entity *x = map_get(&m->rl->ents, e);

	if (x == NULL) {
		x = arena_alloc(m->a, sizeof *x);
		x->old = map_get(&m->n2o, e);
		map_put(m->a, &m->rl->ents, e, x);
	}
	return x;
}

/* Counterparts: the renamed and changed pairs the diff found, then every
 * id both plans have for entities of one kind. */
static void
pair(struct mk *m)
{
	const struct diff *d = m->rl->diff;
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct change *c = &d->items[i];

		if (c->old != NULL && c->new != NULL &&
		    map_get(&m->n2o, c->new) == NULL) {
			map_put(m->a, &m->n2o, c->new, (void *)c->old);
			map_put(m->a, &m->o2n, c->old, (void *)c->new);
		}
	}
	for (i = 0; i < m->newp->ids.cap; i++) {
		const struct entity *e = m->newp->ids.slots[i], *o;

		if (e == NULL || map_get(&m->n2o, e) != NULL)
			continue;
		o = plan_lookup(m->oldp, e->id);
		if (o != NULL && o->kind == e->kind &&
		    map_get(&m->o2n, o) == NULL) {
			map_put(m->a, &m->n2o, e, (void *)o);
			map_put(m->a, &m->o2n, o, (void *)e);
		}
	}
}

/* About this many bytes of an untitled activity's text name it. */
#define EXCERPT 60

/* The first words of prose p, "" for none. */
static const char *
excerpt(struct arena *a, const struct prose *p)
{
	const struct block *b = p->nblocks > 0 ? &p->blocks[0] : NULL;
	char *s = arena_alloc(a, EXCERPT + 8);
	size_t at = 0, i, j;

	while (b != NULL && b->kind == BLOCK_LIST)
		b = b->nitems > 0 && b->items[0].nblocks > 0 ?
		    &b->items[0].blocks[0] : NULL;
	for (i = 0; b != NULL && i < b->nruns && at < EXCERPT; i++) {
		const struct run *r = &b->runs[i];

		if (r->kind != RUN_TEXT)
			continue;
		for (j = 0; j < r->len && at < EXCERPT; j++)
			s[at++] = r->text[j] == '\n' ? ' ' : r->text[j];
	}
	if (at == EXCERPT) {
		/* Cut at a space, never inside a character. */
		while (at > 0 && s[at - 1] != ' ')
			at--;
		while (at > 0 && s[at - 1] == ' ')
			at--;
		memcpy(s + at, "\xE2\x80\xA6", 3);
		at += 3;
	}
	s[at] = '\0';
	return s;
}

static const char *
name_of(struct arena *a, const struct entity *e)
{
	const char *s = entity_display_name(e);

	if (s != NULL && s[0] != '\0')
		return s;
	if (e->kind == ENT_ACTIVITY)
		s = excerpt(a, &((const struct activity *)e)->text);
	else if (e->kind == ENT_MILESTONE)
		s = excerpt(a, &((const struct milestone *)e)->text);
	return s != NULL && s[0] != '\0' ? s : e->id;
}

static const char *
old_name(struct mk *m, const char *id)
{
	const struct entity *e = id != NULL ? plan_lookup(m->oldp, id) : NULL;

	return e != NULL ? name_of(m->a, e) : id != NULL ? id : "";
}

static const char *
new_name(struct mk *m, const char *id)
{
	const struct entity *e = id != NULL ? plan_lookup(m->newp, id) : NULL;

	return e != NULL ? name_of(m->a, e) : id != NULL ? id : "";
}

/* Where a removed entity goes (see struct rl_removed). */
static void
place_removed(struct mk *m, struct rl_removed *r)
{
	const struct entity *e = r->old;
	size_t i;

	switch (e->kind) {
	case ENT_ACTIVITY: {
		const struct activity *a = (const struct activity *)e;

		r->domain = counterpart(m, a->domain.target);
		r->period = counterpart(m, a->period.target);
		break;
	}
	case ENT_MILESTONE: {
		const struct milestone *ms = (const struct milestone *)e;

		r->domain = counterpart(m, ms->domain.target);
		r->period = counterpart(m, ms->period.target);
		break;
	}
	case ENT_SECTION: {
		const struct section *s = (const struct section *)e;

		if (s->chapter == NULL)
			break;
		r->after = counterpart(m, &s->chapter->e);
		for (i = 0; i < s->chapter->nsections &&
		    s->chapter->sections[i] != s; i++)
			if (counterpart(m, &s->chapter->sections[i]->e) != NULL)
				r->after = counterpart(m,
				    &s->chapter->sections[i]->e);
		break;
	}
	case ENT_GROUP:
		if (((const struct group *)e)->body != NULL)
			r->after = counterpart(m,
			    &((const struct group *)e)->body->e);
		break;
	case ENT_CHAPTER:
		for (i = 0; i < m->oldp->nchapters &&
		    m->oldp->chapters[i] != (const struct chapter *)e; i++)
			if (counterpart(m, &m->oldp->chapters[i]->e) != NULL)
				r->after = counterpart(m,
				    &m->oldp->chapters[i]->e);
		break;
	default:
		break;
	}
}

static void
removed(struct mk *m, const struct entity *e)
{
	struct redline *rl = m->rl;
	struct rl_removed *r;
	const struct prose *p[1];

	if (e->kind != ENT_ACTIVITY && e->kind != ENT_MILESTONE &&
	    e->kind != ENT_SECTION && e->kind != ENT_CHAPTER &&
	    e->kind != ENT_GROUP)
		return;
	/* One array, grown as needed: its room is kept, or every removal
	 * would copy the array (10,000 removed activities took 11 GB). */
	arena_grow(m->a, (void **)&rl->removed, &m->cap_removed,
	    rl->nremoved + 1, sizeof *rl->removed);
	r = &rl->removed[rl->nremoved++];
	memset(r, 0, sizeof *r);
	r->old = e;
	place_removed(m, r);
	r->title = merge_title(m, e, NULL, &r->ntitle);
	if (prose_of(e, p, 1) == 1 && p[0] != NULL) {
		r->blocks = strike_blocks(m, p[0]->blocks, p[0]->nblocks);
		r->nblocks = p[0]->nblocks;
	}
}

/* ---- the summary ---- */

static const char *
detail_of(struct mk *m, const struct change *c)
{
	switch (c->op) {
	case CHANGE_RENAMED:
		return arena_printf(m->a, "%s \xE2\x86\x92 %s", c->old->id,
		    c->new->id);
	case CHANGE_MOVED:
		if (c->person != NULL)
			return arena_printf(m->a, "%s %s \xE2\x86\x92 %s",
			    new_name(m, c->person), old_name(m, c->from),
			    new_name(m, c->to));
		if (c->kind == ENT_PERSON)
			return arena_printf(m->a, "%s \xE2\x86\x92 %s",
			    old_name(m, c->from), new_name(m, c->to));
		return arena_printf(m->a, "%s: %s \xE2\x86\x92 %s", c->field,
		    old_name(m, c->from), new_name(m, c->to));
	case CHANGE_CHANGED:
		return c->field != NULL ? c->field : "";
	case CHANGE_JOINED:
		return arena_printf(m->a, "+ %s", new_name(m, c->person));
	case CHANGE_LEFT:
		return arena_printf(m->a, "\xE2\x88\x92 %s",
		    old_name(m, c->person));
	default:
		return "";
	}
}

static void
summary(struct mk *m)
{
	struct redline *rl = m->rl;
	const struct diff *d = rl->diff;
	size_t i, cap = 0;
	struct rl_item *it = NULL;

	for (i = 0; i < d->n; i++) {
		const struct change *c = &d->items[i];
		const char *det = detail_of(m, c);

		if (it != NULL && i > 0 && d->items[i - 1].kind == c->kind &&
		    d->items[i - 1].old == c->old &&
		    d->items[i - 1].new == c->new) {
			if (det[0] != '\0')
				it->detail = it->detail[0] ? arena_printf(m->a,
				    "%s; %s", it->detail, det) : det;
			continue;
		}
		it = ARENA_PUSH(m->a, rl->items_v, rl->nitems, cap);
		it->op = c->op == CHANGE_JOINED || c->op == CHANGE_LEFT ?
		    CHANGE_CHANGED : c->op;
		it->detail = det;
		if (c->kind == DIFF_PLAN) {
			it->name = m->newp->meta.title.len ?
			    m->newp->meta.title.s : "plan";
			continue;
		}
		it->target = c->new != NULL ? c->new : c->old;
		it->name = name_of(m->a, it->target);
		if (redline_item_of(rl, it->target) == 0)
			map_put(m->a, &rl->items, it->target,
			    (void *)(uintptr_t)rl->nitems);
	}
}

/* ---- the whole ---- */

struct redline *
redline_make(struct arena *a, const struct diff *d)
{
	struct redline *rl = arena_alloc(a, sizeof *rl);
	struct mk m;
	size_t i;

	memset(&m, 0, sizeof m);
	m.a = a;
	m.oldp = d->old;
	m.newp = d->new;
	m.rl = rl;
	rl->diff = d;
	pair(&m);
	for (i = 0; i < d->n; i++) {
		const struct change *c = &d->items[i];
		struct rl_entity *x;

		if (c->kind == DIFF_PLAN)
			continue;
		if (c->op == CHANGE_REMOVED) {
			if (c->old != NULL)
				removed(&m, c->old);
			continue;
		}
		if (c->new == NULL)
			continue;
		x = ent(&m, c->new);
		switch (c->op) {
		case CHANGE_ADDED:
			x->mark |= RL_ADDED;
			x->old = NULL;
			break;
		case CHANGE_RENAMED:
			x->mark |= RL_RENAMED;
			break;
		case CHANGE_MOVED:
			x->mark |= RL_MOVED;
			/* A member who moved changed the group's list. */
			if (c->person != NULL)
				x->mark |= RL_CHANGED;
			if (c->kind == ENT_ACTIVITY || c->kind == ENT_MILESTONE)
				x->moved_from = x->moved_from == NULL ?
				    old_name(&m, c->from) : arena_printf(a,
				    "%s, %s", x->moved_from, old_name(&m, c->from));
			break;
		default:
			x->mark |= RL_CHANGED;
			break;
		}
	}
	/* Titles and prose of what is new or changed, once per entity. */
	for (i = 0; i < rl->ents.cap; i++) {
		const struct entity *e = rl->ents.keys[i];
		struct rl_entity *x = rl->ents.vals[i];

		if (e == NULL || !(x->mark & (RL_ADDED | RL_CHANGED)))
			continue;
		x->title = merge_title(&m, x->old, e, &x->ntitle);
		merge_prose(&m, x->old, e);
	}
	summary(&m);
	return rl;
}

unsigned
redline_mark(const struct redline *rl, const struct entity *e)
{
	const struct rl_entity *x = rl != NULL ? map_get(&rl->ents, e) : NULL;

	return x != NULL ? x->mark : 0;
}

const struct block *
redline_prose(const struct redline *rl, const struct prose *p, size_t *n)
{
	const size_t *cell = rl != NULL ? map_get(&rl->prose, p) : NULL;
	const struct block *b;

	if (cell == NULL)
		return NULL;
	*n = cell[0];
	memcpy(&b, cell + 1, sizeof b);
	return b;
}

const struct run *
redline_title(const struct redline *rl, const struct entity *e, size_t *n)
{
	const struct rl_entity *x = rl != NULL ? map_get(&rl->ents, e) : NULL;

	if (x == NULL || x->title == NULL)
		return NULL;
	*n = x->ntitle;
	return x->title;
}

const char *
redline_moved_from(const struct redline *rl, const struct entity *e)
{
	const struct rl_entity *x = rl != NULL ? map_get(&rl->ents, e) : NULL;

	return x != NULL ? x->moved_from : NULL;
}

const struct entity *
redline_old(const struct redline *rl, const struct entity *e)
{
	const struct rl_entity *x = rl != NULL ? map_get(&rl->ents, e) : NULL;

	return x != NULL && (x->mark & RL_CHANGED) ? x->old : NULL;
}

size_t
redline_item_of(const struct redline *rl, const struct entity *e)
{
	return rl != NULL ? (size_t)(uintptr_t)map_get(&rl->items, e) : 0;
}
