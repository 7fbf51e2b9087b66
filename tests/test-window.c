/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c — the window under Xvfb: load results the way a drop and a
 * paste do, switch views, select rows and see what the chart is given, and
 * a bad file's visible error. */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "bench-application.h"
#include "bench-chart-view.h"
#include "bench-compare-dialog.h"
#include "bench-efficiency.h"
#include "bench-export-dialog.h"
#include "bench-sources-dialog.h"
#include "bench-test-util.h"
#include "bench-test-window.h"
#include "bench-units.h"
#include "bench-window.h"

static BenchApplication *app;

static BenchWindow *
new_window (void)
{
  BenchWindow *window = bench_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
load_corpus (BenchWindow *window,
             const char  *first,
             ...)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *rel = first; rel != NULL; rel = va_arg (args, const char *))
    {
      g_autofree char *path = bench_test_corpus_path (rel);
      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  va_end (args);
  /* the path a drop and the Open dialog take */
  bench_window_load_files (window, (GFile **) files->pdata, files->len);
  bench_test_wait_until_loaded (window);
}

#define maybe_screenshot(window, name) bench_test_screenshot (GTK_WIDGET (window), name)

static guint
n_visible (BenchWindow    *window,
           BenchGroupKind  kind)
{
  return g_list_model_get_n_items (bench_group_page_get_visible (bench_window_get_page (window, kind)));
}

static guint
n_chart_results (BenchWindow    *window,
                 BenchGroupKind  kind)
{
  GtkWidget *chart = bench_group_page_get_chart (bench_window_get_page (window, kind));
  return bench_chart_view_get_results (BENCH_CHART_VIEW (chart))->len;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* the visible column titled @title of the first column view under @widget */
static GtkColumnViewColumn *
find_column (GtkWidget     *widget,
             const char    *title,
             GtkColumnView **view)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (widget));

      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

          if (gtk_column_view_column_get_visible (column) &&
              g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
            {
              *view = GTK_COLUMN_VIEW (widget);
              return column;
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkColumnViewColumn *column = find_column (child, title, view);
      if (column != NULL)
        return column;
    }
  return NULL;
}

/* the groups' figure in table order is sorted ascending with every
 * missing value (NAN) after every present one */
static void
assert_sorted_missing_last (GListModel *groups,
                            double    (*figure) (BenchGroup *group))
{
  guint n_missing = 0, n_present = 0;
  double last = -INFINITY;

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr (BenchGroup) group = g_list_model_get_item (groups, i);
      double value = figure (group);

      if (isnan (value))
        n_missing++;
      else
        {
          g_assert_cmpuint (n_missing, ==, 0);
          g_assert_cmpfloat (value, >=, last);
          last = value;
          n_present++;
        }
    }
  g_assert_cmpuint (n_missing, >, 0);
  g_assert_cmpuint (n_present, >, 1);
}

/* Sorting by a figure some rows lack puts those rows last: models that
 * were only measured at prefill have no best generation speed. */
static void
test_sort_missing_last (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *page;
  GtkColumnView *view = NULL;
  GtkColumnViewColumn *column;

  load_corpus (window, "generated/cpu-three-models.json",
               "public/kyuz0-strixhalo-vulkan-radv-deepseek-v4-flash-curve-prefill.jsonl",
               "public/msb-rtx3090-cuda-ncmoe-threads-sweep-harness-wrapped.json", NULL);
  bench_window_show_view (window, BENCH_GROUP_MODEL);
  page = bench_window_get_page (window, BENCH_GROUP_MODEL);

  column = find_column (GTK_WIDGET (page), "Best tg t/s", &view);
  g_assert_nonnull (column);
  gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
  assert_sorted_missing_last (bench_group_page_get_visible (page), bench_group_get_best_tg);

  column = find_column (GTK_WIDGET (page), "Best pp t/s", &view);
  g_assert_nonnull (column);
  gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
  assert_sorted_missing_last (bench_group_page_get_visible (page), bench_group_get_best_pp);

  /* the columns of another view are not shown here */
  g_assert_null (find_column (GTK_WIDGET (page), "Bandwidth GB/s", &view));
  maybe_screenshot (window, "models-sorted.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The filter narrows the groups by their names. */
static void
test_filter_groups (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *page;
  GtkWidget *entry;

  load_corpus (window, "generated/cpu-three-models.json",
               "public/talk-strix-halo-rocm72-step35-imatrix.json", NULL);
  bench_window_show_view (window, BENCH_GROUP_HARDWARE);
  page = bench_window_get_page (window, BENCH_GROUP_HARDWARE);
  g_assert_cmpuint (n_visible (window, BENCH_GROUP_HARDWARE), ==, 2);
  entry = find_descendant (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "radeon");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (n_visible (window, BENCH_GROUP_HARDWARE), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (n_visible (window, BENCH_GROUP_HARDWARE), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_views (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *models;
  GtkSelectionModel *selection;
  g_autoptr (BenchGroup) first = NULL;
  g_autoptr (BenchGroup) second = NULL;
  AdwViewStack *stack;

  load_corpus (window, "generated/cpu-three-models.json",
               "public/talk-strix-halo-rocm72-step35-imatrix.json",
               "public/talk-strix-halo-rocm72-step35-flash-reap128-q4km.json", NULL);

  g_assert_cmpuint (bench_dataset_get_n_results (bench_window_get_dataset (window)), ==, 30);
  g_assert_cmpuint (n_visible (window, BENCH_GROUP_RUN), ==, 3);
  g_assert_cmpuint (n_visible (window, BENCH_GROUP_MODEL), ==, 5);
  g_assert_cmpuint (n_visible (window, BENCH_GROUP_HARDWARE), ==, 2);

  /* switch the three tabs */
  stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (bench_window_get_page (window, 0)),
                                                   ADW_TYPE_VIEW_STACK));
  for (guint kind = 0; kind < 3; kind++)
    {
      bench_window_show_view (window, kind);
      g_main_context_iteration (NULL, FALSE);
      g_assert_true (adw_view_stack_get_visible_child (stack) ==
                     GTK_WIDGET (bench_window_get_page (window, kind)));
    }

  /* with nothing selected the chart shows the first groups: all 5 models */
  g_assert_cmpuint (n_chart_results (window, BENCH_GROUP_MODEL), ==, 30);
  bench_window_show_view (window, BENCH_GROUP_HARDWARE);
  maybe_screenshot (window, "views-hardware.png");
  bench_window_show_view (window, BENCH_GROUP_RUN);
  maybe_screenshot (window, "views-runs.png");
  bench_window_show_view (window, BENCH_GROUP_MODEL);

  /* selecting rows drives the chart */
  models = bench_window_get_page (window, BENCH_GROUP_MODEL);
  selection = bench_group_page_get_selection (models);
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  second = g_list_model_get_item (G_LIST_MODEL (selection), 3);
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_cmpuint (n_chart_results (window, BENCH_GROUP_MODEL), ==,
                    bench_group_get_n_results (first));
  gtk_selection_model_select_item (selection, 3, FALSE);
  g_assert_cmpuint (n_chart_results (window, BENCH_GROUP_MODEL), ==,
                    bench_group_get_n_results (first) + bench_group_get_n_results (second));
  /* the results table lists the selection's results */
  g_assert_cmpuint (g_list_model_get_n_items (bench_group_page_get_results_model (models)), ==,
                    bench_group_get_n_results (first) + bench_group_get_n_results (second));
  maybe_screenshot (window, "views-models-selected.png");
  bench_group_page_show_results (models, TRUE);
  maybe_screenshot (window, "views-results.png");
  bench_group_page_show_results (models, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean find_label_containing (GtkWidget  *widget,
                                      const char *fragment);

/* A machine's peak entered by the user (win.set-peak, as the Hardware
 * view's Peak… popover does) changes its groups' share in place; 0 gives
 * the table's figure back. gpt-oss 20B F16 on Strix Halo (256 GB/s), a
 * depth sweep: its generation chart carries a roofline. */
static void
test_peak_and_roofline (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *hardware;
  GtkSelectionModel *selection;
  g_autoptr (BenchGroup) machine = NULL;
  GtkWidget *chart;
  const char *key;
  double share;

  load_corpus (window, "public/strix-halo-gpt-oss-20b.default-hip.jsonl",
               "public/strix-halo-gpt-oss-20b.lhl-tune-tile.jsonl", NULL);
  bench_window_show_view (window, BENCH_GROUP_HARDWARE);
  hardware = bench_window_get_page (window, BENCH_GROUP_HARDWARE);
  selection = bench_group_page_get_selection (hardware);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 1);
  machine = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  key = bench_result_get_hardware_key (bench_group_get_first (machine));
  share = bench_group_get_efficiency (machine)->share;
  g_assert_cmpfloat (bench_group_get_efficiency (machine)->peak.gbs, ==, 256);
  g_assert_cmpfloat (share, >, 0.2);
  g_assert_cmpfloat (share, <, 1.0);

  /* nothing selected shows the overview, which has no roofline to toggle;
   * the machine's own chart sweeps depth */
  chart = bench_group_page_get_chart (hardware);
  g_assert_false (bench_chart_view_has_rooflines (BENCH_CHART_VIEW (chart)));
  g_assert_false (find_label_containing (GTK_WIDGET (hardware), "Roofline"));
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_true (bench_chart_view_has_rooflines (BENCH_CHART_VIEW (chart)));
  g_assert_true (find_label_containing (GTK_WIDGET (hardware), "Roofline"));
  maybe_screenshot (window, "efficiency-roofline-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  maybe_screenshot (window, "efficiency-roofline-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (hardware), "win.set-peak", "(sd)", key, 128.0));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpfloat (bench_peak_get_user (key), ==, 128);
  g_assert_true (bench_group_get_efficiency (machine)->peak.from_user);
  g_assert_cmpfloat_with_epsilon (bench_group_get_efficiency (machine)->share, share * 2, 1e-9);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (hardware), "win.set-peak", "(sd)", key, 0.0));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (isnan (bench_peak_get_user (key)));
  g_assert_cmpfloat_with_epsilon (bench_group_get_efficiency (machine)->share, share, 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWindow *find_toplevel (GType type);
static gboolean   find_label_containing (GtkWidget  *widget,
                                         const char *fragment);

static void
test_paste (void)
{
  BenchWindow *window = new_window ();
  g_autofree char *path = bench_test_corpus_path ("generated/cpu-three-models.twin.md");
  g_autofree char *text = NULL;
  GListModel *sources;
  g_autoptr (BenchSource) pasted = NULL;
  g_autoptr (BenchSource) again = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  /* the path Ctrl+V takes, with prose around the table as in a post */
  {
    g_autofree char *post = g_strdup_printf ("My results on the EPYC box:\n\n%s\nThanks!\n", text);
    bench_window_load_text (window, post);
  }
  bench_test_wait_until_loaded (window);

  sources = bench_dataset_get_sources (bench_window_get_dataset (window));
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 1);
  pasted = g_list_model_get_item (sources, 0);
  g_assert_cmpstr (bench_source_get_name (pasted), ==, "Pasted 1");
  g_assert_cmpuint (bench_source_get_n_results (pasted), ==, 6);
  g_assert_cmpuint (n_visible (window, BENCH_GROUP_MODEL), ==, 3);

  /* a second paste is a second source: it never replaces the first */
  bench_window_load_text (window, text);
  bench_test_wait_until_loaded (window);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 2);
  again = g_list_model_get_item (sources, 1);
  g_assert_cmpstr (bench_source_get_name (again), ==, "Pasted 2");
  /* the same table: counted once, and the sources list says so */
  g_assert_cmpuint (bench_dataset_get_n_results (bench_window_get_dataset (window)), ==, 6);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sources", NULL);
  {
    GtkWindow *list = find_toplevel (BENCH_TYPE_SOURCES_DIALOG);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    g_assert_nonnull (list);
    while (!find_label_containing (GTK_WIDGET (list), "duplicate of Pasted 1") &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (find_label_containing (GTK_WIDGET (list), "duplicate of Pasted 1"));
    gtk_window_destroy (list);
  }
  g_assert_cmpuint (g_list_model_get_n_items (bench_session_get_entries (bench_window_get_session (window))), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
find_label_containing (GtkWidget  *widget,
                       const char *fragment)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), fragment) != NULL &&
      gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label_containing (child, fragment))
      return TRUE;
  return FALSE;
}

/* an entry's text, for fields people edit */
static gboolean
find_text_containing (GtkWidget  *widget,
                      const char *fragment)
{
  if (GTK_IS_TEXT (widget) && strstr (gtk_editable_get_text (GTK_EDITABLE (widget)), fragment) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_text_containing (child, fragment))
      return TRUE;
  return FALSE;
}

/* A bad file gives a visible error naming it; the good ones load. */
static void
test_bad_file (void)
{
  BenchWindow *window = new_window ();
  g_autofree char *dir = g_dir_make_tmp ("benchtop-window-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken-run.json", NULL);
  g_autofree char *good = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autoptr (GFile) bad_file = NULL;
  g_autoptr (GFile) good_file = NULL;
  GFile *files[2];
  gint64 deadline;
  gboolean shown = FALSE;

  g_assert_true (g_file_set_contents (bad, "{\"name\": \"not a benchmark\"}\n", -1, NULL));
  bad_file = g_file_new_for_path (bad);
  good_file = g_file_new_for_path (good);
  files[0] = bad_file;
  files[1] = good_file;
  bench_window_load_files (window, files, 2);
  bench_test_wait_until_loaded (window);

  g_assert_cmpuint (bench_dataset_get_n_results (bench_window_get_dataset (window)), ==, 6);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!shown && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      shown = find_label_containing (GTK_WIDGET (window), "broken-run.json:1:1");
    }
  g_assert_true (shown);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (bad);
  g_rmdir (dir);
}

/* The data of the talk Benchtop comes from, and one model across three
 * llama.cpp builds: the pictures of the README and the metainfo. */
static void
test_showcase (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *runs;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 780);
  load_corpus (window, "public/talk-strix-halo-rocm72-step35-imatrix.json",
               "public/talk-strix-halo-rocm72-step35-flash-reap128-q4km.json",
               "public/strix-halo-gpt-oss-20b.default-hip.jsonl",
               "public/strix-halo-gpt-oss-20b.default-rocwmma.jsonl",
               "public/strix-halo-gpt-oss-20b.lhl-tune-tile.jsonl", NULL);
  g_assert_cmpuint (bench_dataset_get_n_results (bench_window_get_dataset (window)), ==, 54);
  g_assert_cmpuint (n_visible (window, BENCH_GROUP_RUN), ==, 5);
  g_assert_cmpuint (n_visible (window, BENCH_GROUP_MODEL), ==, 3);

  bench_window_show_view (window, BENCH_GROUP_MODEL);
  maybe_screenshot (window, "models.png");

  /* the three builds of gpt-oss side by side */
  bench_window_show_view (window, BENCH_GROUP_RUN);
  runs = bench_window_get_page (window, BENCH_GROUP_RUN);
  {
    GtkSelectionModel *selection = bench_group_page_get_selection (runs);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (selection));
    guint selected = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr (BenchGroup) group = g_list_model_get_item (G_LIST_MODEL (selection), i);

        if (strstr (bench_group_get_label (group), "gpt-oss") != NULL)
          {
            gtk_selection_model_select_item (selection, i, selected == 0);
            selected++;
          }
      }
    g_assert_cmpuint (selected, ==, 3);
    g_assert_cmpuint (n_chart_results (window, BENCH_GROUP_RUN), ==, 30);
  }
  maybe_screenshot (window, "runs.png");
  bench_group_page_show_results (runs, TRUE);
  maybe_screenshot (window, "results.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Half a laptop's screen, and less: with results loaded the window asks
 * for no more than 420 px (what the metainfo promises), and still shows
 * the chart and the table. */
static void
test_small_width (void)
{
  BenchWindow *window = new_window ();
  int minimum, natural;

  load_corpus (window, "generated/cpu-three-models.json", NULL);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("minimum width %d, natural %d", minimum, natural);
  g_assert_cmpint (minimum, <=, 420);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 760);
  bench_window_show_view (window, BENCH_GROUP_MODEL);
  maybe_screenshot (window, "narrow.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Two runs loaded: Compare is ready without selecting anything; three
 * selected: a baseline and two candidates, the table and the chart of
 * speedups, the baseline changed, the sides split by a setting. */
/* the texts of every drop-down's entries under @widget */
static void
collect_dropdown_entries (GtkWidget *widget,
                          GPtrArray *entries)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

      for (guint i = 0; model != NULL && GTK_IS_STRING_LIST (model) &&
                        i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (entries, g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), i)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_dropdown_entries (child, entries);
}

static GPtrArray *
dropdown_entries (GtkWidget *widget)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_free);

  collect_dropdown_entries (widget, entries);
  return entries;
}

static void
test_compare (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *runs;
  GtkSelectionModel *selection;
  BenchCompareDialog *dialog;
  BenchComparison *comparison;
  g_autofree char *markdown = NULL;

  load_corpus (window, "public/strix-halo-gpt-oss-20b.default-hip.jsonl",
               "public/strix-halo-gpt-oss-20b.default-rocwmma.jsonl", NULL);
  bench_window_show_view (window, BENCH_GROUP_RUN);
  runs = bench_window_get_page (window, BENCH_GROUP_RUN);
  selection = bench_group_page_get_selection (runs);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 2);

  /* the only two runs, nothing selected */
  dialog = BENCH_COMPARE_DIALOG (bench_group_page_compare (runs));
  g_assert_nonnull (dialog);
  comparison = bench_compare_dialog_get_comparison (dialog);
  g_assert_cmpuint (bench_comparison_get_n_sides (comparison), ==, 2);
  g_assert_cmpuint (bench_comparison_get_n_rows (comparison), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (bench_compare_dialog_get_rows (dialog)), ==, 10);
  g_assert_cmpstr (bench_comparison_get_side_name (comparison, 0), !=,
                   bench_comparison_get_side_name (comparison, 1));
  /* these runs measured each test once: the speedup says so, with no "± 0.00" */
  {
    BenchCompareRow *row = bench_comparison_get_row (comparison, 0);
    g_autofree char *text = bench_compare_dialog_dup_speedup_text (&row->cells[1]);

    g_assert_cmpint (row->cells[1].verdict, ==, BENCH_VERDICT_NOISE_UNKNOWN);
    g_assert_true (g_str_has_suffix (text, "× (single run)"));
    g_assert_null (strstr (text, "±"));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* a third run: one selected row is not a comparison, three are */
  load_corpus (window, "public/strix-halo-gpt-oss-20b.lhl-tune-tile.jsonl", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 3);
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_null (bench_group_page_compare (runs));
  gtk_selection_model_select_all (selection);
  dialog = BENCH_COMPARE_DIALOG (bench_group_page_compare (runs));
  g_assert_nonnull (dialog);
  comparison = bench_compare_dialog_get_comparison (dialog);
  g_assert_cmpuint (bench_comparison_get_n_sides (comparison), ==, 3);
  /* two candidates × ten tests on the chart, prefill and generation apart */
  g_assert_cmpuint (bench_chart_view_get_results (BENCH_CHART_VIEW (bench_compare_dialog_get_chart (dialog)))->len, ==, 20);

  /* the filter narrows the table */
  bench_compare_dialog_set_filter (dialog, "D65536");
  g_assert_cmpuint (g_list_model_get_n_items (bench_compare_dialog_get_rows (dialog)), ==, 2);
  bench_compare_dialog_set_filter (dialog, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (bench_compare_dialog_get_rows (dialog)), ==, 10);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  bench_test_screenshot (GTK_WIDGET (dialog), "compare.png");

  /* the speedup chart exports like every chart: the export dialog opens on it */
  {
    GtkWindow *export = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();

    gtk_widget_activate_action (GTK_WIDGET (dialog), "compare.export-chart", NULL);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && export == NULL; i++)
      {
        g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
        if (BENCH_IS_EXPORT_DIALOG (toplevel))
          export = toplevel;
      }
    g_assert_nonnull (export);
    g_assert_true (gtk_window_get_transient_for (export) == GTK_WINDOW (dialog));
    /* title and subtitle come along, ready to edit */
    g_assert_true (find_text_containing (GTK_WIDGET (export), "2 candidates vs"));
    g_assert_true (find_text_containing (GTK_WIDGET (export), "speedup over the baseline"));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    bench_test_screenshot (GTK_WIDGET (export), "compare-export.png");
    gtk_window_destroy (export);
  }

  /* another baseline */
  {
    const char *second = bench_comparison_get_side_name (comparison, 1);
    g_autofree char *expected = g_strdup (second);

    bench_compare_dialog_set_baseline (dialog, 1);
    comparison = bench_compare_dialog_get_comparison (dialog);
    g_assert_cmpstr (bench_comparison_get_side_name (comparison, 0), ==, expected);
  }

  /* sides by a setting: the two builds (rocWMMA shares the default build) */
  g_assert_true (bench_compare_dialog_split_by (dialog, "build_commit"));
  comparison = bench_compare_dialog_get_comparison (dialog);
  g_assert_cmpuint (bench_comparison_get_n_sides (comparison), ==, 2);
  g_assert_true (g_str_has_prefix (bench_comparison_get_side_name (comparison, 0), "Build: "));
  markdown = bench_comparison_to_markdown (comparison);
  g_assert_nonnull (strstr (markdown, " ± "));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));

  /* flash attention off against on, three repetitions each: verdicts. The
   * json twin of the run would count as the same run: another build of it
   * is a second run. */
  window = new_window ();
  bench_dataset_clear (bench_window_get_dataset (window));
  {
    g_autofree char *twin_path = bench_test_corpus_path ("generated/cpu-threads-fa.twin.json");
    g_autofree char *twin = NULL;
    g_autofree char *dir = g_dir_make_tmp ("benchtop-compare-XXXXXX", NULL);
    g_autofree char *other_path = g_build_filename (dir, "cpu-threads-fa.other-build.json", NULL);
    g_autoptr (GString) other = NULL;
    g_autoptr (GFile) other_file = g_file_new_for_path (other_path);

    g_assert_true (g_file_get_contents (twin_path, &twin, NULL, NULL));
    other = g_string_new (twin);
    g_assert_cmpuint (g_string_replace (other, "\"build_commit\": \"unknown\"", "\"build_commit\": \"0ther\"", 0), ==, 8);
    g_assert_true (g_file_set_contents (other_path, other->str, other->len, NULL));
    load_corpus (window, "generated/cpu-threads-fa.sql", NULL);
    bench_window_load_files (window, &other_file, 1);
    bench_test_wait_until_loaded (window);
    bench_test_remove_tree (dir);
  }
  g_assert_cmpuint (bench_dataset_get_n_results (bench_window_get_dataset (window)), ==, 16);
  bench_window_show_view (window, BENCH_GROUP_RUN);
  runs = bench_window_get_page (window, BENCH_GROUP_RUN);
  dialog = BENCH_COMPARE_DIALOG (bench_group_page_compare (runs));
  g_assert_nonnull (dialog);
  g_assert_true (bench_compare_dialog_split_by (dialog, "flash_attn"));
  comparison = bench_compare_dialog_get_comparison (dialog);
  /* sides and the Sides menu say what people read, not llama-bench's names */
  g_assert_cmpstr (bench_comparison_get_side_name (comparison, 0), ==, "Flash attention: off");
  g_assert_cmpstr (bench_comparison_get_side_name (comparison, 1), ==, "Flash attention: on");
  {
    g_autoptr (GPtrArray) entries = dropdown_entries (GTK_WIDGET (dialog));

    g_assert_true (g_ptr_array_find_with_equal_func (entries, "Each value of Flash attention",
                                                     g_str_equal, NULL));
    g_assert_true (g_ptr_array_find_with_equal_func (entries, "Each value of Threads",
                                                     g_str_equal, NULL));
    for (guint i = 0; i < entries->len; i++)
      {
        g_assert_null (strstr (g_ptr_array_index (entries, i), "flash_attn"));
        g_assert_null (strstr (g_ptr_array_index (entries, i), "n_threads"));
      }
  }
  /* two thread counts × prefill and generation */
  g_assert_cmpuint (bench_comparison_get_n_rows (comparison), ==, 4);
  for (guint i = 0; i < bench_comparison_get_n_rows (comparison); i++)
    g_assert_cmpint (bench_comparison_get_row (comparison, i)->cells[1].verdict, !=, BENCH_VERDICT_NOISE_UNKNOWN);
  /* the table sorts by a side's figure through the row's properties */
  {
    GtkColumnView *table = NULL;
    GtkColumnViewColumn *column = find_column (GTK_WIDGET (dialog), "Speedup", &table);
    GListModel *rows = bench_compare_dialog_get_rows (dialog);
    double last = -INFINITY;

    g_assert_nonnull (column);
    gtk_column_view_sort_by_column (table, column, GTK_SORT_ASCENDING);
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr (BenchCompareItem) item = g_list_model_get_item (rows, i);
        double speedup;

        g_object_get (item, "speedup", &speedup, NULL);
        g_assert_cmpfloat (speedup, >=, last);
        last = speedup;
      }
    g_assert_nonnull (find_column (GTK_WIDGET (dialog), "t/s Flash attention: on", &table));
  }
  gtk_window_set_default_size (GTK_WINDOW (dialog), 1100, 720);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  bench_test_screenshot (GTK_WIDGET (dialog), "compare-fa.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* a few frames of @widget's window: sizes settle, charts are laid out */
static void
wait_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (GTK_WIDGET (gtk_widget_get_root (widget)), count_frame, &frames, NULL);

  while (frames < 4)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (gtk_widget_get_root (widget)), id);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* One run that sweeps flash attention and threads compares within itself:
 * Compare opens on its first swept setting, sides named by it; the bars
 * take their verdict's colour. */
static void
test_compare_within_one_run (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *runs;
  BenchCompareDialog *dialog;
  BenchComparison *comparison;
  BenchChartSpec *spec;
  const char *first;

  bench_dataset_clear (bench_window_get_dataset (window));
  load_corpus (window, "generated/cpu-threads-fa.sql", NULL);
  bench_window_show_view (window, BENCH_GROUP_RUN);
  runs = bench_window_get_page (window, BENCH_GROUP_RUN);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (bench_group_page_get_selection (runs))), ==, 1);
  dialog = BENCH_COMPARE_DIALOG (bench_group_page_compare (runs));
  g_assert_nonnull (dialog);
  comparison = bench_compare_dialog_get_comparison (dialog);
  g_assert_cmpuint (bench_comparison_get_n_sides (comparison), ==, 2);
  first = bench_comparison_get_side_name (comparison, 0);
  g_test_message ("first side: %s", first);
  g_assert_true (g_str_equal (first, "Threads: 1") || g_str_equal (first, "Flash attention: off"));
  g_assert_cmpstr (first, !=, bench_comparison_get_side_name (comparison, 1));
  g_assert_cmpuint (bench_comparison_get_n_rows (comparison), ==, 4);
  g_assert_cmpuint (bench_comparison_get_n_unmatched (comparison), ==, 0);
  /* the selected rows alone are one side: not offered as a comparison */
  g_assert_false (bench_compare_dialog_split_by (dialog, NULL));

  g_assert_true (bench_compare_dialog_split_by (dialog, "flash_attn"));
  comparison = bench_compare_dialog_get_comparison (dialog);
  spec = bench_chart_view_get_spec (BENCH_CHART_VIEW (bench_compare_dialog_get_chart (dialog)));
  g_assert_true (bench_chart_spec_get_verdict_series (spec));
  /* at 800×600 the speedup chart scrolls rather than squash its plots */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 800, 600);
  wait_frames (GTK_WIDGET (dialog));
  g_test_message ("compare at 800×600: lowest plot %.0f px",
                  bench_chart_view_get_min_plot_height (BENCH_CHART_VIEW (bench_compare_dialog_get_chart (dialog))));
  g_assert_cmpfloat (bench_chart_view_get_min_plot_height (BENCH_CHART_VIEW (bench_compare_dialog_get_chart (dialog))), >=, 160);
  if (g_getenv ("BENCHTOP_SCREENSHOT_DIR") != NULL)
    {
      static const int sizes[][2] = { { 1600, 1000 }, { 800, 600 }, { 420, 800 } };

      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        {
          g_autofree char *name = g_strdup_printf ("compare-one-run-%dx%d.png", sizes[z][0], sizes[z][1]);

          gtk_window_set_default_size (GTK_WINDOW (dialog), sizes[z][0], sizes[z][1]);
          wait_frames (GTK_WIDGET (dialog));
          maybe_screenshot (dialog, name);
        }
    }
  for (guint p = 0; p < bench_chart_spec_get_n_panels (spec); p++)
    {
      BenchChartPanel *panel = bench_chart_spec_get_panel (spec, p);

      g_assert_nonnull (panel->result_tone);
      for (guint i = 0; i < panel->results->len; i++)
        {
          BenchResult *r = g_ptr_array_index (panel->results, i);
          guint tone = g_array_index (panel->result_tone, guint, i);

          for (guint k = 0; k < bench_comparison_get_n_rows (comparison); k++)
            {
              BenchCompareRow *row = bench_comparison_get_row (comparison, k);
              if (row->cells[1].example != r)
                continue;
              g_assert_cmpuint (tone, ==, row->cells[1].verdict == BENCH_VERDICT_FASTER ? BENCH_CHART_TONE_FASTER
                                          : row->cells[1].verdict == BENCH_VERDICT_SLOWER ? BENCH_CHART_TONE_SLOWER
                                          : BENCH_CHART_TONE_NEUTRAL);
            }
        }
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* presses @keyval on @widget through its shortcut controllers, as GTK
 * would after the key went to the focused widget */
static gboolean
press_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  mods)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* The chart is a stop of Tab; the arrow keys step through its bars, each
 * step telling assistive technologies what the bar shows; Tab leaves a
 * table in one press, on to the chart. */
static void
test_chart_keyboard (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *page;
  BenchChartView *chart;
  GtkWidget *table;
  BenchResult *first, *second;
  g_autofree char *first_text = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  load_corpus (window, "generated/cpu-three-models.json", NULL);
  bench_window_show_view (window, BENCH_GROUP_MODEL);
  page = bench_window_get_page (window, BENCH_GROUP_MODEL);
  chart = BENCH_CHART_VIEW (bench_group_page_get_chart (page));
  wait_frames (GTK_WIDGET (chart));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
  g_assert_null (bench_chart_view_get_focus_result (chart));

  /* Tab from a row of the table goes to the chart, not the next row */
  table = find_descendant (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (table);
  gtk_widget_grab_focus (table);
  g_assert_true (press_shortcut (table, GDK_KEY_Tab, 0));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)));

  /* → the first bar; its words are the chart's description */
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.step", "i", 1);
  first = bench_chart_view_get_focus_result (chart);
  g_assert_nonnull (first);
  first_text = g_strdup (bench_chart_view_get_focus_text (chart));
  g_assert_nonnull (first_text);
  g_assert_nonnull (strstr (first_text, bench_result_get_test_label (first)));
  g_assert_cmpstr (bench_chart_view_get_description (chart), ==, first_text);
  /* → the next; ← back */
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.step", "i", 1);
  second = bench_chart_view_get_focus_result (chart);
  g_assert_nonnull (second);
  g_assert_true (second != first || g_strcmp0 (bench_chart_view_get_focus_text (chart), first_text) != 0);
  g_assert_cmpstr (bench_chart_view_get_description (chart), ==, bench_chart_view_get_focus_text (chart));
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.step", "i", -1);
  g_assert_cmpstr (bench_chart_view_get_focus_text (chart), ==, first_text);
  /* Shift+Tab from the table goes back to the filter */
  gtk_widget_grab_focus (table);
  g_assert_true (press_shortcut (table, GDK_KEY_Tab, GDK_SHIFT_MASK));
  g_assert_false (gtk_widget_has_focus (table));
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (chart)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every button drawn as an icon alone has a name a screen reader says. */
static void
test_icon_buttons_named (void)
{
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "..", "src", NULL);
  g_autoptr (GDir) dir = g_dir_open (src, 0, NULL);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".ui"))
      g_ptr_array_add (files, g_strdup (entry));
  g_assert_cmpuint (files->len, >=, 5);
  for (guint f = 0; f < files->len; f++)
    {
      g_autofree char *path = g_build_filename (src, g_ptr_array_index (files, f), NULL);
      g_autofree char *text = NULL;
      const char *at;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      for (at = strstr (text, "<object class=\""); at != NULL; at = strstr (at + 1, "<object class=\""))
        {
          const char *end = strstr (at + 1, "<object class=\"");
          g_autofree char *object = end ? g_strndup (at, end - at) : g_strdup (at);
          gboolean button = g_str_has_prefix (at, "<object class=\"GtkButton\"") ||
                            g_str_has_prefix (at, "<object class=\"GtkMenuButton\"") ||
                            g_str_has_prefix (at, "<object class=\"GtkToggleButton\"");

          if (!button || strstr (object, "name=\"icon-name\"") == NULL)
            continue;
          g_test_message ("%s: %.80s", (char *) g_ptr_array_index (files, f), at);
          g_assert_nonnull (strstr (object, "<accessibility>"));
        }
    }
}

/* At 420 px wide and at 800×600, every plot of every view keeps a readable
 * height: the chart scrolls rather than squash. */
static void
test_small_plots (void)
{
  static const int sizes[][2] = { { 420, 800 }, { 800, 600 } };

  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      BenchWindow *window = new_window ();

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[z][0], sizes[z][1]);
      load_corpus (window, "generated/cpu-three-models.json", "generated/cpu-sweep-prompt-depth.jsonl",
                   "generated/cpu-threads-fa.sql", "public/strix-halo-gpt-oss-20b.default-hip.jsonl", NULL);
      for (BenchGroupKind kind = BENCH_GROUP_RUN; kind <= BENCH_GROUP_HARDWARE; kind++)
        {
          BenchGroupPage *page;
          BenchChartView *chart;
          GtkSelectionModel *selection;

          bench_window_show_view (window, kind);
          page = bench_window_get_page (window, kind);
          chart = BENCH_CHART_VIEW (bench_group_page_get_chart (page));
          wait_frames (GTK_WIDGET (chart));
          g_test_message ("%d×%d, view %d: lowest plot %.0f px", sizes[z][0], sizes[z][1], kind,
                          bench_chart_view_get_min_plot_height (chart));
          g_assert_cmpfloat (bench_chart_view_get_min_plot_height (chart), >=, 160);
          /* a selection's sweep chart too */
          selection = bench_group_page_get_selection (page);
          gtk_selection_model_select_all (selection);
          wait_frames (GTK_WIDGET (chart));
          g_test_message ("  all selected: lowest plot %.0f px", bench_chart_view_get_min_plot_height (chart));
          g_assert_cmpfloat (bench_chart_view_get_min_plot_height (chart), >=, 160);
        }
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* Several machines are compared on a model they share: the one most of
 * them ran, the others greyed out and left out of the chart, counted in
 * its subtitle; no model in common is said. The filter searches the
 * machines' models too, and says when nothing matches. */
static void
test_hardware_shared_model (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *page;
  GtkSelectionModel *selection;
  GListModel *machines;
  BenchChartView *chart;
  BenchChartSpec *spec;
  GPtrArray *results;
  const char *chosen;
  guint n, cpu = G_MAXUINT, lacking = 0;
  GtkWidget *entry;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  /* llama 3.2 1B Q4_K_M on a Strix Halo and an M1 Ultra; neither on the
   * CPU of the tiny models nor on the RTX 3090 */
  load_corpus (window, "generated/cpu-three-models.json", "public/strix-halo-llama32-1b.default-hip.jsonl",
               "public/issue-geerling-ai-bench-48-m1-ultra-metal-blas.md",
               "public/msb-rtx3090-cuda-ncmoe-threads-sweep-harness-wrapped.json", NULL);
  bench_window_show_view (window, BENCH_GROUP_HARDWARE);
  page = bench_window_get_page (window, BENCH_GROUP_HARDWARE);
  selection = bench_group_page_get_selection (page);
  machines = G_LIST_MODEL (selection);
  n = g_list_model_get_n_items (machines);
  g_test_message ("%u machines", n);
  g_assert_cmpuint (n, ==, 4);

  /* nothing selected: every machine, on the model most of them share */
  chosen = bench_group_page_get_chosen_model (page);
  g_assert_nonnull (chosen);
  g_test_message ("compared on %s", chosen);
  g_assert_cmpstr (chosen, ==, "llama 1B Q4_K - Medium");
  g_assert_cmpuint (g_list_model_get_n_items (bench_group_page_get_model_choices (page)), >=, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BenchGroup) machine = g_list_model_get_item (machines, i);
      if (bench_group_page_lacks_model (page, machine))
        {
          lacking++;
          if (strstr (bench_group_get_models_text (machine), "llama ?B") != NULL)
            cpu = i;
        }
    }
  g_assert_cmpuint (cpu, !=, G_MAXUINT);
  g_assert_cmpuint (lacking, ==, 2);
  chart = BENCH_CHART_VIEW (bench_group_page_get_chart (page));
  spec = bench_chart_view_get_spec (chart);
  g_assert_nonnull (spec);
  results = bench_chart_spec_get_results (spec);
  g_assert_cmpuint (results->len, >, 0);
  for (guint i = 0; i < results->len; i++)
    g_assert_cmpstr (bench_result_get_model_type (g_ptr_array_index (results, i)), ==, chosen);
  g_test_message ("subtitle: %s", bench_chart_spec_get_subtitle (spec));
  g_assert_nonnull (strstr (bench_chart_spec_get_subtitle (spec), "not shown"));
  if (g_getenv ("BENCHTOP_SCREENSHOT_DIR") != NULL)
    {
      static const int sizes[][2] = { { 1600, 1000 }, { 800, 600 }, { 420, 800 } };

      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        {
          g_autofree char *name = g_strdup_printf ("hardware-shared-model-%dx%d.png", sizes[z][0], sizes[z][1]);

          gtk_window_set_default_size (GTK_WINDOW (window), sizes[z][0], sizes[z][1]);
          wait_frames (GTK_WIDGET (chart));
          maybe_screenshot (window, name);
        }
      gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
    }

  /* the CPU and one other machine: no model in common */
  gtk_selection_model_unselect_all (selection);
  gtk_selection_model_select_item (selection, cpu, FALSE);
  gtk_selection_model_select_item (selection, cpu == 0 ? 1 : 0, FALSE);
  g_assert_null (bench_group_page_get_chosen_model (page));
  g_assert_cmpstr (bench_group_page_get_model_note (page), ==, "These machines have no model in common");
  spec = bench_chart_view_get_spec (BENCH_CHART_VIEW (bench_group_page_get_chart (page)));
  g_assert_nonnull (strstr (bench_chart_spec_get_subtitle (spec), "no model in common"));
  gtk_selection_model_unselect_all (selection);

  /* the filter finds machines by their models */
  entry = find_descendant (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "llama 1B");
  while (g_list_model_get_n_items (machines) == n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (machines), ==, n - lacking);
  g_assert_false (bench_group_page_shows_no_match (page));
  gtk_editable_set_text (GTK_EDITABLE (entry), "no such machine or model");
  while (g_list_model_get_n_items (machines) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (bench_group_page_shows_no_match (page));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  while (g_list_model_get_n_items (machines) < n)
    g_main_context_iteration (NULL, TRUE);

  /* the M1 Ultra's markdown table does not name it: the user does, the
   * name shows in the table and the chart, and is kept for the file */
  {
    g_autoptr (BenchGroup) unnamed = NULL;
    BenchWindow *again;
    gboolean charted = FALSE;

    for (guint i = 0; i < n && unnamed == NULL; i++)
      {
        g_autoptr (BenchGroup) machine = g_list_model_get_item (machines, i);
        if (bench_result_is_unnamed_machine (bench_group_get_first (machine)))
          {
            unnamed = g_object_ref (machine);
            gtk_selection_model_select_item (selection, i, TRUE);
          }
      }
    g_assert_nonnull (unnamed);
    g_assert_cmpstr (bench_group_get_label (unnamed), ==, "issue-geerling-ai-bench-48-m1-ultra-metal-blas.md");
    bench_group_page_rename_machine (page, unnamed, "  Mac Studio M1 Ultra ");
    g_assert_cmpstr (bench_group_get_label (unnamed), ==, "Mac Studio M1 Ultra");
    g_assert_cmpstr (bench_result_get_hardware_label (bench_group_get_first (unnamed)), ==, "Mac Studio M1 Ultra");
    spec = bench_chart_view_get_spec (BENCH_CHART_VIEW (bench_group_page_get_chart (page)));
    for (guint p = 0; p < bench_chart_spec_get_n_panels (spec); p++)
      {
        BenchChartPanel *panel = bench_chart_spec_get_panel (spec, p);
        for (guint c = 0; c < panel->categories->len; c++)
          charted |= strstr (g_ptr_array_index (panel->categories, c), "Mac Studio M1 Ultra") != NULL;
        for (guint c = 0; c < panel->series->len; c++)
          charted |= strstr (g_ptr_array_index (panel->series, c), "Mac Studio M1 Ultra") != NULL;
      }
    g_assert_true (charted);
    gtk_window_destroy (GTK_WINDOW (window));

    /* another window, the same file: the same name */
    bench_machine_names_clear ();
    again = new_window ();
    load_corpus (again, "public/issue-geerling-ai-bench-48-m1-ultra-metal-blas.md", NULL);
    /* a view reveals its rows as it is shown */
    bench_window_show_view (again, BENCH_GROUP_HARDWARE);
    page = bench_window_get_page (again, BENCH_GROUP_HARDWARE);
    {
      g_autoptr (BenchGroup) machine = g_list_model_get_item (G_LIST_MODEL (bench_group_page_get_selection (page)), 0);
      g_assert_cmpstr (bench_group_get_label (machine), ==, "Mac Studio M1 Ultra");
      /* "" gives it back its file's name */
      bench_group_page_rename_machine (page, machine, "");
      g_assert_cmpstr (bench_group_get_label (machine), ==, "issue-geerling-ai-bench-48-m1-ultra-metal-blas.md");
    }
    gtk_window_destroy (GTK_WINDOW (again));
  }
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }
  return NULL;
}

/* The first button bound to @action: its sensitivity is the action's
 * enabled state. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
action_enabled (BenchWindow *window,
                const char  *action)
{
  GtkWidget *button = find_actionable (GTK_WIDGET (window), action);

  g_assert_nonnull (button);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return gtk_widget_get_sensitive (button);
}

/* Compare, Export and the sources list are window actions, with their
 * shortcuts set by the application; they are enabled when they can run,
 * and they open their windows. */
static void
test_actions (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *runs;
  GtkSelectionModel *selection;
  GtkWindow *opened;
  g_autofree char **compare_accels = NULL;
  g_autofree char **export_accels = NULL;

  compare_accels = (char **) gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.compare");
  export_accels = (char **) gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.export");
  g_assert_cmpstr (compare_accels[0], ==, "<Control>d");
  g_assert_cmpstr (export_accels[0], ==, "<Control>e");
  g_clear_pointer (&compare_accels, g_strfreev);
  g_clear_pointer (&export_accels, g_strfreev);

  /* nothing loaded: nothing to compare, export or list */
  g_assert_false (action_enabled (window, "win.export"));
  g_assert_false (action_enabled (window, "win.show-sources"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_null (find_toplevel (BENCH_TYPE_COMPARE_DIALOG));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  g_assert_null (find_toplevel (BENCH_TYPE_EXPORT_DIALOG));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sources", NULL);
  g_assert_null (find_toplevel (BENCH_TYPE_SOURCES_DIALOG));

  load_corpus (window, "public/strix-halo-gpt-oss-20b.default-hip.jsonl",
               "public/strix-halo-gpt-oss-20b.default-rocwmma.jsonl",
               "public/strix-halo-gpt-oss-20b.lhl-tune-tile.jsonl", NULL);
  bench_window_show_view (window, BENCH_GROUP_RUN);
  runs = bench_window_get_page (window, BENCH_GROUP_RUN);
  selection = bench_group_page_get_selection (runs);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 3);

  g_assert_true (action_enabled (window, "win.export"));
  g_assert_true (action_enabled (window, "win.show-sources"));

  /* three runs, none selected: Compare waits for a choice */
  g_assert_false (action_enabled (window, "win.compare"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_null (find_toplevel (BENCH_TYPE_COMPARE_DIALOG));
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_false (action_enabled (window, "win.compare"));
  gtk_selection_model_select_item (selection, 1, FALSE);
  g_assert_true (action_enabled (window, "win.compare"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  opened = find_toplevel (BENCH_TYPE_COMPARE_DIALOG);
  g_assert_nonnull (opened);
  g_assert_true (gtk_window_get_transient_for (opened) == GTK_WINDOW (window));
  gtk_window_destroy (opened);

  /* Export opens the dialog on the visible chart */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  opened = find_toplevel (BENCH_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (opened);
  g_assert_true (gtk_window_get_transient_for (opened) == GTK_WINDOW (window));
  gtk_window_destroy (opened);

  /* the sources list, once however often it is asked for */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sources", NULL);
  opened = find_toplevel (BENCH_TYPE_SOURCES_DIALOG);
  g_assert_nonnull (opened);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sources", NULL);
  g_assert_true (find_toplevel (BENCH_TYPE_SOURCES_DIALOG) == opened);
  gtk_window_destroy (opened);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The toast widgets the overlay shows now */
static void
collect_toasts (GtkWidget *widget,
                GPtrArray *out)
{
  if (g_strcmp0 (gtk_widget_get_css_name (widget), "toast") == 0 && gtk_widget_get_mapped (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_toasts (child, out);
}

static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* A mixed folder: two good files, one read in part, three that cannot be
 * read. One toast says so and leads to the sources list, which lists every
 * file, the failed ones open on their FILE:LINE:COLUMN message. */
static void
test_sources_list (void)
{
  BenchWindow *window = bench_window_new (app);
  g_autofree char *dir = g_dir_make_tmp ("benchtop-sources-XXXXXX", NULL);
  g_autofree char *sweep = bench_test_corpus_path ("generated/cpu-sweep-prompt-depth.jsonl");
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *partial = NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) toasts = g_ptr_array_new ();
  const char *good[] = { "generated/cpu-three-models.json",
                         "public/talk-strix-halo-rocm72-step35-imatrix.json" };
  const struct { const char *name, *text; } bad[] = {
    { "broken-run.json", "{\"name\": \"not a benchmark\"}\n" },
    { "empty.json", "" },
    { "notes-from-the-strix-halo-rocm-7.2-and-vulkan-sessions-of-last-week.txt",
      "Results of last week.\n" },
  };
  BenchSourcesDialog *dialog;
  GListModel *entries = bench_session_get_entries (bench_window_get_session (window));
  gint64 deadline;

  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (window));

  /* a run llama-bench wrote with two records it could not finish */
  g_assert_true (g_file_get_contents (sweep, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  partial = g_build_filename (dir, "strix-halo-rocm-7.2-flash-attention-depth-sweep-q4_k_m.jsonl", NULL);
  {
    g_autofree char *content = g_strdup_printf ("%s\n%s\n{\"n_gen\": 0, \"avg_ts\": \"fast\"}\n"
                                                "{\"name\": \"x\"}\n", lines[0], lines[1]);
    g_assert_true (g_file_set_contents (partial, content, -1, NULL));
  }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *path = bench_test_corpus_path (good[i]);
      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  g_ptr_array_add (files, g_file_new_for_path (partial));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_build_filename (dir, bad[i].name, NULL);
      g_assert_true (g_file_set_contents (path, bad[i].text, -1, NULL));
      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  bench_window_load_files (window, (GFile **) files->pdata, files->len);
  bench_test_wait_until_loaded (window);

  /* every file listed by the session, failures too */
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_sources (bench_window_get_dataset (window))), ==, 3);

  /* one toast for the three failures, and none behind it */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (toasts->len == 0 && g_get_monotonic_time () < deadline)
    {
      settle (50);
      collect_toasts (GTK_WIDGET (window), toasts);
    }
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_true (find_label_containing (GTK_WIDGET (window), "3 files could not be read"));
  maybe_screenshot (window, "sources-toast.png");
  /* its close button */
  {
    GtkWidget *close = NULL;

    for (GtkWidget *child = gtk_widget_get_first_child (g_ptr_array_index (toasts, 0));
         child != NULL && close == NULL; child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0)
        close = child;
    g_assert_nonnull (close);
    gtk_widget_activate (close);
  }
  /* gone once its animation ends, and no other toast took its place */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (toasts->len > 0 && g_get_monotonic_time () < deadline)
    {
      settle (50);
      g_ptr_array_set_size (toasts, 0);
      collect_toasts (GTK_WIDGET (window), toasts);
    }
  settle (500);
  g_ptr_array_set_size (toasts, 0);
  collect_toasts (GTK_WIDGET (window), toasts);
  g_assert_cmpuint (toasts->len, ==, 0);

  /* Details: the list, the failed files open on their message */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sources", NULL);
  dialog = BENCH_SOURCES_DIALOG (find_toplevel (BENCH_TYPE_SOURCES_DIALOG));
  g_assert_nonnull (dialog);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!find_label_containing (GTK_WIDGET (dialog), "broken-run.json:1:1: ") &&
         g_get_monotonic_time () < deadline)
    settle (50);
  g_assert_true (find_label_containing (GTK_WIDGET (dialog), "broken-run.json:1:1: "));
  g_assert_true (find_label_containing (GTK_WIDGET (dialog), "empty.json: "));
  g_assert_true (find_label_containing (GTK_WIDGET (dialog), "jsonl · 1 run · 2 results · 2 records skipped"));
  g_assert_true (find_label_containing (GTK_WIDGET (dialog), "json · 1 run · 12 results · 2 warnings"));
  g_assert_true (find_label_containing (GTK_WIDGET (dialog), "6 sources · 20 results · 1 partly read · 3 could not be read"));
  bench_test_screenshot (GTK_WIDGET (dialog), "sources.png");

  /* narrow: names wrap, nothing is cut to a letter a line */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 420, 900);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_widget_get_width (GTK_WIDGET (dialog)) > 440 && g_get_monotonic_time () < deadline)
    settle (50);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 440);
  bench_test_screenshot (GTK_WIDGET (dialog), "sources-420.png");

  /* removing a failed file from the list */
  {
    g_autoptr (BenchSourceEntry) last = g_list_model_get_item (entries, 5);
    bench_session_remove (bench_window_get_session (window), last);
    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 5);
    g_assert_true (find_label_containing (GTK_WIDGET (dialog), "5 sources"));
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  bench_test_remove_tree (dir);
}

/* A chart of 20,000 results and more is made on a worker; a newer
 * selection made meanwhile wins, the older chart never lands over it. */
static void
test_large_chart_in_worker (void)
{
  g_autofree char *path = bench_test_corpus_path ("public/strix-halo-sweep-Qwen3-30B-A3B-UD-Q4_K_XL.jsonl");
  g_autofree char *text = NULL;
  g_autoptr (GString) many = g_string_new (NULL);
  g_autoptr (BenchSource) big = NULL;
  g_autoptr (BenchSource) small = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (GError) error = NULL;
  GtkWidget *chart = bench_chart_view_new ();
  GtkWidget *window = gtk_window_new ();
  GPtrArray *results;
  gint64 deadline;

  /* 520 records × 40: one run appended to itself, as JSON Lines allows */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (guint i = 0; i < 40; i++)
    g_string_append (many, text);
  big = bench_test_load_text (many->str, many->len, &error);
  g_assert_no_error (error);
  results = bench_source_get_results (big);
  g_assert_cmpuint (results->len, >=, 20000);

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));

  bench_chart_view_set_results (BENCH_CHART_VIEW (chart), results, BENCH_GROUP_MODEL);
  g_assert_true (bench_chart_view_is_building (BENCH_CHART_VIEW (chart)));
  g_assert_null (bench_chart_view_get_spec (BENCH_CHART_VIEW (chart)));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (bench_chart_view_is_building (BENCH_CHART_VIEW (chart)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (bench_chart_view_get_spec (BENCH_CHART_VIEW (chart)));
  g_assert_cmpuint (bench_chart_spec_get_results (bench_chart_view_get_spec (BENCH_CHART_VIEW (chart)))->len, ==,
                    results->len);

  /* a large chart replaced at once by a small one */
  bench_chart_view_set_results (BENCH_CHART_VIEW (chart), results, BENCH_GROUP_MODEL);
  bench_chart_view_set_results (BENCH_CHART_VIEW (chart), bench_source_get_results (small), BENCH_GROUP_MODEL);
  g_assert_false (bench_chart_view_is_building (BENCH_CHART_VIEW (chart)));
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (bench_chart_spec_get_results (bench_chart_view_get_spec (BENCH_CHART_VIEW (chart)))->len, ==, 6);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* An overview puts every result into one bar per group: from 5,000
 * results it is made on a worker, where a chart of one selection of as
 * many is still made at once. */
static void
test_large_overview_in_worker (void)
{
  g_autofree char *path = bench_test_corpus_path ("public/strix-halo-sweep-Qwen3-30B-A3B-UD-Q4_K_XL.jsonl");
  g_autofree char *text = NULL;
  g_autoptr (GString) many = g_string_new (NULL);
  g_autoptr (BenchSource) big = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *chart = bench_chart_view_new ();
  GtkWidget *window = gtk_window_new ();
  GPtrArray *results;
  gint64 deadline;

  /* 520 records × 10 */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (guint i = 0; i < 10; i++)
    g_string_append (many, text);
  big = bench_test_load_text (many->str, many->len, &error);
  g_assert_no_error (error);
  results = bench_source_get_results (big);
  g_assert_cmpuint (results->len, >=, 5000);
  g_assert_cmpuint (results->len, <, 20000);

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));

  bench_chart_view_set_results (BENCH_CHART_VIEW (chart), results, BENCH_GROUP_MODEL);
  g_assert_false (bench_chart_view_is_building (BENCH_CHART_VIEW (chart)));
  g_assert_nonnull (bench_chart_view_get_spec (BENCH_CHART_VIEW (chart)));

  bench_chart_view_set_overview (BENCH_CHART_VIEW (chart), TRUE);
  bench_chart_view_set_results (BENCH_CHART_VIEW (chart), results, BENCH_GROUP_MODEL);
  g_assert_true (bench_chart_view_is_building (BENCH_CHART_VIEW (chart)));
  g_assert_null (bench_chart_view_get_spec (BENCH_CHART_VIEW (chart)));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (bench_chart_view_is_building (BENCH_CHART_VIEW (chart)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (bench_chart_view_get_spec (BENCH_CHART_VIEW (chart)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The chooser GTK shows where no portal answers (as under Xvfb). */
static GtkWindow *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
          if (GTK_IS_FILE_CHOOSER (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
            return toplevel;
        }
    }
  return NULL;
}

/* The choosers open as they should, and cancelling them does nothing:
 * Save offers the comparison's file name, Open takes several files. (What
 * is chosen is not simulated: GTK's own dialog answers asynchronously.) */
static void
test_choosers (void)
{
  BenchWindow *window = new_window ();
  BenchCompareDialog *dialog;
  GtkWindow *chooser;
  g_autofree char *name = NULL;
  g_autoptr (GListModel) filters = NULL;

  bench_dataset_clear (bench_window_get_dataset (window));
  load_corpus (window, "public/strix-halo-gpt-oss-20b.default-hip.jsonl",
               "public/strix-halo-gpt-oss-20b.default-rocwmma.jsonl", NULL);
  bench_window_show_view (window, BENCH_GROUP_RUN);
  dialog = BENCH_COMPARE_DIALOG (bench_group_page_compare (bench_window_get_page (window, BENCH_GROUP_RUN)));
  g_assert_nonnull (dialog);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "compare.save", "s", "csv");
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "comparison.csv");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL);
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (bench_window_is_loading (window));
  g_assert_cmpuint (bench_dataset_get_n_results (bench_window_get_dataset (window)), ==, 20);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A JSONL file llama-bench is still writing grows live in the views: the
 * file reloads by itself and replaces its earlier copy. */
static void
test_live_reload (void)
{
  BenchWindow *window = new_window ();
  g_autofree char *source_path = bench_test_corpus_path ("generated/cpu-sweep-prompt-depth.jsonl");
  g_autofree char *text = NULL;
  g_autofree char *dir = g_dir_make_tmp ("benchtop-live-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "running.jsonl", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) first_half = g_string_new (NULL);
  BenchDataset *dataset = bench_window_get_dataset (window);
  GFile *files[1] = { file };
  gint64 deadline;

  g_assert_true (g_file_get_contents (source_path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 12);
  for (guint i = 0; i < 6; i++)
    g_string_append_printf (first_half, "%s\n", lines[i]);
  g_assert_true (g_file_set_contents (path, first_half->str, -1, NULL));

  bench_dataset_clear (dataset);
  bench_window_load_files (window, files, 1);
  bench_test_wait_until_loaded (window);
  g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 6);

  /* llama-bench appends the rest */
  {
    FILE *out = fopen (path, "a");
    g_assert_nonnull (out);
    for (guint i = 6; lines[i] != NULL; i++)
      if (*lines[i] != '\0')
        fprintf (out, "%s\n", lines[i]);
    fclose (out);
  }
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (bench_dataset_get_n_results (dataset) != 12 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_sources (dataset)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  bench_test_remove_tree (dir);
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
append_lines (const char *path,
              char      **lines,
              guint       from)
{
  FILE *out = fopen (path, "a");

  g_assert_nonnull (out);
  for (guint i = from; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      fprintf (out, "%s\n", lines[i]);
  fclose (out);
}

/* Watching a run that llama-bench is still writing: two runs selected, the
 * table filtered and sorted; the file grows and is read again. The same two
 * rows stay selected, in the same order under the same filter, and the
 * chart shows the new points. */
static void
test_reload_keeps_selection (void)
{
  BenchWindow *window = new_window ();
  g_autofree char *source_path = bench_test_corpus_path ("generated/cpu-sweep-prompt-depth.jsonl");
  g_autofree char *three_path = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autofree char *fa_path = bench_test_corpus_path ("generated/cpu-threads-fa.sql");
  g_autofree char *text = NULL;
  g_autofree char *dir = g_dir_make_tmp ("benchtop-watch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "running.jsonl", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) three = g_file_new_for_path (three_path);
  g_autoptr (GFile) fa = g_file_new_for_path (fa_path);
  g_autoptr (GString) first_half = g_string_new (NULL);
  g_autoptr (GPtrArray) order = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) lines = NULL;
  BenchDataset *dataset = bench_window_get_dataset (window);
  GFile *files[3] = { three, file, fa };
  BenchGroupPage *runs;
  GtkSelectionModel *selection;
  GListModel *visible;
  GtkColumnView *table;
  GtkEditable *search;
  g_autoptr (GtkBitset) selected = NULL;
  g_autoptr (GtkColumnViewColumn) name_column = NULL;
  gint64 deadline;

  g_assert_true (g_file_get_contents (source_path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; i < 6; i++)
    g_string_append_printf (first_half, "%s\n", lines[i]);
  g_assert_true (g_file_set_contents (path, first_half->str, -1, NULL));

  bench_dataset_clear (dataset);
  bench_window_load_files (window, files, G_N_ELEMENTS (files));
  bench_test_wait_until_loaded (window);
  g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 6 + 6 + 8);

  bench_window_show_view (window, BENCH_GROUP_RUN);
  runs = bench_window_get_page (window, BENCH_GROUP_RUN);
  selection = bench_group_page_get_selection (runs);
  visible = bench_group_page_get_visible (runs);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 3);

  /* the JSON files only, by name from Z to A */
  search = GTK_EDITABLE (find_widget_of_type (GTK_WIDGET (runs), GTK_TYPE_SEARCH_ENTRY));
  gtk_editable_set_text (search, "json");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (visible) != 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);
  table = GTK_COLUMN_VIEW (find_widget_of_type (GTK_WIDGET (runs), GTK_TYPE_COLUMN_VIEW));
  name_column = g_list_model_get_item (gtk_column_view_get_columns (table), 0);
  gtk_column_view_sort_by_column (table, name_column, GTK_SORT_DESCENDING);
  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (order, g_list_model_get_item (visible, i));
  g_assert_true (g_str_has_prefix (bench_group_get_label (g_ptr_array_index (order, 0)), "running.jsonl"));
  gtk_selection_model_select_all (selection);
  g_assert_cmpuint (n_chart_results (window, BENCH_GROUP_RUN), ==, 6 + 6);

  /* llama-bench appends the other six records */
  append_lines (path, lines, 6);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (bench_dataset_get_n_results (dataset) != 6 + 12 + 8 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 6 + 12 + 8);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* the same rows, in the same order, still selected */
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (BenchGroup) group = g_list_model_get_item (visible, i);
      g_assert_true (group == g_ptr_array_index (order, i));
    }
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 2);
  g_assert_cmpuint (bench_group_get_n_results (g_ptr_array_index (order, 0)), ==, 12);
  /* the chart has the new points */
  g_assert_cmpuint (n_chart_results (window, BENCH_GROUP_RUN), ==, 6 + 12);

  gtk_window_destroy (GTK_WINDOW (window));
  bench_test_remove_tree (dir);
}

/* A chart is given its group's results as they are: one shared, immutable
 * list from the dataset to the spec, never a copy on the way. */
static void
test_chart_shares_results (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *runs;
  GtkSelectionModel *selection;
  g_autoptr (BenchGroup) group = NULL;
  BenchChartView *chart;

  load_corpus (window, "generated/cpu-three-models.json", "generated/cpu-threads-fa.sql", NULL);
  bench_window_show_view (window, BENCH_GROUP_RUN);
  runs = bench_window_get_page (window, BENCH_GROUP_RUN);
  selection = bench_group_page_get_selection (runs);
  gtk_selection_model_select_item (selection, 1, TRUE);
  group = g_list_model_get_item (G_LIST_MODEL (selection), 1);
  chart = BENCH_CHART_VIEW (bench_group_page_get_chart (runs));

  g_assert_true (bench_chart_view_get_results (chart) == bench_group_get_results (group));
  g_assert_nonnull (bench_chart_view_get_spec (chart));
  g_assert_true (bench_chart_spec_get_results (bench_chart_view_get_spec (chart)) ==
                 bench_group_get_results (group));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file opened once is offered again on the empty window. */
static void
test_recent (void)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  BenchWindow *window = new_window ();
  g_autofree char *path = bench_test_corpus_path ("generated/cpu-sweep-prompt-depth.jsonl");
  g_autoptr (GFile) file = g_file_new_for_path (path);   /* "..", resolved */
  g_autofree char *uri = g_file_get_uri (file);
  gboolean shown = FALSE;
  gint64 deadline;

  load_corpus (window, "generated/cpu-sweep-prompt-depth.jsonl", NULL);
  bench_dataset_clear (bench_window_get_dataset (window));
  /* the recent list is written asynchronously; the window follows it */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!shown && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
      shown = gtk_recent_manager_has_item (manager, uri) &&
              find_label_containing (GTK_WIDGET (window), "cpu-sweep-prompt-depth.jsonl");
    }
  g_assert_true (find_label_containing (GTK_WIDGET (window), "Drop llama-bench Results Here"));
  g_assert_true (shown);
  maybe_screenshot (window, "empty-recent.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Under an Italian locale the window speaks Italian and writes numbers the
 * Italian way. Runs last: it changes the process's locale. */
static void
test_italian (void)
{
  const char *english = "Quantization";
  const char *italian;
  BenchWindow *window;

  if (setlocale (LC_ALL, "it_IT.UTF-8") == NULL)
    {
      g_test_skip ("the it_IT.UTF-8 locale is not generated on this machine");
      return;
    }
  g_setenv ("LANGUAGE", "it", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, BENCHTOP_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  italian = g_dgettext (GETTEXT_PACKAGE, english);
  g_assert_cmpstr (italian, !=, english);

  window = new_window ();
  load_corpus (window, "public/talk-strix-halo-rocm72-step35-imatrix.json",
               "public/talk-strix-halo-rocm72-step35-flash-reap128-q4km.json", NULL);
  bench_window_show_view (window, BENCH_GROUP_MODEL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  maybe_screenshot (window, "models-it.png");
  /* the Models table's headings, from C and from the .ui template */
  g_assert_true (find_label_containing (GTK_WIDGET (window), italian));
  g_assert_false (find_label_containing (GTK_WIDGET (window), english));
  g_assert_true (find_label_containing (GTK_WIDGET (window), g_dgettext (GETTEXT_PACKAGE, "Filter")));
  /* 103.84 GiB, with a decimal comma */
  g_assert_true (find_label_containing (GTK_WIDGET (window), "103,84 GiB"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty_state (void)
{
  BenchWindow *window = new_window ();

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (find_label_containing (GTK_WIDGET (window), "Drop llama-bench Results Here"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first label below @widget that asks for a tooltip on demand */
static GtkWidget *
find_tooltip_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_has_tooltip (widget) &&
      gtk_widget_get_tooltip_text (widget) == NULL && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip_label (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A table cell's tooltip is made when the pointer rests on it, never set
 * as rows are made: GTK 4.8 asks the X server where the pointer is each
 * time a shown widget's tooltip text changes, a round trip per cell. */
static void
test_cell_tooltips_on_demand (void)
{
  BenchWindow *window = new_window ();
  GtkWidget *page = GTK_WIDGET (bench_window_get_page (window, BENCH_GROUP_RUN));
  g_autoptr (GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  GtkWidget *label;
  gboolean shown = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  load_corpus (window, "public/strix-halo-sweep-Qwen3-32B-Q8_0.jsonl", NULL);
  bench_window_show_view (window, BENCH_GROUP_RUN);
  settle (100);
  label = find_tooltip_label (page);
  g_assert_nonnull (label);
  g_signal_emit_by_name (label, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_true (shown);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A view the stack does not show costs no layout: AdwViewStack measures
 * every page each time the window is laid out, and the Scenario view's
 * wrapping summary, asked for a width at a given height, laid its text out
 * some forty times over; 60 ms of each layout while another view was shown.
 * Hidden, a view gives one answer whatever size it is asked for; shown, it
 * is measured for the size it gets. */
static void
test_hidden_views_measured_once (void)
{
  BenchWindow *window = new_window ();
  GtkWidget *scenario = GTK_WIDGET (bench_window_get_scenario_page (window));
  GtkWidget *models = GTK_WIDGET (bench_window_get_page (window, BENCH_GROUP_MODEL));
  int any_min, any_nat, short_min, short_nat;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  load_corpus (window, "public/strix-halo-sweep-Qwen3-32B-Q8_0.jsonl", NULL);
  bench_window_show_view (window, BENCH_GROUP_RUN);
  settle (50);
  g_assert_false (gtk_widget_get_child_visible (scenario));
  g_assert_false (gtk_widget_get_child_visible (models));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *page = i == 0 ? scenario : models;

      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &any_min, &any_nat, NULL, NULL);
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, 420, &short_min, &short_nat, NULL, NULL);
      g_assert_cmpint (short_min, ==, any_min);
      g_assert_cmpint (short_nat, ==, any_nat);
    }

  /* shown, and laid out at its size */
  bench_window_show_scenario (window);
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       gtk_widget_get_width (scenario) == 0 && g_get_monotonic_time () < deadline;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_child_visible (scenario));
  g_assert_true (gtk_widget_get_mapped (scenario));
  g_assert_cmpint (gtk_widget_get_width (scenario), >, 0);
  gtk_widget_measure (scenario, GTK_ORIENTATION_HORIZONTAL, 420, &short_min, &short_nat, NULL, NULL);
  g_assert_cmpint (short_min, !=, any_min);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The chart follows the colours the window is really drawn in, not only
 * AdwStyleManager: a theme forced dark (GTK_THEME=Adwaita:dark) draws light
 * text, and so the chart goes dark. */
static void
test_chart_follows_forced_dark (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = bench_chart_view_new ();
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();
  gboolean manager_dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (bench_chart_view_is_dark (BENCH_CHART_VIEW (chart)), ==, manager_dark);

  /* what a forced dark theme does: light text, the style manager unaware */
  gtk_css_provider_load_from_data (provider, manager_dark ? "chart { color: #1e1e1e; }"
                                                          : "chart { color: #f0f0f0; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (adw_style_manager_get_dark (adw_style_manager_get_default ()), ==, manager_dark);
  g_assert_cmpint (bench_chart_view_is_dark (BENCH_CHART_VIEW (chart)), ==, !manager_dark);

  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (bench_chart_view_is_dark (BENCH_CHART_VIEW (chart)), ==, manager_dark);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The export dialog opens with the last export's style, size and scale,
 * and its chooser in the last folder or the Pictures folder, never the
 * working directory. */
static void
test_export_remembers (void)
{
  g_autoptr (GSettings) settings = bench_application_settings_new ();
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (BenchChartSpec) spec = bench_chart_spec_new (bench_source_get_results (source));
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GFile) cwd = NULL;
  g_autoptr (GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *cwd_path = g_get_current_dir ();
  g_autofree char *dir = g_dir_make_tmp ("benchtop-export-XXXXXX", NULL);
  BenchExportDialog *dialog;
  int w, h, scale;

  g_settings_set_string (settings, "export-folder", "");
  folder = bench_export_dialog_dup_folder (settings);
  cwd = g_file_new_for_path (cwd_path);
  if (!g_file_equal (cwd, home))
    g_assert_false (g_file_equal (folder, cwd));
  if (g_get_user_special_dir (G_USER_DIRECTORY_PICTURES) != NULL &&
      g_file_test (g_get_user_special_dir (G_USER_DIRECTORY_PICTURES), G_FILE_TEST_IS_DIR))
    {
      g_autofree char *path = g_file_get_path (folder);
      g_assert_cmpstr (path, ==, g_get_user_special_dir (G_USER_DIRECTORY_PICTURES));
    }
  g_clear_object (&folder);

  g_settings_set_string (settings, "export-style", "transparent-dark");
  g_settings_set_int (settings, "export-width", 1280);
  g_settings_set_int (settings, "export-height", 720);
  g_settings_set_int (settings, "export-scale", 2);
  g_settings_set_string (settings, "export-folder", dir);
  dialog = bench_export_dialog_present (NULL, spec);
  g_assert_cmpint (bench_export_dialog_get_style (dialog), ==, BENCH_CHART_STYLE_TRANSPARENT_DARK);
  bench_export_dialog_get_size (dialog, &w, &h, &scale);
  g_assert_cmpint (w, ==, 1280);
  g_assert_cmpint (h, ==, 720);
  g_assert_cmpint (scale, ==, 2);
  folder = bench_export_dialog_dup_folder (settings);
  {
    g_autofree char *path = g_file_get_path (folder);
    g_assert_cmpstr (path, ==, dir);
  }
  maybe_screenshot (dialog, "export-dialog.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* a custom size is kept too */
  g_settings_set_int (settings, "export-width", 1500);
  g_settings_set_int (settings, "export-height", 500);
  dialog = bench_export_dialog_present (NULL, spec);
  bench_export_dialog_get_size (dialog, &w, &h, &scale);
  g_assert_cmpint (w, ==, 1500);
  g_assert_cmpint (h, ==, 500);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_settings_reset (settings, "export-style");
  g_settings_reset (settings, "export-width");
  g_settings_reset (settings, "export-height");
  g_settings_reset (settings, "export-scale");
  g_settings_reset (settings, "export-folder");
  g_rmdir (dir);
}

/* The longest text any label or tooltip of @widget's tree shows; its
 * path in *@where. */
static glong
longest_text (GtkWidget  *widget,
              char      **where)
{
  glong longest = 0;
  const char *texts[2] = { NULL, gtk_widget_get_tooltip_text (widget) };

  if (GTK_IS_LABEL (widget))
    texts[0] = gtk_label_get_text (GTK_LABEL (widget));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL && g_utf8_strlen (texts[i], -1) > longest)
      {
        longest = g_utf8_strlen (texts[i], -1);
        g_free (*where);
        *where = g_strdup_printf ("%s %s, \"%.40s\"", G_OBJECT_TYPE_NAME (widget),
                                  i == 0 ? "label" : "tooltip", texts[i]);
      }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *child_where = NULL;
      glong n = longest_text (child, &child_where);

      if (n > longest)
        {
          longest = n;
          g_free (*where);
          *where = g_steal_pointer (&child_where);
        }
    }
  return longest;
}

/* Records with 100,000-character model, CPU, GPU, backend and build
 * strings: every view, table, tooltip and the sources list show them
 * shortened, so no text layout scales with what a file holds. */
static void
test_giant_strings_shortened (void)
{
  BenchWindow *window = new_window ();
  g_autofree char *dir = g_dir_make_tmp ("benchtop-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "giant-labels.jsonl", NULL);
  g_autofree char *model = g_strnfill (100000, 'x');
  g_autofree char *cpu = g_strnfill (100000, 'C');
  g_autofree char *gpu = g_strnfill (50000, 'G');
  g_autofree char *backends = g_strnfill (20000, 'B');
  g_autofree char *commit = g_strnfill (30000, 'c');
  g_autoptr (GString) content = g_string_new (NULL);
  g_autoptr (GFile) file = NULL;
  GtkWindow *sources;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (content,
                            "{\"build_commit\": \"%s\", \"build_number\": 4000, \"cpu_info\": \"%s\", "
                            "\"gpu_info\": \"%s\", \"backends\": \"%s\", \"model_filename\": \"m.gguf\", "
                            "\"model_type\": \"%u-%s\", \"model_size\": 3825065984, "
                            "\"model_n_params\": 6738415616, \"n_batch\": 2048, \"n_ubatch\": 512, "
                            "\"n_threads\": 16, \"type_k\": \"f16\", \"type_v\": \"f16\", "
                            "\"n_gpu_layers\": 99, \"n_prompt\": %u, \"n_gen\": %u, \"n_depth\": 0, "
                            "\"test_time\": \"2025-01-01T00:00:00Z\", \"avg_ns\": 1000000, "
                            "\"stddev_ns\": 1000, \"avg_ts\": %u.0, \"stddev_ts\": 0.5}\n",
                            commit, cpu, gpu, backends, i, model, i % 2 ? 0 : 512, i % 2 ? 128 : 0,
                            500 + i);
  g_assert_true (g_file_set_contents (path, content->str, content->len, NULL));
  file = g_file_new_for_path (path);
  bench_window_load_files (window, &file, 1);
  bench_test_wait_until_loaded (window);
  g_assert_cmpuint (bench_dataset_get_n_results (bench_window_get_dataset (window)), ==, 4);

  for (guint kind = 0; kind < 3; kind++)
    {
      GtkSelectionModel *selection = bench_group_page_get_selection (bench_window_get_page (window, kind));
      GtkWidget *chart = bench_group_page_get_chart (bench_window_get_page (window, kind));
      g_autofree char *where = NULL;
      glong longest;

      bench_window_show_view (window, kind);
      if (g_list_model_get_n_items (G_LIST_MODEL (selection)) > 0)
        gtk_selection_model_select_item (selection, 0, TRUE);
      while (g_main_context_iteration (NULL, FALSE) ||
             bench_chart_view_is_building (BENCH_CHART_VIEW (chart)))
        ;
      longest = longest_text (GTK_WIDGET (window), &where);
      if (longest > BENCH_TOOLTIP_MAX_CHARS)
        g_test_message ("view %u: %ld characters in a %s", kind, longest, where);
      g_assert_cmpint (longest, <=, BENCH_TOOLTIP_MAX_CHARS);
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sources", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  sources = find_toplevel (BENCH_TYPE_SOURCES_DIALOG);
  g_assert_nonnull (sources);
  {
    g_autofree char *where = NULL;
    glong longest = longest_text (GTK_WIDGET (sources), &where);

    if (longest > BENCH_TOOLTIP_MAX_CHARS)
      g_test_message ("sources: %ld characters in a %s", longest, where);
    g_assert_cmpint (longest, <=, BENCH_TOOLTIP_MAX_CHARS);
  }
  gtk_window_destroy (sources);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static guint
count_type (GtkWidget  *widget,
            const char *type_name)
{
  guint n = strcmp (G_OBJECT_TYPE_NAME (widget), type_name) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_type (child, type_name);
  return n;
}

/* A view not shown makes no rows for new groups; shown, it reveals them. */
static void
test_hidden_view_makes_no_rows (void)
{
  BenchWindow *window = new_window ();
  BenchGroupPage *models = bench_window_get_page (window, BENCH_GROUP_MODEL);
  GtkWidget *table;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  bench_window_show_view (window, BENCH_GROUP_RUN);
  load_corpus (window, "generated/cpu-three-models.json", NULL);
  table = find_descendant (GTK_WIDGET (models), GTK_TYPE_COLUMN_VIEW);
  g_assert_cmpuint (g_list_model_get_n_items (bench_group_page_get_visible (models)), ==, 3);
  g_assert_cmpuint (count_type (table, "GtkColumnViewCell"), ==, 0);

  bench_window_show_view (window, BENCH_GROUP_MODEL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (bench_group_page_get_selection (models))), ==, 3);
  settle (100);
  g_assert_cmpuint (count_type (table, "GtkColumnViewCell"), >=, 3);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file of 1,000 models adds its groups at once: the table makes its
 * rows a few at a time across main-loop iterations, not ~200 rows of a
 * dozen cells in one (a stall of a third of a second), and shows every
 * group once the main loop has run. */
static void
test_many_groups_revealed_in_steps (void)
{
  BenchWindow *window = new_window ();
  g_autofree char *dir = g_dir_make_tmp ("benchtop-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "many-models.md", NULL);
  g_autoptr (GString) content = g_string_new ("| model | test | t/s |\n| --- | --- | --- |\n");
  g_autoptr (GFile) file = NULL;
  g_autoptr (BenchSource) source = NULL;
  g_autoptr (GError) error = NULL;
  BenchGroupPage *models = bench_window_get_page (window, BENCH_GROUP_MODEL);
  BenchChartView *chart;
  GPtrArray *first_chart;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (content, "| m%u | pp512 | 1.00 ± 0.01 |\n", i);
  g_assert_true (g_file_set_contents (path, content->str, content->len, NULL));
  file = g_file_new_for_path (path);
  source = bench_source_load_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  bench_window_show_view (window, BENCH_GROUP_MODEL);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  bench_dataset_add_source (bench_window_get_dataset (window), source);
  g_assert_cmpuint (count_type (GTK_WIDGET (models), "GtkListItemWidget"), <=, 60);

  /* the chart is made once for the groups, not again at each step that
   * reveals more rows */
  chart = BENCH_CHART_VIEW (bench_group_page_get_chart (models));
  while (g_main_context_iteration (NULL, FALSE) &&
         (bench_chart_view_get_results (chart) == NULL || bench_chart_view_get_results (chart)->len == 0))
    ;
  first_chart = bench_chart_view_get_results (chart);
  g_assert_nonnull (first_chart);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (bench_group_page_get_selection (models))), <, 1000);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (bench_chart_view_get_results (chart) == first_chart);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (bench_group_page_get_selection (models))), ==, 1000);
  gtk_selection_model_select_all (bench_group_page_get_selection (models));
  g_assert_cmpuint (n_visible (window, BENCH_GROUP_MODEL), ==, 1000);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("BENCHTOP_SCREENSHOT_DARK"))
    g_setenv ("ADW_DEBUG_COLOR_SCHEME", "prefer-dark", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = bench_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);

  g_test_add_func ("/window/empty-state", test_empty_state);
  g_test_add_func ("/window/hidden-views-measured-once", test_hidden_views_measured_once);
  g_test_add_func ("/window/cell-tooltips-on-demand", test_cell_tooltips_on_demand);
  g_test_add_func ("/window/views-and-selection", test_views);
  g_test_add_func ("/window/sort-keeps-missing-last", test_sort_missing_last);
  g_test_add_func ("/window/filter-groups-by-name", test_filter_groups);
  g_test_add_func ("/window/paste", test_paste);
  g_test_add_func ("/window/peak-and-roofline", test_peak_and_roofline);
  g_test_add_func ("/window/bad-file-visible-error", test_bad_file);
  g_test_add_func ("/window/showcase", test_showcase);
  g_test_add_func ("/window/compare", test_compare);
  g_test_add_func ("/window/compare-within-one-run", test_compare_within_one_run);
  g_test_add_func ("/window/actions", test_actions);
  g_test_add_func ("/window/sources-list", test_sources_list);
  g_test_add_func ("/window/small-width", test_small_width);
  g_test_add_func ("/window/chart-keyboard", test_chart_keyboard);
  g_test_add_func ("/window/icon-buttons-named", test_icon_buttons_named);
  g_test_add_func ("/window/small-plots", test_small_plots);
  g_test_add_func ("/window/hardware-shared-model", test_hardware_shared_model);
  g_test_add_func ("/window/recent", test_recent);
  g_test_add_func ("/window/live-reload", test_live_reload);
  g_test_add_func ("/window/reload-keeps-selection", test_reload_keeps_selection);
  g_test_add_func ("/window/chart-shares-results", test_chart_shares_results);
  g_test_add_func ("/window/choosers", test_choosers);
  g_test_add_func ("/window/large-chart-in-worker", test_large_chart_in_worker);
  g_test_add_func ("/window/large-overview-in-worker", test_large_overview_in_worker);
  g_test_add_func ("/window/italian", test_italian);
  g_test_add_func ("/window/export-remembers", test_export_remembers);
  g_test_add_func ("/window/chart-follows-forced-dark", test_chart_follows_forced_dark);
  g_test_add_func ("/window/giant-strings-shortened", test_giant_strings_shortened);
  g_test_add_func ("/window/many-groups-revealed-in-steps", test_many_groups_revealed_in_steps);
  g_test_add_func ("/window/hidden-view-makes-no-rows", test_hidden_view_makes_no_rows);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
