"""HSDS identifiers: every object needs a UUID, and Sakke's objects have integer keys.

Resources a client looks up (organizations, services, taxonomy terms, ...) get a UUID
that encodes their kind and primary key, so /hsds/services/{id} finds its row without
a lookup table. Parts that are never looked up (a schedule, a cost option) get a
name-based UUID from their parent's.
"""

import uuid

#: The kinds of looked-up resources; the number is in the UUID's first group.
KINDS = {
    "organization": 1,
    "service": 2,
    "location": 3,
    "service_at_location": 4,
    "taxonomy": 5,
    "topic": 6,
    "audience": 7,
}
_PREFIX = "5a4b{kind:04x}-0000-4000-8000-{pk:012x}"
NAMESPACE = uuid.UUID("8f2d0c1e-6b5a-4c1d-9e57-3a1f5b8c2d40")


def resource_id(kind: str, pk: int) -> str:
    return _PREFIX.format(kind=KINDS[kind], pk=pk)


def part_id(parent: str, *names) -> str:
    """A stable UUID of a part of `parent` (its schedule, cost option, ...)."""
    return str(uuid.uuid5(NAMESPACE, "/".join([parent, *map(str, names)])))


def pk_of(kind: str, value: str) -> int | None:
    """The primary key a resource_id of `kind` encodes; None for any other value."""
    try:
        parsed = uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return None
    text = str(parsed)
    if text[:4] != "5a4b" or int(text[4:8], 16) != KINDS[kind]:
        return None
    if text[8:24] != "-0000-4000-8000-":
        return None
    return int(text[24:], 16)
