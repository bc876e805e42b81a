/* diag.c - the catalogue of diagnostics, their collection, and the four
 * output formats (human, JSON, SARIF, GitHub workflow commands). */
#include "diag.h"
#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "utf8.h"

#ifndef PLANC_VERSION
#define PLANC_VERSION "0.0"
#endif

/* The catalogue, in enum order: code, default severity, what it is about
 * (one line: SARIF's shortDescription, the heading in `planc explain`),
 * why it is reported and what to do (SARIF's help, `planc explain`,
 * plans/CODES.md), and an example: a plan excerpt that gives the
 * diagnostic and the same excerpt fixed. Texts are wrapped at 72 columns
 * so that they print as they are; a "$ " example is a shell command. */
static const struct diag_info catalogue[D_COUNT] = {
	[D_IO] = { "io", SEV_ERROR, "a file cannot be read",
	    "A plan, a file it includes or a layout cannot be read: it does not\n"
	    "exist, it is a directory, or planc may not open it. The message\n"
	    "names the file and the system's reason. An include is relative to\n"
	    "the file that names it, not to the directory planc runs in. The\n"
	    "exit status is 2: the plan may be fine, planc could not see it.",
	    "include: [organisatie.yaml]     # the file is organisation.yaml",
	    "include: [organisation.yaml]" },
	[D_OUTPUT] = { "output", SEV_ERROR, "the output cannot or may not be "
	    "written",
	    "The PDF cannot be written where it should go (a directory that\n"
	    "does not exist, no permission, a full disk), or writing it would\n"
	    "overwrite an input of the build: the plan, a file it includes,\n"
	    "the layout or a font. The previous output is left as it was.\n"
	    "Name another output with -o.",
	    "$ planc build plan.yaml -o plan.yaml",
	    "$ planc build plan.yaml -o plan.pdf" },
	[D_PDF] = { "pdf", SEV_ERROR, "the PDF library refused a font or "
	    "failed",
	    "The PDF library (libharu) refused a font the layout names, or\n"
	    "failed while writing the document. A font must be a TrueType\n"
	    "(.ttf) file with the characters the plan uses; OpenType fonts with\n"
	    "PostScript outlines (.otf) and collections (.ttc) will not do.\n"
	    "Choose another font in the layout.",
	    "fonts: { regular: SourceSerif4-Regular.otf }",
	    "fonts: { family: Carlito }" },
	[D_ENCODING] = { "encoding", SEV_ERROR, "the file is not valid UTF-8",
	    "Plans, includes and layouts are UTF-8 text. A byte that is not\n"
	    "valid UTF-8 usually means the file was saved as Latin-1 or\n"
	    "Windows-1252 (an 'é' as the single byte 0xE9). Save the file as\n"
	    "UTF-8 in your editor, or convert it:\n"
	    "iconv -f WINDOWS-1252 -t UTF-8 plan.yaml > plan-utf8.yaml",
	    "title: Cr\\xe8che en school     # saved as Latin-1",
	    "title: Crèche en school        # saved as UTF-8" },
	[D_NUL_BYTE] = { "nul-byte", SEV_ERROR, "the file contains a NUL byte",
	    "A NUL byte (0x00) is never part of a text file: the file is\n"
	    "binary, saved as UTF-16, or damaged. Save it as UTF-8 text.",
	    "title: Kindcentra\\x00          # a NUL byte in the title",
	    "title: Kindcentra" },
	[D_SYNTAX] = { "syntax", SEV_ERROR, "YAML syntax error",
	    "The file is not valid YAML, so nothing after the error can be\n"
	    "read. Prose provokes most of these: a ': ' inside a title (YAML\n"
	    "reads a key), a value starting with '*', '&', '@', '[' or '{', an\n"
	    "apostrophe inside '...', or a tab used for indentation. Quote such\n"
	    "a value with \"...\", or write prose as a block (text: |). The\n"
	    "message names the cause; a note gives libyaml's own words.",
	    "title: PACT: de kindcentra van morgen",
	    "title: \"PACT: de kindcentra van morgen\"" },
	[D_DUPLICATE_KEY] = { "duplicate-key", SEV_ERROR, "a key appears twice "
	    "in one mapping",
	    "The same key appears twice in one mapping. YAML would silently\n"
	    "keep one of the two values, so planc refuses the mapping instead:\n"
	    "remove or rename one of them. A note points at the first one.",
	    "- id: regiotour\n"
	    "  period: voorjaar-2018\n"
	    "  period: eind-2018",
	    "- id: regiotour\n"
	    "  period: eind-2018" },
	[D_ALIAS_LIMIT] = { "alias-limit", SEV_ERROR, "aliases expand to too "
	    "many nodes",
	    "YAML anchors (&name) and aliases (*name) let one node stand for\n"
	    "another. Aliases of aliases can expand a small file into millions\n"
	    "of nodes (the \"billion laughs\"), so planc stops at a million.\n"
	    "A plan does not need aliases: write the values out, or refer to\n"
	    "an entity by its id.",
	    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]   # and so on",
	    "with: [korein, mondomijn]     # ids instead of aliases" },
	[D_DEPTH_LIMIT] = { "depth-limit", SEV_ERROR, "lists and mappings "
	    "nested too deeply",
	    "Lists and mappings are nested more than 64 levels deep. No plan\n"
	    "needs that much (the deepest is about 8: parts, chapters,\n"
	    "sections, footnotes); the limit keeps a hostile file from\n"
	    "exhausting the stack. Usually a bracket was left open.",
	    "with: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ ...",
	    "with: [korein, mondomijn]" },
	[D_INCLUDE_ESCAPE] = { "include-escape", SEV_ERROR, "an include leaves "
	    "the project root",
	    "An included file must lie inside the project root: by default the\n"
	    "directory of the top-level plan, or the directory given with\n"
	    "--root. Absolute paths are refused too, and symbolic links are\n"
	    "followed before the test. This keeps a plan from reading files\n"
	    "elsewhere on the machine, and each year's PDF from depending on\n"
	    "files outside its project. To share a file between years, check\n"
	    "from a common root: planc check --root . 2019/plan.yaml",
	    "include: [../shared/organisation.yaml]    # with the default root",
	    "$ planc build --root . 2019/plan.yaml     # the project's root" },
	[D_INCLUDE_CYCLE] = { "include-cycle", SEV_ERROR, "files include each "
	    "other in a cycle",
	    "A file includes itself, directly or through other files. Each file\n"
	    "is read once; remove the include that closes the cycle (usually\n"
	    "the one in the shared file that names the plan).",
	    "# een.yaml\n"
	    "include: [twee.yaml]\n"
	    "# twee.yaml\n"
	    "include: [een.yaml]",
	    "# een.yaml\n"
	    "include: [twee.yaml]\n"
	    "# twee.yaml: no include" },
	[D_NOT_A_PLAN] = { "not-a-plan", SEV_ERROR, "the document is not a plan",
	    "The top-level file is not a plan: it is not a mapping, has none of\n"
	    "a plan's keys, or lacks the 'plan:' mapping with the title and\n"
	    "date. Check that you named the plan and not one of the files it\n"
	    "includes (those may leave 'plan:' out).",
	    "title: PACT voor kindcentra\n"
	    "date: 2018-03",
	    "plan:\n"
	    "  title: PACT voor kindcentra\n"
	    "  date: 2018-03" },
	[D_UNKNOWN_KEY] = { "unknown-key", SEV_ERROR, "a key the format does "
	    "not know",
	    "A key that this kind of mapping does not have: usually a typing\n"
	    "error (a note suggests the nearest key) or a key at the wrong\n"
	    "level of indentation. planc refuses it rather than ignore it, so\n"
	    "that a misspelt key does not silently drop its text. The keys of\n"
	    "each entity are listed in plans/README.md.",
	    "- id: inleiding\n"
	    "  tittle: Inleiding",
	    "- id: inleiding\n"
	    "  title: Inleiding" },
	[D_MISSING_KEY] = { "missing-key", SEV_ERROR, "a required key is "
	    "missing",
	    "An entity lacks a key it cannot do without: every entity needs\n"
	    "an 'id:', a chapter or section a 'title:', a person a 'name:', an\n"
	    "activity its 'domain:' and 'period:'. Add the key.",
	    "people:\n"
	    "  - { name: Anna Smit }",
	    "people:\n"
	    "  - { id: anna-smit, name: Anna Smit }" },
	[D_WRONG_TYPE] = { "wrong-type", SEV_ERROR, "a value of the wrong shape",
	    "A value has the wrong shape: a text where a list is expected, a\n"
	    "list where a mapping is, and so on. A single value that should be\n"
	    "a list is written in brackets; a mapping's keys are indented under\n"
	    "it.",
	    "serves: ontwikkelbehoefte, kwaliteit",
	    "serves: [ontwikkelbehoefte, kwaliteit]" },
	[D_BAD_VALUE] = { "bad-value", SEV_ERROR, "a value outside its allowed "
	    "set",
	    "A value that the key does not accept: a language planc does not\n"
	    "know, a boolean that is not true or false, a length without a\n"
	    "unit, a severity other than error or warning, a font file that\n"
	    "cannot be used. The message names what is accepted.",
	    "more: misschien",
	    "more: true" },
	[D_BAD_ID] = { "bad-id", SEV_ERROR, "an id that is not lower-case "
	    "letters, digits and dashes",
	    "Ids are lower-case letters, digits and single dashes\n"
	    "(jeannette-doornenbal, po-raad, juni-2018), so that they are easy\n"
	    "to type, to find and to compare. Where a reference is expected, a\n"
	    "capitalised name is not an id: in 'with:' write free text quoted.",
	    "with: [Kindercampus Columbus, Anna_Smit]",
	    "with: [\"Kindercampus Columbus\", anna-smit]" },
	[D_BAD_DATE] = { "bad-date", SEV_ERROR, "an invalid date",
	    "A date is YYYY-MM or YYYY-MM-DD, and must exist (no 30 February,\n"
	    "no month 13). Periods with dates must be in date order.",
	    "date: 2018-02-30",
	    "date: 2018-02-28" },
	[D_BAD_PATTERN] = { "bad-pattern", SEV_ERROR, "a style rule's or a tie's "
	    "pattern does not compile",
	    "A house-style rule's 'pattern:' or a layout's tie is a PCRE2\n"
	    "regular expression, and this one does not compile; the message\n"
	    "gives PCRE2's reason. Write patterns in single quotes so that\n"
	    "YAML leaves backslashes alone.",
	    "pattern: '\\b(ikc\\b'",
	    "pattern: '\\bikc\\b'" },
	[D_BAD_COLOUR] = { "bad-colour", SEV_ERROR, "a colour that is not "
	    "#rrggbb or #rgb",
	    "A layout's colours are hexadecimal, \"#rrggbb\" or \"#rgb\", in\n"
	    "quotes: without them YAML reads '#' as the start of a comment.",
	    "colour: \"#1f386g\"",
	    "colour: \"#1f3864\"" },
	[D_MISSING_FONT] = { "missing-font", SEV_ERROR, "a layout's font that is "
	    "not found",
	    "A font the layout names is not found: a family is looked up in\n"
	    "planc's fonts/ and then on the system (fontconfig), a .ttf file\n"
	    "relative to the layout and then in planc's fonts/. Install the\n"
	    "font, correct the name, or name a file. `fc-list : family` lists\n"
	    "the system's families.",
	    "fonts: { family: Calibri }",
	    "fonts: { family: Carlito }      # metric-compatible with Calibri" },
	[D_DUPLICATE_ID] = { "duplicate-id", SEV_ERROR, "two entities share an "
	    "id",
	    "Ids are unique across the plan and every file it includes,\n"
	    "whatever kind of entity they name, so that a reference is never\n"
	    "ambiguous. A note points at the first use. Rename one of them\n"
	    "(and the references to it).",
	    "people:\n"
	    "  - { id: piet-jansen, name: Piet Jansen }\n"
	    "  - { id: piet-jansen, name: Piet Jansen-de Vries }",
	    "people:\n"
	    "  - { id: piet-jansen, name: Piet Jansen }\n"
	    "  - { id: piet-jansen-de-vries, name: Piet Jansen-de Vries }" },
	[D_UNKNOWN_REF] = { "unknown-ref", SEV_ERROR, "a reference to an id that "
	    "does not exist",
	    "A reference names an id that no entity of the expected kind has,\n"
	    "in the plan or the files it includes. A note suggests the nearest\n"
	    "existing id. Correct the id, or add the entity. In 'with:' a\n"
	    "partner that is not an entity is written as quoted free text.",
	    "with: [jeanette-doornenbal]",
	    "with: [jeannette-doornenbal]" },
	[D_WRONG_KIND] = { "wrong-kind", SEV_ERROR, "a reference to the wrong "
	    "kind of entity",
	    "The id exists, but names another kind of entity than the key\n"
	    "takes: 'org:' takes an organisation, 'members:' take people,\n"
	    "'serves:' takes ambitions, 'period:' a period. Refer to an entity\n"
	    "of the right kind.",
	    "with:\n"
	    "  - { ref: piet-jansen, org: anna-smit }",
	    "with:\n"
	    "  - { ref: piet-jansen, org: po-raad }" },
	[D_UNKNOWN_FOOTNOTE] = { "unknown-footnote", SEV_ERROR, "a footnote mark "
	    "without a footnote",
	    "The prose marks a footnote, [^id], that no 'footnotes:' list\n"
	    "defines. Define the footnote under the chapter or section, or\n"
	    "correct the id.",
	    "text: Zoals eerder gemeld[^bron].\n"
	    "footnotes:\n"
	    "  - { id: bronnen, text: Jaarverslag 2017. }",
	    "text: Zoals eerder gemeld[^bron].\n"
	    "footnotes:\n"
	    "  - { id: bron, text: Jaarverslag 2017. }" },
	[D_NO_AMBITION] = { "no-ambition", SEV_ERROR, "a domain without "
	    "ambitions",
	    "Every domain needs at least one ambition: the activity table's\n"
	    "first column lists them, and every activity serves one of its\n"
	    "domain's ambitions.",
	    "domains:\n"
	    "  - { id: kinderen, title: Kinderen en ouders }",
	    "domains:\n"
	    "  - id: kinderen\n"
	    "    title: Kinderen en ouders\n"
	    "    ambitions:\n"
	    "      - { id: stem, text: De stem van kinderen is hoorbaar. }" },
	[D_FOREIGN_AMBITION] = { "foreign-ambition", SEV_ERROR, "an activity "
	    "serves another domain's ambition",
	    "An activity may only serve the ambitions (and belong to the\n"
	    "strands) of its own domain: in the table it stands in its domain's\n"
	    "row. Move the activity to the other domain, or name an ambition\n"
	    "of its own domain.",
	    "- id: gesprekken\n"
	    "  domain: kinderen\n"
	    "  serves: [kennis]          # an ambition of domain kwaliteit",
	    "- id: gesprekken\n"
	    "  domain: kinderen\n"
	    "  serves: [stem]" },
	[D_MARKUP] = { "markup", SEV_ERROR, "malformed prose markup",
	    "The prose markup of a 'text:' is malformed: an unclosed '*' or\n"
	    "'**', an empty list item, a footnote mark that is not [^id],\n"
	    "a list nested deeper than one level. Emphasis must end in the\n"
	    "paragraph it starts in; write a literal asterisk as \\*.",
	    "text: |\n"
	    "  - **Innovatie: het initiëren.",
	    "text: |\n"
	    "  - **Innovatie:** het initiëren." },
	[D_STYLE_ERROR] = { "style-error", SEV_ERROR, "a house-style rule of "
	    "severity error matched",
	    "A house-style rule of the plan ('style-rules:', severity error)\n"
	    "matched its prose, titles or names; the message is the rule's,\n"
	    "and a note gives the rule's suggested replacement. Change the\n"
	    "text, or the rule if it matched what it should not.",
	    "style-rules:\n"
	    "  - { id: ikc, pattern: '\\bikc\\b', message: write IKC,\n"
	    "      severity: error, replace: IKC }\n"
	    "text: Het ikc is open.",
	    "text: Het IKC is open." },
	[D_UNUSED_FOOTNOTE] = { "unused-footnote", SEV_WARNING, "a footnote that "
	    "no text marks",
	    "A footnote is defined but no [^id] in the prose marks it, so it\n"
	    "would not be printed. Mark it where it belongs, or remove it.",
	    "text: Geen noot hier.\n"
	    "footnotes:\n"
	    "  - { id: vergeten, text: Niemand verwijst hiernaar. }",
	    "text: Een noot hier.[^vergeten]\n"
	    "footnotes:\n"
	    "  - { id: vergeten, text: Nu wel. }" },
	[D_UNUSED_PERSON] = { "unused-person", SEV_WARNING, "a person nothing "
	    "refers to",
	    "A person is listed but no activity, body, partner or [@id] refers\n"
	    "to them. In a plan of its own that is usually a leftover; in a\n"
	    "shared organisation file it is expected, since not every year\n"
	    "mentions everyone: silence it there with -W no-unused-person.",
	    "people:\n"
	    "  - { id: anna-smit, name: Anna Smit }    # named nowhere",
	    "$ planc check -W no-unused-person plan.yaml" },
	[D_NEAR_DUPLICATE] = { "near-duplicate", SEV_WARNING, "two entities with "
	    "almost the same name",
	    "Two entities of the same kind have names one or two letters\n"
	    "apart: often the same person or organisation entered twice with a\n"
	    "typing error, which splits their references. Merge them, or\n"
	    "correct the name that is wrong.",
	    "people:\n"
	    "  - { id: corinne-smit, name: Corinne Smit }\n"
	    "  - { id: corine-smit, name: Corine Smit }",
	    "people:\n"
	    "  - { id: corinne-smit, name: Corinne Smit }" },
	[D_FREE_TEXT_ENTITY] = { "free-text-entity", SEV_WARNING, "free text that "
	    "names a known entity",
	    "A quoted partner in 'with:' spells the name of an entity the plan\n"
	    "knows. Refer to the entity by its id instead, so that a renamed\n"
	    "organisation is renamed everywhere and the reference is checked.",
	    "with: [\"PO-raad\"]",
	    "with: [po-raad]" },
	[D_EMPTY_TEXT] = { "empty-text", SEV_WARNING, "a text with nothing in it",
	    "A 'text:' holds nothing but whitespace, which prints as nothing.\n"
	    "Write the text, or leave the key out.",
	    "text: \" \"",
	    "text: Met ouders en kinderen in gesprek." },
	[D_STYLE] = { "style", SEV_WARNING, "a house-style rule matched",
	    "A house-style rule of the plan ('style-rules:', severity warning)\n"
	    "matched its prose, titles or names; the message is the rule's,\n"
	    "and a note gives its suggested replacement.",
	    "style-rules:\n"
	    "  - { id: fonds, pattern: '\\bKinderopvangfond\\b',\n"
	    "      message: het fonds heet Kinderopvangfonds }\n"
	    "text: Het Kinderopvangfond betaalt.",
	    "text: Het Kinderopvangfonds betaalt." },
	[D_MISSING_GLYPH] = { "missing-glyph", SEV_WARNING, "a character no font "
	    "can show",
	    "No font of the layout, fallbacks included, has a character the\n"
	    "plan uses, so it is left out of the PDF. Add a font that has it\n"
	    "to the layout's 'fallback:', or write the text differently.\n"
	    "(build reports this; check does not set type.)",
	    "fonts: { family: Carlito }\n"
	    "text: 漢字",
	    "fonts: { family: Carlito, fallback: [Noto Sans CJK SC] }" },
	[D_LONG_WORD] = { "long-word", SEV_WARNING, "a word wider than its line",
	    "A word (often a URL or a long compound) is wider than the line or\n"
	    "table cell it is set in, so it is broken where it must, without a\n"
	    "hyphen. Put soft hyphens (U+00AD) where it may break, or shorten\n"
	    "it. (build reports this; check does not set type.)",
	    "text: www.kinderopvangfonds.nl/programmas/pact-voor-kindcentra",
	    "text: \"www.kinderopvangfonds.nl/programmas/pact-voor-\\u00adkindcentra\"" },
	[D_NO_HYPHENATION] = { "no-hyphenation", SEV_WARNING, "no hyphenation "
	    "patterns for the plan's language",
	    "The plan's language ('lang:') has no hyphenation patterns\n"
	    "installed on this machine, so its text is set without hyphens:\n"
	    "justified lines get wide gaps. Install the Debian package the\n"
	    "message names (hyphen-nl, hyphen-en-us, hyphen-de, hyphen-fr).\n"
	    "(build reports this; check does not set type.)",
	    "plan: { title: Programm 2019, date: 2019-03, lang: de }\n"
	    "# on a machine without hyphen-de",
	    "sudo apt-get install hyphen-de" },
};

static const char *const severity_name[SEV_COUNT] = {
	[SEV_NOTE] = "note", [SEV_WARNING] = "warning", [SEV_ERROR] = "error",
};

const struct diag_info *
diag_code_info(enum diag_code code)
{
	return code < D_COUNT ? &catalogue[code] : NULL;
}

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

/* ---- output: a diagnostic is written in one piece (buf.h) ---- */

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
	if (b->len > 0)
		fwrite(b->s, 1, b->len, f);
	b->len = 0;
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
	buf_fmt(b, " more '%s' %s%s not shown (--max-per-code=0 shows all)",
	    diag_code_name(code), severity_name[sev], count == 1 ? "" : "s");
}

/* ---- explanations: planc explain, plans/CODES.md, SARIF's rule help ---- */

/* s with Markdown's punctuation escaped, so that "[^id]" or "'*'" in an
 * explanation read as written; `code` spans are kept. */
static void
buf_markdown(struct buf *b, const char *s)
{
	int code = 0;

	for (; *s != '\0'; s++) {
		if (*s == '`')
			code = !code;
		if (!code && strchr("\\*_[]<>", *s) != NULL)
			buf_add(b, "\\", 1);
		buf_add(b, s, 1);
	}
}

/* An example: in text indented by four, in Markdown a fenced block. */
static void
buf_example(struct buf *b, const char *s, int markdown)
{
	const char *nl;
	int shell = strncmp(s, "$ ", 2) == 0;

	if (markdown)
		buf_str(b, shell ? "```console\n" : "```yaml\n");
	for (; *s != '\0'; s = *nl ? nl + 1 : nl) {
		nl = s + strcspn(s, "\n");
		if (!markdown)
			buf_str(b, "    ");
		buf_add(b, s, (size_t)(nl - s));
		buf_add(b, "\n", 1);
	}
	if (markdown)
		buf_str(b, "```\n");
}

static void
buf_explain(struct buf *b, enum diag_code code, int markdown)
{
	const struct diag_info *c = &catalogue[code];
	const char *bt = markdown ? "`" : "";

	if (markdown) {
		/* "## `CODE` (SEV)", the summary in italics: GitHub's
		 * anchor for the heading is CODE-SEV (the table links it) */
		buf_fmt(b, "## `%s` (%s)\n\n*", c->name,
		    severity_name[c->severity]);
		buf_markdown(b, c->about);
		buf_str(b, ".*\n\n");
		buf_markdown(b, c->explain);
	} else {
		buf_fmt(b, "%s (%s): %s\n\n", c->name,
		    severity_name[c->severity], c->about);
		buf_str(b, c->explain);
	}
	if (c->severity == SEV_ERROR)
		buf_str(b, "\n\nAn error: it cannot be silenced, and build "
		    "writes no PDF\nwhile there is one.\n");
	else
		buf_fmt(b, "\n\nA warning: it fails a check only with "
		    "--werror;\n%s-W no-%s%s leaves it out.\n", bt, c->name, bt);
	buf_str(b, "\nExample:\n\n");
	buf_example(b, c->bad, markdown);
	buf_str(b, "\nFixed:\n\n");
	buf_example(b, c->fix, markdown);
}

void
diag_explain(enum diag_code code, int markdown, FILE *f)
{
	struct buf b = { NULL, 0, 0 };

	if (code >= D_COUNT)
		return;
	buf_explain(&b, code, markdown);
	buf_flush(&b, f);
	free(b.s);
}

/* ---- human format ---- */

enum { C_RESET, C_BOLD, C_ERROR, C_WARNING, C_NOTE, C_CARET, C_GUTTER,
	C_COUNT };

static const char *const colour[C_COUNT] = {
	"\033[0m", "\033[1m", "\033[1;31m", "\033[1;35m", "\033[1;36m",
	"\033[1;32m", "\033[1;34m",
};

static void
paint(struct buf *b, int on, int c)
{
	if (on)
		buf_str(b, colour[c]);
}

static void
print_head(struct buf *b, int color, const char *file, int line, int col,
    enum severity sev)
{
	paint(b, color, C_BOLD);
	if (file != NULL && line > 0)
		buf_fmt(b, "%s:%d:%d: ", file, line, col);
	else if (file != NULL)
		buf_fmt(b, "%s: ", file);
	else
		buf_str(b, "planc: ");
	paint(b, color, C_RESET);
	paint(b, color, sev == SEV_ERROR ? C_ERROR :
	    sev == SEV_WARNING ? C_WARNING : C_NOTE);
	buf_fmt(b, "%s:", severity_name[sev]);
	paint(b, color, C_RESET);
}

/* Digits of line number n: the gutter's width. */
static int
digits(int n)
{
	int k = 1;

	while (n >= 10)
		n /= 10, k++;
	return k;
}

/* Quotes the source line of span and underlines the span on it: a caret at
 * its first character and tildes to its end (or the line's end), within a
 * window of the line if it is long (source_excerpt), behind a gutter with
 * the line number, as rustc and clang show it:
 *
 *	 12 |       with: [jeanette-doornenbal, ruben-fukkink]
 *	    |              ^~~~~~~~~~~~~~~~~~~
 *
 * gw: the width of the line numbers (the widest of the diagnostic's
 * excerpts, so that they line up). width: the columns the whole line may
 * take, 0 for a window of SOURCE_WINDOW beside the gutter. */
static void
print_excerpt(struct buf *b, int color, const struct sources *srcs,
    struct span span, int gw, size_t width, struct source_cursor *cur)
{
	const struct source *src = sources_find(srcs, span.file);
	struct source_excerpt ex;
	const char *line;
	size_t len, start, end, gutter = (size_t)gw + 4, win = SOURCE_WINDOW;

	if (src == NULL || span.line < 1 ||
	    (line = source_line(src, span.line, &len)) == NULL)
		return;
	if (width > 0)
		win = width > gutter ? width - gutter : 0;
	start = span.col > 0 ? (size_t)span.col - 1 : 0;
	end = span.end_line == span.line && span.end_col > span.col ?
	    (size_t)span.end_col - 1 : SIZE_MAX;
	source_excerpt_width(line, len, start, end, win, cur, &ex);
	paint(b, color, C_GUTTER);
	buf_fmt(b, " %*d |", gw, span.line);
	paint(b, color, C_RESET);
	if (ex.textlen > 0)
		buf_add(b, " ", 1);
	buf_add(b, ex.text, ex.textlen);
	buf_add(b, "\n", 1);
	paint(b, color, C_GUTTER);
	buf_fmt(b, " %*s |", gw, "");
	paint(b, color, C_RESET);
	buf_add(b, " ", 1);
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
	int c, s, gw;

	cut_init(&cut, d);
	for (i = 0; i < d->n; i++) {
		const struct diag *dg = d->items[i];

		if (!cut_shows(&cut, dg))
			continue;
		/* One gutter width for the diagnostic's excerpts. */
		gw = digits(dg->span.line);
		for (j = 0; j < dg->nnotes; j++)
			if (digits(dg->notes[j].pos.line) > gw)
				gw = digits(dg->notes[j].pos.line);
		print_head(&b, color, dg->span.file, dg->span.line,
		    dg->span.col, dg->severity);
		buf_str(&b, " ");
		buf_escaped(&b, dg->message);
		buf_fmt(&b, " [%s]\n", diag_code_name(dg->code));
		print_excerpt(&b, color, srcs, dg->span, gw, d->width, &cur);
		for (j = 0; j < dg->nnotes; j++) {
			const struct diag_note *n = &dg->notes[j];
			struct pos p = n->pos;

			if (p.file == NULL)
				p = span_start(dg->span);
			print_head(&b, color, p.file, p.line, p.col, SEV_NOTE);
			buf_str(&b, " ");
			buf_escaped(&b, n->message);
			buf_str(&b, "\n");
			if (n->pos.file != NULL &&
			    (n->pos.file != dg->span.file ||
			    n->pos.line != dg->span.line))
				print_excerpt(&b, color, srcs, span_at(n->pos),
				    gw, d->width, &cur);
		}
		buf_flush(&b, f);
	}
	for (c = 0; c < D_COUNT; c++)
		for (s = SEV_COUNT - 1; s >= 0; s--)
			if (cut.hidden[c][s] > 0) {
				print_head(&b, color, NULL, 0, 0, SEV_NOTE);
				buf_str(&b, " ");
				buf_summary(&b, cut.hidden[c][s],
				    (enum diag_code)c, (enum severity)s);
				buf_str(&b, "\n");
			}
	/* The count at the end, as compilers give it: what a long run of
	 * diagnostics comes to, the ones not shown included. */
	if (d->count[SEV_ERROR] + d->count[SEV_WARNING] > 0) {
		char line[96];
		size_t e = d->count[SEV_ERROR], w = d->count[SEV_WARNING];

		snprintf(line, sizeof line, "%zu error%s, %zu warning%s\n", e,
		    e == 1 ? "" : "s", w, w == 1 ? "" : "s");
		buf_str(&b, line);
	}
	buf_flush(&b, f);
	free(b.s);
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

/* 1 if dg is about the run rather than a place in the sources: an error
 * without a line (a plan that cannot be read, an output that cannot be
 * written, an unknown --layout), which makes the exit status 2. */
static int
about_run(const struct diag *dg)
{
	return dg->severity == SEV_ERROR && dg->span.line <= 0;
}

/* The run's invocation, SARIF's place for what the tool has to say about
 * the run rather than the code: a failure of the run (about_run) makes it
 * unsuccessful, with a notification of level error, so that an uploaded
 * report of a plan that could not be read never looks clean; then the
 * per-code limit's counts. */
static void
sarif_invocation(FILE *f, const struct diags *d, const struct cut *cut)
{
	struct buf b = { NULL, 0, 0 };
	int c, s, first = 1, failed = 0;
	size_t i;

	for (i = 0; i < d->n; i++)
		failed |= about_run(d->items[i]);
	fprintf(f, "\"invocations\": [{\"executionSuccessful\": %s, "
	    "\"toolExecutionNotifications\": [", failed ? "false" : "true");
	for (i = 0; i < d->n; i++) {
		const struct diag *dg = d->items[i];

		if (!about_run(dg))
			continue;
		fprintf(f, "%s\n  {\"level\": \"error\", \"message\": "
		    "{\"text\": ", first ? "" : ",");
		json_string(f, dg->message);
		fputs("}, ", f);
		if (dg->span.file != NULL) {
			fputs("\"locations\": [", f);
			sarif_location(f, dg->span.file, 0, 0, 0, 0);
			fputs("], ", f);
		}
		fprintf(f, "\"associatedRule\": {\"id\": \"%s\", \"index\": "
		    "%d}}", catalogue[dg->code].name, (int)dg->code);
		first = 0;
	}
	for (c = 0; c < D_COUNT; c++)
		for (s = SEV_COUNT - 1; s >= 0; s--) {
			if (cut->hidden[c][s] == 0)
				continue;
			b.len = 0;
			buf_summary(&b, cut->hidden[c][s], (enum diag_code)c,
			    (enum severity)s);
			fprintf(f, "%s\n  {\"level\": \"note\", \"message\": "
			    "{\"text\": ", first ? "" : ",");
			json_string(f, b.s);
			fprintf(f, "}, \"associatedRule\": {\"id\": \"%s\", "
			    "\"index\": %d}, \"properties\": {\"severity\": "
			    "\"%s\", \"count\": %zu}}", catalogue[c].name, c,
			    severity_name[s], cut->hidden[c][s]);
			first = 0;
		}
	fputs("\n]}],\n", f);
	free(b.s);
}

static void
print_sarif(const struct diags *d, FILE *f)
{
	struct buf b = { NULL, 0, 0 };
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
		fputs("}, \"fullDescription\": {\"text\": ", f);
		json_string(f, catalogue[c].explain);
		/* The help is what `planc explain CODE` prints. */
		fputs("}, \"help\": {\"text\": ", f);
		b.len = 0;
		buf_explain(&b, (enum diag_code)c, 0);
		json_string(f, b.s);
		fputs(", \"markdown\": ", f);
		b.len = 0;
		buf_explain(&b, (enum diag_code)c, 1);
		json_string(f, b.s);
		fprintf(f, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
		    severity_name[catalogue[c].severity]);
	}
	/* Columns count characters (code points), which SARIF must be told
	 * whenever there are results. */
	fputs("]}},\n\"columnKind\": \"unicodeCodePoints\",\n", f);
	for (i = 0; i < d->n && !about_run(d->items[i]); i++)
		;
	if (cut.nhidden > 0 || i < d->n)
		sarif_invocation(f, d, &cut);
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
	free(b.s);
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
	b->len = 0;
	buf_escaped(b, s);
	gh_escape(f, b->s, 0);
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
				b.len = 0;
				buf_summary(&b, cut.hidden[c][s],
				    (enum diag_code)c, (enum severity)s);
				fputs("::notice title=planc::", f);
				gh_escape(f, b.s, 0);
				fputc('\n', f);
			}
	free(b.s);
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
