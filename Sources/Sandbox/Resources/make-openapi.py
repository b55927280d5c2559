#!/usr/bin/env python3
"""Dev-time tool: trims ../shared/data/ovp.openapi.json to the operations the sandbox implements
(with every definition, enum and error they reach) and writes openapi.json beside this script.
Run from the repository root: python3 Sources/Sandbox/Resources/make-openapi.py"""
import json, os, re, sys

OPERATIONS = [
    "session.start", "session.end", "session.get", "system.ping",
    "uploadtoken.add", "uploadtoken.upload", "uploadtoken.get", "uploadtoken.list", "uploadtoken.delete",
    "media.add", "media.addcontent", "media.addfromuploadedfile", "media.get", "media.list", "media.update",
    "media.delete", "baseentry.addfromuploadedfile", "baseentry.get", "baseentry.list", "uiconf.list", "uiconf.get",
    "partner.get",
]
# Concrete classes the sandbox accepts where the API declares an abstract one.
EXTRA_DEFINITIONS = ["KalturaUploadedFileTokenResource", "KalturaMediaEntry", "KalturaDataEntry", "KalturaDocumentEntry",
                     "KalturaMediaEntryFilter",
                     "KalturaUploadTokenFilter", "KalturaUiConfFilter", "KalturaBaseEntryFilter", "KalturaAPIException"]

# Filter fields and orders the sandbox's list actions honour (Sources/Sandbox/SandboxFilters.swift
# declares the same sets; SandboxTests checks the served document against them).
ENTRY_FILTER = ["idEqual", "idIn", "nameLike", "nameMultiLikeOr", "freeText", "userIdEqual", "referenceIdEqual",
                "tagsLike", "mediaTypeEqual", "mediaTypeIn", "typeEqual", "createdAtGreaterThanOrEqual",
                "createdAtLessThanOrEqual", "statusEqual", "statusIn", "statusNotEqual", "statusNotIn"]
UPLOAD_TOKEN_FILTER = ["idEqual", "idIn", "userIdEqual", "statusEqual", "statusIn", "fileNameEqual", "fileSizeEqual"]
UI_CONF_FILTER = ["idEqual", "idIn", "nameLike", "objTypeEqual", "objTypeIn", "tagsMultiLikeOr"]
ENTRY_ORDERS = ["+createdAt", "-createdAt", "+updatedAt", "-updatedAt", "+name", "-name", "+mediaType", "-mediaType",
                "+duration", "-duration", "+plays", "-plays", "+views", "-views", "+rank", "-rank", "+lastPlayedAt",
                "-lastPlayedAt", "+moderationCount", "-moderationCount", "+partnerSortValue", "-partnerSortValue",
                "+recent", "-recent", "+startDate", "-startDate", "+endDate", "-endDate", "+weight", "-weight",
                "+totalRank", "-totalRank"]
UPLOAD_TOKEN_ORDERS = ["+createdAt", "-createdAt"]
# The KalturaEntryType values the sandbox creates (Sources/Sandbox/EntryType.swift): AUTOMATIC, MEDIA_CLIP, DATA,
# DOCUMENT. Every KalturaEntryType enum in the document is cut to these.
ENTRY_TYPES = ["-1", "1", "6", "10"]
UI_CONF_ORDERS = ["+id", "-id", "+createdAt", "-createdAt", "+updatedAt", "-updatedAt", "+name", "-name"]
FILTERS = {
    "KalturaFilter": ([], None), "KalturaRelatedFilter": ([], None),
    "KalturaBaseEntryBaseFilter": (ENTRY_FILTER, ENTRY_ORDERS), "KalturaBaseEntryFilter": (ENTRY_FILTER, ENTRY_ORDERS),
    "KalturaPlayableEntryBaseFilter": (ENTRY_FILTER, ENTRY_ORDERS),
    "KalturaPlayableEntryFilter": (ENTRY_FILTER, ENTRY_ORDERS),
    "KalturaMediaEntryBaseFilter": (ENTRY_FILTER, ENTRY_ORDERS), "KalturaMediaEntryFilter": (ENTRY_FILTER, ENTRY_ORDERS),
    "KalturaUploadTokenBaseFilter": (UPLOAD_TOKEN_FILTER, UPLOAD_TOKEN_ORDERS),
    "KalturaUploadTokenFilter": (UPLOAD_TOKEN_FILTER, UPLOAD_TOKEN_ORDERS),
    "KalturaUiConfBaseFilter": (UI_CONF_FILTER, UI_CONF_ORDERS), "KalturaUiConfFilter": (UI_CONF_FILTER, UI_CONF_ORDERS),
}
ORDER_ENUMS = {"KalturaBaseEntryOrderBy": ENTRY_ORDERS, "KalturaMediaEntryOrderBy": ENTRY_ORDERS,
               "KalturaPlayableEntryOrderBy": ENTRY_ORDERS, "KalturaUploadTokenOrderBy": UPLOAD_TOKEN_ORDERS,
               "KalturaUiConfOrderBy": UI_CONF_ORDERS}
# The error codes the sandbox raises (KalturaAPIError in Sources/KalturaWire, thrown in Sources/Sandbox).
ERRORS = [
    "ACTION_DOES_NOT_EXISTS", "ENTRY_ALREADY_WITH_CONTENT", "ENTRY_ID_NOT_FOUND", "ENTRY_TYPE_NOT_SUPPORTED",
    "INTERNAL_SERVERL_ERROR",
    "INVALID_ENUM_VALUE", "INVALID_KS", "INVALID_OBJECT_TYPE", "INVALID_PARTNER_ID", "INVALID_UI_CONF_ID",
    "MISSING_MANDATORY_PARAMETER", "OBJECT_TYPE_ABSTRACT", "PARTNER_ACCESS_FORBIDDEN",
    "PROPERTY_VALIDATION_NOT_UPDATABLE", "QUERY_EXCEEDED_MAX_MATCHES_ALLOWED", "SERVICE_DOES_NOT_EXISTS",
    "SERVICE_FORBIDDEN", "START_SESSION_ERROR", "UNKNOWN_RESPONSE_FORMAT", "UPLOAD_ERROR",
    "UPLOAD_PASSED_MAX_RESUME_TIME_ALLOWED", "UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE", "UPLOAD_TOKEN_CANNOT_RESUME",
    "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY", "UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD",
    "UPLOAD_TOKEN_MISSING_FILE_SIZE", "UPLOAD_TOKEN_NOT_FOUND",
]

source = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ovp.openapi.json"
spec = json.load(open(source))
here = os.path.dirname(os.path.abspath(__file__))


def restrict_enum(schema, allowed):
    """Keeps the enum values (and their labels) that are in `allowed`, in the spec's order."""
    values, labels = schema.get("enum", []), schema.get("x-enumLabels")
    keep = [i for i, v in enumerate(values) if v in allowed]
    schema["enum"] = [values[i] for i in keep]
    if labels:
        schema["x-enumLabels"] = [labels[i] for i in keep]


for name, (fields, orders) in FILTERS.items():
    definition = json.loads(json.dumps(spec["definitions"][name]))
    properties = definition.get("properties", {})
    for key in list(properties):
        if key == "orderBy" and orders is not None:
            restrict_enum(properties[key], orders)
        elif key not in fields and key != "objectType":
            del properties[key]
    spec["definitions"][name] = definition
for name, orders in ORDER_ENUMS.items():
    if name in spec.get("x-enums", {}):
        spec["x-enums"][name] = dict(spec["x-enums"][name])
        spec["x-enums"][name]["oneOf"] = [o for o in spec["x-enums"][name].get("oneOf", []) if o["enum"][0] in orders]

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

for name, definition in definitions.items():
    object_type = definition.get("properties", {}).get("objectType")
    if isinstance(object_type, dict) and "enum" in object_type:
        definition = json.loads(json.dumps(definition))
        definition["properties"]["objectType"]["enum"] = [v for v in object_type["enum"] if v in definitions]
        definitions[name] = definition

def restrict_entry_types(node):
    if isinstance(node, dict):
        if node.get("x-enumType") == "KalturaEntryType" and "enum" in node:
            restrict_enum(node, ENTRY_TYPES)
        for value in node.values():
            restrict_entry_types(value)
    elif isinstance(node, list):
        for value in node:
            restrict_entry_types(value)

paths = json.loads(json.dumps(paths))
definitions = json.loads(json.dumps(definitions))
restrict_entry_types(paths)
restrict_entry_types(definitions)
if "KalturaEntryType" in spec.get("x-enums", {}):
    spec["x-enums"]["KalturaEntryType"] = dict(spec["x-enums"]["KalturaEntryType"])
    spec["x-enums"]["KalturaEntryType"]["oneOf"] = [o for o in spec["x-enums"]["KalturaEntryType"]["oneOf"]
                                                    if o["enum"][0] in ENTRY_TYPES]

used_parameters = set(re.findall(r'"#/parameters/([^"]+)"', json.dumps(paths)))
# Newer than the 2020 spec (S:api_v3/lib/KalturaErrors.php).
spec.setdefault("x-errors", []).append({
    "code": "UPLOAD_PASSED_MAX_RESUME_TIME_ALLOWED", "name": "UPLOAD_PASSED_MAX_RESUME_TIME_ALLOWED",
    "message": "Max resume time of @MAX_RESUME_TIME@ seconds reached, cannot resume upload"})
unknown_errors = set(ERRORS) - {e["code"] for e in spec.get("x-errors", [])}
if unknown_errors:
    sys.exit(f"errors not in the spec: {sorted(unknown_errors)}")

doc = {
    "swagger": "2.0",
    "info": {"title": "recipe-console sandbox (Kaltura API v3 subset)", "version": spec["info"].get("version", ""),
             "description": "The operations the local sandbox implements, trimmed from the Kaltura OVP spec."},
    "host": "127.0.0.1",
    "basePath": "/api_v3",
    "schemes": ["http"],
    "securityDefinitions": spec["securityDefinitions"],
    "security": spec["security"],
    "parameters": {k: v for k, v in spec["parameters"].items() if k in used_parameters},
    "paths": dict(sorted(paths.items())),
    "definitions": dict(sorted(definitions.items())),
    "x-enums": {k: v for k, v in sorted(spec.get("x-enums", {}).items()) if k in enums},
    "x-errors": [e for e in spec.get("x-errors", []) if e["code"] in ERRORS],
}
out = os.path.join(here, "openapi.json")
with open(out, "w") as f:
    json.dump(doc, f, separators=(",", ":"), sort_keys=False)
print(f"{out}: {len(paths)} paths, {len(definitions)} definitions, {len(doc['x-enums'])} enums, "
      f"{os.path.getsize(out)} bytes")
