/* gitrev.c - extracting a plan's directory from a git revision (see
 * gitrev.h) with `git archive REV -- DIR | tar -x`, run without a shell so
 * that no path or revision is ever interpreted by one. */
/* nftw(3) is X/Open; the build asks for plain POSIX. */
#define _XOPEN_SOURCE 700

#include "gitrev.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"

extern char **environ;

static char *
dup_str(const char *s)
{
	char *p = xmalloc(strlen(s) + 1);

	strcpy(p, s);
	return p;
}

/* Runs argv with stdout into out and stdin from in (-1: inherited), its
 * stderr to /dev/null if quiet; returns its pid, or -1. */
static pid_t
spawn(char *const argv[], int in, int out, int quiet)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int rc;

	if (posix_spawn_file_actions_init(&fa) != 0)
		return -1;
	if (in >= 0)
		posix_spawn_file_actions_adddup2(&fa, in, STDIN_FILENO);
	if (out >= 0)
		posix_spawn_file_actions_adddup2(&fa, out, STDOUT_FILENO);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, STDERR_FILENO,
		    "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	return pid;
}

static int
wait_ok(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* The first line git prints for argv, in buf; 0 on success. */
static int
git_line(char *const argv[], char *buf, size_t len)
{
	int fd[2];
	pid_t pid;
	ssize_t n;
	size_t got = 0;

	if (pipe(fd) != 0)
		return -1;
	pid = spawn(argv, -1, fd[1], 1);
	close(fd[1]);
	if (pid < 0) {
		close(fd[0]);
		return -1;
	}
	while (got + 1 < len && (n = read(fd[0], buf + got,
	    len - 1 - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		got += (size_t)n;
	}
	close(fd[0]);
	buf[got] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return wait_ok(pid) && got > 0 ? 0 : -1;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
remove_tree(const char *dir)
{
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int
gitrev_extract(const char *rev, const char *plan, struct gitrev *g)
{
	char top[PATH_MAX], dir[PATH_MAX], *real = NULL, *slash;
	const char *base, *rel;
	char tmpl[] = "/tmp/planc-git.XXXXXX";
	int fd[2];
	pid_t git, tar;
	size_t n;

	memset(g, 0, sizeof g[0]);
	/* The plan's directory, which exists in the work tree even if the
	 * plan itself did not yet or no longer does. */
	slash = strrchr(plan, '/');
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - plan) : 1,
	    slash ? plan : ".");
	base = slash ? slash + 1 : plan;
	if (slash == plan)
		strcpy(dir, "/");
	{
		char *const argv[] = { (char *)"git", (char *)"-C", dir,
		    (char *)"rev-parse", (char *)"--show-toplevel", NULL };

		if (git_line(argv, top, sizeof top) != 0) {
			fprintf(stderr, "planc: '%s' is not in a git work tree "
			    "(diff --git reads plans from git)\n", plan);
			return -1;
		}
	}
	if ((real = realpath(dir, NULL)) == NULL) {
		fprintf(stderr, "planc: cannot read '%s': %s\n", dir,
		    strerror(errno));
		return -1;
	}
	n = strlen(top);
	if (strncmp(real, top, n) != 0 || (real[n] != '/' && real[n] != '\0')) {
		fprintf(stderr, "planc: '%s' is outside its repository '%s'\n",
		    plan, top);
		free(real);
		return -1;
	}
	rel = real[n] == '/' ? real + n + 1 : ".";
	if (mkdtemp(tmpl) == NULL) {
		fprintf(stderr, "planc: cannot make a temporary directory: %s\n",
		    strerror(errno));
		free(real);
		return -1;
	}
	{
		char *const gitv[] = { (char *)"git", (char *)"-C", top,
		    (char *)"archive", (char *)"--format=tar", (char *)rev,
		    (char *)"--", (char *)rel, NULL };
		char *const tarv[] = { (char *)"tar", (char *)"-x", (char *)"-C",
		    tmpl, NULL };

		int git_ok, tar_ok;

		if (pipe(fd) != 0) {
			remove_tree(tmpl);
			free(real);
			return -1;
		}
		git = spawn(gitv, -1, fd[1], 0);
		close(fd[1]);
		/* git says what is wrong; tar would only add that the
		 * archive is empty. */
		tar = git < 0 ? -1 : spawn(tarv, fd[0], -1, 1);
		close(fd[0]);
		git_ok = git >= 0 && wait_ok(git);
		tar_ok = tar >= 0 && wait_ok(tar);
		if (!git_ok || !tar_ok) {
			fprintf(stderr, "planc: cannot read '%s' at revision "
			    "'%s' (git archive failed)\n", rel, rev);
			remove_tree(tmpl);
			free(real);
			return -1;
		}
	}
	g->tmp = dup_str(tmpl);
	g->dir = dup_str(rel);
	g->plan = xmalloc(strlen(rel) + strlen(base) + 2);
	sprintf(g->plan, "%s/%s", rel, base);
	g->shown = xmalloc(strlen(rev) + strlen(g->plan) + 2);
	sprintf(g->shown, "%s:%s", rev, g->plan);
	free(real);
	return 0;
}

void
gitrev_free(struct gitrev *g)
{
	if (g == NULL)
		return;
	if (g->tmp != NULL)
		remove_tree(g->tmp);
	free(g->tmp);
	free(g->dir);
	free(g->plan);
	free(g->shown);
	memset(g, 0, sizeof g[0]);
}
