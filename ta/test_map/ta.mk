# SPDX-License-Identifier: BSD-3-Clause
# The test TA again, with TA_FLAG_MAP_MEMREFS (its own UUID, test builds only): the sources of
# ta/test with this directory's user_ta_header_defines.h.
TA_test_map_SRCS := ta/test/test_ta.c ta/test/test_sys.c
TA_test_map_CFLAGS :=
TA_test_map_LIBS :=
