/* buf.h - a growing byte buffer, for the writers that make text of a
 * length known only at the end: planc's own PDF objects (pdftag.c) and
 * the object streams and xref stream (pdfpack.c). */
#ifndef PLANC_BUF_H
#define PLANC_BUF_H

#include <stddef.h>

/* Starts zeroed ({ NULL, 0, 0 }). s is malloc'd and its owner frees it;
 * after any addition s[len] is a NUL (not counted in len). */
struct buf {
	char *s;
	size_t len, cap;
};

/* Append n bytes, a string, or printf's output. Growing ends the program
 * when memory is out (arena_oom), as every allocation in planc does. */
void buf_add(struct buf *b, const void *s, size_t n);
void buf_str(struct buf *b, const char *s);
void buf_fmt(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
