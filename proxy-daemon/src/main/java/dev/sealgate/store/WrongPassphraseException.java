package dev.sealgate.store;

/** The owner passphrase given does not match the one chosen at {@code sealgate init}. */
public class WrongPassphraseException extends Exception {
  private static final long serialVersionUID = 1L;

  public WrongPassphraseException() {
    super("wrong owner passphrase");
  }
}
