/* bench-compare-dialog.c — a baseline against candidates, in a window.
 *
 * The sides start as the rows the person selected (runs, models or
 * machines) and can be split instead by any setting that varies among
 * their results (flash_attn, the build, n_threads…). The comparison itself
 * is the core's: matching, averaging of repeats, speedups with propagated
 * deviations and verdicts. This window shows it as a speedup chart and a
 * sortable, filterable table that copies as the markdown llama.cpp
 * developers paste into pull requests.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bench-chart-spec.h"
#include "bench-chart-view.h"
#include "bench-compare-dialog.h"
#include "bench-export-dialog.h"
#include "bench-field.h"
#include "bench-file-chooser.h"
#include "bench-focus.h"
#include "bench-group.h"

/* —— the window ———————————————————————————————————————————————— */

typedef enum
{
  COLUMN_TEST,
  COLUMN_RATE,
  COLUMN_SPEEDUP,
  COLUMN_VERDICT,
} ColumnKind;

typedef struct
{
  ColumnKind kind;
  guint      side;
} ColumnInfo;

struct _BenchCompareDialog
{
  AdwWindow           parent_instance;

  AdwToastOverlay    *toasts;
  AdwWindowTitle     *window_title;
  GtkDropDown        *sides_dropdown;
  GtkDropDown        *baseline_dropdown;
  GtkLabel           *summary_label;
  GtkWidget          *chart_box;
  GtkSearchEntry     *search_entry;
  GtkColumnView      *table;

  GtkWidget          *chart;
  GPtrArray          *group_sides;    /* GPtrArray of BenchResult, per group */
  GPtrArray          *group_names;
  GPtrArray          *all_results;
  GPtrArray          *split_fields;   /* const char *: the sides menu after "rows" */
  GPtrArray          *sides;          /* the current sides */
  GPtrArray          *names;
  guint               baseline;
  BenchComparison    *comparison;
  GListStore         *rows;
  GtkCustomFilter    *filter;
  GtkSortListModel   *sorted;
  char               *filter_text;
  gboolean            updating;
  guint               sides_position;  /* the Sides menu's entry shown */
  gboolean            saving_csv;
};

G_DEFINE_FINAL_TYPE (BenchCompareDialog, bench_compare_dialog, ADW_TYPE_WINDOW)


/* —— texts of the cells —— */

static char *
rate_text (const BenchCompareCell *cell)
{
  if (cell->n_results == 0)
    return g_strdup ("—");
  /* one repetition has no deviation to show: not "± 0.00" */
  if (!isfinite (cell->stddev_ts) || (cell->stddev_ts == 0 && cell->n_results == 1))
    return g_strdup_printf ("%'.2f", cell->avg_ts);
  return g_strdup_printf ("%'.2f ± %'.2f", cell->avg_ts, cell->stddev_ts);
}

char *
bench_compare_dialog_dup_speedup_text (const BenchCompareCell *cell)
{
  if (!isfinite (cell->speedup))
    return g_strdup ("—");
  /* measured once on both sides: the noise is unknown, not zero */
  if (cell->verdict == BENCH_VERDICT_NOISE_UNKNOWN || !isfinite (cell->speedup_sd))
    /* Translators: a speedup measured with a single repetition, "1.54× (single run)" */
    return g_strdup_printf (_("%.2f× (single run)"), cell->speedup);
  /* Translators: a speedup with its deviation, "1.23 ± 0.04×" */
  return g_strdup_printf (_("%.2f ± %.2f×"), cell->speedup, cell->speedup_sd);
}

/* The cells of a side's columns come from bench-compare-cell.ui: these
 * closures give their text and style; @kind is a ColumnKind. */
static char *
cell_text (GtkListItem      *list_item,
           BenchCompareItem *item,
           guint             kind,
           guint             side)
{
  const BenchCompareCell *cell;

  if (item == NULL || side >= bench_compare_item_get_n_sides (item))
    return NULL;
  cell = bench_compare_item_get_cell (item, side);
  switch (kind)
    {
    case COLUMN_RATE:
      return rate_text (cell);
    case COLUMN_SPEEDUP:
      return bench_compare_dialog_dup_speedup_text (cell);
    case COLUMN_VERDICT:
      return g_strdup (bench_verdict_to_string (cell->verdict));
    case COLUMN_TEST:
    default:
      return g_strdup (bench_compare_item_get_label (item));
    }
}

static GStrv
cell_classes (GtkListItem      *list_item,
              BenchCompareItem *item,
              guint             kind,
              guint             side)
{
  const char *class = "numeric";

  if (kind == COLUMN_VERDICT && item != NULL && side < bench_compare_item_get_n_sides (item))
    {
      BenchVerdict verdict = bench_compare_item_get_cell (item, side)->verdict;

      class = verdict == BENCH_VERDICT_FASTER ? "success"
              : verdict == BENCH_VERDICT_SLOWER ? "error"
              : "dim-label";
    }
  return g_strdupv ((char *[]) { (char *) class, NULL });
}

/* a side's figure a column sorts by (NAN sorts last) */
static double
sort_value (BenchCompareItem *item,
            ColumnInfo       *info)
{
  const BenchCompareCell *cell = bench_compare_item_get_cell (item, info->side);

  switch (info->kind)
    {
    case COLUMN_RATE:    return cell->avg_ts;
    case COLUMN_SPEEDUP: return cell->speedup;
    case COLUMN_VERDICT: return cell->verdict;
    case COLUMN_TEST:
    default:             return 0;
    }
}

static GtkListItemFactory *
cell_factory (ColumnKind kind,
              guint      side)
{
  static GtkBuilderScope *scope;
  g_autoptr (GBytes) template = NULL;
  g_autoptr (GString) text = NULL;
  g_autofree char *kind_text = g_strdup_printf ("%u", kind);
  g_autofree char *side_text = g_strdup_printf ("%u", side);

  if (g_once_init_enter (&scope))
    {
      GtkBuilderScope *cscope = gtk_builder_cscope_new ();

      gtk_builder_cscope_add_callback (cscope, cell_text);
      gtk_builder_cscope_add_callback (cscope, cell_classes);
      g_once_init_leave (&scope, cscope);
    }
  template = g_resources_lookup_data ("/io/github/benchtop/Benchtop/bench-compare-cell.ui", 0, NULL);
  g_assert (template != NULL);
  text = g_string_new_len (g_bytes_get_data (template, NULL), g_bytes_get_size (template));
  g_string_replace (text, "@KIND@", kind_text, 0);
  g_string_replace (text, "@SIDE@", side_text, 0);
  return gtk_builder_list_item_factory_new_from_bytes (scope, g_string_free_to_bytes (g_steal_pointer (&text)));
}

static char *column_title (BenchCompareDialog *self,
                           ColumnKind          kind,
                           guint               side);

static void
add_column (BenchCompareDialog *self,
            ColumnKind          kind,
            guint               side)
{
  ColumnInfo *info = g_new0 (ColumnInfo, 1);
  g_autofree char *title = NULL;
  GtkColumnViewColumn *column;
  GtkExpression *value;
  GtkSorter *sorter;

  info->kind = kind;
  info->side = side;
  title = column_title (self, kind, side);
  column = gtk_column_view_column_new (title, cell_factory (kind, side));
  /* which cells it shows, for retitling */
  g_object_set_data_full (G_OBJECT (column), "info", info, g_free);
  value = gtk_cclosure_expression_new (G_TYPE_DOUBLE, NULL, 0, NULL, G_CALLBACK (sort_value),
                                       g_memdup2 (info, sizeof *info),
                                       (GClosureNotify) (void (*) (void)) g_free);
  sorter = GTK_SORTER (gtk_numeric_sorter_new (value));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->table, column);
  g_object_unref (sorter);
  g_object_unref (column);
}

static char *
column_title (BenchCompareDialog *self,
              ColumnKind          kind,
              guint               side)
{
  guint n_sides = bench_comparison_get_n_sides (self->comparison);
  const char *name = bench_comparison_get_side_name (self->comparison, side);

  switch (kind)
    {
    case COLUMN_TEST:
      return g_strdup (_("Test"));
    case COLUMN_RATE:
      /* Translators: a column header, "t/s <side name>" */
      return g_strdup_printf (_("t/s %s"), name);
    case COLUMN_SPEEDUP:
      return n_sides > 2 ? g_strdup_printf (_("Speedup %s"), name) : g_strdup (_("Speedup"));
    case COLUMN_VERDICT:
    default:
      /* Translators: a column header, "Verdict <side name>" */
      return n_sides > 2 ? g_strdup_printf (_("Verdict %s"), name) : g_strdup (_("Verdict"));
    }
}

static void
rebuild_columns (BenchCompareDialog *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->table);
  guint n_sides = bench_comparison_get_n_sides (self->comparison);

  /* the same sides in another order (a new baseline): the columns stay,
   * and with them the sort the person chose; only their titles change */
  if (g_list_model_get_n_items (columns) == 1 + n_sides + 2 * (n_sides - 1))
    {
      for (guint i = 1; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
          const ColumnInfo *info = g_object_get_data (G_OBJECT (column), "info");
          g_autofree char *title = column_title (self, info->kind, info->side);

          gtk_column_view_column_set_title (column, title);
        }
      return;
    }

  /* the test column of the .ui stays; the sides' columns go */
  while (g_list_model_get_n_items (columns) > 1)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 1);
      gtk_column_view_remove_column (self->table, column);
    }

  for (guint s = 0; s < n_sides; s++)
    add_column (self, COLUMN_RATE, s);
  for (guint s = 1; s < n_sides; s++)
    {
      add_column (self, COLUMN_SPEEDUP, s);
      add_column (self, COLUMN_VERDICT, s);
    }
}

/* —— the summary —— */

static void
update_summary (BenchCompareDialog *self)
{
  guint n_sides = bench_comparison_get_n_sides (self->comparison);
  guint n_unmatched = bench_comparison_get_n_unmatched (self->comparison);
  GString *text = g_string_new (NULL);
  g_autofree char *subtitle = NULL;

  for (guint s = 1; s < n_sides; s++)
    {
      guint faster, slower, noise, unknown;
      g_autofree char *f = NULL, *sl = NULL, *n = NULL;

      bench_comparison_count_verdicts (self->comparison, s, &faster, &slower, &noise, &unknown);
      f = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u test faster", "%u tests faster", faster), faster);
      sl = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u slower", "%u slower", slower), slower);
      n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u within noise", "%u within noise", noise), noise);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (n_sides > 2)
        g_string_append_printf (text, "%s: ", bench_comparison_get_side_name (self->comparison, s));
      /* Translators: "3 tests faster, 2 slower, 5 within noise" */
      g_string_append_printf (text, _("%s, %s, %s"), f, sl, n);
      if (unknown > 0)
        {
          g_string_append (text, "; ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u with unknown noise (measured once: run llama-bench with -r 3 or more)",
                                                     "%u with unknown noise (measured once: run llama-bench with -r 3 or more)",
                                                     unknown), unknown);
        }
    }
  if (n_unmatched > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u test has no partner on every side: it is listed with “—”",
                                                 "%u tests have no partner on every side: they are listed with “—”",
                                                 n_unmatched), n_unmatched);
    }
  gtk_label_set_text (self->summary_label, text->str);
  g_string_free (text, TRUE);

  /* Translators: the compare window's subtitle, "baseline: <side name>" */
  subtitle = g_strdup_printf (_("baseline: %s"), bench_comparison_get_side_name (self->comparison, 0));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* —— building the comparison —— */

static void
rebuild (BenchCompareDialog *self)
{
  g_autofree GPtrArray **ordered = g_new0 (GPtrArray *, self->sides->len);
  g_autofree const char **names = g_new0 (const char *, self->sides->len + 1);
  g_autoptr (BenchChartSpec) spec = NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint k = 0;

  ordered[k] = g_ptr_array_index (self->sides, self->baseline);
  names[k++] = g_ptr_array_index (self->names, self->baseline);
  for (guint s = 0; s < self->sides->len; s++)
    if (s != self->baseline)
      {
        ordered[k] = g_ptr_array_index (self->sides, s);
        names[k++] = g_ptr_array_index (self->names, s);
      }

  g_list_store_remove_all (self->rows);
  g_clear_pointer (&self->comparison, bench_comparison_free);
  self->comparison = bench_comparison_new (ordered, names, self->sides->len);

  for (guint i = 0; i < bench_comparison_get_n_rows (self->comparison); i++)
    {
      g_ptr_array_add (items, bench_compare_item_new (self->comparison, i));
    }
  rebuild_columns (self);
  g_list_store_splice (self->rows, 0, 0, items->pdata, items->len);

  spec = bench_chart_spec_new_for_comparison (self->comparison);
  bench_chart_view_set_spec (BENCH_CHART_VIEW (self->chart), spec);
  update_summary (self);
}

static void
set_sides (BenchCompareDialog *self,
           GPtrArray          *sides,
           GPtrArray          *names)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);

  g_clear_pointer (&self->sides, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  self->sides = g_ptr_array_ref (sides);
  self->names = g_ptr_array_ref (names);
  self->baseline = 0;
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (names, i));
  self->updating = TRUE;
  gtk_drop_down_set_model (self->baseline_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->baseline_dropdown, 0);
  self->updating = FALSE;
  rebuild (self);
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const char *x = *(const char **) a, *y = *(const char **) b;
  char *end_x, *end_y;
  double vx = g_ascii_strtod (x, &end_x), vy = g_ascii_strtod (y, &end_y);

  /* numbers in numeric order, text in text order */
  if (*x && *y && *end_x == '\0' && *end_y == '\0')
    return (vx > vy) - (vx < vy);
  return g_utf8_collate (x, y);
}

gboolean
bench_compare_dialog_split_by (BenchCompareDialog *self,
                               const char         *field)
{
  g_autoptr (GHashTable) by_value = NULL;
  g_autoptr (GPtrArray) values = NULL;
  g_autoptr (GPtrArray) sides = NULL;
  g_autoptr (GPtrArray) names = NULL;

  g_return_val_if_fail (BENCH_IS_COMPARE_DIALOG (self), FALSE);

  /* one row alone is no comparison */
  if (field == NULL && self->group_sides->len < 2)
    return FALSE;

  /* the Sides menu says what the sides are, however they were chosen */
  {
    guint position = 0;

    if (field != NULL)
      {
        guint index;
        if (g_ptr_array_find_with_equal_func (self->split_fields, field, g_str_equal, &index))
          position = index + 1;
      }
    self->updating = TRUE;
    gtk_drop_down_set_selected (self->sides_dropdown, position);
    self->updating = FALSE;
    self->sides_position = position;
  }

  if (field == NULL)
    {
      set_sides (self, self->group_sides, self->group_names);
      return TRUE;
    }

  by_value = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < self->all_results->len; i++)
    {
      BenchResult *r = g_ptr_array_index (self->all_results, i);
      char *value = bench_result_dup_field_formatted (r, field);
      GPtrArray *side = g_hash_table_lookup (by_value, value);

      if (side == NULL)
        {
          side = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_value, value, side);
        }
      else
        g_free (value);
      g_ptr_array_add (side, g_object_ref (r));
    }
  if (g_hash_table_size (by_value) < 2)
    return FALSE;

  values = g_ptr_array_new ();
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, by_value);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (values, key);
  }
  g_ptr_array_sort (values, compare_values);
  sides = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      g_ptr_array_add (sides, g_ptr_array_ref (g_hash_table_lookup (by_value, value)));
      g_ptr_array_add (names, bench_compare_name_setting (field, value));
    }
  bench_compare_make_distinct ((char **) names->pdata, names->len);
  set_sides (self, sides, names);
  return TRUE;
}

void
bench_compare_dialog_set_baseline (BenchCompareDialog *self,
                                   guint               side)
{
  g_return_if_fail (BENCH_IS_COMPARE_DIALOG (self));
  g_return_if_fail (side < self->sides->len);

  if (side == self->baseline)
    return;
  self->baseline = side;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->baseline_dropdown, side);
  self->updating = FALSE;
  rebuild (self);
}

void
bench_compare_dialog_set_filter (BenchCompareDialog *self,
                                 const char         *text)
{
  g_return_if_fail (BENCH_IS_COMPARE_DIALOG (self));

  g_free (self->filter_text);
  self->filter_text = text && *text ? g_utf8_casefold (text, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static gboolean
filter_row (gpointer item,
            gpointer data)
{
  BenchCompareDialog *self = data;

  return self->filter_text == NULL || strstr (bench_compare_item_get_folded_label (item), self->filter_text) != NULL;
}

/* —— signals —— */

static void
on_sides_selected (BenchCompareDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->sides_dropdown);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (!bench_compare_dialog_split_by (self, selected == 0 ? NULL
                                                          : g_ptr_array_index (self->split_fields, selected - 1)))
    {
      /* the menu goes back to the sides shown */
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->sides_dropdown, self->sides_position);
      self->updating = FALSE;
    }
}

static void
on_baseline_selected (BenchCompareDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->baseline_dropdown);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  bench_compare_dialog_set_baseline (self, selected);
}

static void
on_search_changed (BenchCompareDialog *self)
{
  bench_compare_dialog_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
toast (BenchCompareDialog *self,
       const char         *message)
{
  /* a save can finish after the window closed */
  if (self->toasts != NULL)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static void
copy_markdown_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BenchCompareDialog *self = BENCH_COMPARE_DIALOG (widget);
  g_autofree char *markdown = bench_comparison_to_markdown (self->comparison);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), markdown);
  toast (self, _("Table copied as Markdown"));
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BenchCompareDialog *self = BENCH_COMPARE_DIALOG (widget);

  BenchChartSpec *spec = bench_chart_view_get_spec (BENCH_CHART_VIEW (self->chart));

  if (spec != NULL)
    bench_export_dialog_present (GTK_WINDOW (self), spec);
}

static void
on_replaced (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr (BenchCompareDialog) self = data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));
      /* Translators: "Could not save <file>: <reason>" */
      g_autofree char *message = g_strdup_printf (_("Could not save %s: %s"), name, error->message);
      toast (self, message);
      return;
    }
  toast (self, _("Table saved"));
}

static void
on_file_chosen (GObject *owner,
                GFile   *file)
{
  BenchCompareDialog *self = BENCH_COMPARE_DIALOG (owner);
  char *text;
  g_autoptr (GBytes) bytes = NULL;

  if (self->comparison == NULL)
    return;
  text = self->saving_csv ? bench_comparison_to_csv (self->comparison)
                          : bench_comparison_to_markdown (self->comparison);
  bytes = g_bytes_new_take (text, strlen (text));
  /* written to a temporary file and renamed over the old one */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_replaced, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BenchCompareDialog *self = BENCH_COMPARE_DIALOG (widget);
  gboolean csv = g_str_equal (g_variant_get_string (parameter, NULL), "csv");
  /* Translators: the default file name of a saved comparison, without extension */
  g_autofree char *name = g_strdup_printf ("%s.%s", _("comparison"), csv ? "csv" : "md");

  self->saving_csv = csv;
  bench_file_chooser_save (GTK_WINDOW (self), csv ? _("Save as CSV") : _("Save as Markdown"),
                           _("_Save"), name, G_OBJECT (self), on_file_chosen);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (BENCH_COMPARE_DIALOG (widget)->search_entry));
}

/* —— the object —— */

static void
bench_compare_dialog_dispose (GObject *object)
{
  BenchCompareDialog *self = BENCH_COMPARE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BENCH_TYPE_COMPARE_DIALOG);
  G_OBJECT_CLASS (bench_compare_dialog_parent_class)->dispose (object);
}

static void
bench_compare_dialog_finalize (GObject *object)
{
  BenchCompareDialog *self = BENCH_COMPARE_DIALOG (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->comparison, bench_comparison_free);
  g_clear_pointer (&self->group_sides, g_ptr_array_unref);
  g_clear_pointer (&self->group_names, g_ptr_array_unref);
  g_clear_pointer (&self->all_results, g_ptr_array_unref);
  g_clear_pointer (&self->split_fields, g_ptr_array_unref);
  g_clear_pointer (&self->sides, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_free (self->filter_text);
  G_OBJECT_CLASS (bench_compare_dialog_parent_class)->finalize (object);
}

static void
bench_compare_dialog_class_init (BenchCompareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bench_compare_dialog_dispose;
  object_class->finalize = bench_compare_dialog_finalize;

  g_type_ensure (BENCH_TYPE_COMPARE_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/benchtop/Benchtop/bench-compare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BenchCompareDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, BenchCompareDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BenchCompareDialog, sides_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BenchCompareDialog, baseline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BenchCompareDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BenchCompareDialog, chart_box);
  gtk_widget_class_bind_template_child (widget_class, BenchCompareDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BenchCompareDialog, table);
  gtk_widget_class_bind_template_callback (widget_class, on_sides_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_baseline_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);

  gtk_widget_class_install_action (widget_class, "compare.copy-markdown", NULL, copy_markdown_action);
  gtk_widget_class_install_action (widget_class, "compare.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "compare.save", "s", save_action);
  gtk_widget_class_install_action (widget_class, "compare.focus-search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "compare.focus-search", NULL);
}

static void
bench_compare_dialog_init (BenchCompareDialog *self)
{
  GtkFilterListModel *filtered;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->chart = bench_chart_view_new ();
  gtk_widget_set_hexpand (self->chart, TRUE);
  gtk_widget_set_vexpand (self->chart, TRUE);
  /* a small window scrolls the chart rather than squash its plots */
  bench_chart_view_set_grow_to_fit (BENCH_CHART_VIEW (self->chart), TRUE);
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->chart);
    gtk_widget_set_vexpand (scroller, TRUE);
    gtk_widget_set_hexpand (scroller, TRUE);
    gtk_box_append (GTK_BOX (self->chart_box), scroller);
  }
  bench_focus_tab_leaves (GTK_WIDGET (self->table), self->chart, GTK_WIDGET (self->search_entry));

  self->rows = g_list_store_new (BENCH_TYPE_COMPARE_ITEM);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->table)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

/* A run is named by its file (without the extension) unless two runs come
 * from one file; models and machines by their labels. */
static char *
side_name (BenchGroup *group,
           GPtrArray  *groups)
{
  const char *source = bench_result_get_source (bench_group_get_first (group));
  const char *dot = strrchr (source, '.');

  if (bench_group_get_kind (group) != BENCH_GROUP_RUN)
    return g_strdup (bench_group_get_label (group));
  for (guint i = 0; i < groups->len; i++)
    {
      BenchGroup *other = g_ptr_array_index (groups, i);
      if (other != group && g_str_equal (bench_result_get_source (bench_group_get_first (other)), source))
        return g_strdup (bench_group_get_label (group));
    }
  return dot != NULL && dot != source ? g_strndup (source, dot - source) : g_strdup (source);
}

BenchCompareDialog *
bench_compare_dialog_new (GtkWindow *parent,
                          GPtrArray *groups)
{
  BenchCompareDialog *self;
  g_autoptr (GtkStringList) sides_list = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) varying = NULL;

  g_return_val_if_fail (groups != NULL && groups->len >= 1, NULL);

  self = g_object_new (BENCH_TYPE_COMPARE_DIALOG, "transient-for", parent, NULL);
  self->group_sides = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->group_names = g_ptr_array_new_with_free_func (g_free);
  self->all_results = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < groups->len; i++)
    {
      BenchGroup *group = g_ptr_array_index (groups, i);
      GPtrArray *results = bench_group_get_results (group);

      g_ptr_array_add (self->group_sides, g_ptr_array_ref (results));
      g_ptr_array_extend (self->all_results, results, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
    }
  /* the rows are named by what differs between them ("ROCm · fa 1"),
   * else by their files or labels, shortened: "strix-halo.default-hip",
   * "strix-halo.tile" → "default-hip", "tile" */
  {
    g_auto (GStrv) by_settings = bench_compare_name_sides ((GPtrArray **) self->group_sides->pdata,
                                                           self->group_sides->len);

    for (guint i = 0; i < groups->len; i++)
      g_ptr_array_add (self->group_names,
                       by_settings != NULL ? g_strdup (by_settings[i])
                                           : side_name (g_ptr_array_index (groups, i), groups));
    if (by_settings == NULL)
      bench_compare_shorten_names ((char **) self->group_names->pdata, self->group_names->len);
    bench_compare_make_distinct ((char **) self->group_names->pdata, self->group_names->len);
  }

  /* the sides menu: the selected rows, then each setting that varies */
  self->split_fields = g_ptr_array_new ();
  gtk_string_list_append (sides_list, _("The selected rows"));
  varying = bench_results_find_varying ((BenchResult **) self->all_results->pdata, self->all_results->len);
  for (guint i = 0; i < varying->len; i++)
    {
      const char *field = g_ptr_array_index (varying, i);

      g_autofree char *label = NULL;
      g_autofree char *text = NULL;

      /* settings a person may want to compare across; the menu keeps the
       * registry's names, nothing from the file */
      if (!bench_field_name_has_role (field, BENCH_FIELD_ROLE_SPLIT))
        continue;
      g_ptr_array_add (self->split_fields, (gpointer) bench_field_lookup (field)->name);
      label = bench_field_dup_label (field);
      /* Translators: an entry of the compare window's Sides menu, "Each value of Flash attention" */
      text = g_strdup_printf (_("Each value of %s"), label);
      gtk_string_list_append (sides_list, text);
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->sides_dropdown, G_LIST_MODEL (sides_list));
  self->updating = FALSE;

  /* one run compares within itself, by the first setting it sweeps */
  if (groups->len == 1 && self->split_fields->len > 0)
    bench_compare_dialog_split_by (self, g_ptr_array_index (self->split_fields, 0));
  else
    set_sides (self, self->group_sides, self->group_names);
  return self;
}

gboolean
bench_compare_dialog_can_split (GPtrArray *results)
{
  g_autoptr (GPtrArray) varying = bench_results_find_varying ((BenchResult **) results->pdata, results->len);

  for (guint i = 0; i < varying->len; i++)
    if (bench_field_name_has_role (g_ptr_array_index (varying, i), BENCH_FIELD_ROLE_SPLIT))
      return TRUE;
  return FALSE;
}

BenchComparison *
bench_compare_dialog_get_comparison (BenchCompareDialog *self)
{
  g_return_val_if_fail (BENCH_IS_COMPARE_DIALOG (self), NULL);
  return self->comparison;
}

GListModel *
bench_compare_dialog_get_rows (BenchCompareDialog *self)
{
  g_return_val_if_fail (BENCH_IS_COMPARE_DIALOG (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkWidget *
bench_compare_dialog_get_chart (BenchCompareDialog *self)
{
  g_return_val_if_fail (BENCH_IS_COMPARE_DIALOG (self), NULL);
  return self->chart;
}
