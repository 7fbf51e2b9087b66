/* test-cli.c — the headless command line: --list and --list --json, exit
 * status, standard input. Runs the real benchtop binary. */
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

  return g_test_run ();
}
