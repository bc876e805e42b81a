/* lang.c - the layout's own words per language: the tables, and the
 * names a layout's `words:` uses for them. A language is one entry of
 * langs[] below (model.c accepts the codes listed here; the plan schema's
 * lang enum must name them too, which tests/suites/lang.sh checks); a
 * code without an entry falls back to English. */
#include "lang.h"

#include <string.h>

struct lang {
	const char *code;
	const char *w[LW_COUNT];
};

static const struct lang langs[] = {
	{ "nl", { "DEEL", "Inhoud", "Bouwt voort op", "vervolg", "en",
	    "e.a.", "o.l.v.", "Met medewerking van o.a.:", "deel",
	    "hoofdstuk", "paragraaf", "p.", "Ambitie", "Activiteiten",
	    "Met wie", "Wijzigingen", "ten opzichte van", "toegevoegd",
	    "verwijderd", "gewijzigd", "verplaatst", "hernoemd",
	    "verplaatst van", "Geen wijzigingen.", "Januari", "Februari", "Maart", "April", "Mei", "Juni",
	    "Juli", "Augustus", "September", "Oktober", "November",
	    "December" } },
	{ "en", { "PART", "Contents", "Builds on", "continued", "and",
	    "et al.", "led by", "With, among others:", "part", "chapter",
	    "section", "p.", "Ambition", "Activities", "With whom", "Changes", "compared with", "added",
	    "removed", "changed", "moved", "renamed", "moved from",
	    "No changes.", "January",
	    "February", "March", "April", "May", "June", "July", "August",
	    "September", "October", "November", "December" } },
	{ "de", { "TEIL", "Inhalt", "Baut auf", "Fortsetzung", "und",
	    "u.\xC2\xA0" "a.", "unter Leitung von", "Unter Mitwirkung von u.\xC2\xA0" "a.:",
	    "Teil", "Kapitel", "Abschnitt", "S.", "Ziel", "Aktivit\xC3\xA4ten",
	    "Mit wem", "\xC3\x84nderungen", "verglichen mit",
	    "hinzugef\xC3\xBCgt", "entfernt", "ge\xC3\xA4ndert", "verschoben",
	    "umbenannt", "verschoben aus", "Keine \xC3\x84nderungen.", "Januar", "Februar", "M\xC3\xA4rz", "April", "Mai",
	    "Juni", "Juli", "August", "September", "Oktober", "November",
	    "Dezember" } },
	{ "fr", { "PARTIE", "Sommaire", "Fait suite \xC3\xA0", "suite", "et",
	    "et al.", "sous la direction de", "Avec notamment\xC2\xA0:",
	    "partie", "chapitre", "section", "p.", "Ambition",
	    "Activit\xC3\xA9s", "Avec qui", "Modifications", "par rapport \xC3\xA0",
	    "ajout\xC3\xA9s", "supprim\xC3\xA9s", "modifi\xC3\xA9s",
	    "d\xC3\xA9plac\xC3\xA9s", "renomm\xC3\xA9s", "d\xC3\xA9plac\xC3\xA9 de",
	    "Aucune modification.", "Janvier", "F\xC3\xA9vrier", "Mars",
	    "Avril", "Mai", "Juin", "Juillet", "Ao\xC3\xBBt", "Septembre",
	    "Octobre", "Novembre", "D\xC3\xA9" "cembre" } },
};

#define NLANGS (sizeof langs / sizeof langs[0])

static const char *const keys[LW_COUNT + 1] = { "part", "contents",
    "builds-on", "continued", "and", "and-others", "led-by", "with-others",
    "ref-part", "ref-chapter", "ref-section", "page", "column-ambition",
    "column-activities", "column-with", "changes", "compared-with",
    "added", "removed", "changed", "moved", "renamed", "moved-from",
    "no-changes", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october",
    "november", "december", NULL };

static const struct lang *
find(const char *code)
{
	size_t i;

	for (i = 0; i < NLANGS; i++)
		if (code != NULL && strcmp(langs[i].code, code) == 0)
			return &langs[i];
	return NULL;
}

const char *const *
lang_words(const char *code)
{
	const struct lang *l = find(code);

	return l != NULL ? l->w : find("en")->w;
}

int
lang_known(const char *code)
{
	return find(code) != NULL;
}

const char *
lang_list(void)
{
	static char buf[NLANGS * 16 + 8];	/* codes are short: "nl", "pt-BR" */
	size_t i, at = 0;

	if (buf[0] != '\0')
		return buf;
	for (i = 0; i < NLANGS; i++) {
		const char *sep = i == 0 ? "" : i + 1 == NLANGS ? " and " :
		    ", ";

		memcpy(buf + at, sep, strlen(sep));
		at += strlen(sep);
		memcpy(buf + at, langs[i].code, strlen(langs[i].code));
		at += strlen(langs[i].code);
	}
	buf[at] = '\0';
	return buf;
}

const char *
lang_word_key(enum lang_word w)
{
	return w < LW_COUNT ? keys[w] : NULL;
}

enum lang_word
lang_word_find(const char *key)
{
	size_t i;

	for (i = 0; i < LW_COUNT; i++)
		if (strcmp(keys[i], key) == 0)
			return (enum lang_word)i;
	return LW_COUNT;
}

const char *const *
lang_word_keys(void)
{
	return keys;
}
