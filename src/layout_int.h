/* layout_int.h - what the layout stage's files share: the state of a
 * layout in progress (struct lay), paragraphs being built and set lines,
 * where a call's text goes (struct dest), and the operations each file
 * offers the others: paragraph.c sets text into lines, layout.c puts
 * lines on pages, toc.c and table.c lay out the contents and the activity
 * table. Not for use outside src/layout.c, src/paragraph.c, src/table.c
 * and src/toc.c. */
#ifndef PLANC_LAYOUT_INT_H
#define PLANC_LAYOUT_INT_H

#include <stdint.h>

#include "lang.h"
#include "layout.h"
#include "linebreak.h"

struct block;
struct run;
struct membership;
struct plan;
struct gen;
struct body;
struct prose;
struct redline;
struct entity;

struct atom {
	enum face face;
	double size, rise;
	const char *text;
	size_t len;
	struct pos pos;		/* where its text starts; file NULL: made up */
	const struct mark *link;	/* a reference's target, or NULL */
	unsigned char change;	/* enum piece_change (a redline's) */
	unsigned char role;	/* ROLE_REFERENCE: a footnote's mark; else 0 */
	const char *lang;	/* words in another language, or NULL */
};

/* A footnote mark met in a paragraph: the line it ends up on decides the
 * page its footnote goes to. */
struct note_ref {
	size_t item;
	const struct footnote *note;
};

/* A paragraph being built. Its items and atoms are in scratch, which
 * para_set frees; the notes are in the layout's arena. Its maker zeroes
 * it, sets elem and may set unhyphenated. */
struct para {
	struct arena *scratch;	/* NULL until the first item */
	int unhyphenated;	/* labels and contents entries: no hyphens */
	unsigned elem;		/* the structure element its text belongs to
				 * (para_set adds links, marks and words in
				 * another language under it); 0: furniture */
	struct lb_item *items;
	size_t n, cap;
	struct atom *atoms;	/* parallel to items; boxes only */
	size_t capatoms;
	struct note_ref *notes;
	size_t nnotes, capnotes;
	int space;		/* a space is pending before the next word */
};

/* Where a line's baseline stands, as a fraction of its height above its
 * foot. With the leading of 1.2 to 1.3 of the layouts, Carlito's
 * descenders (a quarter of the size) just clear the foot and the extra
 * leading goes above the letters, as in the word processor the house
 * style comes from. A fixed fraction, not the font's ascender: a line
 * mixing faces (a fallback's ✓, a footnote mark) keeps the baseline of
 * its neighbours. */
#define LINE_BASELINE 0.22

/* A set line: pieces with x absolute and y relative to the baseline, and
 * the footnotes whose marks it holds. */
struct line {
	struct piece *pieces;	/* x absolute, y relative to the baseline */
	size_t n;
	double height;
	const struct footnote **notes;
	size_t nnotes;
	int hyphenated;		/* ends in a hyphen of a broken word */
};

struct lines {
	struct line *items;
	size_t n, cap;
};

/* A line placed in a table cell, top measured down from the cell's top. */
struct cline {
	struct line ln;
	double top;
	int keep;		/* stays on the page of the line after it */
	/* Set by table.c before it cuts rows: the line's paragraph (0 for
	 * none), its place in it and the paragraph's length. */
	unsigned para;
	size_t rank, of;
	/* A redline's: the entity this line begins (an activity), for the
	 * summary's links; NULL for none. */
	const struct entity *anchor;
};

/* A table cell being filled: its lines only stack up, from y 0 at the
 * cell's top downwards; table.c breaks the rows into pages later. */
struct cell {
	struct cline *v;
	size_t n, cap;
	double y;		/* the cursor: 0 at the top, negative below */
	unsigned elem;		/* its TD or TH structure element */
};

/* A list item's marker ("•", "3."), set at x on its first line. */
struct marker {
	const char *text;
	double x;
	enum face face;
	unsigned elem;		/* its Lbl structure element */
};

/* Where a block of text goes, made by the caller for one call: into a
 * table cell (NULL: onto the pages), with the marker its first line
 * takes (NULL: none), under the structure element parent (0: the cell's,
 * or else the current section; see lay_under). A NULL dest is the pages
 * without a marker. */
struct dest {
	struct cell *cell;
	const struct marker *marker;
	unsigned parent;
};

/* A match of one of the layout's ties in the text run being added. */
struct tie {
	size_t start, end;	/* byte offsets into the run */
};

/* A footnote laid out once for a measure: its lines are asked for at
 * every line that holds its mark, and again when the mark is placed. */
struct note_set {
	const struct footnote *fn;	/* NULL: not laid out yet */
	double width;
	struct lines ls;
	double height;
	unsigned elem;		/* its Note structure element */
};

/* Headings just placed, while nothing has followed them on their page
 * (keep with next): a break in the running text before what they head
 * takes them to the new page (lay_page_break). */
struct held {
	int on;
	size_t page;		/* index into doc->pages */
	size_t piece, end;	/* their pieces on that page */
	size_t mark;		/* their first mark; the rest follow it */
	double top, bottom;	/* y above the first and below the last */
	/* The page's running-header fields before the first of them. */
	const char *part, *chapter;
	int opens_part;
};

struct lay {
	struct arena *a;
	/* Where the pages' piece arrays grow: a child of a holding nothing
	 * else, so that the current page's array is the last allocation and
	 * grows in place (see arena.h); a finished page's is trimmed to its
	 * pieces and the running header and footer still to come. */
	struct arena *pa;
	/* Where set lines go (para_set's lines, their pieces and notes, a
	 * cell's lines): a, or the activity table's own arena while it builds
	 * its rows, freed once they are placed (the pages keep copies of
	 * their pieces; the texts stay in a). */
	struct arena *lines;
	/* The colours pieces are set in, by index (struct piece, colour):
	 * shared by every doc of the layout's passes, handed to the last. */
	struct colour *palette;
	size_t npalette, cappalette;
	const struct plan *plan;
	/* A redline's marks (planc build --compare), NULL for an ordinary
	 * build; targets: where each summary line links to, by item, filled
	 * in as the body places what they name. */
	const struct redline *rl;
	struct mark *targets;
	size_t summary_pages;
	const struct style *st;
	/* The words the layout adds: the layout's, else the plan's
	 * language's (lang.c). */
	const char *words[LW_COUNT];
	const struct text_style *ts;	/* running text: body, or table */
	const struct fonts *fonts;
	struct hyphenator *h;
	struct diags *d;
	struct doc *doc;
	struct page *page;
	double y;		/* top of the free space on the page */
	double foot;		/* height taken by this page's footnotes */
	const char *part, *chapter;	/* in force, for running headers */
	/* The structure element of the part, chapter or section in force
	 * (what running text goes under) and its heading level (1-3; 0
	 * before the first). */
	unsigned sect;
	int sect_level;
	struct lines notes;	/* this page's footnote lines, in order */
	struct lines carry;	/* footnote lines continued to the next page: */
	size_t carry_head;	/* those from this one on (a queue, so that a
				 * long note is not copied again page by page) */
	struct note_set *note_sets;	/* by footnote number; see note_set() */
	size_t cap_note_sets;
	/* By footnote number: 1 once its note went to a page this pass. A
	 * note marked twice is printed once, at its first mark placed; the
	 * later marks carry its number and take no room at the foot. */
	unsigned char *note_taken;
	size_t cap_note_taken;
	struct held held;	/* headings waiting for their text */
	int quiet;		/* a repeated pass reports nothing again */
	int landscape;		/* new pages are turned (a turned part, the
				 * activity table) */
	unsigned npara;		/* paragraphs set so far, for the dump */
	/* The headings of the last pass, for references that print a page;
	 * how many references to them this pass met. */
	const struct mark *known;
	size_t nknown;
	const struct mark **known_by;	/* known, sorted by entity */
	size_t page_refs;
	/* The layout's ties, compiled (pcre2_code *), and their matches in
	 * the text run being added. */
	void **tie_codes;
	size_t ntie_codes;
	void *tie_match;	/* pcre2_match_data * */
	const char *tie_base;
	struct tie *ties;
	size_t nties, capties;
	/* Structure elements changed in place during a trial (unit_fits),
	 * as they were, to be put back: those below undo_below, which the
	 * innermost trial found (0: none is on trial). See lay_elem_edit. */
	struct elem_undo *undo;
	size_t nundo, capundo, undo_below;
};

struct elem_undo {
	unsigned i;
	struct elem old;
};

/* ---- paragraph.c ---- */

/* Adds one box of text set in face (a footnote number, say). */
void para_box(struct lay *l, struct para *p, enum face face, double size,
    double rise, const char *s, size_t len, struct pos pos);

/* Adds text in face: words (hyphenated, tied, split by the face that has
 * each character) and the spaces between them. */
void para_text(struct lay *l, struct para *p, enum face face, double size,
    double rise, const char *s, size_t len, struct pos pos);

/* Adds styled runs of prose: emphasis on base, footnote marks, the text of
 * references (with a link for the parts of the document). */
void para_runs(struct lay *l, struct para *p, const struct run *runs,
    size_t n, enum face base, double size);

/* Breaks p into lines of width w at x, leading apart, justified or ragged,
 * appending them to out; p is consumed (emptied). */
void para_set(struct lay *l, struct para *p, double x, double w,
    double leading, int justify, struct lines *out);

/* The face that has cp: face itself, else the first of the fallback chain;
 * FACE_COUNT if none. */
enum face para_face_for(const struct lay *l, enum face face, uint32_t cp);

/* The layout's ties compiled for a layout run, and freed after it. */
void para_ties_compile(struct lay *l);
void para_ties_free(struct lay *l);

/* ---- layout.c ---- */

/* A new structure element of role under parent in the doc being laid
 * out (the document, element 0, is made with the first); returns its
 * index. */
unsigned lay_elem(struct lay *l, enum role role, unsigned parent);

/* Element i of the doc being laid out, to be changed in place: a trial
 * layout keeps what it was, to put it back (copying every element for
 * every trial took quadratic memory). Every change of an element after
 * lay_elem made it goes through here. */
struct elem *lay_elem_edit(struct lay *l, unsigned i);

/* The element the blocks sent to to go under: to's parent, else its
 * cell's element, else the section in force. */
unsigned lay_under(const struct lay *l, const struct dest *to);

/* The index of colour c in the layout's palette (added if new), for a
 * piece's colour. */
uint16_t lay_colour(struct lay *l, const struct colour *c);

/* l set up empty over arena a: its pieces' and lines' arenas, and the
 * palette's black as colour 0. layout_plan starts so, and so does any
 * caller that lays text out by itself (the fuzz harnesses). */
void lay_init(struct lay *l, struct arena *a);

/* Makes the pieces of ls artifacts: furniture, not text to read. */
void lay_artifact_lines(struct lines *ls);

/* Starts a new page in the current orientation; the last page's footnotes
 * are placed first. */
void lay_new_page(struct lay *l);

/* A page break in the running text, before what does not fit: the same,
 * but headings that would be left last on the page go along to the new
 * one (unless they began it: then moving them would not help). */
void lay_page_break(struct lay *l);

/* Puts ln's pieces on the current page with their baseline at baseline. */
void lay_put_line(struct lay *l, const struct line *ln, double baseline);

/* Places set lines on pages, keeping keep points after them on the same
 * page, with no single first or last line of a paragraph alone on a page;
 * or stacks them in cell (not NULL). */
void lay_flow(struct lay *l, struct cell *cell, const struct lines *ls,
    double keep);

/* The space a page's first footnote takes for the rule above the notes. */
#define NOTE_RULE_SPACE 10.0

/* Takes the footnotes of a line just placed onto the current page (those
 * not taken before: a note marked twice is printed once). */
void lay_take_notes(struct lay *l, const struct line *ln);

/* The width of s set in face f at size, shaped (kerning, ligatures) in
 * language lang (NULL: the plan's). */
double lay_width(const struct lay *l, enum face f, const char *lang,
    const char *s, size_t len, double size);

/* The room ln's footnotes not yet taken would need at this page's foot,
 * with the rule above the notes if the page has none yet. Lines that
 * share a note count it each (an overestimate, never too little). */
double lay_notes_height(struct lay *l, const struct line *ln);

/* The width between the margins of the current page. */
double lay_text_width(const struct lay *l);

/* 1 if h more points fit above the footnotes of the current page. */
int lay_fits(const struct lay *l, double h);

/* Sets plain text as one paragraph (a P under lay_under(to)) at x in
 * width w to (see struct dest), keeping keep points after it on the same
 * page. lay_label sets a label: ragged, never hyphenated. lay_text_ts
 * sets text as the element elem in a role's size, leading and colour. */
void lay_text(struct lay *l, const struct dest *to, const char *s,
    enum face f, double size, double x, double w, int justify, double keep);
void lay_label(struct lay *l, const struct dest *to, const char *s,
    enum face f, double size, double x, double w);
void lay_text_ts(struct lay *l, unsigned elem, const char *s, enum face f,
    const struct text_style *ts, double x, double w, double keep);

/* Sets prose blocks (paragraphs, lists) at x in width w to (see struct
 * dest); the marker goes to the first block's first line. */
void lay_prose(struct lay *l, const struct dest *to, const struct block *b,
    size_t n, double x, double w, int depth);

/* "A, B en C" in the plan's language. */
const char *lay_join_names(struct lay *l, const char **names, size_t n);

/* Sets n names (4 or more) as a grid in the body text's type, row by row
 * in at most cols columns gap points apart, as many as every name fits
 * in, to where to says (see struct dest) at x in width w; returns 0 and
 * sets nothing when fewer than two columns fit, for the caller to list
 * the names instead. */
int lay_name_grid(struct lay *l, const struct dest *to, const char **names,
    size_t n, double x, double w, size_t cols, double gap);

/* The rows lay_name_grid would set the names in, 0 for none. */
size_t lay_name_grid_rows(struct lay *l, const char **names, size_t n,
    double w, size_t cols, double gap);

/* A member's name with their role: "Anki Duin (voorzitter)". */
const char *lay_member_name(struct lay *l, const struct membership *m);

/* The table of contents of the headings marks on pages of its own
 * (toc.c). */
void toc_lay(struct lay *l, const struct mark *marks, size_t n);

/* The activity table (table.c). */
void table_activities(struct lay *l, const struct gen *g);

/* ---- redline (layout.c) ---- */

/* The blocks to set for prose p: a redline's merged ones, else its own. */
const struct block *lay_blocks(const struct lay *l, const struct prose *p,
    size_t *n);

/* Records that e (new plan's, or a removed one of the old) is placed here,
 * at the top y of the current page, for the summary's links. */
void lay_anchor(struct lay *l, const struct entity *e, double y);

/* Sets a title as a label (see lay_label): a redline's merged runs of e's
 * title when it changed, else s. */
void lay_title(struct lay *l, const struct dest *to, const struct entity *e,
    const char *s, enum face f, double size, double x, double w,
    double keep);

/* Sets runs (a redline's merged title) as a label. */
void lay_runs(struct lay *l, const struct dest *to, const struct run *runs,
    size_t n, enum face f, double size, double x, double w, double keep);

/* Sets a redline's note ("verplaatst van ...") as a label in note colour. */
void lay_note(struct lay *l, const struct dest *to, const char *s,
    double size, double x, double w);

#endif
