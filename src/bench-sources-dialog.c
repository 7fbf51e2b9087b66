/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sources-dialog.c — every file the session was given, loaded or
 * not, each row opening onto its messages (FILE:LINE:COLUMN). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bench-sources-dialog.h"

/* messages shown under one file; the rest are counted */
#define MAX_MESSAGES 100

struct _BenchSourcesDialog
{
  AdwWindow     parent_instance;

  BenchSession *session;

  GtkLabel     *summary_label;
  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (BenchSourcesDialog, bench_sources_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
message_label (const char *text,
               gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static char *
describe (BenchSourceEntry *entry)
{
  guint runs = bench_source_entry_get_n_runs (entry);
  guint results = bench_source_entry_get_n_results (entry);
  guint skipped = bench_source_entry_get_n_skipped (entry);
  const char *duplicate = bench_source_entry_get_duplicate_of (entry);
  g_autoptr (GString) text = g_string_new (NULL);

  if (bench_source_entry_get_status (entry) == BENCH_SOURCE_STATUS_FAILED)
    return g_strdup (_("Could not be read"));
  g_string_append (text, bench_source_entry_get_format (entry));
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", runs), runs);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", results),
                          results);
  if (skipped > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u record skipped",
                                                 "%u records skipped", skipped), skipped);
    }
  else
    {
      /* lines passed over (a log around the results) do not lose records,
       * but they are worth a look */
      BenchSource *source = bench_source_entry_get_source (entry);
      guint n_warnings = bench_source_get_diagnostics (source)->len;

      if (n_warnings > 0)
        {
          g_string_append (text, " · ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                     n_warnings), n_warnings);
        }
    }
  if (duplicate != NULL)
    {
      g_string_append (text, " · ");
      /* Translators: the same run was loaded from another file */
      g_string_append_printf (text, _("duplicate of %s"), duplicate);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_remove_clicked (GtkButton          *button,
                   BenchSourcesDialog *self)
{
  BenchSourceEntry *entry = g_object_get_data (G_OBJECT (button), "bench-entry");

  bench_session_remove (self->session, entry);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  BenchSourcesDialog *self = user_data;
  BenchSourceEntry *entry = item;
  BenchSourceStatus status = bench_source_entry_get_status (entry);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon;
  GtkWidget *remove;
  GFile *file = bench_source_entry_get_file (entry);
  g_auto (GStrv) messages = bench_source_entry_dup_messages (entry);
  g_autofree char *subtitle = describe (entry);
  g_autofree char *where = NULL;
  guint n_messages = g_strv_length (messages);
  const char *status_text;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bench_source_entry_get_name (entry));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  switch (status)
    {
    case BENCH_SOURCE_STATUS_LOADED:
      icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      status_text = _("Loaded");
      break;
    case BENCH_SOURCE_STATUS_PARTIAL:
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      status_text = _("Partly read");
      break;
    case BENCH_SOURCE_STATUS_FAILED:
    default:
      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      status_text = _("Could not be read");
      break;
    }
  gtk_widget_set_tooltip_text (icon, status_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  status_text, -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove"), -1);
  g_object_set_data_full (G_OBJECT (remove), "bench-entry", g_object_ref (entry), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);

  /* where it came from, then what it said */
  where = file ? g_file_get_parse_name (file) : g_strdup (_("Pasted text"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), message_label (where, TRUE));
  for (guint i = 0; i < n_messages && i < MAX_MESSAGES; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), message_label (messages[i], FALSE));
  if (n_messages > MAX_MESSAGES)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more message",
                                                            "and %u more messages",
                                                            n_messages - MAX_MESSAGES),
                                               n_messages - MAX_MESSAGES);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), message_label (more, TRUE));
    }
  else if (n_messages == 0)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), message_label (_("Every record was read"), TRUE));

  /* what went wrong is what the user came to see */
  if (status == BENCH_SOURCE_STATUS_FAILED)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  return row;
}

static void
update_summary (BenchSourcesDialog *self)
{
  GListModel *entries = bench_session_get_entries (self->session);
  guint n = g_list_model_get_n_items (entries);
  guint n_failed = 0, n_partial = 0, n_results;
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BenchSourceEntry) entry = g_list_model_get_item (entries, i);
      BenchSourceStatus status = bench_source_entry_get_status (entry);

      n_failed += status == BENCH_SOURCE_STATUS_FAILED;
      n_partial += status == BENCH_SOURCE_STATUS_PARTIAL;
    }
  /* a run loaded twice counts once, as in the views */
  n_results = bench_dataset_get_n_results (bench_session_get_dataset (self->session));
  if (n == 0)
    g_string_append (text, _("Nothing is loaded."));
  else
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u source", "%u sources", n), n);
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results",
                                                 n_results), n_results);
      if (n_partial > 0)
        {
          g_string_append (text, " · ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u partly read",
                                                     "%u partly read", n_partial), n_partial);
        }
      if (n_failed > 0)
        {
          g_string_append (text, " · ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u could not be read",
                                                     "%u could not be read", n_failed), n_failed);
        }
    }
  gtk_label_set_text (self->summary_label, text->str);
}

static void
bench_sources_dialog_dispose (GObject *object)
{
  BenchSourcesDialog *self = BENCH_SOURCES_DIALOG (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (bench_session_get_entries (self->session), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BENCH_TYPE_SOURCES_DIALOG);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (bench_sources_dialog_parent_class)->dispose (object);
}

static void
bench_sources_dialog_class_init (BenchSourcesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bench_sources_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/benchtop/Benchtop/bench-sources-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BenchSourcesDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BenchSourcesDialog, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bench_sources_dialog_init (BenchSourcesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BenchSourcesDialog *
bench_sources_dialog_new (GtkWindow    *parent,
                          BenchSession *session)
{
  BenchSourcesDialog *self;
  GListModel *entries;

  g_return_val_if_fail (BENCH_IS_SESSION (session), NULL);

  self = g_object_new (BENCH_TYPE_SOURCES_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  entries = bench_session_get_entries (session);
  gtk_list_box_bind_model (self->list, entries, create_row, self, NULL);
  g_signal_connect_swapped (entries, "items-changed", G_CALLBACK (update_summary), self);
  update_summary (self);
  return self;
}

GtkListBox *
bench_sources_dialog_get_list (BenchSourcesDialog *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCES_DIALOG (self), NULL);
  return self->list;
}
