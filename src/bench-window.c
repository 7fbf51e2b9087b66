/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-window.c — the main window.
 *
 * Results come in by the Open dialog, drops, paste, the command line and the
 * files remembered from last time; the window hands them all to its session
 * (bench-session.h), which reads, watches and remembers them. The window
 * shows the session: its progress with a Cancel button, one toast per load
 * that went wrong, and the sources list (win.show-sources).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "bench-chart-view.h"
#include "bench-export-dialog.h"
#include "bench-efficiency.h"
#include "bench-file-chooser.h"
#include "bench-scenario-page.h"
#include "bench-session.h"
#include "bench-sources-dialog.h"
#include "bench-units.h"
#include "bench-window.h"

struct _BenchWindow
{
  AdwApplicationWindow  parent_instance;

  BenchSession         *session;
  GSettings            *settings;
  GPtrArray            *failed;           /* BenchSourceEntry, of the load running */
  GPtrArray            *partial;          /* BenchSourceEntry, of the load running */
  AdwToast             *load_toast;       /* the one toast a load leaves, or NULL */
  GtkWindow            *sources_dialog;   /* weak */
  GtkWidget            *pages[3];
  GtkWidget            *scenario_page;
  guint                 compare_state_id; /* Compare's state checked once the models settle */

  GtkWidget            *main_box;
  AdwViewSwitcherTitle *switcher_title;
  GtkRevealer          *load_revealer;
  GtkLabel             *load_label;
  GtkProgressBar       *load_progress;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  GtkWidget            *sources_button;
  GtkWidget            *export_button;
  GtkWidget            *recent_label;
  GtkListBox           *recent_list;
};

/* how many recent files the empty window offers */
#define MAX_RECENT 5

G_DEFINE_FINAL_TYPE (BenchWindow, bench_window, ADW_TYPE_APPLICATION_WINDOW)

static BenchGroupPage *visible_page (BenchWindow *self);

/* —— feedback ——————————————————————————————————————————————— */

static AdwToast *
make_toast (const char *message,
            guint       timeout)
{
  /* messages can quote the input: keep them as long as a few lines */
  g_autofree char *shown = bench_text_ellipsize_for_display (message, BENCH_TOOLTIP_MAX_CHARS / 2);
  AdwToast *t = adw_toast_new (shown);

  adw_toast_set_timeout (t, timeout);
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  return t;
}

static void
toast (BenchWindow *self,
       const char  *message,
       guint        timeout)
{
  adw_toast_overlay_add_toast (self->toast_overlay, make_toast (message, timeout));
}

static void
on_load_toast_dismissed (AdwToast    *t,
                         BenchWindow *self)
{
  if (self->load_toast == t)
    self->load_toast = NULL;
}

/* What a load leaves behind, in one toast with a way to the details:
 * the files that could not be read, else the files read only in part. A
 * new load's toast takes the place of the last one. */
static void
report_load (BenchWindow *self)
{
  g_autofree char *message = NULL;
  AdwToast *t;

  if (self->failed->len == 1)
    message = g_strdup (bench_source_entry_get_error (g_ptr_array_index (self->failed, 0))->message);
  else if (self->failed->len > 1)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file could not be read",
                                            "%u files could not be read", self->failed->len),
                               self->failed->len);
  else if (self->partial->len == 1)
    {
      BenchSourceEntry *entry = g_ptr_array_index (self->partial, 0);
      guint skipped = bench_source_entry_get_n_skipped (entry);
      g_auto (GStrv) messages = bench_source_entry_dup_messages (entry);

      /* records were lost: say how many and where the first problem is */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u record skipped — %s",
                                              "%u records skipped — %s", skipped),
                                 skipped,
                                 messages[0] ? messages[0] : bench_source_entry_get_name (entry));
    }
  else if (self->partial->len > 1)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Records skipped in %u file",
                                            "Records skipped in %u files", self->partial->len),
                               self->partial->len);
  if (message == NULL)
    return;

  if (self->load_toast != NULL)
    adw_toast_dismiss (self->load_toast);
  /* a failure stays until seen; records skipped are a note */
  t = make_toast (message, self->failed->len > 0 ? 0 : 10);
  adw_toast_set_button_label (t, _("_Details"));
  adw_toast_set_action_name (t, "win.show-sources");
  g_signal_connect (t, "dismissed", G_CALLBACK (on_load_toast_dismissed), self);
  self->load_toast = t;
  adw_toast_overlay_add_toast (self->toast_overlay, t);
  g_ptr_array_set_size (self->failed, 0);
  g_ptr_array_set_size (self->partial, 0);
}

static void
set_state (BenchWindow *self,
           gboolean     compare_too)
{
  BenchDataset *dataset = bench_session_get_dataset (self->session);
  gboolean empty = bench_dataset_get_n_results (dataset) == 0;
  guint n_entries = g_list_model_get_n_items (bench_session_get_entries (self->session));
  BenchGroupPage *page = visible_page (self);

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "content");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sources", n_entries > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-all", n_entries > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", !empty);
  if (!compare_too)
    return;
  g_clear_handle_id (&self->compare_state_id, g_source_remove);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare",
                                 !empty && page != NULL && bench_group_page_can_compare (page));
}

static void
update_state (BenchWindow *self)
{
  set_state (self, TRUE);
}

static gboolean
update_state_idle (gpointer data)
{
  BenchWindow *self = data;

  self->compare_state_id = 0;
  update_state (self);
  return G_SOURCE_REMOVE;
}

/* A file added changes the dataset and every page's groups, each
 * reporting it: whether Compare applies can mean looking through every
 * result of a machine (a run that sweeps a setting), so it is checked
 * once the models are done changing, not at each of their reports, and
 * not in the main-loop iteration that added the file. */
static void
update_state_later (BenchWindow *self)
{
  set_state (self, FALSE);
  if (self->compare_state_id == 0)
    self->compare_state_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, update_state_idle, self, NULL);
}

/* —— the session ——————————————————————————————————————————————— */

static void
on_source_added (BenchSession     *session,
                 BenchSourceEntry *entry,
                 gboolean          reload,
                 BenchWindow      *self)
{
  GFile *file = bench_source_entry_get_file (entry);

  if (reload)
    return;
  if (bench_source_entry_get_status (entry) == BENCH_SOURCE_STATUS_PARTIAL)
    g_ptr_array_add (self->partial, g_object_ref (entry));
  if (file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
    }
}

static void
on_source_failed (BenchSession     *session,
                  BenchSourceEntry *entry,
                  gboolean          reload,
                  BenchWindow      *self)
{
  if (!reload)
    g_ptr_array_add (self->failed, g_object_ref (entry));
}

static void
on_load_finished (BenchSession *session,
                  guint         n_added,
                  guint         n_failed,
                  gboolean      reload,
                  BenchWindow  *self)
{
  if (!reload)
    report_load (self);
}

static void
on_loading_changed (BenchWindow *self)
{
  gboolean loading = bench_session_get_loading (self->session);

  if (loading && !gtk_revealer_get_reveal_child (self->load_revealer))
    {
      gtk_progress_bar_set_fraction (self->load_progress, 0);
      gtk_label_set_text (self->load_label, _("Reading…"));
    }
  /* a quiet reload of a growing file does not need a progress bar */
  gtk_revealer_set_reveal_child (self->load_revealer, loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", loading);
  /* the load done: what it changed shows at once */
  if (!loading && self->compare_state_id != 0)
    update_state (self);
}

static void
on_progress_changed (BenchWindow *self)
{
  const char *current = bench_session_get_current_name (self->session);

  gtk_progress_bar_set_fraction (self->load_progress, bench_session_get_progress (self->session));
  if (current != NULL)
    {
      /* Translators: shown while a file is read */
      g_autofree char *text = g_strdup_printf (_("Reading %s"), current);
      gtk_label_set_text (self->load_label, text);
    }
}

void
bench_window_load_files (BenchWindow  *self,
                         GFile       **files,
                         guint         n_files)
{
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
  bench_session_load_files (self->session, (GFile **) others->pdata, others->len);
}

void
bench_window_load_text (BenchWindow *self,
                        const char  *text)
{
  g_return_if_fail (BENCH_IS_WINDOW (self));
  if (text == NULL || *text == '\0')
    {
      toast (self, _("The clipboard holds no text to read results from"), 5);
      return;
    }
  bench_session_load_text (self->session, text);
}

gboolean
bench_window_is_loading (BenchWindow *self)
{
  return bench_session_is_busy (self->session);
}

void
bench_window_restore_files (BenchWindow *self)
{
  g_auto (GStrv) uris = g_settings_get_strv (self->settings, "open-files");

  bench_session_restore (self->session, (const char * const *) uris);
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
  bench_session_clear (BENCH_WINDOW (widget)->session);
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  bench_session_cancel (BENCH_WINDOW (widget)->session);
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
      GListModel *groups = bench_dataset_get_groups (bench_session_get_dataset (self->session), kind);
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
  BenchChartSpec *spec;

  /* the Scenario view exports its own chart */
  if (page == NULL)
    {
      gtk_widget_activate_action (self->scenario_page, "scenario.export", NULL);
      return;
    }
  spec = bench_chart_view_get_spec (BENCH_CHART_VIEW (bench_group_page_get_chart (page)));
  if (spec != NULL)
    bench_export_dialog_present (GTK_WINDOW (self), spec);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BenchGroupPage *page = visible_page (BENCH_WINDOW (widget));

  if (page != NULL)
    bench_group_page_compare (page);
}

static void
show_sources_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BenchWindow *self = BENCH_WINDOW (widget);

  if (self->sources_dialog == NULL)
    {
      self->sources_dialog = GTK_WINDOW (bench_sources_dialog_new (GTK_WINDOW (self), self->session));
      g_object_add_weak_pointer (G_OBJECT (self->sources_dialog), (gpointer *) &self->sources_dialog);
    }
  gtk_window_present (self->sources_dialog);
}

/* The visible page's selection decides whether Compare can run. */
static void
on_page_selection_changed (BenchWindow *self)
{
  update_state (self);
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
  g_auto (GStrv) uris = bench_session_dup_uris (self->session);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_strv (self->settings, "open-files", (const char * const *) uris);
  g_settings_set_string (self->settings, "view",
                         adw_view_stack_get_visible_child_name (self->view_stack));
  g_settings_apply (self->settings);

  bench_session_cancel (self->session);
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
  if (self->sources_dialog != NULL)
    gtk_window_destroy (self->sources_dialog);
  if (self->load_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->load_toast, self);
      self->load_toast = NULL;
    }
  if (self->session != NULL)
    {
      bench_session_cancel (self->session);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (bench_session_get_dataset (self->session), self);
      g_signal_handlers_disconnect_by_data (bench_session_get_entries (self->session), self);
    }
  for (guint i = 0; i < G_N_ELEMENTS (self->pages); i++)
    if (self->pages[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (bench_group_page_get_selection (BENCH_GROUP_PAGE (self->pages[i])), self);
        self->pages[i] = NULL;
      }
  /* nothing can ask for it any more */
  g_clear_handle_id (&self->compare_state_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BENCH_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_pointer (&self->failed, g_ptr_array_unref);
  g_clear_pointer (&self->partial, g_ptr_array_unref);
  /* the Scenario page keeps the settings alive past the window */
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
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
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.show-sources", NULL, show_sources_action);
  gtk_widget_class_install_action (widget_class, "win.set-peak", "(sd)", set_peak_action);
  gtk_widget_class_install_action (widget_class, "win.rename-machine", "(ss)", rename_machine_action);
  gtk_widget_class_install_action (widget_class, "win.view-runs", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.view-models", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.view-hardware", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.show-groups", NULL, show_table_action);
  gtk_widget_class_install_action (widget_class, "win.show-results", NULL, show_table_action);
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
  BenchDataset *dataset;

  gtk_widget_init_template (GTK_WIDGET (self));

  update_recent (self);
  g_signal_connect_swapped (gtk_recent_manager_get_default (), "changed",
                            G_CALLBACK (update_recent), self);

  self->session = bench_session_new (NULL);
  dataset = bench_session_get_dataset (self->session);
  self->settings = bench_application_settings_new ();
  self->failed = g_ptr_array_new_with_free_func (g_object_unref);
  self->partial = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      AdwViewStackPage *page;

      self->pages[i] = bench_group_page_new (i);
      bench_group_page_set_groups (BENCH_GROUP_PAGE (self->pages[i]),
                                   bench_dataset_get_groups (dataset, i));
      g_signal_connect_swapped (bench_group_page_get_selection (BENCH_GROUP_PAGE (self->pages[i])),
                                "selection-changed", G_CALLBACK (on_page_selection_changed), self);
      g_signal_connect_swapped (bench_group_page_get_selection (BENCH_GROUP_PAGE (self->pages[i])),
                                "items-changed", G_CALLBACK (update_state_later), self);
      page = adw_view_stack_add_titled (self->view_stack, self->pages[i], views[i].name,
                                        _(views[i].title));
      adw_view_stack_page_set_icon_name (page, views[i].icon);
    }
  self->scenario_page = bench_scenario_page_new (dataset, self->settings);
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

  g_signal_connect_swapped (self->view_stack, "notify::visible-child",
                            G_CALLBACK (update_state), self);
  g_signal_connect_swapped (dataset, "items-changed", G_CALLBACK (update_state_later), self);
  g_signal_connect_swapped (bench_session_get_entries (self->session), "items-changed",
                            G_CALLBACK (update_state_later), self);
  g_signal_connect (self->session, "source-added", G_CALLBACK (on_source_added), self);
  g_signal_connect (self->session, "source-failed", G_CALLBACK (on_source_failed), self);
  g_signal_connect (self->session, "load-finished", G_CALLBACK (on_load_finished), self);
  g_signal_connect_swapped (self->session, "notify::loading", G_CALLBACK (on_loading_changed), self);
  g_signal_connect_swapped (self->session, "notify::progress", G_CALLBACK (on_progress_changed), self);
  g_signal_connect_swapped (self->session, "notify::current-name", G_CALLBACK (on_progress_changed), self);

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
  return bench_session_get_dataset (self->session);
}

BenchSession *
bench_window_get_session (BenchWindow *self)
{
  return self->session;
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
