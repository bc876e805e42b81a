/* rules.c - the plan's house-style rules (PCRE2) run over its prose and
 * names. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "node.h"

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
}
