/* fuzz_font.c - libFuzzer target for the font reader (font.c). The bytes
 * go to font_parse(); when planc accepts them, the same bytes go to
 * libharu the way pdf.c uses a font: embedded, through the UTF-8 encoder,
 * a page of the characters planc says the font has, saved into memory.
 * The property: a font planc accepts neither crashes libharu nor makes it
 * fail (a failure there would reach the user without a position), so any
 * libharu error is reported as a finding by abort().
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
#include <unistd.h>

#include "font.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];
static int fd = -1;

static void
cleanup(void)
{
	if (fd >= 0)
		unlink(path);
}

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	HPDF_STATUS *first = user;

	if (*first == 0)
		*first = code;
	(void)detail;
}

/* libharu's failure on a font planc accepted: a finding. */
static void
finding(const char *what, HPDF_STATUS code)
{
	fprintf(stderr, "fuzz_font: planc accepted the font, but libharu %s "
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
	char err[512], text[1024];
	struct font *f;
	HPDF_STATUS code = 0;
	HPDF_Doc pdf;
	HPDF_Font font;
	HPDF_Page page;
	const char *name;

	if ((f = font_parse(data, size, "fuzz.ttf", err, sizeof err)) ==
	    NULL)
		return 0;
	sample(f, text, sizeof text);
	font_width(f, text, strlen(text), 12);
	font_ascender(f);
	font_descender(f);
	font_free(f);

	if (fd < 0) {
		const char *dir = getenv("TMPDIR");

		snprintf(path, sizeof path, "%s/fuzz_font.XXXXXX",
		    dir != NULL && strlen(dir) < 40 ? dir : "/tmp");
		if ((fd = mkstemp(path)) < 0) {
			perror("fuzz_font: mkstemp");
			abort();
		}
		atexit(cleanup);
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) !=
	    (ssize_t)size) {
		perror("fuzz_font: writing the font");
		abort();
	}

	if ((pdf = HPDF_New(on_error, &code)) == NULL)
		abort();
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	if ((name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE)) == NULL)
		finding("did not load it", code);
	if ((font = HPDF_GetFont(pdf, name, "UTF-8")) == NULL || code != 0)
		finding("did not make a PDF font of it", code);
	page = HPDF_AddPage(pdf);
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, font, 12);
	HPDF_Page_TextOut(page, 20, 700, text);
	HPDF_Page_EndText(page);
	HPDF_Page_TextWidth(page, text);
	if (code != 0)
		finding("did not draw with it", code);
	if (HPDF_SaveToStream(pdf) != HPDF_OK || code != 0)
		finding("did not save a PDF with it", code);
	HPDF_Free(pdf);
	return 0;
}
