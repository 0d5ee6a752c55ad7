package dev.sealgate.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object read member by member, for the hand-written readers of sealgate's own files: a
 * value of the wrong type is an error naming its member, and so is (through {@link #unknown}) a
 * member the reader does not know. Errors name members, never values.
 */
public final class StrictFields {
  /** Reads one object of a list; see {@link #objects}. */
  @FunctionalInterface
  public interface ObjectReader<T> {
    T read(StrictFields object) throws IOException;
  }

  private final JsonParser p;
  private String field;

  private StrictFields(JsonParser p) {
    this.p = p;
  }

  /** The object that starts at the parser's next token. */
  public static StrictFields object(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new JsonParseException(p, "expected a JSON object");
    }
    return new StrictFields(p);
  }

  /** The next member's name, with the parser on its value; {@code null} after the last. */
  public String next() throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.END_OBJECT) {
      return null;
    }
    field = p.currentName();
    p.nextToken();
    return field;
  }

  /** After the outermost object: nothing may follow it. */
  public void end() throws IOException {
    if (p.nextToken() != null) {
      throw new JsonParseException(p, "content after the JSON object");
    }
  }

  public String text() throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> p.getText();
      case VALUE_NULL -> null;
      default -> throw expected("text");
    };
  }

  public int intValue() throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() != JsonParser.NumberType.INT) {
      throw expected("a whole number");
    }
    return p.getIntValue();
  }

  public long longValue() throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw expected("a whole number");
    }
    return p.getLongValue();
  }

  public boolean booleanValue() throws IOException {
    return switch (p.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      default -> throw expected("true or false");
    };
  }

  /** An ISO-8601 instant, or {@code null}. */
  public Instant instant() throws IOException {
    String t = text();
    try {
      return t == null ? null : Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw expected("an ISO-8601 instant");
    }
  }

  /** An array of text (no nulls). */
  public List<String> texts() throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw expected("an array of text");
    }
    List<String> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.VALUE_STRING) {
        throw expected("an array of text");
      }
      out.add(p.getText());
    }
    return out;
  }

  /** An array of objects, each read by {@code reader}. */
  public <T> List<T> objects(ObjectReader<T> reader) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw expected("an array of objects");
    }
    String outer = field;
    List<T> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT) {
        throw expected("an array of objects");
      }
      out.add(reader.read(new StrictFields(p)));
    }
    field = outer;
    return out;
  }

  /** For the member the parser is on, which the reader does not know. */
  public JsonParseException unknown() {
    return new JsonParseException(p, "unknown member '" + field + "'");
  }

  public JsonParseException missing(String name) {
    return new JsonParseException(p, "no member '" + name + "'");
  }

  private JsonParseException expected(String what) {
    return new JsonParseException(p, "member '" + field + "' is not " + what);
  }
}
