/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * container_of(ptr, type, member): the structure of type `type` whose member `member` ptr points
 * to. A role's hook gets the core's struct vm and finds the role's own structure around it
 * (struct sp, struct guest) this way (<hyp/role_hooks.h>).
 */
#ifndef LIB_CONTAINER_OF_H
#define LIB_CONTAINER_OF_H

#include <stddef.h>

#define container_of(ptr, type, member) ((type *)(void *)((char *)(ptr)-offsetof(type, member)))

#endif /* LIB_CONTAINER_OF_H */
