#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Boot a Tessera flash image on QEMU virt with both UARTs on this terminal:
# UART0 (normal world) and UART1 (secure world) share one stdio stream, and
# every line is tagged "S ..." (secure) or "N ..." (normal) by its component.
# The run ends when the system calls PSCI SYSTEM_OFF (exit status 0) or a
# firmware panic (non-zero). Extra arguments go to QEMU.
set -e
flash=${1:?usage: tools/qemu.sh <flash.bin> [qemu args...]}
shift
exec qemu-system-aarch64 \
	-M virt,secure=on,virtualization=on,gic-version=3 \
	-cpu max,pauth-impdef=on -smp 1 -m 1024 \
	-bios "$flash" \
	-display none -monitor none -nic none \
	-chardev stdio,id=con,mux=on,signal=off \
	-serial chardev:con -serial chardev:con \
	-semihosting-config enable=on,target=native \
	"$@"
