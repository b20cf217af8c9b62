package io.carrack.common.config;

import java.io.IOException;
import java.io.Reader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds Java properties (broker.conf, namesrv.conf) to configuration beans through their public
 * setters, RocketMQ style: key {@code listenPort} calls {@code setListenPort}.
 *
 * <ul>
 *   <li>Setter parameter types: {@code String}, {@code int}, {@code long}, {@code boolean},
 *       {@code double} (and their boxes) and enums (by name; case is ignored when unambiguous).</li>
 *   <li>Values are trimmed; {@code ${name}} is replaced by the system property {@code name} when it
 *       is set (left as written otherwise).</li>
 *   <li>A bad value throws {@link ConfigException} naming the key, the value and what is accepted;
 *       nothing is set when any value is bad.</li>
 *   <li>An unknown key is logged and returned as a {@link ConfigWarning} naming the closest known key.</li>
 *   <li>Other spellings of a key come from {@link ConfigAlias} on its setter or from
 *       {@link Builder#alias}; when both spellings are given, the canonical one wins.</li>
 *   <li>Keys under a declared section prefix (such as {@code store.}) are collected into
 *       {@link BindResult#section(String)} instead of being unknown.</li>
 *   <li>A key that several beans have is set on all of them.</li>
 * </ul>
 *
 * <p>Module access: with {@link Builder#bean(Object)} the bean's package must be exported to (or
 * opened to) {@code io.carrack.common}; with {@link Builder#bean(Object, MethodHandles.Lookup)},
 * passing {@code MethodHandles.lookup()} from the bean's own module, it need not be.
 *
 * <p>Thread safety: the binder is immutable after {@link Builder#build()}, but binding mutates the
 * beans; bind on one thread before the beans are shared.
 */
public final class ConfigBinder {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigBinder.class);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    /** Known keys in sorted order, each with its accessors on every bean that has it. */
    private final SortedMap<String, List<ConfigProperty>> properties;
    private final Map<String, String> aliases;
    private final List<String> sections;
    private final UnaryOperator<String> variables;

    private ConfigBinder(Builder b) {
        this.properties = b.properties;
        this.aliases = Map.copyOf(b.aliases);
        this.sections = List.copyOf(b.sections);
        this.variables = b.variables;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A binder for beans whose packages are exported to {@code io.carrack.common}, with no sections. */
    public static ConfigBinder of(Object... beans) {
        Builder b = builder();
        for (Object bean : beans) {
            b.bean(bean);
        }
        return b.build();
    }

    /** The canonical names of all known keys, sorted. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(properties.keySet());
    }

    /** Alias to canonical key, for every alias known. */
    public Map<String, String> aliases() {
        return aliases;
    }

    /**
     * Reads a properties file (UTF-8) and binds it.
     *
     * @throws ConfigException if the file cannot be read or a value is bad
     */
    public BindResult bind(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(null, "cannot read configuration file " + file + ": " + e.getMessage());
        }
        return bind(p);
    }

    /**
     * Binds properties to the beans.
     *
     * @throws ConfigException for the first bad value in key order (others attached as suppressed);
     *                         no bean is changed then
     */
    public BindResult bind(Properties props) {
        Map<String, Assignment> assignments = new TreeMap<>();
        List<ConfigWarning> warnings = new ArrayList<>();
        Map<String, Map<String, String>> sectionMaps = new LinkedHashMap<>();
        for (String s : sections) {
            sectionMaps.put(s, new TreeMap<>());
        }
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            String value = expand(props.getProperty(key).trim());
            String name = key.trim();
            if (properties.containsKey(name)) {
                Assignment previous = assignments.get(name);
                if (previous != null) {
                    warnings.add(overridden(previous.sourceKey(), name));
                }
                assignments.put(name, new Assignment(name, value));
            } else if (aliases.containsKey(name)) {
                String canonical = aliases.get(name);
                Assignment previous = assignments.get(canonical);
                if (previous != null && previous.sourceKey().equals(canonical)) {
                    warnings.add(overridden(name, canonical));
                } else {
                    if (previous != null) {
                        warnings.add(overridden(previous.sourceKey(), name));
                    }
                    assignments.put(canonical, new Assignment(name, value));
                }
            } else {
                String section = sectionOf(name);
                if (section != null) {
                    sectionMaps.get(section).put(name.substring(section.length()), value);
                } else {
                    warnings.add(unknown(name));
                }
            }
        }
        Map<String, Object> converted = convertAll(assignments);
        for (Map.Entry<String, Object> e : converted.entrySet()) {
            Assignment a = assignments.get(e.getKey());
            for (ConfigProperty p : properties.get(e.getKey())) {
                p.set(a.sourceKey(), a.value(), e.getValue());
            }
        }
        for (ConfigWarning w : warnings) {
            LOG.warn(w.message());
        }
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        sectionMaps.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
        return new BindResult(converted.keySet(), warnings, frozen);
    }

    /** The current value of every known key that has a getter, by key (first bean that has it). */
    public SortedMap<String, String> effective() {
        SortedMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, List<ConfigProperty>> e : properties.entrySet()) {
            for (ConfigProperty p : e.getValue()) {
                if (p.readable()) {
                    out.put(e.getKey(), ValueConverter.format(p.get()));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The effective configuration as sorted {@code key=value} lines: every key with a getter, plus
     * the section keys (prefix restored) of a bind result, which may be null.
     */
    public String describe(BindResult result) {
        SortedMap<String, String> all = effective();
        if (result != null) {
            result.sections().forEach((prefix, map) -> map.forEach((k, v) -> all.put(prefix + k, v)));
        }
        StringBuilder sb = new StringBuilder();
        all.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    private Map<String, Object> convertAll(Map<String, Assignment> assignments) {
        Map<String, Object> converted = new TreeMap<>();
        ConfigException first = null;
        for (Map.Entry<String, Assignment> e : assignments.entrySet()) {
            Assignment a = e.getValue();
            try {
                converted.put(e.getKey(), ValueConverter.convert(a.sourceKey(), a.value(),
                        properties.get(e.getKey()).get(0).type()));
            } catch (ConfigException ex) {
                if (first == null) {
                    first = ex;
                } else {
                    first.addSuppressed(ex);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return converted;
    }

    private String sectionOf(String key) {
        for (String s : sections) {
            if (key.startsWith(s) && key.length() > s.length()) {
                return s;
            }
        }
        return null;
    }

    private ConfigWarning unknown(String key) {
        Set<String> candidates = new TreeSet<>(properties.keySet());
        candidates.addAll(aliases.keySet());
        String closest = EditDistance.closest(key, candidates);
        if (closest != null && aliases.containsKey(closest)) {
            closest = aliases.get(closest);
        }
        return ConfigWarning.unknown(key, closest);
    }

    private static ConfigWarning overridden(String ignored, String winner) {
        return new ConfigWarning(ignored, winner, "config key '" + ignored + "' ignored: '" + winner
                + "' names the same setting and wins");
    }

    private String expand(String value) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement = variables.apply(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private record Assignment(String sourceKey, String value) {
    }

    /**
     * Collects beans, aliases and sections.
     *
     * <p>Thread safety: not thread-safe.
     */
    public static final class Builder {
        private final SortedMap<String, List<ConfigProperty>> properties = new TreeMap<>();
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private final List<String> sections = new ArrayList<>();
        private UnaryOperator<String> variables = System::getProperty;

        private Builder() {
        }

        /**
         * Adds a bean bound through reflection; its package must be exported or opened to
         * {@code io.carrack.common}.
         *
         * @throws IllegalArgumentException if the bean's setters are not accessible
         */
        public Builder bean(Object bean) {
            return addBean(bean, null);
        }

        /**
         * Adds a bean bound through method handles found with {@code lookup}; pass
         * {@code MethodHandles.lookup()} from the bean's module so that its package need not be exported.
         *
         * @throws IllegalArgumentException if the lookup cannot access the bean's setters
         */
        public Builder bean(Object bean, MethodHandles.Lookup lookup) {
            return addBean(bean, Objects.requireNonNull(lookup, "lookup"));
        }

        /** Accepts {@code alias} as another spelling of the known key {@code key}. */
        public Builder alias(String alias, String key) {
            aliases.put(Objects.requireNonNull(alias, "alias"), Objects.requireNonNull(key, "key"));
            return this;
        }

        /** Collects keys starting with {@code prefix} (such as {@code store.}) into a section map. */
        public Builder section(String prefix) {
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException("section prefix must not be empty");
            }
            sections.add(prefix);
            return this;
        }

        /** Replaces the source of {@code ${name}} values (system properties by default). */
        public Builder variables(UnaryOperator<String> source) {
            this.variables = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Builds the binder.
         *
         * @throws IllegalArgumentException if an alias names an unknown key or is itself a key
         */
        public ConfigBinder build() {
            for (Map.Entry<String, String> e : aliases.entrySet()) {
                if (!properties.containsKey(e.getValue())) {
                    throw new IllegalArgumentException("alias '" + e.getKey() + "' names unknown key '"
                            + e.getValue() + "'");
                }
                if (properties.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("alias '" + e.getKey() + "' is also a key");
                }
            }
            return new ConfigBinder(this);
        }

        private Builder addBean(Object bean, MethodHandles.Lookup lookup) {
            Objects.requireNonNull(bean, "bean");
            Map<String, Method> setters = new TreeMap<>();
            for (Method m : bean.getClass().getMethods()) {
                if (isSetter(m)) {
                    String key = keyOf(m.getName());
                    Method other = setters.get(key);
                    if (other == null || ValueConverter.rank(m.getParameterTypes()[0])
                            < ValueConverter.rank(other.getParameterTypes()[0])) {
                        setters.put(key, m);
                    }
                }
            }
            for (Map.Entry<String, Method> e : setters.entrySet()) {
                Method setter = e.getValue();
                Method getter = getterFor(bean.getClass(), e.getKey(), setter.getParameterTypes()[0]);
                properties.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(ConfigProperty.of(bean, e.getKey(), setter, getter, lookup));
                ConfigAlias alias = setter.getAnnotation(ConfigAlias.class);
                if (alias != null) {
                    for (String a : alias.value()) {
                        aliases.put(a, e.getKey());
                    }
                }
            }
            return this;
        }

        private static boolean isSetter(Method m) {
            return !Modifier.isStatic(m.getModifiers()) && m.getName().length() > 3 && m.getName().startsWith("set")
                    && m.getParameterCount() == 1 && ValueConverter.supports(m.getParameterTypes()[0]);
        }

        private static String keyOf(String setterName) {
            return setterName.substring(3, 4).toLowerCase(Locale.ROOT) + setterName.substring(4);
        }

        private static Method getterFor(Class<?> type, String key, Class<?> valueType) {
            String suffix = Character.toUpperCase(key.charAt(0)) + key.substring(1);
            for (String prefix : new String[] {"get", "is"}) {
                try {
                    Method m = type.getMethod(prefix + suffix);
                    if (!Modifier.isStatic(m.getModifiers()) && m.getReturnType() == valueType) {
                        return m;
                    }
                } catch (NoSuchMethodException e) {
                    // try the next spelling
                }
            }
            return null;
        }
    }

    /** One key on one bean: its setter and (optional) getter. */
    private record ConfigProperty(Object bean, String key, Class<?> type, MethodHandle setter, MethodHandle getter,
                                  Method setterMethod, Method getterMethod) {
        static ConfigProperty of(Object bean, String key, Method setter, Method getter, MethodHandles.Lookup lookup) {
            if (lookup == null) {
                if (!setter.canAccess(bean)) {
                    throw new IllegalArgumentException("cannot bind " + bean.getClass().getName() + ": its package is "
                            + "not exported to io.carrack.common; export it or pass MethodHandles.lookup()");
                }
                return new ConfigProperty(bean, key, setter.getParameterTypes()[0], null, null, setter,
                        getter != null && getter.canAccess(bean) ? getter : null);
            }
            try {
                return new ConfigProperty(bean, key, setter.getParameterTypes()[0], lookup.unreflect(setter),
                        getter == null ? null : lookup.unreflect(getter), null, null);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("lookup " + lookup + " cannot access the setters of "
                        + bean.getClass().getName(), e);
            }
        }

        boolean readable() {
            return getter != null || getterMethod != null;
        }

        void set(String sourceKey, String text, Object value) {
            try {
                if (setter != null) {
                    setter.invoke(bean, value);
                } else {
                    setterMethod.invoke(bean, value);
                }
            } catch (InvocationTargetException e) {
                throw rejected(sourceKey, text, e.getCause());
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw rejected(sourceKey, text, e);
            }
        }

        Object get() {
            try {
                return getter != null ? getter.invoke(bean) : getterMethod.invoke(bean);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read config key '" + key + "'", e);
            }
        }

        private static ConfigException rejected(String key, String text, Throwable cause) {
            if (cause instanceof Error err) {
                throw err;
            }
            ConfigException ce = new ConfigException(key, "config key '" + key + "' rejected value '" + text + "': "
                    + cause.getMessage());
            ce.initCause(cause);
            return ce;
        }
    }
}
