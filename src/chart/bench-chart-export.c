/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart-export.c — writing charts to files. */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bench-chart-export.h"
#include "bench-chart-layout.h"
#include "bench-chart-paint.h"

G_DEFINE_QUARK (bench-chart-export-error-quark, bench_chart_export_error)

const char *
bench_chart_export_format_for_path (const char *path)
{
  const char *dot = path ? strrchr (path, '.') : NULL;

  if (dot == NULL)
    return NULL;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return "png";
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return "svg";
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return "pdf";
  return NULL;
}

static void
paint (BenchChartSpec  *spec,
       cairo_t         *cr,
       int              width,
       int              height,
       BenchChartStyle  style)
{
  g_autoptr (BenchChartTheme) theme = bench_chart_theme_new (style);
  g_autoptr (BenchChartLayout) layout = bench_chart_layout_new (spec, width, height, 1.0);

  bench_chart_paint (layout, theme, cr, NULL);
}

static gboolean
check_cairo (cairo_status_t   status,
             const char      *path,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, BENCH_CHART_EXPORT_ERROR, BENCH_CHART_EXPORT_ERROR_WRITE,
               _("Could not write %s: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

gboolean
bench_chart_export_file (BenchChartSpec   *spec,
                         const char       *path,
                         int               width,
                         int               height,
                         double            scale,
                         BenchChartStyle   style,
                         GError          **error)
{
  const char *format = bench_chart_export_format_for_path (path);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int fd;

  if (format == NULL)
    {
      g_set_error (error, BENCH_CHART_EXPORT_ERROR, BENCH_CHART_EXPORT_ERROR_FORMAT,
                   _("%s: unknown picture format (use .png, .svg or .pdf)"), path);
      return FALSE;
    }
  if (width < 16 || height < 16 || width > 20000 || height > 20000 || scale < 0.25 || scale > 8)
    {
      g_set_error (error, BENCH_CHART_EXPORT_ERROR, BENCH_CHART_EXPORT_ERROR_FORMAT,
                   _("%d × %d at scale %g is not a size a picture can have"), width, height, scale);
      return FALSE;
    }

  /* A temporary file beside the target: the rename is atomic, so the
   * target is the old file or the whole new one, never half of it. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_WRONLY, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (strcmp (format, "png") == 0)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (width * scale),
                                            (int) (height * scale));
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      paint (spec, cr, width, height, style);
      cairo_destroy (cr);
      status = cairo_surface_write_to_png (surface, tmp);
      cairo_surface_destroy (surface);
    }
  else
    {
      if (strcmp (format, "svg") == 0)
        surface = cairo_svg_surface_create (tmp, width, height);
      else
        surface = cairo_pdf_surface_create (tmp, width, height);
      if (strcmp (format, "pdf") == 0)
        {
          const char *title = bench_chart_spec_get_title (spec);
          if (title != NULL)
            cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Benchtop");
        }
      cr = cairo_create (surface);
      paint (spec, cr, width, height, style);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
    }

  if (!check_cairo (status, path, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
