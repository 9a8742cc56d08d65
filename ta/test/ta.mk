# SPDX-License-Identifier: BSD-3-Clause
# The test TA (TEE "vault"): sources, flags and libraries for the TA build glue.
TA_test_SRCS := ta/test/test_ta.c ta/test/test_sys.c
TA_test_CFLAGS :=
TA_test_LIBS :=
