"""A small JSON Schema checker for the keywords our documented schemas use: type, const, enum,
format date, properties, required, additionalProperties, items and local $ref."""

from __future__ import annotations

from datetime import date
from typing import Any

TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "null": (type(None),),
}


def _is(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return False  # a bool is no number here
    return isinstance(value, TYPES[name])


def problems(value: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "$") -> list[str]:
    """Where `value` breaks `schema` (an empty list: it conforms)."""
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return problems(value, target, root, at)
    found: list[str] = []
    kinds = schema.get("type")
    if kinds is not None:
        names = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, name) for name in names):
            return [f"{at}: {value!r} is not {kinds}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{at}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{at}: {value!r} is not one of {schema['enum']}")
    if schema.get("format") == "date" and isinstance(value, str):
        try:
            date.fromisoformat(value)
        except ValueError:
            found.append(f"{at}: {value!r} is not a date")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        found += [
            f"{at}: {key!r} missing" for key in schema.get("required", []) if key not in value
        ]
        if schema.get("additionalProperties") is False:
            found += [f"{at}: {key!r} not in the schema" for key in value if key not in properties]
        for key, item in value.items():
            if key in properties:
                found += problems(item, properties[key], root, f"{at}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found += problems(item, schema["items"], root, f"{at}[{i}]")
    return found
