/* fontpath.c - font files by name. A family name is looked up first among
 * the TrueType files in planc's own fonts/, by the family names, weight
 * and slant their name, OS/2 and head tables give (as fontconfig reads
 * them), without fontconfig: building a fontconfig configuration of those
 * files parsed each one with FreeType and computed its character set, a
 * tenth of a `check`. Only a family that is not there is asked of
 * fontconfig, about the system's fonts; its answer counts only if it
 * really is the family, weight and slant asked for, since fontconfig
 * always offers its nearest font. */

/* realpath(3) is X/Open; the build asks for plain POSIX. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "fontpath.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>

#include "arena.h"
#include "font.h"
#include "utf8.h"

/* A font file in planc's fonts/, as a family lookup sees it. */
struct own_face {
	char *path;
	char *families;		/* its family names (name IDs 1, 16, 21),
				 * UTF-8, each ended by a NUL, the list by
				 * an empty one */
	int weight;		/* OS/2 usWeightClass, 100-1000 */
	int italic;		/* italic or oblique */
};

struct fontpath {
	char *fontdir;		/* datadir/fonts */
	struct own_face *own;	/* its fonts, in file name order, once asked
				 * for */
	size_t nown;
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
	size_t i;

	if (fp == NULL)
		return;
	for (i = 0; i < fp->nown; i++) {
		free(fp->own[i].path);
		free(fp->own[i].families);
	}
	free(fp->own);
	if (fp->sys != NULL)
		FcConfigDestroy(fp->sys);
	/* fontconfig keeps caches of its own beyond any configuration. */
	if (fp->sys_made)
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

static unsigned
u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* len bytes at off of fd into a new buffer (malloc'd), or NULL when the
 * file has fewer. */
static unsigned char *
read_at(int fd, uint32_t off, uint32_t len, off_t size)
{
	unsigned char *b;
	size_t got = 0;
	ssize_t n;

	if ((off_t)off + (off_t)len > size)
		return NULL;
	b = xmalloc(len ? len : 1);
	while (got < len) {
		n = pread(fd, b + got, len - got, (off_t)off + (off_t)got);
		if (n <= 0) {
			free(b);
			return NULL;
		}
		got += (size_t)n;
	}
	return b;
}

/* Appends s (len bytes) and a NUL to the list *l (*n bytes so far). */
static void
list_add(char **l, size_t *n, const char *s, size_t len)
{
	*l = xrealloc(*l, *n + len + 2);
	memcpy(*l + *n, s, len);
	(*l)[*n + len] = '\0';
	*n += len + 1;
}

/* A name record's string in UTF-8 (into out, at most outsz - 1 bytes):
 * UTF-16BE for Unicode and Windows (platforms 0 and 3), ASCII for
 * Macintosh Roman (platform 1, encoding 0: a name with other letters is
 * left out). Returns its length, or -1 when it is left out. */
static int
name_utf8(unsigned pid, unsigned eid, const unsigned char *p, size_t len,
    char *out, size_t outsz)
{
	size_t i, n = 0;
	uint32_t cp, lo;

	if (pid == 1 && eid == 0) {
		for (i = 0; i < len; i++) {
			if (p[i] >= 0x80 || n + 1 >= outsz)
				return -1;
			out[n++] = (char)p[i];
		}
		return (int)n;
	}
	if (pid != 0 && !(pid == 3 && (eid == 0 || eid == 1 || eid == 10)))
		return -1;
	for (i = 0; i + 1 < len; i += 2) {
		cp = u16(p + i);
		if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < len &&
		    (lo = u16(p + i + 2)) >= 0xDC00 && lo < 0xE000) {
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		}
		if (n + 4 >= outsz)
			return -1;
		n += utf8_encode(cp, out + n);
	}
	return (int)n;
}

/* 1 if s (len bytes) holds "italic" or "oblique", in any case. */
static int
slanted_name(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((len - i >= 6 && strncasecmp(s + i, "italic", 6) == 0) ||
		    (len - i >= 7 && strncasecmp(s + i, "oblique", 7) == 0))
			return 1;
	return 0;
}

/* Reads what a family lookup needs of the TrueType file at path into f:
 * the family names (name IDs 1, 16 and 21), the weight (OS/2
 * usWeightClass; head's bold bit when it has none) and the slant (OS/2
 * fsSelection italic or oblique, head's italic bit, or a subfamily name
 * with "Italic" or "Oblique"), as fontconfig takes them. Returns -1 for a
 * file that is no single TrueType font with those tables, or that varies
 * (fvar: fontconfig would offer its instances, which planc cannot use). */
static int
read_face(const char *path, struct own_face *f)
{
	unsigned char hdr[12], *dir = NULL, *name = NULL, *os2 = NULL,
	    *head = NULL;
	uint32_t version, off[3] = { 0, 0, 0 }, len[3] = { 0, 0, 0 };
	unsigned ntables, i, count, strings, nid, pid, eid, mac;
	size_t nfam = 0;
	struct stat st;
	char buf[512];
	int fd, rc = -1, n, fvar = 0, weight = 0, italic = 0;

	memset(f, 0, sizeof *f);
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    pread(fd, hdr, sizeof hdr, 0) != (ssize_t)sizeof hdr)
		goto out;
	version = u32(hdr);
	ntables = u16(hdr + 4);
	if ((version != 0x00010000U && version != 0x74727565U) ||
	    (dir = read_at(fd, 12, 16 * ntables, st.st_size)) == NULL)
		goto out;
	for (i = 0; i < ntables; i++) {
		const unsigned char *r = dir + 16 * i;
		int k = memcmp(r, "name", 4) == 0 ? 0 :
		    memcmp(r, "OS/2", 4) == 0 ? 1 :
		    memcmp(r, "head", 4) == 0 ? 2 : -1;

		if (memcmp(r, "fvar", 4) == 0)
			fvar = 1;
		if (k >= 0 && len[k] == 0) {
			off[k] = u32(r + 8);
			len[k] = u32(r + 12);
		}
	}
	if (fvar || len[0] < 6 || len[0] > (1u << 20) || len[2] < 54 ||
	    (name = read_at(fd, off[0], len[0], st.st_size)) == NULL ||
	    (head = read_at(fd, off[2], 54, st.st_size)) == NULL)
		goto out;
	if (len[1] >= 64 && (os2 = read_at(fd, off[1], 64, st.st_size)) ==
	    NULL)
		goto out;
	mac = u16(head + 44);			/* macStyle */
	if (os2 != NULL) {
		weight = (int)u16(os2 + 4);	/* usWeightClass */
		if (weight >= 1 && weight <= 9)	/* an old convention */
			weight *= 100;
		/* fsSelection: ITALIC, and OBLIQUE from version 4 on. */
		italic = (u16(os2 + 62) & 1) || (u16(os2) >= 4 &&
		    (u16(os2 + 62) & 0x200));
	}
	if (weight < 1 || weight > 1000)
		weight = mac & 1 ? 700 : 400;
	if (os2 == NULL && (mac & 2))
		italic = 1;
	count = u16(name + 2);
	strings = u16(name + 4);
	for (i = 0; i < count && 6 + 12 * (size_t)i + 12 <= len[0]; i++) {
		const unsigned char *r = name + 6 + 12 * (size_t)i;
		size_t at = (size_t)strings + u16(r + 10), l = u16(r + 8);

		pid = u16(r);
		eid = u16(r + 2);
		nid = u16(r + 6);
		if (at + l > len[0] || (n = name_utf8(pid, eid, name + at, l,
		    buf, sizeof buf)) < 0)
			continue;
		if ((nid == 1 || nid == 16 || nid == 21) && n > 0)
			list_add(&f->families, &nfam, buf, (size_t)n);
		else if ((nid == 2 || nid == 17) && slanted_name(buf,
		    (size_t)n))
			italic = 1;
	}
	if (nfam == 0)
		goto out;
	f->families[nfam] = '\0';
	f->weight = weight;
	f->italic = italic;
	f->path = xmalloc(strlen(path) + 1);
	strcpy(f->path, path);
	rc = 0;
out:
	if (rc != 0) {
		free(f->families);
		f->families = NULL;
	}
	free(dir);
	free(name);
	free(os2);
	free(head);
	close(fd);
	return rc;
}

/* planc's fonts: the TrueType files in fonts/, in name order, each read
 * for its names, weight and slant (a file that cannot be is left out, as
 * fontconfig leaves it out). */
static void
scan_own(struct fontpath *fp)
{
	DIR *dir;
	struct dirent *e;
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0, i;

	if ((dir = opendir(fp->fontdir)) == NULL)
		return;
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
	fp->own = xmalloc((n ? n : 1) * sizeof *fp->own);
	for (i = 0; i < n; i++) {
		if ((size_t)snprintf(path, sizeof path, "%s/%s", fp->fontdir,
		    names[i]) < sizeof path &&
		    read_face(path, &fp->own[fp->nown]) == 0)
			fp->nown++;
		free(names[i]);
	}
	free(names);
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

/* The file in planc's fonts/ of family in style st, or NULL: of the files
 * with that family name and the slant asked for, whose weight is bold
 * (600 or more) exactly when bold is asked for, the one nearest 700 or 400
 * (the first in name order among equals). */
static const char *
own_match(const struct fontpath *fp, const char *family,
    enum fontpath_style st)
{
	int bold = st == FONTPATH_BOLD || st == FONTPATH_BOLD_ITALIC;
	int italic = st == FONTPATH_ITALIC || st == FONTPATH_BOLD_ITALIC;
	int want = bold ? 700 : 400, d, best_d = 0;
	const struct own_face *best = NULL, *f;
	const char *name;
	size_t i;

	for (i = 0; i < fp->nown; i++) {
		f = &fp->own[i];
		if (f->italic != italic || (f->weight >= 600) != bold)
			continue;
		for (name = f->families; *name != '\0';
		    name += strlen(name) + 1)
			if (same_family(name, family))
				break;
		if (*name == '\0')
			continue;
		d = abs(f->weight - want);
		if (best == NULL || d < best_d) {
			best = f;
			best_d = d;
		}
	}
	return best != NULL ? best->path : NULL;
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
	/* Each of these fails only for want of memory, which must not read
	 * as "font not found" (exit 1, the plan's fault). */
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
	const char *p = NULL, *own;

	if (!fp->own_made) {
		fp->own_made = 1;
		scan_own(fp);
	}
	if ((own = own_match(fp, name, st)) != NULL)
		p = readable(a, own);
	else {
		if (!fp->sys_made) {
			fp->sys_made = 1;
			fp->sys = FcInitLoadConfigAndFonts();
		}
		if ((file = match(fp->sys, name, st)) != NULL) {
			p = readable(a, file);
			free(file);
		}
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
