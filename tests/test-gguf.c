/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gguf.c — the GGUF header reader: the facts of every header in
 * ../shared/corpus/gguf/ against hand computation, and hostile headers
 * (truncated everywhere, counts near 2⁶⁴, unknown and nested types, wrong
 * types for known keys) that must give a clear error and nothing worse. */
#include <math.h>
#include <string.h>

#include "bench-gguf.h"
#include "bench-test-util.h"

static BenchGgufInfo *
read_corpus (const char *name)
{
  g_autofree char *relative = g_build_filename ("gguf", name, NULL);
  g_autofree char *path = bench_test_corpus_path (relative);
  g_autoptr (GError) error = NULL;
  BenchGgufInfo *info = bench_gguf_info_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info;
}

static GBytes *
corpus_bytes (const char *name)
{
  g_autofree char *relative = g_build_filename ("gguf", name, NULL);
  g_autofree char *path = bench_test_corpus_path (relative);
  g_autoptr (GError) error = NULL;
  char *contents;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* —— the corpus, by hand ——
 * KV bytes per token = Σ layers kv_heads × (key_length + value_length) ×
 * bytes per element; f16 2, q8_0 34 bytes per 32, q4_0 18 per 32. */

typedef struct
{
  const char *file;
  const char *arch;
  gint64      layers, context, embd, heads, kv_heads, key_len;
  guint64     f16, q8_0, q4_0;
} Expected;

static const Expected corpus[] = {
  /* 32 layers × 32 KV heads × (128 + 128) = 262,144 elements; key length
   * 4096 / 32 = 128 (not in the header). f16 524,288 (Llama-2-7B's 0.5 MiB);
   * q8_0 262,144 / 32 × 34 = 278,528; q4_0 × 18 = 147,456 */
  { "vocab-llama-spm.gguf", "llama", 32, 4096, 4096, 32, 32, 128, 524288, 278528, 147456 },
  /* phi3: 32 × 32 × (96 + 96) = 196,608 elements (3072 / 32 = 96):
   * f16 393,216; q8_0 208,896; q4_0 110,592 */
  { "vocab-phi-3.gguf", "phi3", 32, 4096, 3072, 32, 32, 96, 393216, 208896, 110592 },
  /* falcon: 71 heads, 1 KV head, 4544 / 71 = 64: 32 × 1 × 128 = 4,096
   * elements: f16 8,192; q8_0 4,352; q4_0 2,304 */
  { "vocab-falcon.gguf", "falcon", 32, 2048, 4544, 71, 1, 64, 8192, 4352, 2304 },
  /* starcoder2: 24 heads, 2 KV, 3072 / 24 = 128: 30 × 2 × 256 = 15,360
   * elements: f16 30,720; q8_0 16,320; q4_0 8,640 */
  { "vocab-starcoder.gguf", "starcoder2", 30, 16384, 3072, 24, 2, 128, 30720, 16320, 8640 },
  /* deepseek-coder (llama, 16k context): as llama-spm */
  { "vocab-deepseek-coder.gguf", "llama", 32, 16384, 4096, 32, 32, 128, 524288, 278528, 147456 },
  /* BERT: an encoder (attention.causal false), no cache */
  { "vocab-bert-bge.gguf", "bert", 12, 512, 384, 12, 12, 32, 0, 0, 0 },
  /* 8B llama, GQA 32/8: 32 × 8 × 256 = 65,536 elements: f16 131,072 (the
   * known 128 KiB of Llama 3 8B); q8_0 69,632; q4_0 36,864 */
  { "meta-llama-gqa-8b-shape.gguf", "llama", 32, 131072, 4096, 32, 8, 128, 131072, 69632, 36864 },
  /* Qwen3-30B-A3B: explicit key/value length 128, 4 KV heads, 48 layers:
   * 48 × 4 × 256 = 49,152 elements: f16 98,304; q8_0 52,224; q4_0 27,648 */
  { "meta-qwen3moe-30b-a3b-shape.gguf", "qwen3moe", 48, 40960, 2048, 32, 4, 128, 98304, 52224, 27648 },
  /* per-layer KV heads [4, 4, 0, 4, 4, 0], 2048 / 16 = 128: four layers ×
   * 4 × 256 = 4,096 elements: f16 8,192; q8_0 4,352; q4_0 2,304 */
  { "meta-per-layer-kv-heads.gguf", "llama", 6, 8192, 2048, 16, 4, 128, 8192, 4352, 2304 },
  /* Gemma 3 4B: 34 layers, 4 KV heads × (256 + 256) = 2,048 elements a
   * layer; five of every six slide, so layers 5, 11, 17, 23, 29 are full:
   * 5 × 2,048 = 10,240 elements: f16 20,480; q8_0 10,880; q4_0 5,760 */
  { "meta-gemma3-swa-shape.gguf", "gemma3", 34, 131072, 2560, 8, 4, 256, 20480, 10880, 5760 },
};

static void
test_corpus_facts (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      const Expected *e = &corpus[i];
      g_autoptr (BenchGgufInfo) info = read_corpus (e->file);

      g_test_message ("%s", e->file);
      g_assert_cmpstr (bench_gguf_info_get_architecture (info), ==, e->arch);
      g_assert_cmpint (bench_gguf_info_get_block_count (info), ==, e->layers);
      g_assert_cmpint (bench_gguf_info_get_context_length (info), ==, e->context);
      g_assert_cmpint (bench_gguf_info_get_embedding_length (info), ==, e->embd);
      g_assert_cmpint (bench_gguf_info_get_head_count (info), ==, e->heads);
      g_assert_cmpint (bench_gguf_info_get_head_count_kv (info), ==, e->kv_heads);
      g_assert_cmpint (bench_gguf_info_get_key_length (info), ==, e->key_len);
      g_assert_cmpint (bench_gguf_info_get_value_length (info), ==, e->key_len);
      g_assert_true (bench_gguf_info_is_kv_known (info));
      g_assert_false (bench_gguf_info_is_kv_approximate (info));
      g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, NULL, NULL), ==, e->f16);
      g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, "f16", "f16"), ==, e->f16);
      g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, "q8_0", "q8_0"), ==, e->q8_0);
      g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, "q4_0", "q4_0"), ==, e->q4_0);
      g_assert_cmpint (bench_gguf_info_has_kv_cache (info), ==, e->f16 > 0);
    }
}

static void
test_corpus_mixed_cache_types (void)
{
  g_autoptr (BenchGgufInfo) info = read_corpus ("meta-llama-gqa-8b-shape.gguf");

  /* K in q8_0, V in f16: 32,768 elements each: 32,768 / 32 × 34 = 34,816
   * plus 65,536 */
  g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, "q8_0", "f16"), ==, 34816 + 65536);
  /* f32: 65,536 × 4 */
  g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, "F32", "f32"), ==, 262144);
  /* an unknown type: unknown, 0 */
  g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, "q3_k", "f16"), ==, 0);
  g_assert_cmpint (bench_gguf_info_get_file_type (info), ==, 15);
  g_assert_cmpstr (bench_gguf_file_type_to_string (15), ==, "Q4_K_M");
  g_assert_cmpint (bench_gguf_info_get_sliding_window (info), ==, 0);
  g_assert_cmpuint (bench_gguf_info_get_swa_kv_bytes_per_token (info, NULL, NULL), ==, 0);
  /* dense, no tensor infos: no expert share to speak of */
  g_assert_cmpint (bench_gguf_info_get_expert_count (info), ==, 0);
  g_assert_cmpfloat (bench_gguf_info_get_expert_share (info), ==, 0.0);
}

static void
test_corpus_bytes_per_element (void)
{
  g_assert_cmpfloat (bench_kv_type_bytes_per_element ("f16"), ==, 2.0);
  g_assert_cmpfloat (bench_kv_type_bytes_per_element ("bf16"), ==, 2.0);
  g_assert_cmpfloat (bench_kv_type_bytes_per_element ("f32"), ==, 4.0);
  g_assert_cmpfloat (bench_kv_type_bytes_per_element ("q8_0"), ==, 34.0 / 32);
  g_assert_cmpfloat (bench_kv_type_bytes_per_element ("q4_0"), ==, 18.0 / 32);
  g_assert_cmpfloat (bench_kv_type_bytes_per_element ("q4_1"), ==, 20.0 / 32);
  g_assert_cmpfloat (bench_kv_type_bytes_per_element ("q5_0"), ==, 22.0 / 32);
  g_assert_cmpfloat (bench_kv_type_bytes_per_element ("q5_1"), ==, 24.0 / 32);
  g_assert_cmpfloat (bench_kv_type_bytes_per_element ("IQ4_NL"), ==, 18.0 / 32);
  g_assert_true (isnan (bench_kv_type_bytes_per_element ("q4_K")));
  g_assert_true (isnan (bench_kv_type_bytes_per_element (NULL)));
}

static void
test_corpus_moe (void)
{
  g_autoptr (BenchGgufInfo) info = read_corpus ("meta-qwen3moe-30b-a3b-shape.gguf");
  double experts, total;

  g_assert_cmpint (bench_gguf_info_get_expert_count (info), ==, 128);
  g_assert_cmpint (bench_gguf_info_get_expert_used_count (info), ==, 8);
  g_assert_cmpint (bench_gguf_info_get_expert_feed_forward_length (info), ==, 768);
  /* experts: 48 layers × 128 × 3 matrices × 2048 × 768 = 28,991,029,248 */
  experts = 28991029248.0;
  g_assert_cmpuint (bench_gguf_info_get_expert_params (info), ==, 28991029248u);
  /* the rest from the header: attention 48 × 2048 × (32×128 + 4×256 +
   * 32×128) = 905,969,664; routers 48 × 2048 × 128 = 12,582,912; no
   * vocabulary in the header, so no embeddings */
  total = experts + 905969664.0 + 12582912.0;
  g_assert_cmpfloat_with_epsilon (bench_gguf_info_get_expert_share (info), experts / total, 1e-9);
  g_assert_true (bench_gguf_info_is_expert_share_estimated (info));
}

static void
test_corpus_per_layer_heads (void)
{
  g_autoptr (BenchGgufInfo) info = read_corpus ("meta-per-layer-kv-heads.gguf");
  const gint64 kv[] = { 4, 4, 0, 4, 4, 0 };

  g_assert_true (bench_gguf_info_is_head_count_per_layer (info));
  g_assert_true (bench_gguf_info_is_head_count_kv_per_layer (info));
  for (guint i = 0; i < G_N_ELEMENTS (kv); i++)
    {
      g_assert_cmpint (bench_gguf_info_get_layer_head_count (info, i), ==, 16);
      g_assert_cmpint (bench_gguf_info_get_layer_head_count_kv (info, i), ==, kv[i]);
    }
  g_assert_cmpint (bench_gguf_info_get_layer_head_count_kv (info, 6), ==, 0);
}

static void
test_corpus_sliding_window (void)
{
  g_autoptr (BenchGgufInfo) info = read_corpus ("meta-gemma3-swa-shape.gguf");

  g_assert_cmpint (bench_gguf_info_get_sliding_window (info), ==, 1024);
  g_assert_true (bench_gguf_info_is_sliding_pattern_assumed (info));
  g_assert_cmpuint (bench_gguf_info_get_sliding_layer_count (info), ==, 29);
  g_assert_true (bench_gguf_info_is_layer_sliding (info, 0));
  g_assert_true (bench_gguf_info_is_layer_sliding (info, 4));
  g_assert_false (bench_gguf_info_is_layer_sliding (info, 5));
  g_assert_false (bench_gguf_info_is_layer_sliding (info, 29));
  g_assert_true (bench_gguf_info_is_layer_sliding (info, 33));
  /* 29 sliding layers × 2,048 elements = 59,392: f16 118,784; q8_0
   * 59,392 / 32 × 34 = 63,104 */
  g_assert_cmpuint (bench_gguf_info_get_swa_kv_bytes_per_token (info, NULL, NULL), ==, 118784);
  g_assert_cmpuint (bench_gguf_info_get_swa_kv_bytes_per_token (info, "q8_0", "q8_0"), ==, 63104);
}

static void
test_corpus_encoder (void)
{
  g_autoptr (BenchGgufInfo) info = read_corpus ("vocab-bert-bge.gguf");

  g_assert_false (bench_gguf_info_has_kv_cache (info));
  g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, "f16", "f16"), ==, 0);
  g_assert_cmpint (bench_gguf_info_get_file_type (info), ==, 1);
}

static void
test_corpus_read_data (void)
{
  g_autoptr (GBytes) bytes = corpus_bytes ("vocab-falcon.gguf");
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  info = bench_gguf_info_read_data (data, len, "falcon", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, NULL, NULL), ==, 8192);
  g_assert_cmpstr (bench_gguf_info_get_name (info), ==, "falcon");
}

/* —— headers built here —— */

typedef GByteArray Gguf;

static void
put_u32 (Gguf   *g,
         guint32 v)
{
  guint32 le = GUINT32_TO_LE (v);
  g_byte_array_append (g, (const guint8 *) &le, 4);
}

static void
put_u64 (Gguf   *g,
         guint64 v)
{
  guint64 le = GUINT64_TO_LE (v);
  g_byte_array_append (g, (const guint8 *) &le, 8);
}

static void
put_str (Gguf       *g,
         const char *s)
{
  put_u64 (g, strlen (s));
  g_byte_array_append (g, (const guint8 *) s, strlen (s));
}

static Gguf *
gguf_new (guint32 version,
          guint64 n_tensors,
          guint64 n_kv)
{
  Gguf *g = g_byte_array_new ();

  g_byte_array_append (g, (const guint8 *) "GGUF", 4);
  put_u32 (g, version);
  put_u64 (g, n_tensors);
  put_u64 (g, n_kv);
  return g;
}

static void
kv_u32 (Gguf       *g,
        const char *key,
        guint32     v)
{
  put_str (g, key);
  put_u32 (g, 4);
  put_u32 (g, v);
}

static void
kv_str (Gguf       *g,
        const char *key,
        const char *v)
{
  put_str (g, key);
  put_u32 (g, 8);
  put_str (g, v);
}

static void
kv_u32_array (Gguf          *g,
              const char    *key,
              const guint32 *v,
              guint          n)
{
  put_str (g, key);
  put_u32 (g, 9);
  put_u32 (g, 4);
  put_u64 (g, n);
  for (guint i = 0; i < n; i++)
    put_u32 (g, v[i]);
}

static void
kv_bool_array (Gguf           *g,
               const char     *key,
               const gboolean *v,
               guint           n)
{
  put_str (g, key);
  put_u32 (g, 9);
  put_u32 (g, 7);
  put_u64 (g, n);
  for (guint i = 0; i < n; i++)
    {
      guint8 b = v[i] ? 1 : 0;
      g_byte_array_append (g, &b, 1);
    }
}

static void
put_tensor (Gguf          *g,
            const char    *name,
            guint32        type,
            guint          n_dims,
            const guint64 *dims)
{
  put_str (g, name);
  put_u32 (g, n_dims);
  for (guint i = 0; i < n_dims; i++)
    put_u64 (g, dims[i]);
  put_u32 (g, type);
  put_u64 (g, 0);
}

/* the five keys of a small llama */
#define SMALL_LLAMA_KEYS 5
static void
small_llama (Gguf *g)
{
  kv_str (g, "general.architecture", "llama");
  kv_u32 (g, "llama.block_count", 2);
  kv_u32 (g, "llama.embedding_length", 64);
  kv_u32 (g, "llama.attention.head_count", 4);
  kv_u32 (g, "llama.attention.head_count_kv", 2);
}

static BenchGgufInfo *
read_gguf (Gguf    *g,
           GError **error)
{
  return bench_gguf_info_read_data (g->data, g->len, "hostile.gguf", error);
}

/* reads @g and expects an error of @code whose message names the file */
static void
assert_refused (Gguf       *g,
                int         code,
                const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = read_gguf (g, &error);

  g_assert_null (info);
  g_assert_error (error, BENCH_GGUF_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "hostile.gguf: "));
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static void
test_built_small_llama (void)
{
  g_autoptr (GByteArray) g = gguf_new (3, 0, SMALL_LLAMA_KEYS);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = NULL;

  small_llama (g);
  info = read_gguf (g, &error);
  g_assert_no_error (error);
  /* 2 layers × 2 KV heads × (16 + 16), 64 / 4 = 16: 128 elements, f16 256 */
  g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, NULL, NULL), ==, 256);
  g_assert_cmpint (bench_gguf_info_get_file_type (info), ==, -1);
  g_assert_cmpint (bench_gguf_info_get_version (info), ==, 3);
}

static void
test_built_version_2 (void)
{
  g_autoptr (GByteArray) g = gguf_new (2, 0, SMALL_LLAMA_KEYS);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = NULL;

  small_llama (g);
  info = read_gguf (g, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bench_gguf_info_get_version (info), ==, 2);
}

static void
test_built_sliding_pattern_array (void)
{
  const gboolean slides[] = { TRUE, TRUE, TRUE, FALSE };
  g_autoptr (GByteArray) g = gguf_new (3, 0, 7);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = NULL;

  kv_str (g, "general.architecture", "gemma3");
  kv_u32 (g, "gemma3.block_count", 4);
  kv_u32 (g, "gemma3.embedding_length", 64);
  kv_u32 (g, "gemma3.attention.head_count", 4);
  kv_u32 (g, "gemma3.attention.head_count_kv", 1);
  kv_u32 (g, "gemma3.attention.sliding_window", 512);
  kv_bool_array (g, "gemma3.attention.sliding_window_pattern", slides, 4);
  info = read_gguf (g, &error);
  g_assert_no_error (error);
  /* the header says which layers slide: three of four, not the assumed
   * five of six. A layer: 1 × (16 + 16) × 2 = 64 bytes */
  g_assert_false (bench_gguf_info_is_sliding_pattern_assumed (info));
  g_assert_cmpuint (bench_gguf_info_get_sliding_layer_count (info), ==, 3);
  g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, NULL, NULL), ==, 64);
  g_assert_cmpuint (bench_gguf_info_get_swa_kv_bytes_per_token (info, NULL, NULL), ==, 192);
}

/* the known patterns over 12 layers: layer i slides when i % period <
 * period - 1 */
static void
test_built_known_patterns (void)
{
  const struct { const char *arch; guint sliding; } patterns[] = {
    { "gemma2", 6 },    /* period 2: 0, 2, 4, 6, 8, 10 */
    { "cohere2", 9 },   /* period 4: three of four */
    { "gemma3n", 10 },  /* period 5: 0-3, 5-8, 10, 11 */
    { "gemma3", 10 },   /* period 6: 0-4, 6-10 */
    { "llama", 0 },     /* a window without a known pattern: all full */
  };

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      const char *arch = patterns[i].arch;
      g_autoptr (GByteArray) g = gguf_new (3, 0, 6);
      g_autoptr (GError) error = NULL;
      g_autoptr (BenchGgufInfo) info = NULL;
      g_autofree char *blocks = g_strconcat (arch, ".block_count", NULL);
      g_autofree char *embd = g_strconcat (arch, ".embedding_length", NULL);
      g_autofree char *heads = g_strconcat (arch, ".attention.head_count", NULL);
      g_autofree char *kv = g_strconcat (arch, ".attention.head_count_kv", NULL);
      g_autofree char *window = g_strconcat (arch, ".attention.sliding_window", NULL);

      kv_str (g, "general.architecture", arch);
      kv_u32 (g, blocks, 12);
      kv_u32 (g, embd, 64);
      kv_u32 (g, heads, 4);
      kv_u32 (g, kv, 1);
      kv_u32 (g, window, 512);
      info = read_gguf (g, &error);
      g_assert_no_error (error);
      g_test_message ("%s", arch);
      g_assert_cmpuint (bench_gguf_info_get_sliding_layer_count (info), ==, patterns[i].sliding);
      g_assert_cmpint (bench_gguf_info_is_sliding_pattern_assumed (info), ==, patterns[i].sliding > 0);
      /* a layer: 1 × (16 + 16) × 2 = 64 bytes */
      g_assert_cmpuint (bench_gguf_info_get_swa_kv_bytes_per_token (info, NULL, NULL), ==,
                        64 * patterns[i].sliding);
      g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, NULL, NULL), ==,
                        64 * (12 - patterns[i].sliding));
    }
}

static void
test_built_gemma2_pattern (void)
{
  g_autoptr (GByteArray) g = gguf_new (3, 0, 6);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = NULL;

  kv_str (g, "general.architecture", "gemma2");
  kv_u32 (g, "gemma2.block_count", 6);
  kv_u32 (g, "gemma2.embedding_length", 64);
  kv_u32 (g, "gemma2.attention.head_count", 4);
  kv_u32 (g, "gemma2.attention.head_count_kv", 1);
  kv_u32 (g, "gemma2.attention.sliding_window", 4096);
  info = read_gguf (g, &error);
  g_assert_no_error (error);
  /* every other layer, from layer 0 */
  g_assert_true (bench_gguf_info_is_sliding_pattern_assumed (info));
  g_assert_true (bench_gguf_info_is_layer_sliding (info, 0));
  g_assert_false (bench_gguf_info_is_layer_sliding (info, 1));
  g_assert_cmpuint (bench_gguf_info_get_sliding_layer_count (info), ==, 3);
}

static void
test_built_mla_approximate (void)
{
  g_autoptr (GByteArray) g = gguf_new (3, 0, 8);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = NULL;

  kv_str (g, "general.architecture", "deepseek2");
  kv_u32 (g, "deepseek2.block_count", 61);
  kv_u32 (g, "deepseek2.embedding_length", 7168);
  kv_u32 (g, "deepseek2.attention.head_count", 128);
  kv_u32 (g, "deepseek2.attention.head_count_kv", 128);
  kv_u32 (g, "deepseek2.attention.key_length", 192);
  kv_u32 (g, "deepseek2.attention.kv_lora_rank", 512);
  kv_u32 (g, "deepseek2.rope.dimension_count", 64);
  info = read_gguf (g, &error);
  g_assert_no_error (error);
  /* the compressed latent: 61 layers × (512 + 64) × 2 = 70,272 */
  g_assert_true (bench_gguf_info_is_kv_approximate (info));
  g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, NULL, NULL), ==, 70272);
}

static void
test_built_recurrent (void)
{
  g_autoptr (GByteArray) g = gguf_new (3, 0, 3);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = NULL;

  kv_str (g, "general.architecture", "mamba");
  kv_u32 (g, "mamba.block_count", 64);
  kv_u32 (g, "mamba.embedding_length", 2560);
  info = read_gguf (g, &error);
  g_assert_no_error (error);
  g_assert_false (bench_gguf_info_has_kv_cache (info));
  g_assert_true (bench_gguf_info_is_kv_approximate (info));
  g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, NULL, NULL), ==, 0);
}

static void
test_built_silent_header (void)
{
  g_autoptr (GByteArray) g = gguf_new (3, 0, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = NULL;

  kv_str (g, "general.architecture", "llama");
  info = read_gguf (g, &error);
  g_assert_no_error (error);
  g_assert_false (bench_gguf_info_is_kv_known (info));
  g_assert_cmpuint (bench_gguf_info_get_kv_bytes_per_token (info, NULL, NULL), ==, 0);
  g_assert_true (isnan (bench_gguf_info_get_expert_share (info)));
}

static void
test_built_tensor_infos (void)
{
  const guint64 exps[] = { 64, 4 }, attn[] = { 64, 2 }, embd[] = { 16 };
  g_autoptr (GByteArray) g = gguf_new (3, 3, SMALL_LLAMA_KEYS + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = NULL;

  small_llama (g);
  kv_u32 (g, "llama.expert_count", 4);
  /* 256 elements of q8_0: 8 blocks × 34 = 272 bytes */
  put_tensor (g, "blk.0.ffn_up_exps.weight", 8, 2, exps);
  /* 128 of f16: 256 bytes */
  put_tensor (g, "blk.0.attn_q.weight", 1, 2, attn);
  /* 16 of f32: 64 bytes */
  put_tensor (g, "token_embd.weight", 0, 1, embd);
  info = read_gguf (g, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bench_gguf_info_get_tensor_bytes (info), ==, 592);
  g_assert_cmpuint (bench_gguf_info_get_expert_tensor_bytes (info), ==, 272);
  g_assert_cmpfloat_with_epsilon (bench_gguf_info_get_expert_share (info), 272.0 / 592, 1e-12);
  g_assert_false (bench_gguf_info_is_expert_share_estimated (info));
}

static void
test_built_tensor_unknown_type (void)
{
  const guint64 dims[] = { 64, 4 };
  g_autoptr (GByteArray) g = gguf_new (3, 2, SMALL_LLAMA_KEYS + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = NULL;

  small_llama (g);
  kv_u32 (g, "llama.expert_count", 4);
  put_tensor (g, "blk.0.ffn_up_exps.weight", 8, 2, dims);
  put_tensor (g, "blk.0.ffn_down_exps.weight", 200, 2, dims);
  info = read_gguf (g, &error);
  g_assert_no_error (error);
  /* a type the reader does not know: no bytes, and no share (the header
   * lacks expert_feed_forward_length for an estimate) */
  g_assert_cmpuint (bench_gguf_info_get_tensor_bytes (info), ==, 0);
  g_assert_true (isnan (bench_gguf_info_get_expert_share (info)));
}

/* —— hostile —— */

static void
test_hostile_truncated_everywhere (void)
{
  const char *files[] = {
    "meta-gemma3-swa-shape.gguf", "meta-llama-gqa-8b-shape.gguf",
    "meta-per-layer-kv-heads.gguf", "meta-qwen3moe-30b-a3b-shape.gguf",
    "vocab-llama-spm.gguf", "vocab-bert-bge.gguf",
  };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr (GBytes) bytes = corpus_bytes (files[f]);
      gsize len, end = 0;
      const guint8 *data = g_bytes_get_data (bytes, &len);
      guint tried = 0;

      /* every length in the first KiB (the keys before the token list)
       * and the last 64 bytes, every 4093rd between; where the header
       * ends: the first length that reads */
      for (gsize cut = 0; cut <= len;
           cut = cut < 1024 || cut + 64 >= len ? cut + 1 : MIN (cut + 4093, len - 64))
        {
          g_autoptr (GError) error = NULL;
          /* the short cuts read from a copy of exactly @cut bytes, so that
           * ASan sees any read past the end */
          g_autofree guint8 *copy = cut <= 4096 ? g_memdup2 (data, MAX (cut, 1)) : NULL;
          g_autoptr (BenchGgufInfo) info = bench_gguf_info_read_data (copy ? copy : data, cut,
                                                                      "cut.gguf", &error);

          tried++;
          if (info != NULL)
            {
              if (end == 0)
                end = cut;
            }
          else
            {
              g_assert_nonnull (error);
              g_assert_true (g_str_has_prefix (error->message, "cut.gguf: "));
              /* once the header is whole, more bytes never break it */
              g_assert_cmpuint (end, ==, 0);
            }
          if (cut == len)
            break;
        }
      g_test_message ("%s: %u lengths tried, header reads from %" G_GSIZE_FORMAT " bytes",
                      files[f], tried, end);
      g_assert_cmpuint (end, >, 24);
      g_assert_cmpuint (end, <=, len);
    }
}

static void
test_hostile_not_gguf (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GByteArray) g = g_byte_array_new ();

  g_assert_null (bench_gguf_info_read_data (NULL, 0, "hostile.gguf", &error));
  g_assert_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_NOT_GGUF);
  g_byte_array_append (g, (const guint8 *) "GGML\3\0\0\0", 8);
  assert_refused (g, BENCH_GGUF_ERROR_NOT_GGUF, "GGUF");
}

static void
test_hostile_versions (void)
{
  const guint32 versions[] = { 0, 1, 4, 0xffffffff };

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autoptr (GByteArray) g = gguf_new (versions[i], 0, 0);
      g_autofree char *number = g_strdup_printf ("%u", versions[i]);

      assert_refused (g, BENCH_GGUF_ERROR_VERSION, number);
    }
  {
    /* version 3 written big-endian */
    g_autoptr (GByteArray) g = gguf_new (0x03000000, 0, 0);
    assert_refused (g, BENCH_GGUF_ERROR_VERSION, "big-endian");
  }
}

static void
test_hostile_huge_counts (void)
{
  const guint64 counts[] = { G_MAXUINT64, G_MAXUINT64 - 7, G_MAXINT64, (guint64) 1 << 40, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr (GByteArray) kv = gguf_new (3, 0, counts[i]);
      g_autoptr (GByteArray) tensors = gguf_new (3, counts[i], SMALL_LLAMA_KEYS);

      small_llama (kv);
      assert_refused (kv, BENCH_GGUF_ERROR_TRUNCATED, "key/value pairs");
      small_llama (tensors);
      assert_refused (tensors, BENCH_GGUF_ERROR_TRUNCATED, "tensors");
    }
}

static void
test_hostile_huge_lengths (void)
{
  const guint64 lengths[] = { G_MAXUINT64, G_MAXUINT64 - 7, G_MAXINT64, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr (GByteArray) key = gguf_new (3, 0, 1);
      g_autoptr (GByteArray) value = gguf_new (3, 0, 1);

      /* a key length beyond the end */
      put_u64 (key, lengths[i]);
      g_byte_array_append (key, (const guint8 *) "general.architecture....", 24);
      assert_refused (key, BENCH_GGUF_ERROR_TRUNCATED, "key");

      /* a string value length beyond the end */
      put_str (value, "general.architecture");
      put_u32 (value, 8);
      put_u64 (value, lengths[i]);
      g_byte_array_append (value, (const guint8 *) "llama", 5);
      assert_refused (value, BENCH_GGUF_ERROR_TRUNCATED, "string");
    }
}

static void
test_hostile_huge_arrays (void)
{
  /* element types: uint8, uint64, string; counts that overflow count × size */
  const guint32 types[] = { 0, 10, 8, 7 };
  const guint64 counts[] = { G_MAXUINT64, G_MAXUINT64 / 8 + 1, (guint64) 1 << 61, 100000 };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
      {
        g_autoptr (GByteArray) g = gguf_new (3, 0, 1);

        put_str (g, "tokenizer.ggml.tokens");
        put_u32 (g, 9);
        put_u32 (g, types[t]);
        put_u64 (g, counts[c]);
        put_u64 (g, 3);
        g_byte_array_append (g, (const guint8 *) "abc", 3);
        assert_refused (g, BENCH_GGUF_ERROR_TRUNCATED, "tokenizer.ggml.tokens");
      }

  {
    /* strings whose lengths run past the end, inside a count that fits */
    g_autoptr (GByteArray) g = gguf_new (3, 0, 1);

    put_str (g, "tokenizer.ggml.tokens");
    put_u32 (g, 9);
    put_u32 (g, 8);
    put_u64 (g, 4);
    put_str (g, "a");
    put_u64 (g, G_MAXUINT64 - 2);
    put_u64 (g, 0);
    put_u64 (g, 0);
    assert_refused (g, BENCH_GGUF_ERROR_TRUNCATED, "string");
  }
}

static void
test_hostile_unknown_types (void)
{
  const guint32 types[] = { 13, 255, 0x7fffffff, 0xffffffff };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr (GByteArray) scalar = gguf_new (3, 0, 1);
      g_autoptr (GByteArray) array = gguf_new (3, 0, 1);

      put_str (scalar, "general.x");
      put_u32 (scalar, types[i]);
      put_u64 (scalar, 0);
      assert_refused (scalar, BENCH_GGUF_ERROR_INVALID, "unknown value type");

      put_str (array, "general.x");
      put_u32 (array, 9);
      put_u32 (array, types[i]);
      put_u64 (array, 1);
      put_u64 (array, 0);
      assert_refused (array, BENCH_GGUF_ERROR_INVALID, "unknown array element type");
    }
}

static void
test_hostile_nested_arrays (void)
{
  g_autoptr (GByteArray) g = gguf_new (3, 0, 1);

  put_str (g, "general.x");
  put_u32 (g, 9);
  put_u32 (g, 9);
  put_u64 (g, 1);
  put_u32 (g, 4);
  put_u64 (g, 1);
  put_u32 (g, 7);
  assert_refused (g, BENCH_GGUF_ERROR_INVALID, "array of arrays");
}

static void
test_hostile_wrong_types (void)
{
  {
    g_autoptr (GByteArray) g = gguf_new (3, 0, 2);
    kv_str (g, "general.architecture", "llama");
    kv_str (g, "llama.block_count", "32");
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "llama.block_count");
  }
  {
    g_autoptr (GByteArray) g = gguf_new (3, 0, 1);
    kv_u32 (g, "general.architecture", 7);
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "general.architecture");
  }
  {
    g_autoptr (GByteArray) g = gguf_new (3, 0, 3);
    kv_str (g, "general.architecture", "llama");
    kv_u32 (g, "llama.block_count", 2);
    put_str (g, "llama.attention.head_count");
    put_u32 (g, 6);
    put_u32 (g, 0x41000000);
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "float32");
  }
  {
    g_autoptr (GByteArray) g = gguf_new (3, 0, SMALL_LLAMA_KEYS + 1);
    small_llama (g);
    kv_u32 (g, "llama.attention.causal", 0);
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "llama.attention.causal");
  }
  {
    g_autoptr (GByteArray) g = gguf_new (3, 0, SMALL_LLAMA_KEYS + 1);
    small_llama (g);
    kv_u32 (g, "general.file_type", 0xffffffff);
    /* a uint32 is never negative: file type 4294967295 is unknown, not an error */
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BenchGgufInfo) info = read_gguf (g, &error);
      g_assert_no_error (error);
      g_assert_null (bench_gguf_file_type_to_string (bench_gguf_info_get_file_type (info)));
    }
  }
  {
    /* per-layer heads whose count is not the layer count */
    const guint32 heads[] = { 4, 4, 4 };
    g_autoptr (GByteArray) g = gguf_new (3, 0, 4);
    kv_str (g, "general.architecture", "llama");
    kv_u32 (g, "llama.block_count", 2);
    kv_u32 (g, "llama.embedding_length", 64);
    kv_u32_array (g, "llama.attention.head_count", heads, 3);
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "3 values for 2 layers");
  }
  {
    /* per-layer heads as strings */
    g_autoptr (GByteArray) g = gguf_new (3, 0, 3);
    kv_str (g, "general.architecture", "llama");
    kv_u32 (g, "llama.block_count", 1);
    put_str (g, "llama.attention.head_count_kv");
    put_u32 (g, 9);
    put_u32 (g, 8);
    put_u64 (g, 1);
    put_str (g, "8");
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "llama.attention.head_count_kv");
  }
}

static void
test_hostile_impossible_values (void)
{
  {
    /* a negative layer count */
    g_autoptr (GByteArray) g = gguf_new (3, 0, 2);
    kv_str (g, "general.architecture", "llama");
    put_str (g, "llama.block_count");
    put_u32 (g, 5);
    put_u32 (g, 0xffffffff);
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "-1");
  }
  {
    /* a uint64 above G_MAXINT64 */
    g_autoptr (GByteArray) g = gguf_new (3, 0, 2);
    kv_str (g, "general.architecture", "llama");
    put_str (g, "llama.context_length");
    put_u32 (g, 10);
    put_u64 (g, G_MAXUINT64);
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "llama.context_length");
  }
  {
    /* 2⁴⁰ layers: no per-layer work on that */
    g_autoptr (GByteArray) g = gguf_new (3, 0, 2);
    kv_str (g, "general.architecture", "llama");
    put_str (g, "llama.block_count");
    put_u32 (g, 10);
    put_u64 (g, (guint64) 1 << 40);
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "layers");
  }
  {
    /* heads × lengths that overflow 64 bits */
    g_autoptr (GByteArray) g = gguf_new (3, 0, 5);
    kv_str (g, "general.architecture", "llama");
    kv_u32 (g, "llama.block_count", 4);
    put_str (g, "llama.attention.head_count");
    put_u32 (g, 10);
    put_u64 (g, G_MAXINT64);
    put_str (g, "llama.attention.key_length");
    put_u32 (g, 10);
    put_u64 (g, G_MAXINT64);
    kv_u32 (g, "llama.attention.value_length", 1);
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "too large");
  }
  {
    g_autoptr (GByteArray) g = gguf_new (3, 0, 2);
    kv_str (g, "general.architecture", "llama");
    kv_str (g, "general.architecture", "llama");
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "twice");
  }
}

static void
test_hostile_tensor_infos (void)
{
  {
    /* dimensions whose product overflows */
    const guint64 dims[] = { G_MAXUINT64, 2 };
    g_autoptr (GByteArray) g = gguf_new (3, 1, SMALL_LLAMA_KEYS);
    small_llama (g);
    put_tensor (g, "x", 0, 2, dims);
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "elements");
  }
  {
    /* 2⁶² + 1 elements of f32 fit in 64 bits, their bytes do not: the bytes
     * are unknown, the header still reads */
    const guint64 dims[] = { ((guint64) 1 << 62) + 1, 1 };
    g_autoptr (GByteArray) g = gguf_new (3, 1, SMALL_LLAMA_KEYS);
    g_autoptr (GError) error = NULL;
    g_autoptr (BenchGgufInfo) info = NULL;

    small_llama (g);
    put_tensor (g, "blk.0.ffn_up_exps.weight", 0, 2, dims);
    info = read_gguf (g, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (bench_gguf_info_get_tensor_bytes (info), ==, 0);
    g_assert_cmpuint (bench_gguf_info_get_expert_tensor_bytes (info), ==, 0);
  }
  {
    const guint64 dims[] = { 1, 1, 1, 1, 1 };
    g_autoptr (GByteArray) g = gguf_new (3, 1, SMALL_LLAMA_KEYS);
    small_llama (g);
    put_tensor (g, "x", 0, 5, dims);
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "dimensions");
  }
  {
    /* n_dims near 2³²: refused before the dimensions are read */
    g_autoptr (GByteArray) g = gguf_new (3, 1, SMALL_LLAMA_KEYS);
    small_llama (g);
    put_str (g, "x");
    put_u32 (g, 0xffffffff);
    put_u64 (g, 0);
    put_u64 (g, 0);
    put_u64 (g, 0);
    assert_refused (g, BENCH_GGUF_ERROR_INVALID, "dimensions");
  }
}

static void
test_hostile_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = bench_gguf_info_read_file ("/nonexistent/model.gguf", &error);

  g_assert_null (info);
  g_assert_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "model.gguf"));
}

/* —— lookup —— */

static void
test_lookup_registered_and_read (void)
{
  g_autofree char *path = bench_test_corpus_path ("gguf/meta-llama-gqa-8b-shape.gguf");
  g_autoptr (BenchGgufInfo) info = read_corpus ("meta-qwen3moe-30b-a3b-shape.gguf");
  g_autoptr (BenchGgufInfo) found = NULL;
  g_autoptr (BenchGgufInfo) again = NULL;
  g_autoptr (BenchGgufInfo) read = NULL;
  g_autoptr (BenchGgufInfo) read_again = NULL;

  bench_gguf_reset ();
  /* registered: found by basename, from any directory and either slash */
  bench_gguf_register ("/somewhere/Qwen3-30B-A3B-Q4_K_M.gguf", info);
  found = bench_gguf_lookup ("/models/Qwen3-30B-A3B-Q4_K_M.gguf");
  g_assert_true (found == info);
  again = bench_gguf_lookup ("C:\\models\\Qwen3-30B-A3B-Q4_K_M.gguf");
  g_assert_true (again == info);

  /* not registered: read from disk when it is there, once */
  read = bench_gguf_lookup (path);
  g_assert_nonnull (read);
  g_assert_cmpstr (bench_gguf_info_get_architecture (read), ==, "llama");
  read_again = bench_gguf_lookup (path);
  g_assert_true (read == read_again);

  g_assert_null (bench_gguf_lookup ("/nonexistent/model.gguf"));
  g_assert_null (bench_gguf_lookup ("/nonexistent/model.gguf"));
  g_assert_null (bench_gguf_lookup (NULL));
  g_assert_null (bench_gguf_lookup (""));
  bench_gguf_reset ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gguf/corpus/layers-heads-and-kv-bytes", test_corpus_facts);
  g_test_add_func ("/gguf/corpus/k-and-v-cache-types-apart", test_corpus_mixed_cache_types);
  g_test_add_func ("/gguf/corpus/bytes-per-element-of-cache-types", test_corpus_bytes_per_element);
  g_test_add_func ("/gguf/corpus/moe-experts-and-share", test_corpus_moe);
  g_test_add_func ("/gguf/corpus/per-layer-kv-heads", test_corpus_per_layer_heads);
  g_test_add_func ("/gguf/corpus/gemma3-sliding-layers-apart", test_corpus_sliding_window);
  g_test_add_func ("/gguf/corpus/encoder-has-no-kv-cache", test_corpus_encoder);
  g_test_add_func ("/gguf/corpus/read-from-memory", test_corpus_read_data);
  g_test_add_func ("/gguf/built/defaults-when-header-is-silent", test_built_small_llama);
  g_test_add_func ("/gguf/built/version-2-reads", test_built_version_2);
  g_test_add_func ("/gguf/built/sliding-pattern-from-header", test_built_sliding_pattern_array);
  g_test_add_func ("/gguf/built/gemma2-every-other-layer", test_built_gemma2_pattern);
  g_test_add_func ("/gguf/built/known-sliding-patterns", test_built_known_patterns);
  g_test_add_func ("/gguf/built/mla-is-approximate", test_built_mla_approximate);
  g_test_add_func ("/gguf/built/recurrent-has-no-kv-cache", test_built_recurrent);
  g_test_add_func ("/gguf/built/unknown-kv-without-dims", test_built_silent_header);
  g_test_add_func ("/gguf/built/expert-share-from-tensor-infos", test_built_tensor_infos);
  g_test_add_func ("/gguf/built/unknown-tensor-type-unknown-share", test_built_tensor_unknown_type);
  g_test_add_func ("/gguf/hostile/truncated-at-every-offset", test_hostile_truncated_everywhere);
  g_test_add_func ("/gguf/hostile/not-gguf", test_hostile_not_gguf);
  g_test_add_func ("/gguf/hostile/versions-other-than-2-and-3", test_hostile_versions);
  g_test_add_func ("/gguf/hostile/counts-near-2-64", test_hostile_huge_counts);
  g_test_add_func ("/gguf/hostile/lengths-near-2-64", test_hostile_huge_lengths);
  g_test_add_func ("/gguf/hostile/array-counts-near-2-64", test_hostile_huge_arrays);
  g_test_add_func ("/gguf/hostile/unknown-value-types", test_hostile_unknown_types);
  g_test_add_func ("/gguf/hostile/nested-arrays", test_hostile_nested_arrays);
  g_test_add_func ("/gguf/hostile/wrong-types-for-known-keys", test_hostile_wrong_types);
  g_test_add_func ("/gguf/hostile/impossible-values", test_hostile_impossible_values);
  g_test_add_func ("/gguf/hostile/tensor-infos", test_hostile_tensor_infos);
  g_test_add_func ("/gguf/hostile/missing-file", test_hostile_missing_file);
  g_test_add_func ("/gguf/lookup/registered-then-read-from-disk", test_lookup_registered_and_read);

  return g_test_run ();
}
