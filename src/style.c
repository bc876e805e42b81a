/* style.c - layouts: the built-in defaults and layouts/NAME.yaml read
 * through the same loader and diagnostics as plans. */
#include "style.h"

#include <string.h>

#include "arena.h"

static const struct colour black = { 0, 0, 0 };

static struct text_style
text(double size, double leading, double before)
{
	struct text_style t;

	t.size = size;
	t.leading = leading;
	t.space_before = before;
	t.colour = black;
	return t;
}

void
style_default(struct arena *a, const char *datadir, struct style *s)
{
	memset(s, 0, sizeof *s);
	s->name = "pact";
	s->page_w = 595.28;
	s->page_h = 841.89;
	s->margin_t = s->margin_r = s->margin_b = s->margin_l = 72;
	s->regular = arena_printf(a, "%s/fonts/Carlito-Regular.ttf", datadir);
	s->bold = arena_printf(a, "%s/fonts/Carlito-Bold.ttf", datadir);
	s->italic = arena_printf(a, "%s/fonts/Carlito-Italic.ttf", datadir);
	s->bold_italic = arena_printf(a, "%s/fonts/Carlito-BoldItalic.ttf",
	    datadir);
	s->fallback[0] = arena_printf(a, "%s/fonts/DejaVuSans.ttf", datadir);
	s->nfallback = 1;
	s->body = text(11, 1.3, 6);
	s->note = text(8.5, 1.2, 0);
	s->part = text(20, 1.3, 0);
	s->chapter = text(15, 1.3, 18);
	s->section = text(12.5, 1.3, 14);
	s->cover_title = text(34, 1.2, 0);
	s->cover_subtitle = text(20, 1.3, 40);
	s->table = text(10, 1.25, 0);
	s->justify = 1;
	s->para_skip = 6;
	s->hyphen_left = 2;
	s->hyphen_right = 3;
	s->list_indent = 18;
	s->bullet = "\xE2\x80\xA2";
	s->check = "\xE2\x9C\x93";
	s->note_rule_width = 120;
	s->footer.text = "{page}";
	s->footer.align = ALIGN_CENTRE;
	s->footer.size = 9;
	s->header.size = 9;
	s->col[0] = 0.30;
	s->col[1] = 0.45;
	s->col[2] = 0.25;
	s->cell_pad = 6;
	s->table_rule = 0.5;
	s->table_head_bg = (struct colour){ 0.85, 0.89, 0.95 };
	s->table_head_fg = black;
	/* Dates, abbreviations with what they abbreviate, names with a
	 * hyphen, and numbers with their unit stay on one line. */
	s->ties[s->nties++] = "\\b\\d{1,2} (?:januari|februari|maart|april|mei|"
	    "juni|juli|augustus|september|oktober|november|december)"
	    "(?: \\d{4})?\\b";
	s->ties[s->nties++] = "\\b(?:o\\.a\\.|e\\.a\\.|o\\.l\\.v\\.|"
	    "t\\.a\\.v\\.|i\\.s\\.m\\.|m\\.b\\.t\\.|z\\.s\\.m\\.) \\S+";
	s->ties[s->nties++] = "\\b\\p{Lu}{2,}-\\p{L}+";
	s->ties[s->nties++] = "\\d %";
}
