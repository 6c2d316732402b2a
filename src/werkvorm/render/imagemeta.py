"""A photo's metadata stays home: GPS position, camera serial, owner, XMP and comments
are taken out of a JPEG before it goes into a PDF or a deck, losslessly.

WeasyPrint and python-pptx both embed a JPEG as it is, with every metadata segment a
phone writes (the place a picture was taken is often the trainer's home). The image
data is copied untouched; only the orientation tag is kept (in a minimal Exif block of
its own), so a photo stays upright. PNG, GIF and WebP are decoded and written again by
both renderers, so their metadata never reaches an output.
"""

from __future__ import annotations

_DROP = {0xE1, *range(0xE3, 0xEE), 0xEF, 0xFE}  # APP1 (Exif, XMP), APP3-13, APP15, COM
_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def _orientation(data: bytes) -> int:
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            return int(im.getexif().get(0x0112, 1))
    except Exception:  # a damaged file: check refuses it; nothing to keep
        return 1


def without_metadata(data: bytes) -> bytes:
    """The JPEG ``data`` without its metadata segments (anything else as it is)."""
    if not data.startswith(b"\xff\xd8"):
        return data
    kept, dropped, i = [b"\xff\xd8"], False, 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in _STANDALONE:
            kept.append(data[i : i + 2])
            i += 2
            continue
        if marker == 0xDA:  # start of scan: the image data, copied as it is
            break
        end = i + 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in _DROP:
            dropped = True
        else:
            kept.append(data[i:end])
        i = end
    if not dropped:
        return data
    orientation = _orientation(data)
    if orientation != 1:
        from PIL import Image

        exif = Image.Exif()
        exif[0x0112] = orientation
        block = exif.tobytes()  # with its "Exif" header
        app1 = b"\xff\xe1" + (len(block) + 2).to_bytes(2, "big") + block
        at = 2 if len(kept) > 1 and kept[1].startswith(b"\xff\xe0") else 1
        kept.insert(at, app1)
    return b"".join(kept) + data[i:]
