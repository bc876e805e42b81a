/* watch.h - waiting until one of a set of files changes, for planc watch:
 * inotify on the files' directories (Linux only), so that an editor that
 * saves by writing a new file and renaming it over the old one is seen,
 * with the changes of one save gathered into one wake-up; and SIGINT,
 * SIGTERM and SIGHUP turned into a clean stop. */
#ifndef PLANC_WATCH_H
#define PLANC_WATCH_H

#include <stddef.h>

struct watch;

enum watch_result {
	WATCH_CHANGED,		/* a watched file changed, then all was quiet */
	WATCH_STOP,		/* SIGINT, SIGTERM or SIGHUP came */
	WATCH_ERROR,		/* reading the events failed; errno is set */
	WATCH_RESULT_COUNT
};

/* A watcher with no files yet. From here until watch_free() SIGINT, SIGTERM
 * and SIGHUP (those not ignored) are blocked and only ever come out of
 * watch_wait() as WATCH_STOP: so they never interrupt a build between two
 * waits, and no build's temporary file can be left behind by them. Returns
 * NULL with errno set when the system cannot watch files (ENOSYS: not
 * Linux; EMFILE: out of inotify instances). Free with watch_free(). */
struct watch *watch_new(void);

/* Makes paths[0..n) the files watched, in place of the previous set: the
 * directory of each is watched, and a file whose directory does not exist
 * yet is watched through the nearest directory above it that does, so that
 * it counts as changed when it appears. A symbolic link's target is watched
 * as well as the link. Returns the number of files watched (0 if none of
 * the directories could be). The paths are copied; running out of memory
 * ends planc (arena_oom), as everywhere. */
int watch_files(struct watch *w, const char *const *paths, size_t n);

/* Waits until a watched file is written, created, replaced, renamed,
 * removed or touched, and then for quiet_ms without another such change
 * (but at most max_ms after the first), so that an editor's several steps
 * of one save come to one WATCH_CHANGED. *changed gets the path, as given
 * to watch_files(), of the first file that changed (storage of w, valid
 * until its next call). Changes to other files in the same directories
 * (the PDF being written, an editor's swap files) are not counted. */
enum watch_result watch_wait(struct watch *w, int quiet_ms, int max_ms,
    const char **changed);

/* Stops watching, unblocks the signals watch_new() blocked. NULL is fine. */
void watch_free(struct watch *w);

#endif
