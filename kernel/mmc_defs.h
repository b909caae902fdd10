/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * MMC definitions: the opcodes the module sends, where their CDBs and
 * replies hold each field, and the profiles we know. The transport
 * (mmc.c), the decoders (parse.c), mmcsim and libmultisession take them
 * from here. No includes: the library and the host tests build it too.
 */
#ifndef MS_MMC_DEFS_H
#define MS_MMC_DEFS_H

/* Opcodes of the read-only commands the module may send. */
#define MMC_TEST_UNIT_READY 0x00
#define MMC_READ_FORMAT_CAPACITIES 0x23
#define MMC_READ_CAPACITY 0x25
#define MMC_READ_10 0x28
#define MMC_READ_TOC 0x43
#define MMC_GET_CONFIGURATION 0x46
#define MMC_READ_DISC_INFO 0x51
#define MMC_READ_TRACK_INFO 0x52
#define MMC_READ_DISC_STRUCTURE 0xad

/* Fields of their CDBs. */
#define CDB_OPCODE 0
#define CDB_ALLOC_LEN 7		/* 10-byte CDBs: be16 allocation length */
#define CDB_RTI_TYPE 1		/* READ TRACK INFORMATION: MMC_RTI_* */
#define CDB_RTI_NUMBER 2	/* be32 LBA, track or session number */
#define CDB_TOC_FORMAT 2	/* READ TOC: 0 formatted TOC, 1 sessions */
#define CDB_READ10_LBA 2	/* be32 */
#define CDB_READ10_BLOCKS 7	/* be16 transfer length */
#define CDB_RDS_MEDIA 1		/* READ DISC STRUCTURE: MMC_RDS_MEDIA_* */
#define CDB_RDS_FORMAT 7
#define CDB_RDS_ALLOC_LEN 8	/* be16 */
#define CDB10_CONTROL 9		/* 10-byte CDBs: the CONTROL byte */

/* READ TRACK INFORMATION address types (CDB byte 1 bits 1-0). */
#define MMC_RTI_LBA 0
#define MMC_RTI_TRACK 1
#define MMC_RTI_SESSION 2
/* the track number that names the invisible track, never track 255 */
#define MMC_RTI_INVISIBLE 0xff

/* Reply lengths we ask for. */
#define MMC_CONFIG_LEN 1024
#define MMC_DISC_INFO_LEN 34
#define MMC_TRACK_INFO_LEN 48
#define MMC_TOC_SESSION_LEN 12
#define MMC_TOC_LEN (4 + 8 * 100)
#define MMC_CAPACITY_LEN 8
#define MMC_FORMAT_CAP_LEN 252
#define MMC_WRITE_PROTECTION_LEN 8
#define MMC_BLOCK 2048

/* Offsets in a GET CONFIGURATION reply: a header, then features. */
#define CFG_DATA_LEN 0		/* be32, the bytes after it */
#define CFG_PROFILE 6		/* be16 current profile */
#define CFG_HEADER_LEN 8
/* in each feature descriptor */
#define FEAT_CODE 0		/* be16 */
#define FEAT_FLAGS 2		/* bit 0: current */
#define FEAT_LEN 3		/* the bytes of data after the header */
#define FEAT_HEADER_LEN 4
#define FEAT_PROFILE_LEN 4	/* a profile descriptor in feature 0000h */

/* Offsets in a READ DISC INFORMATION reply. */
#define RDI_DATA_LEN 0
#define RDI_STATUS 2
#define RDI_FIRST_TRACK 3
#define RDI_SESSIONS_LSB 4
#define RDI_FIRST_TRACK_LAST_LSB 5
#define RDI_LAST_TRACK_LAST_LSB 6
#define RDI_FLAGS 7
#define RDI_BG_FORMAT_MASK 0x03	/* in RDI_FLAGS: background format status */
#define RDI_BG_FORMAT_RUNNING 2
#define RDI_DISC_TYPE 8
#define RDI_SESSIONS_MSB 9
#define RDI_FIRST_TRACK_LAST_MSB 10
#define RDI_LAST_TRACK_LAST_MSB 11
#define RDI_LAST_LEAD_OUT 20
#define RDI_MIN_LEN 12

/* Offsets in a READ TRACK INFORMATION reply. */
#define RTI_DATA_LEN 0
#define RTI_TRACK_LSB 2
#define RTI_SESSION_LSB 3
#define RTI_MODE 5
#define RTI_FLAGS 6
#define RTI_VALID 7
#define RTI_START 8
#define RTI_NWA 12
#define RTI_FREE 16
#define RTI_PACKET 20
#define RTI_SIZE 24
#define RTI_LRA 28
#define RTI_TRACK_MSB 32
#define RTI_SESSION_MSB 33
#define RTI_MIN_LEN 28

/* Offsets in a READ CAPACITY(10) reply. */
#define CAP_LAST_LBA 0		/* be32 last logical block */
#define CAP_BLOCK_LEN 4		/* be32 bytes per block */

/* Offsets in a READ TOC reply, format 0 (tracks) or 1 (sessions). */
#define TOC_DATA_LEN 0		/* be16, the bytes after it */
#define TOC_FIRST 2		/* first track, or first complete session */
#define TOC_LAST 3		/* last track, or last complete session */
#define TOC_HEADER_LEN 4
/* in each track descriptor */
#define TOCD_CONTROL 1		/* CONTROL in bits 3-0, ADR in 7-4 */
#define TOCD_TRACK 2
#define TOCD_START 4		/* be32 LBA */
#define TOCD_LEN 8
#define TOC_LEAD_OUT 0xaa	/* the track number of the lead-out */
/* CONTROL nibble of a CD track: data, not audio */
#define MMC_CONTROL_DATA 4

/* Offsets in a READ FORMAT CAPACITIES reply. */
#define RFC_LIST_LEN 3		/* bytes of descriptors after the header */
#define RFC_BLOCKS 4		/* be32, of the current/maximum descriptor */
#define RFC_TYPE 8		/* bits 1-0: MMC_FORMAT_* */
#define RFC_BLOCK_LEN 9		/* be24 */
#define RFC_DESC_LEN 8
#define RFC_MIN_LEN 12		/* the header and the current descriptor */

/* Offsets in READ DISC STRUCTURE format C0h (write protection status). */
#define RDS_DATA_LEN 0
#define RDS_WP_STATUS 4

/* Offsets in an ISO 9660 primary volume descriptor (block 16). */
#define ISO_VOLUME_SPACE 80	/* le32 then be32: the volume's blocks */
#define ISO_BLOCK_SIZE 128	/* le16 then be16 */
#define ISO_PVD_MIN_LEN 136

/*
 * The profiles we know (MMC-6 table 91). What each one is, mmc_profiles.h
 * says, the one table of them.
 */
enum mmc_profile {
	MMC_PROFILE_NONE = 0x00,
	MMC_PROFILE_CD_ROM = 0x08,
	MMC_PROFILE_CD_R = 0x09,
	MMC_PROFILE_CD_RW = 0x0a,
	MMC_PROFILE_DVD_ROM = 0x10,
	MMC_PROFILE_DVD_R = 0x11,
	MMC_PROFILE_DVD_RAM = 0x12,
	MMC_PROFILE_DVD_RW_RO = 0x13,
	MMC_PROFILE_DVD_RW = 0x14,
	MMC_PROFILE_DVD_R_DL = 0x15,
	MMC_PROFILE_DVD_R_DL_JUMP = 0x16,
	MMC_PROFILE_DVD_PLUS_RW = 0x1a,
	MMC_PROFILE_DVD_PLUS_R = 0x1b,
	MMC_PROFILE_DVD_PLUS_RW_DL = 0x2a,
	MMC_PROFILE_DVD_PLUS_R_DL = 0x2b,
	MMC_PROFILE_BD_ROM = 0x40,
	MMC_PROFILE_BD_R = 0x41,
	MMC_PROFILE_BD_R_RRM = 0x42,
	MMC_PROFILE_BD_RE = 0x43,
};

enum mmc_family {
	MMC_FAMILY_NONE,
	MMC_FAMILY_CD,
	MMC_FAMILY_DVD,
	MMC_FAMILY_BD,
};

/* What kind of recording a profile allows (its kind in mmc_profiles.h). */
enum mmc_medium_class {
	MMC_CLASS_NONE,		/* no medium, or a profile we do not know */
	MMC_CLASS_ROM,		/* pressed or read as ROM */
	MMC_CLASS_SEQUENTIAL,	/* sessions and tracks, written at an NWA */
	MMC_CLASS_OVERWRITEABLE, /* random writes, one growing ISO volume */
};

#endif /* MS_MMC_DEFS_H */
