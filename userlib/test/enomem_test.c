// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Every allocation failure gives -ENOMEM and leaks nothing: calloc fails at
 * the 1st, 2nd, ... call until the list is built. The test replaces calloc
 * and free, so it runs in the plain build only (sanitizers and valgrind
 * replace them themselves); its leak check is the balance counter.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib.h"
#include "t.h"

extern void *__libc_calloc(size_t n, size_t size);
extern void __libc_free(void *p);

static int fail_at, calls, live;

void *calloc(size_t n, size_t size)
{
	void *p;

	if (++calls == fail_at)
		return NULL;
	p = __libc_calloc(n, size);
	if (p)
		live++;
	return p;
}

void free(void *p)
{
	if (p)
		live--;
	__libc_free(p);
}

int main(void)
{
	struct multisession_track kt[3];
	struct multisession_query q;
	struct ms_list *list;
	int err;

	memset(&q, 0, sizeof(q));
	memset(kt, 0, sizeof(kt));
	for (fail_at = 1;; fail_at++) {
		calls = 0;
		list = NULL;
		err = ms_list_from_facts(&q, NULL, kt, 3, &list);
		if (!err)
			break;
		EXPECT(err == -ENOMEM);
		EXPECT(list == NULL);
		EXPECT(live == 0);
	}
	EXPECT(fail_at > 1);
	ms_list_free(list);
	EXPECT(live == 0);
	return t_totals();
}
