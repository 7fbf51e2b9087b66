/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-gguf.h — what a GGUF model file's header says about the model:
 * layers, heads, key/value lengths, experts, sliding window, and from them
 * the bytes of KV cache each token of context takes.
 *
 * The reader never aborts and never reads past the end: a truncated or
 * hostile file gives a GError naming the file and the byte offset. Arrays
 * (token lists of 100k+ entries) are skipped without being built.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BENCH_GGUF_ERROR (bench_gguf_error_quark ())

typedef enum
{
  BENCH_GGUF_ERROR_NOT_GGUF,     /* no "GGUF" magic */
  BENCH_GGUF_ERROR_VERSION,      /* a version other than 2 and 3 */
  BENCH_GGUF_ERROR_TRUNCATED,    /* the file ends inside the header */
  BENCH_GGUF_ERROR_INVALID,      /* impossible counts, types or values */
  BENCH_GGUF_ERROR_IO,           /* the file cannot be opened or mapped */
} BenchGgufError;

GQuark bench_gguf_error_quark (void);

typedef struct _BenchGgufInfo BenchGgufInfo;

GType          bench_gguf_info_get_type (void) G_GNUC_CONST;
#define BENCH_TYPE_GGUF_INFO (bench_gguf_info_get_type ())

BenchGgufInfo *bench_gguf_info_ref   (BenchGgufInfo *self);
void           bench_gguf_info_unref (BenchGgufInfo *self);

/* (transfer full); NULL with @error set when the file is not a readable
 * GGUF 2 or 3 header. */
BenchGgufInfo *bench_gguf_info_read_file (const char  *path,
                                          GError     **error);
/* @name names the data in messages (a file name). */
BenchGgufInfo *bench_gguf_info_read_data (const guint8  *data,
                                          gsize          len,
                                          const char    *name,
                                          GError       **error);

guint32     bench_gguf_info_get_version                    (BenchGgufInfo *self);
const char *bench_gguf_info_get_name                       (BenchGgufInfo *self);
/* "" when the header does not say */
const char *bench_gguf_info_get_architecture               (BenchGgufInfo *self);
/* the model's own name (general.name), NULL when absent */
const char *bench_gguf_info_get_model_name                 (BenchGgufInfo *self);

/* 0 when the header does not say (unless noted) */
gint64      bench_gguf_info_get_block_count                (BenchGgufInfo *self);
gint64      bench_gguf_info_get_context_length             (BenchGgufInfo *self);
gint64      bench_gguf_info_get_embedding_length           (BenchGgufInfo *self);
gint64      bench_gguf_info_get_feed_forward_length        (BenchGgufInfo *self);
gint64      bench_gguf_info_get_expert_count               (BenchGgufInfo *self); /* 0 = dense */
gint64      bench_gguf_info_get_expert_used_count          (BenchGgufInfo *self);
gint64      bench_gguf_info_get_expert_feed_forward_length (BenchGgufInfo *self);
gint64      bench_gguf_info_get_sliding_window             (BenchGgufInfo *self); /* 0 = none */
gint64      bench_gguf_info_get_file_type                  (BenchGgufInfo *self); /* -1 unknown */
gint64      bench_gguf_info_get_tensor_count               (BenchGgufInfo *self);

/* Heads of layer 0 (or the one value for every layer); with defaults
 * applied: head_count_kv = head_count, key/value length = embedding_length /
 * head_count where the header is silent. */
gint64      bench_gguf_info_get_head_count                 (BenchGgufInfo *self);
gint64      bench_gguf_info_get_head_count_kv              (BenchGgufInfo *self);
gint64      bench_gguf_info_get_key_length                 (BenchGgufInfo *self);
gint64      bench_gguf_info_get_value_length               (BenchGgufInfo *self);
/* TRUE when the header gives heads (or KV heads) per layer, not one value */
gboolean    bench_gguf_info_is_head_count_per_layer        (BenchGgufInfo *self);
gboolean    bench_gguf_info_is_head_count_kv_per_layer     (BenchGgufInfo *self);
/* per-layer values, @layer < block_count; 0 when out of range */
gint64      bench_gguf_info_get_layer_head_count           (BenchGgufInfo *self,
                                                            guint          layer);
gint64      bench_gguf_info_get_layer_head_count_kv        (BenchGgufInfo *self,
                                                            guint          layer);
gboolean    bench_gguf_info_is_layer_sliding               (BenchGgufInfo *self,
                                                            guint          layer);
guint       bench_gguf_info_get_sliding_layer_count        (BenchGgufInfo *self);
/* TRUE when which layers slide was not in the header but taken from the
 * architecture's known pattern (Gemma 3: five of every six) */
gboolean    bench_gguf_info_is_sliding_pattern_assumed     (BenchGgufInfo *self);

/* FALSE for encoders (attention.causal false, BERT) and pure recurrent
 * models (Mamba, RWKV) */
gboolean    bench_gguf_info_has_kv_cache                   (BenchGgufInfo *self);
/* FALSE when the header lacks what the KV size needs (layers, heads,
 * lengths): the byte counts below are then 0 and mean "unknown" */
gboolean    bench_gguf_info_is_kv_known                    (BenchGgufInfo *self);
/* TRUE for caches the formula does not describe exactly: MLA (deepseek2),
 * recurrent and hybrid models (mamba, rwkv, qwen3next, jamba…), chunked
 * attention (llama4) */
gboolean    bench_gguf_info_is_kv_approximate              (BenchGgufInfo *self);

/* Bytes of KV cache per token of context, for cache types as llama-bench
 * names them in type_k/type_v ("f16", "q8_0"…; NULL = f16). Full-attention
 * layers, and sliding-window layers apart (these hold at most
 * sliding_window tokens). G_MAXUINT64 when the sum overflows; 0 for an
 * unknown cache type. */
guint64     bench_gguf_info_get_kv_bytes_per_token         (BenchGgufInfo *self,
                                                            const char    *type_k,
                                                            const char    *type_v);
guint64     bench_gguf_info_get_swa_kv_bytes_per_token     (BenchGgufInfo *self,
                                                            const char    *type_k,
                                                            const char    *type_v);

/* Fraction of the weight bytes in expert tensors (names with "_exps"),
 * from the tensor infos; without them, estimated from the header dims
 * (see bench_gguf_info_is_expert_share_estimated); NAN when unknown (a
 * tensor of unknown type, or dims missing); 0 for a dense model. */
double      bench_gguf_info_get_expert_share               (BenchGgufInfo *self);
gboolean    bench_gguf_info_is_expert_share_estimated      (BenchGgufInfo *self);
/* Parameters in the expert FFNs from the header dims: block_count (less
 * leading dense blocks) × expert_count × 3 × embedding_length ×
 * expert_feed_forward_length; 0 when unknown or dense. */
guint64     bench_gguf_info_get_expert_params              (BenchGgufInfo *self);
/* Bytes of all tensors / of expert tensors from the tensor infos; 0 when
 * the file has none or a type is unknown */
guint64     bench_gguf_info_get_tensor_bytes               (BenchGgufInfo *self);
guint64     bench_gguf_info_get_expert_tensor_bytes        (BenchGgufInfo *self);

/* Bytes per element of a KV cache type ("f16" 2, "q8_0" 34/32…); NAN for
 * an unknown type. Case-insensitive. */
double      bench_kv_type_bytes_per_element (const char *type);
/* "Q4_K_M" for general.file_type 15; NULL when unknown */
const char *bench_gguf_file_type_to_string  (gint64 file_type);

/* Process-wide, thread-safe lookup of model files. */
/* Registers a model file (--gguf=FILE, a drop) under its basename. */
void           bench_gguf_register (const char    *path,
                                    BenchGgufInfo *info);
/* (transfer full) (nullable): the info registered under the basename of
 * @model_filename, else read from @model_filename when it is a readable
 * .gguf on this machine (cached; failures cached too), else NULL. */
BenchGgufInfo *bench_gguf_lookup   (const char    *model_filename);
/* Forgets registrations and cached reads (tests). */
void           bench_gguf_reset    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchGgufInfo, bench_gguf_info_unref)

G_END_DECLS
