package dev.sealgate.store;

/** The store cannot answer (locked keychain, no Secret Service, undecryptable vault). */
public class StoreUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String userMessage) {
    super(userMessage);
  }

  public StoreUnavailableException(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }

  /** One line: what is wrong and what to do. Never holds a value. */
  public String userMessage() {
    return getMessage();
  }
}
