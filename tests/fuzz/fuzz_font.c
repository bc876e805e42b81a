/* fuzz_font.c - libFuzzer target for the font reader (font.c). The bytes
 * go to font_parse(); when planc accepts them, the same bytes go the way
 * a build takes them: shaped by HarfBuzz (shaping.c), subset by hb-subset
 * and written as PDF font objects (pdffont.c), drawn on a page
 * (pdftext.c), saved into memory. The property: a font planc accepts
 * neither crashes any of them nor makes the embedding fail (a failure
 * there reaches the user as an error about the whole font, without a
 * place in it), so such a failure is reported as a finding by abort().
 *
 * Built by `make fuzz` like every fuzz target in tests/fuzz/:
 *   clang -fsanitize=fuzzer,address,undefined -iquote src \
 *       tests/fuzz/fuzz_font.c, every src/ file but main.c, -lhpdf ... -lm
 * Seeds in tests/fuzz/corpus/font/: Carlito Italic (the smallest font in
 * fonts/, unmodified), a 5 KB subset of DejaVu Sans made with fontTools'
 * subsetter (H, x, e-acute, check mark, A-ring: a composite glyph and
 * both cmap formats), and the minimized findings. */
#include <hpdf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "doc.h"
#include "font.h"
#include "pdffont.h"
#include "pdftext.h"
#include "shaping.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	HPDF_STATUS *first = user;

	if (*first == 0)
		*first = code;
	(void)detail;
}

/* A failure to embed or draw a font planc accepted: a finding. */
static void
finding(const char *what, HPDF_STATUS code)
{
	fprintf(stderr, "fuzz_font: planc accepted the font, but %s "
	    "(error 0x%04X)\n", what, (unsigned)code);
	abort();
}

/* The text drawn: up to 200 characters the font has, from Latin and a
 * few other blocks, so that their glyphs (and the components of
 * composite ones) are embedded. */
static size_t
sample(const struct font *f, char *out, size_t room)
{
	static const uint32_t ranges[][2] = { { 0x20, 0x24F },
	    { 0x370, 0x3FF }, { 0x2000, 0x206F }, { 0x20AC, 0x20AC },
	    { 0x2190, 0x21FF }, { 0x2700, 0x27BF }, { 0xFB00, 0xFB06 } };
	size_t n = 0, r, count = 0;
	uint32_t cp;

	for (r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
		for (cp = ranges[r][0]; cp <= ranges[r][1] && count < 200;
		    cp++) {
			if (!font_has(f, cp) || n + 5 > room)
				continue;
			/* Exercise planc's own reads as well. */
			if (font_advance(f, cp) < 0)
				abort();
			n += utf8_encode(cp, out + n);
			count++;
		}
	out[n] = '\0';
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct shaping_opts opts = { 1, 1, "nl" };
	char err[512], text[1024];
	struct font *f;
	struct arena *a;
	struct shaper *sh;
	struct pdffont *pf;
	struct pdftext t;
	struct piece pc;
	HPDF_STATUS code = 0;
	HPDF_Doc pdf;
	HPDF_Page page;
	const char *name;
	size_t len;

	if ((f = font_parse(data, size, "fuzz.ttf", err, sizeof err)) ==
	    NULL)
		return 0;
	len = sample(f, text, sizeof text);
	font_ascender(f);
	font_descender(f);

	a = arena_new();
	sh = shaping_new(a, &f, 1, &opts);
	memset(&pc, 0, sizeof pc);
	pc.x = 20;
	pc.y = 700;
	pc.size = 12;
	pc.text = text;
	pc.len = len;
	pc.run = shaping_run(sh, 0, NULL, text, len);
	if ((pdf = HPDF_New(on_error, &code)) == NULL)
		abort();
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	pf = pdffont_new(f);
	pdffont_use(pf, pc.run, text, len);
	if (pdffont_embed(pf, pdf) != HPDF_OK || code != 0)
		finding("it was not subset and embedded", code);
	page = HPDF_AddPage(pdf);
	if ((name = HPDF_Page_GetLocalFontName(page, pdffont_dict(pf))) ==
	    NULL)
		finding("the page could not name it", code);
	pdftext_init(&t);
	pdftext_begin(&t);
	pdftext_piece(&t, &pc, name, pf, f);
	pdftext_end(&t);
	if (pdftext_flush(&t, page) != HPDF_OK || code != 0)
		finding("it was not drawn", code);
	if (HPDF_SaveToStream(pdf) != HPDF_OK || code != 0)
		finding("no PDF could be saved with it", code);
	pdftext_free(&t);
	pdffont_free(pf);
	HPDF_Free(pdf);
	shaping_free(sh);
	arena_free(a);
	font_free(f);
	return 0;
}
