/* lang.h - the words the layout adds to a plan's own text ("Inhoud",
 * "(vervolg)", "o.l.v.", month names), one table per language. A plan's
 * `lang:` picks the table; a layout's `words:` may replace single words
 * (style.c). Adding a language is one entry in lang.c's table. */
#ifndef PLANC_LANG_H
#define PLANC_LANG_H

#include <stddef.h>

/* The words, in the order of lang_word_key(); the comments give the
 * Dutch and where the layout sets them. */
enum lang_word {
	LW_PART,		/* "DEEL": before a part's number (heading) */
	LW_CONTENTS,		/* "Inhoud": the contents' title */
	LW_BUILDS_ON,		/* "Bouwt voort op": the cover's foot */
	LW_CONTINUED,		/* "vervolg": a table row on a new page */
	LW_AND,			/* "en": before the last of a list of names */
	LW_AND_OTHERS,		/* "e.a.": after names, when there are more */
	LW_LED_BY,		/* "o.l.v.": a body and its chair */
	LW_WITH_OTHERS,		/* "Met medewerking van o.a.:" */
	LW_REF_PART,		/* "deel": a reference to a part */
	LW_REF_CHAPTER,		/* "hoofdstuk" */
	LW_REF_SECTION,		/* "paragraaf" */
	LW_PAGE,		/* "p.": the page a reference prints */
	LW_COL_AMBITION,	/* the activity table's column heads */
	LW_COL_ACTIVITIES,
	LW_COL_WITH,
	LW_CHANGES,		/* "Wijzigingen": a redline's summary page */
	LW_COMPARED_WITH,	/* "ten opzichte van": the old plan there */
	LW_ADDED,		/* "toegevoegd": its counts and list */
	LW_REMOVED,		/* "verwijderd" */
	LW_CHANGED,		/* "gewijzigd" */
	LW_MOVED,		/* "verplaatst" */
	LW_RENAMED,		/* "hernoemd" */
	LW_MOVED_FROM,		/* "verplaatst van": beside a moved activity */
	LW_NO_CHANGES,		/* "Geen wijzigingen.": a plan with none */
	LW_MONTH_1,		/* "Januari" .. "December": the cover's date */
	LW_MONTH_12 = LW_MONTH_1 + 11,
	LW_COUNT
};

/* The words of language code ("nl", "en", ...); a language planc has no
 * table for gets English. Static storage, never NULL. */
const char *const *lang_words(const char *code);

/* 1 if planc has a table for code. */
int lang_known(const char *code);

/* The known codes as a list for a message: "nl, en, de and fr". Static
 * storage. */
const char *lang_list(void);

/* The key that names word w in a layout's `words:` ("contents",
 * "and-others", "march"). */
const char *lang_word_key(enum lang_word w);

/* The word a key names, or LW_COUNT if none does. */
enum lang_word lang_word_find(const char *key);

/* The keys, NULL-terminated, for checking a `words:` mapping. */
const char *const *lang_word_keys(void);

#endif
