/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart.c — how fast charts are made.
 *
 *   bench-chart [BENCHTOP]   lays out and paints a 1,000-bar chart at
 *                            1920×1080 many times and prints the median;
 *                            then times `benchtop --export` on files of
 *                            1,000 and 100,000 results next to a Python +
 *                            matplotlib script drawing the same chart.
 *
 * Figures, never assertions.
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "bench-chart-layout.h"
#include "bench-chart-paint.h"
#include "bench-chart-spec.h"
#include "bench-source.h"

static const char *matplotlib_script =
  "import json, sys\n"
  "import matplotlib\n"
  "matplotlib.use('Agg')\n"
  "import matplotlib.pyplot as plt\n"
  "rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]\n"
  "fig, axes = plt.subplots(1, 2, figsize=(19.2, 10.8), dpi=100)\n"
  "for ax, kind in zip(axes, ('pp', 'tg')):\n"
  "    sel = [r for r in rows if (r['n_gen'] == 0) == (kind == 'pp')]\n"
  "    models = {}\n"
  "    for r in sel:\n"
  "        models.setdefault(r['model_type'], []).append(r)\n"
  "    names = list(models)\n"
  "    best = [max(models[m], key=lambda r: r['avg_ts']) for m in names]\n"
  "    ax.bar(range(len(names)), [r['avg_ts'] for r in best], yerr=[r['stddev_ts'] for r in best])\n"
  "    ax.set_xticks(range(len(names)))\n"
  "    ax.set_xticklabels(names, rotation=90, fontsize=4)\n"
  "    ax.set_ylabel('tokens/s')\n"
  "fig.savefig(sys.argv[2])\n";

static void
write_results (const char *path,
               guint       n,
               guint       n_models)
{
  FILE *f = fopen (path, "w");

  for (guint i = 0; i < n; i++)
    fprintf (f, "{\"build_commit\": \"ff4affb4c\", \"build_number\": 8067, \"cpu_info\": \"AMD EPYC\", "
                "\"gpu_info\": \"\", \"backends\": \"CPU\", \"model_filename\": \"m%u.gguf\", "
                "\"model_type\": \"model %u Q4_K - Medium\", \"model_size\": 4920734016, "
                "\"model_n_params\": 8030261248, \"n_threads\": 16, \"n_prompt\": %d, \"n_gen\": %d, "
                "\"n_depth\": 0, \"avg_ts\": %.6f, \"stddev_ts\": %.6f}\n",
             (i / 2) % n_models, (i / 2) % n_models, i % 2 ? 0 : 512, i % 2 ? 128 : 0,
             i % 2 ? 40.0 + i % 17 : 900.0 + i % 301, 1.0 + i % 5);
  fclose (f);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
time_command (const char * const *argv)
{
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
best_of (const char * const *argv,
         int                 runs)
{
  double best = -1;

  for (int i = 0; i < runs; i++)
    {
      double t = time_command (argv);
      if (t >= 0 && (best < 0 || t < best))
        best = t;
    }
  return best;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("benchtop-chart-bench-XXXXXX", NULL);
  g_autofree char *small = g_build_filename (dir, "1000.jsonl", NULL);
  g_autofree char *large = g_build_filename (dir, "100000.jsonl", NULL);
  g_autofree char *png = g_build_filename (dir, "out.png", NULL);
  g_autofree char *script = g_build_filename (dir, "plot.py", NULL);
  g_autoptr (GFile) file = NULL;
  g_autoptr (BenchSource) source = NULL;
  g_autoptr (GPtrArray) pp = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (BenchChartSpec) spec = NULL;
  g_autoptr (BenchChartTheme) theme = bench_chart_theme_new (BENCH_CHART_STYLE_LIGHT);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  double times[60];
  const char *benchtop = argc > 1 ? argv[1] : g_getenv ("BENCHTOP_BINARY");

  /* 1,000 bars: 1,000 models' prefill */
  write_results (small, 2000, 1000);
  file = g_file_new_for_path (small);
  source = bench_source_load_file (file, NULL, NULL, NULL, NULL);
  for (guint i = 0; i < bench_source_get_n_results (source); i++)
    {
      BenchResult *r = g_ptr_array_index (bench_source_get_results (source), i);
      if (bench_result_get_test_kind (r) == BENCH_TEST_PP)
        g_ptr_array_add (pp, g_object_ref (r));
    }
  spec = bench_chart_spec_new (pp);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();
      BenchChartLayout *layout = bench_chart_layout_new (spec, 1920, 1080, 1.0);
      bench_chart_paint (layout, theme, cr, NULL);
      cairo_surface_flush (surface);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      bench_chart_layout_free (layout);
      cairo_destroy (cr);
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_double);
  {
    /* count what is drawn, not what was given */
    g_autoptr (BenchChartLayout) layout = bench_chart_layout_new (spec, 1920, 1080, 1.0);
    guint n_bars = 0;

    for (guint p = 0; p < layout->panels->len; p++)
      n_bars += ((BenchChartPanelLayout *) g_ptr_array_index (layout->panels, p))->bars->len;
    printf ("layout + paint, %u bars, 1920x1080: median %.2f ms (min %.2f, max %.2f) over %zu runs\n",
            n_bars, times[G_N_ELEMENTS (times) / 2], times[0], times[G_N_ELEMENTS (times) - 1],
            G_N_ELEMENTS (times));
  }
  cairo_surface_destroy (surface);

  if (benchtop != NULL)
    {
      g_autofree char *out_arg = g_strdup_printf ("--export=%s", png);
      /* Debian's python3 has matplotlib; a pyenv one first on PATH may not */
      const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
      const char *py_small[] = { python, script, small, png, NULL };
      const char *py_large[] = { python, script, large, png, NULL };
      const char *bt_small[] = { benchtop, out_arg, "--view=models", small, NULL };
      const char *bt_large[] = { benchtop, out_arg, "--view=models", large, NULL };
      double b1, b2, p1, p2;

      write_results (large, 100000, 1000);
      g_file_set_contents (script, matplotlib_script, -1, NULL);
      b1 = best_of (bt_small, 5);
      b2 = best_of (bt_large, 3);
      p1 = best_of (py_small, 3);
      p2 = best_of (py_large, 2);
      printf ("benchtop --export, 2,000 results (1,000 bars a panel): %.3f s\n", b1);
      printf ("benchtop --export, 100,000 results:                    %.3f s\n", b2);
      if (p1 > 0)
        printf ("python3 + matplotlib, same charts:  %.3f s and %.3f s  → benchtop is %.1f× and %.1f× faster\n",
                p1, p2, p1 / b1, p2 / b2);
      else
        printf ("python3 + matplotlib not available: no comparison\n");
      g_unlink (large);
      g_unlink (script);
      g_unlink (png);
    }

  g_unlink (small);
  g_rmdir (dir);
  return 0;
}
