/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-units.c — numbers written for people. */
#include "config.h"

#include <math.h>

#include "bench-units.h"

char *
bench_format_size (gint64 bytes)
{
  const double gib = 1024.0 * 1024.0 * 1024.0;
  const double mib = 1024.0 * 1024.0;

  if (bytes <= 0)
    return g_strdup ("");
  if (bytes < gib)
    return g_strdup_printf ("%.2f MiB", bytes / mib);
  return g_strdup_printf ("%.2f GiB", bytes / gib);
}

char *
bench_format_params (gint64 n_params)
{
  if (n_params <= 0)
    return g_strdup ("");
  if (n_params < 1000000000)
    return g_strdup_printf ("%.2f M", n_params / 1e6);
  return g_strdup_printf ("%.2f B", n_params / 1e9);
}

char *
bench_format_rate (double avg,
                   double stddev)
{
  if (isnan (avg))
    return g_strdup ("—");
  if (isnan (stddev))
    return g_strdup_printf ("%.2f ± ?", avg);
  return g_strdup_printf ("%.2f ± %.2f", avg, stddev);
}

char *
bench_format_compact (double value)
{
  double a = fabs (value);

  if (a >= 1e6)
    return g_strdup_printf ("%gM", round (value / 1e5) / 10);
  if (a >= 1e3)
    return g_strdup_printf ("%gk", round (value / 1e2) / 10);
  if (a >= 10 || a == 0)
    return g_strdup_printf ("%g", round (value));
  return g_strdup_printf ("%.3g", value);
}

char *
bench_text_ellipsize_for_display (const char *text,
                                  gsize       max_chars)
{
  const char *p = text;
  gsize n = 0;

  if (text == NULL)
    return NULL;
  /* walk at most max_chars characters: never strlen a 5 MB string */
  while (*p != '\0' && n < max_chars)
    {
      p = g_utf8_find_next_char (p, NULL);
      n++;
    }
  if (*p == '\0')
    return g_utf8_make_valid (text, p - text);
  {
    /* room for the ellipsis: one character less */
    const char *cut = g_utf8_find_prev_char (text, p);
    g_autofree char *head = g_utf8_make_valid (text, (cut != NULL && max_chars > 1 ? cut : p) - text);
    return g_strconcat (head, "…", NULL);
  }
}
