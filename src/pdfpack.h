/* pdfpack.h - the PDF stage's last step: a classic PDF file (one object
 * after another, a cross-reference table) repacked with object streams. */
#ifndef PLANC_PDFPACK_H
#define PLANC_PDFPACK_H

#include <stddef.h>

/* An object planc writes itself, beside libharu's (pdftag.c's structure
 * tree): its number and its value (len bytes of body, not "N 0 obj"). */
struct pdfpack_obj {
	size_t num;
	const char *body;
	size_t len;
};

/* Repacks the PDF in (inlen bytes, as libharu writes it) so that every
 * object that may live in an object stream (all but streams, PDF 1.5 §7.5.7)
 * does, compressed, and the cross-reference table becomes an xref stream;
 * the header says at least PDF 1.5. The nown objects own join them: one
 * whose number libharu has (a placeholder it was made to reserve, so that
 * its objects could refer to it) replaces libharu's value; the others
 * are new, numbered from libharu's /Size on. Object numbers, streams and
 * the trailer's entries stay as they were.
 * On success returns 0 with a malloc'd *out (*outlen bytes; the caller
 * frees it). Returns -1 and leaves *out NULL when in is not a file this
 * repacking understands: not a classic file, an object whose generation is
 * not 0, an encrypted file, one already holding object streams; or when
 * an own object would replace a stream or one libharu does not have below
 * its /Size. Without own objects the caller can keep in, a good PDF, only
 * a larger one. */
int pdfpack(const unsigned char *in, size_t inlen,
    const struct pdfpack_obj *own, size_t nown, unsigned char **out,
    size_t *outlen);

#endif
