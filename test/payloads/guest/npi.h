/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A test guest's notification pending interrupt (FF-A v1.1 §10.7.1; npi.c): its INTID from
 * FFA_FEATURES(NPI), enabled at the guest's virtual GIC, and taken as a real IRQ exception.
 */
#ifndef TEST_PAYLOAD_NPI_H
#define TEST_PAYLOAD_NPI_H

#include <stdint.h>

/* The INTID FFA_FEATURES(NPI) answers, enabled at the virtual GIC (group 1, priority, PMR)
 * with IRQs still masked; 1023 if the feature is not supported. */
uint32_t npi_enable(void);
/* Unmask IRQs for a while: the INTID the IRQ handler acknowledged, or 1023 if none came. */
uint32_t npi_take(void);

#endif /* TEST_PAYLOAD_NPI_H */
