package dev.sealgate.inject;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.Injection;
import dev.sealgate.api.InjectionSpec;
import dev.sealgate.api.InjectionStyle;
import dev.sealgate.api.ProxyRefusal;
import dev.sealgate.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Computes what an injection spec adds to a request: headers, query parameters, body fields. Pure
 * functions over names and value bytes; the pipeline applies the results to the Netty request.
 *
 * <p>{@code values} maps each key of the spec to its value. The caller owns and zeroes them; every
 * array returned here is new and owned by the caller too.
 */
public final class RequestInjector {
  private static final byte[] BEARER = "Bearer ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BASIC = "Basic ".getBytes(StandardCharsets.US_ASCII);

  private RequestInjector() {}

  /** The headers to set, {@code Authorization} first when asked for. */
  public static List<InjectedHeader> headers(InjectionSpec spec, Map<String, byte[]> values)
      throws ProxyRefusal {
    List<InjectedHeader> headers = new ArrayList<>();
    for (Injection i : spec.injections()) {
      byte[] value = values.get(i.key());
      switch (i.style()) {
        case BEARER ->
            headers.add(0, new InjectedHeader("Authorization", concat(BEARER, header(i, value))));
        case BASIC -> {
          byte[] encoded = Base64.getEncoder().encode(value);
          headers.add(0, new InjectedHeader("Authorization", concat(BASIC, encoded)));
          java.util.Arrays.fill(encoded, (byte) 0);
        }
        case HEADER -> headers.add(new InjectedHeader(i.target(), header(i, value).clone()));
        default -> {
          // query, body and form are applied by target() and body()
        }
      }
    }
    return headers;
  }

  /** Whether any injection changes the request target. */
  public static boolean changesTarget(InjectionSpec spec) {
    return spec.injections().stream().anyMatch(i -> i.style() == InjectionStyle.QUERY);
  }

  /** The origin-form request target with every {@code Sealgate-Query} parameter set. */
  public static String target(InjectionSpec spec, Map<String, byte[]> values, String target) {
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    for (Injection i : spec.injections()) {
      if (i.style() == InjectionStyle.QUERY) {
        query =
            new String(
                ParameterList.set(query, i.target(), values.get(i.key())),
                StandardCharsets.US_ASCII);
      }
    }
    return path + "?" + query;
  }

  /**
   * The request body with every {@code Sealgate-Body} pointer and {@code Sealgate-Form} field set.
   *
   * @throws ProxyRefusal {@code bad_injection_header} when the body is not JSON (for a pointer) or
   *     a pointer names a place that cannot hold a field
   */
  public static byte[] body(InjectionSpec spec, Map<String, byte[]> values, byte[] body)
      throws ProxyRefusal {
    byte[] out = body;
    JsonNode json = null;
    for (Injection i : spec.injections()) {
      if (i.style() == InjectionStyle.FORM) {
        out =
            ParameterList.set(
                new String(out, StandardCharsets.UTF_8), i.target(), values.get(i.key()));
      } else if (i.style() == InjectionStyle.BODY) {
        json = json == null ? parseJson(i, out) : json;
        json = setPointer(i, json, new String(values.get(i.key()), StandardCharsets.UTF_8));
      }
    }
    if (json == null) {
      return out;
    }
    return JsonTrees.toBytes(json);
  }

  private static JsonNode parseJson(Injection i, byte[] body) throws ProxyRefusal {
    if (body.length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode node = JsonTrees.read(JsonTrees.LENIENT, body);
      if (node == null || !node.isContainerNode()) {
        throw refusal(i, "the request body is not a JSON object or array");
      }
      return node;
    } catch (IOException e) {
      throw refusal(i, "the request body is not valid JSON");
    }
  }

  /** Sets the field, creating missing objects on the way, as {@code jq 'setpath'} would. */
  private static JsonNode setPointer(Injection i, JsonNode root, String value) throws ProxyRefusal {
    JsonPointer pointer;
    try {
      pointer = JsonPointer.compile(i.target());
    } catch (IllegalArgumentException e) {
      throw refusal(i, "'" + i.target() + "' is not a JSON pointer");
    }
    JsonNode node = root;
    JsonPointer rest = pointer;
    while (!rest.tail().matches()) {
      JsonNode next = child(node, rest);
      if (next == null) {
        if (!(node instanceof ObjectNode obj)) {
          throw refusal(i, "'" + i.target() + "' does not lead to a JSON object");
        }
        next = obj.putObject(rest.getMatchingProperty());
      }
      node = next;
      rest = rest.tail();
    }
    if (node instanceof ObjectNode obj) {
      obj.set(rest.getMatchingProperty(), TextNode.valueOf(value));
    } else if (node instanceof ArrayNode arr
        && rest.getMatchingIndex() >= 0
        && rest.getMatchingIndex() < arr.size()) {
      arr.set(rest.getMatchingIndex(), TextNode.valueOf(value));
    } else {
      throw refusal(i, "'" + i.target() + "' does not name a field that can be set");
    }
    return root;
  }

  private static JsonNode child(JsonNode node, JsonPointer step) {
    if (node instanceof ObjectNode) {
      return node.get(step.getMatchingProperty());
    }
    if (node instanceof ArrayNode && step.getMatchingIndex() >= 0) {
      return node.get(step.getMatchingIndex());
    }
    return null;
  }

  /** Header values may not carry control characters: they would split or corrupt the request. */
  private static byte[] header(Injection i, byte[] value) throws ProxyRefusal {
    for (byte b : value) {
      if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
        throw new ProxyRefusal(
            ErrorCode.BAD_INJECTION_HEADER,
            i.key(),
            null,
            "the value of "
                + i.key()
                + " contains control characters and cannot go in a header; store it again with"
                + " sealgate secrets set "
                + i.key());
      }
    }
    return value;
  }

  private static ProxyRefusal refusal(Injection i, String why) {
    return new ProxyRefusal(ErrorCode.BAD_INJECTION_HEADER, i.key(), null, "Sealgate-Body: " + why);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
