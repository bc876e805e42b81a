/* outfile.c - writing output files without ever destroying anything (see
 * outfile.h): atomic replacement of regular files, direct writes to FIFOs
 * and devices, and a temporary file that no signal or exit leaves behind. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"

/* The kernel's own limit on symbolic links in one lookup. */
#define MAX_LINKS 40

/*
 * The temporary file that exists right now, for the signal handler and the
 * exit handler. It lives in a static buffer because a handler may not
 * allocate, and it is only changed with the signals blocked, so a handler
 * never sees it half-written.
 */
static char pending[PATH_MAX];
static volatile sig_atomic_t have_pending;

static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGNALS (sizeof cleanup_signals / sizeof cleanup_signals[0])
static struct sigaction previous[NSIGNALS];
static int handlers_installed;

static void
on_signal(int sig)
{
	size_t i;

	if (have_pending)
		unlink(pending);
	/* Then the signal does what it did before planc caught it (usually
	 * ends the process, so that the shell sees an interrupted build). */
	for (i = 0; i < NSIGNALS; i++)
		if (cleanup_signals[i] == sig)
			sigaction(sig, &previous[i], NULL);
	raise(sig);
}

static void
on_exit_cleanup(void)
{
	if (have_pending)
		unlink(pending);
}

/* Once per process: the handlers that remove the temporary file. A signal
 * the caller chose to ignore (nohup) stays ignored. */
static void
install_handlers(void)
{
	struct sigaction sa;
	size_t i;

	if (handlers_installed)
		return;
	handlers_installed = 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGNALS; i++)
		sigaddset(&sa.sa_mask, cleanup_signals[i]);
	for (i = 0; i < NSIGNALS; i++) {
		if (sigaction(cleanup_signals[i], NULL, &previous[i]) != 0 ||
		    previous[i].sa_handler == SIG_IGN)
			continue;
		sigaction(cleanup_signals[i], &sa, NULL);
	}
	atexit(on_exit_cleanup);
}

static void
block_signals(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NSIGNALS; i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void
restore_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

static int
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reports that path cannot be written and why; returns -1. */
static int
refused(struct diags *d, const char *path, const char *why)
{
	struct span whole = { NULL, 0, 0, 0, 0 };

	whole.file = path;
	diag_report(d, D_OUTPUT, whole, "cannot write the file: %s", why);
	return -1;
}

static int
failed(struct diags *d, const char *path, int err)
{
	return refused(d, path, err == EISDIR ? "it is a directory" :
	    strerror(err));
}

/* The length of the directory part of path, with its '/': 0 for none. */
static size_t
dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path) + 1 : 0;
}

/* The file a write to path lands in: path with the symbolic links of its
 * last component followed, as open() would (the directories on the way are
 * the kernel's business). A dangling link gives the path it points to, so
 * that the file is created there. Returns a malloc'd path, or NULL with
 * errno set (ELOOP). */
static char *
resolve_links(const char *path)
{
	char *cur = xmalloc(strlen(path) + 1), *link, *next;
	struct stat st;
	ssize_t n;
	size_t dl;
	int hops;

	strcpy(cur, path);
	for (hops = 0;; hops++) {
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;
		if (hops == MAX_LINKS) {
			free(cur);
			errno = ELOOP;
			return NULL;
		}
		link = xmalloc(PATH_MAX);
		if ((n = readlink(cur, link, PATH_MAX - 1)) < 0) {
			/* Vanished or unreadable: let the write report it. */
			free(link);
			return cur;
		}
		link[n] = '\0';
		dl = link[0] == '/' ? 0 : dir_len(cur);
		next = xmalloc(dl + (size_t)n + 1);
		memcpy(next, cur, dl);
		memcpy(next + dl, link, (size_t)n + 1);
		free(link);
		free(cur);
		cur = next;
	}
}

/* A FIFO or a character device: written in place, never replaced. A FIFO
 * is opened without blocking so that one nobody reads fails at once
 * (ENXIO) instead of hanging; then the writes block as usual. */
static int
write_direct(struct diags *d, const char *shown, const char *target,
    const void *buf, size_t len)
{
	int fd, flags;

	fd = open(target, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENXIO) {
			return refused(d, shown, "no process is reading the "
			    "FIFO");
		}
		return failed(d, shown, errno);
	}
	if ((flags = fcntl(fd, F_GETFL)) < 0 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0 ||
	    write_all(fd, buf, len) != 0) {
		int saved = errno;
		close(fd);
		return failed(d, shown, saved);
	}
	if (close(fd) != 0)
		return failed(d, shown, errno);
	return 0;
}

/* Makes a rename in the directory of path durable. Best effort: a file
 * system that cannot sync a directory has still renamed the file. It runs
 * after the rename, so it must not allocate: running out of memory there
 * would report a failure for a file that has been written. */
static void
sync_dir(const char *path)
{
	size_t dl = dir_len(path);
	char dir[PATH_MAX];
	int fd;

	if (dl == 0 || dl >= sizeof dir)
		strcpy(dir, ".");
	else {
		memcpy(dir, path, dl);
		dir[dl] = '\0';
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* A regular file (or none yet): a temporary file beside it, then rename. */
static int
replace(struct diags *d, const char *shown, const char *target,
    const struct stat *old, const void *buf, size_t len)
{
	size_t dl = dir_len(target);
	const char *base = target + dl;
	sigset_t mask;
	mode_t um;
	int fd, saved;

	if (*base == '\0')
		return refused(d, shown, "not a file name");
	/* The temporary file must be in the target's directory: rename()
	 * is only atomic within one file system. */
	if (dl + strlen(base) + sizeof ".." ".XXXXXX" > sizeof pending)
		return failed(d, shown, ENAMETOOLONG);
	install_handlers();
	block_signals(&mask);
	snprintf(pending, sizeof pending, "%.*s.%s.XXXXXX", (int)dl, target,
	    base);
	fd = mkstemp(pending);
	saved = errno;
	have_pending = fd >= 0;
	restore_signals(&mask);
	if (fd < 0)
		return failed(d, shown, saved);
	/* Keep the permissions an existing output had; else 0666 under the
	 * umask, as a plain fopen() would give. */
	if (old != NULL)
		(void)fchmod(fd, old->st_mode & 07777);
	else {
		um = umask(0);
		umask(um);
		(void)fchmod(fd, 0666 & ~um);
	}
	if (write_all(fd, buf, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) != 0) {
		saved = errno;
		goto fail;
	}
	block_signals(&mask);
	if (rename(pending, target) != 0) {
		saved = errno;
		restore_signals(&mask);
		goto fail;
	}
	have_pending = 0;
	restore_signals(&mask);
	sync_dir(target);
	return 0;
fail:
	block_signals(&mask);
	unlink(pending);
	have_pending = 0;
	restore_signals(&mask);
	return failed(d, shown, saved);
}

enum stage_status
outfile_write(struct diags *d, const char *path, const void *buf, size_t len)
{
	static const struct span no_file = { NULL, 0, 0, 0, 0 };
	struct stat st;
	char *target;
	int rc;

	if (strcmp(path, "-") == 0) {
		if (write_all(STDOUT_FILENO, buf, len) != 0) {
			diag_report(d, D_OUTPUT, no_file, "cannot write to "
			    "standard output: %s", strerror(errno));
			return STAGE_FAILED;
		}
		return STAGE_OK;
	}
	if ((target = resolve_links(path)) == NULL) {
		failed(d, path, errno);
		return STAGE_FAILED;
	}
	if (stat(target, &st) != 0) {
		rc = errno == ENOENT ? replace(d, path, target, NULL, buf, len) :
		    failed(d, path, errno);
	} else if (S_ISREG(st.st_mode))
		rc = replace(d, path, target, &st, buf, len);
	else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))
		rc = write_direct(d, path, target, buf, len);
	else if (S_ISDIR(st.st_mode))
		rc = failed(d, path, EISDIR);
	else
		rc = refused(d, path, "not a regular file, FIFO or character "
		    "device");
	free(target);
	return rc == 0 ? STAGE_OK : STAGE_FAILED;
}

int
outfile_is(const char *out, const char *in)
{
	struct stat so, si;

	if (strcmp(out, "-") == 0 || stat(out, &so) != 0 ||
	    stat(in, &si) != 0)
		return 0;
	return so.st_dev == si.st_dev && so.st_ino == si.st_ino;
}
