/* utf8.h - the few UTF-8 operations planc needs: validating, decoding,
 * counting characters, and folding case and accents for "did you mean". */
#ifndef PLANC_UTF8_H
#define PLANC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from s (at most n bytes). Returns the number of
 * bytes used (1-4), or 0 if the sequence is invalid (overlong, surrogate,
 * beyond U+10FFFF, truncated); *cp is then U+FFFD. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encodes cp into out (room for 4 bytes); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);

/* Byte offset of the first invalid sequence in s[0..n), or n if valid. */
size_t utf8_invalid(const char *s, size_t n);

/* Number of code points in s[0..n) (invalid bytes count one each). */
size_t utf8_count(const char *s, size_t n);

/* Byte offset of the col-th character (0-based) of s[0..n), or n. */
size_t utf8_offset(const char *s, size_t n, size_t col);

/* Folds cp for loose comparison: lower case, Latin accents removed
 * ('Ï' → 'i', 'é' → 'e'). Code points it does not know are returned as is. */
uint32_t utf8_fold(uint32_t cp);

/* Edit distance (Levenshtein, per code point) between a and b after
 * folding if fold is set; gives up and returns limit + 1 as soon as the
 * distance must exceed limit. */
size_t utf8_distance(const char *a, const char *b, int fold, size_t limit);

/* Names and ids are compared on their first UTF8_KEY_MAX characters,
 * which is plenty to tell them apart. */
#define UTF8_KEY_MAX 128

/* The code points of s, folded if fold is set, at most max of them, into
 * out; returns how many. */
size_t utf8_codes(const char *s, uint32_t *out, size_t max, int fold);

/* utf8_distance on code points already decoded (and folded), for callers
 * that compare one string with many. */
size_t utf8_distance_codes(const uint32_t *x, size_t nx, const uint32_t *y,
    size_t ny, size_t limit);

#endif
