/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-file-chooser.c — Open and Save, on every GTK Benchtop builds with.
 *
 * GTK 4.10 brought GtkFileDialog, an asynchronous call that goes through
 * the file chooser portal by itself; Debian 12's GTK 4.8 has the native
 * chooser for the same job. Callers see one asynchronous API either way.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bench-file-chooser.h"

typedef struct
{
  GObject          *owner;
  BenchFilesChosen  files_chosen;
  BenchFileChosen   file_chosen;
} Request;

static Request *
request_new (GObject          *owner,
             BenchFilesChosen  files_chosen,
             BenchFileChosen   file_chosen)
{
  Request *request = g_new0 (Request, 1);

  request->owner = g_object_ref (owner);
  request->files_chosen = files_chosen;
  request->file_chosen = file_chosen;
  return request;
}

static void
request_free (Request *request)
{
  g_clear_object (&request->owner);
  g_free (request);
}

static void
deliver_files (Request    *request,
               GListModel *files)
{
  g_autoptr (GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));
  if (array->len > 0)
    request->files_chosen (request->owner, array);
}

#if GTK_CHECK_VERSION (4, 10, 0)

/* The build pins GDK_VERSION_MAX_ALLOWED to 4.8, which marks these calls
 * as "not available before 4.10": here they are, by the check above. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Request *request = data;
  g_autoptr (GListModel) files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), result, NULL);

  /* NULL when dismissed: nothing to say */
  deliver_files (request, files);
  request_free (request);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Request *request = data;
  g_autoptr (GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    request->file_chosen (request->owner, file);
  request_free (request);
}

void
bench_file_chooser_open (GtkWindow         *parent,
                         const char        *title,
                         GtkFileFilter    **filters,
                         guint              n_filters,
                         GObject           *owner,
                         BenchFilesChosen   chosen)
{
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr (GListStore) list = g_list_store_new (GTK_TYPE_FILE_FILTER);

  for (guint i = 0; i < n_filters; i++)
    g_list_store_append (list, filters[i]);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (list));
  if (n_filters > 0)
    gtk_file_dialog_set_default_filter (dialog, filters[0]);
  gtk_file_dialog_open_multiple (dialog, parent, NULL, on_opened, request_new (owner, chosen, NULL));
}

void
bench_file_chooser_save_in (GtkWindow         *parent,
                            const char        *title,
                            const char        *accept_label,
                            GFile             *folder,
                            const char        *initial_name,
                            GObject           *owner,
                            BenchFileChosen    chosen)
{
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

  if (folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_save (dialog, parent, NULL, on_saved, request_new (owner, NULL, chosen));
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else /* GTK 4.8 */

static void
on_response (GtkNativeDialog *dialog,
             int              response,
             Request         *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      if (request->files_chosen != NULL)
        {
          g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
          deliver_files (request, files);
        }
      else
        {
          g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
          if (file != NULL)
            request->file_chosen (request->owner, file);
        }
    }
  request_free (request);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
bench_file_chooser_open (GtkWindow         *parent,
                         const char        *title,
                         GtkFileFilter    **filters,
                         guint              n_filters,
                         GObject           *owner,
                         BenchFilesChosen   chosen)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  for (guint i = 0; i < n_filters; i++)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filters[i]);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), request_new (owner, chosen, NULL));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The chooser asks before it replaces a file. */
void
bench_file_chooser_save_in (GtkWindow         *parent,
                            const char        *title,
                            const char        *accept_label,
                            GFile             *folder,
                            const char        *initial_name,
                            GObject           *owner,
                            BenchFileChosen    chosen)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        accept_label, _("_Cancel"));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), initial_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), request_new (owner, NULL, chosen));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

#endif

void
bench_file_chooser_save (GtkWindow         *parent,
                         const char        *title,
                         const char        *accept_label,
                         const char        *initial_name,
                         GObject           *owner,
                         BenchFileChosen    chosen)
{
  bench_file_chooser_save_in (parent, title, accept_label, NULL, initial_name, owner, chosen);
}
