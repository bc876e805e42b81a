/* pdfpack.h - the PDF stage's last step: a classic PDF file (one object
 * after another, a cross-reference table) repacked with object streams. */
#ifndef PLANC_PDFPACK_H
#define PLANC_PDFPACK_H

#include <stddef.h>

/* Repacks the PDF in (inlen bytes, as libharu writes it) so that every
 * object that may live in an object stream (all but streams, PDF 1.5 §7.5.7)
 * does, compressed, and the cross-reference table becomes an xref stream;
 * the header says at least PDF 1.5. Object numbers, streams and the
 * trailer's entries stay as they were, so a reader sees the same document.
 * On success returns 0 with a malloc'd *out (*outlen bytes; the caller
 * frees it). Returns -1 and leaves *out NULL when in is not a file this
 * repacking understands: not a classic file, an object whose generation is
 * not 0, an encrypted file, or one already holding object streams. The
 * caller then keeps in, which is a good PDF, only a larger one. */
int pdfpack(const unsigned char *in, size_t inlen, unsigned char **out,
    size_t *outlen);

#endif
