/* pdf.h - the last stage: a checked plan to PDF bytes. */
#ifndef PLANC_PDF_H
#define PLANC_PDF_H

#include <stddef.h>
#include <stdio.h>

struct plan;
struct diags;
struct style;
struct tm;

/* Lays out plan in style st (its fonts) and writes the PDF into
 * a malloc'd buffer (*out, *outlen; the caller frees it). Returns 0; or -1
 * after printing why to stderr (a font that cannot be loaded, a failure
 * inside libharu), leaving *out NULL. Problems in the plan itself (a
 * character no font has) are reported to d as warnings. created is the
 * PDF's creation date (UTC), or NULL for none. With dump set, the pages
 * are written to it as text (layout_dump) instead of a PDF. */
int pdf_render(const struct plan *plan, const struct style *st,
    struct diags *d, const struct tm *created, FILE *dump,
    unsigned char **out, size_t *outlen);

#endif
