package dev.sealgate.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The content codings the proxy can undo to scan a body: gzip and deflate. A response to an
 * injected request must be readable, so the request's {@code Accept-Encoding} is narrowed to these,
 * and a response in any other coding is refused rather than passed on unscanned.
 */
public final class ContentCodings {
  /** How a response body is encoded, as far as the scanner cares. */
  public enum Coding {
    IDENTITY,
    GZIP,
    DEFLATE,
    /** Anything else, including stacked codings: cannot be scanned. */
    UNSUPPORTED
  }

  private ContentCodings() {}

  /**
   * {@code Accept-Encoding} without the codings the proxy cannot decode. Returns {@code identity}
   * when nothing decodable is left, so the upstream does not fall back to a coding of its choice.
   */
  public static String narrow(String acceptEncoding) {
    List<String> kept = new ArrayList<>();
    for (String element : acceptEncoding.split(",")) {
      String coding = coding(element);
      if (coding.equals("*")) {
        kept.add("gzip");
        kept.add("deflate");
      } else if (isDecodable(coding) || coding.equals("identity")) {
        kept.add(element.trim());
      }
    }
    return kept.isEmpty() ? "identity" : String.join(", ", kept);
  }

  /**
   * @param contentEncoding every {@code Content-Encoding} value of the response, in order
   */
  public static Coding of(List<String> contentEncoding) {
    List<String> codings = new ArrayList<>();
    for (String value : contentEncoding) {
      for (String element : value.split(",")) {
        String coding = coding(element);
        if (!coding.isEmpty() && !coding.equals("identity")) {
          codings.add(coding);
        }
      }
    }
    if (codings.isEmpty()) {
      return Coding.IDENTITY;
    }
    if (codings.size() > 1) {
      return Coding.UNSUPPORTED;
    }
    return switch (codings.get(0)) {
      case "gzip", "x-gzip" -> Coding.GZIP;
      case "deflate" -> Coding.DEFLATE;
      default -> Coding.UNSUPPORTED;
    };
  }

  private static boolean isDecodable(String coding) {
    return coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("deflate");
  }

  /** The coding name of one list element, without its parameters ({@code gzip;q=0.8}). */
  private static String coding(String element) {
    int semicolon = element.indexOf(';');
    String name = semicolon < 0 ? element : element.substring(0, semicolon);
    return name.trim().toLowerCase(Locale.ROOT);
  }
}
