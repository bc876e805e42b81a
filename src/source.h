/* source.h - the text of every file a compilation read, kept so that
 * diagnostics can quote the offending line, and the position types that
 * point into it. */
#ifndef PLANC_SOURCE_H
#define PLANC_SOURCE_H

#include <stddef.h>

struct arena;

/* A place in a source file. Lines and columns are 1-based; columns count
 * characters (code points), not bytes. file == NULL means "no source": the
 * object was filled in from a default or a layout. */
struct pos {
	const char *file;
	int line, col;
};

/* A range: start inclusive, end exclusive (end_col is the column just past
 * the last character), as libyaml's marks are. */
struct span {
	const char *file;
	int line, col;
	int end_line, end_col;
};

struct source {
	const char *path;	/* as given or as resolved; also the file name in messages */
	const char *text;	/* the bytes, NUL-terminated; BOM not stripped */
	size_t len;
	size_t *lines;		/* byte offset of the start of each line */
	size_t nlines;
};

struct sources {
	struct arena *arena;
	struct source **items;
	size_t n, cap;
};

/* Registers text (copied into the arena) under path and returns it. */
struct source *sources_add(struct sources *s, const char *path,
    const char *text, size_t len);

/* The registered source whose path pointer or string equals file, or NULL. */
const struct source *sources_find(const struct sources *s, const char *file);

/* Line number line (1-based) of src without its line end; *len gets its
 * length in bytes. NULL if there is no such line. */
const char *source_line(const struct source *src, int line, size_t *len);

/* The directory part of path: "" or up to and including its last '/'
 * (owned by a), for naming files relative to the one that names them. */
char *source_dir(struct arena *a, const char *path);

static inline struct pos
span_start(struct span s)
{
	struct pos p = { s.file, s.line, s.col };
	return p;
}

#endif
