/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-file-chooser.h — the Open and Save dialogs: GtkFileDialog where
 * GTK is 4.10 or newer, the native chooser (the portal when sandboxed) on
 * GTK 4.8. Both ask before a file is replaced. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @files: the GFiles chosen; called only when some were */
typedef void (*BenchFilesChosen) (GObject   *owner,
                                  GPtrArray *files);
/* @file: where to save; called only when a place was chosen */
typedef void (*BenchFileChosen)  (GObject   *owner,
                                  GFile     *file);

/* @owner is kept alive until the dialog is answered and given back to
 * @chosen: the window it belongs to may be closed meanwhile. */
void bench_file_chooser_open (GtkWindow         *parent,
                              const char        *title,
                              GtkFileFilter    **filters,
                              guint              n_filters,
                              GObject           *owner,
                              BenchFilesChosen   chosen);
void bench_file_chooser_save (GtkWindow         *parent,
                              const char        *title,
                              const char        *accept_label,
                              const char        *initial_name,
                              GObject           *owner,
                              BenchFileChosen    chosen);
/* the same, opening in @folder (NULL: the chooser's own choice) */
void bench_file_chooser_save_in (GtkWindow         *parent,
                                 const char        *title,
                                 const char        *accept_label,
                                 GFile             *folder,
                                 const char        *initial_name,
                                 GObject           *owner,
                                 BenchFileChosen    chosen);

G_END_DECLS
