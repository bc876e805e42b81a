/* pdf.h - the last stage: a checked plan to PDF bytes. */
#ifndef PLANC_PDF_H
#define PLANC_PDF_H

#include <stddef.h>

struct plan;
struct diags;

/* Lays out plan with the fonts under datadir/fonts and writes the PDF into
 * a malloc'd buffer (*out, *outlen; the caller frees it). Returns 0; or -1
 * after printing why to stderr (a font that cannot be loaded, a failure
 * inside libharu), leaving *out NULL. Problems in the plan itself (a
 * character no font has) are reported to d as warnings. */
int pdf_render(const struct plan *plan, struct diags *d, const char *datadir,
    unsigned char **out, size_t *outlen);

#endif
