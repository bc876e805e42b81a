/* node.c - what model.c, markup.c and style.c ask of the loader's nodes
 * (see node.h): values by key, positions inside scalars. */
#include "node.h"

#include <string.h>

#include "utf8.h"

static int
pos_after(int line, int col, int eline, int ecol)
{
	return line > eline || (line == eline && col > ecol);
}

struct pos
node_pos_at(const struct node *n, size_t off)
{
	struct pos p = span_start(n->span);
	const struct node_seg *sg;
	size_t lo = 0, hi;

	if (n->kind != NODE_SCALAR || n->nsegs == 0)
		return p;
	if (off > n->len)
		off = n->len;
	for (hi = n->nsegs; hi - lo > 1;) {
		size_t mid = lo + (hi - lo) / 2;

		if (n->segs[mid].offset <= off)
			lo = mid;
		else
			hi = mid;
	}
	sg = &n->segs[lo];
	p.line = sg->line;
	p.col = sg->col;
	if (off > sg->offset)
		p.col += (int)utf8_count(n->str + sg->offset, off - sg->offset);
	/* Past the last segment the value may no longer follow the source
	 * (see walk_*): stay inside the scalar whatever happens. */
	if (pos_after(p.line, p.col, n->span.end_line, n->span.end_col)) {
		p.line = n->span.end_line;
		p.col = n->span.end_col;
	}
	return p;
}

struct span
node_span_at(const struct node *n, size_t off, size_t end)
{
	struct pos a, b;
	struct span s;
	size_t last;

	if (n->kind != NODE_SCALAR)
		return n->span;
	a = node_pos_at(n, off);
	s.file = a.file;
	s.line = s.end_line = a.line;
	s.col = a.col;
	s.end_col = a.col + 1;
	if (end > n->len)
		end = n->len;
	if (end <= off)
		return s;
	/* End just past the last character, which may lie on a later line
	 * than where the next value byte would be placed. */
	last = end - 1;
	while (last > off && ((unsigned char)n->str[last] & 0xC0) == 0x80)
		last--;
	b = node_pos_at(n, last);
	s.end_line = b.line;
	s.end_col = b.col + 1;
	if (pos_after(s.end_line, s.end_col, n->span.end_line,
	    n->span.end_col) && pos_after(n->span.end_line, n->span.end_col,
	    s.line, s.col)) {
		s.end_line = n->span.end_line;
		s.end_col = n->span.end_col;
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
		/* YAML's null, as a plan writer sees it. */
		if (n->style == SCALAR_PLAIN && (n->len == 0 ||
		    strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
		    strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0))
			return "nothing";
		return "a text";
	}
}
