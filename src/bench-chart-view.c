/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart-view.c — the chart on screen.
 *
 * Holds the results it is given, turns them into a chart spec once, lays
 * the spec out only when the data or the size changes, and paints the
 * layout through the same painter the exporters use, so an export matches
 * the window. Hover shows the exact numbers of the bar or point under the
 * pointer; a click asks the page to select its row.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "bench-chart-export.h"
#include "bench-chart-layout.h"
#include "bench-chart-paint.h"
#include "bench-chart-spec.h"
#include "bench-chart-theme.h"
#include "bench-chart-view.h"
#include "bench-field.h"
#include "bench-thread.h"
#include "bench-units.h"

struct _BenchChartView
{
  GtkWidget          parent_instance;

  GPtrArray         *results;
  BenchGroupKind     kind;
  BenchChartSpec    *spec;
  BenchChartLayout  *layout;
  int                layout_width;
  int                layout_height;
  gboolean           layout_dark;
  BenchResult       *hover;
  gboolean           log_scale;
  gboolean           hide_rooflines;
  BenchChartXScale   x_scale;
  gboolean           overview;
  gboolean           grow_to_fit;
  int                fit_width;    /* the width fit_height was measured for */
  int                fit_height;
  GCancellable      *building;   /* a large chart's spec, made in a worker */
  int                focus_mark;  /* the bar or point the keyboard is on, or -1 */
  guint              focus_panel; /* and where it is in the layout */
  guint              focus_index;
  gboolean           focus_is_point;
  BenchResult       *focus_result;
  char              *focus_text;
  char              *description; /* as last given to assistive technologies */
  char              *note;        /* added to the subtitle: what is left out */
};

/* a bar or point, in the order the arrow keys visit them */
typedef struct
{
  guint    panel;
  guint    index;
  gboolean is_point;
  guint    series;
  double   x;
} Mark;

/* From this many results on, the spec is made off the main thread: the
 * window keeps answering while 100,000 results are sorted into a chart.
 * An overview sorts every result into one bar per group, and a folder's
 * files can hold as many groups as results: it goes off the main thread
 * from a quarter of that. */
#define ASYNC_RESULTS 20000
#define ASYNC_OVERVIEW_RESULTS (ASYNC_RESULTS / 4)

G_DEFINE_FINAL_TYPE (BenchChartView, bench_chart_view, GTK_TYPE_WIDGET)

enum { RESULT_ACTIVATED, SPEC_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The style the window actually uses, read from the colour its text is
 * drawn in: light text means a dark style, also when the theme is forced
 * (GTK_THEME=Adwaita:dark) behind AdwStyleManager's back. */
static gboolean
is_dark (GtkWidget *widget)
{
  GdkRGBA color;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
#endif
  return 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue > 0.5;
}

static void
invalidate_layout (BenchChartView *self)
{
  g_clear_pointer (&self->layout, bench_chart_layout_free);
  self->fit_width = 0;
  if (self->grow_to_fit)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ensure_layout (BenchChartView *self,
               int             width,
               int             height)
{
  gboolean dark = is_dark (GTK_WIDGET (self));

  if (self->layout != NULL && self->layout_width == width && self->layout_height == height &&
      self->layout_dark == dark)
    return;
  g_clear_pointer (&self->layout, bench_chart_layout_free);
  if (self->spec == NULL || width <= 0 || height <= 0)
    return;
  self->layout = bench_chart_layout_new (self->spec, width, height, 1.0);
  self->layout_width = width;
  self->layout_height = height;
  self->layout_dark = dark;
}

/* the keyboard's mark: a ring around its bar or point, in the accent
 * colour. A layout of the same chart at another size has its bars and
 * points at the same places in its arrays. */
static void
paint_focus (BenchChartView *self,
             cairo_t        *cr)
{
  const BenchChartPanelLayout *panel;

  if (self->focus_mark < 0 || self->focus_panel >= self->layout->panels->len)
    return;
  panel = g_ptr_array_index (self->layout->panels, self->focus_panel);
  if (self->focus_index >= (self->focus_is_point ? panel->points->len : panel->bars->len))
    return;
  cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 1);   /* Adwaita's accent blue */
  cairo_set_line_width (cr, 2.5);
  if (self->focus_is_point)
    {
      const BenchChartPoint *pt = &g_array_index (panel->points, BenchChartPoint, self->focus_index);
      cairo_arc (cr, pt->x, pt->y, 8, 0, 2 * G_PI);
    }
  else
    {
      const BenchChartBar *bar = &g_array_index (panel->bars, BenchChartBar, self->focus_index);
      cairo_rectangle (cr, bar->rect.x - 3, bar->rect.y - 3, bar->rect.width + 6, bar->rect.height + 6);
    }
  cairo_stroke (cr);
}

static void
bench_chart_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  BenchChartView *self = BENCH_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr (BenchChartTheme) theme = NULL;
  cairo_t *cr;

  ensure_layout (self, width, height);
  if (self->layout == NULL)
    return;

  theme = bench_chart_theme_new (self->layout_dark ? BENCH_CHART_STYLE_DARK : BENCH_CHART_STYLE_LIGHT);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  bench_chart_paint (self->layout, theme, cr, self->hover != NULL ? self->hover : self->focus_result);
  if (gtk_widget_has_focus (widget))
    paint_focus (self, cr);
  cairo_destroy (cr);
}

/* With grow_to_fit, the height at which every plot keeps ~160 px under
 * its legend, for @width: measured once per width and chart. */
static void
bench_chart_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  BenchChartView *self = BENCH_CHART_VIEW (widget);

  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 160;
  /* a huge chart's bars are thin, its legend short: not worth a second layout */
  if (orientation != GTK_ORIENTATION_VERTICAL || !self->grow_to_fit || self->spec == NULL ||
      for_size <= 0 || self->results->len >= ASYNC_RESULTS / 4)
    return;
  if (self->fit_width != for_size)
    {
      double height = 160;

      /* the least height at which every plot keeps 160 px, whatever the
       * chart is given now: from a plot's height up, laid out again until
       * the legends (whose room grows with the picture) leave it enough */
      for (guint k = 0; k < 8; k++)
        {
          g_autoptr (BenchChartLayout) layout = bench_chart_layout_new (self->spec, for_size, height, 1.0);

          if (layout->min_height <= height)
            break;
          height = ceil (layout->min_height) + 1;
        }
      self->fit_width = for_size;
      self->fit_height = (int) height;
    }
  *minimum = *natural = self->fit_height;
}

static GtkSizeRequestMode
bench_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
bench_chart_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  BenchChartView *self = BENCH_CHART_VIEW (widget);

  if (width != self->layout_width || height != self->layout_height)
    g_clear_pointer (&self->layout, bench_chart_layout_free);
}

/* —— hover and click ——————————————————————————————————————————— */

static char *
tooltip_text (BenchResult *r)
{
  GString *text = g_string_new (NULL);
  guint n_params;
  const BenchParam *params = bench_result_get_params (r, &n_params);
  g_autofree char *rate = NULL;
  double avg = bench_result_get_avg_ts (r), sd = bench_result_get_stddev_ts (r);

  rate = isnan (sd) ? g_strdup_printf ("%'.2f", avg) : g_strdup_printf ("%'.2f ± %'.2f", avg, sd);
  g_string_append_printf (text, "<b>%s</b>\n", rate);
  /* Translators: tokens per second, in the chart's tooltip */
  g_string_append_printf (text, "%s · %s\n", bench_result_get_test_label (r), _("tokens/s"));
  if (bench_result_has_samples (r))
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u sample\n", "%u samples\n",
                                               bench_result_get_n_samples (r)),
                            bench_result_get_n_samples (r));
  {
    g_autofree char *model_shown = bench_text_ellipsize_for_display (bench_result_get_model_type (r),
                                                                     BENCH_TOOLTIP_MAX_CHARS);
    g_autofree char *model = g_markup_escape_text (model_shown, -1);
    g_autofree char *hw = g_markup_escape_text (bench_result_get_hardware_label (r), -1);
    g_string_append_printf (text, "%s\n%s", model, hw);
  }
  if (*bench_result_get_build_commit (r))
    {
      g_autofree char *build = bench_text_ellipsize_for_display (bench_result_get_build_commit (r),
                                                                 BENCH_DISPLAY_MAX_CHARS);
      g_autofree char *escaped = g_markup_escape_text (build, -1);
      g_string_append_printf (text, "\n%s %s", _("build"), escaped);
    }
  for (guint i = 0; i < n_params; i++)
    {
      const BenchField *field = bench_field_lookup (params[i].key);

      if (bench_field_has_role (field, BENCH_FIELD_ROLE_TOOLTIP))
        {
          g_autofree char *formatted = bench_field_format_value (field->name, params[i].text);
          g_autofree char *shown = bench_text_ellipsize_for_display (formatted, BENCH_DISPLAY_MAX_CHARS);
          g_autofree char *value = g_markup_escape_text (shown, -1);
          g_autofree char *label = g_markup_escape_text (bench_field_get_label (field), -1);

          /* Translators: a setting in a chart tooltip, "Flash attention: on" */
          g_string_append_printf (text, _("\n%s: %s"), label, value);
        }
    }
  if (bench_result_has_stats_mismatch (r))
    g_string_append_printf (text, "\n<i>%s</i>",
                            _("recomputed from the samples: the file’s own figures disagree"));
  return g_string_free (text, FALSE);
}

/* a comparison's bar: the speedup, its verdict, and what it compares */
static char *
speedup_tooltip_text (BenchChartSpec              *spec,
                      const BenchChartPanelLayout *panel,
                      const BenchChartBar         *bar)
{
  GString *text = g_string_new (NULL);
  const char *category = NULL, *series = NULL;

  for (guint p = 0; p < bench_chart_spec_get_n_panels (spec) && category == NULL; p++)
    {
      BenchChartPanel *sp = bench_chart_spec_get_panel (spec, p);

      if (sp->test_kind != panel->test_kind)
        continue;
      for (guint i = 0; i < sp->results->len; i++)
        if (g_ptr_array_index (sp->results, i) == (gpointer) bar->result &&
            g_array_index (sp->result_series, guint, i) == bar->series)
          {
            category = g_ptr_array_index (sp->categories, g_array_index (sp->result_category, guint, i));
            series = g_ptr_array_index (sp->series, bar->series);
            break;
          }
    }
  /* Translators: a speedup in the chart's tooltip, "1.23 ± 0.04×" */
  g_string_append_printf (text, _("<b>%.2f ± %.2f×</b>"), bar->value, bar->stddev);
  g_string_append_printf (text, " · %s", bench_verdict_to_string (bench_speedup_verdict (bar->value, bar->stddev)));
  if (category != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (category, -1);
      g_string_append_printf (text, "\n%s", escaped);
    }
  if (series != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (series, -1);
      g_string_append_printf (text, "\n%s", escaped);
    }
  return g_string_free (text, FALSE);
}

static gboolean
on_query_tooltip (GtkWidget      *widget,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip,
                  BenchChartView *self)
{
  BenchResult *r;
  g_autofree char *markup = NULL;

  if (self->layout == NULL)
    return FALSE;
  if (isfinite (bench_chart_spec_get_reference (self->spec)))
    {
      const BenchChartPanelLayout *panel;
      guint index;
      gboolean is_point;

      if (!bench_chart_layout_hit_mark (self->layout, x, y, &panel, &index, &is_point) || is_point)
        return FALSE;
      markup = speedup_tooltip_text (self->spec, panel,
                                     &g_array_index (panel->bars, BenchChartBar, index));
      gtk_tooltip_set_markup (tooltip, markup);
      return TRUE;
    }
  r = bench_chart_layout_hit (self->layout, x, y);
  if (r == NULL)
    return FALSE;
  markup = tooltip_text (r);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           BenchChartView           *self)
{
  BenchResult *r = self->layout ? bench_chart_layout_hit (self->layout, x, y) : NULL;

  if (r != self->hover)
    {
      self->hover = r;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), r ? "pointer" : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *motion,
          BenchChartView           *self)
{
  if (self->hover != NULL)
    {
      self->hover = NULL;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_click (GtkGestureClick *click,
          int              n_press,
          double           x,
          double           y,
          BenchChartView  *self)
{
  BenchResult *r = self->layout ? bench_chart_layout_hit (self->layout, x, y) : NULL;

  if (r != NULL)
    g_signal_emit (self, signals[RESULT_ACTIVATED], 0, r);
}

/* —— accessibility ————————————————————————————————————————————— */

static void
set_description (BenchChartView *self,
                 const char     *description)
{
  g_free (self->description);
  self->description = g_strdup (description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

static void
update_description (BenchChartView *self)
{
  g_autofree char *description = NULL;

  if (self->spec == NULL && self->building != NULL)
    description = g_strdup (_("Chart being drawn"));
  else if (self->spec == NULL || self->results->len == 0)
    description = g_strdup (_("Empty chart"));
  else
    description = bench_chart_spec_describe (self->spec);
  set_description (self, description);
}

/* —— the keyboard ———————————————————————————————————————————————— */

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const Mark *x = a, *y = b;

  if (x->panel != y->panel)
    return x->panel < y->panel ? -1 : 1;
  /* a line's points one series after another, bars left to right */
  if (x->is_point && y->is_point && x->series != y->series)
    return x->series < y->series ? -1 : 1;
  return (x->x > y->x) - (x->x < y->x);
}

static GArray *
collect_marks (BenchChartView *self)
{
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (Mark));

  if (self->layout == NULL)
    return marks;
  for (guint p = 0; p < self->layout->panels->len; p++)
    {
      const BenchChartPanelLayout *panel = g_ptr_array_index (self->layout->panels, p);

      for (guint i = 0; i < panel->bars->len; i++)
        {
          const BenchChartBar *bar = &g_array_index (panel->bars, BenchChartBar, i);
          Mark mark = { p, i, FALSE, bar->series, bar->center_x };
          g_array_append_val (marks, mark);
        }
      for (guint i = 0; i < panel->points->len; i++)
        {
          const BenchChartPoint *pt = &g_array_index (panel->points, BenchChartPoint, i);
          Mark mark = { p, i, TRUE, pt->series, pt->x };
          g_array_append_val (marks, mark);
        }
    }
  g_array_sort (marks, compare_marks);
  return marks;
}

/* markup to the words a screen reader says: lines become clauses */
static char *
plain_text (const char *markup)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  if (!pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    return g_strdup (markup);
  lines = g_strsplit (text, "\n", -1);
  return g_strjoinv (", ", lines);
}

static void
move_focus (BenchChartView *self,
            int             to)
{
  g_autoptr (GArray) marks = NULL;
  const Mark *mark;
  const BenchChartPanelLayout *panel;
  g_autofree char *markup = NULL;

  ensure_layout (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  marks = collect_marks (self);
  if (marks->len == 0)
    return;
  self->focus_mark = CLAMP (to, 0, (int) marks->len - 1);
  mark = &g_array_index (marks, Mark, self->focus_mark);
  self->focus_panel = mark->panel;
  self->focus_index = mark->index;
  self->focus_is_point = mark->is_point;
  panel = g_ptr_array_index (self->layout->panels, mark->panel);
  if (mark->is_point)
    self->focus_result = g_array_index (panel->points, BenchChartPoint, mark->index).result;
  else
    {
      const BenchChartBar *bar = &g_array_index (panel->bars, BenchChartBar, mark->index);

      self->focus_result = bar->result;
      if (isfinite (bench_chart_spec_get_reference (self->spec)))
        markup = speedup_tooltip_text (self->spec, panel, bar);
    }
  if (markup == NULL && self->focus_result != NULL)
    markup = tooltip_text (self->focus_result);
  g_free (self->focus_text);
  self->focus_text = markup != NULL ? plain_text (markup) : NULL;
  /* read out by screen readers as the description of the chart */
  set_description (self, self->focus_text);
#if GTK_CHECK_VERSION (4, 14, 0)
  if (self->focus_text != NULL)
    gtk_accessible_announce (GTK_ACCESSIBLE (self), self->focus_text,
                             GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
#endif
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
forget_focus (BenchChartView *self)
{
  self->focus_mark = -1;
  self->focus_result = NULL;
  g_clear_pointer (&self->focus_text, g_free);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BenchChartView *self = BENCH_CHART_VIEW (widget);
  int step = g_variant_get_int32 (parameter);

  if (step == G_MININT32)
    move_focus (self, 0);
  else if (step == G_MAXINT32)
    move_focus (self, G_MAXINT - 1);
  else
    move_focus (self, self->focus_mark < 0 ? 0 : self->focus_mark + step);
}

static void
activate_mark_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BenchChartView *self = BENCH_CHART_VIEW (widget);

  if (self->focus_result != NULL)
    g_signal_emit (self, signals[RESULT_ACTIVATED], 0, self->focus_result);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                BenchChartView          *self)
{
  /* the chart as a whole again, for the next visit */
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_enter (GtkEventControllerFocus *controller,
                BenchChartView          *self)
{
  if (self->focus_mark >= 0)
    move_focus (self, self->focus_mark);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* —— the widget ————————————————————————————————————————————————— */

static void
on_dark_changed (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 BenchChartView  *self)
{
  invalidate_layout (self);
}

/* a chart still being made for an earlier selection is not wanted */
static void
cancel_building (BenchChartView *self)
{
  if (self->building != NULL)
    g_cancellable_cancel (self->building);
  g_clear_object (&self->building);
}

static void
bench_chart_view_dispose (GObject *object)
{
  BenchChartView *self = BENCH_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  cancel_building (self);
  forget_focus (self);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->layout, bench_chart_layout_free);
  g_clear_pointer (&self->spec, bench_chart_spec_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);

  G_OBJECT_CLASS (bench_chart_view_parent_class)->dispose (object);
}

static void
bench_chart_view_class_init (BenchChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bench_chart_view_dispose;
  widget_class->snapshot = bench_chart_view_snapshot;
  widget_class->size_allocate = bench_chart_view_size_allocate;
  widget_class->measure = bench_chart_view_measure;
  widget_class->get_request_mode = bench_chart_view_get_request_mode;

  signals[RESULT_ACTIVATED] = g_signal_new ("result-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, BENCH_TYPE_RESULT);
  /* the chart now shows another spec (or none): controls that depend on
   * what is drawn (the x scale, the roofline) follow it */
  signals[SPEC_CHANGED] = g_signal_new ("spec-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);

  /* the arrow keys step through the bars and points, Return selects one's row */
  gtk_widget_class_install_action (widget_class, "chart.step", "i", step_action);
  gtk_widget_class_install_action (widget_class, "chart.activate-mark", NULL, activate_mark_action);
  {
    static const struct { guint key; int step; } keys[] = {
      { GDK_KEY_Right, 1 }, { GDK_KEY_Down, 1 }, { GDK_KEY_KP_Right, 1 }, { GDK_KEY_KP_Down, 1 },
      { GDK_KEY_Left, -1 }, { GDK_KEY_Up, -1 }, { GDK_KEY_KP_Left, -1 }, { GDK_KEY_KP_Up, -1 },
      { GDK_KEY_Home, G_MININT32 }, { GDK_KEY_End, G_MAXINT32 },
    };
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      gtk_widget_class_add_binding_action (widget_class, keys[i].key, 0, "chart.step", "i", keys[i].step);
  }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.activate-mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "chart.activate-mark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.activate-mark", NULL);
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bench_chart_view_init (BenchChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  self->focus_mark = -1;
  /* a stop of Tab: the arrow keys then walk its bars and points */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                    G_CALLBACK (on_dark_changed), self);
  update_description (self);
}

GtkWidget *
bench_chart_view_new (void)
{
  return g_object_new (BENCH_TYPE_CHART_VIEW, NULL);
}

typedef struct
{
  GPtrArray      *results;
  BenchGroupKind  kind;
  gboolean        overview;
} SpecJob;

/* the page's note goes after what the subtitle says */
static void
add_note (BenchChartView *self)
{
  const char *subtitle;
  g_autofree char *text = NULL;

  if (self->note == NULL || self->spec == NULL)
    return;
  subtitle = bench_chart_spec_get_subtitle (self->spec);
  text = subtitle != NULL && *subtitle ? g_strdup_printf ("%s · %s", subtitle, self->note) : g_strdup (self->note);
  bench_chart_spec_set_subtitle (self->spec, text);
}

/* a spec just made takes the view's note and its choices of scale */
static void
adopt_spec (BenchChartView *self,
            BenchChartSpec *spec)
{
  g_clear_pointer (&self->spec, bench_chart_spec_unref);
  self->spec = spec;
  add_note (self);
  bench_chart_spec_set_log_scale (self->spec, self->log_scale);
  bench_chart_spec_set_rooflines (self->spec, !self->hide_rooflines);
  bench_chart_spec_set_x_scale (self->spec, self->x_scale);
}

static BenchChartSpec *
make_spec (GPtrArray      *results,
           BenchGroupKind  kind,
           gboolean        overview)
{
  return overview ? bench_chart_spec_new_overview (results, kind)
                  : bench_chart_spec_new_for_view (results, kind);
}

static void
spec_job_free (SpecJob *job)
{
  g_ptr_array_unref (job->results);
  g_free (job);
}

static void
build_spec_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  SpecJob *job = data;

  /* replaced before it started: skip the work */
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, make_spec (job->results, job->kind, job->overview),
                         (GDestroyNotify) bench_chart_spec_unref);
}

static void
on_spec_built (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  /* the view is the callback's data, not the task's source: the worker
   * drops the task, and must never drop the last hold on a widget */
  g_autoptr (BenchChartView) self = data;
  BenchChartSpec *spec = g_task_propagate_pointer (G_TASK (result), NULL);

  /* NULL when cancelled: a newer selection replaced this one meanwhile */
  if (spec == NULL)
    return;
  g_clear_object (&self->building);
  adopt_spec (self, spec);
  update_description (self);
  invalidate_layout (self);
  g_signal_emit (self, signals[SPEC_CHANGED], 0);
}

void
bench_chart_view_set_results (BenchChartView *self,
                              GPtrArray      *results,
                              BenchGroupKind  kind)
{
  g_return_if_fail (BENCH_IS_CHART_VIEW (self));

  /* shared with the page and the spec: never copied, never changed */
  g_ptr_array_ref (results);
  g_ptr_array_unref (self->results);
  self->results = results;
  self->kind = kind;
  self->hover = NULL;
  forget_focus (self);
  g_clear_pointer (&self->spec, bench_chart_spec_unref);
  cancel_building (self);
  if (self->results->len >= (self->overview ? ASYNC_OVERVIEW_RESULTS : ASYNC_RESULTS))
    {
      SpecJob *job = g_new0 (SpecJob, 1);
      g_autoptr (GTask) task = NULL;

      job->results = g_ptr_array_ref (self->results);
      job->kind = kind;
      job->overview = self->overview;
      self->building = g_cancellable_new ();
      task = g_task_new (NULL, self->building, on_spec_built, g_object_ref (self));
      g_task_set_task_data (task, job, (GDestroyNotify) spec_job_free);
      bench_task_run_in_background_thread (task, "bench-chart", build_spec_thread);
    }
  else if (self->results->len > 0)
    adopt_spec (self, make_spec (self->results, kind, self->overview));
  update_description (self);
  invalidate_layout (self);
  /* a spec made in a worker says so when it arrives */
  if (self->building == NULL)
    g_signal_emit (self, signals[SPEC_CHANGED], 0);
}

void
bench_chart_view_set_spec (BenchChartView *self,
                           BenchChartSpec *spec)
{
  g_return_if_fail (BENCH_IS_CHART_VIEW (self));

  cancel_building (self);
  if (spec != NULL)
    bench_chart_spec_ref (spec);
  g_clear_pointer (&self->spec, bench_chart_spec_unref);
  self->spec = spec;
  g_ptr_array_unref (self->results);
  self->results = spec != NULL ? g_ptr_array_ref (bench_chart_spec_get_results (spec))
                               : g_ptr_array_new_with_free_func (g_object_unref);
  self->hover = NULL;
  forget_focus (self);
  update_description (self);
  invalidate_layout (self);
  g_signal_emit (self, signals[SPEC_CHANGED], 0);
}

BenchChartSpec *
bench_chart_view_get_spec (BenchChartView *self)
{
  g_return_val_if_fail (BENCH_IS_CHART_VIEW (self), NULL);
  return self->spec;
}

gboolean
bench_chart_view_is_building (BenchChartView *self)
{
  g_return_val_if_fail (BENCH_IS_CHART_VIEW (self), FALSE);
  return self->building != NULL;
}

GPtrArray *
bench_chart_view_get_results (BenchChartView *self)
{
  g_return_val_if_fail (BENCH_IS_CHART_VIEW (self), NULL);
  return self->results;
}

void
bench_chart_view_set_log_scale (BenchChartView *self,
                                gboolean        log_scale)
{
  g_return_if_fail (BENCH_IS_CHART_VIEW (self));

  self->log_scale = log_scale;
  if (self->spec != NULL)
    bench_chart_spec_set_log_scale (self->spec, log_scale);
  invalidate_layout (self);
}

/* The decode roofline over generation-versus-depth charts (shown by
 * default): peak bandwidth / (active weights + depth × KV per token). */
void
bench_chart_view_set_rooflines (BenchChartView *self,
                                gboolean        rooflines)
{
  g_return_if_fail (BENCH_IS_CHART_VIEW (self));

  self->hide_rooflines = !rooflines;
  if (self->spec != NULL)
    bench_chart_spec_set_rooflines (self->spec, rooflines);
  invalidate_layout (self);
}

gboolean
bench_chart_view_has_rooflines (BenchChartView *self)
{
  g_return_val_if_fail (BENCH_IS_CHART_VIEW (self), FALSE);
  if (self->spec == NULL)
    return FALSE;
  for (guint i = 0; i < bench_chart_spec_get_n_panels (self->spec); i++)
    if (bench_chart_spec_get_panel (self->spec, i)->rooflines != NULL)
      return TRUE;
  return FALSE;
}

void
bench_chart_view_set_x_scale (BenchChartView   *self,
                              BenchChartXScale  x_scale)
{
  g_return_if_fail (BENCH_IS_CHART_VIEW (self));

  self->x_scale = x_scale;
  if (self->spec != NULL)
    bench_chart_spec_set_x_scale (self->spec, x_scale);
  invalidate_layout (self);
}

void
bench_chart_view_set_overview (BenchChartView *self,
                               gboolean        overview)
{
  g_return_if_fail (BENCH_IS_CHART_VIEW (self));
  self->overview = overview;
}

gboolean
bench_chart_view_is_dark (BenchChartView *self)
{
  g_return_val_if_fail (BENCH_IS_CHART_VIEW (self), FALSE);
  return is_dark (GTK_WIDGET (self));
}

void
bench_chart_view_set_grow_to_fit (BenchChartView *self,
                                  gboolean        grow_to_fit)
{
  g_return_if_fail (BENCH_IS_CHART_VIEW (self));
  self->grow_to_fit = grow_to_fit;
  self->fit_width = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
bench_chart_view_get_focus_text (BenchChartView *self)
{
  g_return_val_if_fail (BENCH_IS_CHART_VIEW (self), NULL);
  return self->focus_text;
}

BenchResult *
bench_chart_view_get_focus_result (BenchChartView *self)
{
  g_return_val_if_fail (BENCH_IS_CHART_VIEW (self), NULL);
  return self->focus_result;
}

const char *
bench_chart_view_get_description (BenchChartView *self)
{
  g_return_val_if_fail (BENCH_IS_CHART_VIEW (self), NULL);
  return self->description;
}

double
bench_chart_view_get_min_plot_height (BenchChartView *self)
{
  double lowest = INFINITY;

  g_return_val_if_fail (BENCH_IS_CHART_VIEW (self), 0);
  ensure_layout (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  if (self->layout == NULL)
    return 0;
  for (guint p = 0; p < self->layout->panels->len; p++)
    {
      const BenchChartPanelLayout *panel = g_ptr_array_index (self->layout->panels, p);
      lowest = MIN (lowest, panel->plot.height);
    }
  return isfinite (lowest) ? lowest : 0;
}

void
bench_chart_view_set_note (BenchChartView *self,
                           const char     *note)
{
  g_return_if_fail (BENCH_IS_CHART_VIEW (self));
  g_free (self->note);
  self->note = g_strdup (note);
}
