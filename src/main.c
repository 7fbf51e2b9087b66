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
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
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
