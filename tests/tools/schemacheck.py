#!/usr/bin/python3
"""schemacheck.py - validates plan files against plans/plan.schema.json.

    schemacheck.py SCHEMA FILE...     every FILE valid: exit 0
    schemacheck.py --keys SCHEMA SRC...
                                      the schema names exactly the keys
                                      the sources read (src/model.c and
                                      src/kind.c's descriptions): exit 0

YAML is read as YAML 1.2 editors read it: a date such as 2018-03 stays a
string (PyYAML would make 2018-03-01 a date object). Uses Debian's
python3-yaml and python3-jsonschema.
"""
import json
import re
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


# No implicit timestamps: YAML 1.2 has none.
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_keys(node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):
                out.update(v.keys())
            schema_keys(v, out)
    elif isinstance(node, list):
        for v in node:
            schema_keys(v, out)
    return out


def model_keys(paths):
    """The keys the model reads: the lists of keys in model.c and the field
    descriptions of kind.c (F(struct X, "key", ...) and L(...))."""
    keys = set()
    for path in paths:
        src = open(path, encoding="utf-8").read()
        for body in re.findall(r'static const char \*const \w+\[\] = \{(.*?)\};',
                               src, re.S):
            keys.update(re.findall(r'"([a-z-]+)"', body))
        keys.update(re.findall(r'\b[FL]\(struct \w+, "([a-z-]+)"', src))
        # Keys read one by one (every entity's id, in entity_init).
        keys.update(re.findall(r'node_get\(map, "([a-z-]+)"\)', src))
    return keys


def main(argv):
    if len(argv) >= 4 and argv[1] == "--keys":
        schema = json.load(open(argv[2], encoding="utf-8"))
        have, want = schema_keys(schema, set()), model_keys(argv[3:])
        # The model's word lists that are values, not keys.
        want -= {"nl", "en", "de", "fr", "error", "warning"}
        for k in sorted(want - have):
            print(f"{argv[2]}: key '{k}' of {' '.join(argv[3:])} is missing")
        for k in sorted(have - want):
            print(f"{argv[2]}: key '{k}' is not read by {' '.join(argv[3:])}")
        return 1 if want != have else 0
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema = json.load(open(argv[1], encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    bad = 0
    for path in argv[2:]:
        doc = yaml.load(open(path, encoding="utf-8"), Loader=Loader)
        for err in sorted(validator.iter_errors(doc), key=str):
            where = "/".join(str(p) for p in err.absolute_path)
            print(f"{path}: {where}: {err.message}")
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
