# SPDX-License-Identifier: BSD-3-Clause
# The libc shim every TA links (S-EL0): string functions and bounded formatting.
TA_LIBC_SRCS := ta/libc/string.c ta/libc/printf.c
TA_LIBC_INC := -Ita/libc/include
