# SPDX-License-Identifier: BSD-3-Clause
# The libc shim every TA links (S-EL0): string functions, bounded formatting (also as
# snprintf/vsnprintf), malloc/calloc/realloc/free on the TA heap.
TA_LIBC_SRCS := ta/libc/string.c ta/libc/printf.c ta/libc/stdio.c ta/libc/stdlib.c
TA_LIBC_INC := -Ita/libc/include
