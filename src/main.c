/* main.c — the benchtop command. Headless options are handled before any
 * GTK code runs, so they work without a display. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

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

  /* The window is not there yet: list what was given. */
  return bench_cli_run (argc, argv);
}
