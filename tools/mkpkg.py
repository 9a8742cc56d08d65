#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Pack the images a system needs into one flash image.

usage: mkpkg.py <images.txt> <image-dir> <boot.bin> <out flash.bin>

images.txt (from cfgtool) has one line per load: <name> <image> <load PA> <max bytes>.
<image> is a built-in image name (resolved to <image-dir>/<image>.bin) or a path to a file
(a user's raw binary, a Linux guest's kernel, DTB or initramfs). Identical files are stored
once, so one kernel Image serves every Linux guest. The flash holds boot.bin at 0 and the
package at PKG_OFFSET; the layout is include/abi/pkg.h.
"""
import hashlib
import os
import struct
import sys

PKG_OFFSET = 0x100000
FLASH_SIZE = 0x4000000
MAX_ENTRIES = 40  # PKG_MAX_ENTRIES
MAGIC, VERSION = 0x4B505354, 1
ENTRY = struct.Struct("<16sQIIII32s")
HEADER = struct.Struct("<IIII")
MiB = 1 << 20


def fail(msg):
    sys.exit(f"mkpkg: error: {msg}")


def read_loads(listing, image_dir):
    """The entries, and each distinct file's data keyed by its SHA-256."""
    loads = [line.split() for line in open(listing) if line.strip()]
    if len(loads) > MAX_ENTRIES:
        fail(f"{len(loads)} images; boot reads at most {MAX_ENTRIES}")
    blobs, entries = {}, []
    for name, image, load_pa, max_size in loads:
        path = image if "/" in image else os.path.join(image_dir, image + ".bin")
        if not os.path.isfile(path):
            fail(f"{name}: image '{image}' not found at {path}")
        data = open(path, "rb").read()
        if len(data) > int(max_size, 16):
            fail(f"{name}: image {path} is {len(data)} bytes, its window holds {int(max_size, 16)}")
        digest = hashlib.sha256(data).digest()
        blobs.setdefault(digest, (path, data))
        entries.append((name, digest, int(load_pa, 16), int(max_size, 16)))
    return blobs, entries


def check_fit(boot, blobs, pkg_size):
    """The 64 MiB flash holds boot's 1 MiB and the package: say what fills it if not."""
    total = PKG_OFFSET + pkg_size
    if total <= FLASH_SIZE:
        return
    biggest = sorted(blobs.values(), key=lambda b: -len(b[1]))[:3]
    fill = ", ".join(f"{path} {len(data) / MiB:.1f} MiB" for path, data in biggest)
    fail(f"boot ({len(boot)} bytes, 1 MiB reserved) and the package ({pkg_size / MiB:.1f} MiB; "
         f"largest files: {fill}) need {total / MiB:.1f} MiB, more than the 64 MiB flash; "
         "use smaller images, or one kernel Image for all Linux guests")


def main():
    if len(sys.argv) != 5:
        fail(__doc__)
    listing, image_dir, boot_path, out_path = sys.argv[1:]
    blobs, entries = read_loads(listing, image_dir)

    offset = HEADER.size + ENTRY.size * len(entries)
    placed, body = {}, b""
    for digest, (_, data) in blobs.items():
        offset = (offset + 15) & ~15
        body = body.ljust(offset - HEADER.size - ENTRY.size * len(entries), b"\0")
        placed[digest] = offset
        body += data
        offset += len(data)
    table = b"".join(
        ENTRY.pack(name.encode()[:15], pa, placed[digest], len(blobs[digest][1]), max_size, 0,
                   digest)
        for name, digest, pa, max_size in entries)
    pkg = HEADER.pack(MAGIC, VERSION, len(entries), HEADER.size + len(table) + len(body))
    pkg += table + body

    boot = open(boot_path, "rb").read()
    if len(boot) > PKG_OFFSET:
        fail(f"boot code is {len(boot)} bytes, more than the {PKG_OFFSET} before the package")
    check_fit(boot, blobs, len(pkg))
    with open(out_path, "wb") as f:
        f.write(boot.ljust(PKG_OFFSET, b"\0") + pkg)


if __name__ == "__main__":
    main()
