/* fontpath.h - finding the file of a font a layout names. A file name is
 * taken relative to the layout, then in planc's fonts/; a family name with
 * a style is looked up in planc's fonts/ first (so a PDF does not change
 * with the machine's font packages; by the files' own name and OS/2
 * tables, without fontconfig), then on the system by fontconfig. */
#ifndef PLANC_FONTPATH_H
#define PLANC_FONTPATH_H

struct arena;

enum fontpath_style {
	FONTPATH_REGULAR,
	FONTPATH_BOLD,
	FONTPATH_ITALIC,
	FONTPATH_BOLD_ITALIC,
	FONTPATH_STYLE_COUNT
};

enum fontpath_status {
	FONTPATH_FOUND,
	FONTPATH_MISSING,	/* no such file, or no such family and style */
	FONTPATH_UNUSABLE	/* found, but no TrueType font planc can use */
};

struct fontpath;

/* A finder for fonts under datadir/fonts and on the system. fonts/ is
 * read on the first family lookup, fontconfig's configuration of the
 * system's fonts made on the first lookup fonts/ cannot answer. Never
 * returns NULL (out of memory ends the program); free with
 * fontpath_free(). */
struct fontpath *fontpath_new(const char *datadir);

/* Frees fp and what fontconfig holds for it. NULL is fine. */
void fontpath_free(struct fontpath *fp);

/* 1 if name is a font file's name (it has a '/' or ends in .ttf, .otf or
 * .ttc), 0 if it is a family name. */
int fontpath_is_file(const char *name);

/* Finds the font called name (a file or a family, see above) in style st;
 * a relative file name is tried first in basedir (a directory, "" for the
 * current one). On FONTPATH_FOUND *path is the file's absolute path; else
 * *why is a sentence saying what was searched or what is wrong with the
 * file. Both strings are owned by a. */
enum fontpath_status fontpath_find(struct fontpath *fp, struct arena *a,
    const char *name, const char *basedir, enum fontpath_style st,
    const char **path, const char **why);

/* "regular", "bold", "italic", "bold italic". */
const char *fontpath_style_name(enum fontpath_style st);

#endif
