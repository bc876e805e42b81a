/* json.h - writing JSON strings, for the machine-readable outputs (the
 * diagnostics' json and sarif formats, planc diff --format=json). */
#ifndef PLANC_JSON_H
#define PLANC_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Writes s (UTF-8, NUL-terminated; NULL writes null) as a JSON string. */
void json_string(FILE *f, const char *s);

/* The same for len bytes of s. */
void json_stringn(FILE *f, const char *s, size_t len);

#endif
