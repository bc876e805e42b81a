/* test_hyphen.c - Dutch hyphenation points through libhyphen and the
 * hyphen-nl patterns, including words with accented letters, whose points
 * must come back as UTF-8 byte offsets. */
#include <stdio.h>
#include <string.h>

#include "hyphen.h"

static int n, failed;

/* want: the word with '=' at every expected point. */
static void
expect(struct hyphenator *h, const char *want, int left, int right)
{
	char word[256], got[512];
	size_t at[64], k, i, j = 0, len = 0, last = 0;

	for (i = 0; want[i]; i++)
		if (want[i] != '=')
			word[len++] = want[i];
	word[len] = '\0';
	k = hyphen_points(h, word, len, left, right, at, 64);
	for (i = 0; i < k; i++) {
		memcpy(got + j, word + last, at[i] - last);
		j += at[i] - last;
		got[j++] = '=';
		last = at[i];
	}
	strcpy(got + j, word + last);
	n++;
	if (strcmp(got, want) == 0)
		printf("ok %d - %s\n", n, want);
	else {
		printf("not ok %d - %s: got %s\n", n, want, got);
		failed++;
	}
}

int
main(void)
{
	struct hyphenator *h = hyphen_open("nl", NULL);

	if (h == NULL) {
		printf("not ok 1 - hyph_nl_NL.dic not found (install hyphen-nl)\n");
		return 1;
	}
	expect(h, "kin=der=op=vang", 2, 3);
	expect(h, "ont=wik=ke=lings=mo=ge=lijk=he=den", 2, 3);
	expect(h, "sa=men=wer=kings=ver=ban=den", 2, 3);
	expect(h, "in=ter=pro=fes=si=o=nele", 2, 3);
	expect(h, "Kin=der=op=vang=fonds", 2, 3);	/* capitals */
	expect(h, "be=ïn=vloe=ding", 2, 3);		/* ï is two bytes */
	expect(h, "Co=ör=di=na=to=ren", 2, 3);
	expect(h, "ge=ë=va=lu=eerd", 2, 3);
	expect(h, "ki=ne=ren", 2, 3);
	expect(h, "kindcentra", 5, 5);			/* minimum fragments */
	expect(h, "ikc", 2, 3);				/* too short */
	expect(h, "Δelta", 2, 3);			/* not Latin-1: no points */
	/* Points are kept per word and minimums: asked again, with other
	 * minimums, or for fewer points first and then all, the answers are
	 * the patterns' own. */
	expect(h, "kin=der=op=vang", 2, 3);
	expect(h, "kinder=opvang", 5, 5);
	expect(h, "kin=der=op=vang", 2, 3);
	{
		size_t at[64], k1, k2;

		/* (a word not asked for above: ver=ant=woor=de=lijk=he=den) */
		k1 = hyphen_points(h, "verantwoordelijkheden", 21, 2, 3, at, 2);
		k2 = hyphen_points(h, "verantwoordelijkheden", 21, 2, 3, at, 64);
		n++;
		if (k1 == 2 && k2 == 6 && at[0] == 3 && at[5] == 18)
			printf("ok %d - the first 2 points, then all 6\n", n);
		else {
			printf("not ok %d - max 2 gave %zu, then %zu points\n",
			    n, k1, k2);
			failed++;
		}
	}
	n++;
	if (hyphen_open("xx", NULL) == NULL)
		printf("ok %d - unknown language gives no hyphenator\n", n);
	else {
		printf("not ok %d - unknown language\n", n);
		failed++;
	}
	hyphen_close(h);
	return failed != 0;
}
