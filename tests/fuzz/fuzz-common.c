/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.c — one input through a reader, then through what the views
 * ask of the results. Any crash, sanitizer report or GLib critical is a
 * finding. */
#include "fuzz-common.h"

#include "bench-result.h"
#include "bench-source.h"

#include <string.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* a critical is a broken precondition: make it a crash libFuzzer sees */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
  g_log_set_writer_func (g_log_writer_standard_streams, NULL, NULL);
  return 0;
}

static void
walk_results (GPtrArray *results)
{
  g_autoptr (GPtrArray) varying = NULL;

  if (results->len == 0)
    return;
  for (guint i = 0; i < results->len; i++)
    {
      BenchResult *result = g_ptr_array_index (results, i);

      g_free (bench_result_dup_field_display (result, "model_type"));
      g_free (bench_result_dup_field_text (result, "test"));
      g_free (bench_result_dup_field_text (result, "avg_ts"));
    }
  varying = bench_results_find_varying ((BenchResult **) results->pdata, results->len);
  for (guint i = 0; i < varying->len; i++)
    bench_results_count_distinct ((BenchResult **) results->pdata, results->len,
                                  g_ptr_array_index (varying, i));
}

static int
read_with_reader (BenchFormat    format,
                  const uint8_t *data,
                  size_t         size)
{
  g_autoptr (BenchStrPool) pool = bench_str_pool_new ();
  g_autoptr (BenchRecordBuilder) builder = bench_record_builder_new (pool);
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) diagnostics =
    g_ptr_array_new_with_free_func ((GDestroyNotify) bench_diagnostic_free);
  g_autoptr (GError) error = NULL;
  BenchReadContext ctx = {
    .name = "fuzz",
    .builder = builder,
    .results = results,
    .diagnostics = diagnostics,
    .format = format,
  };
  const char *text = (const char *) data;
  gboolean ok = FALSE;

  switch (format)
    {
    case BENCH_FORMAT_JSON:
    case BENCH_FORMAT_JSONL:
      ok = bench_read_json (&ctx, text, size, &error);
      break;
    case BENCH_FORMAT_CSV:
      ok = bench_read_csv (&ctx, text, size, &error);
      break;
    case BENCH_FORMAT_MARKDOWN:
      ok = bench_read_markdown (&ctx, text, size, &error);
      break;
    case BENCH_FORMAT_SQL:
      ok = bench_read_sql (&ctx, text, size, &error);
      break;
    case BENCH_FORMAT_SQLITE:
      ok = bench_read_sqlite (&ctx, text, size, &error);
      break;
    case BENCH_FORMAT_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
  /* a reader that fails says why; one that succeeds says nothing */
  g_assert (ok ? error == NULL : error != NULL);
  for (guint i = 0; i < diagnostics->len; i++)
    g_free (bench_diagnostic_format (g_ptr_array_index (diagnostics, i), "fuzz"));
  walk_results (results);
  return 0;
}

int
fuzz_read (BenchFormat    format,
           const uint8_t *data,
           size_t         size)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (BenchSource) source = NULL;
  g_autoptr (GError) error = NULL;

  if (format != BENCH_FORMAT_UNKNOWN)
    return read_with_reader (format, data, size);

  /* libFuzzer's buffer ends exactly at @size: ASan sees any read past it */
  bytes = g_bytes_new_static (data, size);
  source = bench_source_load_bytes (bytes, "fuzz", NULL, NULL, NULL, &error);
  g_assert ((source == NULL) == (error != NULL));
  if (source != NULL)
    walk_results (bench_source_get_results (source));
  return 0;
}
