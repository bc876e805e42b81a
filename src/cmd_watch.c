/* cmd_watch.c - planc watch FILE: build (driver_build, as planc build does)
 * again each time the plan, a file it includes, its layout or a font
 * changes (watch.c tells when), printing each round's diagnostics and
 * outcome, until SIGINT or SIGTERM (exit 0). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "driver.h"
#include "node.h"
#include "source.h"
#include "style.h"
#include "watch.h"

/* An editor's save is a burst of events within a few milliseconds; a
 * round begins once the files have been quiet this long, and at the
 * latest LATEST_TIMES as long after the first change, however busy they
 * stay. $PLANC_WATCH_QUIET_MS sets another quiet period: longer for a slow
 * network file system, and in the tests, so that a scripted save of
 * several steps on a busy machine is still one round. */
#define QUIET_MS 150
#define QUIET_MAX_MS 60000
#define LATEST_TIMES 10

/* $PLANC_WATCH_QUIET_MS if it is a number from 1 to QUIET_MAX_MS, else
 * QUIET_MS. */
static int
quiet_ms(void)
{
	const char *s = getenv("PLANC_WATCH_QUIET_MS");
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return QUIET_MS;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= 1 && v <= QUIET_MAX_MS ? (int)v : QUIET_MS;
}

static int64_t
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The files the next round depends on, into *paths (in a): the plan even
 * when it could not be read, every file the round read (includes, the
 * layout), the layout file asked for, the fonts, and the includes that could
 * not be read, whose appearance is a change too. Returns their number. */
static size_t
inputs(struct arena *a, const struct options *o, const struct sources *srcs,
    const struct build_outcome *r, const char ***paths)
{
	const char **p;
	size_t i, n = 0, max, kept;

	max = 2 + srcs->n + 4 + STYLE_MAX_FALLBACK + r->nunread;
	p = arena_alloc(a, max * sizeof *p);
	p[n++] = o->files[0];
	if (o->layout != NULL && style_is_path(o->layout))
		p[n++] = o->layout;
	for (i = 0; i < srcs->n; i++)
		p[n++] = srcs->items[i]->path;
	if (r->have_style) {
		p[n++] = r->st.regular;
		p[n++] = r->st.bold;
		p[n++] = r->st.italic;
		p[n++] = r->st.bold_italic;
		for (i = 0; i < r->st.nfallback && i < STYLE_MAX_FALLBACK; i++)
			p[n++] = r->st.fallback[i];
	}
	for (i = 0; i < r->nunread; i++)
		if (r->unread[i]->span.file != NULL)
			p[n++] = arena_printf(a, "%s%s", source_dir(a,
			    r->unread[i]->span.file), r->unread[i]->str);
	/* A face the layout does not set is NULL. */
	for (i = kept = 0; i < n; i++)
		if (p[i] != NULL)
			p[kept++] = p[i];
	*paths = p;
	return kept;
}

/* Copies paths[0..n) into a. */
static const char **
copy_paths(struct arena *a, const char *const *paths, size_t n)
{
	const char **p = arena_alloc(a, (n ? n : 1) * sizeof *p);
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = arena_printf(a, "%s", paths[i]);
	return p;
}

/* The line after a round's diagnostics: what came of it. */
static void
report(const struct diags *d, int status, const struct build_outcome *r,
    const char *out, int64_t ms)
{
	size_t e = d->count[SEV_ERROR], w = d->count[SEV_WARNING];
	struct stat st;

	if (status == EXIT_OK && r->written)
		printf("built %s in %lld ms, %zu page%s\n", out, (long long)ms,
		    r->pages, r->pages == 1 ? "" : "s");
	else {
		if (e > 0)
			printf("%zu error%s; ", e, e == 1 ? "" : "s");
		else if (w > 0)
			printf("%zu warning%s and --werror; ", w, w == 1 ? "" :
			    "s");
		else
			printf("not built; ");
		if (stat(out, &st) == 0)
			printf("kept the last good PDF, %s\n", out);
		else
			printf("no PDF written\n");
	}
}

int
cmd_watch(int argc, char **argv)
{
	struct options o;
	struct watch *w;
	struct arena *a, *kept = NULL;
	struct sources srcs;
	struct diags d;
	struct build_outcome r;
	struct tm created;
	const char **paths, **good = NULL, **all, *changed, *def;
	char *out;
	size_t n, ngood = 0;
	int64_t t0;
	int status, have_date, first = 1, watched = -1, nw, quiet = quiet_ms();
	enum watch_result wr = WATCH_CHANGED;

	if (cli_parse_options(argc, argv, "watch", &o) != 0)
		return EXIT_USAGE;
	if (o.help)
		return cli_help(cli_command_find("watch"));
	if (o.nfiles != 1)
		return cli_usage_error("%s", "watch takes exactly one FILE"),
		    EXIT_USAGE;
	if (strcmp(o.files[0], "-") == 0)
		return cli_usage_error("%s", "watch reads a plan from a file, "
		    "not from standard input"), EXIT_USAGE;
	if (o.dump_layout)
		return cli_usage_error("%s", "watch writes a PDF; --dump-layout "
		    "is for build"), EXIT_USAGE;
	if (o.output != NULL && strcmp(o.output, "-") == 0)
		return cli_usage_error("%s", "watch replaces a file each round; "
		    "-o - (standard output) is for build"), EXIT_USAGE;
	if ((have_date = driver_source_date(&created)) < 0)
		return EXIT_USAGE;
	if ((w = watch_new()) == NULL) {
		if (errno == ENOSYS)
			fprintf(stderr, "planc: watch is not supported on this "
			    "system (it needs Linux's inotify)\n");
		else
			fprintf(stderr, "planc: cannot watch files: %s\n",
			    strerror(errno));
		return EXIT_USAGE;
	}
	/* The output's name outlives every round's arena. */
	a = arena_new();
	def = o.output ? o.output : driver_default_output(a, o.files[0]);
	out = strcpy(xmalloc(strlen(def) + 1), def);
	arena_free(a);

	for (;;) {
		a = arena_new();
		memset(&srcs, 0, sizeof srcs);
		memset(&d, 0, sizeof d);
		srcs.arena = d.arena = a;
		d.max_per_code = o.max_per_code;
		t0 = now_ms();
		status = driver_build(a, &srcs, &d, &o, out, have_date ?
		    &created : NULL, &r);
		diag_sort(&d, &srcs);
		diag_print(&d, &srcs, DIAG_HUMAN, driver_use_colour(o.color),
		    stdout, stderr);
		/* At the start, what makes build exit 2 (the plan cannot be
		 * read, no such layout, an output that is an input) ends
		 * watch too: it is a mistake on the command line. Later the
		 * same is a file in the middle of being saved, and watch
		 * waits for the next change. */
		if (first && status == EXIT_USAGE) {
			arena_free(a);
			break;
		}
		report(&d, status, &r, out, now_ms() - t0);
		/* A round that failed may not have read everything (a YAML
		 * error stops before the includes and the layout): until one
		 * succeeds again, the files of the last good round stay
		 * watched as well. */
		n = inputs(a, &o, &srcs, &r, &paths);
		if (status == EXIT_OK) {
			arena_free(kept);
			kept = arena_new();
			good = copy_paths(kept, paths, n);
			ngood = n;
		} else if (ngood > 0) {
			all = arena_alloc(a, (n + ngood) * sizeof *all);
			memcpy(all, paths, n * sizeof *all);
			memcpy(all + n, good, ngood * sizeof *all);
			paths = all;
			n += ngood;
		}
		nw = watch_files(w, (const char *const *)paths, n);
		if (nw != watched)
			printf("watching %d file%s%s\n", nw, nw == 1 ? "" : "s",
			    first ? " (the plan, its includes, layout and "
			    "fonts); Ctrl-C stops" : "");
		watched = nw;
		arena_free(a);
		first = 0;
		if (driver_flush_stdout() != 0) {
			status = EXIT_USAGE;
			break;
		}
		wr = watch_wait(w, quiet, quiet * LATEST_TIMES, &changed);
		if (wr != WATCH_CHANGED)
			break;
		printf("\n%s changed\n", changed);
		fflush(stdout);
	}
	if (wr == WATCH_ERROR) {
		fprintf(stderr, "planc: cannot watch files: %s\n",
		    strerror(errno));
		status = EXIT_USAGE;
	} else if (wr == WATCH_STOP)
		status = EXIT_OK;
	watch_free(w);
	arena_free(kept);
	free(out);
	return status;
}
