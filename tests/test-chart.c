/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart.c — chart geometry and exported files. */
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bench-chart-export.h"
#include "bench-chart-layout.h"
#include "bench-chart-spec.h"
#include "bench-scenario-chart.h"
#include "bench-gguf.h"
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

/* a prefill depth sweep of one model, at the given depths */
static BenchSource *
depth_sweep (const int *depths,
             guint      n)
{
  GString *text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  BenchSource *source;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, "
                            "\"n_depth\": %d, \"avg_ts\": %d, \"stddev_ts\": 1}\n", depths[i], 1000 - 10 * (int) i);
  source = bench_test_load_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_string_free (text, TRUE);
  return source;
}

/* 0, 8k … 64k: evenly spaced, so a linear axis with equally spaced ticks */
static void
test_linear_axis_for_even_depths (void)
{
  static const int depths[] = { 0, 8192, 16384, 24576, 32768, 40960, 49152, 57344, 65536 };
  g_autoptr (BenchSource) source = depth_sweep (depths, G_N_ELEMENTS (depths));
  g_autoptr (BenchChartLayout) layout = layout_for (source, 1600, 900);
  BenchChartPanelLayout *p = panel (layout, 0);
  double step;

  g_assert_cmpint (p->kind, ==, BENCH_CHART_LINES);
  g_assert_false (p->log2_x);
  g_assert_true (isnan (p->x_break));
  g_assert_null (strstr (p->x_title.text, "log"));
  g_assert_cmpuint (p->x_ticks->len, >=, 3);
  step = g_array_index (p->x_ticks, BenchChartTick, 1).position - g_array_index (p->x_ticks, BenchChartTick, 0).position;
  for (guint i = 1; i < p->x_ticks->len; i++)
    {
      BenchChartTick *a = &g_array_index (p->x_ticks, BenchChartTick, i - 1);
      BenchChartTick *b = &g_array_index (p->x_ticks, BenchChartTick, i);
      g_assert_cmpfloat_with_epsilon (b->position - a->position, step, 1e-6);
    }
  /* and the points keep their distances: equal steps of depth, equal steps on screen */
  for (guint i = 2; i < p->points->len; i++)
    {
      BenchChartPoint *a = &g_array_index (p->points, BenchChartPoint, i - 2);
      BenchChartPoint *b = &g_array_index (p->points, BenchChartPoint, i - 1);
      BenchChartPoint *c = &g_array_index (p->points, BenchChartPoint, i);
      g_assert_cmpfloat_with_epsilon (c->x - b->x, b->x - a->x, 1e-6);
    }
}

/* 0, 512, 1k … 16k: doubling, so log₂, said on the axis, with 0 apart */
static void
test_log2_axis_for_doubling_sweeps (void)
{
  static const int depths[] = { 0, 512, 1024, 2048, 4096, 8192, 16384 };
  g_autoptr (BenchSource) source = depth_sweep (depths, G_N_ELEMENTS (depths));
  g_autoptr (BenchChartLayout) layout = layout_for (source, 1600, 900);
  BenchChartPanelLayout *p = panel (layout, 0);
  BenchChartPoint *zero = NULL, *first = NULL, *second = NULL, *third = NULL;

  g_assert_true (p->log2_x);
  g_assert_cmpstr (p->x_title.text, ==, "Context depth (tokens, log₂ scale)");
  g_assert_true (isfinite (p->x_break));
  for (guint i = 0; i < p->points->len; i++)
    {
      BenchChartPoint *pt = &g_array_index (p->points, BenchChartPoint, i);
      double depth = bench_result_get_n_depth (pt->result);
      if (depth == 0)
        zero = pt;
      else if (depth == 512)
        first = pt;
      else if (depth == 1024)
        second = pt;
      else if (depth == 2048)
        third = pt;
    }
  g_assert_nonnull (zero);
  g_assert_nonnull (third);
  /* 0 left of the break, everything else right of it */
  g_assert_cmpfloat (zero->x, <, p->x_break);
  g_assert_cmpfloat (first->x, >, p->x_break);
  g_assert_cmpfloat_with_epsilon (zero->x, p->x_zero, 1e-9);
  /* one octave, one distance */
  g_assert_cmpfloat_with_epsilon (second->x - first->x, third->x - second->x, 1e-6);
  /* the 0 tick is where the 0 point is, and the line over the break is marked */
  g_assert_cmpfloat_with_epsilon (g_array_index (p->x_ticks, BenchChartTick, 0).position, zero->x, 1e-9);
  g_assert_true (g_array_index (p->segments, BenchChartSegment, 0).across_break);
  g_assert_false (g_array_index (p->segments, BenchChartSegment, 1).across_break);
}

/* the user's choice of x scale wins over the automatic one */
static void
test_x_scale_switch (void)
{
  static const int doubling[] = { 512, 1024, 2048, 4096, 8192 };
  static const int even[] = { 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000 };
  g_autoptr (BenchSource) d = depth_sweep (doubling, G_N_ELEMENTS (doubling));
  g_autoptr (BenchSource) e = depth_sweep (even, G_N_ELEMENTS (even));
  g_autoptr (BenchChartSpec) ds = bench_chart_spec_new (bench_source_get_results (d));
  g_autoptr (BenchChartSpec) es = bench_chart_spec_new (bench_source_get_results (e));
  g_autoptr (BenchChartLayout) dl = NULL;
  g_autoptr (BenchChartLayout) el = NULL;

  bench_chart_spec_set_x_scale (ds, BENCH_CHART_X_LINEAR);
  bench_chart_spec_set_x_scale (es, BENCH_CHART_X_LOG);
  dl = bench_chart_layout_new (ds, 1280, 720, 1.0);
  el = bench_chart_layout_new (es, 1280, 720, 1.0);
  g_assert_false (panel (dl, 0)->log2_x);
  g_assert_true (panel (el, 0)->log2_x);
  /* no zero: no break */
  g_assert_true (isnan (panel (el, 0)->x_break));
}

/* results lacking the swept setting are left out and counted, not drawn at 0 */
static void
test_no_point_without_swept_setting (void)
{
  const char *text =
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"n_threads\": 4, \"avg_ts\": 100}\n"
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"n_threads\": 8, \"avg_ts\": 180}\n"
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"n_threads\": 12, \"avg_ts\": 240}\n"
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"n_threads\": 16, \"avg_ts\": 260}\n"
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 300}\n"
    "{\"model_type\": \"B\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 50}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);
  g_autoptr (BenchChartSpec) spec = NULL;
  g_autoptr (BenchChartLayout) layout = NULL;
  BenchChartPanelLayout *p;
  BenchChartPanel *sp;

  g_assert_no_error (error);
  spec = bench_chart_spec_new (bench_source_get_results (source));
  sp = bench_chart_spec_get_panel (spec, 0);
  g_assert_cmpint (sp->kind, ==, BENCH_CHART_LINES);
  g_assert_cmpstr (sp->x_field, ==, "n_threads");
  g_assert_cmpuint (sp->n_without_x, ==, 2);
  g_assert_nonnull (strstr (bench_chart_spec_get_subtitle (spec), "2 results without threads not shown"));
  layout = bench_chart_layout_new (spec, 1280, 720, 1.0);
  p = panel (layout, 0);
  g_assert_false (p->log2_x);
  g_assert_cmpuint (p->points->len, ==, 4);
  for (guint i = 0; i < p->points->len; i++)
    {
      BenchChartPoint *pt = &g_array_index (p->points, BenchChartPoint, i);
      g_assert_nonnull (bench_result_get_param_text (pt->result, "n_threads"));
      /* the x axis starts at 4 threads: nothing sits at its left end but that */
      if (pt->x <= p->plot.x + p->plot.width * 0.05)
        g_assert_cmpstr (bench_result_get_param_text (pt->result, "n_threads"), ==, "4");
    }
  g_assert_cmpfloat (g_array_index (p->x_ticks, BenchChartTick, 0).value, >=, 4);
}

/* a setting that differs between files, each at one value, is no sweep */
static void
test_no_sweep_across_files (void)
{
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (BenchChartSpec) spec = NULL;

  for (int t = 1; t <= 16; t *= 2)
    {
      g_autofree char *text = g_strdup_printf ("{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, "
                                               "\"n_threads\": %d, \"avg_ts\": %d}\n", t, 10 * t);
      g_autoptr (GError) error = NULL;
      g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);

      g_assert_no_error (error);
      g_ptr_array_extend (results, bench_source_get_results (source), (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
    }
  spec = bench_chart_spec_new (results);
  g_assert_cmpint (bench_chart_spec_get_panel (spec, 0)->kind, ==, BENCH_CHART_BARS);
  g_assert_false (bench_chart_spec_has_sweep (spec));
}

/* nothing selected: the best of each model, a bar per machine */
static void
test_overview_best_per_model_and_machine (void)
{
  g_autoptr (BenchSource) cpu = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (BenchSource) sweep = bench_test_load_corpus ("generated/cpu-sweep-prompt-depth.jsonl");
  g_autoptr (BenchSource) gpu = bench_test_load_corpus ("public/strix-halo-sweep-Qwen3-32B-Q8_0.jsonl");
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (BenchChartSpec) spec = NULL;
  g_autoptr (BenchChartLayout) layout = NULL;
  guint n_machines, n_models;

  g_ptr_array_extend (results, bench_source_get_results (cpu), (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_extend (results, bench_source_get_results (sweep), (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_extend (results, bench_source_get_results (gpu), (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  n_machines = bench_results_count_distinct ((BenchResult **) results->pdata, results->len, "hardware_label");
  n_models = bench_results_count_distinct ((BenchResult **) results->pdata, results->len, "model_type");
  g_assert_cmpuint (n_machines, >, 1);

  spec = bench_chart_spec_new_overview (results, BENCH_GROUP_MODEL);
  g_assert_false (bench_chart_spec_has_sweep (spec));
  g_assert_nonnull (strstr (bench_chart_spec_get_subtitle (spec), "Best speed of each model"));
  for (guint k = 0; k < bench_chart_spec_get_n_panels (spec); k++)
    {
      BenchChartPanel *sp = bench_chart_spec_get_panel (spec, k);
      g_autoptr (GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      g_assert_cmpint (sp->kind, ==, BENCH_CHART_BARS);
      g_assert_cmpuint (sp->categories->len, <=, n_models);
      g_assert_cmpuint (sp->series->len, <=, n_machines);
      for (guint i = 0; i < sp->results->len; i++)
        {
          BenchResult *r = g_ptr_array_index (sp->results, i);
          g_autofree char *place = g_strdup_printf ("%s|%s", bench_result_get_model_type (r),
                                                    bench_result_get_hardware_label (r));

          /* one bar per model and machine, and it is the best of them */
          g_assert_false (g_hash_table_contains (places, place));
          g_hash_table_add (places, g_steal_pointer (&place));
          for (guint j = 0; j < results->len; j++)
            {
              BenchResult *o = g_ptr_array_index (results, j);
              if (bench_result_get_test_kind (o) == sp->test_kind &&
                  g_str_equal (bench_result_get_model_type (o), bench_result_get_model_type (r)) &&
                  g_str_equal (bench_result_get_hardware_label (o), bench_result_get_hardware_label (r)))
                g_assert_cmpfloat (bench_result_get_avg_ts (o), <=, bench_result_get_avg_ts (r));
            }
        }
    }
  layout = bench_chart_layout_new (spec, 1600, 900, 1.0);
  g_assert_cmpint (panel (layout, 0)->kind, ==, BENCH_CHART_BARS);

  /* the hardware view: one bar per machine */
  {
    g_autoptr (BenchChartSpec) hw = bench_chart_spec_new_overview (results, BENCH_GROUP_HARDWARE);
    BenchChartPanel *sp = bench_chart_spec_get_panel (hw, 0);
    g_assert_cmpuint (sp->categories->len, ==, sp->results->len);
    g_assert_cmpuint (sp->series->len, ==, 1);
  }
}

/* ROCm and Vulkan runs of one file: the legend names what differs, the
 * subtitle what they share */
static void
test_legend_names_what_differs (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("public/strix-halo-sweep-Qwen3-32B-Q8_0.jsonl");
  g_autoptr (BenchChartSpec) spec = bench_chart_spec_new (bench_source_get_results (source));
  g_autoptr (BenchChartLayout) layout = bench_chart_layout_new (spec, 1280, 720, 1.0);

  g_assert_nonnull (strstr (bench_chart_spec_get_subtitle (spec), "ngl 99"));
  for (guint k = 0; k < layout->panels->len; k++)
    {
      BenchChartPanelLayout *p = panel (layout, k);
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (p->legend->len, ==, 4);
      for (guint i = 0; i < p->legend->len; i++)
        {
          const char *text = g_array_index (p->legend, BenchChartLegendItem, i).label.text;

          g_assert_false (g_hash_table_contains (seen, text));
          g_hash_table_add (seen, (gpointer) text);
          /* the backend and flash attention, not two machine strings */
          g_assert_true (g_str_has_prefix (text, "ROCm · fa ") || g_str_has_prefix (text, "Vulkan · fa "));
        }
      g_assert_true (g_hash_table_contains (seen, "ROCm · fa 1"));
      g_assert_true (g_hash_table_contains (seen, "Vulkan · fa 1"));
    }
}

static BenchSource *
many_series (guint n)
{
  GString *text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  BenchSource *source;

  for (guint m = 0; m < n; m++)
    for (int d = 0; d <= 4096; d = d ? d * 2 : 512)
      g_string_append_printf (text, "{\"model_type\": \"model %02u Q4_K - Medium\", \"n_prompt\": 512, "
                              "\"n_gen\": 0, \"n_depth\": %d, \"avg_ts\": %g, \"stddev_ts\": 2}\n",
                              m, d, 1000.0 - m * 20 - d / 20.0);
  source = bench_test_load_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_string_free (text, TRUE);
  return source;
}

/* 40 series on a slide: every one named (no "+ N more"), the legend inside
 * the panel above its plot, no two entries overlapping, no two series
 * drawn alike */
static void
test_legend_fits_the_slide (void)
{
  static const double sizes[][2] = { { 1920, 1080 }, { 1280, 720 }, { 1024, 768 } };
  g_autoptr (BenchSource) source = many_series (40);

  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      g_autoptr (BenchChartLayout) layout = layout_for (source, sizes[z][0], sizes[z][1]);
      BenchChartPanelLayout *p = panel (layout, 0);
      g_autoptr (GHashTable) looks = g_hash_table_new (NULL, NULL);

      g_assert_cmpuint (p->legend->len, ==, 40);
      for (guint i = 0; i < p->legend->len; i++)
        {
          BenchChartLegendItem *a = &g_array_index (p->legend, BenchChartLegendItem, i);
          guint look = (a->series % 8) | (a->series / 8) << 8;

          g_assert_cmpuint (a->series, ==, i);
          g_assert_null (strstr (a->label.text, "more"));
          g_assert_cmpfloat (a->label.size, >=, 10.5);
          g_assert_cmpfloat (a->swatch.x, >=, p->frame.x - 0.5);
          g_assert_cmpfloat (a->label.rect.x + a->label.rect.width, <=, p->frame.x + p->frame.width + 0.5);
          g_assert_cmpfloat (a->label.rect.y + a->label.rect.height, <=, p->plot.y);
          g_assert_cmpfloat (a->label.rect.y + a->label.rect.height, <=, sizes[z][1]);
          g_assert_false (g_hash_table_contains (looks, GUINT_TO_POINTER (look + 1)));
          g_hash_table_add (looks, GUINT_TO_POINTER (look + 1));
          for (guint j = 0; j < i; j++)
            g_assert_false (rects_overlap (&a->label.rect, &g_array_index (p->legend, BenchChartLegendItem, j).label.rect));
        }
      /* and the plot keeps a readable height */
      g_assert_cmpfloat (p->plot.height, >=, 160);
      g_test_message ("%gx%g: legend font %.1f, plot %.0f px high", sizes[z][0], sizes[z][1],
                      g_array_index (p->legend, BenchChartLegendItem, 0).label.size, p->plot.height);
    }
}

/* two series with the same figures: the first is marked covered (drawn
 * wide under the second), so neither hides the other */
static void
test_coinciding_lines_visible (void)
{
  const char *text =
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 0, \"avg_ts\": 100}\n"
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 1024, \"avg_ts\": 90}\n"
    "{\"model_type\": \"A\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 2048, \"avg_ts\": 80}\n"
    "{\"model_type\": \"B\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 0, \"avg_ts\": 100}\n"
    "{\"model_type\": \"B\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 1024, \"avg_ts\": 90}\n"
    "{\"model_type\": \"B\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 2048, \"avg_ts\": 80}\n"
    "{\"model_type\": \"C\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 0, \"avg_ts\": 50}\n"
    "{\"model_type\": \"C\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 1024, \"avg_ts\": 45}\n"
    "{\"model_type\": \"C\", \"n_prompt\": 512, \"n_gen\": 0, \"n_depth\": 2048, \"avg_ts\": 40}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);
  g_autoptr (BenchChartLayout) layout = NULL;
  BenchChartPanelLayout *p;

  g_assert_no_error (error);
  layout = layout_for (source, 1280, 720);
  p = panel (layout, 0);
  g_assert_cmpuint (p->covered->len, ==, 3);
  g_assert_true (g_array_index (p->covered, gboolean, 0));
  g_assert_false (g_array_index (p->covered, gboolean, 1));
  g_assert_false (g_array_index (p->covered, gboolean, 2));
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

/* the mean luminance and coverage of the title's pixels in a PNG export */
static void
title_pixels (BenchChartStyle  style,
              double          *luminance,
              double          *corner_alpha)
{
  g_autofree char *dir = g_dir_make_tmp ("benchtop-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr (BenchChartSpec) spec = corpus_spec ("generated/cpu-three-models.json");
  g_autoptr (BenchChartLayout) layout = bench_chart_layout_new (spec, 800, 450, 1.0);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *png;
  unsigned char *data;
  int stride;
  double sum = 0;
  guint n = 0;

  g_assert_true (bench_chart_export_file (spec, path, 800, 450, 1, style, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  data = cairo_image_surface_get_data (png);
  stride = cairo_image_surface_get_stride (png);
  for (int y = layout->title.rect.y; y < layout->title.rect.y + layout->title.rect.height; y++)
    for (int x = layout->title.rect.x; x < layout->title.rect.x + 300; x++)
      {
        guint32 px = *(guint32 *) (data + y * stride + x * 4);
        double a = (px >> 24) / 255.0;

        /* premultiplied ARGB: only well-covered glyph pixels */
        if (a > 0.9)
          {
            sum += (0.2126 * ((px >> 16) & 0xff) + 0.7152 * ((px >> 8) & 0xff) + 0.0722 * (px & 0xff)) / 255.0 / a;
            n++;
          }
      }
  g_assert_cmpuint (n, >, 50);
  *luminance = sum / n;
  g_test_message ("style %d: %u pixels, luminance %.2f", style, n, *luminance);
  *corner_alpha = (*(guint32 *) data >> 24) / 255.0;
  cairo_surface_destroy (png);
  g_unlink (path);
  g_rmdir (dir);
}

/* transparent exports: no background, and text that reads on the slide */
static void
test_export_transparent_styles (void)
{
  double luminance, alpha;

  title_pixels (BENCH_CHART_STYLE_TRANSPARENT_DARK, &luminance, &alpha);
  g_assert_cmpfloat (alpha, ==, 0);
  g_assert_cmpfloat (luminance, >, 0.75);   /* light text, for dark slides */
  title_pixels (BENCH_CHART_STYLE_TRANSPARENT, &luminance, &alpha);
  g_assert_cmpfloat (alpha, ==, 0);
  g_assert_cmpfloat (luminance, <, 0.3);    /* dark text, for light slides */
  /* the dark style keeps its background */
  title_pixels (BENCH_CHART_STYLE_DARK, &luminance, &alpha);
  g_assert_cmpfloat (alpha, ==, 1);
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

/* The scenario chart: each candidate's total time as prefill with the
 * answer stacked on it, the time limit and the minimum speed as lines. */
static void
test_scenario_chart (void)
{
  g_autoptr (BenchSource) source =
    bench_test_load_corpus ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (bench_source_get_results (source));
  BenchWorkload workload = { .prompt = 20000, .answer = 1000 };
  BenchRequirements requirements;
  g_autoptr (GPtrArray) ranked = NULL;
  g_autoptr (BenchChartSpec) spec = NULL;
  g_autoptr (BenchChartSpec) copy = NULL;
  g_autoptr (BenchChartLayout) layout = NULL;
  const BenchChartPanelLayout *time, *speed;
  const BenchChartBar *prefill, *answer;
  BenchScenarioPrediction *p;

  bench_requirements_init (&requirements);
  requirements.max_ttft_s = 100;
  requirements.min_gen_ts = 15;
  ranked = bench_scenario_rank (candidates, &workload, &requirements);
  p = g_ptr_array_index (ranked, 0);
  spec = bench_scenario_chart_spec_new (ranked, &workload, &requirements);
  /* the export dialog draws a copy */
  copy = bench_chart_spec_copy (spec);
  layout = bench_chart_layout_new (copy, 1600, 900, 1.0);
  g_assert_cmpuint (layout->panels->len, ==, 2);
  time = g_ptr_array_index (layout->panels, 0);
  speed = g_ptr_array_index (layout->panels, 1);
  g_assert_cmpstr (time->title.text, ==, "Total time");
  g_assert_cmpuint (time->bars->len, ==, 2);
  prefill = &g_array_index (time->bars, BenchChartBar, 0);
  answer = &g_array_index (time->bars, BenchChartBar, 1);
  /* stacked: the answer starts where the prefill ends, in one column */
  g_assert_cmpfloat_with_epsilon (answer->rect.y + answer->rect.height, prefill->rect.y, 1e-6);
  g_assert_cmpfloat_with_epsilon (answer->center_x, prefill->center_x, 1e-6);
  g_assert_cmpfloat_with_epsilon (prefill->value, p->ttft_s, 1e-9);
  g_assert_cmpfloat_with_epsilon (answer->rect.y, bench_chart_panel_y (time, p->total_s), 1e-6);
  /* the requirements as lines where their values lie */
  g_assert_cmpfloat_with_epsilon (time->limit_y, bench_chart_panel_y (time, 100), 1e-6);
  g_assert_cmpfloat_with_epsilon (speed->limit_y, bench_chart_panel_y (speed, 15), 1e-6);
  g_assert_nonnull (strstr (speed->limit_label.text, "15 t/s"));
  g_assert_cmpuint (speed->bars->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (speed->bars, BenchChartBar, 0).value, p->gen_ts, 1e-9);
}

/* Step 3.5 Flash 199B.A11B on Strix Halo, pp512 and tg128 at depths 0 to
 * 131072: the generation panel carries the decode roofline, 256 GB/s ÷
 * 6,226,929,278 active bytes = 41.1117 t/s (flat: the model file is not
 * here, so the KV cache is not counted), inside the axis; prefill has none;
 * switched off, none at all. */
static void
test_roofline (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  g_autoptr (BenchChartSpec) spec = bench_chart_spec_new (bench_source_get_results (source));
  g_autoptr (BenchChartLayout) layout = bench_chart_layout_new (spec, 1920, 1080, 1.0);
  g_autoptr (BenchChartLayout) off = NULL;
  BenchChartPanelLayout *pp = panel (layout, 0), *tg = panel (layout, 1);
  BenchChartReferenceLine *line;
  double roof = 256e9 / 6226929278.0;

  g_assert_cmpint (pp->test_kind, ==, BENCH_TEST_PP);
  g_assert_cmpint (tg->test_kind, ==, BENCH_TEST_TG);
  g_assert_cmpint (tg->kind, ==, BENCH_CHART_LINES);
  g_assert_cmpuint (pp->reference_lines->len, ==, 0);
  g_assert_cmpuint (tg->reference_lines->len, ==, 1);
  line = &g_array_index (tg->reference_lines, BenchChartReferenceLine, 0);
  g_assert_cmpuint (line->segments->len, >, 5);
  g_assert_nonnull (strstr (line->label.text, "256"));
  g_assert_cmpfloat (tg->y_max, >=, roof);
  for (guint i = 0; i < line->segments->len; i++)
    {
      BenchChartSegment *seg = &g_array_index (line->segments, BenchChartSegment, i);
      g_assert_cmpfloat_with_epsilon (seg->y1, bench_chart_panel_y (tg, roof), 1e-6);
      g_assert_cmpfloat_with_epsilon (seg->y2, bench_chart_panel_y (tg, roof), 1e-6);
      g_assert_cmpfloat (seg->x2, >, seg->x1);
    }
  /* from the first depth to the last */
  g_assert_cmpfloat_with_epsilon (g_array_index (line->segments, BenchChartSegment, 0).x1,
                                  g_array_index (tg->points, BenchChartPoint, 0).x, 1e-6);

  bench_chart_spec_set_rooflines (spec, FALSE);
  off = bench_chart_layout_new (spec, 1920, 1080, 1.0);
  g_assert_cmpuint (panel (off, 1)->reference_lines->len, ==, 0);
  g_assert_cmpfloat (panel (off, 1)->y_max, <, roof);
}

/* With the model file known the roofline falls with depth: qwen3moe
 * 30B.A3B (the corpus header's shape) on Strix Halo, 1,944,875,575.7
 * active bytes and 98,304 KV bytes a token: at each sampled depth d the
 * line is at 256e9 / (1,944,875,575.7 + 98,304 d) t/s — 131.63 at 0,
 * 72.00 at 16384. */
static void
test_roofline_with_kv (void)
{
  g_autofree char *gguf = bench_test_corpus_path ("gguf/meta-qwen3moe-30b-a3b-shape.gguf");
  g_autoptr (BenchGgufInfo) info = bench_gguf_info_read_file (gguf, NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  const gint64 depths[] = { 0, 4096, 16384 };
  g_autoptr (BenchSource) source = NULL;
  g_autoptr (BenchChartSpec) spec = NULL;
  g_autoptr (BenchChartLayout) layout = NULL;
  g_autoptr (GError) error = NULL;
  BenchChartPanelLayout *tg;
  BenchChartReferenceLine *line;
  double weights = 1944875575.6897333;

  g_assert_nonnull (info);
  bench_gguf_reset ();
  bench_gguf_register (gguf, info);
  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    g_string_append_printf (text,
      "{\"build_commit\": \"abc\", \"build_number\": 1, \"cpu_info\": \"AMD RYZEN AI MAX+ 395 w/ Radeon 8060S\", "
      "\"gpu_info\": \"AMD Radeon Graphics\", \"backends\": \"ROCm\", "
      "\"model_filename\": \"/m/meta-qwen3moe-30b-a3b-shape.gguf\", \"model_type\": \"qwen3moe 30B.A3B Q4_K - Medium\", "
      "\"model_size\": 17709692928, \"model_n_params\": 30532122624, \"type_k\": \"f16\", \"type_v\": \"f16\", "
      "\"n_gpu_layers\": 99, \"n_prompt\": 0, \"n_gen\": 128, \"n_depth\": %" G_GINT64_FORMAT ", "
      "\"avg_ns\": 2000000000, \"stddev_ns\": 0, \"avg_ts\": %d, \"stddev_ts\": 0}\n",
      depths[i], 64 - (int) i * 8);
  source = bench_test_load_text (text->str, -1, &error);
  g_assert_no_error (error);
  spec = bench_chart_spec_new (bench_source_get_results (source));
  layout = bench_chart_layout_new (spec, 1600, 900, 1.0);
  tg = panel (layout, 0);
  g_assert_cmpint (tg->test_kind, ==, BENCH_TEST_TG);
  g_assert_cmpuint (tg->reference_lines->len, ==, 1);
  line = &g_array_index (tg->reference_lines, BenchChartReferenceLine, 0);
  g_assert_null (strstr (line->label.text, "not counted"));
  /* the first point at depth 0, the last at 16384 */
  g_assert_cmpfloat_with_epsilon (g_array_index (line->segments, BenchChartSegment, 0).y1,
                                  bench_chart_panel_y (tg, 256e9 / weights), 1e-6);
  g_assert_cmpfloat_with_epsilon (g_array_index (line->segments, BenchChartSegment, line->segments->len - 1).y2,
                                  bench_chart_panel_y (tg, 256e9 / (weights + 98304.0 * 16384)), 1e-6);
  g_assert_cmpfloat_with_epsilon (256e9 / (weights + 98304.0 * 16384), 72.0013617, 1e-6);
  /* falling all along */
  for (guint i = 0; i < line->segments->len; i++)
    g_assert_cmpfloat (g_array_index (line->segments, BenchChartSegment, i).y2, >,
                       g_array_index (line->segments, BenchChartSegment, i).y1);
  bench_gguf_reset ();
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

/* The sweep axis's values, each once and in order, however many series
 * share them (a quadratic removal before, per layout). */
static void
test_sort_distinct (void)
{
  const double in[] = { 4096, 512, 0, 512, 4096, 1024, 0, 512 };
  const double want[] = { 0, 512, 1024, 4096 };
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) many = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_vals (values, in, G_N_ELEMENTS (in));
  bench_chart_sort_distinct (values);
  g_assert_cmpuint (values->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    g_assert_cmpfloat (g_array_index (values, double, i), ==, want[i]);

  for (guint i = 0; i < 200000; i++)
    {
      double x = (double) (i % 7) * 512;
      g_array_append_val (many, x);
    }
  bench_chart_sort_distinct (many);
  g_assert_cmpuint (many->len, ==, 7);
  bench_chart_sort_distinct (many);
  g_assert_cmpuint (many->len, ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/layout/bars-proportional-whiskers-exact", test_bars_proportional);
  g_test_add_func ("/chart/sort-distinct", test_sort_distinct);
  g_test_add_func ("/chart/layout/ticks-nice-and-covering", test_ticks_nice_and_covering);
  g_test_add_func ("/chart/layout/prefill-and-generation-apart", test_separate_panels);
  g_test_add_func ("/chart/layout/labels-never-overlap", test_labels_never_overlap);
  g_test_add_func ("/chart/layout/line-chart-for-sweeps", test_line_chart_for_sweeps);
  g_test_add_func ("/chart/layout/gap-not-zero", test_gap_not_zero);
  g_test_add_func ("/chart/layout/linear-axis-for-even-depths", test_linear_axis_for_even_depths);
  g_test_add_func ("/chart/layout/log2-axis-titled-zero-apart", test_log2_axis_for_doubling_sweeps);
  g_test_add_func ("/chart/layout/x-scale-switch", test_x_scale_switch);
  g_test_add_func ("/chart/legend/names-what-differs", test_legend_names_what_differs);
  g_test_add_func ("/chart/legend/fits-the-slide", test_legend_fits_the_slide);
  g_test_add_func ("/chart/legend/coinciding-lines-visible", test_coinciding_lines_visible);
  g_test_add_func ("/chart/spec/no-point-without-swept-setting", test_no_point_without_swept_setting);
  g_test_add_func ("/chart/spec/no-sweep-across-files", test_no_sweep_across_files);
  g_test_add_func ("/chart/spec/overview-best-per-model-and-machine", test_overview_best_per_model_and_machine);
  g_test_add_func ("/chart/layout/hit", test_hit);
  g_test_add_func ("/chart/layout/roofline-over-generation-by-depth", test_roofline);
  g_test_add_func ("/chart/layout/roofline-falls-with-the-kv-cache", test_roofline_with_kv);
  g_test_add_func ("/chart/spec/backends-apart", test_backends_apart);
  g_test_add_func ("/chart/layout/comparison-around-one", test_comparison_chart);
  g_test_add_func ("/chart/layout/scenario-stacked-with-requirements", test_scenario_chart);
  g_test_add_func ("/chart/export/png", test_export_png);
  g_test_add_func ("/chart/export/svg", test_export_svg);
  g_test_add_func ("/chart/export/transparent-styles", test_export_transparent_styles);
  g_test_add_func ("/chart/export/pdf", test_export_pdf);
  g_test_add_func ("/chart/export/unknown-format", test_export_unknown_format);

  return g_test_run ();
}
