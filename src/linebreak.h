/* linebreak.h - total-fit line breaking (Knuth and Plass, "Breaking
 * Paragraphs into Lines", 1981) over boxes, glue and penalties. It knows
 * nothing of fonts or text: paragraph.c turns runs into items and sets the
 * lines; this file picks the breaks that minimise the paragraph's total
 * demerits. */
#ifndef PLANC_LINEBREAK_H
#define PLANC_LINEBREAK_H

#include <stddef.h>

struct arena;

enum lb_kind {
	LB_BOX,			/* a word or a piece of one: fixed width */
	LB_GLUE,		/* a space: width that may stretch or shrink */
	LB_PENALTY,		/* a possible break with a cost */
	LB_KIND_COUNT
};

#define LB_INFINITY 10000	/* penalty: never break here / always break */

struct lb_item {
	enum lb_kind kind;
	double width;		/* box, glue; penalty: width if broken (a hyphen) */
	double stretch, shrink;	/* glue */
	int penalty;		/* penalty: cost; ±LB_INFINITY forbids/forces */
	int flagged;		/* penalty: a hyphenation break */
};

struct lb_params {
	double tolerance;	/* largest adjustment ratio badness allowed (TeX: 200) */
	int line_penalty;	/* added to each line's badness (TeX: 10) */
	int flagged_demerits;	/* two hyphenated lines in a row (TeX: 3000) */
	int fitness_demerits;	/* lines of very different tightness (TeX: 100) */
	int last_hyphen_demerits; /* the second-last line hyphenated (TeX: 5000) */
	/* Most hyphenated lines in a row; 0: no limit. Breaks past it are
	 * not taken unless nothing else fits (ConTeXt's and LaTeX's
	 * \hyphenationlimit-like rule; TeX has only flagged_demerits). */
	int hyphen_limit;
	/* Ragged right when > 0: the glue neither stretches nor shrinks
	 * and each line's end stretches this much instead (TeX's
	 * \raggedright: rigid spaces, \rightskip 0pt plus 2em); 0 for
	 * justified lines. */
	double line_stretch;
};

/* Defaults close to TeX's plain format. */
void lb_params_default(struct lb_params *p);

struct lb_line {
	size_t end;		/* index of the break item (glue or penalty), or n */
	double ratio;		/* adjustment ratio: > 0 stretched, < 0 shrunk */
	int hyphenated;		/* ends at a flagged penalty */
};

/* Breaks items[0..n) into lines. width(line, ctx) gives the measure of line
 * number line (0-based), so hanging indents and shaped paragraphs work.
 * The paragraph must end with a forced break (penalty -LB_INFINITY), as
 * TeX's \parfillskip + \penalty-10000.
 *
 * Tries the given tolerance first; if no set of breaks keeps every line
 * within it, tries again with any tolerance, and as a last resort lets a
 * line overflow (the caller prevents that by splitting over-long words
 * into breakable pieces first). Returns the number of lines, written to
 * *lines (allocated in a). Never fails for a well-formed paragraph. */
size_t lb_break(struct arena *a, const struct lb_item *items, size_t n,
    double (*width)(size_t line, void *ctx), void *ctx,
    const struct lb_params *params, struct lb_line **lines);

#endif
