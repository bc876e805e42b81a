/* include.c - a plan's includes: each `include:` entry resolved relative to
 * the file that names it, confined to the top-level plan's directory (also
 * through symbolic links), loaded once, cycles reported with their chain;
 * and load_plan, which follows them from the top-level file. */

/* realpath(3) is X/Open; the build asks for plain POSIX. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "load.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "node.h"
#include "source.h"

/* What the loader knows of each loaded file, parallel to out->docs. */
struct file_info {
	const char *real;	/* realpath: the file's identity */
	const char *rel;	/* path relative to the top-level directory */
};

/* A file whose includes are being loaded, and how far. */
struct open_file {
	size_t doc, next;
};

struct loader {
	struct arena *a;
	struct sources *srcs;
	struct diags *d;
	struct load_result *out;
	const char *top_dir;	/* the top-level directory as written: "" or
				 * ending in '/' */
	const char *top_real;	/* its realpath, or NULL if unknown */
	struct file_info *info;
	size_t ninfo, capinfo;
	struct open_file *chain;	/* the include chain, top-level first */
	size_t depth;
	int capped;		/* LOAD_MAX_INCLUDES reported */
};

static const char *
real_path(struct arena *a, const char *path)
{
	char *r = realpath(path, NULL), *copy;

	if (r == NULL)
		return NULL;
	copy = arena_strdup(a, r);
	free(r);
	return copy;
}

/* dir ("" or ending in '/') joined with name, "." and ".." resolved by
 * the text alone, as a reader of the plan would. NULL if the result climbs
 * above where dir is relative to. */
static char *
join_relative(struct arena *a, const char *dir, const char *name)
{
	const char *in = arena_printf(a, "%s%s", dir, name), *p = in;
	char *out = arena_alloc(a, strlen(in) + 1);
	size_t o = 0;

	while (*p != '\0') {
		size_t k = strcspn(p, "/");

		if (k == 0 || (k == 1 && p[0] == '.'))
			;
		else if (k == 2 && p[0] == '.' && p[1] == '.') {
			if (o == 0)
				return NULL;
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			if (o > 0)
				out[o++] = '/';
			memcpy(out + o, p, k);
			o += k;
		}
		p += k;
		if (*p == '/')
			p++;
	}
	out[o] = '\0';
	return out;
}

static int
inside(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return path[0] == '/';
	return strncmp(dir, path, n) == 0 && path[n] == '/';
}

/* Adds a loaded file to out->docs, noting its `include:` value. */
static void
add_doc(struct loader *l, const char *path, const struct node *root,
    const char *real, const char *rel)
{
	struct load_doc *doc = ARENA_PUSH(l->a, l->out->docs, l->out->ndocs,
	    l->out->cap);
	struct file_info *fi = ARENA_PUSH(l->a, l->info, l->ninfo,
	    l->capinfo);

	doc->path = path;
	doc->root = root;
	doc->include = node_get(root, "include");
	fi->real = real;
	fi->rel = rel;
}

/* Reports an include cycle: the chain from the file that comes back. */
static void
report_cycle(struct loader *l, size_t from, const struct node *entry)
{
	const char *msg = "";
	size_t i;

	for (i = from; i < l->depth; i++)
		msg = arena_printf(l->a, "%s%s → ", msg,
		    l->info[l->chain[i].doc].rel);
	diag_report(l->d, D_INCLUDE_CYCLE, entry->span, "include cycle: %s%s",
	    msg, l->info[l->chain[from].doc].rel);
}

/* Notes an include whose file could not be read; returns (size_t)-1 for
 * include_one. */
static size_t
unread(struct loader *l, const struct node *entry)
{
	*ARENA_PUSH(l->a, l->out->unread, l->out->nunread,
	    l->out->capunread) = entry;
	return (size_t)-1;
}

/* One entry of the include list of the innermost open file. Returns the
 * new document's index, or (size_t)-1 if nothing new was loaded (a problem
 * was reported, or the file was already loaded). */
static size_t
include_one(struct loader *l, const struct node *entry)
{
	size_t from = l->chain[l->depth - 1].doc, i;
	const char *rel, *shown, *real;
	const struct source *src;
	const struct node *root;

	if (entry->kind != NODE_SCALAR || entry->len == 0) {
		diag_report(l->d, D_WRONG_TYPE, entry->span, "expected a file "
		    "name, got %s", node_kind_name(entry));
		return (size_t)-1;
	}
	if (entry->str[0] == '/') {
		diag_report(l->d, D_INCLUDE_ESCAPE, entry->span, "absolute "
		    "include path '%s': includes are relative to the including "
		    "file", entry->str);
		return (size_t)-1;
	}
	/* '..' is judged on the text first, so that a path leading out is
	 * reported as such even when nothing is there. */
	rel = join_relative(l->a, source_dir(l->a, l->info[from].rel),
	    entry->str);
	if (rel == NULL) {
		diag_report(l->d, D_INCLUDE_ESCAPE, entry->span, "include '%s' "
		    "leads outside the plan's directory: an included file must "
		    "lie in or below the directory of the top-level plan",
		    entry->str);
		return (size_t)-1;
	}
	/* "." or "sub/..": the plan's own directory, which would otherwise
	 * be reported as the file '' that does not exist. */
	if (rel[0] == '\0') {
		diag_report(l->d, D_IO, entry->span, "cannot read included file "
		    "'%s': it names the plan's directory, not a file",
		    entry->str);
		return (size_t)-1;
	}
	shown = arena_printf(l->a, "%s%s", l->top_dir, rel);
	if (l->top_real == NULL) {
		diag_report(l->d, D_IO, entry->span, "cannot read included file "
		    "'%s': the plan's directory cannot be resolved", shown);
		return unread(l, entry);
	}
	if ((real = real_path(l->a, shown)) == NULL) {
		diag_report(l->d, D_IO, entry->span, "cannot read included file "
		    "'%s': %s", shown, strerror(errno));
		return unread(l, entry);
	}
	/* A symbolic link may still lead out. */
	if (!inside(l->top_real, real)) {
		diag_report(l->d, D_INCLUDE_ESCAPE, entry->span, "include '%s' "
		    "leads outside the plan's directory: it resolves to '%s'",
		    entry->str, real);
		return (size_t)-1;
	}
	for (i = 0; i < l->depth; i++)
		if (strcmp(l->info[l->chain[i].doc].real, real) == 0) {
			report_cycle(l, i, entry);
			return (size_t)-1;
		}
	for (i = 0; i < l->out->ndocs; i++)
		if (strcmp(l->info[i].real, real) == 0)
			return (size_t)-1;	/* loaded by another branch */
	if (l->out->ndocs >= LOAD_MAX_INCLUDES) {
		if (!l->capped)
			diag_report(l->d, D_IO, entry->span, "too many included "
			    "files: a plan may consist of at most %d files",
			    LOAD_MAX_INCLUDES);
		l->capped = 1;
		return (size_t)-1;
	}
	if (load_text(l->a, l->srcs, l->d, shown, &src, &root) != 0) {
		diag_report(l->d, D_IO, entry->span, "cannot read included file "
		    "'%s': %s", shown, strerror(errno));
		return unread(l, entry);
	}
	add_doc(l, src->path, root, real, rel);
	return l->out->ndocs - 1;
}

/* The include list of doc: `include: FILE` or `include: [FILE, ...]`.
 * Returns its entries (*n of them); anything else is reported. */
static const struct node *const *
include_list(struct loader *l, size_t doc, size_t *n)
{
	const struct node *inc = l->out->docs[doc].include;

	*n = 0;
	if (inc == NULL)
		return NULL;
	if (inc->kind == NODE_SEQ) {
		*n = inc->nitems;
		return (const struct node *const *)inc->items;
	}
	if (inc->kind == NODE_SCALAR) {
		const struct node **one = arena_alloc(l->a, sizeof *one);

		*one = inc;
		*n = 1;
		return one;
	}
	diag_report(l->d, D_WRONG_TYPE, inc->span, "expected a file name or a "
	    "list of file names, got %s", node_kind_name(inc));
	return NULL;
}

/* Follows includes depth-first from docs[0], with the chain of open files
 * as an explicit stack (at most LOAD_MAX_INCLUDES deep). */
static void
load_includes(struct loader *l)
{
	const struct node *const *entries[LOAD_MAX_INCLUDES + 1];
	size_t nentries[LOAD_MAX_INCLUDES + 1], doc;

	l->chain = arena_alloc(l->a, (LOAD_MAX_INCLUDES + 1) *
	    sizeof *l->chain);
	l->chain[0].doc = 0;
	l->chain[0].next = 0;
	entries[0] = include_list(l, 0, &nentries[0]);
	l->depth = 1;
	while (l->depth > 0) {
		struct open_file *top = &l->chain[l->depth - 1];

		if (top->next >= nentries[l->depth - 1]) {
			l->depth--;
			continue;
		}
		doc = include_one(l, entries[l->depth - 1][top->next++]);
		if (doc == (size_t)-1 || l->depth > LOAD_MAX_INCLUDES)
			continue;
		l->chain[l->depth].doc = doc;
		l->chain[l->depth].next = 0;
		entries[l->depth] = include_list(l, doc, &nentries[l->depth]);
		l->depth++;
	}
}

enum stage_status
load_plan(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, struct load_result *out)
{
	struct loader l;
	size_t errors = d->count[SEV_ERROR];
	const struct source *src;
	const struct node *root;
	const char *real, *slash;

	memset(&l, 0, sizeof l);
	l.a = a;
	l.srcs = srcs;
	l.d = d;
	l.out = out;
	if (load_text(a, srcs, d, path, &src, &root) != 0) {
		load_unreadable(d, path, errno);
		return STAGE_FAILED;
	}
	l.top_dir = source_dir(a, path);
	l.top_real = real_path(a, l.top_dir[0] ? l.top_dir : ".");
	if ((real = real_path(a, path)) == NULL)
		real = path;
	slash = strrchr(path, '/');
	add_doc(&l, src->path, root, real, slash ? slash + 1 : path);
	load_includes(&l);
	return d->count[SEV_ERROR] > errors ? STAGE_ERRORS : STAGE_OK;
}
