#!/usr/bin/env python3
# tests/tools/sarifcheck.py LOG... - validates SARIF logs against the
# official SARIF 2.1.0 JSON Schema (OASIS, sarif-2.1.0-rtm.5), kept beside
# this script as sarif-schema-2.1.0.json: a copy of the one the npm package
# @microsoft/jest-sarif 1.0.0-beta.0 (MIT) ships as
# lib/schemas/sarif-2.1.0-rtm.5.json. Prints each violation; exit 1 if any.
import json
import os
import sys

import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
    schema = json.load(f)
validator = jsonschema.Draft4Validator(schema)
bad = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    for e in sorted(validator.iter_errors(log), key=lambda e: list(e.path)):
        bad += 1
        print("%s: %s: %s" % (path, "/".join(str(p) for p in e.path), e.message[:300]))
sys.exit(1 if bad else 0)
