# tiecheck.awk - reads linebreaks.awk's output for tests/typeset/ties.yaml
# and fails if a line broke inside one of the pact layout's ties.
{ n = split($0, w, / \| /); first = w[2]; if (prev != "" && (prev " " first) ~ /^(13 juni|juni 2018|28 november|november 2018|o\.a\. de|50 %)$/) { print "broken: " prev " / " first; bad = 1 }
  if (w[n] ~ /-$/ && w[n] ~ /^PO/) { print "broken: " w[n]; bad = 1 } prev = w[n] }
END { exit bad }
