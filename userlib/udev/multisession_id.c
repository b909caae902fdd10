// SPDX-License-Identifier: GPL-2.0-only
/*
 * multisession_id: a udev helper. A rule runs it for an optical drive that
 * holds a medium, as IMPORT{program}="multisession_id $devnode", and it
 * prints what cdrom_id does not tell -- whether a session can be written
 * now, where, and how much room is left -- as ID_MULTISESSION_* lines of
 * KEY=VALUE, so that a burning front end finds every fact about the disc
 * in the udev database. Uses only libmultisession's public API.
 *
 * The names never reuse cdrom_id's ID_CDROM_*: both run on the same event
 * and udev keeps whichever is imported last.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <multisession.h>

#define EXIT_USAGE 2

static void usage(FILE *f)
{
	fprintf(f,
		"usage: multisession_id DEVNODE\n"
		"Print the multisession facts of the medium in the optical drive\n"
		"DEVNODE as udev properties (ID_MULTISESSION_*=VALUE, one a line),\n"
		"for a rule's IMPORT{program}. Prints nothing when the drive is\n"
		"empty or the multisession module is not loaded.\n"
		"  --help      this text\n"
		"Exit status: 0 success (also: nothing to say), 1 failure,\n"
		"2 usage error.\n");
}

static void prop(const char *key, long long value)
{
	printf("ID_MULTISESSION_%s=%lld\n", key, value);
}

/*
 * Addresses are -1 where there is none: leave the property out then, so
 * that a rule can test for it with =="?*" (udev has no numeric compare).
 */
static void prop_address(const char *key, int64_t value)
{
	if (value >= 0)
		prop(key, value);
}

/*
 * The list's first element: the mechanism the medium is written with (the
 * list holds more only for a medium writable two ways), and the one that
 * msinfo --json lists first. Every value is spelled as msinfo --json
 * spells it (kind, profile as a decimal number), so a front end reading
 * both finds the same words; its booleans become udev's 1 and 0.
 */
static void print_props(const struct ms_interface *el)
{
	int random_write = el->kind == MS_KIND_RANDOM_WRITE;

	printf("ID_MULTISESSION=1\n");
	printf("ID_MULTISESSION_KIND=%s\n",
	       random_write ? "random_write" : "sequential");
	prop("APPENDABLE", !!el->supported);
	prop_address("NWA", el->next_writable_address);
	prop("FREE_SECTORS", el->free_sectors_on_media);
	prop("WRITE_UNIT", el->write_unit_size);
	prop("WRITE_PROTECTED", !!el->write_protected);
	prop("POW", !!el->pow);
	if (el->has_previous_session) {
		prop_address("PREVIOUS_START",
			     el->start_address_of_previous_session);
		prop_address("PREVIOUS_LAST_WRITTEN",
			     el->last_written_address_of_previous_session);
	}
	/* IMultisessionRandomWrite's own two; a sequential element has none */
	if (random_write) {
		prop_address("LAST_WRITTEN", el->last_written_address);
		prop_address("TOTAL_SECTORS", el->total_sectors_on_media);
	}
	prop("PROFILE", el->profile);
	prop("SESSIONS", el->sessions);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dev;
	struct ms_list *list;
	int c, err;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	dev = argv[optind];

	err = ms_get_multisession_interfaces(dev, 0, &list);
	/*
	 * An empty drive is no error, and neither is a machine without the
	 * module: udev logs a helper's failure, and a desktop's drive is
	 * empty most of the time. Say nothing; udev then adds no property.
	 */
	if (err == -ENOMEDIUM || err == -ENOPKG)
		return EXIT_SUCCESS;
	if (err) {
		fprintf(stderr, "multisession_id: %s: %s\n", dev,
			ms_strerror(err));
		return EXIT_FAILURE;
	}
	print_props(ms_list_get(list, 0));
	ms_list_free(list);
	/* udev imports nothing from a helper that fails: no half a set */
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "multisession_id: write error: %s\n",
			strerror(errno));
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}
