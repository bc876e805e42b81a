/* outfile.h - replacing an output file atomically: a temporary file in the
 * same directory, written and fsynced, then renamed over the target. */
#ifndef PLANC_OUTFILE_H
#define PLANC_OUTFILE_H

#include <stddef.h>

/* Writes buf to path ("-": standard output). On any failure the previous
 * file at path is untouched, no temporary file is left, a message naming
 * the path and the reason is printed to stderr, and -1 is returned. */
int outfile_write(const char *path, const void *buf, size_t len);

#endif
