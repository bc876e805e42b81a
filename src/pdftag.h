/* pdftag.h - the tagged-PDF objects (PDF/UA-1) that libharu 2.3.0 lacks
 * and planc writes itself: the marked-content operators pdf.c puts around
 * what it draws, the structure tree with its ParentTree, MarkInfo,
 * ViewerPreferences and the XMP metadata. Only pdf.c uses this. */
#ifndef PLANC_PDFTAG_H
#define PLANC_PDFTAG_H

#include <stddef.h>
#include <time.h>

#include <hpdf.h>

struct doc;
struct pdfpack_obj;
struct piece;
struct pdftag;

/* The tagging of doc. doc must outlive it; pdftag_free frees it. Ends
 * the program if out of memory (arena_oom). */
struct pdftag *pdftag_new(const struct doc *doc);
void pdftag_free(struct pdftag *t);

/* The operators to write into page's content stream, inside its text
 * object, before the text of piece pc (which belongs to doc.pages[page]):
 * they end the open marked-content sequence and begin pc's when pc is
 * not part of it. "" when nothing changes. The string is t's, valid until
 * the next call. */
const char *pdftag_piece(struct pdftag *t, size_t page,
    const struct piece *pc);

/* The operators that end the open sequence ("" if none), before the end
 * of the text object. */
const char *pdftag_close(struct pdftag *t);

/* The operators that begin and end decoration drawn outside text (rules,
 * fills): a layout artifact. */
const char *pdftag_artifact_begin(void);
const char *pdftag_artifact_end(void);

/* Records the link annotation annot of doc.pages[page] made for the link
 * whose structure element is elem (doc.pages[page].links[].elem). */
void pdftag_annot(struct pdftag *t, size_t page, HPDF_Annotation annot,
    unsigned elem);

/* Writes the structure tree, the ParentTree, /StructParents and /Tabs on
 * the pages and annotations, MarkInfo, ViewerPreferences and the XMP
 * metadata (with its dates when created is not NULL) into pdf, whose
 * pages are pages[0..doc.npages). The tree's elements are planc's own
 * objects (pdftag_objects), numbered after libharu's, whose file must
 * then not gain objects: call this last before the save. Returns HPDF_OK
 * or libharu's error code; on failure pdf must not be saved. */
HPDF_STATUS pdftag_write(struct pdftag *t, HPDF_Doc pdf, HPDF_Page *pages,
    const struct tm *created);

/* The objects pdftag_write made, for pdfpack to put into the file (*n of
 * them). They are t's, valid until pdftag_free. */
const struct pdfpack_obj *pdftag_objects(struct pdftag *t, size_t *n);

#endif
