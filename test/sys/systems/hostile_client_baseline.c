// SPDX-License-Identifier: BSD-3-Clause
/* The hostile_client system with a quiet guest1 (it only greets the TEEs): the reference run. */
#define HOSTILE_CLIENT_GUEST1 SCENARIO_DEMO
#define HOSTILE_CLIENT_NAME   "hostile_client_baseline"
#include "common.h"
#include "hostile_client.c"
