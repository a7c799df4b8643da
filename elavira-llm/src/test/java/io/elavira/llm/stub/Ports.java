package io.elavira.llm.stub;

import java.io.IOException;
import java.net.ServerSocket;

/** Test helpers for addresses. */
public final class Ports {
  private Ports() {}

  /** A local port where nothing listens (just released). */
  public static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
