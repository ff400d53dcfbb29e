//! The byte classes of a 64-byte window, 16 bytes per SSE2 instruction.

use super::{BLOCK, Masks};
use std::arch::x86_64::{
    __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
    _mm_or_si128, _mm_set1_epi8,
};

/// Bytes equal to `b`.
#[target_feature(enable = "sse2")]
fn eq(v: __m128i, b: u8) -> __m128i {
    _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8))
}

/// Bytes from `lo` to `hi`: shifted so that `lo` is the smallest signed
/// byte, the unsigned range becomes one signed comparison.
#[target_feature(enable = "sse2")]
fn within(v: __m128i, lo: u8, hi: u8) -> __m128i {
    // The bound below must stay a positive signed byte.
    debug_assert!(hi - lo <= 126);
    let shifted = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
    _mm_cmplt_epi8(shifted, _mm_set1_epi8((0x80 + (hi - lo) + 1) as i8))
}

/// Bytes of either.
#[target_feature(enable = "sse2")]
fn any(a: __m128i, b: __m128i) -> __m128i {
    _mm_or_si128(a, b)
}

/// The lanes whose top bit is set, as 16 bits placed at `shift`.
#[target_feature(enable = "sse2")]
fn bits(v: __m128i, shift: usize) -> u64 {
    u64::from(_mm_movemask_epi8(v) as u16) << shift
}

/// [`super::masks_by_table`], 16 bytes per step.
#[target_feature(enable = "sse2")]
pub(super) fn masks(window: &[u8; BLOCK]) -> Masks {
    let mut m = Masks {
        space: 0,
        high: 0,
        word: 0,
        mid: 0,
    };
    for (k, lane) in window.chunks_exact(16).enumerate() {
        // SAFETY: `lane` holds 16 readable bytes; the load is unaligned.
        let v = unsafe { _mm_loadu_si128(lane.as_ptr().cast()) };
        // White space as `u8::is_ascii_whitespace` has it: \t \n \x0C \r and space.
        let space = any(
            any(eq(v, b' '), eq(v, b'\r')),
            any(within(v, b'\t', b'\n'), eq(v, 0x0C)),
        );
        let letter = within(any(v, _mm_set1_epi8(0x20)), b'a', b'z');
        let word = any(any(letter, within(v, b'0', b'9')), eq(v, b'_'));
        let mid = any(
            any(eq(v, b'.'), eq(v, b'\'')),
            any(eq(v, b':'), any(eq(v, b','), eq(v, b';'))),
        );
        let shift = 16 * k;
        m.space |= bits(space, shift);
        m.high |= bits(v, shift);
        m.word |= bits(word, shift);
        m.mid |= bits(mid, shift);
    }
    m
}
