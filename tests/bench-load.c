/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-load.c — how fast and how lean loading is.
 *
 *   bench-load [N]            writes realistic llama-bench files of N results
 *                             (default 100000) as a JSON array and as JSON
 *                             Lines into a temporary folder, loads each in a
 *                             fresh process and prints time and peak memory,
 *                             next to Python's json.load on the same file.
 *   bench-load --load FILE    loads FILE once and prints "seconds peak_kib".
 *   bench-load --write-json N FILE / --write-jsonl N FILE
 *
 * Figures, never assertions: run it by hand or with `meson test --benchmark`.
 */
#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-source.h"
#include "bench-test-util.h"

static const char *models[][4] = {
  /* model_type, filename, size, params */
  { "llama 8B Q4_K - Medium", "models/llama-3.1-8b-q4_k_m.gguf", "4920734016", "8030261248" },
  { "qwen3moe 30B.A3B Q4_K - Medium", "models/qwen3-30b-a3b-q4_k_m.gguf", "17709692928", "30532122624" },
  { "gpt-oss 20B MXFP4 MoE", "models/gpt-oss-20b-mxfp4.gguf", "12109565632", "20914757184" },
  { "gemma3 27B Q8_0", "models/gemma-3-27b-q8_0.gguf", "28709691392", "27009002240" },
};

static void
write_record (GString *out,
              guint    i,
              gboolean pretty)
{
  const char *const *m = models[i % G_N_ELEMENTS (models)];
  const char *nl = pretty ? "\n    " : " ";
  int n_prompt = (i / 4) % 2 == 0 ? 512 : 0;
  int n_gen = n_prompt ? 0 : 128;
  int depth = ((i / 8) % 5) * 4096;
  double base = n_prompt ? 1500.0 - depth * 0.05 : 60.0 - depth * 0.002;
  gint64 ns[5];
  double ts[5], sum = 0, sq = 0, avg, sd;
  gint64 avg_ns = 0;

  for (int k = 0; k < 5; k++)
    {
      ts[k] = base * (1.0 + 0.01 * sin (i * 7 + k));
      ns[k] = (gint64) (1e9 * (n_prompt + n_gen) / ts[k]);
      sum += ts[k];
      avg_ns += ns[k] / 5;
    }
  avg = sum / 5;
  for (int k = 0; k < 5; k++)
    sq += (ts[k] - avg) * (ts[k] - avg);
  sd = sqrt (sq / 4);

  g_string_append_printf (out,
    "%s{%s\"build_commit\": \"ff4affb4c\",%s\"build_number\": 8067,%s"
    "\"cpu_info\": \"AMD RYZEN AI MAX+ 395 w/ Radeon 8060S\",%s"
    "\"gpu_info\": \"Radeon 8060S Graphics\",%s\"backends\": \"ROCm\",%s"
    "\"model_filename\": \"%s\",%s\"model_type\": \"%s\",%s"
    "\"model_size\": %s,%s\"model_n_params\": %s,%s"
    "\"n_batch\": 2048,%s\"n_ubatch\": 512,%s\"n_threads\": 16,%s\"cpu_mask\": \"0x0\",%s"
    "\"cpu_strict\": false,%s\"poll\": 50,%s\"type_k\": \"f16\",%s\"type_v\": \"f16\",%s"
    "\"n_gpu_layers\": 999,%s\"n_cpu_moe\": 0,%s\"split_mode\": \"layer\",%s\"main_gpu\": 0,%s"
    "\"no_kv_offload\": false,%s\"flash_attn\": %s,%s\"devices\": \"auto\",%s"
    "\"tensor_split\": \"0.00\",%s\"tensor_buft_overrides\": \"none\",%s\"use_mmap\": false,%s"
    "\"embeddings\": false,%s\"no_op_offload\": 0,%s\"no_host\": false,%s"
    "\"n_prompt\": %d,%s\"n_gen\": %d,%s\"n_depth\": %d,%s"
    "\"test_time\": \"2026-03-01T22:54:%02uZ\",%s\"avg_ns\": %" G_GINT64_FORMAT ",%s"
    "\"stddev_ns\": %" G_GINT64_FORMAT ",%s\"avg_ts\": %.6f,%s\"stddev_ts\": %.6f,%s"
    "\"samples_ns\": [ %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
    G_GINT64_FORMAT ", %" G_GINT64_FORMAT " ],%s"
    "\"samples_ts\": [ %.6g, %.6g, %.6g, %.6g, %.6g ]%s}",
    pretty ? "  " : "", nl, nl, nl, nl, nl, nl, m[1], nl, m[0], nl, m[2], nl, m[3], nl,
    nl, nl, nl, nl, nl, nl, nl, nl, nl, nl, nl, nl, nl, (i / 40) % 2 ? "true" : "false", nl, nl,
    nl, nl, nl, nl, nl, nl, n_prompt, nl, n_gen, nl, depth, nl, i % 60, nl, avg_ns, nl,
    (gint64) (avg_ns * 0.01), nl, avg, nl, sd, nl, ns[0], ns[1], ns[2], ns[3], ns[4], nl,
    ts[0], ts[1], ts[2], ts[3], ts[4], pretty ? "\n  " : "");
}

static void
write_file (const char *path,
            guint       n,
            gboolean    array)
{
  FILE *f = fopen (path, "w");
  g_autoptr (GString) out = g_string_sized_new (4096);

  g_assert (f != NULL);
  if (array)
    fputs ("[\n", f);
  for (guint i = 0; i < n; i++)
    {
      g_string_truncate (out, 0);
      write_record (out, i, array);
      if (array)
        g_string_append (out, i + 1 < n ? ",\n" : "\n");
      else
        g_string_append_c (out, '\n');
      fwrite (out->str, 1, out->len, f);
    }
  if (array)
    fputs ("]\n", f);
  fclose (f);
}

static int
load_once (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  source = bench_source_load_file (file, NULL, NULL, NULL, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  if (source == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("%.3f %ld %u\n", seconds, bench_test_peak_kib (), bench_source_get_n_results (source));
  return 0;
}

static gboolean
run_child (const char * const *argv,
           char              **out)
{
  g_autoptr (GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, NULL,
                     &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static void
measure (const char *self,
         const char *path,
         const char *label)
{
  const char *argv[] = { self, "--load", path, NULL };
  const char *py[] = {
    "python3", "-c",
    "import json,sys,time,resource\n"
    "t=time.perf_counter()\n"
    "with open(sys.argv[1]) as f:\n"
    "  d=[json.loads(l) for l in f if l.strip()] if sys.argv[1].endswith('l') else json.load(f)\n"
    "print('%.3f %d %d' % (time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(d)))\n",
    path, NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *py_out = NULL;
  GStatBuf st;
  double secs = 0, py_secs = 0;
  long kib = 0, py_kib = 0;
  unsigned n = 0, py_n = 0;

  g_stat (path, &st);
  if (!run_child (argv, &out) || sscanf (out, "%lf %ld %u", &secs, &kib, &n) != 3)
    {
      printf ("%s: load failed\n", label);
      return;
    }
  printf ("%-6s %8.1f MB  benchtop: %6.3f s %7.1f MB peak (%.2f× file)  %u results\n",
          label, st.st_size / 1e6, secs, kib / 1024.0, kib * 1024.0 / st.st_size, n);
  if (run_child (py, &py_out) && sscanf (py_out, "%lf %ld %u", &py_secs, &py_kib, &py_n) == 3)
    printf ("%-6s %8s     python:   %6.3f s %7.1f MB peak            → benchtop takes %.2f× "
            "Python's time\n", "", "", py_secs, py_kib / 1024.0, secs / py_secs);
}

int
main (int    argc,
      char **argv)
{
  guint n = 100000;
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autofree char *jsonl = NULL;

  if (argc == 3 && strcmp (argv[1], "--load") == 0)
    return load_once (argv[2]);
  if (argc == 4 && strcmp (argv[1], "--write-json") == 0)
    return write_file (argv[3], atoi (argv[2]), TRUE), 0;
  if (argc == 4 && strcmp (argv[1], "--write-jsonl") == 0)
    return write_file (argv[3], atoi (argv[2]), FALSE), 0;
  if (argc == 2)
    n = atoi (argv[1]);

  dir = g_dir_make_tmp ("benchtop-load-XXXXXX", NULL);
  json = g_build_filename (dir, "results.json", NULL);
  jsonl = g_build_filename (dir, "results.jsonl", NULL);
  write_file (json, n, TRUE);
  write_file (jsonl, n, FALSE);

  printf ("Loading %u results on %u processors\n", n, g_get_num_processors ());
  measure (argv[0], json, "json");
  measure (argv[0], jsonl, "jsonl");

  g_unlink (json);
  g_unlink (jsonl);
  g_rmdir (dir);
  return 0;
}
