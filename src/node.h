/* node.h - the loader's output: a YAML document as a tree of scalars, lists
 * and mappings, each carrying the exact span it came from. load.c builds
 * nodes (segment.c places their scalars); model.c, markup.c and style.c
 * read them through node.c's accessors. */
#ifndef PLANC_NODE_H
#define PLANC_NODE_H

#include <stddef.h>

#include "source.h"

enum node_kind {
	NODE_SCALAR,
	NODE_SEQ,
	NODE_MAP,
	NODE_KIND_COUNT
};

enum scalar_style {
	SCALAR_PLAIN,
	SCALAR_SINGLE,		/* 'quoted' */
	SCALAR_DOUBLE,		/* "quoted" */
	SCALAR_LITERAL,		/* | */
	SCALAR_FOLDED,		/* > */
	SCALAR_STYLE_COUNT
};

/* Where a piece of a scalar's value came from: value bytes from offset on
 * (up to the next segment's offset) start at source line/col and advance one
 * column per character. Block scalars get one segment per source line, so a
 * problem inside prose is located at its true line and column. */
struct node_seg {
	size_t offset;
	int line, col;
};

struct node_pair {
	struct node *key;	/* always a scalar */
	struct node *value;
};

struct node {
	enum node_kind kind;
	struct span span;	/* for scalars: the value's own text (after any
				 * anchor, tag, quote or block header) */
	/* NODE_SCALAR */
	const char *str;	/* NUL-terminated, valid UTF-8, no NUL inside */
	size_t len;
	enum scalar_style style;
	const struct node_seg *segs;
	size_t nsegs;
	/* NODE_SEQ */
	struct node **items;
	size_t nitems;
	/* NODE_MAP, pairs in document order; keys are unique */
	struct node_pair *pairs;
	size_t npairs;
};

/* The position of value byte offset off inside scalar n (a column counts
 * characters). Falls back to n's start if n has no segments. */
struct pos node_pos_at(const struct node *n, size_t off);

/* The span of value bytes [off, end) inside scalar n. */
struct span node_span_at(const struct node *n, size_t off, size_t end);

/* For a mapping: the value under key, or NULL. */
const struct node *node_get(const struct node *map, const char *key);

/* "a mapping", "a list", "a text" ... for "expected X, got Y" messages. */
const char *node_kind_name(const struct node *n);

#endif
