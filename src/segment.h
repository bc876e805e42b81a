/* segment.h - a scalar's span and segments from its text in the source
 * (see segment.c), for the loader. */
#ifndef PLANC_SEGMENT_H
#define PLANC_SEGMENT_H

#include "node.h"
#include "textpos.h"

struct arena;

/* Fills in scalar n's span and segments from its text in src, s to e
 * (anchor and tag already skipped): see the span rules in load.c. The
 * segments live in a. */
void segment_scalar(struct arena *a, const struct source *src,
    struct node *n, struct text_at s, struct text_at e);

#endif
