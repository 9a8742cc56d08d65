#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Pack the images a system needs into one flash image.

usage: mkpkg.py <images.txt> <image-dir> <boot.bin> <out flash.bin>

images.txt (from cfgtool) has one line per load: <name> <image> <load PA> <max bytes>.
<image> is a built-in image name (resolved to <image-dir>/<image>.bin) or a path to a raw
binary supplied by the user. The flash holds boot.bin at 0 and the package at PKG_OFFSET;
the layout is include/abi/pkg.h.
"""
import hashlib
import os
import struct
import sys

PKG_OFFSET = 0x100000
FLASH_SIZE = 0x4000000
MAGIC, VERSION = 0x4B505354, 1
ENTRY = struct.Struct("<16sQIIII32s")
HEADER = struct.Struct("<IIII")


def fail(msg):
    sys.exit(f"mkpkg: error: {msg}")


def main():
    if len(sys.argv) != 5:
        fail(__doc__)
    listing, image_dir, boot_path, out_path = sys.argv[1:]
    loads = [line.split() for line in open(listing) if line.strip()]
    blobs, entries = {}, []
    for name, image, load_pa, max_size in loads:
        path = image if "/" in image else os.path.join(image_dir, image + ".bin")
        if not os.path.isfile(path):
            fail(f"{name}: image '{image}' not found at {path}")
        data = open(path, "rb").read()
        if len(data) > int(max_size, 16):
            fail(f"{name}: image {path} is {len(data)} bytes, its window holds {int(max_size, 16)}")
        blobs.setdefault(path, data)
        entries.append((name, path, int(load_pa, 16), int(max_size, 16)))

    offset = HEADER.size + ENTRY.size * len(entries)
    placed, body = {}, b""
    for path, data in blobs.items():
        offset = (offset + 15) & ~15
        body = body.ljust(offset - HEADER.size - ENTRY.size * len(entries), b"\0")
        placed[path] = offset
        body += data
        offset += len(data)
    table = b"".join(
        ENTRY.pack(name.encode()[:15], pa, placed[path], len(blobs[path]), max_size, 0,
                   hashlib.sha256(blobs[path]).digest())
        for name, path, pa, max_size in entries)
    pkg = HEADER.pack(MAGIC, VERSION, len(entries), HEADER.size + len(table) + len(body))
    pkg += table + body

    boot = open(boot_path, "rb").read()
    if len(boot) > PKG_OFFSET:
        fail(f"boot code is {len(boot)} bytes, more than the {PKG_OFFSET} before the package")
    flash = boot.ljust(PKG_OFFSET, b"\0") + pkg
    if len(flash) > FLASH_SIZE:
        fail("flash image larger than 64 MiB")
    with open(out_path, "wb") as f:
        f.write(flash)


if __name__ == "__main__":
    main()
