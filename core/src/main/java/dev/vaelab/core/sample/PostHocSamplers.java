package dev.vaelab.core.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The post-hoc sampler kinds on the class path ({@link ServiceLoader} of {@link
 * PostHocSamplerKind}); {@code prior}, the model's own prior, is always there besides them.
 */
public final class PostHocSamplers {
  /** The name of the model's own prior as a sampler. */
  public static final String PRIOR = "prior";

  private PostHocSamplers() {}

  /** Every kind found, in class-path order. */
  public static List<PostHocSamplerKind> all() {
    List<PostHocSamplerKind> out = new ArrayList<>();
    for (PostHocSamplerKind k : ServiceLoader.load(PostHocSamplerKind.class, PostHocSamplers.class.getClassLoader())) {
      if (out.stream().noneMatch(o -> o.name().equals(k.name()))) {
        out.add(k);
      }
    }
    return out;
  }

  /** {@code prior} and the name of every kind found. */
  public static List<String> names() {
    List<String> n = new ArrayList<>();
    n.add(PRIOR);
    all().forEach(k -> n.add(k.name()));
    return n;
  }

  /** The kind called {@code name}, or an exception listing the names there are. */
  public static PostHocSamplerKind named(String name) {
    for (PostHocSamplerKind k : all()) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("--sampler must be one of " + names() + ", got '" + name + "'");
  }
}
