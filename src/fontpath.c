/* fontpath.c - font files by name. fontconfig is asked twice over: once
 * about planc's own fonts/ alone, then about the system's fonts; either
 * answer counts only if it really is the family, weight and slant asked
 * for, since fontconfig always offers its nearest font. */

/* realpath(3) is X/Open; the build asks for plain POSIX. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "fontpath.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>

#include "arena.h"
#include "font.h"

struct fontpath {
	char *fontdir;		/* datadir/fonts */
	FcConfig *own;		/* planc's fonts only, once asked for */
	FcConfig *sys;		/* the system's fonts, once asked for */
	int own_made, sys_made;
};

static const char *const style_names[FONTPATH_STYLE_COUNT] = {
	[FONTPATH_REGULAR] = "regular", [FONTPATH_BOLD] = "bold",
	[FONTPATH_ITALIC] = "italic", [FONTPATH_BOLD_ITALIC] = "bold italic",
};

const char *
fontpath_style_name(enum fontpath_style st)
{
	return st < FONTPATH_STYLE_COUNT ? style_names[st] : "regular";
}

struct fontpath *
fontpath_new(const char *datadir)
{
	struct fontpath *fp = xmalloc(sizeof *fp);
	size_t n = strlen(datadir) + sizeof "/fonts";

	memset(fp, 0, sizeof *fp);
	fp->fontdir = xmalloc(n);
	snprintf(fp->fontdir, n, "%s/fonts", datadir);
	return fp;
}

void
fontpath_free(struct fontpath *fp)
{
	if (fp == NULL)
		return;
	if (fp->own != NULL)
		FcConfigDestroy(fp->own);
	if (fp->sys != NULL)
		FcConfigDestroy(fp->sys);
	/* fontconfig keeps caches of its own beyond any configuration. */
	if (fp->own_made || fp->sys_made)
		FcFini();
	free(fp->fontdir);
	free(fp);
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcasecmp(s + n - t, tail) == 0;
}

int
fontpath_is_file(const char *name)
{
	return strchr(name, '/') != NULL || ends_with(name, ".ttf") ||
	    ends_with(name, ".otf") || ends_with(name, ".ttc");
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A configuration that knows only the TrueType files in planc's fonts/,
 * added one by one and in name order: adding the directory would make
 * fontconfig try to write a cache for it. NULL if there are none. */
static FcConfig *
own_config(struct fontpath *fp)
{
	DIR *dir;
	struct dirent *e;
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0, i;
	FcConfig *cfg;

	if ((dir = opendir(fp->fontdir)) == NULL)
		return NULL;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.' || !ends_with(e->d_name, ".ttf"))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[n] = xmalloc(strlen(e->d_name) + 1);
		strcpy(names[n++], e->d_name);
	}
	closedir(dir);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	/* fontconfig says only that it failed; with planc's own files, that
	 * is memory, and running out of it must not read as "font not
	 * found" (exit 1, the plan's fault) but end planc as anywhere else. */
	if (n > 0 && (cfg = FcConfigCreate()) == NULL)
		arena_oom();
	else if (n == 0)
		cfg = NULL;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", fp->fontdir, names[i]);
		if (!FcConfigAppFontAddFile(cfg, (const FcChar8 *)path) &&
		    access(path, R_OK) == 0)
			arena_oom();
		free(names[i]);
	}
	free(names);
	return cfg;
}

/* 1 if a and b name the same family, as fontconfig compares them: case
 * and blanks do not count ("DejaVu Sans" is "dejavusans"). */
static int
same_family(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
}

/* The file of family in style st according to cfg, or NULL. The result is
 * malloc'd. */
static char *
match(FcConfig *cfg, const char *family, enum fontpath_style st)
{
	int bold = st == FONTPATH_BOLD || st == FONTPATH_BOLD_ITALIC;
	int italic = st == FONTPATH_ITALIC || st == FONTPATH_BOLD_ITALIC;
	int i, same = 0, weight, slant, index = 0;
	FcPattern *pat, *m = NULL;
	FcResult res;
	FcChar8 *s, *file;
	char *path = NULL;

	if (cfg == NULL)
		return NULL;
	/* Each of these fails only for want of memory (see own_config). */
	if ((pat = FcPatternCreate()) == NULL ||
	    !FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family) ||
	    !FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD :
	    FC_WEIGHT_REGULAR) ||
	    !FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC :
	    FC_SLANT_ROMAN) || !FcConfigSubstitute(cfg, pat, FcMatchPattern))
		arena_oom();
	FcDefaultSubstitute(pat);
	res = FcResultMatch;
	m = FcFontMatch(cfg, pat, &res);
	if (m == NULL && res == FcResultOutOfMemory)
		arena_oom();
	FcPatternDestroy(pat);
	if (m == NULL)
		return NULL;
	for (i = 0; FcPatternGetString(m, FC_FAMILY, i, &s) == FcResultMatch;
	    i++)
		if (same_family((const char *)s, family))
			same = 1;
	FcPatternGetInteger(m, FC_INDEX, 0, &index);
	/* A face inside a collection or a variable font's named instance
	 * (index != 0) is not a file libharu can embed as it is. */
	if (same && index == 0 &&
	    FcPatternGetInteger(m, FC_WEIGHT, 0, &weight) == FcResultMatch &&
	    FcPatternGetInteger(m, FC_SLANT, 0, &slant) == FcResultMatch &&
	    (weight >= FC_WEIGHT_DEMIBOLD) == bold &&
	    (slant != FC_SLANT_ROMAN) == italic &&
	    FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
		path = xmalloc(strlen((const char *)file) + 1);
		strcpy(path, (const char *)file);
	}
	FcPatternDestroy(m);
	return path;
}

/* name, copied into the arena, if it can be read; else NULL. */
static const char *
readable(struct arena *a, const char *name)
{
	return access(name, R_OK) == 0 ? arena_strdup(a, name) : NULL;
}

static const char *
find_file(struct fontpath *fp, struct arena *a, const char *name,
    const char *basedir, const char **why)
{
	const char *p;

	if (name[0] == '/') {
		if ((p = readable(a, name)) == NULL)
			*why = arena_printf(a, "font file '%s' not found",
			    name);
		return p;
	}
	if ((p = readable(a, arena_printf(a, "%s%s%s", basedir,
	    basedir[0] != '\0' && !ends_with(basedir, "/") ? "/" : "",
	    name))) != NULL)
		return p;
	if ((p = readable(a, arena_printf(a, "%s/%s", fp->fontdir, name))) !=
	    NULL)
		return p;
	*why = arena_printf(a, "font file '%s' not found: looked in %s and "
	    "in planc's fonts/", name, basedir[0] != '\0' ?
	    arena_printf(a, "'%s'", basedir) : "the current directory");
	return NULL;
}

static const char *
find_family(struct fontpath *fp, struct arena *a, const char *name,
    enum fontpath_style st, const char **why)
{
	char *file;
	const char *p = NULL;

	if (!fp->own_made) {
		fp->own_made = 1;
		fp->own = own_config(fp);
	}
	if ((file = match(fp->own, name, st)) == NULL) {
		if (!fp->sys_made) {
			fp->sys_made = 1;
			fp->sys = FcInitLoadConfigAndFonts();
		}
		file = match(fp->sys, name, st);
	}
	if (file != NULL) {
		p = readable(a, file);
		free(file);
	}
	if (p == NULL)
		*why = arena_printf(a, "font '%s' (%s) not found among planc's "
		    "fonts or on this system", name, fontpath_style_name(st));
	return p;
}

enum fontpath_status
fontpath_find(struct fontpath *fp, struct arena *a, const char *name,
    const char *basedir, enum fontpath_style st, const char **path,
    const char **why)
{
	struct font *f;
	char err[512], *abs;

	*path = NULL;
	*why = NULL;
	if (fontpath_is_file(name))
		*path = find_file(fp, a, name, basedir, why);
	else
		*path = find_family(fp, a, name, st, why);
	if (*path == NULL)
		return FONTPATH_MISSING;
	/* Found is not enough: layout and pdf.c read TrueType outlines with
	 * a Unicode character map, and nothing else, and libharu trusts
	 * every byte it reads; font_load checks all of them, so that a
	 * damaged font is an error here, at the layout line, in `check` as
	 * in `build`. The message names the file as it was found, relative
	 * if it was. */
	if ((f = font_load(*path, err, sizeof err)) == NULL) {
		*why = arena_strdup(a, err);
		*path = NULL;
		return FONTPATH_UNUSABLE;
	}
	font_free(f);
	if ((abs = realpath(*path, NULL)) != NULL) {
		*path = arena_strdup(a, abs);
		free(abs);
	}
	return FONTPATH_FOUND;
}
