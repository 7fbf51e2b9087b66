/* bench-window.c — the main window.
 *
 * Results come in by the Open dialog, drops, paste, the command line and the
 * files remembered from last time; all of them go through one queue that
 * reads on a worker thread (bench-loader.h), shows progress with a Cancel
 * button, and reports problems as toasts naming file and position.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "bench-efficiency.h"
#include "bench-file-chooser.h"
#include "bench-loader.h"
#include "bench-scenario-page.h"
#include "bench-units.h"
#include "bench-window.h"

#define MAX_ERROR_TOASTS 3
#define RELOAD_DELAY_MS 400

struct _BenchWindow
{
  AdwApplicationWindow  parent_instance;

  BenchDataset         *dataset;
  GSettings            *settings;
  GCancellable         *load_cancellable;
  GQueue                pending;          /* LoadRequest */
  GHashTable           *monitors;         /* GFile → GFileMonitor */
  GHashTable           *reloads;          /* GFile → timeout id */
  GtkWidget            *pages[3];
  GtkWidget            *scenario_page;

  GtkWidget            *main_box;
  AdwViewSwitcherTitle *switcher_title;
  GtkRevealer          *load_revealer;
  GtkLabel             *load_label;
  GtkProgressBar       *load_progress;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  GtkListBox           *sources_list;
  GtkWidget            *sources_button;
  GtkWidget            *export_button;
  GtkWidget            *recent_label;
  GtkListBox           *recent_list;
};

/* how many recent files the empty window offers */
#define MAX_RECENT 5

G_DEFINE_FINAL_TYPE (BenchWindow, bench_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  GPtrArray *files;     /* GFile, or NULL for text */
  GBytes    *text;
  gboolean   quiet;     /* a reload of a changed file */
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_clear_pointer (&request->files, g_ptr_array_unref);
  g_clear_pointer (&request->text, g_bytes_unref);
  g_free (request);
}

static void start_next_load (BenchWindow *self);

/* —— feedback ——————————————————————————————————————————————— */

static void
toast (BenchWindow *self,
       const char  *message,
       guint        timeout)
{
  /* messages can quote the input: keep them as long as a few lines */
  g_autofree char *shown = bench_text_ellipsize_for_display (message, BENCH_TOOLTIP_MAX_CHARS / 2);
  AdwToast *t = adw_toast_new (shown);

  adw_toast_set_timeout (t, timeout);
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
report_source (BenchWindow *self,
               BenchSource *source)
{
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);
  guint skipped = bench_source_get_skipped (source);
  g_autofree char *first = NULL;
  g_autofree char *message = NULL;

  if (skipped == 0)
    return;
  /* Records were lost: say how many and where the first problem is. Skipped
   * log lines alone are not worth a toast. */
  first = diagnostics->len ? bench_diagnostic_format (g_ptr_array_index (diagnostics, 0),
                                                      bench_source_get_name (source))
                           : g_strdup (bench_source_get_name (source));
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u record skipped — %s",
                                          "%u records skipped — %s", skipped),
                             skipped, first);
  toast (self, message, 8);
}

/* —— sources ——————————————————————————————————————————————— */

static void
stop_monitoring (BenchWindow *self,
                 GFile       *file)
{
  if (file == NULL)
    return;
  g_hash_table_remove (self->monitors, file);
  g_hash_table_remove (self->reloads, file);
}

static gboolean
reload_file (gpointer user_data)
{
  GFile *file = user_data;
  BenchWindow *self = g_object_get_data (G_OBJECT (file), "bench-window");
  LoadRequest *request = g_new0 (LoadRequest, 1);

  g_hash_table_steal (self->reloads, file);
  request->files = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (request->files, g_object_ref (file));
  request->quiet = TRUE;
  g_queue_push_tail (&self->pending, request);
  start_next_load (self);
  return G_SOURCE_REMOVE;
}

/* A file llama-bench is still writing changes many times a second: reload
 * once it has been quiet for a moment. */
static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 BenchWindow       *self)
{
  GFile *watched = g_object_get_data (G_OBJECT (monitor), "bench-file");
  guint id;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CHANGED &&
      event != G_FILE_MONITOR_EVENT_CREATED)
    return;
  g_hash_table_remove (self->reloads, watched);
  g_object_set_data (G_OBJECT (watched), "bench-window", self);
  id = g_timeout_add_full (G_PRIORITY_DEFAULT, RELOAD_DELAY_MS, reload_file,
                           g_object_ref (watched), g_object_unref);
  g_hash_table_insert (self->reloads, g_object_ref (watched), GUINT_TO_POINTER (id));
}

static void
monitor_file (BenchWindow *self,
              GFile       *file)
{
  g_autoptr (GFileMonitor) monitor = NULL;

  if (file == NULL || g_hash_table_contains (self->monitors, file) || !g_file_is_native (file))
    return;
  monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (monitor == NULL)
    return;
  g_object_set_data_full (G_OBJECT (monitor), "bench-file", g_object_ref (file), g_object_unref);
  g_signal_connect (monitor, "changed", G_CALLBACK (on_file_changed), self);
  g_hash_table_insert (self->monitors, g_object_ref (file), g_steal_pointer (&monitor));
}

static void
on_remove_source (GtkButton   *button,
                  BenchWindow *self)
{
  BenchSource *source = g_object_get_data (G_OBJECT (button), "bench-source");

  stop_monitoring (self, bench_source_get_file (source));
  bench_dataset_remove_source (self->dataset, source);
}

static GtkWidget *
create_source_row (gpointer item,
                   gpointer user_data)
{
  BenchWindow *self = user_data;
  BenchSource *source = item;
  guint n = bench_source_get_n_results (source);
  guint skipped = bench_source_get_skipped (source);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = NULL;
  g_autofree char *results = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result",
                                                           "%u results", n), n);

  if (skipped > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s · %s · %u skipped",
                                             "%s · %s · %u skipped", skipped),
                                bench_format_to_string (bench_source_get_format (source)),
                                results, skipped);
  else
    subtitle = g_strdup_printf ("%s · %s",
                                bench_format_to_string (bench_source_get_format (source)),
                                results);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bench_source_get_name (source));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (bench_source_get_file (source) != NULL)
    {
      g_autofree char *path = g_file_get_parse_name (bench_source_get_file (source));
      gtk_widget_set_tooltip_text (row, path);
    }
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove"), -1);
  g_object_set_data_full (G_OBJECT (remove), "bench-source", g_object_ref (source), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_source), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
update_state (BenchWindow *self)
{
  gboolean empty = bench_dataset_get_n_results (self->dataset) == 0;
  guint n_sources = g_list_model_get_n_items (bench_dataset_get_sources (self->dataset));

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "content");
  gtk_widget_set_sensitive (self->sources_button, n_sources > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-all", n_sources > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", !empty);
}

static void
on_dataset_changed (GListModel  *model,
                    guint        position,
                    guint        removed,
                    guint        added,
                    BenchWindow *self)
{
  update_state (self);
}

/* —— loading ——————————————————————————————————————————————— */

static void
on_load_progress (double      fraction,
                  const char *current,
                  gpointer    user_data)
{
  BenchWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->load_progress, fraction);
  if (current != NULL)
    {
      /* Translators: shown while a file is read */
      g_autofree char *text = g_strdup_printf (_("Reading %s"), current);
      gtk_label_set_text (self->load_label, text);
    }
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (BenchWindow) self = user_data;
  g_autoptr (GPtrArray) failures = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sources = bench_load_finish (result, &failures, &error);
  LoadRequest *request = g_queue_pop_head (&self->pending);
  GtkRecentManager *recent = gtk_recent_manager_get_default ();

  g_clear_object (&self->load_cancellable);
  gtk_revealer_set_reveal_child (self->load_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);

  if (sources == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message, 0);
    }
  else
    {
      for (guint i = 0; i < sources->len; i++)
        {
          BenchSource *source = g_ptr_array_index (sources, i);
          GFile *file = bench_source_get_file (source);

          bench_dataset_add_source (self->dataset, source);
          if (!request->quiet)
            report_source (self, source);
          if (file != NULL)
            {
              g_autofree char *uri = g_file_get_uri (file);
              monitor_file (self, file);
              if (!request->quiet)
                gtk_recent_manager_add_item (recent, uri);
            }
        }
      for (guint i = 0; i < failures->len && i < MAX_ERROR_TOASTS; i++)
        toast (self, ((GError *) g_ptr_array_index (failures, i))->message, 0);
      if (failures->len > MAX_ERROR_TOASTS)
        {
          g_autofree char *more = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%u more file could not be read",
                         "%u more files could not be read", failures->len - MAX_ERROR_TOASTS),
            failures->len - MAX_ERROR_TOASTS);
          toast (self, more, 0);
        }
    }

  load_request_free (request);
  start_next_load (self);
}

static void
start_next_load (BenchWindow *self)
{
  LoadRequest *request;

  if (self->load_cancellable != NULL || g_queue_is_empty (&self->pending))
    return;
  request = g_queue_peek_head (&self->pending);
  self->load_cancellable = g_cancellable_new ();

  gtk_progress_bar_set_fraction (self->load_progress, 0);
  gtk_label_set_text (self->load_label, _("Reading…"));
  /* a quiet reload of a growing file does not need a progress bar */
  gtk_revealer_set_reveal_child (self->load_revealer, !request->quiet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", TRUE);

  if (request->text != NULL)
    bench_load_bytes_async (request->text, _("Pasted results"), self->load_cancellable,
                            on_load_progress, self, NULL, on_loaded, g_object_ref (self));
  else
    bench_load_files_async ((GFile **) request->files->pdata, request->files->len,
                            self->load_cancellable, on_load_progress, self, NULL, on_loaded,
                            g_object_ref (self));
}

void
bench_window_load_files (BenchWindow  *self,
                         GFile       **files,
                         guint         n_files)
{
  LoadRequest *request;
  g_autoptr (GPtrArray) models = g_ptr_array_new ();
  g_autoptr (GPtrArray) others = g_ptr_array_new ();

  g_return_if_fail (BENCH_IS_WINDOW (self));
  /* model files (.gguf) tell the Scenario view their KV cache size */
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_file_get_basename (files[i]);
      g_ptr_array_add (name != NULL && g_str_has_suffix (name, ".gguf") ? models : others, files[i]);
    }
  if (models->len > 0)
    {
      g_autoptr (GError) error = NULL;

      if (!bench_scenario_page_add_model_files (BENCH_SCENARIO_PAGE (self->scenario_page),
                                                (GFile **) models->pdata, models->len, &error))
        toast (self, error->message, 5);
      else
        adw_view_stack_set_visible_child (self->view_stack, self->scenario_page);
    }
  if (others->len == 0)
    return;
  request = g_new0 (LoadRequest, 1);
  request->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < others->len; i++)
    g_ptr_array_add (request->files, g_object_ref (g_ptr_array_index (others, i)));
  g_queue_push_tail (&self->pending, request);
  start_next_load (self);
}

void
bench_window_load_text (BenchWindow *self,
                        const char  *text)
{
  LoadRequest *request;

  g_return_if_fail (BENCH_IS_WINDOW (self));
  if (text == NULL || *text == '\0')
    {
      toast (self, _("The clipboard holds no text to read results from"), 5);
      return;
    }
  request = g_new0 (LoadRequest, 1);
  request->text = g_bytes_new (text, strlen (text));
  g_queue_push_tail (&self->pending, request);
  start_next_load (self);
}

gboolean
bench_window_is_loading (BenchWindow *self)
{
  return self->load_cancellable != NULL || !g_queue_is_empty (&self->pending);
}

void
bench_window_restore_files (BenchWindow *self)
{
  g_auto (GStrv) uris = g_settings_get_strv (self->settings, "open-files");
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (bench_dataset_get_n_results (self->dataset) > 0 || bench_window_is_loading (self))
    return;
  for (guint i = 0; uris[i] != NULL; i++)
    {
      GFile *file = g_file_new_for_uri (uris[i]);
      if (g_file_query_exists (file, NULL))
        g_ptr_array_add (files, file);
      else
        g_object_unref (file);
    }
  bench_window_load_files (self, (GFile **) files->pdata, files->len);
}

/* —— actions ——————————————————————————————————————————————— */

static void
on_files_chosen (GObject   *owner,
                 GPtrArray *files)
{
  bench_window_load_files (BENCH_WINDOW (owner), (GFile **) files->pdata, files->len);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BenchWindow *self = BENCH_WINDOW (widget);
  g_autoptr (GtkFileFilter) results = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileFilter *filters[] = { results, all };
  static const char *patterns[] = { "*.json", "*.jsonl", "*.csv", "*.md", "*.sql",
                                     "*.sqlite", "*.db", "*.txt", "*.log" };

  gtk_file_filter_set_name (results, _("llama-bench results"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (results, patterns[i]);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  bench_file_chooser_open (GTK_WINDOW (self), _("Open llama-bench Results"), filters,
                           G_N_ELEMENTS (filters), G_OBJECT (self), on_files_chosen);
}

static void
on_clipboard_text (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (BenchWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (text == NULL && error != NULL)
    {
      toast (self, _("The clipboard holds no text to read results from"), 5);
      return;
    }
  bench_window_load_text (self, text);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  /* Ctrl+V in the search field pastes there, not here */
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  if (focus != NULL && GTK_IS_EDITABLE (focus))
    {
      gtk_widget_activate_action (focus, "clipboard.paste", NULL);
      return;
    }
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text,
                                 g_object_ref (widget));
}

static GFile *
examples_folder (void)
{
  GFile *installed = g_file_new_build_filename (PKGDATADIR, "examples", NULL);

  if (g_file_query_exists (installed, NULL))
    return installed;
  g_object_unref (installed);
  /* running from the build tree */
  return g_file_new_build_filename (SOURCE_DATADIR, "examples", NULL);
}

static void
open_examples_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autoptr (GFile) folder = examples_folder ();
  GFile *files[] = { folder };

  bench_window_load_files (BENCH_WINDOW (widget), files, 1);
}

static void
remove_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BenchWindow *self = BENCH_WINDOW (widget);

  g_hash_table_remove_all (self->monitors);
  g_hash_table_remove_all (self->reloads);
  bench_dataset_clear (self->dataset);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BenchWindow *self = BENCH_WINDOW (widget);

  g_cancellable_cancel (self->load_cancellable);
}

/* the visible view when it is one of the three group views, else NULL */
static BenchGroupPage *
visible_page (BenchWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);

  return BENCH_IS_GROUP_PAGE (child) ? BENCH_GROUP_PAGE (child) : NULL;
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BenchGroupPage *page = visible_page (BENCH_WINDOW (widget));

  if (page != NULL)
    bench_group_page_focus_search (page);
}

/* The user's peaks (GSettings) feed the core's table; every group and
 * chart follows. */
static void
apply_peaks (BenchWindow *self)
{
  g_autoptr (GVariant) peaks = g_settings_get_value (self->settings, "peak-bandwidth");
  GVariantIter iter;
  const char *key;
  double gbs;

  bench_peak_clear_user ();
  g_variant_iter_init (&iter, peaks);
  while (g_variant_iter_next (&iter, "{&sd}", &key, &gbs))
    bench_peak_set_user (key, gbs);

  for (guint kind = 0; kind < G_N_ELEMENTS (self->pages); kind++)
    {
      GListModel *groups = bench_dataset_get_groups (self->dataset, kind);
      for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
        {
          g_autoptr (BenchGroup) group = g_list_model_get_item (groups, i);
          bench_group_update_efficiency (group);
        }
      bench_group_page_invalidate_chart (BENCH_GROUP_PAGE (self->pages[kind]));
    }
}

/* win.set-peak (machine key, GB/s): 0 forgets the user's figure */
static void
set_peak_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BenchWindow *self = BENCH_WINDOW (widget);
  g_autoptr (GVariant) old = g_settings_get_value (self->settings, "peak-bandwidth");
  g_autoptr (GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{sd}"));
  GVariantIter iter;
  const char *key, *machine;
  double gbs, value;

  g_variant_get (parameter, "(&sd)", &machine, &value);
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&sd}", &key, &gbs))
    if (!g_str_equal (key, machine))
      g_variant_builder_add (builder, "{sd}", key, gbs);
  if (isfinite (value) && value > 0)
    g_variant_builder_add (builder, "{sd}", machine, value);
  g_settings_set_value (self->settings, "peak-bandwidth", g_variant_builder_end (builder));
}

/* The user's names of machines that files do not name (GSettings): every
 * table and chart shows them */
static void
apply_machine_names (BenchWindow *self)
{
  g_autoptr (GVariant) names = g_settings_get_value (self->settings, "machine-names");
  GVariantIter iter;
  const char *source, *name;

  bench_machine_names_clear ();
  g_variant_iter_init (&iter, names);
  while (g_variant_iter_next (&iter, "{&s&s}", &source, &name))
    bench_machine_names_set (source, name);
  for (guint kind = 0; kind < G_N_ELEMENTS (self->pages); kind++)
    bench_group_page_refresh (BENCH_GROUP_PAGE (self->pages[kind]));
}

/* win.rename-machine (source, name): "" forgets the name */
static void
rename_machine_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BenchWindow *self = BENCH_WINDOW (widget);
  g_autoptr (GVariant) old = g_settings_get_value (self->settings, "machine-names");
  g_autoptr (GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{ss}"));
  g_autofree char *trimmed = NULL;
  GVariantIter iter;
  const char *key, *value, *source, *name;

  g_variant_get (parameter, "(&s&s)", &source, &name);
  trimmed = g_strstrip (g_strdup (name));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, source))
      g_variant_builder_add (builder, "{ss}", key, value);
  if (*trimmed != '\0')
    g_variant_builder_add (builder, "{ss}", source, trimmed);
  g_settings_set_value (self->settings, "machine-names", g_variant_builder_end (builder));
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BenchWindow *self = BENCH_WINDOW (widget);

  if (g_str_equal (action_name, "win.view-runs"))
    bench_window_show_view (self, BENCH_GROUP_RUN);
  else if (g_str_equal (action_name, "win.view-models"))
    bench_window_show_view (self, BENCH_GROUP_MODEL);
  else
    bench_window_show_view (self, BENCH_GROUP_HARDWARE);
}

/* the visible view's table: its groups, or their results */
static void
show_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BenchWindow *self = BENCH_WINDOW (widget);

  bench_group_page_show_results (visible_page (self), g_str_equal (action_name, "win.show-results"));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BenchWindow *self = BENCH_WINDOW (widget);
  BenchGroupPage *page = visible_page (self);

  if (page == NULL)
    gtk_widget_activate_action (self->scenario_page, "scenario.export", NULL);
  else
    gtk_widget_activate_action (bench_group_page_get_chart (page), "chart.export", NULL);
}

/* —— drag and drop ————————————————————————————————————————————— */

static GdkDragAction
on_drop_enter (GtkDropTarget *target,
               double         x,
               double         y,
               BenchWindow   *self)
{
  gtk_widget_add_css_class (self->main_box, "drop-highlight");
  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target,
               BenchWindow   *self)
{
  gtk_widget_remove_css_class (self->main_box, "drop-highlight");
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         BenchWindow   *self)
{
  gtk_widget_remove_css_class (self->main_box, "drop-highlight");

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *list = g_value_get_boxed (value);
      g_autoptr (GPtrArray) files = g_ptr_array_new ();

      for (GSList *l = list; l != NULL; l = l->next)
        g_ptr_array_add (files, l->data);
      bench_window_load_files (self, (GFile **) files->pdata, files->len);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    {
      bench_window_load_text (self, g_value_get_string (value));
      return TRUE;
    }
  return FALSE;
}

/* —— window state ——————————————————————————————————————————————— */

static gboolean
bench_window_close_request (GtkWindow *window)
{
  BenchWindow *self = BENCH_WINDOW (window);
  GListModel *sources = bench_dataset_get_sources (self->dataset);
  g_autoptr (GStrvBuilder) uris = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr (BenchSource) source = g_list_model_get_item (sources, i);
      if (bench_source_get_file (source) != NULL)
        {
          g_autofree char *uri = g_file_get_uri (bench_source_get_file (source));
          g_strv_builder_add (uris, uri);
        }
    }
  strv = g_strv_builder_end (uris);
  g_settings_set_strv (self->settings, "open-files", (const char * const *) strv);
  g_settings_set_string (self->settings, "view",
                         adw_view_stack_get_visible_child_name (self->view_stack));
  g_settings_apply (self->settings);

  g_cancellable_cancel (self->load_cancellable);
  return GTK_WINDOW_CLASS (bench_window_parent_class)->close_request (window);
}

/* —— recent files ——————————————————————————————————————————— */

typedef struct
{
  GtkRecentInfo *info;
  guint          order;   /* its place in the manager's list */
} RecentEntry;

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  const RecentEntry *x = a, *y = b;
  int newer = g_date_time_compare (gtk_recent_info_get_modified (y->info),
                                   gtk_recent_info_get_modified (x->info));

  /* newest first; within one second (times have no more), the later added */
  return newer != 0 ? newer : (y->order > x->order) - (y->order < x->order);
}

/* The result files Benchtop opened lately and that are still there, on
 * the empty window, one click from loading again. */
static void
update_recent (BenchWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr (GArray) ours = g_array_new (FALSE, FALSE, sizeof (RecentEntry));
  GtkWidget *row;
  const char *app_name = g_get_application_name ();
  guint order = 0;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, row);

  for (GList *l = items; l != NULL; l = l->next, order++)
    {
      RecentEntry entry = { l->data, order };

      if (app_name != NULL && gtk_recent_info_has_application (entry.info, app_name) &&
          gtk_recent_info_is_local (entry.info) && gtk_recent_info_exists (entry.info))
        g_array_append_val (ours, entry);
    }
  g_array_sort (ours, compare_recent);

  for (guint i = 0; i < ours->len && i < MAX_RECENT; i++)
    {
      GtkRecentInfo *info = g_array_index (ours, RecentEntry, i).info;
      g_autoptr (GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      g_autoptr (GFile) parent = g_file_get_parent (file);
      g_autofree char *folder = parent ? g_file_get_parse_name (parent) : NULL;
      g_autofree char *basename = g_file_get_basename (file);
      const char *display = gtk_recent_info_get_display_name (info);
      g_autofree char *name = g_markup_escape_text (display != NULL ? display : basename, -1);
      g_autofree char *where = folder ? g_markup_escape_text (folder, -1) : NULL;
      GtkWidget *action_row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), name);
      if (where != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), where);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (action_row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (action_row), "file", g_object_ref (file), g_object_unref);
      gtk_list_box_append (self->recent_list, action_row);
    }
  gtk_widget_set_visible (self->recent_label, ours->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), ours->len > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
on_recent_activated (BenchWindow   *self,
                     GtkListBoxRow *row)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "file");

  if (file != NULL)
    bench_window_load_files (self, &file, 1);
}

static void
bench_window_dispose (GObject *object)
{
  BenchWindow *self = BENCH_WINDOW (object);

  g_signal_handlers_disconnect_by_func (gtk_recent_manager_get_default (), update_recent, self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_queue_clear_full (&self->pending, (GDestroyNotify) load_request_free);
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_pointer (&self->reloads, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), BENCH_TYPE_WINDOW);
  if (self->dataset != NULL)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  g_clear_object (&self->dataset);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bench_window_parent_class)->dispose (object);
}

static void
bench_window_class_init (BenchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bench_window_dispose;
  window_class->close_request = bench_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/benchtop/Benchtop/bench-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, main_box);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, load_revealer);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, load_label);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, load_progress);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, sources_list);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, sources_button);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, recent_label);
  gtk_widget_class_bind_template_child (widget_class, BenchWindow, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.open-examples", NULL, open_examples_action);
  gtk_widget_class_install_action (widget_class, "win.remove-all", NULL, remove_all_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.set-peak", "(sd)", set_peak_action);
  gtk_widget_class_install_action (widget_class, "win.rename-machine", "(ss)", rename_machine_action);
  gtk_widget_class_install_action (widget_class, "win.view-runs", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.view-models", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.view-hardware", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.show-groups", NULL, show_table_action);
  gtk_widget_class_install_action (widget_class, "win.show-results", NULL, show_table_action);
}

/* The installed schema; run from the build tree, the one compiled there,
 * so `./build/src/benchtop` works without installing anything. */
static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (installed != NULL)
    schema = g_settings_schema_source_lookup (installed, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_autoptr (GSettingsSchemaSource) built =
        g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR, installed, FALSE, NULL);
      if (built != NULL)
        schema = g_settings_schema_source_lookup (built, APPLICATION_ID, FALSE);
    }
  if (schema == NULL)
    return g_settings_new (APPLICATION_ID);   /* says which schema is missing */
  return g_settings_new_full (schema, NULL, NULL);
}

static void
bench_window_init (BenchWindow *self)
{
  static const struct { const char *name, *title, *icon; } views[] = {
    { "runs", N_("Runs"), "view-list-bullet-symbolic" },
    { "models", N_("Models"), "bench-model-symbolic" },
    { "hardware", N_("Hardware"), "computer-symbolic" },
  };
  GtkDropTarget *drop;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };
  g_autofree char *view = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  update_recent (self);
  g_signal_connect_swapped (gtk_recent_manager_get_default (), "changed",
                            G_CALLBACK (update_recent), self);

  self->dataset = bench_dataset_new ();
  self->settings = settings_new ();
  self->monitors = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal,
                                          g_object_unref, g_object_unref);
  self->reloads = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal,
                                         g_object_unref,
                                         (GDestroyNotify) (void (*) (void)) g_source_remove);
  g_queue_init (&self->pending);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      AdwViewStackPage *page;

      self->pages[i] = bench_group_page_new (i);
      bench_group_page_set_groups (BENCH_GROUP_PAGE (self->pages[i]),
                                   bench_dataset_get_groups (self->dataset, i));
      page = adw_view_stack_add_titled (self->view_stack, self->pages[i], views[i].name,
                                        _(views[i].title));
      adw_view_stack_page_set_icon_name (page, views[i].icon);
    }
  self->scenario_page = bench_scenario_page_new (self->dataset, self->settings);
  {
    AdwViewStackPage *page = adw_view_stack_add_titled (self->view_stack, self->scenario_page,
                                                        "scenario", _("Scenario"));
    adw_view_stack_page_set_icon_name (page, "power-profile-performance-symbolic");
  }
  apply_peaks (self);
  g_signal_connect_swapped (self->settings, "changed::peak-bandwidth", G_CALLBACK (apply_peaks), self);
  apply_machine_names (self);
  g_signal_connect_swapped (self->settings, "changed::machine-names", G_CALLBACK (apply_machine_names), self);
  view = g_settings_get_string (self->settings, "view");
  if (adw_view_stack_get_child_by_name (self->view_stack, view) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, view);

  gtk_list_box_bind_model (self->sources_list, bench_dataset_get_sources (self->dataset),
                           create_source_row, self, NULL);
  g_signal_connect (self->dataset, "items-changed", G_CALLBACK (on_dataset_changed), self);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_enter), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
  update_state (self);
}

BenchWindow *
bench_window_new (BenchApplication *application)
{
  return g_object_new (BENCH_TYPE_WINDOW, "application", application, NULL);
}

BenchDataset *
bench_window_get_dataset (BenchWindow *self)
{
  return self->dataset;
}

BenchGroupPage *
bench_window_get_page (BenchWindow    *self,
                       BenchGroupKind  kind)
{
  return BENCH_GROUP_PAGE (self->pages[kind]);
}

BenchScenarioPage *
bench_window_get_scenario_page (BenchWindow *self)
{
  return BENCH_SCENARIO_PAGE (self->scenario_page);
}

void
bench_window_show_scenario (BenchWindow *self)
{
  adw_view_stack_set_visible_child (self->view_stack, self->scenario_page);
}

void
bench_window_show_view (BenchWindow    *self,
                        BenchGroupKind  kind)
{
  adw_view_stack_set_visible_child (self->view_stack, self->pages[kind]);
}
