// SPDX-License-Identifier: BSD-3-Clause
/* The hostile_client system with quiet attackers (they only greet the TEEs): the reference run. */
#define HOSTILE_CLIENT_ATTACK SCENARIO_DEMO
#define HOSTILE_CLIENT_NAME   "hostile_client_baseline"
#include "hostile_client.c"
