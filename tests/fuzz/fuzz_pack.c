/* fuzz_pack.c - libFuzzer target for the object-stream repacking
 * (pdfpack.c). Its input in a build is libharu's own output, but it is a
 * parser of bytes with recursion, so it gets any bytes here. Properties:
 * no crash, leak or stall; what it accepts comes out as a file that begins
 * with a PDF 1.5+ header and ends with %%EOF; and its own output, which
 * holds object streams, is declined when fed back (never packed twice).
 *
 * Built by `make fuzz` like every fuzz target in tests/fuzz/. Seeds in
 * tests/fuzz/corpus/pack/: two small planc builds written back as classic
 * files by qpdf (--object-streams=disable). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdfpack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *out, *again;
	size_t len, len2;

	if (pdfpack(data, size, NULL, 0, &out, &len) != 0) {
		if (out != NULL)
			abort();
		return 0;
	}
	if (len < 14 || memcmp(out, "%PDF-1.", 7) != 0 || out[7] < '5' ||
	    memcmp(out + len - 6, "%%EOF\n", 6) != 0) {
		fprintf(stderr, "fuzz_pack: the packed file is not whole\n");
		abort();
	}
	if (pdfpack(out, len, NULL, 0, &again, &len2) == 0) {
		fprintf(stderr, "fuzz_pack: packed its own output again\n");
		abort();
	}
	free(out);
	return 0;
}
