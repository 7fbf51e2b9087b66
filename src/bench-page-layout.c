/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-page-layout.c — a view's layout: a hidden view costs no layout. */
#include "config.h"

#include "bench-page-layout.h"

struct _BenchPageLayout
{
  GtkLayoutManager parent_instance;

  gulong map_id;
};

G_DEFINE_FINAL_TYPE (BenchPageLayout, bench_page_layout, GTK_TYPE_LAYOUT_MANAGER)

static void
bench_page_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  /* a page the stack does not show: the answer for any size */
  if (!gtk_widget_get_child_visible (widget))
    for_size = -1;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum, child_natural, child_minimum_baseline = -1, child_natural_baseline = -1;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_minimum, &child_natural,
                          &child_minimum_baseline, &child_natural_baseline);
      *minimum = MAX (*minimum, child_minimum);
      *natural = MAX (*natural, child_natural);
      if (child_minimum_baseline > -1)
        *minimum_baseline = MAX (*minimum_baseline, child_minimum_baseline);
      if (child_natural_baseline > -1)
        *natural_baseline = MAX (*natural_baseline, child_natural_baseline);
    }
}

static void
bench_page_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* shown: measured again for the size it is given */
static void
on_map (GtkWidget *widget)
{
  gtk_widget_queue_resize (widget);
}

static void
bench_page_layout_root (GtkLayoutManager *manager)
{
  BenchPageLayout *self = BENCH_PAGE_LAYOUT (manager);

  self->map_id = g_signal_connect (gtk_layout_manager_get_widget (manager), "map",
                                   G_CALLBACK (on_map), NULL);
}

static void
bench_page_layout_unroot (GtkLayoutManager *manager)
{
  BenchPageLayout *self = BENCH_PAGE_LAYOUT (manager);

  g_clear_signal_handler (&self->map_id, gtk_layout_manager_get_widget (manager));
}

static void
bench_page_layout_class_init (BenchPageLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->measure = bench_page_layout_measure;
  manager_class->allocate = bench_page_layout_allocate;
  manager_class->root = bench_page_layout_root;
  manager_class->unroot = bench_page_layout_unroot;
}

static void
bench_page_layout_init (BenchPageLayout *self)
{
}
