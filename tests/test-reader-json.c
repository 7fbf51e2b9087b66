/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reader-json.c — llama-bench's json and jsonl output, real and damaged. */
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bench-group.h"
#include "bench-test-util.h"

static const struct { const char *path; guint records; BenchFormat format; } corpus[] = {
  { "converted/gpt-oss-20b-hip-old-schema.json", 10, BENCH_FORMAT_JSON },
  { "converted/gpt-oss-20b-hip.json", 10, BENCH_FORMAT_JSON },
  { "converted/talk-step35-flash.jsonl", 12, BENCH_FORMAT_JSONL },
  { "generated/cpu-sweep-prompt-depth.jsonl", 12, BENCH_FORMAT_JSONL },
  { "generated/cpu-threads-fa.twin.json", 8, BENCH_FORMAT_JSON },
  { "generated/cpu-three-models.json", 6, BENCH_FORMAT_JSON },
  { "public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.json", 2, BENCH_FORMAT_JSON },
  { "public/ik273-deepseek-r1-671b-cpu-xeon-ikfork-fa-on.json", 2, BENCH_FORMAT_JSON },
  { "public/kyuz0-strixhalo-rocm714-deepseek-v4-flash-curve-gen.jsonl", 9, BENCH_FORMAT_JSONL },
  { "public/kyuz0-strixhalo-vulkan-radv-deepseek-v4-flash-curve-prefill.jsonl", 9, BENCH_FORMAT_JSONL },
  { "public/lhl-strixhalo-harness-wrapped-mistral-small-24b-results.jsonl", 538, BENCH_FORMAT_JSONL },
  { "public/msb-rtx3090-cuda-ncmoe-threads-sweep-harness-wrapped.json", 3, BENCH_FORMAT_JSONL },
  { "public/orion-radeon8060s-rocm712-gpt-oss-20b-depth-sweep.json", 84, BENCH_FORMAT_JSON },
  { "public/strix-halo-gpt-oss-20b.default-hip.jsonl", 10, BENCH_FORMAT_JSONL },
  { "public/strix-halo-gpt-oss-20b.default-rocwmma.jsonl", 10, BENCH_FORMAT_JSONL },
  { "public/strix-halo-gpt-oss-20b.lhl-tune-tile.jsonl", 10, BENCH_FORMAT_JSONL },
  { "public/strix-halo-llama32-1b.default-hip.jsonl", 10, BENCH_FORMAT_JSONL },
  { "public/strix-halo-llama32-1b.lhl-tune-decode.jsonl", 1, BENCH_FORMAT_JSONL },
  { "public/strix-halo-quick-test.jsonl", 6, BENCH_FORMAT_JSONL },
  { "public/strix-halo-sweep-GLM-4.5-Air-UD-Q4_K_XL.jsonl", 380, BENCH_FORMAT_JSONL },
  { "public/strix-halo-sweep-Qwen3-30B-A3B-UD-Q4_K_XL.jsonl", 520, BENCH_FORMAT_JSONL },
  { "public/strix-halo-sweep-Qwen3-32B-Q8_0.jsonl", 260, BENCH_FORMAT_JSONL },
  { "public/talk-strix-halo-rocm72-step35-flash-reap128-q4km.json", 12, BENCH_FORMAT_JSON },
  { "public/talk-strix-halo-rocm72-step35-imatrix.json", 12, BENCH_FORMAT_JSON },
};

static void
test_corpus_counts (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autoptr (BenchSource) source = bench_test_load_corpus (corpus[i].path);
      g_test_message ("%s", corpus[i].path);
      g_assert_cmpuint (bench_source_get_n_results (source), ==, corpus[i].records);
      g_assert_cmpint (bench_source_get_format (source), ==, corpus[i].format);
    }
}

static gboolean
results_equal (BenchResult *a,
               BenchResult *b)
{
  guint na, nb;
  const BenchParam *pa = bench_result_get_params (a, &na);
  const BenchParam *pb = bench_result_get_params (b, &nb);

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (strcmp (pa[i].key, pb[i].key) != 0 || strcmp (pa[i].text, pb[i].text) != 0 ||
        pa[i].type != pb[i].type)
      return FALSE;
  return bench_result_get_avg_ts (a) == bench_result_get_avg_ts (b) &&
         bench_result_get_stddev_ts (a) == bench_result_get_stddev_ts (b) &&
         bench_result_get_avg_ns (a) == bench_result_get_avg_ns (b) &&
         bench_result_get_n_samples (a) == bench_result_get_n_samples (b) &&
         bench_result_get_n_prompt (a) == bench_result_get_n_prompt (b) &&
         bench_result_get_n_gen (a) == bench_result_get_n_gen (b) &&
         bench_result_get_n_depth (a) == bench_result_get_n_depth (b) &&
         bench_result_get_model_size (a) == bench_result_get_model_size (b) &&
         bench_result_get_line (a) == bench_result_get_line (b) &&
         g_str_equal (bench_result_get_model_type (a), bench_result_get_model_type (b)) &&
         g_str_equal (bench_result_get_backends (a), bench_result_get_backends (b)) &&
         g_str_equal (bench_result_get_cpu_info (a), bench_result_get_cpu_info (b)) &&
         g_str_equal (bench_result_get_test_time (a), bench_result_get_test_time (b));
}

/* The flat-record fast path and json-glib read every corpus file alike. */
static void
test_fast_path_agrees_with_json_glib (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autoptr (BenchSource) fast = bench_test_load_corpus (corpus[i].path);
      g_autoptr (BenchSource) slow = NULL;
      GPtrArray *a, *b;

      g_setenv ("BENCHTOP_JSON_GLIB_ONLY", "1", TRUE);
      slow = bench_test_load_corpus (corpus[i].path);
      g_unsetenv ("BENCHTOP_JSON_GLIB_ONLY");

      a = bench_source_get_results (fast);
      b = bench_source_get_results (slow);
      g_test_message ("%s", corpus[i].path);
      g_assert_cmpuint (a->len, ==, b->len);
      for (guint k = 0; k < a->len; k++)
        g_assert_true (results_equal (g_ptr_array_index (a, k), g_ptr_array_index (b, k)));
    }
}

static gboolean
has_diagnostic (BenchSource *source,
                guint        line,
                guint        column,
                const char  *fragment)
{
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      BenchDiagnostic *d = g_ptr_array_index (diagnostics, i);
      if ((line == 0 || d->line == line) && (column == 0 || d->column == column) &&
          strstr (d->message, fragment) != NULL)
        return TRUE;
    }
  return FALSE;
}

static char *
corpus_text (const char *relative,
             gsize      *len)
{
  g_autofree char *path = bench_test_corpus_path (relative);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, len, NULL));
  return text;
}

/* ROCm initialisation lines before the array, as llama-bench printed them */
static void
test_log_lines_skipped (void)
{
  g_autoptr (BenchSource) source =
    bench_test_load_corpus ("public/talk-strix-halo-rocm72-step35-imatrix.json");

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 12);
  g_assert_true (has_diagnostic (source, 1, 1, "ggml_cuda_init: found 1 ROCm devices"));
  g_assert_true (has_diagnostic (source, 2, 3, "Device 0: Radeon 8060S"));
}

static void
test_log_lines_between_records (void)
{
  const char *text =
    "[\n"
    "{\"model_type\": \"a\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 10.5, \"stddev_ts\": 1},\n"
    "ggml_vulkan: Found 1 Vulkan devices:\n"
    "{\"model_type\": \"a\", \"n_prompt\": 0, \"n_gen\": 128, \"avg_ts\": 2.5, \"stddev_ts\": 0.1}\n"
    "]\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_true (has_diagnostic (source, 3, 1, "ggml_vulkan"));
}

/* An interrupted run: no closing bracket, half an object. */
static void
test_truncated_array (void)
{
  gsize len;
  g_autofree char *text = corpus_text ("generated/cpu-three-models.json", &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = NULL;
  const char *fourth = text;

  /* cut in the middle of the fourth record */
  for (int i = 0; i < 4; i++)
    fourth = strstr (fourth + 1, "\"build_commit\"");
  source = bench_test_load_text (text, fourth - text + 40, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 3);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);
  g_assert_true (has_diagnostic (source, 0, 0, "incomplete record"));
  g_assert_true (has_diagnostic (source, 1, 1, "no closing"));
}

static void
test_truncated_jsonl (void)
{
  gsize len;
  g_autofree char *text = corpus_text ("generated/cpu-sweep-prompt-depth.jsonl", &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, len - 200, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 11);
  g_assert_true (has_diagnostic (source, 12, 1, "incomplete record"));
}

/* A broken record in the middle is skipped with its position; the rest load. */
static void
test_invalid_record_position (void)
{
  const char *text =
    "{\"model_type\": \"a\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 10.5}\n"
    "{\"model_type\": \"a\", \"n_prompt\": 512, \"n_gen\": x, \"avg_ts\": 10.5}\n"
    "{\"model_type\": \"a\", \"n_prompt\": 0, \"n_gen\": 128, \"avg_ts\": 2.5}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);
  GPtrArray *diagnostics;
  BenchDiagnostic *d;
  g_autofree char *message = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  diagnostics = bench_source_get_diagnostics (source);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  d = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpuint (d->line, ==, 2);
  /* json-glib points at the bad token, past "n_gen": */
  g_assert_cmpuint (d->column, >=, 45);
  message = bench_diagnostic_format (d, "runs.jsonl");
  g_assert_true (g_str_has_prefix (message, "runs.jsonl:2:"));
}

/* A speed of the wrong type is no speed: the record is skipped with its
 * position and the value, never loaded as a result without a speed. */
static void
test_speed_not_a_number_skipped (void)
{
  const char *text =
    "{\"model_type\": \"a\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 10.5}\n"
    /* llama-bench's order: a bad stddev before the bad speed is not what
     * the message names */
    "{\"model_type\": \"a\", \"n_prompt\": 256, \"n_gen\": 0, \"stddev_ns\": \"n/a\", \"avg_ts\": \"fast\", \"stddev_ts\": 1}\n"
    "{\"model_type\": \"a\", \"n_prompt\": 0, \"n_gen\": 128, \"stddev_ts\": 0.5}\n"
    "{\"model_type\": \"a\", \"n_prompt\": 0, \"n_gen\": 64, \"avg_ts\": 2.5}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);
  GPtrArray *diagnostics;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 2);
  diagnostics = bench_source_get_diagnostics (source);
  g_assert_cmpuint (diagnostics->len, ==, 2);
  first = bench_diagnostic_format (g_ptr_array_index (diagnostics, 0), "runs.jsonl");
  second = bench_diagnostic_format (g_ptr_array_index (diagnostics, 1), "runs.jsonl");
  g_assert_true (g_str_has_prefix (first, "runs.jsonl:2:1:"));
  g_assert_nonnull (strstr (first, "avg_ts: fast"));
  g_assert_null (strstr (first, "stddev_ns"));
  /* a stddev alone is not a speed either */
  g_assert_true (g_str_has_prefix (second, "runs.jsonl:3:1:"));
  for (guint i = 0; i < bench_source_get_n_results (source); i++)
    g_assert_true (isfinite (bench_result_get_avg_ts (g_ptr_array_index (bench_source_get_results (source), i))));
}

/* Two runs appended to one file: two arrays, two runs. */
static void
test_concatenated_arrays (void)
{
  const char *text =
    "[{\"build_commit\": \"a\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 10}]\n"
    "[{\"build_commit\": \"a\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 11}]\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);
  GPtrArray *results;

  g_assert_no_error (error);
  results = bench_source_get_results (source);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpuint (bench_result_get_run_index (g_ptr_array_index (results, 0)), ==, 0);
  g_assert_cmpuint (bench_result_get_run_index (g_ptr_array_index (results, 1)), ==, 1);
}

static void
test_harness_wrappers (void)
{
  g_autoptr (BenchSource) rows =
    bench_test_load_corpus ("public/msb-rtx3090-cuda-ncmoe-threads-sweep-harness-wrapped.json");
  g_autoptr (BenchSource) raw =
    bench_test_load_corpus ("public/lhl-strixhalo-harness-wrapped-mistral-small-24b-results.jsonl");
  BenchResult *r = g_ptr_array_index (bench_source_get_results (rows), 0);

  g_assert_cmpstr (bench_result_get_model_type (r), ==, "qwen4exp A3B IQ3_XXS - 3.0625 bpw");
  g_assert_cmpstr (bench_result_get_param_text (r, "n_threads"), ==, "3");
  g_assert_cmpfloat_with_epsilon (bench_result_get_stated_avg_ts (r), 11.659934, 1e-9);
  /* 262 failed runs have "bench_raw": null */
  g_assert_cmpuint (bench_source_get_skipped (raw), ==, 262);
  g_assert_true (has_diagnostic (raw, 0, 0, "262 entries hold no llama-bench data"));
  r = g_ptr_array_index (bench_source_get_results (raw), 0);
  /* escaped slashes */
  g_assert_cmpstr (bench_result_get_model_filename (r), ==,
                   "/models/gguf/Mistral-Small-3.1-24B-Instruct-2503-UD-Q4_K_XL.gguf");
}

static void
expect_error (const char *text,
              gssize      len,
              const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, len, &error);

  g_assert_null (source);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "pasted"));
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_hostile_nesting (void)
{
  gsize n = 200000;
  g_autofree char *brackets = g_malloc (n + 1);
  g_autofree char *braces = NULL;
  GString *mixed = g_string_new ("[");

  memset (brackets, '[', n);
  brackets[n] = '\0';
  expect_error (brackets, n, NULL);

  /* {"a":{"a":{… deep inside an array */
  for (guint i = 0; i < 100000; i++)
    g_string_append (mixed, "{\"a\":");
  braces = g_string_free (mixed, FALSE);
  expect_error (braces, -1, NULL);

  /* the same, closed: a complete record, far too deep to be llama-bench's */
  {
    g_autoptr (GString) closed = g_string_new ("[");
    for (guint i = 0; i < 100000; i++)
      g_string_append (closed, "{\"a\":");
    g_string_append (closed, "1");
    for (guint i = 0; i < 100000; i++)
      g_string_append_c (closed, '}');
    g_string_append (closed, "]\n");
    expect_error (closed->str, closed->len, "nested too deeply");
  }
}

static void
test_hostile_bytes (void)
{
  const char nul[] = "{\"model_type\": \"a\0b\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 1}\n";
  const char bad_utf8[] = "{\"model_type\": \"a\xff\xfe\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 1}\n";
  guchar garbage[4096];
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);

  expect_error (nul, sizeof nul - 1, "NUL");
  expect_error (bad_utf8, sizeof bad_utf8 - 1, "UTF-8");
  for (guint round = 0; round < 50; round++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BenchSource) source = NULL;

      for (guint i = 0; i < sizeof garbage; i++)
        garbage[i] = g_rand_int (rand);
      /* make it look like JSON to reach the reader */
      garbage[0] = round % 2 ? '[' : '{';
      source = bench_test_load_text ((const char *) garbage, sizeof garbage, &error);
      g_assert_true (source == NULL || bench_source_get_n_results (source) > 0);
    }
}

static void
test_hostile_numbers_and_sizes (void)
{
  g_autoptr (GString) big = g_string_new ("{\"model_type\": \"");
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) numbers = NULL;
  g_autoptr (BenchSource) huge = NULL;
  BenchResult *r;

  numbers = bench_test_load_text (
    "{\"n_prompt\": 99999999999999999999999, \"n_gen\": 0, \"model_size\": -1e999, "
    "\"avg_ts\": 1e999, \"stddev_ts\": -0.0, \"samples_ns\": [0, -5, 1e30]}\n", -1, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (bench_source_get_results (numbers), 0);
  g_assert_true (isinf (bench_result_get_avg_ts (r)));

  /* a multi-megabyte line */
  for (guint i = 0; i < 500000; i++)
    g_string_append (big, "0123456789");
  g_string_append (big, "\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 1.5}\n");
  huge = bench_test_load_text (big->str, big->len, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (bench_source_get_results (huge), 0);
  g_assert_cmpuint (strlen (bench_result_get_model_type (r)), ==, 5000000);
}

static void
test_not_llama_bench (void)
{
  expect_error ("{\"name\": \"something else\", \"value\": 3}\n", -1, "not a llama-bench record");
  expect_error ("", 0, "empty");
  expect_error ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "not llama-bench output");
}

/* Input files are read, never written. */
static void
test_input_not_written (void)
{
  g_autofree char *path = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GStatBuf st1, st2;
  g_autoptr (BenchSource) source = NULL;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_cmpint (g_stat (path, &st1), ==, 0);
  source = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpint (g_stat (path, &st2), ==, 0);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (st1.st_mtime, ==, st2.st_mtime);
}

/* One llama-bench run of 4,000 results is one run however many threads
 * parse it: runs are told apart by value, not by where a thread interned
 * its strings. */
static void
test_one_run_on_any_thread_count (void)
{
  g_autofree char *path = bench_test_corpus_path ("generated/cpu-sweep-prompt-depth.jsonl");
  g_autofree char *text = NULL;
  g_autoptr (GString) run = g_string_new (NULL);
  g_autofree char *saved = g_strdup (g_getenv ("BENCHTOP_PARSER_THREADS"));
  const char *threads[] = { "1", "2", "8" };
  const char *end;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  end = strchr (text, '\n');
  g_assert_nonnull (end);
  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (run, "%.*s\n", (int) (end - text), text);

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BenchSource) source = NULL;
      g_autoptr (GPtrArray) runs = NULL;
      GPtrArray *results;

      g_setenv ("BENCHTOP_PARSER_THREADS", threads[t], TRUE);
      source = bench_test_load_text (run->str, run->len, &error);
      g_assert_no_error (error);
      results = bench_source_get_results (source);
      g_assert_cmpuint (results->len, ==, 4000);
      g_assert_cmpuint (bench_result_get_run_index (g_ptr_array_index (results, results->len - 1)), ==, 0);
      runs = bench_group_results (results, BENCH_GROUP_RUN);
      g_assert_cmpuint (runs->len, ==, 1);
    }
  if (saved != NULL)
    g_setenv ("BENCHTOP_PARSER_THREADS", saved, TRUE);
  else
    g_unsetenv ("BENCHTOP_PARSER_THREADS");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/json/corpus-counts", test_corpus_counts);
  g_test_add_func ("/reader/json/fast-path-agrees-with-json-glib", test_fast_path_agrees_with_json_glib);
  g_test_add_func ("/reader/json/log-lines-skipped", test_log_lines_skipped);
  g_test_add_func ("/reader/json/speed-not-a-number-skipped", test_speed_not_a_number_skipped);
  g_test_add_func ("/reader/json/log-lines-between-records", test_log_lines_between_records);
  g_test_add_func ("/reader/json/truncated-array", test_truncated_array);
  g_test_add_func ("/reader/json/truncated-jsonl", test_truncated_jsonl);
  g_test_add_func ("/reader/json/invalid-record-position", test_invalid_record_position);
  g_test_add_func ("/reader/json/concatenated-arrays", test_concatenated_arrays);
  g_test_add_func ("/reader/json/harness-wrappers", test_harness_wrappers);
  g_test_add_func ("/reader/json/hostile/nesting", test_hostile_nesting);
  g_test_add_func ("/reader/json/hostile/bytes", test_hostile_bytes);
  g_test_add_func ("/reader/json/hostile/numbers-and-sizes", test_hostile_numbers_and_sizes);
  g_test_add_func ("/reader/json/not-llama-bench", test_not_llama_bench);
  g_test_add_func ("/reader/json/input-not-written", test_input_not_written);
  g_test_add_func ("/reader/json/one-run-on-any-thread-count", test_one_run_on_any_thread_count);

  return g_test_run ();
}
