/* yamlmsg.h - libyaml's syntax errors in an author's words: for the
 * mistakes Dutch prose provokes (a colon or an apostrophe in a title, a
 * value starting with '*', a tab, an unclosed quote), what went wrong and
 * how to write it instead. */
#ifndef PLANC_YAMLMSG_H
#define PLANC_YAMLMSG_H

#include <stddef.h>

struct arena;

struct yamlmsg {
	const char *message;	/* the error */
	const char *hint;	/* a note saying what to write, or NULL */
	int at_context;		/* 1: report at libyaml's context mark (the
				 * opening quote, the alias), not the
				 * problem's */
};

/* Explains libyaml's problem (and context, NULL if none) found at byte
 * problem of text (the whole source, NUL-terminated), the context at byte
 * context. Fills *out and returns 1 when the case is one it knows; returns
 * 0 otherwise (the caller keeps libyaml's words). Strings live in a. */
int yamlmsg_explain(struct arena *a, const char *text, size_t len,
    const char *problem, size_t at, const char *context, size_t context_at,
    struct yamlmsg *out);

#endif
