/* watch.c - waiting for files to change (see watch.h): inotify on their
 * directories and a signalfd for the stop signals, read with one poll().
 * The only file that knows inotify; elsewhere watch_new() says ENOSYS. */
#include "watch.h"

#include <errno.h>
#include <stdlib.h>

#ifdef __linux__

#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"

/* What happens to a file in a directory when it is saved, by any editor:
 * written in place (MODIFY, CLOSE_WRITE), written anew and renamed over the
 * old one (MOVED_TO: sed -i, most editors), the old one renamed away first
 * (MOVED_FROM, DELETE, CREATE: vim's and emacs's backups), touched
 * (ATTRIB). Opening and reading (our own build) are not among them. */
#define FILE_EVENTS (IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | \
	IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB)
/* The watched directory itself renamed or removed: its files are gone. */
#define DIR_EVENTS (IN_DELETE_SELF | IN_MOVE_SELF)

/* How far up watch_files() looks for a directory that exists. */
#define MAX_CLIMB 64

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSTOP (sizeof stop_signals / sizeof stop_signals[0])

/* One watched file: the name it has (or will have) in the directory that
 * inotify watch descriptor wd stands for, and its path as given. */
struct wfile {
	int wd;
	const char *name;
	const char *path;
};

struct watch {
	int ifd, sfd;			/* inotify, signalfd */
	sigset_t old_mask;		/* the mask before watch_new() */
	struct arena *a;		/* the current set's strings and arrays */
	struct wfile *files;
	size_t nfiles, capfiles;
	int *wds;			/* watch descriptors in use, each once */
	size_t nwds, capwds;
	char changed[PATH_MAX];		/* what watch_wait() hands out */
};

struct watch *
watch_new(void)
{
	struct watch *w;
	struct sigaction sa;
	sigset_t set;
	size_t i;
	int saved;

	w = xmalloc(sizeof *w);
	memset(w, 0, sizeof *w);
	w->sfd = -1;
	if ((w->ifd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) < 0) {
		saved = errno;
		free(w);
		errno = saved;
		return NULL;
	}
	/* A signal the caller ignores (nohup) stays ignored: Linux drops an
	 * ignored signal even when it is blocked, so asking for it would be
	 * in vain anyway. */
	sigemptyset(&set);
	for (i = 0; i < NSTOP; i++)
		if (sigaction(stop_signals[i], NULL, &sa) == 0 &&
		    sa.sa_handler != SIG_IGN)
			sigaddset(&set, stop_signals[i]);
	sigprocmask(SIG_BLOCK, &set, &w->old_mask);
	if ((w->sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) < 0) {
		saved = errno;
		sigprocmask(SIG_SETMASK, &w->old_mask, NULL);
		close(w->ifd);
		free(w);
		errno = saved;
		return NULL;
	}
	w->a = arena_new();
	return w;
}

void
watch_free(struct watch *w)
{
	struct signalfd_siginfo si;

	if (w == NULL)
		return;
	/* A second stop signal (Ctrl-C twice) is still pending: it was
	 * answered by the first and must not kill the process when the mask
	 * goes back, so it is read here. */
	while (read(w->sfd, &si, sizeof si) == (ssize_t)sizeof si)
		;
	close(w->ifd);
	close(w->sfd);
	sigprocmask(SIG_SETMASK, &w->old_mask, NULL);
	arena_free(w->a);
	free(w);
}

/* "dir/name" split at its last '/' into the directory (NULL: ".") and the
 * name, both in a. A trailing '/' names no file: NULL. */
static int
split(struct arena *a, const char *path, const char **dir, const char **name)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		*dir = ".";
		*name = path;
	} else {
		*dir = slash == path ? "/" : arena_printf(a, "%.*s",
		    (int)(slash - path), path);
		*name = slash + 1;
	}
	return **name == '\0' ? -1 : 0;
}

static void
keep_wd(struct watch *w, int wd)
{
	size_t i;

	for (i = 0; i < w->nwds; i++)
		if (w->wds[i] == wd)
			return;
	*ARENA_PUSH(w->a, w->wds, w->nwds, w->capwds) = wd;
}

/* Watches the file at path (its directory, or the nearest existing one
 * above, with the name of the first missing step), shown as shown.
 * Returns 1 if it is watched, else 0. */
static int
add_file(struct watch *w, const char *path, const char *shown)
{
	const char *dir, *name;
	struct wfile *f;
	int wd, climb;
	size_t i;

	if (split(w->a, path, &dir, &name) != 0)
		return 0;
	for (climb = 0;; climb++) {
		wd = inotify_add_watch(w->ifd, dir, FILE_EVENTS | DIR_EVENTS |
		    IN_ONLYDIR);
		if (wd >= 0)
			break;
		/* Not there yet (or a file where a directory should be,
		 * which may still change): wait for it one level up. */
		if ((errno != ENOENT && errno != ENOTDIR) ||
		    climb == MAX_CLIMB || strcmp(dir, ".") == 0 ||
		    strcmp(dir, "/") == 0 || split(w->a, dir, &dir, &name) != 0)
			return 0;
	}
	keep_wd(w, wd);
	for (i = 0; i < w->nfiles; i++)
		if (w->files[i].wd == wd && strcmp(w->files[i].name, name) == 0)
			return 0;
	f = ARENA_PUSH(w->a, w->files, w->nfiles, w->capfiles);
	f->wd = wd;
	f->name = arena_printf(w->a, "%s", name);
	f->path = arena_printf(w->a, "%s", shown);
	return 1;
}

int
watch_files(struct watch *w, const char *const *paths, size_t n)
{
	struct arena *old = w->a;
	int *old_wds = w->wds;
	size_t nold = w->nwds, i, j;
	char *real;
	int count = 0;

	w->a = arena_new();
	w->files = NULL;
	w->wds = NULL;
	w->nfiles = w->capfiles = w->nwds = w->capwds = 0;
	for (i = 0; i < n; i++) {
		count += add_file(w, paths[i], paths[i]);
		/* An edit to the file a link leads to changes what the link
		 * reads, and happens in the target's directory. */
		if ((real = realpath(paths[i], NULL)) != NULL) {
			if (strcmp(real, paths[i]) != 0)
				add_file(w, real, paths[i]);
			free(real);
		}
	}
	/* inotify gives a directory watched twice the same descriptor, so
	 * only those no file of the new set needs are given up. */
	for (i = 0; i < nold; i++) {
		for (j = 0; j < w->nwds && w->wds[j] != old_wds[i]; j++)
			;
		if (j == w->nwds)
			inotify_rm_watch(w->ifd, old_wds[i]);
	}
	arena_free(old);
	return count;
}

/* The watched file named name in wd's directory, or NULL. */
static const struct wfile *
find_file(const struct watch *w, int wd, const char *name)
{
	size_t i;

	for (i = 0; i < w->nfiles; i++)
		if (w->files[i].wd == wd && strcmp(w->files[i].name, name) == 0)
			return &w->files[i];
	return NULL;
}

/* Whether wd is one of the current set's directories. */
static int
in_use(const struct watch *w, int wd)
{
	size_t i;

	for (i = 0; i < w->nwds; i++)
		if (w->wds[i] == wd)
			return 1;
	return 0;
}

/* Reads the queued events. Returns 1 if one of them changed a watched file
 * (its path into w->changed if empty), 0 if none did, -1 on a read error. */
static int
read_events(struct watch *w)
{
	_Alignas(struct inotify_event) char buf[8192];
	const struct inotify_event *ev;
	const struct wfile *f;
	const char *what;
	ssize_t len;
	char *p;
	int hit = 0;

	for (;;) {
		len = read(w->ifd, buf, sizeof buf);
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0 && errno == EAGAIN)
			return hit;
		if (len <= 0)
			return len == 0 ? (errno = EIO, -1) : -1;
		for (p = buf; p < buf + len; p += sizeof *ev + ev->len) {
			ev = (const struct inotify_event *)(void *)p;
			what = NULL;
			if (ev->mask & IN_Q_OVERFLOW)
				what = "(too many changes at once)";
			else if (ev->len > 0 && (ev->mask & FILE_EVENTS) &&
			    (f = find_file(w, ev->wd, ev->name)) != NULL)
				what = f->path;
			else if ((ev->mask & (DIR_EVENTS | IN_IGNORED)) &&
			    in_use(w, ev->wd))
				what = "(a watched directory)";
			if (what == NULL)
				continue;
			if (!hit && w->changed[0] == '\0')
				snprintf(w->changed, sizeof w->changed, "%s",
				    what);
			hit = 1;
		}
	}
}

static int64_t
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

enum watch_result
watch_wait(struct watch *w, int quiet_ms, int max_ms, const char **changed)
{
	struct pollfd fds[2];
	struct signalfd_siginfo si;
	int64_t first = -1, last = 0, deadline, t;
	int timeout, rc;

	w->changed[0] = '\0';
	*changed = w->changed;
	fds[0].fd = w->sfd;
	fds[1].fd = w->ifd;
	fds[0].events = fds[1].events = POLLIN;
	for (;;) {
		timeout = -1;
		if (first >= 0) {
			deadline = last + quiet_ms;
			if (deadline > first + max_ms)
				deadline = first + max_ms;
			t = now_ms();
			timeout = deadline > t ? (int)(deadline - t) : 0;
		}
		rc = poll(fds, 2, timeout);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return WATCH_ERROR;
		if (rc == 0)
			return WATCH_CHANGED;	/* quiet since the last change */
		if (fds[0].revents & POLLIN) {
			if (read(w->sfd, &si, sizeof si) == (ssize_t)sizeof si)
				return WATCH_STOP;
		}
		if (fds[1].revents & POLLIN) {
			if ((rc = read_events(w)) < 0)
				return WATCH_ERROR;
			if (rc > 0) {
				last = now_ms();
				if (first < 0)
					first = last;
			}
		}
	}
}

#else /* not Linux: no inotify */

struct watch {
	int unused;
};

struct watch *
watch_new(void)
{
	errno = ENOSYS;
	return NULL;
}

int
watch_files(struct watch *w, const char *const *paths, size_t n)
{
	(void)w, (void)paths, (void)n;
	return 0;
}

enum watch_result
watch_wait(struct watch *w, int quiet_ms, int max_ms, const char **changed)
{
	(void)w, (void)quiet_ms, (void)max_ms;
	*changed = "";
	errno = ENOSYS;
	return WATCH_ERROR;
}

void
watch_free(struct watch *w)
{
	(void)w;
}

#endif
