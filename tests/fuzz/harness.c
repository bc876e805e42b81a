/* harness.c - the fuzz targets' shared set-up: data directory, private
 * files, the plan/included-file split and diagnostic printing. */

/* realpath(3), mkdtemp(3) and readlink(2) are X/Open. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "harness.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "load.h"
#include "model.h"
#include "source.h"
#include "style.h"

static char datadir[PATH_MAX];
static char tmpdir[PATH_MAX];

static int
has_fonts(const char *dir)
{
	char path[PATH_MAX + 16];
	struct stat sb;

	snprintf(path, sizeof path, "%s/fonts", dir);
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

const char *
fuzz_datadir(void)
{
	const char *env = getenv("PLANC_DATADIR");
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (datadir[0] != '\0')
		return datadir;
	if (env != NULL && env[0] != '\0') {
		snprintf(datadir, sizeof datadir, "%s", env);
	} else if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		/* build-fuzz/fuzz_plan → build-fuzz → the tree */
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		snprintf(datadir, sizeof datadir, "%s", exe);
	}
	if (!has_fonts(datadir)) {
		fprintf(stderr, "fuzz: no fonts/ in '%s'; set PLANC_DATADIR to "
		    "planc's tree\n", datadir);
		abort();
	}
	return datadir;
}

static void
remove_tmpdir(void)
{
	DIR *dir;
	struct dirent *e;
	char path[PATH_MAX + 256];

	if (tmpdir[0] == '\0' || (dir = opendir(tmpdir)) == NULL)
		return;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
		unlink(path);
	}
	closedir(dir);
	rmdir(tmpdir);
}

const char *
fuzz_tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	if (tmpdir[0] != '\0')
		return tmpdir;
	snprintf(tmpdir, sizeof tmpdir, "%s/planc-fuzz.XXXXXX",
	    t != NULL && t[0] != '\0' ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(remove_tmpdir);
	return tmpdir;
}

static char *
tmp_path(const char *name)
{
	const char *dir = fuzz_tmpdir();
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);

	if (path == NULL)
		abort();
	snprintf(path, n, "%s/%s", dir, name);
	return path;
}

char *
fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	char *path = tmp_path(name);
	FILE *f = fopen(path, "wb");

	if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) ||
	    fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}

void
fuzz_remove(const char *name)
{
	char *path = tmp_path(name);

	unlink(path);
	free(path);
}

/* The offset of the first separator line in data (at its start or right
 * after a line end), or size. */
static size_t
find_separator(const uint8_t *data, size_t size)
{
	const size_t n = sizeof FUZZ_SEPARATOR - 1;
	size_t i;

	for (i = 0; i + n <= size; i++)
		if ((i == 0 || data[i - 1] == '\n') &&
		    memcmp(data + i, FUZZ_SEPARATOR, n) == 0)
			return i;
	return size;
}

char *
fuzz_write_plan(const uint8_t *data, size_t size)
{
	size_t sep = find_separator(data, size);
	size_t rest = sep + sizeof FUZZ_SEPARATOR - 1;
	char *inc;

	if (sep < size) {
		inc = fuzz_write(FUZZ_INC, data + rest, size - rest);
		free(inc);
	} else
		fuzz_remove(FUZZ_INC);
	return fuzz_write(FUZZ_PLAN, data, sep);
}

void
fuzz_print(struct diags *d, const struct sources *srcs)
{
	static FILE *null;
	int fmt;

	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	diag_sort(d, srcs);
	for (fmt = 0; fmt < DIAG_FORMAT_COUNT; fmt++)
		diag_print(d, srcs, (enum diag_format)fmt, fmt == DIAG_HUMAN,
		    null, null);
	fflush(null);
}

struct plan *
fuzz_compile(struct arena *a, const char *path, struct sources *srcs,
    struct diags *d, struct style *st, int *layout)
{
	struct load_result docs;
	struct plan *plan;
	enum stage_status ls, rc;

	memset(srcs, 0, sizeof *srcs);
	memset(d, 0, sizeof *d);
	memset(&docs, 0, sizeof docs);
	srcs->arena = d->arena = a;
	*layout = STAGE_FAILED;
	ls = load_plan(a, srcs, d, path, &docs);
	if (ls == STAGE_ERRORS && !diag_has_errors(d))
		abort();	/* exit 1 must come with an error */
	if (ls != STAGE_OK)
		return NULL;
	plan = model_build(a, d, &docs);
	check_plan(a, plan, d);
	if (plan->meta.layout.node != NULL)
		rc = style_load_named(a, srcs, d, fuzz_datadir(),
		    plan->meta.layout.node, st);
	else
		rc = style_load(a, srcs, d, fuzz_datadir(), "pact", st);
	/* A plan's layout is the plan's problem: never a failure, and
	 * errors with a diagnostic to show for them. */
	if (rc == STAGE_FAILED || (rc == STAGE_ERRORS && !diag_has_errors(d)))
		abort();
	*layout = rc;
	return plan;
}
