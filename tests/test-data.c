/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-data.c — Benchtop as an installed GNOME application: the desktop
 * file, the metainfo and the schema pass their validators, the flatpak
 * manifest agrees with meson, the Italian catalog is complete and current,
 * `meson install` puts every file in place, and `--help` speaks Italian
 * under an Italian locale. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "bench-test-util.h"

static const char *source_root;
static const char *build_root;

/* Runs ARGV (NULL-terminated) with the extra environment ENVP, returns the
 * exit status and what it printed. A missing program skips the test. */
static gboolean
run (const char * const  *argv,
     const char * const  *envp,
     char               **out,
     char               **err,
     int                 *status)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) env = g_get_environ ();
  g_autofree char *program = g_find_program_in_path (argv[0]);

  if (program == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", argv[0]);
      g_test_skip (message);
      return FALSE;
    }
  for (guint i = 0; envp != NULL && envp[i] != NULL; i += 2)
    env = g_environ_setenv (env, envp[i], envp[i + 1], TRUE);

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL,
                out, err, status, &error);
  g_assert_no_error (error);
  return TRUE;
}

static char *
build_path (const char *first,
            ...)
{
  va_list args;
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();
  const char *part;

  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

/* —— validators —— */

static void
test_desktop_file (void)
{
  g_autofree char *path = build_path (build_root, "data", APPLICATION_ID ".desktop", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) mime = NULL;
  const char *argv[] = { "desktop-file-validate", path, NULL };
  int status;

  if (!run (argv, NULL, &out, &err, &status))
    return;
  /* hints and warnings go to standard output: none allowed */
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);

  /* "Open With" offers Benchtop for every format it reads */
  g_key_file_load_from_file (keys, path, G_KEY_FILE_KEEP_TRANSLATIONS, &error);
  g_assert_no_error (error);
  mime = g_key_file_get_string_list (keys, "Desktop Entry", "MimeType", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) mime, "application/json"));
  g_assert_true (g_strv_contains ((const char * const *) mime, "application/x-ndjson"));
  g_assert_true (g_strv_contains ((const char * const *) mime, "text/csv"));
  g_assert_true (g_strv_contains ((const char * const *) mime, "text/markdown"));
  g_assert_true (g_strv_contains ((const char * const *) mime, "application/sql"));
  g_assert_true (g_key_file_has_key (keys, "Desktop Entry", "Comment[it]", NULL));
  g_assert_true (g_key_file_has_key (keys, "Desktop Entry", "Keywords[it]", NULL));
}

static void
test_metainfo (void)
{
  g_autofree char *path = build_path (build_root, "data", APPLICATION_ID ".metainfo.xml", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *xml = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  const char *argv[] = { "appstreamcli", "validate", "--no-net", "--pedantic", path, NULL };
  const char *at;
  guint screenshots = 0;
  int status;

  if (!run (argv, NULL, &out, &err, &status))
    return;
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  /* Every issue, down to the pedantic ones, is a failure, except one: the
   * component id follows GNOME's reverse-DNS convention with a capital
   * (io.github.benchtop.Benchtop), which pedantic mode remarks on. */
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "E:") || g_str_has_prefix (line, "W:") ||
          g_str_has_prefix (line, "I:") ||
          (g_str_has_prefix (line, "P:") && strstr (line, "cid-contains-uppercase-letter") == NULL))
        g_error ("appstreamcli: %s", line);
    }

  /* the screenshots it names are in the repository */
  g_file_get_contents (path, &xml, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml, "<content_rating"));
  g_assert_nonnull (strstr (xml, "<launchable type=\"desktop-id\">" APPLICATION_ID ".desktop</launchable>"));
  g_assert_nonnull (strstr (xml, "<binary>benchtop</binary>"));
  g_assert_nonnull (strstr (xml, "xml:lang=\"it\""));
  for (at = strstr (xml, "<image>"); at != NULL; at = strstr (at + 1, "<image>"))
    {
      const char *start = strstr (at, "/main/");
      const char *end = strstr (at, "</image>");
      g_autofree char *relative = NULL;
      g_autofree char *file = NULL;
      g_autofree char *png = NULL;
      gsize length = 0;

      g_assert_nonnull (start);
      g_assert_nonnull (end);
      g_assert_true (start < end);
      relative = g_strndup (start + strlen ("/main/"), end - start - strlen ("/main/"));
      file = g_build_filename (source_root, relative, NULL);
      g_file_get_contents (file, &png, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (length, >, 8);
      g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
      screenshots++;
    }
  g_assert_cmpuint (screenshots, >=, 3);
}

static void
test_schema (void)
{
  g_autofree char *dir = build_path (source_root, "data", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { "glib-compile-schemas", "--strict", "--dry-run", dir, NULL };
  int status;

  if (!run (argv, NULL, &out, &err, &status))
    return;
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
}

/* —— flatpak —— */

static void
test_flatpak_manifest (void)
{
  g_autofree char *path = build_path (source_root, "flatpak", APPLICATION_ID ".json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *command = g_path_get_basename (g_getenv ("BENCHTOP_BINARY"));
  g_autofree char *module_root = NULL;
  g_autofree char *module_meson = NULL;
  g_autofree char *meson_build = NULL;
  g_autofree char *options = NULL;
  JsonObject *manifest, *module;
  JsonArray *args, *modules, *sources, *config;
  gboolean has_wayland = FALSE, has_dir_source = FALSE;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  manifest = json_node_get_object (json_parser_get_root (parser));

  /* agrees with meson: the app id, and the command meson installs */
  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, APPLICATION_ID);
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, command);
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime-version"), !=, "");

  /* the narrowest sandbox: files come and go through portals only */
  args = json_object_get_array_member (manifest, "finish-args");
  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      g_assert_false (g_str_has_prefix (arg, "--filesystem"));
      g_assert_false (g_str_has_prefix (arg, "--socket=session-bus"));
      g_assert_false (g_str_has_prefix (arg, "--socket=system-bus"));
      g_assert_false (g_str_has_prefix (arg, "--share=network"));
      g_assert_false (g_str_has_prefix (arg, "--talk-name"));
      g_assert_false (g_str_has_prefix (arg, "--device=all"));
      g_assert_cmpstr (arg, !=, "--socket=x11");
      has_wayland |= g_str_equal (arg, "--socket=wayland");
    }
  g_assert_true (has_wayland);

  /* the last module builds this repository with meson, without its tests */
  modules = json_object_get_array_member (manifest, "modules");
  module = json_array_get_object_element (modules, json_array_get_length (modules) - 1);
  g_assert_cmpstr (json_object_get_string_member (module, "name"), ==, "benchtop");
  g_assert_cmpstr (json_object_get_string_member (module, "buildsystem"), ==, "meson");
  sources = json_object_get_array_member (module, "sources");
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (source, "type", ""), "dir") != 0)
        continue;
      module_root = g_build_filename (source_root, "flatpak",
                                      json_object_get_string_member (source, "path"), NULL);
      has_dir_source = TRUE;
    }
  g_assert_true (has_dir_source);
  module_meson = g_build_filename (module_root, "meson.build", NULL);
  g_file_get_contents (module_meson, &meson_build, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (meson_build, "project('benchtop'"));
  g_assert_nonnull (strstr (meson_build, "app_id = '" APPLICATION_ID "'"));

  /* every option it passes exists */
  config = json_object_get_array_member (module, "config-opts");
  options = g_build_filename (module_root, "meson_options.txt", NULL);
  g_clear_pointer (&meson_build, g_free);
  g_file_get_contents (options, &meson_build, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (config); i++)
    {
      const char *opt = json_array_get_string_element (config, i);
      g_autofree char *name = NULL;
      g_autofree char *declared = NULL;

      g_assert_true (g_str_has_prefix (opt, "-D"));
      name = g_strndup (opt + 2, strcspn (opt + 2, "="));
      declared = g_strdup_printf ("option('%s'", name);
      g_assert_nonnull (strstr (meson_build, declared));
    }
}

/* —— the Italian catalog —— */

static char *
fresh_template (void)
{
  g_autofree char *potfiles = build_path (source_root, "po", "POTFILES.in", NULL);
  g_autofree char *dir = g_dir_make_tmp ("benchtop-pot-XXXXXX", NULL);
  char *pot = g_build_filename (dir, "benchtop.pot", NULL);
  g_autofree char *out = NULL, *err = NULL;
  /* the keywords of meson's "glib" preset, as po/meson.build uses */
  const char *argv[] = {
    "xgettext", "--package-name=benchtop", "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "-D", source_root, "-f", potfiles, "-o", pot, NULL
  };
  int status;

  if (!run (argv, NULL, &out, &err, &status))
    {
      g_free (pot);
      return NULL;
    }
  g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 0);
  return pot;
}

static guint
count_messages (const char *pot)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 0;

  g_file_get_contents (pot, &text, NULL, &error);
  g_assert_no_error (error);
  for (const char *p = text; (p = strstr (p, "\nmsgid ")) != NULL; p++)
    n++;
  return n - 1; /* the header */
}

static void
test_catalog (void)
{
  g_autofree char *po = build_path (source_root, "po", "it.po", NULL);
  g_autofree char *pot = fresh_template ();
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = NULL;
  int status;

  if (pot == NULL)
    return;

  {
    /* current: every message of the sources is in the catalog */
    const char *argv[] = { "msgcmp", po, pot, NULL };

    if (!run (argv, NULL, &out, &err, &status))
      return;
    g_test_message ("%s", err);
    g_assert_cmpint (status, ==, 0);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    /* complete: each one translated, none fuzzy, formats intact */
    const char *argv[] = { "msgfmt", "--check", "--statistics", "-o", "/dev/null", po, NULL };

    if (!run (argv, (const char *[]) { "LC_ALL", "C", NULL }, &out, &err, &status))
      return;
    g_assert_cmpint (status, ==, 0);
    expected = g_strdup_printf ("%u translated messages.\n", count_messages (pot));
    g_assert_cmpstr (err, ==, expected);
  }

  {
    g_autofree char *dir = g_path_get_dirname (pot);
    g_unlink (pot);
    g_rmdir (dir);
  }
}

static gboolean
italian_locale (void)
{
  if (setlocale (LC_MESSAGES, "it_IT.UTF-8") == NULL)
    {
      g_test_skip ("the it_IT.UTF-8 locale is not generated on this machine");
      return FALSE;
    }
  return TRUE;
}

static void
test_italian_help (void)
{
  const char *binary = g_getenv ("BENCHTOP_BINARY");
  g_autofree char *localedir = build_path (build_root, "po", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_MESSAGES, NULL));
  const char *english = "Print the results of the files as a table";
  const char *argv[] = { binary, "--help", NULL };
  const char *envp[] = { "LC_ALL", "it_IT.UTF-8", "LANGUAGE", "it",
                         "BENCHTOP_LOCALEDIR", localedir, NULL };
  const char *italian;
  int status;

  if (!italian_locale ())
    return;
  g_setenv ("LANGUAGE", "it", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  italian = g_dgettext (GETTEXT_PACKAGE, english);
  g_assert_cmpstr (italian, !=, english);

  if (!run (argv, envp, &out, &err, &status))
    return;
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, italian));
  g_assert_null (strstr (out, english));

  setlocale (LC_MESSAGES, saved);
  g_unsetenv ("LANGUAGE");
}

/* —— meson install —— */

static void
assert_installed (const char *root,
                  const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("meson install did not put %s in place", relative);
}

static void
test_install (void)
{
  g_autofree char *destdir = g_dir_make_tmp ("benchtop-install-XXXXXX", NULL);
  g_autofree char *root = g_build_filename (destdir, PREFIX, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *examples = NULL;
  g_autofree char *desktop = NULL;
  const char *argv[] = { "meson", "install", "--no-rebuild", "--quiet", "-C", build_root,
                         "--destdir", destdir, NULL };
  const char *files[] = {
    "bin/benchtop",
    "share/applications/" APPLICATION_ID ".desktop",
    "share/metainfo/" APPLICATION_ID ".metainfo.xml",
    "share/glib-2.0/schemas/" APPLICATION_ID ".gschema.xml",
    "share/icons/hicolor/scalable/apps/" APPLICATION_ID ".svg",
    "share/icons/hicolor/symbolic/apps/" APPLICATION_ID "-symbolic.svg",
    "share/locale/it/LC_MESSAGES/benchtop.mo",
    "share/benchtop/examples/cpu-three-models.json",
  };
  int status;

  if (!run (argv, NULL, &out, &err, &status))
    return;
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    assert_installed (root, files[i]);
  examples = g_build_filename (root, "share/benchtop/examples", NULL);
  g_assert_true (g_file_test (examples, G_FILE_TEST_IS_DIR));

  /* the installed program runs on the installed examples */
  {
    g_autofree char *binary = g_build_filename (root, "bin/benchtop", NULL);
    g_autofree char *example = g_build_filename (examples, "cpu-three-models.json", NULL);
    g_autofree char *list = NULL, *list_err = NULL;
    const char *run_argv[] = { binary, "--list", example, NULL };

    g_assert_true (g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE));
    g_assert_true (run (run_argv, NULL, &list, &list_err, &status));
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (list, "| pp128 |"));
  }

  /* and the installed desktop file still validates */
  desktop = g_build_filename (root, "share/applications", APPLICATION_ID ".desktop", NULL);
  {
    g_autofree char *v_out = NULL, *v_err = NULL;
    const char *v_argv[] = { "desktop-file-validate", desktop, NULL };

    if (run (v_argv, NULL, &v_out, &v_err, &status))
      {
        g_assert_cmpstr (v_out, ==, "");
        g_assert_cmpint (status, ==, 0);
      }
  }

  bench_test_remove_tree (destdir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  source_root = g_getenv ("BENCHTOP_SOURCE_ROOT");
  build_root = g_getenv ("BENCHTOP_BUILD_ROOT");
  g_assert_nonnull (source_root);
  g_assert_nonnull (build_root);

  g_test_add_func ("/data/desktop-file", test_desktop_file);
  g_test_add_func ("/data/metainfo", test_metainfo);
  g_test_add_func ("/data/schema", test_schema);
  g_test_add_func ("/data/flatpak-manifest", test_flatpak_manifest);
  g_test_add_func ("/data/catalog-complete-and-current", test_catalog);
  g_test_add_func ("/data/italian-help", test_italian_help);
  g_test_add_func ("/data/install", test_install);
  return g_test_run ();
}
