/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.h — what the libFuzzer harnesses share. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "bench-reader.h"

/* Reads @data as @format with that format's reader (BENCH_FORMAT_UNKNOWN:
 * the whole path a file takes — detection, decoding, reader, run numbering),
 * then walks what was read the way the views do. */
int fuzz_read (BenchFormat    format,
               const uint8_t *data,
               size_t         size);
