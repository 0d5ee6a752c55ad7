package dev.sealgate.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link JsonNode} trees through a {@link JsonParser} or {@link JsonGenerator}:
 * the same trees, numbers and pretty printing as {@code ObjectMapper.readTree} and {@code
 * writeValueAsBytes}, without an ObjectMapper.
 */
public final class JsonTrees {
  /** Plain JSON; a repeated member name is an error (so the two readers of a file agree). */
  public static final JsonFactory STRICT =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * Plain JSON, for writing, and for reading where a repeated member name keeps the last value, as
   * most JSON readers do (request bodies sealgate injects into).
   */
  public static final JsonFactory LENIENT = new JsonFactory();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** The one JSON value in {@code bytes}; {@code null} when there is none. */
  public static JsonNode read(JsonFactory factory, byte[] bytes) throws IOException {
    try (JsonParser p = factory.createParser(bytes)) {
      return read(p);
    }
  }

  /** The value at the parser's next token; {@code null} at the end of the input. */
  public static JsonNode read(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    return t == null ? null : value(p, t);
  }

  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        for (JsonToken n = p.nextToken(); n == JsonToken.FIELD_NAME; n = p.nextToken()) {
          String name = p.currentName();
          o.set(name, value(p, p.nextToken()));
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
          a.add(value(p, n));
        }
        yield a;
      }
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT ->
          p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
              ? NODES.numberNode(p.getDecimalValue())
              : NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT -> {
        if (p.getEmbeddedObject() instanceof byte[] b) {
          yield NODES.binaryNode(b); // YAML's !!binary
        }
        throw new JsonParseException(p, "unexpected embedded value");
      }
      default -> throw new JsonParseException(p, "unexpected " + t);
    };
  }

  /** Writes one value to a generator; see {@link #generate}. */
  @FunctionalInterface
  public interface Writing {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * The bytes {@code writing} generates: compact, or indented as Jackson's default pretty printer
   * does. Writing to memory cannot fail for want of room, so there is no checked exception.
   *
   * @param sizeHint the bytes expected, to size the buffer
   */
  public static byte[] generate(int sizeHint, boolean pretty, Writing writing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try (JsonGenerator g = LENIENT.createGenerator(out)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      writing.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toByteArray();
  }

  /** {@code node} as compact JSON. */
  public static byte[] toBytes(JsonNode node) {
    return generate(256, false, g -> write(g, node));
  }

  /** {@code node} as JSON indented as Jackson's default pretty printer does. */
  public static byte[] toPrettyBytes(JsonNode node) {
    return generate(256, true, g -> write(g, node));
  }

  /** {@code node} as compact JSON text. */
  public static String toText(JsonNode node) {
    return new String(toBytes(node), StandardCharsets.UTF_8);
  }

  /** A member {@code name} holding {@code texts} as an array of strings. */
  public static void writeTexts(JsonGenerator g, String name, List<String> texts)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String t : texts) {
      g.writeString(t);
    }
    g.writeEndArray();
  }

  /** Writes {@code node}, whole, at the generator's position. */
  public static void write(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          g.writeFieldName(e.getKey());
          write(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode element : node) {
          write(g, element);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> g.writeNumber(node.intValue());
          case LONG -> g.writeNumber(node.longValue());
          case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
          case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
          case FLOAT -> g.writeNumber(node.floatValue());
          default -> g.writeNumber(node.doubleValue());
        }
      }
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NULL -> g.writeNull();
      case BINARY -> g.writeBinary(node.binaryValue());
      default -> throw new IllegalArgumentException("no JSON form for a " + node.getNodeType());
    }
  }
}
