/* diffprint.c - the output formats of planc diff (see diff.h): human (a
 * block per changed entity, prose as the changed words in a few words of
 * context), markdown (a pull-request comment: a summary table, a section
 * per kind, ~~removed~~ and **added** words) and json (stable keys, see
 * plans/README.md). All three walk the same list of changes. */
#include "diff.h"

#include <string.h>

#include "arena.h"
#include "json.h"
#include "kind.h"
#include "worddiff.h"

/* Words of context on each side of a change in prose. */
#define CONTEXT 4

static const char *const op_names[CHANGE_OP_COUNT] = {
	[CHANGE_ADDED] = "added", [CHANGE_REMOVED] = "removed",
	[CHANGE_RENAMED] = "renamed", [CHANGE_MOVED] = "moved",
	[CHANGE_CHANGED] = "changed", [CHANGE_JOINED] = "joined",
	[CHANGE_LEFT] = "left",
};

enum paint { P_OFF, P_HEAD, P_DEL, P_INS, P_MOVE, P_COUNT };

static const char *const colours[P_COUNT] = {
	"\033[0m", "\033[1m", "\033[31m", "\033[32m", "\033[36m",
};

struct printer {
	struct arena *a;
	FILE *f;
	enum diff_format fmt;
	int color;
	const struct diff *d;
};

static void
paint(const struct printer *p, enum paint c)
{
	if (p->color)
		fputs(colours[c], p->f);
}

/* The value part of a field's dump: after "key:" on its first line, and
 * the lines below it without their indentation. */
static const char *
value_of(const char *block)
{
	const char *colon = strchr(block, ':');

	if (colon == NULL)
		return block;
	colon++;
	while (*colon == ' ')
		colon++;
	return colon;
}

/* The lines of a list or prose value, with indentation and "- " gone. */
static int
one_line(const char *block)
{
	const char *nl = strchr(block, '\n');

	return nl == NULL || nl[1] == '\0';
}

static const char *
display_name(const struct entity *e)
{
	const char *n;

	if (e == NULL)
		return NULL;
	n = entity_display_name(e);
	return n != NULL && n[0] != '\0' && strcmp(n, e->id) != 0 ? n : NULL;
}

/* ---- word differences ---- */

/* The prose of a field block as one text: its lines after the key line,
 * unindented, joined with spaces (paragraph breaks as " ¶ "). */
static const char *
prose_text(struct arena *a, const char *block)
{
	const char *p = strchr(block, '\n');
	char *out = arena_alloc(a, strlen(block) * 2 + 8);
	size_t o = 0;
	int blank = 0;

	if (p == NULL)
		return value_of(block);
	for (p++; *p != '\0';) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *q = p;

		while (q < p + len && *q == ' ')
			q++;
		if (q == p + len)
			blank = 1;
		else {
			if (o > 0) {
				memcpy(out + o, blank ? " \xC2\xB6 " : " ",
				    blank ? 4 : 1);
				o += blank ? 4 : 1;
			}
			blank = 0;
			memcpy(out + o, q, (size_t)(p + len - q));
			o += (size_t)(p + len - q);
		}
		p = e ? e + 1 : p + len;
	}
	out[o] = '\0';
	return out;
}

static void
put_tokens(const struct printer *p, const struct token *t, size_t from,
    size_t to, int *first)
{
	size_t i;

	for (i = from; i < to; i++) {
		if (t[i].space_before && !*first)
			fputc(' ', p->f);
		*first = 0;
		fwrite(t[i].s, 1, t[i].len, p->f);
	}
}

/* A run of edits as text: "… ctx [-old-]{+new+} ctx …" (human), with
 * ~~ and ** (markdown). */
static void
put_words(const struct printer *p, const char *from, const char *to)
{
	const char *a = prose_text(p->a, from), *b = prose_text(p->a, to);
	const char *del_open = p->fmt == DIFF_MARKDOWN ? "~~" : "[-";
	const char *del_close = p->fmt == DIFF_MARKDOWN ? "~~" : "-]";
	const char *ins_open = p->fmt == DIFF_MARKDOWN ? "**" : "{+";
	const char *ins_close = p->fmt == DIFF_MARKDOWN ? "**" : "+}";
	struct token *ta, *tb;
	struct edit *e;
	size_t na, nb, ne, i;
	int first = 1;

	ta = worddiff_tokens(p->a, a, strlen(a), &na);
	tb = worddiff_tokens(p->a, b, strlen(b), &nb);
	e = worddiff(p->a, ta, na, tb, nb, &ne);
	for (i = 0; i < ne; i++) {
		if (e[i].op == EDIT_SAME) {
			size_t lo = e[i].a0, hi = e[i].a0 + e[i].n;

			/* Context only: the end of a run before a change,
			 * the start of one after it. */
			if (i > 0 && e[i].n > 2 * CONTEXT + 1) {
				put_tokens(p, ta, lo, lo + CONTEXT, &first);
				fputs(" …", p->f);
				lo = hi - CONTEXT;
				first = 0;
			} else if (i == 0 && e[i].n > CONTEXT) {
				fputs("…", p->f);
				lo = hi - CONTEXT;
			}
			if (i + 1 == ne && i > 0 && hi - lo > CONTEXT) {
				put_tokens(p, ta, lo, lo + CONTEXT, &first);
				fputs(" …", p->f);
				continue;
			}
			put_tokens(p, ta, lo, hi, &first);
			continue;
		}
		if (!first)
			fputc(' ', p->f);
		first = 1;
		if (e[i].op == EDIT_DELETE) {
			paint(p, P_DEL);
			fputs(del_open, p->f);
			put_tokens(p, ta, e[i].a0, e[i].a0 + e[i].n, &first);
			fputs(del_close, p->f);
		} else {
			paint(p, P_INS);
			fputs(ins_open, p->f);
			put_tokens(p, tb, e[i].b0, e[i].b0 + e[i].n, &first);
			fputs(ins_close, p->f);
		}
		paint(p, P_OFF);
		first = 0;
	}
}

/* Items of a list value (lines "- item" below the key line). */
static char **
items_of(struct arena *a, const char *block, size_t *n)
{
	char **out = NULL;
	const char *p = strchr(block, '\n');
	size_t cap = 0;

	*n = 0;
	while (p != NULL && p[1] != '\0') {
		const char *s = p + 1, *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);

		while (len > 0 && *s == ' ')
			s++, len--;
		if (len >= 2 && s[0] == '-' && s[1] == ' ')
			s += 2, len -= 2;
		*ARENA_PUSH(a, out, *n, cap) = arena_strndup(a, s, len);
		p = e;
	}
	return out;
}

static int
in_list(char **items, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(items[i], s) == 0)
			return 1;
	return 0;
}

/* A changed list, as the items that left and those that came. */
static void
put_list_change(const struct printer *p, const char *from, const char *to,
    const char *pad)
{
	size_t na, nb, i;
	char **a = items_of(p->a, from, &na), **b = items_of(p->a, to, &nb);
	int any = 0;

	for (i = 0; i < na; i++)
		if (!in_list(b, nb, a[i])) {
			fprintf(p->f, "\n%s", pad);
			paint(p, P_DEL);
			fprintf(p->f, p->fmt == DIFF_MARKDOWN ? "- ~~%s~~" :
			    "- %s", a[i]);
			paint(p, P_OFF);
			any = 1;
		}
	for (i = 0; i < nb; i++)
		if (!in_list(a, na, b[i])) {
			fprintf(p->f, "\n%s", pad);
			paint(p, P_INS);
			fprintf(p->f, p->fmt == DIFF_MARKDOWN ? "- **%s**" :
			    "+ %s", b[i]);
			paint(p, P_OFF);
			any = 1;
		}
	if (!any)
		fputs(" (the same items in another order)", p->f);
}

/* ---- human and markdown ---- */

static void
put_pos(const struct printer *p, const struct entity *e)
{
	if (e != NULL && e->span.file != NULL)
		fprintf(p->f, "%s:%d:%d", e->span.file, e->span.line,
		    e->span.col);
	else
		fputs("-", p->f);
}

/* The line that opens an entity's block of changes. */
static void
put_head(const struct printer *p, const struct change *c)
{
	const struct entity *e = c->new != NULL ? c->new : c->old;
	const char *name = display_name(e);
	int md = p->fmt == DIFF_MARKDOWN;

	if (c->kind == DIFF_PLAN) {
		fputs(md ? "- **plan**\n" : "plan\n", p->f);
		return;
	}
	if (md)
		fputs("- ", p->f);
	paint(p, c->op == CHANGE_ADDED ? P_INS : c->op == CHANGE_REMOVED ?
	    P_DEL : P_HEAD);
	fputs(c->op == CHANGE_ADDED ? (md ? "added " : "+ ") :
	    c->op == CHANGE_REMOVED ? (md ? "removed " : "- ") : "", p->f);
	fprintf(p->f, md ? "%s `%s`" : "%s %s", diff_kind_name(c->kind),
	    c->old != NULL ? c->old->id : c->new->id);
	if (c->op == CHANGE_RENAMED || (c->old != NULL && c->new != NULL &&
	    strcmp(c->old->id, c->new->id) != 0))
		fprintf(p->f, md ? " → `%s`" : " → %s", c->new->id);
	paint(p, P_OFF);
	if (name != NULL)
		fprintf(p->f, md ? " (%s)" : "  \"%s\"", name);
	fputs(md ? " — " : "  ", p->f);
	if (c->old != NULL && c->new != NULL) {
		put_pos(p, c->old);
		fputs(" → ", p->f);
		put_pos(p, c->new);
	} else
		put_pos(p, e);
	fputc('\n', p->f);
}

/* The name of the entity id names in plan, or NULL. */
static const char *
ref_name(const struct plan *plan, const char *id)
{
	return display_name(plan_lookup(plan, id));
}

static const char *
person_name(const struct diff *d, const char *id)
{
	const struct entity *e = plan_lookup(d->new, id);
	const char *n;

	if (e == NULL)
		e = plan_lookup(d->old, id);
	n = e != NULL ? display_name(e) : NULL;
	return n;
}

static void
put_change(const struct printer *p, const struct change *c)
{
	/* Markdown: each change a nested list item of its entity's. */
	const char *pad = p->fmt == DIFF_MARKDOWN ? "  - " : "    ";
	const char *name;

	switch (c->op) {
	case CHANGE_RENAMED:
		fprintf(p->f, "%s", pad);
		fprintf(p->f, "renamed: %s → %s\n", c->old->id, c->new->id);
		return;
	case CHANGE_MOVED:
		fprintf(p->f, "%s", pad);
		paint(p, P_MOVE);
		if (c->person != NULL) {
			name = person_name(p->d, c->person);
			fprintf(p->f, "moved%s: %s%s%s%s", strcmp(c->field,
			    "place") == 0 ? " in the list" : "", c->person,
			    name ? " (" : "", name ? name : "",
			    name ? ")" : "");
		}
		if (strcmp(c->field, "place") == 0) {
			fprintf(p->f, "%s%s%s → %s%s", c->person ? ": " :
			    "moved in its list: ", *c->from ? "after " : "",
			    *c->from ? c->from : "first", *c->to ? "after " : "",
			    *c->to ? c->to : "first");
		} else if (c->person != NULL) {
			fprintf(p->f, " from %s to %s", c->from, c->to);
		} else {
			const char *fn = ref_name(p->d->old, c->from);
			const char *tn = ref_name(p->d->new, c->to);

			fprintf(p->f, "moved: %s %s%s%s%s → %s%s%s%s", c->field,
			    c->from, fn ? " (" : "", fn ? fn : "", fn ? ")" : "",
			    c->to, tn ? " (" : "", tn ? tn : "", tn ? ")" : "");
		}
		paint(p, P_OFF);
		fputc('\n', p->f);
		return;
	case CHANGE_JOINED:
	case CHANGE_LEFT:
		name = person_name(p->d, c->person);
		fprintf(p->f, "%s", pad);
		paint(p, c->op == CHANGE_JOINED ? P_INS : P_DEL);
		fprintf(p->f, "%s: %s%s%s%s\n", op_names[c->op], c->person,
		    name ? " (" : "", name ? name : "", name ? ")" : "");
		paint(p, P_OFF);
		return;
	case CHANGE_CHANGED:
		fprintf(p->f, "%s%s:", pad, c->field);
		if (c->person != NULL) {
			fprintf(p->f, " %s → %s\n", c->from, c->to);
			return;
		}
		if (c->prose) {
			fputc(' ', p->f);
			put_words(p, c->from, c->to);
		} else if (one_line(c->from) && one_line(c->to) &&
		    p->fmt == DIFF_MARKDOWN) {
			fprintf(p->f, " ~~%.*s~~ → **%.*s**\n",
			    (int)strcspn(value_of(c->from), "\n"),
			    *c->from ? value_of(c->from) : "(none)",
			    (int)strcspn(value_of(c->to), "\n"),
			    *c->to ? value_of(c->to) : "(none)");
			return;
		} else if (one_line(c->from) && one_line(c->to)) {
			fputc(' ', p->f);
			paint(p, P_DEL);
			fputs(*c->from ? value_of(c->from) : "(none)\n", p->f);
			paint(p, P_OFF);
			fprintf(p->f, "%s→ ", pad);
			paint(p, P_INS);
			fputs(*c->to ? value_of(c->to) : "(none)\n", p->f);
			paint(p, P_OFF);
			return;
		} else
			put_list_change(p, c->from, c->to,
			    p->fmt == DIFF_MARKDOWN ? "    " : pad);
		fputc('\n', p->f);
		return;
	default:
		return;
	}
}

static void
put_summary(const struct printer *p)
{
	const size_t *n = p->d->count;

	fprintf(p->f, "%zu added, %zu removed, %zu changed, %zu moved, "
	    "%zu renamed\n", n[CHANGE_ADDED], n[CHANGE_REMOVED],
	    n[CHANGE_CHANGED], n[CHANGE_MOVED], n[CHANGE_RENAMED]);
}

static void
print_text(const struct printer *p, int stat)
{
	const struct diff *d = p->d;
	const struct change *prev = NULL;
	enum entity_kind kind = ENT_KIND_COUNT + 1;
	size_t i;

	if (p->fmt == DIFF_MARKDOWN) {
		fprintf(p->f, "### planc diff: `%s` → `%s`\n\n", d->old->path,
		    d->new->path);
		fprintf(p->f, "| added | removed | changed | moved | renamed |"
		    "\n|---:|---:|---:|---:|---:|\n| %zu | %zu | %zu | %zu | "
		    "%zu |\n", d->count[CHANGE_ADDED], d->count[CHANGE_REMOVED],
		    d->count[CHANGE_CHANGED], d->count[CHANGE_MOVED],
		    d->count[CHANGE_RENAMED]);
		if (stat)
			return;
	} else if (stat) {
		put_summary(p);
		return;
	} else if (d->n > 0) {
		paint(p, P_HEAD);
		fprintf(p->f, "--- %s\n+++ %s\n", d->old->path, d->new->path);
		paint(p, P_OFF);
	}
	for (i = 0; i < d->n; i++) {
		const struct change *c = &d->items[i];
		int same = prev != NULL && prev->kind == c->kind &&
		    prev->old == c->old && prev->new == c->new;

		if (p->fmt == DIFF_MARKDOWN && c->kind != kind) {
			kind = c->kind;
			fprintf(p->f, "\n#### %s\n\n", c->kind == DIFF_PLAN ?
			    "plan" : kind_desc(c->kind)->plural);
		} else if (p->fmt == DIFF_HUMAN && !same)
			fputc('\n', p->f);
		if (!same)
			put_head(p, c);
		if (c->op != CHANGE_ADDED && c->op != CHANGE_REMOVED)
			put_change(p, c);
		prev = c;
	}
	if (p->fmt == DIFF_HUMAN && d->n > 0) {
		fputc('\n', p->f);
		put_summary(p);
	}
}

/* ---- json ---- */

static void
json_pos(FILE *f, const struct entity *e)
{
	if (e == NULL || e->span.file == NULL) {
		fputs("null", f);
		return;
	}
	fputs("{\"file\": ", f);
	json_string(f, e->span.file);
	fprintf(f, ", \"line\": %d, \"column\": %d}", e->span.line,
	    e->span.col);
}

static void
json_words(const struct printer *p, const char *from, const char *to)
{
	static const char *const names[EDIT_OP_COUNT] = { "same", "delete",
	    "insert" };
	const char *a = prose_text(p->a, from), *b = prose_text(p->a, to);
	struct token *ta, *tb, *t;
	struct edit *e;
	size_t na, nb, ne, i, j, k;

	ta = worddiff_tokens(p->a, a, strlen(a), &na);
	tb = worddiff_tokens(p->a, b, strlen(b), &nb);
	e = worddiff(p->a, ta, na, tb, nb, &ne);
	fputs("[", p->f);
	for (i = 0; i < ne; i++) {
		char *buf;
		size_t o = 0;

		t = e[i].op == EDIT_INSERT ? tb + e[i].b0 : ta + e[i].a0;
		for (j = 0, k = 0; j < e[i].n; j++)
			k += t[j].len + 1;
		buf = arena_alloc(p->a, k + 1);
		for (j = 0; j < e[i].n; j++) {
			if (j > 0 && t[j].space_before)
				buf[o++] = ' ';
			memcpy(buf + o, t[j].s, t[j].len);
			o += t[j].len;
		}
		fprintf(p->f, "%s{\"op\": \"%s\", \"text\": ", i ? ", " : "",
		    names[e[i].op]);
		json_stringn(p->f, buf, o);
		fputs("}", p->f);
	}
	fputs("]", p->f);
}

static void
print_json(const struct printer *p, int stat)
{
	const struct diff *d = p->d;
	size_t i;

	fputs("{\"old\": ", p->f);
	json_string(p->f, d->old->path);
	fputs(", \"new\": ", p->f);
	json_string(p->f, d->new->path);
	fprintf(p->f, ", \"summary\": {\"added\": %zu, \"removed\": %zu, "
	    "\"changed\": %zu, \"moved\": %zu, \"renamed\": %zu}",
	    d->count[CHANGE_ADDED], d->count[CHANGE_REMOVED],
	    d->count[CHANGE_CHANGED], d->count[CHANGE_MOVED],
	    d->count[CHANGE_RENAMED]);
	if (stat) {
		fputs("}\n", p->f);
		return;
	}
	fputs(", \"changes\": [", p->f);
	for (i = 0; i < d->n; i++) {
		const struct change *c = &d->items[i];

		fprintf(p->f, "%s\n  {\"op\": \"%s\", \"kind\": ", i ? "," : "",
		    op_names[c->op]);
		json_string(p->f, diff_kind_name(c->kind));
		fputs(", \"id\": ", p->f);
		json_string(p->f, c->new ? c->new->id : c->old ? c->old->id :
		    NULL);
		fputs(", \"old_id\": ", p->f);
		json_string(p->f, c->old ? c->old->id : NULL);
		fputs(", \"name\": ", p->f);
		json_string(p->f, display_name(c->new ? c->new : c->old));
		fputs(", \"old_position\": ", p->f);
		json_pos(p->f, c->old);
		fputs(", \"new_position\": ", p->f);
		json_pos(p->f, c->new);
		fputs(", \"field\": ", p->f);
		json_string(p->f, c->field);
		fputs(", \"person\": ", p->f);
		json_string(p->f, c->person);
		fputs(", \"from\": ", p->f);
		json_string(p->f, c->op == CHANGE_CHANGED && c->person == NULL ?
		    (c->prose ? prose_text(p->a, c->from) : value_of(c->from)) :
		    c->from);
		fputs(", \"to\": ", p->f);
		json_string(p->f, c->op == CHANGE_CHANGED && c->person == NULL ?
		    (c->prose ? prose_text(p->a, c->to) : value_of(c->to)) :
		    c->to);
		if (c->op == CHANGE_CHANGED && c->prose) {
			fputs(", \"words\": ", p->f);
			json_words(p, c->from, c->to);
		}
		fputs("}", p->f);
	}
	fputs("\n]}\n", p->f);
}

void
diff_print(struct arena *a, const struct diff *d, enum diff_format fmt,
    int color, int stat, FILE *f)
{
	struct printer p;

	p.a = a;
	p.f = f;
	p.fmt = fmt;
	p.color = color && fmt == DIFF_HUMAN;
	p.d = d;
	if (fmt == DIFF_JSON)
		print_json(&p, stat);
	else
		print_text(&p, stat);
}
