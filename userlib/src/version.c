// SPDX-License-Identifier: LGPL-2.1-or-later
/* Runtime version, to compare with MS_VERSION_MAJOR/MINOR of the header. */
#include "lib.h"

MS_EXPORT int ms_version_major(void)
{
	return MS_VERSION_MAJOR;
}

MS_EXPORT int ms_version_minor(void)
{
	return MS_VERSION_MINOR;
}
