/* kernpair FONT TEXT - what the font's own kerning (GPOS or kern, as
 * HarfBuzz applies it) does to TEXT, for tests/suites/shaping.sh to hold
 * planc's output against: prints "UNITS KERN", the font's units per em and
 * the shaped width with kerning minus the width without, in font units
 * (negative for "To": the o tucks under the T). Independent of planc's
 * sources: it reads the font file with HarfBuzz directly. */
#include <hb.h>
#include <stdio.h>

static long
width(hb_font_t *font, const char *text, int kern)
{
	hb_buffer_t *b = hb_buffer_create();
	hb_feature_t off = { HB_TAG('k', 'e', 'r', 'n'), 0,
	    HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END };
	hb_glyph_position_t *pos;
	unsigned n, i;
	long w = 0;

	hb_buffer_add_utf8(b, text, -1, 0, -1);
	hb_buffer_guess_segment_properties(b);
	hb_shape(font, b, kern ? NULL : &off, kern ? 0 : 1);
	pos = hb_buffer_get_glyph_positions(b, &n);
	for (i = 0; i < n; i++)
		w += pos[i].x_advance;
	hb_buffer_destroy(b);
	return w;
}

int
main(int argc, char **argv)
{
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	unsigned upem;

	if (argc != 3) {
		fprintf(stderr, "usage: kernpair FONT TEXT\n");
		return 2;
	}
	blob = hb_blob_create_from_file(argv[1]);
	face = hb_face_create(blob, 0);
	upem = hb_face_get_upem(face);
	font = hb_font_create(face);
	hb_font_set_scale(font, (int)upem, (int)upem);
	printf("%u %ld\n", upem, width(font, argv[2], 1) -
	    width(font, argv[2], 0));
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return 0;
}
