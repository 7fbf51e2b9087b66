/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-export-dialog.c — the export dialog. The preview lays the chart
 * out at the exported size and scales the picture down to fit, so what it
 * shows is exactly what is written. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bench-application.h"
#include "bench-chart-export.h"
#include "bench-chart-layout.h"
#include "bench-chart-paint.h"
#include "bench-chart-theme.h"
#include "bench-export-dialog.h"
#include "bench-file-chooser.h"

struct _BenchExportDialog
{
  AdwWindow        parent_instance;

  BenchChartSpec  *spec;
  GSettings       *settings;   /* last style, size, scale and folder */

  AdwToastOverlay *toast_overlay;
  GtkDrawingArea  *preview;
  AdwComboRow     *format_row;
  AdwComboRow     *size_row;
  AdwActionRow    *custom_row;
  GtkSpinButton   *width_spin;
  GtkSpinButton   *height_spin;
  AdwComboRow     *scale_row;
  AdwComboRow     *style_row;
  AdwEntryRow     *title_row;
  AdwEntryRow     *subtitle_row;
  AdwEntryRow     *caption_row;
};

G_DEFINE_FINAL_TYPE (BenchExportDialog, bench_export_dialog, ADW_TYPE_WINDOW)

static const char *extensions[] = { "png", "svg", "pdf" };
static const int preset_sizes[][2] = { { 1920, 1080 }, { 1280, 720 }, { 1024, 768 } };

static void
get_size (BenchExportDialog *self,
          int               *width,
          int               *height)
{
  guint preset = adw_combo_row_get_selected (self->size_row);

  if (preset < G_N_ELEMENTS (preset_sizes))
    {
      *width = preset_sizes[preset][0];
      *height = preset_sizes[preset][1];
    }
  else
    {
      *width = gtk_spin_button_get_value_as_int (self->width_spin);
      *height = gtk_spin_button_get_value_as_int (self->height_spin);
    }
}

/* the style row's entries, in order */
static const BenchChartStyle styles[] = {
  BENCH_CHART_STYLE_LIGHT, BENCH_CHART_STYLE_DARK, BENCH_CHART_STYLE_TRANSPARENT,
  BENCH_CHART_STYLE_TRANSPARENT_DARK,
};

static BenchChartStyle
get_style (BenchExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->style_row);
  return i < G_N_ELEMENTS (styles) ? styles[i] : BENCH_CHART_STYLE_LIGHT;
}

static gboolean
is_transparent (BenchChartStyle style)
{
  return style == BENCH_CHART_STYLE_TRANSPARENT || style == BENCH_CHART_STYLE_TRANSPARENT_DARK;
}

/* The last export's choices, or the defaults: 1920 × 1080, light, 1×. */
static void
restore_settings (BenchExportDialog *self)
{
  g_autofree char *style_name = g_settings_get_string (self->settings, "export-style");
  int w = g_settings_get_int (self->settings, "export-width");
  int h = g_settings_get_int (self->settings, "export-height");
  BenchChartStyle style = BENCH_CHART_STYLE_LIGHT;
  guint preset = G_N_ELEMENTS (preset_sizes);

  if (bench_chart_style_from_string (style_name, &style))
    for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
      if (styles[i] == style)
        adw_combo_row_set_selected (self->style_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (preset_sizes); i++)
    if (preset_sizes[i][0] == w && preset_sizes[i][1] == h)
      preset = i;
  gtk_spin_button_set_value (self->width_spin, w);
  gtk_spin_button_set_value (self->height_spin, h);
  adw_combo_row_set_selected (self->size_row, preset);
  adw_combo_row_set_selected (self->scale_row, CLAMP (g_settings_get_int (self->settings, "export-scale"), 1, 3) - 1);
}

static void
save_settings (BenchExportDialog *self,
               GFile             *folder)
{
  int w, h;

  get_size (self, &w, &h);
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "export-style", bench_chart_style_to_string (get_style (self)));
  g_settings_set_int (self->settings, "export-width", CLAMP (w, 200, 8000));
  g_settings_set_int (self->settings, "export-height", CLAMP (h, 150, 8000));
  g_settings_set_int (self->settings, "export-scale", adw_combo_row_get_selected (self->scale_row) + 1);
  if (folder != NULL)
    {
      g_autofree char *path = g_file_get_path (folder);
      if (path != NULL)
        g_settings_set_string (self->settings, "export-folder", path);
    }
  g_settings_apply (self->settings);
}

/* where the chooser opens: the last export's folder while it exists,
 * else the user's Pictures folder (never the working directory) */
GFile *
bench_export_dialog_dup_folder (GSettings *settings)
{
  g_autofree char *last = g_settings_get_string (settings, "export-folder");
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  if (*last && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (last);
  if (pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (pictures);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
sync_spec (BenchExportDialog *self)
{
  bench_chart_spec_set_title (self->spec, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  bench_chart_spec_set_subtitle (self->spec, gtk_editable_get_text (GTK_EDITABLE (self->subtitle_row)));
  bench_chart_spec_set_caption (self->spec, gtk_editable_get_text (GTK_EDITABLE (self->caption_row)));
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  BenchExportDialog *self = user_data;
  g_autoptr (BenchChartTheme) theme = bench_chart_theme_new (get_style (self));
  BenchChartLayout *layout;
  int w, h;
  double fit;

  get_size (self, &w, &h);
  fit = MIN ((double) width / w, (double) height / h);
  layout = bench_chart_layout_new (self->spec, w, h, 1.0);

  cairo_translate (cr, (width - w * fit) / 2, (height - h * fit) / 2);
  cairo_scale (cr, fit, fit);
  /* a checkerboard hint under a transparent background */
  if (is_transparent (get_style (self)))
    {
      for (int y = 0; y < h; y += 40)
        for (int x = 0; x < w; x += 40)
          {
            double g = ((x + y) / 40) % 2 ? 0.85 : 0.75;
            cairo_set_source_rgb (cr, g, g, g);
            cairo_rectangle (cr, x, y, 40, 40);
            cairo_fill (cr);
          }
    }
  bench_chart_paint (layout, theme, cr, NULL);
  bench_chart_layout_free (layout);

  /* the picture's edge */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1 / fit);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_stroke (cr);
}

static void
on_changed (BenchExportDialog *self)
{
  gboolean custom = adw_combo_row_get_selected (self->size_row) >= G_N_ELEMENTS (preset_sizes);
  gboolean png = adw_combo_row_get_selected (self->format_row) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->custom_row), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_row), png);
  sync_spec (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

static void
toast (BenchExportDialog *self,
       const char        *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_file_chosen (GObject *owner,
                GFile   *file)
{
  BenchExportDialog *self = BENCH_EXPORT_DIALOG (owner);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (GError) error = NULL;
  double scale;
  int w, h;

  /* closed while the chooser was open */
  if (self->scale_row == NULL)
    return;
  scale = adw_combo_row_get_selected (self->scale_row) + 1;
  get_size (self, &w, &h);
  sync_spec (self);
  if (path == NULL)
    toast (self, _("Only local files can be written"));
  else if (!bench_chart_export_file (self->spec, path, w, h, scale, get_style (self), &error))
    toast (self, error->message);
  else
    {
      g_autoptr (GFile) folder = g_file_get_parent (file);

      save_settings (self, folder);
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* The chooser asks before replacing a file; the file itself is written
 * atomically by the exporter. */
static void
on_export_clicked (BenchExportDialog *self)
{
  guint format = adw_combo_row_get_selected (self->format_row);
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;
  g_autoptr (GFile) folder = bench_export_dialog_dup_folder (self->settings);

  base = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  g_strdelimit (base, "/\\:*?\"<>| ", '-');
  /* Translators: the default file name of an exported chart, without extension */
  name = g_strdup_printf ("%s.%s", *base ? base : _("chart"), extensions[format]);
  bench_file_chooser_save_in (GTK_WINDOW (self), _("Export Chart"), _("_Export"), folder, name,
                              G_OBJECT (self), on_file_chosen);
}

static void
on_copy_clicked (BenchExportDialog *self)
{
  g_autoptr (BenchChartTheme) theme = bench_chart_theme_new (get_style (self));
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  BenchChartLayout *layout;
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h;
  double scale = adw_combo_row_get_selected (self->scale_row) + 1;

  get_size (self, &w, &h);
  sync_spec (self);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w * scale, h * scale);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  layout = bench_chart_layout_new (self->spec, w, h, 1.0);
  bench_chart_paint (layout, theme, cr, NULL);
  bench_chart_layout_free (layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       cairo_image_surface_get_stride (surface) * h * scale);
  texture = gdk_memory_texture_new (w * scale, h * scale, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  save_settings (self, NULL);
  toast (self, _("Chart copied"));
}

static void
bench_export_dialog_dispose (GObject *object)
{
  BenchExportDialog *self = BENCH_EXPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BENCH_TYPE_EXPORT_DIALOG);
  g_clear_pointer (&self->spec, bench_chart_spec_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bench_export_dialog_parent_class)->dispose (object);
}

static void
bench_export_dialog_class_init (BenchExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bench_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/benchtop/Benchtop/bench-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, custom_row);
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, style_row);
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, subtitle_row);
  gtk_widget_class_bind_template_child (widget_class, BenchExportDialog, caption_row);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bench_export_dialog_init (BenchExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = bench_application_settings_new ();
  restore_settings (self);
  gtk_drawing_area_set_draw_func (self->preview, draw_preview, self, NULL);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->size_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->scale_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->style_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->width_spin, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->height_spin, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->subtitle_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->caption_row, "changed", G_CALLBACK (on_changed), self);
}

BenchExportDialog *
bench_export_dialog_present (GtkWindow      *parent,
                             BenchChartSpec *spec)
{
  BenchExportDialog *self = g_object_new (BENCH_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  const char *title = bench_chart_spec_get_title (spec);
  const char *subtitle = bench_chart_spec_get_subtitle (spec);
  const char *caption = bench_chart_spec_get_caption (spec);

  /* the texts from the window's chart: each row written syncs the copy
   * from all three rows, so none is read back from the copy */
  self->spec = bench_chart_spec_copy (spec);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->subtitle_row), subtitle ? subtitle : "");
  gtk_editable_set_text (GTK_EDITABLE (self->caption_row), caption ? caption : "");
  on_changed (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

BenchChartStyle
bench_export_dialog_get_style (BenchExportDialog *self)
{
  g_return_val_if_fail (BENCH_IS_EXPORT_DIALOG (self), BENCH_CHART_STYLE_LIGHT);
  return get_style (self);
}

void
bench_export_dialog_get_size (BenchExportDialog *self,
                              int               *width,
                              int               *height,
                              int               *scale)
{
  g_return_if_fail (BENCH_IS_EXPORT_DIALOG (self));
  get_size (self, width, height);
  *scale = adw_combo_row_get_selected (self->scale_row) + 1;
}
