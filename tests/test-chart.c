/* test-chart.c — chart geometry and exported files. */
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bench-chart-export.h"
#include "bench-chart-layout.h"
#include "bench-chart-spec.h"
#include "bench-test-util.h"

static BenchChartLayout *
layout_for (BenchSource *source,
            double       width,
            double       height)
{
  g_autoptr (BenchChartSpec) spec = bench_chart_spec_new (bench_source_get_results (source));
  return bench_chart_layout_new (spec, width, height, 1.0);
}

static BenchChartPanelLayout *
panel (BenchChartLayout *layout,
       guint             i)
{
  g_assert_cmpuint (layout->panels->len, >, i);
  return g_ptr_array_index (layout->panels, i);
}

static double
base_of (BenchChartPanelLayout *p)
{
  return p->plot.y + p->plot.height;
}

/* cpu-three-models: three models, pp128 and tg32 each */
static void
test_bars_proportional (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (BenchChartLayout) layout = layout_for (source, 1920, 1080);

  g_assert_cmpuint (layout->panels->len, ==, 2);
  for (guint k = 0; k < 2; k++)
    {
      BenchChartPanelLayout *p = panel (layout, k);
      double px_per_unit = p->plot.height / (p->y_max - p->y_min);

      g_assert_cmpint (p->kind, ==, BENCH_CHART_BARS);
      g_assert_cmpuint (p->bars->len, ==, 3);
      for (guint i = 0; i < p->bars->len; i++)
        {
          BenchChartBar *bar = &g_array_index (p->bars, BenchChartBar, i);
          double avg = bench_result_get_avg_ts (bar->result);
          double sd = bench_result_get_stddev_ts (bar->result);

          /* height proportional to the value, from a zero baseline */
          g_assert_cmpfloat_with_epsilon (bar->rect.y + bar->rect.height, base_of (p), 1e-9);
          g_assert_cmpfloat_with_epsilon (bar->rect.height, avg * px_per_unit, 1e-6);
          /* whiskers exactly ± one standard deviation in axis units */
          g_assert_cmpfloat_with_epsilon (bar->rect.y - bar->whisker_top, sd * px_per_unit, 1e-6);
          g_assert_cmpfloat_with_epsilon (bar->whisker_bottom - bar->rect.y, sd * px_per_unit, 1e-6);
        }
    }
}

static gboolean
is_nice (double step)
{
  double m = pow (10, floor (log10 (step)));
  double r = step / m;

  return fabs (r - 1) < 1e-9 || fabs (r - 2) < 1e-9 || fabs (r - 5) < 1e-9 || fabs (r - 10) < 1e-9;
}

static void
test_ticks_nice_and_covering (void)
{
  static const char *files[] = {
    "generated/cpu-three-models.json", "public/orion-radeon8060s-rocm712-gpt-oss-20b-depth-sweep.json",
    "public/strix-halo-sweep-Qwen3-32B-Q8_0.jsonl", "public/issue-llamacpp-4560-jetson-tx2-cuda-ngl-sweep-2023-truncated.md",
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr (BenchSource) source = bench_test_load_corpus (files[f]);
      g_autoptr (BenchChartLayout) layout = layout_for (source, 1280, 720);

      for (guint k = 0; k < layout->panels->len; k++)
        {
          BenchChartPanelLayout *p = panel (layout, k);
          BenchChartTick *first = &g_array_index (p->y_ticks, BenchChartTick, 0);
          BenchChartTick *last = &g_array_index (p->y_ticks, BenchChartTick, p->y_ticks->len - 1);
          double step = g_array_index (p->y_ticks, BenchChartTick, 1).value - first->value;
          GPtrArray *results = bench_chart_spec_get_panel (layout->spec, k)->results;

          g_test_message ("%s panel %u: %g..%g step %g", files[f], k, first->value, last->value, step);
          g_assert_cmpfloat (first->value, ==, 0);
          g_assert_true (is_nice (step));
          for (guint i = 1; i < p->y_ticks->len; i++)
            g_assert_cmpfloat_with_epsilon (g_array_index (p->y_ticks, BenchChartTick, i).value -
                                            g_array_index (p->y_ticks, BenchChartTick, i - 1).value,
                                            step, step * 1e-9);
          g_assert_cmpuint (p->y_ticks->len, >=, 3);
          g_assert_cmpuint (p->y_ticks->len, <=, 11);
          for (guint i = 0; i < results->len; i++)
            {
              BenchResult *r = g_ptr_array_index (results, i);
              g_assert_cmpfloat (last->value, >=, bench_result_get_avg_ts (r) + bench_result_get_stddev_ts (r));
            }
        }
    }
}

/* prefill and generation never share an axis */
static void
test_separate_panels (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("public/issue-geerling-ai-bench-48-m1-ultra-metal-blas.md");
  g_autoptr (BenchChartLayout) layout = layout_for (source, 1920, 1080);
  guint kinds = 0;

  for (guint k = 0; k < layout->panels->len; k++)
    {
      BenchChartPanelLayout *p = panel (layout, k);
      for (guint i = 0; i < p->bars->len; i++)
        g_assert_cmpint (bench_result_get_test_kind (g_array_index (p->bars, BenchChartBar, i).result),
                         ==, p->test_kind);
      kinds |= 1 << p->test_kind;
      /* panels do not overlap */
      for (guint j = 0; j < k; j++)
        {
          BenchChartPanelLayout *q = panel (layout, j);
          g_assert_true (p->frame.x >= q->frame.x + q->frame.width || p->frame.y >= q->frame.y + q->frame.height);
        }
    }
  /* this file has pp, tg and pp4096+tg128: three panels, three axes */
  g_assert_cmpuint (kinds, ==, (1 << BENCH_TEST_PP) | (1 << BENCH_TEST_TG) | (1 << BENCH_TEST_PG));
  g_assert_cmpfloat (panel (layout, 0)->y_max, !=, panel (layout, 1)->y_max);
}

static gboolean
rects_overlap (const BenchChartRect *a,
               const BenchChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static BenchSource *
many_models (guint n)
{
  GString *text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  BenchSource *source;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "{\"model_type\": \"a rather long model name number %u Q4_K - Medium\", "
                            "\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": %u.5, \"stddev_ts\": 2.5}\n",
                            i, 100 + (i * 37) % 900);
  source = bench_test_load_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_string_free (text, TRUE);
  return source;
}

/* long names ellipsize, a hundred bars thin out their labels: nothing overlaps */
static void
test_labels_never_overlap (void)
{
  static const guint counts[] = { 3, 12, 100 };
  static const double widths[] = { 1920, 900 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        g_autoptr (BenchSource) source = many_models (counts[c]);
        g_autoptr (BenchChartLayout) layout = layout_for (source, widths[w], widths[w] * 9 / 16);
        BenchChartPanelLayout *p = panel (layout, 0);

        g_assert_cmpuint (p->bars->len, ==, counts[c]);
        g_assert_cmpuint (p->category_labels->len, >, 0);
        for (guint i = 0; i < p->category_labels->len; i++)
          {
            BenchChartLabel *a = &g_array_index (p->category_labels, BenchChartLabel, i);
            double mw, mh;

            /* the text as laid out fits its box */
            bench_chart_label_measure (a, a->rect.width, &mw, &mh);
            g_assert_cmpfloat (mw, <=, a->rect.width + 0.5);
            g_assert_cmpfloat (a->rect.x, >=, p->frame.x - 0.5);
            g_assert_cmpfloat (a->rect.x + a->rect.width, <=, p->frame.x + p->frame.width + 0.5);
            for (guint j = 0; j < i; j++)
              g_assert_false (rects_overlap (&a->rect, &g_array_index (p->category_labels, BenchChartLabel, j).rect));
          }
        /* bars do not overlap either */
        for (guint i = 1; i < p->bars->len; i++)
          for (guint j = 0; j < i; j++)
            g_assert_false (rects_overlap (&g_array_index (p->bars, BenchChartBar, i).rect,
                                           &g_array_index (p->bars, BenchChartBar, j).rect));
      }
}

static void
test_line_chart_for_sweeps (void)
{
  g_autoptr (BenchSource) depth = bench_test_load_corpus ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  g_autoptr (BenchSource) prompt = bench_test_load_corpus ("generated/cpu-sweep-prompt-depth.jsonl");
  g_autoptr (BenchChartSpec) ds = bench_chart_spec_new (bench_source_get_results (depth));
  g_autoptr (BenchChartSpec) ps = bench_chart_spec_new (bench_source_get_results (prompt));
  g_autoptr (BenchChartLayout) dl = bench_chart_layout_new (ds, 1920, 1080, 1.0);
  BenchChartPanelLayout *p;
  double prev_x = -1;

  g_assert_cmpint (bench_chart_spec_get_panel (ds, 0)->kind, ==, BENCH_CHART_LINES);
  g_assert_cmpstr (bench_chart_spec_get_panel (ds, 0)->x_field, ==, "n_depth");
  g_assert_cmpstr (bench_chart_spec_get_panel (ds, 1)->x_field, ==, "n_depth");
  /* pp 32…256 at depth 0 and 256: prompt length is the axis, depth the series */
  g_assert_cmpint (bench_chart_spec_get_panel (ps, 0)->kind, ==, BENCH_CHART_LINES);
  g_assert_cmpstr (bench_chart_spec_get_panel (ps, 0)->x_field, ==, "n_prompt");
  g_assert_cmpuint (bench_chart_spec_get_panel (ps, 0)->series->len, ==, 2);
  /* tg has only 16 and 32: bars */
  g_assert_cmpint (bench_chart_spec_get_panel (ps, 1)->kind, ==, BENCH_CHART_BARS);

  /* depth 0…131072 on a log2 axis: equal ratios, equal distances */
  p = panel (dl, 0);
  g_assert_true (p->log2_x);
  g_assert_cmpuint (p->points->len, ==, 6);
  for (guint i = 0; i < p->points->len; i++)
    {
      BenchChartPoint *pt = &g_array_index (p->points, BenchChartPoint, i);
      double avg = bench_result_get_avg_ts (pt->result);
      g_assert_cmpfloat (pt->x, >, prev_x);
      prev_x = pt->x;
      g_assert_cmpfloat_with_epsilon (pt->y, bench_chart_panel_y (p, avg), 1e-9);
    }
  {
    /* 8k→16k→32k→64k: one octave each */
    double d1 = g_array_index (p->points, BenchChartPoint, 2).x - g_array_index (p->points, BenchChartPoint, 1).x;
    double d2 = g_array_index (p->points, BenchChartPoint, 4).x - g_array_index (p->points, BenchChartPoint, 3).x;
    g_assert_cmpfloat_with_epsilon (d1, d2, 1e-6);
  }
  g_assert_cmpuint (p->segments->len, ==, 5);
}

/* a series without a point at an x every other series has: a gap, not a zero */
static void
test_gap_not_zero (void)
{
  const char *text =
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 0, \"avg_ts\": 100}\n"
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 1024, \"avg_ts\": 90}\n"
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 2048, \"avg_ts\": 80}\n"
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 4096, \"avg_ts\": 70}\n"
    "{\"model_type\": \"B\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 0, \"avg_ts\": 50}\n"
    "{\"model_type\": \"B\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 1024, \"avg_ts\": 45}\n"
    "{\"model_type\": \"B\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 4096, \"avg_ts\": 35}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);
  g_autoptr (BenchChartLayout) layout = NULL;
  BenchChartPanelLayout *p;
  guint b_segments = 0, a_segments = 0;

  g_assert_no_error (error);
  layout = layout_for (source, 1280, 720);
  p = panel (layout, 0);
  g_assert_cmpint (p->kind, ==, BENCH_CHART_LINES);
  g_assert_cmpuint (p->points->len, ==, 7);
  for (guint i = 0; i < p->points->len; i++)
    g_assert_cmpfloat (g_array_index (p->points, BenchChartPoint, i).y, <, base_of (p) - 1);
  for (guint i = 0; i < p->segments->len; i++)
    {
      BenchChartSegment *s = &g_array_index (p->segments, BenchChartSegment, i);
      if (s->series == 1)
        b_segments++;
      else
        a_segments++;
    }
  g_assert_cmpuint (a_segments, ==, 3);
  /* B: 0→1024 only; 1024→4096 would pass over the missing 2048 */
  g_assert_cmpuint (b_segments, ==, 1);
}

static void
test_hit (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (BenchChartLayout) layout = layout_for (source, 1280, 720);
  BenchChartPanelLayout *p = panel (layout, 1);
  BenchChartBar *bar = &g_array_index (p->bars, BenchChartBar, 2);

  g_assert_true (bench_chart_layout_hit (layout, bar->center_x, bar->rect.y + bar->rect.height / 2) == bar->result);
  g_assert_cmpstr (bench_result_get_test_label (bar->result), ==, "tg32");
  g_assert_null (bench_chart_layout_hit (layout, 2, 2));
}

/* —— export ——————————————————————————————————————————————————— */

static BenchChartSpec *
corpus_spec (const char *path)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus (path);
  BenchChartSpec *spec = bench_chart_spec_new (bench_source_get_results (source));

  bench_chart_spec_set_title (spec, "Benchtop export test");
  return spec;
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_export_png (void)
{
  g_autofree char *dir = g_dir_make_tmp ("benchtop-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr (BenchChartSpec) spec = corpus_spec ("generated/cpu-three-models.json");
  g_autoptr (GError) error = NULL;
  cairo_surface_t *png;

  g_assert_true (bench_chart_export_file (spec, path, 640, 360, 2, BENCH_CHART_STYLE_DARK, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 720);
  cairo_surface_destroy (png);
  /* written atomically: nothing else left in the folder */
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* replacing an existing file goes the same way */
  g_assert_true (bench_chart_export_file (spec, path, 320, 200, 1, BENCH_CHART_STYLE_LIGHT, &error));
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 320);
  cairo_surface_destroy (png);
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  char **size = user_data;

  if (g_str_equal (element, "svg"))
    for (guint i = 0; names[i] != NULL; i++)
      {
        if (g_str_equal (names[i], "width"))
          size[0] = g_strdup (values[i]);
        if (g_str_equal (names[i], "height"))
          size[1] = g_strdup (values[i]);
      }
}

static void
test_export_svg (void)
{
  g_autofree char *dir = g_dir_make_tmp ("benchtop-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autoptr (BenchChartSpec) spec = corpus_spec ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;
  GMarkupParser parser = { on_start_element };
  char *size[2] = { NULL, NULL };
  GMarkupParseContext *context;

  g_assert_true (bench_chart_export_file (spec, path, 1280, 720, 1, BENCH_CHART_STYLE_TRANSPARENT, &error));
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  context = g_markup_parse_context_new (&parser, 0, size, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, len, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_nonnull (size[0]);
  g_assert_cmpfloat (g_ascii_strtod (size[0], NULL), ==, 1280);
  g_assert_cmpfloat (g_ascii_strtod (size[1], NULL), ==, 720);
  g_free (size[0]);
  g_free (size[1]);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_pdf (void)
{
  g_autofree char *dir = g_dir_make_tmp ("benchtop-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
  g_autoptr (BenchChartSpec) spec = corpus_spec ("generated/cpu-three-models.json");
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", path, "-", NULL };
  int status;

  g_assert_true (bench_chart_export_file (spec, path, 1024, 768, 1, BENCH_CHART_STYLE_LIGHT, &error));
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Benchtop export test"));
  g_assert_nonnull (strstr (text, "llama ?B Q8_0"));
  g_assert_nonnull (strstr (text, "Prefill (pp)"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_unknown_format (void)
{
  g_autofree char *dir = g_dir_make_tmp ("benchtop-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.gif", NULL);
  g_autoptr (BenchChartSpec) spec = corpus_spec ("generated/cpu-three-models.json");
  g_autoptr (GError) error = NULL;

  g_assert_false (bench_chart_export_file (spec, path, 640, 360, 1, BENCH_CHART_STYLE_LIGHT, &error));
  g_assert_error (error, BENCH_CHART_EXPORT_ERROR, BENCH_CHART_EXPORT_ERROR_FORMAT);
  g_assert_cmpuint (count_files (dir), ==, 0);
  g_rmdir (dir);
}

/* Speedup bars hang from the 1.0 line: up when faster, down when slower,
 * their length the speedup's distance from 1 and whiskers ± its
 * propagated deviation; one series per candidate. */
static void
test_comparison_chart (void)
{
  g_autoptr (BenchSource) base = bench_test_load_corpus ("public/strix-halo-gpt-oss-20b.default-hip.jsonl");
  g_autoptr (BenchSource) wmma = bench_test_load_corpus ("public/strix-halo-gpt-oss-20b.default-rocwmma.jsonl");
  g_autoptr (BenchSource) tile = bench_test_load_corpus ("public/strix-halo-gpt-oss-20b.lhl-tune-tile.jsonl");
  GPtrArray *sides[] = { bench_source_get_results (base), bench_source_get_results (wmma),
                         bench_source_get_results (tile) };
  const char *names[] = { "hip", "rocwmma", "tile" };
  g_autoptr (BenchComparison) comparison = bench_comparison_new (sides, names, 3);
  g_autoptr (BenchChartSpec) spec = bench_chart_spec_new_for_comparison (comparison);
  g_autoptr (BenchChartLayout) layout = bench_chart_layout_new (spec, 1600, 900, 1.0);
  gboolean seen_up = FALSE, seen_down = FALSE;

  g_assert_cmpfloat (bench_chart_spec_get_reference (spec), ==, 1.0);
  g_assert_cmpuint (layout->panels->len, ==, 2);
  for (guint k = 0; k < 2; k++)
    {
      BenchChartPanelLayout *p = panel (layout, k);
      BenchChartPanel *sp = bench_chart_spec_get_panel (spec, k);
      double px_per_unit = p->plot.height / (p->y_max - p->y_min);

      /* five tests per kind, two candidates each */
      g_assert_cmpuint (p->bars->len, ==, 10);
      g_assert_cmpuint (sp->series->len, ==, 2);
      g_assert_cmpstr (g_ptr_array_index (sp->series, 1), ==, "tile");
      /* the line at 1.0 is inside the axis */
      g_assert_true (isfinite (p->reference_y));
      g_assert_cmpfloat (p->y_min, <, 1.0);
      g_assert_cmpfloat (p->y_max, >, 1.0);
      g_assert_cmpfloat_with_epsilon (p->reference_y, bench_chart_panel_y (p, 1.0), 1e-9);
      for (guint i = 0; i < p->bars->len; i++)
        {
          BenchChartBar *bar = &g_array_index (p->bars, BenchChartBar, i);
          gboolean up = bar->value > 1.0;

          if (up)
            g_assert_cmpfloat_with_epsilon (bar->rect.y + bar->rect.height, p->reference_y, 1e-6);
          else
            g_assert_cmpfloat_with_epsilon (bar->rect.y, p->reference_y, 1e-6);
          g_assert_cmpfloat_with_epsilon (bar->rect.height, fabs (bar->value - 1.0) * px_per_unit, 1e-6);
          g_assert_cmpfloat_with_epsilon (bar->whisker_bottom - bar->whisker_top,
                                          2 * bar->stddev * px_per_unit, 1e-6);
          seen_up |= up;
          seen_down |= !up && bar->value < 0.99;
        }
    }
  g_assert_true (seen_up);
  g_assert_true (seen_down);

  /* the export dialog works on a copy: same bars, its own title */
  {
    g_autoptr (BenchChartSpec) copy = bench_chart_spec_copy (spec);
    g_autoptr (BenchChartLayout) copy_layout = NULL;

    bench_chart_spec_set_title (copy, "Slide title");
    copy_layout = bench_chart_layout_new (copy, 1600, 900, 1.0);
    g_assert_cmpfloat (bench_chart_spec_get_reference (copy), ==, 1.0);
    g_assert_cmpstr (bench_chart_spec_get_title (spec), !=, "Slide title");
    g_assert_cmpuint (copy_layout->panels->len, ==, layout->panels->len);
    for (guint k = 0; k < layout->panels->len; k++)
      g_assert_cmpuint (panel (copy_layout, k)->bars->len, ==, panel (layout, k)->bars->len);
  }

  /* tg128 @ d65536 on rocWMMA: 14.63 against 34.76 t/s, by hand 0.421× */
  {
    BenchChartPanelLayout *tg = panel (layout, 1);
    gboolean found = FALSE;

    for (guint i = 0; i < tg->bars->len; i++)
      {
        BenchChartBar *bar = &g_array_index (tg->bars, BenchChartBar, i);
        if (bar->series == 0 && bench_result_get_n_depth (bar->result) == 65536)
          {
            g_assert_cmpfloat_with_epsilon (bar->value, 14.63 / 34.76, 0.001);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

/* One machine, two backends: in the machines' chart the backend tells the
 * marks apart (it no longer hides inside the machine's name). */
static void
test_backends_apart (void)
{
  g_autoptr (BenchSource) source =
    bench_test_load_corpus ("public/strix-halo-sweep-Qwen3-32B-Q8_0.jsonl");
  g_autoptr (BenchChartSpec) spec =
    bench_chart_spec_new_for_view (bench_source_get_results (source), BENCH_GROUP_HARDWARE);
  gboolean rocm = FALSE, vulkan = FALSE;

  g_assert_cmpuint (bench_chart_spec_get_n_panels (spec), >, 0);
  for (guint p = 0; p < bench_chart_spec_get_n_panels (spec); p++)
    {
      BenchChartPanel *panel = bench_chart_spec_get_panel (spec, p);

      for (guint i = 0; i < panel->series->len; i++)
        {
          const char *name = g_ptr_array_index (panel->series, i);
          rocm |= strstr (name, "ROCm") != NULL;
          vulkan |= strstr (name, "Vulkan") != NULL;
        }
    }
  g_assert_true (rocm);
  g_assert_true (vulkan);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/layout/bars-proportional-whiskers-exact", test_bars_proportional);
  g_test_add_func ("/chart/layout/ticks-nice-and-covering", test_ticks_nice_and_covering);
  g_test_add_func ("/chart/layout/prefill-and-generation-apart", test_separate_panels);
  g_test_add_func ("/chart/layout/labels-never-overlap", test_labels_never_overlap);
  g_test_add_func ("/chart/layout/line-chart-for-sweeps", test_line_chart_for_sweeps);
  g_test_add_func ("/chart/layout/gap-not-zero", test_gap_not_zero);
  g_test_add_func ("/chart/layout/hit", test_hit);
  g_test_add_func ("/chart/spec/backends-apart", test_backends_apart);
  g_test_add_func ("/chart/layout/comparison-around-one", test_comparison_chart);
  g_test_add_func ("/chart/export/png", test_export_png);
  g_test_add_func ("/chart/export/svg", test_export_svg);
  g_test_add_func ("/chart/export/pdf", test_export_pdf);
  g_test_add_func ("/chart/export/unknown-format", test_export_unknown_format);

  return g_test_run ();
}
