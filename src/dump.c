/* dump.c - the canonical text of a checked plan (`planc dump`): one block
 * per entity in document order, nested entities indented under theirs,
 * every field by its key, references with the name they resolve to, prose
 * re-flowed from its parsed form. Two plans that mean the same dump the
 * same, however they were wrapped, quoted or ordered within a mapping, so
 * the dump is what git's textconv shows. Driven by kind.c's descriptions. */
#include "dump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kind.h"
#include "markup.h"
#include "model.h"
#include "node.h"
#include "utf8.h"

/* Prose is wrapped to this many characters, indentation included. */
#define DUMP_WIDTH 78

struct out {
	FILE *f;
	int indent;		/* of the lines being written */
	int col;		/* characters on the current line */
	int pending_space;	/* a space before the next word */
};

static void
indent(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

/* One value on one line: line ends inside it (a block scalar that is not
 * prose) are shown as "\n", so that every value stays a line. */
static void
put_line_value(FILE *f, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			fputs("\\n", f);
		else if (s[i] == '\t')
			fputs("\\t", f);
		else
			fputc(s[i], f);
	}
}

static const char *
ref_name(const struct ref *r)
{
	const char *name;

	if (r->target == NULL)
		return NULL;
	name = entity_display_name(r->target);
	return name != NULL && name[0] != '\0' && strcmp(name, r->id) != 0 ?
	    name : NULL;
}

/* "id (Name)", or the id alone when it resolves to nothing named or o
 * asks for ids only; the id mapped by o first. */
static void
put_ref(FILE *f, const struct ref *r, const struct dump_opts *o)
{
	const char *name = o->names ? ref_name(r) : NULL;

	fputs(o->map_id != NULL ? o->map_id(o->ctx, r->id) : r->id, f);
	if (name != NULL) {
		fputs(" (", f);
		put_line_value(f, name, strlen(name));
		fputc(')', f);
	}
}

/* ---- prose: words re-flowed to DUMP_WIDTH ---- */

static void
word(struct out *o, const char *s, size_t len)
{
	int w = (int)utf8_count(s, len);

	/* Lines break only where a space was: a footnote mark or a closing
	 * '*' stays with its word. */
	if (o->pending_space && o->col > o->indent && o->col + 1 + w >
	    DUMP_WIDTH) {
		fputc('\n', o->f);
		indent(o->f, o->indent);
		o->col = o->indent;
	} else if (o->pending_space && o->col > o->indent) {
		fputc(' ', o->f);
		o->col++;
	}
	o->pending_space = 0;
	fwrite(s, 1, len, o->f);
	o->col += w;
}

/* Text as words; markup characters escaped so that the dump reads as the
 * markup it came from. Words are glued to what precedes them unless a
 * space separates them. */
static void
text(struct out *o, const char *s, size_t len)
{
	char buf[256];
	size_t i = 0, n;

	while (i < len) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			o->pending_space = 1;
			i++;
			continue;
		}
		/* A long word goes out in pieces of buf, glued together. */
		for (n = 0; i < len && s[i] != ' ' && s[i] != '\t' &&
		    s[i] != '\n' && n + 2 < sizeof buf; i++) {
			if (strchr("*[]\\", s[i]) != NULL)
				buf[n++] = '\\';
			buf[n++] = s[i];
		}
		word(o, buf, n);
	}
}

/* The markup that opens or closes style bits. */
static void
style_marks(struct out *o, unsigned from, unsigned to)
{
	char buf[8];
	size_t n = 0;

	/* Closing: innermost (italic) first; opening: outermost first. */
	if ((from & RUN_ITALIC) && !(to & RUN_ITALIC))
		buf[n++] = '*';
	if ((from & RUN_BOLD) && !(to & RUN_BOLD))
		buf[n++] = '*', buf[n++] = '*';
	if ((from & RUN_FOREIGN) && !(to & RUN_FOREIGN))
		buf[n++] = ']';
	if (n > 0) {
		o->pending_space = 0;
		word(o, buf, n);
		n = 0;
	}
	if ((to & RUN_FOREIGN) && !(from & RUN_FOREIGN))
		buf[n++] = '[';
	if ((to & RUN_BOLD) && !(from & RUN_BOLD))
		buf[n++] = '*', buf[n++] = '*';
	if ((to & RUN_ITALIC) && !(from & RUN_ITALIC))
		buf[n++] = '*';
	if (n > 0) {
		/* An opening mark is glued to the word after it. */
		word(o, buf, n);
		o->pending_space = 0;
	}
}

static void
runs(struct out *o, const struct run *r, size_t n)
{
	unsigned style = 0;
	size_t i;
	char buf[512];

	for (i = 0; i < n; i++) {
		if (r[i].kind == RUN_TEXT) {
			/* A space before the run belongs outside its marks. */
			if (r[i].len > 0 && r[i].text[0] == ' ')
				o->pending_space = 1;
			if (r[i].style != style) {
				int space = o->pending_space;

				style_marks(o, style, r[i].style);
				o->pending_space = space && (r[i].style &
				    ~style) == 0;
				style = r[i].style;
			}
			text(o, r[i].text, r[i].len);
			continue;
		}
		snprintf(buf, sizeof buf, "[%s%s]", r[i].kind == RUN_FOOTNOTE ?
		    "^" : "@", r[i].ref.id ? r[i].ref.id : "");
		/* A footnote mark sticks to the word before it. */
		if (r[i].kind == RUN_FOOTNOTE)
			o->pending_space = 0;
		word(o, buf, strlen(buf));
	}
	if (style != 0)
		style_marks(o, style, 0);
}

static void blocks(struct out *o, const struct block *b, size_t n);

static void
start_line(struct out *o, int at)
{
	indent(o->f, at);
	o->indent = at;
	o->col = at;
	o->pending_space = 0;
}

static void
blocks(struct out *o, const struct block *b, size_t n)
{
	int base = o->indent;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (i > 0 && b[i].kind != BLOCK_LIST)
			fputc('\n', o->f);
		switch (b[i].kind) {
		case BLOCK_HEADING:
			start_line(o, base);
			word(o, "##", 2);
			o->pending_space = 1;
			runs(o, b[i].runs, b[i].nruns);
			fputc('\n', o->f);
			break;
		case BLOCK_PARA:
			start_line(o, base);
			runs(o, b[i].runs, b[i].nruns);
			fputc('\n', o->f);
			break;
		case BLOCK_LIST:
			for (j = 0; j < b[i].nitems; j++) {
				const struct list_item *it = &b[i].items[j];
				int w = (int)utf8_count(it->marker,
				    strlen(it->marker));

				start_line(o, base);
				fputs(it->marker, o->f);
				fputc(' ', o->f);
				o->indent = base + w + 1;
				o->col = o->indent;
				/* The item's first block starts on the marker's
				 * line; the rest (nested lists) under it. */
				if (it->nblocks > 0 &&
				    it->blocks[0].kind != BLOCK_LIST) {
					runs(o, it->blocks[0].runs,
					    it->blocks[0].nruns);
					fputc('\n', o->f);
					blocks(o, it->blocks + 1,
					    it->nblocks - 1);
				} else {
					fputc('\n', o->f);
					blocks(o, it->blocks, it->nblocks);
				}
				o->indent = base;
			}
			break;
		default:
			break;
		}
	}
	o->indent = base;
}

static void
prose(FILE *f, int at, const struct prose *p)
{
	struct out o;

	memset(&o, 0, sizeof o);
	o.f = f;
	o.indent = at;
	blocks(&o, p->blocks, p->nblocks);
}

/* ---- fields ---- */

static void
key(FILE *f, int at, const char *k)
{
	indent(f, at);
	fprintf(f, "%s:", k);
}

/* "key:" alone on its line, its items below it. */
static void
list_key(FILE *f, int at, const char *k)
{
	key(f, at, k);
	fputc('\n', f);
}

/* The start of an item of a list under a key at indentation at. */
static void
item(FILE *f, int at)
{
	indent(f, at + 2);
	fputs("- ", f);
}

static void
partner(FILE *f, const struct partner *pa, const struct dump_opts *o)
{
	if (pa->kind == PARTNER_TEXT) {
		fputc('"', f);
		put_line_value(f, pa->text.s, pa->text.len);
		fputc('"', f);
	} else
		put_ref(f, &pa->ref, o);
	if (pa->org.id != NULL) {
		fputs(", org: ", f);
		put_ref(f, &pa->org, o);
	}
	if (pa->note.len > 0) {
		fputs(", note: ", f);
		put_line_value(f, pa->note.s, pa->note.len);
	}
	fputc('\n', f);
}

static void
member(FILE *f, const struct membership *m, const struct dump_opts *o)
{
	put_ref(f, &m->person, o);
	if (m->role.len > 0) {
		fputs(", role: ", f);
		put_line_value(f, m->role.s, m->role.len);
	}
	if (m->region.len > 0) {
		fputs(", region: ", f);
		put_line_value(f, m->region.s, m->region.len);
	}
	fputc('\n', f);
}

static void
gen(FILE *f, int at, const struct gen *g, const struct dump_opts *o)
{
	size_t i;

	indent(f, at);
	switch (g->kind) {
	case GEN_ACTIVITY_TABLE:
		fputs("- activity-table", f);
		if (g->caption.len > 0) {
			fputs(": ", f);
			put_line_value(f, g->caption.s, g->caption.len);
		}
		for (i = 0; i < g->ncolumns; i++) {
			fputs(i == 0 ? " [" : " | ", f);
			put_line_value(f, g->columns[i].s, g->columns[i].len);
		}
		fputs(g->ncolumns > 0 ? "]\n" : "\n", f);
		break;
	case GEN_ROSTER:
		fputs("- roster: ", f);
		put_ref(f, &g->body, o);
		fputc('\n', f);
		break;
	case GEN_TEXT:
		fputs("- text:\n", f);
		prose(f, at + 4, &g->text);
		break;
	default:
		fputc('\n', f);
		break;
	}
}

/* Prints field fl of obj at indentation at; absent values print nothing. */
static void
field(FILE *f, int at, const void *obj, const struct field *fl,
    const struct dump_opts *o)
{
	const void *v = kind_cvalue(obj, fl);
	size_t i, n;

	switch (fl->type) {
	case FIELD_STR: {
		const struct str *s = v;

		if (s->node == NULL && s->len == 0)
			return;
		key(f, at, fl->key);
		fputc(' ', f);
		put_line_value(f, s->s, s->len);
		fputc('\n', f);
		return;
	}
	case FIELD_STRS: {
		const struct str *s = *(struct str *const *)v;

		if ((n = kind_ccount(obj, fl)) == 0)
			return;
		list_key(f, at, fl->key);
		for (i = 0; i < n; i++) {
			item(f, at);
			put_line_value(f, s[i].s, s[i].len);
			fputc('\n', f);
		}
		return;
	}
	case FIELD_PROSE: {
		const struct prose *p = v;

		if (p->nblocks == 0)
			return;
		list_key(f, at, fl->key);
		prose(f, at + 2, p);
		return;
	}
	case FIELD_REF: {
		const struct ref *r = v;

		if (r->id == NULL)
			return;
		key(f, at, fl->key);
		fputc(' ', f);
		put_ref(f, r, o);
		fputc('\n', f);
		return;
	}
	case FIELD_REFS: {
		const struct refs *rs = v;

		if (rs->n == 0)
			return;
		list_key(f, at, fl->key);
		for (i = 0; i < rs->n; i++) {
			item(f, at);
			put_ref(f, &rs->items[i], o);
			fputc('\n', f);
		}
		return;
	}
	case FIELD_DATE: {
		const struct date *d = v;

		if (d->year == 0)
			return;
		key(f, at, fl->key);
		if (d->day > 0)
			fprintf(f, " %04d-%02d-%02d\n", d->year, d->month,
			    d->day);
		else
			fprintf(f, " %04d-%02d\n", d->year, d->month);
		return;
	}
	case FIELD_BOOL:
		if (*(const int *)v) {
			key(f, at, fl->key);
			fputs(" yes\n", f);
		}
		return;
	case FIELD_SEVERITY:
		key(f, at, fl->key);
		fputs(*(const enum rule_severity *)v == RULE_ERROR ?
		    " error\n" : " warning\n", f);
		return;
	case FIELD_PARTNERS: {
		const struct partners *w = v;

		if (w->n == 0)
			return;
		list_key(f, at, fl->key);
		for (i = 0; i < w->n; i++) {
			item(f, at);
			partner(f, &w->items[i], o);
		}
		return;
	}
	case FIELD_MEMBERS: {
		const struct membership *m = *(struct membership *const *)v;

		if ((n = kind_ccount(obj, fl)) == 0)
			return;
		list_key(f, at, fl->key);
		for (i = 0; i < n; i++) {
			item(f, at);
			member(f, &m[i], o);
		}
		return;
	}
	case FIELD_THEN: {
		const struct gen *g = *(struct gen *const *)v;

		if ((n = kind_ccount(obj, fl)) == 0)
			return;
		list_key(f, at, fl->key);
		for (i = 0; i < n; i++)
			gen(f, at + 2, &g[i], o);
		return;
	}
	default:
		/* FIELD_ENTITIES: the walk prints them as blocks of their
		 * own. */
		return;
	}
}

static void
fields(FILE *f, int at, const void *obj, const struct kind_desc *kd,
    const struct dump_opts *o)
{
	size_t i;

	for (i = 0; i < kd->nfields; i++)
		field(f, at, obj, &kd->fields[i], o);
}

/* The plain dump: names on, ids as they are. */
static const struct dump_opts plain = { 1, NULL, NULL };

static int
on_entity(enum walk_event ev, const struct entity *e, int depth, void *ctx)
{
	FILE *f = ctx;
	const struct kind_desc *kd = kind_desc(e->kind);

	if (ev != WALK_ENTER)
		return 0;
	fputc('\n', f);
	indent(f, depth * 2);
	fprintf(f, "%s %s\n", kd->name, e->id ? e->id : "?");
	fields(f, depth * 2 + 2, e, kd, &plain);
	return 0;
}

void
dump_plan(const struct plan *plan, const struct node *const *unread,
    size_t nunread, FILE *f)
{
	size_t i;

	for (i = 0; i < nunread; i++)
		fprintf(f, "# not read: %s\n", unread[i]->str);
	fputs("plan\n", f);
	fields(f, 2, &plan->meta, kind_meta(), &plain);
	kind_walk(plan, on_entity, f);
}

char *
dump_field(struct arena *a, const void *obj, const struct field *fl,
    const struct dump_opts *o)
{
	char *buf = NULL, *copy;
	size_t len = 0;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		arena_oom();
	field(f, 0, obj, fl, o);
	if (fclose(f) != 0 || buf == NULL)
		arena_oom();
	copy = arena_strndup(a, buf, len);
	free(buf);
	return copy;
}
