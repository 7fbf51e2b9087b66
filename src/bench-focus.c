/* bench-focus.c — Tab leaves a table in one step. */
#include "config.h"

#include "bench-focus.h"

static gboolean
leave (GtkWidget *table,
       GVariant  *args,
       gpointer   data)
{
  gboolean forward = g_variant_get_boolean (args);
  GtkWidget *target = g_object_get_data (G_OBJECT (table), forward ? "bench-focus-next" : "bench-focus-previous");

  /* a target that cannot take the keyboard now: Tab as usual */
  if (target == NULL || !gtk_widget_is_sensitive (target) || !gtk_widget_get_mapped (target))
    return FALSE;
  gtk_widget_grab_focus (target);
  /* an entry hands the focus to its text: within @target is enough */
  return TRUE;
}

void
bench_focus_tab_leaves (GtkWidget *table,
                        GtkWidget *next,
                        GtkWidget *previous)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  static const struct { guint key; GdkModifierType mods; gboolean forward; } keys[] = {
    { GDK_KEY_Tab, 0, TRUE }, { GDK_KEY_KP_Tab, 0, TRUE },
    /* GTK files Shift+ISO_Left_Tab under Shift+Tab */
    { GDK_KEY_Tab, GDK_SHIFT_MASK, FALSE },
  };

  g_object_set_data (G_OBJECT (table), "bench-focus-next", next);
  g_object_set_data (G_OBJECT (table), "bench-focus-previous", previous);
  /* before the rows see the key */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                gtk_callback_action_new (leave, NULL, NULL));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_boolean (keys[i].forward));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (table, controller);
}
