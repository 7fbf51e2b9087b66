/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-test-window.c — what the window tests share. */
#include "bench-test-window.h"

void
bench_test_wait_until_loaded (BenchWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (bench_window_is_loading (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  /* let the views settle */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (bench_window_is_loading (window));
}

void
bench_test_screenshot (GtkWidget  *widget,
                       const char *name)
{
  const char *dir = g_getenv ("BENCHTOP_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  gint64 until;
  int w, h;

  if (dir == NULL || name == NULL)
    return;
  /* let transitions finish and a frame be laid out */
  until = g_get_monotonic_time () + 800 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}
