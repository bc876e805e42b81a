/* test_load.c - the loader's positions (spans and segments of every kind of
 * node), its refusals (bytes, syntax, limits) and its include rules, on the
 * hand-made files in tests/unit/load/. Run from tests/unit:
 *
 *   cc -std=c11 -D_POSIX_C_SOURCE=200809L -iquote src -o /tmp/test_load tests/unit/test_load.c src/load.c src/arena.c src/source.c src/utf8.c src/diag.c -lyaml && (cd tests/unit && /tmp/test_load)
 */

/* realpath(3) is X/Open; the build asks for plain POSIX. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "load.h"
#include "node.h"
#include "source.h"
#include "utf8.h"

static int n, failed;

static void
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	n++;
	printf("%sok %d - ", cond ? "" : "not ", n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		failed++;
}

/* ---- one compilation's worth of state, fresh for every file ---- */

static struct arena *arena;
static struct sources srcs;
static struct diags diags;
static struct load_result result;

static void
reset(void)
{
	arena_free(arena);
	arena = arena_new();
	memset(&srcs, 0, sizeof srcs);
	srcs.arena = arena;
	memset(&diags, 0, sizeof diags);
	diags.arena = arena;
	memset(&result, 0, sizeof result);
}

static const struct node *
load(const char *path, enum stage_status *st)
{
	const struct node *root = NULL;

	reset();
	*st = load_file(arena, &srcs, &diags, path, &root);
	return root;
}

static enum stage_status
plan(const char *path)
{
	reset();
	return load_plan(arena, &srcs, &diags, path, &result);
}

/* The only diagnostic reported, if it has code; else NULL. */
static const struct diag *
only(enum diag_code code)
{
	if (diags.n != 1 || diags.items[0]->code != code) {
		size_t i;

		for (i = 0; i < diags.n; i++)
			printf("# got %s:%d:%d: %s [%s]\n",
			    diags.items[i]->span.file, diags.items[i]->span.line,
			    diags.items[i]->span.col, diags.items[i]->message,
			    diag_code_name(diags.items[i]->code));
		return NULL;
	}
	return diags.items[0];
}

/* The i-th diagnostic with code, or NULL. */
static const struct diag *
nth(enum diag_code code, size_t i)
{
	size_t k;

	for (k = 0; k < diags.n; k++)
		if (diags.items[k]->code == code && i-- == 0)
			return diags.items[k];
	return NULL;
}

static int
span_is(struct span s, int line, int col, int eline, int ecol)
{
	if (s.line == line && s.col == col && s.end_line == eline &&
	    s.end_col == ecol)
		return 1;
	printf("# span %d:%d-%d:%d, expected %d:%d-%d:%d\n", s.line, s.col,
	    s.end_line, s.end_col, line, col, eline, ecol);
	return 0;
}

static int
pos_is(struct pos p, int line, int col)
{
	if (p.line == line && p.col == col)
		return 1;
	printf("# pos %d:%d, expected %d:%d\n", p.line, p.col, line, col);
	return 0;
}

static int
diag_at(const struct diag *dg, const char *file, int line, int col,
    const char *text)
{
	if (dg == NULL)
		return 0;
	if (dg->span.line == line && dg->span.col == col &&
	    (file == NULL || strcmp(dg->span.file, file) == 0) &&
	    strstr(dg->message, text) != NULL)
		return 1;
	printf("# %s:%d:%d: %s\n", dg->span.file, dg->span.line, dg->span.col,
	    dg->message);
	return 0;
}

static int
segs_are(const struct node *nd, size_t count, ...)
{
	va_list ap;
	size_t i;
	int good = nd != NULL && nd->nsegs == count;

	va_start(ap, count);
	for (i = 0; good && i < count; i++) {
		size_t off = va_arg(ap, size_t);
		int line = va_arg(ap, int), col = va_arg(ap, int);

		good = nd->segs[i].offset == off && nd->segs[i].line == line &&
		    nd->segs[i].col == col;
	}
	va_end(ap);
	if (!good && nd != NULL)
		for (i = 0; i < nd->nsegs; i++)
			printf("# seg %zu@%d:%d\n", nd->segs[i].offset,
			    nd->segs[i].line, nd->segs[i].col);
	return good;
}

static const struct node *
get(const struct node *map, const char *key)
{
	return node_get(map, key);
}

static int
is_text(const struct node *nd, const char *s)
{
	return nd != NULL && nd->kind == NODE_SCALAR && nd->len == strlen(s) &&
	    memcmp(nd->str, s, nd->len) == 0;
}

/* ---- a check over every scalar: its positions stay in its span, and the
 * source holds each of its characters where the segments say ---- */

/* The character at line:col of the source of file, or 0. */
static uint32_t
source_char(const char *file, int line, int col)
{
	const struct source *src = sources_find(&srcs, file);
	const char *text;
	size_t len, off;
	uint32_t cp;

	if (src == NULL || (text = source_line(src, line, &len)) == NULL)
		return 0;
	if (line == 1 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	off = utf8_offset(text, len, (size_t)col - 1);
	if (off >= len || utf8_decode(text + off, len - off, &cp) == 0)
		return 0;
	return cp;
}

static int
inside_span(struct pos p, struct span s)
{
	return (p.line > s.line || (p.line == s.line && p.col >= s.col)) &&
	    (p.line < s.end_line || (p.line == s.end_line &&
	    p.col <= s.end_col));
}

static int bad_scalars;

static void
check_scalar(const struct node *nd)
{
	size_t off, k;
	uint32_t cp, at;

	for (off = 0; off <= nd->len; off += k ? k : 1) {
		struct pos p = node_pos_at(nd, off);

		k = off < nd->len ? utf8_decode(nd->str + off, nd->len - off,
		    &cp) : 0;
		if (!inside_span(p, nd->span)) {
			printf("# '%s' offset %zu at %d:%d, outside its span\n",
			    nd->str, off, p.line, p.col);
			bad_scalars++;
			return;
		}
		if (off == nd->len || cp == ' ' || cp == '\n')
			continue;	/* may come from a line break */
		at = source_char(p.file, p.line, p.col);
		if (at != cp && !(nd->style == SCALAR_DOUBLE && at == '\\') &&
		    !(nd->style == SCALAR_SINGLE && at == '\'')) {
			printf("# '%s' offset %zu at %d:%d holds U+%04X\n",
			    nd->str, off, p.line, p.col, (unsigned)at);
			bad_scalars++;
			return;
		}
	}
}

static void
check_tree(const struct node *nd, int depth)
{
	size_t i;

	if (nd == NULL || depth > 20)
		return;
	switch (nd->kind) {
	case NODE_SCALAR:
		check_scalar(nd);
		break;
	case NODE_SEQ:
		for (i = 0; i < nd->nitems; i++)
			check_tree(nd->items[i], depth + 1);
		break;
	default:
		for (i = 0; i < nd->npairs; i++) {
			check_tree(nd->pairs[i].key, depth + 1);
			check_tree(nd->pairs[i].value, depth + 1);
		}
		break;
	}
}

static void
check_all(const char *name, const struct node *root)
{
	bad_scalars = 0;
	check_tree(root, 0);
	ok(bad_scalars == 0, "%s: every value byte maps into its scalar, onto "
	    "its own character", name);
}

/* ---- well-formed files ---- */

static void
test_scalars(void)
{
	enum stage_status st;
	const struct node *r = load("load/scalars.yaml", &st), *v, *m;

	ok(st == STAGE_OK && r != NULL && r->kind == NODE_MAP &&
	    r->npairs == 9, "scalars: loads, nine keys");
	if (r == NULL)
		return;
	ok(span_is(r->span, 1, 1, 14, 24), "scalars: the root mapping spans "
	    "the first key to the last value");
	ok(span_is(r->pairs[0].key->span, 1, 1, 1, 6), "plain key");
	v = get(r, "plain");
	ok(is_text(v, "hello world") && v->style == SCALAR_PLAIN &&
	    span_is(v->span, 1, 8, 1, 19) && segs_are(v, 1, (size_t)0, 1, 8),
	    "plain value: span and one segment");
	v = get(r, "single");
	ok(is_text(v, "it's here") && v->style == SCALAR_SINGLE &&
	    span_is(v->span, 2, 9, 2, 21), "single quotes: span from quote "
	    "to past quote");
	ok(segs_are(v, 2, (size_t)0, 2, 10, (size_t)3, 2, 14),
	    "single quotes: segments start after the quote and after ''");
	ok(pos_is(node_pos_at(v, 5), 2, 16), "single quotes: 'h' of here");
	v = get(r, "double");
	ok(is_text(v, "tab\there \xC3\xA9") && v->style == SCALAR_DOUBLE &&
	    span_is(v->span, 3, 9, 3, 27), "double quotes: escapes decoded, "
	    "span over the token");
	ok(segs_are(v, 3, (size_t)0, 3, 10, (size_t)4, 3, 15, (size_t)11, 3,
	    26), "double quotes: a segment after each escape that shifts the "
	    "text");
	ok(pos_is(node_pos_at(v, 3), 3, 13) && pos_is(node_pos_at(v, 9), 3, 20),
	    "double quotes: an escaped character is at its backslash");
	v = get(r, "multi");
	ok(is_text(v, "first line second   line\nthird") &&
	    span_is(v->span, 4, 8, 7, 8), "multi-line plain: folded value, "
	    "span over its lines");
	ok(segs_are(v, 3, (size_t)0, 4, 8, (size_t)11, 5, 3, (size_t)25, 7, 3),
	    "multi-line plain: a segment per source line");
	ok(pos_is(node_pos_at(v, 20), 5, 12), "multi-line plain: 'line' of "
	    "the second line");
	v = get(r, "flow-seq");
	ok(v != NULL && v->kind == NODE_SEQ && v->nitems == 3 &&
	    span_is(v->span, 8, 11, 8, 32), "flow list: bracket to bracket");
	if (v != NULL && v->kind == NODE_SEQ && v->nitems == 3)
		ok(span_is(v->items[0]->span, 8, 12, 8, 15) &&
		    span_is(v->items[1]->span, 8, 17, 8, 22) &&
		    span_is(v->items[2]->span, 8, 24, 8, 31),
		    "flow list: plain, single and double quoted items");
	v = get(r, "flow-map");
	m = get(v, "b");
	ok(v != NULL && v->kind == NODE_MAP && v->npairs == 2 &&
	    span_is(v->span, 9, 11, 9, 28) && m != NULL &&
	    span_is(m->span, 9, 21, 9, 27), "flow mapping and a list in it");
	v = get(r, "block-seq");
	ok(v != NULL && v->kind == NODE_SEQ && v->nitems == 2 &&
	    span_is(v->span, 11, 3, 12, 16), "block list: first '-' to the "
	    "end of its last item");
	if (v != NULL && v->kind == NODE_SEQ && v->nitems == 2)
		ok(v->items[1]->kind == NODE_MAP &&
		    span_is(v->items[1]->span, 12, 5, 12, 16) &&
		    is_text(get(v->items[1], "beta"), "gamma"),
		    "block list: a mapping item");
	v = get(r, "empty");
	ok(v != NULL && v->len == 0 && span_is(v->span, 13, 7, 13, 7) &&
	    strcmp(node_kind_name(v), "nothing") == 0, "empty value: zero "
	    "width after the colon, \"nothing\"");
	v = get(r, "tagged");
	ok(is_text(v, "value") && span_is(v->span, 14, 19, 14, 24),
	    "tag and anchor are not part of the span");
	ok(strcmp(node_kind_name(r), "a mapping") == 0 &&
	    strcmp(node_kind_name(get(r, "flow-seq")), "a list") == 0 &&
	    strcmp(node_kind_name(get(r, "plain")), "a text") == 0,
	    "node_kind_name");
	ok(get(r, "nope") == NULL && get(get(r, "plain"), "x") == NULL,
	    "node_get: missing key, not a mapping");
	v = get(r, "plain");
	ok(span_is(node_span_at(v, 6, 11), 1, 14, 1, 19) &&
	    span_is(node_span_at(v, 3, 3), 1, 11, 1, 12),
	    "node_span_at: a word; an empty range is one character");
	check_all("scalars", r);
}

static void
test_blocks(void)
{
	enum stage_status st;
	const struct node *r = load("load/blocks.yaml", &st), *v;

	ok(st == STAGE_OK && r != NULL, "blocks: loads");
	if (r == NULL)
		return;
	v = get(r, "text");
	ok(is_text(v, "First line of prose.\nSecond line with *bold*.\n"
	    "Third line, an *unclosed star.\n\nFifth.\n") &&
	    v->style == SCALAR_LITERAL && span_is(v->span, 2, 3, 6, 9),
	    "literal: span from the first content character to the end of "
	    "the last line");
	ok(segs_are(v, 4, (size_t)0, 2, 3, (size_t)21, 3, 3, (size_t)46, 4, 3,
	    (size_t)78, 6, 3), "literal: a segment per content line");
	ok(v != NULL && pos_is(node_pos_at(v, (size_t)(strstr(v->str,
	    "*unclosed") - v->str)), 4, 18), "literal: the '*' on the third "
	    "line is at its source line and column");
	ok(span_is(node_span_at(v, 61, 70), 4, 18, 4, 27),
	    "literal: node_span_at on the third line");
	ok(span_is(node_span_at(v, 70, 80), 4, 27, 6, 5),
	    "literal: a span across lines ends on its last character");
	v = get(r, "folded");
	ok(is_text(v, "Folded one folded two folded *three*\n  more indented\n"
	    "last") && v->style == SCALAR_FOLDED &&
	    span_is(v->span, 8, 3, 12, 7), "folded: value and span");
	ok(segs_are(v, 5, (size_t)0, 8, 3, (size_t)11, 9, 3, (size_t)22, 10, 3,
	    (size_t)37, 11, 3, (size_t)53, 12, 3), "folded: a segment per "
	    "content line, more-indented lines keep their spaces");
	ok(pos_is(node_pos_at(v, 29), 10, 10), "folded: the '*' on the third "
	    "line");
	v = get(r, "keep");
	ok(is_text(v, "kept\n\n") && span_is(v->span, 14, 3, 14, 7) &&
	    pos_is(node_pos_at(v, 6), 14, 7), "keep chomping: span ends with "
	    "the text, positions stay inside");
	ok(span_is(get(r, "after")->span, 16, 8, 16, 9), "the key after a "
	    "block scalar");
	check_all("blocks", r);
}

static void
test_anchors(void)
{
	enum stage_status st;
	const struct node *r = load("load/anchors.yaml", &st), *base, *list;

	ok(st == STAGE_OK && r != NULL && diags.n == 0, "anchors: loads");
	if (r == NULL)
		return;
	base = get(r, "base");
	list = get(r, "list");
	ok(base != NULL && span_is(base->span, 1, 10, 1, 16) &&
	    get(r, "copy") == base, "an alias is the anchored node itself");
	ok(list != NULL && list->kind == NODE_SEQ && list->nitems == 2 &&
	    list->items[0] == base && span_is(list->span, 4, 3, 5, 8) &&
	    get(r, "again") == list, "an anchored block list starts at its "
	    "'-' on the next line");
	ok(span_is(get(r, "name")->span, 7, 10, 7, 14) &&
	    get(r, "who")->nitems == 2 &&
	    get(r, "who")->items[0] == get(r, "name") &&
	    get(r, "who")->items[1] == get(r, "name"),
	    "a scalar alias, twice in a flow list");
	check_all("anchors", r);
}

static void
test_bom_crlf_multibyte(void)
{
	enum stage_status st;
	const struct node *r, *v;

	r = load("load/bom.yaml", &st);
	ok(st == STAGE_OK && r != NULL && r->npairs == 2 &&
	    span_is(r->pairs[0].key->span, 1, 1, 1, 6) &&
	    span_is(get(r, "title")->span, 1, 8, 1, 12) &&
	    span_is(get(r, "items")->span, 2, 8, 2, 14),
	    "BOM: not counted as a column of line 1");
	check_all("BOM", r);

	r = load("load/crlf.yaml", &st);
	ok(st == STAGE_OK && r != NULL && span_is(get(r, "a")->span, 1, 4, 1, 7),
	    "CRLF: a plain value");
	v = get(r, "b");
	ok(is_text(v, "x1\nx2\n") && span_is(v->span, 3, 3, 4, 5) &&
	    segs_are(v, 2, (size_t)0, 3, 3, (size_t)3, 4, 3),
	    "CRLF: a literal block, CR not in its span");
	ok(span_is(get(r, "c")->span, 5, 4, 5, 7), "CRLF: a quoted value");
	check_all("CRLF", r);

	r = load("load/multibyte.yaml", &st);
	v = get(r, "titel");
	ok(st == STAGE_OK && v != NULL && span_is(v->span, 1, 8, 1, 20) &&
	    pos_is(node_pos_at(v, 16), 1, 16), "multibyte: columns count "
	    "characters, inside a value too");
	v = get(r, "lijst");
	ok(v != NULL && v->nitems == 3 && span_is(v->span, 2, 8, 2, 19) &&
	    span_is(v->items[1]->span, 2, 14, 2, 15) &&
	    span_is(v->items[2]->span, 2, 17, 2, 18),
	    "multibyte: items after multibyte items");
	ok(r != NULL && r->npairs == 3 &&
	    span_is(r->pairs[2].key->span, 3, 1, 3, 5) &&
	    span_is(r->pairs[2].value->span, 3, 7, 3, 10),
	    "multibyte: quoted key and value");
	check_all("multibyte", r);

	r = load("load/empty.yaml", &st);
	ok(st == STAGE_OK && r == NULL && diags.n == 0, "empty file: no root, "
	    "no problem");
}

/* ---- refusals ---- */

static void
test_refusals(void)
{
	enum stage_status st;
	const struct node *r;
	const struct diag *dg;
	struct timespec t0, t1;
	double ms;

	r = load("load/duplicate-key.yaml", &st);
	dg = only(D_DUPLICATE_KEY);
	ok(st == STAGE_ERRORS && dg != NULL && span_is(dg->span, 4, 3, 4, 5) &&
	    diag_at(dg, NULL, 4, 3, "duplicate key 'id'"), "duplicate key: "
	    "reported at the second");
	ok(dg != NULL && dg->nnotes == 1 && pos_is(dg->notes[0].pos, 2, 3) &&
	    strstr(dg->notes[0].message, "first defined here") != NULL,
	    "duplicate key: a note at the first");
	ok(r != NULL && get(r, "person")->npairs == 2 &&
	    is_text(get(get(r, "person"), "id"), "anna"),
	    "duplicate key: the first is kept");

	r = load("load/list-key.yaml", &st);
	dg = only(D_WRONG_TYPE);
	ok(st == STAGE_ERRORS && diag_at(dg, NULL, 1, 3, "mapping keys must be "
	    "texts") && r != NULL && r->npairs == 1, "a list as a key");

	r = load("load/bad-utf8.yaml", &st);
	dg = only(D_ENCODING);
	ok(st == STAGE_ERRORS && r == NULL && diag_at(dg, "load/bad-utf8.yaml",
	    2, 11, "byte 0xE9"), "invalid UTF-8: line and column in "
	    "characters");

	r = load("load/nul.yaml", &st);
	ok(st == STAGE_ERRORS && r == NULL && diag_at(only(D_NUL_BYTE), NULL, 2,
	    5, "NUL"), "NUL byte: line and column");

	r = load("load/syntax.yaml", &st);
	dg = only(D_SYNTAX);
	ok(st == STAGE_ERRORS && r == NULL && diag_at(dg, NULL, 2, 2,
	    "did not find expected ',' or ']'"), "syntax error at libyaml's "
	    "problem mark");
	ok(dg != NULL && dg->nnotes == 1 && pos_is(dg->notes[0].pos, 1, 4) &&
	    strcmp(dg->notes[0].message, "while parsing a flow sequence") == 0,
	    "syntax error: the context as a note");

	r = load("load/two-documents.yaml", &st);
	dg = only(D_SYNTAX);
	ok(st == STAGE_ERRORS && dg != NULL && span_is(dg->span, 2, 1, 2, 4) &&
	    strstr(dg->message, "one document") != NULL && r != NULL &&
	    get(r, "a") != NULL, "a second document is refused, the first "
	    "kept");

	r = load("load/undefined-alias.yaml", &st);
	dg = only(D_SYNTAX);
	ok(st == STAGE_ERRORS && r == NULL && dg != NULL &&
	    span_is(dg->span, 1, 4, 1, 9) &&
	    strcmp(dg->message, "undefined alias '*nope'") == 0,
	    "undefined alias");

	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = load("load/alias-bomb.yaml", &st);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	dg = only(D_ALIAS_LIMIT);
	ok(st == STAGE_ERRORS && r == NULL && dg != NULL &&
	    span_is(dg->span, 7, 45, 7, 48), "alias bomb: stopped at the alias "
	    "that crosses the limit");
	ok(ms < 500, "alias bomb: %.1f ms", ms);

	r = load("load/deep.yaml", &st);
	ok(st == STAGE_ERRORS && r == NULL && diag_at(only(D_DEPTH_LIMIT), NULL,
	    1, 67, "nested more than 64"), "100 levels: stopped at level 65");

	reset();
	ok(load_file(arena, &srcs, &diags, "load/no-such-file.yaml", &r) ==
	    STAGE_FAILED && diags.n == 1 && diags.items[0]->code == D_IO &&
	    diags.items[0]->span.line == 0, "an unreadable file: STAGE_FAILED, "
	    "one io error about the whole file");
	reset();
	ok(load_plan(arena, &srcs, &diags, "load", &result) == STAGE_FAILED,
	    "a directory: STAGE_FAILED");
}

/* ---- includes ---- */

static void
test_includes(void)
{
	const struct diag *dg;

	ok(plan("load/inc/ok/plan.yaml") == STAGE_OK && result.ndocs == 3 &&
	    diags.n == 0, "includes: three files, each once");
	if (result.ndocs == 3)
		ok(strcmp(result.docs[0].path, "load/inc/ok/plan.yaml") == 0 &&
		    strcmp(result.docs[1].path,
		    "load/inc/ok/shared/people.yaml") == 0 &&
		    strcmp(result.docs[2].path, "load/inc/ok/orgs.yaml") == 0,
		    "includes: depth first, paths as a user types them");
	if (result.ndocs == 3)
		ok(result.docs[0].include != NULL &&
		    result.docs[0].include->kind == NODE_SEQ &&
		    result.docs[1].include != NULL &&
		    result.docs[2].include == NULL &&
		    result.docs[1].root->pairs[0].key->span.file ==
		    result.docs[1].path, "includes: the include node, and spans "
		    "name the file by its registered path");

	ok(plan("load/inc/escape/plan.yaml") == STAGE_ERRORS &&
	    diags.n == 2, "escape: two refusals");
	dg = nth(D_INCLUDE_ESCAPE, 0);
	ok(diag_at(dg, NULL, 1, 11, "'../ok/orgs.yaml' leads outside") &&
	    span_is(dg->span, 1, 11, 1, 26), "escape: '..' out of the plan's "
	    "directory");
	ok(diag_at(nth(D_INCLUDE_ESCAPE, 1), NULL, 1, 28, "absolute"),
	    "escape: an absolute path");

	ok(plan("load/inc/cycle/plan.yaml") == STAGE_ERRORS &&
	    result.ndocs == 3, "cycle: each file loaded once");
	dg = only(D_INCLUDE_CYCLE);
	ok(diag_at(dg, "load/inc/cycle/b.yaml", 1, 11, "include cycle: a.yaml "
	    "→ b.yaml → a.yaml") && span_is(dg->span, 1, 11, 1, 17),
	    "cycle: reported at the entry that closes it, with the chain");

	ok(plan("load/inc/missing/plan.yaml") == STAGE_ERRORS &&
	    diag_at(only(D_IO), NULL, 1, 11, "cannot read included file "
	    "'load/inc/missing/nothere.yaml': No such file or directory"),
	    "missing include");

	ok(plan("load/inc/wrong/plan.yaml") == STAGE_ERRORS &&
	    diag_at(only(D_WRONG_TYPE), NULL, 1, 10, "expected a file name or "
	    "a list of file names, got a mapping"), "include: a mapping");
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

/* A line of a million characters: positions anywhere in it cost little
 * (segments at least every 128 characters), and are right. */
static void
test_long_line(const char *dir)
{
	char p[256];
	FILE *f;
	size_t i, off, len = 1000000;
	enum stage_status st;
	const struct node *r, *v;
	struct timespec t0, t1;
	double ms;
	int good = 1, col;

	snprintf(p, sizeof p, "%s/long.yaml", dir);
	if ((f = fopen(p, "w")) == NULL) {
		ok(0, "long line: cannot write %s", p);
		return;
	}
	fputs("text: \"", f);
	for (i = 0; i < len / 2; i++)
		fputs(i % 1000 == 999 ? "\\t" : "\xC3\xA9", f);
	fputs("\"\n", f);
	fclose(f);
	r = load(p, &st);
	v = get(r, "text");
	ok(st == STAGE_OK && v != NULL && v->nsegs >= len / 2 / 128,
	    "long line: loads, with a segment every 128 characters at least");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (off = 0, col = 8; v != NULL && off < v->len; col++) {
		struct pos ps = node_pos_at(v, off);

		if (ps.line != 1 || ps.col != col) {
			printf("# offset %zu at %d:%d\n", off, ps.line, ps.col);
			good = 0;
			break;
		}
		if (v->str[off] == '\t') {
			off++;
			col++;		/* written as \t: two columns */
		} else
			off += 2;	/* é */
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	ok(good, "long line: the position of every character");
	ok(ms < 1000, "long line: all positions in %.0f ms", ms);
	unlink(p);
}

/* Symbolic links and many files are made in a temporary directory. */
static void
test_includes_tmp(const char *dir)
{
	char p[256], q[256], *real;
	const struct diag *dg;
	int i;

	snprintf(p, sizeof p, "%s/top", dir);
	mkdir(p, 0777);
	snprintf(p, sizeof p, "%s/top/inner", dir);
	mkdir(p, 0777);
	snprintf(p, sizeof p, "%s/top/plan.yaml", dir);
	write_file(p, "include: [inner/ok.yaml, link.yaml]\n");
	snprintf(p, sizeof p, "%s/top/inner/real.yaml", dir);
	write_file(p, "include: ../../outside.yaml\n");
	snprintf(p, sizeof p, "%s/top/inner/ok.yaml", dir);
	ok(symlink("real.yaml", p) == 0, "symlink inside");
	snprintf(p, sizeof p, "%s/outside.yaml", dir);
	write_file(p, "x: 1\n");
	snprintf(p, sizeof p, "%s/top/link.yaml", dir);
	ok(symlink("../outside.yaml", p) == 0, "symlink leading out");

	snprintf(p, sizeof p, "%s/top/plan.yaml", dir);
	ok(plan(p) == STAGE_ERRORS && result.ndocs == 2 && diags.n == 2,
	    "links: the inner one followed, two refusals");
	snprintf(q, sizeof q, "%s/outside.yaml", dir);
	real = realpath(q, NULL);
	dg = nth(D_INCLUDE_ESCAPE, 1);
	ok(diag_at(dg, p, 1, 26, "'link.yaml' leads outside") && real != NULL &&
	    strstr(dg->message, real) != NULL, "links: one leading out is "
	    "refused, naming where it leads");
	free(real);
	snprintf(q, sizeof q, "%s/top/inner/ok.yaml", dir);
	ok(diag_at(nth(D_INCLUDE_ESCAPE, 0), q, 1, 10, "leads outside"),
	    "links: '../..' from a file in a subdirectory");

	/* More files than a plan may have. */
	snprintf(p, sizeof p, "%s/top/many.yaml", dir);
	{
		FILE *f = fopen(p, "w");

		fputs("include:\n", f);
		for (i = 0; i < LOAD_MAX_INCLUDES + 4; i++)
			fprintf(f, "  - m%d.yaml\n", i);
		fclose(f);
	}
	for (i = 0; i < LOAD_MAX_INCLUDES + 4; i++) {
		snprintf(q, sizeof q, "%s/top/m%d.yaml", dir, i);
		write_file(q, "x: 1\n");
	}
	ok(plan(p) == STAGE_ERRORS && result.ndocs == LOAD_MAX_INCLUDES &&
	    diag_at(only(D_IO), p, LOAD_MAX_INCLUDES + 1, 5, "too many"),
	    "at most %d files, reported once", LOAD_MAX_INCLUDES);
	for (i = 0; i < LOAD_MAX_INCLUDES + 4; i++) {
		snprintf(q, sizeof q, "%s/top/m%d.yaml", dir, i);
		unlink(q);
	}

	unlink(p);
	snprintf(p, sizeof p, "%s/top/plan.yaml", dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/top/link.yaml", dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/top/inner/ok.yaml", dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/top/inner/real.yaml", dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/top/inner", dir);
	rmdir(p);
	snprintf(p, sizeof p, "%s/top", dir);
	rmdir(p);
	snprintf(p, sizeof p, "%s/outside.yaml", dir);
	unlink(p);
}

int
main(void)
{
	char dir[] = "/tmp/test_load.XXXXXX";

	test_scalars();
	test_blocks();
	test_anchors();
	test_bom_crlf_multibyte();
	test_refusals();
	test_includes();
	if (mkdtemp(dir) != NULL) {
		test_long_line(dir);
		test_includes_tmp(dir);
		rmdir(dir);
	} else
		ok(0, "mkdtemp %s", dir);
	arena_free(arena);
	return failed != 0;
}
