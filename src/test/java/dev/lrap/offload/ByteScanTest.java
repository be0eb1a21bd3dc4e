package dev.lrap.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The word-at-a-time scan finds exactly what a byte-by-byte loop finds: the first of the sought bytes in the range,
 * wherever it sits in a word, whatever the bytes around it (high bytes, zeros, near-misses), or the range's end.
 */
class ByteScanTest {

    @Property(tries = 2000)
    void findsWhatALoopFinds(@ForAll("fewDistinctBytes") @Size(max = 80) byte[] bytes, @ForAll("sought") byte a,
            @ForAll("sought") byte b, @ForAll("sought") byte c, @ForAll("sought") byte d, @ForAll @IntRange(max = 80) int from,
            @ForAll @IntRange(max = 80) int to) {
        int end = Math.min(to, bytes.length);
        int start = Math.min(from, end);

        assertEquals(loop(bytes, start, end, a, b, c, d), ByteScan.indexOfAny(bytes, start, end, a, b, c, d));
    }

    @Test
    void findsEachPositionOfAWord() {
        for (int position = 0; position < 24; position++) {
            byte[] bytes = new byte[24];
            bytes[position] = (byte) 0x80;
            assertEquals(position, ByteScan.indexOfAny(bytes, 0, bytes.length, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80));
        }
    }

    @Test
    void aMatchBeforeTheStartOrAtTheEndIsNotFound() {
        byte[] bytes = { '@', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', '@' };
        assertEquals(9, ByteScan.indexOfAny(bytes, 1, 9, (byte) '@', (byte) '@', (byte) '@', (byte) '@'));
    }

    /** Bytes from a small set, so that sought bytes occur often, next to their neighbours by one bit or one value. */
    @Provide
    Arbitrary<byte[]> fewDistinctBytes() {
        return Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF, (byte) '"', (byte) '#',
                (byte) '\\', (byte) ']', (byte) '@', (byte) 'A', (byte) 'D', (byte) 'E').array(byte[].class);
    }

    @Provide
    Arbitrary<Byte> sought() {
        return Arbitraries.of((byte) 0, (byte) 0x80, (byte) 0xFF, (byte) '"', (byte) '\\', (byte) '@', (byte) 'D');
    }

    private static int loop(byte[] bytes, int from, int to, byte a, byte b, byte c, byte d) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == a || bytes[i] == b || bytes[i] == c || bytes[i] == d) {
                return i;
            }
        }
        return to;
    }
}
