# cython: language_level=3, boundscheck=False, wraparound=False
"""MinHash signatures of many shingle sets in one C loop (`dedup.sketch.Sketcher` uses it).

For every shingle hash x of a set and every permutation p: MurmurHash3's 32-bit finalizer on x,
then (a[p] * x + b[p]) mod 2**32, the minimum kept per permutation: datasketch's "affine32"
scheme, the same numbers as the numpy path of `dedup.sketch` (tests/test_sketch.py checks).
The loop over permutations is vectorised by the compiler (AVX2 where the CPU has it).

Built when the package is installed; `dedup.sketch` falls back to numpy when it is missing.
"""

from libc.stdint cimport int64_t, uint32_t

cdef extern from *:
    """
    #include <stdint.h>
    #if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
    #define WIREDUP_CLONES __attribute__((target_clones("avx2", "default")))
    #else
    #define WIREDUP_CLONES
    #endif

    static inline uint32_t wiredup_fmix32(uint32_t h) {
        h ^= h >> 16; h *= 0x85EBCA6BU; h ^= h >> 13; h *= 0xC2B2AE35U; return h ^ (h >> 16);
    }

    WIREDUP_CLONES
    static void wiredup_minhash(const uint32_t *restrict shingles, const int64_t *restrict offsets, int64_t n_sets,
                                const uint32_t *restrict a, const uint32_t *restrict b, int64_t num_perm,
                                uint32_t *restrict out) {
        for (int64_t i = 0; i < n_sets; i++) {
            if (offsets[i] == offsets[i + 1]) continue;
            uint32_t *restrict row = out + i * num_perm;
            for (int64_t p = 0; p < num_perm; p++) row[p] = UINT32_MAX;
            for (int64_t j = offsets[i]; j < offsets[i + 1]; j++) {
                const uint32_t x = wiredup_fmix32(shingles[j]);
                for (int64_t p = 0; p < num_perm; p++) {
                    const uint32_t h = a[p] * x + b[p];
                    row[p] = h < row[p] ? h : row[p];
                }
            }
        }
    }
    """
    void wiredup_minhash(const uint32_t* shingles, const int64_t* offsets, int64_t n_sets,
                         const uint32_t* a, const uint32_t* b, int64_t num_perm, uint32_t* out) nogil


def minhash(const uint32_t[::1] shingles, const int64_t[::1] offsets, const uint32_t[::1] a, const uint32_t[::1] b,
            uint32_t[:, ::1] out) -> None:
    """Fill row i of `out` with the signature of set i (`shingles[offsets[i]:offsets[i + 1]]`);
    rows of empty sets are left as they are."""
    cdef int64_t n_sets = offsets.shape[0] - 1
    if n_sets <= 0:
        return
    if out.shape[0] < n_sets or out.shape[1] != a.shape[0] or b.shape[0] != a.shape[0]:
        raise ValueError("out must have a row per set and a column per permutation")
    if offsets[0] < 0 or offsets[n_sets] > shingles.shape[0]:
        raise ValueError("offsets point outside the shingles")
    with nogil:
        wiredup_minhash(&shingles[0] if shingles.shape[0] else NULL, &offsets[0], n_sets, &a[0], &b[0], a.shape[0], &out[0, 0])
