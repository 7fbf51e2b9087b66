/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c — the headless command line: --list and --list --json, exit
 * status, standard input. Runs the real benchtop binary. */
#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "bench-test-util.h"

static int
run (const char  *stdin_text,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("BENCHTOP_BINARY"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* headless: no display at all */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_json_lines (void)
{
  g_autofree char *path = bench_test_corpus_path ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;
  int status = run (NULL, &out, &err, "--list", "--json", path, NULL);

  g_assert_cmpint (status, ==, 0);
  /* the ROCm init lines are warnings, on stderr */
  g_assert_nonnull (strstr (err, "ggml_cuda_init"));
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 13);   /* 12 and the last empty */
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonObject *o;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      o = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (o, "backends"), ==, "ROCm");
      g_assert_true (json_object_has_member (o, "n_depth"));
      g_assert_cmpstr (json_object_get_string_member (o, "source"), ==,
                       "talk-strix-halo-rocm72-step35-imatrix.json");
      g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "json");
      g_assert_true (json_object_has_member (o, "samples_ns"));
      if (g_str_equal (json_object_get_string_member (o, "kind"), "pp"))
        {
          /* prefill is compute-bound: no roofline figures, absent not 0 */
          g_assert_false (json_object_has_member (o, "bytes_per_token"));
          g_assert_false (json_object_has_member (o, "bandwidth_gbs"));
          g_assert_false (json_object_has_member (o, "peak_gbs"));
          g_assert_false (json_object_has_member (o, "bandwidth_share"));
        }
      else
        {
          /* 199B.A11B: 111,493,808,640 bytes × 11 B ÷ 196.956 B parameters
           * = 6,226,929,278 bytes a token, estimated from the type; ROCm
           * prints "AMD Radeon Graphics" and cpu_info names the Strix Halo */
          double ts = json_object_get_double_member (o, "avg_ts");
          g_assert_cmpint (json_object_get_int_member (o, "bytes_per_token"), ==, 6226929278);
          g_assert_true (json_object_get_boolean_member (o, "bytes_per_token_estimated"));
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "bandwidth_gbs"),
                                          6226929278.0 * ts / 1e9, 1e-3);
          g_assert_cmpfloat (json_object_get_double_member (o, "peak_gbs"), ==, 256);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "bandwidth_share"),
                                          6226929278.0 * ts / 1e9 / 256, 1e-5);
        }
      if (i == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (o, "test"), ==, "pp512");
          g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "pp");
          g_assert_cmpint (json_object_get_int_member (o, "flash_attn"), ==, 1);
          g_assert_cmpint (json_object_get_int_member (o, "n_prompt"), ==, 512);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "avg_ts"), 254.6065, 1e-3);
        }
    }
}

/* Old files get n_depth and backends too: the output is one schema. */
static void
test_json_old_schema (void)
{
  g_autofree char *path =
    bench_test_corpus_path ("public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--list", "--json", path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"backends\": \"CUDA\""));
  g_assert_nonnull (strstr (out, "\"n_depth\": 0"));
  g_assert_nonnull (strstr (out, "\"test\": \"tg128\""));
}

static void
test_stdin (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *text =
    "{\"model_type\": \"llama 7B Q4_0\", \"n_prompt\": 0, \"n_gen\": 128, \"n_depth\": 4096, "
    "\"avg_ts\": 42.5, \"stddev_ts\": 0.5}\n";

  g_assert_cmpint (run (text, &out, &err, "--list", "--json", "-", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"test\": \"tg128 @ d4096\""));
  g_assert_nonnull (strstr (out, "\"kind\": \"tg\""));
}

/* An aligned table: every line as wide as the header. */
static void
test_table (void)
{
  g_autofree char *path = bench_test_corpus_path ("generated/cpu-threads-fa.twin.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;
  glong width;

  g_assert_cmpint (run (NULL, &out, &err, "--list", path, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 8 + 2 + 1);
  g_assert_nonnull (strstr (lines[0], "| threads |"));
  g_assert_nonnull (strstr (lines[0], "| fa |"));
  width = g_utf8_strlen (lines[0], -1);
  for (guint i = 1; i < 10; i++)
    g_assert_cmpint (g_utf8_strlen (lines[i], -1), ==, width);
  g_assert_nonnull (strstr (out, " ± "));
}

static void
test_exit_status (void)
{
  g_autofree char *good = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL, *out3 = NULL, *err3 = NULL;

  /* a file that fails: status 1, the good one still listed */
  g_assert_cmpint (run (NULL, &out, &err, "--list", "--json", "/nonexistent.json", good, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "nonexistent.json"));
  {
    g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 7);
  }
  /* bad usage: 2 */
  g_assert_cmpint (run (NULL, &out2, &err2, "--list", "--no-such-option", good, NULL), ==, 2);
  g_assert_cmpint (run (NULL, &out3, &err3, "--list", NULL), ==, 2);
}

/* --compare prints the markdown table and, with --export, draws the
 * speedups; --view has no meaning there */
static void
test_compare_export (void)
{
  g_autofree char *base = bench_test_corpus_path ("public/strix-halo-gpt-oss-20b.default-hip.jsonl");
  g_autofree char *cand = bench_test_corpus_path ("public/strix-halo-gpt-oss-20b.lhl-tune-tile.jsonl");
  g_autofree char *dir = g_dir_make_tmp ("benchtop-cli-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "speedup.svg", NULL);
  g_autofree char *export_arg = g_strdup_printf ("--export=%s", svg);
  g_autofree char *baseline_arg = g_strdup_printf ("--baseline=%s", base);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--compare", baseline_arg, cand, export_arg,
                        "--size=1280x720", NULL), ==, 0);
  /* pp512 @ d65536: 426.81 against 277.58 t/s, 1.54× */
  g_assert_nonnull (strstr (out, "| pp512 @ d65536 |"));
  g_assert_nonnull (strstr (out, "1.54 ± 0.00"));
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));

  g_assert_cmpint (run (NULL, &out2, &err2, "--compare", baseline_arg, cand, export_arg,
                        "--view=models", NULL), ==, 2);
  g_assert_nonnull (strstr (err2, "--view"));

  bench_test_remove_tree (dir);
}

/* Two files that each sweep context depth: the files named are the
 * selection, so the export is the sweep (a titled depth axis), not the
 * overview of best speeds that several unrelated files get */
static void
test_export_sweep_across_files (void)
{
  g_autofree char *a = bench_test_corpus_path ("public/strix-halo-gpt-oss-20b.default-hip.jsonl");
  g_autofree char *b = bench_test_corpus_path ("public/strix-halo-gpt-oss-20b.lhl-tune-tile.jsonl");
  g_autofree char *c = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autofree char *d = bench_test_corpus_path ("public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.csv");
  g_autofree char *dir = g_dir_make_tmp ("benchtop-cli-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "sweep.pdf", NULL);
  g_autofree char *export_arg = g_strdup_printf ("--export=%s", pdf);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL, *text2 = NULL;
  const char *pdftotext[] = { "pdftotext", pdf, "-", NULL };

  g_assert_cmpint (run (NULL, &out, &err, export_arg, a, b, NULL), ==, 0);
  g_assert_true (g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &text, NULL, NULL, NULL));
  g_assert_nonnull (strstr (text, "Context depth"));
  g_assert_null (strstr (text, "2 runs"));

  /* results that sweep nothing in common: the overview */
  g_assert_cmpint (run (NULL, &out2, &err2, export_arg, c, d, NULL), ==, 0);
  g_assert_true (g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &text2, NULL, NULL, NULL));
  g_assert_nonnull (strstr (text2, "Best speed of each model"));

  bench_test_remove_tree (dir);
}

static void
test_scenario_json (void)
{
  g_autofree char *orion = bench_test_corpus_path ("public/orion-radeon8060s-rocm712-gpt-oss-20b-depth-sweep.json");
  g_autofree char *step = bench_test_corpus_path ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;
  int status = run (NULL, &out, &err, "--scenario=prompt=4096,answer=1000,min-tg=15,memory=96",
                    "--json", orion, step, NULL);
  static const char * const members[] = {
    "model", "model_type", "model_filename", "hardware", "cpu_info", "gpu_info", "build_commit",
    "backends", "flash_attn", "n_batch", "n_ubatch", "type_k", "type_v", "n_threads",
    "n_gpu_layers", "ttft_s", "ttft_sd_s", "gen_ts", "gen_sd_ts", "answer_s", "total_s",
    "total_sd_s", "extrapolated", "memory_gb", "fits", "meets", "reason", "command",
  };

  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);   /* two candidates and the last empty */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonObject *o;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      o = json_node_get_object (json_parser_get_root (parser));
      for (guint k = 0; k < G_N_ELEMENTS (members); k++)
        if (!json_object_has_member (o, members[k]))
          g_error ("line %u has no %s: %s", i, members[k], lines[i]);
      if (i == 0)
        {
          /* gpt-oss MXFP4 ranks first: the Step model's weights alone
           * pass 96 GB */
          g_assert_cmpstr (json_object_get_string_member (o, "model_type"), ==, "gpt-oss 20B MXFP4 MoE");
          g_assert_cmpstr (json_object_get_string_member (o, "type_k"), ==, "q8_0");
          g_assert_cmpint (json_object_get_int_member (o, "n_ubatch"), ==, 2048);
          /* 4096 at depth 0 was measured: the time is pp4096's */
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "ttft_s"), 4096 / 1757.23, 0.002);
          /* generation from 4096 to 5096 lies inside the measured tests */
          g_assert_false (json_object_get_boolean_member (o, "extrapolated"));
          g_assert_true (json_node_is_null (json_object_get_member (o, "command")));
        }
      else
        {
          g_assert_cmpstr (json_object_get_string_member (o, "model_type"), ==,
                           "Step 3.5 Flash 199B.A11B Q4_K_S imatrix");
          g_assert_false (json_object_get_boolean_member (o, "fits"));
          g_assert_false (json_object_get_boolean_member (o, "meets"));
          g_assert_nonnull (strstr (json_object_get_string_member (o, "reason"), "budget 96 GB"));
        }
    }
}

static void
test_scenario_markdown_and_chart (void)
{
  g_autofree char *path = bench_test_corpus_path ("public/talk-strix-halo-rocm72-step35-flash-reap128-q4km.json");
  g_autofree char *dir = g_dir_make_tmp ("benchtop-scenario-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "scenario.png", NULL);
  g_autofree char *export = g_strdup_printf ("--export=%s", png);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *png_data = NULL;
  gsize png_len = 0;
  int status = run (NULL, &out, &err, "--scenario=prompt=20000,answer=1000,depth=150000,min-tg=15",
                    export, "--size=800x600", "--style=dark", path, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "| # | candidate | first token (s) |"));
  g_assert_nonnull (strstr (out, "Step 3.5 Flash REAP 128B.A11B Q4_K_M"));
  /* past the last measured depth: marked, with the command that measures it */
  g_assert_nonnull (strstr (out, " * |"));
  g_assert_nonnull (strstr (out, "-p 20000 -n 1000 -d 150000 -r 3 -o jsonl"));
  g_assert_nonnull (strstr (out, "t/s at 170k, needs 15"));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  /* drawn at the size asked for: the PNG header's width and height */
  g_assert_true (g_file_get_contents (png, &png_data, &png_len, NULL));
  g_assert_cmpuint (png_len, >, 24);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (void *) (png_data + 16)), ==, 800);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (void *) (png_data + 20)), ==, 600);
  bench_test_remove_tree (dir);
}

static void
test_scenario_usage (void)
{
  g_autofree char *path = bench_test_corpus_path ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--scenario=prompt=20000", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "answer"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &out, &err, "--scenario=prompt=1,answer=x", path, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &out, &err, "--scenario=prompt=1,answer=1,speed=3", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "speed"));
  /* the chart's options go with --export, as for the other charts */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &out, &err, "--scenario=prompt=1,answer=1", "--size=800x600", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--export"));
}

static void
test_scenario_check (void)
{
  g_autofree char *path = bench_test_corpus_path ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--scenario-check", path, NULL), ==, 0);
  /* one row per candidate and kind: the four inner depths of each */
  g_assert_nonnull (strstr (out, "| median error | worst error |"));
  g_assert_nonnull (strstr (out, "Step 3.5 Flash 199B.A11B Q4_K_S imatrix · AMD RYZEN AI MAX+ 395 w/ Radeon 8060S · ROCm · pp | 4 |"));
  g_assert_nonnull (strstr (out, "Step 3.5 Flash 199B.A11B Q4_K_S imatrix · AMD RYZEN AI MAX+ 395 w/ Radeon 8060S · ROCm · tg | 4 |"));
}

static void
test_scenario_gguf (void)
{
  g_autofree char *orion = bench_test_corpus_path ("public/orion-radeon8060s-rocm712-gpt-oss-20b-depth-sweep.json");
  g_autofree char *header = bench_test_corpus_path ("gguf/meta-llama-gqa-8b-shape.gguf");
  g_autofree char *dir = g_dir_make_tmp ("benchtop-gguf-XXXXXX", NULL);
  /* the results name the model file by its path on the machine that ran them */
  g_autofree char *model = g_build_filename (dir, "gpt-oss-20b-mxfp4.gguf", NULL);
  g_autofree char *gguf = g_strdup_printf ("--gguf=%s", model);
  g_autofree char *missing = g_strdup_printf ("--gguf=%s/nothing.gguf", dir);
  g_autofree char *data = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (header, &data, &len, NULL));
  g_assert_true (g_file_set_contents (model, data, len, NULL));
  g_assert_cmpint (run (NULL, &out, &err, "--scenario=prompt=1000,answer=100,context=65536,memory=96",
                        "--json", gguf, orion, NULL), ==, 0);
  /* 32 layers × 8 KV heads × 256 × q8_0's 34/32 bytes × 65,536 tokens
   * + 12.1 GB of weights + 0.5 GiB + 2048 × 256 KiB = 17.73 GB */
  g_assert_nonnull (strstr (out, "\"memory_gb\": 17.73"));
  g_assert_nonnull (strstr (out, "\"fits\": true"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a file that is not there: an error that names it */
  g_assert_cmpint (run (NULL, &out, &err, "--scenario=prompt=1,answer=1", missing, orion, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "nothing.gguf"));
  bench_test_remove_tree (dir);
}

/* —— --summary, --model-info and --gguf —— */

static JsonObject *
parse_line (JsonParser *parser,
            const char *line)
{
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* --summary: per file its format, runs, results, skipped records and each
 * warning with FILE:LINE:COLUMN, failures too; no results. */
static void
test_summary (void)
{
  g_autofree char *good = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autofree char *noisy = bench_test_corpus_path ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  g_autofree char *dir = g_dir_make_tmp ("benchtop-cli-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken-run.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_file_set_contents (bad, "{\"name\": \"not a benchmark\"}\n", -1, NULL));

  status = run (NULL, &out, &err, "--summary", good, noisy, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "cpu-three-models.json: json, 1 run, 6 results, 0 records skipped\n"));
  g_assert_nonnull (strstr (out, "talk-strix-halo-rocm72-step35-imatrix.json: json, 1 run, 12 results"));
  /* the ROCm init lines, with their position, on stdout this time */
  g_assert_nonnull (strstr (out, "  warning: talk-strix-halo-rocm72-step35-imatrix.json:1:1: "));
  /* no results */
  g_assert_null (strstr (out, "pp512"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a file that cannot be read is listed with its error, and the exit says so */
  status = run (NULL, &out, &err, "--summary", good, bad, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "broken-run.json: could not be read\n  error: broken-run.json:1:1: "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --json: one compact object per file per line */
  status = run (NULL, &out, &err, "--summary", "--json", good, noisy, bad, NULL);
  g_assert_cmpint (status, ==, 1);
  {
    g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
    g_autoptr (JsonParser) p0 = json_parser_new ();
    g_autoptr (JsonParser) p1 = json_parser_new ();
    g_autoptr (JsonParser) p2 = json_parser_new ();
    JsonObject *o;
    JsonArray *warnings;

    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    o = parse_line (p0, lines[0]);
    g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "cpu-three-models.json");
    g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "json");
    g_assert_cmpint (json_object_get_int_member (o, "runs"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "results"), ==, 6);
    g_assert_cmpint (json_object_get_int_member (o, "skipped"), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "warnings")), ==, 0);
    g_assert_false (json_object_has_member (o, "error"));

    o = parse_line (p1, lines[1]);
    warnings = json_object_get_array_member (o, "warnings");
    g_assert_cmpuint (json_array_get_length (warnings), >=, 1);
    g_assert_true (g_str_has_prefix (json_array_get_string_element (warnings, 0),
                                     "talk-strix-halo-rocm72-step35-imatrix.json:1:1: "));

    o = parse_line (p2, lines[2]);
    g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "broken-run.json");
    g_assert_true (json_object_get_null_member (o, "format"));
    g_assert_cmpint (json_object_get_int_member (o, "results"), ==, 0);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "error"), "broken-run.json:1:1: "));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* standard input, and a folder read like the window reads one */
  {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (good, &text, NULL, NULL));
    status = run (text, &out, &err, "--summary", "-", NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "standard input: json, 1 run, 6 results"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* what does not go together */
  status = run (NULL, &out, &err, "--summary", "--list", good, NULL);
  g_assert_cmpint (status, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run (NULL, &out, &err, "--json", good, NULL);
  g_assert_cmpint (status, ==, 2);

  bench_test_remove_tree (dir);
}

/* A folder on the command line reads like a folder dropped on the window:
 * every result file inside, other files passed over. */
static void
test_folder (void)
{
  g_autofree char *good = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autofree char *dir = g_dir_make_tmp ("benchtop-cli-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "a.json", NULL);
  g_autofree char *readme = g_build_filename (dir, "README.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_file_get_contents (good, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (copy, text, -1, NULL));
  g_assert_true (g_file_set_contents (readme, "Results of last week.\n", -1, NULL));
  status = run (NULL, &out, &err, "--summary", dir, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "a.json: json, 1 run, 6 results, 0 records skipped\n");
  bench_test_remove_tree (dir);
}

static gint64
kv_bytes (JsonObject *o,
          const char *member,
          const char *type)
{
  return json_object_get_int_member (json_object_get_object_member (o, member), type);
}

/* One object per file with GGUF's own names; the figures are those
 * computed by hand in test-gguf.c */
static void
test_model_info_json (void)
{
  g_autofree char *llama = bench_test_corpus_path ("gguf/meta-llama-gqa-8b-shape.gguf");
  g_autofree char *layers = bench_test_corpus_path ("gguf/meta-per-layer-kv-heads.gguf");
  g_autofree char *gemma = bench_test_corpus_path ("gguf/meta-gemma3-swa-shape.gguf");
  g_autofree char *bert = bench_test_corpus_path ("gguf/vocab-bert-bge.gguf");
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) lines = NULL;
  JsonObject *o;
  JsonArray *kv;

  g_assert_cmpint (run (NULL, &out, &err, "--model-info", "--json", llama, layers, gemma, bert,
                        NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);

  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    /* 32 layers × 8 KV heads × (128 + 128) × 2 bytes */
    o = parse_line (parser, lines[0]);
    g_assert_cmpstr (json_object_get_string_member (o, "architecture"), ==, "llama");
    g_assert_cmpint (json_object_get_int_member (o, "block_count"), ==, 32);
    g_assert_cmpint (json_object_get_int_member (o, "context_length"), ==, 131072);
    g_assert_cmpint (json_object_get_int_member (o, "head_count"), ==, 32);
    g_assert_cmpint (json_object_get_int_member (o, "head_count_kv"), ==, 8);
    g_assert_cmpint (json_object_get_int_member (o, "key_length"), ==, 128);
    g_assert_cmpint (json_object_get_int_member (o, "file_type"), ==, 15);
    g_assert_cmpint (json_object_get_int_member (o, "expert_count"), ==, 0);
    g_assert_cmpint (kv_bytes (o, "kv_bytes_per_token", "f16"), ==, 131072);
    g_assert_cmpint (kv_bytes (o, "kv_bytes_per_token", "q8_0"), ==, 69632);
    g_assert_cmpint (kv_bytes (o, "kv_bytes_per_token", "q4_0"), ==, 36864);
    g_assert_false (json_object_has_member (o, "swa_kv_bytes_per_token"));
    g_assert_false (json_object_has_member (o, "kv_approximate"));
  }
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    const gint64 expected[] = { 4, 4, 0, 4, 4, 0 };
    /* per-layer KV heads as an array; 4 layers × 4 × 256 × 2 */
    o = parse_line (parser, lines[1]);
    kv = json_object_get_array_member (o, "head_count_kv");
    g_assert_cmpuint (json_array_get_length (kv), ==, 6);
    for (guint i = 0; i < 6; i++)
      g_assert_cmpint (json_array_get_int_element (kv, i), ==, expected[i]);
    g_assert_cmpint (kv_bytes (o, "kv_bytes_per_token", "f16"), ==, 8192);
  }
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    /* Gemma 3: 5 full layers × 4 × 512 × 2; 29 sliding ones apart */
    o = parse_line (parser, lines[2]);
    g_assert_cmpint (json_object_get_int_member (o, "sliding_window"), ==, 1024);
    g_assert_cmpint (kv_bytes (o, "kv_bytes_per_token", "f16"), ==, 20480);
    g_assert_cmpint (kv_bytes (o, "swa_kv_bytes_per_token", "f16"), ==, 118784);
    g_assert_true (json_object_get_boolean_member (o, "sliding_pattern_assumed"));
  }
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    /* an encoder: 0 */
    o = parse_line (parser, lines[3]);
    g_assert_cmpstr (json_object_get_string_member (o, "architecture"), ==, "bert");
    g_assert_cmpint (kv_bytes (o, "kv_bytes_per_token", "f16"), ==, 0);
  }
}

static void
test_model_info_text (void)
{
  g_autofree char *qwen = bench_test_corpus_path ("gguf/meta-qwen3moe-30b-a3b-shape.gguf");
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--model-info", qwen, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, qwen));
  g_assert_nonnull (strstr (out, "qwen3moe"));
  g_assert_nonnull (strstr (out, "128, 8 used per token"));
  /* 48 layers × 4 × 256 × 2 bytes */
  g_assert_nonnull (strstr (out, "f16 98304 bytes (96.0\u00a0KiB)"));   /* GLib's no-break space */
  g_assert_nonnull (strstr (out, "q8_0 52224 bytes"));
  g_assert_nonnull (strstr (out, "q4_0 27648 bytes"));
}

/* A file that is not a readable GGUF: non-zero, and the message names it;
 * the readable ones are still printed */
static void
test_model_info_not_gguf (void)
{
  g_autofree char *json = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autofree char *llama = bench_test_corpus_path ("gguf/meta-llama-gqa-8b-shape.gguf");
  g_autofree char *dir = g_dir_make_tmp ("benchtop-cli-XXXXXX", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.gguf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  gsize len;

  g_assert_cmpint (run (NULL, &out, &err, "--model-info", "--json", json, llama, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cpu-three-models.json"));
  g_assert_nonnull (strstr (out, "\"block_count\": 32"));

  /* a header cut short: the message says where */
  g_assert_true (g_file_get_contents (llama, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (cut, contents, 300, NULL));
  g_assert_cmpint (run (NULL, &out2, &err2, "--model-info", cut, NULL), ==, 1);
  g_assert_nonnull (strstr (err2, "cut.gguf: "));
  g_assert_nonnull (strstr (err2, "300"));
  g_assert_cmpstr (out2, ==, "");

  g_assert_cmpint (run (NULL, &out3, &err3, "--model-info", "/nonexistent/model.gguf", NULL), ==, 1);
  g_assert_nonnull (strstr (err3, "/nonexistent/model.gguf"));
  bench_test_remove_tree (dir);
}

/* --gguf=FILE registers model files for the other commands; one that is
 * not a GGUF stops the command, naming it */
static void
test_gguf_option (void)
{
  g_autofree char *results = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autofree char *llama = bench_test_corpus_path ("gguf/meta-llama-gqa-8b-shape.gguf");
  g_autofree char *gguf_arg = g_strdup_printf ("--gguf=%s", llama);
  g_autofree char *bad_arg = g_strdup_printf ("--gguf=%s", results);
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;

  g_assert_cmpint (run (NULL, &out, &err, "--list", gguf_arg, gguf_arg, results, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "|"));
  g_assert_cmpint (run (NULL, &out2, &err2, "--list", bad_arg, results, NULL), ==, 1);
  g_assert_nonnull (strstr (err2, "cpu-three-models.json"));
  g_assert_nonnull (strstr (err2, "GGUF"));
}

/* The window takes --gguf too (it is read before any window opens, so no
 * display is needed to see a bad one refused) */
static void
test_gguf_option_window (void)
{
  g_autofree char *results = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autofree char *bad_arg = g_strdup_printf ("--gguf=%s", results);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (NULL, &out, &err, bad_arg, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cpu-three-models.json: not a GGUF file"));
}

/* --style=transparent-dark: no background, light text for dark slides;
 * an unknown style is refused and the four are named */
static void
test_export_style (void)
{
  g_autofree char *path = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autofree char *dir = g_dir_make_tmp ("benchtop-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *export_arg = g_strdup_printf ("--export=%s", png);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  cairo_surface_t *surface;
  unsigned char *data;
  int stride, w, h;
  guint light = 0, dark = 0;

  g_assert_cmpint (run (NULL, &out, &err, export_arg, "--style=transparent-dark", "--size=800x450", path, NULL), ==, 0);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  g_assert_cmpint (*(guint32 *) data >> 24, ==, 0);
  /* the opaque grey pixels (text, axes, whiskers) are light, not dark */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(guint32 *) (data + y * stride + x * 4);
        guint a = px >> 24, r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

        if (a < 250 || MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > 16)
          continue;
        if (r > 180)
          light++;
        else if (r < 80)
          dark++;
      }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (light, >, 200);
  g_assert_cmpuint (dark, <, light / 10);

  g_assert_cmpint (run (NULL, &out2, &err2, export_arg, "--style=neon", path, NULL), !=, 0);
  g_assert_nonnull (strstr (err2, "transparent-dark"));
  g_unlink (png);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/list-json", test_json_lines);
  g_test_add_func ("/cli/list-json-old-schema", test_json_old_schema);
  g_test_add_func ("/cli/stdin", test_stdin);
  g_test_add_func ("/cli/list-table", test_table);
  g_test_add_func ("/cli/exit-status", test_exit_status);
  g_test_add_func ("/cli/compare-export", test_compare_export);
  g_test_add_func ("/cli/export-sweep-across-files", test_export_sweep_across_files);
  g_test_add_func ("/cli/summary", test_summary);
  g_test_add_func ("/cli/folder", test_folder);
  g_test_add_func ("/cli/scenario-json", test_scenario_json);
  g_test_add_func ("/cli/scenario-markdown-and-chart", test_scenario_markdown_and_chart);
  g_test_add_func ("/cli/scenario-usage", test_scenario_usage);
  g_test_add_func ("/cli/scenario-check", test_scenario_check);
  g_test_add_func ("/cli/scenario-gguf", test_scenario_gguf);
  g_test_add_func ("/cli/model-info-json", test_model_info_json);
  g_test_add_func ("/cli/model-info-text", test_model_info_text);
  g_test_add_func ("/cli/model-info-not-gguf", test_model_info_not_gguf);
  g_test_add_func ("/cli/gguf-option", test_gguf_option);
  g_test_add_func ("/cli/gguf-option-window", test_gguf_option_window);
  g_test_add_func ("/cli/export-style-transparent-dark", test_export_style);

  return g_test_run ();
}
