/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-gguf.c — libFuzzer harness: the GGUF header reader, then every
 * question the views and the command line ask of what it read. Any crash,
 * sanitizer report or GLib critical is a finding.
 *
 * Built with -Dfuzzing=true (tests/fuzz/meson.build); tests/fuzz/run.sh
 * BUILD_DIR SECONDS gguf runs it on the .gguf files of ../shared/corpus and
 * tests/fuzz/gguf-seeds (MoE tensor infos, a per-layer sliding pattern, MLA,
 * a hybrid split file) with tests/fuzz/gguf.dict.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "bench-gguf.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const types[] = { NULL, "f16", "q8_0", "q4_0", "f32", "iq4_nl", "bogus" };
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = NULL;
  gint64 layers;
  guint64 sum = 0;

  info = bench_gguf_info_read_data (data, size, "fuzz.gguf", &error);
  if (info == NULL)
    {
      /* every refusal says why, naming the data */
      if (error == NULL || !g_str_has_prefix (error->message, "fuzz.gguf: "))
        __builtin_trap ();
      return 0;
    }
  if (error != NULL)
    __builtin_trap ();

  layers = bench_gguf_info_get_block_count (info);
  if (layers < 0 || layers > 65536)
    __builtin_trap ();
  for (guint i = 0; i <= (guint) layers; i++)
    {
      sum += (guint64) bench_gguf_info_get_layer_head_count (info, i);
      sum += (guint64) bench_gguf_info_get_layer_head_count_kv (info, i);
      sum += bench_gguf_info_is_layer_sliding (info, i);
    }
  for (guint k = 0; k < G_N_ELEMENTS (types); k++)
    for (guint v = 0; v < G_N_ELEMENTS (types); v++)
      {
        sum += bench_gguf_info_get_kv_bytes_per_token (info, types[k], types[v]);
        sum += bench_gguf_info_get_swa_kv_bytes_per_token (info, types[k], types[v]);
      }
  {
    double share = bench_gguf_info_get_expert_share (info);
    if (!isnan (share) && (share < 0 || share > 1))
      __builtin_trap ();
  }
  if (bench_gguf_info_get_expert_tensor_bytes (info) > bench_gguf_info_get_tensor_bytes (info))
    __builtin_trap ();
  if (bench_gguf_info_get_sliding_layer_count (info) > (guint) layers)
    __builtin_trap ();
  sum += (guint64) bench_gguf_info_get_head_count (info) + (guint64) bench_gguf_info_get_key_length (info) +
         (guint64) bench_gguf_info_get_value_length (info) + bench_gguf_info_get_expert_params (info);
  (void) bench_gguf_file_type_to_string (bench_gguf_info_get_file_type (info));
  if (!g_utf8_validate (bench_gguf_info_get_architecture (info), -1, NULL))
    __builtin_trap ();
  (void) sum;
  return 0;
}
