package dev.sealgate.audit;

import java.security.SecureRandom;

/**
 * Request ids as ULIDs: 26 characters of Crockford base32, a 48-bit millisecond timestamp then 80
 * random bits. Ids from one process sort in the order they were issued: within one millisecond (or
 * while the wall clock steps backwards) the random part is incremented instead of redrawn.
 */
public final class RequestIds {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long RANDOM_HIGH_MASK = 0xFFFFL; // the top 16 of the 80 random bits

  // Guarded by the class monitor.
  private static long lastMillis = -1;
  private static long randomHigh;
  private static long randomLow;

  private RequestIds() {}

  public static String next() {
    long millis;
    long high;
    long low;
    synchronized (RequestIds.class) {
      long now = System.currentTimeMillis();
      if (now > lastMillis) {
        lastMillis = now;
        randomHigh = RANDOM.nextInt() & RANDOM_HIGH_MASK;
        randomLow = RANDOM.nextLong();
      } else if (++randomLow == 0 && (randomHigh = (randomHigh + 1) & RANDOM_HIGH_MASK) == 0) {
        // 2^80 ids in one millisecond cannot happen; borrow the next millisecond to stay sorted.
        lastMillis++;
      }
      millis = lastMillis;
      high = randomHigh;
      low = randomLow;
    }
    return encode(millis, high, low);
  }

  static String encode(long millis, long high, long low) {
    char[] out = new char[26];
    long t = millis;
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (t & 31)];
      t >>>= 5;
    }
    long h = high;
    long l = low;
    for (int i = 25; i >= 10; i--) {
      out[i] = ALPHABET[(int) (l & 31)];
      l = (l >>> 5) | ((h & 31) << 59);
      h >>>= 5;
    }
    return new String(out);
  }
}
