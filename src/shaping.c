/* shaping.c - text to glyphs with HarfBuzz (see shaping.h). Each face's
 * font is shaped from the bytes font.c read and checked, so HarfBuzz reads
 * exactly what was validated; positions come back in font units (the
 * font's scale is its units per em), so one shaped run serves every size.
 * A run is kept in a hash table by face, language and text: a document
 * repeats its words, and layout measures each one more than once. */
#include "shaping.h"

#include <hb.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "font.h"
#include "hash.h"

struct entry {
	int face;
	const char *lang;	/* NULL: the document's */
	const char *text;	/* a copy in the arena */
	size_t len;
	struct glyph_run run;
};

struct slot {
	uint64_t hash;
	struct entry *e;	/* NULL: empty */
};

struct hbface {
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	unsigned units;
};

struct shaper {
	struct arena *a;
	struct hbface *faces;
	size_t nfaces;
	hb_buffer_t *buf;
	hb_feature_t features[4];
	unsigned nfeatures;
	hb_language_t doc_lang;
	/* the last language asked for by name (a copy: the caller's string
	 * need not stay), and what HarfBuzz made of it */
	char last_lang[36];
	hb_language_t last_hb;
	/* open addressing, a power of two; each slot has its entry's hash
	 * beside it, so that a probe past other entries reads no entry */
	struct slot *table;
	size_t cap, count;
	struct glyph_run empty;
};

static void
feature(struct shaper *sh, const char *tag)
{
	hb_feature_t *f = &sh->features[sh->nfeatures++];

	f->tag = HB_TAG(tag[0], tag[1], tag[2], tag[3]);
	f->value = 0;
	f->start = HB_FEATURE_GLOBAL_START;
	f->end = HB_FEATURE_GLOBAL_END;
}

struct shaper *
shaping_new(struct arena *a, struct font *const *fonts, size_t n,
    const struct shaping_opts *opts)
{
	struct shaper *sh = xmalloc(sizeof *sh);
	size_t i;

	memset(sh, 0, sizeof *sh);
	sh->a = a;
	sh->nfaces = n;
	sh->faces = xmalloc((n ? n : 1) * sizeof *sh->faces);
	memset(sh->faces, 0, (n ? n : 1) * sizeof *sh->faces);
	for (i = 0; i < n; i++) {
		struct hbface *f = &sh->faces[i];
		const unsigned char *data;
		size_t len;

		if (fonts[i] == NULL)
			continue;
		data = font_data(fonts[i], &len);
		f->units = font_units(fonts[i]);
		/* HarfBuzz only reads the bytes; font.c keeps them. A blob,
		 * face or font it cannot allocate is its empty object. */
		f->blob = hb_blob_create((const char *)data, (unsigned)len,
		    HB_MEMORY_MODE_READONLY, NULL, NULL);
		f->face = hb_face_create(f->blob, 0);
		f->font = hb_font_create(f->face);
		if (f->font == hb_font_get_empty())
			arena_oom();
		hb_font_set_scale(f->font, (int)f->units, (int)f->units);
	}
	sh->buf = hb_buffer_create();
	if (!hb_buffer_allocation_successful(sh->buf))
		arena_oom();
	if (!opts->kerning)
		feature(sh, "kern");
	if (!opts->ligatures) {
		feature(sh, "liga");
		feature(sh, "clig");
	}
	sh->doc_lang = opts->lang != NULL && *opts->lang != '\0' ?
	    hb_language_from_string(opts->lang, -1) : HB_LANGUAGE_INVALID;
	sh->cap = 1024;
	sh->table = xmalloc(sh->cap * sizeof *sh->table);
	memset(sh->table, 0, sh->cap * sizeof *sh->table);
	return sh;
}

void
shaping_free(struct shaper *sh)
{
	size_t i;

	if (sh == NULL)
		return;
	for (i = 0; i < sh->nfaces; i++) {
		hb_font_destroy(sh->faces[i].font);
		hb_face_destroy(sh->faces[i].face);
		hb_blob_destroy(sh->faces[i].blob);
	}
	hb_buffer_destroy(sh->buf);
	free(sh->faces);
	free(sh->table);
	free(sh);
}

/* The face, the language and the text, hashed. */
static uint64_t
hash(int face, const char *lang, const char *s, size_t len)
{
	unsigned char f = (unsigned char)face, end = 0xFF;
	uint64_t h = hash_bytes(HASH_SEED, &f, 1);

	if (lang != NULL)
		h = hash_bytes(h, lang, strlen(lang));
	h = hash_bytes(h, &end, 1);
	return hash_bytes(h, s, len);
}

static int
same_lang(const char *x, const char *y)
{
	return x == y || (x != NULL && y != NULL && strcmp(x, y) == 0);
}

static void
grow(struct shaper *sh)
{
	size_t ncap = sh->cap * 2, i, k;
	struct slot *t;

	if (ncap > SIZE_MAX / sizeof *t)
		arena_oom();
	t = xmalloc(ncap * sizeof *t);
	memset(t, 0, ncap * sizeof *t);
	for (i = 0; i < sh->cap; i++) {
		if (sh->table[i].e == NULL)
			continue;
		for (k = sh->table[i].hash & (ncap - 1); t[k].e != NULL;
		    k = (k + 1) & (ncap - 1))
			;
		t[k] = sh->table[i];
	}
	free(sh->table);
	sh->table = t;
	sh->cap = ncap;
}

static hb_language_t
language(struct shaper *sh, const char *lang)
{
	if (lang == NULL)
		return sh->doc_lang;
	/* A tag too long to keep is looked up every time (HarfBuzz interns
	 * it, so the answer is the same). */
	if (strlen(lang) >= sizeof sh->last_lang)
		return hb_language_from_string(lang, -1);
	if (sh->last_hb == NULL || strcmp(sh->last_lang, lang) != 0) {
		strcpy(sh->last_lang, lang);
		sh->last_hb = hb_language_from_string(lang, -1);
	}
	return sh->last_hb;
}

/* Shapes s into e->run. */
static void
shape(struct shaper *sh, struct hbface *f, const char *lang,
    const char *s, size_t len, struct glyph_run *run)
{
	hb_buffer_t *b = sh->buf;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	struct glyph *g;
	unsigned n, i;
	hb_language_t hl;

	hb_buffer_clear_contents(b);
	hb_buffer_add_utf8(b, s, (int)len, 0, (int)len);
	hb_buffer_guess_segment_properties(b);
	/* Left to right whatever the script: planc sets no right-to-left
	 * text, and the PDF writer draws glyphs in order. */
	hb_buffer_set_direction(b, HB_DIRECTION_LTR);
	if ((hl = language(sh, lang)) != HB_LANGUAGE_INVALID)
		hb_buffer_set_language(b, hl);
	hb_shape(f->font, b, sh->features, sh->nfeatures);
	if (!hb_buffer_allocation_successful(b))
		arena_oom();
	info = hb_buffer_get_glyph_infos(b, &n);
	pos = hb_buffer_get_glyph_positions(b, &n);
	g = arena_alloc(sh->a, (n ? n : 1) * sizeof *g);
	run->width = 0;
	for (i = 0; i < n; i++) {
		g[i].id = (uint16_t)info[i].codepoint;
		g[i].cluster = (uint16_t)info[i].cluster;
		g[i].dx = (int16_t)(pos[i].x_offset < INT16_MIN ? INT16_MIN :
		    pos[i].x_offset > INT16_MAX ? INT16_MAX : pos[i].x_offset);
		g[i].dy = (int16_t)(pos[i].y_offset < INT16_MIN ? INT16_MIN :
		    pos[i].y_offset > INT16_MAX ? INT16_MAX : pos[i].y_offset);
		g[i].advance = pos[i].x_advance;
		run->width += pos[i].x_advance;
	}
	run->glyphs = g;
	run->n = n;
	run->units = f->units;
}

const struct glyph_run *
shaping_run(struct shaper *sh, int face, const char *lang, const char *s,
    size_t len)
{
	struct hbface *f;
	struct entry *e;
	uint64_t h;
	size_t k;

	if (len > SHAPING_MAX) {
		/* Cut at a character's start. */
		len = SHAPING_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	if (face < 0 || (size_t)face >= sh->nfaces ||
	    (f = &sh->faces[face])->font == NULL || len == 0) {
		sh->empty.units = 1000;
		return &sh->empty;
	}
	h = hash(face, lang, s, len);
	for (k = h & (sh->cap - 1); (e = sh->table[k].e) != NULL;
	    k = (k + 1) & (sh->cap - 1))
		if (sh->table[k].hash == h && e->face == face &&
		    e->len == len && same_lang(e->lang, lang) &&
		    memcmp(e->text, s, len) == 0)
			return &e->run;
	e = arena_alloc(sh->a, sizeof *e);
	e->face = face;
	e->lang = lang != NULL ? arena_strdup(sh->a, lang) : NULL;
	e->text = arena_strndup(sh->a, s, len);
	e->len = len;
	shape(sh, f, lang, s, len, &e->run);
	sh->table[k].hash = h;
	sh->table[k].e = e;
	if (++sh->count * 2 > sh->cap)
		grow(sh);
	return &e->run;
}

double
shaping_run_width(const struct glyph_run *r, double size)
{
	return (double)r->width * size / (double)r->units;
}

double
shaping_span_width(const struct glyph_run *r, size_t off, size_t len,
    double size)
{
	int64_t w = 0;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->glyphs[i].cluster >= off &&
		    r->glyphs[i].cluster < off + len)
			w += r->glyphs[i].advance;
	return (double)w * size / (double)r->units;
}

double
shaping_width(struct shaper *sh, int face, const char *lang, const char *s,
    size_t len, double size)
{
	return shaping_run_width(shaping_run(sh, face, lang, s, len), size);
}
