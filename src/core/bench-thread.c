/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-thread.c — work that yields to the window. */
#include "config.h"

#include <errno.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "bench-thread.h"

#define BACKGROUND_NICE 10

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Background;

/* the calling thread's nice value; 0 where threads have none of their own */
int
bench_thread_get_nice (void)
{
#ifdef __linux__
  int nice;

  errno = 0;
  nice = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
  return errno == 0 ? nice : 0;
#else
  return 0;
#endif
}

static gpointer
run_background (gpointer data)
{
  Background *background = data;
  GTask *task = background->task;

#ifdef __linux__
  /* on Linux a priority is the thread's own: this one only, and the
   * threads it starts. A failure leaves it as it was. */
  if (bench_thread_get_nice () < BACKGROUND_NICE)
    (void) setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICE);
#endif
  background->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
                    g_task_get_cancellable (task));
  g_object_unref (task);
  g_free (background);
  return NULL;
}

/* Like g_task_run_in_thread (), on a thread of its own at a lower
 * priority. @func must return the task's result, as it would there. */
void
bench_task_run_in_background_thread (GTask           *task,
                                     const char      *name,
                                     GTaskThreadFunc  func)
{
  Background *background = g_new0 (Background, 1);

  background->task = g_object_ref (task);
  background->func = func;
  g_thread_unref (g_thread_new (name, run_background, background));
}
