/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Minimal checks for the library's tests; totals in the kselftest format. */
#ifndef MS_T_H
#define MS_T_H

#include <stdio.h>

static int t_pass, t_fail;

#define EXPECT(cond)                                                        \
	do {                                                                \
		if (cond) {                                                 \
			t_pass++;                                           \
		} else {                                                    \
			t_fail++;                                           \
			printf("not ok %s:%d %s: %s\n", __FILE__, __LINE__, \
			       __func__, #cond);                            \
		}                                                           \
	} while (0)

static inline int t_totals(void)
{
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:0 error:0\n",
	       t_pass, t_fail);
	return t_fail != 0;
}

#endif
