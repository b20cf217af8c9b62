package io.carrack.broker.internal;

import io.carrack.broker.BrokerConfig;
import io.carrack.broker.internal.client.ClientHousekeeping;
import io.carrack.broker.internal.client.ConsumerManager;
import io.carrack.broker.internal.client.ProducerManager;
import io.carrack.broker.internal.client.RebalanceLockManager;
import io.carrack.broker.internal.config.BrokerConfigBinding;
import io.carrack.broker.internal.context.BrokerContext;
import io.carrack.broker.internal.filter.FilterRegistry;
import io.carrack.broker.internal.filtersrv.FilterServerSupport;
import io.carrack.broker.internal.group.SubscriptionGroupManager;
import io.carrack.broker.internal.longpolling.PullRequestHoldService;
import io.carrack.broker.internal.namesrv.NameServerRegistrar;
import io.carrack.broker.internal.offset.ConsumerOffsetManager;
import io.carrack.broker.internal.processor.BrokerAdminProcessor;
import io.carrack.broker.internal.processor.BrokerStatsProcessor;
import io.carrack.broker.internal.processor.ClientAdminProcessor;
import io.carrack.broker.internal.processor.ClientManageProcessor;
import io.carrack.broker.internal.processor.ConsumeQueueQueryProcessor;
import io.carrack.broker.internal.processor.ConsumerManageProcessor;
import io.carrack.broker.internal.processor.EndTransactionProcessor;
import io.carrack.broker.internal.processor.FilterCache;
import io.carrack.broker.internal.processor.GroupAdminProcessor;
import io.carrack.broker.internal.processor.MessageWriter;
import io.carrack.broker.internal.processor.PullMessageProcessor;
import io.carrack.broker.internal.processor.QueryMessageProcessor;
import io.carrack.broker.internal.processor.QueueOffsetProcessor;
import io.carrack.broker.internal.processor.QueueResidency;
import io.carrack.broker.internal.processor.SendBackProcessor;
import io.carrack.broker.internal.processor.SendMessageProcessor;
import io.carrack.broker.internal.processor.StoreMaintenanceProcessor;
import io.carrack.broker.internal.processor.TopicAdminProcessor;
import io.carrack.broker.internal.schedule.DelayLevels;
import io.carrack.broker.internal.schedule.ScheduleMessageService;
import io.carrack.broker.internal.stats.BrokerStats;
import io.carrack.broker.internal.store.StoreLoader;
import io.carrack.broker.internal.support.NamedThreadFactory;
import io.carrack.broker.internal.topic.TopicConfigManager;
import io.carrack.broker.internal.transaction.TransactionCheckService;
import io.carrack.broker.internal.transaction.TransactionLog;
import io.carrack.common.lifecycle.Closeables;
import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.Remoting;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingServer;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.ServerConfig;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.spi.store.FlushMode;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.StoreConfig;
import io.carrack.spi.store.StoreContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and runs everything a broker is made of, in order: store, tables, processors and their
 * executors, the server, the name-server registration and the periodic tasks; and stops them in
 * reverse order.
 *
 * <p>Thread safety: start and close are serialized on this object.
 */
public final class BrokerServices {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerServices.class);
    private static final long HOUSEKEEPING_PERIOD_MILLIS = 10_000;
    private static final long STATS_PERIOD_MILLIS = 10_000;

    private final BrokerConfig config;
    private final InstantSource clock;
    private final List<ExecutorService> executors = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private BrokerContext ctx;
    private MessageStore store;
    private RemotingServer server;
    private RemotingClient client;
    private NameServerRegistrar registrar;
    private FilterServerSupport filterServers;
    private PullRequestHoldService hold;
    private ScheduleMessageService schedule;
    private TransactionLog transactions;
    private TransactionCheckService transactionCheck;
    private ScheduledExecutorService scheduler;
    private boolean started;

    public BrokerServices(BrokerConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The shared context; available after {@link #start()}. */
    public BrokerContext context() {
        if (ctx == null) {
            throw new IllegalStateException("the broker is not started");
        }
        return ctx;
    }

    /** The bound port. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the broker is not started");
        }
        return server.port();
    }

    /** Pulls held by long polling now. */
    public int heldPulls() {
        return hold == null ? 0 : hold.heldCount();
    }

    /** Starts everything; on failure, what was started is closed again. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the broker was already started");
        }
        started = true;
        try {
            doStart();
        } catch (RuntimeException | Error e) {
            LOG.error("broker start-up failed: {}", e.toString());
            close();
            throw e;
        }
    }

    private void doStart() {
        Path root = Path.of(config.getStorePathRootDir());
        Path configDir = root.resolve("config");
        DelayLevels levels = DelayLevels.parse(config.getMessageDelayLevel());
        InetAddress ip = resolveBrokerIp(config.getBrokerIP1());

        hold = new PullRequestHoldService();
        store = StoreLoader.find(config.getStoreType()).open(new StoreContext(storeConfig(root), clock, hold));

        TopicConfigManager topics = new TopicConfigManager(config, clock, configDir);
        SubscriptionGroupManager groups = new SubscriptionGroupManager(config, clock, configDir);
        ConsumerOffsetManager offsets = new ConsumerOffsetManager(configDir);
        topics.load();
        groups.load();
        offsets.load();
        topics.persist();
        ConsumerManager consumers = new ConsumerManager(groups::select);
        ProducerManager producers = new ProducerManager();
        ctx = new BrokerContext(config, clock, store, topics, groups, offsets, consumers, producers,
                new RebalanceLockManager(clock), FilterRegistry.load(), new BrokerStats(clock), levels,
                new InetSocketAddress(ip, config.getListenPort()));
        schedule = new ScheduleMessageService(store, levels, clock, () -> ctx.storeHost(), configDir);
        schedule.load();
        transactions = new TransactionLog(ctx);
        transactionCheck = new TransactionCheckService(ctx, transactions);

        store.start();

        ClientHousekeeping housekeeping = new ClientHousekeeping(consumers, producers);
        ServerConfig sc = new ServerConfig(config.getBindAddress(), config.getListenPort(),
                config.getServerWorkerThreads(), ServerConfig.DEFAULT_MAX_FRAME_LENGTH,
                config.getServerChannelMaxIdleTimeSeconds(), housekeeping);
        server = Remoting.newServer(sc);
        registerProcessors();
        server.start();
        ctx.storeHost(new InetSocketAddress(ip, server.port()));

        client = Remoting.newClient(ClientConfig.defaults());
        registrar = new NameServerRegistrar(ctx, client);
        registrar.filterServers(filterServers::addresses);
        topics.onChange((tc, fromSend) -> {
            if (fromSend) {
                registrar.registerAsync();
            } else {
                registrar.registerAll();
            }
        });

        schedule.start();
        if (config.getBrokerRole() != BrokerConfig.BrokerRole.SLAVE) {
            transactionCheck.start();
        }
        registrar.registerAll();
        filterServers.start();
        startPeriodicTasks(housekeeping);
        LOG.info("broker {} ({}) of cluster {} serving at {} with store '{}'", config.getBrokerName(),
                config.getBrokerId(), config.getBrokerClusterName(), ctx.brokerAddr(), config.getStoreType());
    }

    private StoreConfig storeConfig(Path root) {
        Map<String, String> storeProps = new HashMap<>(config.getStoreProperties());
        if (config.getStorePathCommitLog() != null && "mmap".equals(config.getStoreType())) {
            // RocketMQ's key names a commit-log directory, which only the mmap store has.
            storeProps.putIfAbsent("storePathCommitLog", config.getStorePathCommitLog());
        }
        FlushMode mode = config.getFlushDiskType() == BrokerConfig.FlushDiskType.SYNC_FLUSH ? FlushMode.SYNC_FLUSH
                : FlushMode.ASYNC_FLUSH;
        return new StoreConfig(root, mode, config.getMappedFileSizeCommitLog(), config.getMappedFileSizeConsumeQueue(),
                config.getMaxMessageSize(), config.getSyncFlushTimeout(), config.getFlushIntervalCommitLog(),
                config.getFileReservedTime(), config.getDeleteWhen(), config.getDiskMaxUsedSpaceRatio(), storeProps);
    }

    private void registerProcessors() {
        ExecutorService send = pool("send", config.getSendMessageThreadPoolNums(), config.getSendThreadPoolQueueCapacity());
        ExecutorService pull = pool("pull", config.getPullMessageThreadPoolNums(), config.getPullThreadPoolQueueCapacity());
        ExecutorService query = pool("query", config.getQueryMessageThreadPoolNums(), 20_000);
        ExecutorService admin = pool("admin", config.getAdminBrokerThreadPoolNums(), 10_000);
        ExecutorService clientManage = pool("client", config.getClientManageThreadPoolNums(), 100_000);
        ExecutorService heartbeat = pool("heartbeat", config.getHeartbeatThreadPoolNums(), 50_000);
        ExecutorService consumerManage = pool("consumer", config.getConsumerManageThreadPoolNums(), 100_000);
        ExecutorService endTransaction = pool("transaction", config.getEndTransactionThreadPoolNums(), 100_000);

        MessageWriter writer = new MessageWriter(ctx);
        FilterCache filterCache = new FilterCache(ctx.filters());
        SendMessageProcessor sendProcessor = new SendMessageProcessor(ctx, writer, transactions);
        PullMessageProcessor pullProcessor = new PullMessageProcessor(ctx, hold, filterCache);
        hold.bind(pull, pullProcessor::rerun, store::maxOffset);

        register(sendProcessor, send, RequestCode.SEND_MESSAGE, RequestCode.SEND_MESSAGE_V2,
                RequestCode.SEND_BATCH_MESSAGE);
        register(new SendBackProcessor(ctx, writer), send, RequestCode.CONSUMER_SEND_MSG_BACK);
        register(new EndTransactionProcessor(ctx, writer, transactions), endTransaction, RequestCode.END_TRANSACTION);
        register(pullProcessor, pull, RequestCode.PULL_MESSAGE);
        register(new QueryMessageProcessor(ctx), query, RequestCode.QUERY_MESSAGE, RequestCode.VIEW_MESSAGE_BY_ID);
        ClientManageProcessor clientProcessor = new ClientManageProcessor(ctx, filterCache);
        register(clientProcessor, heartbeat, RequestCode.HEART_BEAT);
        register(clientProcessor, clientManage, RequestCode.UNREGISTER_CLIENT, RequestCode.CHECK_CLIENT_CONFIG);
        register(new ConsumerManageProcessor(ctx, new QueueResidency(ctx)), consumerManage,
                RequestCode.GET_CONSUMER_LIST_BY_GROUP, RequestCode.QUERY_CONSUMER_OFFSET,
                RequestCode.UPDATE_CONSUMER_OFFSET, RequestCode.LOCK_BATCH_MQ, RequestCode.UNLOCK_BATCH_MQ);
        register(new QueueOffsetProcessor(ctx), admin, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP,
                RequestCode.GET_MAX_OFFSET, RequestCode.GET_MIN_OFFSET, RequestCode.GET_EARLIEST_MSG_STORETIME);
        register(new TopicAdminProcessor(ctx), admin, RequestCode.UPDATE_AND_CREATE_TOPIC,
                RequestCode.DELETE_TOPIC_IN_BROKER, RequestCode.GET_ALL_TOPIC_CONFIG, RequestCode.GET_TOPIC_STATS_INFO,
                RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER);
        register(new GroupAdminProcessor(ctx, schedule), admin, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
                RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, RequestCode.DELETE_SUBSCRIPTIONGROUP,
                RequestCode.GET_CONSUME_STATS, RequestCode.GET_CONSUMER_CONNECTION_LIST,
                RequestCode.GET_PRODUCER_CONNECTION_LIST, RequestCode.GET_ALL_CONSUMER_OFFSET,
                RequestCode.GET_ALL_DELAY_OFFSET);
        register(new ClientAdminProcessor(ctx), admin, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET,
                RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS, RequestCode.GET_CONSUMER_RUNNING_INFO,
                RequestCode.CONSUME_MESSAGE_DIRECTLY);
        register(new BrokerAdminProcessor(ctx, BrokerConfigBinding.binder(config), () -> registrar.registerAsync()),
                admin, RequestCode.UPDATE_BROKER_CONFIG, RequestCode.GET_BROKER_CONFIG,
                RequestCode.GET_BROKER_RUNTIME_INFO);
        register(new ConsumeQueueQueryProcessor(ctx), admin, RequestCode.QUERY_CONSUME_QUEUE);
        register(new BrokerStatsProcessor(ctx), admin, RequestCode.VIEW_BROKER_STATS_DATA,
                RequestCode.GET_BROKER_CONSUME_STATS);
        register(new StoreMaintenanceProcessor(ctx), admin, RequestCode.DELETE_EXPIRED_COMMITLOG,
                RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE, RequestCode.CLEAN_UNUSED_TOPIC);
        filterServers = new FilterServerSupport(ctx, () -> {
            if (registrar != null) {
                registrar.registerAsync();
            }
        });
        register(filterServers.processor(), admin, RequestCode.REGISTER_FILTER_SERVER);
    }

    private void register(RequestProcessor p, ExecutorService executor, int... codes) {
        for (int code : codes) {
            server.registerProcessor(code, p, executor);
        }
    }

    private ExecutorService pool(String role, int threads, int capacity) {
        ThreadPoolExecutor e = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(capacity), new NamedThreadFactory(role, true));
        executors.add(e);
        return e;
    }

    private void startPeriodicTasks(ClientHousekeeping housekeeping) {
        scheduler = new ScheduledThreadPoolExecutor(2, new NamedThreadFactory("scheduler", true));
        long period = Math.max(10_000, Math.min(60_000, config.getRegisterNameServerPeriod()));
        scheduler.scheduleAtFixedRate(guard("register", registrar::registerAll), 10_000, period, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(guard("persist offsets", ctx.offsets()::persist),
                config.getFlushConsumerOffsetInterval(), config.getFlushConsumerOffsetInterval(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(guard("persist delay offsets", schedule::persist),
                config.getFlushDelayOffsetInterval(), config.getFlushDelayOffsetInterval(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(guard("client expiry",
                () -> housekeeping.scan(clock.millis() - config.getChannelExpiredTimeout())),
                HOUSEKEEPING_PERIOD_MILLIS, HOUSEKEEPING_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(guard("stats", ctx.stats()::sample), STATS_PERIOD_MILLIS, STATS_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private static Runnable guard(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("periodic task '{}' failed", what, e);
            }
        };
    }

    /** The address to register and write as store host: brokerIP1, else the first site-local IPv4 address. */
    static InetAddress resolveBrokerIp(String configured) {
        try {
            if (configured != null && !configured.isBlank()) {
                return InetAddress.getByName(configured.trim());
            }
            InetAddress fallback = null;
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback() || ni.isVirtual()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a.getAddress().length == 4) {
                        if (a.isSiteLocalAddress()) {
                            return a;
                        }
                        if (fallback == null) {
                            fallback = a;
                        }
                    }
                }
            }
            return fallback != null ? fallback : InetAddress.getLoopbackAddress();
        } catch (UnknownHostException | SocketException e) {
            throw new IllegalArgumentException("cannot resolve brokerIP1 '" + configured + "': " + e.getMessage(), e);
        }
    }

    /** Unregisters, stops serving, persists the tables and closes the store. Idempotent. */
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            awaitQuietly(scheduler);
        }
        Closeables.closeQuietly(filterServers);
        if (registrar != null) {
            registrar.unregisterAll();
        }
        Closeables.closeQuietly(server);
        Closeables.closeQuietly(hold);
        if (schedule != null) {
            schedule.shutdown(Duration.ofSeconds(5));
        }
        if (transactionCheck != null) {
            transactionCheck.shutdown(Duration.ofSeconds(5));
        }
        for (ExecutorService e : executors) {
            e.shutdownNow();
        }
        for (ExecutorService e : executors) {
            awaitQuietly(e);
        }
        if (ctx != null) {
            persistQuietly("consumer offsets", ctx.offsets()::persist);
            persistQuietly("topics", ctx.topics()::persist);
            persistQuietly("subscription groups", ctx.groups()::persist);
        }
        Closeables.closeQuietly(registrar);
        Closeables.closeQuietly(client);
        Closeables.closeQuietly(store);
        LOG.info("broker {} stopped", config.getBrokerName());
    }

    private static void awaitQuietly(ExecutorService e) {
        try {
            if (!e.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("executor {} did not stop within 5 s", e);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private static void persistQuietly(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("cannot persist {} at shutdown: {}", what, e.toString());
        }
    }
}
