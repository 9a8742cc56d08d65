#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""make structure-check: the layout rules of docs/architecture.md ("Structure check"), checked
on the #include lines of the C and assembly sources (git ls-files) and on the Makefile's image
source lists (make structure-srcs):

  (a) the roles never include each other (hyp/role/spmc/** vs hyp/role/nshyp/**);
  (b) the hypervisor core (hyp/core/**, hyp/include/hyp/**) includes no role header and no
      platform header (<plat/...>: platform constants come from the generated
      <config/platform.h>); its architecture layer (hyp/arch/**) includes no role header either
      (a role's differences reach both through the role hooks, <hyp/role_hooks.h>,
      <hyp/arch_role.h>);
  (c) lib/**, include/lib/** and the port contract include/port/** include no <arch/...> and no
      <drivers/...> header (lib/ reaches the architecture through <port/...>);
  (d) the product images (boot, monitor, spmc, nshyp, tos) carry no test code: no source under
      test/, tos/test/, ta/test/ or ta/test_map/, none of TEST_ONLY, and none that only a test variant adds.

KNOWN_EXCEPTIONS lists accepted breaches of (b) and (c), each with its reason (one today); any
other breach fails, and so does an exception that no longer occurs (remove it). --add PATH=FILE
checks FILE as if it were the source PATH; --add-src IMAGE=PATH puts PATH in IMAGE's source
list; --except RULE:PATH:HEADER adds a known exception (test/sys/test_structure.py fabricates
violations and exceptions with them)."""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
INCLUDE_DIRS = ["include", "config/include", "plat/qemu_virt/include", "arch/aarch64/include",
                "hyp/include", "hyp/arch/aarch64/include", "monitor/include",
                "monitor/arch/aarch64/include", "tos/include", "ta/include",
                "client/libteec/include", "test/payloads/arch/aarch64/include"]
ROLES = ("spmc", "nshyp")
PRODUCT_IMAGES = ("boot", "monitor", "spmc", "nshyp", "tos")
TEST_PREFIXES = ("test/", "tos/test/", "ta/test/", "ta/test_map/")
TEST_ONLY = {"hyp/core/test_calls.c", "hyp/role/nshyp/test_bench.c", "lib/hostile.c",
             "lib/smccc_probe.c"}
# (rule, file, header as written): accepted layout breaches, each with its reason. Issue 12
# removed eight of the first nine (the core's platform header, lib/'s arch and driver headers).
KNOWN_EXCEPTIONS = {
    ("c", "lib/xlat/s2.c", "arch/s2_pte.h"):
        "the stage-2 descriptor encoding must inline into the walker: as out-of-line port "
        "functions it cost 137,568 instructions of boot_to_guest (+2.7%) and 44% of "
        "mem_share_256p (measured, issue 12); the walker uses nothing else of the arch",
}
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def includes(text):
    """(kind, name) of each #include line: kind '<' or '"'."""
    for line in text.splitlines():
        m = INCLUDE_RE.match(line)
        if m:
            yield m.group(1), m.group(2)


def resolve(path, kind, name):
    """The repository path an include names, or the name as written if not in the tree."""
    dirs = ([os.path.dirname(path)] if kind == '"' else []) + INCLUDE_DIRS
    for d in dirs:
        cand = os.path.normpath(os.path.join(d, name))
        if os.path.isfile(os.path.join(ROOT, cand)):
            return cand
    return name


def role_of(path):
    """The role a source or header belongs to (generated <role>_offsets.h included), or None."""
    for r in ROLES:
        if path.startswith("hyp/role/%s/" % r) or os.path.basename(path).startswith(r + "_"):
            return r
    return None


def include_violations(path, text):
    """(rule, header, message) for each include of path that breaks rules (a)-(c)."""
    out = []
    own_role = role_of(path) if path.startswith("hyp/role/") else None
    in_core = path.startswith(("hyp/core/", "hyp/include/hyp/"))
    in_hyp_arch = path.startswith("hyp/arch/")
    in_lib = path.startswith(("lib/", "include/lib/", "include/port/"))
    for kind, name in includes(text):
        target = resolve(path, kind, name)
        target_role = role_of(target) if target.startswith("hyp/role/") or kind == "<" else None
        if own_role and target_role and target_role != own_role:
            out.append(("a", name, "role %s includes role %s's header" % (own_role, target_role)))
        if in_core and target_role:
            out.append(("b", name, "the hypervisor core includes a role header"))
        if in_hyp_arch and target_role:
            out.append(("b", name, "the hypervisor core's arch layer includes a role header"))
        if in_core and kind == "<" and name.startswith("plat/"):
            out.append(("b", name, "the hypervisor core includes a platform header"))
        if in_lib and kind == "<" and name.startswith(("arch/", "drivers/")):
            out.append(("c", name, "lib/ or the port contract includes an arch or driver header"))
    return out


def sources(extra):
    """{path: text} of the tracked C/assembly sources, plus the --add ones."""
    files = subprocess.run(["git", "-C", ROOT, "ls-files", "*.c", "*.h", "*.S"],
                           capture_output=True, text=True, check=True).stdout.split()
    out = {}
    for f in files:
        if os.path.isfile(os.path.join(ROOT, f)):
            out[f] = open(os.path.join(ROOT, f), errors="replace").read()
    for path, local in extra:
        out[path] = open(local, errors="replace").read()
    return out


def image_sources(extra):
    """{image: [sources]} from the Makefile (make structure-srcs), plus the --add-src ones."""
    text = subprocess.run(["make", "-s", "--no-print-directory", "-C", ROOT, "structure-srcs"],
                          capture_output=True, text=True, check=True).stdout
    images = {}
    for line in text.splitlines():
        name, _, srcs = line.partition(":")
        images[name.strip()] = srcs.split()
    for image, path in extra:
        images.setdefault(image, []).append(path)
    return images


def is_test_source(path, test_only):
    return path.startswith(TEST_PREFIXES) or path in test_only


def image_violations(images):
    """Rule (d): messages for each test source in a product image."""
    test_only = set(TEST_ONLY)
    for r in ("spmc", "nshyp", "tos"):
        test_only |= set(images.get(r + "_test", [])) - set(images.get(r, []))
    out = []
    for image in PRODUCT_IMAGES:
        for src in images.get(image, []):
            if is_test_source(src, test_only):
                out.append("rule (d) %s: test source %s in a product image" % (image, src))
    return out


def check(extra_files, extra_srcs, known):
    """All violations (messages) and the known exceptions that no longer occur."""
    errors, seen = [], set()
    for path, text in sorted(sources(extra_files).items()):
        for rule, name, msg in include_violations(path, text):
            if (rule, path, name) in known:
                seen.add((rule, path, name))
                continue
            errors.append("rule (%s) %s: #include %s: %s" % (rule, path, name, msg))
    errors += image_violations(image_sources(extra_srcs))
    stale = sorted(set(known) - seen)
    errors += ["stale known exception (%s) %s: %s no longer included: remove it" % e for e in stale]
    return errors


def pairs(values):
    return [tuple(v.split("=", 1)) for v in values or []]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--add", action="append", metavar="PATH=FILE")
    ap.add_argument("--add-src", action="append", metavar="IMAGE=PATH")
    ap.add_argument("--except", dest="known", action="append", metavar="RULE:PATH:HEADER")
    args = ap.parse_args()
    known = dict(KNOWN_EXCEPTIONS)
    known.update({tuple(k.split(":", 2)): "--except" for k in args.known or []})
    errors = check(pairs(args.add), pairs(args.add_src), known)
    for e in errors:
        print("structure check: " + e, file=sys.stderr)
    if errors:
        print("structure check: FAIL (%d violations; docs/architecture.md, Structure check)"
              % len(errors))
        return 1
    print("structure check: PASS (%d known exceptions)" % len(known))
    return 0


if __name__ == "__main__":
    sys.exit(main())
