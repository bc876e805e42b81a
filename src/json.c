/* json.c - JSON strings (see json.h): quotes, backslashes and control
 * characters escaped, and the output always valid UTF-8 whatever the
 * input: an invalid byte becomes U+FFFD; U+2028 and U+2029, valid JSON but
 * line ends to JavaScript, are escaped too. */
#include "json.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

void
json_stringn(FILE *f, const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	fputc('"', f);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			fputc(c, f);
			i++;
			continue;
		}
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		if (c < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			fputs("\\ufffd", f), k = 1;
		else if (cp == 0x2028 || cp == 0x2029)
			fprintf(f, "\\u%04x", (unsigned)cp);
		else
			fwrite(s + i, 1, k, f);
		i += k;
	}
	fputc('"', f);
}

void
json_string(FILE *f, const char *s)
{
	if (s == NULL)
		fputs("null", f);
	else
		json_stringn(f, s, strlen(s));
}
