/* SPDX-License-Identifier: GPL-2.0-only OR LGPL-2.1-or-later */
/*
 * The profiles we know, one row each: MMC_PROFILE(profile, family, blocks
 * per write unit, kind, name). The kind is how the medium records, except
 * that a BD-R formatted for pseudo-overwrite keeps profile 41h and only its
 * current POW feature makes it overwriteable; the name is what msinfo
 * prints. A user defines MMC_PROFILE(), includes this file where it wants
 * the rows (after mmc_defs.h) and undefines it; the module and the library
 * both do. No include guard: that is the point.
 */
/* clang-format off */
MMC_PROFILE(MMC_PROFILE_NONE,             NONE, 1,  NONE,          "no medium")
MMC_PROFILE(MMC_PROFILE_CD_ROM,           CD,   1,  ROM,           "CD-ROM")
MMC_PROFILE(MMC_PROFILE_CD_R,             CD,   1,  SEQUENTIAL,    "CD-R")
MMC_PROFILE(MMC_PROFILE_CD_RW,            CD,   1,  SEQUENTIAL,    "CD-RW")
MMC_PROFILE(MMC_PROFILE_DVD_ROM,          DVD,  16, ROM,           "DVD-ROM")
MMC_PROFILE(MMC_PROFILE_DVD_R,            DVD,  16, SEQUENTIAL,    "DVD-R sequential")
MMC_PROFILE(MMC_PROFILE_DVD_RAM,          DVD,  16, OVERWRITEABLE, "DVD-RAM")
MMC_PROFILE(MMC_PROFILE_DVD_RW_RO,        DVD,  16, OVERWRITEABLE, "DVD-RW restricted overwrite")
MMC_PROFILE(MMC_PROFILE_DVD_RW,           DVD,  16, SEQUENTIAL,    "DVD-RW sequential")
MMC_PROFILE(MMC_PROFILE_DVD_R_DL,         DVD,  16, SEQUENTIAL,    "DVD-R DL sequential")
MMC_PROFILE(MMC_PROFILE_DVD_R_DL_JUMP,    DVD,  16, SEQUENTIAL,    "DVD-R DL layer jump")
MMC_PROFILE(MMC_PROFILE_DVD_PLUS_RW,      DVD,  16, OVERWRITEABLE, "DVD+RW")
MMC_PROFILE(MMC_PROFILE_DVD_PLUS_R,       DVD,  16, SEQUENTIAL,    "DVD+R")
MMC_PROFILE(MMC_PROFILE_DVD_PLUS_RW_DL,   DVD,  16, OVERWRITEABLE, "DVD+RW DL")
MMC_PROFILE(MMC_PROFILE_DVD_PLUS_R_DL,    DVD,  16, SEQUENTIAL,    "DVD+R DL")
MMC_PROFILE(MMC_PROFILE_BD_ROM,           BD,   32, ROM,           "BD-ROM")
MMC_PROFILE(MMC_PROFILE_BD_R,             BD,   32, SEQUENTIAL,    "BD-R sequential")
MMC_PROFILE(MMC_PROFILE_BD_R_RRM,         BD,   32, OVERWRITEABLE, "BD-R random")
MMC_PROFILE(MMC_PROFILE_BD_RE,            BD,   32, OVERWRITEABLE, "BD-RE")
/* clang-format on */
