/* diag.c - the catalogue of diagnostics, their collection, and the four
 * output formats (human, JSON, SARIF, GitHub workflow commands). */
#include "diag.h"
#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"

#ifndef PLANC_VERSION
#define PLANC_VERSION "0.0"
#endif

/* The catalogue, in enum order: code, default severity, what it is about
 * (the SARIF rule description). */
static const struct {
	const char *name;
	enum severity severity;
	const char *about;
} catalogue[D_COUNT] = {
	[D_IO] = { "io", SEV_ERROR, "a file cannot be read" },
	[D_OUTPUT] = { "output", SEV_ERROR, "the output cannot or may not be "
	    "written" },
	[D_PDF] = { "pdf", SEV_ERROR, "the PDF library refused a font or "
	    "failed" },
	[D_ENCODING] = { "encoding", SEV_ERROR, "the file is not valid UTF-8" },
	[D_NUL_BYTE] = { "nul-byte", SEV_ERROR, "the file contains a NUL byte" },
	[D_SYNTAX] = { "syntax", SEV_ERROR, "YAML syntax error" },
	[D_DUPLICATE_KEY] = { "duplicate-key", SEV_ERROR, "a key appears twice in one mapping" },
	[D_ALIAS_LIMIT] = { "alias-limit", SEV_ERROR, "aliases expand to too many nodes" },
	[D_DEPTH_LIMIT] = { "depth-limit", SEV_ERROR, "lists and mappings nested too deeply" },
	[D_INCLUDE_ESCAPE] = { "include-escape", SEV_ERROR, "an include leaves the plan's directory" },
	[D_INCLUDE_CYCLE] = { "include-cycle", SEV_ERROR, "files include each other in a cycle" },
	[D_NOT_A_PLAN] = { "not-a-plan", SEV_ERROR, "the document is not a plan" },
	[D_UNKNOWN_KEY] = { "unknown-key", SEV_ERROR, "a key the format does not know" },
	[D_MISSING_KEY] = { "missing-key", SEV_ERROR, "a required key is missing" },
	[D_WRONG_TYPE] = { "wrong-type", SEV_ERROR, "a value of the wrong shape" },
	[D_BAD_VALUE] = { "bad-value", SEV_ERROR, "a value outside its allowed set" },
	[D_BAD_ID] = { "bad-id", SEV_ERROR, "an id that is not lower-case letters, digits and dashes" },
	[D_BAD_DATE] = { "bad-date", SEV_ERROR, "an invalid date" },
	[D_BAD_PATTERN] = { "bad-pattern", SEV_ERROR, "a style rule's or a tie's pattern does not compile" },
	[D_BAD_COLOUR] = { "bad-colour", SEV_ERROR, "a colour that is not #rrggbb or #rgb" },
	[D_MISSING_FONT] = { "missing-font", SEV_ERROR, "a layout's font that is not found" },
	[D_DUPLICATE_ID] = { "duplicate-id", SEV_ERROR, "two entities share an id" },
	[D_UNKNOWN_REF] = { "unknown-ref", SEV_ERROR, "a reference to an id that does not exist" },
	[D_WRONG_KIND] = { "wrong-kind", SEV_ERROR, "a reference to the wrong kind of entity" },
	[D_UNKNOWN_FOOTNOTE] = { "unknown-footnote", SEV_ERROR, "a footnote mark without a footnote" },
	[D_NO_AMBITION] = { "no-ambition", SEV_ERROR, "a domain without ambitions" },
	[D_FOREIGN_AMBITION] = { "foreign-ambition", SEV_ERROR, "an activity serves another domain's ambition" },
	[D_MARKUP] = { "markup", SEV_ERROR, "malformed prose markup" },
	[D_STYLE_ERROR] = { "style-error", SEV_ERROR, "a house-style rule of severity error matched" },
	[D_UNUSED_FOOTNOTE] = { "unused-footnote", SEV_WARNING, "a footnote that no text marks" },
	[D_UNUSED_PERSON] = { "unused-person", SEV_WARNING, "a person nothing refers to" },
	[D_NEAR_DUPLICATE] = { "near-duplicate", SEV_WARNING, "two entities with almost the same name" },
	[D_FREE_TEXT_ENTITY] = { "free-text-entity", SEV_WARNING, "free text that names a known entity" },
	[D_EMPTY_TEXT] = { "empty-text", SEV_WARNING, "a text with nothing in it" },
	[D_STYLE] = { "style", SEV_WARNING, "a house-style rule matched" },
	[D_MISSING_GLYPH] = { "missing-glyph", SEV_WARNING, "a character no font can show" },
	[D_LONG_WORD] = { "long-word", SEV_WARNING, "a word wider than its line" },
	[D_NO_HYPHENATION] = { "no-hyphenation", SEV_WARNING, "no hyphenation patterns for the plan's language" },
};

static const char *const severity_name[SEV_COUNT] = {
	[SEV_NOTE] = "note", [SEV_WARNING] = "warning", [SEV_ERROR] = "error",
};

const char *
diag_code_name(enum diag_code code)
{
	return code < D_COUNT ? catalogue[code].name : "?";
}

enum severity
diag_code_severity(enum diag_code code)
{
	return code < D_COUNT ? catalogue[code].severity : SEV_ERROR;
}

struct span
span_at(struct pos p)
{
	struct span s = { p.file, p.line, p.col, p.line, p.col + 1 };
	return s;
}

static struct diag *
report(struct diags *d, enum diag_code code, enum severity sev,
    struct span span, const char *fmt, va_list ap)
{
	struct diag *dg = arena_alloc(d->arena, sizeof *dg);
	va_list ap2;
	int n;

	dg->code = code;
	dg->severity = sev;
	dg->span = span;
	dg->seq = d->n;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	dg->message = arena_alloc(d->arena, n > 0 ? (size_t)n + 1 : 1);
	if (n > 0)
		vsnprintf(dg->message, (size_t)n + 1, fmt, ap);
	*ARENA_PUSH(d->arena, d->items, d->n, d->cap) = dg;
	d->count[sev]++;
	return dg;
}

struct diag *
diag_report(struct diags *d, enum diag_code code, struct span span,
    const char *fmt, ...)
{
	struct diag *dg;
	va_list ap;

	va_start(ap, fmt);
	dg = report(d, code, diag_code_severity(code), span, fmt, ap);
	va_end(ap);
	return dg;
}

struct diag *
diag_report_sev(struct diags *d, enum diag_code code, enum severity sev,
    struct span span, const char *fmt, ...)
{
	struct diag *dg;
	va_list ap;

	va_start(ap, fmt);
	dg = report(d, code, sev, span, fmt, ap);
	va_end(ap);
	return dg;
}

void
diag_note(struct diags *d, struct diag *dg, struct pos pos, const char *fmt,
    ...)
{
	struct diag_note *note;
	va_list ap;
	int n;

	note = ARENA_PUSH(d->arena, dg->notes, dg->nnotes, dg->capnotes);
	note->pos = pos;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	note->message = arena_alloc(d->arena, n > 0 ? (size_t)n + 1 : 1);
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(note->message, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

int
diag_has_errors(const struct diags *d)
{
	return d->count[SEV_ERROR] > 0;
}

static int
compare(const void *pa, const void *pb)
{
	const struct diag *a = *(const struct diag *const *)pa;
	const struct diag *b = *(const struct diag *const *)pb;

	if (a->file_order != b->file_order)
		return a->file_order < b->file_order ? -1 : 1;
	if (a->span.line != b->span.line)
		return a->span.line < b->span.line ? -1 : 1;
	if (a->span.col != b->span.col)
		return a->span.col < b->span.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
diag_sort(struct diags *d, const struct sources *srcs)
{
	size_t i, k;

	/* Diagnostics without a file come first; a file the sources do not
	 * know (it could not be read) comes last. */
	for (i = 0; i < d->n; i++) {
		struct diag *dg = d->items[i];
		const struct source *src = sources_find(srcs, dg->span.file);

		dg->file_order = dg->span.file == NULL ? 0 : srcs->n + 1;
		for (k = 0; src != NULL && k < srcs->n; k++)
			if (srcs->items[k] == src)
				dg->file_order = k + 1;
	}
	if (d->n > 1)
		qsort(d->items, d->n, sizeof *d->items, compare);
}

/* ---- the per-code limit ---- */

/* Which diagnostics are printed: the first max of each code, in sorted
 * order; hidden counts the others by code and severity. */
struct cut {
	size_t max;
	size_t seen[D_COUNT];
	size_t hidden[D_COUNT][SEV_COUNT];
	size_t nhidden;
};

/* Whether dg, the next diagnostic in sorted order, is printed. */
static int
cut_shows(struct cut *c, const struct diag *dg)
{
	return c->max == 0 || dg->code >= D_COUNT ||
	    c->seen[dg->code]++ < c->max;
}

/* Counts what the limit hides, then starts over so that the printer can ask
 * cut_shows() about each diagnostic in the same order. */
static void
cut_init(struct cut *c, const struct diags *d)
{
	size_t i;

	memset(c, 0, sizeof *c);
	c->max = d->max_per_code;
	for (i = 0; i < d->n; i++)
		if (!cut_shows(c, d->items[i])) {
			c->hidden[d->items[i]->code][d->items[i]->severity]++;
			c->nhidden++;
		}
	memset(c->seen, 0, sizeof c->seen);
}

/* ---- a growing output buffer: a diagnostic is written in one piece ---- */

struct buf {
	char *p;
	size_t n, cap;
};

/* Makes room for extra more bytes and a NUL. */
static void
buf_reserve(struct buf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : 512;

	if (b->p != NULL && b->cap - b->n > extra)
		return;
	while (cap - b->n <= extra)
		cap *= 2;
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

/* s with the characters source_escape() names escaped and invalid bytes
 * shown as \xNN: an id with a zero-width space in it must not look like
 * the id without. */
static void
buf_escaped(struct buf *b, const char *s)
{
	size_t n, i = 0, from = 0, k, e;
	char esc[SOURCE_ESCAPE_MAX];
	uint32_t cp;

	if (s == NULL)
		s = "";
	n = strlen(s);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			e = (size_t)snprintf(esc, sizeof esc, "\\x%02x", c), k = 1;
		else
			e = source_escape(cp, esc);
		if (e > 0) {
			buf_add(b, s + from, i - from);
			buf_add(b, esc, e);
			from = i + k;
		}
		i += k;
	}
	buf_add(b, s + from, n - from);
}

/* Writes b out in one piece and empties it. */
static void
buf_flush(struct buf *b, FILE *f)
{
	if (b->n > 0)
		fwrite(b->p, 1, b->n, f);
	b->n = 0;
}

/* "99,900 more 'unused-person' warnings not shown (...)": the human line,
 * the GitHub notice and the SARIF notification say the same. */
static void
buf_summary(struct buf *b, size_t count, enum diag_code code,
    enum severity sev)
{
	char digits[32];
	int n = snprintf(digits, sizeof digits, "%zu", count), i;

	for (i = 0; i < n; i++) {
		buf_add(b, digits + i, 1);
		if (i + 1 < n && (n - i - 1) % 3 == 0)
			buf_add(b, ",", 1);
	}
	buf_printf(b, " more '%s' %s%s not shown (--max-per-code=0 shows all)",
	    diag_code_name(code), severity_name[sev], count == 1 ? "" : "s");
}

/* ---- human format ---- */

enum { C_RESET, C_BOLD, C_ERROR, C_WARNING, C_NOTE, C_CARET, C_COUNT };

static const char *const colour[C_COUNT] = {
	"\033[0m", "\033[1m", "\033[1;31m", "\033[1;35m", "\033[1;36m",
	"\033[1;32m",
};

static void
paint(struct buf *b, int on, int c)
{
	if (on)
		buf_puts(b, colour[c]);
}

static void
print_head(struct buf *b, int color, const char *file, int line, int col,
    enum severity sev)
{
	paint(b, color, C_BOLD);
	if (file != NULL && line > 0)
		buf_printf(b, "%s:%d:%d: ", file, line, col);
	else if (file != NULL)
		buf_printf(b, "%s: ", file);
	else
		buf_puts(b, "planc: ");
	paint(b, color, C_RESET);
	paint(b, color, sev == SEV_ERROR ? C_ERROR :
	    sev == SEV_WARNING ? C_WARNING : C_NOTE);
	buf_printf(b, "%s:", severity_name[sev]);
	paint(b, color, C_RESET);
}

/* Quotes the source line of span and underlines the span on it: a caret at
 * its first character and tildes to its end (or the line's end), within a
 * window of the line if it is long (source_excerpt). */
static void
print_excerpt(struct buf *b, int color, const struct sources *srcs,
    struct span span, struct source_cursor *cur)
{
	const struct source *src = sources_find(srcs, span.file);
	struct source_excerpt ex;
	const char *line;
	size_t len, start, end;

	if (src == NULL || span.line < 1 ||
	    (line = source_line(src, span.line, &len)) == NULL)
		return;
	start = span.col > 0 ? (size_t)span.col - 1 : 0;
	end = span.end_line == span.line && span.end_col > span.col ?
	    (size_t)span.end_col - 1 : SIZE_MAX;
	source_excerpt(line, len, start, end, cur, &ex);
	buf_add(b, ex.text, ex.textlen);
	buf_add(b, "\n", 1);
	paint(b, color, C_CARET);
	buf_add(b, ex.under, ex.underlen);
	paint(b, color, C_RESET);
	buf_add(b, "\n", 1);
}

static void
print_human(const struct diags *d, const struct sources *srcs, int color,
    FILE *f)
{
	struct buf b = { NULL, 0, 0 };
	struct source_cursor cur = { NULL, 0, 0 };
	struct cut cut;
	size_t i, j;
	int c, s;

	cut_init(&cut, d);
	for (i = 0; i < d->n; i++) {
		const struct diag *dg = d->items[i];

		if (!cut_shows(&cut, dg))
			continue;
		print_head(&b, color, dg->span.file, dg->span.line,
		    dg->span.col, dg->severity);
		buf_puts(&b, " ");
		buf_escaped(&b, dg->message);
		buf_printf(&b, " [%s]\n", diag_code_name(dg->code));
		print_excerpt(&b, color, srcs, dg->span, &cur);
		for (j = 0; j < dg->nnotes; j++) {
			const struct diag_note *n = &dg->notes[j];
			struct pos p = n->pos;

			if (p.file == NULL)
				p = span_start(dg->span);
			print_head(&b, color, p.file, p.line, p.col, SEV_NOTE);
			buf_puts(&b, " ");
			buf_escaped(&b, n->message);
			buf_puts(&b, "\n");
			if (n->pos.file != NULL &&
			    (n->pos.file != dg->span.file ||
			    n->pos.line != dg->span.line))
				print_excerpt(&b, color, srcs, span_at(n->pos),
				    &cur);
		}
		buf_flush(&b, f);
	}
	for (c = 0; c < D_COUNT; c++)
		for (s = SEV_COUNT - 1; s >= 0; s--)
			if (cut.hidden[c][s] > 0) {
				print_head(&b, color, NULL, 0, 0, SEV_NOTE);
				buf_puts(&b, " ");
				buf_summary(&b, cut.hidden[c][s],
				    (enum diag_code)c, (enum severity)s);
				buf_puts(&b, "\n");
			}
	/* The count at the end, as compilers give it: what a long run of
	 * diagnostics comes to, the ones not shown included. */
	if (d->count[SEV_ERROR] + d->count[SEV_WARNING] > 0) {
		char line[96];
		size_t e = d->count[SEV_ERROR], w = d->count[SEV_WARNING];

		snprintf(line, sizeof line, "%zu error%s, %zu warning%s\n", e,
		    e == 1 ? "" : "s", w, w == 1 ? "" : "s");
		buf_puts(&b, line);
	}
	buf_flush(&b, f);
	free(b.p);
}

/* ---- JSON and SARIF ---- */

/* s as a JSON string: valid UTF-8 whatever s holds (an invalid byte
 * becomes U+FFFD), controls and the separators U+2028/U+2029 (which
 * JavaScript does not accept raw) escaped, everything else as it is. */
static void
print_json(const struct diags *d, FILE *f)
{
	struct cut cut;
	size_t i, j, shown = 0;
	int c, s;

	cut_init(&cut, d);
	fputs("{\"diagnostics\": [", f);
	for (i = 0; i < d->n; i++) {
		const struct diag *dg = d->items[i];

		if (!cut_shows(&cut, dg))
			continue;
		fputs(shown++ ? ",\n  {" : "\n  {", f);
		fputs("\"file\": ", f);
		if (dg->span.file)
			json_string(f, dg->span.file);
		else
			fputs("null", f);
		/* A problem with a whole file (it cannot be read) or with
		 * none has no line and column: null, not a made-up 1:1. */
		if (dg->span.line > 0)
			fprintf(f, ", \"line\": %d, \"column\": %d, "
			    "\"end_line\": %d, \"end_column\": %d",
			    dg->span.line, dg->span.col, dg->span.end_line,
			    dg->span.end_col);
		else
			fputs(", \"line\": null, \"column\": null, "
			    "\"end_line\": null, \"end_column\": null", f);
		fprintf(f, ", \"severity\": \"%s\", \"code\": \"%s\", "
		    "\"message\": ", severity_name[dg->severity],
		    diag_code_name(dg->code));
		json_string(f, dg->message);
		fputs(", \"notes\": [", f);
		for (j = 0; j < dg->nnotes; j++) {
			struct pos p = dg->notes[j].pos;

			if (p.file == NULL)
				p = span_start(dg->span);
			fputs(j ? ", {\"file\": " : "{\"file\": ", f);
			if (p.file)
				json_string(f, p.file);
			else
				fputs("null", f);
			if (p.line > 0)
				fprintf(f, ", \"line\": %d, \"column\": %d, "
				    "\"message\": ", p.line, p.col);
			else
				fputs(", \"line\": null, \"column\": null, "
				    "\"message\": ", f);
			json_string(f, dg->notes[j].message);
			fputc('}', f);
		}
		fputs("]}", f);
	}
	/* What the per-code limit left out, so that a reader knows. */
	fputs(shown ? "\n], \"suppressed\": [" : "], \"suppressed\": [", f);
	shown = 0;
	for (c = 0; c < D_COUNT; c++)
		for (s = SEV_COUNT - 1; s >= 0; s--)
			if (cut.hidden[c][s] > 0)
				fprintf(f, "%s\n  {\"code\": \"%s\", \"severity\": "
				    "\"%s\", \"count\": %zu}", shown++ ? "," : "",
				    catalogue[c].name, severity_name[s],
				    cut.hidden[c][s]);
	fprintf(f, "%s], \"counts\": {\"errors\": %zu, \"warnings\": %zu, "
	    "\"notes\": %zu}}\n", shown ? "\n" : "", d->count[SEV_ERROR],
	    d->count[SEV_WARNING], d->count[SEV_NOTE]);
}

/* A file name as a URI (RFC 3986): a relative reference, or a file URI
 * for an absolute path; every byte but the unreserved characters and '/'
 * percent-encoded, so that a space or an é survives a SARIF viewer. */
static void
sarif_uri(FILE *f, const char *file)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	fputc('"', f);
	if (file[0] == '/')
		fputs("file://", f);	/* an absolute path: a file URI */
	for (p = (const unsigned char *)file; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			fputc(*p, f);
		else
			fprintf(f, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
	fputc('"', f);
}

static void
sarif_location(FILE *f, const char *file, int line, int col, int eline,
    int ecol)
{
	fputs("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", f);
	sarif_uri(f, file);
	fputs("}", f);
	/* A whole file (line 0) is a location without a region. */
	if (line > 0) {
		fprintf(f, ", \"region\": {\"startLine\": %d, "
		    "\"startColumn\": %d", line, col > 0 ? col : 1);
		if (eline > 0 && ecol > 0)
			fprintf(f, ", \"endLine\": %d, \"endColumn\": %d",
			    eline, ecol);
		fputs("}", f);
	}
	fputs("}}", f);
}

/* The per-code limit's counts as the run's notifications: SARIF's place
 * for what the tool has to say about the run rather than the code. */
static void
sarif_invocation(FILE *f, const struct cut *cut)
{
	struct buf b = { NULL, 0, 0 };
	int c, s, first = 1;

	fputs("\"invocations\": [{\"executionSuccessful\": true, "
	    "\"toolExecutionNotifications\": [", f);
	for (c = 0; c < D_COUNT; c++)
		for (s = SEV_COUNT - 1; s >= 0; s--) {
			if (cut->hidden[c][s] == 0)
				continue;
			b.n = 0;
			buf_summary(&b, cut->hidden[c][s], (enum diag_code)c,
			    (enum severity)s);
			fprintf(f, "%s\n  {\"level\": \"note\", \"message\": "
			    "{\"text\": ", first ? "" : ",");
			json_string(f, b.p);
			fprintf(f, "}, \"associatedRule\": {\"id\": \"%s\", "
			    "\"index\": %d}, \"properties\": {\"severity\": "
			    "\"%s\", \"count\": %zu}}", catalogue[c].name, c,
			    severity_name[s], cut->hidden[c][s]);
			first = 0;
		}
	fputs("\n]}],\n", f);
	free(b.p);
}

static void
print_sarif(const struct diags *d, FILE *f)
{
	struct cut cut;
	size_t i, j, shown = 0;
	int c;

	cut_init(&cut, d);
	fputs("{\n\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	    "\"version\": \"2.1.0\",\n\"runs\": [{\n\"tool\": {\"driver\": "
	    "{\"name\": \"planc\", \"version\": \"" PLANC_VERSION "\", "
	    "\"rules\": [", f);
	for (c = 0; c < D_COUNT; c++) {
		fprintf(f, "%s\n  {\"id\": \"%s\", \"shortDescription\": "
		    "{\"text\": ", c ? "," : "", catalogue[c].name);
		json_string(f, catalogue[c].about);
		fputs("}, \"help\": {\"text\": ", f);
		json_string(f, catalogue[c].about);
		fprintf(f, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
		    severity_name[catalogue[c].severity]);
	}
	/* Columns count characters (code points), which SARIF must be told
	 * whenever there are results. */
	fputs("]}},\n\"columnKind\": \"unicodeCodePoints\",\n", f);
	if (cut.nhidden > 0)
		sarif_invocation(f, &cut);
	fputs("\"results\": [", f);
	for (i = 0; i < d->n; i++) {
		const struct diag *dg = d->items[i];

		if (!cut_shows(&cut, dg))
			continue;
		fprintf(f, "%s\n  {\"ruleId\": \"%s\", \"ruleIndex\": %d, "
		    "\"level\": \"%s\", \"message\": {\"text\": ",
		    shown++ ? "," : "", diag_code_name(dg->code), (int)dg->code,
		    severity_name[dg->severity]);
		json_string(f, dg->message);
		fputs("}, \"locations\": [", f);
		if (dg->span.file)
			sarif_location(f, dg->span.file, dg->span.line,
			    dg->span.col, dg->span.end_line, dg->span.end_col);
		fputs("], \"relatedLocations\": [", f);
		for (j = 0; j < dg->nnotes; j++) {
			struct pos p = dg->notes[j].pos;

			if (p.file == NULL)
				p = span_start(dg->span);
			if (j)
				fputs(", ", f);
			fprintf(f, "{\"id\": %zu, ", j);
			fputs("\"message\": {\"text\": ", f);
			json_string(f, dg->notes[j].message);
			fputs("}, ", f);
			/* A relatedLocation is a location with an id and a
			 * message: splice the physical location in. */
			fputs("\"physicalLocation\": {\"artifactLocation\": "
			    "{\"uri\": ", f);
			sarif_uri(f, p.file ? p.file : "");
			if (p.line > 0)
				fprintf(f, "}, \"region\": {\"startLine\": %d, "
				    "\"startColumn\": %d}}}", p.line,
				    p.col > 0 ? p.col : 1);
			else
				fputs("}}}", f);
		}
		fputs("]}", f);
	}
	fputs("\n]\n}]\n}\n", f);
}

/* ---- GitHub workflow commands ---- */

/* GitHub's escaping: data escapes %, CR and LF; properties also : and ,. */
static void
gh_escape(FILE *f, const char *s, int property)
{
	for (; s != NULL && *s; s++) {
		if (*s == '%')
			fputs("%25", f);
		else if (*s == '\r')
			fputs("%0D", f);
		else if (*s == '\n')
			fputs("%0A", f);
		else if (property && *s == ':')
			fputs("%3A", f);
		else if (property && *s == ',')
			fputs("%2C", f);
		else
			fputc(*s, f);
	}
}

/* A message or note as GitHub shows it: invisible characters escaped as in
 * the human format, then GitHub's own escaping. */
static void
gh_message(FILE *f, struct buf *b, const char *s)
{
	b->n = 0;
	buf_escaped(b, s);
	gh_escape(f, b->p, 0);
}

static void
print_github(const struct diags *d, FILE *f)
{
	struct buf b = { NULL, 0, 0 };
	struct cut cut;
	size_t i, j;
	int c, s;

	cut_init(&cut, d);
	for (i = 0; i < d->n; i++) {
		const struct diag *dg = d->items[i];

		if (!cut_shows(&cut, dg))
			continue;
		fprintf(f, "::%s ", dg->severity == SEV_ERROR ? "error" :
		    dg->severity == SEV_WARNING ? "warning" : "notice");
		if (dg->span.file) {
			fputs("file=", f);
			gh_escape(f, dg->span.file, 1);
			fputc(',', f);
		}
		if (dg->span.file && dg->span.line > 0) {
			fprintf(f, "line=%d,col=%d,", dg->span.line,
			    dg->span.col);
			if (dg->span.end_line >= dg->span.line &&
			    dg->span.end_col > 0)
				fprintf(f, "endLine=%d,endColumn=%d,",
				    dg->span.end_line, dg->span.end_col);
		}
		fputs("title=", f);
		gh_escape(f, diag_code_name(dg->code), 1);
		fputs("::", f);
		gh_message(f, &b, dg->message);
		for (j = 0; j < dg->nnotes; j++) {
			fputs("%0Anote: ", f);
			gh_message(f, &b, dg->notes[j].message);
		}
		fputc('\n', f);
	}
	for (c = 0; c < D_COUNT; c++)
		for (s = SEV_COUNT - 1; s >= 0; s--)
			if (cut.hidden[c][s] > 0) {
				b.n = 0;
				buf_summary(&b, cut.hidden[c][s],
				    (enum diag_code)c, (enum severity)s);
				fputs("::notice title=planc::", f);
				gh_escape(f, b.p, 0);
				fputc('\n', f);
			}
	free(b.p);
}

void
diag_print(const struct diags *d, const struct sources *srcs,
    enum diag_format fmt, int color, FILE *out, FILE *err)
{
	switch (fmt) {
	case DIAG_JSON:
		print_json(d, out);
		break;
	case DIAG_SARIF:
		print_sarif(d, out);
		break;
	case DIAG_GITHUB:
		print_github(d, out);
		break;
	default:
		print_human(d, srcs, color, err);
		break;
	}
}

int
diag_code_lookup(const char *name)
{
	int c;

	for (c = 0; c < D_COUNT; c++)
		if (strcmp(catalogue[c].name, name) == 0)
			return c;
	return -1;
}

void
diag_filter(struct diags *d, const unsigned char silenced[D_COUNT],
    int quiet)
{
	size_t i, n = 0;

	memset(d->count, 0, sizeof d->count);
	for (i = 0; i < d->n; i++) {
		const struct diag *dg = d->items[i];

		if (dg->severity != SEV_ERROR && (silenced[dg->code] ||
		    quiet))
			continue;
		d->items[n++] = d->items[i];
		d->count[dg->severity]++;
	}
	d->n = n;
}
