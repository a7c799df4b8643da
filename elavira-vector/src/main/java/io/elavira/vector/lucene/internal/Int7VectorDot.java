package io.elavira.vector.lucene.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot product of two 7-bit quantised vectors with the JDK's incubating vector API, 32 bytes per
 * step on AVX2 (64 on AVX-512) with no lane conversion: a step's bytes are read as 16-bit lanes
 * (two components each), the even and odd components are split by a mask and a shift, multiplied
 * and added (at most 2 × 127² = 32,258, which a 16-bit lane holds), and the sums are read as 32-bit
 * lanes, split the same way and accumulated. Reinterpreting lanes costs nothing; the widening
 * conversions used before ({@code convertShape} with parts) are not all compiled to vector
 * instructions on Java 17 (docs/vector-stores.md, "The dot product"). Not API.
 *
 * <p>Only {@link Int7DotScorer} calls it, and only when the JVM resolved the {@code
 * jdk.incubator.vector} module ({@code --add-modules jdk.incubator.vector}) and {@link #usable()}
 * holds: without the module this class cannot even be loaded, and without 256-bit lanes the vector
 * API falls back to Java code slower than the portable path. Stateless and thread-safe.
 */
final class Int7VectorDot {
  private static final VectorSpecies<Byte> BYTES =
      IntVector.SPECIES_PREFERRED.vectorBitSize() >= 512
          ? ByteVector.SPECIES_512
          : ByteVector.SPECIES_256;
  private static final VectorSpecies<Integer> INTS = BYTES.withLanes(int.class);

  private static final short LOW_BYTE = 0xFF;
  private static final int LOW_SHORT = 0xFFFF;

  private Int7VectorDot() {}

  /**
   * Whether the vector API pays here: the CPU gives it at least 256-bit lanes (AVX2 and wider) and
   * the JVM compiles with C2, whose intrinsics it needs (under {@code -XX:TieredStopAtLevel=1}, as
   * the CLI runs, a loop test ran it over a thousand times slower than the portable path).
   */
  static boolean usable() {
    return IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256 && optimisingCompiler();
  }

  private static boolean optimisingCompiler() {
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return hotspot == null
          || Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue()) >= 4;
    } catch (RuntimeException | LinkageError unknown) {
      // Not HotSpot, no such option, or a runtime image without jdk.management: nothing says
      // that C2 is off, and it is on unless a flag turns it off.
      return true;
    }
  }

  /**
   * The dot product of {@code a} and {@code b}, of equal length, components in [0, 127].
   *
   * <p>One method on purpose: a vector passed to or returned from a call C2 did not inline is boxed
   * into an object on the heap, and whether a small helper gets inlined depends on the order in
   * which the JIT meets the methods. With two helpers, some runs of the same benchmark were as slow
   * as the portable path (docs/vector-stores.md, "The dot product").
   */
  static int dot(byte[] a, byte[] b) {
    return dot(a, 0, b);
  }

  /**
   * The dot product of {@code b} and the {@code b.length} components of {@code a} from {@code from}
   * on, all in [0, 127].
   */
  static int dot(byte[] a, int from, byte[] b) {
    int step = BYTES.length();
    IntVector sum = IntVector.zero(INTS);
    int i = 0;
    for (; i + step <= b.length; i += step) {
      ShortVector x = ByteVector.fromArray(BYTES, a, from + i).reinterpretAsShorts();
      ShortVector y = ByteVector.fromArray(BYTES, b, i).reinterpretAsShorts();
      // For each pair of components, in a 16-bit lane: a[2k]·b[2k] + a[2k+1]·b[2k+1] <= 32,258.
      ShortVector pairs =
          x.and(LOW_BYTE)
              .mul(y.and(LOW_BYTE))
              .add(x.lanewise(VectorOperators.LSHR, 8).mul(y.lanewise(VectorOperators.LSHR, 8)));
      // Read as 32-bit lanes: the two 16-bit sums of each, unsigned, added to the total.
      IntVector ints = pairs.reinterpretAsInts();
      sum = sum.add(ints.and(LOW_SHORT)).add(ints.lanewise(VectorOperators.LSHR, 16));
    }
    int total = sum.reduceLanes(VectorOperators.ADD);
    for (; i < b.length; i++) {
      total += a[from + i] * b[i];
    }
    return total;
  }
}
