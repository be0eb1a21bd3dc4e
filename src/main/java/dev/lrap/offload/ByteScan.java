package dev.lrap.offload;

import io.netty.util.internal.PlatformDependent;
import io.netty.util.internal.SWARUtil;

/**
 * Finds the next of a few bytes in an array, eight bytes at a time. Every event and every response larger than
 * {@code MAX_CONTENT_SIZE} is scanned on the relay's path, and a byte-by-byte loop, which is all the launcher's C1
 * compiler makes of one, took a quarter of lrap's CPU time on a 1 MiB invocation.
 * <p>
 * Words are read and tested with Netty's own tools for its byte searches: {@link PlatformDependent#getLong(byte[], int)}
 * reads through {@code Unsafe}, which both C1 and native images compile to a plain load (a {@code byte[]} view
 * {@code VarHandle} stays a method handle call in a native image), and {@link SWARUtil} marks the bytes that match.
 * Where Netty cannot read unaligned words, the scan goes byte by byte.
 */
final class ByteScan {

    private static final boolean WORDS = PlatformDependent.hasUnsafe() && PlatformDependent.isUnaligned();

    private ByteScan() {
    }

    /**
     * The index of the first byte from {@code from} (inclusive) to {@code to} (exclusive) that is {@code a}, {@code b},
     * {@code c} or {@code d}, or {@code to}. A caller that seeks fewer bytes repeats one.
     */
    static int indexOfAny(byte[] bytes, int from, int to, byte a, byte b, byte c, byte d) {
        int i = from;
        if (WORDS) {
            long patternA = SWARUtil.compilePattern(a);
            long patternB = SWARUtil.compilePattern(b);
            long patternC = SWARUtil.compilePattern(c);
            long patternD = SWARUtil.compilePattern(d);
            for (; i <= to - Long.BYTES; i += Long.BYTES) {
                long word = PlatformDependent.getLong(bytes, i);
                long found = SWARUtil.applyPattern(word, patternA) | SWARUtil.applyPattern(word, patternB)
                        | SWARUtil.applyPattern(word, patternC) | SWARUtil.applyPattern(word, patternD);
                if (found != 0) {
                    return i + SWARUtil.getIndex(found, PlatformDependent.BIG_ENDIAN_NATIVE_ORDER);
                }
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == a || bytes[i] == b || bytes[i] == c || bytes[i] == d) {
                return i;
            }
        }
        return to;
    }
}
