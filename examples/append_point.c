// SPDX-License-Identifier: GPL-2.0-only
/*
 * append_point: a program outside the tree using the installed
 * libmultisession. Prints where the next session of the medium in DEVICE
 * (default /dev/sr0) would go, in the "msc1,nwa" form of genisoimage -C.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <multisession.h>

int main(int argc, char **argv)
{
	const char *dev = "/dev/sr0";
	const struct ms_interface *el;
	struct ms_list *list;
	int64_t msc1;
	int err;

	if (argc > 2 || (argc == 2 && !strcmp(argv[1], "--help"))) {
		fprintf(argc > 2 ? stderr : stdout,
			"usage: append_point [DEVICE]\n"
			"libmultisession %d.%d\n",
			ms_version_major(), ms_version_minor());
		return argc > 2 ? 2 : 0;
	}
	if (argc == 2)
		dev = argv[1];

	err = ms_get_multisession_interfaces(dev, 0, &list);
	if (err) {
		fprintf(stderr, "append_point: %s: %s\n", dev,
			ms_strerror(err));
		return 1;
	}
	/* The list always holds at least one element. */
	el = ms_list_get(list, 0);
	msc1 = 0;
	if (el->has_previous_session)
		msc1 = el->start_address_of_previous_session;
	if (el->kind == MS_KIND_SEQUENTIAL && el->supported &&
	    el->next_writable_address >= 0)
		printf("%lld,%lld\n", (long long)msc1,
		       (long long)el->next_writable_address);
	else
		printf("%s: no session can be appended (%s)\n", dev,
		       ms_profile_name(el->profile));
	ms_list_free(list);
	return 0;
}
