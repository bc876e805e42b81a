/* yamlmsg.c - libyaml's errors in an author's words (see yamlmsg.h). Each
 * case looks at the source line where libyaml stopped to tell one mistake
 * from another, and suggests the line as it should be written. */
#include "yamlmsg.h"

#include <string.h>

#include "arena.h"

/* The line of text around byte at: [*start, *end). */
static void
line_of(const char *text, size_t len, size_t at, size_t *start, size_t *end)
{
	size_t s = at > len ? len : at, e = s;

	while (s > 0 && text[s - 1] != '\n')
		s--;
	while (e < len && text[e] != '\n' && text[e] != '\r')
		e++;
	*start = s;
	*end = e;
}

/* Where the value of a "key: value" or "- key: value" line starts (the
 * byte after ": " and its blanks), or 0 if the line is not one. */
static size_t
value_start(const char *text, size_t s, size_t e)
{
	size_t i = s;

	while (i < e && (text[i] == ' ' || text[i] == '-'))
		i++;
	for (; i + 1 < e; i++) {
		if (text[i] == ':' && (text[i + 1] == ' ' || text[i + 1] == '\t')) {
			i += 1;
			while (i < e && (text[i] == ' ' || text[i] == '\t'))
				i++;
			return i;
		}
		if (text[i] == '"' || text[i] == '\'' || text[i] == '#')
			return 0;
	}
	return 0;
}

/* The line with its value quoted: "title: PACT: iets" becomes
 * `title: "PACT: iets"`; a value holding '"' gets single quotes, its
 * apostrophes doubled. A trailing comment is left out. */
static const char *
quoted(struct arena *a, const char *text, size_t s, size_t e, size_t v)
{
	size_t i, end = e, o = 0;
	int dq = 0;
	char *out, q;

	while (end > v && (text[end - 1] == ' ' || text[end - 1] == '\t'))
		end--;
	for (i = v; i < end; i++)
		if (text[i] == '"')
			dq = 1;
	q = dq ? '\'' : '"';
	out = arena_alloc(a, (v - s) + 2 * (end - v) + 3);
	memcpy(out, text + s, v - s);
	o = v - s;
	/* Leading blanks are the indentation; keep the key as written. */
	out[o++] = q;
	for (i = v; i < end; i++) {
		if (q == '\'' && text[i] == '\'')
			out[o++] = '\'';
		out[o++] = text[i];
	}
	out[o++] = q;
	out[o] = '\0';
	/* The indentation is not part of the hint. */
	for (i = 0; out[i] == ' '; i++)
		;
	return out + i;
}

/* 1 if the key of the line [s, v) (v: where its value starts) holds plain
 * text, where emphasis is not written: a title or a name. */
static int
plain_key(const char *text, size_t s, size_t v)
{
	static const char *const keys[] = { "title", "name", "short",
	    "tagline", "subtitle" };
	size_t k, n;

	while (s < v && (text[s] == ' ' || text[s] == '-'))
		s++;
	for (n = 0; s + n < v && text[s + n] != ':'; n++)
		;
	for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (strlen(keys[k]) == n && strncmp(text + s, keys[k], n) == 0)
			return 1;
	return 0;
}

int
yamlmsg_explain(struct arena *a, const char *text, size_t len,
    const char *problem, size_t at, const char *context, size_t context_at,
    struct yamlmsg *out)
{
	size_t s, e, v;
	char c = at < len ? text[at] : '\0';

	memset(out, 0, sizeof *out);
	if (problem == NULL)
		return 0;
	line_of(text, len, at, &s, &e);
	v = value_start(text, s, e);
	if (strcmp(problem, "mapping values are not allowed in this context")
	    == 0) {
		if (v != 0 && at >= v) {
			out->message = "a text containing ': ' must be quoted";
			out->hint = arena_printf(a, "write it as %s",
			    quoted(a, text, s, e, v));
		} else {
			out->message = "this line is indented deeper than the "
			    "one above, as if it went on with that line's "
			    "value";
			out->hint = "indent it like the other keys of its "
			    "mapping, or quote the value above if it is meant "
			    "to hold this line";
		}
		return 1;
	}
	if (strncmp(problem, "found a tab character", 21) == 0 ||
	    (c == '\t' && strstr(problem, "cannot start any token"))) {
		out->message = "YAML does not allow tabs for indentation; use "
		    "spaces";
		return 1;
	}
	if (strstr(problem, "cannot start any token") != NULL &&
	    (c == '@' || c == '`')) {
		out->message = arena_printf(a, "a value cannot start with '%c' "
		    "in YAML: quote it", c);
		if (v != 0)
			out->hint = arena_printf(a, "write it as %s",
			    quoted(a, text, s, e, v));
		return 1;
	}
	if (context != NULL && strcmp(context, "while scanning an alias") == 0) {
		line_of(text, len, context_at, &s, &e);
		v = value_start(text, s, e);
		out->message = "a value starting with '*' is read as an alias "
		    "(a reference to an '&' anchor): quote it";
		while (e > v && (text[e - 1] == ' ' || text[e - 1] == '\t'))
			e--;
		/* "title: *Mét andere ogen*": emphasis, which a title does
		 * not take (it is set in its heading's style). */
		if (v != 0 && plain_key(text, s, v) && e > v + 2 &&
		    text[e - 1] == '*') {
			size_t k = s;

			while (k < v && text[k] == ' ')
				k++;
			out->message = "a value starting with '*' is read as an "
			    "alias (a reference to an '&' anchor); emphasis is "
			    "not written in titles and names";
			out->hint = arena_printf(a, "write it as %.*s%.*s",
			    (int)(v - k), text + k, (int)(e - v - 2),
			    text + v + 1);
		} else if (v != 0)
			out->hint = arena_printf(a, "write it as %s",
			    quoted(a, text, s, e, v));
		out->at_context = 1;
		return 1;
	}
	if (strcmp(problem, "did not find expected key") == 0 && at > s &&
	    v != 0 && text[v] == '\'' && text[at - 1] == '\'') {
		out->message = "an apostrophe ends a text in '...': write it "
		    "twice ('') or put the text in \"...\"";
		while (s < v && text[s] == ' ')
			s++;	/* the indentation is not part of the hint */
		while (e > v + 1 && (text[e - 1] == ' ' || text[e - 1] == '\t'))
			e--;
		out->hint = arena_printf(a, "write it as %.*s\"%.*s\"",
		    (int)(v - s), text + s, (int)(e - v - 2), text + v + 1);
		return 1;
	}
	if (strcmp(problem, "did not find expected key") == 0 && v != 0 &&
	    (text[v] == '[' || text[v] == '{') && at > v) {
		out->message = arena_printf(a, "a value starting with '%c' is "
		    "read as a %s: quote a text that only starts with it",
		    text[v], text[v] == '[' ? "list" : "mapping");
		out->hint = arena_printf(a, "write it as %s",
		    quoted(a, text, s, e, v));
		return 1;
	}
	if (strcmp(problem, "found unexpected end of stream") == 0 &&
	    context != NULL && strcmp(context, "while scanning a quoted "
	    "scalar") == 0) {
		out->message = "this quoted text is never closed";
		out->hint = "end it with the same quote it starts with; inside "
		    "'...' an apostrophe is written ''";
		out->at_context = 1;
		return 1;
	}
	if (strcmp(problem, "could not find expected ':'") == 0 &&
	    context != NULL && strcmp(context, "while scanning a simple key")
	    == 0) {
		out->message = "a line in a mapping needs 'key: value': the "
		    "':' is missing";
		out->hint = "if the line goes on with the text of the line "
		    "above, indent it further, or quote that text";
		out->at_context = 1;
		return 1;
	}
	return 0;
}
