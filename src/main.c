/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — the benchtop command. Headless options (--list, --export…) are
 * handled before any GTK code runs, so they work without a display. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#ifdef HAVE_APP
#include "bench-application.h"
#endif
#include "bench-cli.h"

int
main (int    argc,
      char **argv)
{
  const char *localedir;

  setlocale (LC_ALL, "");
  /* `meson devenv` points this at the build tree's catalogs, so an
   * uninstalled benchtop speaks the user's language too */
  localedir = g_getenv ("BENCHTOP_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (bench_cli_is_headless (argc, argv))
    return bench_cli_run (argc, argv);

#ifdef HAVE_APP
  {
    g_autoptr (BenchApplication) app = bench_application_new ();
    return g_application_run (G_APPLICATION (app), argc, argv);
  }
#else
  return bench_cli_run (argc, argv);
#endif
}
