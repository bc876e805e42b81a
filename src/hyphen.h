/* hyphen.h - where a word may be hyphenated, from libhyphen and the
 * language's TeX-derived patterns (for Dutch: hyphen-nl's hyph_nl_NL.dic). */
#ifndef PLANC_HYPHEN_H
#define PLANC_HYPHEN_H

#include <stddef.h>

struct hyphenator;

/* Loads the patterns for lang ("nl", "en", ...) from dir (NULL: the
 * system's /usr/share/hyphen). Returns NULL if there are none; the caller
 * then sets text without hyphenation. Free with hyphen_close(). */
struct hyphenator *hyphen_open(const char *lang, const char *dir);
void hyphen_close(struct hyphenator *h);

/* The Debian package with lang's patterns ("hyphen-nl"), for a message
 * when hyphen_open finds none; NULL for a language planc has none for. */
const char *hyphen_package(const char *lang);

/* Finds the places where word (UTF-8, len bytes, letters only: the caller
 * splits off punctuation) may break with a hyphen. Writes up to max byte
 * offsets into at[] (a break before word[at[i]]) and returns how many.
 * left and right are the smallest fragments, in characters, to leave on
 * either side. Words with a character the patterns' encoding cannot hold,
 * or longer than 100 characters, get no points. */
size_t hyphen_points(struct hyphenator *h, const char *word, size_t len,
    int left, int right, size_t *at, size_t max);

#endif
