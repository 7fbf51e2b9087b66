/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-application.c — application-wide actions and accelerators; files
 * given on the command line open in the window. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bench-application.h"
#include "bench-gguf.h"
#include "bench-window.h"

struct _BenchApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (BenchApplication, bench_application, ADW_TYPE_APPLICATION)

static BenchWindow *
get_window (BenchApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (bench_window_new (self));
  return BENCH_WINDOW (window);
}

static void
bench_application_activate (GApplication *app)
{
  BenchWindow *window = get_window (BENCH_APPLICATION (app));

  bench_window_restore_files (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
bench_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  BenchWindow *window = get_window (BENCH_APPLICATION (app));

  bench_window_load_files (window, files, n_files);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* closing the windows lets each save its state */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  const char *developers[] = { "The Benchtop developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (window,
                         "application-name", _("Benchtop"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Benchtop developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("See which model, quantization, hardware and settings "
                                       "run fastest, from llama-bench results"),
                         "website", "https://github.com/benchtop/benchtop",
                         "issue-url", "https://github.com/benchtop/benchtop/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
bench_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.paste", { "<Control>v", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.compare", { "<Control>d", NULL } },
    { "win.show-sources", { "<Control>i", NULL } },
    { "win.view-runs", { "<Alt>1", NULL } },
    { "win.view-models", { "<Alt>2", NULL } },
    { "win.view-hardware", { "<Alt>3", NULL } },
    { "win.show-groups", { "<Control>g", NULL } },
    { "win.show-results", { "<Control>r", NULL } },
  };

  /* the name recent files are filed under: a proper name, never translated,
   * so files opened under one language are found under another */
  g_set_application_name ("Benchtop");
  G_APPLICATION_CLASS (bench_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

/* --gguf=FILE (repeatable): model files whose headers give the KV cache
 * size; registered before the window opens. A file that does not read
 * stops the command, naming it, as on the headless command line. */
static int
bench_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  g_autofree const char **paths = NULL;

  if (g_variant_dict_lookup (options, "gguf", "^a&ay", &paths))
    for (guint i = 0; paths[i] != NULL; i++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (BenchGgufInfo) info = bench_gguf_info_read_file (paths[i], &error);

        if (info == NULL)
          {
            /* Translators: prefix of an error printed on the terminal */
            g_printerr ("%s %s\n", _("error:"), error->message);
            return 1;
          }
        bench_gguf_register (paths[i], info);
      }
  return -1;
}

static void
bench_application_class_init (BenchApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = bench_application_activate;
  app_class->open = bench_application_open;
  app_class->startup = bench_application_startup;
  app_class->handle_local_options = bench_application_handle_local_options;
}

static void
bench_application_init (BenchApplication *self)
{
  static const GOptionEntry entries[] = {
    { "gguf", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
      N_("A GGUF model file of the results (repeatable): its header gives the KV cache size"),
      N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

/* The installed schema; run from the build tree, the one compiled there,
 * so `./build/src/benchtop` works without installing anything. */
GSettings *
bench_application_settings_new (void)
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

BenchApplication *
bench_application_new (void)
{
  return g_object_new (BENCH_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/benchtop/Benchtop",
                       NULL);
}
