/* rules.c - PCRE2 at work: id and date shapes, and house-style rules. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "node.h"

enum shape { SHAPE_ID, SHAPE_DATE, SHAPE_COUNT };

static const char *const shape_pattern[SHAPE_COUNT] = {
	[SHAPE_ID] = "^[a-z0-9]+(?:-[a-z0-9]+)*$",
	[SHAPE_DATE] = "^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$",
};

static pcre2_code *shape_code[SHAPE_COUNT];

static pcre2_code *
shape(enum shape s)
{
	int err;
	PCRE2_SIZE off;

	if (shape_code[s] == NULL)
		shape_code[s] = pcre2_compile((PCRE2_SPTR)shape_pattern[s],
		    PCRE2_ZERO_TERMINATED, 0, &err, &off, NULL);
	return shape_code[s];
}

/* Runs code over s; returns the number of captures set (> 0) or <= 0, and
 * fills ov with up to 4 pairs of offsets. */
static int
match(pcre2_code *code, const char *s, size_t len, size_t start,
    PCRE2_SIZE ov[8])
{
	pcre2_match_data *md;
	PCRE2_SIZE *v;
	int rc, i;

	if (code == NULL)
		return -1;
	md = pcre2_match_data_create(4, NULL);
	if (md == NULL)
		return -1;
	rc = pcre2_match(code, (PCRE2_SPTR)s, len, start, 0, md, NULL);
	if (rc > 0) {
		v = pcre2_get_ovector_pointer(md);
		for (i = 0; i < 8; i++)
			ov[i] = i < 2 * rc ? v[i] : PCRE2_UNSET;
	}
	pcre2_match_data_free(md);
	return rc;
}

int
rules_id_ok(const char *s)
{
	PCRE2_SIZE ov[8];

	return match(shape(SHAPE_ID), s, strlen(s), 0, ov) > 0;
}

int
rules_date_parse(const char *s, struct date *date)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	PCRE2_SIZE ov[8];
	int rc, y, m, d = 0;

	rc = match(shape(SHAPE_DATE), s, strlen(s), 0, ov);
	if (rc <= 0)
		return -1;
	y = atoi(s);
	m = atoi(s + ov[4]);
	if (rc > 3 && ov[6] != PCRE2_UNSET)
		d = atoi(s + ov[6]);
	if (y < 1900 || y > 2999 || m < 1 || m > 12)
		return -1;
	if (rc > 3 && ov[6] != PCRE2_UNSET) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		if (d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
			return -1;
	}
	date->year = y;
	date->month = m;
	date->day = d;
	return 0;
}

/* ---- house-style rules ---- */

static void
compile_rule(struct style_rule *r, struct diags *d)
{
	int err;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];

	r->code = pcre2_compile((PCRE2_SPTR)r->pattern.s, r->pattern.len,
	    PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	if (r->code == NULL) {
		pcre2_get_error_message(err, msg, sizeof msg);
		diag_report(d, D_BAD_PATTERN, r->pattern.node ?
		    node_span_at(r->pattern.node, off, off + 1) : r->e.span,
		    "bad pattern in style rule '%s': %s", r->e.id,
		    (const char *)msg);
	}
}

/* Reports every match of every rule inside one text. */
static void
run_rules(struct plan *plan, struct diags *d, const struct str *t)
{
	pcre2_match_data *md;
	size_t i;

	if (t->node == NULL || t->len == 0)
		return;
	md = pcre2_match_data_create(1, NULL);
	if (md == NULL)
		return;
	for (i = 0; i < plan->nrules; i++) {
		struct style_rule *r = plan->rules[i];
		PCRE2_SIZE start = 0, *ov;
		struct diag *dg;
		int rc;

		if (r->code == NULL)
			continue;
		while (start <= t->len) {
			rc = pcre2_match(r->code, (PCRE2_SPTR)t->s, t->len, start,
			    0, md, NULL);
			if (rc <= 0)
				break;
			ov = pcre2_get_ovector_pointer(md);
			dg = diag_report_sev(d, r->severity == RULE_ERROR ?
			    D_STYLE_ERROR : D_STYLE, r->severity == RULE_ERROR ?
			    SEV_ERROR : SEV_WARNING,
			    node_span_at(t->node, ov[0], ov[1] > ov[0] ? ov[1] :
			    ov[0] + 1), "%s (style rule '%s')", r->message.s,
			    r->e.id);
			if (r->replace.len > 0)
				diag_note(d, dg, node_pos_at(t->node, ov[0]),
				    "write '%s' instead of '%.*s'", r->replace.s,
				    (int)(ov[1] - ov[0]), t->s + ov[0]);
			/* An empty match must still move on. */
			start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		}
	}
	pcre2_match_data_free(md);
}

static void
run_prose(struct plan *plan, struct diags *d, const struct prose *p)
{
	run_rules(plan, d, &p->src);
}

static void
run_partners(struct plan *plan, struct diags *d, const struct partners *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		run_rules(plan, d, &w->items[i].text);
		run_rules(plan, d, &w->items[i].note);
	}
}

static void
run_gens(struct plan *plan, struct diags *d, const struct gen *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		run_rules(plan, d, &g[i].caption);
		run_prose(plan, d, &g[i].text);
	}
}

void
rules_check(struct plan *plan, struct diags *d)
{
	size_t i, j;

	for (i = 0; i < plan->nrules; i++)
		compile_rule(plan->rules[i], d);
	run_rules(plan, d, &plan->meta.title);
	run_rules(plan, d, &plan->meta.tagline);
	for (i = 0; i < plan->meta.nsubtitle; i++)
		run_rules(plan, d, &plan->meta.subtitle[i]);
	run_rules(plan, d, &plan->meta.builds_on);
	for (i = 0; i < plan->nparts; i++)
		run_rules(plan, d, &plan->parts[i]->title);
	for (i = 0; i < plan->nchapters; i++) {
		struct chapter *c = plan->chapters[i];
		run_rules(plan, d, &c->title);
		run_prose(plan, d, &c->text);
		run_gens(plan, d, c->then, c->nthen);
	}
	for (i = 0; i < plan->nsections; i++) {
		struct section *s = plan->sections[i];
		run_rules(plan, d, &s->title);
		run_prose(plan, d, &s->text);
		run_gens(plan, d, s->then, s->nthen);
	}
	for (i = 0; i < plan->nfootnotes; i++)
		run_prose(plan, d, &plan->footnotes[i]->text);
	for (i = 0; i < plan->nperiods; i++)
		run_rules(plan, d, &plan->periods[i]->title);
	for (i = 0; i < plan->ndomains; i++) {
		run_rules(plan, d, &plan->domains[i]->title);
		run_partners(plan, d, &plan->domains[i]->with);
	}
	for (i = 0; i < plan->nambitions; i++)
		run_prose(plan, d, &plan->ambitions[i]->text);
	for (i = 0; i < plan->nstrands; i++) {
		run_rules(plan, d, &plan->strands[i]->title);
		run_partners(plan, d, &plan->strands[i]->with);
	}
	for (i = 0; i < plan->nactivities; i++) {
		struct activity *a = plan->activities[i];
		run_rules(plan, d, &a->title);
		run_prose(plan, d, &a->text);
		run_partners(plan, d, &a->with);
	}
	for (i = 0; i < plan->nmilestones; i++)
		run_prose(plan, d, &plan->milestones[i]->text);
	for (i = 0; i < plan->npeople; i++)
		run_rules(plan, d, &plan->people[i]->name);
	for (i = 0; i < plan->norganisations; i++)
		run_rules(plan, d, &plan->organisations[i]->name);
	for (i = 0; i < plan->nbodies; i++) {
		struct body *b = plan->bodies[i];
		run_rules(plan, d, &b->name);
		run_rules(plan, d, &b->note);
		for (j = 0; j < b->nmembers; j++) {
			run_rules(plan, d, &b->members[j].role);
			run_rules(plan, d, &b->members[j].region);
		}
	}
	for (i = 0; i < plan->ngroups; i++) {
		run_rules(plan, d, &plan->groups[i]->title);
		run_rules(plan, d, &plan->groups[i]->note);
	}
}

void
rules_free(struct plan *plan)
{
	size_t i;

	for (i = 0; plan != NULL && i < plan->nrules; i++) {
		pcre2_code_free(plan->rules[i]->code);
		plan->rules[i]->code = NULL;
	}
	for (i = 0; i < SHAPE_COUNT; i++) {
		pcre2_code_free(shape_code[i]);
		shape_code[i] = NULL;
	}
}
