/* outfile.h - writing an output file so that nothing is ever half-written
 * or destroyed: a regular file is replaced atomically (a temporary file in
 * the same directory, written, fsynced, renamed over the target, whose
 * symbolic links are followed); a FIFO or a character device is written
 * directly and never renamed over; no input of a build is ever its output. */
#ifndef PLANC_OUTFILE_H
#define PLANC_OUTFILE_H

#include <stddef.h>

#include "diag.h"

struct diags;

/* Writes buf to path ("-": standard output). On any failure the previous
 * file at path is untouched, no temporary file is left, a D_OUTPUT error
 * about the path saying why is reported to d, and STAGE_FAILED returned.
 *
 * While the temporary file exists, SIGINT, SIGTERM and SIGHUP (unless they
 * were ignored) remove it before the signal takes its usual course, and so
 * does exit() (out of memory ends planc that way). A FIFO is opened without
 * blocking: with no process reading it, the write fails at once. */
enum stage_status outfile_write(struct diags *d, const char *path,
    const void *buf, size_t len);

/* 1 if writing to out would write into the existing file in (the same
 * file after following symbolic links, or a hard link to it), else 0. A
 * path that does not exist is no file's alias. */
int outfile_is(const char *out, const char *in);

#endif
