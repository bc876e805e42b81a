/* diag.h - the catalogue of diagnostics and the one way to report them.
 * Diagnostics are collected, sorted by file and position, and printed
 * together; the worst severity decides the exit status. */
#ifndef PLANC_DIAG_H
#define PLANC_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "source.h"

/* What every stage returns beside its data, one convention from the
 * loader to the output file: the diagnostics that say why are in the diags
 * the stage was given. The values are the exit statuses they lead to, so a
 * command's status is the worst of its stages'. */
enum stage_status {
	STAGE_OK = 0,		/* done; there may be warnings */
	STAGE_ERRORS = 1,	/* the input has errors (exit 1) */
	STAGE_FAILED = 2	/* a file could not be read or written, or a
				 * library failed (exit 2) */
};

enum severity {
	SEV_NOTE,
	SEV_WARNING,
	SEV_ERROR,
	SEV_COUNT
};

/* Every diagnostic planc can give, errors first, then warnings; each name
 * in diag.c's table is the stable code printed in brackets. Keep this enum
 * and that table in the same order. */
enum diag_code {
	/* load: files, bytes and YAML */
	D_IO,			/* a file cannot be read */
	D_OUTPUT,		/* the output cannot or may not be written */
	D_PDF,			/* the PDF library refused a font or failed */
	D_ENCODING,		/* invalid UTF-8 */
	D_NUL_BYTE,		/* NUL byte in a source file */
	D_SYNTAX,		/* YAML syntax error */
	D_DUPLICATE_KEY,	/* the same key twice in one mapping */
	D_ALIAS_LIMIT,		/* aliases expand to too many nodes */
	D_DEPTH_LIMIT,		/* nesting too deep */
	D_INCLUDE_ESCAPE,	/* include outside the plan's directory */
	D_INCLUDE_CYCLE,	/* a file includes itself, directly or not */
	/* model: shapes and keys */
	D_NOT_A_PLAN,		/* the document is not a plan */
	D_UNKNOWN_KEY,
	D_MISSING_KEY,
	D_WRONG_TYPE,		/* expected a mapping, got a list ... */
	D_BAD_VALUE,		/* a value outside its allowed set */
	D_BAD_ID,		/* an id that is not lower-case-with-dashes */
	D_BAD_DATE,
	D_BAD_PATTERN,		/* a style rule's or a tie's PCRE2 pattern does
				 * not compile */
	/* layouts */
	D_BAD_COLOUR,		/* not "#rrggbb" or "#rgb" */
	D_MISSING_FONT,		/* a font that resolves to no file */
	/* check: references and consistency */
	D_DUPLICATE_ID,
	D_UNKNOWN_REF,
	D_WRONG_KIND,		/* a reference to the wrong kind of entity */
	D_UNKNOWN_FOOTNOTE,
	D_NO_AMBITION,		/* a domain without ambitions */
	D_FOREIGN_AMBITION,	/* an activity serving another domain's ambition */
	D_MARKUP,		/* malformed prose markup */
	D_STYLE_ERROR,		/* a house-style rule of severity error */
	/* warnings */
	D_UNUSED_FOOTNOTE,
	D_UNUSED_PERSON,
	D_NEAR_DUPLICATE,	/* two entities whose names almost match */
	D_FREE_TEXT_ENTITY,	/* free text that names a known entity */
	D_EMPTY_TEXT,		/* a text that is only whitespace */
	D_STYLE,		/* a house-style rule of severity warning */
	D_MISSING_GLYPH,	/* a character that no font in the chain has */
	D_LONG_WORD,		/* a word wider than its line, broken anywhere */
	D_NO_HYPHENATION,	/* the plan's language has no patterns here */
	D_COUNT
};

struct diag_note {
	struct pos pos;		/* file NULL: a note without a place */
	char *message;
};

struct diag {
	enum diag_code code;
	enum severity severity;
	struct span span;
	char *message;
	struct diag_note *notes;
	size_t nnotes, capnotes;
	size_t seq;		/* report order, the tie-breaker when sorting */
	size_t file_order;	/* the file's place among the sources (sorting) */
};

struct diags {
	struct arena *arena;
	struct diag **items;
	size_t n, cap;
	size_t count[SEV_COUNT];
	size_t max_per_code;	/* diag_print shows at most this many of
				 * each code, 0: all (see DIAG_MAX_PER_CODE) */
};

/* The command line's default for max_per_code: enough to see what is wrong,
 * few enough that 100,000 unused people do not flood a terminal or a CI
 * log. */
#define DIAG_MAX_PER_CODE 100

/* The catalogue. */
const char *diag_code_name(enum diag_code code);
enum severity diag_code_severity(enum diag_code code);

/* Reports a diagnostic at span with the catalogue's severity. The message
 * is formatted from fmt; strings are copied into the diags' arena. Returns
 * the diagnostic so that notes can be attached. Never fails. */
struct diag *diag_report(struct diags *d, enum diag_code code,
    struct span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The same with an explicit severity (house-style rules choose their own). */
struct diag *diag_report_sev(struct diags *d, enum diag_code code,
    enum severity sev, struct span span, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Attaches a note at pos (pos.file may be NULL) to diag. */
void diag_note(struct diags *d, struct diag *diag, struct pos pos,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A span from a single position one character wide. */
struct span span_at(struct pos p);

enum diag_format {
	DIAG_HUMAN,
	DIAG_JSON,
	DIAG_SARIF,
	DIAG_GITHUB,
	DIAG_FORMAT_COUNT
};

/* Sorts the diagnostics by file (in the order the files were read: the
 * plan before what it includes), line, column and report order. */
void diag_sort(struct diags *d, const struct sources *srcs);

/* Prints the diagnostics in fmt. Human output goes to err, GitHub, JSON and
 * SARIF to out (they are the command's result). color: use ANSI colours in
 * the human format. srcs gives the lines to quote.
 *
 * Of each code only the first d->max_per_code diagnostics (in sorted order)
 * are printed; how many more there were is said per code and severity: a
 * line "planc: note: N more 'CODE' warnings not shown ..." after the human
 * output, a ::notice in GitHub's, the list "suppressed": [{"code",
 * "severity", "count"}] beside "diagnostics" in JSON (always there, empty if
 * nothing was cut) and a toolExecutionNotification of the run's invocation
 * in SARIF (with properties "severity" and "count"). The counts in d, and so
 * the exit status, are unaffected.
 *
 * Human and GitHub output show messages and notes with invisible and
 * control characters escaped (source_escape()); JSON and SARIF carry the
 * text as it is, JSON-escaped. Each human diagnostic (with its quoted lines
 * and notes) is written to err in one piece. Out of memory ends the program
 * (xmalloc). */
void diag_print(const struct diags *d, const struct sources *srcs,
    enum diag_format fmt, int color, FILE *out, FILE *err);

/* The code whose name (the word in brackets) is name, or -1. */
int diag_code_lookup(const char *name);

/* Leaves out the warnings and notes whose code is silenced (-W no-CODE),
 * and with quiet every warning and note; errors always stay. The counts
 * follow. */
void diag_filter(struct diags *d, const unsigned char silenced[D_COUNT],
    int quiet);

/* Worst severity seen: 1 if any error, else 0. */
int diag_has_errors(const struct diags *d);

#endif
