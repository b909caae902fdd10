// SPDX-License-Identifier: GPL-2.0-only
/*
 * msinfo: print where a session can be appended to the medium in an
 * optical drive. Uses only libmultisession's public API.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <multisession.h>

#define EXIT_USAGE 2

static const char *status_name(uint32_t status)
{
	static const char *const names[] = { "blank", "appendable", "complete",
					     "other" };

	return status < 4 ? names[status] : "unknown";
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: msinfo [--json] [--sessions] [DEVICE]\n"
		"       msinfo --msinfo [DEVICE]\n"
		"       msinfo --refresh [--json] [DEVICE]\n"
		"Print where a session can be appended to the medium in an optical\n"
		"drive (default: the first one found).\n"
		"  --json      machine-readable output (schema in msinfo(1))\n"
		"  --msinfo    print msc1,nwa as cdrskin -msinfo does\n"
		"  --sessions  also print the track/session table\n"
		"  --refresh   after a burn: make the kernel re-read the disc if its\n"
		"              size or last session is the old one (no eject needed)\n"
		"  --help      this text\n"
		"  --version   library and program version\n"
		"Options may also be spelled with one dash, and DEVICE as dev=DEVICE,\n"
		"as cdrecord and wodim take them.\n"
		"Exit status: 0 success, 1 failure, 2 usage error.\n");
}

/* The first /dev/srN by number, as the kernel enumerated the drives. */
static int first_drive(char *path, size_t len)
{
	DIR *d = opendir("/sys/class/block");
	struct dirent *e;
	long best = -1, n;
	char *end;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "sr", 2))
			continue;
		n = strtol(e->d_name + 2, &end, 10);
		if (*end || end == e->d_name + 2)
			continue;
		if (best < 0 || n < best)
			best = n;
	}
	closedir(d);
	if (best < 0)
		return -1;
	snprintf(path, len, "/dev/sr%ld", best);
	return 0;
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static const char *yes(int v)
{
	return v ? "true" : "false";
}

static void print_json(const char *dev, const struct ms_list *list, int table)
{
	const struct ms_interface *el = ms_list_get(list, 0);
	int i, n = ms_list_count(list), num_tracks = ms_list_track_count(list);
	const struct ms_track *t;

	printf("{\"device\":");
	json_string(dev);
	printf(",\"vendor\":");
	json_string(el->vendor);
	printf(",\"product\":");
	json_string(el->product);
	printf(",\"revision\":");
	json_string(el->revision);
	printf(",\"profile\":%u,\"profile_name\":", el->profile);
	json_string(ms_profile_name(el->profile));
	printf(",\"disc_status\":\"%s\",\"sessions\":%u,\"media_generation\":%llu",
	       status_name(el->disc_status), el->sessions,
	       (unsigned long long)el->media_generation);
	printf(",\"interfaces\":[");
	for (i = 0; i < n; i++) {
		el = ms_list_get(list, i);
		printf("%s{\"kind\":\"%s\",\"supported\":%s,\"in_use\":%s,"
		       "\"is_first_data_session\":%s,\"has_previous_session\":%s,"
		       "\"start_address_of_previous_session\":%lld,"
		       "\"last_written_address_of_previous_session\":%lld,"
		       "\"next_writable_address\":%lld,"
		       "\"free_sectors_on_media\":%lld,\"write_unit_size\":%u,"
		       "\"last_written_address\":%lld,"
		       "\"total_sectors_on_media\":%lld,\"pow\":%s,"
		       "\"write_protected\":%s,\"damaged\":%s,"
		       "\"open_session_start\":%lld}",
		       i ? "," : "",
		       el->kind == MS_KIND_RANDOM_WRITE ? "random_write" : "sequential",
		       yes(el->supported), yes(el->in_use),
		       yes(el->is_first_data_session),
		       yes(el->has_previous_session),
		       (long long)el->start_address_of_previous_session,
		       (long long)el->last_written_address_of_previous_session,
		       (long long)el->next_writable_address,
		       (long long)el->free_sectors_on_media, el->write_unit_size,
		       (long long)el->last_written_address,
		       (long long)el->total_sectors_on_media, yes(el->pow),
		       yes(el->write_protected), yes(el->damaged),
		       (long long)el->open_session_start);
	}
	printf("]");
	if (table) {
		printf(",\"tracks\":[");
		for (i = 0; i < num_tracks; i++) {
			t = ms_list_track(list, i);
			printf("%s{\"number\":%u,\"session\":%u,\"state\":%u,"
			       "\"data\":%s,\"start\":%lld,\"size\":%lld,"
			       "\"last_recorded\":%lld,\"next_writable_address\":%lld,"
			       "\"free_blocks\":%lld}",
			       i ? "," : "", t->number, t->session, t->state,
			       yes(t->data), (long long)t->start, (long long)t->size,
			       (long long)t->last_recorded,
			       (long long)t->next_writable_address,
			       (long long)t->free_blocks);
		}
		printf("]");
	}
	printf("}\n");
}

static void print_address(const char *what, int64_t v)
{
	if (v < 0)
		printf("    %-32s none\n", what);
	else
		printf("    %-32s %lld\n", what, (long long)v);
}

static void print_human(const char *dev, const struct ms_list *list, int table)
{
	const struct ms_interface *el = ms_list_get(list, 0);
	static const char *const states[] = { "complete", "incomplete",
					      "blank", "reserved" };
	int i, n = ms_list_count(list), num_tracks = ms_list_track_count(list);
	const struct ms_track *t;

	printf("%s: %s %s %s\n", dev, el->vendor, el->product, el->revision);
	printf("  medium: %s, %s, %u complete session%s%s%s%s\n",
	       ms_profile_name(el->profile), status_name(el->disc_status),
	       el->sessions, el->sessions == 1 ? "" : "s",
	       el->pow ? ", pseudo-overwrite" : "",
	       el->write_protected ? ", write-protected" : "",
	       el->damaged ? ", damaged" : "");
	for (i = 0; i < n; i++) {
		el = ms_list_get(list, i);
		printf("  %s: %s\n",
		       el->kind == MS_KIND_RANDOM_WRITE ? "RandomWrite" : "Sequential",
		       el->supported ? "can write in this state" :
				       "cannot write in this state");
		if (el->kind == MS_KIND_SEQUENTIAL)
			printf("    %-32s %s\n", "first data session",
			       el->is_first_data_session ? "yes" : "no");
		print_address("previous session start",
			      el->start_address_of_previous_session);
		print_address("previous session last written",
			      el->last_written_address_of_previous_session);
		print_address("next writable address", el->next_writable_address);
		if (el->kind == MS_KIND_RANDOM_WRITE) {
			print_address("last written address", el->last_written_address);
			printf("    %-32s %lld\n", "total sectors",
			       (long long)el->total_sectors_on_media);
		}
		printf("    %-32s %lld\n", "free sectors",
		       (long long)el->free_sectors_on_media);
		printf("    %-32s %u\n", "write unit", el->write_unit_size);
	}
	if (!table)
		return;
	printf("  track session state       start       size  last recorded\n");
	for (i = 0; i < num_tracks; i++) {
		t = ms_list_track(list, i);
		printf("  %5u %7u %-10s %10lld %10lld %14lld\n", t->number,
		       t->session, t->state < 4 ? states[t->state] : "?",
		       (long long)t->start, (long long)t->size,
		       (long long)t->last_recorded);
	}
}

/*
 * msc1,nwa exactly as cdrskin -msinfo prints them (with
 * --grow_overwriteable_iso on overwriteable media), or a refusal.
 */
/* MMC profiles 08h-0Ah: CD-ROM, CD-R, CD-RW */
static int is_cd(uint16_t profile)
{
	return profile >= 0x08 && profile <= 0x0a;
}

static int print_msinfo(const char *dev, const struct ms_list *list)
{
	const struct ms_interface *el = ms_list_get(list, 0);
	long long nwa = el->next_writable_address;
	long long msc1 = el->start_address_of_previous_session;

	if (el->disc_status == MS_DISC_BLANK) {
		fprintf(stderr, "msinfo: %s: medium is blank: no session to continue\n",
			dev);
		return EXIT_FAILURE;
	}
	if (el->damaged) {
		fprintf(stderr, "msinfo: %s: last session is damaged: no session can be appended\n",
			dev);
		return EXIT_FAILURE;
	}
	if (el->kind == MS_KIND_RANDOM_WRITE && el->disc_status == MS_DISC_OTHER) {
		fprintf(stderr, "msinfo: %s: medium holds a filesystem other than ISO 9660 (UDF?): no volume to grow\n",
			dev);
		return EXIT_FAILURE;
	}
	if (el->disc_status != MS_DISC_APPENDABLE || el->next_writable_address < 0) {
		fprintf(stderr, "msinfo: %s: medium is closed: no session can be appended\n",
			dev);
		return EXIT_FAILURE;
	}
	/*
	 * cdrskin puts the next session of a growing volume at its end
	 * rounded up to 32 KiB, on BD too, where the write unit (and the
	 * element's address) is 64 KiB.
	 */
	if (el->kind == MS_KIND_RANDOM_WRITE)
		nwa = (el->last_written_address_of_previous_session + 16) / 16 * 16;
	/*
	 * An open session that holds data: on DVD and BD cdrskin names its
	 * start (the new image continues it), on CD the TOC's last complete
	 * session as wodim does.
	 */
	if (el->open_session_start >= 0 && !is_cd(el->profile))
		msc1 = el->open_session_start;
	printf("%lld,%lld\n", msc1 >= 0 ? msc1 : 0, nwa);
	return EXIT_SUCCESS;
}

static void print_blocks(const char *what, int64_t held, int64_t now)
{
	printf("  %-13s ", what);
	if (held < 0)
		printf("not kept\n");
	else if (now < 0 || now == held)
		printf("%lld\n", (long long)held);
	else
		printf("%lld -> %lld\n", (long long)held, (long long)now);
}

/* Sizes in 2048-byte blocks, as every other number msinfo prints. */
static int64_t size_blocks(int64_t bytes)
{
	return bytes < 0 ? -1 : bytes / 2048;
}

static void print_refresh(const char *dev, const struct ms_refresh *r, int json)
{
	if (json) {
		printf("{\"device\":");
		json_string(dev);
		printf(",\"refreshed\":%s,\"stale_size\":%s,\"stale_session\":%s,"
		       "\"held_blocks\":%lld,\"drive_blocks\":%lld,"
		       "\"held_session\":%lld,\"drive_session\":%lld,"
		       "\"media_generation\":%llu,\"mmc_commands\":%u}\n",
		       yes(r->stale), yes(r->stale & MS_STALE_SIZE),
		       yes(r->stale & MS_STALE_SESSION),
		       (long long)size_blocks(r->held_size),
		       (long long)size_blocks(r->drive_size),
		       (long long)r->held_session, (long long)r->drive_session,
		       (unsigned long long)r->media_generation, r->commands);
		return;
	}
	if (r->stale)
		printf("%s: the kernel had the disc as it was before; re-read it\n", dev);
	else
		printf("%s: the kernel's view of the disc is current; nothing done\n", dev);
	print_blocks("size:", size_blocks(r->held_size), size_blocks(r->drive_size));
	print_blocks("last session:", r->held_session, r->drive_session);
	printf("  %-13s %llu\n", "generation:",
	       (unsigned long long)r->media_generation);
}

/* Tell why a request failed; the exit status. */
static int failure(const char *dev, int err)
{
	if (err == -ENOPKG)
		fprintf(stderr, "msinfo: /dev/multisession missing: load the kernel module with 'modprobe multisession'\n");
	else
		fprintf(stderr, "msinfo: %s: %s\n", dev, ms_strerror(err));
	return EXIT_FAILURE;
}

/* A full disk or a closed pipe is a failure too. */
static int flushed(int ret)
{
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "msinfo: write error: %s\n", strerror(errno));
		return EXIT_FAILURE;
	}
	return ret;
}

static int refresh(const char *dev, int json)
{
	struct ms_refresh r = { .size = sizeof(r) };
	int err = ms_refresh(dev, &r);

	if (err == -EBUSY) {
		fprintf(stderr, "msinfo: %s: the disc is mounted or open exclusively (EBUSY): unmount it, then refresh\n",
			dev);
		return EXIT_FAILURE;
	}
	if (err == -ENOTTY) {
		fprintf(stderr, "msinfo: %s: the loaded multisession module predates --refresh (ENOTTY)\n",
			dev);
		return EXIT_FAILURE;
	}
	if (err)
		return failure(dev, err);
	print_refresh(dev, &r, json);
	return flushed(EXIT_SUCCESS);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "msinfo", no_argument, NULL, 'm' },
		{ "sessions", no_argument, NULL, 's' },
		{ "refresh", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int json = 0, msinfo = 0, sessions = 0, refreshing = 0, c, err, ret;
	struct ms_list *list;
	char found[32];
	const char *dev;

	/* -msinfo dev=/dev/sr0: a cdrecord command line works unchanged */
	while ((c = getopt_long_only(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'm': msinfo = 1; break;
		case 's': sessions = 1; break;
		case 'r': refreshing = 1; break;
		case 'h': usage(stdout); return EXIT_SUCCESS;
		case 'V':
			printf("msinfo (libmultisession) %d.%d\n", ms_version_major(),
			       ms_version_minor());
			return EXIT_SUCCESS;
		default: usage(stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind > 1 || (json && msinfo) || (msinfo && sessions) ||
	    (refreshing && (msinfo || sessions))) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (optind < argc) {
		dev = argv[optind];
		if (!strncmp(dev, "dev=", 4))
			dev += 4;
	} else {
		if (first_drive(found, sizeof(found))) {
			fprintf(stderr, "msinfo: no optical drive found\n");
			return EXIT_FAILURE;
		}
		dev = found;
	}

	if (refreshing)
		return refresh(dev, json);
	err = ms_get_multisession_interfaces(dev, sessions ? MS_QUERY_TRACKS : 0,
					     &list);
	if (err)
		return failure(dev, err);
	ret = EXIT_SUCCESS;
	if (msinfo)
		ret = print_msinfo(dev, list);
	else if (json)
		print_json(dev, list, sessions);
	else
		print_human(dev, list, sessions);
	ms_list_free(list);
	return flushed(ret);
}
