// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: every decoder of kernel/parse.c on arbitrary bytes.
 * The first byte picks the decoder, the rest is the reply.
 */
#include <stddef.h>
#include <stdint.h>

#include "../../kernel/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mmc_toc toc;
	struct mmc_config cfg;
	struct mmc_disc_info di;
	struct mmc_track_info ti;
	struct mmc_toc_session ts;
	struct mmc_format_capacity fc;
	__s64 v, w;

	if (size < 1 || size > 65536)
		return 0;
	switch (data[0] % 8) {
	case 0:
		mmc_parse_config(data + 1, size - 1, &cfg);
		break;
	case 1:
		if (!mmc_parse_disc_info(data + 1, size - 1, size & 2, &di))
			mmc_complete_sessions(&di);
		break;
	case 2:
		if (!mmc_parse_track_info(data + 1, size - 1, &ti)) {
			mmc_track_last_written(&ti, size & 2);
			mmc_track_next_writable(&ti, size & 4 ? -1 : 2295104,
						&v, &w);
		}
		break;
	case 3:
		mmc_parse_toc_session(data + 1, size - 1, &ts);
		break;
	case 4:
		mmc_parse_toc(data + 1, size - 1, &toc);
		break;
	case 5:
		mmc_parse_capacity(data + 1, size - 1, &v);
		break;
	case 6:
		mmc_parse_format_capacity(data + 1, size - 1, &fc);
		break;
	default:
		iso9660_volume_blocks(data + 1, size - 1, &v);
		break;
	}
	return 0;
}
