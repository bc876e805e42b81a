/* diag.c - the catalogue of diagnostics, their collection, and the four
 * output formats (human, JSON, SARIF, GitHub workflow commands). */
#include "diag.h"

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

/* ---- human format ---- */

enum { C_RESET, C_BOLD, C_ERROR, C_WARNING, C_NOTE, C_CARET, C_COUNT };

static const char *const colour[C_COUNT] = {
	"\033[0m", "\033[1m", "\033[1;31m", "\033[1;35m", "\033[1;36m",
	"\033[1;32m",
};

static void
paint(FILE *f, int on, int c)
{
	if (on)
		fputs(colour[c], f);
}

static void
print_head(FILE *f, int color, const char *file, int line, int col,
    enum severity sev)
{
	paint(f, color, C_BOLD);
	if (file != NULL && line > 0)
		fprintf(f, "%s:%d:%d: ", file, line, col);
	else if (file != NULL)
		fprintf(f, "%s: ", file);
	else
		fputs("planc: ", f);
	paint(f, color, C_RESET);
	paint(f, color, sev == SEV_ERROR ? C_ERROR :
	    sev == SEV_WARNING ? C_WARNING : C_NOTE);
	fprintf(f, "%s:", severity_name[sev]);
	paint(f, color, C_RESET);
}

/* Quotes the source line of span and underlines the span on it: a caret at
 * its first character and tildes to its end (or the line's end). Tabs in the
 * line are repeated in the underline so the caret stays aligned. */
static void
print_excerpt(FILE *f, int color, const struct sources *srcs,
    struct span span)
{
	const struct source *src = sources_find(srcs, span.file);
	const char *line;
	size_t len, i, start, end, k, ncols;
	uint32_t cp;
	int col;

	if (src == NULL || span.line < 1 ||
	    (line = source_line(src, span.line, &len)) == NULL)
		return;
	fprintf(f, "%.*s\n", (int)len, line);
	ncols = utf8_count(line, len);
	start = span.col > 0 ? (size_t)span.col - 1 : 0;
	if (start > ncols)
		start = ncols;
	end = span.end_line == span.line && span.end_col > span.col ?
	    (size_t)span.end_col - 1 : ncols;
	if (end <= start)
		end = start + 1;
	paint(f, color, C_CARET);
	for (i = 0, col = 0, k = 0; (size_t)col < end; col++) {
		if (k < len) {
			size_t step = utf8_decode(line + k, len - k, &cp);
			k += step ? step : 1;
		} else
			cp = ' ';
		if ((size_t)col < start)
			fputc(cp == '\t' ? '\t' : ' ', f);
		else
			fputc(i++ == 0 ? '^' : '~', f);
	}
	paint(f, color, C_RESET);
	fputc('\n', f);
}

static void
print_human(const struct diags *d, const struct sources *srcs, int color,
    FILE *f)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		const struct diag *dg = d->items[i];

		print_head(f, color, dg->span.file, dg->span.line,
		    dg->span.col, dg->severity);
		fprintf(f, " %s [%s]\n", dg->message, diag_code_name(dg->code));
		print_excerpt(f, color, srcs, dg->span);
		for (j = 0; j < dg->nnotes; j++) {
			const struct diag_note *n = &dg->notes[j];
			struct pos p = n->pos;

			if (p.file == NULL)
				p = span_start(dg->span);
			print_head(f, color, p.file, p.line, p.col, SEV_NOTE);
			fprintf(f, " %s\n", n->message);
			if (n->pos.file != NULL &&
			    (n->pos.file != dg->span.file ||
			    n->pos.line != dg->span.line))
				print_excerpt(f, color, srcs, span_at(n->pos));
		}
	}
}

/* ---- JSON and SARIF ---- */

static void
json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s != NULL && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void
print_json(const struct diags *d, FILE *f)
{
	size_t i, j;

	fputs("{\"diagnostics\": [", f);
	for (i = 0; i < d->n; i++) {
		const struct diag *dg = d->items[i];

		fputs(i ? ",\n  {" : "\n  {", f);
		fputs("\"file\": ", f);
		if (dg->span.file)
			json_string(f, dg->span.file);
		else
			fputs("null", f);
		fprintf(f, ", \"line\": %d, \"column\": %d, \"end_line\": %d, "
		    "\"end_column\": %d, \"severity\": \"%s\", \"code\": \"%s\", "
		    "\"message\": ", dg->span.line, dg->span.col,
		    dg->span.end_line, dg->span.end_col,
		    severity_name[dg->severity], diag_code_name(dg->code));
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
			fprintf(f, ", \"line\": %d, \"column\": %d, \"message\": ",
			    p.line, p.col);
			json_string(f, dg->notes[j].message);
			fputc('}', f);
		}
		fputs("]}", f);
	}
	fputs(d->n ? "\n]}\n" : "]}\n", f);
}

static void
sarif_location(FILE *f, const char *file, int line, int col, int eline,
    int ecol)
{
	fputs("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", f);
	json_string(f, file);
	fprintf(f, "}, \"region\": {\"startLine\": %d, \"startColumn\": %d",
	    line > 0 ? line : 1, col > 0 ? col : 1);
	if (eline > 0 && ecol > 0)
		fprintf(f, ", \"endLine\": %d, \"endColumn\": %d", eline, ecol);
	fputs("}}}", f);
}

static void
print_sarif(const struct diags *d, FILE *f)
{
	size_t i, j;
	int c;

	fputs("{\n\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	    "\"version\": \"2.1.0\",\n\"runs\": [{\n\"tool\": {\"driver\": "
	    "{\"name\": \"planc\", \"version\": \"" PLANC_VERSION "\", "
	    "\"rules\": [", f);
	for (c = 0; c < D_COUNT; c++) {
		fprintf(f, "%s\n  {\"id\": \"%s\", \"shortDescription\": "
		    "{\"text\": ", c ? "," : "", catalogue[c].name);
		json_string(f, catalogue[c].about);
		fprintf(f, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
		    severity_name[catalogue[c].severity]);
	}
	fputs("]}},\n\"results\": [", f);
	for (i = 0; i < d->n; i++) {
		const struct diag *dg = d->items[i];

		fprintf(f, "%s\n  {\"ruleId\": \"%s\", \"ruleIndex\": %d, "
		    "\"level\": \"%s\", \"message\": {\"text\": ", i ? "," : "",
		    diag_code_name(dg->code), (int)dg->code,
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
			json_string(f, p.file ? p.file : "");
			fprintf(f, "}, \"region\": {\"startLine\": %d, "
			    "\"startColumn\": %d}}}", p.line > 0 ? p.line : 1,
			    p.col > 0 ? p.col : 1);
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

static void
print_github(const struct diags *d, FILE *f)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		const struct diag *dg = d->items[i];

		fprintf(f, "::%s ", dg->severity == SEV_ERROR ? "error" :
		    dg->severity == SEV_WARNING ? "warning" : "notice");
		if (dg->span.file) {
			fputs("file=", f);
			gh_escape(f, dg->span.file, 1);
			fprintf(f, ",line=%d,col=%d,", dg->span.line,
			    dg->span.col);
		}
		fputs("title=", f);
		gh_escape(f, diag_code_name(dg->code), 1);
		fputs("::", f);
		gh_escape(f, dg->message, 0);
		for (j = 0; j < dg->nnotes; j++) {
			fputs("%0Anote: ", f);
			gh_escape(f, dg->notes[j].message, 0);
		}
		fputc('\n', f);
	}
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
