#!/usr/bin/env python3
"""Dev-time tool: trims ../shared/data/ovp.openapi.json to the operations the sandbox implements
(with every definition, enum and error they reach) and writes openapi.json beside this script.
Run from the repository root: python3 Sources/Sandbox/Resources/make-openapi.py"""
import json, os, re, sys

OPERATIONS = [
    "session.start", "session.end", "session.get", "system.ping",
    "uploadtoken.add", "uploadtoken.upload", "uploadtoken.get", "uploadtoken.list", "uploadtoken.delete",
    "media.add", "media.addcontent", "media.addfromuploadedfile", "media.get", "media.list", "media.update",
    "media.delete", "baseentry.get", "baseentry.list", "uiconf.list", "uiconf.get", "partner.get",
]
# Concrete classes the sandbox accepts where the API declares an abstract one.
EXTRA_DEFINITIONS = ["KalturaUploadedFileTokenResource", "KalturaMediaEntry", "KalturaMediaEntryFilter",
                     "KalturaUploadTokenFilter", "KalturaUiConfFilter", "KalturaBaseEntryFilter", "KalturaAPIException"]

source = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ovp.openapi.json"
spec = json.load(open(source))
here = os.path.dirname(os.path.abspath(__file__))

paths = {}
for path, item in spec["paths"].items():
    m = re.fullmatch(r"/service/([^/]+)/action/([^/]+)", path)
    if m and f"{m.group(1)}.{m.group(2)}".lower() in OPERATIONS:
        paths[path] = item
missing = set(OPERATIONS) - {re.fullmatch(r"/service/([^/]+)/action/([^/]+)", p).expand(r"\1.\2").lower() for p in paths}
if missing:
    sys.exit(f"not in the spec: {sorted(missing)}")

definitions, enums, seen = {}, set(), set()

def walk(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            add(ref.split("/")[-1])
        if isinstance(node.get("x-enumType"), str):
            enums.add(node["x-enumType"])
        for key, value in node.items():
            if key != "anyOf":  # subclass lists: only those the sandbox knows are kept (below)
                walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)

def add(name):
    if name in seen or name not in spec["definitions"]:
        return
    seen.add(name)
    definitions[name] = spec["definitions"][name]
    walk(definitions[name])

walk(paths)
for name in EXTRA_DEFINITIONS:
    add(name)

for name, definition in definitions.items():
    if "anyOf" in definition:
        definition = dict(definition)
        definition["anyOf"] = [a for a in definition["anyOf"] if a.get("$ref", "").split("/")[-1] in definitions]
        definitions[name] = definition

doc = {
    "swagger": "2.0",
    "info": {"title": "recipe-console sandbox (Kaltura API v3 subset)", "version": spec["info"].get("version", ""),
             "description": "The operations the local sandbox implements, trimmed from the Kaltura OVP spec."},
    "host": "127.0.0.1",
    "basePath": "/api_v3",
    "schemes": ["http"],
    "securityDefinitions": spec["securityDefinitions"],
    "security": spec["security"],
    "parameters": spec["parameters"],
    "paths": dict(sorted(paths.items())),
    "definitions": dict(sorted(definitions.items())),
    "x-enums": {k: v for k, v in sorted(spec.get("x-enums", {}).items()) if k in enums},
    "x-errors": spec.get("x-errors", {}),
}
out = os.path.join(here, "openapi.json")
with open(out, "w") as f:
    json.dump(doc, f, separators=(",", ":"), sort_keys=False)
print(f"{out}: {len(paths)} paths, {len(definitions)} definitions, {len(doc['x-enums'])} enums, "
      f"{os.path.getsize(out)} bytes")
