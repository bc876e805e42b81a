/* pdf.h - the last stage: laid-out pages (doc.h) to PDF bytes. */
#ifndef PLANC_PDF_H
#define PLANC_PDF_H

#include <stddef.h>

#include "diag.h"

struct diags;
struct doc;
struct tm;

/* Writes doc as a PDF into a malloc'd buffer (*out, *outlen; the caller
 * frees it): the faces set are embedded from doc->font_paths, with the
 * outlines, links, page labels and metadata doc carries. created is the
 * creation date (UTC), or NULL for none. Returns STAGE_OK; or STAGE_FAILED
 * after a D_PDF error in d saying why (libharu refused a font or failed),
 * leaving *out NULL. */
enum stage_status pdf_write(const struct doc *doc, const struct tm *created,
    struct diags *d, unsigned char **out, size_t *outlen);

#endif
