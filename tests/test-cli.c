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

static JsonObject *
parse_object (JsonParser *parser,
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
    o = parse_object (p0, lines[0]);
    g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "cpu-three-models.json");
    g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "json");
    g_assert_cmpint (json_object_get_int_member (o, "runs"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (o, "results"), ==, 6);
    g_assert_cmpint (json_object_get_int_member (o, "skipped"), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "warnings")), ==, 0);
    g_assert_false (json_object_has_member (o, "error"));

    o = parse_object (p1, lines[1]);
    warnings = json_object_get_array_member (o, "warnings");
    g_assert_cmpuint (json_array_get_length (warnings), >=, 1);
    g_assert_true (g_str_has_prefix (json_array_get_string_element (warnings, 0),
                                     "talk-strix-halo-rocm72-step35-imatrix.json:1:1: "));

    o = parse_object (p2, lines[2]);
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
  g_test_add_func ("/cli/summary", test_summary);
  g_test_add_func ("/cli/folder", test_folder);

  return g_test_run ();
}
