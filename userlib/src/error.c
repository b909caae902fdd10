// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ms_strerror(): the errno and, for those porting from Windows, the IMAPI2
 * HRESULT that stands for the same condition.
 */
#include <errno.h>

#include "lib.h"

static const struct {
	int err;
	const char *text;
} ms_errors[] = {
	{ EINVAL, "invalid argument (EINVAL; IMAPI2: E_POINTER, E_INVALIDARG)" },
	{ ENOMEM, "out of memory (ENOMEM; IMAPI2: E_OUTOFMEMORY)" },
	{ ENOMEDIUM, "no medium in the drive (ENOMEDIUM; IMAPI2: E_IMAPI_RECORDER_MEDIA_NO_MEDIA)" },
	{ EMEDIUMTYPE, "medium not usable in this drive (EMEDIUMTYPE; IMAPI2: E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE)" },
	{ EBUSY, "drive is becoming ready, or the disc is mounted or open exclusively (EBUSY; IMAPI2: E_IMAPI_RECORDER_MEDIA_BECOMING_READY)" },
	{ ETIMEDOUT, "drive did not answer in time (ETIMEDOUT; IMAPI2: E_IMAPI_RECORDER_COMMAND_TIMEOUT)" },
	{ EIO, "drive failed a command (EIO; IMAPI2: E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE)" },
	{ EINTR, "interrupted (EINTR; IMAPI2: E_IMAPI_REQUEST_CANCELLED)" },
	{ ENODEV, "not an optical drive, or the drive has gone (ENODEV; IMAPI2: E_IMAPI_DF2DATA_RECORDER_NOT_SUPPORTED)" },
	{ ENOTBLK, "not a block device (ENOTBLK; IMAPI2: E_IMAPI_DF2DATA_RECORDER_NOT_SUPPORTED)" },
	{ EACCES, "permission denied (EACCES; IMAPI2: E_ACCESSDENIED)" },
	{ EPERM, "operation not permitted (EPERM; IMAPI2: E_ACCESSDENIED)" },
	{ EBADF, "bad file descriptor (EBADF; IMAPI2: E_HANDLE)" },
	{ ENOENT, "no such device (ENOENT; IMAPI2: E_IMAPI_RECORDER_REQUIRED)" },
	{ ENOPKG, "multisession kernel module not loaded: modprobe multisession (ENOPKG)" },
	{ ENOTTY, "kernel module too old for this request (ENOTTY; IMAPI2: E_NOTIMPL)" },
	{ E2BIG, "kernel module too old for this request (E2BIG; IMAPI2: E_NOTIMPL)" },
	{ EFAULT, "bad address (EFAULT; IMAPI2: E_POINTER)" },
	{ ENODATA, "not available (ENODATA)" },
};

MS_EXPORT const char *ms_strerror(int err)
{
	unsigned int i;

	if (err < 0)
		err = -err;
	for (i = 0; i < sizeof(ms_errors) / sizeof(ms_errors[0]); i++)
		if (ms_errors[i].err == err)
			return ms_errors[i].text;
	return "unknown error (IMAPI2: E_FAIL)";
}
