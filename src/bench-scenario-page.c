/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-scenario-page.c — the Scenario view.
 *
 * The numbers and requirements are read from the fields on every change;
 * candidates are rebuilt when the results change (once, when the view is
 * next shown); predictions are cheap and redone on every change.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-chart-view.h"
#include "bench-export-dialog.h"
#include "bench-file-chooser.h"
#include "bench-gguf.h"
#include "bench-page-layout.h"
#include "bench-scenario-chart.h"
#include "bench-scenario-page.h"

/* —— one row of the table ——————————————————————————————————————— */

#define BENCH_TYPE_SCENARIO_ITEM (bench_scenario_item_get_type ())
G_DECLARE_FINAL_TYPE (BenchScenarioItem, bench_scenario_item, BENCH, SCENARIO_ITEM, GObject)

struct _BenchScenarioItem
{
  GObject                  parent_instance;
  BenchScenarioPrediction *prediction;   /* owned by the page's ranking */
  guint                    rank;
};

G_DEFINE_FINAL_TYPE (BenchScenarioItem, bench_scenario_item, G_TYPE_OBJECT)

static void bench_scenario_item_class_init (BenchScenarioItemClass *klass) { }
static void bench_scenario_item_init (BenchScenarioItem *self) { }

/* —— the page ——————————————————————————————————————————————— */

enum { F_PROMPT, F_ANSWER, F_DEPTH, F_CONTEXT, F_MIN_TG, F_MAX_TTFT, F_MEMORY, F_GPU_MEMORY, N_FIELDS };

static const struct
{
  const char *name;
  const char *label;
  double      max;
  int         digits;
  gboolean    workload;
} fields[N_FIELDS] = {
  { "prompt", N_("_Prompt tokens"), 10000000, 0, TRUE },
  { "answer", N_("_Answer tokens"), 10000000, 0, TRUE },
  { "depth", N_("Already in _context"), 10000000, 0, TRUE },
  { "context", N_("Context to _fit"), 10000000, 0, TRUE },
  { "min-tg", N_("_Min. generation t/s"), 100000, 1, FALSE },
  { "max-ttft", N_("Max. first _token s"), 100000, 1, FALSE },
  { "memory", N_("M_emory GB"), 100000, 1, FALSE },
  { "gpu-memory", N_("_GPU memory GB"), 100000, 1, FALSE },
};

static const struct { gint64 prompt, answer, depth, context; } presets[] = {
  [BENCH_SCENARIO_PRESET_CHAT] = { 1000, 400, 0, 8192 },
  [BENCH_SCENARIO_PRESET_CODING_AGENT] = { 20000, 1000, 0, 65536 },
  [BENCH_SCENARIO_PRESET_LONG_DOCUMENT] = { 50000, 800, 0, 50800 },
};

struct _BenchScenarioPage
{
  GtkWidget        parent_instance;

  BenchDataset    *dataset;
  GSettings       *settings;
  GPtrArray       *candidates;     /* BenchScenarioCandidate */
  GPtrArray       *ranked;         /* BenchScenarioPrediction */
  GListStore      *rows;           /* BenchScenarioItem */
  GtkStringList   *machine_names;
  GPtrArray       *machine_keys;   /* char *, "" for every machine */
  double           general_memory;
  gboolean         applying;       /* fields are being set by code */
  gboolean         stale;          /* the results changed */
  BenchChartSpec  *spec;

  GtkWidget       *paned;
  GtkFlowBox      *workload_box;
  GtkFlowBox      *requirements_box;
  GtkDropDown     *preset;
  GtkDropDown     *machine;
  GtkWidget       *chart_box;
  GtkWidget       *chart;
  GtkLabel        *summary;
  GtkColumnView   *table;
  GtkSpinButton   *fields[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (BenchScenarioPage, bench_scenario_page, GTK_TYPE_WIDGET)

double
bench_scenario_system_memory_gb (void)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/meminfo", &text, NULL, NULL))
    return NAN;
  line = strstr (text, "MemTotal:");
  if (line == NULL)
    return NAN;
  /* kB */
  return round (g_ascii_strtod (line + strlen ("MemTotal:"), NULL) * 1024 / 1e9 * 10) / 10;
}

static double
field_value (BenchScenarioPage *self,
             int                field)
{
  return gtk_spin_button_get_value (self->fields[field]);
}

static const char *
selected_machine (BenchScenarioPage *self)
{
  guint i = gtk_drop_down_get_selected (self->machine);

  if (i == GTK_INVALID_LIST_POSITION || i >= self->machine_keys->len)
    return "";
  return g_ptr_array_index (self->machine_keys, i);
}

/* —— budgets per machine, kept in GSettings as a{sd} —— */

static GHashTable *
machine_budgets (BenchScenarioPage *self)
{
  GHashTable *budgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GVariant) dict = NULL;
  GVariantIter iter;
  const char *key;
  double value;

  if (self->settings == NULL)
    return budgets;
  dict = g_settings_get_value (self->settings, "machine-memory");
  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&sd}", &key, &value))
    g_hash_table_insert (budgets, g_strdup (key), g_memdup2 (&value, sizeof value));
  return budgets;
}

static void
store_machine_budget (BenchScenarioPage *self,
                      const char        *key,
                      double             value)
{
  g_autoptr (GHashTable) budgets = machine_budgets (self);
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer k, v;

  if (self->settings == NULL)
    return;
  g_hash_table_insert (budgets, g_strdup (key), g_memdup2 (&value, sizeof value));
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  g_hash_table_iter_init (&iter, budgets);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_variant_builder_add (&builder, "{sd}", k, *(double *) v);
  g_settings_set_value (self->settings, "machine-memory", g_variant_builder_end (&builder));
}

/* —— predictions —— */

static void
update_summary (BenchScenarioPage *self)
{
  guint n_meet = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->ranked->len; i++)
    if (((BenchScenarioPrediction *) g_ptr_array_index (self->ranked, i))->meets == BENCH_SCENARIO_YES)
      n_meet++;
  if (self->ranked->len == 0)
    text = g_strdup (_("Open llama-bench results to see which model, machine and settings suit "
                       "this workload."));
  else if (n_meet > 0)
    {
      BenchScenarioPrediction *best = g_ptr_array_index (self->ranked, 0);
      /* Translators: "2 of 7 meet the requirements; the quickest: MODEL, 41.2 s per reply" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u of %u meets the requirements; the quickest: %s, %.1f s per reply",
                                           "%u of %u meet the requirements; the quickest: %s, %.1f s per reply",
                                           n_meet),
                              n_meet, self->ranked->len,
                              bench_scenario_candidate_get_label (best->candidate), best->total_s);
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "None of %u meets the requirements",
                                         "None of %u meet the requirements", self->ranked->len),
                            self->ranked->len);
  gtk_label_set_text (self->summary, text);
}

static void
recompute (BenchScenarioPage *self)
{
  BenchWorkload workload = {
    .prompt = (gint64) field_value (self, F_PROMPT),
    .answer = (gint64) field_value (self, F_ANSWER),
    .depth = (gint64) field_value (self, F_DEPTH),
    .context = (gint64) field_value (self, F_CONTEXT),
  };
  BenchRequirements requirements;
  g_autoptr (GHashTable) budgets = machine_budgets (self);
  g_autoptr (GPtrArray) old = NULL;
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  bench_requirements_init (&requirements);
  if (field_value (self, F_MIN_TG) > 0)
    requirements.min_gen_ts = field_value (self, F_MIN_TG);
  if (field_value (self, F_MAX_TTFT) > 0)
    requirements.max_ttft_s = field_value (self, F_MAX_TTFT);
  if (self->general_memory > 0)
    requirements.memory_gb = self->general_memory;
  if (field_value (self, F_GPU_MEMORY) > 0)
    requirements.gpu_memory_gb = field_value (self, F_GPU_MEMORY);
  requirements.machine_memory_gb = budgets;

  old = g_steal_pointer (&self->ranked);
  self->ranked = bench_scenario_rank (self->candidates, &workload, &requirements);
  for (guint i = 0; i < self->ranked->len; i++)
    {
      BenchScenarioItem *item = g_object_new (BENCH_TYPE_SCENARIO_ITEM, NULL);
      item->prediction = g_ptr_array_index (self->ranked, i);
      item->rank = i + 1;
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);

  g_clear_pointer (&self->spec, bench_chart_spec_unref);
  self->spec = bench_scenario_chart_spec_new (self->ranked, &workload, &requirements);
  bench_chart_view_set_spec (BENCH_CHART_VIEW (self->chart), self->spec);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.export", self->ranked->len > 0);
  update_summary (self);
}

static void
update_machines (BenchScenarioPage *self)
{
  g_autofree char *previous = g_strdup (selected_machine (self));
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint select = 0;

  self->applying = TRUE;
  g_ptr_array_set_size (self->machine_keys, 0);
  gtk_string_list_splice (self->machine_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->machine_names)), NULL);
  gtk_string_list_append (self->machine_names, _("Every machine"));
  g_ptr_array_add (self->machine_keys, g_strdup (""));
  g_autoptr (GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) machines = g_ptr_array_new ();

  for (guint i = 0; i < self->candidates->len; i++)
    {
      BenchResult *r = bench_scenario_candidate_get_example (g_ptr_array_index (self->candidates, i));
      const char *label = bench_result_get_hardware_label (r);

      if (!g_hash_table_add (seen, (gpointer) bench_result_get_hardware_key (r)))
        continue;
      g_ptr_array_add (machines, r);
      /* counts machines per label */
      g_hash_table_insert (labels, (gpointer) label,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (labels, label)) + 1));
    }
  for (guint i = 0; i < machines->len; i++)
    {
      BenchResult *r = g_ptr_array_index (machines, i);
      const char *key = bench_result_get_hardware_key (r);
      const char *label = bench_result_get_hardware_label (r);
      /* two machines that read alike: their processors tell them apart */
      g_autofree char *name = GPOINTER_TO_UINT (g_hash_table_lookup (labels, label)) > 1
                              ? g_strdup_printf ("%s · %s", label, bench_result_get_cpu_info (r))
                              : g_strdup (label);

      if (g_strcmp0 (key, previous) == 0)
        select = self->machine_keys->len;
      gtk_string_list_append (self->machine_names, name);
      g_ptr_array_add (self->machine_keys, g_strdup (key));
    }
  gtk_drop_down_set_selected (self->machine, select);
  self->applying = FALSE;
}

static void
refresh_candidates (BenchScenarioPage *self)
{
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) old = g_steal_pointer (&self->candidates);
  GListModel *model = G_LIST_MODEL (self->dataset);
  g_autoptr (GPtrArray) old_ranked = NULL;

  self->stale = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (results, g_list_model_get_item (model, i));
  self->candidates = bench_scenario_candidates_new (results);
  update_machines (self);
  /* the old predictions point at the old candidates: replace them first */
  recompute (self);
}

static void
on_results_changed (BenchScenarioPage *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_candidates (self);
}

static void
bench_scenario_page_map (GtkWidget *widget)
{
  BenchScenarioPage *self = BENCH_SCENARIO_PAGE (widget);

  GTK_WIDGET_CLASS (bench_scenario_page_parent_class)->map (widget);
  if (self->stale)
    refresh_candidates (self);
}

/* —— fields —— */

static void
on_field_changed (BenchScenarioPage *self,
                  GtkSpinButton     *spin)
{
  if (self->applying)
    return;
  if (spin == self->fields[F_MEMORY])
    {
      const char *machine = selected_machine (self);
      if (*machine != '\0')
        store_machine_budget (self, machine, gtk_spin_button_get_value (spin));
      else
        self->general_memory = gtk_spin_button_get_value (spin);
    }
  for (int i = F_PROMPT; i <= F_CONTEXT; i++)
    if (spin == self->fields[i])
      {
        self->applying = TRUE;
        gtk_drop_down_set_selected (self->preset, BENCH_SCENARIO_PRESET_CUSTOM);
        self->applying = FALSE;
      }
  recompute (self);
}

static void
on_machine_changed (BenchScenarioPage *self)
{
  g_autoptr (GHashTable) budgets = NULL;
  const char *machine;
  double *budget;

  if (self->applying)
    return;
  machine = selected_machine (self);
  budgets = machine_budgets (self);
  budget = *machine ? g_hash_table_lookup (budgets, machine) : NULL;
  self->applying = TRUE;
  gtk_spin_button_set_value (self->fields[F_MEMORY], budget ? *budget : self->general_memory);
  self->applying = FALSE;
}

void
bench_scenario_page_set_preset (BenchScenarioPage   *self,
                                BenchScenarioPreset  preset)
{
  g_return_if_fail (BENCH_IS_SCENARIO_PAGE (self));

  if (gtk_drop_down_get_selected (self->preset) != preset)
    {
      gtk_drop_down_set_selected (self->preset, preset);   /* comes back here */
      return;
    }
  if (preset == BENCH_SCENARIO_PRESET_CUSTOM)
    return;
  self->applying = TRUE;
  gtk_spin_button_set_value (self->fields[F_PROMPT], presets[preset].prompt);
  gtk_spin_button_set_value (self->fields[F_ANSWER], presets[preset].answer);
  gtk_spin_button_set_value (self->fields[F_DEPTH], presets[preset].depth);
  gtk_spin_button_set_value (self->fields[F_CONTEXT], presets[preset].context);
  self->applying = FALSE;
  recompute (self);
}

static void
on_preset_changed (BenchScenarioPage *self)
{
  if (self->applying)
    return;
  bench_scenario_page_set_preset (self, gtk_drop_down_get_selected (self->preset));
}

static GtkSpinButton *
add_field (BenchScenarioPage *self,
           GtkFlowBox        *box,
           int                field)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new_with_mnemonic (_(fields[field].label));
  GtkWidget *spin = gtk_spin_button_new_with_range (0, fields[field].max,
                                                    fields[field].digits ? 1 : 100);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), fields[field].digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 8);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_name (spin, fields[field].name);
  gtk_box_append (GTK_BOX (column), label);
  gtk_box_append (GTK_BOX (column), spin);
  gtk_flow_box_append (box, column);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_field_changed), self);
  return GTK_SPIN_BUTTON (spin);
}

GtkSpinButton *
bench_scenario_page_get_field (BenchScenarioPage *self,
                               const char        *name)
{
  for (int i = 0; i < N_FIELDS; i++)
    if (strcmp (fields[i].name, name) == 0)
      return self->fields[i];
  return NULL;
}

/* —— the table —— */

enum
{
  COL_RANK, COL_CANDIDATE, COL_TTFT, COL_GEN, COL_TOTAL, COL_MEMORY, COL_FITS, COL_MEETS,
  COL_WHY, COL_COMMAND, N_COLUMNS
};

static const char * const column_titles[N_COLUMNS] = {
  "#", N_("Candidate"), N_("First Token"), N_("Generation"), N_("Total"), N_("Memory"),
  N_("Fits"), N_("Meets"), N_("Why"), N_("Measure"),
};

static char *
seconds_text (double value,
              double sd,
              gboolean extrapolated)
{
  if (!isfinite (value))
    return g_strdup ("—");
  /* Translators: a time in seconds with its deviation: "41.2 ± 0.3 s"; * marks an extrapolation */
  return g_strdup_printf (_("%.1f ± %.1f s%s"), value, isfinite (sd) ? sd : 0, extrapolated ? " *" : "");
}

static char *
cell_text (BenchScenarioItem *item,
           int                column)
{
  BenchScenarioPrediction *p = item->prediction;

  switch (column)
    {
    case COL_RANK:
      return g_strdup_printf ("%u", item->rank);
    case COL_CANDIDATE:
      return g_strdup (bench_scenario_candidate_get_label (p->candidate));
    case COL_TTFT:
      return seconds_text (p->ttft_s, p->ttft_sd_s, FALSE);
    case COL_GEN:
      if (!isfinite (p->gen_ts))
        return g_strdup ("—");
      if (isfinite (p->end_gen_ts))
        {
          g_autofree char *at = bench_scenario_format_tokens (p->context);
          /* Translators: the speed over the answer and at the end of the
           * context that must fit: "55.8 ± 0.9 t/s, 49.0 at 64k" */
          return g_strdup_printf (_("%.1f ± %.1f t/s, %.1f at %s"), p->gen_ts, p->gen_sd_ts,
                                  p->end_gen_ts, at);
        }
      /* Translators: a generation speed with its deviation */
      return g_strdup_printf (_("%.1f ± %.1f t/s"), p->gen_ts, p->gen_sd_ts);
    case COL_TOTAL:
      return seconds_text (p->total_s, p->total_sd_s, p->extrapolated);
    case COL_MEMORY:
      if (!isfinite (p->memory_gb))
        return g_strdup ("?");
      return g_strdup_printf (_("%.1f GB"), p->memory_gb);
    case COL_FITS:
      return g_strdup (bench_scenario_answer_to_string (p->fits));
    case COL_MEETS:
      return g_strdup (bench_scenario_answer_to_string (p->meets));
    case COL_WHY:
      return g_strdup (p->reason);
    default:
      return g_strdup ("");
    }
}

static void
on_copy_clicked (GtkButton *button)
{
  const char *command = g_object_get_data (G_OBJECT (button), "command");

  if (command != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), command);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  data)
{
  int column = GPOINTER_TO_INT (data);

  if (column == COL_COMMAND)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Copy the llama-bench command that measures this workload"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Copy the llama-bench command"), -1);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      g_signal_connect (button, "clicked", G_CALLBACK (on_copy_clicked), NULL);
      gtk_list_item_set_child (list_item, button);
    }
  else
    {
      GtkWidget *label = gtk_label_new (NULL);
      gboolean numeric = column == COL_RANK || column == COL_TTFT || column == COL_GEN ||
                         column == COL_TOTAL || column == COL_MEMORY;

      gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
      if (numeric)
        gtk_widget_add_css_class (label, "numeric");
      if (column == COL_WHY || column == COL_CANDIDATE)
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_width_chars (GTK_LABEL (label), column == COL_WHY ? 30 : 24);
          gtk_label_set_max_width_chars (GTK_LABEL (label), column == COL_WHY ? 60 : 40);
        }
      gtk_list_item_set_child (list_item, label);
    }
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  data)
{
  int column = GPOINTER_TO_INT (data);
  BenchScenarioItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (column == COL_COMMAND)
    {
      const char *command = item->prediction->command;
      g_object_set_data_full (G_OBJECT (child), "command", g_strdup (command), g_free);
      gtk_widget_set_visible (child, command != NULL);
    }
  else
    {
      g_autofree char *text = cell_text (item, column);
      gtk_label_set_text (GTK_LABEL (child), text);
    }
}

static void
build_columns (BenchScenarioPage *self)
{
  for (int i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (i == COL_RANK ? column_titles[i] : _(column_titles[i]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (i == COL_WHY)
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->table, column);
      g_object_unref (column);
    }
}

/* —— model files —— */

gboolean
bench_scenario_page_add_model_files (BenchScenarioPage  *self,
                                     GFile             **files,
                                     guint               n_files,
                                     GError            **error)
{
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      g_autoptr (BenchGgufInfo) info = NULL;

      if (path == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("Model files must be on this machine"));
          return FALSE;
        }
      info = bench_gguf_info_read_file (path, error);
      if (info == NULL)
        return FALSE;
      bench_gguf_register (path, info);
    }
  if (self->candidates != NULL)
    recompute (self);
  return TRUE;
}

static void
on_model_files_chosen (GObject   *owner,
                       GPtrArray *files)
{
  BenchScenarioPage *self = BENCH_SCENARIO_PAGE (owner);
  g_autoptr (GError) error = NULL;

  if (!bench_scenario_page_add_model_files (self, (GFile **) files->pdata, files->len, &error))
    gtk_label_set_text (self->summary, error->message);
}

static void
on_open_model_clicked (BenchScenarioPage *self)
{
  g_autoptr (GtkFileFilter) models = gtk_file_filter_new ();
  GtkFileFilter *filters[] = { models };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_file_filter_set_name (models, _("GGUF model files"));
  gtk_file_filter_add_pattern (models, "*.gguf");
  bench_file_chooser_open (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                           _("Open Model Files"), filters, G_N_ELEMENTS (filters),
                           G_OBJECT (self), on_model_files_chosen);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BenchScenarioPage *self = BENCH_SCENARIO_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->spec != NULL && GTK_IS_WINDOW (root))
    bench_export_dialog_present (GTK_WINDOW (root), self->spec);
}

/* —— life —— */

GPtrArray *
bench_scenario_page_get_ranked (BenchScenarioPage *self)
{
  return self->ranked;
}

GtkDropDown *
bench_scenario_page_get_machine_chooser (BenchScenarioPage *self)
{
  return self->machine;
}

GtkWidget *
bench_scenario_page_get_chart (BenchScenarioPage *self)
{
  return self->chart;
}

const char *
bench_scenario_page_get_summary (BenchScenarioPage *self)
{
  return gtk_label_get_text (self->summary);
}

static void
bench_scenario_page_dispose (GObject *object)
{
  BenchScenarioPage *self = BENCH_SCENARIO_PAGE (object);

  if (self->dataset != NULL)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BENCH_TYPE_SCENARIO_PAGE);
  g_clear_object (&self->dataset);
  g_clear_object (&self->settings);
  /* the rows point at the predictions, the predictions at the candidates */
  g_clear_object (&self->rows);
  g_clear_pointer (&self->ranked, g_ptr_array_unref);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->machine_keys, g_ptr_array_unref);
  g_clear_pointer (&self->spec, bench_chart_spec_unref);

  G_OBJECT_CLASS (bench_scenario_page_parent_class)->dispose (object);
}

static void
bench_scenario_page_class_init (BenchScenarioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bench_scenario_page_dispose;
  widget_class->map = bench_scenario_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/benchtop/Benchtop/bench-scenario-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BenchScenarioPage, paned);
  gtk_widget_class_bind_template_child (widget_class, BenchScenarioPage, workload_box);
  gtk_widget_class_bind_template_child (widget_class, BenchScenarioPage, requirements_box);
  gtk_widget_class_bind_template_child (widget_class, BenchScenarioPage, preset);
  gtk_widget_class_bind_template_child (widget_class, BenchScenarioPage, machine);
  gtk_widget_class_bind_template_child (widget_class, BenchScenarioPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, BenchScenarioPage, summary);
  gtk_widget_class_bind_template_child (widget_class, BenchScenarioPage, table);
  gtk_widget_class_bind_template_callback (widget_class, on_open_model_clicked);
  gtk_widget_class_install_action (widget_class, "scenario.export", NULL, export_action);
  gtk_widget_class_set_layout_manager_type (widget_class, BENCH_TYPE_PAGE_LAYOUT);
}

static void
bench_scenario_page_init (BenchScenarioPage *self)
{
  double ram;

  g_type_ensure (BENCH_TYPE_CHART_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_scenario_candidate_free);
  self->ranked = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_scenario_prediction_free);
  self->rows = g_list_store_new (BENCH_TYPE_SCENARIO_ITEM);
  self->machine_keys = g_ptr_array_new_with_free_func (g_free);
  self->machine_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->machine, G_LIST_MODEL (self->machine_names));
  g_object_unref (self->machine_names);   /* the drop-down holds it */

  self->applying = TRUE;
  for (int i = 0; i < N_FIELDS; i++)
    self->fields[i] = add_field (self, fields[i].workload ? self->workload_box : self->requirements_box, i);
  ram = bench_scenario_system_memory_gb ();
  self->general_memory = isfinite (ram) ? ram : 0;
  gtk_spin_button_set_value (self->fields[F_MEMORY], self->general_memory);
  self->applying = FALSE;

  self->chart = bench_chart_view_new ();
  gtk_widget_set_hexpand (self->chart, TRUE);
  gtk_widget_set_vexpand (self->chart, TRUE);
  gtk_box_append (GTK_BOX (self->chart_box), self->chart);

  build_columns (self);
  gtk_column_view_set_model (self->table,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)))));
  g_object_unref (gtk_column_view_get_model (self->table));   /* the view holds it */

  g_signal_connect_swapped (self->preset, "notify::selected", G_CALLBACK (on_preset_changed), self);
  g_signal_connect_swapped (self->machine, "notify::selected", G_CALLBACK (on_machine_changed), self);
}

GtkWidget *
bench_scenario_page_new (BenchDataset *dataset,
                         GSettings    *settings)
{
  BenchScenarioPage *self = g_object_new (BENCH_TYPE_SCENARIO_PAGE, NULL);

  self->dataset = g_object_ref (dataset);
  self->settings = settings ? g_object_ref (settings) : NULL;
  g_signal_connect_swapped (dataset, "items-changed", G_CALLBACK (on_results_changed), self);
  self->stale = TRUE;
  bench_scenario_page_set_preset (self, BENCH_SCENARIO_PRESET_CODING_AGENT);
  return GTK_WIDGET (self);
}
