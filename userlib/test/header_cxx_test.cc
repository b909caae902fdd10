// SPDX-License-Identifier: LGPL-2.1-or-later
// The public header compiles as C++ (compile-only test).
#include <sys/mman.h>
#include <sys/mount.h>
#include <multisession.h>

int ms_cxx_probe(ms_list *list)
{
	const ms_interface *el = ms_list_get(list, 0);
	const ms_track *t = ms_list_track(list, 0);

	if (t)
		return static_cast<int>(t->number);
	return el ? static_cast<int>(el->kind) : ms_list_count(list);
}
