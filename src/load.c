/* load.c - reads plan and layout files: bytes → checked UTF-8 → libyaml
 * events → nodes that carry their exact source spans. Includes are
 * resolved here, confined to the top-level plan's directory. Only this
 * file includes yaml.h. */
#include "load.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "arena.h"
#include "diag.h"
#include "source.h"
#include "utf8.h"

/* ---- positions ---- */

struct pos
node_pos_at(const struct node *n, size_t off)
{
	struct pos p = { n->span.file, n->span.line, n->span.col };
	size_t i;

	if (n->kind != NODE_SCALAR || n->nsegs == 0)
		return p;
	if (off > n->len)
		off = n->len;
	for (i = n->nsegs; i-- > 0;)
		if (n->segs[i].offset <= off)
			break;
	if (i == (size_t)-1)
		i = 0;
	p.line = n->segs[i].line;
	p.col = n->segs[i].col + (int)utf8_count(n->str + n->segs[i].offset,
	    off - n->segs[i].offset);
	return p;
}

struct span
node_span_at(const struct node *n, size_t off, size_t end)
{
	struct pos a = node_pos_at(n, off), b;
	struct span s;

	if (end < off)
		end = off;
	b = node_pos_at(n, end);
	s.file = a.file;
	s.line = a.line;
	s.col = a.col;
	/* A span that would cross a line (a break inside a block scalar)
	 * ends with its first line. */
	if (b.line != a.line || b.col <= a.col) {
		s.end_line = a.line;
		s.end_col = a.col + (end > off ? (int)utf8_count(n->str + off,
		    end - off) : 1);
		if (b.line != a.line) {
			const char *nl = memchr(n->str + off, '\n', end - off);
			s.end_col = a.col + (int)utf8_count(n->str + off,
			    nl ? (size_t)(nl - (n->str + off)) : end - off);
			if (s.end_col <= a.col)
				s.end_col = a.col + 1;
		}
	} else {
		s.end_line = b.line;
		s.end_col = b.col;
	}
	return s;
}

const struct node *
node_get(const struct node *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != NODE_MAP)
		return NULL;
	for (i = 0; i < map->npairs; i++)
		if (strcmp(map->pairs[i].key->str, key) == 0)
			return map->pairs[i].value;
	return NULL;
}

const char *
node_kind_name(const struct node *n)
{
	switch (n->kind) {
	case NODE_MAP:
		return "a mapping";
	case NODE_SEQ:
		return "a list";
	default:
		return n->style == SCALAR_PLAIN && n->len == 0 ? "nothing" :
		    "a text";
	}
}

/* ---- reading and checking bytes ---- */

/* Reads path whole. Returns 0, or -1 with errno set. */
static int
read_file(const char *path, char **out, size_t *len)
{
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	struct stat st;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		errno = EISDIR;
		return -1;
	}
	for (;;) {
		if (n == cap) {
			if (cap >= LOAD_MAX_BYTES) {
				free(buf);
				fclose(f);
				errno = EFBIG;
				return -1;
			}
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap + 1);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return -1;
	}
	fclose(f);
	if (buf == NULL)
		buf = xmalloc(1);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* Line and column (1-based, in characters) of byte off in src. */
static struct pos
byte_pos(const struct source *src, size_t off)
{
	struct pos p = { src->path, 1, 1 };
	size_t lo = 0, hi = src->nlines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	p.line = (int)lo + 1;
	p.col = (int)utf8_count(src->text + src->lines[lo],
	    off - src->lines[lo]) + 1;
	/* libyaml does not count a BOM as a column; neither do we. */
	if (lo == 0 && src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0
	    && off >= 3)
		p.col--;
	return p;
}

static int
check_bytes(const struct source *src, struct diags *d)
{
	const char *nul = memchr(src->text, '\0', src->len);
	size_t bad = utf8_invalid(src->text, src->len);

	if (nul != NULL && (size_t)(nul - src->text) < bad) {
		diag_report(d, D_NUL_BYTE, span_at(byte_pos(src,
		    (size_t)(nul - src->text))), "NUL byte in the file: a plan "
		    "is UTF-8 text");
		return -1;
	}
	if (bad < src->len) {
		diag_report(d, D_ENCODING, span_at(byte_pos(src, bad)),
		    "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
		    (unsigned char)src->text[bad]);
		return -1;
	}
	return 0;
}

/* ---- events → nodes ---- */

struct anchor {
	char *name;
	struct node *node;
	size_t size;		/* nodes it expands to */
};

struct frame {
	struct node *node;
	struct node **items;	/* sequence items or keys/values in order */
	size_t n, cap;
	size_t size;		/* expanded nodes inside, for anchors */
	char *anchor;
};

struct builder {
	struct arena *a;
	struct diags *d;
	const struct source *src;
	struct frame stack[LOAD_MAX_DEPTH + 1];
	size_t depth;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t total;		/* expanded nodes so far */
	struct node *root;
	size_t root_size;
	int failed;
};

static struct pos
mark_pos(const struct builder *b, yaml_mark_t m)
{
	struct pos p = { b->src->path, (int)m.line + 1, (int)m.column + 1 };
	return p;
}

static struct span
mark_span(const struct builder *b, yaml_mark_t s, yaml_mark_t e)
{
	struct span sp = { b->src->path, (int)s.line + 1, (int)s.column + 1,
		(int)e.line + 1, (int)e.column + 1 };
	return sp;
}

/* Byte offset of a mark: libyaml's index counts characters, so walk the
 * line from its start. */
static size_t
mark_offset(const struct source *src, yaml_mark_t m)
{
	size_t start, len;
	const char *line;
	int bom = m.line == 0 && src->len >= 3 &&
	    memcmp(src->text, "\xEF\xBB\xBF", 3) == 0;

	if (m.line >= src->nlines)
		return src->len;
	start = src->lines[m.line];
	line = source_line(src, (int)m.line + 1, &len);
	if (line == NULL)
		return src->len;
	return start + utf8_offset(line + bom * 3, len - (size_t)bom * 3,
	    m.column) + (size_t)bom * 3;
}

/* Maps the value of a scalar back to source lines: each run of value bytes
 * that appears verbatim on a source line becomes a segment, so positions
 * inside block scalars are exact. Quoted scalars with escapes fall back to
 * the segment of their line. */
static void
map_segments(struct builder *b, struct node *n, yaml_mark_t start,
    yaml_mark_t end)
{
	const struct source *src = b->src;
	struct node_seg *segs = NULL;
	size_t nsegs = 0, cap = 0, off = 0, line, from, to;

	from = mark_offset(src, start);
	to = mark_offset(src, end);
	if (to > src->len)
		to = src->len;
	for (line = start.line; line <= end.line && line < src->nlines &&
	    off <= n->len; line++) {
		size_t ls = src->lines[line], le, k, m;
		const char *p;

		le = line + 1 < src->nlines ? src->lines[line + 1] - 1 : src->len;
		if (le > 0 && le > ls && src->text[le - 1] == '\r')
			le--;
		if (ls < from)
			ls = from;
		if (le > to)
			le = to;
		if (ls >= le)
			continue;
		/* The source piece without indentation, header or quotes. */
		p = src->text + ls;
		k = le - ls;
		while (k > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			k--;
		}
		if (line == start.line && (n->style == SCALAR_LITERAL ||
		    n->style == SCALAR_FOLDED))
			continue;	/* the header line: | or > */
		if (k > 0 && line == start.line && (n->style == SCALAR_SINGLE ||
		    n->style == SCALAR_DOUBLE)) {
			p++;
			k--;
		}
		while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		if (k == 0)
			continue;
		/* Find the longest prefix of the piece at or after off. */
		for (m = off; m < n->len && n->str[m] != *p; m++)
			if (n->str[m] != ' ' && n->str[m] != '\n')
				break;
		if (m >= n->len || n->str[m] != *p)
			m = off;
		{
			struct node_seg *sg = ARENA_PUSH(b->a, segs, nsegs, cap);
			sg->offset = m;
			sg->line = (int)line + 1;
			sg->col = (int)utf8_count(src->text + src->lines[line],
			    (size_t)(p - (src->text + src->lines[line]))) + 1;
			if (line == 0 && src->len >= 3 &&
			    memcmp(src->text, "\xEF\xBB\xBF", 3) == 0)
				sg->col--;
		}
		/* Advance over what matches verbatim. */
		while (m < n->len && k > 0 && n->str[m] == *p) {
			m++;
			p++;
			k--;
		}
		off = m;
	}
	n->segs = segs;
	n->nsegs = nsegs;
}

static void
add_anchor(struct builder *b, const char *name, struct node *n, size_t size)
{
	struct anchor *an;

	if (name == NULL)
		return;
	an = ARENA_PUSH(b->a, b->anchors, b->nanchors, b->capanchors);
	an->name = arena_strdup(b->a, name);
	an->node = n;
	an->size = size;
}

/* Adds a finished node to its parent (or makes it the root); size is the
 * number of nodes it stands for once aliases are expanded. */
static int
attach(struct builder *b, struct node *n, size_t size, yaml_mark_t at)
{
	struct frame *f;

	b->total += size;
	if (b->total > LOAD_MAX_NODES) {
		diag_report(b->d, D_ALIAS_LIMIT, span_at(mark_pos(b, at)),
		    "the document expands to more than %d nodes (aliases "
		    "referring to aliases?)", LOAD_MAX_NODES);
		return -1;
	}
	if (b->depth == 0) {
		b->root = n;
		b->root_size = size;
		return 0;
	}
	f = &b->stack[b->depth];
	*ARENA_PUSH(b->a, f->items, f->n, f->cap) = n;
	f->size += size;
	return 0;
}

static int
start_collection(struct builder *b, enum node_kind kind, yaml_mark_t s,
    const yaml_char_t *anchor)
{
	struct frame *f;
	struct node *n;

	if (b->depth >= LOAD_MAX_DEPTH) {
		diag_report(b->d, D_DEPTH_LIMIT, span_at(mark_pos(b, s)),
		    "lists and mappings nested more than %d deep",
		    LOAD_MAX_DEPTH);
		return -1;
	}
	n = arena_alloc(b->a, sizeof *n);
	n->kind = kind;
	n->span = mark_span(b, s, s);
	f = &b->stack[++b->depth];
	memset(f, 0, sizeof *f);
	f->node = n;
	f->anchor = anchor ? arena_strdup(b->a, (const char *)anchor) : NULL;
	return 0;
}

static int
end_collection(struct builder *b, yaml_mark_t e)
{
	struct frame *f = &b->stack[b->depth];
	struct node *n = f->node;
	size_t i, j, size = f->size + 1;

	n->span.end_line = (int)e.line + 1;
	n->span.end_col = (int)e.column + 1;
	if (n->kind == NODE_SEQ) {
		n->items = f->items;
		n->nitems = f->n;
	} else {
		n->pairs = arena_alloc(b->a, (f->n / 2 + 1) * sizeof *n->pairs);
		for (i = 0; i + 1 < f->n; i += 2) {
			struct node *k = f->items[i];
			struct diag *dg;

			if (k->kind != NODE_SCALAR) {
				diag_report(b->d, D_WRONG_TYPE, k->span,
				    "mapping keys must be texts, not %s",
				    node_kind_name(k));
				continue;
			}
			for (j = 0; j < n->npairs; j++)
				if (strcmp(n->pairs[j].key->str, k->str) == 0)
					break;
			if (j < n->npairs) {
				dg = diag_report(b->d, D_DUPLICATE_KEY, k->span,
				    "duplicate key '%s'", k->str);
				diag_note(b->d, dg,
				    span_start(n->pairs[j].key->span),
				    "'%s' first defined here", k->str);
				continue;
			}
			n->pairs[n->npairs].key = k;
			n->pairs[n->npairs].value = f->items[i + 1];
			n->npairs++;
		}
	}
	b->depth--;
	add_anchor(b, f->anchor, n, size);
	b->total -= f->size;	/* attach() counts the whole again */
	return attach(b, n, size, e);
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

/* The scalar's own start: libyaml's start mark covers an anchor or tag in
 * front of it. Quoted scalars start at the quote (the caret underlines the
 * whole token); block scalars at their first content character. */
static yaml_mark_t
scalar_start(const struct builder *b, const yaml_event_t *ev)
{
	yaml_mark_t m = ev->start_mark;
	const struct source *src = b->src;
	size_t off = mark_offset(src, m), end = mark_offset(src, ev->end_mark);

	if (ev->data.scalar.anchor != NULL || ev->data.scalar.tag != NULL) {
		/* Skip "&name " and "!tag " tokens. */
		while (off < end && (src->text[off] == '&' ||
		    src->text[off] == '!')) {
			while (off < end && src->text[off] != ' ' &&
			    src->text[off] != '\n')
				off++, m.column++;
			while (off < end && src->text[off] == ' ')
				off++, m.column++;
		}
	}
	return m;
}

static int
scalar(struct builder *b, const yaml_event_t *ev)
{
	struct node *n = arena_alloc(b->a, sizeof *n);
	yaml_mark_t s = scalar_start(b, ev);

	n->kind = NODE_SCALAR;
	n->str = arena_strndup(b->a, (const char *)ev->data.scalar.value,
	    ev->data.scalar.length);
	n->len = ev->data.scalar.length;
	n->style = style_of(ev->data.scalar.style);
	n->span = mark_span(b, s, ev->end_mark);
	map_segments(b, n, s, ev->end_mark);
	if ((n->style == SCALAR_LITERAL || n->style == SCALAR_FOLDED) &&
	    n->nsegs > 0) {
		n->span.line = n->segs[0].line;
		n->span.col = n->segs[0].col;
	}
	/* A NUL can only come from an escape ("\0") here: refuse it like a
	 * raw one, since C strings would cut the value short. */
	if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length)) {
		diag_report(b->d, D_NUL_BYTE, n->span, "a text may not contain "
		    "a NUL character");
		return -1;
	}
	add_anchor(b, (const char *)ev->data.scalar.anchor, n, 1);
	return attach(b, n, 1, ev->end_mark);
}

static int
alias(struct builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	size_t i;

	/* The latest anchor of a name wins, as YAML says. */
	for (i = b->nanchors; i-- > 0;)
		if (strcmp(b->anchors[i].name, name) == 0)
			return attach(b, b->anchors[i].node, b->anchors[i].size,
			    ev->start_mark);
	diag_report(b->d, D_SYNTAX, mark_span(b, ev->start_mark,
	    ev->end_mark), "undefined alias '*%s'", name);
	return -1;
}

static void
yaml_error(struct builder *b, const yaml_parser_t *p)
{
	struct diag *dg;
	const char *problem = p->problem ? p->problem : "syntax error";

	if (p->error == YAML_MEMORY_ERROR)
		arena_oom();
	if (p->error == YAML_READER_ERROR) {
		/* libyaml's reader: problem_offset is a byte offset. */
		diag_report(b->d, D_ENCODING, span_at(byte_pos(b->src,
		    p->problem_offset)), "%s", problem);
		return;
	}
	dg = diag_report(b->d, D_SYNTAX, span_at(mark_pos(b, p->problem_mark)),
	    "%s", problem);
	if (p->context != NULL)
		diag_note(b->d, dg, mark_pos(b, p->context_mark), "%s",
		    p->context);
}

/* Parses src into *root. Returns 0 or -1 (reported). */
static int
parse(struct builder *b)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int rc = 0, docs = 0, done = 0;

	if (!yaml_parser_initialize(&parser))
		arena_oom();
	yaml_parser_set_input_string(&parser,
	    (const unsigned char *)b->src->text, b->src->len);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&parser, &ev)) {
			yaml_error(b, &parser);
			rc = -1;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				diag_report(b->d, D_SYNTAX, span_at(mark_pos(b,
				    ev.start_mark)), "a plan file holds one "
				    "YAML document; this is a second one");
				rc = -1;
			}
			break;
		case YAML_SCALAR_EVENT:
			rc = scalar(b, &ev);
			break;
		case YAML_ALIAS_EVENT:
			rc = alias(b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			rc = start_collection(b, NODE_SEQ, ev.start_mark,
			    ev.data.sequence_start.anchor);
			break;
		case YAML_MAPPING_START_EVENT:
			rc = start_collection(b, NODE_MAP, ev.start_mark,
			    ev.data.mapping_start.anchor);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			rc = end_collection(b, ev.end_mark);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return rc;
}

/* ---- files ---- */

/* Loads the file at path (as opened) shown as name. read_fail: 1 if the
 * file could not be read (errno set), else 0. */
static enum load_status
load_one(struct arena *a, struct sources *srcs, struct diags *d,
    const char *name, const struct node **root, int *read_fail)
{
	struct builder b;
	char *text;
	size_t len;
	size_t errors = d->count[SEV_ERROR];

	*root = NULL;
	*read_fail = 0;
	if (read_file(name, &text, &len) != 0) {
		*read_fail = 1;
		return LOAD_FAILED;
	}
	memset(&b, 0, sizeof b);
	b.a = a;
	b.d = d;
	b.src = sources_add(srcs, name, text, len);
	free(text);
	if (check_bytes(b.src, d) == 0 && parse(&b) == 0)
		*root = b.root;
	return d->count[SEV_ERROR] > errors ? LOAD_ERRORS : LOAD_OK;
}

enum load_status
load_file(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, const struct node **root)
{
	enum load_status st;
	int read_fail;

	st = load_one(a, srcs, d, path, root, &read_fail);
	if (read_fail)
		fprintf(stderr, "planc: cannot read '%s': %s\n", path,
		    strerror(errno));
	return st;
}

/* ---- includes ---- */

struct loader {
	struct arena *a;
	struct sources *srcs;
	struct diags *d;
	struct load_result *out;
	char *top_dir;		/* realpath of the top-level file's directory */
	char **real;		/* realpath of every loaded file, by doc */
	size_t capreal;
	const char *chain[LOAD_MAX_INCLUDES + 1];	/* the include path */
	const char *chain_real[LOAD_MAX_INCLUDES + 1];
	size_t depth;
};

static char *
dir_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return arena_strdup(a, "");
	return arena_strndup(a, path, (size_t)(slash - path) + 1);
}

/* dir (absolute, ending in '/') joined with rel, with "." and ".."
 * resolved by the text alone. */
static char *
lexical_path(struct arena *a, const char *dir, const char *rel)
{
	char *joined = arena_printf(a, "%s%s", dir, rel), *out, *seg, *save;
	size_t n = 0;

	out = arena_alloc(a, strlen(joined) + 2);
	for (seg = strtok_r(joined, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			continue;
		}
		out[n++] = '/';
		memcpy(out + n, seg, strlen(seg));
		n += strlen(seg);
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	return out;
}

static int
inside(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	return strncmp(dir, path, n) == 0 && (path[n] == '/' ||
	    (n > 0 && dir[n - 1] == '/'));
}

static void load_includes(struct loader *l, size_t doc);

static void
add_doc(struct loader *l, const char *path, const struct node *root,
    const char *real)
{
	struct load_doc *doc;
	size_t n = l->out->ndocs;

	doc = ARENA_PUSH(l->a, l->out->docs, l->out->ndocs, l->out->cap);
	doc->path = path;
	doc->root = root;
	*ARENA_PUSH(l->a, l->real, n, l->capreal) = arena_strdup(l->a, real);
}

static void
include_one(struct loader *l, size_t from, const struct node *n)
{
	const char *file = l->out->docs[from].path;
	char *shown, real[PATH_MAX];
	const struct node *root;
	size_t i;
	int read_fail;

	if (n->kind != NODE_SCALAR || n->len == 0) {
		diag_report(l->d, D_WRONG_TYPE, n->span, "expected a file name, "
		    "got %s", node_kind_name(n));
		return;
	}
	if (n->str[0] == '/') {
		diag_report(l->d, D_INCLUDE_ESCAPE, n->span, "absolute include "
		    "path '%s': includes are relative to the including file",
		    n->str);
		return;
	}
	shown = arena_printf(l->a, "%s%s", dir_of(l->a, file), n->str);
	/* Judge '..' before asking the file system, so that a path leaving
	 * the directory is reported as such even if nothing is there. */
	if (!inside(l->top_dir, lexical_path(l->a, dir_of(l->a,
	    l->real[from]), n->str))) {
		diag_report(l->d, D_INCLUDE_ESCAPE, n->span, "include '%s' "
		    "leads outside the plan's directory: an included file "
		    "must lie in or below the directory of the top-level "
		    "plan", n->str);
		return;
	}
	if (realpath(shown, real) == NULL) {
		diag_report(l->d, D_IO, n->span, "cannot read included file "
		    "'%s': %s", shown, strerror(errno));
		return;
	}
	if (!inside(l->top_dir, real)) {
		diag_report(l->d, D_INCLUDE_ESCAPE, n->span, "include '%s' "
		    "leads outside the plan's directory: an included file "
		    "must lie in or below the directory of the top-level "
		    "plan", n->str);
		return;
	}
	for (i = 0; i < l->depth; i++)
		if (strcmp(l->chain_real[i], real) == 0) {
			char *msg = arena_strdup(l->a, "");
			size_t j;

			for (j = i; j < l->depth; j++)
				msg = arena_printf(l->a, "%s%s → ", msg,
				    l->chain[j]);
			diag_report(l->d, D_INCLUDE_CYCLE, n->span, "include "
			    "cycle: %s%s", msg, l->chain[i]);
			return;
		}
	for (i = 0; i < l->out->ndocs; i++)
		if (strcmp(l->real[i], real) == 0)
			return;		/* already loaded by another branch */
	if (l->out->ndocs >= LOAD_MAX_INCLUDES) {
		diag_report(l->d, D_IO, n->span, "more than %d included files",
		    LOAD_MAX_INCLUDES);
		return;
	}
	if (load_one(l->a, l->srcs, l->d, shown, &root, &read_fail) ==
	    LOAD_FAILED && read_fail) {
		diag_report(l->d, D_IO, n->span, "cannot read included file "
		    "'%s': %s", shown, strerror(errno));
		return;
	}
	add_doc(l, l->srcs->items[l->srcs->n - 1]->path, root, real);
	load_includes(l, l->out->ndocs - 1);
}

/* The include list of doc: `include: FILE` or `include: [FILE, ...]`. */
static void
load_includes(struct loader *l, size_t doc)
{
	const struct node *root = l->out->docs[doc].root, *inc;
	size_t i;

	if (root == NULL || root->kind != NODE_MAP ||
	    (inc = node_get(root, "include")) == NULL)
		return;
	l->out->docs[doc].include = inc;
	l->chain[l->depth] = l->out->docs[doc].path;
	l->chain_real[l->depth] = l->real[doc];
	l->depth++;
	if (inc->kind == NODE_SEQ)
		for (i = 0; i < inc->nitems; i++)
			include_one(l, doc, inc->items[i]);
	else if (inc->kind == NODE_SCALAR)
		include_one(l, doc, inc);
	else
		diag_report(l->d, D_WRONG_TYPE, inc->span, "expected a file "
		    "name or a list of file names, got %s", node_kind_name(inc));
	l->depth--;
}

enum load_status
load_plan(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, struct load_result *out)
{
	struct loader l;
	const struct node *root;
	char real[PATH_MAX], *dir;
	size_t errors = d->count[SEV_ERROR];
	int read_fail;

	memset(&l, 0, sizeof l);
	l.a = a;
	l.srcs = srcs;
	l.d = d;
	l.out = out;
	if (load_one(a, srcs, d, path, &root, &read_fail) == LOAD_FAILED &&
	    read_fail) {
		fprintf(stderr, "planc: cannot read '%s': %s\n", path,
		    strerror(errno));
		return LOAD_FAILED;
	}
	if (realpath(path, real) == NULL)
		strcpy(real, path);
	dir = dir_of(a, real);
	if (dir[0] != '\0' && strlen(dir) > 1)
		dir[strlen(dir) - 1] = '\0';	/* keep "/" for the root */
	l.top_dir = dir;
	add_doc(&l, srcs->items[srcs->n - 1]->path, root, real);
	if (d->count[SEV_ERROR] == errors)
		load_includes(&l, 0);
	return d->count[SEV_ERROR] > errors ? LOAD_ERRORS : LOAD_OK;
}
