/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-detect.c — libFuzzer harness: detection and the whole path a file takes (bench_source_load_bytes). */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_read (BENCH_FORMAT_UNKNOWN, data, size);
}
