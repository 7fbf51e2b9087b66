/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-markdown.c — libFuzzer harness: the markdown reader alone. */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_read (BENCH_FORMAT_MARKDOWN, data, size);
}
