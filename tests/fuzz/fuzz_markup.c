/* fuzz_markup.c - libFuzzer target: the bytes as the prose of a `text: |`
 * block (markup_parse), and prose that parses without errors set as
 * paragraphs on pages (lay_prose) in the default style with the real
 * fonts and Dutch hyphenation. Input that is not valid UTF-8 or holds a
 * NUL byte is skipped: the loader lets no such scalar through. References
 * and footnote marks stay unresolved (check.c resolves them), so they are
 * parsed but not set. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "font.h"
#include "harness.h"
#include "hyphen.h"
#include "layout_int.h"
#include "markup.h"
#include "model.h"
#include "node.h"
#include "shaping.h"
#include "style.h"
#include "utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Made once: the style, its fonts and the hyphenator, as typeset_plan
 * would make them for every build. */
static struct arena *keep;
static struct style style;
static struct fonts fonts;
static struct hyphenator *hyph;
static struct plan plan;

static void
done(void)
{
	size_t i;

	for (i = 0; i < FACE_COUNT; i++)
		font_free(fonts.face[i]);
	hyphen_close(hyph);
	arena_free(keep);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *paths[FACE_COUNT] = { NULL };
	char err[512];
	size_t i;

	(void)argc;
	(void)argv;
	keep = arena_new();
	style_default(keep, fuzz_datadir(), &style);
	paths[FACE_REGULAR] = style.regular;
	paths[FACE_BOLD] = style.bold;
	paths[FACE_ITALIC] = style.italic;
	paths[FACE_BOLD_ITALIC] = style.bold_italic;
	for (i = 0; i < style.nfallback; i++)
		paths[FACE_FALLBACK + i] = style.fallback[i];
	fonts.nfallback = style.nfallback;
	for (i = 0; i < FACE_COUNT; i++)
		if (paths[i] != NULL &&
		    (fonts.face[i] = font_load(paths[i], err, sizeof err)) ==
		    NULL) {
			fprintf(stderr, "fuzz: %s\n", err);
			abort();
		}
	hyph = hyphen_open("nl", NULL);
	plan.path = "plan.yaml";
	plan.meta.lang.s = "nl";
	plan.meta.lang.len = 2;
	atexit(done);
	return 0;
}

/* The scalar a loader would make of `text: |` with the input indented
 * by two spaces below it: a segment per line, from line 2, column 3. */
static struct node *
scalar(struct arena *a, const uint8_t *data, size_t size)
{
	struct node *n = arena_alloc(a, sizeof *n);
	struct node_seg *segs;
	size_t i, lines = 1, k = 0;
	char *s = arena_alloc(a, size + 1);

	memcpy(s, data, size);
	for (i = 0; i < size; i++)
		lines += s[i] == '\n';
	segs = arena_alloc(a, lines * sizeof *segs);
	segs[k++] = (struct node_seg){ 0, 2, 3 };
	for (i = 0; i < size; i++)
		if (s[i] == '\n')
			segs[k] = (struct node_seg){ i + 1, (int)k + 2, 3 }, k++;
	n->kind = NODE_SCALAR;
	n->style = SCALAR_LITERAL;
	n->str = s;
	n->len = size;
	n->segs = segs;
	n->nsegs = lines;
	n->span = (struct span){ "plan.yaml", 2, 3, (int)lines + 1, 3 };
	return n;
}

/* The file that scalar stands in, for diagnostics to quote. */
static const char *
plan_text(struct arena *a, const uint8_t *data, size_t size, size_t *len)
{
	static const char head[] = "text: |\n";
	size_t i, n = sizeof head - 1;
	char *t = arena_alloc(a, n + 3 * size + 3);

	memcpy(t, head, n);
	t[n++] = ' ';
	t[n++] = ' ';
	for (i = 0; i < size; i++) {
		t[n++] = (char)data[i];
		if (data[i] == '\n') {
			t[n++] = ' ';
			t[n++] = ' ';
		}
	}
	*len = n;
	return t;
}

static void
count_run(struct run *r, void *ctx)
{
	(void)r;
	++*(size_t *)ctx;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a;
	struct sources srcs;
	struct diags d;
	struct block *blocks;
	struct doc doc;
	struct lay l;
	struct shaping_opts opts = { 1, 1, "nl" };
	size_t nblocks, nruns = 0, len;
	const char *text;

	if (memchr(data, '\0', size) != NULL ||
	    utf8_invalid((const char *)data, size) != size)
		return 0;
	a = arena_new();
	memset(&srcs, 0, sizeof srcs);
	memset(&d, 0, sizeof d);
	srcs.arena = d.arena = a;
	/* The text first: the order in which arguments are evaluated is
	 * unspecified, and len is set by plan_text. */
	text = plan_text(a, data, size, &len);
	sources_add(&srcs, "plan.yaml", text, len);
	blocks = markup_parse(a, &d, scalar(a, data, size), &nblocks);
	markup_walk(blocks, nblocks, count_run, &nruns);
	if (!diag_has_errors(&d) && nblocks > 0) {
		/* layout_plan's set-up, for prose in the body's measure */
		lay_init(&l, a);
		memset(&doc, 0, sizeof doc);
		l.plan = &plan;
		l.st = &style;
		l.ts = &style.body;
		/* A shaper per input: its runs live in the input's arena. */
		fonts.shaper = shaping_new(a, fonts.face, FACE_COUNT, &opts);
		l.fonts = &fonts;
		l.h = hyph;
		l.d = &d;
		l.doc = &doc;
		para_ties_compile(&l);
		lay_new_page(&l);
		lay_prose(&l, NULL, blocks, nblocks, style.margin_l,
		    lay_text_width(&l), 0);
		para_ties_free(&l);
		shaping_free(fonts.shaper);
		fonts.shaper = NULL;
	}
	fuzz_print(&d, &srcs);
	arena_free(a);
	return 0;
}
