/* load.h - reading plan and layout files: bytes → UTF-8 checked text →
 * libyaml events → position-carrying nodes, with includes resolved. */
#ifndef PLANC_LOAD_H
#define PLANC_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "node.h"

struct arena;
struct sources;
struct diags;

/* Hard limits that keep any input linear and bounded. */
#define LOAD_MAX_DEPTH		64	/* nesting of lists and mappings */
#define LOAD_MAX_NODES		1000000	/* nodes per file, aliases expanded */
#define LOAD_MAX_INCLUDES	256	/* files per plan */
#define LOAD_MAX_BYTES		(64u << 20)	/* bytes per file */

/* One loaded file. */
struct load_doc {
	const char *path;		/* path as shown in messages */
	const struct node *root;	/* NULL if the file is empty */
	const struct node *include;	/* the root's `include:` value, or NULL */
};

struct load_result {
	struct load_doc *docs;		/* docs[0] is the top-level file, then
					 * its includes depth-first, each once */
	size_t ndocs, cap;
	/* The `include:` entries whose file could not be read (reported as
	 * D_IO errors), for a dump that goes on without them. */
	const struct node **unread;
	size_t nunread, capunread;
};

/* Reads, checks and parses the file at path without following includes,
 * registering its text in srcs under path. Returns -1 with errno set if it
 * cannot be read (nothing reported), else 0 with *src and *root set (*root
 * NULL if the file is empty or a problem stopped it). load_file and
 * load_plan (include.c) are built on it. */
int load_text(struct arena *a, struct sources *srcs, struct diags *d,
    const char *path, const struct source **src, const struct node **root);

/* Reports that the file at path cannot be read (errno err): a D_IO error
 * about the whole file (line 0), in every output format. */
void load_unreadable(struct diags *d, const char *path, int err);

/* Loads one YAML file without following includes (layouts, tests).
 * Nodes, strings and the source text live in arena; problems are reported to
 * d with positions; the text is registered in srcs for quoting. *root is NULL
 * for an empty document. */
enum stage_status load_file(struct arena *a, struct sources *srcs,
    struct diags *d, const char *path, const struct node **root);

/* Loads a plan: path, then every file named by a top-level `include:` key
 * (a path or a list of paths, relative to the including file), recursively.
 * Included paths must stay inside the directory of the top-level file after
 * resolving symlinks; they may not be absolute; a cycle is reported with its
 * chain. Each file is loaded once even if included twice. Returns
 * STAGE_FAILED when the top-level file cannot be read (a D_IO error about
 * the whole file), STAGE_ERRORS when errors were reported, else STAGE_OK;
 * load_file the same. */
enum stage_status load_plan(struct arena *a, struct sources *srcs,
    struct diags *d, const char *path, struct load_result *out);

#endif
