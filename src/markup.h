/* markup.h - the small prose markup of `text:` blocks: paragraphs, run-in
 * headings, nested lists, emphasis, footnote marks and references, parsed
 * into blocks of styled runs that keep their source positions. */
#ifndef PLANC_MARKUP_H
#define PLANC_MARKUP_H

#include <stddef.h>

#include "source.h"

struct arena;
struct diags;
struct node;
struct entity;

enum run_kind {
	RUN_TEXT,
	RUN_FOOTNOTE,		/* [^id]: a footnote mark */
	RUN_REF,		/* [@id]: a reference to an entity */
	RUN_KIND_COUNT
};

#define RUN_ITALIC	1u
#define RUN_BOLD	2u
#define RUN_FOREIGN	4u	/* [words]{lang=en}: not hyphenated as Dutch */

/* A reference written in the source: the id and where it stands. check.c
 * fills in target. */
struct ref {
	const char *id;		/* NULL: no reference written */
	struct span span;
	struct entity *target;
};

struct run {
	enum run_kind kind;
	unsigned style;		/* RUN_ITALIC | RUN_BOLD | RUN_FOREIGN */
	const char *text;	/* RUN_TEXT: the text, escapes resolved, line
				 * ends inside a paragraph turned into spaces */
	size_t len;
	const char *lang;	/* RUN_FOREIGN: the run's language ("en") */
	struct ref ref;		/* RUN_FOOTNOTE, RUN_REF */
	struct pos pos;		/* where the run's first character is; a text
				 * run lies on one source line */
};

enum block_kind {
	BLOCK_PARA,
	BLOCK_HEADING,		/* ## run-in heading */
	BLOCK_LIST,
	BLOCK_KIND_COUNT
};

enum list_kind {
	LIST_BULLET,		/* - */
	LIST_NUMBER,		/* 1. */
	LIST_LETTER,		/* A. */
	LIST_CHECK,		/* ✓ */
	LIST_KIND_COUNT
};

struct block;

struct list_item {
	const char *marker;	/* as written: "3.", "B.", "-", "✓" */
	struct pos pos;
	struct block *blocks;
	size_t nblocks;
};

struct block {
	enum block_kind kind;
	struct pos pos;
	/* BLOCK_PARA, BLOCK_HEADING */
	struct run *runs;
	size_t nruns;
	/* BLOCK_LIST */
	enum list_kind list;
	struct list_item *items;
	size_t nitems, capitems;
};

/* Parses the value of scalar node n as markup. Blocks and runs live in
 * arena; errors (unclosed emphasis, empty list item, malformed [^ or [@)
 * are reported to d at their source position. Never fails otherwise;
 * *nblocks is 0 for an empty text. */
struct block *markup_parse(struct arena *a, struct diags *d,
    const struct node *n, size_t *nblocks);

/* Calls fn for every run in blocks, depth first, in reading order. */
void markup_walk(struct block *blocks, size_t nblocks,
    void (*fn)(struct run *run, void *ctx), void *ctx);

#endif
