/* bigmem.h - large blocks that are filled once and read often (font files,
 * the hyphenation automaton) in transparent huge pages where the kernel
 * has them: fresh 4 KB pages cost a fault each as they are first written,
 * which was most of what reading a font or compiling the patterns cost. */
#ifndef PLANC_BIGMEM_H
#define PLANC_BIGMEM_H

#include <stddef.h>

struct bigmem;

/* size bytes (not zeroed, aligned for any type); *owner is what
 * bigmem_free needs. Never NULL: without room in a huge-page region it is
 * malloc'd (*owner NULL), and out of memory ends the program (arena_oom).
 * Under AddressSanitizer every block is malloc'd, so that reads past its
 * end are caught. */
void *bigmem_alloc(size_t size, struct bigmem **owner);

/* Gives p (from bigmem_alloc, with its owner) back. A region's memory is
 * returned to the system when its last block is given back. NULL is
 * fine. */
void bigmem_free(void *p, struct bigmem *owner);

#endif
