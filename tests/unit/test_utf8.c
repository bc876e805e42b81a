/* test_utf8.c - decoding, validation, character counts and the folded
 * edit distance that "did you mean" and near-duplicate names rest on. */
#include <stdio.h>
#include <string.h>

#include "suggest.h"
#include "utf8.h"
#include "tap.h"

int
main(void)
{
	uint32_t cp;
	char buf[4];
	struct suggest s;

	ok(utf8_decode("\xC3\xAF", 2, &cp) == 2 && cp == 0xEF, "decode ï");
	ok(utf8_decode("\xE2\x9C\x93", 3, &cp) == 3 && cp == 0x2713, "decode ✓");
	ok(utf8_decode("\xC0\xAF", 2, &cp) == 0, "overlong rejected");
	ok(utf8_decode("\xED\xA0\x80", 3, &cp) == 0, "surrogate rejected");
	ok(utf8_decode("\xF4\x90\x80\x80", 4, &cp) == 0, "beyond U+10FFFF rejected");
	ok(utf8_decode("\xE2\x9C", 2, &cp) == 0, "truncated rejected");
	ok(utf8_invalid("Caf\xE9!", 5) == 3, "invalid byte found at its offset");
	ok(utf8_invalid("Café", 5) == 5, "valid text passes");
	ok(utf8_count("één ✓", 9) == 5, "characters counted, not bytes");
	ok(utf8_offset("één", 5, 2) == 4, "offset of the third character");
	ok(utf8_encode(0x2713, buf) == 3 && memcmp(buf, "\xE2\x9C\x93", 3) == 0,
	    "encode ✓");
	ok(utf8_fold(0xCF) == 'i' && utf8_fold('M') == 'm', "fold Ï and M");
	ok(utf8_distance("Maaïke Vaes", "Maaike Vaes", 1, 2) == 0,
	    "accent folded away");
	ok(utf8_distance("Corinne van Helvoirt", "Corine van Helvoirt", 1, 2) == 1,
	    "one letter apart");
	ok(utf8_distance("Maaïke Vaes", "Maaike Vaes", 0, 2) == 1,
	    "without folding ï differs");
	ok(utf8_distance("abcdefgh", "stuvwxyz", 1, 2) == 3,
	    "gives up past the limit");
	{
		/* The banded distance agrees with the full one (limit
		 * large) wherever the full one is within the limit, on
		 * strings of a three-letter alphabet (many near misses). */
		uint32_t x[12], y[12];
		unsigned seed = 1;
		size_t t, i, nx, ny, full, lim, agree = 1;

		for (t = 0; t < 20000 && agree; t++) {
			nx = (seed = seed * 1103515245u + 12345u) >> 16 & 7;
			ny = (seed = seed * 1103515245u + 12345u) >> 16 & 7;
			for (i = 0; i < nx; i++)
				x[i] = 'a' + ((seed = seed * 1103515245u +
				    12345u) >> 16) % 3;
			for (i = 0; i < ny; i++)
				y[i] = 'a' + ((seed = seed * 1103515245u +
				    12345u) >> 16) % 3;
			full = utf8_distance_codes(x, nx, y, ny, 100);
			for (lim = 0; lim < 4; lim++)
				if (utf8_distance_codes(x, nx, y, ny, lim) !=
				    (full <= lim ? full : lim + 1))
					agree = 0;
		}
		ok(agree, "banded distance equals the full one within its limit");
	}
	suggest_init(&s, "jeanette-doornenbal");
	suggest_offer(&s, "ruben-fukkink");
	suggest_offer(&s, "jeannette-doornenbal");
	ok(s.best != NULL && strcmp(s.best, "jeannette-doornenbal") == 0,
	    "suggestion picks the nearest id");
	suggest_init(&s, "abc");
	suggest_offer(&s, "xyz");
	ok(s.best == NULL, "no suggestion when nothing is close");
	return failed != 0;
}
