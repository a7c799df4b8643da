package io.elavira.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/** For tests: a {@link DocumentStore} that reports every call before making it on a real one. */
public final class RecordingDocumentStore {
  private RecordingDocumentStore() {}

  /**
   * {@code delegate}, with {@code beforeCall} given each method's name and arguments first; an
   * exception it throws fails the call instead (a store failing on one method).
   */
  public static DocumentStore wrap(
      DocumentStore delegate, BiConsumer<String, @Nullable Object[]> beforeCall) {
    return (DocumentStore)
        Proxy.newProxyInstance(
            DocumentStore.class.getClassLoader(),
            new Class<?>[] {DocumentStore.class},
            (proxy, method, args) -> {
              beforeCall.accept(method.getName(), args);
              try {
                return method.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
