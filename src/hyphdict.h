/* hyphdict.h - a hyphenation pattern file (.dic) compiled into the
 * automaton libhyphen's hnj_hyphen_hyphenate3 runs, the same one
 * hnj_hyphen_load builds, in a fraction of its time (see hyphdict.c). */
#ifndef PLANC_HYPHDICT_H
#define PLANC_HYPHDICT_H

struct _HyphenDict;	/* libhyphen's HyphenDict (<hyphen.h>) */
struct hyphdict;

/* Loads the pattern file at path. Returns NULL when it cannot be read.
 * A file this loader does not take (NEXTLEVEL, NOHYPHEN, non-standard
 * patterns with '/', a line longer than libhyphen reads) is loaded by
 * hnj_hyphen_load itself, so every file gives libhyphen's automaton. Out
 * of memory ends the program (arena_oom). Free with hyphdict_free(). */
struct hyphdict *hyphdict_load(const char *path);

/* The automaton, for hnj_hyphen_hyphenate3; valid until hyphdict_free. */
struct _HyphenDict *hyphdict_dict(const struct hyphdict *hd);

/* 1 if hd was built here, 0 if hnj_hyphen_load built it (for the tests). */
int hyphdict_is_own(const struct hyphdict *hd);

/* Frees hd and its automaton. NULL is fine. */
void hyphdict_free(struct hyphdict *hd);

#endif
