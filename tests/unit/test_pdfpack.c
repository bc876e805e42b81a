/* test_pdfpack.c - the object-stream repacking on small hand-written
 * classic files: strings and streams that hold the words the scanner looks
 * for, planc's own objects put among libharu's, the files it must decline,
 * and qpdf reading the result back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdfpack.h"
#include "tap.h"

/* A classic file of the given objects (bodies between "obj" and
 * "endobj"), numbered from 1, with a table and the trailer extra. gen is
 * the generation written for object 2. Returns a malloc'd buffer. */
static char *
classic(const char *const *objs, int count, int gen, const char *extra,
    size_t *len)
{
	size_t cap = 65536, off[16];
	char *s = malloc(cap);
	int k, x;

	*len = (size_t)sprintf(s, "%%PDF-1.4\n%%\xB7\xBE\xAD\xAA\n");
	for (k = 0; k < count; k++) {
		off[k] = *len;
		*len += (size_t)sprintf(s + *len, "%d %d obj\n%s\nendobj\n", k + 1,
		    k == 1 ? gen : 0, objs[k]);
	}
	x = (int)*len;
	*len += (size_t)sprintf(s + *len, "xref\n0 %d\n0000000000 65535 f\r\n",
	    count + 1);
	for (k = 0; k < count; k++)
		*len += (size_t)sprintf(s + *len, "%010zu %05d n\r\n", off[k],
		    k == 1 ? gen : 0);
	*len += (size_t)sprintf(s + *len, "trailer\n<<\n/Root 1 0 R\n%s/Size %d\n"
	    ">>\nstartxref\n%d\n%%%%EOF\n", extra, count + 1, x);
	return s;
}

static int
contains(const unsigned char *s, size_t len, const char *word)
{
	size_t w = strlen(word), i;

	for (i = 0; i + w <= len; i++)
		if (memcmp(s + i, word, w) == 0)
			return 1;
	return 0;
}

/* Runs a shell command over the bytes in a file; its exit status. */
static int
qpdf(const unsigned char *pdf, size_t len, const char *cmd)
{
	const char *dir = getenv("TMPDIR");
	char path[256], line[768];
	FILE *f;
	int rc;

	snprintf(path, sizeof path, "%s/pdfpack-test-%ld.pdf",
	    dir != NULL && *dir != '\0' ? dir : "/tmp", (long)getpid());
	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	fwrite(pdf, 1, len, f);
	fclose(f);
	snprintf(line, sizeof line, cmd, path, path);
	rc = system(line);
	remove(path);
	return rc;
}

int
main(void)
{
	/* Words the scanner looks for, inside a string, a name and a stream
	 * (whose indirect /Length is itself packed). */
	static const char *const objs[] = {
		"<< /Type /Catalog /Pages 2 0 R /Lang (nl) /Odd (endobj >> "
		    "\\) stream \\( (nested) ) >>",
		"<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 200 200 ] "
		    "/Contents 4 0 R /X <3e3e> >>",
		"<<\n/Length 5 0 R\n>>\nstream\r\n% endobj >> obj\n"
		    "0 0 m 100 100 l S\r\nendstream",
		"34",
		"[ 1 (two) /three << /four 4 >> 5 0 R ]",
	};
	const int count = (int)(sizeof objs / sizeof *objs);
	unsigned char *out;
	size_t len, outlen;
	char *in;
	int rc;

	in = classic(objs, count, 0, "/Info 2 0 R\n/ID [ <00ff> <00ff> ]\n",
	    &len);
	rc = pdfpack((unsigned char *)in, len, NULL, 0, &out, &outlen);
	ok(rc == 0 && out != NULL, "a classic file is repacked");
	if (rc == 0) {
		ok(memcmp(out, "%PDF-1.5", 8) == 0, "the header is raised to 1.5");
		ok(contains(out, outlen, "/Type /ObjStm") &&
		    contains(out, outlen, "/Type /XRef"),
		    "an object stream and an xref stream");
		ok(contains(out, outlen, "% endobj >> obj\n0 0 m 100 100 l S"),
		    "the stream is copied verbatim, outside");
		ok(!contains(out, outlen, "/Lang (nl)"),
		    "the catalog is inside the compressed stream");
		ok(contains(out, outlen, "/ID [ <00ff> <00ff> ]") &&
		    contains(out, outlen, "/Root 1 0 R") &&
		    contains(out, outlen, "/Info 2 0 R"),
		    "the trailer's entries move to the xref stream");
		ok(outlen > 20 && memcmp(out + outlen - 6, "%%EOF\n", 6) == 0,
		    "ends with %%EOF");
		if (system("qpdf --version >/dev/null 2>&1") == 0) {
			ok(qpdf(out, outlen, "qpdf --check %s >/dev/null 2>&1") == 0,
			    "qpdf --check finds no fault");
			ok(qpdf(out, outlen, "qpdf --show-object=1 %s | grep -qF "
			    "'/Odd (endobj >> \\) stream \\( \\(nested\\) )'") == 0,
			    "a string with >>, endobj and parentheses survives");
			ok(qpdf(out, outlen, "qpdf --show-object=4 --filtered-stream-data "
			    "%s | grep -q '100 100 l'") == 0,
			    "the content stream reads back, its length packed");
			ok(qpdf(out, outlen, "qpdf --show-object=6 %s | grep -qF "
			    "'[ 1 (two) /three << /four 4 >> 5 0 R ]'") == 0,
			    "an array with a reference reads back");
		}
		free(out);
	}
	free(in);

	{
		/* planc's own objects: 6 replaced (libharu's placeholder),
		 * 7 and 9 new (8 left free). */
		static const struct pdfpack_obj own[] = {
			{ 6, "<< /Own (six) /Next 7 0 R >>", 28 },
			{ 7, "[ 9 0 R ]", 9 },
			{ 9, "<< /Own (nine) >>", 17 },
		};
		static const struct pdfpack_obj on_stream[] = {
			{ 4, "<< >>", 5 },
		};
		static const struct pdfpack_obj zero[] = {
			{ 0, "<< >>", 5 },
		};

		in = classic(objs, count, 0, "", &len);
		rc = pdfpack((unsigned char *)in, len, own, 3, &out, &outlen);
		ok(rc == 0, "own objects are taken");
		if (rc == 0 && system("qpdf --version >/dev/null 2>&1") == 0) {
			ok(qpdf(out, outlen, "qpdf --check %s >/dev/null 2>&1") == 0,
			    "with own objects, qpdf --check finds no fault");
			ok(qpdf(out, outlen, "qpdf --show-object=6 %s | grep -qF "
			    "'/Own (six)'") == 0, "a placeholder's value replaced");
			ok(qpdf(out, outlen, "qpdf --show-object=9 %s | grep -qF "
			    "'/Own (nine)'") == 0, "a new object beyond a gap");
			ok(qpdf(out, outlen, "qpdf --show-xref %s | grep -q "
			    "'^8/0' && exit 1; qpdf --show-xref %s | "
			    "grep -q '^9/0: compressed'") == 0,
			    "the gap is a free entry");
		}
		free(out);
		ok(pdfpack((unsigned char *)in, len, on_stream, 1, &out,
		    &outlen) == -1, "an own object may not replace a stream");
		ok(pdfpack((unsigned char *)in, len, zero, 1, &out,
		    &outlen) == -1, "an own object may not be number 0");
		free(in);
	}
	in = classic(objs, count, 1, "", &len);
	ok(pdfpack((unsigned char *)in, len, NULL, 0, &out, &outlen) == -1 &&
	    out == NULL, "a generation other than 0 is declined");
	free(in);
	in = classic(objs, count, 0, "/Encrypt 2 0 R\n", &len);
	ok(pdfpack((unsigned char *)in, len, NULL, 0, &out, &outlen) == -1,
	    "an encrypted file is declined");
	free(in);
	in = classic(objs, count, 0, "/Prev 9\n", &len);
	ok(pdfpack((unsigned char *)in, len, NULL, 0, &out, &outlen) == -1,
	    "an updated file is declined");
	free(in);
	{
		static const char *const unclosed[] = {
			"<< /Type /Catalog /Pages 2 0 R /T (open >>",
			"<< /Type /Pages /Kids [ ] /Count 0 >>",
		};

		in = classic(unclosed, 2, 0, "", &len);
		ok(pdfpack((unsigned char *)in, len, NULL, 0, &out, &outlen) == -1,
		    "an unclosed string is declined");
		free(in);
	}
	{
		static const char *const packed[] = {
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /ObjStm /N 0 /First 0 /Length 0 >>\nstream\r\n"
			    "\r\nendstream",
		};

		in = classic(packed, 2, 0, "", &len);
		ok(pdfpack((unsigned char *)in, len, NULL, 0, &out, &outlen) == -1,
		    "a file with object streams already is declined");
		free(in);
	}
	in = classic(objs, count, 0, "", &len);
	strstr(in, "startxref\n")[10] = '9';	/* not at the table */
	ok(pdfpack((unsigned char *)in, len, NULL, 0, &out, &outlen) == -1,
	    "a startxref that does not point at the table is declined");
	ok(pdfpack((const unsigned char *)"%PDF-1.4\n", 9, NULL, 0, &out,
	    &outlen) == -1, "a file without a table is declined");
	{
		/* An object where the header's version should be. */
		static const char bad[] = "%PDF-1.1 0 obj\n<< /Type /Catalog >>\n"
		    "endobj\nxref\n0 2\n0000000000 65535 f\r\n"
		    "0000000007 00000 n\r\ntrailer\n<< /Root 1 0 R /Size 2 >>\n"
		    "startxref\n43\n%%EOF\n";

		ok(pdfpack((const unsigned char *)bad, sizeof bad - 1, NULL, 0, &out,
		    &outlen) == -1, "a file whose header is cut by an object "
		    "is declined");
	}
	free(in);
	return failed != 0;
}
