/* bench-focus.h — Tab leaves a table in one step.
 *
 * A column view's rows are each a stop of Tab: crossing a table of a
 * hundred runs took a hundred presses. Within a table the arrow keys move;
 * Tab goes on to @next and Shift+Tab back to @previous. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void bench_focus_tab_leaves (GtkWidget *table,
                             GtkWidget *next,
                             GtkWidget *previous);

G_END_DECLS
