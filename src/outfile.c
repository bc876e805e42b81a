/* outfile.c - atomic replacement of output files (see outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

static int
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
outfile_write(const char *path, const void *buf, size_t len)
{
	const char *slash, *base;
	char *tmp;
	size_t dirlen;
	int fd, saved;
	struct stat st;

	if (strcmp(path, "-") == 0) {
		if (write_all(STDOUT_FILENO, buf, len) != 0) {
			fprintf(stderr, "planc: cannot write to standard output: "
			    "%s\n", strerror(errno));
			return -1;
		}
		return 0;
	}
	slash = strrchr(path, '/');
	base = slash ? slash + 1 : path;
	dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	if (*base == '\0') {
		fprintf(stderr, "planc: cannot write '%s': not a file name\n",
		    path);
		return -1;
	}
	/* The temporary file must be in the target's directory: rename()
	 * is only atomic within one file system. */
	tmp = xmalloc(dirlen + strlen(base) + 16);
	snprintf(tmp, dirlen + strlen(base) + 16, "%.*s.%s.XXXXXX",
	    (int)dirlen, path, base);
	if ((fd = mkstemp(tmp)) < 0) {
		fprintf(stderr, "planc: cannot write '%s': %s\n", path,
		    strerror(errno));
		free(tmp);
		return -1;
	}
	/* Keep the permissions an existing output had; else 0644 under the
	 * umask, as a plain fopen() would give. */
	if (stat(path, &st) == 0)
		(void)fchmod(fd, st.st_mode & 07777);
	else {
		mode_t mask = umask(0);
		umask(mask);
		(void)fchmod(fd, 0666 & ~mask);
	}
	if (write_all(fd, buf, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) != 0) {
		saved = errno;
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		saved = errno;
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	unlink(tmp);
	fprintf(stderr, "planc: cannot write '%s': %s\n", path,
	    strerror(saved));
	free(tmp);
	return -1;
}
