/* starter.h - `planc new DIR`: a plan to start from (see starter.c). */
#ifndef PLANC_STARTER_H
#define PLANC_STARTER_H

#include "diag.h"

struct arena;
struct diags;

/* Writes a small plan that checks clean and builds (plan.yaml and the
 * organisation file it includes) into dir, which is made if missing.
 * Never overwrites a file: returns STAGE_FAILED after a D_OUTPUT error if one
 * of them exists or cannot be written, else STAGE_OK. */
enum stage_status starter_write(struct arena *a, struct diags *d,
    const char *dir);

#endif
