#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""The Linux path of `make bench` (docs/performance.md, "The Linux path"); bench/run.py calls it
when bench/systems/bench_linux.c exists.

System bench_linux: one TEE with the test TA and one Debian Linux guest that runs teec-bench
(guest/linux/teec_bench.c). Two numbers, each with a per-component breakdown:

- linux_teec_invoke_value: one TEEC_InvokeCommand with one VALUE_INOUT from a Linux user process
  to the test TA and back. teec-bench times 100 and then 200 calls with CNTVCT_EL0 and prints
  the difference / 100. Then it runs both loops again, each after printing "BENCH-READY <n>
  <start> <end>" and waiting for a line on its console: we switch QEMU's instruction trace on
  through the monitor (HMP `log exec,nochain` and `singlestep on` over QMP: one log line per
  executed instruction), answer with a newline on QEMU's stdin (UART0), and switch the trace
  off at "BENCH-DONE <n>". The instructions from the first instruction of teec-bench's marker
  function <start> to that of <end> are attributed to components by PC; the 200-call window
  minus the 100-call window, / 100, is one call.
- boot_to_linux: reset to the Linux guest's first instruction, printed by nshyp_test right before
  it first enters a Linux guest (hyp/role/nshyp/test_bench.c). The breakdown comes from a second
  boot under -singlestep -d exec,nochain filtered to the monitor, the SPMC, the TOS, the TAs and
  nshyp, counted up to the first instruction of that hook (QEMU is stopped there); the boot
  code's share (it copies the 33 MB kernel Image) is the rest of the counter's number.

The traces are streamed through a FIFO and counted, never stored.

Alone, `bench/linux.py --plain-dry` checks the mechanics on a plain QEMU without Tessera: Linux
boots directly and runs `teec-bench --dry`, which times a getppid() system call instead."""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SYSTEM = "bench_linux"
CALL_KEY = "linux_teec_invoke_value"
BOOT_KEY = "boot_to_linux"
ICOUNT = ["-icount", "shift=0,align=off,sleep=off", "-seed", "2"]

# Where a PC belongs, first match wins. The firmware runs with its MMU off or at VA == its
# link address (bench/run.py); every TA is linked at TA_VA_BASE (tos/include/tos/ta_abi.h);
# Debian's arm64 kernel uses 48-bit VAs, its half from 0xffff000000000000.
BOOT = ("boot (EL3)", 0x00000000, 0x00100000)
MONITOR = ("monitor (EL3)", 0x0E010000, 0x0E040000)
SPMC = ("spmc (S-EL2)", 0x0E040000, 0x0E100000)
TOS = ("tos (S-EL1)", 0x10000000, 0x10200000)
TA = ("test TA (S-EL0)", 0x80000000, 0x80800000)
NSHYP = ("nshyp (NS-EL2)", 0x40100000, 0x40400000)
KERNEL = ("linux kernel (NS-EL1)", 0xFFFF000000000000, 1 << 64)
USER = ("linux user (NS-EL0)", 0x100000000, 1 << 48)
CALL_COMPONENTS = [MONITOR, SPMC, TOS, TA, NSHYP, KERNEL, USER]
BOOT_COMPONENTS = [BOOT, MONITOR, SPMC, TOS, TA, NSHYP]

PC = re.compile(rb"Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")


def available():
    return os.path.exists(os.path.join(ROOT, "bench", "systems", SYSTEM + ".c"))


def component(components, pc):
    for name, lo, hi in components:
        if lo <= pc < hi:
            return name
    return "other"


class Monitor:
    """QEMU's monitor over QMP on a unix socket; HMP commands go through human-monitor-command,
    whose answer is the command's output alone (empty when it worked)."""

    def __init__(self, path, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.sock.settimeout(timeout)
        self.file = self.sock.makefile("rb")
        self._reply()  # the greeting
        self._execute({"execute": "qmp_capabilities"})

    def _reply(self):
        while True:
            msg = json.loads(self.file.readline() or b'{"error": "closed"}')
            if "event" not in msg:
                return msg

    def _execute(self, request):
        self.sock.sendall(json.dumps(request).encode() + b"\n")
        msg = self._reply()
        if "return" not in msg:
            raise RuntimeError(f"bench: QEMU's monitor: {request}: {msg}")
        return msg["return"]

    def cmd(self, line):
        text = self._execute({"execute": "human-monitor-command",
                              "arguments": {"command-line": line}}).strip()
        if text:
            raise RuntimeError(f"bench: monitor command {line!r}: {text}")

    def close(self):
        self.file.close()
        self.sock.close()


class TraceCounter(threading.Thread):
    """Reads QEMU's exec log from a FIFO, which QEMU opens at `log <items>` and closes at `log
    none` (or keeps open: it does not matter), and counts the instructions of each window by
    component: from the first line whose PC is the window's start (None: the first line) to
    the first line whose PC is its end, excluded. The caller appends each window's
    (start, end) to `windows` before the trace reaches it; `results` gets one {component:
    instructions} per window closed."""

    def __init__(self, fifo, components):
        super().__init__(daemon=True)
        self.fifo = fifo
        self.components = components
        self.windows = []
        self.results = []
        self.done = threading.Event()  # set when the last expected window closed or at stop()
        self.expected = None
        self.stopping = False

    def run(self):
        counts, inside, prev = {}, False, None
        while not self.stopping:
            with open(self.fifo, "rb") as f:  # blocks until QEMU opens its log
                for line in f:
                    m = PC.match(line)
                    if not m or len(self.results) >= len(self.windows):
                        continue
                    pc = int(m.group(1), 16)
                    # The same PC twice in a row was entered once without executing: an MMIO
                    # access retranslated to be last in its block under icount, or a block
                    # left at once for an interrupt or the end of the icount budget.
                    if pc == prev:
                        continue
                    prev = pc
                    start, end = self.windows[len(self.results)]
                    if not inside and (start is None or pc == start):
                        counts, inside = {}, True
                    elif inside and pc == end:
                        self.results.append(counts)
                        inside = False
                        if self.expected == len(self.results):
                            self.done.set()
                        continue
                    if inside:
                        name = component(self.components, pc)
                        counts[name] = counts.get(name, 0) + 1
        self.done.set()

    def stop(self):
        """Ends the thread once QEMU has exited (unblocks a pending open of the FIFO)."""
        self.stopping = True
        try:
            os.close(os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass  # nobody waits on the FIFO
        self.join(60)


def _fifo_and_socket(workdir):
    fifo, sock = os.path.join(workdir, "trace.fifo"), os.path.join(workdir, "monitor.sock")
    for p in (fifo, sock):
        if os.path.exists(p):
            os.remove(p)
    os.mkfifo(fifo)
    return fifo, sock


def _fail(what, text):
    sys.exit(f"bench: {what}:\n{text}")


def trace_call(qemu_cmd, workdir, components=CALL_COMPONENTS, mux=True, timeout=1800):
    """Runs `qemu_cmd` (its guest runs teec-bench) with a monitor socket and the trace handshake;
    returns (console output, [components of the 100-call window, of the 200-call window]).
    mux: both UARTs share QEMU's stdio through a mux chardev (tools/qemu.sh), whose input goes
    to the last UART attached, UART1; its escape Ctrl-A c moves the input to the next, UART0."""
    fifo, sock = _fifo_and_socket(workdir)
    cmd = [*qemu_cmd, "-qmp", f"unix:{sock},server=on,wait=off", "-D", fifo]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    counter = TraceCounter(fifo, components)
    counter.start()
    out = []
    focus = b"\x01c" if mux else b""
    try:
        mon = Monitor(sock)
        for raw in proc.stdout:
            line = raw.decode(errors="replace")
            out.append(line)
            m = re.search(r"BENCH-READY (\d+) (0x[0-9a-f]+) (0x[0-9a-f]+)", line)
            if m:
                counter.windows.append((int(m.group(2), 16), int(m.group(3), 16)))
                mon.cmd("log exec,nochain")
                mon.cmd("singlestep on")
            elif "BENCH-DONE" in line:
                mon.cmd("singlestep off")
                mon.cmd("log none")
            if m or "BENCH-DONE" in line:
                proc.stdin.write(focus + b"\n")  # to UART0: teec-bench goes on
                focus = b""
                proc.stdin.flush()
        proc.wait()
        mon.close()
    finally:
        killer.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        counter.stop()
    text = "".join(out)
    if proc.returncode != 0:
        stuck = text.rfind("BENCH-READY") > text.rfind("BENCH-DONE")
        _fail(f"{' '.join(qemu_cmd[:2])} exited with {proc.returncode}"
              + (" (teec-bench never got its console line: did QEMU's stdin reach UART0?)"
                 if stuck else ""), text)
    if "BENCH-ERROR" in text:
        _fail("wrong results in the Linux benchmark", text)
    if len(counter.results) != 2:
        _fail(f"{len(counter.results)} of 2 loops traced", text)
    return text, counter.results


def trace_boot(qemu_cmd, workdir, end_pc, total, timeout=3600):
    """Boots `qemu_cmd` under a single-step trace filtered to the firmware after the boot code
    (the monitor, the SPMC, the trusted OS, nshyp) and counts their instructions from reset to
    `end_pc`, nshyp_test's hook before the first Linux guest, which reads the counter that
    `total` came from; QEMU is stopped there. The boot code (copying the images, the 33 MB
    kernel Image among them, and zeroing the windows) is not traced: single-stepped with a log
    line each, its tens of millions of instructions would take many minutes. Nothing else runs
    before the monitor, so the boot code's share is `total` minus the rest.
    Returns {component: instructions}."""
    fifo, _ = _fifo_and_socket(workdir)
    traced = BOOT_COMPONENTS[1:]
    ranges = ",".join(f"0x{lo:x}..0x{hi - 1:x}" for _, lo, hi in traced)
    counter = TraceCounter(fifo, traced)
    counter.windows.append((None, end_pc))
    counter.expected = 1
    counter.start()
    cmd = [*qemu_cmd, "-singlestep", "-d", "exec,nochain", "-dfilter", ranges, "-D", fifo]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT)
        reached = counter.done.wait(timeout)
        proc.kill()
        proc.wait()
        counter.stop()
        log.seek(0)
        text = log.read().decode(errors="replace")
    if not reached or not counter.results:
        _fail("the boot trace never reached nshyp's entry to the Linux guest", text)
    counts = counter.results[0]
    return {BOOT[0]: total - sum(counts.values()), **counts}


def symbol(elf, name):
    nm = subprocess.run(["aarch64-linux-gnu-nm", elf], capture_output=True, text=True,
                        check=True).stdout
    return next(int(l.split()[0], 16) for l in nm.splitlines() if l.endswith(" " + name))


def per_call(windows, calls=100):
    """The 200-call window minus the 100-call window, per call."""
    lo, hi = windows
    return {k: round((hi.get(k, 0) - lo.get(k, 0)) / calls, 1) for k in {**lo, **hi}}


def print_breakdown(title, breakdown, total=None):
    print(f"\n{title}:")
    for k, v in sorted(breakdown.items(), key=lambda kv: -kv[1]):
        print(f"  {k:32} {v:>12}")
    print(f"  {'total':32} {round(sum(breakdown.values()), 1):>12}"
          + (f"   (the counter says {total})" if total is not None else ""))


def measure(make, bench_lines, image_elf):
    """bench/run.py's part (its make(), bench_lines() and image_elf()): builds bench_linux,
    runs it twice (the call with its trace, then the boot trace) and returns (results,
    {result: {component: instructions}})."""
    flash = make(SYSTEM)
    qemu = [os.path.join(ROOT, "tools", "qemu.sh"), flash, *ICOUNT]
    hook = symbol(image_elf(os.path.dirname(flash), "nshyp"), "hyp_test_guest_entry")
    with tempfile.TemporaryDirectory(prefix="tessera-bench-") as work:
        out, windows = trace_call(qemu, work)
        results = bench_lines(out)
        missing = [k for k in (CALL_KEY, BOOT_KEY) if k not in results]
        if missing:
            _fail(f"{SYSTEM} printed no {', '.join(missing)}", out)
        boot = trace_boot(qemu, work, hook, results[BOOT_KEY])
    return ({k: results[k] for k in (CALL_KEY, BOOT_KEY)},
            {CALL_KEY: per_call(windows), BOOT_KEY: boot})


def plain_dry(app="teec-bench,--dry"):
    """The handshake and the trace on a plain QEMU without Tessera (Linux boots directly) for
    `tessera.app=<app>`; returns (console output, per-call breakdown, the counter's number)."""
    subprocess.run(["make", "-s", "-C", ROOT, "linux-artifacts"], check=True,
                   stdout=subprocess.DEVNULL)
    linux = os.path.join(ROOT, "build", "debian")
    qemu = ["qemu-system-aarch64", "-M", "virt,gic-version=3", "-cpu", "max", "-smp", "1",
            "-m", "256", "-display", "none", "-monitor", "none", "-nic", "none",
            "-serial", "stdio", *ICOUNT, "-kernel", os.path.join(linux, "Image"),
            "-initrd", os.path.join(linux, "initrd.cpio.gz"), "-append",
            f"console=ttyAMA0 arm64.nosve arm64.nosme quiet tessera.app={app}"]
    with tempfile.TemporaryDirectory(prefix="tessera-bench-") as work:
        out, windows = trace_call(qemu, work, components=[KERNEL, USER], mux=False,
                                  timeout=600)
    total = re.search(r"BENCH linux_syscall_getppid (\d+)", out)
    return out, per_call(windows), total and int(total.group(1))


if __name__ == "__main__":
    if sys.argv[1:] != ["--plain-dry"]:
        sys.exit("usage: bench/linux.py --plain-dry   (make bench runs the rest)")
    text, parts, counter = plain_dry()
    print("".join(l for l in text.splitlines(True) if "BENCH" in l or "tessera-linux" in l))
    print_breakdown("one getppid() by component (plain QEMU, no Tessera)", parts, counter)
