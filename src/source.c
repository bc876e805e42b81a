/* source.c - the registry of source texts that diagnostics quote from. */
#include "source.h"

#include <string.h>

#include "arena.h"

struct source *
sources_add(struct sources *s, const char *path, const char *text, size_t len)
{
	struct source *src = arena_alloc(s->arena, sizeof *src);
	size_t i, n = 1, cap = 0;

	src->path = arena_strdup(s->arena, path);
	src->text = arena_strndup(s->arena, text, len);
	src->len = len;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	cap = n;
	src->lines = arena_alloc(s->arena, cap * sizeof *src->lines);
	src->lines[0] = 0;
	src->nlines = 1;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			src->lines[src->nlines++] = i + 1;
	*ARENA_PUSH(s->arena, s->items, s->n, s->cap) = src;
	return src;
}

const struct source *
sources_find(const struct sources *s, const char *file)
{
	size_t i;

	if (file == NULL)
		return NULL;
	for (i = 0; i < s->n; i++)
		if (s->items[i]->path == file)
			return s->items[i];
	for (i = 0; i < s->n; i++)
		if (strcmp(s->items[i]->path, file) == 0)
			return s->items[i];
	return NULL;
}

const char *
source_line(const struct source *src, int line, size_t *len)
{
	size_t start, end;

	if (line < 1 || (size_t)line > src->nlines)
		return NULL;
	start = src->lines[line - 1];
	end = (size_t)line < src->nlines ? src->lines[line] - 1 : src->len;
	if (end > start && src->text[end - 1] == '\r')
		end--;
	if (end < start)
		end = start;
	*len = end - start;
	return src->text + start;
}

char *
source_dir(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');

	return arena_strndup(a, path, slash ? (size_t)(slash - path) + 1 : 0);
}
