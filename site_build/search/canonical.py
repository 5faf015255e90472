"""Make Pagefind 1.5.2's bundle the same bytes for the same records.

Pagefind 1.5.2 keeps filters in hash maps seeded at random, so the order of a filter's values
in its ``filter/*.pf_filter`` file, and the order of the filters in ``pagefind.*.pf_meta``,
change from run to run, and with them the files' hashed names and the meta's name in
``pagefind-entry.json``. A kls build must give the same bytes every time (SOURCE_DATE_EPOCH,
sorted output everywhere), so the filter files and the meta are put in order here and named
after their content. Upstream fixed this after 1.5.2 (Pagefind pull request #1124); once
PyPI serves a release with it, this module can go.

The files are gzip of ``pagefind_dcd`` followed by CBOR (minicbor, arrays of arrays):

    filter: [filter name, [[value, [page, ...]], ...]]
    meta:   [version, pages, index chunks, [[filter name, file hash], ...], sorts, fields]
"""

from __future__ import annotations

import gzip
import hashlib
import json

MAGIC = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
FILTER_VALUES = 1  # position of the value list in a filter file's array
META_FILTERS = 3  # position of the filter list in the meta's array


def canonical(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle (path -> bytes) with its filter files and meta in a stable order."""
    entry = json.loads(files[ENTRY])
    out = dict(files)
    for language, info in entry["languages"].items():
        renamed = {}
        for path in [p for p in files if p.startswith(f"filter/{language}_")]:
            data = _sorted_filter(unpack(files[path]))
            new = f"{language}_{hashlib.sha1(data).hexdigest()[:7]}"
            renamed[path[len("filter/"):-len(".pf_filter")]] = new
            del out[path]
            out[f"filter/{new}.pf_filter"] = pack(data)
        meta_path = f"pagefind.{info['hash']}.pf_meta"
        meta = _sorted_meta(unpack(files[meta_path]), renamed)
        info["hash"] = f"{language}_{hashlib.sha1(meta).hexdigest()[:10]}"
        del out[meta_path]
        out[f"pagefind.{info['hash']}.pf_meta"] = pack(meta)
    out[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return out


def unpack(data: bytes) -> bytes:
    """A Pagefind file's CBOR."""
    raw = gzip.decompress(data)
    if not raw.startswith(MAGIC):
        raise ValueError("not a Pagefind file")
    return raw[len(MAGIC):]


def pack(cbor: bytes) -> bytes:
    return gzip.compress(MAGIC + cbor, compresslevel=9, mtime=0)


def items_at(cbor: bytes, position: int) -> list[bytes]:
    """The items (their bytes) of the list at ``position`` in the outer array."""
    return _list_at(cbor, position)[1]


def with_items(cbor: bytes, position: int, items: list[bytes]) -> bytes:
    """``cbor`` with the list at ``position`` in the outer array made of ``items``."""
    start, _, end = _list_at(cbor, position)
    return cbor[:start] + _head_bytes(4, len(items)) + b"".join(items) + cbor[end:]


def _sorted_filter(cbor: bytes) -> bytes:
    """[name, [[value, pages], ...]] with the values in order of their bytes."""
    return with_items(cbor, FILTER_VALUES, sorted(items_at(cbor, FILTER_VALUES)))


def _sorted_meta(cbor: bytes, renamed: dict[str, str]) -> bytes:
    """The meta with its filters in order of name, each naming its renamed file."""
    filters = []
    for item in items_at(cbor, META_FILTERS):
        _, _, at = _head(item, 0)
        name, at = _text(item, at)
        old, _ = _text(item, at)
        filters.append(_head_bytes(4, 2) + _text_item(name) + _text_item(renamed[old]))
    return with_items(cbor, META_FILTERS, sorted(filters))


def _list_at(cbor: bytes, position: int) -> tuple[int, list[bytes], int]:
    """(start, items, end) of the list at ``position`` in the outer array."""
    _, _, pos = _head(cbor, 0)
    for _ in range(position):
        pos = _skip(cbor, pos)
    start = pos
    _, count, pos = _head(cbor, pos)
    items = []
    for _ in range(count):
        end = _skip(cbor, pos)
        items.append(cbor[pos:end])
        pos = end
    return start, items, pos


# -- the CBOR Pagefind writes: unsigned integers, text, arrays ---------------------------------


def _head(data: bytes, pos: int) -> tuple[int, int, int]:
    """(major type, argument, position after the head) of the item at ``pos``."""
    first = data[pos]
    major, info = first >> 5, first & 0x1F
    if info < 24:
        return major, info, pos + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise ValueError(f"unsupported CBOR item {first:#x}")
    return major, int.from_bytes(data[pos + 1:pos + 1 + size], "big"), pos + 1 + size


def _skip(data: bytes, pos: int) -> int:
    """The position after the item at ``pos``."""
    major, arg, pos = _head(data, pos)
    if major in (0, 1, 7):
        return pos
    if major in (2, 3):
        return pos + arg
    if major in (4, 5):
        for _ in range(arg * (2 if major == 5 else 1)):
            pos = _skip(data, pos)
        return pos
    raise ValueError(f"unsupported CBOR major type {major}")


def _text(data: bytes, pos: int) -> tuple[str, int]:
    _, length, pos = _head(data, pos)
    return data[pos:pos + length].decode("utf-8"), pos + length


def _text_item(text: str) -> bytes:
    raw = text.encode("utf-8")
    return _head_bytes(3, len(raw)) + raw


def _head_bytes(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("CBOR argument too large")
