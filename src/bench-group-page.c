/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-group-page.c — a view: chart on top, groups and results below.
 *
 * The three views differ only in their columns, so one class serves them,
 * configured by the group kind; the columns are described in tables below.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bench-chart-view.h"
#include "bench-compare-dialog.h"
#include "bench-field.h"
#include "bench-focus.h"
#include "bench-page-layout.h"
#include "bench-group-page.h"
#include "bench-units.h"

/* When nothing is selected the results table shows the first groups'
 * results (the chart shows the best of everything). */
#define CHART_DEFAULT_GROUPS 8

struct _BenchGroupPage
{
  GtkWidget           parent_instance;

  BenchGroupKind      kind;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSliceListModel  *revealed;       /* the sorted groups the table shows so far */
  guint               reveal_id;
  GtkMultiSelection  *selection;
  GListStore         *results;      /* BenchResult of the selection */
  GtkNoSelection     *results_selection;
  gboolean            stale;          /* the chart has not followed the selection yet */
  gboolean            results_stale;  /* the results table waits to be shown */
  guint               catch_up_id;    /* the groups changed: catch up once, before the next frame */

  GtkWidget          *paned;
  GtkWidget          *chart_box;
  GtkWidget          *chart;
  GtkToggleButton    *log_toggle;
  GtkWidget          *roofline_toggle;
  GtkToggleButton    *log_x_toggle;
  GtkWidget          *compare_button;
  GtkWidget          *peak_button;     /* Hardware: the selected machine's peak */
  GtkWidget          *peak_label;
  GtkWidget          *peak_spin;
  GtkWidget          *rename_button;   /* Hardware: name a machine a file does not */
  GtkWidget          *rename_entry;
  GtkSearchEntry     *search_entry;
  GtkStack           *table_stack;
  GtkWidget          *groups_scroller;
  GtkColumnView      *group_view;
  GtkColumnView      *result_view;
  GtkFilter          *search_filter;
  GPtrArray          *setting_columns;  /* GtkColumnViewColumn of result_view */
  GtkWidget          *no_match_label;   /* the filter matches nothing */

  /* Hardware: machines compared on a model they share */
  GtkWidget          *model_box;
  GtkDropDown        *model_dropdown;
  GtkWidget          *model_note;
  GPtrArray          *shared_models;   /* model_type, most machines first */
  char               *chosen_model;    /* NULL: no choice to make */
  GHashTable         *lacking;         /* BenchGroup: machines without it */
  guint               n_lacking;
  gboolean            choosing;        /* the dropdown is being refilled */
  guint               refresh_source;  /* refresh_shared_models_idle, pending */

  GtkColumnViewColumn *source_column;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *build_column;
  GtkColumnViewColumn *model_column;
  GtkColumnViewColumn *quantization_column;
  GtkColumnViewColumn *size_column;
  GtkColumnViewColumn *params_column;
  GtkColumnViewColumn *bpw_column;
  GtkColumnViewColumn *hardware_column;
  GtkColumnViewColumn *cpu_column;
  GtkColumnViewColumn *gpu_column;
  GtkColumnViewColumn *backend_column;
  GtkColumnViewColumn *models_text_column;
  GtkColumnViewColumn *n_models_column;
  GtkColumnViewColumn *tests_column;
  GtkColumnViewColumn *best_pp_column;
  GtkColumnViewColumn *best_tg_column;
  GtkColumnViewColumn *efficiency_column;
  GtkColumnViewColumn *machines_column;
};

G_DEFINE_FINAL_TYPE (BenchGroupPage, bench_group_page, GTK_TYPE_WIDGET)

/* —— cells ————————————————————————————————————————————————
 *
 * The tables are declared in bench-group-page.ui: each cell binds a
 * property of its row's group or result through one of these closures,
 * which write it for people (locale numbers, "—" for what is missing); the
 * columns sort by the properties themselves (a numeric sorter puts a
 * missing figure, NAN, last). */

static char *
text_or_dash (GtkListItem *item,
              const char  *text)
{
  return g_strdup (text != NULL && *text != '\0' ? text : "—");
}

static char *
format_rate (GtkListItem *item,
             double       value)
{
  if (isnan (value))
    return g_strdup ("—");
  /* thousands grouped, decimal mark by the locale */
  return g_strdup_printf ("%'.1f", value);
}

static char *
format_count (GtkListItem *item,
              guint        value)
{
  return g_strdup_printf ("%u", value);
}

static char *
format_date (GtkListItem *item,
             const char  *date)
{
  g_autoptr (GDateTime) dt = date != NULL && *date ? g_date_time_new_from_iso8601 (date, NULL) : NULL;
  g_autoptr (GDateTime) local = dt ? g_date_time_to_local (dt) : NULL;

  /* Translators: a run's date, strftime format */
  return local ? g_date_time_format (local, _("%Y-%m-%d %H:%M")) : g_strdup ("—");
}

static char *
format_build (GtkListItem *item,
              const char  *commit,
              gint64       number)
{
  if (commit == NULL || *commit == '\0')
    return g_strdup ("—");
  return g_strdup_printf ("%s (%" G_GINT64_FORMAT ")", commit, number);
}

static char *
format_size (GtkListItem *item,
             gint64       bytes)
{
  return bytes > 0 ? bench_format_size (bytes) : g_strdup ("—");
}

static char *
format_params (GtkListItem *item,
               gint64       n_params)
{
  return n_params > 0 ? bench_format_params (n_params) : g_strdup ("—");
}

static char *
format_bpw (GtkListItem *item,
            double       bpw)
{
  return isnan (bpw) ? g_strdup ("—") : g_strdup_printf ("%.2f", bpw);
}

static char *
format_rate_sd (GtkListItem *item,
                double       avg,
                double       sd)
{
  if (isnan (avg))
    return g_strdup ("—");
  return isnan (sd) ? g_strdup_printf ("%'.1f", avg) : g_strdup_printf ("%'.1f ± %'.1f", avg, sd);
}

static char *
format_samples (GtkListItem *item,
                guint        n_samples)
{
  return n_samples > 0 ? g_strdup_printf ("%u", n_samples) : g_strdup ("—");
}

static char *
format_source_line (GtkListItem *item,
                    const char  *source,
                    guint        line)
{
  return g_strdup_printf ("%s:%u", source != NULL ? source : "", line);
}

/* A cell that may be cut short shows its whole text as a tooltip, looked
 * up when the pointer rests on it. Bound as tooltip-text it cost each cell
 * a round trip to the X server as rows were made (GTK 4.8 checks where
 * the pointer is whenever a visible widget's tooltip changes): a third of
 * the time 50,000 new groups kept the window from answering. */
static gboolean
full_text_tooltip (GtkLabel   *label,
                   int         x,
                   int         y,
                   gboolean    keyboard,
                   GtkTooltip *tooltip)
{
  const char *text = gtk_label_get_text (label);

  if (text == NULL || *text == '\0' || g_str_equal (text, "—"))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static char *
stats_mismatch_tooltip (GtkListItem *item,
                        gboolean     mismatch)
{
  if (!mismatch)
    return NULL;
  return g_strdup (_("The file’s own mean or deviation disagrees with its "
                     "samples; shown here as recomputed from the samples"));
}

static char *
text_or_null (GtkListItem *item,
              const char  *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* The Efficiency column: the run closest to its roofline, its text marked
 * when far below it; the closures take efficiency-text to follow a peak the
 * user enters. */
static gboolean
efficiency_is_low (BenchGroup *group)
{
  const BenchEfficiency *e = bench_group_get_efficiency (group);
  return !isnan (e->share_max) && e->share_max < BENCH_EFFICIENCY_LOW_SHARE;
}

static char *
efficiency_text (GtkListItem *item,
                 BenchGroup  *group,
                 const char  *text)
{
  if (group == NULL || text == NULL)
    return NULL;
  /* Translators: marks a run far below its memory bandwidth roofline */
  return efficiency_is_low (group) ? g_strdup_printf (_("⚠ %s"), text) : g_strdup (text);
}

static char *
efficiency_tooltip (BenchGroup *group)
{
  BenchResult *r;
  g_autofree char *why = NULL;
  g_autofree char *test = NULL;
  g_autofree char *model = NULL;
  g_autofree char *hardware = NULL;

  r = bench_group_get_efficiency_result (group);
  if (r == NULL)
    return g_strdup (_("No generation test: the memory bandwidth is measured by generation."));
  why = bench_efficiency_dup_explanation (bench_group_get_efficiency (group));
  /* shortened: a tooltip's layout must not scale with a file's strings */
  test = bench_result_dup_field_display (r, "test_label");
  model = bench_result_dup_field_display (r, "model_type");
  hardware = bench_result_dup_field_display (r, "hardware_label");
  /* Translators: the tooltip of the Efficiency column: which run, then how it was computed */
  return g_strdup_printf (_("Generation run closest to its roofline: %s, %s on %s.\n%s"),
                          test, model, hardware, why);
}

/* made when asked for, as full_text_tooltip () */
static gboolean
efficiency_query_tooltip (GtkWidget   *label,
                          int          x,
                          int          y,
                          gboolean     keyboard,
                          GtkTooltip  *tooltip,
                          GtkListItem *item)
{
  BenchGroup *group = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (group == NULL)
    return FALSE;
  text = efficiency_tooltip (group);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static GStrv
efficiency_classes (GtkListItem *item,
                    BenchGroup  *group,
                    const char  *text)
{
  if (group != NULL && efficiency_is_low (group))
    return g_strdupv ((char *[]) { "numeric", "warning", NULL });
  return g_strdupv ((char *[]) { "numeric", NULL });
}

/* The share of the peak sorts; without one, the bandwidth used below any
 * share; without either, NAN, last. */
static double
efficiency_sort_key (BenchGroup *group,
                     double      share,
                     double      bandwidth_gbs)
{
  if (!isnan (share))
    return share;
  return isnan (bandwidth_gbs) ? NAN : -1.0 / (1.0 + bandwidth_gbs);
}

/* "Nothing matches" when the filter leaves no row */
static void
sync_no_match (BenchGroupPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean none = *text != '\0' && self->filtered != NULL &&
                  g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_widget_set_visible (self->no_match_label, none);
  if (none)
    {
      /* Translators: the filter left no row */
      g_autofree char *message = g_strdup_printf (_("Nothing matches “%s”"), text);
      gtk_label_set_text (GTK_LABEL (self->no_match_label), message);
    }
}

/* every name the filter of the .ui looks at searches the entry's text */
static void
on_search_changed (BenchGroupPage *self,
                   GtkSearchEntry *entry)
{
  GListModel *filters = G_LIST_MODEL (self->search_filter);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr (GtkStringFilter) filter = g_list_model_get_item (filters, i);
      gtk_string_filter_set_search (filter, text);
    }
  sync_no_match (self);
}

/* the columns of each view, in the order the .ui declares them */
static void
show_columns_of_kind (BenchGroupPage *self)
{
  struct { GtkColumnViewColumn *column; guint kinds; } columns[] = {
#define RUN (1u << BENCH_GROUP_RUN)
#define MODEL (1u << BENCH_GROUP_MODEL)
#define HARDWARE (1u << BENCH_GROUP_HARDWARE)
    { self->source_column, RUN },
    { self->date_column, RUN },
    { self->build_column, RUN },
    { self->model_column, MODEL },
    { self->quantization_column, MODEL },
    { self->size_column, MODEL },
    { self->params_column, MODEL },
    { self->bpw_column, MODEL },
    { self->hardware_column, RUN | HARDWARE },
    { self->cpu_column, HARDWARE },
    { self->gpu_column, HARDWARE },
    { self->backend_column, RUN | HARDWARE },
    { self->models_text_column, RUN },
    { self->n_models_column, HARDWARE },
    { self->tests_column, RUN },
    { self->best_pp_column, MODEL | HARDWARE },
    { self->best_tg_column, MODEL | HARDWARE },
    { self->efficiency_column, MODEL | HARDWARE },
    { self->machines_column, MODEL },
#undef RUN
#undef MODEL
#undef HARDWARE
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    gtk_column_view_column_set_visible (columns[i].column, (columns[i].kinds & (1u << self->kind)) != 0);
  /* the machine is the subject of its own view */
  if (self->kind == BENCH_GROUP_HARDWARE)
    gtk_column_view_column_set_title (self->hardware_column, _("Machine"));
}

/* —— the results of the selection ———————————————————————————— */

static void
setup_setting_label (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_setting_label (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    const char               *field)
{
  g_autofree char *text = bench_result_dup_field_formatted (gtk_list_item_get_item (item), field);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* The settings that vary in the selection become columns, as llama-bench's
 * own table does; which they are is known only once the selection is, so
 * these columns are made here, before the source column of the .ui. */
static void
rebuild_result_columns (BenchGroupPage *self,
                        GPtrArray      *results)
{
  g_autoptr (GPtrArray) varying =
    bench_results_find_varying ((BenchResult **) results->pdata, results->len);
  guint position;

  for (guint i = 0; i < self->setting_columns->len; i++)
    gtk_column_view_remove_column (self->result_view, g_ptr_array_index (self->setting_columns, i));
  g_ptr_array_set_size (self->setting_columns, 0);

  position = g_list_model_get_n_items (gtk_column_view_get_columns (self->result_view)) - 1;
  for (guint i = 0; i < varying->len; i++)
    {
      const char *field = g_ptr_array_index (varying, i);
      g_autofree char *title = NULL;
      GtkListItemFactory *factory;
      GtkColumnViewColumn *column;

      /* the model, the machine and the test have their columns */
      if (bench_field_name_has_role (field, BENCH_FIELD_ROLE_MODEL) ||
          bench_field_name_has_role (field, BENCH_FIELD_ROLE_TEST) ||
          bench_field_name_has_role (field, BENCH_FIELD_ROLE_HARDWARE | BENCH_FIELD_ROLE_DERIVED))
        continue;
      title = bench_field_dup_label (field);
      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_setting_label), NULL);
      /* the factory keeps its own copy of the field's name: it outlives
       * the results (never interned: names come from files) */
      g_signal_connect_data (factory, "bind", G_CALLBACK (bind_setting_label), g_strdup (field),
                             (GClosureNotify) (void (*) (void)) g_free, 0);
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      /* the numbers keep their room; names take what is left */
      gtk_column_view_column_set_fixed_width (column, MAX (70, 8 * (int) g_utf8_strlen (title, -1) + 16));
      gtk_column_view_insert_column (self->result_view, position++, column);
      g_ptr_array_add (self->setting_columns, column);
    }
}

/* The groups a view's chart, Compare and model menu are about: the
 * selected ones, or with nothing selected the first @limit of the view's
 * (G_MAXUINT: all), whether or not the table has revealed them yet. The
 * table shows a prefix of the sorted groups, so a selected row's position
 * is its group's. */
static GPtrArray *
chosen_groups (BenchGroupPage *self,
               guint           limit)
{
  g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GListModel *sorted = G_LIST_MODEL (self->sorted);
  GPtrArray *groups = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint i;

  if (gtk_bitset_iter_init_first (&iter, selected, &i))
    {
      do
        g_ptr_array_add (groups, g_list_model_get_item (sorted, i));
      while (gtk_bitset_iter_next (&iter, &i));
      return groups;
    }
  for (i = 0; i < MIN (limit, g_list_model_get_n_items (sorted)); i++)
    g_ptr_array_add (groups, g_list_model_get_item (sorted, i));
  return groups;
}

/* the selection's results; with nothing selected, the first groups' or,
 * with @all, every group's. One group's results are its own immutable
 * array, shared as they are; several groups' are joined once. */
static GPtrArray *
selected_results (BenchGroupPage *self,
                  gboolean        all)
{
  g_autoptr (GPtrArray) groups = chosen_groups (self, all ? G_MAXUINT : CHART_DEFAULT_GROUPS);
  GPtrArray *results;
  guint total = 0;

  for (guint i = 0; i < groups->len; i++)
    total += bench_group_get_n_results (g_ptr_array_index (groups, i));
  if (groups->len == 1)
    return g_ptr_array_ref (bench_group_get_results (g_ptr_array_index (groups, 0)));

  results = g_ptr_array_new_full (total, g_object_unref);
  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_extend (results, bench_group_get_results (g_ptr_array_index (groups, i)),
                        (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  return results;
}

GPtrArray *
bench_group_page_get_chart_results (BenchGroupPage *self)
{
  g_autoptr (GPtrArray) results = selected_results (self, TRUE);
  GPtrArray *shared;

  if (self->chosen_model == NULL)
    return g_steal_pointer (&results);
  /* machines side by side on the one model they share */
  shared = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < results->len; i++)
    {
      BenchResult *r = g_ptr_array_index (results, i);
      if (g_str_equal (bench_result_get_model_type (r), self->chosen_model))
        g_ptr_array_add (shared, g_object_ref (r));
    }
  return shared;
}

static gboolean
has_selection (BenchGroupPage *self)
{
  g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return !gtk_bitset_is_empty (selected);
}

static BenchGroup *single_selected_group (BenchGroupPage *self);

/* A comparison takes the selected groups, the only two, or one run that
 * sweeps a setting: how many */
static guint
n_to_compare (BenchGroupPage *self)
{
  g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint n_selected = gtk_bitset_get_size (selected);

  if (n_selected >= 2)
    return n_selected;
  if (n_selected == 0 && g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) == 2)
    return 2;
  /* one run that sweeps a setting (-fa 0,1) compares within itself */
  {
    g_autoptr (BenchGroup) one = single_selected_group (self);
    return one != NULL && bench_compare_dialog_can_split (bench_group_get_results (one)) ? 1 : 0;
  }
}

static GPtrArray *
groups_to_compare (BenchGroupPage *self)
{
  return n_to_compare (self) > 0 ? chosen_groups (self, G_MAXUINT) : NULL;
}

GtkWindow *
bench_group_page_compare (BenchGroupPage *self)
{
  g_autoptr (GPtrArray) groups = groups_to_compare (self);
  BenchCompareDialog *dialog;

  g_return_val_if_fail (BENCH_IS_GROUP_PAGE (self), NULL);

  if (groups == NULL)
    return NULL;
  dialog = bench_compare_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), groups);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

gboolean
bench_group_page_can_compare (BenchGroupPage *self)
{
  g_return_val_if_fail (BENCH_IS_GROUP_PAGE (self), FALSE);
  return n_to_compare (self) > 0;
}

static gboolean
showing_results (BenchGroupPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->table_stack), "results") == 0;
}

/* The results table of a large selection costs a noticeable moment to
 * fill: it is filled when it is shown, not every time the selection moves. */
static void
fill_results (BenchGroupPage *self)
{
  g_autoptr (GPtrArray) results = selected_results (self, FALSE);

  self->results_stale = FALSE;
  rebuild_result_columns (self, results);
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       results->pdata, results->len);
}

/* The one selected group, or the only one shown when none is selected */
static BenchGroup *
single_selected_group (BenchGroupPage *self)
{
  g_autoptr (GtkBitset) selected = NULL;

  if (self->selection == NULL)
    return NULL;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected) && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 1)
    return g_list_model_get_item (G_LIST_MODEL (self->selection), 0);
  if (gtk_bitset_get_size (selected) != 1)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_nth (selected, 0));
}

static void on_log_x_toggled (BenchGroupPage  *self,
                              GtkToggleButton *toggle);

/* The x axis toggle shows only for a sweep, and says how it is drawn;
 * the roofline toggle only where a roofline can be drawn. */
static void
sync_chart_buttons (BenchGroupPage *self)
{
  BenchChartSpec *spec = bench_chart_view_get_spec (BENCH_CHART_VIEW (self->chart));
  gboolean sweep = spec != NULL && bench_chart_spec_has_sweep (spec);

  gtk_widget_set_visible (self->roofline_toggle,
                          bench_chart_view_has_rooflines (BENCH_CHART_VIEW (self->chart)));
  gtk_widget_set_visible (GTK_WIDGET (self->log_x_toggle), sweep);
  if (sweep)
    {
      g_signal_handlers_block_by_func (self->log_x_toggle, on_log_x_toggled, self);
      gtk_toggle_button_set_active (self->log_x_toggle, bench_chart_spec_has_log2_x (spec));
      g_signal_handlers_unblock_by_func (self->log_x_toggle, on_log_x_toggled, self);
    }
}

/* —— Hardware: a model the machines share ——————————————————————— */

static void
setup_model_choice (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_model_choice (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
  gtk_label_set_max_width_chars (GTK_LABEL (gtk_list_item_get_child (item)), 40);
}

typedef struct
{
  const char *model;
  guint       n_machines;
} ModelCount;

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const ModelCount *x = a, *y = b;

  if (x->n_machines != y->n_machines)
    return x->n_machines > y->n_machines ? -1 : 1;
  return g_utf8_collate (x->model, y->model);
}

/* the machines compared: the selected ones, or every one shown */
static GPtrArray *
compared_machines (BenchGroupPage *self)
{
  return chosen_groups (self, G_MAXUINT);
}

static gboolean
machine_has_model (BenchGroup *machine,
                   const char *model)
{
  GPtrArray *results = bench_group_get_results (machine);

  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (bench_result_get_model_type (g_ptr_array_index (results, i)), model))
      return TRUE;
  return FALSE;
}

/* the machines without the chosen model, the chart's note, the table's grey */
static void
apply_model_choice (BenchGroupPage *self,
                    GPtrArray      *machines)
{
  g_autofree char *note = NULL;

  /* the machines greyed out before are compared again */
  {
    GHashTableIter iter;
    gpointer machine;

    g_hash_table_iter_init (&iter, self->lacking);
    while (g_hash_table_iter_next (&iter, &machine, NULL))
      bench_group_set_compared (machine, TRUE);
  }
  g_hash_table_remove_all (self->lacking);
  self->n_lacking = 0;
  if (self->chosen_model != NULL)
    for (guint i = 0; i < machines->len; i++)
      if (!machine_has_model (g_ptr_array_index (machines, i), self->chosen_model))
        {
          g_hash_table_add (self->lacking, g_object_ref (g_ptr_array_index (machines, i)));
          bench_group_set_compared (g_ptr_array_index (machines, i), FALSE);
          self->n_lacking++;
        }
  if (self->chosen_model != NULL && self->n_lacking > 0)
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u machine without %s not shown",
                                         "%u machines without %s not shown", self->n_lacking),
                            self->n_lacking, self->chosen_model);
  else if (machines->len >= 2 && self->shared_models->len == 0)
    note = g_strdup (_("These machines have no model in common"));
  bench_chart_view_set_note (BENCH_CHART_VIEW (self->chart), note);
}

static void
refresh_shared_models (BenchGroupPage *self)
{
  g_autoptr (GPtrArray) machines = NULL;
  g_autoptr (GHashTable) counts = NULL;
  g_autoptr (GArray) sorted = NULL;
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  g_autofree char *keep = g_steal_pointer (&self->chosen_model);
  guint chosen = 0;

  if (self->kind != BENCH_GROUP_HARDWARE || self->selection == NULL)
    return;
  machines = compared_machines (self);
  g_ptr_array_set_size (self->shared_models, 0);
  if (machines->len >= 2)
    {
      GHashTableIter iter;
      gpointer key, value;

      counts = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint m = 0; m < machines->len; m++)
        {
          GPtrArray *results = bench_group_get_results (g_ptr_array_index (machines, m));
          g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

          for (guint i = 0; i < results->len; i++)
            {
              const char *model = bench_result_get_model_type (g_ptr_array_index (results, i));
              if (g_hash_table_add (seen, (gpointer) model))
                g_hash_table_insert (counts, (gpointer) model,
                                     GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, model)) + 1));
            }
        }
      sorted = g_array_new (FALSE, FALSE, sizeof (ModelCount));
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_UINT (value) >= 2)
          {
            ModelCount c = { key, GPOINTER_TO_UINT (value) };
            g_array_append_val (sorted, c);
          }
      g_array_sort (sorted, compare_counts);
      for (guint i = 0; i < sorted->len; i++)
        {
          const ModelCount *c = &g_array_index (sorted, ModelCount, i);
          /* Translators: a model in the Hardware view's model menu: "llama 8B Q4_0 (3 of 4 machines)" */
          g_autofree char *text = g_strdup_printf (_("%s (%u of %u machines)"), c->model,
                                                   c->n_machines, machines->len);

          g_ptr_array_add (self->shared_models, g_strdup (c->model));
          gtk_string_list_append (list, text);
          if (keep != NULL && g_str_equal (keep, c->model))
            chosen = i;
        }
    }
  /* the person's choice stays while the machines still share it */
  if (self->shared_models->len > 0)
    self->chosen_model = g_strdup (g_ptr_array_index (self->shared_models, chosen));
  self->choosing = TRUE;
  gtk_drop_down_set_model (self->model_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->model_dropdown, chosen);
  self->choosing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->model_dropdown), self->shared_models->len > 0);
  gtk_widget_set_visible (self->model_note, machines->len >= 2 && self->shared_models->len == 0);
  gtk_widget_set_visible (self->model_box, machines->len >= 2);
  apply_model_choice (self, machines);
}

static void
on_model_chosen (BenchGroupPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->model_dropdown);
  g_autoptr (GPtrArray) machines = NULL;

  if (self->choosing || selected >= self->shared_models->len)
    return;
  g_free (self->chosen_model);
  self->chosen_model = g_strdup (g_ptr_array_index (self->shared_models, selected));
  machines = compared_machines (self);
  apply_model_choice (self, machines);
  bench_group_page_invalidate_chart (self);
}

static void
add_model_choice (BenchGroupPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *label = gtk_label_new (_("Model"));

  self->lacking = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->shared_models = g_ptr_array_new_with_free_func (g_free);
  self->model_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->model_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_model_choice), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_model_choice), NULL);
  gtk_drop_down_set_factory (self->model_dropdown, factory);
  g_object_unref (factory);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->model_dropdown),
                               _("Machines are compared on one model they share; those without it are greyed out"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->model_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Model the machines are compared on"), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->model_dropdown), TRUE);
  g_signal_connect_swapped (self->model_dropdown, "notify::selected", G_CALLBACK (on_model_chosen), self);
  self->model_note = gtk_label_new (_("These machines have no model in common"));
  gtk_label_set_wrap (GTK_LABEL (self->model_note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->model_note), 0);
  gtk_widget_add_css_class (self->model_note, "dim-label");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (self->model_box), label);
  gtk_box_append (GTK_BOX (self->model_box), GTK_WIDGET (self->model_dropdown));
  gtk_box_append (GTK_BOX (self->model_box), self->model_note);
  gtk_widget_set_margin_start (self->model_box, 12);
  gtk_widget_set_margin_end (self->model_box, 12);
  gtk_widget_set_visible (self->model_box, FALSE);
  /* under the filter, over the table it greys out */
  gtk_widget_set_margin_bottom (self->model_box, 6);
  gtk_widget_insert_before (self->model_box, gtk_widget_get_parent (GTK_WIDGET (self->table_stack)),
                            GTK_WIDGET (self->table_stack));
}

/* The chart follows the selection, the results table too once shown. */
static void
catch_up (BenchGroupPage *self,
          gboolean        results_too)
{
  if (self->stale)
    {
      g_autoptr (GPtrArray) results = bench_group_page_get_chart_results (self);

      self->stale = FALSE;
      /* nothing selected: the view's question for everything loaded */
      bench_chart_view_set_overview (BENCH_CHART_VIEW (self->chart), !has_selection (self));
      bench_chart_view_set_results (BENCH_CHART_VIEW (self->chart), results, self->kind);
    }
  if (results_too && self->results_stale)
    fill_results (self);
}

/* A page that is not on screen only takes note of a new selection, and
 * catches up when it is mapped: loading 100,000 results should not
 * compute three charts at once. */
static void
mark_stale (BenchGroupPage *self)
{
  if (self->refresh_source == 0)
    refresh_shared_models (self);
  if (self->kind == BENCH_GROUP_HARDWARE)
    {
      g_autoptr (BenchGroup) one = single_selected_group (self);
      gtk_widget_set_sensitive (self->peak_button, one != NULL);
      /* only a machine its file does not name can be renamed */
      gtk_widget_set_visible (self->rename_button,
                              one != NULL && bench_result_is_unnamed_machine (bench_group_get_first (one)));
    }
  self->stale = TRUE;
  self->results_stale = TRUE;
}

static void
update_selection (BenchGroupPage *self)
{
  mark_stale (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self, showing_results (self));
}

static gboolean
catch_up_later (gpointer data)
{
  BenchGroupPage *self = data;

  self->catch_up_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self, showing_results (self));
  return G_SOURCE_REMOVE;
}

static void reveal_when_shown (BenchGroupPage *self);

static void
on_map (BenchGroupPage *self)
{
  reveal_when_shown (self);
  catch_up (self, showing_results (self));
}

static void
on_table_shown (BenchGroupPage *self)
{
  if (showing_results (self))
    catch_up (self, TRUE);
}

static void
on_selection_changed (GtkSelectionModel *model,
                      guint              position,
                      guint              n_items,
                      BenchGroupPage    *self)
{
  update_selection (self);
}

/* The rows changed (a filter, a load): the models the machines share are
 * counted once the list models are done changing, not in the middle of
 * their items-changed */
static gboolean
refresh_shared_models_idle (gpointer data)
{
  BenchGroupPage *self = data;

  self->refresh_source = 0;
  refresh_shared_models (self);
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* A folder's files are added one after the other in one go, each
 * changing a few groups: gathering the chart's results each time cost
 * O(files × results) in one main-loop iteration. The chart and the table
 * catch up once, after the last change and before the next frame. */
static void
on_items_changed (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  BenchGroupPage *self)
{
  /* the models the machines share are counted once the list models are
   * done changing, before the chart catches up */
  if (self->kind == BENCH_GROUP_HARDWARE && self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, refresh_shared_models_idle, self, NULL);
  mark_stale (self);
  sync_no_match (self);
  if (self->catch_up_id == 0)
    self->catch_up_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, catch_up_later, self, NULL);
}


/* Clicking a bar selects its group's row. */
static void
on_chart_activated (BenchChartView *chart,
                    BenchResult    *result,
                    BenchGroupPage *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BenchGroup) group = g_list_model_get_item (model, i);
      if (g_ptr_array_find (bench_group_get_results (group), result, NULL))
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
          gtk_widget_activate_action (GTK_WIDGET (self->group_view), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

static void
on_roofline_toggled (BenchGroupPage  *self,
                     GtkToggleButton *toggle)
{
  bench_chart_view_set_rooflines (BENCH_CHART_VIEW (self->chart),
                                  gtk_toggle_button_get_active (toggle));
}

static void
on_log_toggled (BenchGroupPage  *self,
                GtkToggleButton *toggle)
{
  bench_chart_view_set_log_scale (BENCH_CHART_VIEW (self->chart),
                                  gtk_toggle_button_get_active (toggle));
}

/* —— the peak bandwidth of a machine (Hardware) ——————————————— */

/* The popover says what the table knows of the machine and offers the
 * user's own figure. */
static void
on_peak_popover_shown (BenchGroupPage *self)
{
  g_autoptr (BenchGroup) group = single_selected_group (self);
  BenchResult *first;
  BenchPeak table;
  double user;
  g_autofree char *text = NULL;

  if (group == NULL)
    return;
  first = bench_group_get_first (group);
  user = bench_peak_get_user (bench_result_get_hardware_key (first));
  if (bench_peak_lookup (bench_result_get_gpu_info (first), bench_result_get_cpu_info (first), &table))
    {
      if (table.gbs_min < table.gbs)
        /* Translators: the shipped figure of a chip sold in variants */
        text = g_strdup_printf (_("%s: %.0f to %.0f GB/s (its variants differ and llama-bench does not tell which; enter yours). Source: %s"),
                                table.name, table.gbs_min, table.gbs, table.source);
      else
        text = g_strdup_printf (_("%s: %.0f GB/s. Source: %s"), table.name, table.gbs, table.source);
    }
  else
    text = g_strdup (_("This machine is not in Benchtop’s table. A GPU’s peak is on its maker’s page; a CPU’s is channels × transfer rate × 8 bytes (two channels of DDR5-5600: 89.6 GB/s)."));
  gtk_label_set_text (GTK_LABEL (self->peak_label), text);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->peak_spin),
                             !isnan (user) ? user : !isnan (table.gbs) ? table.gbs : 0);
}

static void
set_peak (BenchGroupPage *self,
          double          gbs)
{
  g_autoptr (BenchGroup) group = single_selected_group (self);

  if (group == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-peak", "(sd)",
                              bench_result_get_hardware_key (bench_group_get_first (group)), gbs);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->peak_button));
}

static void
on_peak_apply (BenchGroupPage *self)
{
  set_peak (self, gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->peak_spin)));
}

static void
on_peak_reset (BenchGroupPage *self)
{
  set_peak (self, 0);
}

/* —— naming a machine (Hardware) ——————————————————————————————— */

static void
on_rename_popover_shown (BenchGroupPage *self)
{
  g_autoptr (BenchGroup) group = single_selected_group (self);

  if (group == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), bench_group_get_label (group));
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
}

static void
rename_to (BenchGroupPage *self,
           const char     *name)
{
  g_autoptr (BenchGroup) group = single_selected_group (self);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->rename_button));
  if (group != NULL)
    bench_group_page_rename_machine (self, group, name);
}

static void
on_rename_apply (BenchGroupPage *self)
{
  rename_to (self, gtk_editable_get_text (GTK_EDITABLE (self->rename_entry)));
}

static void
on_rename_reset (BenchGroupPage *self)
{
  rename_to (self, "");
}

void
bench_group_page_rename_machine (BenchGroupPage *self,
                                 BenchGroup     *machine,
                                 const char     *name)
{
  g_return_if_fail (BENCH_IS_GROUP_PAGE (self));
  g_return_if_fail (bench_result_is_unnamed_machine (bench_group_get_first (machine)));

  /* kept by the window (GSettings), for the file: every view follows */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.rename-machine", "(ss)",
                              bench_result_get_source (bench_group_get_first (machine)), name);
}

/* Labels changed under the rows (a machine renamed): rows are bound again,
 * charts made again; the selection stays. */
void
bench_group_page_refresh (BenchGroupPage *self)
{
  g_return_if_fail (BENCH_IS_GROUP_PAGE (self));
  if (self->selection == NULL)
    return;
  gtk_column_view_set_model (self->group_view, NULL);
  gtk_column_view_set_model (self->group_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_model (self->result_view, NULL);
  gtk_column_view_set_model (self->result_view, GTK_SELECTION_MODEL (self->results_selection));
  bench_group_page_invalidate_chart (self);
}

void
bench_group_page_invalidate_chart (BenchGroupPage *self)
{
  g_return_if_fail (BENCH_IS_GROUP_PAGE (self));
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self, FALSE);
}

static void
on_log_x_toggled (BenchGroupPage  *self,
                  GtkToggleButton *toggle)
{
  bench_chart_view_set_x_scale (BENCH_CHART_VIEW (self->chart),
                                gtk_toggle_button_get_active (toggle) ? BENCH_CHART_X_LOG
                                                                      : BENCH_CHART_X_LINEAR);
}

/* —— the widget ——————————————————————————————————————————— */

static void
bench_group_page_dispose (GObject *object)
{
  BenchGroupPage *self = BENCH_GROUP_PAGE (object);

  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  g_clear_handle_id (&self->reveal_id, g_source_remove);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BENCH_TYPE_GROUP_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->results);
  g_clear_object (&self->results_selection);
  g_clear_pointer (&self->setting_columns, g_ptr_array_unref);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->chosen_model, g_free);
  g_clear_pointer (&self->shared_models, g_ptr_array_unref);
  if (self->lacking != NULL)
    {
      GHashTableIter iter;
      gpointer machine;

      /* the groups outlive the page: none stays greyed out */
      g_hash_table_iter_init (&iter, self->lacking);
      while (g_hash_table_iter_next (&iter, &machine, NULL))
        bench_group_set_compared (machine, TRUE);
      g_clear_pointer (&self->lacking, g_hash_table_unref);
    }

  G_OBJECT_CLASS (bench_group_page_parent_class)->dispose (object);
}

static void
bench_group_page_class_init (BenchGroupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bench_group_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/benchtop/Benchtop/bench-group-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, paned);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, log_x_toggle);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, roofline_toggle);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, peak_button);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, peak_label);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, peak_spin);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, rename_button);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, rename_entry);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, log_toggle);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, compare_button);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, table_stack);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, groups_scroller);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, group_view);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, result_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, search_filter);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, source_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, date_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, build_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, model_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, quantization_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, size_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, params_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, bpw_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, hardware_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, cpu_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, gpu_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, backend_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, models_text_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, n_models_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, tests_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, best_pp_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, best_tg_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, efficiency_column);
  gtk_widget_class_bind_template_child (widget_class, BenchGroupPage, machines_column);
  gtk_widget_class_bind_template_callback (widget_class, text_or_dash);
  gtk_widget_class_bind_template_callback (widget_class, text_or_null);
  gtk_widget_class_bind_template_callback (widget_class, format_rate);
  gtk_widget_class_bind_template_callback (widget_class, format_count);
  gtk_widget_class_bind_template_callback (widget_class, format_date);
  gtk_widget_class_bind_template_callback (widget_class, format_build);
  gtk_widget_class_bind_template_callback (widget_class, format_size);
  gtk_widget_class_bind_template_callback (widget_class, format_params);
  gtk_widget_class_bind_template_callback (widget_class, format_bpw);
  gtk_widget_class_bind_template_callback (widget_class, format_rate_sd);
  gtk_widget_class_bind_template_callback (widget_class, format_samples);
  gtk_widget_class_bind_template_callback (widget_class, format_source_line);
  gtk_widget_class_bind_template_callback (widget_class, full_text_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, stats_mismatch_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, efficiency_text);
  gtk_widget_class_bind_template_callback (widget_class, efficiency_query_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, efficiency_classes);
  gtk_widget_class_bind_template_callback (widget_class, efficiency_sort_key);
  gtk_widget_class_bind_template_callback (widget_class, on_log_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_log_x_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_roofline_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_peak_popover_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_peak_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_peak_reset);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_popover_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_reset);
  gtk_widget_class_set_layout_manager_type (widget_class, BENCH_TYPE_PAGE_LAYOUT);
}

static void
bench_group_page_init (BenchGroupPage *self)
{
  g_type_ensure (BENCH_TYPE_CHART_VIEW);
  g_type_ensure (BENCH_TYPE_GROUP);
  g_type_ensure (BENCH_TYPE_RESULT);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->setting_columns = g_ptr_array_new_with_free_func (g_object_unref);

  self->chart = bench_chart_view_new ();
  gtk_widget_set_vexpand (self->chart, TRUE);
  gtk_widget_set_hexpand (self->chart, TRUE);
  /* a chart whose legend names many series grows taller than its pane
   * rather than squash its plots: it scrolls */
  bench_chart_view_set_grow_to_fit (BENCH_CHART_VIEW (self->chart), TRUE);
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->chart);
    gtk_overlay_set_child (GTK_OVERLAY (self->chart_box), scroller);
  }
  g_signal_connect (self->chart, "result-activated", G_CALLBACK (on_chart_activated), self);
  g_signal_connect_swapped (self->chart, "spec-changed", G_CALLBACK (sync_chart_buttons), self);
  /* Tab crosses a table in one step: on to the chart, back to the filter */
  bench_focus_tab_leaves (GTK_WIDGET (self->group_view), self->chart, GTK_WIDGET (self->search_entry));
  bench_focus_tab_leaves (GTK_WIDGET (self->result_view), self->chart, GTK_WIDGET (self->search_entry));

  self->results = g_list_store_new (BENCH_TYPE_RESULT);
  self->results_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_column_view_set_model (self->result_view, GTK_SELECTION_MODEL (self->results_selection));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  g_signal_connect_swapped (self->table_stack, "notify::visible-child-name",
                            G_CALLBACK (on_table_shown), self);

  self->no_match_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->no_match_label, "dim-label");
  gtk_widget_set_margin_top (self->no_match_label, 12);
  gtk_widget_set_visible (self->no_match_label, FALSE);
  gtk_widget_insert_before (self->no_match_label, gtk_widget_get_parent (GTK_WIDGET (self->table_stack)),
                            GTK_WIDGET (self->table_stack));
}

GtkWidget *
bench_group_page_new (BenchGroupKind kind)
{
  BenchGroupPage *self = g_object_new (BENCH_TYPE_GROUP_PAGE, NULL);
  static const char *titles[] = { N_("Runs"), N_("Models"), N_("Machines") };

  self->kind = kind;
  gtk_stack_page_set_title (gtk_stack_get_page (self->table_stack, self->groups_scroller),
                            _(titles[kind]));
  show_columns_of_kind (self);
  if (kind == BENCH_GROUP_HARDWARE)
    {
      gtk_widget_set_visible (self->peak_button, TRUE);
      add_model_choice (self);
    }
  return GTK_WIDGET (self);
}

BenchGroupKind
bench_group_page_get_kind (BenchGroupPage *self)
{
  return self->kind;
}

/* A file of 50,000 models adds its groups at once, and GTK 4.8's list
 * view makes rows for the first ~200 of them in the same main-loop
 * iteration, each a dozen cells: a 0.3 s stall. The table is shown the
 * new groups a few rows per iteration until it holds more rows than the
 * list view makes, then all of them. */
#define REVEAL_STEP 40
#define REVEAL_ALL_FROM 240

/* A view not shown yet reveals nothing: its table, never allocated, would
 * make a row for every group revealed (40 rows of 30 cells in the Models
 * view, a third of the time 50,000 new groups kept the window busy). What
 * it has not revealed it reveals when shown; what it has it keeps, and
 * with it the selection. */
static gboolean
reveal_more (gpointer data)
{
  BenchGroupPage *self = data;
  guint size = gtk_slice_list_model_get_size (self->revealed) + REVEAL_STEP;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->reveal_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->revealed, size >= REVEAL_ALL_FROM ? G_MAXUINT : size);
  if (size < REVEAL_ALL_FROM && size < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)))
    return G_SOURCE_CONTINUE;
  self->reveal_id = 0;
  return G_SOURCE_REMOVE;
}

static void
reveal_when_shown (BenchGroupPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint size = gtk_slice_list_model_get_size (self->revealed);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || n <= size)
    return;
  /* the first step at once: what the view shows as it appears, with the
   * models its machines share counted before its chart is made */
  if (size < REVEAL_STEP)
    gtk_slice_list_model_set_size (self->revealed, REVEAL_STEP);
  if (self->refresh_source != 0)
    {
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      refresh_shared_models (self);
    }
  if (n > REVEAL_STEP && self->reveal_id == 0)
    self->reveal_id = g_idle_add (reveal_more, self);
}

static void
on_sorted_changed (GListModel     *model,
                   guint           position,
                   guint           removed,
                   guint           added,
                   BenchGroupPage *self)
{
  guint n = g_list_model_get_n_items (model);
  guint size = gtk_slice_list_model_get_size (self->revealed);

  /* emptied: the next many groups are revealed a step at a time again */
  if (n <= REVEAL_STEP && size > REVEAL_STEP)
    gtk_slice_list_model_set_size (self->revealed, REVEAL_STEP);
  else
    reveal_when_shown (self);
}

void
bench_group_page_set_groups (BenchGroupPage *self,
                             GListModel     *groups)
{
  GtkSorter *sorter;

  g_return_if_fail (BENCH_IS_GROUP_PAGE (self));
  g_return_if_fail (self->selection == NULL);

  self->filtered = gtk_filter_list_model_new (g_object_ref (groups), g_object_ref (self->search_filter));
  sorter = gtk_column_view_get_sorter (self->group_view);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), g_object_ref (sorter));
  self->revealed = gtk_slice_list_model_new (G_LIST_MODEL (self->sorted), 0, 0);
  g_signal_connect (self->sorted, "items-changed", G_CALLBACK (on_sorted_changed), self);
  on_sorted_changed (G_LIST_MODEL (self->sorted), 0, 0, 0, self);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (self->revealed));
  gtk_column_view_set_model (self->group_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  /* the groups, not the rows revealed so far: a reveal step only adds rows */
  g_signal_connect (self->sorted, "items-changed", G_CALLBACK (on_items_changed), self);
  update_selection (self);
}

void
bench_group_page_focus_search (BenchGroupPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GListModel *
bench_group_page_get_visible (BenchGroupPage *self)
{
  return G_LIST_MODEL (self->sorted);
}

GtkSelectionModel *
bench_group_page_get_selection (BenchGroupPage *self)
{
  return GTK_SELECTION_MODEL (self->selection);
}

GtkWidget *
bench_group_page_get_chart (BenchGroupPage *self)
{
  catch_up (self, FALSE);
  return self->chart;
}

void
bench_group_page_show_results (BenchGroupPage *self,
                               gboolean        show)
{
  gtk_stack_set_visible_child_name (self->table_stack, show ? "results" : "groups");
}

GListModel *
bench_group_page_get_results_model (BenchGroupPage *self)
{
  catch_up (self, TRUE);
  return G_LIST_MODEL (self->results);
}

/* Hardware: the model the machines are compared on, NULL when there is
 * no choice (one machine, or none in common) */
const char *
bench_group_page_get_chosen_model (BenchGroupPage *self)
{
  g_return_val_if_fail (BENCH_IS_GROUP_PAGE (self), NULL);
  return self->chosen_model;
}

GListModel *
bench_group_page_get_model_choices (BenchGroupPage *self)
{
  g_return_val_if_fail (BENCH_IS_GROUP_PAGE (self), NULL);
  return self->model_dropdown != NULL ? gtk_drop_down_get_model (self->model_dropdown) : NULL;
}

void
bench_group_page_choose_model (BenchGroupPage *self,
                               guint           position)
{
  g_return_if_fail (BENCH_IS_GROUP_PAGE (self));
  if (self->model_dropdown != NULL)
    gtk_drop_down_set_selected (self->model_dropdown, position);
}

gboolean
bench_group_page_lacks_model (BenchGroupPage *self,
                              BenchGroup     *machine)
{
  g_return_val_if_fail (BENCH_IS_GROUP_PAGE (self), FALSE);
  return self->lacking != NULL && g_hash_table_contains (self->lacking, machine);
}

gboolean
bench_group_page_shows_no_match (BenchGroupPage *self)
{
  g_return_val_if_fail (BENCH_IS_GROUP_PAGE (self), FALSE);
  return gtk_widget_get_visible (self->no_match_label);
}

const char *
bench_group_page_get_model_note (BenchGroupPage *self)
{
  g_return_val_if_fail (BENCH_IS_GROUP_PAGE (self), NULL);
  return self->model_note != NULL && gtk_widget_get_visible (self->model_note)
           ? gtk_label_get_text (GTK_LABEL (self->model_note)) : NULL;
}
