/* test_lang.c - the layout's words per language: every language has every
 * word, an unknown language gets English, and each word has one key. */
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "utf8.h"
#include "tap.h"

int
main(void)
{
	char list[256], *code, *save;
	const char *const *en = lang_words("en"), *const *nl = lang_words("nl");
	size_t i, j, langs = 0;
	int whole = 1, unique = 1, found = 1;

	/* "nl, en, de and fr": each code's table is complete. */
	snprintf(list, sizeof list, "%s", lang_list());
	for (i = 0; list[i] != '\0'; i++)
		if (list[i] == ',')
			list[i] = ' ';
	for (code = strtok_r(list, " ", &save); code != NULL;
	    code = strtok_r(NULL, " ", &save)) {
		const char *const *w;

		if (strcmp(code, "and") == 0)
			continue;
		langs++;
		ok(lang_known(code), code);
		w = lang_words(code);
		for (j = 0; j < LW_COUNT; j++)
			if (w[j] == NULL || w[j][0] == '\0' ||
			    utf8_invalid(w[j], strlen(w[j])) != strlen(w[j])) {
				printf("# %s: %s missing or not UTF-8\n", code,
				    lang_word_key((enum lang_word)j));
				whole = 0;
			}
	}
	ok(langs >= 4, "nl, en, de and fr at least");
	ok(whole, "every language has every word, in UTF-8");
	ok(lang_words("xx") == en && lang_words(NULL) == en,
	    "an unknown language falls back to English");
	ok(!lang_known("xx"), "xx is not known");
	ok(strcmp(nl[LW_CONTINUED], "vervolg") == 0 &&
	    strcmp(en[LW_CONTINUED], "continued") == 0, "vervolg, continued");
	ok(strcmp(nl[LW_MONTH_1 + 2], "Maart") == 0 &&
	    strcmp(en[LW_MONTH_12], "December") == 0, "month names in order");
	for (i = 0; i < LW_COUNT; i++) {
		if (lang_word_find(lang_word_key((enum lang_word)i)) != i)
			found = 0;
		for (j = 0; j < i; j++)
			if (strcmp(lang_word_key((enum lang_word)i),
			    lang_word_key((enum lang_word)j)) == 0)
				unique = 0;
	}
	ok(found && unique, "each word has a key of its own");
	ok(lang_word_keys()[LW_COUNT] == NULL, "the keys end in NULL");
	ok(lang_word_find("contnued") == LW_COUNT, "a wrong key names nothing");
	return failed != 0;
}
