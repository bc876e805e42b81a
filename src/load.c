/* load.c - reads a plan or layout file: bytes → checked UTF-8 → libyaml
 * events → nodes that carry their exact source spans (their segments are
 * segment.c's, places in the text textpos.c's, includes include.c's).
 * Only this file includes yaml.h. */

#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "arena.h"
#include "diag.h"
#include "segment.h"
#include "source.h"
#include "textpos.h"
#include "utf8.h"
#include "yamlmsg.h"

/*
 * Span rules (1-based lines, columns in characters, end exclusive):
 *
 *   plain scalar      its first to its last character;
 *   'single' "double" the opening quote to just past the closing quote
 *                     (the caret underlines the whole token); segments
 *                     start after the opening quote;
 *   | and > scalars   the first character of the first content line (after
 *                     the indentation) to the end of the last content line;
 *                     an empty one spans its header, from | or > to where
 *                     libyaml ends it;
 *   [ ] and { }       the opening bracket to just past the closing one;
 *   block list / map  the first "-" or key to the end of the last item as
 *                     written (an alias ends where the alias ends);
 *   alias             the alias node is the anchored node, so its span is
 *                     the anchored text; "*name" itself is only used to
 *                     report alias problems.
 *
 * An anchor or tag in front of a node ("&a !!str x") is never part of its
 * span. Columns do not count a BOM on line 1. Lines are counted at '\n'
 * (so "\r\n" and "\n" files agree, and lines match what diag.c quotes),
 * even where libyaml also breaks lines at a lone CR, NEL, LS or PS.
 */

/* ---- reading a file ---- */

/* Opens path for reading without ever hanging: a FIFO nobody writes to
 * would block open() until a writer comes, so it is opened non-blocking
 * and then set back to blocking reads, which end at once (as an empty
 * file) when there is no writer, and wait for one that is writing (a pipe
 * from process substitution, `check <(git show ...)`). NULL with errno. */
static FILE *
open_input(const char *path)
{
	FILE *f;
	int fd, flags;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return NULL;
	if ((flags = fcntl(fd, F_GETFL)) < 0 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0 ||
	    (f = fdopen(fd, "rb")) == NULL) {
		int saved = errno;
		close(fd);
		errno = saved;
		return NULL;
	}
	return f;
}

/* Reads the file at path whole into a malloc'd buffer (*out, NUL-terminated,
 * the caller frees it). Returns 0, or -1 with errno set: EISDIR for a
 * directory, EFBIG beyond LOAD_MAX_BYTES. */
static int
read_whole(const char *path, char **out, size_t *outlen)
{
	FILE *f;
	struct stat st;
	char *buf = NULL;
	size_t len = 0, cap = 0, want, got;
	int err = 0;

	if ((f = open_input(path)) == NULL)
		return -1;
	if (fstat(fileno(f), &st) == 0) {
		if (S_ISDIR(st.st_mode))
			err = EISDIR;
		else if (S_ISREG(st.st_mode) && st.st_size > 0 &&
		    (uintmax_t)st.st_size <= LOAD_MAX_BYTES)
			cap = (size_t)st.st_size + 1;	/* +1: see EOF at once */
	}
	if (cap > 0)
		buf = xmalloc(cap + 1);
	while (err == 0) {
		if (len == cap) {
			/* One byte beyond the limit is enough to refuse. */
			if (cap > LOAD_MAX_BYTES) {
				err = EFBIG;
				break;
			}
			cap = cap ? cap * 2 : 65536;
			if (cap > (size_t)LOAD_MAX_BYTES + 1)
				cap = (size_t)LOAD_MAX_BYTES + 1;
			buf = xrealloc(buf, cap + 1);
		}
		want = cap - len;
		errno = 0;
		got = fread(buf + len, 1, want, f);
		len += got;
		if (got < want) {
			if (ferror(f))
				err = errno ? errno : EIO;
			break;
		}
	}
	fclose(f);
	if (err != 0) {
		free(buf);
		errno = err;
		return -1;
	}
	if (buf == NULL)
		buf = xmalloc(1);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

/* ---- checking the bytes before libyaml sees them ---- */

/* YAML's character set, which libyaml's reader enforces: tab, line ends,
 * printable ASCII, NEL, and U+00A0 up except surrogates, U+FFFE, U+FFFF. */
static int
yaml_char(uint32_t c)
{
	return c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) ||
	    c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) ||
	    (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Reports the first NUL byte, invalid UTF-8 or character YAML forbids,
 * at its line and column. Returns 0 if the text can go to libyaml, -1 if
 * something was reported. */
static int
check_text(const struct source *src, struct diags *d)
{
	const char *t = src->text;
	size_t bad = utf8_invalid(t, src->len), i, k;
	uint32_t c;

	for (i = 0; i < bad; i += k) {
		if ((unsigned char)t[i] >= 0x20 && (unsigned char)t[i] < 0x7F) {
			k = 1;
			continue;
		}
		k = utf8_decode(t + i, bad - i, &c);
		if (k == 0)
			break;		/* cannot happen before bad */
		if (c == 0) {
			diag_report(d, D_NUL_BYTE, span_at(text_pos(src,
			    text_at(src, i))), "NUL byte in the file: a plan "
			    "is UTF-8 text");
			return -1;
		}
		if (!yaml_char(c)) {
			diag_report(d, D_SYNTAX, span_at(text_pos(src,
			    text_at(src, i))), "character U+%04X is not "
			    "allowed in YAML", (unsigned)c);
			return -1;
		}
	}
	if (bad == src->len)
		return 0;
	if (src->len >= 2 && (memcmp(t, "\xFF\xFE", 2) == 0 ||
	    memcmp(t, "\xFE\xFF", 2) == 0))
		diag_report(d, D_ENCODING, span_at(text_pos(src,
		    text_at(src, 0))), "the file is UTF-16: save it as "
		    "UTF-8");
	else
		diag_report(d, D_ENCODING, span_at(text_pos(src,
		    text_at(src, bad))), "invalid UTF-8 (byte 0x%02X): save "
		    "the file as UTF-8", (unsigned char)t[bad]);
	return -1;
}

/* ---- events → nodes ---- */

struct anchor {
	const char *name;	/* NULL: a free slot */
	struct node *node;
	size_t size;		/* nodes it stands for, aliases expanded */
};

/* An open list or mapping. */
struct frame {
	struct node *node;
	struct node **items;	/* list items, or key, value, key, value ... */
	size_t n, cap;
	size_t size;		/* nodes so far, itself included, expanded */
	const char *anchor;	/* defined when the collection is complete */
	int flow;		/* [ ] or { }: its end event marks the bracket */
	struct text_at end;		/* end of its last item as written */
};

/* Slot of the table that finds a mapping's keys again. */
struct keyslot {
	size_t gen;		/* the mapping it belongs to; others are free */
	size_t pair;
};

struct builder {
	struct arena *a;
	struct diags *d;
	const struct source *src;
	struct text_cursor cur;
	struct frame stack[LOAD_MAX_DEPTH];
	size_t depth;
	struct anchor *anchors;	/* open addressing, capanchors a power of 2 */
	size_t nanchors, capanchors;
	struct keyslot *keys;	/* reused by every mapping */
	size_t capkeys, gen;
	size_t total;		/* nodes in the document, aliases expanded */
	struct node *root;
	int docs;
};

static size_t
hash(const char *s, size_t n)
{
	size_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int
anchor_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || c == '_' || c == '-';
}

static struct text_at
mark_at(struct builder *b, yaml_mark_t m)
{
	return text_seek(b->src, &b->cur, m.index);
}

/* libyaml starts a node at its anchor or tag ("&a !!str x"), but a span
 * starts at the node's own text: step over them and over the blanks, line
 * ends and comments after them, never past limit. */
static struct text_at
skip_properties(const struct source *src, struct text_at p, size_t limit)
{
	const char *t = src->text;
	size_t k;

	while (p.off < limit && (t[p.off] == '&' || t[p.off] == '!')) {
		int anchor = t[p.off] == '&';

		/* An anchor name is [0-9A-Za-z_-] and the node may follow
		 * at once ("&a?x"); a tag runs to a blank or a flow
		 * indicator. Stopping early only widens the span. */
		text_advance(t, &p, 1);
		while (p.off < limit && (anchor ? anchor_char(t[p.off]) :
		    !text_is_blank(t[p.off]) && !text_break_len(t + p.off) &&
		    !strchr(",[]{}", t[p.off])))
			text_advance(t, &p, text_char_len(t + p.off));
		while (p.off < limit) {
			if (text_is_blank(t[p.off]))
				text_advance(t, &p, 1);
			else if ((k = text_break_len(t + p.off)) > 0)
				text_advance(t, &p, k);
			else if (t[p.off] == '#')
				while (p.off < limit && !text_break_len(t + p.off))
					text_advance(t, &p, text_char_len(t + p.off));
			else
				break;
		}
	}
	return p;
}

static struct anchor *
anchor_slot(struct anchor *tab, size_t cap, const char *name)
{
	size_t mask = cap - 1, i = hash(name, strlen(name)) & mask;

	while (tab[i].name != NULL && strcmp(tab[i].name, name) != 0)
		i = (i + 1) & mask;
	return &tab[i];
}

/* Defines (or, as YAML allows, redefines) anchor name. */
static void
anchor_define(struct builder *b, const char *name, struct node *n,
    size_t size)
{
	struct anchor *slot;

	if (2 * (b->nanchors + 1) > b->capanchors) {
		size_t cap = b->capanchors ? 2 * b->capanchors : 16, i;
		struct anchor *tab = arena_alloc(b->a, cap * sizeof *tab);

		for (i = 0; i < b->capanchors; i++)
			if (b->anchors[i].name != NULL)
				*anchor_slot(tab, cap, b->anchors[i].name) =
				    b->anchors[i];
		b->anchors = tab;
		b->capanchors = cap;
	}
	slot = anchor_slot(b->anchors, b->capanchors, name);
	if (slot->name == NULL) {
		slot->name = arena_strdup(b->a, name);
		b->nanchors++;
	}
	slot->node = n;
	slot->size = size;
}

static const struct anchor *
anchor_find(const struct builder *b, const char *name)
{
	const struct anchor *slot;

	if (b->capanchors == 0)
		return NULL;
	slot = anchor_slot(b->anchors, b->capanchors, name);
	return slot->name != NULL ? slot : NULL;
}

/* Counts size more nodes; past LOAD_MAX_NODES reports at span and
 * returns -1, which stops the file. */
static int
count(struct builder *b, size_t size, struct span span)
{
	b->total += size;
	if (b->total <= LOAD_MAX_NODES)
		return 0;
	diag_report(b->d, D_ALIAS_LIMIT, span, "the document expands to more "
	    "than %d nodes (aliases referring to aliases?)", LOAD_MAX_NODES);
	return -1;
}

/* Adds a complete node that stands for size nodes to the open collection
 * (or makes it the root); end is where it ends as written. */
static void
attach(struct builder *b, struct node *n, size_t size, struct text_at end)
{
	struct frame *f;

	if (b->depth == 0) {
		b->root = n;
		return;
	}
	f = &b->stack[b->depth - 1];
	*ARENA_PUSH(b->a, f->items, f->n, f->cap) = n;
	f->size += size;
	f->end = end;
}

static enum scalar_style
style_of(yaml_scalar_style_t s)
{
	switch (s) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		return SCALAR_SINGLE;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return SCALAR_DOUBLE;
	case YAML_LITERAL_SCALAR_STYLE:
		return SCALAR_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE:
		return SCALAR_FOLDED;
	default:
		return SCALAR_PLAIN;
	}
}


/* A scalar event. Returns -1 if the file must stop. */
static int
scalar(struct builder *b, const yaml_event_t *ev)
{
	struct node *n = arena_alloc(b->a, sizeof *n);
	struct text_at s = mark_at(b, ev->start_mark);
	struct text_at e = mark_at(b, ev->end_mark);
	const char *nul;

	n->kind = NODE_SCALAR;
	n->style = style_of(ev->data.scalar.style);
	n->len = ev->data.scalar.length;
	n->str = arena_strndup(b->a, (const char *)ev->data.scalar.value,
	    n->len);
	if (ev->data.scalar.anchor != NULL || ev->data.scalar.tag != NULL)
		s = skip_properties(b->src, s, e.off);
	segment_scalar(b->a, b->src, n, s, e);
	/* Only an escape ("\0") gets a NUL this far; cut the text there so
	 * that it stays a C string. */
	if ((nul = memchr(n->str, '\0', n->len)) != NULL) {
		size_t at = (size_t)(nul - n->str);

		diag_report(b->d, D_NUL_BYTE, node_span_at(n, at, at + 1),
		    "a text may not contain a NUL character");
		n->len = at;
	}
	if (count(b, 1, n->span) != 0)
		return -1;
	if (ev->data.scalar.anchor != NULL)
		anchor_define(b, (const char *)ev->data.scalar.anchor, n, 1);
	attach(b, n, 1, e.off > s.off ? e : s);
	return 0;
}

/* An alias: the anchored node itself, counted at its full size. */
static int
alias(struct builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct text_at s = mark_at(b, ev->start_mark);
	struct text_at e = mark_at(b, ev->end_mark);
	struct span span = text_span(b->src, s, e);
	const struct anchor *an;
	size_t i;

	/* An anchor is defined once its node is complete, so a node cannot
	 * contain itself (and no walk over nodes can loop). */
	for (i = 0; i < b->depth; i++)
		if (b->stack[i].anchor != NULL &&
		    strcmp(b->stack[i].anchor, name) == 0) {
			diag_report(b->d, D_SYNTAX, span, "alias '*%s' refers "
			    "to a node that contains it", name);
			return -1;
		}
	if ((an = anchor_find(b, name)) == NULL) {
		diag_report(b->d, D_SYNTAX, span, "undefined alias '*%s'", name);
		return -1;
	}
	if (count(b, an->size, span) != 0)
		return -1;
	attach(b, an->node, an->size, e);
	return 0;
}

static int
start_collection(struct builder *b, const yaml_event_t *ev)
{
	int seq = ev->type == YAML_SEQUENCE_START_EVENT;
	const yaml_char_t *anchor = seq ? ev->data.sequence_start.anchor :
	    ev->data.mapping_start.anchor;
	const yaml_char_t *tag = seq ? ev->data.sequence_start.tag :
	    ev->data.mapping_start.tag;
	struct text_at s = mark_at(b, ev->start_mark);
	struct text_at e = mark_at(b, ev->end_mark);
	struct frame *f;
	struct node *n;

	if (anchor != NULL || tag != NULL)
		s = skip_properties(b->src, s, e.off);
	if (b->depth >= LOAD_MAX_DEPTH) {
		diag_report(b->d, D_DEPTH_LIMIT, span_at(text_pos(b->src, s)),
		    "lists and mappings nested more than %d deep",
		    LOAD_MAX_DEPTH);
		return -1;
	}
	n = arena_alloc(b->a, sizeof *n);
	n->kind = seq ? NODE_SEQ : NODE_MAP;
	n->span = text_span(b->src, s, s);
	if (count(b, 1, span_at(text_pos(b->src, s))) != 0)
		return -1;
	f = &b->stack[b->depth++];
	memset(f, 0, sizeof *f);
	f->node = n;
	f->size = 1;
	f->anchor = anchor ? arena_strdup(b->a, (const char *)anchor) : NULL;
	f->flow = seq ? ev->data.sequence_start.style ==
	    YAML_FLOW_SEQUENCE_STYLE : ev->data.mapping_start.style ==
	    YAML_FLOW_MAPPING_STYLE;
	f->end = s;
	return 0;
}

/* Turns a mapping's keys and values into pairs: the first of each key is
 * kept, a repeated one is reported with a note at the first; keys must be
 * texts. Keys are found again through a hash table shared by all mappings
 * (a slot belongs to the mapping whose generation it carries), so a mapping
 * of n keys costs O(n). */
static void
make_pairs(struct builder *b, struct frame *f)
{
	struct node *map = f->node;
	size_t i, need = 16;

	while (need < f->n)	/* f->n is twice the keys: load <= 1/2 */
		need *= 2;
	if (need > b->capkeys) {
		b->keys = arena_alloc(b->a, need * sizeof *b->keys);
		b->capkeys = need;
		b->gen = 0;
	}
	b->gen++;
	map->pairs = arena_alloc(b->a, (f->n / 2 + 1) * sizeof *map->pairs);
	for (i = 0; i + 1 < f->n; i += 2) {
		struct node *k = f->items[i];
		size_t mask = b->capkeys - 1, h;
		struct keyslot *slot;

		if (k->kind != NODE_SCALAR) {
			diag_report(b->d, D_WRONG_TYPE, k->span, "mapping keys "
			    "must be texts, not %s", node_kind_name(k));
			continue;
		}
		for (h = hash(k->str, k->len) & mask;; h = (h + 1) & mask) {
			const struct node *old;

			slot = &b->keys[h];
			if (slot->gen != b->gen)
				break;
			old = map->pairs[slot->pair].key;
			if (old->len == k->len &&
			    memcmp(old->str, k->str, k->len) == 0)
				break;
		}
		if (slot->gen == b->gen) {
			struct diag *dg = diag_report(b->d, D_DUPLICATE_KEY,
			    k->span, "duplicate key '%s'", k->str);

			diag_note(b->d, dg, span_start(
			    map->pairs[slot->pair].key->span),
			    "'%s' first defined here", k->str);
			continue;
		}
		slot->gen = b->gen;
		slot->pair = map->npairs;
		map->pairs[map->npairs].key = k;
		map->pairs[map->npairs].value = f->items[i + 1];
		map->npairs++;
	}
}

static void
end_collection(struct builder *b, const yaml_event_t *ev)
{
	struct frame *f = &b->stack[b->depth - 1];
	struct node *n = f->node;
	struct text_at e = f->flow ? mark_at(b, ev->end_mark) : f->end;

	n->span.end_line = e.line;
	n->span.end_col = e.col;
	if (n->kind == NODE_SEQ) {
		n->items = f->items;
		n->nitems = f->n;
	} else
		make_pairs(b, f);
	b->depth--;
	if (f->anchor != NULL)
		anchor_define(b, f->anchor, n, f->size);
	attach(b, n, f->size, e);
}

/* Reports libyaml's error: its problem at problem_mark, its context (if
 * any) as a note. */
static void
yaml_problem(struct builder *b, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "syntax error";
	struct diag *dg;
	struct text_at at, ctx;
	struct yamlmsg m;

	if (p->error == YAML_READER_ERROR) {
		/* check_text() should have caught it; offsets are bytes. */
		at = text_at(b->src, p->problem_offset);
		diag_report(b->d, D_ENCODING, span_at(text_pos(b->src, at)),
		    "%s", problem);
		return;
	}
	at = mark_at(b, p->problem_mark);
	ctx = p->context != NULL ? mark_at(b, p->context_mark) : at;
	/* The mistakes prose provokes, in the author's words; libyaml's own
	 * then follow as a note, for whoever knows YAML. */
	if (yamlmsg_explain(b->a, b->src->text, b->src->len, problem, at.off,
	    p->context, ctx.off, &m)) {
		dg = diag_report(b->d, D_SYNTAX, span_at(text_pos(b->src,
		    m.at_context ? ctx : at)), "%s", m.message);
		if (m.hint != NULL)
			diag_note(b->d, dg, (struct pos){ NULL, 0, 0 }, "%s",
			    m.hint);
		diag_note(b->d, dg, (struct pos){ NULL, 0, 0 }, "YAML says: "
		    "%s%s%s", problem, p->context ? ", " : "",
		    p->context ? p->context : "");
		return;
	}
	dg = diag_report(b->d, D_SYNTAX, span_at(text_pos(b->src, at)), "%s",
	    problem);
	if (p->context != NULL)
		diag_note(b->d, dg, text_pos(b->src, ctx), "%s", p->context);
}

/* Parses b->src into b->root (NULL for an empty document). Returns 0, or
 * -1 if a problem stopped it (reported; b->root is then NULL). A mapping's
 * repeated keys are reported without stopping. */
static int
parse(struct builder *b)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int rc = 0, done = 0;

	if (!yaml_parser_initialize(&parser))
		arena_oom();
	yaml_parser_set_input_string(&parser,
	    (const unsigned char *)b->src->text, b->src->len);
	while (rc == 0 && !done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			if (parser.error == YAML_MEMORY_ERROR) {
				yaml_parser_delete(&parser);
				arena_oom();
			}
			yaml_problem(b, &parser);
			rc = -1;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			/* The first document stays usable. */
			if (++b->docs > 1) {
				struct text_at s = mark_at(b, ev.start_mark);
				struct text_at e = mark_at(b, ev.end_mark);

				diag_report(b->d, D_SYNTAX, e.off > s.off ?
				    text_span(b->src, s, e) :
				    span_at(text_pos(b->src, s)), "a plan file "
				    "holds one document; this is a second one");
				done = 1;
			}
			break;
		case YAML_SCALAR_EVENT:
			rc = scalar(b, &ev);
			break;
		case YAML_ALIAS_EVENT:
			rc = alias(b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			rc = start_collection(b, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			end_collection(b, &ev);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (rc != 0)
		b->root = NULL;
	/* "---" alone, or "--- ~": nothing, like an empty file. */
	else if (b->root != NULL && b->root->kind == NODE_SCALAR &&
	    strcmp(node_kind_name(b->root), "nothing") == 0)
		b->root = NULL;
	return rc;
}

/* ---- files ---- */

int
load_text(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, const struct source **src, const struct node **root)
{
	struct builder *b;
	char *text;
	size_t len;

	*root = NULL;
	if (read_whole(path, &text, &len) != 0)
		return -1;
	*src = sources_add(srcs, path, text, len);
	free(text);
	if (check_text(*src, d) != 0)
		return 0;
	/* The builder is large (the stack of frames): not on the C stack. */
	b = arena_alloc(a, sizeof *b);
	b->a = a;
	b->d = d;
	b->src = *src;
	b->cur.start = text_has_bom(*src) ? 3 : 0;
	b->cur.p.off = b->cur.start;
	b->cur.p.line = 1;
	b->cur.p.col = 1;
	parse(b);
	*root = b->root;
	return 0;
}

void
load_unreadable(struct diags *d, const char *path, int err)
{
	struct span whole = { NULL, 0, 0, 0, 0 };

	whole.file = path;
	diag_report(d, D_IO, whole, "cannot read the file: %s",
	    err == EISDIR ? "it is a directory" : strerror(err));
}

enum stage_status
load_file(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, const struct node **root)
{
	size_t errors = d->count[SEV_ERROR];
	const struct source *src;

	if (load_text(a, srcs, d, path, &src, root) != 0) {
		load_unreadable(d, path, errno);
		return STAGE_FAILED;
	}
	return d->count[SEV_ERROR] > errors ? STAGE_ERRORS : STAGE_OK;
}
