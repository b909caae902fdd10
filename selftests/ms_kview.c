// SPDX-License-Identifier: GPL-2.0-only
/*
 * ms_kview DEVICE: what the kernel holds of the disc in an optical drive,
 * read through the block and cdrom layers' own ioctls, never the drive:
 *
 *   size=<bytes> session=<lba> diskseq=<n>
 *
 * size is BLKGETSIZE64, session the start of the last session as
 * CDROMMULTISESSION gives it (what isofs mounts), -1 if the drive keeps
 * none; diskseq is BLKGETDISKSEQ. The tests compare these with what the
 * drive says (cdrskin -msinfo, the burns they made) to see whether the
 * kernel's view is stale and whether a refresh made it right.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/cdrom.h>
#include <linux/fs.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>


int main(int argc, char **argv)
{
	struct cdrom_multisession ms = { .addr_format = CDROM_LBA };
	unsigned long long size, seq;
	long long session = -1;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: ms_kview DEVICE\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "ms_kview: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (ioctl(fd, BLKGETSIZE64, &size) || ioctl(fd, BLKGETDISKSEQ, &seq)) {
		fprintf(stderr, "ms_kview: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if (!ioctl(fd, CDROMMULTISESSION, &ms))
		session = ms.addr.lba;
	close(fd);
	printf("size=%llu session=%lld diskseq=%llu\n", size, session, seq);
	return 0;
}
