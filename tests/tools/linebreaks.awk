# linebreaks.awk - prints the text of each line of a layout dump, one line
# per baseline, with "|" between words: "page 3 | Op | 13 | juni".
/^page / { if (line != "") print line; line = ""; page = $2; y = ""; next }
/^  y / {
	text = $0
	for (i = 0; i < 10; i++) sub(/^ *[^ ]+ /, "", text)
	if ($2 != y) { if (line != "") print line; line = "page " page; y = $2 }
	line = line " | " text
}
END { if (line != "") print line }
